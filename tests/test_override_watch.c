/*
 * test_override_watch.c — the override file's edge against a real directory: inotify sees
 * in-place writes, saves by rename and deletion of the file (and ignores its neighbours); a bad
 * save keeps the previous good overrides and says why, with the line.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "override_watch.h"

static char dir[64], path[128];

/* Waits (generously: this asserts on what arrives, not on how fast) for the fd, then drains. */
static bool changed(struct watch *w)
{
	struct pollfd pfd = {.fd = watch_fd(w), .events = POLLIN};
	if (poll(&pfd, 1, 5000) <= 0)
		return false;
	return watch_drain(w);
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");
	fputs(text, f);
	fclose(f);
}

static void save_by_rename(const char *text)
{
	char tmp[160];
	snprintf(tmp, sizeof tmp, "%s/.override.conf.swp", dir);
	write_file(tmp, text);
	rename(tmp, path);
}

int main(void)
{
	struct error err = {0};
	struct tz *utc = tz_fixed("UTC", 0);
	snprintf(dir, sizeof dir, "/tmp/foyer-test-watch.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/override.conf", dir);

	struct watch w;
	CHECK(watch_init(&w, path), "init");
	CHECK(watch_start(&w, &err), "start: %s", err.message);
	CHECK(watch_reload(&w, utc, 1000, true) && w.set && !w.set->has_emergency,
	      "no file yet: no overrides");

	write_file(path, "[emergency]\ntitle = Fire drill\n");
	CHECK(changed(&w), "an in-place write is seen");
	CHECK(watch_reload(&w, utc, 1000, true), "good file");
	CHECK(w.set && w.set->has_emergency && !strcmp(w.set->emergency.title, "Fire drill"), "in force");

	char other[160];
	snprintf(other, sizeof other, "%s/notes.txt", dir);
	write_file(other, "x");
	CHECK(!changed(&w), "another file in the directory is not ours");

	save_by_rename("[emergency]\ntitle = Evacuate\n");
	CHECK(changed(&w), "a save by rename is seen");
	CHECK(watch_reload(&w, utc, 1000, true), "good again");
	CHECK(w.set && !strcmp(w.set->emergency.title, "Evacuate"), "the renamed file is read");
	CHECK(w.problems.n == 0 && !w.kept_previous, "no problems");

	save_by_rename("[emergency]\ntitle = Evacuate\nuntil = soon\n");
	CHECK(changed(&w), "the bad save is seen");
	CHECK(!watch_reload(&w, utc, 1000, true), "a bad file is refused");
	CHECK(w.set && !strcmp(w.set->emergency.title, "Evacuate"), "the previous overrides stay");
	CHECK(w.kept_previous, "and say so");
	CHECK(w.problems.n == 1 && w.problems.items[0].line == 3, "the problem, with its line");

	unlink(path);
	CHECK(changed(&w), "deletion is seen");
	CHECK(watch_reload(&w, utc, 1000, true) && w.set && !w.set->has_emergency,
	      "no file: no overrides");
	watch_finish(&w);

	struct watch nowhere;
	watch_init(&nowhere, "/nonexistent-foyer-dir/override.conf");
	CHECK(!watch_start(&nowhere, &err) && strstr(err.message, "/nonexistent-foyer-dir"),
	      "a missing directory is an error naming it: %s", err.message);
	watch_finish(&nowhere);

	unlink(other);
	rmdir(dir);
	tz_destroy(utc);
	return check_done();
}
