/*
 * test_feed_frab_json.c — table tests for the c3voc schedule.json reader: one row per quirk
 * (dates with offsets, start + duration on the conference day, durations in every form,
 * end, persons, ids, the feed's own zone) and the error rows (malformed JSON with line and
 * column, not a schedule, events dropped with a warning); then schedule 2.0's (the CCC
 * hub's one list of events, rooms and tracks by reference, participants, states).
 */
#include "feed_test.h"
#include "feed_time.h"

/* A schedule with the given conference members and days. */
#define SCHEDULE(conference, days)                                                     \
	"{\"schedule\": {\"version\": \"1\", \"conference\": {\"title\": \"T\", " conference \
	" \"days\": [" days "]}}}"
/* A conference day of 2020-12-27 that starts at 06:00, with the given rooms object body. */
#define DAY(rooms)                                                                      \
	"{\"index\": 1, \"date\": \"2020-12-27\", \"day_start\": "                        \
	"\"2020-12-27T06:00:00+01:00\", \"day_end\": \"2020-12-28T05:59:00+01:00\", "      \
	"\"rooms\": {" rooms "}}"
/* An event with a title and the given other members. */
#define EVENT(title, members) "{\"title\": \"" title "\", " members "}"
/* A schedule 2.0 document: conference members (rooms, tracks) and the events list. */
#define SCHEDULE2(conference, events)                                                  \
	"{\"schedule\": {\"version\": \"1\", \"conference\": {\"acronym\": \"t24\", "        \
	"\"title\": \"T\", \"days\": [], " conference "}, \"events\": [" events "]}}"
#define ROOMS2                                                                          \
	"\"rooms\": [{\"name\": \"Saal 1\", \"guid\": \"r-1\", \"slug\": \"saal-1\"}, "       \
	"{\"name\": \"Saal 2\", \"guid\": \"r-2\", \"slug\": \"saal-2\"}], "                   \
	"\"tracks\": [{\"name\": \"Security\", \"slug\": \"security\"}]"

static const struct feed_row rows[] = {
	{"date with an offset is the start; duration HH:MM", FEED_FRAB_JSON, "Europe/Berlin",
	 SCHEDULE("", DAY("\"Hall 1\": [" EVENT("Talk", "\"guid\": \"g-1\", \"id\": 7, "
					   "\"date\": \"2020-12-27T11:30:00+01:00\", "
					   "\"start\": \"11:30\", \"duration\": \"00:40\"") "]")),
	 .events = "2020-12-27T11:30/2020-12-27T12:10 Talk",
	 .fields = "id=g-1|room=Hall 1|subtitle=|track=|speakers=|status=scheduled|flags="},
	{"an offset in date wins over the venue zone", FEED_FRAB_JSON, "Europe/London",
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T11:30:00+01:00\", "
					     "\"duration\": \"00:30\"") "]")),
	 .events = "2020-12-27T10:30/2020-12-27T11:00 T"},
	{"date without an offset is venue time", FEED_FRAB_JSON, "America/New_York",
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T11:30:00\", "
					     "\"duration\": \"00:30\"") "]")),
	 .events = "2020-12-27T11:30/2020-12-27T12:00 T"},
	{"no date: start on the day's date", FEED_FRAB_JSON, "Europe/Berlin",
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"start\": \"10:00\", \"duration\": \"01:00\"")
			  "]")),
	 .events = "2020-12-27T10:00/2020-12-27T11:00 T"},
	{"no date: a start before day_start is after midnight", FEED_FRAB_JSON, "Europe/Berlin",
	 SCHEDULE("", DAY("\"R\": [" EVENT("Late", "\"start\": \"01:30\", \"duration\": \"01:00\"")
			  ", " EVENT("Early", "\"start\": \"23:30\", \"duration\": \"01:00\"") "]")),
	 .events = "2020-12-27T23:30/2020-12-28T00:30 Early\n"
		   "2020-12-28T01:30/2020-12-28T02:30 Late"},
	{"the feed's time_zone_name wins over the venue zone", FEED_FRAB_JSON, "Europe/Berlin",
	 SCHEDULE("\"time_zone_name\": \"America/New_York\",",
		  DAY("\"R\": [" EVENT("T", "\"start\": \"10:00\", \"duration\": \"1:00\"") "]")),
	 .events = "2020-12-27T16:00/2020-12-27T17:00 T"},
	{"an unknown time_zone_name falls back to the venue zone", FEED_FRAB_JSON,
	 "Europe/Berlin",
	 SCHEDULE("\"time_zone_name\": \"Mars/Olympus_Mons\",",
		  DAY("\"R\": [" EVENT("T", "\"start\": \"10:00\", \"duration\": \"1:00\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T11:00 T", .warnings = 1,
	 .warning = "Mars/Olympus_Mons"},
	{"duration H:MM", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"duration\": \"1:30\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T11:30 T"},
	{"duration HH:MM:SS", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"duration\": \"01:30:30\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T11:30 T"},
	{"duration D:HH:MM (pretalx, a day or more)", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"duration\": \"1:02:00\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-28T12:00 T"},
	{"end wins over duration", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"end\": \"2020-12-27T10:45:00Z\", "
					     "\"duration\": \"01:00\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:45 T"},
	{"members in any order, nulls where the schema allows them", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [{\"persons\": [], \"duration\": \"00:10\", \"track\": null, "
			  "\"subtitle\": null, \"id\": 42, \"title\": \"T\", "
			  "\"date\": \"2020-12-27T10:00:00Z\", \"room\": \"ignored\"}]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T",
	 .fields = "id=42|room=R|subtitle=|track=|speakers=|status=scheduled|flags="},
	{"persons by public_name or name; track and subtitle", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"guid\": \"abc\", \"subtitle\": \"Sub\", "
					     "\"track\": \"Security\", "
					     "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"duration\": \"00:10\", \"persons\": ["
					     "{\"id\": 1, \"public_name\": \"Ada\"}, "
					     "{\"name\": \"Grace\"}, {\"id\": 3}, \"Linus\"]") "]")),
	 .fields = "id=abc|room=R|subtitle=Sub|track=Security|speakers=Ada;Grace;Linus|"
		   "status=scheduled|flags="},
	{"rooms listed by the conference come first, in its order", FEED_FRAB_JSON, NULL,
	 SCHEDULE("\"rooms\": [{\"name\": \"Empty\"}, {\"name\": \"B\"}],",
		  DAY("\"A\": [" EVENT("In A", "\"date\": \"2020-12-27T10:00:00Z\", "
					      "\"duration\": \"00:10\"") "], "
		      "\"B\": [" EVENT("In B", "\"date\": \"2020-12-27T11:00:00Z\", "
					      "\"duration\": \"00:10\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 In A\n2020-12-27T11:00/2020-12-27T11:10 In B"},
	{"a UTF-8 BOM", FEED_FRAB_JSON, NULL,
	 "\xEF\xBB\xBF" SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
								"\"duration\": \"00:10\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T"},
	{"a local start in the spring-forward gap is moved, with a warning", FEED_FRAB_JSON,
	 "Europe/Berlin",
	 SCHEDULE("", "{\"date\": \"2021-03-28\", \"rooms\": {\"R\": ["
		  EVENT("T", "\"start\": \"02:30\", \"duration\": \"00:30\"") "]}}"),
	 .events = "2021-03-28T03:00/2021-03-28T03:30 T", .warnings = 1, .warning = "never"},
	{"detected without --format", FEED_AUTO, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", "
					     "\"duration\": \"00:10\"") "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T"},

	/* Events dropped with a warning; the rest of the feed stands. */
	{"an event without a start is dropped with a warning", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", "{\"rooms\": {\"R\": [" EVENT("No start", "\"duration\": \"00:10\"") ", "
		  EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", \"duration\": \"00:10\"") "]}}"),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T", .warnings = 1,
	 .warning = "\"No start\" (day ?): no start"},
	{"a bad duration drops the event", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("Bad", "\"date\": \"2020-12-27T09:00:00Z\", "
					       "\"duration\": \"1:75\"") ", "
		      EVENT("Worse", "\"date\": \"2020-12-27T09:00:00Z\", \"duration\": \"ab\"")
		      ", " EVENT("Long", "\"date\": \"2020-12-27T09:00:00Z\", "
				 "\"duration\": \"999:00\"") ", "
		      EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", \"duration\": \"00:10\"")
		      "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T", .warnings = 3,
	 .warning = "bad duration \"1:75\""},
	{"an end before the start drops the event", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("Bad", "\"date\": \"2020-12-27T09:00:00Z\", "
					       "\"end\": \"2020-12-27T08:00:00Z\"") ", "
		      EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", \"duration\": \"00:10\"")
		      "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T", .warnings = 1, .warning = "bad end"},
	{"neither end nor duration", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("Bad", "\"date\": \"2020-12-27T09:00:00Z\"") ", "
		      EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", \"duration\": \"00:10\"")
		      "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T", .warnings = 1,
	 .warning = "neither end nor duration"},
	{"no title, a bad date, an event that is not an object", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [{\"date\": \"2020-12-27T09:00:00Z\", \"duration\": \"00:10\"}, "
		      EVENT("Bad date", "\"date\": \"yesterday\", \"duration\": \"00:10\"") ", 5, "
		      EVENT("T", "\"date\": \"2020-12-27T10:00:00Z\", \"duration\": \"00:10\"")
		      "]")),
	 .events = "2020-12-27T10:00/2020-12-27T10:10 T", .warnings = 3,
	 .warning = "bad date \"yesterday\""},

	/* Errors: the whole feed is refused. */
	{"malformed JSON names line and column", FEED_FRAB_JSON, NULL,
	 "{\n  \"schedule\": {\n    \"conference\": {\"days\": [1,,2]}\n  }\n}\n",
	 .error = "unexpected token", .line = 3, .column = 31},
	{"truncated JSON", FEED_FRAB_JSON, NULL, "{\"schedule\": {\"conference\": {\"days\": [",
	 .error = "", .line = 1, .column = 38},
	{"JSON that is not a schedule", FEED_FRAB_JSON, NULL, "{\"sessions\": []}",
	 .error = "not a schedule.json"},
	{"days that are not an array", FEED_FRAB_JSON, NULL,
	 "{\"schedule\": {\"conference\": {\"days\": {}}}}", .error = "not a schedule.json"},
	{"a schedule whose only event has no start", FEED_FRAB_JSON, NULL,
	 SCHEDULE("", DAY("\"R\": [" EVENT("No start", "\"duration\": \"00:10\"") "]")),
	 .error = "no sessions"},
	{"schedule 2.0: start and end with offsets, room and track by reference, speakers",
	 FEED_AUTO, "Europe/London",
	 SCHEDULE2(ROOMS2, "{\"guid\": \"e-1\", \"code\": \"ABC\", \"type\": \"TALK\", "
		   "\"title\": \"Talk\", \"subtitle\": \"Sub\", \"start\": "
		   "\"2024-12-27T11:00:00+01:00\", \"end\": \"2024-12-27T11:40:00+01:00\", "
		   "\"room\": {\"guid\": \"r-2\"}, \"track\": {\"slug\": \"security\"}, "
		   "\"participants\": [{\"name\": \"Ada\", \"role\": \"SPEAKER\"}, {\"name\": "
		   "\"Bo\", \"role\": \"CONTRIBUTOR\"}, {\"name\": \"Cy\", \"role\": "
		   "\"MODERATOR\"}], \"url\": \"https://example.org/e/1\"}"),
	 .events = "2024-12-27T10:00/2024-12-27T10:40 Talk",
	 .fields = "id=e-1|room=Saal 2|subtitle=Sub|track=Security|speakers=Ada;Cy|"
		   "status=scheduled|flags=", .warnings = 0},
	{"schedule 2.0: a room named inline; the conference's rooms listed first",
	 FEED_SCHEDULE2, NULL,
	 SCHEDULE2(ROOMS2, "{\"title\": \"In 2\", \"start\": \"2024-12-27T11:00:00Z\", \"end\": "
		   "\"2024-12-27T12:00:00Z\", \"room\": {\"name\": \"Saal 2\"}}"),
	 .events = "2024-12-27T11:00/2024-12-27T12:00 In 2",
	 .fields = "id=|room=Saal 2|subtitle=|track=|speakers=|status=scheduled|flags="},
	{"schedule 2.0: a BREAK without a room is everywhere; CANCELED; DELETED left out",
	 FEED_SCHEDULE2, NULL,
	 SCHEDULE2(ROOMS2, "{\"type\": \"BREAK\", \"title\": \"Lunch\", \"start\": "
		   "\"2024-12-27T12:00:00Z\", \"end\": \"2024-12-27T13:00:00Z\"}, {\"title\": "
		   "\"Off\", \"state\": \"CANCELED\", \"start\": \"2024-12-27T13:00:00Z\", \"end\": "
		   "\"2024-12-27T14:00:00Z\", \"room\": {\"name\": \"Saal 1\"}}, {\"title\": "
		   "\"Gone\", \"state\": \"DELETED\", \"start\": \"2024-12-27T13:00:00Z\", "
		   "\"end\": \"2024-12-27T14:00:00Z\"}"),
	 .events = "2024-12-27T12:00/2024-12-27T13:00 Lunch\n"
		   "2024-12-27T13:00/2024-12-27T14:00 Off (cancelled)",
	 .fields = "id=|room=|subtitle=|track=|speakers=|status=scheduled|flags=everywhere",
	 .warnings = 1, .warning = "DELETED"},
	{"schedule 2.0: times without an offset are the conference's zone; no end skipped",
	 FEED_SCHEDULE2, "Europe/London",
	 SCHEDULE2("\"time_zone_name\": \"Europe/Berlin\"",
		   "{\"title\": \"Local\", \"start\": \"2024-12-27T11:00:00\", \"end\": "
		   "\"2024-12-27T12:00:00\"}, {\"title\": \"No end\", \"start\": "
		   "\"2024-12-27T11:00:00Z\"}"),
	 .events = "2024-12-27T10:00/2024-12-27T11:00 Local", .warnings = 1,
	 .warning = "no usable end"},
	{"schedule 2.0 without its events list", FEED_SCHEDULE2, NULL,
	 "{\"schedule\": {\"version\": \"1\", \"conference\": {\"days\": []}}}",
	 .error = "no schedule.events array"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		feed_test_row(&rows[i]);

	/* The duration forms on their own, including the ones frab and pretalx never write. */
	static const struct {
		const char *text;
		long seconds;
	} durations[] = {
		{"0:45", 2700},	      {"00:45", 2700},	     {"1:30", 5400},
		{"01:30:00", 5400},   {"00:25:30", 1530},    {"1:02:30", 95400},
		{"2:00:00", 172800},  {"0:45:00", 2700},     {"1:30:00", 5400},
		{" 00:30 ", 1800},    {"100:00", 360000},    {"1:75", -1},
		{"1", -1},	      {"", -1},		     {"1:2", -1},
		{"1:30:", -1},	      {"a:30", -1},	     {"1:30:00:00", -1},
		{"1000:00", -1},      {"00:60", -1},	     {"-1:00", -1},
	};
	for (size_t i = 0; i < sizeof durations / sizeof *durations; i++) {
		long got = feed_time_parse_duration(durations[i].text, strlen(durations[i].text));
		CHECK(got == durations[i].seconds, "duration \"%s\": %ld, want %ld",
		      durations[i].text, got, durations[i].seconds);
	}
	return check_done();
}
