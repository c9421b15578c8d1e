/*
 * civil.h — calendar arithmetic and ISO 8601 text, with no time zone database and no clock.
 *
 * A struct civil is a wall-clock reading (year, month, day, hour, minute, second) in some
 * zone that the caller knows; civil_to_seconds() treats it as if it were UTC, which is what
 * the zone code (tz.h) builds on. Days are proleptic Gregorian (Howard Hinnant's algorithms).
 */
#ifndef FOYER_CIVIL_H
#define FOYER_CIVIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct civil {
	int year, month, day;		/* month 1..12, day 1..31 */
	int hour, minute, second;	/* 0..23, 0..59, 0..60 */
};

/* Longest text civil_format_iso() writes, with its NUL: "2018-12-10T14:50:00+05:30". */
#define CIVIL_ISO_MAX 32

int64_t civil_days_from_date(int year, int month, int day);
void civil_date_from_days(int64_t days, int *year, int *month, int *day);
/* 0 = Sunday .. 6 = Saturday */
int civil_weekday(int64_t days);
int civil_days_in_month(int year, int month);
bool civil_valid(const struct civil *c);

/* The civil reading as seconds since 1970-01-01T00:00:00 of the same zone. */
int64_t civil_to_seconds(const struct civil *c);
void civil_from_seconds(int64_t seconds, struct civil *c);

/*
 * Parses an ISO 8601 date-time: "YYYY-MM-DD", then "T" or " ", "HH:MM", optional ":SS" and
 * fraction (dropped), optional "Z" or "+HH:MM", "+HHMM", "+HH". A bare date is midnight.
 * On success fills c, *has_offset and *offset (seconds east of UTC) and returns the number of
 * bytes read; returns 0 when s does not start with a valid date-time.
 */
size_t civil_parse_iso(const char *s, struct civil *c, bool *has_offset, int *offset);

/* Writes utc as local time at the given offset: "2018-12-10T14:50:00+00:00". */
void civil_format_iso(time_t utc, int offset, char out[CIVIL_ISO_MAX]);

/* Parses "HH:MM" or "HH:MM:SS" (or "H:MM") into seconds after midnight; -1 when invalid. */
int civil_parse_clock(const char *s, size_t len);

#endif
