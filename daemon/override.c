/*
 * override.c — the override file: parsing and validation, applying session edits to an
 * agenda, and the queries at an instant; see override.h.
 *
 * The syntax is inifile.h's, the one all of foyer's files share: it parses the headers
 * (session titles are often longer than inih's 50-byte section names, and may hold `]`, `;`
 * or an escaped quote), checks them against section_kinds[], and calls on_section() at each
 * header (even one with no keys: `[emergency]` alone is reported) and on_key() at each key,
 * with its line. Booleans and the delay's duration are inifile.h's grammars too.
 *
 * Keys are one table (key_specs): section kind, name, value type and where the value goes.
 */
#include "override.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "inifile.h"

#define TEXT_MAX 2000	/* bytes in one text after joining its lines */

#define add_error(errors, line, ...) error_list_add(errors, line, 0, __VA_ARGS__)

/* ---- strings owned by a set --------------------------------------------------------- */

struct override_strings {
	char **items;
	size_t n, cap;
};

static const char *keep(struct override_set *set, const char *s, size_t len)
{
	struct override_strings *st = set->strings;
	char **items = grow_array(st->items, &st->cap, st->n + 1, sizeof *items, SIZE_MAX);
	if (!items)
		return NULL;
	st->items = items;
	char *copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	st->items[st->n++] = copy;
	return copy;
}

void override_destroy(struct override_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n_announcements; i++)
		free(set->announcements[i].rooms);
	free(set->announcements);
	free(set->sessions);
	free(set->rooms);
	if (set->strings) {
		for (size_t i = 0; i < set->strings->n; i++)
			free(set->strings->items[i]);
		free(set->strings->items);
		free(set->strings);
	}
	free(set);
}

/* ---- small value parsers ------------------------------------------------------------ */

bool override_parse_duration(const char *s, int *seconds)
{
	long n;
	const char *digits = s + (*s == '-' || *s == '+');
	if (!inifile_parse_duration(s, &n) || labs(n) > OVERRIDE_MAX_SHIFT)
		return false;
	if (n != 0 && digits[strspn(digits, "0123456789")] == '\0')
		return false;	/* "15": minutes or seconds? a delay says which */
	*seconds = (int)n;
	return true;
}

/* "24:00" is allowed as the end of screen hours; civil_parse_clock() stops at 23:59:59. */
static int parse_clock_or_midnight(const char *s, size_t len)
{
	if (len == 5 && !memcmp(s, "24:00", 5))
		return 24 * 3600;
	return civil_parse_clock(s, len);
}

/* The instant of a local reading; gaps and folds as tz_to_utc() resolves them. */
static time_t local_instant(const struct tz *tz, int64_t days, int clock)
{
	struct civil c;
	civil_from_seconds(days * 86400 + clock, &c);
	time_t t;
	tz_to_utc(tz, &c, &t);
	return t;
}

static int64_t local_days(const struct tz *tz, time_t t)
{
	struct civil c;
	tz_to_local(tz, t, &c);
	return civil_days_from_date(c.year, c.month, c.day);
}

static int local_clock(const struct tz *tz, time_t t)
{
	struct civil c;
	tz_to_local(tz, t, &c);
	return c.hour * 3600 + c.minute * 60 + c.second;
}

/* "HH:MM[:SS]" as a clock, or an ISO 8601 date-time (venue local unless it has an offset). */
static bool parse_time(const char *s, const struct tz *tz, struct override_time *out)
{
	size_t len = strlen(s);
	int clock = civil_parse_clock(s, len);
	if (clock >= 0) {
		*out = (struct override_time){.kind = OVERRIDE_TIME_CLOCK, .clock = clock};
		return true;
	}
	struct civil c;
	bool has_offset;
	int offset;
	if (len < 10 || civil_parse_iso(s, &c, &has_offset, &offset) != len)
		return false;
	time_t t;
	if (has_offset)
		t = (time_t)(civil_to_seconds(&c) - offset);
	else
		tz_to_utc(tz, &c, &t);
	*out = (struct override_time){.kind = OVERRIDE_TIME_INSTANT, .instant = t};
	return true;
}

/* ---- the key table ------------------------------------------------------------------ */

enum kind { KIND_EMERGENCY, KIND_ANNOUNCEMENT, KIND_SESSION, KIND_ROOM, KIND_SCREEN, KIND_INVALID };

static const struct inifile_kind section_kinds[KIND_INVALID] = {
	[KIND_EMERGENCY] = {"emergency", INIFILE_UNNAMED, NULL},
	[KIND_ANNOUNCEMENT] = {"announcement", INIFILE_NAMED, NULL},
	[KIND_SESSION] = {"session", INIFILE_NAMED, "ID or exact title"},
	[KIND_ROOM] = {"room", INIFILE_NAMED, NULL},
	[KIND_SCREEN] = {"screen", INIFILE_UNNAMED, NULL},
};

enum value_type {
	VALUE_TEXT,	/* repeated lines are joined with a space */
	VALUE_NAME,	/* one line of text: a title, a room */
	VALUE_WHEN,	/* from/until: an instant (a time alone is on the reference day) */
	VALUE_TIME,	/* a session's start/end/at: a time of day or an instant */
	VALUE_DURATION,
	VALUE_BOOL,
	VALUE_STATUS,
	VALUE_ROOMS,
	VALUE_HOURS,
	VALUE_SLIDE,
};

struct key_spec {
	enum kind kind;
	const char *name;
	enum value_type type;
	size_t offset;	/* into the kind's struct */
};

#define KEY(k, s, field, type) {k, #field, type, offsetof(struct s, field)}
static const struct key_spec key_specs[] = {
	KEY(KIND_EMERGENCY, override_emergency, title, VALUE_NAME),
	KEY(KIND_EMERGENCY, override_emergency, text, VALUE_TEXT),
	KEY(KIND_EMERGENCY, override_emergency, from, VALUE_WHEN),
	KEY(KIND_EMERGENCY, override_emergency, until, VALUE_WHEN),
	KEY(KIND_ANNOUNCEMENT, override_announcement, text, VALUE_TEXT),
	KEY(KIND_ANNOUNCEMENT, override_announcement, from, VALUE_WHEN),
	KEY(KIND_ANNOUNCEMENT, override_announcement, until, VALUE_WHEN),
	KEY(KIND_ANNOUNCEMENT, override_announcement, rooms, VALUE_ROOMS),
	KEY(KIND_ANNOUNCEMENT, override_announcement, title, VALUE_NAME),
	KEY(KIND_ANNOUNCEMENT, override_announcement, image, VALUE_NAME),
	KEY(KIND_SESSION, override_session, delay, VALUE_DURATION),
	KEY(KIND_SESSION, override_session, start, VALUE_TIME),
	KEY(KIND_SESSION, override_session, end, VALUE_TIME),
	KEY(KIND_SESSION, override_session, room, VALUE_NAME),
	KEY(KIND_SESSION, override_session, title, VALUE_NAME),
	KEY(KIND_SESSION, override_session, status, VALUE_STATUS),
	KEY(KIND_SESSION, override_session, note, VALUE_TEXT),
	KEY(KIND_SESSION, override_session, at, VALUE_TIME),
	KEY(KIND_ROOM, override_room, full, VALUE_BOOL),
	KEY(KIND_ROOM, override_room, closed, VALUE_BOOL),
	KEY(KIND_ROOM, override_room, note, VALUE_TEXT),
	KEY(KIND_ROOM, override_room, from, VALUE_WHEN),
	KEY(KIND_ROOM, override_room, until, VALUE_WHEN),
	{KIND_SCREEN, "hours", VALUE_HOURS, offsetof(struct override_screen, has_hours)},
	KEY(KIND_SCREEN, override_screen, pin, VALUE_SLIDE),
};
#define N_KEYS (sizeof key_specs / sizeof *key_specs)

/* ---- the parser --------------------------------------------------------------------- */

struct section {
	enum kind kind;
	size_t index;		/* into the set's array of that kind */
	int line;
	int key_line[N_KEYS];	/* where each key was given; 0: not given */
};

struct parser {
	int line;		/* of the header or key being read */
	const struct tz *tz;
	time_t reference;
	struct override_set *set;
	struct error_list *errors;
	struct section *sections;
	size_t n_sections, cap_sections;
	bool out_of_memory;
};

#define parse_error(p, ...) add_error((p)->errors, (p)->line, __VA_ARGS__)

/* The struct a section's keys fill. */
static void *section_target(struct override_set *set, const struct section *sec)
{
	switch (sec->kind) {
	case KIND_EMERGENCY:
		return &set->emergency;
	case KIND_ANNOUNCEMENT:
		return &set->announcements[sec->index];
	case KIND_SESSION:
		return &set->sessions[sec->index];
	case KIND_ROOM:
		return &set->rooms[sec->index];
	case KIND_SCREEN:
		return &set->screen;
	case KIND_INVALID:
		break;
	}
	return NULL;
}

static const char *section_label(const struct override_set *set, const struct section *sec,
				 char *buf, size_t size)
{
	const char *name = NULL;
	if (sec->kind == KIND_ANNOUNCEMENT)
		name = set->announcements[sec->index].name;
	else if (sec->kind == KIND_SESSION)
		name = set->sessions[sec->index].match;
	else if (sec->kind == KIND_ROOM)
		name = set->rooms[sec->index].name;
	if (name)
		snprintf(buf, size, "[%s \"%s\"]", section_kinds[sec->kind].name, name);
	else
		snprintf(buf, size, "[%s]", section_kinds[sec->kind].name);
	return buf;
}

/* A second [emergency], [screen], or a name used twice: the line of the first, else 0. */
static int duplicate_section(const struct parser *p, enum kind kind, const char *name)
{
	for (size_t i = 0; i < p->n_sections; i++) {
		const struct section *sec = &p->sections[i];
		if (sec->kind != kind)
			continue;
		if (kind == KIND_EMERGENCY || kind == KIND_SCREEN)
			return sec->line;
		if (kind == KIND_ANNOUNCEMENT && !strcmp(p->set->announcements[sec->index].name, name))
			return sec->line;
		if (kind == KIND_ROOM && !strcmp(p->set->rooms[sec->index].name, name))
			return sec->line;
		/* sessions may repeat a title with different `at`: checked after parsing */
	}
	return 0;
}

/* Creates the entry a new section fills; false (with an error) when it cannot exist. */
static bool section_create(struct parser *p, struct section *sec, enum kind kind, const char *name)
{
	struct override_set *set = p->set;
	int first = duplicate_section(p, kind, name);
	if (first) {
		char usage[160];
		inifile_kind_usage(&section_kinds[kind], usage, sizeof usage);
		parse_error(p, "%s is given twice (first on line %d)", usage, first);
		return false;
	}
	const char *kept = NULL;
	if (name && !(kept = keep(set, name, strlen(name))))
		return false;
	sec->kind = kind;
	switch (kind) {
	case KIND_EMERGENCY:
		set->has_emergency = true;
		set->emergency = (struct override_emergency){.title = "", .text = "", .line = p->line};
		break;
	case KIND_SCREEN:
		set->screen.line = p->line;
		break;
	case KIND_ANNOUNCEMENT: {
		size_t cap = set->n_announcements;
		struct override_announcement *a =
			grow_array(set->announcements, &cap, set->n_announcements + 1, sizeof *a,
				   SIZE_MAX);
		if (!a)
			return false;
		set->announcements = a;
		sec->index = set->n_announcements++;
		a[sec->index] = (struct override_announcement){.name = kept, .text = "", .line = p->line};
		break;
	}
	case KIND_SESSION: {
		size_t cap = set->n_sessions;
		struct override_session *s = grow_array(set->sessions, &cap, set->n_sessions + 1,
							 sizeof *s, SIZE_MAX);
		if (!s)
			return false;
		set->sessions = s;
		sec->index = set->n_sessions++;
		s[sec->index] = (struct override_session){.match = kept, .line = p->line};
		break;
	}
	case KIND_ROOM: {
		size_t cap = set->n_rooms;
		struct override_room *r = grow_array(set->rooms, &cap, set->n_rooms + 1, sizeof *r,
						      SIZE_MAX);
		if (!r)
			return false;
		set->rooms = r;
		sec->index = set->n_rooms++;
		r[sec->index] = (struct override_room){.name = kept, .full = -1, .closed = -1, .line = p->line};
		break;
	}
	case KIND_INVALID:
		break;
	}
	return true;
}

static const char *known_keys(enum kind kind, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < N_KEYS; i++)
		if (key_specs[i].kind == kind && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 key_specs[i].name);
	return buf;
}

/* Stores value (already checked non-empty, UTF-8) into field per its type. */
static void store_value(struct parser *p, const struct key_spec *spec, const struct section *sec,
			void *field, const char *value, bool repeated)
{
	struct override_set *set = p->set;
	switch (spec->type) {
	case VALUE_TEXT: {
		const char **text = field;
		char joined[TEXT_MAX + 1];
		int n = snprintf(joined, sizeof joined, "%s%s%s", repeated ? *text : "", repeated ? " " : "", value);
		if (n < 0 || n > TEXT_MAX) {
			parse_error(p, "%s is longer than %d bytes", spec->name, TEXT_MAX);
			return;
		}
		if (!(*text = keep(set, joined, (size_t)n)))
			p->out_of_memory = true;
		return;
	}
	case VALUE_NAME:
		if (!(*(const char **)field = keep(set, value, strlen(value))))
			p->out_of_memory = true;
		return;
	case VALUE_WHEN: {
		struct override_time t;
		if (!parse_time(value, p->tz, &t)) {
			parse_error(p, "bad time \"%s\" for %s: use HH:MM or YYYY-MM-DD HH:MM", value, spec->name);
			return;
		}
		*(time_t *)field = t.kind == OVERRIDE_TIME_INSTANT ? t.instant
			: local_instant(p->tz, local_days(p->tz, p->reference), t.clock);
		return;
	}
	case VALUE_TIME:
		if (!parse_time(value, p->tz, field))
			parse_error(p, "bad time \"%s\" for %s: use HH:MM or YYYY-MM-DD HH:MM", value, spec->name);
		return;
	case VALUE_DURATION: {
		struct override_session *s = section_target(set, sec);
		if (!override_parse_duration(value, &s->delay))
			parse_error(p, "bad duration \"%s\" for delay: use e.g. 15m, 1h30m, 90s or -10m "
				    "(at most 7 days)", value);
		else
			s->has_delay = true;
		return;
	}
	case VALUE_BOOL: {
		bool b;
		if (!inifile_parse_bool(value, &b))
			parse_error(p, "%s must be yes or no, not \"%s\"", spec->name, value);
		else
			*(int *)field = b;
		return;
	}
	case VALUE_STATUS: {
		enum override_status *status = field;
		if (!strcasecmp(value, "cancelled") || !strcasecmp(value, "canceled"))
			*status = OVERRIDE_STATUS_CANCELLED;
		else if (!strcasecmp(value, "scheduled"))
			*status = OVERRIDE_STATUS_SCHEDULED;
		else
			parse_error(p, "status must be cancelled or scheduled, not \"%s\" (changed and "
				    "moved follow from the other keys)", value);
		return;
	}
	case VALUE_ROOMS: {
		struct override_announcement *a = section_target(set, sec);
		const char *s = value;
		size_t n = 0;
		const char *names[OVERRIDE_MAX_LIST];
		size_t lens[OVERRIDE_MAX_LIST];
		for (;;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			while (len > 0 && isspace((unsigned char)*s))
				s++, len--;
			while (len > 0 && isspace((unsigned char)s[len - 1]))
				len--;
			if (len == 0) {
				parse_error(p, "rooms: an empty name in the list (names are separated by commas)");
				return;
			}
			if (n == OVERRIDE_MAX_LIST) {
				parse_error(p, "rooms: more than %d rooms", OVERRIDE_MAX_LIST);
				return;
			}
			names[n] = s;
			lens[n++] = len;
			if (!comma)
				break;
			s = comma + 1;
		}
		const char **rooms = calloc(n, sizeof *rooms);
		if (!rooms) {
			p->out_of_memory = true;
			return;
		}
		for (size_t i = 0; i < n; i++)
			if (!(rooms[i] = keep(set, names[i], lens[i])))
				p->out_of_memory = true;
		free(a->rooms);
		a->rooms = rooms;
		a->n_rooms = n;
		return;
	}
	case VALUE_HOURS: {
		struct override_screen *screen = &set->screen;
		const char *dash = strchr(value, '-');
		const char *rest = dash ? dash + 1 : NULL;
		if (!dash && (dash = strstr(value, "\xE2\x80\x93")))	/* an en dash */
			rest = dash + 3;
		int on = -1, off = -1;
		if (dash) {
			size_t a = (size_t)(dash - value);
			while (a > 0 && value[a - 1] == ' ')
				a--;
			while (*rest == ' ')
				rest++;
			on = civil_parse_clock(value, a);
			off = parse_clock_or_midnight(rest, strlen(rest));
		}
		if (on < 0 || off < 0) {
			parse_error(p, "bad hours \"%s\": use HH:MM-HH:MM, e.g. 08:00-20:00", value);
			return;
		}
		if (on == off % 86400) {
			parse_error(p, "hours \"%s\" start and end at the same time", value);
			return;
		}
		screen->has_hours = true;
		screen->hours_on = on;
		screen->hours_off = off % 86400;
		return;
	}
	case VALUE_SLIDE: {
		/* KIND or KIND:PAGE: a page of rooms, one image */
		char name[32];
		const char *colon = strchr(value, ':');
		size_t len = colon ? (size_t)(colon - value) : strlen(value);
		snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1),
			 value);
		char *end = NULL;
		long page = colon ? strtol(colon + 1, &end, 10) : 1;
		if (len >= sizeof name || !show_pin_parse(name, &set->screen.pin)) {
			char names[160];
			parse_error(p, "pin: no slide named \"%s\" (slides: %s)", value,
				    show_pin_names(names, sizeof names));
			return;
		}
		if (colon && (!colon[1] || *end || page < 1 || page > 1000)) {
			set->screen.pin = SHOW_NONE;
			parse_error(p, "pin: \"%s\" is not a page number from 1 to 1000 in \"%s\"",
				    colon + 1, value);
			return;
		}
		set->screen.pin_page = colon ? (int)page : 0;
		set->screen.pin_line = p->line;
		return;
	}
	}
}

/* inifile's call at each header: the entry its keys fill, or KIND_INVALID after a problem. */
static bool on_section(void *user, const struct inifile_section *header, struct error_list *errors)
{
	struct parser *p = user;
	(void)errors;	/* p->errors */
	p->line = header->line;
	struct section sec = {.kind = KIND_INVALID, .line = header->line};
	if (!p->out_of_memory &&
	    !section_create(p, &sec, (enum kind)header->kind, header->has_name ? header->name : NULL))
		sec.kind = KIND_INVALID;
	struct section *sections = grow_array(p->sections, &p->cap_sections, p->n_sections + 1,
					       sizeof *sections, SIZE_MAX);
	if (!sections) {
		p->out_of_memory = true;
		return false;
	}
	p->sections = sections;
	p->sections[p->n_sections++] = sec;	/* header->index == its place here */
	return sec.kind != KIND_INVALID;
}

static bool on_key(void *user, const struct inifile_section *header, const char *name,
		   const char *value, int line, struct error_list *errors)
{
	struct parser *p = user;
	(void)errors;	/* p->errors */
	p->line = line;
	if (p->out_of_memory)
		return false;
	struct section *sec = &p->sections[header->index];
	size_t k = 0;
	while (k < N_KEYS && !(key_specs[k].kind == sec->kind && !strcasecmp(key_specs[k].name, name)))
		k++;
	if (k == N_KEYS) {
		char label[160], keys[160];
		parse_error(p, "unknown key \"%s\" in %s (known: %s)", name,
			    section_label(p->set, sec, label, sizeof label),
			    known_keys(sec->kind, keys, sizeof keys));
		return true;
	}
	const struct key_spec *spec = &key_specs[k];
	bool repeated = sec->key_line[k] != 0;
	if (repeated && spec->type != VALUE_TEXT) {
		parse_error(p, "%s is given twice in this section (first on line %d)", spec->name,
			    sec->key_line[k]);
		return true;
	}
	if (!*value) {
		parse_error(p, "%s has no value", spec->name);
		return true;
	}
	sec->key_line[k] = line;
	store_value(p, spec, sec, (char *)section_target(p->set, sec) + spec->offset, value, repeated);
	return !p->out_of_memory;
}

static int key_line(const struct section *sec, const char *name)
{
	for (size_t k = 0; k < N_KEYS; k++)
		if (key_specs[k].kind == sec->kind && !strcmp(key_specs[k].name, name))
			return sec->key_line[k];
	return 0;
}

static bool same_time(const struct override_time *a, const struct override_time *b)
{
	return a->kind == b->kind && a->clock == b->clock && a->instant == b->instant;
}

/* Checks that need a whole section: required keys, from before until, conflicting keys. */
static void check_section(struct parser *p, const struct section *sec)
{
	struct override_set *set = p->set;
	const time_t *from = NULL, *until = NULL;
	char label[160];
	switch (sec->kind) {
	case KIND_EMERGENCY:
		if (!key_line(sec, "title"))
			add_error(p->errors, sec->line, "[emergency] needs a title (the screen shows it in large type)");
		from = &set->emergency.from;
		until = &set->emergency.until;
		break;
	case KIND_ANNOUNCEMENT: {
		struct override_announcement *a = &set->announcements[sec->index];
		if (!key_line(sec, "text"))
			add_error(p->errors, sec->line, "%s needs a text", section_label(set, sec, label, sizeof label));
		if (a->image && (strchr(a->image, '/') || !strcmp(a->image, "..") || !a->image[0]))
			add_error(p->errors, key_line(sec, "image"),
				  "image: \"%s\" is not a file name in the override file's folder",
				  a->image);
		from = &a->from;
		until = &a->until;
		break;
	}
	case KIND_ROOM: {
		struct override_room *r = &set->rooms[sec->index];
		from = &r->from;
		until = &r->until;
		break;
	}
	case KIND_SESSION: {
		const struct override_session *s = &set->sessions[sec->index];
		if (s->has_delay && s->start.kind != OVERRIDE_TIME_NONE)
			add_error(p->errors, key_line(sec, "delay"),
					    "give either delay or start, not both");
		if (s->start.kind == OVERRIDE_TIME_INSTANT && s->end.kind == OVERRIDE_TIME_INSTANT &&
		    s->end.instant <= s->start.instant)
			add_error(p->errors, key_line(sec, "end"), "end is not after start");
		for (size_t i = 0; i < p->n_sections; i++) {
			const struct section *other = &p->sections[i];
			if (other == sec)
				break;
			if (other->kind != KIND_SESSION)
				continue;
			const struct override_session *o = &set->sessions[other->index];
			if (!strcmp(o->match, s->match) && same_time(&o->at, &s->at)) {
				add_error(p->errors, sec->line, "%s is given twice (first on line %d)",
						    section_label(set, sec, label, sizeof label), other->line);
				break;
			}
		}
		break;
	}
	case KIND_SCREEN:
	case KIND_INVALID:
		break;
	}
	if (from && until && *from && *until && *until <= *from)
		add_error(p->errors, key_line(sec, "until"), "until is not after from");
}

struct override_set *override_parse(const char *data, size_t len, const struct tz *tz,
				    time_t reference, struct error_list *errors)
{
	size_t errors_before = errors->n + errors->dropped;
	if (len > OVERRIDE_MAX_BYTES) {
		add_error(errors, 0, "the file is larger than %d bytes", OVERRIDE_MAX_BYTES);
		return NULL;
	}
	struct override_set *set = calloc(1, sizeof *set);
	if (!set || !(set->strings = calloc(1, sizeof *set->strings))) {
		add_error(errors, 0, "out of memory");
		override_destroy(set);
		return NULL;
	}
	struct parser p = {.tz = tz, .reference = reference, .set = set, .errors = errors};
	static const struct inifile_spec spec = {section_kinds, KIND_INVALID, on_section, on_key};
	inifile_parse(data, len, &spec, &p, errors);
	for (size_t i = 0; i < p.n_sections && !p.out_of_memory; i++)
		check_section(&p, &p.sections[i]);
	free(p.sections);
	if (p.out_of_memory)
		add_error(errors, 0, "out of memory");
	if (errors->n + errors->dropped > errors_before) {
		override_destroy(set);
		return NULL;
	}
	return set;
}

/* ---- applying session edits --------------------------------------------------------- */

static bool at_matches(const struct override_time *at, const struct event *ev, const struct tz *tz)
{
	switch (at->kind) {
	case OVERRIDE_TIME_CLOCK:
		return local_clock(tz, ev->start) == at->clock;
	case OVERRIDE_TIME_INSTANT:
		return ev->start == at->instant;
	case OVERRIDE_TIME_NONE:
		break;
	}
	return true;
}

static void format_clock(const struct words *w, const struct tz *tz, time_t t, char *out,
			 size_t size)
{
	struct civil c;
	tz_to_local(tz, t, &c);
	words_time(w, out, size, c.hour, c.minute);
}

/* "1 h 5 min", "90 s" in the screen's language */
static void format_duration(const struct words *w, int seconds, char *out, size_t size)
{
	int h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
	char part[32];
	size_t used = 0;
	out[0] = '\0';
	if (h && used < size) {
		words_format(w, part, sizeof part, WORD_HOURS, h);
		used += (size_t)snprintf(out + used, size - used, "%s", part);
	}
	if (m && used < size) {
		words_format(w, part, sizeof part, WORD_MINUTES, m);
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "", part);
	}
	if ((s || !used) && used < size) {
		words_format(w, part, sizeof part, WORD_SECONDS, s);
		snprintf(out + used, size - used, "%s%s", used ? " " : "", part);
	}
}

/* Applies one [session] to one event of out; false when out of memory. */
static bool apply_session(struct agenda *out, struct event *ev, const struct override_session *s,
			  const struct tz *tz, const struct words *w, struct error_list *errors)
{
	time_t start = ev->start, end = ev->end;
	char note[400] = "", part[160], worded[160], buf[64];
	size_t used = 0;
#define NOTE(...) (snprintf(part, sizeof part, __VA_ARGS__), \
		   used += (size_t)snprintf(note + used, used < sizeof note ? sizeof note - used : 0, \
					    "%s%s", used ? ". " : "", part))
#define WORD_NOTE(word, ...) \
	(words_format(w, worded, sizeof worded, (word), __VA_ARGS__), NOTE("%s", worded))
	if (s->has_delay && s->delay) {
		start += s->delay;
		end += s->delay;
		format_duration(w, abs(s->delay), buf, sizeof buf);
		WORD_NOTE(s->delay > 0 ? WORD_DELAYED_BY : WORD_FORWARD_BY, buf);
	}
	if (s->start.kind != OVERRIDE_TIME_NONE) {
		start = s->start.kind == OVERRIDE_TIME_INSTANT ? s->start.instant
			: local_instant(tz, local_days(tz, ev->start), s->start.clock);
		end = start + (ev->end - ev->start);
	}
	if (s->end.kind == OVERRIDE_TIME_INSTANT) {
		end = s->end.instant;
	} else if (s->end.kind == OVERRIDE_TIME_CLOCK) {
		int64_t day = local_days(tz, start);
		end = local_instant(tz, day, s->end.clock);
		if (end <= start)	/* an end earlier than the start is on the next day */
			end = local_instant(tz, day + 1, s->end.clock);
	}
	if (end < start) {
		add_error(errors, s->line, "the new end of \"%s\" is before its new start; "
				    "its times are left alone", ev->title);
		start = ev->start;
		end = ev->end;
	}
	bool time_changed = start != ev->start || end != ev->end;
	if (time_changed && s->start.kind != OVERRIDE_TIME_NONE) {
		format_clock(w, tz, ev->start, buf, sizeof buf);
		WORD_NOTE(WORD_RESCHEDULED, buf);
	} else if (time_changed && !s->has_delay) {
		format_clock(w, tz, end, buf, sizeof buf);
		WORD_NOTE(WORD_NOW_ENDS, buf);
	}
	ev->start = start;
	ev->end = end;
	bool room_changed = false;
	if (s->room && strcmp(s->room, ev->room)) {
		const char *old = ev->room;
		if (!agenda_set_room(out, ev, s->room))
			return false;
		room_changed = true;
		if (*old)
			WORD_NOTE(WORD_MOVED_FROM, old);
		else
			NOTE("%s", words_get(w, WORD_MOVED));
	}
	if (s->title && !(ev->title = agenda_strdup(out, s->title)))
		return false;
	if (s->status == OVERRIDE_STATUS_CANCELLED) {
		ev->status = EVENT_CANCELLED;
		used = 0;
		NOTE("%s", words_get(w, WORD_CANCELLED));
	} else if (room_changed) {
		ev->status = EVENT_MOVED;
	} else if (time_changed) {
		ev->status = EVENT_CHANGED;
	} else if (s->status == OVERRIDE_STATUS_SCHEDULED) {
		ev->status = EVENT_SCHEDULED;
	}
#undef NOTE
#undef WORD_NOTE
	const char *text = s->note ? s->note : used ? note : NULL;
	if (text && !(ev->note = agenda_strdup(out, text)))
		return false;
	return true;
}

/* A near miss for an error message: a title that differs only in case, or NULL. */
static const char *similar_title(const struct agenda *agenda, const char *match)
{
	for (size_t i = 0; i < agenda->n_events; i++)
		if (!strcasecmp(agenda->events[i].title, match) && strcmp(agenda->events[i].title, match))
			return agenda->events[i].title;
	return NULL;
}

/* Applies s to the one event it names, or reports why it names none or several. */
static bool apply_one(struct agenda *out, const struct override_session *s, const struct tz *tz,
		      const struct words *w, struct error_list *errors)
{
	size_t n = 0, found = 0;
	bool by_id = true;
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		by_id = pass == 0;
		for (size_t i = 0; i < out->n_events; i++) {
			const struct event *ev = &out->events[i];
			const char *key = by_id ? ev->id : ev->title;
			if (*key && !strcmp(key, s->match) && at_matches(&s->at, ev, tz)) {
				if (n++ == 0)
					found = i;
			}
		}
	}
	if (n == 0) {
		const char *near = similar_title(out, s->match);
		if (s->at.kind != OVERRIDE_TIME_NONE)
			add_error(errors, s->line, "no session \"%s\" starts at the time given by at",
					    s->match);
		else if (near)
			add_error(errors, s->line, "no session has the id or title \"%s\"; "
					    "did you mean \"%s\"?", s->match, near);
		else
			add_error(errors, s->line, "no session has the id or title \"%s\"", s->match);
		return true;
	}
	if (n > 1) {
		add_error(errors, s->line, "%s \"%s\" matches %zu sessions; add `at = HH:MM` "
				    "(its start) or name it by id", by_id ? "the id" : "the title", s->match, n);
		return true;
	}
	return apply_session(out, &out->events[found], s, tz, w, errors);
}

/*
 * Whether a [room] or `rooms =` name can be checked and is there. A feed without room names
 * (a plain text agenda: every box names its own room in its config) cannot tell a typo from
 * another box's room, so nothing is reported then.
 */
static bool room_known(const struct agenda *agenda, const char *name)
{
	if (agenda_room_index(agenda, name) >= 0)
		return true;
	for (size_t i = 0; i < agenda->n_rooms; i++)
		if (*agenda->rooms[i])
			return false;
	return true;
}

struct agenda *override_apply(const struct override_set *set, const struct agenda *agenda,
			      const struct tz *tz, const struct words *w,
			      struct error_list *errors)
{
	struct agenda *out = agenda_clone(agenda);
	if (!out || !set)
		return out;
	for (size_t i = 0; i < set->n_sessions; i++) {
		if (!apply_one(out, &set->sessions[i], tz, w, errors)) {
			agenda_destroy(out);
			return NULL;
		}
	}
	for (size_t i = 0; i < set->n_rooms; i++)
		if (!room_known(out, set->rooms[i].name))
			add_error(errors, set->rooms[i].line, "no room \"%s\" in the agenda",
					    set->rooms[i].name);
	for (size_t i = 0; i < set->n_announcements; i++)
		for (size_t r = 0; r < set->announcements[i].n_rooms; r++)
			if (!room_known(out, set->announcements[i].rooms[r]))
				add_error(errors, set->announcements[i].line,
						    "rooms: no room \"%s\" in the agenda",
						    set->announcements[i].rooms[r]);
	if (!agenda_sort(out)) {
		agenda_destroy(out);
		return NULL;
	}
	return out;
}

/* ---- queries at an instant ---------------------------------------------------------- */

static bool in_force(time_t from, time_t until, time_t now)
{
	return (!from || from <= now) && (!until || now < until);
}

const struct override_emergency *override_emergency_at(const struct override_set *set, time_t now)
{
	if (!set || !set->has_emergency || !in_force(set->emergency.from, set->emergency.until, now))
		return NULL;
	return &set->emergency;
}

bool override_announcement_active(const struct override_announcement *a, time_t now)
{
	return in_force(a->from, a->until, now);
}

bool override_announcement_for_rooms(const struct override_announcement *a,
				     const char *const *rooms, size_t n_rooms)
{
	if (a->n_rooms == 0 || n_rooms == 0)
		return true;
	for (size_t i = 0; i < a->n_rooms; i++)
		for (size_t j = 0; j < n_rooms; j++)
			if (!strcmp(a->rooms[i], rooms[j]))
				return true;
	return false;
}

const struct override_room *override_room_at(const struct override_set *set, const char *room,
					     time_t now)
{
	if (!set)
		return NULL;
	for (size_t i = 0; i < set->n_rooms; i++)
		if (!strcmp(set->rooms[i].name, room))
			return in_force(set->rooms[i].from, set->rooms[i].until, now) ? &set->rooms[i] : NULL;
	return NULL;
}

bool override_screen_on(const struct override_set *set, const struct tz *tz, time_t now)
{
	if (!set || !set->screen.has_hours)
		return true;
	int clock = local_clock(tz, now), on = set->screen.hours_on, off = set->screen.hours_off;
	return on < off ? on <= clock && clock < off : clock >= on || clock < off;
}

static void earliest_after(time_t *best, time_t t, time_t now)
{
	if (t > now && (!*best || t < *best))
		*best = t;
}

time_t override_next_change(const struct override_set *set, const struct tz *tz, time_t now)
{
	time_t best = 0;
	if (!set)
		return 0;
	if (set->has_emergency) {
		earliest_after(&best, set->emergency.from, now);
		earliest_after(&best, set->emergency.until, now);
	}
	for (size_t i = 0; i < set->n_announcements; i++) {
		earliest_after(&best, set->announcements[i].from, now);
		earliest_after(&best, set->announcements[i].until, now);
	}
	for (size_t i = 0; i < set->n_rooms; i++) {
		earliest_after(&best, set->rooms[i].from, now);
		earliest_after(&best, set->rooms[i].until, now);
	}
	if (set->screen.has_hours) {
		int64_t today = local_days(tz, now);
		for (int64_t day = today - 1; day <= today + 1; day++) {
			earliest_after(&best, local_instant(tz, day, set->screen.hours_on), now);
			earliest_after(&best, local_instant(tz, day, set->screen.hours_off), now);
		}
	}
	return best;
}
