/*
 * text.h — the text engine (SDL_ttf edge): measures and draws one line of UTF-8 in any of the
 * scripts foyer covers, with per-run font fallback (fontpick), HarfBuzz shaping with each
 * run's script and direction, and right-to-left runs in visual order (script).
 *
 * One engine per process: it owns the open fonts (cached per file and pixel size, bounded)
 * and the fallback cache, so a redraw opens no font and asks fontconfig nothing.
 * Line breaking is not here: see text_wrap.h (text_wrap_measure adapts text_width to it).
 */
#ifndef FOYER_TEXT_H
#define FOYER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "error.h"

/* Widest surface text_render_line returns (DESIGN.md section 8: textures of at most 2048 px
 * on a Pi 3); a wider line is cut at this width. */
#define TEXT_MAX_SURFACE_PX 2048
/* Longest line text_width / text_render_line take, in bytes; the rest is ignored. */
#define TEXT_MAX_LINE_BYTES 4096

struct text_engine;			/* fonts, fallback cache; one per process */

/* Initialises SDL_ttf (TTF_Init) and fontconfig; NULL with err filled on failure. */
struct text_engine *text_engine_create(struct error *err);
/* Closes every font; NULL is a no-op. */
void text_engine_destroy(struct text_engine *te);

struct text_font {
	const char *family;		/* fontconfig family name, e.g. "DejaVu Sans" */
	bool bold;
	int px;				/* pixel size */
};

/* width in pixels of one line of UTF-8 (shaped, with fallback fonts); 0 when nothing can be
 * drawn (no font at all) */
int text_width(struct text_engine *te, const struct text_font *f, const char *s, size_t len);

/* line height (ascent + descent + gap) in pixels for this font */
int text_line_height(struct text_engine *te, const struct text_font *f);

/* renders one line; ARGB8888 surface owned by the caller; NULL on failure.
 * The surface is as wide as the shaped line (at most TEXT_MAX_SURFACE_PX) and at least
 * text_line_height() high: taller when glyphs reach below the font's descent (some Arabic
 * letters in DejaVu Sans do), so draw it whole, not clipped to the line height. The baseline
 * is the same for every line of a font; runs from fallback fonts share it. */
SDL_Surface *text_render_line(struct text_engine *te, const struct text_font *f,
			      SDL_Color color, const char *s, size_t len);

/* True when the line's paragraph direction is right-to-left (its first strong character is
 * Arabic or Hebrew): the layout may align such a line to the right. */
bool text_is_rtl(const char *s, size_t len);

/* True when the font family is installed; false when fontconfig only has a substitute for it
 * (text is still drawn, with the substitute): for --check and the theme's log line. */
bool text_family_available(struct text_engine *te, const char *family);

/* A wrap_measure_fn (text_wrap.h) over text_width: ctx is a struct text_measure. */
struct text_measure {
	struct text_engine *te;
	struct text_font font;
};
int text_wrap_measure(void *ctx, const char *s, size_t len);

/* wrap_fit_metrics (text_wrap.h) callbacks over the engine: ctx is a struct text_measure whose
 * font.px is ignored (the fit passes the size). */
int text_fit_width(void *ctx, int px, const char *s, size_t len);
int text_fit_line_height(void *ctx, int px);

#endif
