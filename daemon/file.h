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
 * Reads the whole of the regular file open on fd into a NUL-terminated buffer (caller frees;
 * fd stays open). Fails when it is not a regular file, when it is larger than max bytes
 * (errno is then EFBIG, so a caller can name the setting that sets max), and when it comes
 * back shorter than its size (it changed while read).
 */
char *file_read_fd(int fd, size_t max, size_t *len, struct error *err);

/*
 * Replaces path with len bytes of data atomically: writes "path.tmp.PID", fsyncs it, renames
 * it over path and fsyncs the directory. On failure path is untouched and the temp file gone.
 */
bool file_write_atomic(const char *path, const void *data, size_t len, struct error *err);

#endif
