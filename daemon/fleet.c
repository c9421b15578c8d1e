/*
 * fleet.c — the screen's status document and the AV desk's commands; see fleet.h.
 *
 * Reading order: fleet_mqtt_options() (config -> broker settings), the status document
 * (fleet_status_json(), fleet_status_due()), then the desk: fleet_screens_format() prints
 * the table that fleet_screens() collects from the broker, and fleet_push() checks a file
 * and publishes it.
 */
#include "fleet.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "file.h"
#include "override.h"

#define MAX_SCREENS 2000	/* the desk lists at most this many status topics */

bool fleet_mqtt_options(const struct config *c, const char *screen, struct mqtt_options *o,
			char name[MQTT_NAME_MAX + 1])
{
	memset(o, 0, sizeof *o);
	if (!c->mqtt_host || !c->mqtt_host[0])
		return false;
	if (c->mqtt_name && c->mqtt_name[0])
		snprintf(name, MQTT_NAME_MAX + 1, "%s", c->mqtt_name);
	else if (screen && screen[0])
		snprintf(name, MQTT_NAME_MAX + 1, "%s", screen);
	else if (gethostname(name, MQTT_NAME_MAX + 1) != 0 || !name[0])
		snprintf(name, MQTT_NAME_MAX + 1, "foyer");
	name[MQTT_NAME_MAX] = '\0';
	*o = (struct mqtt_options){
		.host = c->mqtt_host, .port = c->mqtt_port, .venue = c->mqtt_venue, .name = name,
		.username = c->mqtt_username, .password_file = c->mqtt_password_file,
		.tls = c->mqtt_tls, .ca_file = c->mqtt_ca_file, .keepalive_s = (int)c->mqtt_keepalive,
	};
	return true;
}

bool fleet_config_check(const struct config *c, struct error *err)
{
	const char *url = c->override_url;
	if (url && url[0] && strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		error_set(err, 0, 0, "[screen] override_url: '%s' is not an http:// or https:// URL",
			  url);
		return false;
	}
	struct mqtt_options o;
	char name[MQTT_NAME_MAX + 1];
	return !fleet_mqtt_options(c, NULL, &o, name) || mqtt_options_check(&o, true, err);
}

/* ---- the status document ------------------------------------------------------------ */

json_t *fleet_status_json(const json_t *state, const struct fleet_status_info *info)
{
	json_t *rooms = json_array(), *now = json_array();
	size_t i;
	json_t *room;
	json_array_foreach(json_object_get(state, "rooms"), i, room) {
		const char *name = json_string_value(json_object_get(room, "room"));
		json_array_append_new(rooms, json_string(name ? name : ""));
		size_t j;
		json_t *ev;
		json_array_foreach(json_object_get(room, "now"), j, ev)
			json_array_append_new(now, json_pack("{s:s, s:O}", "room", name ? name : "",
							     "title", json_object_get(ev, "title")));
	}
	const json_t *feed = json_object_get(state, "feed");
	const char *error = info->error && info->error[0] ? info->error : NULL;
	if (!error)	/* the override file's problem, else the feed's */
		error = json_string_value(json_object_get(json_object_get(state, "override"), "error"));
	if (!error)
		error = json_string_value(json_object_get(feed, "error"));
	const char *slide = json_string_value(json_object_get(state, "slide"));
	json_t *status = json_pack("{s:s, s:b, s:o, s:s, s:o, s:{s:I, s:b}, s:s, s:s, s:I}",
				   "name", info->name, "online", 1, "rooms", rooms,
				   "slide", slide ? slide : "", "now", now,
				   "feed", "age_s", (json_int_t)info->feed_age_s,
				   "stale", json_is_true(json_object_get(feed, "stale")),
				   "error", error ? error : "",
				   "version", info->version, "uptime_s", (json_int_t)info->uptime_s);
	return status;
}

bool fleet_status_due(struct fleet_status_memory *mem, const json_t *status, int64_t now_ms)
{
	json_t *steady = json_deep_copy(status);
	if (!steady)
		return false;
	json_object_del(steady, "uptime_s");
	json_object_del(json_object_get(steady, "feed"), "age_s");
	char *text = json_dumps(steady, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(steady);
	if (!text)
		return false;
	bool due = !mem->last || strcmp(text, mem->last) ||
		   now_ms - mem->last_ms >= 60 * 1000;
	if (due) {
		free(mem->last);
		mem->last = text;
		mem->last_ms = now_ms;
	} else {
		free(text);
	}
	return due;
}

void fleet_status_memory_finish(struct fleet_status_memory *mem)
{
	free(mem->last);
	*mem = (struct fleet_status_memory){0};
}

/* ---- the desk: --screens ------------------------------------------------------------ */

static int by_name(const void *a, const void *b)
{
	const char *x = json_string_value(json_object_get(*(json_t *const *)a, "name"));
	const char *y = json_string_value(json_object_get(*(json_t *const *)b, "name"));
	return strcmp(x ? x : "", y ? y : "");
}

/* The strings of a JSON array joined with ", " into out. */
static void join(const json_t *array, const char *key, char *out, size_t size)
{
	size_t n = 0, i;
	json_t *item;
	out[0] = '\0';
	json_array_foreach(array, i, item) {
		const char *s = json_string_value(key ? json_object_get(item, key) : item);
		if (s && n < size)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", s);
	}
}

static void format_age(const json_t *feed, char *out, size_t size)
{
	json_int_t age = json_integer_value(json_object_get(feed, "age_s"));
	if (!json_is_integer(json_object_get(feed, "age_s")) || age < 0)
		snprintf(out, size, "-");
	else if (age < 120)
		snprintf(out, size, "%llds", (long long)age);
	else if (age < 7200)
		snprintf(out, size, "%lldm", (long long)(age / 60));
	else
		snprintf(out, size, "%lldh", (long long)(age / 3600));
	if (json_is_true(json_object_get(feed, "stale")) && strlen(out) + 7 < size)
		strcat(out, " stale");
}

void fleet_screens_format(const json_t *statuses, FILE *out)
{
	size_t n = json_array_size(statuses);
	json_t **sorted = calloc(n ? n : 1, sizeof *sorted);
	if (!sorted)
		return;
	for (size_t i = 0; i < n; i++)
		sorted[i] = json_array_get(statuses, i);
	qsort(sorted, n, sizeof *sorted, by_name);
	fprintf(out, "%-16s %-7s %-20s %-12s %-32s %-9s %s\n", "NAME", "ONLINE", "ROOMS", "SLIDE",
		"NOW", "FEED", "ERROR");
	for (size_t i = 0; i < n; i++) {
		const json_t *s = sorted[i];
		const char *name = json_string_value(json_object_get(s, "name"));
		const char *slide = json_string_value(json_object_get(s, "slide"));
		const char *error = json_string_value(json_object_get(s, "error"));
		char rooms[256], now[512], age[32];
		join(json_object_get(s, "rooms"), NULL, rooms, sizeof rooms);
		join(json_object_get(s, "now"), "title", now, sizeof now);
		format_age(json_object_get(s, "feed"), age, sizeof age);
		bool online = json_is_true(json_object_get(s, "online"));
		fprintf(out, "%-16s %-7s %-20.20s %-12s %-32.32s %-9s %s\n", name ? name : "?",
			online ? "online" : "offline", rooms[0] ? rooms : "-",
			slide && slide[0] ? slide : "-", now[0] ? now : "-", online ? age : "-",
			error && error[0] ? error : "-");
	}
	fflush(out);
	free(sorted);
}

struct listing {
	json_t *by_topic;	/* topic -> the latest status document */
	bool watch;
};

static void on_status(void *data, const char *topic, const char *payload, size_t len)
{
	struct listing *l = data;
	if (len == 0) {		/* the retained status was cleared: the screen left the fleet */
		json_object_del(l->by_topic, topic);
		return;
	}
	if (json_object_size(l->by_topic) >= MAX_SCREENS && !json_object_get(l->by_topic, topic))
		return;
	json_error_t error;
	json_t *doc = json_loadb(payload, len, 0, &error);
	if (!json_is_object(doc) || !json_is_string(json_object_get(doc, "name"))) {
		fprintf(stderr, "foyer: %s: not a status document, skipped\n", topic);
		json_decref(doc);
		return;
	}
	json_object_set_new(l->by_topic, topic, doc);
}

static void on_listing_quiet(void *data)
{
	struct listing *l = data;
	json_t *all = json_array();
	const char *topic;
	json_t *doc;
	json_object_foreach(l->by_topic, topic, doc)
		json_array_append(all, doc);
	if (l->watch) {
		char when[32];
		time_t t = clock_wall();
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
		printf("\n%s\n", when);
	}
	fleet_screens_format(all, stdout);
	json_decref(all);
}

int fleet_screens(const struct config *c, bool watch)
{
	struct mqtt_options o;
	char name[MQTT_NAME_MAX + 1];
	if (!fleet_mqtt_options(c, NULL, &o, name)) {
		fprintf(stderr, "foyer: --screens: the config names no broker ([mqtt] host)\n");
		return 1;
	}
	char filter[MQTT_TOPIC_MAX];
	mqtt_topic_status(filter, c->mqtt_venue, "+");
	struct listing l = {.by_topic = json_object(), .watch = watch};
	struct error err = {0};
	bool ok = l.by_topic && mqtt_read(&o, filter, watch, on_status, on_listing_quiet, &l, &err);
	json_decref(l.by_topic);
	if (!ok) {
		fprintf(stderr, "foyer: --screens: %s\n", err.message[0] ? err.message : "out of memory");
		return 1;
	}
	return 0;
}

/* ---- the desk: --push --------------------------------------------------------------- */

int fleet_push(const struct config *c, const char *path, const char *screen, const char *zone_name)
{
	struct mqtt_options o;
	char name[MQTT_NAME_MAX + 1];
	if (!fleet_mqtt_options(c, NULL, &o, name)) {
		fprintf(stderr, "foyer: --push: the config names no broker ([mqtt] host)\n");
		return 1;
	}
	if (screen && !mqtt_name_valid(screen)) {
		fprintf(stderr, "foyer: --push: --screen '%s' is not a screen's name\n", screen);
		return 1;
	}
	struct error err = {0};
	struct tz *zone = tz_load(zone_name, &err);
	if (!zone) {
		fprintf(stderr, "foyer: --push: %s\n", err.message);
		return 1;
	}
	size_t len;
	char *bytes = file_read(path, OVERRIDE_MAX_BYTES, &len, &err);
	if (!bytes) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		tz_destroy(zone);
		return 1;
	}
	struct error_list problems = {0};
	struct override_set *set = override_parse(bytes, len, zone, clock_wall(), &problems);
	for (size_t i = 0; i < problems.n; i++)
		fprintf(stderr, "%s:%d: %s\n", path, problems.items[i].line, problems.items[i].message);
	if (problems.dropped)
		fprintf(stderr, "%s: and %zu more problems\n", path, problems.dropped);
	error_list_finish(&problems);
	tz_destroy(zone);
	if (!set) {
		fprintf(stderr, "foyer: %s: not pushed\n", path);
		free(bytes);
		return 1;
	}
	override_destroy(set);
	char topic[MQTT_TOPIC_MAX];
	mqtt_topic_override(topic, c->mqtt_venue, screen);
	bool ok = mqtt_publish_retained(&o, topic, bytes, len, &err);
	free(bytes);
	if (!ok) {
		fprintf(stderr, "foyer: --push: %s\n", err.message);
		return 1;
	}
	printf("%s: %s %s\n", topic, len ? "pushed" : "cleared", path);
	return 0;
}
