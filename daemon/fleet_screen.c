/*
 * fleet_screen.c — the fleet's overrides and the status topic for the live loop; see
 * fleet_screen.h. The broker's client thread is mqtt.c, the override URL's worker fetch.c;
 * both wake the same eventfd. This file keeps the last good set of each layer (a disconnect,
 * a failed fetch or a refused document keeps it) and the status memory.
 */
#define LOG_MODULE "fleet"
#include "fleet_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fleet.h"
#include "log.h"
#include "loop.h"
#include "mqtt.h"
#include "override_merge.h"

#define log_info(...) log_message(LOG_LEVEL_INFO, LOG_MODULE, __VA_ARGS__)
#define log_error(...) log_message(LOG_LEVEL_ERROR, LOG_MODULE, __VA_ARGS__)

/* The layers, lowest first; the local file goes over them all. */
enum { LAYER_URL, LAYER_VENUE, LAYER_SCREEN, N_LAYERS };

struct fleet_screen {
	int wake_fd;
	const struct tz *zone;
	time_t (*clock)(void *data);
	void *clock_data;
	struct override_set *sets[N_LAYERS];	/* the last good set of each layer */

	struct fetch *fetch;		/* override_url, or NULL */
	char *url;
	char url_problem[320];		/* the last document that did not check, or its fetch error */

	struct mqtt *mqtt;		/* the broker, or NULL */
	char name[MQTT_NAME_MAX + 1];
	const char *version;
	int64_t started_ms;
	char problem[MQTT_N_TOPICS][320];
	bool connected;
	char error[256];
	struct fleet_status_memory memory;
};

/* The fetch worker's check of an override document (the set is made again in main's thread). */
static bool check_document(void *data, const char *body, size_t len, struct error *err)
{
	const struct fleet_screen *fs = data;
	struct error_list errors = {0};
	struct override_set *set = override_parse(body, len, fs->zone, clock_wall(), &errors);
	if (!set && errors.n)
		error_set(err, errors.items[0].line, 0, "%s%s", errors.items[0].message,
			  errors.n > 1 ? " (and more)" : "");
	else if (!set)
		error_set(err, 0, 0, "out of memory");
	override_destroy(set);
	error_list_finish(&errors);
	return set != NULL;
}

static bool start_url(struct fleet_screen *fs, const struct fleet_screen_options *options,
		      struct error *err)
{
	fs->url = strdup(options->config->override_url);
	if (!fs->url) {
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	struct fetch_options o = *options->fetch;
	const char *sources[] = {fs->url};
	o.sources = sources;
	o.n_sources = 1;
	o.policy.refresh_s = (double)options->config->override_refresh;
	o.policy.jitter_s = o.policy.refresh_s / 10;
	o.max_bytes = OVERRIDE_MAX_BYTES;
	o.check = check_document;
	o.check_data = fs;
	fs->fetch = fetch_create(&o, err);
	if (!fs->fetch)
		return false;
	fleet_screen_take(fs);	/* the cached copy, at once */
	return fetch_start(fs->fetch, fs->wake_fd, err);
}

static bool start_mqtt(struct fleet_screen *fs, const struct fleet_screen_options *options,
		       struct error *err)
{
	struct mqtt_options o;
	if (!fleet_mqtt_options(options->config, options->screen, &o, fs->name))
		return true;
	o.zone = options->zone;
	o.clock = options->clock;
	o.clock_data = options->clock_data;
	snprintf(fs->error, sizeof fs->error, "connecting to %s:%d", o.host, o.port);
	fs->mqtt = mqtt_create(&o, err);
	return fs->mqtt && mqtt_start(fs->mqtt, fs->wake_fd, err);
}

struct fleet_screen *fleet_screen_create(const struct fleet_screen_options *options,
					 struct error *err)
{
	error_clear(err);
	const struct config *c = options->config;
	bool url = c->override_url && c->override_url[0];
	if (!url && !(c->mqtt_host && c->mqtt_host[0]))
		return NULL;
	struct fleet_screen *fs = calloc(1, sizeof *fs);
	if (!fs) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	fs->zone = options->zone;
	fs->clock = options->clock;
	fs->clock_data = options->clock_data;
	fs->version = options->version;
	fs->started_ms = clock_monotonic_ms();
	fs->wake_fd = loop_waker_create();
	if (fs->wake_fd < 0) {
		error_set(err, 0, 0, "cannot make an eventfd");
		free(fs);
		return NULL;
	}
	if ((url && !start_url(fs, options, err)) || !start_mqtt(fs, options, err)) {
		fleet_screen_destroy(fs);
		return NULL;
	}
	return fs;
}

void fleet_screen_destroy(struct fleet_screen *fs)
{
	if (!fs)
		return;
	mqtt_destroy(fs->mqtt);	/* stop the threads before their eventfd goes */
	fetch_destroy(fs->fetch);
	if (fs->wake_fd >= 0)
		close(fs->wake_fd);
	for (int i = 0; i < N_LAYERS; i++)
		override_destroy(fs->sets[i]);
	fleet_status_memory_finish(&fs->memory);
	free(fs->url);
	free(fs);
}

int fleet_screen_fd(const struct fleet_screen *fs)
{
	return fs->wake_fd;
}

/* A new document from override_url: checked by the worker, made into a set here. */
static bool take_document(struct fleet_screen *fs, const struct fetch_result *r)
{
	const struct fetch_source_status *st = r->status.n_sources ? &r->status.sources[0] : NULL;
	if (st)
		snprintf(fs->url_problem, sizeof fs->url_problem, "%s", st->error);
	if (!r->document)
		return false;
	struct error_list errors = {0};
	time_t reference = fs->clock ? fs->clock(fs->clock_data) : clock_wall();
	struct override_set *set = override_parse(r->document, r->document_len, fs->zone, reference,
						  &errors);
	error_list_finish(&errors);
	if (!set)	/* it checked in the worker: only out of memory */
		return false;
	log_info("%s: new overrides (%zu bytes)", fs->url, r->document_len);
	override_destroy(fs->sets[LAYER_URL]);
	fs->sets[LAYER_URL] = set;
	return true;
}

static bool take_mqtt(struct fleet_screen *fs)
{
	struct mqtt_result *r = fs->mqtt ? mqtt_take(fs->mqtt) : NULL;
	if (!r)
		return false;
	static const int layer_of[MQTT_N_TOPICS] = {[MQTT_VENUE] = LAYER_VENUE,
						    [MQTT_SCREEN] = LAYER_SCREEN};
	bool changed = false;
	for (int t = 0; t < MQTT_N_TOPICS; t++) {
		if (!r->changed[t])
			continue;
		override_destroy(fs->sets[layer_of[t]]);
		fs->sets[layer_of[t]] = r->sets[t];
		r->sets[t] = NULL;
		changed = true;
	}
	memcpy(fs->problem, r->problem, sizeof fs->problem);
	fs->connected = r->connected;
	snprintf(fs->error, sizeof fs->error, "%s", r->error);
	mqtt_result_destroy(r);
	return changed;
}

bool fleet_screen_take(struct fleet_screen *fs)
{
	loop_waker_drain(fs->wake_fd);
	bool changed = false;
	struct fetch_result *r = fs->fetch ? fetch_take(fs->fetch) : NULL;
	if (r) {
		changed = take_document(fs, r);
		fetch_result_destroy(r);
	}
	return take_mqtt(fs) || changed;
}

struct override_set *fleet_screen_merge(const struct fleet_screen *fs,
					const struct override_set *local)
{
	const struct override_set *layers[] = {fs->sets[LAYER_URL], fs->sets[LAYER_VENUE],
					       fs->sets[LAYER_SCREEN], local};
	return override_merge(layers, sizeof layers / sizeof *layers);
}

const char *fleet_screen_problem(const struct fleet_screen *fs)
{
	for (int t = 0; t < MQTT_N_TOPICS; t++)
		if (fs->problem[t][0])
			return fs->problem[t];
	if (fs->url_problem[0])
		return fs->url_problem;
	return fs->error;
}

void fleet_screen_publish(struct fleet_screen *fs, const json_t *state, long feed_age_s,
			  const char *error, int64_t now_ms)
{
	if (!fs->mqtt)
		return;
	const char *problem = fleet_screen_problem(fs);
	struct fleet_status_info info = {
		.name = fs->name, .version = fs->version,
		.uptime_s = (long)((now_ms - fs->started_ms) / 1000), .feed_age_s = feed_age_s,
		.error = problem[0] && fs->connected ? problem : error,
	};
	json_t *status = fleet_status_json(state, &info);
	if (status && fleet_status_due(&fs->memory, status, now_ms)) {
		char *text = json_dumps(status, JSON_COMPACT);
		if (text)
			mqtt_publish_status(fs->mqtt, text);
		free(text);
	}
	json_decref(status);
}

json_t *fleet_screen_to_json(const struct fleet_screen *fs)
{
	json_t *url = fs->fetch ? json_pack("{s:s, s:s?}", "url", fs->url, "error",
					    fs->url_problem[0] ? fs->url_problem : NULL)
				: json_null();
	const char *mqtt_problem = NULL;
	for (int t = 0; t < MQTT_N_TOPICS && !mqtt_problem; t++)
		if (fs->problem[t][0])
			mqtt_problem = fs->problem[t];
	if (!mqtt_problem && fs->error[0])
		mqtt_problem = fs->error;
	json_t *mqtt = fs->mqtt ? json_pack("{s:s, s:b, s:s?}", "name", fs->name, "connected",
					    fs->connected, "error", mqtt_problem)
				: json_null();
	return json_pack("{s:o, s:o}", "override_url", url, "mqtt", mqtt);
}
