/*
 * png_compare.c — a test helper (not part of foyer): facts about PNG files for the render
 * tests, read with SDL2_image so the Python tests need no image library.
 *
 *   png_compare info FILE      prints "WIDTH HEIGHT DISTINCT_COLOURS" (colours capped at 4096)
 *   png_compare diff A B       prints "WIDTH HEIGHT DIFFERING_PIXELS MAX_DELTA", where a pixel
 *                              differs when a channel differs by more than 24; exit 1 when
 *                              the sizes differ
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load(const char *path)
{
	SDL_Surface *s = IMG_Load(path);
	if (!s) {
		fprintf(stderr, "png_compare: %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	return c;
}

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
	return ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
}

static int info(const char *path)
{
	SDL_Surface *s = load(path);
	if (!s)
		return 2;
	enum { CAP = 4096 };
	static Uint32 seen[CAP];
	size_t n = 0;
	for (int y = 0; y < s->h && n < CAP; y++) {
		for (int x = 0; x < s->w && n < CAP; x++) {
			Uint32 p = pixel(s, x, y) | 0xFF000000u;
			size_t k = 0;
			while (k < n && seen[k] != p)
				k++;
			if (k == n)
				seen[n++] = p;
		}
	}
	printf("%d %d %zu\n", s->w, s->h, n);
	SDL_FreeSurface(s);
	return 0;
}

static int channel_delta(Uint32 a, Uint32 b, int shift)
{
	return abs((int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF));
}

static int diff(const char *pa, const char *pb)
{
	SDL_Surface *a = load(pa), *b = load(pb);
	if (!a || !b)
		return 2;
	if (a->w != b->w || a->h != b->h) {
		printf("%d %d %d %d\n", a->w, a->h, a->w * a->h, 255);
		return 1;
	}
	long differing = 0;
	int max_delta = 0;
	for (int y = 0; y < a->h; y++) {
		for (int x = 0; x < a->w; x++) {
			Uint32 p = pixel(a, x, y), q = pixel(b, x, y);
			int d = 0;
			for (int shift = 0; shift < 24; shift += 8) {
				int c = channel_delta(p, q, shift);
				d = c > d ? c : d;
			}
			if (d > max_delta)
				max_delta = d;
			if (d > 24)
				differing++;
		}
	}
	printf("%d %d %ld %d\n", a->w, a->h, differing, max_delta);
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "info"))
		return info(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "diff"))
		return diff(argv[2], argv[3]);
	fprintf(stderr, "usage: png_compare info FILE | diff A B\n");
	return 2;
}
