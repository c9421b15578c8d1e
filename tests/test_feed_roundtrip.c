/*
 * test_feed_roundtrip.c — one small agenda written by hand in every format
 * (tests/data/roundtrip/agenda.*), each detected by content and read in the same venue
 * zone, must give the same now/next at every instant of roundtrip/agenda.expected.
 */
#include "feed_test.h"

static const struct {
	const char *file;
	enum feed_format format;	/* what detection must say */
} feeds[] = {
	{"agenda.txt", FEED_TEXT},
	{"agenda.csv", FEED_CSV},
	{"agenda.frab.xml", FEED_FRAB_XML},
	{"agenda.pentabarf.xml", FEED_PENTABARF},
	{"agenda.frab.json", FEED_FRAB_JSON},
	{"agenda.sessionize.json", FEED_SESSIONIZE},
	{"agenda.ics", FEED_ICAL},
};

int main(void)
{
	char expected[1024];
	snprintf(expected, sizeof expected, "%s/roundtrip/agenda.expected", TEST_DATA_DIR);
	for (size_t i = 0; i < sizeof feeds / sizeof *feeds; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/roundtrip/%s", TEST_DATA_DIR, feeds[i].file);
		size_t len;
		char *text = feed_test_read(path, &len);
		CHECK(text != NULL, "cannot read %s", path);
		if (text)
			CHECK(feed_detect(text, len) == feeds[i].format, "%s detected as %s",
			      feeds[i].file, feed_format_name(feed_detect(text, len)));
		free(text);
		feed_test_golden(expected, path);
	}
	return check_done();
}
