/*
 * cache.h — the last good body of each URL feed, on disk, so that a screen that boots without
 * network shows the agenda at once.
 *
 * One file per feed in the cache directory, named from a hash of the URL
 * ("feed-0123456789abcdef.cache"). It holds a short text header (the URL, the server's ETag
 * and Last-Modified, when it was fetched, the body's length and checksum), an empty line, and
 * the body as the server sent it (after content decoding). A file is written whole or not at
 * all: a temporary file in the same directory, write, fsync, rename over the old one, fsync
 * the directory. So after a crash or a power cut at any moment, the cache holds either the old
 * body or the new one; a file that does not check out (length, checksum, URL) reads as bad,
 * never as a mix.
 *
 * The caller decides what is worth caching: only bodies that parsed as an agenda.
 */
#ifndef FOYER_CACHE_H
#define FOYER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"

struct cache_entry {
	char *url;
	char *etag;		/* the server's ETag as sent (quotes and all), or NULL */
	char *last_modified;	/* the server's Last-Modified as sent, or NULL */
	time_t fetched;		/* wall clock when this body was last confirmed current */
	char *body;		/* len bytes, plus a NUL that is not counted */
	size_t len;
};

enum cache_result {
	CACHE_OK,
	CACHE_MISSING,	/* no cached copy of this URL */
	CACHE_BAD,	/* a file is there but does not check out; err says why */
};

/* A 64-bit FNV-1a hash: names cache files, checks their bodies, spots unchanged bodies. */
uint64_t cache_checksum(const void *bytes, size_t len);

/* The cache file's path for url in dir, malloc'd; NULL when out of memory. */
char *cache_path(const char *dir, const char *url);

/*
 * Writes entry atomically as the cached copy of entry->url in dir (which must exist).
 * Validators holding a CR or LF are not stored. False with err filled (and the old copy left
 * as it was) on any failure.
 */
bool cache_store(const char *dir, const struct cache_entry *entry, struct error *err);

/*
 * Reads the cached copy of url from dir into *out (zeroed first; release it with
 * cache_entry_finish()). A body larger than max_bytes reads as CACHE_BAD.
 */
enum cache_result cache_load(const char *dir, const char *url, size_t max_bytes,
			     struct cache_entry *out, struct error *err);

/*
 * Removes the temporary files that writers killed mid-store left in dir: those whose writer's
 * pid is gone, and any older than ten minutes (a pid reused since). A live writer's file (a
 * `foyer --state` beside the daemon) stays. Returns how many went. Called at start.
 */
size_t cache_sweep(const char *dir);

/* Frees what an entry owns (not the struct itself); the entry is zeroed. */
void cache_entry_finish(struct cache_entry *entry);

#endif
