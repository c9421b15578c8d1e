/*
 * state_json.c — the state JSON; see state_json.h and DESIGN.md section 3.
 */
#include "state_json.h"

#include <stdio.h>

json_t *state_time_to_json(time_t t, const struct tz *zone)
{
	char iso[CIVIL_ISO_MAX];
	civil_format_iso(t, tz_offset_at(zone, t), iso);
	return json_string(iso);
}

json_t *state_event_to_json(const struct event *ev, const struct tz *zone)
{
	json_t *speakers = json_array();
	for (size_t i = 0; i < ev->n_speakers; i++)
		json_array_append_new(speakers, json_string(ev->speakers[i]));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:s}", "id", ev->id, "title",
			 ev->title, "subtitle", ev->subtitle, "start",
			 state_time_to_json(ev->start, zone), "end",
			 state_time_to_json(ev->end, zone), "room", ev->room, "speakers", speakers,
			 "track", ev->track, "status", event_status_name(ev->status), "note",
			 ev->note ? ev->note : "");
}

static json_t *events_to_json(const struct event *const *events, size_t n, const struct tz *zone)
{
	json_t *array = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(array, state_event_to_json(events[i], zone));
	return array;
}

static json_t *feed_to_json(const struct state_feed *feed, const struct tz *zone)
{
	json_t *sources = json_array();
	for (size_t i = 0; i < feed->n_sources; i++)
		json_array_append_new(sources, json_string(feed->sources[i]));
	json_t *json = json_pack("{s:o, s:I, s:o, s:b, s:o, s:o}", "sources", sources, "events",
			 (json_int_t)feed->events, "updated",
			 feed->updated ? state_time_to_json(feed->updated, zone) : json_null(),
			 "stale", feed->stale, "error",
			 feed->error ? json_string(feed->error) : json_null(), "http_status",
			 feed->http_status ? json_integer(feed->http_status) : json_null());
	if (json && feed->per_source) {
		json_t *each = json_array();
		for (size_t i = 0; i < feed->n_sources; i++) {
			const struct state_feed_source *s = &feed->per_source[i];
			json_array_append_new(each, json_pack(
				"{s:s, s:I, s:o, s:b, s:b, s:o, s:o}", "source", s->source, "events",
				(json_int_t)s->events, "updated",
				s->updated ? state_time_to_json(s->updated, zone) : json_null(),
				"stale", s->stale, "from_cache", s->from_cache, "error",
				s->error ? json_string(s->error) : json_null(), "http_status",
				s->http_status ? json_integer(s->http_status) : json_null()));
		}
		json_object_set_new(json, "source_status", each);
	}
	return json;
}

static json_t *time_or_null(time_t t, const struct tz *zone)
{
	return t ? state_time_to_json(t, zone) : json_null();
}

/* The announcements in force for this screen: name, text, rooms, from, until. */
static json_t *announcements_to_json(const struct state_view *view)
{
	const struct state_override *o = &view->override;
	json_t *array = json_array();
	for (size_t i = 0; o->set && i < o->set->n_announcements; i++) {
		const struct override_announcement *a = &o->set->announcements[i];
		if (!override_announcement_active(a, view->at) ||
		    !override_announcement_for_rooms(a, o->rooms, o->n_rooms))
			continue;
		json_t *rooms = json_array();
		for (size_t r = 0; r < a->n_rooms; r++)
			json_array_append_new(rooms, json_string(a->rooms[r]));
		json_array_append_new(array, json_pack("{s:s, s:s, s:o, s:o, s:o}", "name", a->name,
						       "text", a->text, "rooms", rooms, "from",
						       time_or_null(a->from, view->zone), "until",
						       time_or_null(a->until, view->zone)));
	}
	return array;
}

static json_t *emergency_to_json(const struct state_view *view)
{
	const struct override_emergency *e = override_emergency_at(view->override.set, view->at);
	if (!e)
		return json_null();
	return json_pack("{s:s, s:s, s:o}", "title", e->title, "text", e->text, "until",
			 time_or_null(e->until, view->zone));
}

static void append_problems(json_t *array, const char *file, const struct error_list *list)
{
	for (size_t i = 0; list && i < list->n; i++) {
		char line[400];
		if (list->items[i].line > 0)
			snprintf(line, sizeof line, "%s:%d: %s", file, list->items[i].line,
				 list->items[i].message);
		else
			snprintf(line, sizeof line, "%s: %s", file, list->items[i].message);
		json_array_append_new(array, json_string(line));
	}
}

/* {"file", "loaded", "error" (the first problem or null), "errors", "kept_previous"}, or null. */
static json_t *override_to_json(const struct state_view *view)
{
	const struct state_override *o = &view->override;
	if (!o->file)
		return json_null();
	json_t *errors = json_array();
	append_problems(errors, o->file, o->read_problems);
	append_problems(errors, o->file, o->apply_problems);
	json_t *first = json_array_size(errors) ? json_incref(json_array_get(errors, 0)) : json_null();
	return json_pack("{s:s, s:o, s:o, s:o, s:b}", "file", o->file, "loaded",
			 time_or_null(o->loaded, view->zone), "error", first, "errors", errors,
			 "kept_previous", o->kept_previous);
}

/* A room of the state: now and next, plus the AV staff's flags for it. */
static json_t *room_to_json(const struct state_view *view, const struct sched_room *r)
{
	const struct override_room *flags = override_room_at(view->override.set, r->room, view->at);
	return json_pack("{s:s, s:o, s:o, s:b, s:b, s:s}", "room", r->room, "now",
			 events_to_json(r->now, view->clock_unknown ? 0 : r->n_now, view->zone), "next",
			 events_to_json(r->next, r->n_next, view->zone), "full",
			 flags && flags->full == 1, "closed", flags && flags->closed == 1, "note",
			 flags && flags->note ? flags->note : "");
}

json_t *state_to_json(const struct state_view *view)
{
	json_t *rooms = json_array();
	for (size_t i = 0; i < view->sched->n_rooms; i++)
		json_array_append_new(rooms, room_to_json(view, &view->sched->rooms[i]));
	const struct override_set *set = view->override.set;
	json_t *screen = json_pack("{s:b, s:o}", "on", override_screen_on(set, view->zone, view->at),
				   "pin", set && set->screen.pin ? json_string(show_slide_name(set->screen.pin)) : json_null());
	if (screen && view->screen.name) {
		json_object_set_new(screen, "name", json_string(view->screen.name));
		json_object_set_new(screen, "section", view->screen.section
							  ? json_string(view->screen.section)
							  : json_null());
		json_object_set_new(screen, "from", json_string(view->screen.from ? view->screen.from
										  : ""));
	}
	json_t *json = json_pack("{s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "at",
			 state_time_to_json(view->at, view->zone), "timezone", tz_name(view->zone),
			 "slide", view->slide, "feed", feed_to_json(&view->feed, view->zone), "rooms",
			 rooms, "announcements", announcements_to_json(view), "emergency",
			 emergency_to_json(view), "override", override_to_json(view), "screen", screen);
	if (json)
		json_object_set_new(json, "clock_trusted", json_boolean(!view->clock_unknown));
	return json;
}
