/*
 * test_feed_detect.c — auto-detection by content (feed_detect): small documents of every
 * format and its look-alikes, then every real feed in the shared folder (those rows are
 * skipped, and said so, when the folder is absent).
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"

static const struct {
	const char *name;
	const char *bytes;
	enum feed_format want;
} rows[] = {
	{"empty", "", FEED_AUTO},
	{"white space only", " \n\t\r\n", FEED_AUTO},
	{"iCalendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", FEED_ICAL},
	{"iCalendar, lower case, BOM", "\xEF\xBB\xBF" "begin:vcalendar\n", FEED_ICAL},
	{"frab: guid", "<?xml version='1.0'?>\n<schedule><day><room><event guid='x' id='1'>",
	 FEED_FRAB_XML},
	{"frab: <date> only", "<schedule><day><room><event id='1'><date>2020-01-01T10:00:00Z</date>",
	 FEED_FRAB_XML},
	{"frab: time_zone_name", "<schedule><conference><time_zone_name>Europe/Berlin"
	 "</time_zone_name></conference>", FEED_FRAB_XML},
	{"frab after a comment and a DOCTYPE",
	 "<?xml version='1.0'?>\n<!-- generated <schedule> -->\n<!DOCTYPE schedule>\n"
	 "<schedule><event guid='1'/>", FEED_FRAB_XML},
	{"a DOCTYPE with an internal subset",
	 "<?xml version='1.0'?>\n<!DOCTYPE schedule [\n<!ENTITY a \"x\">\n<!ENTITY b \"&a;&a;\">\n]>\n"
	 "<schedule><day><room><event guid='1'><title>&b;</title>", FEED_FRAB_XML},
	{"Pentabarf: no guid, no date",
	 "<?xml version=\"1.0\"?>\n<schedule>\n<conference><day_change>09:00:00</day_change>"
	 "</conference><day date=\"2020-02-01\"><room name=\"Janson\"><event id=\"1\">"
	 "<start>09:30</start>", FEED_PENTABARF},
	{"XML that is not a schedule", "<?xml version='1.0'?><rss><channel><title>schedule"
	 "</title><schedule/></channel></rss>", FEED_AUTO},
	{"XML: a root named like it", "<schedules><event guid='1'/></schedules>", FEED_AUTO},
	{"XML: an unterminated comment", "<!-- <schedule>", FEED_AUTO},
	{"c3voc schedule.json", "{\n  \"$schema\": \"x\",\n  \"schedule\": {\"version\": \"1\", "
	 "\"conference\": {\"acronym\": \"rc3\"}}}", FEED_FRAB_JSON},
	{"schedule.json with spaces before colons", "{\"schedule\" : {\"conference\" :{}}}",
	 FEED_FRAB_JSON},
	{"\"schedule\" as a value is not schedule.json",
	 "{\"sessions\": [{\"title\": \"schedule\", \"startsAt\": \"2020-02-01T09:00:00\"}]}",
	 FEED_SESSIONIZE},
	{"Sessionize All view", "\xEF\xBB\xBF{\"sessions\":[{\"id\":\"1\",\"startsAt\":null}]}",
	 FEED_SESSIONIZE},
	{"Sessionize Sessions view", "[{\"groupId\":null,\"sessions\":[{\"startsAt\":"
	 "\"2020-02-01T09:00:00\"}]}]", FEED_SESSIONIZE},
	{"a JSON schema of schedule.json is not one", "{\"$schema\": \"x\", \"properties\": "
	 "{\"schedule\": {\"properties\": {\"conference\": {}}}}}", FEED_AUTO},
	{"escaped quotes do not end a string", "{\"x\": \"\\\"}\", \"schedule\": 1, \"conference\": 2}",
	 FEED_FRAB_JSON},
	{"JSON that is neither", "{\"events\": []}", FEED_AUTO},
	{"CSV header", "Title,Start,End,Room\nWelcome,09:00,09:30,Hall\n", FEED_CSV},
	{"CSV header, semicolons, quoted", "\"title\";\"start\";\"duration\"\r\n", FEED_CSV},
	{"plain text agenda", "10 December, 2018\n14.45 - 15.00 Welcome\n", FEED_TEXT},
};

static const struct {
	const char *path;	/* under TEST_SHARED_DIR */
	enum feed_format want;
} files[] = {
	{"feeds/frab-xml/31c3-schedule.xml", FEED_FRAB_XML},
	{"feeds/pentabarf/fosdem-2020.xml", FEED_PENTABARF},
	{"feeds/frab-json/pretalx-rc3.json", FEED_FRAB_JSON},
	{"feeds/sessionize/orlandocodecamp2020-All.json", FEED_SESSIONIZE},
	{"feeds/ical/linux_conf_au_2020.ics", FEED_ICAL},
	{"feeds/ical/collective-x_location.ics", FEED_ICAL},
	{"feeds/ical/collective-issue_836_do_not_quote_tzid.ics", FEED_ICAL},
	{"feeds/ical/collective-issue_165_missing_event.ics", FEED_ICAL},
	{"feeds/frab-xml/schedule.xml.xsd", FEED_AUTO},	/* XML, not a schedule */
	{"feeds/frab-json/schema.json", FEED_AUTO},	/* JSON, not a schedule */
	{"seed/000_7f8daefc18f8552d.txt", FEED_TEXT},
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *bytes = malloc((size_t)size + 1);
	*len = fread(bytes, 1, (size_t)size, f);
	fclose(f);
	return bytes;
}

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		enum feed_format got = feed_detect(rows[i].bytes, strlen(rows[i].bytes));
		CHECK(got == rows[i].want, "%s: %s, want %s", rows[i].name, feed_format_name(got),
		      feed_format_name(rows[i].want));
	}
	size_t skipped = 0;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", TEST_SHARED_DIR, files[i].path);
		size_t len;
		char *bytes = read_file(path, &len);
		if (!bytes) {
			skipped++;
			continue;
		}
		enum feed_format got = feed_detect(bytes, len);
		CHECK(got == files[i].want, "%s: %s, want %s", files[i].path, feed_format_name(got),
		      feed_format_name(files[i].want));
		free(bytes);
	}
	if (skipped)
		printf("%zu real feeds not found under %s: not checked\n", skipped, TEST_SHARED_DIR);
	return check_done();
}
