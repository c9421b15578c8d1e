/*
 * feed_test.h — helpers for the feed parser tests: read a file, parse it in a venue zone,
 * and compare what sched says is now and next in a room with an expected text.
 *
 * An event is written as "START/END TITLE" in venue time ("2020-12-27T13:00/2020-12-27T15:00
 * Ethical Hackers"), with " (cancelled)" when it is; a list is those lines joined by "\n".
 *
 * Golden files (tests/data/feeds/NAME.expected) are lines of directives:
 *
 *   # a comment
 *   file feeds/frab-json/pretalx-rc3.json     the feed, relative to TEST_SHARED_DIR
 *   data feeds/html/reform-2018-12-10.html    or a feed of the project's, relative to
 *                                             TEST_DATA_DIR (never skipped)
 *   zone Europe/Berlin                        the venue zone (--timezone)
 *   format frab-json                          the detected format
 *   events 48                                 event count
 *   sessions 46                               count of events that are not all-day
 *   rooms 5                                   room count (every room, "" included)
 *   room 1 r3s - Monheim/Rhein                the n-th room (1-based) in feed order ("" = -)
 *   warnings 0                                warning count
 *   at 2020-12-27T13:30 r3s - Monheim/Rhein   an instant (venue time) and a room ("" = -)
 *   now START/END TITLE                       ...then every event now in that room
 *   next START/END TITLE                      ...and every event next
 *
 * An "at" block with no "now" (or "next") lines expects an empty list. sched is asked for
 * every room of the agenda, so events without a room are in the room "" (written "-").
 */
#ifndef FOYER_FEED_TEST_H
#define FOYER_FEED_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "feed.h"
#include "sched.h"
#include "tz.h"

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static inline char *feed_test_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *data = malloc(cap + 1);
	size_t got;
	while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *grown = realloc(data, cap * 2 + 1);
			if (!grown) {
				free(data);
				data = NULL;
				break;
			}
			data = grown;
			cap *= 2;
		}
	}
	fclose(f);
	if (data)
		data[n] = '\0';
	*len = n;
	return data;
}

/* Parses a feed text (a NUL-terminated literal) in the given format and venue zone. */
static inline struct agenda *feed_test_parse(const char *text, size_t len, enum feed_format format,
				      const struct tz *zone, enum feed_format *detected,
				      struct error *err)
{
	struct feed_options options = {.zone = zone};
	return feed_parse(text, len, format, &options, detected, err);
}

/* "2020-12-27T13:30" in venue time (or with an offset) as an instant; 0 when invalid. */
static inline time_t feed_test_at(const char *text, const struct tz *zone)
{
	struct civil c;
	bool has_offset;
	int offset;
	if (!civil_parse_iso(text, &c, &has_offset, &offset))
		return 0;
	if (has_offset)
		return (time_t)(civil_to_seconds(&c) - offset);
	time_t t;
	tz_to_utc(zone, &c, &t);
	return t;
}

static inline void feed_test_local(time_t t, const struct tz *zone, char out[20])
{
	struct civil c;
	tz_to_local(zone, t, &c);
	char full[32];	/* room for any int gcc can imagine; the reading always fits 16 */
	snprintf(full, sizeof full, "%04d-%02d-%02dT%02d:%02d", c.year % 10000, c.month % 100, c.day % 100,
		 c.hour % 100, c.minute % 100);
	memcpy(out, full, 19);
	out[19] = '\0';
}

/* Appends "START/END TITLE" lines for a list of events to out. */
static inline void feed_test_describe(const struct event *const *list, size_t n, const struct tz *zone,
			       char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char start[20], end[20];
		feed_test_local(list[i]->start, zone, start);
		feed_test_local(list[i]->end, zone, end);
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s/%s %s%s", i ? "\n" : "", start, end,
			 list[i]->title, list[i]->status == EVENT_CANCELLED ? " (cancelled)" : "");
	}
}

/*
 * What is now and next in room at the instant `at` (venue time), as two texts. False when
 * the room is not in the agenda.
 */
static inline bool feed_test_now_next(const struct agenda *agenda, const struct tz *zone, time_t at,
			       const char *room, char *now, char *next, size_t size)
{
	struct sched sched;
	if (!sched_now_next(agenda, NULL, 0, at, &sched))
		return false;
	bool found = false;
	for (size_t i = 0; i < sched.n_rooms; i++) {
		if (strcmp(sched.rooms[i].room, room))
			continue;
		feed_test_describe(sched.rooms[i].now, sched.rooms[i].n_now, zone, now, size);
		feed_test_describe(sched.rooms[i].next, sched.rooms[i].n_next, zone, next, size);
		found = true;
	}
	sched_finish(&sched);
	return found;
}

#define FEED_TEST_LIST 8192

/*
 * One row of a parser's table test: a feed text in, what the parse must give out. `events`
 * lists every event (after feed_parse's sort) as "START/END TITLE" lines in venue time;
 * `fields` describes the first event as
 * "id=...|room=...|subtitle=...|track=...|speakers=A;B|status=...|flags=all_day,everywhere".
 * An error row gives `error` (a part of the message) and the line and column it must name.
 */
struct feed_row {
	const char *name;
	enum feed_format format;
	const char *zone;	/* the venue zone; NULL = UTC */
	const char *text;
	const char *events;	/* NULL: not checked */
	const char *fields;	/* NULL: not checked */
	int warnings;		/* -1: not checked */
	const char *warning;	/* a part of some warning; NULL: not checked */
	int warning_line;	/* the line that warning names; 0: not checked */
	size_t n_events;	/* how many events; 0: not checked */
	const char *error;	/* NULL: the parse must succeed */
	int line, column;
};

static inline void feed_test_fields(const struct event *ev, char *out, size_t size)
{
	char speakers[1024] = "";
	for (size_t i = 0; i < ev->n_speakers; i++) {
		size_t used = strlen(speakers);
		snprintf(speakers + used, sizeof speakers - used, "%s%s", i ? ";" : "",
			 ev->speakers[i]);
	}
	snprintf(out, size, "id=%s|room=%s|subtitle=%s|track=%s|speakers=%s|status=%s|flags=%s%s%s",
		 ev->id, ev->room, ev->subtitle, ev->track, speakers,
		 event_status_name(ev->status), ev->all_day ? "all_day" : "",
		 ev->all_day && ev->everywhere ? "," : "", ev->everywhere ? "everywhere" : "");
}

static inline void feed_test_row(const struct feed_row *row)
{
	struct error err;
	struct tz *zone = row->zone ? tz_load(row->zone, &err) : tz_fixed("UTC", 0);
	CHECK(zone != NULL, "%s: zone %s", row->name, row->zone);
	if (!zone)
		return;
	struct agenda *agenda = feed_test_parse(row->text, strlen(row->text), row->format, zone,
						NULL, &err);
	if (row->error) {
		CHECK(agenda == NULL, "%s: parsed, but should fail with \"%s\"", row->name,
		      row->error);
		CHECK(strstr(err.message, row->error) != NULL, "%s: error \"%s\", want \"%s\"",
		      row->name, err.message, row->error);
		CHECK(err.line == row->line && err.column == row->column,
		      "%s: error at %d:%d, want %d:%d", row->name, err.line, err.column,
		      row->line, row->column);
	} else {
		CHECK(agenda != NULL, "%s: %d:%d: %s", row->name, err.line, err.column,
		      err.message);
	}
	if (agenda) {
		static char got[FEED_TEST_LIST];
		if (row->events) {
			const struct event *list[64];
			size_t n = agenda->n_events < 64 ? agenda->n_events : 64;
			for (size_t i = 0; i < n; i++)
				list[i] = &agenda->events[i];
			feed_test_describe(list, n, zone, got, sizeof got);
			CHECK_STR(got, row->events, "%s: events", row->name);
		}
		if (row->fields && agenda->n_events) {
			feed_test_fields(&agenda->events[0], got, sizeof got);
			CHECK_STR(got, row->fields, "%s: first event", row->name);
		}
		if (row->warnings >= 0)
			CHECK(agenda->n_warnings == (size_t)row->warnings,
			      "%s: %zu warnings, want %d (first: %s)", row->name, agenda->n_warnings,
			      row->warnings, agenda->n_warnings ? agenda->warnings[0].message : "");
		if (row->warning) {
			const struct agenda_warning *found = NULL;
			for (size_t i = 0; i < agenda->n_warnings && !found; i++)
				if (strstr(agenda->warnings[i].message, row->warning))
					found = &agenda->warnings[i];
			CHECK(found, "%s: no warning with \"%s\" (first: %s)", row->name,
			      row->warning, agenda->n_warnings ? agenda->warnings[0].message : "");
			if (found && row->warning_line)
				CHECK(found->line == row->warning_line, "%s: warning on line %d, want %d",
				      row->name, found->line, row->warning_line);
		}
		if (row->n_events)
			CHECK(agenda->n_events == row->n_events, "%s: %zu events, want %zu",
			      row->name, agenda->n_events, row->n_events);
	}
	agenda_destroy(agenda);
	tz_destroy(zone);
}

struct feed_golden {
	const char *path;
	const char *feed_path;	/* for messages: the feed, else the golden file */
	int line;
	struct tz *zone;
	struct agenda *agenda;
	char at_text[64], room[256];
	bool in_at;
	char now[FEED_TEST_LIST], next[FEED_TEST_LIST];	/* expected */
};

static inline void feed_golden_append(char *list, const char *line)
{
	size_t used = strlen(list);
	snprintf(list + used, FEED_TEST_LIST - used, "%s%s", used ? "\n" : "", line);
}

/* Compares the pending "at" block, if any, with what sched says. */
static inline void feed_golden_flush(struct feed_golden *g)
{
	if (!g->in_at)
		return;
	g->in_at = false;
	static char now[FEED_TEST_LIST], next[FEED_TEST_LIST];
	time_t at = feed_test_at(g->at_text, g->zone);
	CHECK(at != 0, "%s: bad instant %s", g->path, g->at_text);
	bool found = feed_test_now_next(g->agenda, g->zone, at, g->room, now, next, sizeof now);
	CHECK(found, "%s: at %s: no room \"%s\"", g->path, g->at_text, g->room);
	if (!found)
		return;
	CHECK_STR(now, g->now, "%s: now at %s in \"%s\"", g->feed_path, g->at_text, g->room);
	CHECK_STR(next, g->next, "%s: next at %s in \"%s\"", g->feed_path, g->at_text, g->room);
}

/*
 * Runs one golden file. Returns 77 (skip) when the feed it names is not in
 * TEST_SHARED_DIR, else 0 (failures are counted by CHECK). With feed_path, that feed is
 * read instead of the golden file's "file" (the round trip: one expectation, many feeds).
 */
static inline int feed_test_golden(const char *expected_path, const char *feed_path)
{
	size_t len;
	char *text = feed_test_read(expected_path, &len);
	CHECK(text != NULL, "cannot read %s", expected_path);
	if (!text)
		return 0;
	struct feed_golden g = {.path = expected_path,
				.feed_path = feed_path ? feed_path : expected_path};
	char *feed = NULL, *save = NULL;
	size_t feed_len = 0;
	enum feed_format detected = FEED_AUTO;
	int status = 0;
	if (feed_path) {
		feed = feed_test_read(feed_path, &feed_len);
		CHECK(feed != NULL, "cannot read %s", feed_path);
	}
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		g.line++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *arg = strchr(line, ' ');
		if (arg)
			*arg++ = '\0';
		else
			arg = line + strlen(line);
		if (!strcmp(line, "file") || !strcmp(line, "data")) {
			if (feed_path)
				continue;
			bool ours = !strcmp(line, "data");
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", ours ? TEST_DATA_DIR : TEST_SHARED_DIR, arg);
			feed = feed_test_read(path, &feed_len);
			CHECK(feed || !ours, "cannot read %s", path);
			if (!feed && ours)
				break;
			if (!feed) {
				printf("skipped: %s is not there (TEST_SHARED_DIR)\n", path);
				status = 77;
				break;
			}
		} else if (!strcmp(line, "zone")) {
			struct error err;
			g.zone = tz_load(arg, &err);
			CHECK(g.zone != NULL, "%s: zone %s: %s", expected_path, arg, err.message);
			struct error perr = {0};
			g.agenda = feed && g.zone ? feed_test_parse(feed, feed_len, FEED_AUTO, g.zone,
								    &detected, &perr)
						  : NULL;
			CHECK(g.agenda != NULL, "%s: %d:%d: %s", expected_path, perr.line,
			      perr.column, perr.message);
			if (!g.agenda)
				break;
		} else if (!g.agenda) {
			CHECK(false, "%s:%d: \"file\" and \"zone\" come first", expected_path, g.line);
			break;
		} else if (!strcmp(line, "format")) {
			CHECK_STR(feed_format_name(detected), arg, "%s: format", expected_path);
		} else if (!strcmp(line, "sessions")) {
			size_t sessions = 0;
			for (size_t i = 0; i < g.agenda->n_events; i++)
				sessions += !g.agenda->events[i].all_day;
			CHECK(sessions == strtoul(arg, NULL, 10), "%s: %zu sessions, want %s",
			      feed_path ? feed_path : expected_path, sessions, arg);
		} else if (!strcmp(line, "events")) {
			CHECK(g.agenda->n_events == strtoul(arg, NULL, 10), "%s: %zu events, want %s",
			      expected_path, g.agenda->n_events, arg);
		} else if (!strcmp(line, "rooms")) {
			CHECK(g.agenda->n_rooms == strtoul(arg, NULL, 10), "%s: %zu rooms, want %s",
			      expected_path, g.agenda->n_rooms, arg);
		} else if (!strcmp(line, "warnings")) {
			CHECK(g.agenda->n_warnings == strtoul(arg, NULL, 10),
			      "%s: %zu warnings, want %s (first: %s)", expected_path,
			      g.agenda->n_warnings, arg,
			      g.agenda->n_warnings ? g.agenda->warnings[0].message : "");
		} else if (!strcmp(line, "room")) {
			char *name = strchr(arg, ' ');
			size_t index = strtoul(arg, NULL, 10);
			CHECK(name && index >= 1 && index <= g.agenda->n_rooms,
			      "%s:%d: no room %zu", expected_path, g.line, index);
			if (name && index >= 1 && index <= g.agenda->n_rooms)
				CHECK_STR(g.agenda->rooms[index - 1],
					  strcmp(name + 1, "-") ? name + 1 : "", "%s:%d: room %zu",
					  expected_path, g.line, index);
		} else if (!strcmp(line, "at")) {
			feed_golden_flush(&g);
			char *room = strchr(arg, ' ');
			if (room)
				*room++ = '\0';
			snprintf(g.at_text, sizeof g.at_text, "%s", arg);
			snprintf(g.room, sizeof g.room, "%s",
				 !room || !strcmp(room, "-") ? "" : room);
			g.now[0] = g.next[0] = '\0';
			g.in_at = true;
		} else if (!strcmp(line, "now") && g.in_at) {
			feed_golden_append(g.now, arg);
		} else if (!strcmp(line, "next") && g.in_at) {
			feed_golden_append(g.next, arg);
		} else {
			CHECK(false, "%s:%d: unknown directive \"%s\"", expected_path, g.line, line);
		}
	}
	feed_golden_flush(&g);
	agenda_destroy(g.agenda);
	tz_destroy(g.zone);
	free(feed);
	free(text);
	return status;
}

#endif
