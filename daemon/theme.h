/*
 * theme.h — how a slide looks: colours, font families, sizes, margins, images, track colours.
 *
 * A theme is a directory themes/NAME/ holding theme.conf (read by inifile.h) and,
 * optionally, the logo and background images it names. Every key is optional: a theme file
 * only says how it differs from the built-in default (theme_default(), which is what
 * themes/default/theme.conf spells out in full).
 *
 * Pure apart from theme_load(), which reads the one file: theme_parse() takes the text
 * (through inifile.h, the reader of the config and the override file too).
 * A theme that does not parse is not half-applied: the caller keeps the built-in default
 * and logs the problems, each with its line (DESIGN.md section 7).
 *
 * Sizes are percent of the screen's shorter side, so a portrait screen gets the same pixel
 * sizes as the same panel hung in landscape.
 */
#ifndef FOYER_THEME_H
#define FOYER_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define THEME_MAX_TRACKS 32
#define THEME_MAX_NAME 64
#define THEME_MAX_PATH 512
#define THEME_MAX_FILE_BYTES (64 * 1024)

struct theme_colour {
	uint8_t r, g, b;
};

/* Where each colour is used; the keys of [colours] are these names in lower case. */
enum theme_colour_role {
	THEME_BACKGROUND,	/* the slide */
	THEME_HEADER,		/* the band with the room name and the clock */
	THEME_HEADER_TEXT,
	THEME_TEXT,		/* titles on the background */
	THEME_SECONDARY,	/* speakers, times, the agenda list on the background */
	THEME_PANEL,		/* the card behind the current session */
	THEME_PANEL_TEXT,
	THEME_PANEL_SECONDARY,
	THEME_LABEL,		/* the "Now" / "Next" tags */
	THEME_LABEL_TEXT,
	THEME_ALERT,		/* "Cancelled", the stale-feed marker */
	THEME_ALERT_TEXT,
	THEME_PROGRESS_TRACK,
	THEME_PROGRESS_FILL,
	THEME_RULE,		/* thin separators */
	THEME_COLOUR_COUNT
};

/* Every pair of text colour and the colour it is drawn on; each must reach WCAG 7:1. */
struct theme_text_pair {
	enum theme_colour_role text, background;
};
extern const struct theme_text_pair theme_text_pairs[];
extern const size_t theme_n_text_pairs;

enum theme_size_role {
	THEME_SIZE_ROOM,	/* room name in the header */
	THEME_SIZE_CLOCK,
	THEME_SIZE_LABEL,	/* "Now", "Next", "in 5 min" */
	THEME_SIZE_TITLE,	/* the current session's title: the largest it may be */
	THEME_SIZE_NEXT_TITLE,
	THEME_SIZE_SPEAKERS,
	THEME_SIZE_AGENDA,	/* rows of the rest of the day */
	THEME_SIZE_SMALL,	/* the date, the stale marker */
	THEME_SIZE_MARGIN,	/* around everything (overscan is the screen's, added on top) */
	THEME_SIZE_COUNT
};

struct theme_track {
	char name[THEME_MAX_NAME];
	struct theme_colour colour;
};

struct theme {
	char name[THEME_MAX_NAME];
	char font[THEME_MAX_NAME];		/* family for everything, e.g. "DejaVu Sans" */
	bool bold_titles;
	struct theme_colour colours[THEME_COLOUR_COUNT];
	double sizes[THEME_SIZE_COUNT];		/* percent of the shorter side */
	char logo[THEME_MAX_PATH];		/* absolute, or "" for none */
	char background_image[THEME_MAX_PATH];
	struct theme_track tracks[THEME_MAX_TRACKS];
	size_t n_tracks;
};

/* The built-in default, identical to themes/default/theme.conf. */
void theme_default(struct theme *out);

/*
 * Parses theme.conf text on top of the built-in default. dir is the theme's directory, for
 * image paths (which must name files inside it). Returns true and fills out when there is
 * no problem; otherwise false, out untouched, every problem added to problems.
 */
bool theme_parse(const char *text, size_t len, const char *dir, struct theme *out,
		 struct error_list *problems);

/*
 * Finds a theme by name (a directory under one of search_dirs, NULL-terminated) or by
 * directory path (anything with a '/'), reads its theme.conf and parses it. On failure
 * path (may be NULL) is the file that was tried ("" when the theme was not found at all).
 */
bool theme_load(const char *name_or_dir, const char *const *search_dirs, struct theme *out,
		char path[THEME_MAX_PATH], struct error_list *problems);

/* The colour of a track by name, or false when the theme gives it none. */
bool theme_track_colour(const struct theme *theme, const char *track, struct theme_colour *out);

/* WCAG 2 contrast ratio between two colours, 1..21. */
double theme_contrast(struct theme_colour a, struct theme_colour b);

const char *theme_colour_name(enum theme_colour_role role);
const char *theme_size_name(enum theme_size_role role);

#endif
