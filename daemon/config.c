/*
 * config.c — the schema table and its INI reader; see config.h.
 *
 * Reading order: `schema` below is the whole list of keys; set_value() turns one text
 * value into its field by the row's type (booleans and durations in inifile.h's grammar);
 * config_parse() runs inifile over the bytes with the schema's sections as the file's kinds
 * (so inifile reports an unknown section at its header), and on_key() reports unknown keys,
 * bad values and repeated scalar keys with their lines.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "alias.h"
#include "deck.h"
#include "direction.h"
#include "feed.h"
#include "file.h"
#include "inifile.h"

#define FIELD(name) offsetof(struct config, name)

static const struct config_key schema[] = {
	{"general", "timezone", CONFIG_STRING, FIELD(timezone), "", 0, 0, NULL},
	{"general", "language", CONFIG_CHOICE, FIELD(language), "en", 0, 0, "en|de|fr|es|nl"},
	{"general", "clock", CONFIG_CHOICE, FIELD(clock), "", 0, 0, "24h|12h"},
	{"feed", "source", CONFIG_LIST, FIELD(sources), "", 0, 0, NULL},
	{"feed", "format", CONFIG_CHOICE, FIELD(format), "auto", 0, 0,
	 "auto|csv|text|frab-xml|frab-json|schedule2|pentabarf|sessionize|ical|html"},
	{"feed", "select", CONFIG_STRING, FIELD(select), "", 0, 0, NULL},
	{"feed", "refresh", CONFIG_SECONDS, FIELD(refresh), "60", 5, 86400, NULL},
	{"feed", "refresh_jitter", CONFIG_SECONDS, FIELD(refresh_jitter), "10", 0, 3600, NULL},
	{"feed", "retry_max", CONFIG_SECONDS, FIELD(retry_max), "300", 5, 86400, NULL},
	{"feed", "connect_timeout", CONFIG_SECONDS, FIELD(connect_timeout), "10", 1, 300, NULL},
	{"feed", "timeout", CONFIG_SECONDS, FIELD(timeout), "60", 1, 3600, NULL},
	{"feed", "stall_timeout", CONFIG_SECONDS, FIELD(stall_timeout), "20", 1, 3600, NULL},
	{"feed", "max_bytes", CONFIG_INT, FIELD(max_bytes), "8388608", 1024, FEED_MAX_BYTES, NULL},
	{"feed", "max_redirects", CONFIG_INT, FIELD(max_redirects), "5", 0, 20, NULL},
	{"feed", "cache_directory", CONFIG_STRING, FIELD(cache_directory), "/var/cache/foyer", 0,
	 0, NULL},
	{"feed", "ca_file", CONFIG_STRING, FIELD(ca_file), "", 0, 0, NULL},
	{"feed", "proxy", CONFIG_STRING, FIELD(proxy), "", 0, 0, NULL},
	{"feed", "stale_after", CONFIG_SECONDS, FIELD(stale_after), "10m", 60, 7 * 86400, NULL},
	{"general", "trust_clock", CONFIG_BOOL, FIELD(trust_clock), "no", 0, 0, NULL},
	{"screen", "room", CONFIG_LIST, FIELD(rooms), "", 0, 0, NULL},
	{"screen", "theme", CONFIG_STRING, FIELD(theme), "default", 0, 0, NULL},
	{"screen", "override", CONFIG_STRING, FIELD(override), "", 0, 0, NULL},
	{"screen", "override_url", CONFIG_STRING, FIELD(override_url), "", 0, 0, NULL},
	{"screen", "override_refresh", CONFIG_SECONDS, FIELD(override_refresh), "5", 1, 86400, NULL},
	{"screen", "width", CONFIG_INT, FIELD(width), "0", 0, 16384, NULL},
	{"screen", "height", CONFIG_INT, FIELD(height), "0", 0, 16384, NULL},
	{"screen", "rotate", CONFIG_CHOICE, FIELD(rotate), "0", 0, 0, "0|90|180|270"},
	{"screen", "transition", CONFIG_CHOICE, FIELD(transition), "auto", 0, 0, "auto|fade|cut"},
	{"screen", "overscan", CONFIG_INT, FIELD(overscan), "0", 0, 500, NULL},
	{"screen", "direction", CONFIG_DIRECTION, FIELD(directions), "", 0, 0, NULL},
	{"screen", "qr", CONFIG_BOOL, FIELD(qr), "no", 0, 0, NULL},
	{"screen", "display_off_command", CONFIG_STRING, FIELD(display_off_command), "", 0, 0, NULL},
	{"screen", "display_on_command", CONFIG_STRING, FIELD(display_on_command), "", 0, 0, NULL},
	{"status", "directory", CONFIG_STRING, FIELD(status_directory), "", 0, 0, NULL},
	{"status", "screenshot_interval", CONFIG_SECONDS, FIELD(screenshot_interval), "60", 0,
	 86400, NULL},
	{"status", "screenshot_width", CONFIG_INT, FIELD(screenshot_width), "480", 64, 4096, NULL},
	{"rooms", "alias", CONFIG_ROOM_ALIAS, FIELD(room_aliases), "", 0, 0, NULL},
	{"deck", "slide", CONFIG_DECK_SLIDE, FIELD(deck_slides), "", 0, 0, NULL},
	{"deck", "images", CONFIG_LIST, FIELD(deck_images), "", 0, 0, NULL},
	{"mqtt", "host", CONFIG_STRING, FIELD(mqtt_host), "", 0, 0, NULL},
	{"mqtt", "port", CONFIG_INT, FIELD(mqtt_port), "1883", 1, 65535, NULL},
	{"mqtt", "venue", CONFIG_STRING, FIELD(mqtt_venue), "", 0, 0, NULL},
	{"mqtt", "name", CONFIG_STRING, FIELD(mqtt_name), "", 0, 0, NULL},
	{"mqtt", "username", CONFIG_STRING, FIELD(mqtt_username), "", 0, 0, NULL},
	{"mqtt", "password_file", CONFIG_STRING, FIELD(mqtt_password_file), "", 0, 0, NULL},
	{"mqtt", "tls", CONFIG_BOOL, FIELD(mqtt_tls), "no", 0, 0, NULL},
	{"mqtt", "ca_file", CONFIG_STRING, FIELD(mqtt_ca_file), "", 0, 0, NULL},
	{"mqtt", "keepalive", CONFIG_SECONDS, FIELD(mqtt_keepalive), "60", 5, 3600, NULL},
};

#define N_KEYS (sizeof schema / sizeof *schema)
_Static_assert(N_KEYS <= CONFIG_MAX_KEYS, "CONFIG_MAX_KEYS is too small for the schema");

const struct config_key *config_schema(size_t *count)
{
	*count = N_KEYS;
	return schema;
}

static void *field(struct config *c, const struct config_key *k)
{
	return (char *)c + k->offset;
}

bool config_parse_seconds(const char *s, long *out)
{
	long n;
	if (!inifile_parse_duration(s, &n) || n < 0)
		return false;
	*out = n;
	return true;
}

/* One of choices ('|' between them); a row's default (e.g. "" for "the language's") too. */
static bool choice_ok(const struct config_key *k, const char *value)
{
	const char *choices = k->choices;
	size_t n = strlen(value);
	if (!strcmp(value, k->default_value))
		return true;
	for (const char *p = choices; p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !strncmp(p, value, n))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

static bool replace_string(char **slot, const char *value)
{
	char *copy = strdup(value);
	if (!copy)
		return false;
	free(*slot);
	*slot = copy;
	return true;
}

bool config_key_is_list(const struct config_key *k)
{
	return k->type == CONFIG_LIST || k->type == CONFIG_ROOM_ALIAS ||
	       k->type == CONFIG_DIRECTION || k->type == CONFIG_DECK_SLIDE;
}

/*
 * Stores value (of the given line; 0 for a default) into the field of row k; on a bad value
 * writes why and returns false.
 */
static bool set_value(struct config *c, const struct config_key *k, const char *value, int line,
		      char *why, size_t why_size)
{
	void *f = field(c, k);
	long n;
	bool b;
	switch (k->type) {
	case CONFIG_STRING:
		return replace_string(f, value) || (snprintf(why, why_size, "out of memory"), false);
	case CONFIG_CHOICE:
		if (!choice_ok(k, value)) {
			snprintf(why, why_size, "'%s' is not one of %s", value, k->choices);
			return false;
		}
		return replace_string(f, value) || (snprintf(why, why_size, "out of memory"), false);
	case CONFIG_ROOM_ALIAS:
	case CONFIG_DECK_SLIDE:
	case CONFIG_DIRECTION:
	case CONFIG_LIST: {
		struct config_list *list = f;
		if (!*value)
			return true;	/* an empty line adds nothing: `source =` documents the key */
		struct alias alias;
		struct direction_entry direction;
		struct error err;
		if (k->type == CONFIG_ROOM_ALIAS && !alias_parse(value, &alias, &err)) {
			snprintf(why, why_size, "%.190s", err.message);
			return false;
		}
		if (k->type == CONFIG_ROOM_ALIAS)
			alias_finish(&alias);	/* checked here; load.c parses it again to use it */
		if (k->type == CONFIG_DIRECTION && !direction_parse(value, &direction, &err)) {
			snprintf(why, why_size, "%.190s", err.message);
			return false;
		}
		if (k->type == CONFIG_DIRECTION)
			direction_finish(&direction);
		struct deck_entry entry;
		if (k->type == CONFIG_DECK_SLIDE &&
		    !deck_parse_slide(value, &entry, why, why_size))
			return false;	/* checked here too; deck_from_config() reads it again */
		if (list->n >= CONFIG_MAX_LIST) {
			snprintf(why, why_size, "more than %d values", CONFIG_MAX_LIST);
			return false;
		}
		if (!(list->items[list->n] = strdup(value))) {
			snprintf(why, why_size, "out of memory");
			return false;
		}
		list->lines[list->n++] = line;
		return true;
	}
	case CONFIG_BOOL:
		if (!inifile_parse_bool(value, &b)) {
			snprintf(why, why_size, "must be yes or no, not '%s'", value);
			return false;
		}
		*(bool *)f = b;
		return true;
	case CONFIG_INT: {
		char *end;
		errno = 0;
		n = strtol(value, &end, 10);
		if (!*value || *end || errno || n < k->min || n > k->max) {
			snprintf(why, why_size, "'%s' is not a whole number from %ld to %ld", value,
				 k->min, k->max);
			return false;
		}
		*(int *)f = (int)n;
		return true;
	}
	case CONFIG_SECONDS:
		if (!inifile_parse_duration(value, &n) || n < k->min || n > k->max) {
			snprintf(why, why_size,
				 "'%s' is not a duration from %lds to %lds (like 90, 90s, 15m, 1h30m)",
				 value, k->min, k->max);
			return false;
		}
		*(long *)f = n;
		return true;
	}
	return false;
}

static void free_field(struct config *c, const struct config_key *k)
{
	void *f = field(c, k);
	if (k->type == CONFIG_STRING || k->type == CONFIG_CHOICE) {
		free(*(char **)f);
		*(char **)f = NULL;
	} else if (config_key_is_list(k)) {
		struct config_list *list = f;
		for (size_t i = 0; i < list->n; i++)
			free(list->items[i]);
		list->n = 0;
	}
}

bool config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	char why[128];
	for (size_t i = 0; i < N_KEYS; i++) {
		if (!set_value(c, &schema[i], schema[i].default_value, 0, why, sizeof why)) {
			config_finish(c);
			return false;
		}
	}
	return true;
}

static void free_screens(struct config *c)
{
	for (size_t i = 0; i < c->n_screens; i++) {
		struct config_screen *s = &c->screens[i];
		for (size_t k = 0; k < s->n_settings; k++)
			free(s->settings[k].value);
		free(s->settings);
		free(s->name);
	}
	free(c->screens);
	c->screens = NULL;
	c->n_screens = 0;
	c->screen = NULL;
}

void config_finish(struct config *c)
{
	for (size_t i = 0; i < N_KEYS; i++)
		free_field(c, &schema[i]);
	free_screens(c);
}

const struct config_key *config_find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (!strcmp(schema[i].section, section) && !strcasecmp(schema[i].key, key))
			return &schema[i];
	return NULL;
}

struct parse_state {
	struct config *c;
	const struct inifile_kind *kinds;	/* the schema's sections, in its order */
	int seen_line[N_KEYS];
	struct config scratch;		/* [screen "NAME"] values are checked on it */
	bool scratch_ready;
	size_t current;			/* the box of the [screen|deck "NAME"] being read */
	bool oom;
};

/*
 * A [screen "NAME"] or [deck "NAME"] header: the box of that name (a new one, or the one the
 * other kind of section began), unless this kind of section already has the name.
 */
static bool on_section(void *user, const struct inifile_section *sec, struct error_list *errors)
{
	struct parse_state *st = user;
	struct config *c = st->c;
	if (!sec->has_name)
		return true;
	bool deck = !strcmp(st->kinds[sec->kind].name, "deck");
	for (size_t i = 0; i < c->n_screens; i++) {
		if (strcasecmp(c->screens[i].name, sec->name))
			continue;
		int *line = deck ? &c->screens[i].deck_line : &c->screens[i].line;
		if (*line) {
			error_list_add(errors, sec->line, 0, "[%s \"%.80s\"] is already on line %d",
				       st->kinds[sec->kind].name, sec->name, *line);
			return false;
		}
		*line = sec->line;
		st->current = i;
		return true;
	}
	if (c->n_screens >= CONFIG_MAX_SCREENS) {
		error_list_add(errors, sec->line, 0, "more than %d [screen \"NAME\"] sections",
			       CONFIG_MAX_SCREENS);
		return false;
	}
	struct config_screen *grown = realloc(c->screens, (c->n_screens + 1) * sizeof *grown);
	if (!grown) {
		st->oom = true;
		return false;
	}
	c->screens = grown;
	struct config_screen *s = &c->screens[c->n_screens];
	*s = (struct config_screen){.name = strdup(sec->name)};
	if (!s->name) {
		st->oom = true;
		return false;
	}
	*(deck ? &s->deck_line : &s->line) = sec->line;
	st->current = c->n_screens++;
	return true;
}

/* A key of a [screen "NAME"] section: checked now, kept as written for config_select_screen(). */
static bool add_screen_setting(struct parse_state *st, size_t row, const char *value, int line,
			       struct error_list *errors)
{
	const struct config_key *k = &schema[row];
	struct config_screen *s = &st->c->screens[st->current];
	for (size_t i = 0; i < s->n_settings && !config_key_is_list(k); i++) {
		if (s->settings[i].key == row) {
			error_list_add(errors, line, 0, "[%s \"%.80s\"] %s is already set on line %d",
				       k->section, s->name, k->key, s->settings[i].line);
			return true;
		}
	}
	if (!st->scratch_ready && !(st->scratch_ready = config_init(&st->scratch)))
		return false;
	char why[200];
	free_field(&st->scratch, k);	/* each value on its own: no list fills up */
	if (!set_value(&st->scratch, k, value, line, why, sizeof why)) {
		error_list_add(errors, line, 0, "[%s \"%.80s\"] %s: %s", k->section, s->name, k->key,
			       why);
		return true;
	}
	struct config_setting *grown = realloc(s->settings, (s->n_settings + 1) * sizeof *grown);
	if (!grown)
		return false;
	s->settings = grown;
	char *copy = strdup(value);
	if (!copy)
		return false;
	s->settings[s->n_settings++] = (struct config_setting){row, copy, line};
	return true;
}

static bool on_key(void *user, const struct inifile_section *sec, const char *key,
		   const char *value, int line, struct error_list *errors)
{
	struct parse_state *st = user;
	const char *section = st->kinds[sec->kind].name;
	for (size_t i = 0; i < N_KEYS; i++) {
		const struct config_key *k = &schema[i];
		if (strcmp(k->section, section) != 0 || strcasecmp(k->key, key) != 0)
			continue;
		if (sec->has_name)
			return add_screen_setting(st, i, value, line, errors) ||
			       (st->oom = true, false);
		bool list = config_key_is_list(k);
		if (!list && st->seen_line[i]) {
			error_list_add(errors, line, 0, "[%s] %s is already set on line %d", section,
				       k->key, st->seen_line[i]);
			return true;
		}
		if (list && !st->seen_line[i])
			free_field(st->c, k);	/* the file's list replaces the default one */
		st->seen_line[i] = line;
		st->c->key_lines[i] = line;
		char why[200];
		if (!set_value(st->c, k, value, line, why, sizeof why))
			error_list_add(errors, line, 0, "[%s] %s: %s", section, k->key, why);
		return true;
	}
	if (sec->has_name)
		error_list_add(errors, line, 0, "unknown key '%s' in [%s \"%.80s\"]", key, section,
			       sec->name);
	else
		error_list_add(errors, line, 0, "unknown key '%s' in [%s]", key, section);
	return true;
}

bool config_select_screen(struct config *c, const char *name)
{
	c->screen = NULL;
	const struct config_screen *s = NULL;
	for (size_t i = 0; i < c->n_screens && !s && name; i++)
		if (!strcasecmp(c->screens[i].name, name))
			s = &c->screens[i];
	if (!s)
		return true;
	bool replaced[N_KEYS] = {false};
	char why[200];
	for (size_t i = 0; i < s->n_settings; i++) {
		const struct config_key *k = &schema[s->settings[i].key];
		if (!replaced[s->settings[i].key])
			free_field(c, k);
		replaced[s->settings[i].key] = true;
		c->key_lines[s->settings[i].key] = s->settings[i].line;
		/* checked when parsed: only memory can run out */
		if (!set_value(c, k, s->settings[i].value, s->settings[i].line, why, sizeof why))
			return false;
	}
	c->screen = s;
	return true;
}

int config_format_value(const struct config *c, const struct config_key *k, char *buf,
			size_t size)
{
	const void *f = (const char *)c + k->offset;
	switch (k->type) {
	case CONFIG_STRING:
	case CONFIG_CHOICE:
		return snprintf(buf, size, "%s", *(char *const *)f);
	case CONFIG_BOOL:
		return snprintf(buf, size, "%s", *(const bool *)f ? "yes" : "no");
	case CONFIG_INT:
		return snprintf(buf, size, "%d", *(const int *)f);
	case CONFIG_SECONDS:
		return snprintf(buf, size, "%ld", *(const long *)f);
	case CONFIG_LIST:
	case CONFIG_ROOM_ALIAS:
	case CONFIG_DIRECTION:
	case CONFIG_DECK_SLIDE: {
		const struct config_list *list = f;
		int used = 0;
		if (size)
			buf[0] = '\0';
		for (size_t i = 0; i < list->n; i++) {
			int n = snprintf(buf + (used < (int)size ? used : (int)size),
					 used < (int)size ? size - (size_t)used : 0, "%s%s",
					 i ? ", " : "", list->items[i]);
			used += n > 0 ? n : 0;
		}
		return used;
	}
	}
	return 0;
}

bool config_parse(struct config *c, const char *bytes, size_t len, struct error_list *errors)
{
	/* The sections are the schema's: a row with a new section adds one. */
	struct inifile_kind kinds[N_KEYS];
	size_t n_kinds = 0;
	for (size_t i = 0; i < N_KEYS; i++) {
		size_t k = 0;
		while (k < n_kinds && strcmp(kinds[k].name, schema[i].section) != 0)
			k++;
		if (k == n_kinds) {
			/* [screen "NAME"]: one box's own section (config_select_screen()) */
			bool named = !strcmp(schema[i].section, "screen") ||
				     !strcmp(schema[i].section, "deck");
			kinds[n_kinds++] = (struct inifile_kind){
				schema[i].section, named ? INIFILE_NAME_OPTIONAL : INIFILE_UNNAMED,
				named ? "the screen's name" : NULL};
		}
	}
	struct parse_state st = {.c = c, .kinds = kinds};
	const struct inifile_spec spec = {kinds, n_kinds, on_section, on_key};
	size_t before = errors->n + errors->dropped;
	inifile_parse(bytes, len, &spec, &st, errors);
	if (st.scratch_ready)
		config_finish(&st.scratch);
	if (st.oom)
		error_list_add(errors, 0, 0, "out of memory");
	return errors->n + errors->dropped == before;
}

bool config_load(struct config *c, const char *path, bool must_exist, struct error_list *errors)
{
	if (!must_exist && access(path, F_OK) != 0 && errno == ENOENT)
		return true;	/* no config file at all: the built-in defaults stand */
	struct error err = {0};
	size_t len;
	char *bytes = file_read(path, CONFIG_MAX_BYTES, &len, &err);
	if (!bytes) {
		error_list_add(errors, 0, 0, "%s", err.message);
		return false;
	}
	bool ok = config_parse(c, bytes, len, errors);
	free(bytes);
	return ok;
}
