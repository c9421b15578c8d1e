/*
 * feed_time.c — shared time rules for the feed parsers; see feed_time.h.
 */
#include "feed_time.h"

#include <ctype.h>
#include <string.h>

time_t feed_time_local_to_utc(struct agenda *agenda, const struct tz *zone,
			      const struct civil *local, int line, const char *what)
{
	time_t t;
	enum tz_local kind = tz_to_utc(zone, local, &t);
	if (kind != TZ_LOCAL_EXACT)
		agenda_warn(agenda, line,
			    "%s: %04d-%02d-%02d %02d:%02d happens %s in %s; taking the %s",
			    what, local->year, local->month, local->day, local->hour,
			    local->minute, kind == TZ_LOCAL_FOLD ? "twice" : "never",
			    tz_name(zone),
			    kind == TZ_LOCAL_FOLD ? "earlier instant" : "instant the gap ends");
	return t;
}

bool feed_time_parse_iso(struct agenda *agenda, const struct tz *zone, const char *s,
			 int line, const char *what, time_t *out, bool *has_offset)
{
	struct civil c;
	bool offset_given;
	int offset;
	size_t n = civil_parse_iso(s, &c, &offset_given, &offset);
	if (n == 0 || s[n] != '\0')
		return false;
	if (offset_given)
		*out = (time_t)(civil_to_seconds(&c) - offset);
	else
		*out = feed_time_local_to_utc(agenda, zone, &c, line, what);
	if (has_offset)
		*has_offset = offset_given;
	return true;
}

/* Reads a run of 1..max digits; returns how many were read (0: none or too many). */
static size_t read_field(const char *s, size_t len, size_t max, long *value)
{
	size_t i = 0;
	*value = 0;
	while (i < len && isdigit((unsigned char)s[i])) {
		if (i == max)
			return 0;
		*value = *value * 10 + (s[i] - '0');
		i++;
	}
	return i;
}

long feed_time_parse_duration(const char *s, size_t len)
{
	long field[3];
	size_t width[3], n = 0, i = 0;
	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	for (;;) {
		if (n == 3)
			return -1;
		width[n] = read_field(s + i, len - i, 3, &field[n]);
		if (width[n] == 0)
			return -1;
		i += width[n++];
		if (i == len)
			break;
		if (s[i++] != ':')
			return -1;
	}
	if (n < 2)
		return -1;
	for (size_t k = 1; k < n; k++)
		if (width[k] != 2 || field[k] > 59)
			return -1;
	long seconds;
	if (n == 2) {
		seconds = field[0] * 3600 + field[1] * 60;
	} else if (width[0] == 1 && field[0] >= 1 && field[1] <= 23) {
		/* pretalx's D:HH:MM: a day count never has a leading zero. */
		seconds = field[0] * 86400 + field[1] * 3600 + field[2] * 60;
	} else {
		seconds = field[0] * 3600 + field[1] * 60 + field[2];
	}
	return seconds <= FEED_TIME_MAX_DURATION ? seconds : -1;
}
