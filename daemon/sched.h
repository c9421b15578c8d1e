/*
 * sched.h — what is on now and next in each room (DESIGN.md section 4).
 *
 * Pure: an agenda, the screen's rooms and an instant in, pointers into the agenda out. The
 * result borrows the agenda's events, so it lives no longer than the agenda.
 *
 *   now  = every event of the room with start <= t < end
 *   next = every event of the room whose start is the smallest start > t (ties: all)
 *
 * Cancelled events stay in both lists. All-day calendar entries are never now or next.
 * Events without a room belong to the screen's room when exactly one is configured, else to
 * the room "". Plenary events (event.everywhere) belong to every room.
 *
 * Which rooms an event shows in is decided once per event (the rooms' names in a hash
 * table), not by comparing names per event and room: sched_event_shows() and
 * sched_event_first_room() answer from that for the layouts of the same agenda.
 */
#ifndef FOYER_SCHED_H
#define FOYER_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "agenda.h"

struct sched_room {
	const char *room;
	size_t same_as;		/* the first of the sched's rooms of this name (its own index
				   unless a name is given twice) */
	const struct event **now;
	size_t n_now;
	const struct event **next;
	size_t n_next;
};

struct sched {
	struct sched_room *rooms;
	size_t n_rooms;
	size_t *event_room;	/* per event of the agenda: the first room it shows in,
				   SCHED_EVERY_ROOM for a plenary, n_rooms for none */
	size_t n_events;
};

#define SCHED_EVERY_ROOM ((size_t)-1)

/*
 * Fills out for the given rooms (or, with n_rooms == 0, every room of the agenda in feed
 * order). Caller-owned out; release with sched_finish(). False when out of memory.
 */
bool sched_now_next(const struct agenda *agenda, const char *const *rooms, size_t n_rooms,
		    time_t t, struct sched *out);
void sched_finish(struct sched *sched);

/* How many rooms sched_now_next() lists for a screen of n_rooms rooms (0: every room). */
size_t sched_room_count(const struct agenda *agenda, size_t n_rooms);

/* Whether ev shows on the screen of `room`, given how many rooms the screen serves. */
bool sched_event_in_room(const struct event *ev, const char *room, size_t n_screen_rooms);

/*
 * Whether the agenda's event i shows in the sched's room k: what sched_event_in_room() says
 * of that room for the screen the sched was made for, in O(1). The sched must be of that
 * agenda; a zeroed sched shows nothing.
 */
bool sched_event_shows(const struct sched *sched, size_t i, size_t k);
/* The first of the sched's rooms the agenda's event i shows in; n_rooms when none. */
size_t sched_event_first_room(const struct sched *sched, size_t i);

/*
 * The earliest instant after t at which some room's now/next changes (an event starts or
 * ends), or 0 when none does: the render loop sleeps until then.
 */
time_t sched_next_change(const struct agenda *agenda, time_t t);

#endif
