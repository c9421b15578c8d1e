/*
 * test_override_watch.c — the override file's edge against a real directory: inotify sees
 * in-place writes, saves by rename and deletion of the file (and ignores its neighbours); a bad
 * save keeps the previous good overrides and says why, with the line; a FIFO over the file is
 * refused without waiting; the directory deleted, replaced or missing at start is watched
 * again when it (re)appears.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "override_watch.h"

static char dir[64], path[128];

/* Waits (generously: this asserts on what arrives, not on how fast) for the fd, then drains. */
static bool changed(struct override_watch *w)
{
	struct pollfd pfd = {.fd = override_watch_fd(w), .events = POLLIN};
	if (poll(&pfd, 1, 5000) <= 0)
		return false;
	return override_watch_drain(w);
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

	struct override_watch w;
	CHECK(override_watch_init(&w, path), "init");
	CHECK(override_watch_start(&w, &err), "start: %s", err.message);
	CHECK(override_watch_reload(&w, utc, 1000, true) && w.set && !w.set->has_emergency,
	      "no file yet: no overrides");

	write_file(path, "[emergency]\ntitle = Fire drill\n");
	CHECK(changed(&w), "an in-place write is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true), "good file");
	CHECK(w.set && w.set->has_emergency && !strcmp(w.set->emergency.title, "Fire drill"), "in force");

	char other[160];
	snprintf(other, sizeof other, "%s/notes.txt", dir);
	write_file(other, "x");
	CHECK(!changed(&w), "another file in the directory is not ours");

	save_by_rename("[emergency]\ntitle = Evacuate\n");
	CHECK(changed(&w), "a save by rename is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true), "good again");
	CHECK(w.set && !strcmp(w.set->emergency.title, "Evacuate"), "the renamed file is read");
	CHECK(w.problems.n == 0 && !w.kept_previous, "no problems");

	save_by_rename("[emergency]\ntitle = Evacuate\nuntil = soon\n");
	CHECK(changed(&w), "the bad save is seen");
	CHECK(!override_watch_reload(&w, utc, 1000, true), "a bad file is refused");
	CHECK(w.set && !strcmp(w.set->emergency.title, "Evacuate"), "the previous overrides stay");
	CHECK(w.kept_previous, "and say so");
	CHECK(w.problems.n == 1 && w.problems.items[0].line == 3, "the problem, with its line");

	/* A FIFO renamed over the file: refused at once (a read would wait for a writer). */
	save_by_rename("[emergency]\ntitle = Evacuate\n");
	CHECK(changed(&w) && override_watch_reload(&w, utc, 1000, true), "good again");
	char fifo[160];
	snprintf(fifo, sizeof fifo, "%s/.fifo", dir);
	CHECK(mkfifo(fifo, 0600) == 0 && rename(fifo, path) == 0, "a FIFO over the file");
	CHECK(changed(&w), "the FIFO is seen");
	CHECK(!override_watch_reload(&w, utc, 1000, true), "a FIFO is refused");
	CHECK(w.set && !strcmp(w.set->emergency.title, "Evacuate") && w.kept_previous,
	      "the previous overrides stay");
	CHECK(w.problems.n == 1 && strstr(w.problems.items[0].message, "not a regular file (a FIFO)"),
	      "and why: %s", w.problems.n ? w.problems.items[0].message : "");

	unlink(path);
	CHECK(changed(&w), "deletion is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true) && w.set && !w.set->has_emergency,
	      "no file: no overrides");

	/* The directory deleted and created again (a deploy tool): later saves are still seen. */
	unlink(other);
	write_file(path, "[emergency]\ntitle = Fire drill\n");
	CHECK(changed(&w) && override_watch_reload(&w, utc, 1000, true), "good file");
	unlink(path);
	CHECK(rmdir(dir) == 0, "rmdir %s", dir);
	CHECK(changed(&w), "the directory going is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true) && !w.set->has_emergency,
	      "and clears the overrides");
	CHECK(mkdir(dir, 0700) == 0, "mkdir %s", dir);
	CHECK(changed(&w), "the directory coming back is seen");
	write_file(path, "[emergency]\ntitle = Back\n");
	CHECK(changed(&w), "a save in the new directory is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true) && !strcmp(w.set->emergency.title, "Back"),
	      "and read");

	/* Another directory renamed over it, the file already inside. */
	char fresh[96], old_dir[96];
	snprintf(fresh, sizeof fresh, "%s.new", dir);
	snprintf(old_dir, sizeof old_dir, "%s.old", dir);
	char fresh_file[160];
	snprintf(fresh_file, sizeof fresh_file, "%s/override.conf", fresh);
	CHECK(mkdir(fresh, 0700) == 0, "mkdir %s", fresh);
	write_file(fresh_file, "[emergency]\ntitle = Replaced\n");
	CHECK(rename(dir, old_dir) == 0 && rename(fresh, dir) == 0, "the directory replaced");
	CHECK(changed(&w), "the replacement is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true) &&
	      !strcmp(w.set->emergency.title, "Replaced"),
	      "the new directory's file is read");
	save_by_rename("[emergency]\ntitle = Saved\n");
	CHECK(changed(&w), "a save in the replacing directory is seen");
	CHECK(override_watch_reload(&w, utc, 1000, true) &&
	      !strcmp(w.set->emergency.title, "Saved"),
	      "and read");
	char old_file[160];
	snprintf(old_file, sizeof old_file, "%s/override.conf", old_dir);
	unlink(old_file);
	rmdir(old_dir);
	override_watch_finish(&w);

	/* A directory missing at start is waited for. */
	char later[96], later_file[160];
	snprintf(later, sizeof later, "%s/later", dir);
	snprintf(later_file, sizeof later_file, "%s/override.conf", later);
	struct override_watch w2;
	CHECK(override_watch_init(&w2, later_file), "init");
	CHECK(override_watch_start(&w2, &err) && strstr(err.message, later),
	      "a missing directory: watched for, and said: %s", err.message);
	CHECK(mkdir(later, 0700) == 0, "mkdir %s", later);
	CHECK(changed(&w2), "the directory appearing is seen");
	write_file(later_file, "[emergency]\ntitle = Later\n");
	CHECK(changed(&w2), "a save in it is seen");
	CHECK(override_watch_reload(&w2, utc, 1000, true) &&
	      !strcmp(w2.set->emergency.title, "Later"),
	      "and read");
	override_watch_finish(&w2);
	unlink(later_file);
	rmdir(later);

	/* The parent replaced too: nothing tells, but a reload (SIGHUP) watches again. */
	char outer[96], inner[110], inner_file[160];
	snprintf(outer, sizeof outer, "%s/outer", dir);
	snprintf(inner, sizeof inner, "%s/inner", outer);
	snprintf(inner_file, sizeof inner_file, "%s/override.conf", inner);
	CHECK(mkdir(outer, 0700) == 0 && mkdir(inner, 0700) == 0, "mkdir %s", inner);
	struct override_watch w3;
	CHECK(override_watch_init(&w3, inner_file) && override_watch_start(&w3, &err), "start: %s",
	      err.message);
	CHECK(rmdir(inner) == 0 && rmdir(outer) == 0, "both directories removed");
	CHECK(changed(&w3), "the directory going is seen");
	CHECK(mkdir(outer, 0700) == 0 && mkdir(inner, 0700) == 0, "both created again");
	CHECK(override_watch_reload(&w3, utc, 1000, true) && !w3.set->has_emergency,
	      "a reload: no file");
	write_file(inner_file, "[emergency]\ntitle = Mended\n");
	CHECK(changed(&w3), "after the reload, a save is seen again");
	CHECK(override_watch_reload(&w3, utc, 1000, true) &&
	      !strcmp(w3.set->emergency.title, "Mended"),
	      "and read");
	override_watch_finish(&w3);
	unlink(inner_file);
	rmdir(inner);
	rmdir(outer);

	struct override_watch nowhere;
	override_watch_init(&nowhere, "/nonexistent-foyer-dir/sub/override.conf");
	CHECK(!override_watch_start(&nowhere, &err) &&
	      strstr(err.message, "/nonexistent-foyer-dir/sub"),
	      "no directory and no parent is an error naming it: %s", err.message);
	override_watch_finish(&nowhere);

	unlink(path);
	rmdir(dir);
	tz_destroy(utc);
	return check_done();
}
