/*
 * feed_frab_xml.c — frab / c3voc / pretalx schedule.xml and Pentabarf (FOSDEM) XML.
 *
 * Entry points: feed_frab_xml_parse() and feed_pentabarf_parse() (feed.h). Both formats are
 * the same tree — schedule > conference, schedule > day > room > event — and share this one
 * streaming reader: expat is fed the body in chunks and the handlers keep only the event
 * being read, so a 2 MiB FOSDEM file never exists as a DOM.
 *
 * Reading happens in two passes over what was collected:
 *   1. While parsing, each <event> becomes an agenda event (title, persons, track...) plus a
 *      `struct timing` holding its raw time fields, because the fields that decide its time
 *      (<conference><time_zone_name>, <day_change>) may in principle come after it and an
 *      event's children come in any order.
 *   2. At the end of the document each event's start is resolved (DESIGN.md section 5):
 *      <date> with an offset; else <date> as local time; else day@date + <start>, where a
 *      <start> earlier than day_change is on the next calendar date (a conference day runs
 *      past midnight). The local zone is the feed's <time_zone_name>, else the venue zone
 *      from the options. Events with no usable start are dropped with a warning, and
 *      duplicates (same guid; else same id, room and start) are dropped keeping the first.
 *
 * Surprises: without <day_change> the venue's time of day of <day start="..."> plays its
 * part (31C3 files have no day_change but say their days start at 11:00); 35C3/38C3 files mix +00:00
 * and +01:00 in <date> within one day, which is harmless because every <date> offset is
 * honoured as written. A title starting with "CANCELLED" (FOSDEM's way of cancelling a talk)
 * makes the event cancelled and loses the prefix.
 */
#include "feed.h"

#include <ctype.h>
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "feed_time.h"
#include "grow.h"
#include "tz.h"

#define CHUNK_BYTES (64 * 1024)
#define MAX_DEPTH 64		/* deeper elements are read past, never looked at */
#define DATE_TEXT_MAX 40	/* longest <date> kept; "2014-12-27T11:00:00.000000+01:00" fits */

/* The elements this reader acts on; everything else is ELEM_OTHER and read past. */
enum elem {
	ELEM_OTHER,
	ELEM_SCHEDULE,
	ELEM_CONFERENCE,
	ELEM_TIME_ZONE_NAME,
	ELEM_DAY_CHANGE,
	ELEM_DAY,
	ELEM_ROOM,
	ELEM_EVENT,
	ELEM_DATE,
	ELEM_START,
	ELEM_DURATION,
	ELEM_TITLE,
	ELEM_SUBTITLE,
	ELEM_URL,
	ELEM_TRACK,
	ELEM_PERSONS,
	ELEM_PERSON,
};

static const struct {
	const char *name;
	enum elem elem;
} elem_names[] = {
	{"schedule", ELEM_SCHEDULE},	{"conference", ELEM_CONFERENCE},
	{"time_zone_name", ELEM_TIME_ZONE_NAME}, {"day_change", ELEM_DAY_CHANGE},
	{"day", ELEM_DAY},		{"room", ELEM_ROOM},
	{"event", ELEM_EVENT},		{"date", ELEM_DATE},
	{"start", ELEM_START},		{"duration", ELEM_DURATION},
	{"title", ELEM_TITLE},		{"subtitle", ELEM_SUBTITLE},
	{"track", ELEM_TRACK},		{"persons", ELEM_PERSONS},
	{"person", ELEM_PERSON},	{"url", ELEM_URL},
};

/* What an event needs to know of its <day>, as written (resolved in pass 2). */
struct day_context {
	struct civil date;	/* <day date=...>; year 0 when unknown */
	struct civil start;	/* <day start=...>; year 0 when unknown */
	bool start_has_offset;
	int start_offset;	/* seconds east of UTC, when it has one */
};

/* An event's raw time fields, kept until the end of the document (pass 2). */
struct timing {
	char date[DATE_TEXT_MAX + 1];	/* <date> as written, "" when absent */
	int start_clock;		/* <start> in seconds after midnight; -1 absent, -2 invalid */
	int duration;			/* seconds; -1 absent, -2 invalid */
	struct day_context day;		/* the enclosing <day> */
	const char *guid, *id;		/* interned; "" when absent */
};

struct reader {
	XML_Parser parser;
	struct agenda *agenda;
	const struct feed_options *options;
	const char *format_name;
	struct error *err;
	bool failed;		/* err is filled; the parser was stopped */

	enum elem stack[MAX_DEPTH];
	int depth;		/* may exceed MAX_DEPTH; stack[] then holds only the top */
	bool saw_root;

	struct day_context day;
	const char *room_name;	/* the enclosing <room name=...>, interned, or "" */

	/* The event being read: index into agenda->events, or -1 outside an event. */
	long event;
	struct timing *timings;	/* parallel to agenda->events */
	size_t cap_timings;

	/* Text of the leaf element being captured, capped a little over AGENDA_MAX_STRING so
	 * that agenda_strndup() can cut it at a UTF-8 boundary. */
	char *text;
	size_t text_len;
	bool capturing;

	char zone_name[128];	/* <time_zone_name>, "" when absent */
	int day_change;		/* seconds after midnight; -1 when the feed gives none */
};

#define TEXT_CAP (AGENDA_MAX_STRING + 8)

static enum elem elem_from_name(const XML_Char *name)
{
	/* the first letter first: most of a feed's elements are none of these */
	for (size_t i = 0; i < sizeof elem_names / sizeof elem_names[0]; i++)
		if (elem_names[i].name[0] == name[0] && !strcmp(elem_names[i].name, name))
			return elem_names[i].elem;
	return ELEM_OTHER;
}

static int current_line(const struct reader *r)
{
	XML_Size line = XML_GetCurrentLineNumber(r->parser);
	return line > INT32_MAX ? INT32_MAX : (int)line;
}

/* Stops the parse with an error at the current position. */
static void fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct reader *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	XML_Size column = XML_GetCurrentColumnNumber(r->parser);
	va_list ap;
	va_start(ap, fmt);
	error_setv(r->err, current_line(r), column >= INT32_MAX ? INT32_MAX : (int)column + 1,
		   fmt, ap);
	va_end(ap);
	r->failed = true;
	XML_StopParser(r->parser, XML_FALSE);
}

static const char *attribute(const XML_Char **attrs, const char *name)
{
	for (size_t i = 0; attrs[i]; i += 2)
		if (!strcmp(attrs[i], name))
			return attrs[i + 1];
	return NULL;
}

/*
 * Collapses every run of whitespace (newlines in titles, indentation) to one space and trims
 * both ends, in place; returns the new length.
 */
static size_t squash_space(char *s, size_t len)
{
	size_t out = 0;
	bool space = false;
	for (size_t i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i])) {
			space = out > 0;
			continue;
		}
		if (space)
			s[out++] = ' ';
		space = false;
		s[out++] = s[i];
	}
	return out;
}

static struct event *current_event(struct reader *r)
{
	return r->event >= 0 ? &r->agenda->events[r->event] : NULL;
}

static void begin_event(struct reader *r, const XML_Char **attrs)
{
	size_t index = r->agenda->n_events;
	struct timing *timings = grow_array(r->timings, &r->cap_timings, index + 1, sizeof *timings,
					    SIZE_MAX);
	if (!timings) {
		fail(r, "out of memory");
		return;
	}
	r->timings = timings;
	bool full;
	struct event *ev = agenda_add_event_or_note(r->agenda, NULL, current_line(r), &full);
	if (!ev) {
		if (!full)
			fail(r, "out of memory");
		return;
	}
	ev->line = current_line(r);
	ev->room = r->room_name;
	const char *guid = attribute(attrs, "guid"), *id = attribute(attrs, "id");
	struct timing *t = &r->timings[index];
	*t = (struct timing){
		.start_clock = -1,
		.duration = -1,
		.day = r->day,
		.guid = guid ? agenda_strdup(r->agenda, guid) : "",
		.id = id ? agenda_strdup(r->agenda, id) : "",
	};
	if (!t->guid || !t->id) {
		fail(r, "out of memory");
		return;
	}
	r->event = (long)index;
}

static void begin_day(struct reader *r, const XML_Char **attrs)
{
	r->day = (struct day_context){0};
	const char *date = attribute(attrs, "date"), *start = attribute(attrs, "start");
	struct civil c;
	bool has_offset;
	int offset;
	if (date && civil_parse_iso(date, &c, &has_offset, &offset) == strlen(date))
		r->day.date = c;
	if (start && civil_parse_iso(start, &c, &has_offset, &offset) > 10) {
		r->day.start = c;
		r->day.start_has_offset = has_offset;
		r->day.start_offset = offset;
	}
}

static void begin_room(struct reader *r, const XML_Char **attrs)
{
	const char *name = attribute(attrs, "name");
	r->room_name = "";
	if (!name)
		return;
	size_t len = strlen(name);
	char *copy = malloc(len + 1);
	if (!copy) {
		fail(r, "out of memory");
		return;
	}
	memcpy(copy, name, len + 1);
	len = squash_space(copy, len);
	copy[len] = '\0';
	/* Recorded now, in the feed's order; past the room cap its events are left out when
	 * the rooms are settled at the end. */
	const char *room = len ? agenda_add_room(r->agenda, copy) : "";
	if (!room && r->agenda->n_rooms >= AGENDA_MAX_ROOMS)
		room = agenda_strdup(r->agenda, copy);
	free(copy);
	if (!room)
		fail(r, "out of memory");
	else
		r->room_name = room;
}

/*
 * What an element means where it stands: a <title> is ours only directly inside an event
 * (not the conference's, not <recording><title>), a <room> is a container inside a day and
 * a leaf inside an event. Anything out of place is ELEM_OTHER and read past.
 */
static enum elem elem_in_context(enum elem parent, enum elem elem, bool in_event)
{
	switch (elem) {
	case ELEM_SCHEDULE:
		return ELEM_OTHER;	/* only the root, handled by on_start() */
	case ELEM_CONFERENCE:
	case ELEM_DAY:
		return parent == ELEM_SCHEDULE ? elem : ELEM_OTHER;
	case ELEM_TIME_ZONE_NAME:
	case ELEM_DAY_CHANGE:
		return parent == ELEM_CONFERENCE ? elem : ELEM_OTHER;
	case ELEM_ROOM:
		return parent == ELEM_DAY || parent == ELEM_EVENT ? elem : ELEM_OTHER;
	case ELEM_EVENT:
		return (parent == ELEM_ROOM || parent == ELEM_DAY) && !in_event ? elem : ELEM_OTHER;
	case ELEM_DATE:
	case ELEM_START:
	case ELEM_DURATION:
	case ELEM_TITLE:
	case ELEM_SUBTITLE:
	case ELEM_URL:
	case ELEM_TRACK:
	case ELEM_PERSONS:
		return parent == ELEM_EVENT ? elem : ELEM_OTHER;
	case ELEM_PERSON:
		return parent == ELEM_PERSONS ? elem : ELEM_OTHER;
	case ELEM_OTHER:
		break;
	}
	return ELEM_OTHER;
}

/* Whether the element (already placed by elem_in_context()) is a leaf whose text we keep. */
static bool wants_text(enum elem parent, enum elem elem)
{
	switch (elem) {
	case ELEM_ROOM:
		return parent == ELEM_EVENT;
	case ELEM_TIME_ZONE_NAME:
	case ELEM_DAY_CHANGE:
	case ELEM_DATE:
	case ELEM_START:
	case ELEM_DURATION:
	case ELEM_TITLE:
	case ELEM_SUBTITLE:
	case ELEM_URL:
	case ELEM_TRACK:
	case ELEM_PERSON:
		return true;
	default:
		return false;
	}
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
	struct reader *r = data;
	enum elem elem = elem_from_name(name);
	enum elem parent = r->depth > 0 && r->depth <= MAX_DEPTH ? r->stack[r->depth - 1]
				 : ELEM_OTHER;
	bool root = r->depth == 0;
	if (!root)
		elem = r->depth < MAX_DEPTH ? elem_in_context(parent, elem, r->event >= 0)
					    : ELEM_OTHER;
	/* Push first: expat may still call on_end() for this element after a stop. */
	if (r->depth < MAX_DEPTH)
		r->stack[r->depth] = elem;
	r->depth++;
	r->capturing = false;
	r->text_len = 0;
	if (r->failed)
		return;
	if (root && elem != ELEM_SCHEDULE) {
		fail(r, "not a %s schedule: the document is <%.40s>, not <schedule>",
		     r->format_name, name);
		return;
	}
	r->saw_root = true;
	switch (elem) {
	case ELEM_DAY:
		begin_day(r, attrs);
		break;
	case ELEM_ROOM:
		if (parent == ELEM_DAY)
			begin_room(r, attrs);
		break;
	case ELEM_EVENT:
		begin_event(r, attrs);
		break;
	default:
		break;
	}
	r->capturing = wants_text(parent, elem) &&
		       (parent == ELEM_CONFERENCE || r->event >= 0);
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct reader *r = data;
	if (!r->capturing || r->failed || len <= 0)
		return;
	size_t room = TEXT_CAP - r->text_len, n = (size_t)len < room ? (size_t)len : room;
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
}

/* The captured text (already squashed) interned in the agenda; NULL on failure. */
static const char *captured(struct reader *r)
{
	const char *s = agenda_strndup(r->agenda, r->text, r->text_len);
	if (!s)
		fail(r, "out of memory");
	return s;
}

static void end_leaf(struct reader *r, enum elem elem)
{
	struct event *ev = current_event(r);
	struct timing *t = ev ? &r->timings[r->event] : NULL;
	r->text_len = squash_space(r->text, r->text_len);
	r->text[r->text_len] = '\0';
	switch (elem) {
	case ELEM_TIME_ZONE_NAME:
		if (r->text_len < sizeof r->zone_name)
			memcpy(r->zone_name, r->text, r->text_len + 1);
		else
			agenda_warn(r->agenda, current_line(r), "time_zone_name is too long; "
				    "ignored");
		return;
	case ELEM_DAY_CHANGE:
		r->day_change = civil_parse_clock(r->text, r->text_len);
		if (r->day_change < 0 && r->text_len)
			agenda_warn(r->agenda, current_line(r),
				    "day_change '%.20s' is not HH:MM or HH:MM:SS; ignored", r->text);
		return;
	default:
		break;
	}
	if (!ev)
		return;
	const char *s;
	switch (elem) {
	case ELEM_DATE:
		if (r->text_len <= DATE_TEXT_MAX)
			memcpy(t->date, r->text, r->text_len + 1);
		else
			memcpy(t->date, "?", 2);	/* too long to be a date: invalid */
		break;
	case ELEM_START:
		t->start_clock = !r->text_len ? -1 : civil_parse_clock(r->text, r->text_len);
		if (t->start_clock < 0 && r->text_len)
			t->start_clock = -2;
		break;
	case ELEM_DURATION:
		t->duration = !r->text_len ? -1 : (int)feed_time_parse_duration(r->text, r->text_len);
		if (t->duration < 0 && r->text_len)
			t->duration = -2;
		break;
	case ELEM_TITLE:
		if ((s = captured(r)))
			ev->title = s;
		break;
	case ELEM_SUBTITLE:
		if ((s = captured(r)))
			ev->subtitle = s;
		break;
	case ELEM_URL:
		if ((s = captured(r)))
			ev->url = s;
		break;
	case ELEM_TRACK:
		if ((s = captured(r)))
			ev->track = s;
		break;
	case ELEM_ROOM:
		if (r->text_len && (s = captured(r)))
			ev->room = s;
		break;
	case ELEM_PERSON:
		if (r->text_len && !agenda_add_speaker(r->agenda, ev, r->text, r->text_len))
			fail(r, "more than %d persons in one event", AGENDA_MAX_SPEAKERS);
		break;
	default:
		break;
	}
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
	struct reader *r = data;
	(void)name;
	r->depth--;
	enum elem elem = r->depth < MAX_DEPTH ? r->stack[r->depth] : ELEM_OTHER;
	if (r->capturing && !r->failed) {
		r->capturing = false;
		end_leaf(r, elem);
	}
	switch (elem) {
	case ELEM_EVENT:
		r->event = -1;
		break;
	case ELEM_ROOM:
		if (r->event < 0)
			r->room_name = "";
		break;
	case ELEM_DAY:
		r->day = (struct day_context){0};
		break;
	default:
		break;
	}
	r->text_len = 0;
}

/* A name for an event in warnings: its title, else its id. */
static const char *event_label(const struct event *ev, const struct timing *t)
{
	if (ev->title[0])
		return ev->title;
	return t->guid[0] ? t->guid : t->id[0] ? t->id : "(untitled)";
}

/* Local wall-clock time to UTC in zone, with a warning for a DST gap or fold. */
static time_t local_to_utc(struct reader *r, const struct tz *zone, const struct civil *local,
			   const struct event *ev, const struct timing *t)
{
	char what[100];
	snprintf(what, sizeof what, "'%.80s'", event_label(ev, t));
	return feed_time_local_to_utc(r->agenda, zone, local, ev->line, what);
}

/*
 * Pass 2 for one event: its start and end in UTC. False (with a warning) when it has no
 * usable start and must be dropped.
 */
static bool resolve_time(struct reader *r, const struct tz *zone, struct event *ev,
			 const struct timing *t)
{
	const char *label = event_label(ev, t);
	bool have_start = false;
	if (t->date[0]) {
		struct civil c;
		bool has_offset;
		int offset;
		size_t n = civil_parse_iso(t->date, &c, &has_offset, &offset);
		if (n == strlen(t->date) && n > 10) {
			if (has_offset)
				ev->start = (time_t)(civil_to_seconds(&c) - offset);
			else
				ev->start = local_to_utc(r, zone, &c, ev, t);
			have_start = true;
		} else if (!(n == 10 && n == strlen(t->date))) {	/* a bare date: use <start> */
			agenda_warn(r->agenda, ev->line, "'%.80s': <date> '%s' is not an ISO 8601 "
				    "date and time; using <start>", label, t->date);
		}
	}
	if (!have_start) {
		if (t->start_clock < 0) {
			agenda_warn(r->agenda, ev->line, "'%.80s' has %s start time; dropped", label,
				    t->start_clock == -1 ? "no" : "an invalid");
			return false;
		}
		/* The day's start in venue time (31C3 and 38C3 write it with an offset). */
		struct civil day_start = t->day.start;
		if (day_start.year && t->day.start_has_offset)
			tz_to_local(zone, (time_t)(civil_to_seconds(&day_start) - t->day.start_offset),
				    &day_start);
		struct civil day = t->day.date.year ? t->day.date : day_start;
		if (!day.year) {
			agenda_warn(r->agenda, ev->line, "'%.80s' is not inside a <day date=...>; "
				    "dropped", label);
			return false;
		}
		int day_change = r->day_change >= 0 ? r->day_change
			       : day_start.year ? day_start.hour * 3600 + day_start.minute * 60
			       : 0;
		int64_t days = civil_days_from_date(day.year, day.month, day.day);
		if (t->start_clock < day_change)
			days++;	/* after midnight of the conference day: the next calendar date */
		struct civil c = {.hour = t->start_clock / 3600, .minute = t->start_clock / 60 % 60,
				  .second = t->start_clock % 60};
		civil_date_from_days(days, &c.year, &c.month, &c.day);
		ev->start = local_to_utc(r, zone, &c, ev, t);
	}
	if (t->duration < 0) {
		agenda_warn(r->agenda, ev->line, "'%.80s' has %s duration; it ends as it starts",
			    label, t->duration == -1 ? "no" : "an invalid");
		ev->end = ev->start;
	} else {
		ev->end = ev->start + t->duration;
	}
	return true;
}

/* FOSDEM marks a cancelled talk by its title: "CANCELLED Testing apps with ...". */
static void apply_cancelled_prefix(struct event *ev)
{
	static const char prefix[] = "CANCELLED";
	size_t n = sizeof prefix - 1;
	if (strncmp(ev->title, prefix, n))
		return;
	const char *rest = ev->title + n;
	if (*rest && *rest != ' ' && *rest != ':' && *rest != '-')
		return;	/* "CANCELLEDX" is a word of its own */
	while (*rest == ' ' || *rest == ':' || *rest == '-')
		rest++;
	ev->status = EVENT_CANCELLED;
	if (*rest)
		ev->title = rest;	/* a suffix of an interned string is still owned by the agenda */
}

struct key {
	char *text;
	size_t index;
};

static int compare_keys(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->text, y->text);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Marks as dropped (keep[i] = false) every event whose key — its guid, else id + room +
 * start — an earlier kept event already has. Events with neither guid nor id are never
 * duplicates. False when out of memory.
 */
static bool drop_duplicates(struct reader *r, bool *keep)
{
	struct agenda *a = r->agenda;
	struct key *keys = calloc(a->n_events ? a->n_events : 1, sizeof *keys);
	if (!keys)
		return false;
	size_t n = 0;
	bool ok = true;
	for (size_t i = 0; i < a->n_events && ok; i++) {
		const struct timing *t = &r->timings[i];
		if (!keep[i] || (!t->guid[0] && !t->id[0]))
			continue;
		char *text;
		if (t->guid[0])
			ok = asprintf(&text, "g%s", t->guid) >= 0;
		else
			ok = asprintf(&text, "i%s\x1f%s\x1f%lld", t->id, a->events[i].room,
				      (long long)a->events[i].start) >= 0;
		if (ok)
			keys[n++] = (struct key){text, i};
	}
	if (ok) {
		qsort(keys, n, sizeof *keys, compare_keys);
		for (size_t k = 1; k < n; k++) {
			if (strcmp(keys[k].text, keys[k - 1].text))
				continue;
			const struct event *ev = &a->events[keys[k].index];
			agenda_warn(a, ev->line, "'%.80s' repeats the event of line %d (same %s); "
				    "dropped", event_label(ev, &r->timings[keys[k].index]),
				    a->events[keys[k - 1].index].line,
				    keys[k].text[0] == 'g' ? "guid" : "id, room and start");
			keep[keys[k].index] = false;
			/* keys[k] stays the comparison base: later copies repeat it too */
			keys[k].index = keys[k - 1].index;
		}
	}
	for (size_t k = 0; k < n; k++)
		free(keys[k].text);
	free(keys);
	return ok;
}

/*
 * The feed's own <time_zone_name> when it names a zone of the system's tzdata (*own is set
 * to it, to be destroyed by the caller), else the venue zone from the options.
 */
static const struct tz *local_zone(struct reader *r, struct tz **own)
{
	*own = NULL;
	if (!r->zone_name[0])
		return r->options->zone;
	if (strcmp(r->zone_name, tz_name(r->options->zone))) {
		struct error zone_err = {0};
		*own = tz_load(r->zone_name, &zone_err);
		if (!*own) {
			agenda_warn(r->agenda, 0, "time_zone_name: %s; using %s", zone_err.message,
				    tz_name(r->options->zone));
			return r->options->zone;
		}
	}
	r->agenda->timezone = agenda_strdup(r->agenda, r->zone_name);
	return *own ? *own : r->options->zone;
}

/* Pass 2: times, the CANCELLED prefix, duplicates, ids and rooms. */
static bool finish(struct reader *r)
{
	struct agenda *a = r->agenda;
	struct tz *own_zone;
	const struct tz *zone = local_zone(r, &own_zone);
	bool *keep = malloc(a->n_events ? a->n_events : 1);
	if (!keep) {
		tz_destroy(own_zone);
		error_set(r->err, 0, 0, "out of memory");
		return false;
	}
	for (size_t i = 0; i < a->n_events; i++) {
		struct event *ev = &a->events[i];
		const struct timing *t = &r->timings[i];
		keep[i] = resolve_time(r, zone, ev, t);
		ev->id = t->guid[0] ? t->guid : t->id;
		apply_cancelled_prefix(ev);
	}
	tz_destroy(own_zone);
	if (!drop_duplicates(r, keep)) {
		free(keep);
		error_set(r->err, 0, 0, "out of memory");
		return false;
	}
	size_t kept = 0;
	for (size_t i = 0; i < a->n_events; i++) {
		if (!keep[i]) {
			free(a->events[i].speakers);
			continue;
		}
		a->events[kept++] = a->events[i];
	}
	a->n_events = kept;
	free(keep);
	/* Rooms named only by an event's own <room> join the list after the <room name=...>s. */
	if (!agenda_settle_rooms(a)) {
		error_set(r->err, 0, 0, "out of memory");
		return false;
	}
	return true;
}

static struct agenda *parse_schedule(const char *bytes, size_t len,
				     const struct feed_options *options, const char *format_name,
				     struct error *err)
{
	error_clear(err);
	struct reader r = {
		.options = options,
		.format_name = format_name,
		.err = err,
		.event = -1,
		.room_name = "",
		.day_change = -1,
	};
	r.agenda = agenda_create();
	r.text = malloc(TEXT_CAP + 1);
	r.parser = XML_ParserCreate(NULL);
	if (!r.agenda || !r.text || !r.parser) {
		error_set(err, 0, 0, "out of memory");
		goto fail;
	}
	XML_SetUserData(r.parser, &r);
	XML_SetElementHandler(r.parser, on_start, on_end);
	XML_SetCharacterDataHandler(r.parser, on_text);

	size_t offset = 0;
	do {
		size_t n = len - offset < CHUNK_BYTES ? len - offset : CHUNK_BYTES;
		bool last = offset + n == len;
		if (XML_Parse(r.parser, bytes + offset, (int)n, last) != XML_STATUS_OK) {
			if (!r.failed) {
				XML_Size line = XML_GetCurrentLineNumber(r.parser);
				XML_Size column = XML_GetCurrentColumnNumber(r.parser);
				error_set(err, line > INT32_MAX ? INT32_MAX : (int)line,
					  column >= INT32_MAX ? INT32_MAX : (int)column + 1,
					  "malformed XML: %s",
					  XML_ErrorString(XML_GetErrorCode(r.parser)));
			}
			goto fail;
		}
		offset += n;
	} while (offset < len);
	if (!r.saw_root) {
		error_set(err, 1, 0, "not a %s schedule: no <schedule> element", format_name);
		goto fail;
	}
	if (!finish(&r))
		goto fail;
	XML_ParserFree(r.parser);
	free(r.text);
	free(r.timings);
	return r.agenda;
fail:
	if (r.parser)
		XML_ParserFree(r.parser);
	free(r.text);
	free(r.timings);
	agenda_destroy(r.agenda);
	return NULL;
}

struct agenda *feed_frab_xml_parse(const char *bytes, size_t len,
				   const struct feed_options *options, struct error *err)
{
	return parse_schedule(bytes, len, options, "frab", err);
}

struct agenda *feed_pentabarf_parse(const char *bytes, size_t len,
				    const struct feed_options *options, struct error *err)
{
	return parse_schedule(bytes, len, options, "Pentabarf", err);
}
