/*
 * file.c — capped reads and atomic writes; see file.h.
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static const char *file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISDIR(mode))
		return "a directory";
	return "not a file";
}

int file_open_regular(const char *path, int flags, struct stat *st, struct error *err)
{
	/* O_NONBLOCK: open() on a FIFO with no writer would wait for one for good */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags);
	if (fd < 0) {
		error_set(err, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0) {
		error_set(err, 0, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	/* /dev/null reads as an empty file: `-c /dev/null` is how one says "no config" */
	bool null_device = S_ISCHR(st->st_mode) && st->st_rdev == makedev(1, 3);
	if (!S_ISREG(st->st_mode) && !null_device) {
		error_set(err, 0, 0, "not a regular file (%s)", file_kind(st->st_mode));
		close(fd);
		errno = EINVAL;
		return -1;
	}
	/* reads of a regular file never block anyway; clear the flag for tidiness */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

char *file_read_fd(int fd, const struct stat *st, size_t max, size_t *len, struct error *err)
{
	if ((uint64_t)st->st_size > max) {
		error_set(err, 0, 0, "larger than the %zu bytes allowed", max);
		errno = EFBIG;
		return NULL;
	}
	size_t size = (size_t)st->st_size, got = 0;
	char *buf = malloc(size + 1);
	if (!buf) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_set(err, 0, 0, "%s", n < 0 ? strerror(errno) : "short read");
			free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
}

char *file_read(const char *path, size_t max, size_t *len, struct error *err)
{
	struct stat st;
	int fd = file_open_regular(path, 0, &st, err);
	if (fd < 0)
		return NULL;
	char *buf = file_read_fd(fd, &st, max, len, err);
	close(fd);
	return buf;
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool file_write_atomic(const char *path, const void *data, size_t len, struct error *err)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
		error_set(err, 0, 0, "path too long");
		return false;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_set(err, 0, 0, "%s: %s", tmp, strerror(errno));
		return false;
	}
	if (!write_all(fd, data, len) || fsync(fd) != 0) {
		error_set(err, 0, 0, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return false;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		error_set(err, 0, 0, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);	/* the rename is durable once the directory is */
		close(dfd);
	}
	return true;
}

bool file_write(const char *path, const void *data, size_t len, struct error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_set(err, 0, 0, "%s: %s", path, strerror(errno));
		return false;
	}
	bool ok = write_all(fd, data, len);
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok)
		error_set(err, 0, 0, "%s: %s", path, strerror(saved));
	return ok;
}
