/*
 * test_alias.c — room aliases: parsing "Feed name -> Screen name", matching, renaming an
 * agenda's rooms (merging, feed order, events, no chaining), and feed_parse() applying them.
 */
#include <stdlib.h>

#include "alias.h"
#include "check.h"
#include "feed.h"
#include "tz.h"

static void test_parse(void)
{
	static const struct {
		const char *text;
		const char *feed, *screen;	/* NULL: must fail */
		int column;
		const char *error;
	} rows[] = {
		{"Saal 1 -> Hall One", "Saal 1", "Hall One", 0, NULL},
		{"  Saal 1->Hall One  ", "Saal 1", "Hall One", 0, NULL},
		{"A -> B -> C", "A -> B", "C", 0, NULL},
		{"Salle Zoé -> Zoé", "Salle Zoé", "Zoé", 0, NULL},
		{"Saal 1 = Hall One", NULL, NULL, 0, "has no '->'"},
		{"", NULL, NULL, 0, "has no '->'"},
		{" -> Hall", NULL, NULL, 2, "a name on both sides"},
		{"Saal 1 ->  ", NULL, NULL, 8, "a name on both sides"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct alias alias = {0};
		struct error err = {0};
		bool ok = alias_parse(rows[i].text, &alias, &err);
		if (rows[i].feed) {
			CHECK(ok, "'%s': %s", rows[i].text, err.message);
			if (ok) {
				CHECK_STR(alias.feed, rows[i].feed, "'%s' feed", rows[i].text);
				CHECK_STR(alias.screen, rows[i].screen, "'%s' screen", rows[i].text);
			}
		} else {
			CHECK(!ok && alias.feed == NULL, "'%s' must fail", rows[i].text);
			CHECK(strstr(err.message, rows[i].error) != NULL && err.column == rows[i].column,
			      "'%s': %d '%s'", rows[i].text, err.column, err.message);
		}
		alias_finish(&alias);
	}
	alias_finish(NULL);
}

static void test_matches(void)
{
	static const struct {
		const char *a, *b;
		bool match;
	} rows[] = {
		{"Saal 1", "Saal 1", true},	{"Saal 1", "saal 1", true},
		{"Saal 1", " Saal  1 ", true},	{"Saal 1", "Saal\t1", true},
		{"Saal 1", "Saal1", false},	{"Saal 1", "Saal 10", false},
		{"Saal 10", "Saal 1", false},	{"Saal", "", false},
		{"K.1.105", "k.1.105", true},	{"Zoé", "ZOÉ", false},	/* ASCII case only */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		CHECK(alias_matches(rows[i].a, rows[i].b) == rows[i].match, "'%s' vs '%s'",
		      rows[i].a, rows[i].b);
		CHECK(alias_matches(rows[i].b, rows[i].a) == rows[i].match, "'%s' vs '%s'",
		      rows[i].b, rows[i].a);
	}
}

static void add(struct agenda *a, const char *room, const char *title)
{
	struct event *ev = agenda_add_event(a);
	ev->title = agenda_strdup(a, title);
	agenda_set_room(a, ev, room);
}

static void expect_rooms(const struct agenda *a, const char *want, const char *what)
{
	char got[256] = "";
	for (size_t i = 0; i < a->n_rooms; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "|" : "",
			 a->rooms[i]);
	CHECK_STR(got, want, "%s", what);
}

static void expect_events(const struct agenda *a, const char *want, const char *what)
{
	char got[256] = "";
	for (size_t i = 0; i < a->n_events; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s@%s", i ? "|" : "",
			 a->events[i].title, a->events[i].room);
	CHECK_STR(got, want, "%s", what);
}

static void test_apply(void)
{
	struct agenda *a = agenda_create();
	add(a, "Saal 1", "t1");
	add(a, "Lobby", "t2");
	add(a, "saal one", "t3");
	add(a, "Saal 2", "t4");
	add(a, "", "t5");
	agenda_add_room(a, "Workshop room (2nd floor)");
	struct alias aliases[] = {
		{"Saal 1", "Hall 1"},
		{"Saal One", "Hall 1"},			/* two feed names, one screen room */
		{"Saal 2", "Saal 1"},			/* not chained into Hall 1 */
		{"Workshop room (2nd floor)", "Workshop"},
		{"Saal 1", "never used: the first alias wins"},
	};
	CHECK(alias_apply(a, NULL, 0), "no aliases");
	expect_rooms(a, "Saal 1|Lobby|saal one|Saal 2||Workshop room (2nd floor)", "untouched");
	CHECK(alias_apply(a, aliases, sizeof aliases / sizeof aliases[0]), "apply");
	expect_rooms(a, "Hall 1|Lobby|Saal 1||Workshop", "rooms renamed and merged");
	expect_events(a, "t1@Hall 1|t2@Lobby|t3@Hall 1|t4@Saal 1|t5@", "events renamed");
	for (size_t i = 0; i < a->n_events; i++)
		CHECK(agenda_room_index(a, a->events[i].room) >= 0, "event %zu's room is listed", i);
	/* Rooms keep growing after a merge shrank the list. */
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof name, "R%d", i);
		add(a, name, "x");
	}
	CHECK(a->n_rooms == 45, "%zu rooms after adding", a->n_rooms);
	agenda_destroy(a);
}

/* feed_parse() applies the options' aliases to whatever the parser read. */
static void test_feed_parse(void)
{
	static const char xml[] =
		"<schedule><day date='2020-07-01'><room name='Saal One'>"
		"<event id='1'><start>10:00</start><duration>01:00</duration><title>a</title></event>"
		"</room><room name='Saal 2'>"
		"<event id='2'><start>09:00</start><duration>01:00</duration><title>b</title></event>"
		"</room></day></schedule>";
	struct alias aliases[] = {{"saal one", "Saal 1"}};
	struct tz *utc = tz_fixed("UTC", 0);
	struct feed_options options = {.zone = utc, .aliases = aliases, .n_aliases = 1};
	struct error err = {0};
	struct agenda *a = feed_parse(xml, sizeof xml - 1, FEED_AUTO, &options, NULL, &err);
	CHECK(a != NULL, "parse: %s", err.message);
	if (a) {
		expect_rooms(a, "Saal 1|Saal 2", "feed_parse renames rooms");
		expect_events(a, "b@Saal 2|a@Saal 1", "sorted after renaming");
	}
	agenda_destroy(a);
	tz_destroy(utc);
}

int main(void)
{
	test_feed_parse();
	test_parse();
	test_matches();
	test_apply();
	return check_done();
}
