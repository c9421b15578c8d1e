/*
 * test_override.c — the override file: the parser's table (good files and every kind of
 * error, each with its line), durations, then override_apply() on a small agenda (delays
 * shift now/next, cancellation, moves, retitles, unknown and ambiguous sessions) and the
 * queries at an instant (expiry of emergencies, announcements and room flags, screen hours).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "override.h"
#include "sched.h"

static struct tz *london;

/* 2018-12-10 (GMT, offset 0 in winter) at HH:MM. */
static time_t dec10(int h, int m)
{
	return 1544400000 + h * 3600 + m * 60;	/* 1544400000 = 2018-12-10T00:00:00Z */
}

static struct override_set *parse(const char *text, struct error_list *errors)
{
	error_list_finish(errors);
	return override_parse(text, strlen(text), london, dec10(8, 0), errors);
}

/* ---- the parser table ---------------------------------------------------------------- */

struct parse_row {
	const char *name;
	const char *input;
	/* every expected error as "LINE: part of the message", in order; NULL-terminated */
	const char *errors[5];
};

static const struct parse_row parse_rows[] = {
	{"empty file", "", {NULL}},
	{"comments only", "# nothing today\n; nor here\n\n", {NULL}},
	{"every section",
	 "[emergency]\ntitle = Evacuate\ntext = Leave by the nearest exit\nuntil = 15:30\n"
	 "[announcement \"lunch\"]\ntext = Lunch in the atrium\nfrom = 12:00\nuntil = 13:30\nrooms = Main hall, Room 2\n"
	 "[session \"42\"]\ndelay = 15m\nnote = Speaker stuck in traffic\n"
	 "[session \"Closing remarks\"]\nstart = 2018-12-10 16:30\nend = 17:00\nroom = Main hall\ntitle = Farewell\n"
	 "[session \"Workshop\"]\nstatus = cancelled\n"
	 "[room \"Room 2\"]\nfull = yes\nclosed = no\nnote = Overflow in Room 3\nuntil = 2018-12-10T14:00:00+01:00\n"
	 "[screen]\nhours = 08:00-20:00\npin = now-next\n",
	 {NULL}},
	{"CRLF, a BOM and indented keys", "\xEF\xBB\xBF[session \"1\"]\r\n    delay = 5m\r\n\tnote = Late\r\n", {NULL}},
	{"names with quotes, brackets and semicolons",
	 "[session \"Panel: \\\"What next?\\\" [live]; part 2\"]\ndelay = 1h\n", {NULL}},
	{"keys and kinds ignore case", "[Session \"x\"]\nDelay = 10m\n[SCREEN]\nHours = 22:00-02:00\n", {NULL}},
	{"a title used twice with different at", "[session \"Coffee\"]\nat = 10:30\ndelay = 5m\n"
	 "[session \"Coffee\"]\nat = 15:00\ndelay = 10m\n", {NULL}},
	{"unknown key", "[session \"1\"]\ndelay = 5m\ncolour = red\n",
	 {"3: unknown key \"colour\" in [session \"1\"] (known: delay, start, end, room, title, status, note, at)", NULL}},
	{"bad duration without unit", "[session \"1\"]\ndelay = 15\n", {"2: bad duration \"15\"", NULL}},
	{"bad duration, units out of order", "[session \"1\"]\ndelay = 30m1h\n", {"2: bad duration \"30m1h\"", NULL}},
	{"bad duration, too long", "[session \"1\"]\ndelay = 200h\n", {"2: bad duration \"200h\"", NULL}},
	{"bad time", "[emergency]\ntitle = Fire\nuntil = 25:00\n", {"3: bad time \"25:00\" for until", NULL}},
	{"bad date", "[announcement \"a\"]\ntext = x\nfrom = 2018-02-30 10:00\n", {"3: bad time \"2018-02-30 10:00\" for from", NULL}},
	{"until before from", "[announcement \"a\"]\ntext = x\nfrom = 14:00\nuntil = 13:00\n", {"4: until is not after from", NULL}},
	{"until equal to from", "[room \"A\"]\nfull = yes\nuntil = 2018-12-10 14:00\nfrom = 14:00\n", {"3: until is not after from", NULL}},
	{"bad status", "[session \"1\"]\nstatus = postponed\n", {"2: status must be cancelled or scheduled", NULL}},
	{"an empty room in a list", "[announcement \"a\"]\ntext = x\nrooms = Main hall,, Room 2\n", {"3: rooms: an empty name", NULL}},
	{"unknown section", "[emergncy]\ntitle = Fire\n", {"1: unknown section [emergncy]", NULL}},
	{"a session without a name", "[session]\ndelay = 5m\n", {"1: [session] needs a name", NULL}},
	{"an emergency with a name", "[emergency \"fire\"]\ntitle = Fire\n", {"1: [emergency] takes no name", NULL}},
	{"an unquoted name", "[room Main hall]\nfull = yes\n", {"1: write the section's name in double quotes", NULL}},
	{"an unterminated name", "[room \"Main hall]\nfull = yes\n", {"1: the section name has no closing \"", NULL}},
	{"text after the header", "[screen] hours = 08:00-20:00\n", {"1: unexpected text after the section header", NULL}},
	{"two emergencies", "[emergency]\ntitle = A\n[emergency]\ntitle = B\n", {"3: [emergency] is given twice (first on line 1)", NULL}},
	{"a room twice", "[room \"A\"]\nfull = yes\n[room \"A\"]\nclosed = yes\n", {"3: [room \"NAME\"] is given twice (first on line 1)", NULL}},
	{"a session twice", "[session \"1\"]\ndelay = 5m\n[session \"1\"]\ndelay = 10m\n", {"3: [session \"1\"] is given twice (first on line 1)", NULL}},
	{"a key twice", "[session \"1\"]\ndelay = 5m\ndelay = 10m\n", {"3: delay is given twice in this section (first on line 2)", NULL}},
	{"a key outside any section", "title = Fire\n[emergency]\ntitle = Fire\n", {"1: \"title\" is outside any section", NULL}},
	{"a line that is not key = value", "[emergency]\ntitle Fire\n", {"2: expected `key = value`", "1: [emergency] needs a title", NULL}},
	{"an emergency without a title", "[emergency]\ntext = Leave now\n", {"1: [emergency] needs a title", NULL}},
	{"an emergency with no keys at all", "# evacuation\n[emergency]\n", {"2: [emergency] needs a title", NULL}},
	{"an announcement without text", "[announcement \"a\"]\nuntil = 18:00\n", {"1: [announcement \"a\"] needs a text", NULL}},
	{"an announcement's image with a path", "[announcement \"a\"]\ntext = x\nimage = ../etc/passwd\n",
	 {"3: image: \"../etc/passwd\" is not a file name in the override file's folder", NULL}},
	{"delay and start", "[session \"1\"]\ndelay = 5m\nstart = 10:00\n", {"2: give either delay or start, not both", NULL}},
	{"end before start", "[session \"1\"]\nstart = 2018-12-10 10:00\nend = 2018-12-10 09:00\n", {"3: end is not after start", NULL}},
	{"bad hours", "[screen]\nhours = 8-20\n", {"2: bad hours \"8-20\"", NULL}},
	{"empty hours", "[screen]\nhours = 08:00-08:00\n", {"2: hours \"08:00-08:00\" start and end at the same time", NULL}},
	{"a bad yes/no", "[room \"A\"]\nfull = maybe\n", {"2: full must be yes or no", NULL}},
	{"a bad slide name", "[screen]\npin = now next\n",
	 {"2: pin: no slide named \"now next\" (slides: now-next, rooms, agenda, announcement, image)", NULL}},
	{"a page that is no number", "[screen]\npin = rooms:two\n",
	 {"2: pin: \"two\" is not a page number from 1 to 1000 in \"rooms:two\"", NULL}},
	{"page 0", "[screen]\npin = image:0\n", {"2: pin: \"0\" is not a page number", NULL}},
	{"a slide that cannot be pinned", "[screen]\n\npin = programme\n",
	 {"3: pin: no slide named \"programme\" (slides: now-next, rooms, agenda, announcement, image)", NULL}},
	{"an empty value", "[emergency]\ntitle =\n", {"2: title has no value", "1: [emergency] needs a title", NULL}},
	{"invalid UTF-8", "[emergency]\ntitle = Fire \xC3\x28\n", {"2: title is not valid UTF-8", "1: [emergency] needs a title", NULL}},
	{"a line too long for inih",
	 "[emergency]\ntitle = Fire\ntext = "
	 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\n",
	 {"3: the line is longer than 197 bytes", NULL}},
	{"every problem is listed, not only the first",
	 "[session \"1\"]\ndelay = soon\n[room \"A\"]\nfull = maybe\n[foo]\nx = 1\n[screen]\nhours = all day\n",
	 {"2: bad duration \"soon\"", "4: full must be yes or no", "5: unknown section [foo]", "8: bad hours", NULL}},
};

static void test_parse_table(void)
{
	for (size_t i = 0; i < sizeof parse_rows / sizeof *parse_rows; i++) {
		const struct parse_row *row = &parse_rows[i];
		struct error_list errors = {0};
		struct override_set *set = parse(row->input, &errors);
		size_t want = 0;
		while (row->errors[want])
			want++;
		CHECK(errors.n == want, "%s: %zu errors, want %zu (first: %d: %s)", row->name, errors.n,
		      want, errors.n ? errors.items[0].line : 0, errors.n ? errors.items[0].message : "");
		CHECK((set != NULL) == (want == 0), "%s: a set comes back only without errors", row->name);
		for (size_t e = 0; e < want && e < errors.n; e++) {
			char got[400];
			snprintf(got, sizeof got, "%d: %s", errors.items[e].line, errors.items[e].message);
			CHECK(strstr(got, row->errors[e]) == got, "%s: error %zu is \"%s\", want \"%s...\"",
			      row->name, e, got, row->errors[e]);
		}
		override_destroy(set);
		error_list_finish(&errors);
	}
}

/* What the "every section" row parses to. */
static void test_parse_values(void)
{
	struct error_list errors = {0};
	struct override_set *set = parse(parse_rows[2].input, &errors);
	CHECK(set != NULL, "the full example parses");
	if (!set)
		return;
	CHECK(set->has_emergency, "an emergency");
	CHECK_STR(set->emergency.title, "Evacuate", "emergency title");
	CHECK_STR(set->emergency.text, "Leave by the nearest exit", "emergency text");
	CHECK(set->emergency.until == dec10(15, 30), "until 15:30 is on the reference day");
	CHECK(set->emergency.from == 0, "no from");
	CHECK(set->n_announcements == 1, "one announcement");
	CHECK_STR(set->announcements[0].name, "lunch", "announcement name");
	CHECK(set->announcements[0].n_rooms == 2, "two rooms");
	if (set->announcements[0].n_rooms == 2) {
		CHECK_STR(set->announcements[0].rooms[0], "Main hall", "first room, trimmed");
		CHECK_STR(set->announcements[0].rooms[1], "Room 2", "second room, trimmed");
	}
	CHECK(set->n_sessions == 3, "three sessions");
	CHECK(set->sessions[0].has_delay && set->sessions[0].delay == 900, "delay 15m");
	CHECK(set->sessions[1].start.kind == OVERRIDE_TIME_INSTANT && set->sessions[1].start.instant == dec10(16, 30),
	      "a dated start");
	CHECK(set->sessions[1].end.kind == OVERRIDE_TIME_CLOCK && set->sessions[1].end.clock == 17 * 3600,
	      "an undated end is a time of day");
	CHECK(set->sessions[2].status == OVERRIDE_STATUS_CANCELLED, "cancelled");
	CHECK(set->n_rooms == 1 && set->rooms[0].full == 1 && set->rooms[0].closed == 0, "room flags");
	CHECK(set->rooms[0].until == dec10(13, 0), "an offset is honoured: 14:00+01:00 is 13:00 GMT");
	CHECK(set->screen.has_hours && set->screen.hours_on == 8 * 3600 && set->screen.hours_off == 20 * 3600,
	      "screen hours");
	CHECK(set->screen.pin == SHOW_NOW_NEXT, "pin");
	override_destroy(set);

	set = parse("[session \"Panel: \\\"What next?\\\" [live]; part 2\"]\ndelay = 1h\n", &errors);
	CHECK(set && !strcmp(set->sessions[0].match, "Panel: \"What next?\" [live]; part 2"),
	      "git-style quoting in a section name");
	override_destroy(set);

	set = parse("[announcement \"map\"]\ntitle = Where to eat\ntext = Lunch in the atrium\n"
		    "image = atrium.png\n[screen]\npin = rooms:2\n", &errors);
	CHECK(set && !strcmp(set->announcements[0].title, "Where to eat") &&
		      !strcmp(set->announcements[0].image, "atrium.png") &&
		      set->screen.pin == SHOW_ROOMS && set->screen.pin_page == 2,
	      "an announcement's title and image; a pinned page");
	override_destroy(set);

	set = parse("[announcement \"a\"]\ntext = Part one,\ntext = part two.\n", &errors);
	CHECK(set && !strcmp(set->announcements[0].text, "Part one, part two."), "text lines are joined");
	override_destroy(set);

	/* A long title (inih itself keeps only 50 bytes of a section name). */
	const char *title = "The long and winding road to a sustainable public services settlement in 2019";
	char text[300];
	snprintf(text, sizeof text, "[session \"%s\"]\nstatus = cancelled\n", title);
	set = parse(text, &errors);
	CHECK(set && !strcmp(set->sessions[0].match, title), "a long section name is kept whole");
	override_destroy(set);

	/* Venue time in summer: London is at +01:00. */
	set = parse("[emergency]\ntitle = x\nuntil = 2019-07-01 10:00\n", &errors);
	CHECK(set && set->emergency.until == 1561971600, "10:00 local in summer is 09:00 UTC (BST)");
	override_destroy(set);
	error_list_finish(&errors);
}

static void test_durations(void)
{
	static const struct { const char *text; bool ok; int seconds; } rows[] = {
		{"15m", true, 900}, {"1h30m", true, 5400}, {"1h 30m", true, 5400}, {"90s", true, 90},
		{"-10m", true, -600}, {"+5m", true, 300}, {"0", true, 0}, {"15min", true, 900},
		{"2h", true, 7200}, {"168h", true, 168 * 3600}, {"1h0m30s", true, 3630},
		{"15", false, 0}, {"", false, 0}, {"m", false, 0}, {"30m1h", false, 0}, {"1h1h", false, 0},
		{"8d", false, 0}, {"169h", false, 0}, {"--5m", false, 0}, {"1.5h", false, 0},
		{"15 m", false, 0}, {"99999999999999999999m", false, 0}, {"soon", false, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int seconds = -1;
		bool ok = override_parse_duration(rows[i].text, &seconds);
		CHECK(ok == rows[i].ok, "duration \"%s\": ok %d", rows[i].text, ok);
		if (ok && rows[i].ok)
			CHECK(seconds == rows[i].seconds, "duration \"%s\": %d s, want %d", rows[i].text,
			      seconds, rows[i].seconds);
	}
}

/* ---- applying edits ------------------------------------------------------------------ */

static struct agenda *sample_agenda(void)
{
	static const struct { const char *id, *title, *room; int sh, sm, eh, em; } rows[] = {
		{"1", "Welcome", "Main hall", 9, 0, 9, 30},
		{"2", "Keynote", "Main hall", 9, 30, 10, 30},
		{"3", "Workshop", "Room 2", 9, 30, 11, 0},
		{"", "Coffee", "Main hall", 10, 30, 11, 0},
		{"", "Coffee", "Main hall", 15, 0, 15, 30},
		{"9", "Closing", "Main hall", 40, 0, 41, 0},	/* the next day, 16:00 */
	};
	struct agenda *agenda = agenda_create();
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct event *ev = agenda_add_event(agenda);
		ev->id = agenda_strdup(agenda, rows[i].id);
		ev->title = agenda_strdup(agenda, rows[i].title);
		agenda_set_room(agenda, ev, rows[i].room);
		ev->start = dec10(rows[i].sh, rows[i].sm);
		ev->end = dec10(rows[i].eh, rows[i].em);
	}
	return agenda;
}

static const struct event *find(const struct agenda *agenda, const char *title)
{
	for (size_t i = 0; i < agenda->n_events; i++)
		if (!strcmp(agenda->events[i].title, title))
			return &agenda->events[i];
	return NULL;
}

/* Applies text to the sample agenda; errors collected in *errors. */
static struct agenda *apply(const char *text, struct error_list *errors)
{
	struct override_set *set = parse(text, errors);
	CHECK(set != NULL, "parses: %s", errors->n ? errors->items[0].message : text);
	struct agenda *agenda = sample_agenda();
	struct agenda *out = override_apply(set, agenda, london, NULL, errors);
	agenda_destroy(agenda);
	override_destroy(set);
	return out;
}

/* The title of the first now (or next) event in room at t, "" when none. */
static const char *now_next(const struct agenda *agenda, const char *room, time_t t, bool next)
{
	static char title[100];
	struct sched sched;
	const char *rooms[] = {room};
	title[0] = '\0';
	if (sched_now_next(agenda, rooms, 1, t, &sched)) {
		const struct sched_room *r = &sched.rooms[0];
		if (next ? r->n_next : r->n_now)
			snprintf(title, sizeof title, "%s", (next ? r->next : r->now)[0]->title);
		sched_finish(&sched);
	}
	return title;
}

static void test_apply(void)
{
	struct error_list errors = {0};

	/* Without overrides the keynote is on at 09:35; delayed 15 minutes it is next. */
	struct agenda *plain = apply("", &errors);
	CHECK_STR(now_next(plain, "Main hall", dec10(9, 35), false), "Keynote", "plain: now");
	agenda_destroy(plain);
	struct agenda *out = apply("[session \"Keynote\"]\ndelay = 15m\n", &errors);
	const struct event *ev = find(out, "Keynote");
	CHECK(ev && ev->start == dec10(9, 45) && ev->end == dec10(10, 45), "delay shifts start and end");
	CHECK(ev && ev->status == EVENT_CHANGED, "delayed: changed");
	CHECK_STR(ev ? ev->note : NULL, "Delayed by 15 min", "delay note");
	CHECK_STR(now_next(out, "Main hall", dec10(9, 35), false), "", "delayed: nothing now at 09:35");
	CHECK_STR(now_next(out, "Main hall", dec10(9, 35), true), "Keynote", "delayed: keynote next");
	CHECK(errors.n == 0, "no errors");
	agenda_destroy(out);

	/* By id, cancelled: stays in now with its status. */
	out = apply("[session \"2\"]\nstatus = cancelled\n", &errors);
	ev = find(out, "Keynote");
	CHECK(ev && ev->status == EVENT_CANCELLED, "cancelled by id");
	CHECK_STR(ev ? ev->note : NULL, "Cancelled", "cancel note");
	CHECK_STR(now_next(out, "Main hall", dec10(9, 35), false), "Keynote", "cancelled is still now");
	agenda_destroy(out);

	/* Moved to another room, with the staff's own note. */
	out = apply("[session \"Keynote\"]\nroom = Room 3\nnote = Follow the signs\n", &errors);
	ev = find(out, "Keynote");
	CHECK(ev && ev->status == EVENT_MOVED && !strcmp(ev->room, "Room 3"), "moved");
	CHECK_STR(ev ? ev->note : NULL, "Follow the signs", "own note wins");
	CHECK_STR(now_next(out, "Room 3", dec10(9, 35), false), "Keynote", "shows in the new room");
	CHECK_STR(now_next(out, "Main hall", dec10(9, 35), false), "", "gone from the old room");
	CHECK(agenda_room_index(out, "Room 3") >= 0, "the new room is listed");
	agenda_destroy(out);

	out = apply("[session \"Keynote\"]\nroom = Room 2\n", &errors);
	ev = find(out, "Keynote");
	CHECK_STR(ev ? ev->note : NULL, "Moved from Main hall", "move note");
	agenda_destroy(out);

	/* A new start keeps the length; an end earlier than the start is the next day. */
	out = apply("[session \"Workshop\"]\nstart = 14:00\n[session \"Keynote\"]\nstart = 23:00\nend = 00:30\n", &errors);
	ev = find(out, "Workshop");
	CHECK(ev && ev->start == dec10(14, 0) && ev->end == dec10(15, 30), "moved to 14:00, 90 min kept");
	CHECK_STR(ev ? ev->note : NULL, "Rescheduled, was 09:30", "reschedule note");
	ev = find(out, "Keynote");
	CHECK(ev && ev->start == dec10(23, 0) && ev->end == dec10(24, 30), "end past midnight");
	CHECK(out->events[out->n_events - 2].start <= out->events[out->n_events - 1].start, "sorted again");
	agenda_destroy(out);

	/* A new end only. */
	out = apply("[session \"Welcome\"]\nend = 09:20\n", &errors);
	ev = find(out, "Welcome");
	CHECK(ev && ev->end == dec10(9, 20) && ev->status == EVENT_CHANGED, "shortened");
	CHECK_STR(ev ? ev->note : NULL, "Now ends 09:20", "end note");
	agenda_destroy(out);

	/* Retitled: the old title no longer matches. */
	out = apply("[session \"Closing\"]\ntitle = Farewell drinks\n", &errors);
	CHECK(find(out, "Farewell drinks") && !find(out, "Closing"), "retitled");
	CHECK(find(out, "Farewell drinks")->status == EVENT_SCHEDULED, "a new title alone keeps the status");
	agenda_destroy(out);

	/* An unknown session is reported with its line; the other edits still apply. */
	out = apply("[session \"Keynote\"]\ndelay = 5m\n[session \"Keynot\"]\ndelay = 5m\n"
		    "[session \"keynote\"]\ndelay = 5m\n", &errors);
	CHECK(errors.n == 2, "two unmatched sections, got %zu", errors.n);
	CHECK(errors.n > 0 && errors.items[0].line == 3 && strstr(errors.items[0].message, "no session has the id or title \"Keynot\""),
	      "unmatched: %s", errors.n ? errors.items[0].message : "");
	CHECK(errors.n > 1 && errors.items[1].line == 5 && strstr(errors.items[1].message, "did you mean \"Keynote\"?"),
	      "near miss: %s", errors.n > 1 ? errors.items[1].message : "");
	ev = find(out, "Keynote");
	CHECK(ev && ev->start == dec10(9, 35), "the matching section applied");
	agenda_destroy(out);

	/* A title shared by two sessions needs `at`. */
	out = apply("[session \"Coffee\"]\ndelay = 5m\n", &errors);
	CHECK(errors.n == 1 && strstr(errors.items[0].message, "matches 2 sessions"), "ambiguous title");
	agenda_destroy(out);
	out = apply("[session \"Coffee\"]\nat = 15:00\ndelay = 10m\n", &errors);
	CHECK(errors.n == 0, "at picks one");
	CHECK(out->events[out->n_events - 2].start == dec10(15, 10), "the afternoon coffee moved");
	agenda_destroy(out);
	out = apply("[session \"Coffee\"]\nat = 16:00\ndelay = 10m\n", &errors);
	CHECK(errors.n == 1 && strstr(errors.items[0].message, "starts at the time given by at"), "at matches none");
	agenda_destroy(out);

	/* Rooms named in [room] and rooms = must exist. */
	out = apply("[room \"Room 9\"]\nfull = yes\n[announcement \"a\"]\ntext = x\nrooms = Room 2, Atrium\n", &errors);
	CHECK(errors.n == 2, "two unknown rooms, got %zu", errors.n);
	CHECK(errors.n == 2 && errors.items[0].line == 1 && errors.items[1].line == 3
	      && strstr(errors.items[1].message, "\"Atrium\""), "unknown rooms with their lines");
	agenda_destroy(out);

	/* A feed without room names cannot tell a typo from another box's room: no error. */
	struct agenda *roomless = agenda_create();
	struct event *plain_ev = agenda_add_event(roomless);
	plain_ev->title = "Talk";
	plain_ev->start = dec10(9, 0);
	plain_ev->end = dec10(10, 0);
	agenda_add_room(roomless, "");
	struct override_set *rooms_set = parse("[room \"Main hall\"]\nfull = yes\n", &errors);
	out = override_apply(rooms_set, roomless, london, NULL, &errors);
	CHECK(out && errors.n == 0, "roomless feed: room names are not checked");
	agenda_destroy(out);
	agenda_destroy(roomless);
	override_destroy(rooms_set);

	/* Un-cancelling a session the feed cancelled. */
	struct agenda *agenda = sample_agenda();
	agenda->events[0].status = EVENT_CANCELLED;
	struct override_set *set = parse("[session \"Welcome\"]\nstatus = scheduled\n", &errors);
	out = override_apply(set, agenda, london, NULL, &errors);
	CHECK(find(out, "Welcome")->status == EVENT_SCHEDULED, "status = scheduled restores");
	agenda_destroy(out);
	out = override_apply(NULL, agenda, london, NULL, &errors);
	CHECK(out && out->n_events == agenda->n_events, "no overrides: a clone");
	agenda_destroy(out);
	agenda_destroy(agenda);
	override_destroy(set);
	error_list_finish(&errors);
}

/* ---- queries at an instant ----------------------------------------------------------- */

static void test_queries(void)
{
	struct error_list errors = {0};
	struct override_set *set = parse(
		"[emergency]\ntitle = Evacuate\nuntil = 10:00\n"
		"[announcement \"lunch\"]\ntext = Lunch\nfrom = 12:00\nuntil = 13:30\nrooms = Room 2\n"
		"[announcement \"always\"]\ntext = Wifi: foyer\n"
		"[room \"Room 2\"]\nfull = yes\nuntil = 11:00\n"
		"[screen]\nhours = 08:00-20:00\n", &errors);
	CHECK(set != NULL, "parses");
	if (!set) {
		error_list_finish(&errors);
		return;
	}
	CHECK(override_emergency_at(set, dec10(9, 59)) != NULL, "emergency before until");
	CHECK(override_emergency_at(set, dec10(10, 0)) == NULL, "an expired emergency is gone by itself");
	CHECK(override_emergency_at(NULL, dec10(9, 0)) == NULL, "no set, no emergency");
	const struct override_announcement *lunch = &set->announcements[0], *always = &set->announcements[1];
	CHECK(!override_announcement_active(lunch, dec10(11, 59)), "not yet");
	CHECK(override_announcement_active(lunch, dec10(12, 0)), "from is inclusive");
	CHECK(!override_announcement_active(lunch, dec10(13, 30)), "until is exclusive");
	CHECK(override_announcement_active(always, dec10(23, 0)), "no times: always");
	const char *room2[] = {"Room 2"}, *main_hall[] = {"Main hall"};
	CHECK(override_announcement_for_rooms(lunch, room2, 1), "for its room");
	CHECK(!override_announcement_for_rooms(lunch, main_hall, 1), "not for another room");
	CHECK(override_announcement_for_rooms(lunch, NULL, 0), "a screen of every room shows it");
	CHECK(override_announcement_for_rooms(always, main_hall, 1), "no rooms: every screen");
	CHECK(override_room_at(set, "Room 2", dec10(10, 59)) != NULL, "room full");
	CHECK(override_room_at(set, "Room 2", dec10(11, 0)) == NULL, "room flag expired");
	CHECK(override_room_at(set, "Main hall", dec10(10, 0)) == NULL, "no flags for another room");
	CHECK(!override_screen_on(set, london, dec10(7, 59)), "before hours: off");
	CHECK(override_screen_on(set, london, dec10(8, 0)), "in hours: on");
	CHECK(!override_screen_on(set, london, dec10(20, 0)), "after hours: off");
	CHECK(override_screen_on(NULL, london, dec10(3, 0)), "no hours: always on");

	/* The loop's deadline: the next from/until/hours boundary. */
	CHECK(override_next_change(set, london, dec10(7, 0)) == dec10(8, 0), "screen on at 08:00");
	CHECK(override_next_change(set, london, dec10(8, 0)) == dec10(10, 0), "emergency ends at 10:00");
	CHECK(override_next_change(set, london, dec10(10, 0)) == dec10(11, 0), "room flag ends at 11:00");
	CHECK(override_next_change(set, london, dec10(11, 0)) == dec10(12, 0), "lunch starts");
	CHECK(override_next_change(set, london, dec10(13, 30)) == dec10(20, 0), "screen off at 20:00");
	CHECK(override_next_change(set, london, dec10(20, 0)) == dec10(32, 0), "on again tomorrow 08:00");
	CHECK(override_next_change(NULL, london, dec10(20, 0)) == 0, "no set: no deadline");
	override_destroy(set);

	/* Hours past midnight. */
	set = parse("[screen]\nhours = 18:00-02:00\n", &errors);
	CHECK(set && override_screen_on(set, london, dec10(23, 0)) && override_screen_on(set, london, dec10(1, 59))
	      && !override_screen_on(set, london, dec10(2, 0)) && !override_screen_on(set, london, dec10(17, 59)),
	      "overnight hours");
	override_destroy(set);
	error_list_finish(&errors);
}

int main(void)
{
	struct error err;
	london = tz_load("Europe/London", &err);
	if (!london) {
		fprintf(stderr, "skipped: no Europe/London in the system tzdata: %s\n", err.message);
		return 77;
	}
	test_parse_table();
	test_parse_values();
	test_durations();
	test_apply();
	test_queries();
	tz_destroy(london);
	return check_done();
}
