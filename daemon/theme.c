/*
 * theme.c — theme.conf parsing on top of the built-in default; see theme.h.
 *
 * The syntax, the sections' rules and the boolean grammar are inifile.h's; this file knows
 * the sections (sections[]) and the keys: the tables colour_names[] and size_names[] (with
 * size_min[]/size_max[], the legibility floors) name every colour and size key, so parsing
 * and --check follow them. Keys ignore case, as in every file inifile reads.
 */
#include "theme.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "file.h"
#include "inifile.h"

const struct theme_text_pair theme_text_pairs[] = {
	{THEME_HEADER_TEXT, THEME_HEADER},
	{THEME_TEXT, THEME_BACKGROUND},
	{THEME_SECONDARY, THEME_BACKGROUND},
	{THEME_PANEL_TEXT, THEME_PANEL},
	{THEME_PANEL_SECONDARY, THEME_PANEL},
	{THEME_LABEL_TEXT, THEME_LABEL},
	{THEME_ALERT_TEXT, THEME_ALERT},
};
const size_t theme_n_text_pairs = sizeof theme_text_pairs / sizeof theme_text_pairs[0];

static const char *const colour_names[THEME_COLOUR_COUNT] = {
	[THEME_BACKGROUND] = "background",
	[THEME_HEADER] = "header",
	[THEME_HEADER_TEXT] = "header_text",
	[THEME_TEXT] = "text",
	[THEME_SECONDARY] = "secondary",
	[THEME_PANEL] = "panel",
	[THEME_PANEL_TEXT] = "panel_text",
	[THEME_PANEL_SECONDARY] = "panel_secondary",
	[THEME_LABEL] = "label",
	[THEME_LABEL_TEXT] = "label_text",
	[THEME_ALERT] = "alert",
	[THEME_ALERT_TEXT] = "alert_text",
	[THEME_PROGRESS_TRACK] = "progress_track",
	[THEME_PROGRESS_FILL] = "progress_fill",
	[THEME_RULE] = "rule",
};

static const char *const size_names[THEME_SIZE_COUNT] = {
	[THEME_SIZE_ROOM] = "room",
	[THEME_SIZE_CLOCK] = "clock",
	[THEME_SIZE_LABEL] = "label",
	[THEME_SIZE_TITLE] = "title",
	[THEME_SIZE_NEXT_TITLE] = "next_title",
	[THEME_SIZE_SPEAKERS] = "speakers",
	[THEME_SIZE_AGENDA] = "agenda",
	[THEME_SIZE_SMALL] = "small",
	[THEME_SIZE_MARGIN] = "margin",
};

/* Legibility floors (issue 5): every text at least 2 %, the current title at least 4 %. */
static const double size_min[THEME_SIZE_COUNT] = {
	[THEME_SIZE_ROOM] = 2, [THEME_SIZE_CLOCK] = 2, [THEME_SIZE_LABEL] = 2,
	[THEME_SIZE_TITLE] = 4, [THEME_SIZE_NEXT_TITLE] = 2, [THEME_SIZE_SPEAKERS] = 2,
	[THEME_SIZE_AGENDA] = 2, [THEME_SIZE_SMALL] = 2, [THEME_SIZE_MARGIN] = 0,
};
static const double size_max[THEME_SIZE_COUNT] = {
	[THEME_SIZE_ROOM] = 15, [THEME_SIZE_CLOCK] = 15, [THEME_SIZE_LABEL] = 10,
	[THEME_SIZE_TITLE] = 20, [THEME_SIZE_NEXT_TITLE] = 15, [THEME_SIZE_SPEAKERS] = 10,
	[THEME_SIZE_AGENDA] = 10, [THEME_SIZE_SMALL] = 10, [THEME_SIZE_MARGIN] = 15,
};

void theme_default(struct theme *out)
{
	static const struct theme_colour colours[THEME_COLOUR_COUNT] = {
		[THEME_BACKGROUND] = {0xf5, 0xf3, 0xee},
		[THEME_HEADER] = {0x14, 0x2a, 0x4a},
		[THEME_HEADER_TEXT] = {0xff, 0xff, 0xff},
		[THEME_TEXT] = {0x11, 0x14, 0x18},
		[THEME_SECONDARY] = {0x3b, 0x40, 0x48},
		[THEME_PANEL] = {0xff, 0xff, 0xff},
		[THEME_PANEL_TEXT] = {0x0b, 0x0d, 0x10},
		[THEME_PANEL_SECONDARY] = {0x35, 0x3a, 0x42},
		[THEME_LABEL] = {0x14, 0x2a, 0x4a},
		[THEME_LABEL_TEXT] = {0xff, 0xff, 0xff},
		[THEME_ALERT] = {0x8a, 0x10, 0x10},
		[THEME_ALERT_TEXT] = {0xff, 0xff, 0xff},
		[THEME_PROGRESS_TRACK] = {0xd9, 0xd4, 0xc8},
		[THEME_PROGRESS_FILL] = {0x1f, 0x5f, 0xa8},
		[THEME_RULE] = {0xc9, 0xc3, 0xb5},
	};
	static const double sizes[THEME_SIZE_COUNT] = {
		[THEME_SIZE_ROOM] = 5.5, [THEME_SIZE_CLOCK] = 6.5, [THEME_SIZE_LABEL] = 3.2,
		[THEME_SIZE_TITLE] = 10, [THEME_SIZE_NEXT_TITLE] = 5.5, [THEME_SIZE_SPEAKERS] = 3.8,
		[THEME_SIZE_AGENDA] = 3.4, [THEME_SIZE_SMALL] = 2.6, [THEME_SIZE_MARGIN] = 3.5,
	};
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "default");
	snprintf(out->font, sizeof out->font, "DejaVu Sans");
	out->bold_titles = true;
	memcpy(out->colours, colours, sizeof colours);
	memcpy(out->sizes, sizes, sizeof sizes);
}

const char *theme_colour_name(enum theme_colour_role role)
{
	return role < THEME_COLOUR_COUNT ? colour_names[role] : "?";
}

const char *theme_size_name(enum theme_size_role role)
{
	return role < THEME_SIZE_COUNT ? size_names[role] : "?";
}

static double linear(uint8_t c)
{
	double s = c / 255.0;
	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(struct theme_colour c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double theme_contrast(struct theme_colour a, struct theme_colour b)
{
	double la = luminance(a), lb = luminance(b);
	if (la < lb) {
		double t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

bool theme_track_colour(const struct theme *theme, const char *track, struct theme_colour *out)
{
	if (!track || !*track)
		return false;
	for (size_t i = 0; i < theme->n_tracks; i++) {
		if (!strcasecmp(theme->tracks[i].name, track)) {
			*out = theme->tracks[i].colour;
			return true;
		}
	}
	return false;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "#rrggbb" or "#rgb". */
static bool parse_colour(const char *s, struct theme_colour *out)
{
	size_t n = strlen(s);
	if (s[0] != '#' || (n != 4 && n != 7))
		return false;
	int d[6];
	for (size_t i = 1; i < n; i++)
		if ((d[i - 1] = hex_digit(s[i])) < 0)
			return false;
	if (n == 4) {
		out->r = (uint8_t)(d[0] * 17);
		out->g = (uint8_t)(d[1] * 17);
		out->b = (uint8_t)(d[2] * 17);
	} else {
		out->r = (uint8_t)(d[0] * 16 + d[1]);
		out->g = (uint8_t)(d[2] * 16 + d[3]);
		out->b = (uint8_t)(d[4] * 16 + d[5]);
	}
	return true;
}

struct parse_state {
	const char *dir;
	struct theme theme;
	struct error_list *problems;
	int line;
};

static void problem(struct parse_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct parse_state *st, const char *fmt, ...)
{
	char message[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	error_list_add(st->problems, st->line, 0, "%s", message);
}

static bool image_path(struct parse_state *st, const char *value, char out[THEME_MAX_PATH])
{
	if (!*value) {
		out[0] = '\0';
		return true;
	}
	if (value[0] == '/' || strstr(value, "..")) {
		problem(st, "image \"%s\" must be a file inside the theme's directory", value);
		return false;
	}
	int n = snprintf(out, THEME_MAX_PATH, "%s/%s", st->dir ? st->dir : ".", value);
	if (n < 0 || n >= THEME_MAX_PATH) {
		problem(st, "image path \"%s\" is too long", value);
		return false;
	}
	return true;
}

static bool copy_name(struct parse_state *st, const char *key, const char *value, char *out,
		      size_t size)
{
	if (!*value || strlen(value) >= size) {
		problem(st, "%s must be 1 to %zu characters", key, size - 1);
		return false;
	}
	memcpy(out, value, strlen(value) + 1);
	return true;
}

enum section { SECTION_THEME, SECTION_COLOURS, SECTION_COLORS, SECTION_SIZES, SECTION_IMAGES,
	       SECTION_TRACKS, SECTION_COUNT };

static const struct inifile_kind sections[SECTION_COUNT] = {
	[SECTION_THEME] = {"theme", INIFILE_UNNAMED, NULL},
	[SECTION_COLOURS] = {"colours", INIFILE_UNNAMED, NULL},
	[SECTION_COLORS] = {"colors", INIFILE_UNNAMED, NULL},
	[SECTION_SIZES] = {"sizes", INIFILE_UNNAMED, NULL},
	[SECTION_IMAGES] = {"images", INIFILE_UNNAMED, NULL},
	[SECTION_TRACKS] = {"tracks", INIFILE_UNNAMED, NULL},
};

/* The index of key in names (count of them, some NULL), ignoring case, or -1. */
static int find_key(const char *const *names, int count, const char *key)
{
	for (int i = 0; i < count; i++)
		if (names[i] && !strcasecmp(key, names[i]))
			return i;
	return -1;
}

static bool handle(void *user, const struct inifile_section *sec, const char *key,
		   const char *value, int line, struct error_list *errors)
{
	struct parse_state *st = user;
	struct theme *t = &st->theme;
	(void)errors;	/* the same list as st->problems */
	st->line = line;
	int i;
	switch ((enum section)sec->kind) {
	case SECTION_THEME:
		if (!strcasecmp(key, "name"))
			copy_name(st, "name", value, t->name, sizeof t->name);
		else if (!strcasecmp(key, "font"))
			copy_name(st, "font", value, t->font, sizeof t->font);
		else if (!strcasecmp(key, "bold_titles")) {
			if (!inifile_parse_bool(value, &t->bold_titles))
				problem(st, "bold_titles must be yes or no, not \"%s\"", value);
		} else
			problem(st, "unknown key \"%s\" in [theme]", key);
		break;
	case SECTION_COLOURS:
	case SECTION_COLORS:
		if ((i = find_key(colour_names, THEME_COLOUR_COUNT, key)) < 0)
			problem(st, "unknown colour \"%s\"", key);
		else if (!parse_colour(value, &t->colours[i]))
			problem(st, "%s: \"%s\" is not a colour (#rrggbb or #rgb)", key, value);
		break;
	case SECTION_SIZES: {
		if ((i = find_key(size_names, THEME_SIZE_COUNT, key)) < 0) {
			problem(st, "unknown size \"%s\"", key);
			break;
		}
		char *end;
		double v = strtod(value, &end);
		if (end == value || *end || !isfinite(v))
			problem(st, "%s: \"%s\" is not a number", key, value);
		else if (v < size_min[i] || v > size_max[i])
			problem(st, "%s: %g is out of range %g..%g (percent of the screen's shorter "
				"side)", key, v, size_min[i], size_max[i]);
		else
			t->sizes[i] = v;
		break;
	}
	case SECTION_IMAGES:
		if (!strcasecmp(key, "logo"))
			image_path(st, value, t->logo);
		else if (!strcasecmp(key, "background"))
			image_path(st, value, t->background_image);
		else
			problem(st, "unknown key \"%s\" in [images]", key);
		break;
	case SECTION_TRACKS: {
		struct theme_colour c;
		if (!parse_colour(value, &c)) {
			problem(st, "track \"%s\": \"%s\" is not a colour", key, value);
		} else if (t->n_tracks == THEME_MAX_TRACKS) {
			problem(st, "more than %d track colours", THEME_MAX_TRACKS);
		} else if (strlen(key) >= THEME_MAX_NAME) {
			problem(st, "track name \"%s\" is too long", key);
		} else {
			struct theme_track *tr = &t->tracks[t->n_tracks++];
			memcpy(tr->name, key, strlen(key) + 1);
			tr->colour = c;
		}
		break;
	}
	case SECTION_COUNT:
		break;
	}
	return true;
}

bool theme_parse(const char *text, size_t len, const char *dir, struct theme *out,
		 struct error_list *problems)
{
	struct parse_state st = {.dir = dir, .problems = problems};
	theme_default(&st.theme);
	if (len > THEME_MAX_FILE_BYTES) {
		problem(&st, "theme file larger than %d bytes", THEME_MAX_FILE_BYTES);
		return false;
	}
	static const struct inifile_spec spec = {sections, SECTION_COUNT, NULL, handle};
	size_t before = problems->n + problems->dropped;
	inifile_parse(text, len, &spec, &st, problems);
	if (problems->n + problems->dropped != before)
		return false;
	*out = st.theme;
	return true;
}

bool theme_load(const char *name_or_dir, const char *const *search_dirs, struct theme *out,
		char path[THEME_MAX_PATH], struct error_list *problems)
{
	char dir[THEME_MAX_PATH] = "", file[THEME_MAX_PATH] = "";
	if (path)
		path[0] = '\0';
	if (strchr(name_or_dir, '/')) {
		snprintf(dir, sizeof dir, "%s", name_or_dir);
		snprintf(file, sizeof file, "%s/theme.conf", dir);
	} else {
		for (size_t i = 0; search_dirs && search_dirs[i]; i++) {
			char try_dir[THEME_MAX_PATH], try_file[THEME_MAX_PATH];
			snprintf(try_dir, sizeof try_dir, "%s/%s", search_dirs[i], name_or_dir);
			if (snprintf(try_file, sizeof try_file, "%s/theme.conf", try_dir) >=
			    (int)sizeof try_file)
				continue;	/* a path that long cannot be a theme of ours */
			if (access(try_file, R_OK) == 0) {
				memcpy(dir, try_dir, sizeof dir);
				snprintf(file, sizeof file, "%s", try_file);
				break;
			}
		}
	}
	if (!*file) {
		error_list_add(problems, 0, 0, "no theme \"%s\" in the theme directories",
			       name_or_dir);
		return false;
	}
	if (path)
		snprintf(path, THEME_MAX_PATH, "%s", file);
	struct error err = {0};
	size_t len;
	char *text = file_read(file, THEME_MAX_FILE_BYTES, &len, &err);
	if (!text) {
		error_list_add(problems, 0, 0, "%s", err.message);
		return false;
	}
	struct theme t;
	bool ok = theme_parse(text, len, dir, &t, problems);
	free(text);
	if (!ok)
		return false;
	const char *images[] = {t.logo, t.background_image};
	for (size_t i = 0; i < 2; i++) {
		if (*images[i] && access(images[i], R_OK) != 0) {
			error_list_add(problems, 0, 0, "image %s cannot be read", images[i]);
			return false;
		}
	}
	*out = t;
	return true;
}
