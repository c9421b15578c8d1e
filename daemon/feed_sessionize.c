/*
 * feed_sessionize.c — Sessionize's JSON exports: the "All", "Sessions" and "GridSmart" views.
 *
 * Entry point: feed_sessionize_parse() (feed.h). Three shapes are read:
 *
 *   All:      {"sessions": [...], "speakers": [{id, fullName}], "rooms": [{id, name}],
 *              "categories": [{title, items: [{id, name}]}], ...}
 *             a session names its speakers, room and category items by id;
 *   Sessions: [{"groupName": ..., "sessions": [...]}, ...]
 *             a session carries its speakers ({id, name}), room (a name) and categories
 *             inline;
 *   GridSmart: [{"date": ..., "rooms": [{"id", "name", "sessions": [...]}], ...}, ...]
 *             one entry a day, sessions as in the Sessions view under their room; the
 *             rooms keep the order the days list them in.
 *
 * startsAt/endsAt are the venue's local time without an offset (an offset, if one is ever
 * given, is honoured), so the zone comes from the options. A session with no time or no
 * room is not scheduled yet and is skipped with a warning. Service sessions (breaks, lunch)
 * are kept as ordinary events without speakers; a plenum session (a keynote, the closing)
 * is shown on every room's screen (event.everywhere). The track is the item of the category
 * called "Track" (else "Category"), when there is one. A UTF-8 BOM is accepted.
 */
#include "feed.h"
#include "feed_json.h"
#include "feed_time.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct sessionize {
	struct agenda *agenda;
	const struct tz *zone;
	json_t *speakers;	/* All view: speaker id -> name */
	json_t *rooms;		/* All view: room id -> name */
	json_t *tracks;		/* All view: category item id -> name, for the track category */
};

/* An id written as a string or a number, as a key; NULL when it is neither. */
static const char *id_key(const json_t *v, char buf[32])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return NULL;
}

/* Looks an id up in one of the id -> name maps. */
static const char *lookup(const json_t *map, const json_t *id)
{
	char buf[32];
	const char *key = id_key(id, buf);
	return key ? json_string_value(json_object_get(map, key)) : NULL;
}

static bool map_add(json_t *map, const json_t *id, const char *name)
{
	char buf[32];
	const char *key = id_key(id, buf);
	if (!key || !name)
		return true;
	/* name came from jansson (valid UTF-8) or joins two such names: no need to check. */
	return json_object_set_new(map, key, json_string_nocheck(name)) == 0;
}

static bool is_track_category(const char *title)
{
	return title && (!strcasecmp(title, "Track") || !strcasecmp(title, "Tracks") ||
			 !strcasecmp(title, "Category"));
}

/* Fills the id maps of the All view and records its rooms in their order. */
static bool read_all_view_tables(struct sessionize *sz, const json_t *root)
{
	size_t i;
	const json_t *item;
	json_array_foreach(json_object_get(root, "speakers"), i, item) {
		const char *name = json_string_value(json_object_get(item, "fullName"));
		char joined[2 * AGENDA_MAX_STRING + 2];
		if (!name) {
			const char *first = json_string_value(json_object_get(item, "firstName"));
			const char *last = json_string_value(json_object_get(item, "lastName"));
			snprintf(joined, sizeof joined, "%s%s%s", first ? first : "",
				 first && last ? " " : "", last ? last : "");
			name = joined;
		}
		if (!map_add(sz->speakers, json_object_get(item, "id"), name))
			return false;
	}
	json_array_foreach(json_object_get(root, "rooms"), i, item) {
		const char *name = json_string_value(json_object_get(item, "name"));
		if (!name)
			continue;
		if (!map_add(sz->rooms, json_object_get(item, "id"), name) ||
		    (!agenda_add_room(sz->agenda, name) &&
		     sz->agenda->n_rooms < AGENDA_MAX_ROOMS))
			return false;
	}
	/* The first category that reads as the track wins. */
	json_array_foreach(json_object_get(root, "categories"), i, item) {
		if (!is_track_category(json_string_value(json_object_get(item, "title"))))
			continue;
		size_t k;
		const json_t *entry;
		json_array_foreach(json_object_get(item, "items"), k, entry) {
			if (!map_add(sz->tracks, json_object_get(entry, "id"),
				     json_string_value(json_object_get(entry, "name"))))
				return false;
		}
		break;
	}
	return true;
}

/*
 * The session's room: inline (Sessions view: a name or {name}), by roomId (All view), or
 * the room it is listed under (GridSmart view: grid_room, else NULL).
 */
static const char *session_room(const struct sessionize *sz, const json_t *session,
				const char *grid_room)
{
	const json_t *room = json_object_get(session, "room");
	if (json_is_string(room))
		return json_string_value(room);
	if (json_is_object(room))
		return json_string_value(json_object_get(room, "name"));
	const char *by_id = lookup(sz->rooms, json_object_get(session, "roomId"));
	return by_id ? by_id : grid_room;
}

static const char *session_track(const struct sessionize *sz, const json_t *session)
{
	size_t i;
	const json_t *item;
	/* All view: ids of category items. */
	json_array_foreach(json_object_get(session, "categoryItems"), i, item) {
		const char *name = lookup(sz->tracks, item);
		if (name)
			return name;
	}
	/* Sessions view: [{name: "Track", categoryItems: [{name}]}]. */
	json_array_foreach(json_object_get(session, "categories"), i, item) {
		if (!is_track_category(json_string_value(json_object_get(item, "name"))))
			continue;
		const json_t *first = json_array_get(json_object_get(item, "categoryItems"), 0);
		const char *name = json_string_value(json_object_get(first, "name"));
		if (name)
			return name;
	}
	return NULL;
}

/* Speakers past AGENDA_MAX_SPEAKERS are left out. */
static void add_speakers(const struct sessionize *sz, struct event *ev, const json_t *session)
{
	size_t i;
	const json_t *speaker;
	json_array_foreach(json_object_get(session, "speakers"), i, speaker) {
		const char *name = json_is_object(speaker)
					   ? json_string_value(json_object_get(speaker, "name"))
					   : lookup(sz->speakers, speaker);
		if (!name || !*name)
			continue;
		if (!agenda_add_speaker(sz->agenda, ev, name, strlen(name)))
			break;
	}
}

/* Adds one session; a problem with this session alone is a warning and it is skipped. */
static bool add_session(struct sessionize *sz, const json_t *session, const char *grid_room)
{
	struct agenda *agenda = sz->agenda;
	if (!json_is_object(session))
		return true;
	const char *title = json_string_value(json_object_get(session, "title"));
	char idbuf[32], what[160];
	const char *id = id_key(json_object_get(session, "id"), idbuf);
	snprintf(what, sizeof what, "session %s \"%.80s\"", id ? id : "?", title ? title : "");
	if (!title) {
		agenda_warn(agenda, 0, "%s has no title, skipped", what);
		return true;
	}
	const char *starts = json_string_value(json_object_get(session, "startsAt"));
	const char *ends = json_string_value(json_object_get(session, "endsAt"));
	const char *room = session_room(sz, session, grid_room);
	if (!starts || !ends || !room) {
		agenda_warn(agenda, 0, "%s is not scheduled (no %s), skipped", what,
			    !starts ? "start" : !ends ? "end" : "room");
		return true;
	}
	time_t start, end;
	if (!feed_time_parse_iso(agenda, sz->zone, starts, 0, what, &start, NULL)) {
		agenda_warn(agenda, 0, "%s: bad startsAt \"%.40s\", skipped", what, starts);
		return true;
	}
	if (!feed_time_parse_iso(agenda, sz->zone, ends, 0, what, &end, NULL) || end < start) {
		agenda_warn(agenda, 0, "%s: bad endsAt \"%.40s\", skipped", what, ends);
		return true;
	}
	bool full;
	struct event *ev = agenda_add_event_or_note(agenda, room, 0, &full);
	if (!ev)
		return full;
	ev->start = start;
	ev->end = end;
	ev->everywhere = json_is_true(json_object_get(session, "isPlenumSession"));
	const char *track = session_track(sz, session);
	if ((id && !(ev->id = agenda_strdup(agenda, id))) ||
	    !(ev->title = agenda_strdup(agenda, title)) ||
	    (track && !(ev->track = agenda_strdup(agenda, track))))
		return false;
	add_speakers(sz, ev, session);
	return true;
}

static bool add_sessions(struct sessionize *sz, const json_t *sessions, const char *grid_room)
{
	size_t i;
	const json_t *session;
	json_array_foreach(sessions, i, session) {
		if (!add_session(sz, session, grid_room))
			return false;
	}
	return true;
}

/* One entry of the Sessions view (a group) or of the GridSmart view (a day of rooms). */
static bool add_group(struct sessionize *sz, const json_t *group)
{
	const json_t *rooms = json_object_get(group, "rooms");
	if (!json_is_array(rooms))
		return add_sessions(sz, json_object_get(group, "sessions"), NULL);
	size_t i;
	const json_t *room;
	json_array_foreach(rooms, i, room) {
		const char *name = json_string_value(json_object_get(room, "name"));
		if (name && !agenda_add_room(sz->agenda, name) &&
		    sz->agenda->n_rooms < AGENDA_MAX_ROOMS)
			return false;
		if (!add_sessions(sz, json_object_get(room, "sessions"), name))
			return false;
	}
	return true;
}

struct agenda *feed_sessionize_parse(const char *bytes, size_t len,
				     const struct feed_options *options, struct error *err)
{
	json_t *root = feed_json_load(bytes, len, err);
	if (!root)
		return NULL;
	bool all_view = json_is_array(json_object_get(root, "sessions"));
	if (!all_view && !json_is_array(root)) {
		error_set(err, 0, 0, "not a Sessionize \"All\" view ({\"sessions\": [...]}), "
				     "\"Sessions\" view ([{\"sessions\": [...]}]) or \"GridSmart\" "
				     "view ([{\"rooms\": [...]}])");
		json_decref(root);
		return NULL;
	}
	struct sessionize sz = {
		.agenda = agenda_create(),
		.zone = options->zone,
		.speakers = json_object(),
		.rooms = json_object(),
		.tracks = json_object(),
	};
	bool ok = sz.agenda && sz.speakers && sz.rooms && sz.tracks;
	if (ok && all_view) {
		ok = read_all_view_tables(&sz, root) &&
		     add_sessions(&sz, json_object_get(root, "sessions"), NULL);
	} else if (ok) {
		size_t i;
		const json_t *group;
		json_array_foreach(root, i, group) {
			if (!ok)
				break;
			ok = add_group(&sz, group);
		}
	}
	json_decref(sz.speakers);
	json_decref(sz.rooms);
	json_decref(sz.tracks);
	json_decref(root);
	if (!ok) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(sz.agenda);
		return NULL;
	}
	return sz.agenda;
}
