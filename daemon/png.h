/*
 * png.h — a surface as PNG bytes in memory (SDL_image's writer on a growing buffer), so
 * that the caller writes them with file.h and sees every write error: SDL_image writes
 * through stdio and does not report a full disk.
 */
#ifndef FOYER_PNG_H
#define FOYER_PNG_H

#include <SDL.h>
#include <stddef.h>

#include "error.h"

/* The PNG of surface (caller frees), *len its length; NULL with err set when it fails. */
void *png_encode(SDL_Surface *surface, size_t *len, struct error *err);

#endif
