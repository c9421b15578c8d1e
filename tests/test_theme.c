/*
 * test_theme.c — theme.conf parsing (a table of good and bad files, with the line of each
 * problem), the built-in default against themes/default/theme.conf, and WCAG contrast of
 * every text/background pair of every shipped theme, computed from the files.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "file.h"
#include "theme.h"

#define THEMES_DIR TEST_SOURCE_DIR "/themes"

static const char *const shipped[] = {"default", "dark", "high-contrast"};

static void test_parse_table(void)
{
	static const struct {
		const char *text;
		bool ok;
		int line;		/* of the first problem */
		const char *message;	/* a part of it */
	} rows[] = {
		{"", true, 0, NULL},
		{"[colours]\ntext = #000\n", true, 0, NULL},
		{"[colours]\ntext = #00000g\n", false, 2, "not a colour"},
		{"[colours]\n\nfoo = #000000\n", false, 3, "unknown colour \"foo\""},
		{"[sizes]\ntitle = 3\n", false, 2, "out of range"},
		{"[sizes]\nsmall = 1.5\n", false, 2, "out of range"},
		{"[sizes]\nclock = big\n", false, 2, "not a number"},
		{"[theme]\nbold_titles = maybe\n", false, 2, "yes or no"},
		{"[theme]\nfont =\n", false, 2, "font must be"},
		{"[images]\nlogo = ../../etc/passwd\n", false, 2, "inside the theme"},
		{"[images]\nlogo = /etc/passwd\n", false, 2, "inside the theme"},
		{"[nonsense]\na = b\n", false, 1, "unknown section [nonsense]"},
		{"[theme]\n[nonsense]\n", false, 2, "unknown section [nonsense]"},
		{"[theme]\nthis is not ini\n", false, 2, "expected `key = value`"},
		{"[Colours]\nTEXT = #000\n[colors]\nrule = #111\n", true, 0, NULL},
		{"[theme]\nbold_titles = Off\n", true, 0, NULL},
		{"[theme]\nfont = DejaVu Sans\n  Bold\n", false, 3, "does not continue"},
		{"[tracks]\nKeynote = red\n", false, 2, "not a colour"},
		{"[theme]\nname = x\n[colours]\nbackground = #fff\ntext = #zzz\n", false, 5,
		 "not a colour"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct theme t;
		struct error_list problems = {0};
		bool ok = theme_parse(rows[i].text, strlen(rows[i].text), "/themes/x", &t, &problems);
		CHECK(ok == rows[i].ok, "row %zu: ok %d", i, ok);
		if (!rows[i].ok && problems.n > 0) {
			CHECK(problems.items[0].line == rows[i].line, "row %zu: line %d, want %d", i,
			      problems.items[0].line, rows[i].line);
			CHECK(strstr(problems.items[0].message, rows[i].message) != NULL,
			      "row %zu: message \"%s\"", i, problems.items[0].message);
		}
		CHECK(rows[i].ok == (problems.n == 0), "row %zu: %zu problems", i, problems.n);
		error_list_finish(&problems);
	}
}

static void test_values(void)
{
	const char *text = "[colours]\ntext = #abc\nbackground = #102030\n[sizes]\ntitle = 10\n"
			   "[images]\nlogo = logo.png\n[tracks]\nKeynote = #ff0000\n";
	struct theme t;
	struct error_list problems = {0};
	CHECK(theme_parse(text, strlen(text), "/t", &t, &problems), "parses");
	CHECK(t.colours[THEME_TEXT].r == 0xaa && t.colours[THEME_TEXT].b == 0xcc, "#abc");
	CHECK(t.colours[THEME_BACKGROUND].g == 0x20, "#102030");
	CHECK(t.sizes[THEME_SIZE_TITLE] == 10, "title size");
	CHECK_STR(t.logo, "/t/logo.png", "logo path");
	struct theme_colour c;
	CHECK(theme_track_colour(&t, "keynote", &c) && c.r == 0xff, "track, any case");
	CHECK(!theme_track_colour(&t, "other", &c), "unknown track");
	error_list_finish(&problems);
}

static void test_contrast_formula(void)
{
	struct theme_colour black = {0, 0, 0}, white = {255, 255, 255}, grey = {0x77, 0x77, 0x77};
	double bw = theme_contrast(black, white);
	CHECK(bw > 20.99 && bw < 21.01, "black on white is 21, got %f", bw);
	CHECK(theme_contrast(white, white) == 1, "same colour is 1");
	double g = theme_contrast(grey, white);
	CHECK(g > 4.47 && g < 4.49, "#777 on white is 4.48, got %f", g);
}

static void test_shipped(void)
{
	const char *dirs[] = {THEMES_DIR, NULL};
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		struct theme t;
		char path[THEME_MAX_PATH];
		struct error_list problems = {0};
		bool ok = theme_load(shipped[i], dirs, &t, path, &problems);
		CHECK(ok, "theme %s loads (%s)", shipped[i],
		      problems.n ? problems.items[0].message : "");
		error_list_finish(&problems);
		if (!ok)
			continue;
		for (size_t k = 0; k < theme_n_text_pairs; k++) {
			enum theme_colour_role fg = theme_text_pairs[k].text;
			enum theme_colour_role bg = theme_text_pairs[k].background;
			double ratio = theme_contrast(t.colours[fg], t.colours[bg]);
			CHECK(ratio >= 7.0, "theme %s: %s on %s has contrast %.2f, below 7:1",
			      shipped[i], theme_colour_name(fg), theme_colour_name(bg), ratio);
		}
		CHECK(t.sizes[THEME_SIZE_TITLE] >= 4, "theme %s: title floor", shipped[i]);
	}
}

/* themes/default/theme.conf spells out the built-in default, key for key. */
static void test_default_matches_file(void)
{
	struct error err = {0};
	size_t len;
	char *text = file_read(THEMES_DIR "/default/theme.conf", THEME_MAX_FILE_BYTES, &len, &err);
	CHECK(text != NULL, "read default theme: %s", err.message);
	if (!text)
		return;
	for (int i = 0; i < THEME_COLOUR_COUNT; i++) {
		char key[64];
		snprintf(key, sizeof key, "\n%s = ", theme_colour_name(i));
		CHECK(strstr(text, key) != NULL, "default theme.conf names colour %s",
		      theme_colour_name(i));
	}
	for (int i = 0; i < THEME_SIZE_COUNT; i++) {
		char key[64];
		snprintf(key, sizeof key, "\n%s = ", theme_size_name(i));
		CHECK(strstr(text, key) != NULL, "default theme.conf names size %s",
		      theme_size_name(i));
	}
	struct theme from_file, builtin;
	struct error_list problems = {0};
	CHECK(theme_parse(text, len, THEMES_DIR "/default", &from_file, &problems), "parses");
	theme_default(&builtin);
	CHECK(!memcmp(from_file.colours, builtin.colours, sizeof builtin.colours),
	      "colours match the built-in default");
	CHECK(!memcmp(from_file.sizes, builtin.sizes, sizeof builtin.sizes),
	      "sizes match the built-in default");
	CHECK_STR(from_file.font, builtin.font, "font");
	error_list_finish(&problems);
	free(text);
}

static void test_load_errors(void)
{
	const char *dirs[] = {THEMES_DIR, NULL};
	struct theme t;
	struct error_list problems = {0};
	CHECK(!theme_load("no-such-theme", dirs, &t, NULL, &problems), "missing theme");
	CHECK(problems.n == 1 && strstr(problems.items[0].message, "no theme"), "says so");
	error_list_finish(&problems);
}

/* The example in the README's "Themes" section parses (e2e_docs.py checks it with --check too). */
static void test_readme_example(void)
{
	struct error err = {0};
	size_t len;
	char *readme = file_read(TEST_SOURCE_DIR "/README.md", 1 << 20, &len, &err);
	if (!readme) {
		CHECK(false, "read README.md: %s", err.message);
		return;
	}
	const char *section = strstr(readme, "\n## Themes\n");
	static const char fence[] = "```ini theme.conf\n";
	const size_t skip = sizeof fence - 1;
	const char *start = section ? strstr(section, fence) : NULL;
	const char *end = start ? strstr(start + skip, "```\n") : NULL;
	CHECK(start && end, "the README has a theme example");
	if (start && end) {
		struct theme t;
		struct error_list problems = {0};
		bool ok = theme_parse(start + skip, (size_t)(end - start - skip), "/t", &t, &problems);
		CHECK(ok, "the README's theme example parses: line %d: %s",
		      problems.n ? problems.items[0].line : 0,
		      problems.n ? problems.items[0].message : "");
		CHECK_STR(t.font, "DejaVu Sans", "font without its comment");
		CHECK(t.n_tracks == 1, "one track colour");
		error_list_finish(&problems);
	}
	free(readme);
}

int main(void)
{
	test_readme_example();
	test_parse_table();
	test_values();
	test_contrast_formula();
	test_shipped();
	test_default_matches_file();
	test_load_errors();
	return check_done();
}
