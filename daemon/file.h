/*
 * file.h — whole-file reads with a size cap, and atomic writes (temp file, fsync, rename,
 * fsync of the directory), so that a reader or a crash never sees half a file; plain writes
 * for paths the user names.
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

/*
 * Writes len bytes of data to path in place (created or truncated), for a path the user
 * names, which may be a device or a pipe; every write error (a full disk) is reported.
 * Files foyer keeps for itself go through file_write_atomic().
 */
bool file_write(const char *path, const void *data, size_t len, struct error *err);

#endif
