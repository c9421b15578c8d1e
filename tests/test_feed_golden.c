/*
 * test_feed_golden.c — a real feed against its golden expectations (tests/data/NAME.expected).
 *
 * Usage: test_feed_golden NAME.expected. The file names a feed under TEST_SHARED_DIR, the
 * venue zone, the format auto-detection must find, the event and room counts, the room list,
 * and then blocks of "at TIME ROOM" followed by the events now and next in that room, each
 * checked by hand in the feed. Exits 77 (skipped) with a message when the feed is absent.
 *
 *   feed frab-xml/31c3-schedule.xml
 *   zone Europe/Berlin
 *   format frab-xml
 *   events 138
 *   rooms Saal 1|Saal 2|Saal G|Saal 6
 *   warnings 0
 *   at 2014-12-27T11:15 Saal 1
 *   now 2014-12-27 11:00-11:30 scheduled 29aecfd7-... 31C3 Opening Event
 *   next 2014-12-27 11:30-12:30 scheduled 8c4e647f-... 31C3 Keynote
 *
 * Times are venue local; "now -" and "next -" say there is none.
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"
#include "sched.h"
#include "tz.h"

#define MAX_LINES 2000

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *bytes = malloc((size_t)size + 1);
	*len = fread(bytes, 1, (size_t)size, f);
	bytes[*len] = '\0';
	fclose(f);
	return bytes;
}

/* "now 2014-12-27 11:00-11:30 scheduled ID TITLE" for one event. */
static void describe(const char *what, const struct event *ev, const struct tz *zone,
		     char *out, size_t size)
{
	struct civil s, e;
	tz_to_local(zone, ev->start, &s);
	tz_to_local(zone, ev->end, &e);
	snprintf(out, size, "%s %04d-%02d-%02d %02d:%02d-%02d:%02d %s %s %s\n", what, s.year,
		 s.month, s.day, s.hour, s.minute, e.hour, e.minute, event_status_name(ev->status),
		 ev->id, ev->title);
}

static void append(char *buf, size_t size, const char *line)
{
	size_t used = strlen(buf);
	snprintf(buf + used, size - used, "%s", line);
}

/* The now/next block for one room at one instant, as the expected file writes it. */
static void now_next(const struct agenda *a, const struct tz *zone, time_t t, const char *room,
		     char *out, size_t size)
{
	out[0] = '\0';
	struct sched s;
	if (!sched_now_next(a, &room, 1, t, &s)) {
		append(out, size, "sched failed\n");
		return;
	}
	char line[1024];
	if (!s.rooms[0].n_now)
		append(out, size, "now -\n");
	for (size_t i = 0; i < s.rooms[0].n_now; i++) {
		describe("now", s.rooms[0].now[i], zone, line, sizeof line);
		append(out, size, line);
	}
	if (!s.rooms[0].n_next)
		append(out, size, "next -\n");
	for (size_t i = 0; i < s.rooms[0].n_next; i++) {
		describe("next", s.rooms[0].next[i], zone, line, sizeof line);
		append(out, size, line);
	}
	sched_finish(&s);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s NAME.expected\n", argv[0]);
		return 2;
	}
	size_t len;
	char *expected = read_file(argv[1], &len);
	if (!expected) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 1;
	}
	char *lines[MAX_LINES];
	size_t n_lines = 0;
	for (char *save = NULL, *l = strtok_r(expected, "\n", &save); l && n_lines < MAX_LINES;
	     l = strtok_r(NULL, "\n", &save))
		if (l[0] != '#' && l[0] != '\0')
			lines[n_lines++] = l;

	struct tz *zone = NULL;
	struct agenda *agenda = NULL;
	char *feed = NULL;
	const char *feed_name = "";
	for (size_t i = 0; i < n_lines; i++) {
		char *l = lines[i], *arg = strchr(l, ' ');
		arg = arg ? arg + 1 : l + strlen(l);
		if (!strncmp(l, "feed ", 5)) {
			char path[1024];
			snprintf(path, sizeof path, "%s/feeds/%s", TEST_SHARED_DIR, arg);
			feed = read_file(path, &len);
			if (!feed) {
				printf("skipped: %s is not there (the shared folder holds the real "
				       "feeds)\n", path);
				free(expected);
				return 77;
			}
			feed_name = arg;
		} else if (!strncmp(l, "zone ", 5)) {
			zone = tz_load(arg, NULL);
			CHECK(zone != NULL, "zone %s", arg);
			if (!zone)
				break;
		} else if (!strncmp(l, "format ", 7)) {
			CHECK(feed && zone, "%s: 'feed' and 'zone' come before 'format'", argv[1]);
			if (!feed || !zone)
				break;
			struct feed_options options = {.zone = zone};
			struct error err = {0};
			enum feed_format detected = FEED_AUTO;
			agenda = feed_parse(feed, len, FEED_AUTO, &options, &detected, &err);
			CHECK(agenda != NULL, "%s: %d:%d: %s", feed_name, err.line, err.column,
			      err.message);
			CHECK_STR(feed_format_name(detected), arg, "%s: detected format", feed_name);
			if (!agenda)
				break;
		} else if (!agenda) {
			CHECK(false, "%s: '%s' before 'format'", argv[1], l);
			break;
		} else if (!strncmp(l, "events ", 7)) {
			CHECK(agenda->n_events == (size_t)atol(arg), "%s: %zu events, want %s",
			      feed_name, agenda->n_events, arg);
		} else if (!strncmp(l, "warnings ", 9)) {
			CHECK(agenda->n_warnings == (size_t)atol(arg), "%s: %zu warnings (first: %s), "
			      "want %s", feed_name, agenda->n_warnings,
			      agenda->n_warnings ? agenda->warnings[0].message : "", arg);
		} else if (!strncmp(l, "rooms ", 6)) {
			char got[4096] = "";
			for (size_t r = 0; r < agenda->n_rooms; r++) {
				append(got, sizeof got, r ? "|" : "");
				append(got, sizeof got, agenda->rooms[r]);
			}
			CHECK_STR(got, arg, "%s: rooms", feed_name);
		} else if (!strncmp(l, "at ", 3)) {
			char *room = strchr(arg, ' ');
			struct civil c;
			bool has_offset;
			int offset;
			CHECK(room && civil_parse_iso(arg, &c, &has_offset, &offset), "bad line '%s'", l);
			if (!room)
				continue;
			*room++ = '\0';
			time_t t;
			tz_to_utc(zone, &c, &t);
			char want[8192] = "", got[8192];
			while (i + 1 < n_lines && (!strncmp(lines[i + 1], "now ", 4) ||
						   !strncmp(lines[i + 1], "next ", 5))) {
				append(want, sizeof want, lines[++i]);
				append(want, sizeof want, "\n");
			}
			now_next(agenda, zone, t, room, got, sizeof got);
			CHECK_STR(got, want, "%s: room '%s' at %s", feed_name, room, arg);
		} else {
			CHECK(false, "%s: unknown line '%s'", argv[1], l);
		}
	}
	CHECK(agenda != NULL, "%s: no feed was parsed", argv[1]);
	agenda_destroy(agenda);
	tz_destroy(zone);
	free(feed);
	free(expected);
	return check_done();
}
