/*
 * fleet_screen.c — the broker's overrides and the status topic for the live loop; see
 * fleet_screen.h. The client thread is mqtt.c; this file keeps the last good set of each
 * topic (a disconnect or a refused payload keeps it) and the status memory.
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

struct fleet_screen {
	struct mqtt *mqtt;
	int wake_fd;
	char name[MQTT_NAME_MAX + 1];
	const char *version;
	int64_t started_ms;
	struct override_set *sets[MQTT_N_TOPICS];	/* the last good set of each topic */
	char problem[MQTT_N_TOPICS][320];
	bool connected;
	char error[256];
	struct fleet_status_memory memory;
};

struct fleet_screen *fleet_screen_create(const struct fleet_screen_options *options,
					 struct error *err)
{
	error_clear(err);
	struct fleet_screen *fs = calloc(1, sizeof *fs);
	if (!fs) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	struct mqtt_options o;
	if (!fleet_mqtt_options(options->config, options->screen, &o, fs->name)) {
		free(fs);
		return NULL;
	}
	o.zone = options->zone;
	o.clock = options->clock;
	o.clock_data = options->clock_data;
	fs->version = options->version;
	fs->started_ms = clock_monotonic_ms();
	fs->wake_fd = loop_waker_create();
	if (fs->wake_fd < 0) {
		error_set(err, 0, 0, "cannot make an eventfd");
		free(fs);
		return NULL;
	}
	fs->mqtt = mqtt_create(&o, err);
	if (!fs->mqtt || !mqtt_start(fs->mqtt, fs->wake_fd, err)) {
		fleet_screen_destroy(fs);
		return NULL;
	}
	snprintf(fs->error, sizeof fs->error, "connecting to %s:%d", o.host, o.port);
	return fs;
}

void fleet_screen_destroy(struct fleet_screen *fs)
{
	if (!fs)
		return;
	mqtt_destroy(fs->mqtt);	/* stops the thread before its eventfd goes */
	if (fs->wake_fd >= 0)
		close(fs->wake_fd);
	for (int t = 0; t < MQTT_N_TOPICS; t++)
		override_destroy(fs->sets[t]);
	fleet_status_memory_finish(&fs->memory);
	free(fs);
}

int fleet_screen_fd(const struct fleet_screen *fs)
{
	return fs->wake_fd;
}

bool fleet_screen_take(struct fleet_screen *fs)
{
	loop_waker_drain(fs->wake_fd);
	struct mqtt_result *r = mqtt_take(fs->mqtt);
	if (!r)
		return false;
	bool changed = false;
	for (int t = 0; t < MQTT_N_TOPICS; t++) {
		if (!r->changed[t])
			continue;
		override_destroy(fs->sets[t]);
		fs->sets[t] = r->sets[t];
		r->sets[t] = NULL;
		changed = true;
	}
	memcpy(fs->problem, r->problem, sizeof fs->problem);
	fs->connected = r->connected;
	snprintf(fs->error, sizeof fs->error, "%s", r->error);
	mqtt_result_destroy(r);
	return changed;
}

struct override_set *fleet_screen_merge(const struct fleet_screen *fs,
					const struct override_set *local)
{
	const struct override_set *layers[] = {fs->sets[MQTT_VENUE], fs->sets[MQTT_SCREEN], local};
	return override_merge(layers, sizeof layers / sizeof *layers);
}

const char *fleet_screen_problem(const struct fleet_screen *fs)
{
	for (int t = 0; t < MQTT_N_TOPICS; t++)
		if (fs->problem[t][0])
			return fs->problem[t];
	return fs->error;
}

void fleet_screen_publish(struct fleet_screen *fs, const json_t *state, long feed_age_s,
			  const char *error, int64_t now_ms)
{
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
