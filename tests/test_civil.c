/* test_civil.c — calendar arithmetic and ISO 8601 text, as tables. */
#include "check.h"
#include "civil.h"

static void test_days(void)
{
	static const struct {
		int y, m, d;
		long long days;
		int weekday;
	} rows[] = {
		{1970, 1, 1, 0, 4},		/* a Thursday */
		{2018, 12, 10, 17875, 1},	/* the reference conference: a Monday */
		{2000, 2, 29, 11016, 2},
		{1969, 12, 31, -1, 3},
		{2038, 1, 19, 24855, 2},
		{2100, 3, 1, 47541, 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		long long days = civil_days_from_date(rows[i].y, rows[i].m, rows[i].d);
		CHECK(days == rows[i].days, "row %zu: %lld days", i, days);
		CHECK(civil_weekday(days) == rows[i].weekday, "row %zu weekday", i);
		int y, m, d;
		civil_date_from_days(days, &y, &m, &d);
		CHECK(y == rows[i].y && m == rows[i].m && d == rows[i].d, "row %zu round trip", i);
	}
	CHECK(civil_days_in_month(2024, 2) == 29, "leap year");
	CHECK(civil_days_in_month(1900, 2) == 28, "1900 is not a leap year");
	CHECK(civil_days_in_month(2000, 2) == 29, "2000 is a leap year");
}

static void test_iso(void)
{
	static const struct {
		const char *text;
		size_t used;	/* 0 = rejected */
		long long seconds;	/* civil_to_seconds of the reading */
		int has_offset, offset;
	} rows[] = {
		{"2018-12-10T14:50", 16, 1544453400, 0, 0},
		{"2018-12-10 14:50:30", 19, 1544453430, 0, 0},
		{"2018-12-10T14:50:00+00:00", 25, 1544453400, 1, 0},
		{"2018-12-10T14:50:00Z", 20, 1544453400, 1, 0},
		{"2018-12-10T14:50:00.250+05:30", 29, 1544453400, 1, 19800},
		{"2018-12-10T14:50-0330", 21, 1544453400, 1, -12600},
		{"2018-12-10T14:50+01", 19, 1544453400, 1, 3600},
		{"2018-12-10", 10, 1544400000, 0, 0},
		{"2018-02-30T10:00", 0, 0, 0, 0},	/* no such day */
		{"2018-12-10T24:00", 0, 0, 0, 0},
		{"2018-12-10T14:60", 0, 0, 0, 0},
		{"18-12-10", 0, 0, 0, 0},
		{"2018/12/10", 0, 0, 0, 0},
		{"", 0, 0, 0, 0},
		{"2018-12-10T14:50+25:00", 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct civil c;
		bool has_offset = false;
		int offset = 0;
		size_t used = civil_parse_iso(rows[i].text, &c, &has_offset, &offset);
		CHECK(used == rows[i].used, "'%s': used %zu", rows[i].text, used);
		if (!used || !rows[i].used)
			continue;
		CHECK(civil_to_seconds(&c) == rows[i].seconds, "'%s' reading", rows[i].text);
		CHECK(has_offset == (bool)rows[i].has_offset, "'%s' has_offset", rows[i].text);
		CHECK(offset == rows[i].offset, "'%s' offset %d", rows[i].text, offset);
	}
	char out[CIVIL_ISO_MAX];
	civil_format_iso(1544453400, 0, out);
	CHECK_STR(out, "2018-12-10T14:50:00+00:00", "UTC");
	civil_format_iso(1544453400, 19800, out);
	CHECK_STR(out, "2018-12-10T20:20:00+05:30", "Kolkata");
	civil_format_iso(1544453400, -12600, out);
	CHECK_STR(out, "2018-12-10T11:20:00-03:30", "St John's");
}

static void test_clock(void)
{
	static const struct {
		const char *text;
		int seconds;
	} rows[] = {
		{"14:15", 51300}, {"9:05", 32700}, {"00:00", 0}, {"23:59:59", 86399},
		{"24:00", -1},	  {"14.15", -1},   {"14:5", -1}, {"", -1}, {"14:15:", -1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		CHECK(civil_parse_clock(rows[i].text, strlen(rows[i].text)) == rows[i].seconds,
		      "'%s'", rows[i].text);
}

int main(void)
{
	test_days();
	test_iso();
	test_clock();
	return check_done();
}
