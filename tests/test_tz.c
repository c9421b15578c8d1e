/*
 * test_tz.c — zones from the system's tzdata: offsets, DST in both directions, half-hour
 * zones, gaps and folds, and instants past the TZif table (the POSIX footer rule).
 */
#include <stdlib.h>

#include "check.h"
#include "tz.h"

static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct civil c = {y, mo, d, h, mi, s};
	return (time_t)civil_to_seconds(&c);
}

static void test_offsets(void)
{
	static const struct {
		const char *zone;
		int y, mo, d, h, mi;	/* UTC */
		int offset;
	} rows[] = {
		{"Europe/London", 2018, 12, 10, 14, 50, 0},
		{"Europe/London", 2019, 3, 31, 0, 59, 0},	/* a minute before BST */
		{"Europe/London", 2019, 3, 31, 1, 0, 3600},	/* BST begins 01:00 UTC */
		{"Europe/London", 2019, 10, 27, 0, 59, 3600},
		{"Europe/London", 2019, 10, 27, 1, 0, 0},
		{"America/New_York", 2019, 3, 10, 6, 59, -18000},
		{"America/New_York", 2019, 3, 10, 7, 0, -14400},
		{"America/New_York", 2019, 11, 3, 5, 59, -14400},
		{"America/New_York", 2019, 11, 3, 6, 0, -18000},
		{"Asia/Kolkata", 2020, 1, 1, 0, 0, 19800},
		{"America/St_Johns", 2020, 1, 1, 0, 0, -12600},
		{"America/St_Johns", 2020, 7, 1, 0, 0, -9000},
		{"Europe/Brussels", 2020, 2, 1, 9, 0, 3600},
		{"Australia/Sydney", 2020, 1, 13, 0, 0, 39600},	/* southern summer */
		{"Australia/Sydney", 2020, 7, 1, 0, 0, 36000},
		/* far past any TZif table: the footer rule decides */
		{"Europe/London", 2090, 7, 1, 12, 0, 3600},
		{"Europe/London", 2090, 12, 1, 12, 0, 0},
		{"Australia/Sydney", 2090, 1, 1, 0, 0, 39600},
		{"America/New_York", 2090, 3, 12, 6, 59, -18000},
		{"America/New_York", 2090, 3, 12, 7, 0, -14400},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct error err = {0};
		struct tz *tz = tz_load(rows[i].zone, &err);
		CHECK(tz != NULL, "%s: %s", rows[i].zone, err.message);
		if (!tz)
			continue;
		time_t t = utc(rows[i].y, rows[i].mo, rows[i].d, rows[i].h, rows[i].mi, 0);
		CHECK(tz_offset_at(tz, t) == rows[i].offset, "row %zu %s: offset %d", i,
		      rows[i].zone, tz_offset_at(tz, t));
		tz_destroy(tz);
	}
}

static void test_to_utc(void)
{
	static const struct {
		const char *zone;
		struct civil local;
		enum tz_local kind;
		int y, mo, d, h, mi;	/* the UTC instant expected */
	} rows[] = {
		{"Europe/London", {2018, 12, 10, 14, 50, 0}, TZ_LOCAL_EXACT, 2018, 12, 10, 14, 50},
		{"Europe/London", {2019, 7, 1, 9, 30, 0}, TZ_LOCAL_EXACT, 2019, 7, 1, 8, 30},
		/* spring forward: 01:30 never happens; the gap ends at 02:00 BST = 01:00 UTC */
		{"Europe/London", {2019, 3, 31, 1, 30, 0}, TZ_LOCAL_GAP, 2019, 3, 31, 1, 0},
		/* fall back: 01:30 happens twice; the first is BST, 00:30 UTC */
		{"Europe/London", {2019, 10, 27, 1, 30, 0}, TZ_LOCAL_FOLD, 2019, 10, 27, 0, 30},
		{"America/New_York", {2019, 3, 10, 2, 30, 0}, TZ_LOCAL_GAP, 2019, 3, 10, 7, 0},
		{"America/New_York", {2019, 11, 3, 1, 30, 0}, TZ_LOCAL_FOLD, 2019, 11, 3, 5, 30},
		{"America/New_York", {2019, 11, 3, 3, 0, 0}, TZ_LOCAL_EXACT, 2019, 11, 3, 8, 0},
		{"Asia/Kolkata", {2020, 1, 1, 9, 0, 0}, TZ_LOCAL_EXACT, 2020, 1, 1, 3, 30},
		{"America/St_Johns", {2020, 1, 1, 9, 0, 0}, TZ_LOCAL_EXACT, 2020, 1, 1, 12, 30},
		{"Europe/Brussels", {2020, 2, 1, 9, 0, 0}, TZ_LOCAL_EXACT, 2020, 2, 1, 8, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct tz *tz = tz_load(rows[i].zone, NULL);
		if (!tz) {
			CHECK(false, "%s missing", rows[i].zone);
			continue;
		}
		time_t t;
		enum tz_local kind = tz_to_utc(tz, &rows[i].local, &t);
		CHECK(kind == rows[i].kind, "row %zu: kind %d", i, kind);
		time_t want = utc(rows[i].y, rows[i].mo, rows[i].d, rows[i].h, rows[i].mi, 0);
		CHECK(t == want, "row %zu: %lld, want %lld", i, (long long)t, (long long)want);
		tz_destroy(tz);
	}
}

static void test_errors(void)
{
	struct error err = {0};
	CHECK(tz_load("Mars/Olympus_Mons", &err) == NULL, "unknown zone");
	CHECK(strstr(err.message, "Mars/Olympus_Mons") != NULL, "message names it: %s", err.message);
	CHECK(tz_load("../../etc/passwd", &err) == NULL, "path escape refused");
	CHECK(tz_from_tzif("x", (const unsigned char *)"TZif2", 5, &err) == NULL, "truncated");
	CHECK(tz_from_tzif("x", (const unsigned char *)"hello world", 11, &err) == NULL, "not TZif");
	struct tz *tz = tz_load("UTC", &err);
	CHECK(tz && tz_offset_at(tz, 0) == 0, "UTC");
	tz_destroy(tz);
	tz_destroy(NULL);
}

int main(void)
{
	test_offsets();
	test_to_utc();
	test_errors();
	return check_done();
}
