/*
 * test_override_merge.c — override sets laid over each other (fleet, screen, local file): a
 * table of documents in layer order -> what is in force, one line per kind of section.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "override_merge.h"
#include "show.h"

struct row {
	const char *name;
	const char *layers[3];	/* NULL: that layer is absent */
	const char *want;	/* the summary of the merged set (see summarise()) */
};

static const struct row rows[] = {
	{"nothing at all", {NULL, NULL, NULL}, ""},
	{"one layer passes through",
	 {"[emergency]\ntitle = Fire\n[announcement \"a\"]\ntext = Lunch\nrooms = Hall\n", NULL, NULL},
	 "emergency Fire; announcement a=Lunch(Hall); "},
	{"the local file's emergency wins",
	 {"[emergency]\ntitle = Fleet\n", NULL, "[emergency]\ntitle = Local\n"},
	 "emergency Local; "},
	{"an emergency from the fleet stays when the file has none",
	 {"[emergency]\ntitle = Fleet\n", NULL, "[room \"Hall\"]\nfull = yes\n"},
	 "emergency Fleet; room Hall=full; "},
	{"the screen's topic beats the venue's, the file beats both",
	 {"[announcement \"a\"]\ntext = venue\n[announcement \"b\"]\ntext = venue b\n",
	  "[announcement \"a\"]\ntext = screen\n[announcement \"c\"]\ntext = screen c\n",
	  "[announcement \"c\"]\ntext = local c\n"},
	 "announcement a=screen(); announcement b=venue b(); announcement c=local c(); "},
	{"sessions by id and by title with `at`",
	 {"[session \"42\"]\ndelay = 10m\n[session \"Coffee\"]\nat = 10:30\ndelay = 5m\n",
	  NULL,
	  "[session \"42\"]\ndelay = 20m\n[session \"Coffee\"]\nat = 15:00\ndelay = 1m\n"},
	 "session 42=1200; session Coffee=300; session Coffee=60; "},
	{"[screen] whole: the file's hours drop the fleet's pin",
	 {"[screen]\npin = rooms\n", NULL, "[screen]\nhours = 08:00-20:00\n"},
	 "screen hours 28800-72000; "},
	{"[screen] from the fleet when the file has none",
	 {"[screen]\npin = rooms\n", "[room \"Hall\"]\nclosed = yes\n", ""},
	 "screen pin rooms; room Hall=closed; "},
	{"rooms by name, the later layer whole",
	 {"[room \"Hall\"]\nfull = yes\nnote = Use the balcony\n", "[room \"Hall\"]\nclosed = yes\n", NULL},
	 "room Hall=closed; "},
};

static void summarise(const struct override_set *s, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
#define ADD(...) n += (size_t)snprintf(out + n, n < size ? size - n : 0, __VA_ARGS__)
	if (s->has_emergency)
		ADD("emergency %s; ", s->emergency.title);
	if (s->screen.has_hours)
		ADD("screen hours %d-%d; ", s->screen.hours_on, s->screen.hours_off);
	if (s->screen.pin)
		ADD("screen pin %s; ", show_slide_name(s->screen.pin));
	for (size_t i = 0; i < s->n_announcements; i++) {
		ADD("announcement %s=%s(", s->announcements[i].name, s->announcements[i].text);
		for (size_t j = 0; j < s->announcements[i].n_rooms; j++)
			ADD("%s%s", j ? "," : "", s->announcements[i].rooms[j]);
		ADD("); ");
	}
	for (size_t i = 0; i < s->n_sessions; i++)
		ADD("session %s=%d; ", s->sessions[i].match, s->sessions[i].delay);
	for (size_t i = 0; i < s->n_rooms; i++)
		ADD("room %s=%s; ", s->rooms[i].name,
		    s->rooms[i].closed == 1 ? "closed" : s->rooms[i].full == 1 ? "full" : "-");
#undef ADD
}

int main(void)
{
	struct error err = {0};
	struct tz *london = tz_load("Europe/London", &err);
	CHECK(london != NULL, "Europe/London: %s", err.message);
	if (!london)
		return check_done();
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct row *r = &rows[i];
		struct override_set *layers[3] = {NULL};
		for (size_t j = 0; j < 3; j++) {
			if (!r->layers[j])
				continue;
			struct error_list errors = {0};
			layers[j] = override_parse(r->layers[j], strlen(r->layers[j]), london,
						   1544400000, &errors);
			CHECK(layers[j] != NULL, "%s: layer %zu: %s", r->name, j,
			      errors.n ? errors.items[0].message : "?");
			error_list_finish(&errors);
		}
		struct override_set *merged =
			override_merge((const struct override_set *const *)layers, 3);
		CHECK(merged != NULL, "%s: out of memory", r->name);
		if (merged) {
			char got[1024];
			summarise(merged, got, sizeof got);
			CHECK_STR(got, r->want, "%s", r->name);
		}
		/* the merged set is released before its layers, as main does */
		override_destroy(merged);
		for (size_t j = 0; j < 3; j++)
			override_destroy(layers[j]);
	}
	tz_destroy(london);
	return check_done();
}
