/*
 * slide_content.h — what a slide says, pure: the agenda, now/next (sched.h), the venue's zone
 * and the instant in; every text the screen shows, already formatted, out.
 *
 * This is where the display rules live (sched.h's now/next are exactly DESIGN.md section 4;
 * these add the screen's wording on top):
 *   - the current session is labelled "Now" with "12 min left"; one that ended at most
 *     SLIDE_ENDED_GRACE ago is still shown, labelled "Ended", when nothing else is on;
 *   - the next session's start reads "in 5 min" within the hour, "15:00" later today,
 *     "tomorrow 09:30", "Wednesday 09:30" within the week, else "12 Dec 09:30";
 *   - cancelled sessions stay, marked cancelled (drawn struck through);
 *   - a screen that serves one room lists the rest of that room's day below next;
 *   - a screen that serves several rooms gets one row per room instead;
 *   - while the wall clock is not known good (a Pi without RTC before NTP), nothing is
 *     called "now": no clock, no now/next, the day's programme as a list (DESIGN.md 8).
 *
 * slide_content owns every string it points to (a fixed arena inside it), so it must not be
 * copied by assignment. The progress is taken at the start of the clock's minute, so that
 * everything on the slide changes at most once a minute (or at a session boundary).
 */
#ifndef FOYER_SLIDE_CONTENT_H
#define FOYER_SLIDE_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "agenda.h"
#include "alias.h"
#include "direction.h"
#include "override.h"
#include "sched.h"
#include "show.h"
#include "tz.h"
#include "words.h"

#define SLIDE_MAX_NOW 4
#define SLIDE_MAX_NEXT 4
#define SLIDE_MAX_ROWS 12
#define SLIDE_MAX_ROOMS 16
#define SLIDE_ARENA 24576
#define SLIDE_ENDED_GRACE (10 * 60)

struct slide_session {
	const char *title;	/* never NULL in a filled session */
	const char *speakers;	/* "A, B" or "" */
	const char *times;	/* "14:45 – 15:00" */
	const char *when;	/* "Now", "Ended", "in 5 min", "15:00", "tomorrow 09:30" */
	const char *left;	/* "12 min left" for a current session, else "" */
	const char *track;
	bool cancelled;
	bool ended;
	const char *note;	/* why the override file changed it ("Delayed by 15 min"), or "" */
};

/* One line of the rest of the day, or one room of a several-room screen. */
struct slide_row {
	const char *time;	/* "16:15" */
	const char *title;
	bool cancelled;
};

struct slide_room_row {
	const char *room;
	const char *now;	/* the current title, or "" */
	const char *next;	/* "15:00 Panel one: …", or "" */
	bool now_cancelled, next_cancelled;
	const char *direction;	/* the way to the room (direction.h's glyph), or "" */
};

struct slide_content {
	enum show_slide slide;	/* which slide this is (show.h's plan) */
	const struct words *words;	/* the screen's language (borrowed); NULL: English */
	const char *room;	/* the screen's room, or "" on a several-room screen */
	const char *date;	/* "Monday 10 December" */
	const char *clock;	/* "14:50", or "" when the clock is not known good */
	struct slide_session now[SLIDE_MAX_NOW];
	size_t n_now;
	struct slide_session next[SLIDE_MAX_NEXT];
	size_t n_next;
	double progress;	/* of now[0]: 0..1; negative when there is no progress bar */
	struct slide_row rows[SLIDE_MAX_ROWS];	/* later today, after next */
	size_t n_rows;
	const char *rows_heading;	/* "Later today", or "Programme" without a known clock */
	struct slide_room_row rooms[SLIDE_MAX_ROOMS];	/* several-room screens */
	size_t n_rooms;
	const char *stale;	/* "Offline · agenda of 14:32", or NULL when the feed is fresh */
	/* from the AV staff's override file (slide_content_add_overrides()) */
	const char *emergency_title;	/* non-NULL: a takeover of the whole screen */
	const char *emergency_text;
	const char *banner;	/* the announcements in force here, joined; NULL: none */
	const char *room_flag;	/* "Room full", "Closed", the room's note; NULL: none */
	/* [screen] qr: the URL of the current session (else of the next) as a QR code */
	const char *qr_url;	/* NULL: no code */
	bool qr_in_now;		/* the code is the current session's (else the next one's) */
	const char *qr_refused;	/* a URL too long for a QR code (none shown); NULL: none */
	/* the way to the next session's room, when it is another room than the screen's */
	const char *next_direction;	/* a glyph, or "" */
	bool blank;		/* outside the screen hours: black */
	/* The deck's kinds (show.h: SHOW_ROOMS given a list, SHOW_AGENDA, SHOW_ANNOUNCEMENT,
	   SHOW_IMAGE) are laid out by slide_rooms.c, slide_agenda.c, slide_announcement.c and
	   slide_image.c from the fields below; the layout picks the page's rows. SHOW_ROOMS
	   without a list is the rows above (a screen of several rooms without a deck). */
	int page;		/* the page to show, from 1 (0: the first); a page past the end: the last */
	int pages;		/* announcement, image: how many there are (page is which) */
	const char *heading;	/* the header's title instead of the room; NULL: the room */
	const struct slide_list *list;	/* rooms, agenda: every row (borrowed, not owned) */
	const char *announcement_title;	/* announcement: never NULL on that slide */
	const char *announcement_text;
	const char *image;	/* image, announcement: the file's path (borrowed); NULL: none */
	double image_aspect;	/* its width / height; 0: unknown (the whole region) */
	char arena[SLIDE_ARENA];
	size_t arena_used;
};

/* One row of the rooms overview or of the agenda (slide_list.h builds them). */
struct slide_list_row {
	const char *room;	/* rooms: the room, with its flags; agenda: the session's room */
	const char *time;	/* agenda: "14:45"; rooms: "" */
	const char *title;	/* rooms: what is on now, or ""; agenda: the session's title */
	const char *mark;	/* "Cancelled", the override's note, "Changed", "Moved", or "" */
	const char *next;	/* rooms: "in 5 min  Title", or ""; agenda: "" */
	const char *next_mark;
	const char *track;	/* the track of title (else of next): its colour stripe */
	bool cancelled, next_cancelled;	/* struck through */
	bool current;		/* agenda: on now, highlighted */
	bool done;		/* rooms: nothing more today (these rows come last) */
	const char *direction;	/* rooms: the way to the room (direction.h's glyph), or "" */
};

struct slide_list {
	struct slide_list_row *rows;
	size_t n;
	struct slide_list_strings *strings;	/* owns every string of the rows */
	const struct words *words;	/* the language the rows are worded in */
};

struct slide_content_options {
	enum show_slide slide;	/* the plan's slide; SHOW_NONE: from the rooms and the clock */
	const struct words *words;	/* every word and time in the venue's language; NULL: English */
	const struct tz *zone;	/* the venue's: for every time on screen */
	time_t now;
	bool stale;		/* the feed could not be refreshed */
	bool clock_unknown;	/* the wall clock is not known good: claim no "now" */
	time_t feed_updated;	/* when the shown agenda was fetched (for the stale marker) */
	bool qr;		/* a QR code of the session's URL ([screen] qr) */
	/* [screen] direction: the way to each room from this screen (room aliases applied) */
	const struct direction_entry *directions;
	size_t n_directions;
	const struct alias *aliases;
	size_t n_aliases;
};

/*
 * Fills out from the agenda and its now/next at options->now. Never fails: text that does
 * not fit the arena is cut (the arena is sized for the caps above).
 */
void slide_content_build(const struct agenda *agenda, const struct sched *sched,
			 const struct slide_content_options *options, struct slide_content *out);

/*
 * When a session starts, as the next session's "when" says it: "in 5 min", "15:00",
 * "tomorrow 09:30", "Wednesday 09:30", "12 Dec 09:30". Written to buf (always terminated).
 */
void slide_content_when(const struct words *words, const struct tz *zone, time_t now,
			time_t start, char *buf, size_t size);

/*
 * The day the programme shows without a trusted clock: the first local day (days since the
 * epoch, civil.h) with a session of the sched's rooms (sched: the agenda's) not ended at now, else the last such
 * day. False when the rooms have no sessions at all.
 */
bool slide_content_programme_day(const struct agenda *agenda, const struct sched *sched,
				 const struct tz *zone, time_t now, int64_t *day);

/* "Room full · Overflow in Room 3" into buf: false when the room has no flags in force at now. */
bool slide_content_room_flag(const struct words *words, const struct override_set *set,
			     const char *room, time_t now, char *buf, size_t size);

/*
 * Adds what the override file says at now (set may be NULL): the emergency, the
 * announcements for the screen's rooms (none: every room), the room flags (a one-room
 * screen's header; on a several-room screen, after each room's name), and whether the screen
 * is outside its hours (which make the slide SHOW_EMERGENCY or SHOW_OFF, as show_plan()
 * does). Call after slide_content_build().
 */
void slide_content_add_overrides(struct slide_content *c, const struct override_set *set,
				 const struct tz *zone, time_t now, const char *const *rooms,
				 size_t n_rooms);

#endif
