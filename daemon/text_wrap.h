/*
 * text_wrap.h — line breaking and text fitting, pure: no SDL, no fonts. Widths come from a
 * measuring callback, so the layout engine (slide.c) can wrap with real font metrics while
 * staying free of SDL, and the tests can wrap with a fake font.
 *
 * Entry points: wrap_text() (break into at most N lines, ellipsis on the last when the text
 * does not fit) and wrap_fit() (the largest pixel size that fits a box).
 */
#ifndef FOYER_TEXT_WRAP_H
#define FOYER_TEXT_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* "…" (U+2026) in UTF-8: what the drawer appends to a line whose ellipsis flag is set. */
#define WRAP_ELLIPSIS "\xE2\x80\xA6"

/* Width in pixels of s[0..len) drawn on one line. */
typedef int wrap_measure_fn(void *ctx, const char *s, size_t len);

/* One laid-out line: s[start..start+len), spaces at the break excluded. */
struct wrap_line {
	size_t start, len;
	bool ellipsis;		/* draw WRAP_ELLIPSIS after the line: the text did not fit */
};

/*
 * Breaks s into at most max_lines lines no wider than max_width; the last line ends in "…"
 * (ellipsis=true, the "…" is not in s: the drawer appends it) only when the text did not fit.
 * Returns the number of lines written to out (which holds max_lines entries).
 *
 * Breaks are at spaces, at '\n' (a forced break), and between CJK characters (Han,
 * Hiragana, Katakana, Hangul); never before closing punctuation (。、」）!?, ...) nor after
 * opening punctuation (「（...). A word wider than the line is broken between characters
 * (never before a combining mark). A line holds at least one character even when that
 * character alone is wider than max_width, so the result always advances; the caller that
 * must not overflow picks a smaller size (wrap_fit). Invalid UTF-8 is measured as it is.
 */
size_t wrap_text(const char *s, size_t len, int max_width, size_t max_lines,
		 wrap_measure_fn *measure, void *ctx, struct wrap_line *out);

/* Measures with a font size: width in pixels of s[0..len) at px, and line height at px. */
struct wrap_fit_metrics {
	int (*width)(void *ctx, int px, const char *s, size_t len);
	int (*line_height)(void *ctx, int px);
};

/*
 * The largest px in [min_px, max_px] at which s wraps into at most max_lines lines of at most
 * box_width without an ellipsis and the lines' total height is at most box_height. When even
 * min_px does not fit, returns min_px with the text cut with an ellipsis. The lines at the
 * chosen size are written to out (max_lines entries) and their count to *n_lines.
 * Returns the chosen px, or 0 when max_lines is 0 or min_px > max_px or min_px < 1.
 *
 * Fitting usually gets easier as the size goes down; it is searched by bisection, which
 * assumes that (a size that fits between two that do not is not looked for).
 */
int wrap_fit(const char *s, size_t len, int box_width, int box_height, size_t max_lines,
	     int max_px, int min_px, const struct wrap_fit_metrics *metrics, void *ctx,
	     struct wrap_line *out, size_t *n_lines);

#endif
