/*
 * feed_frab_json.c — the c3voc schedule.json that frab and pretalx publish.
 *
 * Entry point: feed_frab_json_parse() (feed.h). The document is read whole with jansson
 * (which reports line and column of a syntax error) and walked as
 *
 *   schedule.conference.{time_zone_name, rooms[], days[]}
 *   days[].{date, day_start, rooms: {"Room name": [event, ...], ...}}
 *   event.{guid, id, title, subtitle, track, url, date, start, duration, end, persons[]}
 *
 * Surprises handled here: rooms are an object keyed by room name (the key wins over the
 * event's own "room"); "date" carries an offset and is the start when present, else "start"
 * (HH:MM) on the day's date, moved to the next calendar date when it is earlier than the
 * time of day_start (the conference day runs past midnight); "end" wins over "duration",
 * which may be pretalx's D:HH:MM; persons name themselves by "public_name" or "name";
 * values the schema allows to be null (subtitle, track) may be. jansson keeps no positions
 * after parsing, so warnings name the event by its title and day instead of a line.
 */
#include "feed.h"
#include "feed_json.h"
#include "feed_time.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct frab_json {
	struct agenda *agenda;
	const struct tz *zone;
	bool full;	/* AGENDA_MAX_EVENTS reached: later events are skipped */
};

/* The string value of key in obj, or NULL when absent, null or not a string. */
static const char *get_string(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* An id that may be written as a string or a number; "" when neither. */
static const char *get_id(const json_t *obj, const char *key, char buf[32])
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return "";
}

/* Copies an optional string member into *field ("" stays when absent or null). */
static bool set_text(struct agenda *agenda, const char **field, const json_t *obj,
		     const char *key)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return true;
	const char *copy = agenda_strndup(agenda, json_string_value(v), json_string_length(v));
	if (!copy)
		return false;
	*field = copy;
	return true;
}

/* Speakers past AGENDA_MAX_SPEAKERS are left out: the first ones are enough. */
static void add_persons(struct agenda *agenda, struct event *ev, const json_t *persons)
{
	size_t i;
	const json_t *person;
	json_array_foreach(persons, i, person) {
		const char *name = json_is_string(person) ? json_string_value(person) : NULL;
		if (json_is_object(person)) {
			name = get_string(person, "public_name");
			if (!name || !*name)
				name = get_string(person, "name");
		}
		if (!name || !*name)
			continue;
		if (!agenda_add_speaker(agenda, ev, name, strlen(name)))
			break;
	}
}

/*
 * The start of an event without "date": its "start" clock time on the day's date, or on
 * the next date when earlier than the clock time the conference day starts.
 */
static bool start_from_clock(struct frab_json *fj, const json_t *day, const json_t *event,
			     const char *what, time_t *out)
{
	const char *clock = get_string(event, "start");
	const char *date = get_string(day, "date");
	struct civil c;
	bool has_offset;
	int offset;
	if (!clock || !date)
		return false;
	int seconds = civil_parse_clock(clock, strlen(clock));
	size_t n = civil_parse_iso(date, &c, &has_offset, &offset);
	if (seconds < 0 || n == 0 || date[n] != '\0')
		return false;
	const char *day_start = get_string(day, "day_start");
	struct civil ds;
	if (day_start && civil_parse_iso(day_start, &ds, &has_offset, &offset) > 0 &&
	    seconds < ds.hour * 3600 + ds.minute * 60 + ds.second) {
		int64_t days = civil_days_from_date(c.year, c.month, c.day) + 1;
		civil_date_from_days(days, &c.year, &c.month, &c.day);
	}
	c.hour = seconds / 3600;
	c.minute = seconds / 60 % 60;
	c.second = seconds % 60;
	*out = feed_time_local_to_utc(fj->agenda, fj->zone, &c, 0, what);
	return true;
}

/* Adds one event; a problem with this event alone is a warning and the event is skipped. */
static bool add_event(struct frab_json *fj, const json_t *day, const char *room,
		      const json_t *event)
{
	struct agenda *agenda = fj->agenda;
	const char *day_name = get_string(day, "date");
	if (!day_name)
		day_name = "?";
	if (!json_is_object(event)) {
		agenda_warn(agenda, 0, "day %s, room \"%s\": an event that is not an object, "
			    "skipped", day_name, room);
		return true;
	}
	const char *title = get_string(event, "title");
	char what[160];
	snprintf(what, sizeof what, "event \"%.80s\" (day %s)", title ? title : "", day_name);
	if (!title) {
		agenda_warn(agenda, 0, "day %s, room \"%s\": an event without a title, skipped",
			    day_name, room);
		return true;
	}

	time_t start, end;
	const char *date = get_string(event, "date");
	if (date) {
		if (!feed_time_parse_iso(agenda, fj->zone, date, 0, what, &start, NULL)) {
			agenda_warn(agenda, 0, "%s: bad date \"%.40s\", skipped", what, date);
			return true;
		}
	} else if (!start_from_clock(fj, day, event, what, &start)) {
		agenda_warn(agenda, 0, "%s: no start (date, or start on the day's date), skipped",
			    what);
		return true;
	}
	const char *end_text = get_string(event, "end");
	const char *duration = get_string(event, "duration");
	if (end_text) {
		if (!feed_time_parse_iso(agenda, fj->zone, end_text, 0, what, &end, NULL) ||
		    end < start) {
			agenda_warn(agenda, 0, "%s: bad end \"%.40s\", skipped", what, end_text);
			return true;
		}
	} else if (duration) {
		long seconds = feed_time_parse_duration(duration, strlen(duration));
		if (seconds < 0) {
			agenda_warn(agenda, 0, "%s: bad duration \"%.20s\", skipped", what,
				    duration);
			return true;
		}
		end = start + seconds;
	} else {
		agenda_warn(agenda, 0, "%s: neither end nor duration, skipped", what);
		return true;
	}

	if (fj->full)
		return true;
	struct event *ev = agenda_add_event(agenda);
	if (!ev) {
		if (agenda->n_events < AGENDA_MAX_EVENTS)
			return false;
		agenda_warn(agenda, 0, "more than %d events; the rest are left out",
			    AGENDA_MAX_EVENTS);
		fj->full = true;
		return true;
	}
	ev->start = start;
	ev->end = end;
	char idbuf[32];
	const char *id = get_string(event, "guid");
	if (!id || !*id)
		id = get_id(event, "id", idbuf);
	if (!(ev->id = agenda_strdup(agenda, id)) ||
	    !(ev->title = agenda_strdup(agenda, title)) ||
	    !set_text(agenda, &ev->subtitle, event, "subtitle") ||
	    !set_text(agenda, &ev->track, event, "track") ||
	    !set_text(agenda, &ev->url, event, "url") ||
	    !agenda_set_room(agenda, ev, room))
		return false;
	add_persons(agenda, ev, json_object_get(event, "persons"));
	return true;
}

static bool add_day(struct frab_json *fj, const json_t *day)
{
	const json_t *rooms = json_object_get(day, "rooms");
	const char *room;
	const json_t *events;
	if (!json_is_object(rooms)) {
		agenda_warn(fj->agenda, 0, "day %s has no rooms object, skipped",
			    get_string(day, "date") ? get_string(day, "date") : "?");
		return true;
	}
	json_object_foreach((json_t *)rooms, room, events) {
		if (!agenda_add_room(fj->agenda, room) && fj->agenda->n_rooms < AGENDA_MAX_ROOMS)
			return false;
		size_t i;
		const json_t *event;
		json_array_foreach(events, i, event) {
			if (!add_event(fj, day, room, event))
				return false;
		}
	}
	return true;
}

/* Rooms listed at conference level come first, in their order (an event-less room too). */
static bool add_listed_rooms(struct agenda *agenda, const json_t *rooms)
{
	size_t i;
	const json_t *room;
	json_array_foreach(rooms, i, room) {
		const char *name = json_is_object(room) ? get_string(room, "name")
							: json_string_value(room);
		if (name && !agenda_add_room(agenda, name) && agenda->n_rooms < AGENDA_MAX_ROOMS)
			return false;
	}
	return true;
}

struct agenda *feed_frab_json_parse(const char *bytes, size_t len,
				    const struct feed_options *options, struct error *err)
{
	json_t *root = feed_json_load(bytes, len, err);
	if (!root)
		return NULL;
	const json_t *schedule = json_object_get(root, "schedule");
	const json_t *conference = json_object_get(schedule ? schedule : root, "conference");
	const json_t *days = json_object_get(conference, "days");
	if (!json_is_array(days)) {
		error_set(err, 0, 0, "no schedule.conference.days array: not a schedule.json");
		json_decref(root);
		return NULL;
	}
	struct agenda *agenda = agenda_create();
	struct tz *own_zone = NULL;
	struct frab_json fj = {.agenda = agenda, .zone = options->zone};
	bool ok = agenda != NULL;
	const char *zone_name = get_string(conference, "time_zone_name");
	if (ok && zone_name && *zone_name) {
		struct error zerr;
		own_zone = tz_load(zone_name, &zerr);
		if (own_zone) {
			fj.zone = own_zone;
			ok = (agenda->timezone = agenda_strdup(agenda, zone_name)) != NULL;
		} else {
			agenda_warn(agenda, 0, "time_zone_name \"%.60s\" is not a known zone; "
				    "using %s", zone_name, tz_name(options->zone));
		}
	}
	ok = ok && add_listed_rooms(agenda, json_object_get(conference, "rooms"));
	size_t i;
	const json_t *day;
	json_array_foreach(days, i, day) {
		if (!ok)
			break;
		if (json_is_object(day))
			ok = add_day(&fj, day);
	}
	tz_destroy(own_zone);
	json_decref(root);
	if (!ok) {
		if (agenda && agenda->n_rooms >= AGENDA_MAX_ROOMS)
			error_set(err, 0, 0, "more than %d rooms", AGENDA_MAX_ROOMS);
		else
			error_set(err, 0, 0, "out of memory");
		agenda_destroy(agenda);
		return NULL;
	}
	return agenda;
}
