/*
 * cache.c — atomic on-disk copies of the last good feed bodies; see cache.h.
 *
 * The file format, all in one file so that one rename() replaces everything at once:
 *
 *	foyer-cache 1
 *	url https://example.org/schedule.xml
 *	etag "abc"
 *	last-modified Mon, 10 Dec 2018 09:00:00 GMT
 *	fetched 1544432400
 *	length 12345
 *	checksum 0123456789abcdef
 *	<empty line>
 *	<length bytes of body>
 *
 * Temporary files (".feed-HASH.cache.PID.XXXXXX") left behind by a crash or a kill -9 are
 * swept at start (cache_sweep()) and before each store: those whose writer's pid is gone at
 * once, any other once it is old enough that no other foyer process can still be writing it.
 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

#define CACHE_MAGIC "foyer-cache 1\n"
#define CACHE_HEADER_MAX 16384
#define CACHE_TEMP_MAX_AGE_S 600

uint64_t cache_checksum(const void *bytes, size_t len)
{
	const unsigned char *p = bytes;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static void file_name(const char *url, char out[40])
{
	snprintf(out, 40, "feed-%016" PRIx64 ".cache", cache_checksum(url, strlen(url)));
}

char *cache_path(const char *dir, const char *url)
{
	char name[40];
	file_name(url, name);
	size_t len = strlen(dir) + 1 + strlen(name) + 1;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static bool header_safe(const char *value)
{
	return value && *value && !strpbrk(value, "\r\n") && strlen(value) < 1024;
}

/*
 * Whether the temporary file `name` (".feed-HASH.cache.PID.XXXXXX") is a dead writer's:
 * its writer's pid is gone (or is this process, whose one writer is the caller), or it is
 * older than CACHE_TEMP_MAX_AGE_S (a name without a pid, or a pid reused after a reboot by
 * another process). Two foyers sharing the directory see each other's pids; one in another
 * pid namespace may look gone, and then its store in progress fails once ("not cached") and
 * the next good body is stored again.
 */
static bool temporary_stale(const char *name, const struct stat *st, time_t now)
{
	const char *p = strstr(name, ".cache.");
	if (!p)
		return false;
	char *end = NULL;
	long pid = strtol(p + 7, &end, 10);
	if (end != p + 7 && *end == '.' && pid > 0) {
		if (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
			return true;
	}
	return now - st->st_mtime > CACHE_TEMP_MAX_AGE_S;
}

/* Removes the temporary files (all, or those of the cache file `name`) dead writers left. */
static size_t sweep_temporaries(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char prefix[48];	/* ".feed-HASH.cache.", or all of them: ".feed-" */
	if (name)
		snprintf(prefix, sizeof prefix, ".%s.", name);
	else
		snprintf(prefix, sizeof prefix, ".feed-");
	size_t prefix_len = strlen(prefix), swept = 0;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, prefix_len) != 0)
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && temporary_stale(e->d_name, &st, now) &&
		    unlinkat(dirfd(d), e->d_name, 0) == 0)
			swept++;
	}
	closedir(d);
	return swept;
}

size_t cache_sweep(const char *dir)
{
	return sweep_temporaries(dir, NULL);
}

static bool sync_directory(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0 || errno == EINVAL;	/* some file systems cannot sync a directory */
	close(fd);
	return ok;
}

bool cache_store(const char *dir, const struct cache_entry *entry, struct error *err)
{
	char name[40];
	file_name(entry->url, name);
	sweep_temporaries(dir, name);

	char header[CACHE_HEADER_MAX];
	int n = snprintf(header, sizeof header, CACHE_MAGIC "url %s\n", entry->url);
	if (header_safe(entry->etag))
		n += snprintf(header + n, sizeof header - (size_t)n, "etag %s\n", entry->etag);
	if (header_safe(entry->last_modified))
		n += snprintf(header + n, sizeof header - (size_t)n, "last-modified %s\n",
			      entry->last_modified);
	n += snprintf(header + n, sizeof header - (size_t)n,
		      "fetched %lld\nlength %zu\nchecksum %016" PRIx64 "\n\n",
		      (long long)entry->fetched, entry->len, cache_checksum(entry->body, entry->len));
	if (n < 0 || (size_t)n >= sizeof header || strpbrk(entry->url, "\r\n")) {
		error_set(err, 0, 0, "the URL is too long or holds a line break");
		return false;
	}

	size_t dir_len = strlen(dir);
	char *temp = malloc(dir_len + strlen(name) + 40);
	char *final = cache_path(dir, entry->url);
	if (!temp || !final) {
		free(temp);
		free(final);
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	sprintf(temp, "%s/.%s.%ld.XXXXXX", dir, name, (long)getpid());
	int fd = mkostemp(temp, O_CLOEXEC);
	if (fd < 0) {
		error_set(err, 0, 0, "cannot create a file in %s: %s", dir, strerror(errno));
		free(temp);
		free(final);
		return false;
	}
	bool ok = fchmod(fd, 0644) == 0 && write_all(fd, header, (size_t)n) &&
		  write_all(fd, entry->body, entry->len) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(temp, final) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		error_set(err, 0, 0, "cannot write %s: %s", final, strerror(saved));
		unlink(temp);
	} else if (!sync_directory(dir)) {
		/* The new file is in place; only its durability across a power cut is in doubt. */
		error_set(err, 0, 0, "cannot sync %s: %s", dir, strerror(errno));
		ok = false;
	}
	free(temp);
	free(final);
	return ok;
}

void cache_entry_finish(struct cache_entry *entry)
{
	if (!entry)
		return;
	free(entry->url);
	free(entry->etag);
	free(entry->last_modified);
	free(entry->body);
	memset(entry, 0, sizeof *entry);
}

static char *dup_range(const char *p, const char *end)
{
	return strndup(p, (size_t)(end - p));
}

/* Parses the header lines of buf into out; returns the offset of the body, 0 when bad. */
static size_t parse_header(const char *buf, size_t len, struct cache_entry *out, size_t *length,
			   uint64_t *checksum, struct error *err)
{
	size_t magic = strlen(CACHE_MAGIC);
	if (len < magic || memcmp(buf, CACHE_MAGIC, magic) != 0) {
		error_set(err, 1, 0, "not a foyer cache file");
		return 0;
	}
	const char *p = buf + magic, *end = buf + len;
	bool have_length = false, have_checksum = false;
	for (int line = 2;; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol || eol - buf > CACHE_HEADER_MAX) {
			error_set(err, line, 0, "the header is cut short");
			return 0;
		}
		if (eol == p) {
			if (!out->url || !have_length || !have_checksum) {
				error_set(err, line, 0, "the header lacks url, length or checksum");
				return 0;
			}
			return (size_t)(eol + 1 - buf);
		}
		const char *space = memchr(p, ' ', (size_t)(eol - p));
		if (!space) {
			error_set(err, line, 0, "a header line without a value");
			return 0;
		}
		size_t key = (size_t)(space - p);
		const char *value = space + 1;
		char number[32];
		size_t vlen = (size_t)(eol - value);
		snprintf(number, sizeof number, "%.*s", (int)(vlen < 31 ? vlen : 31), value);
		char *num_end = NULL;
		if (key == 3 && !memcmp(p, "url", 3) && !out->url) {
			out->url = dup_range(value, eol);
		} else if (key == 4 && !memcmp(p, "etag", 4) && !out->etag) {
			out->etag = dup_range(value, eol);
		} else if (key == 13 && !memcmp(p, "last-modified", 13) && !out->last_modified) {
			out->last_modified = dup_range(value, eol);
		} else if (key == 7 && !memcmp(p, "fetched", 7)) {
			out->fetched = (time_t)strtoll(number, &num_end, 10);
		} else if (key == 6 && !memcmp(p, "length", 6)) {
			*length = (size_t)strtoull(number, &num_end, 10);
			have_length = num_end && !*num_end && vlen > 0;
		} else if (key == 8 && !memcmp(p, "checksum", 8)) {
			*checksum = strtoull(number, &num_end, 16);
			have_checksum = num_end && !*num_end && vlen == 16;
		}
		/* Unknown keys are skipped: a newer foyer may add some. */
		p = eol + 1;
	}
}

enum cache_result cache_load(const char *dir, const char *url, size_t max_bytes,
			     struct cache_entry *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	error_clear(err);
	char *path = cache_path(dir, url);
	if (!path) {
		error_set(err, 0, 0, "out of memory");
		return CACHE_BAD;
	}
	struct stat st;
	struct error why = {0};
	int fd = file_open_regular(path, O_NOFOLLOW, &st, &why);
	if (fd < 0) {
		enum cache_result result = errno == ENOENT ? CACHE_MISSING : CACHE_BAD;
		if (result == CACHE_BAD)
			error_set(err, 0, 0, "%s: %s", path, why.message);
		free(path);
		return result;
	}
	size_t len = 0;
	char *buf = file_read_fd(fd, &st, max_bytes + CACHE_HEADER_MAX, &len, &why);
	close(fd);
	size_t length = 0, body = 0;
	uint64_t checksum = 0;
	if (buf)
		body = parse_header(buf, len, out, &length, &checksum, &why);
	if (buf && body) {
		if (strcmp(out->url, url) != 0)
			error_set(&why, 2, 0, "it holds another URL (%s)", out->url);
		else if (length > max_bytes)
			error_set(&why, 0, 0, "its body is larger than the %zu bytes allowed", max_bytes);
		else if (len - body != length)
			error_set(&why, 0, 0, "its body has %zu bytes, not %zu", len - body, length);
		else if (cache_checksum(buf + body, length) != checksum)
			error_set(&why, 0, 0, "its body does not match its checksum");
	}
	if (!buf || !body || why.message[0]) {
		error_set(err, why.line, 0, "%s: %s", path, why.message);
		free(buf);
		free(path);
		cache_entry_finish(out);
		return CACHE_BAD;
	}
	/* Keep only the body, moved to the front of the buffer. */
	memmove(buf, buf + body, length);
	buf[length] = '\0';
	out->body = buf;
	out->len = length;
	free(path);
	return CACHE_OK;
}
