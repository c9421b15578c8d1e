/*
 * check.h — the smallest test harness: CHECK() records a failure and carries on, so one run
 * shows every broken row of a table; check_done() prints "N passed, N failed" and gives the
 * exit status for ctest. check_count_entries() counts a directory's entries (files left
 * behind, /proc/self/fd's open files).
 */
#ifndef FOYER_CHECK_H
#define FOYER_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                                   \
	do {                                                                               \
		if (cond) {                                                                \
			check_passed++;                                                    \
		} else {                                                                   \
			check_failed++;                                                    \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                      \
			fputc('\n', stderr);                                               \
		}                                                                          \
	} while (0)

#define CHECK_STR(got, want, ...)                                                          \
	do {                                                                               \
		const char *check_got_ = (got), *check_want_ = (want);                     \
		if (check_got_ && check_want_ && !strcmp(check_got_, check_want_)) {       \
			check_passed++;                                                    \
		} else {                                                                   \
			check_failed++;                                                    \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\": ", __FILE__, __LINE__, \
				check_got_ ? check_got_ : "(null)",                        \
				check_want_ ? check_want_ : "(null)");                     \
			fprintf(stderr, __VA_ARGS__);                                      \
			fputc('\n', stderr);                                               \
		}                                                                          \
	} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* How many entries dir holds, "." and hidden ones not counted; 0 when it cannot be read. */
static inline int check_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

#endif
