/*
 * test_feed_frab_xml.c — the frab / c3voc schedule.xml and Pentabarf reader, quirk by quirk.
 *
 * Each row is a small document and the agenda it must give, written out one event a line as
 *   START_UTC END_UTC | id | room | title | subtitle | track | speakers | status
 * in feed order (the parser's own order; feed_parse() sorts later), plus the room list, a
 * warning that must be there (or none at all), or the error with its line and column.
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"
#include "tz.h"

struct row {
	const char *name;
	feed_parse_fn *parse;
	const char *zone;	/* the venue zone from the options */
	const char *xml;
	const char *events;	/* the agenda as text; NULL when the parse must fail */
	const char *rooms;	/* "A|B", NULL = not checked */
	const char *warning;	/* a substring of one warning; NULL = there must be none */
	int line, column;	/* of the error */
	const char *error;	/* a substring of the error message */
};

#define HEAD "<?xml version='1.0' encoding='utf-8' ?>\n<schedule>\n"

static const struct row rows[] = {
	{"date with offset, every field",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<conference><title>31. Chaos Communication Congress</title></conference>\n"
	 "<day date='2014-12-27' index='1'><room name='Saal 1'>\n"
	 "<event guid='29aecfd7' id='6561'><date>2014-12-27T11:00:00+01:00</date>"
	 "<start>11:00</start><duration>00:30</duration><room>Saal 1</room>"
	 "<title>31C3 Opening Event</title><subtitle>Hello</subtitle><track>CCC</track>"
	 "<persons><person id='1'>erdgeist</person><person id='2'>Geraldine de Bastion</person>"
	 "</persons></event>\n</room></day></schedule>\n",
	 "2014-12-27 10:00Z 2014-12-27 10:30Z | 29aecfd7 | Saal 1 | 31C3 Opening Event | Hello | "
	 "CCC | erdgeist, Geraldine de Bastion | scheduled",
	 "Saal 1", NULL, 0, 0, NULL},

	{"children in any order",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<day date='2014-12-27'><room name='Saal 1'>"
	 "<event guid='g1' id='1'><persons><person>Ann</person></persons><track>T</track>"
	 "<duration>01:00</duration><title>Backwards</title><room>Saal 1</room>"
	 "<start>12:00</start><date>2014-12-27T12:00:00+01:00</date></event>"
	 "</room></day></schedule>",
	 "2014-12-27 11:00Z 2014-12-27 12:00Z | g1 | Saal 1 | Backwards |  | T | Ann | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"unknown elements are read past; titles only count directly in the event",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<generator name='x'/><version>1</version><conference><title>Conf</title>"
	 "<track name='CCC' color='#fff'/><unknown><event id='9'/></unknown></conference>"
	 "<day date='2020-01-01'><room name='R'><event guid='g' id='1'>"
	 "<recording><title>not this</title><license/></recording><title>This</title>"
	 "<links><link href='x'>Video</link></links><fancy><person>Nobody</person></fancy>"
	 "<start>10:00</start><duration>00:15</duration><abstract>&lt;p&gt;html&lt;/p&gt;</abstract>"
	 "</event></room><room name='Empty'/></day><trailer><day date='2020-01-02'/></trailer>"
	 "</schedule>",
	 "2020-01-01 10:00Z 2020-01-01 10:15Z | g | R | This |  |  |  | scheduled",
	 "R|Empty", NULL, 0, 0, NULL},

	{"no date: day@date + start in the venue zone",
	 feed_frab_xml_parse, "Europe/Brussels",
	 HEAD "<day date='2020-02-01'><room name='Janson'><event id='9025'><start>09:30</start>"
	 "<duration>00:25</duration><title>Welcome</title></event></room></day></schedule>",
	 "2020-02-01 08:30Z 2020-02-01 08:55Z | 9025 | Janson | Welcome |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"day_change: a start before it is on the next calendar date",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<conference><day_change>04:00</day_change></conference>"
	 "<day date='2014-12-27'><room name='S'>"
	 "<event id='1'><start>23:30</start><duration>01:00</duration><title>Late</title></event>"
	 "<event id='2'><start>00:15</start><duration>00:30</duration><title>Later</title></event>"
	 "<event id='3'><start>04:00</start><duration>00:30</duration><title>Dawn</title></event>"
	 "</room></day></schedule>",
	 "2014-12-27 22:30Z 2014-12-27 23:30Z | 1 | S | Late |  |  |  | scheduled\n"
	 "2014-12-27 23:15Z 2014-12-27 23:45Z | 2 | S | Later |  |  |  | scheduled\n"
	 "2014-12-27 03:00Z 2014-12-27 03:30Z | 3 | S | Dawn |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"no day_change: the time of day of <day start> takes its place (31C3)",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<day date='2014-12-28' start='2014-12-28T11:30:00+01:00' "
	 "end='2014-12-29T04:00:00+01:00'><room name='S'>"
	 "<event id='1'><start>00:15</start><duration>01:00</duration><title>A</title></event>"
	 "<event id='2'><start>11:30</start><duration>01:00</duration><title>B</title></event>"
	 "</room></day></schedule>",
	 "2014-12-28 23:15Z 2014-12-29 00:15Z | 1 | S | A |  |  |  | scheduled\n"
	 "2014-12-28 10:30Z 2014-12-28 11:30Z | 2 | S | B |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"no day_change: a day start with another offset is taken in the venue's time",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<day date='2024-12-27' start='2024-12-27T09:00:00+00:00'><room name='S'>"
	 "<event id='1'><start>09:30</start><duration>00:30</duration><title>A</title></event>"
	 "<event id='2'><start>10:00</start><duration>00:30</duration><title>B</title></event>"
	 "</room></day><day start='2024-12-28T03:30:00Z'><room name='S'>"
	 "<event id='3'><start>04:30</start><duration>00:30</duration><title>C</title></event>"
	 "</room></day></schedule>",
	 "2024-12-28 08:30Z 2024-12-28 09:00Z | 1 | S | A |  |  |  | scheduled\n"
	 "2024-12-27 09:00Z 2024-12-27 09:30Z | 2 | S | B |  |  |  | scheduled\n"
	 "2024-12-28 03:30Z 2024-12-28 04:00Z | 3 | S | C |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"no day_change and no day start: midnight is the day change",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2014-12-28'><room name='S'>"
	 "<event id='1'><start>00:15</start><duration>01:00</duration><title>A</title></event>"
	 "</room></day></schedule>",
	 "2014-12-28 00:15Z 2014-12-28 01:15Z | 1 | S | A |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"durations H:MM, HH:MM, HH:MM:SS, D:HH:MM",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-01-01'><room name='R'>"
	 "<event id='1'><start>10:00</start><duration>1:30</duration><title>a</title></event>"
	 "<event id='2'><start>10:00</start><duration>01:30</duration><title>b</title></event>"
	 "<event id='3'><start>10:00</start><duration>00:25:30</duration><title>c</title></event>"
	 "<event id='4'><start>10:00</start><duration>1:02:00</duration><title>d</title></event>"
	 "<event id='5'><start>10:00</start><duration>0:45</duration><title>e</title></event>"
	 "</room></day></schedule>",
	 "2020-01-01 10:00Z 2020-01-01 11:30Z | 1 | R | a |  |  |  | scheduled\n"
	 "2020-01-01 10:00Z 2020-01-01 11:30Z | 2 | R | b |  |  |  | scheduled\n"
	 "2020-01-01 10:00Z 2020-01-01 10:25Z | 3 | R | c |  |  |  | scheduled\n"
	 "2020-01-01 10:00Z 2020-01-02 12:00Z | 4 | R | d |  |  |  | scheduled\n"
	 "2020-01-01 10:00Z 2020-01-01 10:45Z | 5 | R | e |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"an invalid duration: warned, the event ends as it starts",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-01-01'><room name='R'>"
	 "<event id='1'><start>10:00</start><duration>1:2</duration><title>a</title></event>"
	 "</room></day></schedule>",
	 "2020-01-01 10:00Z 2020-01-01 10:00Z | 1 | R | a |  |  |  | scheduled",
	 NULL, "'a' has an invalid duration", 0, 0, NULL},

	{"38C3: +01:00 and +00:00 mixed in one day, each offset honoured",
	 feed_frab_xml_parse, "Europe/Berlin",
	 HEAD "<day date='2024-12-27' start='2024-12-27T10:00:00+01:00'><room name='Saal 1'>"
	 "<event guid='a' id='1'><date>2024-12-27T11:00:00+01:00</date><start>11:00</start>"
	 "<duration>00:40</duration><title>One</title></event>"
	 "<event guid='b' id='2'><date>2024-12-27T10:45:00+00:00</date><start>11:45</start>"
	 "<duration>00:40</duration><title>Two</title></event>"
	 "<event guid='c' id='3'><date>2024-12-28T00:30:00+01:00</date><start>00:30</start>"
	 "<duration>00:30</duration><title>Three</title></event>"
	 "</room></day></schedule>",
	 "2024-12-27 10:00Z 2024-12-27 10:40Z | a | Saal 1 | One |  |  |  | scheduled\n"
	 "2024-12-27 10:45Z 2024-12-27 11:25Z | b | Saal 1 | Two |  |  |  | scheduled\n"
	 "2024-12-27 23:30Z 2024-12-28 00:00Z | c | Saal 1 | Three |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"a date without offset is local time; a bare date defers to <start>",
	 feed_frab_xml_parse, "America/New_York",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><date>2020-07-01T09:00:00</date><duration>01:00</duration>"
	 "<title>a</title></event>"
	 "<event id='2'><date>2020-07-01</date><start>10:00</start><duration>01:00</duration>"
	 "<title>b</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 13:00Z 2020-07-01 14:00Z | 1 | R | a |  |  |  | scheduled\n"
	 "2020-07-01 14:00Z 2020-07-01 15:00Z | 2 | R | b |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"an invalid date: warned, <start> used",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><date>tomorrow</date><start>10:00</start><duration>01:00</duration>"
	 "<title>a</title></event></room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 1 | R | a |  |  |  | scheduled",
	 NULL, "<date> 'tomorrow' is not an ISO 8601", 0, 0, NULL},

	{"time_zone_name beats the venue zone, even after the days",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><start>09:00</start><duration>01:00</duration><title>a</title></event>"
	 "</room></day><conference><time_zone_name>America/New_York</time_zone_name>"
	 "</conference></schedule>",
	 "2020-07-01 13:00Z 2020-07-01 14:00Z | 1 | R | a |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"an unknown time_zone_name: warned, the venue zone used",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<conference><time_zone_name>Mars/Olympus_Mons</time_zone_name></conference>"
	 "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><start>09:00</start><duration>01:00</duration><title>a</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 09:00Z 2020-07-01 10:00Z | 1 | R | a |  |  |  | scheduled",
	 NULL, "Mars/Olympus_Mons", 0, 0, NULL},

	{"an event without a start is dropped with a warning naming it",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><duration>01:00</duration><title>Lost talk</title></event>"
	 "<event id='2'><start>10:00</start><duration>01:00</duration><title>b</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 2 | R | b |  |  |  | scheduled",
	 NULL, "'Lost talk' has no start time; dropped", 0, 0, NULL},

	{"an invalid start is dropped too",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='1'><start>25:00</start><duration>01:00</duration><title>x</title></event>"
	 "<event id='2'><start>10:00</start><duration>01:00</duration><title>b</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 2 | R | b |  |  |  | scheduled",
	 NULL, "'x' has an invalid start time; dropped", 0, 0, NULL},

	{"a start outside any dated day is dropped",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day><room name='R'>"
	 "<event id='1'><start>10:00</start><duration>01:00</duration><title>x</title></event>"
	 "</room></day><day date='2020-07-01'><room name='R'>"
	 "<event id='2'><start>10:00</start><duration>01:00</duration><title>b</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 2 | R | b |  |  |  | scheduled",
	 NULL, "not inside a <day date=...>", 0, 0, NULL},

	{"keyed by guid: a repeated guid is dropped",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event guid='same' id='1'><start>10:00</start><duration>01:00</duration><title>a</title></event>"
	 "<event guid='same' id='2'><start>11:00</start><duration>01:00</duration><title>b</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | same | R | a |  |  |  | scheduled",
	 NULL, "'b' repeats the event of line 3 (same guid); dropped", 0, 0, NULL},

	{"no guid: keyed by id + room + start; another slot of the same id stays",
	 feed_pentabarf_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'>"
	 "<event id='7'><start>10:00</start><duration>01:00</duration><title>a</title></event>"
	 "<event id='7'><start>10:00</start><duration>01:00</duration><title>a again</title></event>"
	 "<event id='7'><start>14:00</start><duration>01:00</duration><title>a later</title></event>"
	 "</room><room name='S'>"
	 "<event id='7'><start>10:00</start><duration>01:00</duration><title>a elsewhere</title></event>"
	 "</room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 7 | R | a |  |  |  | scheduled\n"
	 "2020-07-01 14:00Z 2020-07-01 15:00Z | 7 | R | a later |  |  |  | scheduled\n"
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 7 | S | a elsewhere |  |  |  | scheduled",
	 "R|S", "(same id, room and start); dropped", 0, 0, NULL},

	{"rooms: the event's own <room> wins; rooms in feed order, empty ones kept",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='  Hall\n A '/><room name='B'>"
	 "<event id='1'><start>10:00</start><duration>01:00</duration><title>a</title></event>"
	 "<event id='2'><room>Annex</room><start>10:00</start><duration>01:00</duration>"
	 "<title>b</title></event></room></day>"
	 "<day date='2020-07-02'><event id='3'><start>10:00</start><duration>01:00</duration>"
	 "<title>c</title></event></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 1 | B | a |  |  |  | scheduled\n"
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 2 | Annex | b |  |  |  | scheduled\n"
	 "2020-07-02 10:00Z 2020-07-02 11:00Z | 3 |  | c |  |  |  | scheduled",
	 "Hall A|B|Annex|", NULL, 0, 0, NULL},

	{"text: entities decoded, white space squashed, CDATA read",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'><event id='1'><start>10:00</start>"
	 "<duration>01:00</duration><title>\n   Rock &amp; Roll\n   ahead  </title>"
	 "<subtitle><![CDATA[<b>bold</b>]]></subtitle><persons><person>  Zoë  </person>"
	 "<person/><person>&#x4e2d;&#25991;</person></persons></event></room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 1 | R | Rock & Roll ahead | <b>bold</b> |  | "
	 "Zoë, \xe4\xb8\xad\xe6\x96\x87 | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"Pentabarf: no offsets, HH:MM:SS day_change, CANCELLED prefix removed",
	 feed_pentabarf_parse, "Europe/Brussels",
	 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <conference>\n"
	 "    <title>FOSDEM 2020</title>\n    <day_change>09:00:00</day_change>\n"
	 "    <timeslot_duration>00:05:00</timeslot_duration>\n  </conference>\n"
	 "  <day index=\"1\" date=\"2020-02-01\">\n    <room name=\"K.1.105\">\n"
	 "      <event id=\"1\"><start>10:00</start><duration>00:50</duration>"
	 "<title>CANCELLED Testing apps</title></event>\n"
	 "      <event id=\"2\"><start>11:00</start><duration>00:50</duration>"
	 "<title>CANCELLED: GPU things</title></event>\n"
	 "      <event id=\"3\"><start>12:00</start><duration>00:50</duration>"
	 "<title>CANCELLEDX is a product</title></event>\n"
	 "      <event id=\"4\"><start>13:00</start><duration>00:50</duration>"
	 "<title>Not CANCELLED at all</title></event>\n"
	 "      <event id=\"5\"><start>08:30</start><duration>00:30</duration>"
	 "<title>Before day_change</title></event>\n"
	 "    </room>\n  </day>\n</schedule>\n",
	 "2020-02-01 09:00Z 2020-02-01 09:50Z | 1 | K.1.105 | Testing apps |  |  |  | cancelled\n"
	 "2020-02-01 10:00Z 2020-02-01 10:50Z | 2 | K.1.105 | GPU things |  |  |  | cancelled\n"
	 "2020-02-01 11:00Z 2020-02-01 11:50Z | 3 | K.1.105 | CANCELLEDX is a product |  |  |  | "
	 "scheduled\n"
	 "2020-02-01 12:00Z 2020-02-01 12:50Z | 4 | K.1.105 | Not CANCELLED at all |  |  |  | "
	 "scheduled\n"
	 "2020-02-02 07:30Z 2020-02-02 08:00Z | 5 | K.1.105 | Before day_change |  |  |  | "
	 "scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"a local start in a DST gap: warned, taken as the end of the gap",
	 feed_pentabarf_parse, "Europe/Berlin",
	 HEAD "<day date='2024-03-31'><room name='R'><event id='1'><start>02:30</start>"
	 "<duration>01:00</duration><title>Gap</title></event></room></day></schedule>",
	 "2024-03-31 01:00Z 2024-03-31 02:00Z | 1 | R | Gap |  |  |  | scheduled",
	 NULL, "2024-03-31 02:30 happens never in Europe/Berlin", 0, 0, NULL},

	{"an external entity is never read",
	 feed_frab_xml_parse, "UTC",
	 "<?xml version='1.0'?>\n<!DOCTYPE schedule [<!ENTITY x SYSTEM 'file:///etc/hostname'>]>\n"
	 "<schedule><day date='2020-07-01'><room name='R'><event id='1'><start>10:00</start>"
	 "<duration>01:00</duration><title>[&x;]</title></event></room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 1 | R | [] |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	{"an event inside an event is not an event",
	 feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'><event id='1'><start>10:00</start>"
	 "<duration>01:00</duration><title>outer</title><room><event id='2'><title>inner</title>"
	 "</event></room></event></room></day></schedule>",
	 "2020-07-01 10:00Z 2020-07-01 11:00Z | 1 | R | outer |  |  |  | scheduled",
	 NULL, NULL, 0, 0, NULL},

	/* Errors: malformed XML with line and column, not a schedule. */
	{"malformed: mismatched tag", feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'>\n  <room name='R'></day>\n</schedule>\n",
	 NULL, NULL, NULL, 4, 20, "malformed XML: mismatched tag"},
	{"malformed: unclosed document", feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'>", NULL, NULL, NULL, 3, 24, "malformed XML: no element found"},
	{"malformed: bad attribute", feed_pentabarf_parse, "UTC",
	 "<schedule>\n<day date=2020-07-01>", NULL, NULL, NULL, 2, 11, "malformed XML: not well-formed"},
	{"malformed: an undefined entity", feed_frab_xml_parse, "UTC",
	 HEAD "<day date='2020-07-01'><room name='R'><event id='1'><title>&nbsp;</title>",
	 NULL, NULL, NULL, 3, 60, "malformed XML: undefined entity"},
	{"not a schedule", feed_frab_xml_parse, "UTC",
	 "<?xml version='1.0'?>\n\n<rss><channel/></rss>", NULL, NULL, NULL, 3, 1,
	 "not a frab schedule: the document is <rss>"},
	{"empty", feed_pentabarf_parse, "UTC", "", NULL, NULL, NULL, 1, 1,
	 "malformed XML: no element found"},
	{"entity expansion bomb (billion laughs)", feed_frab_xml_parse, "UTC",
	 "<?xml version='1.0'?>\n<!DOCTYPE schedule [\n<!ENTITY a0 'xxxxxxxxxxxxxxxx'>\n"
	 "<!ENTITY a1 '&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;'>\n"
	 "<!ENTITY a2 '&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;'>\n"
	 "<!ENTITY a3 '&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;'>\n"
	 "<!ENTITY a4 '&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;'>\n"
	 "<!ENTITY a5 '&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;'>\n"
	 "<!ENTITY a6 '&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;'>\n"
	 "]>\n<schedule><day date='2020-01-01'><room name='R'><event><title>&a6;</title>",
	 NULL, NULL, NULL, 11, 63, "malformed XML: limit on input amplification factor"},
};

static void format_utc(time_t t, char *out, size_t size)
{
	struct civil c;
	civil_from_seconds((int64_t)t, &c);
	snprintf(out, size, "%04d-%02d-%02d %02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute);
}

/* The agenda written out as in the table; caller frees. */
static char *describe(const struct agenda *a)
{
	size_t size = 1 << 16, used = 0;
	char *out = malloc(size);
	out[0] = '\0';
	for (size_t i = 0; i < a->n_events; i++) {
		const struct event *ev = &a->events[i];
		char start[32], end[32], speakers[512] = "";
		format_utc(ev->start, start, sizeof start);
		format_utc(ev->end, end, sizeof end);
		for (size_t s = 0; s < ev->n_speakers; s++)
			snprintf(speakers + strlen(speakers), sizeof speakers - strlen(speakers),
				 "%s%s", s ? ", " : "", ev->speakers[s]);
		used += (size_t)snprintf(out + used, size - used,
					 "%s%s %s | %s | %s | %s | %s | %s | %s | %s", i ? "\n" : "",
					 start, end, ev->id, ev->room, ev->title, ev->subtitle,
					 ev->track, speakers, event_status_name(ev->status));
	}
	return out;
}

static void check_row(const struct row *row)
{
	struct tz *zone = tz_load(row->zone, NULL);
	CHECK(zone != NULL, "%s: zone %s", row->name, row->zone);
	if (!zone)
		return;
	struct feed_options options = {.zone = zone};
	struct error err = {0};
	struct agenda *a = row->parse(row->xml, strlen(row->xml), &options, &err);
	if (!row->events) {
		CHECK(a == NULL, "%s: must fail", row->name);
		CHECK(err.line == row->line && err.column == row->column,
		      "%s: error at %d:%d, want %d:%d (%s)", row->name, err.line, err.column,
		      row->line, row->column, err.message);
		CHECK(strstr(err.message, row->error) != NULL, "%s: error '%s', want '%s'",
		      row->name, err.message, row->error);
		agenda_destroy(a);
		tz_destroy(zone);
		return;
	}
	CHECK(a != NULL, "%s: failed at %d:%d: %s", row->name, err.line, err.column, err.message);
	if (!a) {
		tz_destroy(zone);
		return;
	}
	char *got = describe(a);
	CHECK_STR(got, row->events, "%s", row->name);
	free(got);
	if (row->rooms) {
		char rooms[512] = "";
		for (size_t i = 0; i < a->n_rooms; i++)
			snprintf(rooms + strlen(rooms), sizeof rooms - strlen(rooms), "%s%s",
				 i ? "|" : "", a->rooms[i]);
		CHECK_STR(rooms, row->rooms, "%s: rooms", row->name);
	}
	bool found = false;
	for (size_t i = 0; i < a->n_warnings; i++)
		if (row->warning && strstr(a->warnings[i].message, row->warning))
			found = true;
	if (row->warning)
		CHECK(found, "%s: no warning '%s' among %zu", row->name, row->warning, a->n_warnings);
	else
		CHECK(a->n_warnings == 0, "%s: unexpected warning '%s'", row->name,
		      a->n_warnings ? a->warnings[0].message : "");
	agenda_destroy(a);
	tz_destroy(zone);
}

/* The speaker cap stops the parse with an error and a line, never a crash. */
static void test_caps(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct feed_options options = {.zone = utc};
	struct error err;

	size_t size = 64 + (AGENDA_MAX_SPEAKERS + 1) * 24;
	char *xml = malloc(size);
	int n = snprintf(xml, size, "<schedule><day date='2020-01-01'><room name='R'>\n"
			 "<event id='1'><persons>");
	for (int i = 0; i <= AGENDA_MAX_SPEAKERS; i++)
		n += snprintf(xml + n, size - (size_t)n, "<person>P%d</person>", i);
	struct agenda *a = feed_frab_xml_parse(xml, (size_t)n, &options, &err);
	CHECK(a == NULL && err.line == 2 && strstr(err.message, "persons in one event"),
	      "speaker cap: %d:%d %s", err.line, err.column, err.message);
	agenda_destroy(a);
	free(xml);

	tz_destroy(utc);
}

/* A long title is cut at AGENDA_MAX_STRING on a UTF-8 boundary, not rejected. */
static void test_long_text(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct feed_options options = {.zone = utc};
	struct error err;
	size_t size = AGENDA_MAX_STRING * 3 + 256;
	char *xml = malloc(size);
	int n = snprintf(xml, size, "<schedule><day date='2020-01-01'><room name='R'><event>"
			 "<start>10:00</start><duration>0:05</duration><title>");
	for (int i = 0; i < AGENDA_MAX_STRING; i++) {
		memcpy(xml + n, "\xc3\xa9", 2);	/* é, two bytes each */
		n += 2;
	}
	n += snprintf(xml + n, size - (size_t)n, "</title></event></room></day></schedule>");
	struct agenda *a = feed_frab_xml_parse(xml, (size_t)n, &options, &err);
	CHECK(a && a->n_events == 1 && strlen(a->events[0].title) == AGENDA_MAX_STRING,
	      "long title: %zu bytes", a && a->n_events ? strlen(a->events[0].title) : 0);
	agenda_destroy(a);
	free(xml);
	tz_destroy(utc);
}

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		check_row(&rows[i]);
	test_caps();
	test_long_text();
	return check_done();
}
