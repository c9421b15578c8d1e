/*
 * fleet_screen.h — a screen's part in the fleet, at the edge: the overrides that come from
 * elsewhere — [screen] override_url, then the broker's venue topic, then this screen's own
 * topic — and the status it publishes to the broker.
 *
 * override_url is fetched by a fetch.h worker of its own in document mode (conditional GET
 * every override_refresh, the cache, backoff); each body is checked whole as an override
 * document before it is kept, so a bad one keeps the last good.
 *
 * main creates one in the live loop when [mqtt] names a broker or override_url is set (else
 * none: nothing changes),
 * adds fleet_screen_fd() to its loop, and on each wake calls fleet_screen_take(); when that
 * says the fleet's overrides changed, main builds the set in force again with
 * fleet_screen_merge() (the local file last: it wins, section by section). Each pass it
 * hands the state to fleet_screen_publish(), which publishes when something changed, or a
 * minute passed.
 */
#ifndef FOYER_FLEET_SCREEN_H
#define FOYER_FLEET_SCREEN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "error.h"
#include "fetch.h"
#include "override.h"
#include "tz.h"

struct fleet_screen_options {
	const struct config *config;	/* [mqtt], [screen] override_url; borrowed for the create
					   call only */
	const struct fetch_options *fetch;	/* the feeds' network settings, for override_url */
	const char *screen;		/* --screen, the name's default; NULL */
	const struct tz *zone;		/* borrowed: must outlive the fleet_screen */
	time_t (*clock)(void *data);	/* the screen's clock (--at), from the client thread */
	void *clock_data;
	const char *version;
};

/*
 * Connects to the broker and fetches override_url in the background (the cached copy of it
 * is there at once). NULL with err->message empty when the config names neither; NULL with
 * err filled when they are unusable (the caller logs it and runs without the fleet).
 */
struct fleet_screen *fleet_screen_create(const struct fleet_screen_options *options,
					 struct error *err);
/* Publishes the status offline, disconnects and frees. NULL is a no-op. */
void fleet_screen_destroy(struct fleet_screen *fs);

/* The eventfd the client thread and the fetch worker wake the loop with. */
int fleet_screen_fd(const struct fleet_screen *fs);

/* Takes what the client and the fetcher handed over; true when the fleet's overrides changed. */
bool fleet_screen_take(struct fleet_screen *fs);

/*
 * The set in force: override_url's, the venue's topic, this screen's topic, then local (NULL: none), later
 * ones winning section by section (override_merge.h). It borrows strings from local: build it
 * again when local changes. NULL when out of memory.
 */
struct override_set *fleet_screen_merge(const struct fleet_screen *fs,
					const struct override_set *local);

/*
 * The latest refused document (topic:line: why, or url:line: why), else the override URL's
 * fetch error, else the broker's connection error, else "".
 */
const char *fleet_screen_problem(const struct fleet_screen *fs);

/*
 * Publishes this screen's status (fleet.h) from its state when it changed or a minute passed.
 * error: the screen's own latest problem (override file, feed), NULL: none; a refused payload
 * goes before it.
 */
void fleet_screen_publish(struct fleet_screen *fs, const json_t *state, long feed_age_s,
			  const char *error, int64_t now_ms);

/* {"override_url": {"url", "error"} or null, "mqtt": {"connected", "error"} or null}. */
json_t *fleet_screen_to_json(const struct fleet_screen *fs);

#endif
