/*
 * test_coverage.c — a line's coverage bytes: the pixel layouts drawn onto, the blend exact to
 * the rounding of s * a + d * (1 - a) for every alpha, only inside the clip, and within a few
 * units of SDL's own blended blit of the same line as ARGB pixels.
 */
#include <SDL.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "coverage.h"

static void test_layouts(void)
{
	static const struct {
		Uint32 format;
		bool fits;
	} rows[] = {
		{SDL_PIXELFORMAT_ARGB8888, true}, {SDL_PIXELFORMAT_RGB888, true},
		{SDL_PIXELFORMAT_ABGR8888, true}, {SDL_PIXELFORMAT_BGR888, true},
		{SDL_PIXELFORMAT_RGBA8888, false}, {SDL_PIXELFORMAT_BGRA8888, false},
		{SDL_PIXELFORMAT_RGB565, false}, {SDL_PIXELFORMAT_RGB24, false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int bpp;
		Uint32 r, g, b, a;
		SDL_PixelFormatEnumToMasks(rows[i].format, &bpp, &r, &g, &b, &a);
		bool fits = bpp == 32 && coverage_layout_fits(r, g, b, a);
		CHECK(fits == rows[i].fits, "%s: fits %d", SDL_GetPixelFormatName(rows[i].format),
		      fits);
	}
}

/* Every alpha over every target value of a channel, for a few source values: the rounded mix. */
static void test_exact(void)
{
	static const uint8_t sources[] = {0, 1, 2, 100, 127, 128, 200, 254, 255};
	int wrong = 0;
	uint8_t cover[256];
	uint32_t px[256];
	for (int a = 0; a < 256; a++)
		cover[a] = (uint8_t)a;
	for (size_t k = 0; k < sizeof sources; k++) {
		uint32_t s = sources[k];
		/* red, green and blue differ, so that a channel mixed up shows */
		uint32_t colour = s << 16 | (255 - s) << 8 | (s ^ 0x5a);
		for (int d = 0; d < 256; d++) {
			uint32_t target = (uint32_t)d << 24 | (uint32_t)d << 16 |
					  (uint32_t)(255 - d) << 8 | (uint32_t)d;
			for (int a = 0; a < 256; a++)
				px[a] = target;
			coverage_blend(px, 256, (struct region_rect){0, 0, 256, 1}, 0, 0, cover, 256, 1,
				       256, colour);
			for (int a = 0; a < 256; a++) {
				uint32_t want = 0;
				for (int shift = 0; shift < 32; shift += 8) {
					double sc = (double)(((colour | 0xff000000u) >> shift) & 0xff);
					double dc = (double)((target >> shift) & 0xff);
					long mixed = lround((sc * a + dc * (255 - a)) / 255.0);
					want |= (uint32_t)mixed << shift;
				}
				if (px[a] != want && wrong++ < 5)
					fprintf(stderr, "s %u d %d a %d: %08x, not %08x\n", s, d, a, px[a],
						want);
			}
		}
	}
	CHECK(wrong == 0, "%d pixels off the rounded mix", wrong);
}

/* Only the clip, and only where the line lies, changes; odd widths included. */
static void test_clip(void)
{
	enum { W = 40, H = 12 };
	uint32_t px[W * H];
	uint8_t cover[13 * 5];
	for (int i = 0; i < 13 * 5; i++)
		cover[i] = (uint8_t)(i * 37 % 256) | 1;	/* never 0: every pixel changes */
	static const struct {
		const char *name;
		struct region_rect clip;
		int x, y;
	} rows[] = {
		{"whole", {0, 0, W, H}, 3, 2},
		{"cut by the clip", {5, 3, 6, 2}, 3, 2},
		{"hanging off the left and top", {0, 0, W, H}, -4, -2},
		{"outside the clip", {30, 0, 10, 12}, 3, 2},
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		for (int i = 0; i < W * H; i++)
			px[i] = 0x11223344u;
		coverage_blend(px, W, rows[r].clip, rows[r].x, rows[r].y, cover, 13, 5, 13,
			       0xffffffu);
		struct region_rect in = region_meet(
			rows[r].clip, (struct region_rect){rows[r].x, rows[r].y, 13, 5});
		int wrong = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				bool inside = in.w && x >= in.x && x < in.x + in.w && y >= in.y &&
					      y < in.y + in.h;
				wrong += (px[y * W + x] != 0x11223344u) != inside;
			}
		CHECK(wrong == 0, "%s: %d pixels changed outside or kept inside", rows[r].name,
		      wrong);
	}
}

/* A line of varied coverage drawn onto varied pixels, beside SDL blitting it as ARGB. */
static void test_beside_sdl(void)
{
	enum { W = 301, H = 37 };
	SDL_Surface *line = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Surface *ours = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGB888);
	SDL_Surface *sdl = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGB888);
	uint8_t *cover = malloc(W * H);
	CHECK(line && ours && sdl && cover, "surfaces");
	if (!line || !ours || !sdl || !cover)
		goto done;
	srand(7);
	uint32_t colour = 0xe8c020u;
	for (int y = 0; y < H; y++) {
		uint32_t *l = (uint32_t *)((uint8_t *)line->pixels + y * line->pitch);
		uint32_t *a = (uint32_t *)((uint8_t *)ours->pixels + y * ours->pitch);
		uint32_t *b = (uint32_t *)((uint8_t *)sdl->pixels + y * sdl->pitch);
		for (int x = 0; x < W; x++) {
			int r = rand() % 4;	/* bare, solid, or an edge */
			uint32_t alpha = r == 0 ? 0 : r == 1 ? 255 : (uint32_t)(rand() % 256);
			l[x] = alpha << 24 | colour;
			a[x] = b[x] = 0xff000000u | (uint32_t)rand() % 0x1000000u;
		}
	}
	coverage_from_argb(line->pixels, line->pitch / 4, W, H, cover);
	SDL_SetSurfaceBlendMode(line, SDL_BLENDMODE_BLEND);
	SDL_BlitSurface(line, NULL, sdl, NULL);
	coverage_blend(ours->pixels, ours->pitch / 4, (struct region_rect){0, 0, W, H}, 0, 0,
		       cover, W, H, W, colour);
	int worst = 0;
	for (int y = 0; y < H; y++) {
		const uint8_t *a = (const uint8_t *)ours->pixels + y * ours->pitch;
		const uint8_t *b = (const uint8_t *)sdl->pixels + y * sdl->pitch;
		for (int x = 0; x < W * 4; x++)
			if (x % 4 != 3 && abs(a[x] - b[x]) > worst)	/* RGB888: no alpha */
				worst = abs(a[x] - b[x]);
	}
	CHECK(worst <= 4, "a channel differs from SDL's blit by %d", worst);
done:
	free(cover);
	SDL_FreeSurface(line);
	SDL_FreeSurface(ours);
	SDL_FreeSurface(sdl);
}

int main(void)
{
	test_layouts();
	test_exact();
	test_clip();
	test_beside_sdl();
	return check_done();
}
