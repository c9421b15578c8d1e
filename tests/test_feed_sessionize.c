/*
 * test_feed_sessionize.c — table tests for the Sessionize reader: the "All" view (speakers,
 * rooms and categories by id), the "Sessions" view (inline) and the "GridSmart" view, local times in the venue
 * zone, unscheduled sessions skipped with a warning, service and plenum sessions, a BOM,
 * and the error rows.
 */
#include "feed_test.h"

/* An "All" view with the given sessions and the usual rooms, speakers and categories. */
#define ALL(sessions)                                                                    \
	"{\"sessions\": [" sessions "], "                                                  \
	"\"speakers\": [{\"id\": \"s-1\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\", " \
	"\"fullName\": \"Ada Lovelace\"}, {\"id\": \"s-2\", \"firstName\": \"Grace\", "   \
	"\"lastName\": \"Hopper\"}], "                                                     \
	"\"rooms\": [{\"id\": 10, \"name\": \"Hall\", \"sort\": 0}, "                      \
	"{\"id\": 11, \"name\": \"Lab\", \"sort\": 1}], "                                  \
	"\"categories\": [{\"id\": 1, \"title\": \"Level\", \"items\": "                    \
	"[{\"id\": 100, \"name\": \"Expert\"}]}, {\"id\": 2, \"title\": \"Track\", "        \
	"\"items\": [{\"id\": 200, \"name\": \"Cloud\"}]}], \"questions\": []}"
#define SESSION(id, title, starts, ends, room, members)                                  \
	"{\"id\": \"" id "\", \"title\": \"" title "\", \"startsAt\": " starts              \
	", \"endsAt\": " ends ", \"roomId\": " room ", " members "}"
#define E10 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
#define E100 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10
#define PLAIN "\"isServiceSession\": false, \"isPlenumSession\": false, \"speakers\": []"

static const struct feed_row rows[] = {
	{"All view: speakers, room and track by id; local time", FEED_SESSIONIZE,
	 "America/New_York",
	 ALL(SESSION("7", "Talk", "\"2020-03-28T09:00:00\"", "\"2020-03-28T09:45:00\"", "11",
		     "\"isServiceSession\": false, \"isPlenumSession\": false, "
		     "\"speakers\": [\"s-1\", \"s-2\", \"s-unknown\"], "
		     "\"categoryItems\": [100, 200]")),
	 .events = "2020-03-28T09:00/2020-03-28T09:45 Talk",
	 .fields = "id=7|room=Lab|subtitle=|track=Cloud|speakers=Ada Lovelace;Grace Hopper|"
		   "status=scheduled|flags="},
	{"rooms keep the All view's order, a room without sessions too", FEED_SESSIONIZE, NULL,
	 ALL(SESSION("7", "In the lab", "\"2020-03-28T09:00:00\"", "\"2020-03-28T09:45:00\"",
		     "11", PLAIN)),
	 .events = "2020-03-28T09:00/2020-03-28T09:45 In the lab"},
	{"times in the DST week: after the change the offset is -04:00", FEED_SESSIONIZE,
	 "America/New_York",
	 ALL(SESSION("1", "Before", "\"2020-03-07T09:00:00\"", "\"2020-03-07T10:00:00\"", "10",
		     PLAIN) ", "
	     SESSION("2", "After", "\"2020-03-08T09:00:00\"", "\"2020-03-08T10:00:00\"", "10",
		     PLAIN)),
	 .events = "2020-03-07T09:00/2020-03-07T10:00 Before\n"
		   "2020-03-08T09:00/2020-03-08T10:00 After"},
	{"a plenum session is everywhere; a service session is ordinary", FEED_SESSIONIZE, NULL,
	 ALL(SESSION("k", "Keynote", "\"2020-03-28T08:00:00\"", "\"2020-03-28T09:00:00\"", "10",
		     "\"isServiceSession\": true, \"isPlenumSession\": true, \"speakers\": []")
	     ", " SESSION("l", "Lunch", "\"2020-03-28T12:00:00\"", "\"2020-03-28T13:00:00\"",
			  "11", "\"isServiceSession\": true, \"isPlenumSession\": false")),
	 .events = "2020-03-28T08:00/2020-03-28T09:00 Keynote\n"
		   "2020-03-28T12:00/2020-03-28T13:00 Lunch",
	 .fields = "id=k|room=Hall|subtitle=|track=|speakers=|status=scheduled|flags=everywhere"},
	{"unscheduled sessions are skipped with a warning", FEED_SESSIONIZE, NULL,
	 ALL(SESSION("a", "No time", "null", "null", "10", PLAIN) ", "
	     SESSION("b", "No end", "\"2020-03-28T08:00:00\"", "null", "10", PLAIN) ", "
	     SESSION("c", "No room", "\"2020-03-28T08:00:00\"", "\"2020-03-28T09:00:00\"",
		     "null", PLAIN) ", "
	     SESSION("d", "Unknown room", "\"2020-03-28T08:00:00\"", "\"2020-03-28T09:00:00\"",
		     "99", PLAIN) ", "
	     SESSION("e", "On", "\"2020-03-28T10:00:00\"", "\"2020-03-28T11:00:00\"", "10",
		     PLAIN)),
	 .events = "2020-03-28T10:00/2020-03-28T11:00 On", .warnings = 4,
	 .warning = "session a \"No time\" is not scheduled (no start)"},
	{"a session ending before it starts, a bad time, one without a title", FEED_SESSIONIZE,
	 NULL,
	 ALL(SESSION("a", "Backwards", "\"2020-03-28T09:00:00\"", "\"2020-03-28T08:00:00\"",
		     "10", PLAIN) ", "
	     SESSION("b", "Bad", "\"soon\"", "\"2020-03-28T08:00:00\"", "10", PLAIN) ", "
	     "{\"id\": \"c\", \"startsAt\": \"2020-03-28T08:00:00\", "
	     "\"endsAt\": \"2020-03-28T09:00:00\", \"roomId\": 10}, "
	     SESSION("e", "On", "\"2020-03-28T10:00:00\"", "\"2020-03-28T11:00:00\"", "10",
		     PLAIN)),
	 .events = "2020-03-28T10:00/2020-03-28T11:00 On", .warnings = 3,
	 .warning = "bad startsAt \"soon\""},
	{"Sessions view: speakers, room and categories inline", FEED_SESSIONIZE, "Europe/Berlin",
	 "[{\"groupId\": null, \"groupName\": \"All\", \"sessions\": [{\"id\": \"176149\", "
	 "\"title\": \"Talk\", \"description\": null, \"startsAt\": \"2020-10-25T02:30:00\", "
	 "\"endsAt\": \"2020-10-25T03:30:00\", \"isServiceSession\": false, "
	 "\"isPlenumSession\": false, \"speakers\": [{\"id\": \"x\", \"name\": \"Ada\"}], "
	 "\"categories\": [{\"id\": 1, \"name\": \"Track\", \"categoryItems\": "
	 "[{\"id\": 2, \"name\": \"Web\"}]}], \"roomId\": 5, \"room\": \"Hall\"}]}]",
	 .events = "2020-10-25T02:30/2020-10-25T03:30 Talk",
	 .fields = "id=176149|room=Hall|subtitle=|track=Web|speakers=Ada|status=scheduled|flags=",
	 .warnings = 1, .warning = "happens twice"},
	{"Sessions view: a room given as an object", FEED_SESSIONIZE, NULL,
	 "[{\"groupName\": \"A\", \"sessions\": [{\"id\": 1, \"title\": \"T\", "
	 "\"startsAt\": \"2020-03-28T10:00:00\", \"endsAt\": \"2020-03-28T10:30:00\", "
	 "\"room\": {\"id\": 3, \"name\": \"Lab\"}}]}, {\"groupName\": \"B\", \"sessions\": []}]",
	 .events = "2020-03-28T10:00/2020-03-28T10:30 T",
	 .fields = "id=1|room=Lab|subtitle=|track=|speakers=|status=scheduled|flags="},
	{"GridSmart view: sessions under their room, the room when the session names none",
	 FEED_AUTO, NULL,
	 "[{\"date\": \"2020-03-28T00:00:00\", \"rooms\": [{\"id\": 3, \"name\": \"Lab\", "
	 "\"sessions\": [{\"id\": \"9\", \"title\": \"T\", \"startsAt\": "
	 "\"2020-03-28T10:00:00\", \"endsAt\": \"2020-03-28T10:30:00\", \"speakers\": "
	 "[{\"id\": \"a\", \"name\": \"Ada\"}], \"categories\": [{\"name\": \"Track\", "
	 "\"categoryItems\": [{\"name\": \"Web\"}]}]}]}, {\"id\": 4, \"name\": \"Hall\", "
	 "\"sessions\": []}], \"timeSlots\": [{\"slotStart\": \"10:00:00\", \"rooms\": "
	 "[{\"id\": 3, \"session\": {\"id\": \"9\", \"startsAt\": \"2020-03-28T10:00:00\"}}]}]}]",
	 .events = "2020-03-28T10:00/2020-03-28T10:30 T",
	 .fields = "id=9|room=Lab|subtitle=|track=Web|speakers=Ada|status=scheduled|flags="},
	{"a UTF-8 BOM, detected without --format", FEED_AUTO, NULL,
	 "\xEF\xBB\xBF" ALL(SESSION("7", "T", "\"2020-03-28T09:00:00\"", "\"2020-03-28T09:45:00\"",
				     "10", PLAIN)),
	 .events = "2020-03-28T09:00/2020-03-28T09:45 T"},
	{"an offset, if given, is honoured", FEED_SESSIONIZE, "America/New_York",
	 ALL(SESSION("7", "T", "\"2020-03-28T13:00:00Z\"", "\"2020-03-28T13:45:00Z\"", "10",
		     PLAIN)),
	 .events = "2020-03-28T09:00/2020-03-28T09:45 T"},

	{"a speaker with a long non-ASCII name and no fullName", FEED_SESSIONIZE, NULL,
	 "{\"sessions\": [" SESSION("1", "T", "\"2020-03-28T09:00:00\"", "\"2020-03-28T09:45:00\"",
				   "10", "\"speakers\": [\"s\"]") "], "
	 "\"speakers\": [{\"id\": \"s\", \"firstName\": \"" E100 E100 E100 "\", "
	 "\"lastName\": \"X\"}], \"rooms\": [{\"id\": 10, \"name\": \"Hall\"}]}",
	 .fields = "id=1|room=Hall|subtitle=|track=|speakers=" E100 E100 E100 " X|status=scheduled|"
		   "flags="},
	{"malformed JSON names line and column", FEED_SESSIONIZE, NULL,
	 "{\"sessions\": [\n  {\"id\": \"1\" \"title\": \"T\"}\n]}",
	 .error = "'}' expected", .line = 2, .column = 20},
	{"JSON that is none of the views", FEED_SESSIONIZE, NULL, "{\"speakers\": []}",
	 .error = "not a Sessionize"},
	{"nothing scheduled at all", FEED_SESSIONIZE, NULL,
	 ALL(SESSION("a", "No time", "null", "null", "10", PLAIN)), .error = "no sessions"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		feed_test_row(&rows[i]);

	/* Rooms come in the All view's order, including one no session uses. */
	struct error err;
	struct tz *utc = tz_fixed("UTC", 0);
	const char *text = rows[1].text;
	struct agenda *agenda = feed_test_parse(text, strlen(text), FEED_SESSIONIZE, utc, NULL,
						&err);
	CHECK(agenda && agenda->n_rooms == 2, "rooms: %zu", agenda ? agenda->n_rooms : 0);
	if (agenda && agenda->n_rooms == 2) {
		CHECK_STR(agenda->rooms[0], "Hall", "room 1");
		CHECK_STR(agenda->rooms[1], "Lab", "room 2");
	}
	agenda_destroy(agenda);
	tz_destroy(utc);
	return check_done();
}
