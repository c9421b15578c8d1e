/*
 * main.c — wiring: command line, config, venue zone, feeds, then one mode.
 *
 * Start reading at main(). It computes nothing itself: cli.c parses the options, config.c
 * the file, feed.c the agendas, sched.c now/next, state.c the JSON. main owns the clock
 * (the one place that reads it) and, for the live screen, the loop.
 *
 * Exit status (DESIGN.md section 2): 0 success, 1 bad input, 2 usage error.
 */
#define LOG_MODULE "main"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "agenda.h"
#include "alias.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "feed.h"
#include "fetch.h"
#include "file.h"
#include "log.h"
#include "loop.h"
#include "power.h"
#include "render.h"
#include "sched.h"
#include "service.h"
#include "slide.h"
#include "slide_content.h"
#include "state.h"
#include "text.h"
#include "theme.h"
#include "tz.h"
#include "watch.h"

#define DEFAULT_CONFIG "/etc/foyer/foyer.conf"
#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

/* Everything main resolved from the command line and the config, and what it loaded. */
struct app {
	struct cli cli;
	struct config config;
	const char *config_path;
	struct tz *zone;
	const char *const *sources;	/* the feeds: --feed, else the config's */
	size_t n_sources;
	enum feed_format format;
	const char *const *rooms;	/* the screen's rooms: --room, else the config's */
	size_t n_rooms;
	struct alias *aliases;		/* [rooms] alias: feed room names to screen ones */
	size_t n_aliases;
	struct agenda *agenda;
	time_t agenda_updated;
	struct theme theme;		/* the configured theme, else the built-in default */
	struct fetch *fetch;		/* the feeds: files, and URLs through the cache */
	struct fetch_status feed_status;	/* every source's freshness, as of the last fetch */
	bool clock_trusted;		/* the wall clock is known good (or --at was given) */
	int problems;			/* --check: how many were printed */
	bool has_override;		/* an override file is configured */
	struct watch override;		/* the override file and the overrides in force */
	struct error_list override_unmatched;	/* sections that matched nothing in the agenda */
	struct agenda *shown;		/* agenda with the override's session edits; NULL: none */
	bool agenda_replaced;		/* the shown agenda is new since the last frame */
	char **argv;			/* as main got it: SIGHUP with a changed config re-executes */
	bool restart;			/* the live loop ended for that re-execution */
};

/* What the screen shows: the feeds' agenda, with the override file's session edits. */
static const struct agenda *shown_agenda(const struct app *app)
{
	return app->shown ? app->shown : app->agenda;
}

/* Prints one problem as `file:line: message` (line omitted when unknown). */
static void report(struct app *app, const char *file, int line, const char *message)
{
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, message);
	else
		fprintf(stderr, "%s: %s\n", file, message);
	app->problems++;
}

static bool load_config(struct app *app)
{
	if (!config_init(&app->config)) {
		fprintf(stderr, "foyer: out of memory\n");
		return false;
	}
	app->config_path = app->cli.config_path ? app->cli.config_path : DEFAULT_CONFIG;
	struct error_list errors = {0};
	bool ok = config_load(&app->config, app->config_path, app->cli.config_path != NULL, &errors);
	for (size_t i = 0; i < errors.n; i++)
		report(app, app->config_path, errors.items[i].line, errors.items[i].message);
	if (errors.dropped)
		fprintf(stderr, "%s: %zu more problems not shown\n", app->config_path, errors.dropped);
	error_list_finish(&errors);
	return ok;
}

static bool resolve(struct app *app)
{
	const char *zone = app->cli.timezone ? app->cli.timezone : app->config.timezone;
	struct error err = {0};
	app->zone = tz_load(zone, &err);
	if (!app->zone) {
		report(app, app->cli.timezone ? "--timezone" : app->config_path, 0, err.message);
		return false;
	}
	if (app->cli.n_feeds) {
		app->sources = app->cli.feeds;
		app->n_sources = app->cli.n_feeds;
	} else {
		app->sources = (const char *const *)app->config.sources.items;
		app->n_sources = app->config.sources.n;
	}
	if (app->cli.n_rooms) {
		app->rooms = app->cli.rooms;
		app->n_rooms = app->cli.n_rooms;
	} else {
		app->rooms = (const char *const *)app->config.rooms.items;
		app->n_rooms = app->config.rooms.n;
	}
	app->format = FEED_AUTO;
	if (app->cli.format_given)
		app->format = app->cli.format;
	else
		feed_format_from_name(app->config.format, &app->format);
	if (app->config.room_aliases.n) {
		app->aliases = calloc(app->config.room_aliases.n, sizeof *app->aliases);
		if (!app->aliases) {
			report(app, "foyer", 0, "out of memory");
			return false;
		}
	}
	for (size_t i = 0; i < app->config.room_aliases.n; i++) {
		/* config.c has checked every alias: only memory can run out here */
		if (!alias_parse(app->config.room_aliases.items[i], &app->aliases[i], &err)) {
			report(app, app->config_path, 0, err.message);
			return false;
		}
		app->n_aliases++;
	}
	if (app->n_sources == 0) {
		report(app, "foyer", 0,
		       "no feed to show: give --feed SOURCE, or `source =` under [feed] in the config");
		return false;
	}
	return true;
}

static const char *format_time(time_t t, const struct tz *zone, char out[CIVIL_ISO_MAX])
{
	civil_format_iso(t, tz_offset_at(zone, t), out);
	return out;
}

/* The cache directory, when there is one: systemd's CacheDirectory= makes it. */
static const char *cache_directory(const struct app *app)
{
	const char *dir = app->config.cache_directory;
	if (!dir || !*dir)
		return NULL;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_debug("no cache directory %s: URL feeds are not cached", dir);
		return NULL;
	}
	return dir;
}

static void fetch_options_from_config(const struct app *app, struct fetch_options *o)
{
	const struct config *c = &app->config;
	fetch_options_defaults(o);
	o->sources = app->sources;
	o->n_sources = app->n_sources;
	o->format = app->format;
	o->zone = app->zone;
	o->aliases = app->aliases;
	o->n_aliases = app->n_aliases;
	o->select = c->select;
	o->policy.refresh_s = (double)c->refresh;
	o->policy.jitter_s = (double)c->refresh_jitter;
	o->policy.cap_s = (double)c->retry_max;
	o->connect_timeout_s = (double)c->connect_timeout;
	o->timeout_s = (double)c->timeout;
	o->low_speed_time_s = c->stall_timeout;
	o->max_bytes = (size_t)c->max_bytes;
	o->max_redirects = c->max_redirects;
	o->cache_dir = cache_directory(app);
	o->ca_file = c->ca_file;
	o->proxy = c->proxy;
	o->trust_clock = c->trust_clock;
	o->quiet = app->cli.mode != CLI_RUN;	/* load_feeds() reports what went wrong */
}

/*
 * Reads every feed once: files from disk, URLs fetched through the cache (a failed fetch
 * falls back to the cached copy, and the error shows in the state). Problems are reported
 * as `source:line: message`. False when a source has no agenda to show, and for --check
 * when any source has a problem.
 */
static bool load_feeds(struct app *app)
{
	struct fetch_options options;
	fetch_options_from_config(app, &options);
	struct error err = {0};
	app->fetch = fetch_create(&options, &err);
	if (!app->fetch) {
		report(app, "foyer", 0, err.message);
		return false;
	}
	/*
	 * The one-shot modes fetch once, now. The live screen does not wait for the network:
	 * it starts with the cached copies and the files, and the worker fetches (run_screen).
	 */
	bool live = app->cli.mode == CLI_RUN;
	if (!live)
		fetch_refresh(app->fetch);
	struct fetch_result *r = fetch_take(app->fetch);
	if (!r) {
		fprintf(stderr, "foyer: out of memory\n");
		return false;
	}
	app->agenda = r->agenda;
	app->feed_status = r->status;
	free(r);	/* its agenda and status are ours now */
	if (live) {
		for (size_t i = 0; i < app->feed_status.n_sources; i++)
			if (app->feed_status.sources[i].error[0])
				log_warning("%s", app->feed_status.sources[i].error);
		if (!app->agenda) {
			log_info("no agenda yet (no cached copy): waiting for the feed");
			app->agenda = agenda_create();
		}
		app->agenda_updated = fetch_status_updated(&app->feed_status);
		return app->agenda != NULL;
	}
	bool ok = true;
	char when[CIVIL_ISO_MAX];
	for (size_t i = 0; i < app->feed_status.n_sources; i++) {
		const struct fetch_source_status *s = &app->feed_status.sources[i];
		if (s->error[0] && (!s->have_agenda || app->cli.mode == CLI_CHECK)) {
			fprintf(stderr, "%s\n", s->error);
			app->problems++;
			ok = false;
		} else if (s->error[0]) {
			log_warning("%s; showing the copy cached at %s", s->error,
				    format_time(s->updated, app->zone, when));
		}
		if (app->cli.mode == CLI_CHECK && s->have_agenda && !s->error[0])
			printf("%s: %s, %zu events, %zu rooms\n", s->source,
			       feed_format_name(s->format), s->events, s->rooms);
	}
	if (!ok || !app->agenda) {
		agenda_destroy(app->agenda);
		app->agenda = NULL;
		return false;
	}
	app->agenda_updated = fetch_status_updated(&app->feed_status);
	return true;
}

/* The feed object of the state: freshness, the first failing source's error and status. */
static void describe_feed(const struct app *app, struct state_feed *feed,
			  struct state_feed_source *each)
{
	const struct fetch_status *st = &app->feed_status;
	time_t wall = clock_wall();
	int64_t mono = clock_monotonic_ms();
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

/*
 * The theme: --theme, else the config's. Names are looked up beside the binary
 * (<build>/../themes, for a build in the source tree) and then in FOYER_DATADIR/themes.
 * A broken theme is reported with `file:line:` and the built-in default is kept: for the
 * screen that is a warning, for --check a problem.
 */
static bool load_theme(struct app *app)
{
	const char *name = app->cli.theme ? app->cli.theme : app->config.theme;
	char beside[PATH_MAX] = "";
	ssize_t n = readlink("/proc/self/exe", beside, sizeof beside - 16);
	if (n > 0) {
		beside[n] = '\0';
		char *slash = strrchr(beside, '/');
		if (slash)
			strcpy(slash, "/../themes");
	}
	const char *dirs[] = {beside, FOYER_DATADIR "/themes", NULL};
	char path[THEME_MAX_PATH];
	struct error_list problems = {0};
	theme_default(&app->theme);
	if (!name || !*name)
		name = "default";
	bool ok = theme_load(name, dirs, &app->theme, path, &problems);
	for (size_t i = 0; i < problems.n; i++) {
		const char *file = path[0] ? path : name;
		if (app->cli.mode == CLI_CHECK) {
			report(app, file, problems.items[i].line, problems.items[i].message);
		} else if (problems.items[i].line > 0) {
			log_warning("%s:%d: %s", file, problems.items[i].line,
				    problems.items[i].message);
		} else {
			log_warning("%s: %s", file, problems.items[i].message);
		}
	}
	if (!ok) {
		theme_default(&app->theme);
		if (app->cli.mode != CLI_CHECK)
			log_warning("theme \"%s\" not used, keeping the built-in default", name);
	}
	error_list_finish(&problems);
	if (ok && app->cli.mode == CLI_CHECK) {
		/* a font the theme names but the box lacks: drawn with a substitute, but say so */
		struct error err = {0};
		struct text_engine *te = text_engine_create(&err);
		if (te && !text_family_available(te, app->theme.font)) {
			char message[160];
			snprintf(message, sizeof message,
				 "font \"%s\" is not installed (text would be drawn with a substitute)",
				 app->theme.font);
			report(app, path, 0, message);
			ok = false;
		}
		text_engine_destroy(te);
	}
	return ok || app->cli.mode != CLI_CHECK;
}

/*
 * Reads the override file (--override, else the config's) and reports its problems as
 * `file:line: message`. No file configured is fine; false when the file is bad.
 */
/* A `pin` must name a slide the layout engine has (slide.h's slide names). */
static bool pin_known(const struct override_set *set)
{
	static const char *const slides[] = {"now-next", "rooms"};
	if (!set || !set->screen.pin)
		return true;
	for (size_t i = 0; i < sizeof slides / sizeof *slides; i++)
		if (!strcmp(set->screen.pin, slides[i]))
			return true;
	return false;
}

static bool load_override(struct app *app, time_t now)
{
	const char *path = app->cli.override_path ? app->cli.override_path : app->config.override;
	if (!path || !*path)
		return true;
	if (!watch_init(&app->override, path)) {
		fprintf(stderr, "foyer: out of memory\n");
		return false;
	}
	app->has_override = true;
	bool ok = watch_reload(&app->override, app->zone, now, app->cli.at_given);
	for (size_t i = 0; i < app->override.problems.n; i++)
		report(app, path, app->override.problems.items[i].line,
		       app->override.problems.items[i].message);
	if (ok && !pin_known(app->override.set)) {
		char message[200];
		snprintf(message, sizeof message, "pin: no slide named \"%.80s\" (slides: now-next, rooms)",
			 app->override.set->screen.pin);
		report(app, path, app->override.set->screen.pin_line, message);
		ok = false;
	}
	return ok;
}

/*
 * Makes app->shown: the feeds' agenda with the override file's session edits. Call it again
 * after a new agenda or a new override file. Sections that match no session are reported
 * (they do not stop the rest).
 */
static bool apply_override(struct app *app)
{
	app->agenda_replaced = true;	/* the screen fades to what follows */
	error_list_finish(&app->override_unmatched);
	agenda_destroy(app->shown);
	app->shown = NULL;
	if (!app->has_override || !app->override.set || !app->agenda)
		return true;
	struct agenda *edited = override_apply(app->override.set, app->agenda, app->zone,
					       &app->override_unmatched);
	if (!edited) {
		fprintf(stderr, "foyer: out of memory\n");
		return false;
	}
	for (size_t i = 0; i < app->override_unmatched.n; i++) {
		const struct error *e = &app->override_unmatched.items[i];
		if (app->cli.mode == CLI_CHECK)
			report(app, app->override.path, e->line, e->message);
		else
			log_warning("%s:%d: %s", app->override.path, e->line, e->message);
	}
	app->shown = edited;
	return true;
}

/*
 * Re-reads the override file (inotify saw a save, or SIGHUP) and re-applies it. A bad file
 * keeps the overrides in force; its problems go to the log and the state. True when the
 * overrides in force changed, i.e. the screen must be redrawn.
 */
static bool reload_override(struct app *app, time_t now)
{
	if (!app->has_override)
		return false;
	bool good = watch_reload(&app->override, app->zone, now, app->cli.at_given);
	for (size_t i = 0; i < app->override.problems.n; i++)
		log_error("%s:%d: %s", app->override.path, app->override.problems.items[i].line,
			  app->override.problems.items[i].message);
	if (!good) {
		log_error("%s: not used%s", app->override.path,
			  app->override.kept_previous ? ", keeping the last good overrides" : "");
		return true;	/* the state shows the error */
	}
	log_info("%s: read", app->override.path);
	return apply_override(app);
}

/* The override part of the state JSON. */
static struct state_override override_view(const struct app *app)
{
	if (!app->has_override)
		return (struct state_override){0};
	return (struct state_override){
		.file = app->override.path, .set = app->override.set,
		.loaded = app->override.loaded, .kept_previous = app->override.kept_previous,
		.read_problems = &app->override.problems,
		.apply_problems = &app->override_unmatched,
		.rooms = app->rooms, .n_rooms = app->n_rooms};
}

/*
 * The slide the screen shows at now, as slide_layout() names it: an emergency over
 * everything, "off" outside the screen hours, the pinned slide, else what the screen's rooms
 * (n_rooms of them in now/next) and the clock make it.
 */
static const char *slide_name(const struct app *app, time_t now, size_t n_rooms)
{
	const struct override_set *set = app->has_override ? app->override.set : NULL;
	if (override_emergency_at(set, now))
		return "emergency";
	if (!override_screen_on(set, app->zone, now))
		return "off";
	if (set && set->screen.pin)
		return set->screen.pin;
	return n_rooms > 1 ? "rooms" : !app->clock_trusted ? "programme" : "now-next";
}

/* The instant to show: --at (venue local unless it has an offset), else the wall clock. */
static time_t start_instant(const struct app *app)
{
	if (!app->cli.at_given)
		return time(NULL);
	if (app->cli.at_has_offset)
		return (time_t)(civil_to_seconds(&app->cli.at) - app->cli.at_offset);
	time_t t;
	tz_to_utc(app->zone, &app->cli.at, &t);
	return t;
}

/* The state JSON (DESIGN.md section 3) at now; NULL when out of memory. */
static json_t *state_json(struct app *app, time_t now)
{
	struct sched sched;
	if (!sched_now_next(shown_agenda(app), app->rooms, app->n_rooms, now, &sched))
		return NULL;
	struct state_view view = {
		.at = now,
		.zone = app->zone,
		.slide = slide_name(app, now, sched.n_rooms),
		.sched = &sched,
		.clock_unknown = !app->clock_trusted,
		.override = override_view(app),
	};
	struct state_feed_source per_source[CONFIG_MAX_LIST > CLI_MAX_LIST ? CONFIG_MAX_LIST
									    : CLI_MAX_LIST];
	describe_feed(app, &view.feed, per_source);
	json_t *json = state_to_json(&view);
	sched_finish(&sched);
	return json;
}

static int print_state(struct app *app, time_t now)
{
	json_t *json = state_json(app, now);
	if (!json) {
		fprintf(stderr, "foyer: out of memory\n");
		return EXIT_BAD_INPUT;
	}
	int status = json && json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0
			     ? 0
			     : EXIT_BAD_INPUT;
	fputc('\n', stdout);
	json_decref(json);
	return status;
}

/* --- the screen: --layout, --screenshot and the live loop --- */

static int screen_rotate(const struct app *app)
{
	if (app->cli.rotate >= 0)
		return app->cli.rotate;
	return app->config.rotate ? atoi(app->config.rotate) : 0;
}

static struct render_options screen_options(const struct app *app, bool offscreen)
{
	struct render_options o = {
		.width = app->cli.width ? app->cli.width : app->config.width,
		.height = app->cli.height ? app->cli.height : app->config.height,
		.rotate = screen_rotate(app),
		.windowed = app->cli.windowed,
		.offscreen = offscreen,
	};
	return o;
}

/* now/next at `now`, worded and laid out for the render's screen. */
static bool lay_out(struct app *app, struct render *r, time_t now, bool stale,
		    struct slide_layout *out)
{
	/* the override file's [screen] pin: every room's overview, or one room's now/next */
	const char *const *rooms = app->rooms;
	size_t n_rooms = app->n_rooms;
	const char *pin = app->has_override && app->override.set ? app->override.set->screen.pin
								 : NULL;
	if (pin && !strcmp(pin, "rooms")) {
		n_rooms = 0;
	} else if (pin && !strcmp(pin, "now-next") && n_rooms != 1 && shown_agenda(app)->n_rooms) {
		rooms = n_rooms ? app->rooms : shown_agenda(app)->rooms;
		n_rooms = 1;
	}
	struct sched sched;
	if (!sched_now_next(shown_agenda(app), rooms, n_rooms, now, &sched))
		return false;
	static struct slide_content content;	/* 24 KiB: not on the stack */
	struct slide_content_options o = {.zone = app->zone, .now = now, .stale = stale,
					  .feed_updated = app->agenda_updated,
					  .clock_unknown = !app->clock_trusted};
	slide_content_build(shown_agenda(app), &sched, &o, &content);
	slide_content_add_overrides(&content, app->has_override ? app->override.set : NULL,
				    app->zone, now, app->rooms, app->n_rooms);
	sched_finish(&sched);
	struct slide_screen screen;
	render_screen(r, app->config.overscan, &screen);
	return slide_layout(&content, &app->theme, &screen, render_metrics(r), out);
}

static int one_frame(struct app *app, time_t now)
{
	struct error err = {0};
	struct render_options o = screen_options(app, true);
	struct render *r = render_create(&o, &err);
	if (!r) {
		fprintf(stderr, "foyer: %s\n", err.message);
		return EXIT_BAD_INPUT;
	}
	render_set_theme(r, &app->theme);
	struct slide_layout layout;
	int status = EXIT_BAD_INPUT;
	bool stale = fetch_status_stale(&app->feed_status, clock_wall(), clock_monotonic_ms(),
					(double)app->config.stale_after);
	if (!lay_out(app, r, now, stale, &layout)) {
		fprintf(stderr, "foyer: cannot lay out the slide (the screen must be at least "
			"64x64, and memory enough)\n");
	} else if (app->cli.mode == CLI_LAYOUT) {
		char *json = slide_layout_json(&layout);
		if (json) {
			puts(json);
			status = 0;
		}
		free(json);
	} else if (render_show(r, &layout, RENDER_CUT) == RENDER_FAILED) {
		fprintf(stderr, "foyer: cannot draw the slide\n");
	} else if (!render_save_png(r, app->cli.screenshot_path, &err)) {
		fprintf(stderr, "foyer: %s\n", err.message);
	} else {
		status = 0;
	}
	slide_layout_finish(&layout);
	render_destroy(r);
	return status;
}

/* The screen's clock: the wall clock, or --at running --speed times faster. */
struct screen_clock {
	double start;		/* the simulated instant at `since` */
	double since;		/* CLOCK_MONOTONIC seconds */
	double speed;
};

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double screen_clock_now(const struct screen_clock *c)
{
	if (c->speed <= 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		return (double)ts.tv_sec + ts.tv_nsec / 1e9;
	}
	return c->start + (monotonic() - c->since) * c->speed;
}

/*
 * Milliseconds of real time until the next visible change: the clock's next minute or the
 * next session boundary, whichever comes first.
 */
static int next_change_ms(const struct app *app, const struct screen_clock *c, double now)
{
	double deadline = floor(now / 60) * 60 + 60;
	time_t change = sched_next_change(shown_agenda(app), (time_t)now);
	if (change > 0 && change < deadline)
		deadline = (double)change;
	/* an announcement or emergency starting or ending, the screen hours */
	change = app->has_override ? override_next_change(app->override.set, app->zone, (time_t)now)
				   : 0;
	if (change > 0 && change < deadline)
		deadline = (double)change;
	double speed = c->speed > 0 ? c->speed : 1;
	double ms = ceil((deadline - now) / speed * 1000) + 1;
	return ms < 1 ? 1 : ms > 3600 * 1000 ? 3600 * 1000 : (int)ms;
}

struct screen_wake {
	int signal_fd;
	bool quit;
	bool reload;		/* SIGHUP */
	bool override_saved;	/* inotify: the override file was saved or deleted */
	struct watch *override;
};

static void on_signal(void *data, int fd, short revents)
{
	struct screen_wake *w = data;
	struct signalfd_siginfo si;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			w->quit = true;
		else if (si.ssi_signo == SIGHUP)
			w->reload = true;
	}
}

/* inotify on the override file's directory: a save (in place or by rename) or a delete. */
static void on_override_file(void *data, int fd, short revents)
{
	struct screen_wake *w = data;
	if (watch_drain(w->override))
		w->override_saved = true;
}

/*
 * What the fetch worker handed over: a new agenda (its changes marked against the one shown,
 * the override file's edits applied again) and the feeds' freshness. A 304 or an unchanged
 * body hands over only the status.
 */
static void on_fetch_result(void *data, int fd, short revents)
{
	struct app *app = data;
	loop_waker_drain(fd);
	struct fetch_result *r = fetch_take(app->fetch);
	if (!r)
		return;
	if (r->agenda) {
		if (app->agenda && !agenda_mark_changes(r->agenda, app->agenda))
			log_warning("out of memory marking the changed sessions");
		agenda_destroy(app->agenda);
		app->agenda = r->agenda;
		r->agenda = NULL;
		apply_override(app);
		log_info("new agenda: %zu events in %zu rooms", app->agenda->n_events,
			 app->agenda->n_rooms);
	}
	fetch_status_finish(&app->feed_status);
	app->feed_status = r->status;
	memset(&r->status, 0, sizeof r->status);	/* moved to app */
	fetch_result_destroy(r);
	app->agenda_updated = fetch_status_updated(&app->feed_status);
}

/* The feed's health for status.json and STATUS=, from the fetch's last status. */
static struct status_fetch fetch_health(const struct app *app)
{
	const struct fetch_status *st = &app->feed_status;
	struct status_fetch health = {.last_success = fetch_status_updated(st)};
	for (size_t i = 0; i < st->n_sources; i++) {
		if (st->sources[i].failures > health.failures)
			health.failures = st->sources[i].failures;
	}
	const struct fetch_source_status *failing = fetch_status_failing(st);
	if (failing)
		health.error = failing->error;
	return health;
}

/* A fingerprint of the config file's bytes (FNV-1a), to tell whether SIGHUP changed it. */
static uint64_t config_fingerprint(const char *path)
{
	size_t len = 0;
	char *bytes = file_read(path, CONFIG_MAX_BYTES, &len, NULL);
	uint64_t hash = 14695981039346656037ull;
	for (size_t i = 0; bytes && i < len; i++)
		hash = (hash ^ (unsigned char)bytes[i]) * 1099511628211ull;
	free(bytes);
	return bytes ? hash : 0;
}

/*
 * SIGHUP (`systemctl reload foyer`): everything is validated before it replaces what is in
 * use. The override file is read again (a bad one keeps the last good overrides) and so is
 * the theme (a broken one falls back to the built-in default). A config file that no longer
 * loads is logged line by line and the running configuration stays; one that loads and
 * changed makes foyer re-execute itself in place (same pid, so systemd sees a reload): every
 * setting then takes effect exactly as at boot, and the cached agenda is on screen again at
 * once. Returns true when that re-execution is due.
 */
static bool reload(struct app *app, struct render *r, uint64_t *fingerprint, time_t now)
{
	log_info("reloading");
	reload_override(app, now);

	struct config fresh;
	struct error_list errors = {0};
	bool ok = config_init(&fresh) &&
		  config_load(&fresh, app->config_path, app->cli.config_path != NULL, &errors);
	for (size_t i = 0; i < errors.n; i++)
		log_error("%s:%d: %s", app->config_path, errors.items[i].line,
			  errors.items[i].message);
	error_list_finish(&errors);
	config_finish(&fresh);
	uint64_t now_fingerprint = config_fingerprint(app->config_path);
	if (!ok) {
		log_error("%s has problems, keeping the running configuration", app->config_path);
	} else if (now_fingerprint != *fingerprint) {
		log_info("%s changed: restarting in place to apply it", app->config_path);
		*fingerprint = now_fingerprint;
		return true;
	}
	load_theme(app);
	if (r)
		render_set_theme(r, &app->theme);
	if (app->fetch)
		fetch_kick(app->fetch);	/* and fetch every feed again now */
	return false;
}

static void on_display(void *data, int fd, short revents)
{
	/* the events are handled by render_pump() after every wake */
}

#define DISPLAY_RETRY_MS 5000

/*
 * The live screen. One wake per visible change: the loop sleeps in poll() until the next
 * minute or session boundary (or a signal, or the display's events), then lays out the
 * slide and lets render_show() present it only if something on it changed.
 */
static int run_screen(struct app *app, time_t start)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	struct screen_wake wake = {.signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)};
	struct loop *loop = loop_create();
	if (wake.signal_fd < 0 || !loop || !loop_add_fd(loop, wake.signal_fd, POLLIN, on_signal, &wake)) {
		fprintf(stderr, "foyer: cannot set up the event loop\n");
		loop_destroy(loop);
		return EXIT_BAD_INPUT;
	}
	if (app->has_override) {
		struct error err = {0};
		wake.override = &app->override;
		if (!watch_start(&app->override, &err))
			log_warning("%s: %s; it is read again on SIGHUP only", app->override.path,
				    err.message);
		else if (!loop_add_fd(loop, watch_fd(&app->override), POLLIN, on_override_file, &wake))
			log_warning("%s: out of memory; it is read again on SIGHUP only",
				    app->override.path);
	}
	/* The fetch worker starts after the signals are blocked, so it inherits the mask. */
	int fetch_fd = loop_waker_create();
	struct error fetch_err = {0};
	if (fetch_fd < 0 || !loop_add_fd(loop, fetch_fd, POLLIN, on_fetch_result, app) ||
	    !fetch_start(app->fetch, fetch_fd, &fetch_err))
		log_error("cannot fetch the feeds: %s; showing what was read at start",
			  fetch_err.message[0] ? fetch_err.message : strerror(errno));
	struct screen_clock clock = {.start = (double)start, .since = monotonic(),
				     .speed = app->cli.at_given ? app->cli.speed : 0};
	struct render_options options = screen_options(app, false);
	struct render *r = NULL;
	bool said_no_display = false;
	int display_fd = -1;
	struct service service;
	service_init(&service, &(struct service_options){
		.version = FOYER_VERSION, .zone = app->zone,
		.status_dir = app->config.status_directory, .runtime_dir = getenv("RUNTIME_DIRECTORY"),
		.screenshot_interval_s = app->config.screenshot_interval,
		.screenshot_width = app->config.screenshot_width, .started = clock_wall()});
	uint64_t fingerprint = config_fingerprint(app->config_path);
	struct power power;
	power_init(&power);
	while (!wake.quit) {
		int timeout = DISPLAY_RETRY_MS;
		if (wake.reload) {
			wake.reload = false;
			service_reloading(&service, clock_monotonic_ms());
			if (reload(app, r, &fingerprint, (time_t)screen_clock_now(&clock))) {
				app->restart = true;
				break;
			}
		}
		if (wake.override_saved) {
			wake.override_saved = false;
			reload_override(app, (time_t)screen_clock_now(&clock));
		}
		if (!r) {
			struct error err = {0};
			r = render_create(&options, &err);
			if (!r && !said_no_display) {
				log_warning("%s; trying again every %d s", err.message,
					    DISPLAY_RETRY_MS / 1000);
				said_no_display = true;
			}
			if (!r)
				service_display_down(&service, err.message);
			if (r) {
				int width, height;
				render_output_size(r, &width, &height);
				service_display_up(&service, render_driver(r), width, height);
				render_set_theme(r, &app->theme);
				display_fd = render_display_fd(r);
				if (display_fd >= 0)
					loop_add_fd(loop, display_fd, POLLIN, on_display, NULL);
				said_no_display = false;
			}
		}
		if (r) {
			if (render_pump(r) & RENDER_EVENT_QUIT)
				break;
			double now = screen_clock_now(&clock);
			if (!app->clock_trusted)	/* NTP may have synchronised since */
				app->clock_trusted = clock_trusted(app->config.trust_clock,
								   CLOCK_TIMESYNC_FLAG);
			struct slide_layout layout;
			bool stale = fetch_status_stale(&app->feed_status, clock_wall(),
							clock_monotonic_ms(),
							(double)app->config.stale_after);
			if (lay_out(app, r, (time_t)now, stale, &layout)) {
				/* a new agenda or override edit fades in even when it changes
				   little; otherwise only a big change (a new session) fades */
				enum render_result shown = render_show(
					r, &layout, app->agenda_replaced ? RENDER_FADE_ANY
									 : RENDER_FADE_BIG);
				app->agenda_replaced = false;
				if (shown == RENDER_PARTIAL || shown == RENDER_FULL)
					service_frame_shown(&service);
				slide_layout_finish(&layout);
			}
			timeout = next_change_ms(app, &clock, screen_clock_now(&clock));
		}
		/* Outside the screen hours the panel may be switched off (an emergency wakes it). */
		bool on = strcmp(slide_name(app, (time_t)screen_clock_now(&clock), app->n_rooms), "off");
		if (!power_set(&power, on, app->config.display_on_command,
			       app->config.display_off_command))
			log_warning("cannot start the display %s command: %s", on ? "on" : "off",
				    strerror(errno));
		/* The service's part of the pass: status, READY=1, and the watchdog's ping. */
		int64_t now_ms = clock_monotonic_ms();
		json_t *state = state_json(app, (time_t)screen_clock_now(&clock));
		struct status_fetch health = fetch_health(app);
		service_pass(&service, state, &health, clock_wall(), now_ms);
		json_decref(state);
		if (r && service_screenshot_due(&service, now_ms)) {
			struct error err = {0};
			SDL_Surface *frame = render_read_frame(r, &err);
			if (frame)
				service_screenshot(&service, frame, clock_wall(), now_ms);
			else
				log_warning("screenshot: %s", err.message);
			SDL_FreeSurface(frame);
		}
		int service_ms = service_timeout_ms(&service, clock_monotonic_ms());
		if (service_ms >= 0 && service_ms < timeout)
			timeout = service_ms;
		if (loop_poll(loop, timeout) < 0 && errno != EINTR)
			break;
	}
	if (!app->restart)	/* a signal, a closed window or a failed poll: foyer stops */
		service_stopping(&service);
	service_finish(&service);
	if (display_fd >= 0)
		loop_remove_fd(loop, display_fd);
	render_destroy(r);
	fetch_destroy(app->fetch);	/* stops the worker before its eventfd goes */
	app->fetch = NULL;
	if (fetch_fd >= 0)
		close(fetch_fd);
	loop_destroy(loop);
	close(wake.signal_fd);
	return 0;
}

static void app_finish(struct app *app)
{
	fetch_destroy(app->fetch);
	fetch_status_finish(&app->feed_status);
	if (app->has_override)
		watch_finish(&app->override);
	error_list_finish(&app->override_unmatched);
	agenda_destroy(app->shown);
	agenda_destroy(app->agenda);
	tz_destroy(app->zone);
	for (size_t i = 0; i < app->n_aliases; i++)
		alias_finish(&app->aliases[i]);
	free(app->aliases);
	config_finish(&app->config);
}

/* What went to standard output (the state, the layout, --check's summary) reached it: a
 * full disk or a closed pipe is an error, not a silent success. */
static int stdout_written(int status)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	fprintf(stderr, "foyer: cannot write to standard output: %s\n",
		errno ? strerror(errno) : "write error");
	return status ? status : EXIT_BAD_INPUT;
}

int main(int argc, char **argv)
{
	struct app app = {0};
	struct error err = {0};
	if (!cli_parse(argc, argv, &app.cli, &err)) {
		fprintf(stderr, "foyer: %s\nTry 'foyer --help'.\n", err.message);
		return EXIT_USAGE;
	}
	if (app.cli.mode == CLI_HELP) {
		cli_usage(stdout);
		return stdout_written(0);
	}
	if (app.cli.mode == CLI_VERSION) {
		printf("foyer %s\n", FOYER_VERSION);
		return stdout_written(0);
	}
	log_init(LOG_LEVEL_INFO);
	/* libcurl's global state, before any thread starts (the fetch worker is one). */
	if (!fetch_global_init()) {
		fprintf(stderr, "foyer: libcurl cannot start\n");
		return EXIT_BAD_INPUT;
	}

	bool ok = load_config(&app);
	if (ok || app.cli.mode == CLI_CHECK)
		ok = resolve(&app) && ok;
	/* --at pretends a clock: trusted. Otherwise only once NTP (or the config) says so. */
	app.clock_trusted = app.cli.at_given || clock_trusted(app.config.trust_clock,
							       CLOCK_TIMESYNC_FLAG);
	if (app.zone && app.n_sources && (ok || app.cli.mode == CLI_CHECK))
		ok = load_feeds(&app) && ok;
	if (app.zone && (ok || app.cli.mode == CLI_CHECK))
		ok = load_override(&app, start_instant(&app)) && ok;
	if (app.agenda && (ok || app.cli.mode == CLI_CHECK))
		ok = apply_override(&app) && ok;
	if (app.cli.mode == CLI_CHECK && app.problems)
		ok = false;	/* sections that match no session, too */
	if (ok || app.cli.mode == CLI_CHECK)
		ok = load_theme(&app) && ok;

	int status = ok ? 0 : EXIT_BAD_INPUT;
	if (ok) {
		switch (app.cli.mode) {
		case CLI_STATE:
			status = print_state(&app, start_instant(&app));
			break;
		case CLI_CHECK:
			break;
		case CLI_LAYOUT:
		case CLI_SCREENSHOT:
			status = one_frame(&app, start_instant(&app));
			break;
		case CLI_RUN:
			app.argv = argv;
			status = run_screen(&app, start_instant(&app));
			break;
		default:
			break;
		}
	}
	if (app.cli.mode == CLI_CHECK && app.problems)
		fprintf(stderr, "foyer: %d problem%s found\n", app.problems,
			app.problems == 1 ? "" : "s");
	status = stdout_written(status);
	app_finish(&app);
	fetch_global_cleanup();
	log_flush();
	if (app.restart) {
		/*
		 * SIGHUP with a changed config: the same pid starts over with it (see reload()).
		 * The signals stay blocked: one that came meanwhile waits for the new loop.
		 */
		execv("/proc/self/exe", argv);
		log_error("cannot restart in place: %s", strerror(errno));
		return EXIT_BAD_INPUT;
	}
	return status;
}
