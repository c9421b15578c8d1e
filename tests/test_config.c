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
	 "unknown section [screne] (known: [general], [feed], [screen], [status], [rooms], [mqtt])"},
	{"unknown section with no keys", "[screen]\ntheme = dark\n\n[deck]\n", {4},
	 "unknown section [deck]"},
	{"a named section where none takes a name", "[screen \"Main hall\"]\ntheme = dark\n", {1},
	 "[screen] takes no name"},
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
	test_shipped_config();
	return check_done();
}
