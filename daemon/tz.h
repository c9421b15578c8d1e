/*
 * tz.h — IANA time zones from the system's tzdata, without touching the process's TZ.
 *
 * A struct tz is one zone's rules, read from a TZif file (RFC 8536, versions 1 to 4) and its
 * POSIX TZ footer for instants past the last listed transition. Feeds and the screen convert
 * between UTC instants and local readings through it; nothing here calls mktime() or
 * localtime(), so a gap time is never silently shifted by libc.
 *
 * tz_from_tzif() and tz_fixed() are pure; tz_load() reads /usr/share/zoneinfo (or $TZDIR is
 * not consulted: the caller passes the directory it wants in tz_load_from()).
 */
#ifndef FOYER_TZ_H
#define FOYER_TZ_H

#include <stddef.h>
#include <time.h>

#include "civil.h"
#include "error.h"

struct tz;

enum tz_local {
	TZ_LOCAL_EXACT,		/* the reading happens exactly once */
	TZ_LOCAL_FOLD,		/* it happens twice (clocks went back); the earlier was taken */
	TZ_LOCAL_GAP,		/* it never happens (clocks went forward); the first instant after the gap was taken */
};

/* Parses TZif bytes; name is kept for display. NULL with err filled when data is not TZif. */
struct tz *tz_from_tzif(const char *name, const unsigned char *data, size_t len, struct error *err);
/* A zone with a constant offset (seconds east of UTC), e.g. for "UTC". */
struct tz *tz_fixed(const char *name, int offset);
/*
 * Loads an IANA zone by name ("Europe/London") from /usr/share/zoneinfo. A NULL or empty
 * name means the system's zone (/etc/timezone, else /etc/localtime, else UTC).
 */
struct tz *tz_load(const char *name, struct error *err);
struct tz *tz_load_from(const char *dir, const char *name, struct error *err);
void tz_destroy(struct tz *tz);

const char *tz_name(const struct tz *tz);
/* The zone's offset from UTC at the instant t, in seconds east. */
int tz_offset_at(const struct tz *tz, time_t t);
/* The local wall-clock reading at the instant t. */
void tz_to_local(const struct tz *tz, time_t t, struct civil *out);
/*
 * The instant at which local clocks read `local`. For a reading in a fold the earlier instant,
 * for one in a gap the instant the gap ends; the return value says which happened.
 */
enum tz_local tz_to_utc(const struct tz *tz, const struct civil *local, time_t *out);

#endif
