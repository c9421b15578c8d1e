/*
 * test_agenda.c — the agenda model: string caps at UTF-8 boundaries, limits, merging, the
 * stable sort, and marking changes between two versions of a feed.
 */
#include <stdlib.h>

#include "agenda.h"
#include "check.h"

static struct event *add(struct agenda *a, const char *id, const char *room, time_t start,
			 time_t end)
{
	struct event *ev = agenda_add_event(a);
	ev->id = agenda_strdup(a, id);
	ev->title = agenda_strdup(a, id);
	ev->start = start;
	ev->end = end;
	agenda_set_room(a, ev, room);
	return ev;
}

static void test_strings(void)
{
	struct agenda *a = agenda_create();
	char *big = malloc(AGENDA_MAX_STRING + 10);
	memset(big, 'x', AGENDA_MAX_STRING + 10);
	/* a 3-byte character straddling the cap is dropped whole */
	memcpy(big + AGENDA_MAX_STRING - 1, "\xE2\x80\x93", 3);
	const char *s = agenda_strndup(a, big, AGENDA_MAX_STRING + 10);
	CHECK(strlen(s) == AGENDA_MAX_STRING - 1, "cut before the split character: %zu", strlen(s));
	memcpy(big + AGENDA_MAX_STRING - 3, "\xE2\x80\x93", 3);
	s = agenda_strndup(a, big, AGENDA_MAX_STRING + 10);
	CHECK(strlen(s) == AGENDA_MAX_STRING, "whole character kept: %zu", strlen(s));
	free(big);
	CHECK(!strcmp(agenda_strndup(a, "abc", 0), ""), "empty");
	agenda_destroy(a);
	agenda_destroy(NULL);
}

/* Bytes that start no well-formed UTF-8 character become U+FFFD, one each. */
static void test_utf8_repair(void)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{"plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\xA4", NULL},	/* valid: kept */
		{"\xE9t\xE9", "\xEF\xBF\xBDt\xEF\xBF\xBD"},			/* Latin-1 */
		{"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},			/* overlong '/' */
		{"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},	/* a surrogate */
		{"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"cut \xE2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},		/* a cut sequence */
	};
	struct agenda *a = agenda_create();
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const char *want = rows[i].out ? rows[i].out : rows[i].in;
		CHECK_STR(agenda_strdup(a, rows[i].in), want, "row %zu", i);
		CHECK(agenda_utf8_valid(rows[i].in, strlen(rows[i].in)) == !rows[i].out,
		      "row %zu: valid", i);
	}
	/* A room with an invalid name is one room however often it is named. */
	agenda_add_room(a, "Hall \xFF");
	agenda_add_room(a, "Hall \xFF");
	CHECK(a->n_rooms == 1 && !strcmp(a->rooms[0], "Hall \xEF\xBF\xBD"), "one room: %zu",
	      a->n_rooms);
	agenda_destroy(a);
}

static void test_limits_and_merge(void)
{
	struct agenda *a = agenda_create();
	size_t n = 0;
	while (agenda_add_event(a))
		n++;
	CHECK(n == AGENDA_MAX_EVENTS, "event cap %zu", n);
	agenda_destroy(a);

	a = agenda_create();
	struct event *ev = add(a, "1", "Hall", 100, 200);
	for (int i = 0; i < AGENDA_MAX_SPEAKERS; i++)
		CHECK(agenda_add_speaker(a, ev, "Ann", 3), "speaker %d", i);
	CHECK(!agenda_add_speaker(a, ev, "One too many", 12), "speaker cap");
	struct agenda *b = agenda_create();
	add(b, "2", "Side", 50, 60);
	add(b, "3", "Hall", 50, 60);
	CHECK(agenda_merge(a, b), "merge");
	CHECK(a->n_events == 3 && a->n_rooms == 2, "merged %zu events, %zu rooms", a->n_events,
	      a->n_rooms);
	CHECK(!strcmp(a->rooms[1], "Side"), "rooms keep first-seen order");
	struct agenda *c = agenda_clone(a);
	agenda_destroy(a);
	agenda_destroy(b);
	CHECK(c->n_events == 3 && c->events[0].n_speakers == AGENDA_MAX_SPEAKERS, "clone is deep");
	CHECK(agenda_sort(c), "sort");
	CHECK(!strcmp(c->events[0].id, "2") && !strcmp(c->events[1].id, "3"), "stable: feed order "
	      "breaks the tie");
	agenda_destroy(c);
}

static void test_mark_changes(void)
{
	struct agenda *v1 = agenda_create();
	add(v1, "same", "Hall", 100, 200);
	add(v1, "later", "Hall", 300, 400);
	add(v1, "moved", "Hall", 500, 600);
	add(v1, "", "Hall", 700, 800);
	struct agenda *v2 = agenda_create();
	add(v2, "same", "Hall", 100, 200);
	add(v2, "later", "Hall", 330, 430);
	add(v2, "moved", "Side", 500, 600);
	add(v2, "", "Hall", 710, 800);	/* no id: cannot be matched */
	add(v2, "new", "Hall", 900, 1000);
	CHECK(agenda_mark_changes(v2, v1), "mark");
	const char *want[] = {"scheduled", "changed", "moved", "scheduled", "scheduled"};
	for (size_t i = 0; i < 5; i++)
		CHECK(!strcmp(event_status_name(v2->events[i].status), want[i]), "v2 event %zu: %s", i,
		      event_status_name(v2->events[i].status));
	/* v3 repeats v2: the marks stick */
	struct agenda *v3 = agenda_clone(v2);
	for (size_t i = 0; i < v3->n_events; i++)
		v3->events[i].status = EVENT_SCHEDULED;
	v3->events[2].status = EVENT_CANCELLED;
	agenda_mark_changes(v3, v2);
	CHECK(v3->events[1].status == EVENT_CHANGED, "changed sticks");
	CHECK(v3->events[2].status == EVENT_CANCELLED, "cancelled wins");
	CHECK(agenda_mark_changes(v3, NULL), "no previous version");
	agenda_destroy(v1);
	agenda_destroy(v2);
	agenda_destroy(v3);
}

int main(void)
{
	test_strings();
	test_utf8_repair();
	test_limits_and_merge();
	test_mark_changes();
	return check_done();
}
