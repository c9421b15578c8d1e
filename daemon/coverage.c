/*
 * coverage.c — a line's coverage bytes: taken out of ARGB pixels and blended onto a frame;
 * see coverage.h.
 *
 * The blend is SDL_BLENDMODE_BLEND's, target = source * a + target * (1 - a) for each
 * channel and alpha over, rounded exactly: SDL2's own blitters round down, each its way (its
 * MMX one, used on x86-64, and its C one, used on arm64, differ by a unit or two), so this is
 * within a few units of either.
 */
#include "coverage.h"

#include <stddef.h>
#include <string.h>


void coverage_from_argb(const uint32_t *pixels, int pitch, int w, int h, uint8_t *out)
{
	for (int y = 0; y < h; y++, pixels += pitch, out += w)
		for (int x = 0; x < w; x++)
			out[x] = (uint8_t)(pixels[x] >> 24);
}

bool coverage_layout_fits(uint32_t rmask, uint32_t gmask, uint32_t bmask, uint32_t amask)
{
	bool red_blue = (rmask == 0xff0000u && bmask == 0xffu) ||
			(rmask == 0xffu && bmask == 0xff0000u);
	return red_blue && gmask == 0xff00u && (amask == 0 || amask == 0xff000000u);
}

/* Two pixels' bytes in 16-bit lanes: the vector extensions of GCC and Clang give SSE2 or
 * NEON code for the blend's arithmetic on each architecture. */
typedef uint8_t coverage_bytes __attribute__((vector_size(8)));
typedef uint16_t coverage_lanes __attribute__((vector_size(16)));

/*
 * Two target pixels (8 bytes at d) with the source's bytes (s, twice) laid over at alphas a[0]
 * and a[1]: s * a + d * (255 - a), divided by 255 and rounded, in each byte ((x + 1 +
 * (x >> 8)) >> 8 is x / 255 for the x here, after adding 127). Exact at 0 and 255.
 */
static void blend_two(uint8_t *d, coverage_lanes s, const uint8_t *a)
{
	coverage_bytes bytes;
	memcpy(&bytes, d, sizeof bytes);
	coverage_lanes t = __builtin_convertvector(bytes, coverage_lanes);
	coverage_lanes alpha = {a[0], a[0], a[0], a[0], a[1], a[1], a[1], a[1]};
	coverage_lanes x = s * alpha + t * (255 - alpha) + 127;
	x = (x + 1 + (x >> 8)) >> 8;
	bytes = __builtin_convertvector(x, coverage_bytes);
	memcpy(d, &bytes, sizeof bytes);
}

void coverage_blend(uint32_t *target, int pitch, struct region_rect clip, int x, int y,
		    const uint8_t *coverage, int w, int h, int stride, uint32_t pixel)
{
	struct region_rect at = region_meet(clip, (struct region_rect){x, y, w, h});
	if (!at.w || !at.h)
		return;
	uint32_t opaque = (pixel & 0xffffffu) | 0xff000000u;
	uint8_t one[4];
	memcpy(one, &opaque, sizeof one);
	coverage_lanes source = {one[0], one[1], one[2], one[3], one[0], one[1], one[2], one[3]};
	for (int row = 0; row < at.h; row++) {
		const uint8_t *src = coverage + (size_t)(at.y - y + row) * (size_t)stride + (at.x - x);
		uint32_t *dst = target + (size_t)(at.y + row) * (size_t)pitch + at.x;
		int i = 0;
		/* most of a line is bare background or solid ink: eight bytes at a time */
		for (; i + 8 <= at.w; i += 8) {
			uint64_t eight;
			memcpy(&eight, src + i, sizeof eight);
			if (eight == 0)
				continue;
			if (eight == UINT64_MAX)
				for (int k = 0; k < 8; k++)
					dst[i + k] = opaque;
			else
				for (int k = 0; k < 8; k += 2)
					blend_two((uint8_t *)(dst + i + k), source, src + i + k);
		}
		for (; i + 2 <= at.w; i += 2)
			blend_two((uint8_t *)(dst + i), source, src + i);
		if (i < at.w) {
			uint8_t last[2] = {src[i], 0};
			uint32_t pair[2] = {dst[i], 0};
			blend_two((uint8_t *)pair, source, last);
			dst[i] = pair[0];
		}
	}
}
