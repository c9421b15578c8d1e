/*
 * render_image.c — the deck's image files as textures; see render_image.h.
 *
 * A small array, searched by path: a deck has a few dozen images at most. A file that fails
 * to load is remembered as failed (and logged once), so a missing sponsor logo costs one
 * warning, not one per frame.
 */
#include "render_image.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

#define MAX_IMAGES 128

struct entry {
	char *path;
	SDL_Texture *texture;	/* NULL: it failed to load */
	int w, h, max_w, max_h;
	size_t bytes;
	unsigned long last_used;
};

struct render_image_cache {
	SDL_Renderer *renderer;
	size_t cap, bytes;
	struct entry entries[MAX_IMAGES];
	size_t n;
	unsigned long tick;
};

struct render_image_cache *render_image_cache_create(SDL_Renderer *renderer, size_t cap_bytes)
{
	struct render_image_cache *c = calloc(1, sizeof *c);
	if (c) {
		c->renderer = renderer;
		c->cap = cap_bytes;
	}
	return c;
}

static void drop(struct render_image_cache *c, size_t i)
{
	free(c->entries[i].path);
	if (c->entries[i].texture)
		SDL_DestroyTexture(c->entries[i].texture);
	c->bytes -= c->entries[i].bytes;
	c->entries[i] = c->entries[--c->n];
}

void render_image_cache_destroy(struct render_image_cache *c)
{
	if (!c)
		return;
	while (c->n)
		drop(c, 0);
	free(c);
}

size_t render_image_bytes(const struct render_image_cache *c)
{
	return c->bytes;
}

/* w x h scaled down (never up) to fit max_w x max_h, the aspect kept. */
static void fit(int w, int h, int max_w, int max_h, int *ow, int *oh)
{
	*ow = w;
	*oh = h;
	if (max_w > 0 && max_h > 0 && (w > max_w || h > max_h)) {
		double s = (double)max_w / w < (double)max_h / h ? (double)max_w / w
								 : (double)max_h / h;
		*ow = (int)(w * s) > 0 ? (int)(w * s) : 1;
		*oh = (int)(h * s) > 0 ? (int)(h * s) : 1;
	}
}

/* The file as a surface at most max_w x max_h: an SVG rasterised at that size. */
static SDL_Surface *load_surface(const char *path, int max_w, int max_h)
{
	/* a FIFO or a device where the picture belongs would hold up the screen: files only */
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		SDL_SetError("not a file");
		return NULL;
	}
	SDL_Surface *s = IMG_Load(path);
	if (!s)
		return NULL;
	SDL_RWops *rw = SDL_RWFromFile(path, "rb");
	bool svg = rw && IMG_isSVG(rw);
	if (svg) {
		/* vector: rasterise at the size it is shown, not its nominal one */
		double sx = (double)max_w / s->w, sy = (double)max_h / s->h;
		double scale = sx < sy ? sx : sy;
		int w = (int)(s->w * scale), h = (int)(s->h * scale);
		SDL_Surface *sized = w > 0 && h > 0 ? IMG_LoadSizedSVG_RW(rw, w, h) : NULL;
		if (sized) {
			SDL_FreeSurface(s);
			s = sized;
		}
	}
	if (rw)
		SDL_RWclose(rw);
	int w, h;
	fit(s->w, s->h, max_w, max_h, &w, &h);
	if (w == s->w && h == s->h)
		return s;
	SDL_Surface *rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_FreeSurface(s);
	if (!rgba || !small || SDL_BlitScaled(rgba, NULL, small, NULL) != 0) {
		SDL_FreeSurface(rgba);
		SDL_FreeSurface(small);
		return NULL;
	}
	SDL_FreeSurface(rgba);
	return small;
}

/* Whether every pixel of s is opaque (a surface without alpha is). */
static bool opaque(SDL_Surface *s)
{
	Uint32 amask = s->format->Amask;
	if (!amask)
		return true;
	if (s->format->BytesPerPixel != 4 || SDL_LockSurface(s) != 0)
		return false;
	bool all = true;
	for (int y = 0; y < s->h && all; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < s->w && all; x++)
			all = (row[x] & amask) == amask;
	}
	SDL_UnlockSurface(s);
	return all;
}

/* Makes room for bytes more: the least recently used images go first. */
static void make_room(struct render_image_cache *c, size_t bytes)
{
	while (c->n && (c->n == MAX_IMAGES || c->bytes + bytes > c->cap)) {
		size_t oldest = 0;
		for (size_t i = 1; i < c->n; i++)
			if (c->entries[i].last_used < c->entries[oldest].last_used)
				oldest = i;
		drop(c, oldest);
	}
}

SDL_Texture *render_image_get(struct render_image_cache *c, const char *path, int max_w,
			      int max_h, int *w, int *h)
{
	c->tick++;
	for (size_t i = 0; i < c->n; i++) {
		struct entry *e = &c->entries[i];
		if (strcmp(e->path, path) != 0)
			continue;
		if (e->texture && (e->max_w != max_w || e->max_h != max_h)) {
			drop(c, i);	/* the screen's size changed: load it again */
			break;
		}
		e->last_used = c->tick;
		*w = e->w;
		*h = e->h;
		return e->texture;
	}
	SDL_Surface *s = load_surface(path, max_w, max_h);
	SDL_Texture *t = s ? SDL_CreateTextureFromSurface(c->renderer, s) : NULL;
	struct entry e = {.path = strdup(path), .texture = t, .max_w = max_w, .max_h = max_h,
			  .last_used = c->tick};
	if (t) {
		/* an opaque picture (a map with its own background) is copied, not blended */
		SDL_SetTextureBlendMode(t, opaque(s) ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
		e.w = s->w;
		e.h = s->h;
		e.bytes = (size_t)s->w * (size_t)s->h * 4;
	} else {
		log_warning("%s: cannot load the image (%s), leaving it out", path,
			    s ? SDL_GetError() : IMG_GetError());
	}
	SDL_FreeSurface(s);
	make_room(c, e.bytes);
	if (!e.path || e.bytes > c->cap) {
		free(e.path);	/* larger than the whole cap: left out */
		if (t)
			SDL_DestroyTexture(t);
		return NULL;
	}
	c->entries[c->n++] = e;
	c->bytes += e.bytes;
	*w = e.w;
	*h = e.h;
	return t;
}

double render_image_aspect_of(struct render_image_cache *c, const char *path, int max_w,
			      int max_h)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i].texture && !strcmp(c->entries[i].path, path))
			return c->entries[i].h > 0 ? (double)c->entries[i].w / c->entries[i].h : 0;
	int w, h;
	return render_image_get(c, path, max_w, max_h, &w, &h) && h > 0 ? (double)w / h : 0;
}

void render_image_keep(struct render_image_cache *c, const char *const *paths, size_t n)
{
	for (size_t i = 0; i < c->n;) {
		bool kept = false;
		for (size_t k = 0; k < n && !kept; k++)
			kept = !strcmp(c->entries[i].path, paths[k]);
		if (kept)
			i++;
		else
			drop(c, i);
	}
}
