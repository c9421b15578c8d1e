/*
 * test_fleet.c — the fleet's documents: a screen's status from its state JSON (a table of
 * states -> status), when a status is due again, and the desk's --screens table.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fleet.h"

struct status_row {
	const char *name;
	const char *state;	/* the state JSON (the parts the status reads) */
	struct fleet_status_info info;
	const char *want;	/* the status, compact with sorted keys */
};

static const struct status_row status_rows[] = {
	{"one room, one session on",
	 "{\"slide\": \"now-next\", \"feed\": {\"stale\": false, \"error\": null},"
	 " \"rooms\": [{\"room\": \"Main hall\", \"now\": [{\"title\": \"Keynote\"}], \"next\": []}],"
	 " \"override\": null}",
	 {.name = "hall-a", .version = "1.0", .uptime_s = 60, .feed_age_s = 42},
	 "{\"error\":\"\",\"feed\":{\"age_s\":42,\"stale\":false},\"name\":\"hall-a\","
	 "\"now\":[{\"room\":\"Main hall\",\"title\":\"Keynote\"}],\"online\":true,"
	 "\"rooms\":[\"Main hall\"],\"slide\":\"now-next\",\"uptime_s\":60,\"version\":\"1.0\"}"},
	{"the override file's error before the feed's",
	 "{\"slide\": \"emergency\", \"feed\": {\"stale\": true, \"error\": \"feed: timed out\"},"
	 " \"rooms\": [{\"room\": \"A\", \"now\": []}, {\"room\": \"B\", \"now\": []}],"
	 " \"override\": {\"error\": \"override.conf:3: bad time\"}}",
	 {.name = "s1", .version = "1.0", .uptime_s = 5, .feed_age_s = -1},
	 "{\"error\":\"override.conf:3: bad time\",\"feed\":{\"age_s\":-1,\"stale\":true},"
	 "\"name\":\"s1\",\"now\":[],\"online\":true,\"rooms\":[\"A\",\"B\"],"
	 "\"slide\":\"emergency\",\"uptime_s\":5,\"version\":\"1.0\"}"},
	{"the feed's error, and the caller's before both",
	 "{\"slide\": \"rooms\", \"feed\": {\"stale\": false, \"error\": \"feed: HTTP 500\"},"
	 " \"rooms\": []}",
	 {.name = "s2", .version = "1.0", .feed_age_s = 0, .error = "foyer/v/override:1: bad"},
	 "{\"error\":\"foyer/v/override:1: bad\",\"feed\":{\"age_s\":0,\"stale\":false},"
	 "\"name\":\"s2\",\"now\":[],\"online\":true,\"rooms\":[],\"slide\":\"rooms\","
	 "\"uptime_s\":0,\"version\":\"1.0\"}"},
	{"an empty state",
	 "{}",
	 {.name = "s3", .version = "1.0", .feed_age_s = -1},
	 "{\"error\":\"\",\"feed\":{\"age_s\":-1,\"stale\":false},\"name\":\"s3\",\"now\":[],"
	 "\"online\":true,\"rooms\":[],\"slide\":\"\",\"uptime_s\":0,\"version\":\"1.0\"}"},
};

static void test_status(void)
{
	for (size_t i = 0; i < sizeof status_rows / sizeof *status_rows; i++) {
		const struct status_row *r = &status_rows[i];
		json_error_t error;
		json_t *state = json_loads(r->state, 0, &error);
		CHECK(state != NULL, "%s: %s", r->name, error.text);
		json_t *status = fleet_status_json(state, &r->info);
		char *got = status ? json_dumps(status, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		CHECK_STR(got, r->want, "%s", r->name);
		free(got);
		json_decref(status);
		json_decref(state);
	}
}

/* Published on a change or after a minute; not for the uptime or the feed's age alone. */
static void test_due(void)
{
	struct fleet_status_memory mem = {0};
	json_t *state = json_loads("{\"slide\": \"now-next\", \"rooms\": []}", 0, NULL);
	struct fleet_status_info info = {.name = "s", .version = "1", .feed_age_s = 1};
	json_t *a = fleet_status_json(state, &info);
	info.uptime_s = 30;
	info.feed_age_s = 31;
	json_t *b = fleet_status_json(state, &info);
	info.error = "x";
	json_t *c = fleet_status_json(state, &info);
	CHECK(fleet_status_due(&mem, a, 1000), "the first status is due");
	CHECK(!fleet_status_due(&mem, a, 2000), "the same status is not due again");
	CHECK(!fleet_status_due(&mem, b, 30000), "the uptime and feed age alone do not count");
	CHECK(fleet_status_due(&mem, c, 31000), "a new error is due at once");
	CHECK(!fleet_status_due(&mem, c, 90000), "59 s later: not yet");
	CHECK(fleet_status_due(&mem, c, 91000), "a minute later: due");
	fleet_status_memory_finish(&mem);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(state);
}

static void test_screens_format(void)
{
	json_t *statuses = json_loads(
		"[{\"name\": \"s2\", \"online\": false},"
		" {\"name\": \"s1\", \"online\": true, \"rooms\": [\"A\", \"B\"], \"slide\": \"emergency\","
		"  \"now\": [{\"room\": \"A\", \"title\": \"Talk\"}], \"feed\": {\"age_s\": 150, \"stale\": true},"
		"  \"error\": \"feed: timed out\"},"
		" {\"name\": \"s3\", \"online\": true, \"rooms\": [], \"slide\": \"rooms\", \"now\": [],"
		"  \"feed\": {\"age_s\": 5, \"stale\": false}, \"error\": \"\"}]", 0, NULL);
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	fleet_screens_format(statuses, out);
	fclose(out);
	const char *want =
		"NAME             ONLINE  ROOMS                SLIDE        NOW                              FEED      ERROR\n"
		"s1               online  A, B                 emergency    Talk                             2m stale  feed: timed out\n"
		"s2               offline -                    -            -                                -         -\n"
		"s3               online  -                    rooms        -                                5s        -\n";
	CHECK_STR(text, want, "the --screens table, sorted by name");
	free(text);
	json_decref(statuses);
}

int main(void)
{
	test_status();
	test_due();
	test_screens_format();
	return check_done();
}
