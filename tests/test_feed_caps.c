/*
 * test_feed_caps.c — one rule for every reader at the agenda's caps: a feed with one event
 * past AGENDA_MAX_EVENTS, or one room past AGENDA_MAX_ROOMS, keeps what fits and warns,
 * naming the line of the first event left out where the format has lines.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"
#include "feed.h"

struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = (t->len + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/*
 * A feed of n events, each in room "R<i % rooms>", starting at 2020-01-01 00:00 UTC, a
 * minute apart. *line is set to the line the last event starts on (0 for JSON).
 */
static void make(enum feed_format format, int n, int rooms, struct text *t, int *line)
{
	*line = 0;
	int lines = 0;
	switch (format) {
	case FEED_TEXT:
	case FEED_HTML:
		add(t, format == FEED_HTML ? "<p>2020-01-01</p>\n" : "2020-01-01\n");
		lines = 1;
		for (int i = 0; i < n; i++) {
			const char *f = format == FEED_HTML ? "<p>Room: R%d</p>\n<p>%02d:%02d - 23:59  "
							      "T%d</p>\n"
							    : "Room: R%d\n%02d:%02d - 23:59  T%d\n";
			add(t, f, i % rooms, i / 60 % 24, i % 60, i);
			lines += 2;
			*line = lines;
		}
		break;
	case FEED_CSV:
		add(t, "title,start,end,room\n");
		for (int i = 0; i < n; i++) {
			add(t, "T%d,2020-01-01 %02d:%02dZ,2020-01-01 23:59Z,R%d\n", i, i / 60 % 24,
			    i % 60, i % rooms);
			*line = i + 2;
		}
		break;
	case FEED_FRAB_XML:
	case FEED_PENTABARF:
		add(t, "<schedule><conference><title>C</title></conference>\n<day date='2020-01-01'>\n");
		lines = 2;
		for (int i = 0; i < n; i++) {
			add(t, "<room name='R%d'><event id='%d'%s><title>T%d</title><start>%02d:%02d"
			       "</start><duration>00:05</duration></event></room>\n",
			    i % rooms, i, format == FEED_FRAB_XML ? " guid=''" : "", i, i / 60 % 24,
			    i % 60);
			*line = ++lines;
		}
		add(t, "</day></schedule>\n");
		break;
	case FEED_FRAB_JSON:
		add(t, "{\"schedule\": {\"conference\": {\"title\": \"C\", \"days\": [{\"date\": "
		       "\"2020-01-01\", \"rooms\": {");
		for (int r = 0; r < rooms; r++) {
			add(t, "%s\"R%d\": [", r ? ", " : "", r);
			for (int i = r, first = 1; i < n; i += rooms, first = 0)
				add(t, "%s{\"title\": \"T%d\", \"date\": \"2020-01-01T%02d:%02d:00Z\", "
				       "\"duration\": \"00:05\"}", first ? "" : ", ", i, i / 60 % 24,
				    i % 60);
			add(t, "]");
		}
		add(t, "}}]}}}");
		break;
	case FEED_SESSIONIZE:
		add(t, "[{\"groupName\": \"All\", \"sessions\": [");
		for (int i = 0; i < n; i++)
			add(t, "%s{\"id\": \"%d\", \"title\": \"T%d\", \"startsAt\": "
			       "\"2020-01-01T%02d:%02d:00\", \"endsAt\": \"2020-01-01T23:59:00\", "
			       "\"room\": \"R%d\"}", i ? ", " : "", i, i, i / 60 % 24, i % 60, i % rooms);
		add(t, "]}]");
		break;
	case FEED_ICAL:
		add(t, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
		lines = 3;
		for (int i = 0; i < n; i++) {
			add(t, "BEGIN:VEVENT\r\nUID:u%d\r\nSUMMARY:T%d\r\nLOCATION:R%d\r\n"
			       "DTSTART:20200101T%02d%02d00Z\r\nDTEND:20200101T235900Z\r\nEND:VEVENT\r\n",
			    i, i, i % rooms, i / 60 % 24, i % 60);
			*line = lines + 1;
			lines += 7;
		}
		add(t, "END:VCALENDAR\r\n");
		break;
	default:
		break;
	}
}

static bool has_warning(const struct agenda *a, const char *needle, int line)
{
	for (size_t i = 0; i < a->n_warnings; i++)
		if (strstr(a->warnings[i].message, needle) && (line == 0 || a->warnings[i].line == line))
			return true;
	return false;
}

static void check_cap(const struct feed_options *options, enum feed_format format, int n,
		      int rooms, size_t events, size_t want_rooms, const char *needle)
{
	struct text t = {0};
	int line;
	make(format, n, rooms, &t, &line);
	struct error err = {0};
	enum feed_format detected;
	struct agenda *a = feed_parse(t.s, t.len, FEED_AUTO, options, &detected, &err);
	const char *name = feed_format_name(format);
	CHECK(detected == format, "%s: detected as %s", name, feed_format_name(detected));
	CHECK(a != NULL, "%s, %d events in %d rooms: refused: %d: %s", name, n, rooms, err.line,
	      err.message);
	if (a) {
		CHECK(a->n_events == events, "%s, %d events in %d rooms: %zu kept", name, n, rooms,
		      a->n_events);
		CHECK(a->n_rooms == want_rooms, "%s, %d events in %d rooms: %zu rooms", name, n,
		      rooms, a->n_rooms);
		CHECK(has_warning(a, needle, line), "%s, %d events in %d rooms: a warning \"%s\" "
		      "at line %d (first: %d: %s)", name, n, rooms, needle, line,
		      a->n_warnings ? a->warnings[0].line : 0,
		      a->n_warnings ? a->warnings[0].message : "none");
	}
	agenda_destroy(a);
	free(t.s);
}

int main(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct feed_options options = {.zone = utc};
	static const enum feed_format formats[] = {FEED_TEXT, FEED_CSV, FEED_FRAB_XML,
						   FEED_PENTABARF, FEED_FRAB_JSON, FEED_SESSIONIZE,
						   FEED_ICAL, FEED_HTML};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		check_cap(&options, formats[i], AGENDA_MAX_EVENTS + 1, 10, AGENDA_MAX_EVENTS, 10,
			  "more than 50000 sessions");
		check_cap(&options, formats[i], AGENDA_MAX_ROOMS + 1, AGENDA_MAX_ROOMS + 1,
			  AGENDA_MAX_ROOMS, AGENDA_MAX_ROOMS, "more than 1000 rooms");
	}
	tz_destroy(utc);
	return check_done();
}
