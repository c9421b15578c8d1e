/*
 * slide.h — the layout engine, pure: what to show (struct slide_content) + a theme + the
 * screen's size in, boxes out (text with font and pixel size, rectangles, images), in the
 * slide's own coordinates (as the viewer sees it, after rotation).
 *
 * No SDL here: text is measured through struct slide_metrics, which render.c backs with the
 * text engine and the tests back with a fake font. Text is fitted by wrap_fit() (text_wrap.h): the
 * largest size that fits its box in at most N lines, then an ellipsis.
 *
 * Guarantees the tests hold it to: no box leaves the screen, no two text boxes overlap,
 * every text is at least 2 % of the screen's shorter side and the current title at least
 * 4 % (unless a line of that size cannot fit the screen at all), an ellipsis only when the
 * text does not fit at its smallest size.
 *
 * A slide of the deck (slide_content.kind) may have pages: the rooms overview and the agenda
 * put on a page as many rows as fit with text at SLIDE_ROW_FLOOR (and spread them evenly
 * over the pages), the announcement and image slides have content.pages; the layout shows
 * content.page, says "2/3" in the header, and reports page and pages.
 *
 * Entry points: slide_layout() to lay out, slide_layout_json() for --layout,
 * slide_layout_finish() to free. What goes into slide_content is slide_content.h's job.
 */
#ifndef FOYER_SLIDE_H
#define FOYER_SLIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "slide_content.h"
#include "theme.h"

struct slide_font {
	const char *family;	/* the theme's family name */
	bool bold;
	int px;
};

/* How wide a line is and how tall a line of a font is, in pixels. */
struct slide_metrics {
	int (*width)(void *ctx, const struct slide_font *font, const char *s, size_t len);
	int (*line_height)(void *ctx, const struct slide_font *font);
	void *ctx;
};

enum slide_box_kind { SLIDE_BOX_TEXT, SLIDE_BOX_RECT, SLIDE_BOX_IMAGE };

enum slide_image {
	SLIDE_IMAGE_LOGO,	/* the theme's */
	SLIDE_IMAGE_BACKGROUND,
	SLIDE_IMAGE_FILE,	/* a file of the deck or the override directory: source */
	SLIDE_IMAGE_QR,		/* a QR code of `text` (a URL), dark on light, quiet zone inside */
};

struct slide_box {
	enum slide_box_kind kind;
	const char *role;	/* what it is: "room", "clock", "now-title", "progress-fill", ... */
	int x, y, w, h;		/* text: the area its glyphs occupy (one box per line) */
	struct theme_colour colour;
	/* text */
	const char *text;	/* the line as drawn, "…" included; a QR code's URL; owned by
				   the layout */
	struct slide_font font;
	bool ellipsis;		/* the text was cut */
	bool strike;		/* cancelled: drawn struck through */
	int min_px;		/* the smallest size its block could take */
	/* image */
	enum slide_image image;
	const char *source;	/* SLIDE_IMAGE_FILE: the file's path; owned by the layout */
};

struct slide_layout {
	int width, height;
	const char *slide;	/* show_slide_name() of the content's slide */
	int page, pages;	/* the page shown (from 1) and how many the slide has */
	size_t first_row, n_rows;	/* rooms, agenda: the page's rows of the content's list */
	struct slide_box *boxes;
	size_t n_boxes, cap_boxes;
	char *qr_refused;	/* a URL too long for a QR code (none drawn), to log; NULL: none */
};

/* Where the slide is drawn. */
struct slide_screen {
	int width, height;	/* the slide's own size (after rotation) */
	int overscan;		/* pixels on every side the screen may hide */
	double logo_aspect;	/* width / height of the theme's logo; 0 when there is none */
	bool background_image;	/* the theme's background image is loaded */
};

/*
 * Lays out content. Caller-owned out (zeroed or finished before); false when out of memory
 * or the screen is smaller than 64x64, with out empty.
 */
bool slide_layout(const struct slide_content *content, const struct theme *theme,
		  const struct slide_screen *screen, const struct slide_metrics *metrics,
		  struct slide_layout *out);
void slide_layout_finish(struct slide_layout *layout);

/*
 * Whether a box of this role says something that changes with the minute (the clock,
 * "12 min left", "in 5 min"): the renderer keeps no such text once it is off the screen.
 */
bool slide_role_changes_by_minute(const char *role);

/* The smallest text of a row of the rooms overview and the agenda: percent of the shorter side. */
#define SLIDE_ROW_FLOOR 2.5

/*
 * How many pages content has on this screen (a layout's pages), 0 when out of memory. Of
 * content.list only n is read: a list of n rows without their texts (rows NULL) counts the
 * same as the list itself.
 */
int slide_pages(const struct slide_content *content, const struct theme *theme,
		const struct slide_screen *screen, const struct slide_metrics *metrics);

/*
 * The rows of page (from 1) when n rows are spread evenly over pages: what the rooms overview
 * and the agenda show on it (the state JSON names a rooms page's rooms with it).
 */
void slide_page_rows(size_t n, int pages, int page, size_t *first, size_t *count);

/* The layout as the JSON of DESIGN.md section 3 (malloc'd, NUL-terminated), NULL if OOM. */
char *slide_layout_json(const struct slide_layout *layout);

#endif
