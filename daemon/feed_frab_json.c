/*
 * feed_frab_json.c — the c3voc schedule.json that frab and pretalx publish, and its
 * successor schedule 2.0 that the CCC hub publishes.
 *
 * Entry points: feed_frab_json_parse() and feed_schedule2_parse() (feed.h). The document
 * is read whole with jansson
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
 *
 * Schedule 2.0 (voc/schedule's schema2.json) lists the events once, at the top:
 *
 *   schedule.conference.{time_zone_name, rooms[{name, guid, slug}], tracks[{name, slug}]}
 *   schedule.events[].{guid, code, start, end, room{name, guid}, title, subtitle,
 *                      track{name | slug}, participants[{name, role}], state, type}
 *
 * start and end carry their offsets; a room or track referred to by guid or slug alone is
 * named from the conference's list; the conference's rooms give the order. A BREAK without
 * a room is shown everywhere; state CANCELED or WITHDRAWN makes the event cancelled, and
 * DELETED or REJECTED leaves it out with a warning.
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

	bool full;
	struct event *ev = agenda_add_event_or_note(agenda, room, 0, &full);
	if (!ev)
		return full;
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
	    !set_text(agenda, &ev->url, event, "url"))
		return false;
	add_persons(agenda, ev, json_object_get(event, "persons"));
	return true;
}

static bool add_day(struct frab_json *fj, const json_t *conference, const json_t *day,
		    size_t index)
{
	(void)conference;
	(void)index;
	if (!json_is_object(day))
		return true;
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

/*
 * The start shared by both layouts: the conference's time_zone_name (else the venue zone)
 * and its listed rooms. False when out of memory.
 */
static bool begin_conference(struct frab_json *fj, const json_t *conference,
			     const struct feed_options *options, struct tz **own_zone)
{
	struct agenda *agenda = fj->agenda;
	*own_zone = NULL;
	fj->zone = options->zone;
	const char *zone_name = get_string(conference, "time_zone_name");
	if (zone_name && *zone_name) {
		struct error zerr;
		*own_zone = tz_load(zone_name, &zerr);
		if (*own_zone) {
			fj->zone = *own_zone;
			if (!(agenda->timezone = agenda_strdup(agenda, zone_name)))
				return false;
		} else {
			agenda_warn(agenda, 0, "time_zone_name \"%.60s\" is not a known zone; "
				    "using %s", zone_name, tz_name(options->zone));
		}
	}
	return add_listed_rooms(agenda, json_object_get(conference, "rooms"));
}

/* Adds one item of a layout's list (a day of frab's, an event of schedule 2.0's). */
typedef bool add_item_fn(struct frab_json *fj, const json_t *conference, const json_t *item,
			 size_t index);

/*
 * What both layouts share: the conference's start, then each item of the list through add.
 * Takes root; the agenda, or NULL with err filled when out of memory.
 */
static struct agenda *read_items(json_t *root, const json_t *conference, const json_t *items,
				 add_item_fn *add, const struct feed_options *options,
				 struct error *err)
{
	struct frab_json fj = {.agenda = agenda_create()};
	struct tz *own_zone = NULL;
	bool ok = fj.agenda && begin_conference(&fj, conference, options, &own_zone);
	size_t i;
	const json_t *item;
	json_array_foreach(items, i, item) {
		if (!ok)
			break;
		ok = add(&fj, conference, item, i);
	}
	tz_destroy(own_zone);
	json_decref(root);
	if (!ok) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(fj.agenda);
		return NULL;
	}
	return fj.agenda;
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
	return read_items(root, conference, days, add_day, options, err);
}

/*
 * A schedule 2.0 reference to a room or track: its "name", else the name of the entry of
 * the conference's list with the same guid or slug, else the slug; a plain string as it is.
 */
static const char *reference_name(const json_t *ref, const json_t *list)
{
	if (json_is_string(ref))
		return json_string_value(ref);
	if (!json_is_object(ref))
		return NULL;
	const char *name = get_string(ref, "name");
	if (name)
		return name;
	const char *keys[] = {"guid", "slug"};
	for (size_t k = 0; k < 2; k++) {
		const char *want = get_string(ref, keys[k]);
		size_t i;
		const json_t *entry;
		json_array_foreach(list, i, entry) {
			const char *have = get_string(entry, keys[k]);
			if (want && have && !strcmp(want, have) && get_string(entry, "name"))
				return get_string(entry, "name");
		}
	}
	return get_string(ref, "slug");
}

/* Participants who are seen (not CONTRIBUTOR, who works behind the scenes) are speakers. */
static void add_participants(struct agenda *agenda, struct event *ev, const json_t *list)
{
	size_t i;
	const json_t *person;
	json_array_foreach(list, i, person) {
		const char *name = get_string(person, "name");
		const char *role = get_string(person, "role");
		if (!name || !*name || (role && !strcmp(role, "CONTRIBUTOR")))
			continue;
		if (!agenda_add_speaker(agenda, ev, name, strlen(name)))
			break;
	}
}

/* One entry of schedule.events; a problem with it alone is a warning and it is skipped. */
static bool add_event2(struct frab_json *fj, const json_t *conference, const json_t *event,
		       size_t index)
{
	struct agenda *agenda = fj->agenda;
	const char *title = get_string(event, "title");
	char what[160];
	snprintf(what, sizeof what, "event %zu \"%.80s\"", index + 1, title ? title : "");
	if (!json_is_object(event) || !title) {
		agenda_warn(agenda, 0, "event %zu has no title, skipped", index + 1);
		return true;
	}
	const char *state = get_string(event, "state");
	if (state && (!strcmp(state, "DELETED") || !strcmp(state, "REJECTED"))) {
		agenda_warn(agenda, 0, "%s is %s, skipped", what, state);
		return true;
	}
	time_t start, end;
	const char *start_text = get_string(event, "start"), *end_text = get_string(event, "end");
	const char *duration = get_string(event, "duration");
	if (!start_text ||
	    !feed_time_parse_iso(agenda, fj->zone, start_text, 0, what, &start, NULL)) {
		agenda_warn(agenda, 0, "%s: no start date-time, skipped", what);
		return true;
	}
	long seconds = -1;
	if (end_text ? !feed_time_parse_iso(agenda, fj->zone, end_text, 0, what, &end, NULL) ||
			       end < start
		     : !duration || (seconds = feed_time_parse_duration(duration,
									 strlen(duration))) < 0) {
		agenda_warn(agenda, 0, "%s: no usable end (or duration), skipped", what);
		return true;
	}
	if (!end_text)
		end = start + seconds;
	const json_t *room_ref = json_object_get(event, "room");
	const char *room = reference_name(room_ref, json_object_get(conference, "rooms"));
	bool full;
	struct event *ev = agenda_add_event_or_note(agenda, room ? room : "", 0, &full);
	if (!ev)
		return full;
	ev->start = start;
	ev->end = end;
	/* A break the hub gives no room is for everyone. */
	const char *type = get_string(event, "type");
	ev->everywhere = !room && type && !strcmp(type, "BREAK");
	if (state && (!strcmp(state, "CANCELED") || !strcmp(state, "WITHDRAWN")))
		ev->status = EVENT_CANCELLED;
	const char *id = get_string(event, "guid");
	if (!id || !*id)
		id = get_string(event, "code");
	const char *track = reference_name(json_object_get(event, "track"),
					   json_object_get(conference, "tracks"));
	if ((id && !(ev->id = agenda_strdup(agenda, id))) ||
	    !(ev->title = agenda_strdup(agenda, title)) ||
	    !set_text(agenda, &ev->subtitle, event, "subtitle") ||
	    !set_text(agenda, &ev->url, event, "url") ||
	    (track && !(ev->track = agenda_strdup(agenda, track))))
		return false;
	add_participants(agenda, ev, json_object_get(event, "participants"));
	if (ev->n_speakers == 0)
		add_persons(agenda, ev, json_object_get(event, "persons"));
	return true;
}

struct agenda *feed_schedule2_parse(const char *bytes, size_t len,
				    const struct feed_options *options, struct error *err)
{
	json_t *root = feed_json_load(bytes, len, err);
	if (!root)
		return NULL;
	const json_t *schedule = json_object_get(root, "schedule");
	const json_t *conference = json_object_get(schedule, "conference");
	const json_t *events = json_object_get(schedule, "events");
	if (!json_is_array(events)) {
		error_set(err, 0, 0, "no schedule.events array: not a schedule 2.0 document");
		json_decref(root);
		return NULL;
	}
	return read_items(root, conference, events, add_event2, options, err);
}
