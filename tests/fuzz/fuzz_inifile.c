/*
 * fuzz_inifile.c — fuzzes the reader of foyer's files (inifile.h) through the two files it
 * reads besides the override file (fuzz_override.c): the config and a theme. Each is either
 * accepted with no problem or refused with at least one, each with a message and a line no
 * later than the input's last; a config that parses keeps its values within the schema's
 * bounds, with each of its [screen "NAME"] sections applied too. The same bytes go to the
 * readers of two values: a `direction =` (direction.h) and a catalogue's translated format
 * (words_format_matches()), which must not read past the text.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "direction.h"
#include "fuzz.h"
#include "theme.h"
#include "words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_problems(const struct error_list *errors, const uint8_t *data, size_t size)
{
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < errors->n; i++)
		FUZZ_REQUIRE(errors->items[i].message[0] && errors->items[i].line >= 0 &&
			     errors->items[i].line <= lines);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fuzz_feed;	/* fuzz.h's feed driver: not for these files */
	struct config c;
	FUZZ_REQUIRE(config_init(&c));
	struct error_list errors = {0};
	bool ok = config_parse(&c, (const char *)data, size, &errors);
	FUZZ_REQUIRE(ok == (errors.n == 0 && errors.dropped == 0));
	check_problems(&errors, data, size);
	if (ok) {
		FUZZ_REQUIRE(c.refresh >= 5 && c.refresh <= 86400);
		FUZZ_REQUIRE(c.overscan >= 0 && c.overscan <= 500);
		FUZZ_REQUIRE(c.sources.n <= CONFIG_MAX_LIST && c.theme && c.format);
	}
	config_finish(&c);
	/* every box's section over [screen], each on a fresh parse */
	size_t n_screens = 0;
	for (size_t i = 0; ok && (i == 0 || i < n_screens) && i < 8; i++) {
		struct config one;
		struct error_list again = {0};
		FUZZ_REQUIRE(config_init(&one));
		FUZZ_REQUIRE(config_parse(&one, (const char *)data, size, &again));
		n_screens = one.n_screens;
		if (n_screens) {
			char *name = strdup(one.screens[i].name);
			FUZZ_REQUIRE(name && config_select_screen(&one, name));
			FUZZ_REQUIRE(one.screen && one.overscan >= 0 && one.overscan <= 500 &&
				     one.rooms.n <= CONFIG_MAX_LIST && one.theme);
			free(name);
		}
		config_finish(&one);
		error_list_finish(&again);
	}
	error_list_finish(&errors);

	struct theme t;
	ok = theme_parse((const char *)data, size, "/themes/fuzz", &t, &errors);
	FUZZ_REQUIRE(ok == (errors.n == 0 && errors.dropped == 0));
	check_problems(&errors, data, size);
	if (ok)
		FUZZ_REQUIRE(t.n_tracks <= THEME_MAX_TRACKS && t.sizes[THEME_SIZE_TITLE] >= 4);
	error_list_finish(&errors);

	char *text = malloc(size + 1);
	FUZZ_REQUIRE(text);
	memcpy(text, data, size);
	text[size] = '\0';
	struct direction_entry d;
	if (direction_parse(text, &d, NULL)) {
		FUZZ_REQUIRE(d.room[0] && *direction_glyph(d.way));
		direction_finish(&d);
	}
	words_format_matches("%1$s %2$d %3$s", text);
	words_format_matches(text, text);
	free(text);
	return 0;
}
