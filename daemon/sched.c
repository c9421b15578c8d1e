/*
 * sched.c — now and next per room; see sched.h for the rules.
 *
 * Each event's room is looked up once in a hash table of the sched's room names (the
 * event's first room, or every room, or none: sched.event_room), and each room then takes
 * its events from a pass over the agenda that compares only those indexes. Agendas are at
 * most AGENDA_MAX_EVENTS long; the agenda need not be sorted; ties keep feed order.
 */
#include "sched.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool sched_event_in_room(const struct event *ev, const char *room, size_t n_screen_rooms)
{
	if (ev->all_day)
		return false;
	if (ev->everywhere)
		return true;
	if (!strcmp(ev->room, room))
		return true;
	return ev->room[0] == '\0' && n_screen_rooms == 1;
}

/*
 * The sched's rooms by name: open addressing in a power of two of slots, at least twice
 * the rooms, each slot the index + 1 of the first room of its name (0: empty).
 */
struct room_table {
	size_t *slots;
	size_t mask;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot of name: its room's, or the empty one where it would go. */
static size_t *table_slot(const struct room_table *t, const struct sched *s, const char *name)
{
	size_t i = name_hash(name) & t->mask;
	while (t->slots[i] && strcmp(s->rooms[t->slots[i] - 1].room, name))
		i = (i + 1) & t->mask;
	return &t->slots[i];
}

/* Fills the table with s's rooms and sets each room's same_as; false when out of memory. */
static bool table_init(struct room_table *t, struct sched *s)
{
	size_t cap = 8;
	while (cap < 2 * s->n_rooms)
		cap *= 2;
	t->slots = calloc(cap, sizeof *t->slots);
	if (!t->slots)
		return false;
	t->mask = cap - 1;
	for (size_t k = 0; k < s->n_rooms; k++) {
		size_t *slot = table_slot(t, s, s->rooms[k].room);
		if (!*slot)
			*slot = k + 1;
		s->rooms[k].same_as = *slot - 1;
	}
	return true;
}

/* sched_event_in_room() of every room of s at once: the first room ev shows in. */
static size_t first_room(const struct room_table *t, const struct sched *s,
			 const struct event *ev, size_t n_screen_rooms)
{
	if (ev->all_day)
		return s->n_rooms;
	if (ev->everywhere)
		return SCHED_EVERY_ROOM;
	if (ev->room[0] == '\0' && n_screen_rooms == 1)
		return 0;	/* the screen's one room (n_screen_rooms == 1: the sched has one) */
	size_t slot = *table_slot(t, s, ev->room);
	return slot ? slot - 1 : s->n_rooms;
}

bool sched_event_shows(const struct sched *sched, size_t i, size_t k)
{
	if (i >= sched->n_events || k >= sched->n_rooms)
		return false;
	size_t first = sched->event_room[i];
	return first == SCHED_EVERY_ROOM || first == sched->rooms[k].same_as;
}

size_t sched_event_first_room(const struct sched *sched, size_t i)
{
	if (i >= sched->n_events)
		return sched->n_rooms;
	size_t first = sched->event_room[i];
	return first == SCHED_EVERY_ROOM ? 0 : first;
}

static bool fill_room(const struct agenda *agenda, struct sched *s, size_t k, time_t t)
{
	struct sched_room *r = &s->rooms[k];
	size_t n_now = 0, n_next = 0;
	time_t next_start = 0;
	bool have_next = false;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (!sched_event_shows(s, i, k))
			continue;
		if (ev->start <= t && t < ev->end)
			n_now++;
		if (ev->start > t) {
			if (!have_next || ev->start < next_start) {
				next_start = ev->start;
				n_next = 0;
				have_next = true;
			}
			if (ev->start == next_start)
				n_next++;
		}
	}
	r->now = n_now ? malloc(n_now * sizeof *r->now) : NULL;
	r->next = n_next ? malloc(n_next * sizeof *r->next) : NULL;
	if ((n_now && !r->now) || (n_next && !r->next))
		return false;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (!sched_event_shows(s, i, k))
			continue;
		if (ev->start <= t && t < ev->end)
			r->now[r->n_now++] = ev;
		if (have_next && ev->start == next_start)
			r->next[r->n_next++] = ev;
	}
	return true;
}

static bool has_roomless_event(const struct agenda *agenda)
{
	for (size_t i = 0; i < agenda->n_events; i++)
		if (agenda->events[i].room[0] == '\0' && !agenda->events[i].everywhere)
			return true;
	return false;
}

size_t sched_room_count(const struct agenda *agenda, size_t n_rooms)
{
	if (n_rooms)
		return n_rooms;
	bool add_roomless = agenda_room_index(agenda, "") < 0 && has_roomless_event(agenda);
	return agenda->n_rooms + add_roomless;
}

bool sched_now_next(const struct agenda *agenda, const char *const *rooms, size_t n_rooms,
		    time_t t, struct sched *out)
{
	memset(out, 0, sizeof *out);
	size_t n_screen_rooms = n_rooms;
	size_t total = sched_room_count(agenda, n_rooms);
	if (n_rooms == 0)
		n_rooms = agenda->n_rooms;	/* and, past them, the room "" of roomless events */
	if (total == 0)
		return true;
	out->rooms = calloc(total, sizeof *out->rooms);
	if (!out->rooms)
		return false;
	out->n_rooms = total;
	for (size_t i = 0; i < total; i++)
		out->rooms[i].room = i >= n_rooms ? "" : n_screen_rooms ? rooms[i] : agenda->rooms[i];
	struct room_table table;
	out->event_room = malloc((agenda->n_events ? agenda->n_events : 1) * sizeof *out->event_room);
	if (!out->event_room || !table_init(&table, out)) {
		sched_finish(out);
		return false;
	}
	out->n_events = agenda->n_events;
	for (size_t i = 0; i < agenda->n_events; i++)
		out->event_room[i] = first_room(&table, out, &agenda->events[i], n_screen_rooms);
	free(table.slots);
	for (size_t k = 0; k < total; k++) {
		if (!fill_room(agenda, out, k, t)) {
			sched_finish(out);
			return false;
		}
	}
	return true;
}

void sched_finish(struct sched *sched)
{
	for (size_t i = 0; i < sched->n_rooms; i++) {
		free(sched->rooms[i].now);
		free(sched->rooms[i].next);
	}
	free(sched->rooms);
	free(sched->event_room);
	memset(sched, 0, sizeof *sched);
}

time_t sched_next_change(const struct agenda *agenda, time_t t)
{
	time_t best = 0;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (ev->all_day)
			continue;
		if (ev->start > t && (!best || ev->start < best))
			best = ev->start;
		if (ev->end > t && (!best || ev->end < best))
			best = ev->end;
	}
	return best;
}
