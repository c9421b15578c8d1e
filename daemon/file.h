/*
 * file.h — whole-file reads with a size cap, and atomic writes (temp file, fsync, rename,
 * fsync of the directory), so that a reader or a crash never sees half a file.
 */
#ifndef FOYER_FILE_H
#define FOYER_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * Reads the whole file into a NUL-terminated buffer (caller frees); fails when it is larger
 * than max bytes. err gets the reason (strerror text, or "larger than ...").
 */
char *file_read(const char *path, size_t max, size_t *len, struct error *err);

/*
 * Replaces path with len bytes of data atomically: writes "path.tmp.PID", fsyncs it, renames
 * it over path and fsyncs the directory. On failure path is untouched and the temp file gone.
 */
bool file_write_atomic(const char *path, const void *data, size_t len, struct error *err);

#endif
