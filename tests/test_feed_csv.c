/*
 * test_feed_csv.c — spreadsheet agendas (DESIGN.md section 6) as a table of inputs and the
 * events they give, the rows they drop, or the error.
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"
#include "feed_summary.h"

static const struct {
	const char *name, *input;
	const char *events;	/* feed_summary() text, or NULL when an error is expected */
	int error_line;
	size_t warnings;	/* rows dropped or fields questioned */
} rows[] = {
	{"date column, HH:MM, speakers",
	 "title,date,start,end,room,speakers\n"
	 "Opening,2018-12-10,09:00,09:30,Main hall,Ada Lovelace; Grace Hopper\n",
	 "2018-12-10T09:00Z/2018-12-10T09:30Z Main hall | Opening | Ada Lovelace; Grace Hopper\n",
	 0, 0},
	{"header any case and order, extra columns ignored",
	 "Room,START,Abstract,End,TITLE,Date\nSide,10:00,blah,11:00,Talk,2018-12-10\n",
	 "2018-12-10T10:00Z/2018-12-10T11:00Z Side | Talk |\n", 0, 0},
	{"full timestamps with offsets and Z",
	 "title,start,end\nA,2018-12-10 09:00+01:00,2018-12-10T10:00:00+01:00\n"
	 "B,2018-12-10T12:00Z,2018-12-10 13:00:30Z\n",
	 "2018-12-10T08:00Z/2018-12-10T09:00Z  | A |\n"
	 "2018-12-10T12:00Z/2018-12-10T13:00Z  | B |\n", 0, 0},
	{"full timestamps without offset are venue local (Europe/London in summer)",
	 "title,start,end\nA,2019-07-01 09:00,2019-07-01 10:00\n",
	 "2019-07-01T08:00Z/2019-07-01T09:00Z  | A |\n", 0, 0},
	{"duration forms",
	 "title,date,start,duration\nA,2018-12-10,09:00,0:45\nB,2018-12-10,10:00,90\n"
	 "C,2018-12-10,12:00,1h30m\n",
	 "2018-12-10T09:00Z/2018-12-10T09:45Z  | A |\n"
	 "2018-12-10T10:00Z/2018-12-10T11:30Z  | B |\n"
	 "2018-12-10T12:00Z/2018-12-10T13:30Z  | C |\n", 0, 0},
	{"HH:MM end before start is the next day",
	 "title,date,start,end\nLate,2018-12-10,23:30,00:30\n",
	 "2018-12-10T23:30Z/2018-12-11T00:30Z  | Late |\n", 0, 0},
	{"semicolon delimiter, quotes, BOM, CRLF",
	 "\xEF\xBB\xBFtitle;date;start;end;speakers\r\n"
	 "\"Data; \"\"the\"\" new oil?\";2018-12-10;09:00;10:00;\"Ann; Bo\"\r\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Data; \"the\" new oil? | Ann; Bo\n", 0, 0},
	{"quoted newline in a field keeps line numbers",
	 "title,date,start,end\n\"Two\nlines\",2018-12-10,09:00,10:00\nBad,2018-12-10,xx,10:00\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Two\nlines |\n", 0, 1},
	{"status column",
	 "title,date,start,end,status\nGone,2018-12-10,09:00,10:00,Cancelled\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Gone | [cancelled]\n", 0, 0},
	{"bad rows dropped with warnings, good rows kept",
	 "title,date,start,end\nGood,2018-12-10,09:00,10:00\nNo start,2018-12-10,,10:00\n"
	 "Bad date,10/12/2018,09:00,10:00\nBackwards,,2018-12-10 10:00,2018-12-10 09:00\n"
	 "No end,2018-12-10,09:00,\n,,,\n",
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | Good |\n", 0, 4},
	{"the night the clocks go forward: an HH:MM end is that time on the next date (2 h)",
	 "title,date,start,end\nLate,2019-03-30,23:05,02:05\n",
	 "2019-03-30T23:05Z/2019-03-31T01:05Z  | Late |\n", 0, 0},
	{"a local time in the gap is warned about, naming the line",
	 "title,date,start,end\nGood,2019-03-31,03:00,04:00\nGap,2019-03-31,01:30,03:00\n",
	 "2019-03-31T01:00Z/2019-03-31T02:00Z  | Gap |\n"
	 "2019-03-31T02:00Z/2019-03-31T03:00Z  | Good |\n", 0, 1},
	{"local times in the fold are warned about (start and end)",
	 "title,start,end\nTwice,2019-10-27 01:10,2019-10-27 01:50\n",
	 "2019-10-27T00:10Z/2019-10-27T00:50Z  | Twice |\n", 0, 2},
	/* error rows */
	{"no start column", "title,date,end\nA,2018-12-10,10:00\n", NULL, 1, 0},
	{"no title column", "name,start,end\nA,09:00,10:00\n", NULL, 1, 0},
	{"neither end nor duration", "title,start\nA,2018-12-10 09:00\n", NULL, 1, 0},
	{"unterminated quote", "title,date,start,end\n\"A,2018-12-10,09:00,10:00\n", NULL, 2, 0},
	{"HH:MM start without a date column", "title,start,end\nA,09:00,10:00\n", NULL, 2, 0},
	{"header only", "title,start,end\n", NULL, 0, 0},
};

int main(void)
{
	struct tz *zone = tz_load("Europe/London", NULL);
	struct feed_options options = {.zone = zone};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct error err = {0};
		struct agenda *a = feed_parse(rows[i].input, strlen(rows[i].input), FEED_CSV,
					      &options, NULL, &err);
		if (rows[i].events) {
			CHECK(a != NULL, "%s: %s", rows[i].name, err.message);
			if (a) {
				char got[2048];
				feed_summary(a, got, sizeof got);
				CHECK_STR(got, rows[i].events, "%s", rows[i].name);
				CHECK(a->n_warnings == rows[i].warnings, "%s: %zu warnings",
				      rows[i].name, a->n_warnings);
			}
		} else {
			CHECK(a == NULL, "%s: should fail", rows[i].name);
			CHECK(err.message[0] != '\0', "%s: has a message", rows[i].name);
			CHECK(err.line == rows[i].error_line, "%s: line %d (%s)", rows[i].name,
			      err.line, err.message);
		}
		agenda_destroy(a);
	}
	/* The night the clocks go back in New York: 23:40 (EST, after the change) to 00:10 on
	 * the next date is half an hour, not "ends before it starts". */
	struct tz *new_york = tz_load("America/New_York", NULL);
	struct feed_options ny = {.zone = new_york};
	const char *fall = "title,date,start,end\nLate,2018-11-04,23:40,00:10\n";
	struct error err = {0};
	struct agenda *a = feed_parse(fall, strlen(fall), FEED_CSV, &ny, NULL, &err);
	char got[256] = "";
	if (a)
		feed_summary(a, got, sizeof got);
	CHECK_STR(got, "2018-11-05T04:40Z/2018-11-05T05:10Z  | Late |\n", "New York, 2018-11-04: %s",
		  err.message);
	CHECK(a && a->n_warnings == 0, "New York, 2018-11-04: no warnings");
	agenda_destroy(a);
	tz_destroy(new_york);
	/* A warning names the line. */
	const char *gap = "title,date,start,end\nGap,2019-03-31,01:30,03:00\n";
	a = feed_parse(gap, strlen(gap), FEED_CSV, &options, NULL, &err);
	CHECK(a && a->n_warnings == 1 && a->warnings[0].line == 2, "gap warning at line 2");
	agenda_destroy(a);
	/* auto-detection picks CSV from the header, not from a file name */
	const char *csv = "Title,Start,End\nA,2018-12-10 09:00,2018-12-10 10:00\n";
	CHECK(feed_detect(csv, strlen(csv)) == FEED_CSV, "detect csv");
	const char *text = "2018-12-10\n09:00 - 10:00 A\n";
	CHECK(feed_detect(text, strlen(text)) == FEED_TEXT, "detect text");
	tz_destroy(zone);
	return check_done();
}
