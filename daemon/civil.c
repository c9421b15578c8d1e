/*
 * civil.c — calendar arithmetic and ISO 8601 text; see civil.h.
 *
 * The day-count algorithms are Howard Hinnant's "chrono-compatible low-level date
 * algorithms": exact for every proleptic Gregorian date, no tables, no libc time zone state.
 */
#include "civil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int64_t civil_days_from_date(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_date_from_days(int64_t days, int *year, int *month, int *day)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (m <= 2));
	*month = m;
	*day = d;
}

int civil_weekday(int64_t days)
{
	return (int)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

int civil_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

bool civil_valid(const struct civil *c)
{
	return c->month >= 1 && c->month <= 12 && c->day >= 1 &&
	       c->day <= civil_days_in_month(c->year, c->month) && c->hour >= 0 && c->hour <= 23 &&
	       c->minute >= 0 && c->minute <= 59 && c->second >= 0 && c->second <= 60;
}

int64_t civil_to_seconds(const struct civil *c)
{
	return civil_days_from_date(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
	       c->minute * 60 + c->second;
}

void civil_from_seconds(int64_t seconds, struct civil *c)
{
	int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
	int64_t rest = seconds - days * 86400;
	civil_date_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (int)(rest / 3600);
	c->minute = (int)(rest / 60 % 60);
	c->second = (int)(rest % 60);
}

/* Reads exactly n digits; -1 when they are not all digits. */
static int read_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

size_t civil_parse_iso(const char *s, struct civil *c, bool *has_offset, int *offset)
{
	struct civil r = {0};
	const char *p = s;
	if ((r.year = read_digits(p, 4)) < 0 || p[4] != '-')
		return 0;
	if ((r.month = read_digits(p + 5, 2)) < 0 || p[7] != '-')
		return 0;
	if ((r.day = read_digits(p + 8, 2)) < 0)
		return 0;
	p += 10;
	*has_offset = false;
	*offset = 0;
	if ((*p == 'T' || *p == 't' || *p == ' ') && isdigit((unsigned char)p[1])) {
		if ((r.hour = read_digits(p + 1, 2)) < 0 || p[3] != ':')
			return 0;
		if ((r.minute = read_digits(p + 4, 2)) < 0)
			return 0;
		p += 6;
		if (*p == ':') {
			if ((r.second = read_digits(p + 1, 2)) < 0)
				return 0;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			*has_offset = true;
			p++;
		} else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
			int sign = *p == '-' ? -1 : 1;
			int hh = read_digits(p + 1, 2), mm = 0;
			if (hh < 0 || hh > 18)
				return 0;
			p += 3;
			if (*p == ':') {
				if ((mm = read_digits(p + 1, 2)) < 0)
					return 0;
				p += 3;
			} else if (isdigit((unsigned char)*p)) {
				if ((mm = read_digits(p, 2)) < 0)
					return 0;
				p += 2;
			}
			if (mm > 59)
				return 0;
			*has_offset = true;
			*offset = sign * (hh * 3600 + mm * 60);
		}
	}
	if (r.second == 60)
		r.second = 59;	/* a leap second shows as the second before it */
	if (!civil_valid(&r))
		return 0;
	*c = r;
	return (size_t)(p - s);
}

void civil_format_iso(time_t utc, int offset, char out[CIVIL_ISO_MAX])
{
	struct civil c;
	civil_from_seconds((int64_t)utc + offset, &c);
	int a = abs(offset);
	snprintf(out, CIVIL_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month,
		 c.day, c.hour, c.minute, c.second, offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

int civil_parse_clock(const char *s, size_t len)
{
	int h = 0, m, sec = 0;
	size_t i = 0;
	if (i < len && isdigit((unsigned char)s[i]))
		h = s[i++] - '0';
	else
		return -1;
	if (i < len && isdigit((unsigned char)s[i]))
		h = h * 10 + (s[i++] - '0');
	if (i + 3 > len || s[i] != ':' || (m = read_digits(s + i + 1, 2)) < 0)
		return -1;
	i += 3;
	if (i < len && s[i] == ':') {
		if (i + 3 > len || (sec = read_digits(s + i + 1, 2)) < 0)
			return -1;
		i += 3;
	}
	if (i != len || h > 23 || m > 59 || sec > 59)
		return -1;
	return h * 3600 + m * 60 + sec;
}
