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
/* the directory itself goes (deleted, renamed away, unmounted): its watch ends */
#define WATCH_SELF_MASK (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)
/* in the parent: the directory comes (back) or goes */
#define WATCH_PARENT_MASK (IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM)

static char *parent_of(const char *dir, char **base)
{
	const char *end = dir + strlen(dir);
	while (end > dir + 1 && end[-1] == '/')
		end--;
	const char *slash = end;
	while (slash > dir && slash[-1] != '/')
		slash--;
	*base = strndup(slash, (size_t)(end - slash));
	if (slash == dir)
		return strdup(".");
	if (slash == dir + 1)
		return strdup("/");
	return strndup(dir, (size_t)(slash - 1 - dir));
}

bool override_watch_init(struct override_watch *w, const char *path)
{
	*w = (struct override_watch){.inotify_fd = -1, .dir_wd = -1, .parent_wd = -1};
	w->path = strdup(path);
	const char *slash = strrchr(path, '/');
	if (slash) {
		w->dir = slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
		w->name = strdup(slash + 1);
	} else {
		w->dir = strdup(".");
		w->name = strdup(path);
	}
	if (w->dir)
		w->parent = parent_of(w->dir, &w->dir_name);
	if (!w->path || !w->dir || !w->name || !w->parent || !w->dir_name) {
		override_watch_finish(w);
		return false;
	}
	return true;
}

void override_watch_finish(struct override_watch *w)
{
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	override_destroy(w->set);
	error_list_finish(&w->problems);
	free(w->path);
	free(w->dir);
	free(w->name);
	free(w->parent);
	free(w->dir_name);
	*w = (struct override_watch){.inotify_fd = -1, .dir_wd = -1, .parent_wd = -1};
}

/*
 * (Re-)arms the watch on the directory; a directory replaced since (deleted and created
 * again, or another one renamed over it) is a new inode and gets a new watch. Returns true
 * when the directory is watched.
 */
static bool arm_directory(struct override_watch *w)
{
	int wd = inotify_add_watch(w->inotify_fd, w->dir, WATCH_MASK | WATCH_SELF_MASK | IN_ONLYDIR);
	if (wd < 0)
		return false;
	w->dir_wd = wd;
	return true;
}

/* The parent tells when the directory is replaced; "/" (or "." or "..") has none to watch. */
static void arm_parent(struct override_watch *w)
{
	if (strcmp(w->dir, "/") != 0 && strcmp(w->dir_name, ".") != 0 &&
	    strcmp(w->dir_name, "..") != 0)
		w->parent_wd = inotify_add_watch(w->inotify_fd, w->parent,
						 WATCH_PARENT_MASK | IN_ONLYDIR);
}

bool override_watch_start(struct override_watch *w, struct error *err)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		error_set(err, 0, 0, "inotify: %s", strerror(errno));
		return false;
	}
	w->inotify_fd = fd;
	arm_parent(w);
	if (!arm_directory(w)) {
		error_set(err, 0, 0, "cannot watch the directory %s: %s", w->dir, strerror(errno));
		if (w->parent_wd >= 0)
			return true;	/* it is watched for as soon as it is created */
		close(fd);
		w->inotify_fd = -1;
		return false;
	}
	return true;
}

int override_watch_fd(const struct override_watch *w)
{
	return w->inotify_fd;
}

bool override_watch_drain(struct override_watch *w)
{
	/* Aligned as inotify(7) asks; one read returns as many whole events as fit. */
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool ours = false, rearm = false;
	for (;;) {
		ssize_t n = read(w->inotify_fd, buf, sizeof buf);
		if (n <= 0)
			break;	/* EAGAIN: drained */
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if (ev->wd == w->dir_wd && (ev->mask & WATCH_MASK) && ev->len &&
			    !strcmp(ev->name, w->name))
				ours = true;
			if (ev->wd == w->dir_wd && (ev->mask & (WATCH_SELF_MASK | IN_IGNORED))) {
				/* the directory went, and the file with it */
				if (ev->mask & IN_MOVE_SELF)
					inotify_rm_watch(w->inotify_fd, w->dir_wd);
				w->dir_wd = -1;
				ours = rearm = true;
			}
			if (ev->wd == w->parent_wd && (ev->mask & WATCH_PARENT_MASK) && ev->len &&
			    !strcmp(ev->name, w->dir_name))
				ours = rearm = true;
			if (ev->wd == w->parent_wd && (ev->mask & IN_IGNORED))
				w->parent_wd = -1;
			p += sizeof *ev + ev->len;
		}
	}
	if (rearm)
		arm_directory(w);	/* it may be back already; if not, the parent says when */
	return ours;
}

bool override_watch_rearm(struct override_watch *w)
{
	if (w->inotify_fd < 0)
		return false;
	arm_parent(w);
	return arm_directory(w);
}

bool override_watch_reload(struct override_watch *w, const struct tz *tz, time_t now,
			   bool simulated_clock)
{
	error_list_finish(&w->problems);
	override_watch_rearm(w);	/* SIGHUP also mends a watch whose directory was replaced */
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
