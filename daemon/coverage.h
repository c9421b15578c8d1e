/*
 * coverage.h — a line of text kept as its coverage: one byte a pixel saying how much of it
 * the glyphs cover, the colour given when it is drawn. A line of one colour holds nothing
 * more, in a quarter of the bytes of its ARGB pixels.
 *
 * Entry points: coverage_from_argb() takes it out of a rasterised line,
 * coverage_blend() draws it onto 32-bit pixels as SDL's blended blit of those ARGB pixels
 * would (rounded exactly, where SDL rounds down).
 */
#ifndef FOYER_COVERAGE_H
#define FOYER_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "region.h"

/*
 * Writes the alpha of w x h ARGB pixels (pitch in pixels between rows; alpha in the top
 * byte) to out, w bytes a row.
 */
void coverage_from_argb(const uint32_t *pixels, int pitch, int w, int h, uint8_t *out);

/*
 * 32-bit pixel layouts coverage_blend() draws onto: the red and blue bytes at bits 0 and 16
 * (either way round), green at bit 8 and alpha, if kept, at bit 24. True for the masks of
 * such a layout.
 */
bool coverage_layout_fits(uint32_t rmask, uint32_t gmask, uint32_t bmask, uint32_t amask);

/*
 * Draws w x h coverage bytes (stride bytes between rows) of the colour `pixel` (in the
 * target's layout, its alpha byte ignored) onto the target's pixels (pitch in pixels), its
 * top-left corner at (x, y) and only inside clip (which the caller keeps inside the target).
 * A byte of 0 leaves the pixel, 255 gives the colour; between, each channel moves that far
 * towards it and alpha is composed over (SDL_BLENDMODE_BLEND), rounded to the nearest.
 */
void coverage_blend(uint32_t *target, int pitch, struct region_rect clip, int x, int y,
		    const uint8_t *coverage, int w, int h, int stride, uint32_t pixel);

#endif
