/*
 * override_watch.c — reading and watching the override file; see override_watch.h.
 */
#include "override_watch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

#define WATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE)

bool watch_init(struct watch *w, const char *path)
{
	*w = (struct watch){.inotify_fd = -1};
	w->path = strdup(path);
	const char *slash = strrchr(path, '/');
	if (slash) {
		w->dir = slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
		w->name = strdup(slash + 1);
	} else {
		w->dir = strdup(".");
		w->name = strdup(path);
	}
	if (!w->path || !w->dir || !w->name) {
		watch_finish(w);
		return false;
	}
	return true;
}

void watch_finish(struct watch *w)
{
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	override_destroy(w->set);
	error_list_finish(&w->problems);
	free(w->path);
	free(w->dir);
	free(w->name);
	*w = (struct watch){.inotify_fd = -1};
}

bool watch_start(struct watch *w, struct error *err)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		error_set(err, 0, 0, "inotify: %s", strerror(errno));
		return false;
	}
	if (inotify_add_watch(fd, w->dir, WATCH_MASK | IN_ONLYDIR) < 0) {
		error_set(err, 0, 0, "cannot watch the directory %s: %s", w->dir, strerror(errno));
		close(fd);
		return false;
	}
	w->inotify_fd = fd;
	return true;
}

int watch_fd(const struct watch *w)
{
	return w->inotify_fd;
}

bool watch_drain(struct watch *w)
{
	/* Aligned as inotify(7) asks; one read returns as many whole events as fit. */
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool ours = false;
	for (;;) {
		ssize_t n = read(w->inotify_fd, buf, sizeof buf);
		if (n <= 0)
			break;	/* EAGAIN: drained */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if ((ev->mask & WATCH_MASK) && ev->len && !strcmp(ev->name, w->name))
				ours = true;
			p += sizeof *ev + ev->len;
		}
	}
	return ours;
}

bool watch_reload(struct watch *w, const struct tz *tz, time_t now, bool simulated_clock)
{
	error_list_finish(&w->problems);
	struct stat st;
	if (stat(w->path, &st) != 0 && errno == ENOENT) {
		/* No file (not yet, or removed): nothing overridden. */
		struct override_set *empty = override_parse("", 0, tz, now, &w->problems);
		if (!empty)
			return false;
		override_destroy(w->set);
		w->set = empty;
		w->loaded = now;
		w->kept_previous = false;
		return true;
	}
	struct error err = {0};
	size_t len = 0;
	char *bytes = file_read(w->path, OVERRIDE_MAX_BYTES, &len, &err);
	struct override_set *set = NULL;
	if (!bytes) {
		error_list_add(&w->problems, 0, 0, "%s", err.message);
	} else {
		time_t reference = simulated_clock ? now : st.st_mtime;
		set = override_parse(bytes, len, tz, reference, &w->problems);
		free(bytes);
	}
	if (!set) {
		w->kept_previous = w->set != NULL;
		return false;
	}
	override_destroy(w->set);
	w->set = set;
	w->loaded = now;
	w->kept_previous = false;
	return true;
}
