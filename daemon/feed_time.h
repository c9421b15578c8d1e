/*
 * feed_time.h — the time rules every feed parser shares (DESIGN.md section 5).
 *
 * Turns what feeds write (ISO 8601 with or without an offset, a local reading in some zone,
 * a frab/pretalx duration) into UTC instants and seconds, recording on the agenda the
 * warnings the rules require (a local time in a DST gap or fold). Pure: no clock, no TZ.
 */
#ifndef FOYER_FEED_TIME_H
#define FOYER_FEED_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "agenda.h"
#include "civil.h"
#include "tz.h"

/* Longest duration a feed may give one session: anything longer is a typo. */
#define FEED_TIME_MAX_DURATION (31 * 24 * 3600)

/*
 * The instant at which clocks in zone read `local`. A reading in a DST gap or fold is
 * resolved as tz_to_utc() does and recorded as a warning naming `what` (e.g. the event).
 */
time_t feed_time_local_to_utc(struct agenda *agenda, const struct tz *zone,
			      const struct civil *local, int line, const char *what);

/*
 * Parses a whole ISO 8601 date-time (civil_parse_iso) into an instant: with its offset when
 * it has one, else as a reading in zone. False when s is not exactly one date-time.
 * *has_offset (may be NULL) says which.
 */
bool feed_time_parse_iso(struct agenda *agenda, const struct tz *zone, const char *s,
			 int line, const char *what, time_t *out, bool *has_offset);

/*
 * A duration as frab, pretalx and Pentabarf write it, in seconds: "H:MM", "HH:MM",
 * "HH:MM:SS", or pretalx's "D:HH:MM" (a single-digit first field followed by two
 * two-digit fields whose middle one is an hour: "1:02:30" is a day, two and a half hours;
 * "01:02:30" and "1:30:00" read as hours, minutes, seconds). -1 when invalid or longer
 * than FEED_TIME_MAX_DURATION.
 */
long feed_time_parse_duration(const char *s, size_t len);

#endif
