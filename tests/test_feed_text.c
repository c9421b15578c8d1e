/*
 * test_feed_text.c — the plain-text agenda (DESIGN.md section 6) as a table of inputs and
 * the events they give (or the error), then the reference agenda as published.
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"
#include "feed_summary.h"
#include "file.h"

static const struct {
	const char *name, *zone, *input;
	const char *events;	/* feed_summary() text, or NULL when an error is expected */
	int error_line;		/* the error's line when events is NULL */
} rows[] = {
	{"basic", "Europe/London",
	 "10 December, 2018\n14.15 – 14.45      Registration\n",
	 "2018-12-10T14:15Z/2018-12-10T14:45Z  | Registration |\n"},
	{"colon times, hyphen", "Europe/London",
	 "2018-12-10\n14:15 - 14:45 Registration\n",
	 "2018-12-10T14:15Z/2018-12-10T14:45Z  | Registration |\n"},
	{"am/pm and 'to'", "UTC",
	 "December 10, 2018\n2:15 pm to 3 pm  Tea\n9.30am—10.15am Coffee\n",
	 "2018-12-10T09:30Z/2018-12-10T10:15Z  | Coffee |\n"
	 "2018-12-10T14:15Z/2018-12-10T15:00Z  | Tea |\n"},
	{"meridiem lent to the start", "UTC",
	 "2018-12-10\n10.00 - 11.30am Early\n11:30 - 1:00 pm Across noon\n",
	 "2018-12-10T10:00Z/2018-12-10T11:30Z  | Early |\n"
	 "2018-12-10T11:30Z/2018-12-10T13:00Z  | Across noon |\n"},
	{"weekday date, em dash, CRLF, BOM", "UTC",
	 "\xEF\xBB\xBFMonday 10 December 2018\r\n09:00 — 10:00   Opening\r\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Opening |\n"},
	{"ordinal date with weekday comma", "UTC",
	 "Monday, December 10th, 2018\n09:00 - 10:00 Opening\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Opening |\n"},
	{"end before start is the next day", "UTC",
	 "2018-12-10\n23:30 - 00:30 Night owls\n",
	 "2018-12-10T23:30Z/2018-12-11T00:30Z  | Night owls |\n"},
	{"time range without a title is not a session", "UTC",
	 "10 December, 2018\n2:15 pm - 6:00 pm\n\n14.15 – 14.45  Registration\n",
	 "2018-12-10T14:15Z/2018-12-10T14:45Z  | Registration |\n"},
	{"speakers: bullets, text before the first comma, prose ignored", "UTC",
	 "2018-12-10\n14.45 – 15.00  Welcome\n\n  • Andrew Haldenby, Director, Reform\n"
	 "Some prose, with commas.\nSpeakers included:\n  - Rupert Soames OBE, Serco\n"
	 "  * Ada Lovelace\n  · Grace Hopper, Navy\n",
	 "2018-12-10T14:45Z/2018-12-10T15:00Z  | Welcome | Andrew Haldenby; Rupert Soames OBE; "
	 "Ada Lovelace; Grace Hopper\n"},
	{"bullets before any session are prose", "UTC",
	 "2018-12-10\n• Not a speaker, really\n09:00 - 10:00 Opening\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Opening |\n"},
	{"rooms, reset by a date line", "UTC",
	 "2018-12-10\nRoom: Main hall\n09:00 - 10:00 A\nLocation: Side room\n09:00 - 10:00 B\n"
	 "2018-12-11\n09:00 - 10:00 C\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z Main hall | A |\n"
	 "2018-12-10T09:00Z/2018-12-10T10:00Z Side room | B |\n"
	 "2018-12-11T09:00Z/2018-12-11T10:00Z  | C |\n"},
	{"local time in a zone with DST", "Europe/London",
	 "2019-07-01\n09:00 - 10:00 Summer\n",
	 "2019-07-01T08:00Z/2019-07-01T09:00Z  | Summer |\n"},
	{"across the spring-forward gap (elapsed time)", "Europe/London",
	 "2019-03-31\n00:30 - 03:00 Night\n",
	 "2019-03-31T00:30Z/2019-03-31T02:00Z  | Night |\n"},
	{"half-hour zone", "Asia/Kolkata",
	 "2020-01-10\n09:30 - 10:15 Keynote\n",
	 "2020-01-10T04:00Z/2020-01-10T04:45Z  | Keynote |\n"},
	{"numbers in prose are not times", "UTC",
	 "2018-12-10\n90 per cent of data - 2 years\n2018 - 2019 retrospective\n"
	 "09:00 - 10:00 Real\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Real |\n"},
	/* error rows */
	{"no sessions at all", "UTC", "Just some prose.\nAnd more.\n", NULL, 0},
	{"sessions without a date line", "UTC", "Agenda\n09:00 - 10:00 Opening\n", NULL, 2},
	{"invalid times are prose", "UTC", "2018-12-10\n25:00 - 26:00 Nope\n", NULL, 0},
	{"invalid date is prose", "UTC", "31 February 2018\n09:00 - 10:00 Opening\n", NULL, 2},
};

static void test_table(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct tz *zone = tz_load(rows[i].zone, NULL);
		struct feed_options options = {.zone = zone};
		struct error err = {0};
		struct agenda *a = feed_parse(rows[i].input, strlen(rows[i].input), FEED_TEXT,
					      &options, NULL, &err);
		if (rows[i].events) {
			CHECK(a != NULL, "%s: %s", rows[i].name, err.message);
			if (a) {
				char got[2048];
				feed_summary(a, got, sizeof got);
				CHECK_STR(got, rows[i].events, "%s", rows[i].name);
			}
		} else {
			CHECK(a == NULL, "%s: should fail", rows[i].name);
			CHECK(err.message[0] != '\0', "%s: has a message", rows[i].name);
			CHECK(err.line == rows[i].error_line, "%s: line %d", rows[i].name, err.line);
		}
		agenda_destroy(a);
		tz_destroy(zone);
	}
}

/* The reference conference's page exactly as published (../shared/seed/). */
static int test_reference(void)
{
	struct error err = {0};
	size_t len;
	char *bytes = file_read(TEST_SHARED_DIR "/seed/000_7f8daefc18f8552d.txt", 1 << 20, &len, &err);
	if (!bytes) {
		printf("skipped: the reference agenda is not at %s/seed (%s)\n", TEST_SHARED_DIR,
		       err.message);
		return 77;
	}
	struct tz *zone = tz_load("Europe/London", NULL);
	struct feed_options options = {.zone = zone};
	enum feed_format detected;
	struct agenda *a = feed_parse(bytes, len, FEED_AUTO, &options, &detected, &err);
	CHECK(a != NULL, "parses: %s", err.message);
	CHECK(detected == FEED_TEXT, "detected as text");
	if (a) {
		char got[4096];
		feed_summary(a, got, sizeof got);
		CHECK_STR(got,
			  "2018-12-10T14:15Z/2018-12-10T14:45Z  | Registration |\n"
			  "2018-12-10T14:45Z/2018-12-10T15:00Z  | Welcome and introduction | "
			  "Andrew Haldenby; Rupert Soames OBE\n"
			  "2018-12-10T15:00Z/2018-12-10T16:00Z  | Panel one: Innovation, data and "
			  "digital in frontline public services | George Freeman MP; Devika Wood; "
			  "Nicolaus Henke; Lisa Barrett\n"
			  "2018-12-10T16:00Z/2018-12-10T16:15Z  | Break |\n"
			  "2018-12-10T16:15Z/2018-12-10T17:15Z  | Panel two: New models of public "
			  "service delivery | Professor Jo Pritchard MBE; Robert Pollock; Rob Owen "
			  "OBE; Sir Bernard Jenkin MP\n"
			  "2018-12-10T17:15Z/2018-12-10T17:30Z  | Closing remarks |\n"
			  "2018-12-10T17:30Z/2018-12-10T18:00Z  | Drinks reception and networking |\n",
			  "the reference agenda");
	}
	agenda_destroy(a);
	tz_destroy(zone);
	free(bytes);
	return -1;
}

int main(void)
{
	test_table();
	int reference = test_reference();
	int status = check_done();
	return status == 0 && reference == 77 ? 0 : status;
}
