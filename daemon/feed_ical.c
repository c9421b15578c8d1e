/*
 * feed_ical.c — iCalendar (RFC 5545) agendas, read with libical.
 *
 * Entry point: feed_ical_parse() (feed.h). libical parses the text (unfolding lines, also
 * octet-folded ones that split a UTF-8 character, and unescaping text); this file turns its
 * VEVENTs into events:
 *
 *   SUMMARY -> title, LOCATION -> room (line breaks become ", "), CATEGORIES -> track,
 *   UID -> id, URL -> url, STATUS:CANCELLED -> cancelled; DESCRIPTION is not shown. A LOCATION that
 *   lists rooms of the same calendar ("Arena, Room 8") puts the event in each of them.
 *
 * Times. A value with Z is UTC. A TZID that names an IANA zone is converted with foyer's own
 * zone code (tz.h, the system tzdata); a TZID known only from the file's own VTIMEZONE (an
 * Outlook/Exchange "Eastern Standard Time") is converted by libical from that VTIMEZONE; a
 * value with neither (floating) is in the calendar's X-WR-TIMEZONE, else the venue's time. A DATE value is an all-day entry: listed,
 * never now/next. The end is DTEND, else DTSTART + DURATION, else the start (a whole day for
 * a DATE).
 *
 * Recurrences are expanded in local time (so a weekly 14:00 stays 14:00 across DST) over the
 * agenda's window: from the earliest DTSTART in the file to a year after the latest, at most
 * ICAL_MAX_INSTANCES per event and AGENDA_MAX_EVENTS in all. EXDATE removes an instance; a
 * VEVENT with the same UID and a RECURRENCE-ID replaces one. Expanded events are identified
 * as UID/YYYYMMDDTHHMMSSZ (the instance's original start in UTC).
 *
 * libical is opened by the first iCalendar feed (below), not by every start of foyer; a box
 * without it reads every other format and says so for this one. It keeps process-wide
 * state: reading any UTC value makes it load its list of builtin zones once (reachable
 * until exit, never a leak), and a VTIMEZONE caches its expanded transitions inside the
 * parsed tree, which is freed here. Nothing here asks libical for a
 * builtin zone by name: IANA zones go through tz.h. libical does not report line numbers, so
 * the line of the n-th BEGIN:VEVENT is found by counting lines, for messages only. On some
 * malformed input (END before BEGIN) libical itself prints a line to stderr; its other
 * complaints arrive as X-LIC-ERROR properties and become warnings.
 *
 * libical's component has one property iterator: a loop over some properties must not call
 * anything that looks up another property of the same component (see expand()).
 */
#include "dynlib.h"
#include "feed.h"
#include "feed_time.h"
#include "grow.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ICAL_MAX_INSTANCES 10000	/* per recurring event */
#define ICAL_MAX_ZONES 64		/* distinct TZIDs remembered per file */
#define ICAL_MAX_DATES 10000		/* EXDATEs, and RDATEs, per event */
#define ICAL_WINDOW_AFTER (366 * 24 * 3600)

/*
 * libical, opened by the first iCalendar feed (dynlib.h): it brings ICU (libicuuc,
 * libicui18n, their 30 MiB of data, libstdc++'s share), a fifth of the relocations of every
 * start, for one format of the seven. Written once under libical_once, then only read.
 */
#define ICAL_SONAME "libical.so.3"
#define ICAL_FUNCTIONS(X) \
	X(icalparser_parse_string) X(icalcomponent_free) X(icalcomponent_isa) \
	X(icalcomponent_get_first_component) X(icalcomponent_get_next_component) \
	X(icalcomponent_get_parent) X(icalcomponent_get_first_property) \
	X(icalcomponent_get_next_property) X(icalcomponent_get_status) \
	X(icalcomponent_get_timezone) X(icalparameter_get_tzid) \
	X(icalproperty_get_first_parameter) X(icalproperty_get_categories) \
	X(icalproperty_get_dtstart) X(icalproperty_get_dtend) X(icalproperty_get_duration) \
	X(icalproperty_get_exdate) X(icalproperty_get_rdate) X(icalproperty_get_recurrenceid) \
	X(icalproperty_get_rrule) X(icalproperty_get_location) X(icalproperty_get_summary) \
	X(icalproperty_get_uid) X(icalproperty_get_url) X(icalproperty_get_x) \
	X(icalproperty_get_x_name) X(icalproperty_get_xlicerror) X(icalrecur_iterator_new) \
	X(icalrecur_iterator_next) X(icalrecur_iterator_free) X(icaltime_null_time) \
	X(icaltime_is_null_time) X(icaltime_is_utc) X(icaltime_is_valid_time) \
	X(icaltimezone_get_utc_offset) X(icaltimezone_get_utc_offset_of_utc_time)

static struct {
#define ICAL_FIELD(name) __typeof__(name) *name;
	ICAL_FUNCTIONS(ICAL_FIELD)
#undef ICAL_FIELD
	bool ready;
	struct error error;	/* why it is not ready */
} libical;
static pthread_once_t libical_once = PTHREAD_ONCE_INIT;

static void libical_open(void)
{
	void *lib = dynlib_open(ICAL_SONAME, &libical.error);
	bool ok = lib != NULL;
#define ICAL_BIND(name) \
	ok = ok && (libical.name = (__typeof__(libical.name))dynlib_function( \
		lib, ICAL_SONAME, #name, &libical.error));
	ICAL_FUNCTIONS(ICAL_BIND)
#undef ICAL_BIND
	libical.ready = ok;
}

/* How a date-time value is turned into an instant. */
enum when_kind {
	WHEN_UTC,	/* ...Z */
	WHEN_TZ,	/* an IANA zone (or the venue's, for floating times) */
	WHEN_VTIMEZONE,	/* a zone defined by the file's own VTIMEZONE */
};

struct when {
	enum when_kind kind;
	const struct tz *tz;
	icaltimezone *vtimezone;
};

struct zone_entry {
	char *tzid;
	struct tz *tz;	/* NULL: not an IANA zone */
	bool warned;	/* an unknown TZID is reported once */
};

/* An instance replaced by a VEVENT with a RECURRENCE-ID. */
struct override {
	const char *uid;
	time_t instant;
};

struct ical {
	struct agenda *agenda;
	const struct tz *venue;	/* for floating times: X-WR-TIMEZONE's zone, else the venue's */
	struct zone_entry zones[ICAL_MAX_ZONES];
	size_t n_zones;
	struct override *overrides;
	size_t n_overrides;
	time_t window_end;
	bool full;
};

/* ---- the line of each VEVENT, for messages ---- */

/* The line number of every line starting with BEGIN:VEVENT, in document order. */
static int *vevent_lines(const char *bytes, size_t len, size_t *count)
{
	size_t cap = 0, n = 0;
	int *lines = NULL, line = 1;
	for (size_t i = 0; i < len; line++) {
		if (len - i >= 12 && !strncasecmp(bytes + i, "BEGIN:VEVENT", 12)) {
			int *grown = grow_array(lines, &cap, n + 1, sizeof *lines, SIZE_MAX);
			if (!grown)
				break;
			lines = grown;
			lines[n++] = line;
		}
		const char *eol = memchr(bytes + i, '\n', len - i);
		if (!eol)
			break;
		i = (size_t)(eol - bytes) + 1;
	}
	*count = n;
	return lines;
}

/* ---- time zones ---- */

/* Whether s could be an IANA zone name (and so is safe to look up as a file name). */
static bool iana_like(const char *s)
{
	if (!*s || *s == '/' || strlen(s) > 64 || strstr(s, ".."))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '-' ||
		      *p == '+'))
			return false;
	return true;
}

/*
 * The IANA zone a TZID names, or NULL. Some producers prefix the name with a path
 * ("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin"): its last two or three
 * components are tried then.
 */
static struct tz *load_iana(const char *tzid)
{
	struct error err;
	if (iana_like(tzid))
		return tz_load(tzid, &err);
	if (*tzid != '/')
		return NULL;
	for (int parts = 2; parts <= 3; parts++) {
		const char *p = tzid + strlen(tzid);
		int seen = 0;
		while (p > tzid && seen < parts)
			if (*--p == '/')
				seen++;
		if (seen == parts && iana_like(p + 1)) {
			struct tz *tz = tz_load(p + 1, &err);
			if (tz)
				return tz;
		}
	}
	return NULL;
}

/* The remembered lookup of tzid (NULL when no more can be remembered). */
static struct zone_entry *zone_entry(struct ical *ic, const char *tzid)
{
	for (size_t i = 0; i < ic->n_zones; i++)
		if (!strcmp(ic->zones[i].tzid, tzid))
			return &ic->zones[i];
	if (ic->n_zones == ICAL_MAX_ZONES)
		return NULL;
	char *copy = strdup(tzid);
	if (!copy)
		return NULL;
	ic->zones[ic->n_zones] = (struct zone_entry){copy, load_iana(tzid), false};
	return &ic->zones[ic->n_zones++];
}

/*
 * How the value of prop (a DTSTART, DTEND, EXDATE, ...) becomes an instant. An unknown TZID
 * is read as the venue's time, with a warning.
 */
static struct when value_zone(struct ical *ic, icalcomponent *vevent, icalproperty *prop,
			      struct icaltimetype value, int line)
{
	if (libical.icaltime_is_utc(value))
		return (struct when){WHEN_UTC, NULL, NULL};
	icalparameter *param = libical.icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
	const char *tzid = param ? libical.icalparameter_get_tzid(param) : NULL;
	if (!tzid || !*tzid || value.is_date)
		return (struct when){WHEN_TZ, ic->venue, NULL};
	struct zone_entry *entry = zone_entry(ic, tzid);
	if (entry && entry->tz)
		return (struct when){WHEN_TZ, entry->tz, NULL};
	icalcomponent *calendar = libical.icalcomponent_get_parent(vevent);
	icaltimezone *vtimezone = calendar ? libical.icalcomponent_get_timezone(calendar, tzid) : NULL;
	if (vtimezone)
		return (struct when){WHEN_VTIMEZONE, NULL, vtimezone};
	if (!entry || !entry->warned)
		agenda_warn(ic->agenda, line, "TZID \"%.60s\" is neither a known zone nor "
			    "defined by a VTIMEZONE; reading it as %s", tzid, tz_name(ic->venue));
	if (entry)
		entry->warned = true;
	return (struct when){WHEN_TZ, ic->venue, NULL};
}

static void civil_from_ical(struct icaltimetype t, struct civil *c)
{
	*c = (struct civil){t.year, t.month, t.day, t.is_date ? 0 : t.hour,
			    t.is_date ? 0 : t.minute, t.is_date ? 0 : t.second};
}

/* The instant at which the reading t happens in the zone w; what == NULL: no warnings. */
static time_t to_utc(struct ical *ic, const struct when *w, struct icaltimetype t, int line,
		     const char *what)
{
	struct civil c;
	civil_from_ical(t, &c);
	switch (w->kind) {
	case WHEN_UTC:
		break;
	case WHEN_TZ: {
		time_t t_utc;
		if (what)
			return feed_time_local_to_utc(ic->agenda, w->tz, &c, line, what);
		tz_to_utc(w->tz, &c, &t_utc);
		return t_utc;
	}
	case WHEN_VTIMEZONE: {
		int is_daylight = 0;
		struct icaltimetype local = t;
		local.zone = NULL;
		int offset = libical.icaltimezone_get_utc_offset(w->vtimezone, &local, &is_daylight);
		return (time_t)(civil_to_seconds(&c) - offset);
	}
	}
	return (time_t)civil_to_seconds(&c);
}

/* The reading of the instant utc in the zone w (for an RRULE's UNTIL). */
static struct icaltimetype from_utc(const struct when *w, time_t utc)
{
	struct civil c;
	int64_t seconds = utc;
	if (w->kind == WHEN_TZ) {
		tz_to_local(w->tz, utc, &c);
	} else {
		if (w->kind == WHEN_VTIMEZONE) {
			struct icaltimetype u = libical.icaltime_null_time();
			civil_from_seconds(seconds, &c);
			u.year = c.year, u.month = c.month, u.day = c.day;
			u.hour = c.hour, u.minute = c.minute, u.second = c.second;
			int is_daylight = 0;
			seconds += libical.icaltimezone_get_utc_offset_of_utc_time(w->vtimezone, &u,
									   &is_daylight);
		}
		civil_from_seconds(seconds, &c);
	}
	struct icaltimetype t = libical.icaltime_null_time();
	t.year = c.year, t.month = c.month, t.day = c.day;
	t.hour = c.hour, t.minute = c.minute, t.second = c.second;
	return t;
}

/*
 * X-WR-TIMEZONE (Google, Apple): the calendar's own zone, which floating times are in. It
 * takes the place of the venue zone when it names a known IANA zone; it is then also the
 * agenda's zone. False when out of memory.
 */
static bool calendar_zone(struct ical *ic, icalcomponent *root)
{
	icalcomponent *cal = libical.icalcomponent_isa(root) == ICAL_XROOT_COMPONENT
				     ? libical.icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
				     : root;
	const char *name = NULL;
	for (icalproperty *p = cal ? libical.icalcomponent_get_first_property(cal, ICAL_X_PROPERTY) : NULL;
	     p && !name; p = libical.icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
		const char *x = libical.icalproperty_get_x_name(p);
		if (x && !strcasecmp(x, "X-WR-TIMEZONE"))
			name = libical.icalproperty_get_x(p);
	}
	if (!name || !*name)
		return true;
	struct zone_entry *entry = zone_entry(ic, name);
	if (!entry || !entry->tz) {
		agenda_warn(ic->agenda, 0, "X-WR-TIMEZONE \"%.60s\" is not a known zone; floating "
			    "times are read as %s", name, tz_name(ic->venue));
		return true;
	}
	ic->venue = entry->tz;
	return (ic->agenda->timezone = agenda_strdup(ic->agenda, name)) != NULL;
}

/* ---- one VEVENT ---- */

/* The start of vevent, or false when it has none that reads. */
static bool event_start(struct ical *ic, icalcomponent *vevent, int line, const char *what,
			struct icaltimetype *value, struct when *zone, time_t *start)
{
	icalproperty *prop = libical.icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY);
	if (!prop)
		return false;
	*value = libical.icalproperty_get_dtstart(prop);
	if (libical.icaltime_is_null_time(*value) || !libical.icaltime_is_valid_time(*value))
		return false;
	*zone = value_zone(ic, vevent, prop, *value, line);
	*start = to_utc(ic, zone, *value, line, what);
	return true;
}

/* The length of vevent in seconds (DTEND, else DURATION, else none or a day); -1 if bad. */
static long event_length(struct ical *ic, icalcomponent *vevent, int line, const char *what,
			 struct icaltimetype start_value, time_t start)
{
	icalproperty *prop = libical.icalcomponent_get_first_property(vevent, ICAL_DTEND_PROPERTY);
	if (prop) {
		struct icaltimetype value = libical.icalproperty_get_dtend(prop);
		if (libical.icaltime_is_null_time(value) || !libical.icaltime_is_valid_time(value))
			return -1;
		struct when zone = value_zone(ic, vevent, prop, value, line);
		time_t end = to_utc(ic, &zone, value, line, what);
		return end >= start && end - start <= FEED_TIME_MAX_DURATION ? (long)(end - start)
									   : -1;
	}
	prop = libical.icalcomponent_get_first_property(vevent, ICAL_DURATION_PROPERTY);
	if (prop) {
		struct icaldurationtype d = libical.icalproperty_get_duration(prop);
		long seconds = (long)d.weeks * 7 * 86400 + (long)d.days * 86400 +
			       (long)d.hours * 3600 + (long)d.minutes * 60 + (long)d.seconds;
		return !d.is_neg && seconds <= FEED_TIME_MAX_DURATION ? seconds : -1;
	}
	return start_value.is_date ? 86400 : 0;
}

static const char *event_text(icalcomponent *vevent, icalproperty_kind kind)
{
	icalproperty *prop = libical.icalcomponent_get_first_property(vevent, kind);
	if (!prop)
		return NULL;
	switch (kind) {
	case ICAL_SUMMARY_PROPERTY:
		return libical.icalproperty_get_summary(prop);
	case ICAL_LOCATION_PROPERTY:
		return libical.icalproperty_get_location(prop);
	case ICAL_UID_PROPERTY:
		return libical.icalproperty_get_uid(prop);
	case ICAL_CATEGORIES_PROPERTY:
		return libical.icalproperty_get_categories(prop);
	case ICAL_URL_PROPERTY:
		return libical.icalproperty_get_url(prop);
	default:
		return NULL;
	}
}

/* A room name: a multi-line LOCATION (an address) on one line. */
static const char *room_name(struct agenda *agenda, const char *location)
{
	char buf[2 * AGENDA_MAX_STRING];	/* room to spare: agenda_strndup cuts at a character */
	size_t n = 0;
	for (const char *p = location; *p && n + 3 < sizeof buf; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			if (n > 0 && p[1]) {
				buf[n++] = ',';
				buf[n++] = ' ';
			}
			continue;
		}
		buf[n++] = *p;
	}
	return agenda_strndup(agenda, buf, n);
}

/* Fills the event's texts from the VEVENT (the caller has set start, end and id). */
static bool fill_event(struct ical *ic, size_t index, icalcomponent *vevent, bool all_day,
		       int line)
{
	struct agenda *agenda = ic->agenda;
	const char *summary = event_text(vevent, ICAL_SUMMARY_PROPERTY);
	const char *location = event_text(vevent, ICAL_LOCATION_PROPERTY);
	const char *categories = event_text(vevent, ICAL_CATEGORIES_PROPERTY);
	const char *url_text = event_text(vevent, ICAL_URL_PROPERTY);
	const char *title = agenda_strdup(agenda, summary ? summary : "");
	const char *url = agenda_strdup(agenda, url_text ? url_text : "");
	const char *room = location ? room_name(agenda, location) : "";
	const char *track = NULL;
	if (categories) {
		size_t n = strcspn(categories, ",");
		track = agenda_strndup(agenda, categories, n);
	}
	if (!title || !room || !url || (categories && !track))
		return false;
	struct event *ev = &agenda->events[index];
	ev->title = title;
	ev->url = url;
	if (track)
		ev->track = track;
	ev->all_day = all_day;
	ev->line = line;
	ev->status = libical.icalcomponent_get_status(vevent) == ICAL_STATUS_CANCELLED
			     ? EVENT_CANCELLED
			     : EVENT_SCHEDULED;
	ev->room = room;	/* recorded as a room by assign_rooms() at the end */
	return true;
}

/*
 * Appends an event from vevent at [start, start + length); its id is the UID, with the
 * instance's original start when it is one of a recurrence. Returns the new event's index
 * through *index; false only when out of memory.
 */
static bool add_instance(struct ical *ic, icalcomponent *vevent, const char *uid,
			 time_t original, bool recurring, time_t start, long length,
			 bool all_day, int line)
{
	struct agenda *agenda = ic->agenda;
	if (ic->full)
		return true;
	struct event *ev = agenda_add_event_or_note(agenda, NULL, line, &ic->full);
	if (!ev)
		return ic->full;
	size_t index = agenda->n_events - 1;
	ev->start = start;
	ev->end = start + length;
	char id[2 * AGENDA_MAX_STRING];
	if (recurring) {
		struct civil c;
		civil_from_seconds(original, &c);
		snprintf(id, sizeof id, "%s/%04d%02d%02dT%02d%02d%02dZ", uid, c.year, c.month,
			 c.day, c.hour, c.minute, c.second);
	} else {
		snprintf(id, sizeof id, "%s", uid);
	}
	const char *copy = agenda_strdup(agenda, id);
	if (!copy)
		return false;
	agenda->events[index].id = copy;
	return fill_event(ic, index, vevent, all_day, line);
}

static int override_compare(const void *a, const void *b)
{
	const struct override *x = a, *y = b;
	if (x->instant != y->instant)
		return x->instant < y->instant ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static bool is_overridden(const struct ical *ic, const char *uid, time_t instant)
{
	struct override key = {uid, instant};
	return ic->n_overrides &&
	       bsearch(&key, ic->overrides, ic->n_overrides, sizeof key, override_compare);
}

/* The instant of a RECURRENCE-ID, EXDATE or RDATE property. */
static time_t property_instant(struct ical *ic, icalcomponent *vevent, icalproperty *prop,
			       struct icaltimetype value, int line, const char *what)
{
	struct when zone = value_zone(ic, vevent, prop, value, line);
	return to_utc(ic, &zone, value, line, what);
}

static int instant_compare(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * The instants of vevent's EXDATEs or RDATEs (a PERIOD RDATE is not supported), at most
 * ICAL_MAX_DATES, sorted, in a malloc'd array (NULL when there are none). They are all read
 * before any instance is added: adding one looks at other properties, which moves the
 * component's one property iterator. False when out of memory.
 */
static bool collect_dates(struct ical *ic, icalcomponent *vevent, icalproperty_kind kind,
			  int line, const char *what, time_t **out, size_t *count)
{
	size_t n = 0, cap = 0;
	time_t *dates = NULL;
	for (icalproperty *p = libical.icalcomponent_get_first_property(vevent, kind);
	     p && n < ICAL_MAX_DATES; p = libical.icalcomponent_get_next_property(vevent, kind)) {
		struct icaltimetype value = kind == ICAL_EXDATE_PROPERTY
						    ? libical.icalproperty_get_exdate(p)
						    : libical.icalproperty_get_rdate(p).time;
		if (libical.icaltime_is_null_time(value))
			continue;
		time_t *grown = grow_array(dates, &cap, n + 1, sizeof *dates, ICAL_MAX_DATES);
		if (!grown) {
			free(dates);
			return false;
		}
		dates = grown;
		dates[n++] = property_instant(ic, vevent, p, value, line, what);
	}
	if (n > 1)
		qsort(dates, n, sizeof *dates, instant_compare);
	*out = dates;
	*count = n;
	return true;
}

struct occurrences {
	const char *uid;
	long length;
	bool all_day;
	const time_t *excluded;	/* EXDATE instants, sorted */
	size_t n_excluded;
};

/* Adds one instance of a recurring event unless an EXDATE or RECURRENCE-ID takes it. */
static bool add_occurrence(struct ical *ic, icalcomponent *vevent, const struct occurrences *o,
			   time_t instant, int line)
{
	if ((o->n_excluded && bsearch(&instant, o->excluded, o->n_excluded, sizeof instant,
				      instant_compare)) ||
	    is_overridden(ic, o->uid, instant))
		return true;
	return add_instance(ic, vevent, o->uid, instant, true, instant, o->length, o->all_day,
			    line);
}

/* Expands the RRULE of vevent, whose first instance reads `first` in `zone`. */
static bool expand_rrule(struct ical *ic, icalcomponent *vevent, const struct occurrences *o,
			 icalproperty *rrule, struct icaltimetype first, const struct when *zone,
			 int line, const char *what)
{
	struct icalrecurrencetype rule = libical.icalproperty_get_rrule(rrule);
	/* Iterate local readings: UNTIL in UTC becomes a reading in the same zone. */
	if (!libical.icaltime_is_null_time(rule.until) && libical.icaltime_is_utc(rule.until) &&
	    !first.is_date) {
		struct when utc = {WHEN_UTC, NULL, NULL};
		rule.until = from_utc(zone, to_utc(ic, &utc, rule.until, line, what));
	}
	rule.until.zone = NULL;
	first.zone = NULL;
	icalrecur_iterator *it =
		rule.freq == ICAL_NO_RECURRENCE ? NULL : libical.icalrecur_iterator_new(rule, first);
	if (!it) {
		agenda_warn(ic->agenda, line, "%s: RRULE not understood; only its first instance "
			    "is listed", what);
		return add_occurrence(ic, vevent, o, to_utc(ic, zone, first, line, what), line);
	}
	bool ok = true;
	size_t instances = 0;
	for (; ok && instances < ICAL_MAX_INSTANCES && !ic->full; instances++) {
		struct icaltimetype t = libical.icalrecur_iterator_next(it);
		if (libical.icaltime_is_null_time(t))
			break;
		time_t instant = to_utc(ic, zone, t, line, what);
		if (instant > ic->window_end)
			break;
		ok = add_occurrence(ic, vevent, o, instant, line);
	}
	libical.icalrecur_iterator_free(it);
	if (instances == ICAL_MAX_INSTANCES)
		agenda_warn(ic->agenda, line, "%s: more than %d instances; the rest are left out",
			    what, ICAL_MAX_INSTANCES);
	return ok;
}

/*
 * Expands a recurring vevent (RRULE and RDATEs, minus EXDATEs and the instances that
 * RECURRENCE-ID components replace); its first instance reads `first` in `zone`.
 */
static bool expand(struct ical *ic, icalcomponent *vevent, const char *uid,
		   struct icaltimetype first, const struct when *zone, long length, int line,
		   const char *what)
{
	struct occurrences o = {.uid = uid, .length = length, .all_day = first.is_date};
	time_t *excluded = NULL, *rdates = NULL;
	size_t n_rdates = 0;
	bool ok = collect_dates(ic, vevent, ICAL_EXDATE_PROPERTY, line, what, &excluded,
				&o.n_excluded) &&
		  collect_dates(ic, vevent, ICAL_RDATE_PROPERTY, line, what, &rdates, &n_rdates);
	o.excluded = excluded;
	icalproperty *rrule = libical.icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY);
	if (ok && rrule)
		ok = expand_rrule(ic, vevent, &o, rrule, first, zone, line, what);
	else if (ok)
		ok = add_occurrence(ic, vevent, &o, to_utc(ic, zone, first, line, what), line);
	for (size_t i = 0; ok && i < n_rdates; i++)
		ok = add_occurrence(ic, vevent, &o, rdates[i], line);
	free(excluded);
	free(rdates);
	return ok;
}

static bool add_vevent(struct ical *ic, icalcomponent *vevent, int line)
{
	struct agenda *agenda = ic->agenda;
	const char *summary = event_text(vevent, ICAL_SUMMARY_PROPERTY);
	const char *uid = event_text(vevent, ICAL_UID_PROPERTY);
	char what[160];
	snprintf(what, sizeof what, "event \"%.80s\"", summary ? summary : uid ? uid : "");
	if (!uid)
		uid = "";
	for (icalproperty *p = libical.icalcomponent_get_first_property(vevent, ICAL_XLICERROR_PROPERTY);
	     p; p = libical.icalcomponent_get_next_property(vevent, ICAL_XLICERROR_PROPERTY))
		agenda_warn(agenda, line, "%s: %.120s", what, libical.icalproperty_get_xlicerror(p));

	struct icaltimetype first;
	struct when zone;
	time_t start;
	if (!event_start(ic, vevent, line, what, &first, &zone, &start)) {
		agenda_warn(agenda, line, "%s has no usable DTSTART, skipped", what);
		return true;
	}
	long length = event_length(ic, vevent, line, what, first, start);
	if (length < 0) {
		agenda_warn(agenda, line, "%s: its end is before its start or too far after it, "
			    "skipped", what);
		return true;
	}
	icalproperty *rid = libical.icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY);
	if (rid) {
		/* A replaced instance: an event of its own, named after the instance it replaces. */
		struct icaltimetype value = libical.icalproperty_get_recurrenceid(rid);
		time_t original = property_instant(ic, vevent, rid, value, line, what);
		return add_instance(ic, vevent, uid, original, true, start, length, first.is_date,
				    line);
	}
	bool recurs = libical.icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY) ||
		      libical.icalcomponent_get_first_property(vevent, ICAL_RDATE_PROPERTY);
	if (!recurs)
		return add_instance(ic, vevent, uid, start, false, start, length, first.is_date,
				    line);
	return expand(ic, vevent, uid, first, &zone, length, line, what);
}

/* ---- the calendar ---- */

/* Every VEVENT in document order: in the VCALENDAR, or in each of several. */
static icalcomponent **collect_vevents(icalcomponent *root, size_t *count)
{
	size_t n = 0, cap = 0;
	icalcomponent **list = NULL;
	/* Several calendars in one file come wrapped in an XROOT. */
	bool several = libical.icalcomponent_isa(root) == ICAL_XROOT_COMPONENT;
	icalcomponent *cal = several
				     ? libical.icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
				     : root;
	for (; cal;
	     cal = several ? libical.icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)
			   : NULL) {
		for (icalcomponent *ev = libical.icalcomponent_get_first_component(cal,
									   ICAL_VEVENT_COMPONENT);
		     ev; ev = libical.icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
			icalcomponent **grown = grow_array(list, &cap, n + 1, sizeof *list,
							   SIZE_MAX);
			if (!grown) {
				free(list);
				*count = 0;
				return NULL;
			}
			list = grown;
			list[n++] = ev;
		}
	}
	*count = n;
	return list;
}

/*
 * First pass: the window (earliest start, a year after the latest) and the instances that
 * VEVENTs with a RECURRENCE-ID replace. False when out of memory.
 */
static bool survey(struct ical *ic, icalcomponent **vevents, size_t n, const int *lines,
		   size_t n_lines)
{
	bool any = false;
	time_t latest = 0;
	ic->overrides = n ? calloc(n, sizeof *ic->overrides) : NULL;
	if (n && !ic->overrides)
		return false;
	for (size_t i = 0; i < n; i++) {
		int line = i < n_lines ? lines[i] : 0;
		icalproperty *dtstart = libical.icalcomponent_get_first_property(vevents[i],
									 ICAL_DTSTART_PROPERTY);
		if (dtstart) {
			struct icaltimetype value = libical.icalproperty_get_dtstart(dtstart);
			if (!libical.icaltime_is_null_time(value) && libical.icaltime_is_valid_time(value)) {
				struct when zone = value_zone(ic, vevents[i], dtstart, value, line);
				/* gap and fold warnings come in the second pass */
				time_t start = to_utc(ic, &zone, value, line, NULL);
				if (!any || start > latest)
					latest = start;
				any = true;
			}
		}
		icalproperty *rid = libical.icalcomponent_get_first_property(vevents[i],
								     ICAL_RECURRENCEID_PROPERTY);
		const char *uid = event_text(vevents[i], ICAL_UID_PROPERTY);
		if (rid && uid) {
			struct icaltimetype value = libical.icalproperty_get_recurrenceid(rid);
			ic->overrides[ic->n_overrides++] = (struct override){
				uid, property_instant(ic, vevents[i], rid, value, line, NULL)};
		}
	}
	ic->window_end = latest + ICAL_WINDOW_AFTER;
	if (ic->n_overrides)
		qsort(ic->overrides, ic->n_overrides, sizeof *ic->overrides, override_compare);
	return true;
}

/* Whether name is one of the n distinct room names in names. */
static bool is_room(const char *const *names, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], name, len))
			return true;
	return false;
}

/*
 * A LOCATION that lists rooms of this calendar ("Arena, Room 8, Room 5": a changeover, a
 * plenary spread over halls) puts the event in each of them: the event keeps the first and
 * is copied for the others, each copy's id naming its room. Anything else (an address with
 * commas) is one room. Then every room is recorded in order of first appearance.
 */
static bool assign_rooms(struct ical *ic)
{
	struct agenda *agenda = ic->agenda;
	size_t n_events = agenda->n_events, n_names = 0;
	const char **names = calloc(AGENDA_MAX_ROOMS, sizeof *names);
	if (!names)
		return false;
	for (size_t i = 0; i < n_events && n_names < AGENDA_MAX_ROOMS; i++)
		if (!is_room(names, n_names, agenda->events[i].room, strlen(agenda->events[i].room)))
			names[n_names++] = agenda->events[i].room;
	bool ok = true;
	for (size_t i = 0; ok && i < n_events; i++) {
		const char *room = agenda->events[i].room;
		size_t parts = 0;
		bool all_rooms = strstr(room, ", ") != NULL;
		for (const char *p = room; all_rooms && *p; parts++) {
			size_t len = strcspn(p, ",");
			all_rooms = len > 0 && is_room(names, n_names, p, len);
			p += len;
			if (*p)
				p += strspn(p, ", ");
		}
		if (!all_rooms || parts < 2)
			continue;
		const char *id = agenda->events[i].id;
		for (const char *p = room; ok && *p;) {
			size_t len = strcspn(p, ",");
			char copy_id[2 * AGENDA_MAX_STRING];
			snprintf(copy_id, sizeof copy_id, "%s#%.*s", id, (int)len, p);
			const char *part = agenda_strndup(agenda, p, len);
			const char *part_id = agenda_strdup(agenda, copy_id);
			struct event *ev = p == room ? &agenda->events[i] : agenda_add_event(agenda);
			if (!part || !part_id || !ev) {
				ok = part && part_id;	/* out of events: the rest keep their first room */
				break;
			}
			if (ev != &agenda->events[i])
				*ev = agenda->events[i];	/* ical events have no speakers to share */
			ev->room = part;
			ev->id = part_id;
			p += len;
			if (*p)
				p += strspn(p, ", ");
		}
	}
	free(names);
	return ok && agenda_settle_rooms(agenda);
}

struct agenda *feed_ical_parse(const char *bytes, size_t len, const struct feed_options *options,
			       struct error *err)
{
	error_clear(err);
	pthread_once(&libical_once, libical_open);
	if (!libical.ready) {
		error_set(err, 0, 0, "%s", libical.error.message);
		return NULL;
	}
	if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
		bytes += 3, len -= 3;
	/* libical reads a NUL-terminated string. */
	char *text = malloc(len + 1);
	if (!text) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	memcpy(text, bytes, len);
	text[len] = '\0';
	icalcomponent *root = libical.icalparser_parse_string(text);
	free(text);
	icalcomponent_kind kind = root ? libical.icalcomponent_isa(root) : ICAL_NO_COMPONENT;
	if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_XROOT_COMPONENT) {
		error_set(err, 1, 0, "not an iCalendar file (no BEGIN:VCALENDAR ... END:VCALENDAR)");
		if (root)
			libical.icalcomponent_free(root);
		return NULL;
	}
	size_t n_vevents = 0, n_lines = 0;
	icalcomponent **vevents = collect_vevents(root, &n_vevents);
	int *lines = vevent_lines(bytes, len, &n_lines);
	struct ical ic = {.agenda = agenda_create(), .venue = options->zone};
	bool ok = ic.agenda && (vevents || n_vevents == 0) && calendar_zone(&ic, root) &&
		  survey(&ic, vevents, n_vevents, lines, n_lines);
	for (size_t i = 0; ok && i < n_vevents && !ic.full; i++)
		ok = add_vevent(&ic, vevents[i], i < n_lines ? lines[i] : 0);
	ok = ok && assign_rooms(&ic);
	for (size_t i = 0; i < ic.n_zones; i++) {
		free(ic.zones[i].tzid);
		tz_destroy(ic.zones[i].tz);
	}
	free(ic.overrides);
	free(lines);
	free(vevents);
	libical.icalcomponent_free(root);
	if (!ok) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(ic.agenda);
		return NULL;
	}
	return ic.agenda;
}
