/*
 * state.h — the state JSON of DESIGN.md section 3: what the screen shows, for --state,
 * monitoring and tests. Pure: a view in, a jansson object out (the caller may add keys, e.g.
 * the status file adds uptime; renaming the contract's keys is not allowed).
 */
#ifndef FOYER_STATE_H
#define FOYER_STATE_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "agenda.h"
#include "sched.h"
#include "tz.h"

struct state_feed {
	const char *const *sources;
	size_t n_sources;
	size_t events;
	time_t updated;		/* when the agenda shown was last fetched or read; 0 = never */
	bool stale;
	const char *error;	/* the last error, or NULL */
	long http_status;	/* 0 when no HTTP request was made */
};

struct state_view {
	time_t at;
	const struct tz *zone;
	const char *slide;	/* "now-next", ... */
	const struct sched *sched;
	struct state_feed feed;
};

/* A new JSON object (caller decrefs); NULL only when out of memory. */
json_t *state_to_json(const struct state_view *view);
/* An event as the contract's object, times at the venue's offset of each instant. */
json_t *state_event_to_json(const struct event *ev, const struct tz *zone);
/* ISO 8601 at the zone's offset of that instant, as JSON. */
json_t *state_time_to_json(time_t t, const struct tz *zone);

#endif
