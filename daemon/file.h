/*
 * file.h — whole-file reads with a size cap, and atomic writes (temp file, fsync, rename,
 * fsync of the directory), so that a reader or a crash never sees half a file. Every file
 * foyer reads (config, theme, override file, feed files, cache files) is opened here, so a
 * FIFO put where a file belongs is refused in one place instead of hanging the screen; plain
 * writes for paths the user names.
 */
#ifndef FOYER_FILE_H
#define FOYER_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct stat;

/*
 * Opens path for reading (flags are added to O_RDONLY | O_CLOEXEC, e.g. O_NOFOLLOW) without
 * ever blocking: a FIFO, a socket or a device where a file belongs is refused ("not a regular
 * file (a FIFO)"), never waited on; /dev/null reads as an empty file. st gets the file's
 * status. -1 with err filled (the reason, not the path: the caller names the file) and errno
 * set (EINVAL: not a regular file).
 */
int file_open_regular(const char *path, int flags, struct stat *st, struct error *err);

/*
 * Reads the whole of the file open on fd (from file_open_regular(), whose st it takes) into a
 * NUL-terminated buffer (caller frees; fd stays open). Fails when it is larger than max bytes
 * (errno is then EFBIG, so a caller can name the setting that sets max) and when it comes
 * back shorter than its size (it changed while read). err gets the reason.
 */
char *file_read_fd(int fd, const struct stat *st, size_t max, size_t *len, struct error *err);

/*
 * Reads the whole regular file into a NUL-terminated buffer (caller frees): file_open_regular()
 * then file_read_fd(). err gets the reason (strerror text, "not a regular file (...)", or
 * "larger than ...").
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
