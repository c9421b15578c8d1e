/*
 * state.c — the state JSON; see state.h and DESIGN.md section 3.
 */
#include "state.h"

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
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:s}", "id", ev->id, "title",
			 ev->title, "subtitle", ev->subtitle, "start",
			 state_time_to_json(ev->start, zone), "end",
			 state_time_to_json(ev->end, zone), "room", ev->room, "speakers", speakers,
			 "track", ev->track, "status", event_status_name(ev->status));
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
	return json_pack("{s:o, s:I, s:o, s:b, s:o, s:I}", "sources", sources, "events",
			 (json_int_t)feed->events, "updated",
			 feed->updated ? state_time_to_json(feed->updated, zone) : json_null(),
			 "stale", feed->stale, "error",
			 feed->error ? json_string(feed->error) : json_null(), "http_status",
			 (json_int_t)feed->http_status);
}

json_t *state_to_json(const struct state_view *view)
{
	json_t *rooms = json_array();
	for (size_t i = 0; i < view->sched->n_rooms; i++) {
		const struct sched_room *r = &view->sched->rooms[i];
		json_array_append_new(
			rooms, json_pack("{s:s, s:o, s:o}", "room", r->room, "now",
					 events_to_json(r->now, r->n_now, view->zone), "next",
					 events_to_json(r->next, r->n_next, view->zone)));
	}
	return json_pack("{s:o, s:s, s:s, s:o, s:o, s:[], s:n}", "at",
			 state_time_to_json(view->at, view->zone), "timezone", tz_name(view->zone),
			 "slide", view->slide, "feed", feed_to_json(&view->feed, view->zone), "rooms",
			 rooms, "announcements", "emergency");
}
