/*
 * test_sched.c — now and next (DESIGN.md section 4) at fixed instants: boundaries, gaps,
 * overlaps, ties, midnight, both DST changes in Europe/London and America/New_York, a
 * half-hour zone, rooms, plenaries and all-day entries.
 */
#include <stdlib.h>

#include "check.h"
#include "sched.h"
#include "tz.h"

static struct tz *zone;

/* Local "YYYY-MM-DD HH:MM" in the current zone to UTC. */
static time_t at(const char *local)
{
	struct civil c;
	bool has_offset;
	int offset;
	if (!civil_parse_iso(local, &c, &has_offset, &offset))
		abort();
	time_t t;
	tz_to_utc(zone, &c, &t);
	return t;
}

static void add(struct agenda *a, const char *room, const char *title, const char *start,
		const char *end)
{
	struct event *ev = agenda_add_event(a);
	ev->title = agenda_strdup(a, title);
	ev->start = at(start);
	ev->end = at(end);
	agenda_set_room(a, ev, room);
}

/* "title,title|title" — the now titles and the next titles of one room, in order. */
static void expect(const struct agenda *a, const char *room, const char *when, const char *want)
{
	const char *rooms[] = {room};
	struct sched s;
	CHECK(sched_now_next(a, rooms, 1, at(when), &s), "sched");
	char got[512] = "";
	for (size_t i = 0; i < s.rooms[0].n_now; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "",
			 s.rooms[0].now[i]->title);
	strcat(got, "|");
	for (size_t i = 0; i < s.rooms[0].n_next; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "",
			 s.rooms[0].next[i]->title);
	CHECK_STR(got, want, "room %s at %s", room, when);
	sched_finish(&s);
}

static void test_boundaries(void)
{
	zone = tz_load("Europe/London", NULL);
	struct agenda *a = agenda_create();
	add(a, "Hall", "A", "2018-12-10 14:00", "2018-12-10 14:45");
	add(a, "Hall", "B", "2018-12-10 14:45", "2018-12-10 15:00");
	add(a, "Hall", "C", "2018-12-10 16:00", "2018-12-10 17:00");	/* after a gap */
	add(a, "Hall", "Long", "2018-12-10 16:00", "2018-12-10 18:00");	/* overlaps C, same start */
	add(a, "Hall", "Intro", "2018-12-10 16:10", "2018-12-10 16:20");	/* nested */
	add(a, "Hall", "Late", "2018-12-10 23:30", "2018-12-11 00:30");	/* across midnight */
	add(a, "Hall", "Tomorrow", "2018-12-11 09:30", "2018-12-11 10:00");
	add(a, "Side", "Elsewhere", "2018-12-10 14:00", "2018-12-10 18:00");
	agenda_sort(a);
	expect(a, "Hall", "2018-12-10 13:59", "|A");
	expect(a, "Hall", "2018-12-10 14:00", "A|B");			/* exactly at start */
	expect(a, "Hall", "2018-12-10 14:44:59", "A|B");		/* one second before */
	expect(a, "Hall", "2018-12-10 14:45", "B|C,Long");		/* exactly at end */
	expect(a, "Hall", "2018-12-10 15:30", "|C,Long");		/* a gap */
	expect(a, "Hall", "2018-12-10 16:15", "C,Long,Intro|Late");	/* overlaps */
	expect(a, "Hall", "2018-12-10 17:30", "Long|Late");
	expect(a, "Hall", "2018-12-11 00:10", "Late|Tomorrow");	/* after midnight */
	expect(a, "Hall", "2018-12-11 00:30", "|Tomorrow");
	expect(a, "Hall", "2018-12-11 10:00", "|");			/* all over */
	expect(a, "Side", "2018-12-10 15:00", "Elsewhere|");
	expect(a, "Nowhere", "2018-12-10 15:00", "|");
	agenda_destroy(a);
	tz_destroy(zone);
}

static void test_dst(void)
{
	/* London, clocks go forward at 01:00 GMT on 31 March 2019: 00:30-03:00 local lasts
	 * 90 minutes of real time. */
	zone = tz_load("Europe/London", NULL);
	struct agenda *a = agenda_create();
	add(a, "Hall", "Night", "2019-03-31 00:30", "2019-03-31 03:00");
	add(a, "Hall", "Morning", "2019-03-31 03:00", "2019-03-31 04:00");
	add(a, "Hall", "Autumn", "2019-10-27 00:30", "2019-10-27 02:30");	/* 3 real hours */
	add(a, "Hall", "After", "2019-10-27 02:30", "2019-10-27 03:30");
	expect(a, "Hall", "2019-03-31 00:45", "Night|Morning");
	expect(a, "Hall", "2019-03-31 02:59", "Night|Morning");
	expect(a, "Hall", "2019-03-31 03:00", "Morning|Autumn");
	time_t first_130 = at("2019-10-27 01:30");	/* the fold: the BST 01:30 */
	const char *rooms[] = {"Hall"};
	struct sched s;
	sched_now_next(a, rooms, 1, first_130 + 3600, &s);	/* the GMT 01:30 */
	CHECK(s.rooms[0].n_now == 1 && !strcmp(s.rooms[0].now[0]->title, "Autumn"),
	      "second 01:30 still in Autumn");
	sched_finish(&s);
	CHECK(a->events[2].end - a->events[2].start == 3 * 3600, "Autumn lasts 3 real hours");
	CHECK(a->events[0].end - a->events[0].start == 90 * 60, "Night lasts 90 real minutes");
	agenda_destroy(a);
	tz_destroy(zone);

	zone = tz_load("America/New_York", NULL);
	a = agenda_create();
	add(a, "Hall", "Spring", "2019-03-10 01:00", "2019-03-10 04:00");	/* 2 real hours */
	add(a, "Hall", "Fall", "2019-11-03 00:00", "2019-11-03 02:00");	/* 3 real hours */
	add(a, "Hall", "Breakfast", "2019-11-03 08:00", "2019-11-03 09:00");
	CHECK(a->events[0].end - a->events[0].start == 2 * 3600, "NY spring: 2 hours");
	CHECK(a->events[1].end - a->events[1].start == 3 * 3600, "NY fall: 3 hours");
	expect(a, "Hall", "2019-03-10 03:30", "Spring|Fall");
	expect(a, "Hall", "2019-11-03 01:59", "Fall|Breakfast");
	expect(a, "Hall", "2019-11-03 02:00", "|Breakfast");
	agenda_destroy(a);
	tz_destroy(zone);
}

static void test_half_hour_zone(void)
{
	zone = tz_load("Asia/Kolkata", NULL);
	struct agenda *a = agenda_create();
	add(a, "Hall", "Keynote", "2020-01-10 09:30", "2020-01-10 10:15");
	add(a, "Hall", "Talk", "2020-01-10 10:15", "2020-01-10 11:00");
	CHECK(a->events[0].start == 1578628800, "09:30 IST is 04:00 UTC");
	expect(a, "Hall", "2020-01-10 09:29", "|Keynote");
	expect(a, "Hall", "2020-01-10 09:30", "Keynote|Talk");
	agenda_destroy(a);
	tz_destroy(zone);
	zone = tz_load("America/St_Johns", NULL);
	a = agenda_create();
	add(a, "Hall", "Keynote", "2020-01-10 09:00", "2020-01-10 10:00");
	CHECK(a->events[0].start == 1578659400, "09:00 NST is 12:30 UTC");
	agenda_destroy(a);
	tz_destroy(zone);
}

static void test_rooms(void)
{
	zone = tz_fixed("UTC", 0);
	struct agenda *a = agenda_create();
	add(a, "B", "b1", "2020-01-10 09:00", "2020-01-10 10:00");
	add(a, "A", "a1", "2020-01-10 09:00", "2020-01-10 10:00");
	add(a, "", "roomless", "2020-01-10 09:00", "2020-01-10 10:00");
	add(a, "A", "keynote", "2020-01-10 10:00", "2020-01-10 11:00");
	a->events[3].everywhere = true;
	add(a, "A", "all day", "2020-01-10 00:00", "2020-01-11 00:00");
	a->events[4].all_day = true;
	struct sched s;
	/* every room, in feed order, "" included */
	sched_now_next(a, NULL, 0, at("2020-01-10 09:30"), &s);
	CHECK(s.n_rooms == 3, "%zu rooms", s.n_rooms);
	CHECK_STR(s.rooms[0].room, "B", "feed order");
	CHECK_STR(s.rooms[1].room, "A", "feed order");
	CHECK_STR(s.rooms[2].room, "", "roomless last");
	CHECK(s.rooms[0].n_next == 1 && !strcmp(s.rooms[0].next[0]->title, "keynote"),
	      "plenary shows in B");
	CHECK(s.rooms[1].n_now == 1, "all-day entries are never now");
	sched_finish(&s);
	/* one screen room: roomless events belong to it */
	const char *one[] = {"B"};
	sched_now_next(a, one, 1, at("2020-01-10 09:30"), &s);
	CHECK(s.rooms[0].n_now == 2, "b1 and roomless: %zu", s.rooms[0].n_now);
	sched_finish(&s);
	/* two screen rooms: roomless events do not */
	const char *two[] = {"A", "B"};
	sched_now_next(a, two, 2, at("2020-01-10 09:30"), &s);
	CHECK(s.rooms[0].n_now == 1 && s.rooms[1].n_now == 1, "no roomless");
	sched_finish(&s);
	CHECK(sched_next_change(a, at("2020-01-10 09:30")) == at("2020-01-10 10:00"), "next change");
	CHECK(sched_next_change(a, at("2020-01-10 12:00")) == 0, "no change left");
	agenda_destroy(a);
	tz_destroy(zone);
}

/*
 * Which rooms each event shows in, as the sched decides it once per event (a hash table of
 * the rooms' names): a table of screens, and for every screen, event and room the same
 * answer as sched_event_in_room() by name. The screens' names are the config's strings,
 * never the agenda's pointers.
 */
static void test_room_matching(void)
{
	zone = tz_fixed("UTC", 0);
	struct agenda *a = agenda_create();
	static const struct {
		const char *room, *title, *start, *end;
		bool everywhere, all_day;
	} events[] = {
		{"Main hall", "talk", "2020-01-10 09:00", "2020-01-10 10:00", false, false},
		{"Side room", "side", "2020-01-10 09:00", "2020-01-10 10:00", false, false},
		{"", "roomless", "2020-01-10 09:00", "2020-01-10 10:00", false, false},
		{"Main hall", "plenary", "2020-01-10 10:00", "2020-01-10 11:00", true, false},
		{"", "roomless plenary", "2020-01-10 11:00", "2020-01-10 12:00", true, false},
		{"Main hall", "all day", "2020-01-10 00:00", "2020-01-11 00:00", false, true},
	};
	for (size_t i = 0; i < sizeof events / sizeof *events; i++) {
		add(a, events[i].room, events[i].title, events[i].start, events[i].end);
		a->events[i].everywhere = events[i].everywhere;
		a->events[i].all_day = events[i].all_day;
	}
	/* an override moves a session to a room the feed never had */
	add(a, "Side room", "moved", "2020-01-10 09:00", "2020-01-10 10:00");
	agenda_set_room(a, &a->events[6], "Annex");
	/* a reader that sets a room without recording it: not one of the agenda's pointers */
	add(a, "Side room", "unrecorded", "2020-01-10 10:00", "2020-01-10 11:00");
	static char side[] = "Side room";
	a->events[7].room = side;
	/* the screen's rooms, and per room the titles it shows (first letters, in feed order) */
	static const struct {
		const char *rooms[3];
		size_t n;
		const char *want;
	} table[] = {
		{{NULL}, 0, "Main hall:t,p,rp|Side room:s,p,rp,u|:r,p,rp|Annex:p,rp,m"},
		{{"Main hall"}, 1, "Main hall:t,r,p,rp"},
		{{"Side room"}, 1, "Side room:s,r,p,rp,u"},
		{{"Annex"}, 1, "Annex:r,p,rp,m"},
		{{"Nowhere"}, 1, "Nowhere:r,p,rp"},
		{{"Main hall", "Side room"}, 2, "Main hall:t,p,rp|Side room:s,p,rp,u"},
		{{"Side room", "Main hall", "Side room"}, 3,
		 "Side room:s,p,rp,u|Main hall:t,p,rp|Side room:s,p,rp,u"},
		{{"Main hall", ""}, 2, "Main hall:t,p,rp|:r,p,rp"},
		{{"main hall", "Annex"}, 2, "main hall:p,rp|Annex:p,rp,m"},
	};
	static const char *const initials[] = {"t", "s", "r", "p", "rp", "ad", "m", "u"};
	for (size_t row = 0; row < sizeof table / sizeof table[0]; row++) {
		struct sched s;
		CHECK(sched_now_next(a, table[row].n ? table[row].rooms : NULL, table[row].n,
				     at("2020-01-10 09:30"), &s), "sched");
		char got[256] = "";
		for (size_t k = 0; k < s.n_rooms; k++) {
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:", k ? "|" : "",
				 s.rooms[k].room);
			bool first = true;
			for (size_t i = 0; i < a->n_events; i++) {
				bool shows = sched_event_shows(&s, i, k);
				CHECK(shows == sched_event_in_room(&a->events[i], s.rooms[k].room,
								   table[row].n),
				      "row %zu: %s in %s", row, a->events[i].title, s.rooms[k].room);
				if (!shows)
					continue;
				snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s",
					 first ? "" : ",", initials[i]);
				first = false;
			}
		}
		CHECK_STR(got, table[row].want, "row %zu", row);
		for (size_t i = 0; i < a->n_events; i++) {
			size_t want = s.n_rooms;
			for (size_t k = s.n_rooms; k-- > 0;)
				if (sched_event_in_room(&a->events[i], s.rooms[k].room, table[row].n))
					want = k;
			CHECK(sched_event_first_room(&s, i) == want, "row %zu: %s first in %zu, not %zu",
			      row, a->events[i].title, want, sched_event_first_room(&s, i));
		}
		CHECK(!sched_event_shows(&s, a->n_events, 0) &&
			      sched_event_first_room(&s, a->n_events) == s.n_rooms,
		      "row %zu: past the agenda's events", row);
		sched_finish(&s);
	}
	struct sched none = {0};
	CHECK(!sched_event_shows(&none, 0, 0) && sched_event_first_room(&none, 0) == 0,
	      "a zeroed sched shows nothing");
	agenda_destroy(a);
	tz_destroy(zone);
}

int main(void)
{
	test_boundaries();
	test_dst();
	test_half_hour_zone();
	test_rooms();
	test_room_matching();
	return check_done();
}
