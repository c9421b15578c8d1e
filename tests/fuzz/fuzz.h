/*
 * fuzz.h — what every parser's fuzz target does with one input, and the invariants it
 * checks on whatever agenda comes out.
 *
 * fuzz_feed() runs the input through the parser directly (bytes exactly `size` long, not
 * NUL-terminated, so any read past the end shows under ASan), through feed_parse() with the
 * format named and with auto-detection, and then asks now/next of the result. A parser may
 * refuse any input; it must then say why. Whatever it accepts must keep agenda.h's promises
 * (strings set, capped and UTF-8, end >= start, rooms listed, counts under the caps); a broken
 * promise aborts, which libFuzzer reports as a crash with the input that caused it.
 */
#ifndef FOYER_FUZZ_H
#define FOYER_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "sched.h"
#include "tz.h"

#define FUZZ_REQUIRE(cond)                                                                 \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                           \
		}                                                                          \
	} while (0)

static void fuzz_check_string(const char *s)
{
	FUZZ_REQUIRE(s != NULL);
	FUZZ_REQUIRE(strlen(s) <= AGENDA_MAX_STRING);
	FUZZ_REQUIRE(agenda_utf8_valid(s, strlen(s)));	/* jansson takes it for the state */
}

static void fuzz_check_agenda(const struct agenda *a)
{
	FUZZ_REQUIRE(a->n_events <= AGENDA_MAX_EVENTS);
	FUZZ_REQUIRE(a->n_rooms <= AGENDA_MAX_ROOMS);
	FUZZ_REQUIRE(a->n_warnings <= AGENDA_MAX_WARNINGS);
	for (size_t i = 0; i < a->n_rooms; i++) {
		fuzz_check_string(a->rooms[i]);
		FUZZ_REQUIRE(agenda_room_index(a, a->rooms[i]) == (int)i);	/* distinct */
	}
	for (size_t i = 0; i < a->n_events; i++) {
		const struct event *ev = &a->events[i];
		fuzz_check_string(ev->id);
		fuzz_check_string(ev->title);
		fuzz_check_string(ev->subtitle);
		fuzz_check_string(ev->room);
		fuzz_check_string(ev->track);
		FUZZ_REQUIRE(agenda_room_index(a, ev->room) >= 0);
		FUZZ_REQUIRE(ev->end >= ev->start);
		FUZZ_REQUIRE(ev->n_speakers <= AGENDA_MAX_SPEAKERS);
		for (size_t s = 0; s < ev->n_speakers; s++)
			fuzz_check_string(ev->speakers[s]);
		FUZZ_REQUIRE(ev->status <= EVENT_MOVED);
	}
	for (size_t i = 0; i < a->n_warnings; i++)
		FUZZ_REQUIRE(memchr(a->warnings[i].message, '\0', sizeof a->warnings[i].message));
	if (a->n_events == 0)
		return;
	/* now/next must cope with whatever times the parser produced. */
	struct sched s;
	time_t t = a->events[a->n_events / 2].start;
	if (sched_now_next(a, NULL, 0, t, &s)) {
		FUZZ_REQUIRE(s.n_rooms == a->n_rooms);
		sched_finish(&s);
	}
	FUZZ_REQUIRE(sched_next_change(a, t) == 0 || sched_next_change(a, t) > t);
}

/* A parser's result: an agenda that keeps its promises, or NULL with a reason. */
static void fuzz_check_result(struct agenda *a, const struct error *err)
{
	if (a)
		fuzz_check_agenda(a);
	else
		FUZZ_REQUIRE(err->message[0] != '\0');
	agenda_destroy(a);
}

static int fuzz_feed(enum feed_format format, feed_parse_fn *parse, const uint8_t *data,
		     size_t size)
{
	static struct tz *utc;
	if (!utc)
		utc = tz_fixed("UTC", 0);
	FUZZ_REQUIRE(utc != NULL);
	struct feed_options options = {.zone = utc};
	const char *bytes = (const char *)data;
	struct error err;

	error_clear(&err);
	fuzz_check_result(parse(bytes, size, &options, &err), &err);

	/* A named format is used as named; auto uses what feed_detect() says. */
	enum feed_format detected = FEED_AUTO;
	struct agenda *agenda = feed_parse(bytes, size, format, &options, &detected, &err);
	FUZZ_REQUIRE(!agenda || detected == format);
	fuzz_check_result(agenda, &err);

	enum feed_format guess = feed_detect(bytes, size);
	FUZZ_REQUIRE(guess >= FEED_AUTO && guess < FEED_FORMAT_COUNT);
	detected = FEED_AUTO;
	agenda = feed_parse(bytes, size, FEED_AUTO, &options, &detected, &err);
	FUZZ_REQUIRE(!agenda || (detected == guess && guess != FEED_AUTO));
	fuzz_check_result(agenda, &err);
	return 0;
}

#endif
