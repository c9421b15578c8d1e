/*
 * test_direction.c — `direction = ROOM: WORD`: the words, their glyphs, bad values with why,
 * and the lookup of a room through the room aliases.
 */
#include "check.h"
#include "direction.h"

static const struct {
	const char *text;
	const char *room;	/* NULL: an error */
	enum direction way;
	const char *error;
} rows[] = {
	{"Main hall: left", "Main hall", DIRECTION_LEFT, NULL},
	{"  Main hall :  RIGHT ", "Main hall", DIRECTION_RIGHT, NULL},
	{"Panel: what next?: ahead", "Panel: what next?", DIRECTION_AHEAD, NULL},
	{"K.1.105: behind", "K.1.105", DIRECTION_BEHIND, NULL},
	{"Saal 1: up", "Saal 1", DIRECTION_UP, NULL},
	{"Saal 2: Down", "Saal 2", DIRECTION_DOWN, NULL},
	{"Foyer: here", "Foyer", DIRECTION_HERE, NULL},
	{"Main hall: sideways", NULL, 0, "'sideways' is not a direction (left|right|ahead"},
	{"Main hall:", NULL, 0, "'' is not a direction"},
	{": left", NULL, 0, "needs the room's name"},
	{"Main hall left", NULL, 0, "has no ':'"},
	{"Main hall: left right", NULL, 0, "'left right' is not a direction"},
};

static void test_parse(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct direction_entry e = {0};
		struct error err = {0};
		bool ok = direction_parse(rows[i].text, &e, &err);
		CHECK(ok == (rows[i].room != NULL), "'%s': ok=%d (%s)", rows[i].text, ok, err.message);
		if (ok && rows[i].room) {
			CHECK_STR(e.room, rows[i].room, "'%s': room", rows[i].text);
			CHECK(e.way == rows[i].way, "'%s': way %s", rows[i].text, direction_name(e.way));
		}
		if (!ok && rows[i].error)
			CHECK(strstr(err.message, rows[i].error) != NULL, "'%s': '%s'", rows[i].text,
			      err.message);
		direction_finish(&e);
	}
	direction_finish(NULL);
}

static void test_glyphs(void)
{
	static const struct {
		enum direction way;
		const char *glyph, *name;
	} g[] = {
		{DIRECTION_LEFT, "←", "left"}, {DIRECTION_RIGHT, "→", "right"},
		{DIRECTION_AHEAD, "↑", "ahead"}, {DIRECTION_BEHIND, "↶", "behind"},
		{DIRECTION_UP, "⇧", "up"}, {DIRECTION_DOWN, "⇩", "down"},
		{DIRECTION_HERE, "◉", "here"}, {DIRECTION_NONE, "", ""},
	};
	for (size_t i = 0; i < sizeof g / sizeof *g; i++) {
		CHECK_STR(direction_glyph(g[i].way), g[i].glyph, "glyph of %s", g[i].name);
		CHECK_STR(direction_name(g[i].way), g[i].name, "name of %s", g[i].name);
	}
	CHECK_STR(direction_glyph((enum direction)99), "", "out of range");
}

static void test_find(void)
{
	struct direction_entry entries[] = {{"Saal 1", DIRECTION_LEFT}, {"Foyer", DIRECTION_HERE},
					    {"Hall 2", DIRECTION_UP}};
	struct alias aliases[] = {{"saal  1", "Hall 1"}};
	static const struct {
		const char *room;
		enum direction way;
	} f[] = {
		{"Hall 1", DIRECTION_LEFT},	/* written as the feed names it */
		{"Saal 1", DIRECTION_LEFT},	/* as written */
		{"Foyer", DIRECTION_HERE},
		{"Hall 2", DIRECTION_UP},
		{"foyer", DIRECTION_NONE},	/* room names are exact, as elsewhere */
		{"Hall 3", DIRECTION_NONE},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		CHECK(direction_find(entries, 3, aliases, 1, f[i].room) == f[i].way, "find %s",
		      f[i].room);
	CHECK(direction_find(NULL, 0, NULL, 0, "Foyer") == DIRECTION_NONE, "no entries");
}

int main(void)
{
	test_parse();
	test_glyphs();
	test_find();
	return check_done();
}
