/*
 * test_feed_ical.c — table tests for the iCalendar reader: every kind of time (UTC, IANA
 * TZID, a TZID defined by the file's VTIMEZONE, an unknown TZID, floating, all-day), ends
 * (DTEND, DURATION, none), recurrences (RRULE with COUNT/UNTIL/no end, EXDATE,
 * RECURRENCE-ID, across DST), status, location, escaped and octet-folded text, and the
 * rows that drop an event or refuse the file.
 */
#include "feed_test.h"

#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//foyer//test//EN\r\n" body \
		  "END:VCALENDAR\r\n"
#define EVENT(body) "BEGIN:VEVENT\r\n" body "END:VEVENT\r\n"

/* Exchange's way to write US Eastern time, under a Windows zone name. */
#define EASTERN_VTIMEZONE                                                                \
	"BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n"                               \
	"BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\n"             \
	"TZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\n"       \
	"END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\n"                   \
	"TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"                                      \
	"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"             \
	"END:VTIMEZONE\r\n"

static const struct feed_row rows[] = {
	{"UTC times; SUMMARY, LOCATION, UID", FEED_ICAL, "Europe/London",
	 CAL(EVENT("UID:a@x\r\nSUMMARY:Talk\r\nLOCATION:Hall\r\n"
		   "DTSTART:20200701T090000Z\r\nDTEND:20200701T100000Z\r\n")),
	 .events = "2020-07-01T10:00/2020-07-01T11:00 Talk",
	 .fields = "id=a@x|room=Hall|subtitle=|track=|speakers=|status=scheduled|flags="},
	{"TZID with an IANA name and no VTIMEZONE", FEED_ICAL, "UTC",
	 CAL(EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART;TZID=Australia/Brisbane;VALUE=DATE-TIME:"
		   "20200113T090000\r\nDTEND;TZID=Australia/Brisbane:20200113T101000\r\n")),
	 .events = "2020-01-12T23:00/2020-01-13T00:10 T"},
	{"TZID with a path prefix before the IANA name", FEED_ICAL, "UTC",
	 CAL(EVENT("UID:a\r\nSUMMARY:T\r\n"
		   "DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/Europe/Berlin:"
		   "20200701T090000\r\nDURATION:PT1H\r\n")),
	 .events = "2020-07-01T07:00/2020-07-01T08:00 T"},
	{"TZID defined only by the file's VTIMEZONE (a Windows name)", FEED_ICAL, "UTC",
	 CAL(EASTERN_VTIMEZONE EVENT("UID:a\r\nSUMMARY:Summer\r\n"
				     "DTSTART;TZID=Eastern Standard Time:20241028T170000\r\n"
				     "DTEND;TZID=Eastern Standard Time:20241028T180000\r\n")
	     EVENT("UID:b\r\nSUMMARY:Winter\r\n"
		   "DTSTART;TZID=\"Eastern Standard Time\":20241104T170000\r\n"
		   "DTEND;TZID=\"Eastern Standard Time\":20241104T180000\r\n")),
	 .events = "2024-10-28T21:00/2024-10-28T22:00 Summer\n"
		   "2024-11-04T22:00/2024-11-04T23:00 Winter"},
	{"a TZID neither IANA nor defined is read as venue time, with one warning", FEED_ICAL,
	 "Europe/Berlin",
	 CAL(EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART;TZID=Somewhere Else:20200701T090000\r\n"
		   "DTEND;TZID=Somewhere Else:20200701T100000\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T10:00 T", .warnings = 1,
	 .warning = "\"Somewhere Else\" is neither", .warning_line = 4},
	{"floating times are venue time", FEED_ICAL, "America/New_York",
	 CAL(EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART:20200701T090000\r\nDTEND:20200701T093000\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:30 T"},
	{"floating times are in the calendar's X-WR-TIMEZONE when it names a zone", FEED_ICAL,
	 "Europe/Berlin",
	 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:America/New_York\r\n"
	 EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART:20200701T090000\r\nDTEND:20200701T093000\r\n")
	 "END:VCALENDAR\r\n",
	 .events = "2020-07-01T15:00/2020-07-01T15:30 T"},
	{"an unknown X-WR-TIMEZONE leaves floating times in the venue zone", FEED_ICAL,
	 "Europe/Berlin",
	 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Nowhere/Special\r\n"
	 EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART:20200701T090000\r\nDTEND:20200701T093000\r\n")
	 "END:VCALENDAR\r\n",
	 .events = "2020-07-01T09:00/2020-07-01T09:30 T", .warnings = 1,
	 .warning = "X-WR-TIMEZONE \"Nowhere/Special\" is not a known zone"},
	{"a floating time in the spring-forward gap is moved, with a warning", FEED_ICAL,
	 "Europe/London",
	 CAL(EVENT("UID:a\r\nSUMMARY:T\r\nDTSTART:20200329T013000\r\nDURATION:PT30M\r\n")),
	 .events = "2020-03-29T02:00/2020-03-29T02:30 T", .warnings = 1, .warning = "never"},
	{"an all-day event (DATE) is flagged; it lasts to DTEND or a day", FEED_ICAL,
	 "Europe/Berlin",
	 CAL(EVENT("UID:a\r\nSUMMARY:Day one\r\nDTSTART;VALUE=DATE:20200701\r\n")
	     EVENT("UID:b\r\nSUMMARY:Workshop days\r\nDTSTART;VALUE=DATE:20200702\r\n"
		   "DTEND;VALUE=DATE:20200704\r\n")),
	 .events = "2020-07-01T00:00/2020-07-02T00:00 Day one\n"
		   "2020-07-02T00:00/2020-07-04T00:00 Workshop days",
	 .fields = "id=a|room=|subtitle=|track=|speakers=|status=scheduled|flags=all_day"},
	{"DURATION instead of DTEND; neither: a moment", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Long\r\nDTSTART:20200701T090000Z\r\nDURATION:P1DT2H\r\n")
	     EVENT("UID:b\r\nSUMMARY:Moment\r\nDTSTART:20200701T100000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-02T11:00 Long\n2020-07-01T10:00/2020-07-01T10:00 Moment"},
	{"STATUS:CANCELLED; CATEGORIES as the track", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Off\r\nSTATUS:CANCELLED\r\nCATEGORIES:Kernel,Talks\r\n"
		   "DTSTART:20200701T090000Z\r\nDTEND:20200701T100000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T10:00 Off (cancelled)",
	 .fields = "id=a|room=|subtitle=|track=Kernel|speakers=|status=cancelled|flags="},
	{"escaped text; a multi-line LOCATION on one line", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Q\\, A\\; and more\\\\\r\n"
		   "LOCATION:Building 3\\nRoom 5\\n\r\n"
		   "DTSTART:20200701T090000Z\r\nDTEND:20200701T100000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T10:00 Q, A; and more\\",
	 .fields = "id=a|room=Building 3, Room 5|subtitle=|track=|speakers=|status=scheduled|"
		   "flags="},
	{"folded lines, one fold splitting a UTF-8 character; LF line ends", FEED_ICAL, NULL,
	 "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:Caf\xC3\n \xA9 au l\n\tait\n"
	 "LOCATION:Salle \xC3\xA9\xE2\x82\n \xAC\nDTSTART:20200701T090000Z\n"
	 "DTEND:20200701T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
	 .events = "2020-07-01T09:00/2020-07-01T10:00 Caf\xC3\xA9 au lait",
	 .fields = "id=a|room=Salle \xC3\xA9\xE2\x82\xAC|subtitle=|track=|speakers=|"
		   "status=scheduled|flags="},

	{"a LOCATION listing rooms of the calendar puts the event in each", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Talk A\r\nLOCATION:Arena\r\nDTSTART:20200701T090000Z\r\n")
	     EVENT("UID:b\r\nSUMMARY:Talk B\r\nLOCATION:Room 8\r\nDTSTART:20200701T090000Z\r\n")
	     EVENT("UID:c\r\nSUMMARY:Changeover\r\nLOCATION:Arena\\, Room 8\r\n"
		   "DTSTART:20200701T100000Z\r\nDURATION:PT10M\r\n")
	     EVENT("UID:d\r\nSUMMARY:Elsewhere\r\nLOCATION:Arena\\, Level 2\r\n"
		   "DTSTART:20200701T110000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:00 Talk A\n2020-07-01T09:00/2020-07-01T09:00 Talk B\n"
		   "2020-07-01T10:00/2020-07-01T10:10 Changeover\n"
		   "2020-07-01T10:00/2020-07-01T10:10 Changeover\n"
		   "2020-07-01T11:00/2020-07-01T11:00 Elsewhere"},

	/* Recurrences. */
	{"RRULE with COUNT, minus an EXDATE; ids carry the instance", FEED_ICAL, "Europe/Berlin",
	 CAL(EVENT("UID:r\r\nSUMMARY:Standup\r\nDTSTART;TZID=Europe/Berlin:20200701T090000\r\n"
		   "DTEND;TZID=Europe/Berlin:20200701T091500\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
		   "EXDATE;TZID=Europe/Berlin:20200702T090000\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:15 Standup\n"
		   "2020-07-03T09:00/2020-07-03T09:15 Standup",
	 .fields = "id=r/20200701T070000Z|room=|subtitle=|track=|speakers=|status=scheduled|"
		   "flags="},
	{"RECURRENCE-ID replaces one instance (moved, retitled, cancelled)", FEED_ICAL, NULL,
	 CAL(EVENT("UID:r\r\nSUMMARY:Daily\r\nDTSTART:20200701T090000Z\r\n"
		   "DURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=3\r\n")
	     EVENT("UID:r\r\nRECURRENCE-ID:20200702T090000Z\r\nSUMMARY:Daily, late\r\n"
		   "DTSTART:20200702T150000Z\r\nDURATION:PT30M\r\n")
	     EVENT("UID:r\r\nRECURRENCE-ID:20200703T090000Z\r\nSUMMARY:Daily\r\n"
		   "STATUS:CANCELLED\r\nDTSTART:20200703T090000Z\r\nDURATION:PT30M\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:30 Daily\n"
		   "2020-07-02T15:00/2020-07-02T15:30 Daily, late\n"
		   "2020-07-03T09:00/2020-07-03T09:30 Daily (cancelled)"},
	{"a weekly RRULE keeps local time across the DST change", FEED_ICAL, "UTC",
	 CAL(EVENT("UID:w\r\nSUMMARY:Weekly\r\nDTSTART;TZID=Europe/London:20200322T100000\r\n"
		   "DTEND;TZID=Europe/London:20200322T110000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n")),
	 .events = "2020-03-22T10:00/2020-03-22T11:00 Weekly\n"
		   "2020-03-29T09:00/2020-03-29T10:00 Weekly"},
	{"UNTIL in UTC includes the instance it names (VTIMEZONE zone)", FEED_ICAL, "UTC",
	 CAL(EASTERN_VTIMEZONE
	     EVENT("UID:u\r\nSUMMARY:U\r\nDTSTART;TZID=Eastern Standard Time:20241101T090000\r\n"
		   "DURATION:PT1H\r\nRRULE:FREQ=DAILY;UNTIL=20241104T140000Z\r\n")),
	 .events = "2024-11-01T13:00/2024-11-01T14:00 U\n2024-11-02T13:00/2024-11-02T14:00 U\n"
		   "2024-11-03T14:00/2024-11-03T15:00 U\n2024-11-04T14:00/2024-11-04T15:00 U"},
	{"an RRULE without end stops a year after the last start", FEED_ICAL, NULL,
	 CAL(EVENT("UID:f\r\nSUMMARY:Forever\r\nDTSTART:20200101T090000Z\r\n"
		   "DURATION:PT1H\r\nRRULE:FREQ=DAILY\r\n")),
	 .n_events = 367},
	{"RDATE adds instances", FEED_ICAL, NULL,
	 CAL(EVENT("UID:d\r\nSUMMARY:Extra\r\nDTSTART:20200701T090000Z\r\nDURATION:PT1H\r\n"
		   "RDATE:20200705T090000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T10:00 Extra\n2020-07-05T09:00/2020-07-05T10:00 Extra"},
	{"several RDATEs (own TZID) and an EXDATE, after the SUMMARY", FEED_ICAL, NULL,
	 CAL(EVENT("UID:d\r\nDTSTART:20200701T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Extra\r\n"
		   "RDATE;TZID=Europe/Paris:20200705T110000\r\nEXDATE:20200706T090000Z\r\n"
		   "RDATE:20200706T090000Z,20200707T090000Z\r\nLOCATION:Hall\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T10:00 Extra\n2020-07-05T09:00/2020-07-05T10:00 Extra\n"
		   "2020-07-07T09:00/2020-07-07T10:00 Extra"},

	/* Dropped events and refused files. */
	{"a VEVENT without DTSTART is dropped with a warning naming its line", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Lost\r\n")
	     EVENT("UID:b\r\nSUMMARY:T\r\nDTSTART:20200701T090000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:00 T", .warnings = 1,
	 .warning = "\"Lost\" has no usable DTSTART", .warning_line = 4},
	{"an unreadable DTSTART drops the event; libical's complaint becomes a warning", FEED_ICAL,
	 NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Garbled\r\nDTSTART:2020-07-01 nine\r\n")
	     EVENT("UID:b\r\nSUMMARY:T\r\nDTSTART:20200701T090000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:00 T", .warnings = -1,
	 .warning = "\"Garbled\" has no usable DTSTART", .warning_line = 4},
	{"a DTEND before DTSTART drops the event", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Back\r\nDTSTART:20200701T090000Z\r\n"
		   "DTEND:20200701T080000Z\r\n")
	     EVENT("UID:b\r\nSUMMARY:T\r\nDTSTART:20200701T090000Z\r\n")),
	 .events = "2020-07-01T09:00/2020-07-01T09:00 T", .warnings = 1,
	 .warning = "\"Back\": its end is before its start", .warning_line = 4},
	{"not a calendar", FEED_ICAL, NULL, "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n",
	 .error = "not an iCalendar file", .line = 1},
	{"a calendar with no events", FEED_ICAL, NULL, CAL(""), .error = "no sessions"},
	{"a calendar whose only event has no start", FEED_ICAL, NULL,
	 CAL(EVENT("UID:a\r\nSUMMARY:Lost\r\n")), .error = "no sessions"},
};

/* The copies of a multi-room event: one per room, each with its own id; rooms stay single. */
static void test_multi_room(void)
{
	const char *text = CAL(
		EVENT("UID:a\r\nSUMMARY:A\r\nLOCATION:Arena\r\nDTSTART:20200701T090000Z\r\n")
		EVENT("UID:b\r\nSUMMARY:B\r\nLOCATION:Room 8\r\nDTSTART:20200701T090000Z\r\n")
		EVENT("UID:c\r\nSUMMARY:C\r\nLOCATION:Room 8\\, Arena\r\n"
		      "DTSTART:20200701T100000Z\r\n"));
	struct tz *utc = tz_fixed("UTC", 0);
	struct error err;
	struct agenda *agenda = feed_test_parse(text, strlen(text), FEED_ICAL, utc, NULL, &err);
	CHECK(agenda && agenda->n_events == 4 && agenda->n_rooms == 2, "multi-room: %s",
	      agenda ? "counts" : err.message);
	if (agenda && agenda->n_events == 4 && agenda->n_rooms == 2) {
		CHECK_STR(agenda->rooms[0], "Arena", "multi-room: room 1");
		CHECK_STR(agenda->rooms[1], "Room 8", "multi-room: room 2");
		CHECK_STR(agenda->events[2].id, "c#Room 8", "multi-room: first copy");
		CHECK_STR(agenda->events[2].room, "Room 8", "multi-room: first copy's room");
		CHECK_STR(agenda->events[3].id, "c#Arena", "multi-room: second copy");
		CHECK_STR(agenda->events[3].room, "Arena", "multi-room: second copy's room");
	}
	agenda_destroy(agenda);
	tz_destroy(utc);
}

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		feed_test_row(&rows[i]);
	test_multi_room();
	return check_done();
}
