/*
 * fleet.h — the fleet of screens seen from both ends (DESIGN.md section 10): what a screen
 * publishes about itself, and the AV desk's `foyer --screens [--watch]` and
 * `foyer --push FILE [--screen NAME]`. The broker is behind mqtt.h.
 *
 * fleet_status_json() and fleet_screens_format() are pure (JSON in, JSON or text out);
 * fleet_screens() and fleet_push() are the desk's commands and return the exit status.
 */
#ifndef FOYER_FLEET_H
#define FOYER_FLEET_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "mqtt.h"
#include "tz.h"

/*
 * The [mqtt] settings as mqtt_options (strings borrowed from c). The screen's name is
 * [mqtt] name, else `screen` (--screen), else the hostname, written into name.
 * False when the config names no broker ([mqtt] host empty).
 */
bool fleet_mqtt_options(const struct config *c, const char *screen, struct mqtt_options *o,
			char name[MQTT_NAME_MAX + 1]);

/*
 * Checks [mqtt] (a venue and a name that can be topics) and [screen] override_url (http or
 * https) without connecting; false with err naming the key.
 */
bool fleet_config_check(const struct config *c, struct error *err);

struct fleet_status_info {
	const char *name, *version;
	long uptime_s;
	long feed_age_s;	/* since the feed was last confirmed current; -1: never */
	const char *error;	/* the latest problem worth the desk's eye; NULL or "": none */
};

/*
 * The status document of a screen from its state JSON (DESIGN.md section 3; borrowed):
 * {"name", "online": true, "rooms": [names], "slide", "now": [{"room", "title"}],
 *  "feed": {"age_s", "stale"}, "error", "version", "uptime_s"}. NULL when out of memory.
 */
json_t *fleet_status_json(const json_t *state, const struct fleet_status_info *info);

/* When to publish the status again: it changed (the clock-driven fields aside) or a minute passed. */
struct fleet_status_memory {
	char *last;		/* the last published document without uptime_s and feed.age_s */
	int64_t last_ms;	/* monotonic */
};

/* True (and remembered) when status is worth publishing at now_ms; false when out of memory too. */
bool fleet_status_due(struct fleet_status_memory *mem, const json_t *status, int64_t now_ms);
void fleet_status_memory_finish(struct fleet_status_memory *mem);

/*
 * One line per status document (an array of them, any order), sorted by name, under a header:
 * NAME, online or offline, rooms, slide, what is on now, feed age, error.
 */
void fleet_screens_format(const json_t *statuses, FILE *out);

/* `foyer --screens [--watch]`: the venue's screens from their status topics. */
int fleet_screens(const struct config *c, bool watch);

/*
 * `foyer --push FILE [--screen NAME]`: FILE is checked as an override file (every problem
 * printed as file:line: message, exit 1), then published retained to the venue's override
 * topic, or that screen's; an empty file clears the topic. zone_name: the venue's ("": the
 * system's), for checking times.
 */
int fleet_push(const struct config *c, const char *path, const char *screen, const char *zone_name);

#endif
