/*
 * slide_list.h — the rows of the deck's list slides, pure: the agenda, now/next (sched.h), the
 * venue's zone and the instant in; one row per room (the rooms overview) or per session (the
 * agenda) out, every text already formatted. Paging them is the layout's job
 * (slide_rooms.c, slide_agenda.c), since how many fit depends on the screen.
 *
 *   rooms:  every room of the sched in its order, with what is on now and what is next; a
 *           room with nothing more today (nothing now, next on a later day or never) goes
 *           to the end, the others keep their order. Without a trusted clock: no rows (the
 *           slide is skipped: it cannot say what is on now).
 *   agenda: the rest of today's sessions of the sched's rooms (those not yet ended) by
 *           start time, the ones on now marked current. Without a trusted clock: the whole
 *           programme day (as the now/next slide's programme), nothing marked current.
 *
 * Changed, moved and cancelled sessions are marked as on the now/next slide: the override's
 * note, else "Cancelled", "Changed" or "Moved"; cancelled ones are struck through.
 *
 * Entry points: slide_list_rooms(), slide_list_agenda(), slide_list_add_overrides() (room
 * flags after the room's name), slide_list_finish(); slide_list_rooms_count() and
 * slide_list_agenda_count() count the rows without formatting them. The list owns its strings.
 */
#ifndef FOYER_SLIDE_LIST_H
#define FOYER_SLIDE_LIST_H

#include "slide_content.h"

#define SLIDE_LIST_MAX_ROWS 5000

/*
 * sched is the agenda's (sched_now_next() of it). Caller-owned out (zeroed or finished
 * before); false when out of memory (out empty).
 */
bool slide_list_rooms(const struct agenda *agenda, const struct sched *sched,
		      const struct slide_content_options *options, struct slide_list *out);
bool slide_list_agenda(const struct agenda *agenda, const struct sched *sched,
		       const struct slide_content_options *options, struct slide_list *out);

/*
 * How many rows slide_list_rooms() (of a sched of n_rooms rooms) and slide_list_agenda()
 * make of the same input, without making them: what the deck's page count needs
 * (slide_pages() reads only a list's n).
 */
size_t slide_list_rooms_count(size_t n_rooms, const struct slide_content_options *options);
size_t slide_list_agenda_count(const struct agenda *agenda, const struct sched *sched,
			       const struct slide_content_options *options);

/* "Room 2 · Room full": the [room] flags in force at now after each row's room (set may be NULL). */
bool slide_list_add_overrides(struct slide_list *list, const struct override_set *set,
			      time_t now);

void slide_list_finish(struct slide_list *list);

#endif
