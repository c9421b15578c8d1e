/*
 * region.h — rectangles of pixels: the part two share, and the part of a union of rectangles
 * that another union leaves uncovered, as disjoint rectangles (what a cut must wipe of the
 * slide before: its boxes, less what the next slide's opaque rectangles paint anyway).
 *
 * Entry points: region_meet(), region_uncovered().
 */
#ifndef FOYER_REGION_H
#define FOYER_REGION_H

#include <stddef.h>

struct region_rect {
	int x, y, w, h;
};

/* The part of a and b that both hold (w or h 0 when none). */
struct region_rect region_meet(struct region_rect a, struct region_rect b);

/*
 * The pixels of the union of a[0..na) that no rectangle of b[0..nb) covers, as disjoint
 * rectangles written to out (at most max_out): their count, or max_out + 1 when they would
 * be more (out then holds nothing usable), or (size_t)-1 when memory is short. Empty
 * rectangles count for nothing.
 */
size_t region_uncovered(const struct region_rect *a, size_t na, const struct region_rect *b,
			size_t nb, struct region_rect *out, size_t max_out);

#endif
