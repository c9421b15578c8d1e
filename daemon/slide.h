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

enum slide_image { SLIDE_IMAGE_LOGO, SLIDE_IMAGE_BACKGROUND };

struct slide_box {
	enum slide_box_kind kind;
	const char *role;	/* what it is: "room", "clock", "now-title", "progress-fill", ... */
	int x, y, w, h;		/* text: the area its glyphs occupy (one box per line) */
	struct theme_colour colour;
	/* text */
	const char *text;	/* the line as drawn, "…" included; owned by the layout */
	struct slide_font font;
	bool ellipsis;		/* the text was cut */
	bool strike;		/* cancelled: drawn struck through */
	int min_px;		/* the smallest size its block could take */
	/* image */
	enum slide_image image;
};

struct slide_layout {
	int width, height;
	const char *slide;	/* show_slide_name() of the content's slide */
	struct slide_box *boxes;
	size_t n_boxes, cap_boxes;
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

/* The layout as the JSON of DESIGN.md section 3 (malloc'd, NUL-terminated), NULL if OOM. */
char *slide_layout_json(const struct slide_layout *layout);

#endif
