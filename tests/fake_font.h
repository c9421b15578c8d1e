/*
 * fake_font.h — a font for layout tests without fonts: every character 0.55 em wide (bold
 * 0.6), CJK 1 em; lines 1.2 em. Included by the tests of the layout engine.
 */
#ifndef FOYER_TEST_FAKE_FONT_H
#define FOYER_TEST_FAKE_FONT_H

#include <math.h>
#include <stdbool.h>

#include "slide.h"

static int fake_width(void *ctx, const struct slide_font *f, const char *s, size_t len)
{
	(void)ctx;
	double w = 0, em = f->px * (f->bold ? 0.6 : 0.55);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		w += c >= 0xE3 && c <= 0xED ? f->px : em;	/* CJK-ish lead bytes: full width */
	}
	return (int)ceil(w);
}

static int fake_line_height(void *ctx, const struct slide_font *f)
{
	(void)ctx;
	return (int)ceil(f->px * 1.2);
}

static const struct slide_metrics fake = {fake_width, fake_line_height, NULL};

static bool intersects(const struct slide_box *a, const struct slide_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}

#endif
