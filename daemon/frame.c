/*
 * frame.c — the app at one reading of the clock: the plan (show.h: which slide, which rooms,
 * the panel's power), the state JSON and the laid-out slide, all from that one plan, so that
 * --state, --layout, --screenshot, the live screen and status.json cannot disagree.
 *
 * The deck (show.h) needs each kind's pages at the instant: the rows of the rooms overview
 * and of the agenda are counted (not worded) and paged for the render's screen (without a
 * render: one page when they have rows); the announcements in force and the image files
 * are counted. Only the slide shown has its rows worded, by frame_lay_out().
 *
 * Entry points (app.h): frame_plan(), frame_state_json(), frame_lay_out(), frame_agenda(),
 * frame_overrides(), frame_render_options(), frame_keep_images().
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sched.h"
#include "slide_content.h"
#include "slide_list.h"
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

/* The announcements in force on this screen at now, at most max of them; their count. */
static size_t announcements_here(const struct app *app, time_t now,
				 const struct override_announcement **out, size_t max)
{
	const struct override_set *set = frame_overrides(app);
	size_t n = 0;
	for (size_t i = 0; set && i < set->n_announcements; i++) {
		const struct override_announcement *a = &set->announcements[i];
		if (!override_announcement_active(a, now) ||
		    !override_announcement_for_rooms(a, app->rooms, app->n_rooms))
			continue;
		if (n < max)
			out[n] = a;
		n++;
	}
	return n;
}

/*
 * What every slide is worded with: the venue's zone and language, the instant, the screen's
 * directions (with the room aliases) and its QR setting.
 */
static struct slide_content_options content_options(const struct app *app, time_t now)
{
	return (struct slide_content_options){
		.words = &app->catalog.words, .zone = app->zone, .now = now,
		.clock_unknown = !app->clock_trusted, .qr = app->config.qr,
		.directions = app->directions, .n_directions = app->n_directions,
		.aliases = app->aliases, .n_aliases = app->n_aliases};
}

/* The now/next the rooms overview (every room) or the agenda (the screen's rooms) is of. */
static bool list_sched(const struct app *app, enum show_slide slide, time_t now,
		       struct sched *out)
{
	bool rooms = slide == SHOW_ROOMS;
	return sched_now_next(frame_agenda(app), rooms ? NULL : app->rooms, rooms ? 0 : app->n_rooms,
			      now, out);
}

/* The rows of the rooms overview or of the agenda. */
static bool list_rows(const struct app *app, enum show_slide slide, time_t now,
		      struct slide_list *out)
{
	struct sched sched;
	if (!list_sched(app, slide, now, &sched))
		return false;
	struct slide_content_options o = content_options(app, now);
	bool ok = slide == SHOW_ROOMS ? slide_list_rooms(frame_agenda(app), &sched, &o, out) &&
						slide_list_add_overrides(out, frame_overrides(app), now)
				      : slide_list_agenda(frame_agenda(app), &sched, &o, out);
	sched_finish(&sched);
	return ok;
}

/*
 * How many rows list_rows() makes, without making them (the rooms overview: a row per room
 * of every room's now/next, sched_room_count()); false when out of memory.
 */
static bool list_count(const struct app *app, enum show_slide slide, time_t now, size_t *n)
{
	struct slide_content_options o = content_options(app, now);
	if (slide == SHOW_ROOMS) {
		*n = slide_list_rooms_count(sched_room_count(frame_agenda(app), 0), &o);
		return true;
	}
	struct sched sched;
	if (!list_sched(app, slide, now, &sched))
		return false;
	*n = slide_list_agenda_count(frame_agenda(app), &sched, &o);
	sched_finish(&sched);
	return true;
}

/* The path of an announcement's image: a file in the override file's folder. */
static void announcement_image(const struct app *app, const struct override_announcement *a,
			       char *path, size_t size)
{
	const char *file = app->override.path ? app->override.path : "";
	const char *slash = strrchr(file, '/');
	snprintf(path, size, "%.*s%s", slash ? (int)(slash - file + 1) : 0, file, a->image);
}

/*
 * Fills what a deck kind's slide says into c (after slide_content_build()): its heading, its
 * rows (list, which the caller finishes), the announcement or the image of the page.
 */
static bool fill_kind(const struct app *app, struct render *r, enum show_slide slide, int page,
		      time_t now, struct slide_content *c, struct slide_list *list,
		      char *image, size_t image_size)
{
	c->page = page;
	if (slide == SHOW_ROOMS || slide == SHOW_AGENDA) {
		if (!list_rows(app, slide, now, list))
			return false;
		c->list = list;
		const struct words *w = &app->catalog.words;
		c->heading = words_get(w, slide == SHOW_ROOMS ? WORD_ALL_ROOMS
					  : app->clock_trusted ? WORD_TODAY : WORD_PROGRAMME);
	} else if (slide == SHOW_ANNOUNCEMENT) {
		const struct override_announcement *in_force[64];
		size_t n = announcements_here(app, now, in_force, 64);
		n = n < 64 ? n : 64;
		c->pages = (int)n;
		c->heading = words_get(&app->catalog.words, WORD_ANNOUNCEMENT);
		c->banner = NULL;	/* the slide is the announcements' */
		if (n) {
			const struct override_announcement *a = in_force[(page < 1 ? 1 : page > (int)n ? (int)n : page) - 1];
			c->announcement_title = a->title ? a->title : a->text;
			c->announcement_text = a->title ? a->text : "";
			if (a->image) {
				announcement_image(app, a, image, image_size);
				c->image = image;
				c->image_aspect = r ? render_image_aspect(r, image) : 0;
			}
		}
	} else if (slide == SHOW_IMAGE) {
		c->pages = (int)app->n_images;
		if (app->n_images) {
			size_t i = (size_t)(page < 1 ? 1 : page > (int)app->n_images ? (int)app->n_images : page) - 1;
			snprintf(image, image_size, "%s", app->images[i]);
			c->image = image;
			c->image_aspect = r ? render_image_aspect(r, image) : 0;
		}
	}
	return true;
}

void frame_keep_images(const struct app *app, struct render *r, time_t now)
{
	const char *paths[256];
	static char announced[64][PATH_MAX];	/* the loop is single-threaded */
	size_t n = 0;
	for (size_t i = 0; i < app->n_images && n < 256; i++)
		paths[n++] = app->images[i];
	const struct override_announcement *in_force[64];
	size_t k = announcements_here(app, now, in_force, 64);
	for (size_t i = 0; i < k && i < 64 && n < 256; i++) {
		if (!in_force[i]->image)
			continue;
		announcement_image(app, in_force[i], announced[i], sizeof announced[i]);
		paths[n++] = announced[i];
	}
	render_keep_images(r, paths, n);
}

/* How many pages a kind of the deck has at now on r's screen (0: nothing to show). */
static int kind_pages(const struct app *app, struct render *r, enum deck_kind kind, time_t now)
{
	const struct override_announcement *none[1];
	switch (kind) {
	case DECK_ANNOUNCEMENT:
		return (int)announcements_here(app, now, none, 0);
	case DECK_IMAGE:
		return (int)app->n_images;
	case DECK_ROOMS:
	case DECK_AGENDA: {
		enum show_slide slide = show_deck_slide(kind, true);
		struct slide_list list = {0};	/* only counted: slide_pages() reads list.n */
		if (!list_count(app, slide, now, &list.n))
			return 1;	/* out of memory: still a slide */
		int pages = list.n ? 1 : 0;
		if (list.n && r) {
			static struct slide_content c;	/* 24 KiB: not on the stack */
			struct sched sched = {0};
			struct slide_content_options o = content_options(app, now);
			o.slide = slide;
			o.clock_unknown = false;
			slide_content_build(frame_agenda(app), &sched, &o, &c);
			slide_content_add_overrides(&c, frame_overrides(app), app->zone, now, app->rooms,
						    app->n_rooms);
			c.slide = slide;	/* counted as if in hours */
			c.list = &list;
			struct slide_screen screen;
			render_screen(r, app->config.overscan, &screen);
			pages = slide_pages(&c, &app->theme, &screen, render_metrics(r));
		}
		return pages;
	}
	case DECK_NOW_NEXT:
	case DECK_KIND_COUNT:
		break;
	}
	return 1;
}

void frame_plan(const struct app *app, struct render *r, const struct clock_reading *at,
		struct show_plan *out)
{
	int pages[DECK_KIND_COUNT];
	bool wanted[DECK_KIND_COUNT] = {false};
	for (size_t i = 0; i < app->deck.n; i++)
		wanted[app->deck.entries[i].kind] = true;
	if (app->cli.slide_given)
		wanted[app->cli.slide_kind] = true;
	const struct override_set *set = frame_overrides(app);
	for (int k = 0; set && set->screen.pin && k < DECK_KIND_COUNT; k++)
		wanted[k] |= show_deck_slide((enum deck_kind)k, true) == set->screen.pin;
	for (int k = 0; k < DECK_KIND_COUNT; k++)
		pages[k] = wanted[k] ? kind_pages(app, r, (enum deck_kind)k, at->now) : 1;
	struct show_input in = {
		.agenda = frame_agenda(app), .overrides = set, .zone = app->zone,
		.screen = {.rooms = app->rooms, .n_rooms = app->n_rooms},
		.clock_trusted = app->clock_trusted, .now = at->now,
		.deck = &app->deck, .pages = pages,
		.forced = app->cli.slide_given, .forced_kind = app->cli.slide_kind,
		.forced_page = app->cli.slide_page};
	show_plan(&in, out);
}

/* The deck in the state JSON: every slide of its cycle at now, which shows, the next turn. */
static json_t *deck_json(const struct app *app, struct render *r, const struct show_plan *plan,
			 time_t now)
{
	json_t *slides = json_array();
	int index = -1, position = 0;
	for (size_t i = 0; i < app->deck.n; i++) {
		enum deck_kind kind = app->deck.entries[i].kind;
		int pages = kind_pages(app, r, kind, now);
		struct slide_list list = {0};
		bool rooms = kind == DECK_ROOMS && pages > 0 && list_rows(app, SHOW_ROOMS, now, &list);
		for (int p = 1; p <= pages; p++, position++) {
			json_t *one = json_pack("{s:s, s:i, s:i, s:i, s:i}", "kind",
						deck_kind_name(kind), "entry", (int)i, "page", p,
						"pages", pages, "seconds", app->deck.entries[i].seconds);
			if (rooms) {
				size_t first, count;
				slide_page_rows(list.n, pages, p, &first, &count);
				json_t *names = json_array();
				for (size_t k = first; k < first + count; k++)
					json_array_append_new(names, json_string(list.rows[k].room));
				json_object_set_new(one, "rooms", names);
			}
			json_array_append_new(slides, one);
			if (plan->deck_index == (int)i && (int)plan->page + 1 == p)
				index = position;
		}
		slide_list_finish(&list);
	}
	return json_pack("{s:i, s:o, s:o}", "index", index, "slides", slides, "next_change",
			 plan->slot.next_change && plan->deck_index == plan->slot.index
				 ? state_time_to_json(plan->slot.next_change, app->zone)
				 : json_null());
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
json_t *frame_state_json(const struct app *app, struct render *r, const struct clock_reading *at,
			 const struct show_plan *plan)
{
	struct sched sched;
	if (!sched_now_next(frame_agenda(app), plan->rooms, plan->n_rooms, at->now, &sched))
		return NULL;
	struct state_view view = {
		.at = at->now,
		.screen = {.name = app->screen_name, .from = app->screen_from,
			   .section = app->config.screen ? app->config.screen->name : NULL},
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
	if (json && plan->paged) {
		json_object_set_new(json, "page", json_integer((json_int_t)plan->page + 1));
		json_object_set_new(json, "pages", json_integer((json_int_t)plan->n_pages));
	}
	if (json && app->deck.n)
		json_object_set_new(json, "deck", deck_json(app, r, plan, at->now));
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
	struct slide_content_options o = content_options(app, now);
	o.slide = plan->slide;
	o.stale = stale;
	o.feed_updated = app->agenda_updated;
	slide_content_build(frame_agenda(app), &sched, &o, &content);
	slide_content_add_overrides(&content, frame_overrides(app),
				    app->zone, now, app->rooms, app->n_rooms);
	sched_finish(&sched);
	struct slide_list list = {0};
	char image[PATH_MAX];
	if (plan->paged && !fill_kind(app, r, plan->slide, (int)plan->page + 1, now, &content, &list,
				     image, sizeof image))
		return false;
	struct slide_screen screen;
	render_screen(r, app->config.overscan, &screen);
	bool ok = slide_layout(&content, &app->theme, &screen, render_metrics(r), out);
	slide_list_finish(&list);
	return ok;
}
