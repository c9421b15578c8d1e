/*
 * png.c — PNG bytes in memory; see png.h. The entry point is png_encode(): an SDL_RWops
 * whose writes append to a growing buffer (grow_array()), handed to IMG_SavePNG_RW().
 */
#include "png.h"

#include <SDL_image.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define PNG_MAX_BYTES (256u << 20)	/* far above any frame foyer draws (8K: ~100 MiB raw) */

struct buffer {
	unsigned char *bytes;
	size_t len, cap;
	bool failed;
};

static size_t SDLCALL buffer_write(SDL_RWops *rw, const void *data, size_t size, size_t n)
{
	struct buffer *b = rw->hidden.unknown.data1;
	size_t add = size * n;
	if (b->failed || (size && add / size != n) || add > PNG_MAX_BYTES - b->len) {
		b->failed = true;
		return 0;
	}
	unsigned char *bytes = grow_array(b->bytes, &b->cap, b->len + add, 1, PNG_MAX_BYTES);
	if (!bytes) {
		b->failed = true;
		return 0;
	}
	b->bytes = bytes;
	memcpy(b->bytes + b->len, data, add);
	b->len += add;
	return n;
}

static Sint64 SDLCALL buffer_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
	struct buffer *b = rw->hidden.unknown.data1;
	/* only "where am I" makes sense for a stream that grows */
	return offset == 0 && (whence == RW_SEEK_CUR || whence == RW_SEEK_END) ? (Sint64)b->len
									       : -1;
}

static Sint64 SDLCALL buffer_size(SDL_RWops *rw)
{
	return (Sint64)((struct buffer *)rw->hidden.unknown.data1)->len;
}

static size_t SDLCALL buffer_read(SDL_RWops *rw, void *data, size_t size, size_t n)
{
	(void)rw, (void)data, (void)size, (void)n;
	return 0;
}

static int SDLCALL buffer_close(SDL_RWops *rw)
{
	(void)rw;	/* the buffer is the caller's; the RWops is freed by png_encode() */
	return 0;
}

void *png_encode(SDL_Surface *surface, size_t *len, struct error *err)
{
	struct buffer b = {0};
	SDL_RWops *rw = SDL_AllocRW();
	if (!rw) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	rw->type = SDL_RWOPS_UNKNOWN;
	rw->write = buffer_write;
	rw->seek = buffer_seek;
	rw->size = buffer_size;
	rw->read = buffer_read;
	rw->close = buffer_close;
	rw->hidden.unknown.data1 = &b;
	int rc = IMG_SavePNG_RW(surface, rw, 0);
	SDL_FreeRW(rw);
	if (rc != 0 || b.failed || b.len == 0) {
		error_set(err, 0, 0, "cannot encode the PNG: %s",
			  b.failed ? "out of memory" : IMG_GetError());
		free(b.bytes);
		return NULL;
	}
	*len = b.len;
	return b.bytes;
}
