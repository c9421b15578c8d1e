/*
 * override_watch.h — the override file at the edge: reading it (with a validate-then-swap
 * reload) and noticing when AV staff save it.
 *
 * Saving must take effect within a second, however the file is saved: editors that write in
 * place close it (IN_CLOSE_WRITE), editors and `scp`/`rsync` that write a temporary file and
 * rename it over the old one produce IN_MOVED_TO. So we watch the file's *directory*, not the
 * file (an inode watch would stay on the renamed-away old file), and filter on the name; the
 * file need not exist yet. Deleting the file (IN_DELETE) clears the overrides.
 *
 * A deploy tool may replace the whole directory (delete it and create it again, or rename a
 * new one over it). The old directory's watch ends with it, so the parent directory is
 * watched too: when the directory comes back it is watched again and the file re-read. A
 * directory missing at start is waited for the same way. Every override_watch_reload() (SIGHUP)
 * also re-arms the watches, in case the parent itself was replaced.
 *
 * override_watch_reload() is also what SIGHUP, --check and --state call. A file that does not
 * parse keeps the previous good overrides in force and records its problems for the log, the
 * state JSON and --check; a screen is never blanked by a bad edit.
 *
 * Entry points: override_watch_init() / override_watch_finish() (caller-owned struct),
 * override_watch_start() (inotify; register override_watch_fd() with loop.h),
 * override_watch_drain() (from the fd's callback), override_watch_reload().
 */
#ifndef FOYER_OVERRIDE_WATCH_H
#define FOYER_OVERRIDE_WATCH_H

#include <stdbool.h>
#include <time.h>

#include "error.h"
#include "override.h"
#include "tz.h"

struct override_watch {
	char *path;			/* the override file */
	struct override_set *set;	/* the overrides in force (the last good file); NULL: none */
	time_t loaded;			/* when `set` was read; 0: never */
	struct error_list problems;	/* the last read's problems; empty when it was good */
	bool kept_previous;		/* the last read failed and an older good set stays */
	int inotify_fd;			/* -1 until override_watch_start() */
	char *dir, *name;		/* path split for the directory watch */
	char *parent, *dir_name;	/* dir split for the parent's watch */
	int dir_wd, parent_wd;		/* the watches; -1: none (the directory is missing) */
};

/* Sets up w for path (copied). False when out of memory. */
bool override_watch_init(struct override_watch *w, const char *path);
void override_watch_finish(struct override_watch *w);

/*
 * Starts watching the file's directory (and its parent) with inotify. False with err filled
 * when neither can be watched; the caller logs it and carries on with SIGHUP only. True with
 * err filled when only the parent is (the directory does not exist yet): worth a warning.
 */
bool override_watch_start(struct override_watch *w, struct error *err);
/* Watches the directory again if it was replaced; true when it is watched. */
bool override_watch_rearm(struct override_watch *w);
/* The inotify fd for loop_add_fd(), or -1. */
int override_watch_fd(const struct override_watch *w);
/*
 * Reads the pending inotify events; true when one of them was about the file (or its
 * directory went or came back: read the file again).
 */
bool override_watch_drain(struct override_watch *w);

/*
 * Reads and parses the file. A missing file is an empty set (no overrides). On success the
 * new set replaces the old one; on failure the old one stays, w->problems lists why and
 * w->kept_previous says whether there was a previous one. Times without a date are on the
 * day the file was last modified, or — with a simulated clock (--at) — on the day of `now`.
 * Returns true when the file was good.
 */
bool override_watch_reload(struct override_watch *w, const struct tz *tz, time_t now,
			   bool simulated_clock);

#endif
