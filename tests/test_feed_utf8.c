/*
 * test_feed_utf8.c — bytes that are not UTF-8, in a title and in a room name, become
 * U+FFFD as every reader reads them: the event and its room are kept, and every string of
 * the agenda is one jansson accepts (the state JSON and status.json carry the same text as
 * the screen).
 */
#include <jansson.h>
#include <stdlib.h>

#include "check.h"
#include "feed.h"

#define BAD_TITLE "Caf\xE9 \xC3( \xC0\xAF end"	/* Latin-1, a cut sequence, an overlong */
#define BAD_ROOM "Salle \xFF"
#define FFFD "\xEF\xBF\xBD"
#define GOOD_TITLE "Caf" FFFD " " FFFD "( " FFFD FFFD " end"
#define GOOD_ROOM "Salle " FFFD

static const struct {
	enum feed_format format;
	const char *input;
} rows[] = {
	{FEED_TEXT, "2018-12-10\nRoom: " BAD_ROOM "\n10.00 - 11.00  " BAD_TITLE "\n"},
	{FEED_CSV, "title,date,start,end,room\n" BAD_TITLE ",2018-12-10,10:00,11:00," BAD_ROOM "\n"},
	{FEED_HTML, "<p>2018-12-10</p><p>Room: " BAD_ROOM "</p><p>10.00 - 11.00  " BAD_TITLE "</p>"},
	{FEED_FRAB_XML,
	 "<?xml version='1.0' encoding='UTF-8'?><schedule><day date='2018-12-10'><room name='"
	 BAD_ROOM "'><event guid='g1'><date>2018-12-10T10:00:00Z</date><duration>01:00"
	 "</duration><title>" BAD_TITLE "</title></event></room></day></schedule>"},
	{FEED_PENTABARF,
	 "<schedule><day date='2018-12-10'><room name='" BAD_ROOM "'><event id='1'>"
	 "<start>10:00</start><duration>01:00</duration><title>" BAD_TITLE "</title></event>"
	 "</room></day></schedule>"},
	{FEED_FRAB_JSON,
	 "{\"schedule\": {\"conference\": {\"days\": [{\"date\": \"2018-12-10\", \"rooms\": {\""
	 BAD_ROOM "\": [{\"guid\": \"g1\", \"title\": \"" BAD_TITLE "\", \"date\": "
	 "\"2018-12-10T10:00:00Z\", \"duration\": \"01:00\"}]}}]}}}"},
	{FEED_SESSIONIZE,
	 "[{\"groupName\": \"All\", \"sessions\": [{\"id\": \"1\", \"title\": \"" BAD_TITLE
	 "\", \"startsAt\": \"2018-12-10T10:00:00\", \"endsAt\": \"2018-12-10T11:00:00\", "
	 "\"room\": \"" BAD_ROOM "\"}]}]"},
	{FEED_ICAL,
	 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	 "SUMMARY:" BAD_TITLE "\r\nLOCATION:" BAD_ROOM "\r\nDTSTART:20181210T100000Z\r\n"
	 "DTEND:20181210T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
};

static bool json_accepts(const char *s)
{
	json_t *j = json_string(s);
	json_decref(j);
	return j != NULL;
}

int main(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct feed_options options = {.zone = utc};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const char *name = feed_format_name(rows[i].format);
		struct error err = {0};
		enum feed_format detected;
		struct agenda *a = feed_parse(rows[i].input, strlen(rows[i].input), FEED_AUTO,
					      &options, &detected, &err);
		CHECK(detected == rows[i].format, "%s: detected as %s", name,
		      feed_format_name(detected));
		CHECK(a && a->n_events == 1, "%s: %d: %s", name, err.line, err.message);
		if (!a || a->n_events != 1) {
			agenda_destroy(a);
			continue;
		}
		const struct event *ev = &a->events[0];
		CHECK_STR(ev->title, GOOD_TITLE, "%s: title", name);
		CHECK_STR(ev->room, GOOD_ROOM, "%s: room", name);
		CHECK(a->n_rooms == 1 && !strcmp(a->rooms[0], GOOD_ROOM), "%s: the room list", name);
		CHECK(json_accepts(ev->title) && json_accepts(ev->room) && json_accepts(ev->id),
		      "%s: jansson takes every string", name);
		agenda_destroy(a);
	}
	/* A Latin-1 XML document says so and is decoded, not replaced. */
	const char *latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><schedule><day "
			     "date='2018-12-10'><room name='A'><event guid='g'><date>"
			     "2018-12-10T10:00:00Z</date><duration>01:00</duration><title>Caf\xE9"
			     "</title></event></room></day></schedule>";
	struct error err = {0};
	struct agenda *a = feed_parse(latin1, strlen(latin1), FEED_AUTO, &options, NULL, &err);
	CHECK(a && a->n_events == 1 && !strcmp(a->events[0].title, "Caf\xC3\xA9"),
	      "a declared Latin-1 document: %s", a && a->n_events ? a->events[0].title : err.message);
	agenda_destroy(a);
	tz_destroy(utc);
	return check_done();
}
