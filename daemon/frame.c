/*
 * frame.c — the app at one reading of the clock: the plan (show.h: which slide, which rooms,
 * the panel's power), the state JSON and the laid-out slide, all from that one plan, so that
 * --state, --layout, --screenshot, the live screen and status.json cannot disagree.
 *
 * Entry points (app.h): frame_plan(), frame_state_json(), frame_lay_out(), frame_agenda(),
 * frame_overrides(), frame_render_options().
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sched.h"
#include "slide_content.h"
#include "state_json.h"

/* What the screen shows: the feeds' agenda, with the override file's session edits. */
const struct agenda *frame_agenda(const struct app *app)
{
	return app->shown ? app->shown : app->agenda;
}

const struct override_set *frame_overrides(const struct app *app)
{
	return app->in_force ? app->in_force : app->has_override ? app->override.set : NULL;
}

void frame_plan(const struct app *app, const struct clock_reading *at, struct show_plan *out)
{
	struct show_input in = {
		.agenda = frame_agenda(app), .overrides = frame_overrides(app), .zone = app->zone,
		.screen = {.rooms = app->rooms, .n_rooms = app->n_rooms},
		.clock_trusted = app->clock_trusted, .now = at->now};
	show_plan(&in, out);
}

/* The feed object of the state: freshness, the first failing source's error and status. */
static void describe_feed(const struct app *app, const struct clock_reading *at,
			  struct state_feed *feed, struct state_feed_source *each)
{
	const struct fetch_status *st = &app->feed_status;
	time_t wall = at->wall;
	int64_t mono = at->monotonic_ms;
	double stale_after = (double)app->config.stale_after;
	*feed = (struct state_feed){
		.sources = app->sources,
		.n_sources = app->n_sources,
		.events = app->agenda ? app->agenda->n_events : 0,
		.updated = fetch_status_updated(st),
		.stale = fetch_status_stale(st, wall, mono, stale_after),
		.per_source = st->n_sources == app->n_sources ? each : NULL,
	};
	const struct fetch_source_status *failing = fetch_status_failing(st);
	if (failing) {
		feed->error = failing->error;
		feed->http_status = failing->http_status;
	}
	for (size_t i = 0; i < st->n_sources; i++) {
		const struct fetch_source_status *s = &st->sources[i];
		struct fetch_status one = {.sources = (struct fetch_source_status *)s, .n_sources = 1};
		each[i] = (struct state_feed_source){
			.source = s->source, .events = s->events, .updated = s->updated,
			.stale = fetch_status_stale(&one, wall, mono, stale_after),
			.from_cache = s->from_cache, .error = s->error[0] ? s->error : NULL,
			.http_status = s->http_status};
		if (!failing && !feed->http_status)
			feed->http_status = s->http_status;
	}
}

/* The override part of the state JSON. */
static struct state_override override_view(const struct app *app)
{
	if (!app->has_override)
		return (struct state_override){.set = frame_overrides(app), .rooms = app->rooms,
					       .n_rooms = app->n_rooms};
	return (struct state_override){
		.file = app->override.path, .set = frame_overrides(app),
		.loaded = app->override.loaded, .kept_previous = app->override.kept_previous,
		.read_problems = &app->override.problems,
		.apply_problems = &app->override_unmatched,
		.rooms = app->rooms, .n_rooms = app->n_rooms};
}

/* The state JSON (DESIGN.md section 3) at the reading; NULL when out of memory. */
json_t *frame_state_json(const struct app *app, const struct clock_reading *at,
			 const struct show_plan *plan)
{
	struct sched sched;
	if (!sched_now_next(frame_agenda(app), plan->rooms, plan->n_rooms, at->now, &sched))
		return NULL;
	struct state_view view = {
		.at = at->now,
		.zone = app->zone,
		.slide = show_slide_name(plan->slide),
		.sched = &sched,
		.clock_unknown = !app->clock_trusted,
		.override = override_view(app),
	};
	struct state_feed_source per_source[CONFIG_MAX_LIST > CLI_MAX_LIST ? CONFIG_MAX_LIST
									    : CLI_MAX_LIST];
	describe_feed(app, at, &view.feed, per_source);
	json_t *json = state_to_json(&view);
	if (json && app->fleet)
		json_object_set_new(json, "fleet", fleet_screen_to_json(app->fleet));
	sched_finish(&sched);
	return json;
}

static int screen_rotate(const struct app *app)
{
	if (app->cli.rotate >= 0)
		return app->cli.rotate;
	return app->config.rotate ? atoi(app->config.rotate) : 0;
}

static enum render_fade screen_fade(const struct app *app)
{
	const char *t = app->config.transition ? app->config.transition : "auto";
	return !strcmp(t, "fade")  ? RENDER_FADE_ALWAYS
	       : !strcmp(t, "cut") ? RENDER_FADE_NEVER
				   : RENDER_FADE_AUTO;
}

struct render_options frame_render_options(const struct app *app, bool offscreen)
{
	struct render_options o = {
		.width = app->cli.width ? app->cli.width : app->config.width,
		.height = app->cli.height ? app->cli.height : app->config.height,
		.rotate = screen_rotate(app),
		.windowed = app->cli.windowed,
		.offscreen = offscreen,
		.fade = screen_fade(app),
	};
	return o;
}

/* The plan at the reading, worded and laid out for the render's screen. */
bool frame_lay_out(const struct app *app, struct render *r, const struct clock_reading *at,
		   const struct show_plan *plan, struct slide_layout *out)
{
	time_t now = at->now;
	bool stale = fetch_status_stale(&app->feed_status, at->wall, at->monotonic_ms,
					(double)app->config.stale_after);
	struct sched sched;
	if (!sched_now_next(frame_agenda(app), plan->rooms, plan->n_rooms, now, &sched))
		return false;
	static struct slide_content content;	/* 24 KiB: not on the stack */
	struct slide_content_options o = {.slide = plan->slide, .zone = app->zone, .now = now,
					  .stale = stale,
					  .feed_updated = app->agenda_updated,
					  .clock_unknown = !app->clock_trusted};
	slide_content_build(frame_agenda(app), &sched, &o, &content);
	slide_content_add_overrides(&content, frame_overrides(app),
				    app->zone, now, app->rooms, app->n_rooms);
	sched_finish(&sched);
	struct slide_screen screen;
	render_screen(r, app->config.overscan, &screen);
	return slide_layout(&content, &app->theme, &screen, render_metrics(r), out);
}
