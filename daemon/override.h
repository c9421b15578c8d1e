/*
 * override.h — the AV staff's override file: parse and validate it, apply it to an agenda, and
 * answer "what is in force at this instant" (DESIGN.md sections 1, 3 and 7).
 *
 * Pure: bytes, a zone and instants in; structs out. No clock, no files, no logging. The edge
 * that watches the file and reloads it is override_watch.c; struct app (app.h) holds the
 * current good set.
 *
 * The file is read by inifile.h (the syntax, booleans and durations every foyer file shares),
 * with sections named as in git's config (at most INIFILE_MAX_SECTIONS of them):
 *
 *   [emergency]                 title, text, from, until       full-screen takeover
 *   [announcement "NAME"]       text, from, until, rooms,      banner (and the deck's
 *                               title, image                   announcement slide); repeatable
 *   [session "ID or TITLE"]     delay, start, end, room, title, status, note, at
 *   [room "NAME"]               full, closed, note, from, until
 *   [screen]                    hours, pin
 *
 * Entry points: override_parse() (every problem is collected, so --check lists them all; a
 * set comes back only when there were none), override_apply() (agenda + set -> a new agenda
 * with sessions delayed, moved, retitled or cancelled), and the queries at `now`
 * (override_emergency_at(), override_announcement_active(), override_room_at(),
 * override_screen_on(), override_next_change()). Entries whose `until` has passed simply stop
 * being returned by the queries: nothing needs to rewrite the file.
 *
 * Times without a date ("15:30") are on the venue-local day of the `reference` instant given
 * to override_parse() — override_watch.c passes the file's modification time, so an emergency saved
 * yesterday "until 15:30" does not come back after a reboot today. A session's `start`/`end`
 * without a date are on that session's own day. Times without an offset are venue local.
 */
#ifndef FOYER_OVERRIDE_H
#define FOYER_OVERRIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "agenda.h"
#include "error.h"
#include "show.h"
#include "tz.h"
#include "words.h"

#define OVERRIDE_MAX_BYTES (256 * 1024)	/* a bigger file is refused whole */
#define OVERRIDE_MAX_LIST 64		/* rooms in one `rooms =` list */
#define OVERRIDE_MAX_SHIFT (7 * 24 * 3600)	/* largest |delay| */

struct override_emergency {
	const char *title;	/* never NULL */
	const char *text;	/* never NULL; "" when not given */
	time_t from, until;	/* 0: not given (from the start / until removed from the file) */
	int line;
};

struct override_announcement {
	const char *name;	/* the section's NAME */
	const char *text;
	time_t from, until;	/* 0: not given */
	const char **rooms;	/* n_rooms names; none: every screen */
	size_t n_rooms;
	const char *title;	/* the announcement slide's title; NULL: not given */
	const char *image;	/* a file name in the override file's folder; NULL: none */
	int line;
};

/* A session's new start or end: not given, a time of day on the session's own day, or an instant. */
struct override_time {
	enum { OVERRIDE_TIME_NONE, OVERRIDE_TIME_CLOCK, OVERRIDE_TIME_INSTANT } kind;
	int clock;		/* seconds after local midnight (OVERRIDE_TIME_CLOCK) */
	time_t instant;		/* OVERRIDE_TIME_INSTANT */
};

enum override_status { OVERRIDE_STATUS_KEEP, OVERRIDE_STATUS_SCHEDULED, OVERRIDE_STATUS_CANCELLED };

struct override_session {
	const char *match;	/* the section's "ID or exact TITLE" */
	struct override_time at;	/* picks one of several sessions with that title */
	bool has_delay;
	int delay;		/* seconds; negative: brought forward */
	struct override_time start, end;
	const char *room, *title, *note;	/* NULL: not given */
	enum override_status status;
	int line;
};

struct override_room {
	const char *name;
	int full, closed;	/* -1: not given, else 0 or 1 */
	const char *note;	/* NULL: not given */
	time_t from, until;	/* 0: not given */
	int line;
};

struct override_screen {
	bool has_hours;
	int hours_on, hours_off;	/* seconds after local midnight; off < on: past midnight */
	enum show_slide pin;	/* SHOW_NONE: not given; else a slide show_pin_parse() knows */
	int pin_page;		/* `pin = KIND:PAGE`: from 1; 0 without a page */
	int line, pin_line;
};

struct override_set {
	bool has_emergency;
	struct override_emergency emergency;
	struct override_announcement *announcements;
	size_t n_announcements;
	struct override_session *sessions;
	size_t n_sessions;
	struct override_room *rooms;
	size_t n_rooms;
	struct override_screen screen;
	struct override_strings *strings;	/* owns every string above */
};

/*
 * Parses and validates an override file of len bytes (need not be NUL-terminated). tz is the
 * venue's zone; reference is the instant whose local day dated-less times fall on. Every
 * problem is appended to errors, each with its line (0: the file as a whole); returns the set only when there
 * were none, else NULL. An empty file is a valid, empty set.
 */
struct override_set *override_parse(const char *data, size_t len, const struct tz *tz,
				    time_t reference, struct error_list *errors);
void override_destroy(struct override_set *set);

/*
 * A new agenda: a clone of agenda with every [session] edit applied (status `changed` for new
 * times, `moved` for a new room, `cancelled`, each with a note), sorted again. A section that
 * matches no session, or a title that matches several, is reported in errors and skipped; the
 * rest applies. So is a [room] or `rooms =` name that is not in the agenda (when the agenda
 * names rooms at all). NULL only when out of memory. set may be NULL (a plain clone). The
 * notes are worded in words' language (NULL: English): they are what the slide shows.
 */
struct agenda *override_apply(const struct override_set *set, const struct agenda *agenda,
			      const struct tz *tz, const struct words *words,
			      struct error_list *errors);

/* The emergency in force at now, or NULL. set may be NULL here and below. */
const struct override_emergency *override_emergency_at(const struct override_set *set, time_t now);

/* Whether a is in force at now (from <= now < until). */
bool override_announcement_active(const struct override_announcement *a, time_t now);

/*
 * Whether a belongs on a screen serving these rooms: an announcement without rooms is for
 * every screen, and a screen without rooms (it shows them all) shows every announcement.
 */
bool override_announcement_for_rooms(const struct override_announcement *a,
				     const char *const *rooms, size_t n_rooms);

/* The flags of room in force at now, or NULL. */
const struct override_room *override_room_at(const struct override_set *set, const char *room,
					     time_t now);

/* False outside the [screen] hours (the screen goes black); true without hours. */
bool override_screen_on(const struct override_set *set, const struct tz *tz, time_t now);

/*
 * The earliest instant after now at which one of the queries above answers differently (a
 * from, an until, a screen-hours boundary), or 0 when none will: the loop sleeps until then.
 */
time_t override_next_change(const struct override_set *set, const struct tz *tz, time_t now);

/*
 * Parses a delay: a duration of inifile.h's grammar ("15m", "1h30m", "1h 30m", "90s", "-10m",
 * "0") with a unit unless it is 0 (is a bare "15" minutes or seconds?), at most
 * OVERRIDE_MAX_SHIFT either way. False when s is not one.
 */
bool override_parse_duration(const char *s, int *seconds);

#endif
