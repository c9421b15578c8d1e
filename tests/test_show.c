/*
 * test_show.c — the screen's policy as a table: pin x one/many rooms x emergency x screen
 * hours x clock trusted -> slide, rooms, panel power and the next change (show_plan()), at
 * 10:00 UTC on 10 December 2018; then the edges: no override file, roomless sessions, an
 * expired emergency, the slide names and what a pin may name.
 *
 * The agenda: Main hall 09:30-10:30 Keynote, 10:30-11:30 Panel; the "many" screen also has
 * Room 2 09:30-11:00 Workshop and serves every room. The override file: an emergency from
 * 09:00 until 10:20 (when asked), screen hours 08:00-20:00 or, for "out of hours",
 * 10:15-20:00. So the next change is 10:15 out of hours, else 10:20 with the emergency,
 * else 10:30 (the Keynote ends).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "override.h"
#include "sched.h"
#include "show.h"

enum { ONE, MANY };

static struct tz *utc;

static time_t at(int hour, int minute)
{
	struct civil c = {2018, 12, 10, hour, minute, 0};
	return (time_t)civil_to_seconds(&c);
}

static void add(struct agenda *a, const char *room, const char *title, int h0, int m0, int h1,
		int m1)
{
	struct event *ev = agenda_add_event(a);
	ev->title = agenda_strdup(a, title);
	if (room)
		agenda_set_room(a, ev, room);
	ev->start = at(h0, m0);
	ev->end = at(h1, m1);
}

static struct agenda *make_agenda(int rooms)
{
	struct agenda *a = agenda_create();
	add(a, "Main hall", "Keynote", 9, 30, 10, 30);
	add(a, "Main hall", "Panel", 10, 30, 11, 30);
	if (rooms == MANY)
		add(a, "Room 2", "Workshop", 9, 30, 11, 0);
	agenda_sort(a);
	return a;
}

static struct override_set *make_overrides(enum show_slide pin, bool emergency, bool off)
{
	char text[512];
	snprintf(text, sizeof text, "%s[screen]\nhours = %s\n%s%s\n",
		 emergency ? "[emergency]\ntitle = Leave the building\nfrom = 09:00\nuntil = 10:20\n"
			   : "",
		 off ? "10:15-20:00" : "08:00-20:00", pin ? "pin = " : "", show_slide_name(pin));
	struct error_list errors = {0};
	struct override_set *set = override_parse(text, strlen(text), utc, at(8, 0), &errors);
	CHECK(set, "the override parses: %s", errors.n ? errors.items[0].message : "");
	error_list_finish(&errors);
	return set;
}

/* The plan's rooms as text: "*" for every room, else the names joined with ", ". */
static const char *rooms_text(const struct show_plan *plan, char *out, size_t size)
{
	if (!plan->n_rooms)
		return "*";
	out[0] = '\0';
	for (size_t i = 0; i < plan->n_rooms; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? ", " : "", plan->rooms[i]);
	return out;
}

static const struct row {
	enum show_slide pin;
	int rooms;
	bool emergency, off_hours, clock_trusted;
	enum show_slide slide;
	const char *shown_rooms;
	bool panel_on;
	int next_change[2];	/* hour, minute */
} rows[] = {
	{SHOW_NONE, ONE, false, false, true, SHOW_NOW_NEXT, "Main hall", true, {10, 30}},
	{SHOW_NONE, ONE, false, false, false, SHOW_PROGRAMME, "Main hall", true, {10, 30}},
	{SHOW_NONE, ONE, false, true, true, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NONE, ONE, false, true, false, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NONE, ONE, true, false, true, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NONE, ONE, true, false, false, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NONE, ONE, true, true, true, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_NONE, ONE, true, true, false, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_NONE, MANY, false, false, true, SHOW_ROOMS, "*", true, {10, 30}},
	{SHOW_NONE, MANY, false, false, false, SHOW_PROGRAMME, "*", true, {10, 30}},
	{SHOW_NONE, MANY, false, true, true, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_NONE, MANY, false, true, false, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_NONE, MANY, true, false, true, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_NONE, MANY, true, false, false, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_NONE, MANY, true, true, true, SHOW_EMERGENCY, "*", true, {10, 15}},
	{SHOW_NONE, MANY, true, true, false, SHOW_EMERGENCY, "*", true, {10, 15}},
	{SHOW_NOW_NEXT, ONE, false, false, true, SHOW_NOW_NEXT, "Main hall", true, {10, 30}},
	{SHOW_NOW_NEXT, ONE, false, false, false, SHOW_PROGRAMME, "Main hall", true, {10, 30}},
	{SHOW_NOW_NEXT, ONE, false, true, true, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NOW_NEXT, ONE, false, true, false, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NOW_NEXT, ONE, true, false, true, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NOW_NEXT, ONE, true, false, false, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NOW_NEXT, ONE, true, true, true, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_NOW_NEXT, ONE, true, true, false, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_NOW_NEXT, MANY, false, false, true, SHOW_NOW_NEXT, "Main hall", true, {10, 30}},
	{SHOW_NOW_NEXT, MANY, false, false, false, SHOW_PROGRAMME, "Main hall", true, {10, 30}},
	{SHOW_NOW_NEXT, MANY, false, true, true, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NOW_NEXT, MANY, false, true, false, SHOW_OFF, "Main hall", false, {10, 15}},
	{SHOW_NOW_NEXT, MANY, true, false, true, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NOW_NEXT, MANY, true, false, false, SHOW_EMERGENCY, "Main hall", true, {10, 20}},
	{SHOW_NOW_NEXT, MANY, true, true, true, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_NOW_NEXT, MANY, true, true, false, SHOW_EMERGENCY, "Main hall", true, {10, 15}},
	{SHOW_ROOMS, ONE, false, false, true, SHOW_ROOMS, "*", true, {10, 30}},
	{SHOW_ROOMS, ONE, false, false, false, SHOW_PROGRAMME, "*", true, {10, 30}},
	{SHOW_ROOMS, ONE, false, true, true, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_ROOMS, ONE, false, true, false, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_ROOMS, ONE, true, false, true, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_ROOMS, ONE, true, false, false, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_ROOMS, ONE, true, true, true, SHOW_EMERGENCY, "*", true, {10, 15}},
	{SHOW_ROOMS, ONE, true, true, false, SHOW_EMERGENCY, "*", true, {10, 15}},
	{SHOW_ROOMS, MANY, false, false, true, SHOW_ROOMS, "*", true, {10, 30}},
	{SHOW_ROOMS, MANY, false, false, false, SHOW_PROGRAMME, "*", true, {10, 30}},
	{SHOW_ROOMS, MANY, false, true, true, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_ROOMS, MANY, false, true, false, SHOW_OFF, "*", false, {10, 15}},
	{SHOW_ROOMS, MANY, true, false, true, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_ROOMS, MANY, true, false, false, SHOW_EMERGENCY, "*", true, {10, 20}},
	{SHOW_ROOMS, MANY, true, true, true, SHOW_EMERGENCY, "*", true, {10, 15}},
	{SHOW_ROOMS, MANY, true, true, false, SHOW_EMERGENCY, "*", true, {10, 15}},
};

static void test_table(void)
{
	static const char *const one_room[] = {"Main hall"};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct row *r = &rows[i];
		struct agenda *agenda = make_agenda(r->rooms);
		struct override_set *set = make_overrides(r->pin, r->emergency, r->off_hours);
		struct show_input in = {
			.agenda = agenda, .overrides = set, .zone = utc,
			.screen = {.rooms = r->rooms == ONE ? one_room : NULL,
				   .n_rooms = r->rooms == ONE ? 1 : 0},
			.clock_trusted = r->clock_trusted, .now = at(10, 0)};
		struct show_plan plan;
		show_plan(&in, &plan);
		char what[160], rooms[160];
		snprintf(what, sizeof what, "row %zu: pin %s, %s, %s, %s, clock %s", i,
			 r->pin ? show_slide_name(r->pin) : "none", r->rooms == ONE ? "one room" : "many",
			 r->emergency ? "emergency" : "no emergency",
			 r->off_hours ? "out of hours" : "in hours",
			 r->clock_trusted ? "trusted" : "not trusted");
		CHECK_STR(show_slide_name(plan.slide), show_slide_name(r->slide), "%s", what);
		CHECK_STR(rooms_text(&plan, rooms, sizeof rooms), r->shown_rooms, "%s", what);
		CHECK(plan.panel_on == r->panel_on, "%s: panel %s", what, plan.panel_on ? "on" : "off");
		CHECK(plan.next_change == at(r->next_change[0], r->next_change[1]),
		      "%s: next change %lld", what, (long long)plan.next_change);
		CHECK(plan.page == 0 && plan.n_pages == 1, "%s: one page", what);
		override_destroy(set);
		agenda_destroy(agenda);
	}
}

static void test_edges(void)
{
	struct agenda *agenda = make_agenda(MANY);
	struct show_input in = {.agenda = agenda, .zone = utc, .clock_trusted = true, .now = at(10, 0)};
	struct show_plan plan;

	show_plan(&in, &plan);	/* no override file */
	CHECK(plan.slide == SHOW_ROOMS && plan.panel_on && plan.n_rooms == 0, "no overrides: rooms");
	CHECK(plan.next_change == at(10, 30), "no overrides: the Keynote's end");

	in.now = at(12, 0);	/* after the last session: nothing will change */
	show_plan(&in, &plan);
	CHECK(plan.next_change == 0, "nothing after 11:30: no next change, got %lld",
	      (long long)plan.next_change);

	struct error_list errors = {0};
	static const char expired[] = "[emergency]\ntitle = Fire\nuntil = 09:00\n";
	struct override_set *set = override_parse(expired, strlen(expired), utc, at(8, 0), &errors);
	in.overrides = set;
	in.now = at(10, 0);
	show_plan(&in, &plan);
	CHECK(plan.slide == SHOW_ROOMS, "an emergency that has ended is not shown");
	override_destroy(set);
	in.overrides = NULL;

	/* a one-room agenda with sessions without a room lists two rooms: Main hall and "" */
	struct agenda *roomless = make_agenda(ONE);
	add(roomless, NULL, "Lunch", 12, 0, 13, 0);
	agenda_sort(roomless);
	in.agenda = roomless;
	show_plan(&in, &plan);
	CHECK(sched_room_count(roomless, 0) == 2, "Main hall and the roomless sessions");
	CHECK(plan.slide == SHOW_ROOMS, "roomless sessions on a screen of every room: rooms");
	agenda_destroy(roomless);

	/* an empty agenda: one room's now/next, with nothing on */
	struct agenda *empty = agenda_create();
	in.agenda = empty;
	show_plan(&in, &plan);
	CHECK(plan.slide == SHOW_NOW_NEXT && plan.next_change == 0, "an empty agenda: now-next");
	agenda_destroy(empty);
	agenda_destroy(agenda);
	error_list_finish(&errors);
}

/*
 * The deck: now-next 20, rooms 10 (3 pages), agenda 15, announcement 12 (none in force),
 * image 8 (2 files): a cycle of 20 + 30 + 15 + 16 = 81 s from the epoch. 10:00 UTC on
 * 10 December 2018 is 1544436000 = 81 * 19067111 + 9 s into it.
 */
static void test_deck(void)
{
	static const struct deck deck = {
		.entries = {{DECK_NOW_NEXT, 20}, {DECK_ROOMS, 10}, {DECK_AGENDA, 15},
			    {DECK_ANNOUNCEMENT, 12}, {DECK_IMAGE, 8}},
		.n = 5};
	static const int pages[DECK_KIND_COUNT] = {[DECK_NOW_NEXT] = 1, [DECK_ROOMS] = 3,
						   [DECK_AGENDA] = 1, [DECK_ANNOUNCEMENT] = 0,
						   [DECK_IMAGE] = 2};
	static const char *const one_room[] = {"Main hall"};
	static const struct {
		int seconds;		/* after 10:00 */
		enum show_slide pin;	/* with pin_page below */
		int pin_page;
		bool emergency, off_hours, clock_trusted, forced;
		enum deck_kind forced_kind;
		int forced_page;
		enum show_slide slide;
		const char *shown_rooms;
		int page, n_pages, deck_index;	/* page from 1 */
		int next_change;	/* seconds after 10:00; 0: the session's end at 10:30 */
	} deck_rows[] = {
		/* the clock's rotation: 9 s into the cycle, now-next until 11 s after 10:00 */
		{0, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_NOW_NEXT, "Main hall", 1, 1, 0, 11},
		{11, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_ROOMS, "*", 1, 3, 1, 21},
		{31, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_ROOMS, "*", 3, 3, 1, 41},
		{41, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_AGENDA, "Main hall", 1, 1, 2, 56},
		/* the announcement has nothing: skipped, the images follow the agenda */
		{56, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_IMAGE, "Main hall", 1, 2, 4, 64},
		{71, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_IMAGE, "Main hall", 2, 2, 4, 72},
		{72, SHOW_NONE, 0, false, false, true, false, 0, 0, SHOW_NOW_NEXT, "Main hall", 1, 1, 0, 92},
		/* an emergency interrupts (no page turns: it stays), the deck keeps its place */
		{31, SHOW_NONE, 0, true, false, true, false, 0, 0, SHOW_EMERGENCY, "*", 3, 3, 1, 0},
		{41, SHOW_NONE, 0, true, false, true, false, 0, 0, SHOW_EMERGENCY, "Main hall", 1, 1, 2, 0},
		/* the screen hours blank it (the emergency plan's 10:15 start of hours is next) */
		{31, SHOW_NONE, 0, false, true, true, false, 0, 0, SHOW_OFF, "*", 3, 3, 1, 15 * 60},
		/* a pin stops it, on a page; past the end: the last; nothing to show: the deck */
		{41, SHOW_ROOMS, 2, false, false, true, false, 0, 0, SHOW_ROOMS, "*", 2, 3, 1, 0},
		{41, SHOW_ROOMS, 9, false, false, true, false, 0, 0, SHOW_ROOMS, "*", 3, 3, 1, 0},
		{0, SHOW_IMAGE, 0, false, false, true, false, 0, 0, SHOW_IMAGE, "Main hall", 1, 2, 4, 0},
		{0, SHOW_ANNOUNCEMENT, 0, false, false, true, false, 0, 0, SHOW_NOW_NEXT, "Main hall", 1, 1, 0, 11},
		/* --slide: that slide and page, over the pin and the clock */
		{0, SHOW_ROOMS, 2, false, false, true, true, DECK_IMAGE, 2, SHOW_IMAGE, "Main hall", 2, 2, 4, 0},
		{0, SHOW_NONE, 0, false, false, true, true, DECK_ANNOUNCEMENT, 1, SHOW_ANNOUNCEMENT, "Main hall", 1, 1, 3, 0},
		/* before the clock is known good it still rotates, without "now" */
		{0, SHOW_NONE, 0, false, false, false, false, 0, 0, SHOW_PROGRAMME, "Main hall", 1, 1, 0, 11},
		{41, SHOW_NONE, 0, false, false, false, false, 0, 0, SHOW_AGENDA, "Main hall", 1, 1, 2, 56},
	};
	for (size_t i = 0; i < sizeof deck_rows / sizeof *deck_rows; i++) {
		struct agenda *agenda = make_agenda(ONE);
		char text[512];
		snprintf(text, sizeof text, "%s[screen]\nhours = %s\n",
			 deck_rows[i].emergency ? "[emergency]\ntitle = Leave\nfrom = 09:00\n" : "",
			 deck_rows[i].off_hours ? "10:15-20:00" : "08:00-20:00");
		if (deck_rows[i].pin && deck_rows[i].pin_page)
			snprintf(text + strlen(text), sizeof text - strlen(text), "pin = %s:%d\n",
				 show_slide_name(deck_rows[i].pin), deck_rows[i].pin_page);
		else if (deck_rows[i].pin)
			snprintf(text + strlen(text), sizeof text - strlen(text), "pin = %s\n",
				 show_slide_name(deck_rows[i].pin));
		struct error_list errors = {0};
		struct override_set *set = override_parse(text, strlen(text), utc, at(8, 0), &errors);
		CHECK(set, "row %zu parses: %s", i, errors.n ? errors.items[0].message : "");
		error_list_finish(&errors);
		struct show_input in = {
			.agenda = agenda, .overrides = set, .zone = utc,
			.screen = {.rooms = one_room, .n_rooms = 1},
			.clock_trusted = deck_rows[i].clock_trusted, .now = at(10, 0) + deck_rows[i].seconds,
			.deck = &deck, .pages = pages, .forced = deck_rows[i].forced,
			.forced_kind = deck_rows[i].forced_kind, .forced_page = deck_rows[i].forced_page};
		struct show_plan plan;
		show_plan(&in, &plan);
		char rooms[160];
		CHECK_STR(show_slide_name(plan.slide), show_slide_name(deck_rows[i].slide), "deck row %zu", i);
		CHECK_STR(rooms_text(&plan, rooms, sizeof rooms), deck_rows[i].shown_rooms, "deck row %zu", i);
		CHECK((int)plan.page + 1 == deck_rows[i].page && (int)plan.n_pages == deck_rows[i].n_pages,
		      "deck row %zu: page %zu of %zu", i, plan.page + 1, plan.n_pages);
		CHECK(plan.deck_index == deck_rows[i].deck_index, "deck row %zu: entry %d", i,
		      plan.deck_index);
		time_t want = deck_rows[i].next_change ? at(10, 0) + deck_rows[i].next_change : at(10, 30);
		CHECK(plan.next_change == want, "deck row %zu: next change %+lld s", i,
		      (long long)(plan.next_change - at(10, 0)));
		override_destroy(set);
		agenda_destroy(agenda);
	}
}

static void test_names(void)
{
	static const struct { const char *name; bool pinnable; enum show_slide slide; } names[] = {
		{"now-next", true, SHOW_NOW_NEXT}, {"rooms", true, SHOW_ROOMS},
		{"programme", false, SHOW_PROGRAMME}, {"emergency", false, SHOW_EMERGENCY},
		{"off", false, SHOW_OFF}, {"", false, SHOW_NONE}, {"Rooms", false, SHOW_NONE},
		{"now next", false, SHOW_NONE}, {"agenda", true, SHOW_AGENDA},
		{"announcement", true, SHOW_ANNOUNCEMENT}, {"image", true, SHOW_IMAGE},
		{"lobby", false, SHOW_NONE},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		enum show_slide slide = SHOW_NONE;
		bool ok = show_pin_parse(names[i].name, &slide);
		CHECK(ok == names[i].pinnable && (!ok || slide == names[i].slide), "pin \"%s\"",
		      names[i].name);
		if (names[i].slide)
			CHECK_STR(show_slide_name(names[i].slide), names[i].name, "name of %zu", i);
	}
	CHECK_STR(show_slide_name(SHOW_SLIDE_COUNT), "", "out of range");
	char list[64];
	CHECK_STR(show_pin_names(list, sizeof list), "now-next, rooms, agenda, announcement, image",
		  "the pin names");
	CHECK_STR(show_pin_names(list, 6), "now-n", "cut to fit");
}

int main(void)
{
	utc = tz_fixed("UTC", 0);
	test_table();
	test_edges();
	test_names();
	test_deck();
	tz_destroy(utc);
	return check_done();
}
