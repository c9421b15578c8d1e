/*
 * test_config.c — the config schema: values, every kind of bad input with its line, and
 * config/foyer.conf listing every key at its default.
 */
#include <stdlib.h>

#include "check.h"
#include "config.h"
#include "file.h"

static const struct {
	const char *name, *input;
	int error_lines[4];	/* the lines of the expected problems, 0-terminated */
	const char *error_text;	/* a fragment of the first problem */
} rows[] = {
	{"empty file", "", {0}, NULL},
	{"comments and blank lines", "# hello\n; also a comment\n\n[screen]\ntheme = dark\n", {0}, NULL},
	{"unknown section, at its header", "[screne]\ntheme = dark\n", {1},
	 "unknown section [screne] (known: [general], [feed], [screen] or [screen \"the screen's "
	 "name\"], [status], [rooms], [deck] or [deck \"the screen's name\"], [mqtt])"},
	{"unknown section with no keys", "[screen]\ntheme = dark\n\n[lobby]\n", {4},
	 "unknown section [lobby]"},
	{"a named section where none takes a name", "[feed \"Main hall\"]\nrefresh = 90\n", {1},
	 "[feed] takes no name"},
	{"a screen's own section", "[screen]\ntheme = dark\n[screen \"hall-3\"]\nrotate = 90\n"
	 "room = Hall 3\nroom = Foyer\n", {0}, NULL},
	{"a screen's section: an unknown key", "[screen \"hall-3\"]\ncolour = red\n", {2},
	 "unknown key 'colour' in [screen \"hall-3\"]"},
	{"a screen's section: a bad value", "[screen \"hall-3\"]\nrotate = 45\n", {2},
	 "[screen \"hall-3\"] rotate: '45' is not one of 0|90|180|270"},
	{"a screen's section: a repeated scalar", "[screen \"a\"]\ntheme = x\ntheme = y\n", {3},
	 "[screen \"a\"] theme is already set on line 2"},
	{"a screen's section twice, any case", "[screen \"Hall\"]\ntheme = x\n[screen \"hall\"]\n"
	 "theme = y\n", {3}, "[screen \"hall\"] is already on line 1"},
	{"a screen's section with an empty name", "[screen \"\"]\ntheme = x\n", {1},
	 "the name of [screen \"\"] is empty"},
	{"the same key in two screens' sections", "[screen \"a\"]\ntheme = x\n[screen \"b\"]\n"
	 "theme = y\n", {0}, NULL},
	{"languages", "[general]\nlanguage = de\nclock = 12h\n", {0}, NULL},
	{"an unknown language lists the shipped ones", "[general]\nlanguage = it\n", {2},
	 "'it' is not one of en|de|fr|es|nl"},
	{"a bad clock", "[general]\nclock = 25h\n", {2}, "not one of 24h|12h"},
	{"directions", "[screen]\ndirection = Main hall: left\ndirection = Panel: one: UP\n"
	 "[screen \"b\"]\ndirection = Foyer: here\n", {0}, NULL},
	{"a direction that is not a word", "[screen]\ndirection = Main hall: sideways\n", {2},
	 "[screen] direction: 'sideways' is not a direction (left|right|ahead|behind|up|down|here)"},
	{"a direction without a room", "[screen \"b\"]\ndirection = : left\n", {2},
	 "needs the room's name"},
	{"a direction without a colon", "[screen]\ndirection = Main hall left\n", {2},
	 "has no ':'"},
	{"qr", "[screen]\nqr = yes\n[screen \"b\"]\nqr = maybe\n", {4}, "must be yes or no"},
	{"a box's own deck", "[deck]\nslide = now-next 20\n[screen \"b\"]\nrotate = 90\n"
	 "[deck \"b\"]\nslide = rooms 10\nslide = agenda 15\n", {0}, NULL},
	{"a box's deck twice", "[deck \"b\"]\nslide = rooms 10\n[deck \"B\"]\nslide = rooms 5\n",
	 {3}, "[deck \"B\"] is already on line 1"},
	{"a box's deck: a bad slide", "[deck \"b\"]\nslide = movie 10\n", {2},
	 "[deck \"b\"] slide: "},
	{"a box's deck: an unknown key", "[deck \"b\"]\nrotate = 90\n", {2},
	 "unknown key 'rotate' in [deck \"b\"]"},
	{"sections and keys ignore case", "[Screen]\nTheme = dark\n[GENERAL]\ntrust_clock = YES\n",
	 {0}, NULL},
	{"unknown key", "[screen]\ntheme = dark\ncolour = red\n", {3}, "unknown key 'colour'"},
	{"bad int", "[screen]\nwidth = wide\n", {2}, "not a whole number"},
	{"int out of range", "[screen]\noverscan = 9999\n", {2}, "from 0 to 500"},
	{"bad choice", "[screen]\nrotate = 45\n", {2}, "not one of 0|90|180|270"},
	{"bad transition", "[screen]\ntransition = dissolve\n", {2}, "not one of auto|fade|cut"},
	{"bad format", "[feed]\nformat = xls\n", {2}, "not one of auto|csv"},
	{"repeated scalar", "[screen]\ntheme = a\ntheme = b\n", {3}, "already set on line 2"},
	{"every problem reported", "[screen]\nwidth = x\nheight = y\n[nope]\na = b\n", {2, 3, 4},
	 NULL},
	{"key outside a section", "theme = dark\n", {1},
	 "\"theme\" is outside any section; put it under [general], [feed]"},
	{"an unclosed header, its keys not reported again", "[screen\ntheme = dark\n", {1},
	 "the section header has no closing ]"},
	{"an indented line is not a continuation", "[feed]\nsource = a.xml\n  b.xml\n", {3},
	 "an indented line does not continue the value above it"},
	{"key: value", "[screen]\ntheme: dark\n", {2}, "write it with =, not :"},
	{"a bad yes/no", "[general]\ntrust_clock = maybe\n", {2}, "must be yes or no"},
	{"a negative duration", "[feed]\nrefresh = -10m\n", {2}, "not a duration from 5s"},
	{"a duration with spaces between its parts", "[feed]\nrefresh = 1h 30m\n", {0}, NULL},
	{"a line too long for inih",
	 "[feed]\nsource = https://example.org/"
	 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\n",
	 {2}, "the line is longer than 197 bytes"},
	{"room aliases", "[rooms]\nalias = Saal 1 -> Hall 1\nalias = K.1.105 -> Workshop\n", {0},
	 NULL},
	{"a room alias without an arrow", "[rooms]\nalias = Saal 1 -> Hall 1\nalias = Saal 2\n",
	 {3}, "[rooms] alias: a room alias is 'Feed name -> Screen name'"},
	{"a room alias with one side empty", "[rooms]\nalias = -> Hall 1\n", {2},
	 "a name on both sides"},
	{"a deck", "[deck]\nslide = now-next 20\nslide = rooms 10\nimages = /etc/foyer/sponsors\n",
	 {0}, NULL},
	{"a deck slide of no kind", "[deck]\nslide = now-next 20\nslide = sponsors 10\n", {3},
	 "[deck] slide: no slide kind 'sponsors'"},
	{"a deck slide without seconds", "[deck]\nslide = rooms\n", {2}, "not KIND SECONDS"},
	{"a deck slide of 0 seconds", "[deck]\nslide = rooms 0\n", {2}, "from 1s to 3600s"},
};

static void test_table(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct config c;
		config_init(&c);
		struct error_list errors = {0};
		bool ok = config_parse(&c, rows[i].input, strlen(rows[i].input), &errors);
		size_t want = 0;
		while (want < 4 && rows[i].error_lines[want])
			want++;
		CHECK(ok == (want == 0), "%s: ok=%d", rows[i].name, ok);
		CHECK(errors.n == want, "%s: %zu problems", rows[i].name, errors.n);
		for (size_t e = 0; e < errors.n && e < want; e++)
			CHECK(errors.items[e].line == rows[i].error_lines[e], "%s: problem %zu on line %d (%s)",
			      rows[i].name, e, errors.items[e].line, errors.items[e].message);
		if (rows[i].error_text && errors.n)
			CHECK(strstr(errors.items[0].message, rows[i].error_text) != NULL, "%s: '%s'",
			      rows[i].name, errors.items[0].message);
		error_list_finish(&errors);
		config_finish(&c);
	}
}

static void test_values(void)
{
	struct config c;
	config_init(&c);
	CHECK_STR(c.theme, "default", "default theme");
	CHECK_STR(c.format, "auto", "default format");
	CHECK(c.sources.n == 0, "no default feed");
	const char *text = "[general]\ntimezone = Europe/London\n[feed]\nsource = a.txt\n"
			   "source = https://example.org/schedule.xml\n[screen]\nroom = Main hall\n"
			   "rotate = 90\noverscan = 24\n";
	struct error_list errors = {0};
	CHECK(config_parse(&c, text, strlen(text), &errors), "parses");
	CHECK_STR(c.timezone, "Europe/London", "timezone");
	CHECK(c.sources.n == 2, "two sources");
	CHECK_STR(c.sources.items[1], "https://example.org/schedule.xml", "second source");
	CHECK_STR(c.rooms.items[0], "Main hall", "room with a space");
	CHECK_STR(c.rotate, "90", "rotate");
	CHECK(c.overscan == 24, "overscan");
	error_list_finish(&errors);
	config_finish(&c);

	static const struct {
		const char *text;
		long seconds;
		bool ok;
	} durations[] = {
		{"90", 90, true}, {"90s", 90, true}, {"15m", 900, true}, {"2h", 7200, true},
		{"1h30m", 5400, true}, {"", 0, false}, {"m", 0, false}, {"5x", 0, false},
		{"-5", 0, false}, {"1h30", 0, false},
	};
	for (size_t i = 0; i < sizeof durations / sizeof *durations; i++) {
		long got = 0;
		bool ok = config_parse_seconds(durations[i].text, &got);
		CHECK(ok == durations[i].ok && (!ok || got == durations[i].seconds), "'%s'",
		      durations[i].text);
	}
}

/* A box's own section over [screen]: what it sets wins, the rest stays, lists replace. */
static void test_select_screen(void)
{
	const char *text = "[screen]\nroom = Main hall\nroom = Foyer\ntheme = dark\nrotate = 0\n"
			   "direction = Foyer: here\n"
			   "[screen \"hall-3\"]\nrotate = 90\nroom = Hall 3\nqr = yes\n"
			   "[screen \"Lobby\"]\noverscan = 20\n"
			   "[deck]\nslide = now-next 20\n[deck \"lobby\"]\nslide = rooms 10\n"
			   "slide = agenda 10\n";
	static const struct {
		const char *name;
		const char *section;	/* NULL: none matches */
		const char *rotate, *theme, *room0;
		size_t rooms;
		int overscan, rotate_line;
		bool qr;
	} screens[] = {
		{"hall-3", "hall-3", "90", "dark", "Hall 3", 1, 0, 8, true},
		{"HALL-3", "hall-3", "90", "dark", "Hall 3", 1, 0, 8, true},
		{"lobby", "Lobby", "0", "dark", "Main hall", 2, 20, 5, false},
		{"nobody", NULL, "0", "dark", "Main hall", 2, 0, 5, false},
		{NULL, NULL, "0", "dark", "Main hall", 2, 0, 5, false},
	};
	for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
		struct config c;
		config_init(&c);
		struct error_list errors = {0};
		CHECK(config_parse(&c, text, strlen(text), &errors), "parses");
		CHECK(c.n_screens == 2, "two sections");
		CHECK(config_select_screen(&c, screens[i].name), "%s: selects", screens[i].name);
		const char *got = c.screen ? c.screen->name : NULL;
		CHECK(screens[i].section ? got && !strcmp(got, screens[i].section) : !got, "%s: section %s",
		      screens[i].name, got ? got : "(none)");
		CHECK_STR(c.rotate, screens[i].rotate, "%s: rotate", screens[i].name);
		CHECK_STR(c.theme, screens[i].theme, "%s: theme from [screen]", screens[i].name);
		CHECK(c.rooms.n == screens[i].rooms, "%s: %zu rooms", screens[i].name, c.rooms.n);
		CHECK_STR(c.rooms.items[0], screens[i].room0, "%s: first room", screens[i].name);
		CHECK(c.overscan == screens[i].overscan, "%s: overscan", screens[i].name);
		bool lobby = screens[i].section && !strcmp(screens[i].section, "Lobby");
		CHECK(c.deck_slides.n == (lobby ? 2u : 1u) &&
		      !strcmp(c.deck_slides.items[0], lobby ? "rooms 10" : "now-next 20"),
		      "%s: the deck", screens[i].name);
		CHECK(c.qr == screens[i].qr, "%s: qr", screens[i].name);
		CHECK(c.directions.n == 1 && c.directions.lines[0] == 6, "%s: direction from [screen]",
		      screens[i].name);
		const struct config_key *rotate = config_find_key("screen", "rotate");
		CHECK(c.key_lines[rotate - config_schema(&(size_t){0})] == screens[i].rotate_line,
		      "%s: rotate's line", screens[i].name);
		char buf[200];
		config_format_value(&c, config_find_key("screen", "room"), buf, sizeof buf);
		CHECK(strstr(buf, screens[i].room0) == buf, "%s: formatted rooms '%s'", screens[i].name, buf);
		error_list_finish(&errors);
		config_finish(&c);
	}
}

/* config/foyer.conf names every key, at its default, and parses cleanly. */
static void test_shipped_config(void)
{
	struct error err = {0};
	size_t len;
	char *bytes = file_read(TEST_SOURCE_DIR "/config/foyer.conf", 1 << 20, &len, &err);
	CHECK(bytes != NULL, "config/foyer.conf: %s", err.message);
	if (!bytes)
		return;
	struct config shipped, defaults;
	config_init(&shipped);
	config_init(&defaults);
	struct error_list errors = {0};
	CHECK(config_parse(&shipped, bytes, len, &errors), "parses: %s",
	      errors.n ? errors.items[0].message : "");
	size_t n;
	const struct config_key *keys = config_schema(&n);
	for (size_t i = 0; i < n; i++) {
		char needle[128];
		snprintf(needle, sizeof needle, "\n%s =", keys[i].key);
		char section[64];
		snprintf(section, sizeof section, "[%s]", keys[i].section);
		const char *s = strstr(bytes, section);
		CHECK(s && strstr(s, needle), "[%s] %s is documented", keys[i].section, keys[i].key);
		const char *a = (const char *)&shipped + keys[i].offset;
		const char *b = (const char *)&defaults + keys[i].offset;
		bool same;
		switch (keys[i].type) {
		case CONFIG_STRING:
		case CONFIG_CHOICE:
			same = !strcmp(*(char *const *)a, *(char *const *)b);
			break;
		case CONFIG_LIST:
		case CONFIG_ROOM_ALIAS:
		case CONFIG_DIRECTION:
			same = ((const struct config_list *)a)->n == ((const struct config_list *)b)->n;
			break;
		case CONFIG_BOOL:
			same = *(const bool *)a == *(const bool *)b;
			break;
		case CONFIG_INT:
			same = *(const int *)a == *(const int *)b;
			break;
		default:
			same = *(const long *)a == *(const long *)b;
			break;
		}
		CHECK(same, "[%s] %s is at its default in foyer.conf", keys[i].section, keys[i].key);
	}
	error_list_finish(&errors);
	config_finish(&shipped);
	config_finish(&defaults);
	free(bytes);
}

int main(void)
{
	test_table();
	test_values();
	test_select_screen();
	test_shipped_config();
	return check_done();
}
