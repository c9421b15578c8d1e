/*
 * sched.c — now and next per room; see sched.h for the rules.
 *
 * A linear pass per room: agendas are at most AGENDA_MAX_EVENTS long and this runs once per
 * visible change, not per frame. The agenda need not be sorted; ties keep feed order.
 */
#include "sched.h"

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

static bool fill_room(const struct agenda *agenda, struct sched_room *r, size_t n_screen_rooms,
		      time_t t)
{
	size_t n_now = 0, n_next = 0;
	time_t next_start = 0;
	bool have_next = false;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (!sched_event_in_room(ev, r->room, n_screen_rooms))
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
		if (!sched_event_in_room(ev, r->room, n_screen_rooms))
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
	for (size_t i = 0; i < total; i++) {
		struct sched_room *r = &out->rooms[i];
		r->room = i >= n_rooms ? "" : n_screen_rooms ? rooms[i] : agenda->rooms[i];
		if (!fill_room(agenda, r, n_screen_rooms, t)) {
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
