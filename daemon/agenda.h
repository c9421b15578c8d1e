/*
 * agenda.h — the agenda model: events with UTC instants, rooms in feed order.
 *
 * One owner per agenda: every string an event points to lives in the agenda's own string
 * store and goes with agenda_destroy(). Parsers build an agenda with
 * agenda_add_event_or_note() and agenda_strdup()/agenda_strndup(); after that it is
 * read-only and may be handed to another thread whole.
 *
 * Limits (AGENDA_MAX_*) cap what a feed from outside can make us allocate; the adders fail
 * rather than grow past them.
 */
#ifndef FOYER_AGENDA_H
#define FOYER_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define AGENDA_MAX_EVENTS 50000
#define AGENDA_MAX_ROOMS 1000
#define AGENDA_MAX_SPEAKERS 64
#define AGENDA_MAX_STRING 4096	/* bytes; longer text is cut at a UTF-8 boundary */
#define AGENDA_MAX_WARNINGS 100

enum event_status {
	EVENT_SCHEDULED,
	EVENT_CANCELLED,
	EVENT_CHANGED,	/* time differs from the previous feed version or an override */
	EVENT_MOVED,	/* room differs */
};

struct event {
	const char *id;		/* never NULL; "" when the feed gives none */
	const char *title;	/* never NULL */
	const char *subtitle;	/* never NULL */
	const char *room;	/* never NULL; "" when the feed gives none */
	const char *track;	/* never NULL */
	const char *note;	/* never NULL; "" unless an override says why it changed */
	const char *url;	/* never NULL; the session's page (frab <url>, iCalendar URL), or "" */
	const char **speakers;	/* n_speakers names, owned by the agenda */
	size_t n_speakers;
	time_t start, end;	/* UTC; end >= start */
	enum event_status status;
	bool all_day;		/* a calendar's all-day entry: listed, never now/next */
	bool everywhere;	/* a plenary: shown in every room's now/next */
	int line;		/* where the feed defined it, for messages; 0 if unknown */
};

struct agenda_warning {
	int line;
	char message[200];
};

struct agenda_strings;

struct agenda {
	struct event *events;
	size_t n_events, cap_events;
	const char **rooms;	/* distinct room names in feed order (may include "") */
	size_t n_rooms, cap_rooms;
	const char *timezone;	/* the feed's own zone name, or NULL */
	struct agenda_warning *warnings;
	size_t n_warnings, n_warnings_dropped;
	bool events_capped;	/* an event past AGENDA_MAX_EVENTS was left out (and noted) */
	struct agenda_strings *strings;
};

struct agenda *agenda_create(void);
void agenda_destroy(struct agenda *agenda);

/*
 * Copies len bytes of s (not NUL-terminated necessarily) into the agenda, capped at
 * AGENDA_MAX_STRING and cut back to a whole UTF-8 character. Bytes that are not UTF-8 become
 * U+FFFD, so every string of an agenda is valid UTF-8. NULL only when out of memory.
 */
const char *agenda_strndup(struct agenda *agenda, const char *s, size_t len);
const char *agenda_strdup(struct agenda *agenda, const char *s);

/* Whether s[0..len) is well-formed UTF-8 (RFC 3629). */
bool agenda_utf8_valid(const char *s, size_t len);
/*
 * Copies s[0..len) to out (NULL: only counts) with each byte that starts no well-formed
 * UTF-8 character replaced by U+FFFD, stopping at the last whole character that fits in cap
 * bytes; returns the bytes written (or that would be).
 */
size_t agenda_utf8_repair(const char *s, size_t len, char *out, size_t cap);

/*
 * Appends an event with every string "" and status scheduled; the caller fills it in.
 * NULL when the agenda is full (AGENDA_MAX_EVENTS) or memory ran out.
 */
struct event *agenda_add_event(struct agenda *agenda);
/*
 * How a feed reader adds an event, keeping what fits: the event is appended with its room
 * set (name copied; NULL: the reader sets rooms later, see agenda_settle_rooms). Past
 * AGENDA_MAX_EVENTS, or in a new room past AGENDA_MAX_ROOMS, the event is left out and a
 * warning names its line (the event cap's once); NULL then with *full set. NULL with *full
 * false: out of memory.
 */
struct event *agenda_add_event_or_note(struct agenda *agenda, const char *room, int line,
				       bool *full);
/*
 * Records every event's room (ev->room, any string) in event order, for readers that learn
 * rooms last. An event whose room is past AGENDA_MAX_ROOMS is left out with a warning naming
 * its line. False when out of memory.
 */
bool agenda_settle_rooms(struct agenda *agenda);
/* Adds a speaker name (copied) to ev; false past AGENDA_MAX_SPEAKERS or out of memory. */
bool agenda_add_speaker(struct agenda *agenda, struct event *ev, const char *name, size_t len);
/* Sets ev->room to the agenda's copy of name and records the room in feed order. */
bool agenda_set_room(struct agenda *agenda, struct event *ev, const char *name);
/* Records a room (even one with no events yet); returns the agenda's copy of name or NULL. */
const char *agenda_add_room(struct agenda *agenda, const char *name);
/* Index of room in agenda->rooms, or -1. */
int agenda_room_index(const struct agenda *agenda, const char *name);
/* Records a warning (e.g. an event dropped for lack of a start). */
void agenda_warn(struct agenda *agenda, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Appends a copy of every event and room of src to dst (feeds are merged). False when dst
 * would exceed its limits or memory ran out; dst then holds a prefix of src.
 */
bool agenda_merge(struct agenda *dst, const struct agenda *src);
/* A deep copy. */
struct agenda *agenda_clone(const struct agenda *src);
/*
 * Sorts events by start, then end, then feed order (stable); rooms keep feed order.
 * False (agenda unchanged) when out of memory.
 */
bool agenda_sort(struct agenda *agenda);

/*
 * Marks the events of a freshly fetched agenda against the version shown before it (matched
 * by id; events without an id are left alone): a different room makes an event `moved`, a
 * different start or end `changed`. The mark sticks while later versions keep the new time
 * and room, so a moved talk stays flagged until the feed moves it again. Cancelled events
 * stay cancelled. False (fresh unchanged) when out of memory.
 */
bool agenda_mark_changes(struct agenda *fresh, const struct agenda *previous);

const char *event_status_name(enum event_status status);

#endif
