/*
 * render_image.h — the image files of the deck's slides (sponsors' logos, a venue map, an
 * announcement's picture), for render.c: loaded with SDL2_image (PNG, JPEG, SVG), scaled down
 * to the size it is drawn at once at load (a 6000x4000 photo costs a screen's worth of memory, not 96 MB;
 * an SVG is rasterised at the size it is shown), and kept as textures within a memory cap,
 * least recently used first out.
 *
 * Entry points: render_image_cache_create()/_destroy(), render_image_get() (loads on first
 * use; NULL when the file cannot be read, logged once per path until it changes),
 * render_image_aspect_of() (for the layout's letterbox, from what is cached),
 * render_image_keep() (drops what is on no slide of the deck any more).
 */
#ifndef FOYER_RENDER_IMAGE_H
#define FOYER_RENDER_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct SDL_Renderer;
struct SDL_Texture;
struct render_image_cache;

/* cap_bytes: the textures' total (4 bytes a pixel) the cache keeps at most. */
struct render_image_cache *render_image_cache_create(struct SDL_Renderer *renderer,
						     size_t cap_bytes);
void render_image_cache_destroy(struct render_image_cache *cache);

/*
 * The texture of the file at path, at most max_w x max_h (its aspect kept); its size in
 * *w, *h. NULL when it cannot be loaded (the failure is logged once for the path).
 */
struct SDL_Texture *render_image_get(struct render_image_cache *cache, const char *path,
				     int max_w, int max_h, int *w, int *h);

/*
 * The width / height of the file at path: of the texture cached for it, whatever its size, or
 * loaded at most max_w x max_h; 0 when it cannot be loaded.
 */
double render_image_aspect_of(struct render_image_cache *cache, const char *path, int max_w,
			      int max_h);

/* Forgets every image whose path is not among paths[0..n). */
void render_image_keep(struct render_image_cache *cache, const char *const *paths, size_t n);

/* The bytes the cached textures take. */
size_t render_image_bytes(const struct render_image_cache *cache);

#endif
