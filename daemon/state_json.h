/*
 * state_json.h — the state JSON of DESIGN.md section 3: what the screen shows, for --state,
 * monitoring and tests. Pure: a view in, a jansson object out (the caller may add keys, e.g.
 * the status file adds uptime; renaming the contract's keys is not allowed).
 */
#ifndef FOYER_STATE_JSON_H
#define FOYER_STATE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "agenda.h"
#include "error.h"
#include "override.h"
#include "sched.h"
#include "tz.h"

/* One feed source's own freshness (the "source_status" array of the feed object). */
struct state_feed_source {
	const char *source;
	size_t events;
	time_t updated;		/* last confirmed current; 0 = never */
	bool stale;
	bool from_cache;	/* shown from the cache, not fetched since the start */
	const char *error;	/* the last attempt's failure, or NULL */
	long http_status;	/* 0 when there was no HTTP answer (JSON null) */
};

struct state_feed {
	const char *const *sources;
	size_t n_sources;
	size_t events;
	time_t updated;		/* when the agenda shown was last fetched or read; 0 = never */
	bool stale;
	const char *error;	/* the last error, or NULL */
	long http_status;	/* 0 when no HTTP request was made (JSON null) */
	const struct state_feed_source *per_source;	/* n_sources of them, or NULL */
};

/* The AV staff's override file: what is in force and what was wrong with the last edit. */
struct state_override {
	const char *file;		/* NULL: no override file; the rest is then unused */
	const struct override_set *set;	/* in force (the last good file), or NULL */
	time_t loaded;			/* when set was read; 0: never */
	bool kept_previous;		/* the last edit was bad, an older good file is in force */
	const struct error_list *read_problems;	/* of the last read (NULL: none) */
	const struct error_list *apply_problems;	/* sections that matched nothing */
	const char *const *rooms;	/* the screen's rooms, to pick announcements; none: all */
	size_t n_rooms;
};

/* Which box this is: "screen": {"name": ..., "section": ... or null, "from": ...}. */
struct state_screen {
	const char *name;	/* NULL: no "screen" object */
	const char *section;	/* the [screen "NAME"] section in force; NULL: [screen] alone */
	const char *from;	/* "--screen", the screen file's path, "hostname" */
};

struct state_view {
	time_t at;
	struct state_screen screen;
	const struct tz *zone;
	const char *slide;	/* "now-next", ... */
	const struct sched *sched;
	struct state_feed feed;
	struct state_override override;
	/*
	 * The wall clock is not known good yet (no NTP sync at boot): the state says
	 * "clock_trusted": false and claims nothing is on now (the now arrays are empty).
	 */
	bool clock_unknown;
};

/* A new JSON object (caller decrefs); NULL only when out of memory. */
json_t *state_to_json(const struct state_view *view);
/* An event as the contract's object, times at the venue's offset of each instant. */
json_t *state_event_to_json(const struct event *ev, const struct tz *zone);
/* ISO 8601 at the zone's offset of that instant, as JSON. */
json_t *state_time_to_json(time_t t, const struct tz *zone);

#endif
