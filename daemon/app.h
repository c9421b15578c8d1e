/*
 * app.h — what the daemon resolved and loaded, shared by its modes, and the steps between.
 *
 * The data flows through these files in this order:
 *   main.c     parses the command line, calls load_*, then one mode
 *   load.c     config, venue zone, feeds, override file, theme: once, at start
 *   frame.c    one instant of the app: the plan (show.h), the state JSON, the laid-out slide
 *   oneshot.c  --state, --layout, --screenshot
 *   live.c     the live screen: the loop and its wake handlers
 *   reload.c   what a save of the override file or SIGHUP does: validate, then swap
 * One struct app is made by main and passed down; nothing here is global.
 */
#ifndef FOYER_APP_H
#define FOYER_APP_H

#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "agenda.h"
#include "alias.h"
#include "catalog.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "deck.h"
#include "direction.h"
#include "feed.h"
#include "fetch.h"
#include "fleet_screen.h"
#include "render.h"
#include "show.h"
#include "slide.h"
#include "theme.h"
#include "tz.h"
#include "override_watch.h"

#define DEFAULT_CONFIG "/etc/foyer/foyer.conf"
#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

/* Everything main resolved from the command line and the config, and what it loaded. */
struct app {
	struct cli cli;
	struct config config;
	const char *config_path;
	char screen_name[256];		/* this box's name: --screen, the screen file, the hostname */
	char screen_from[PATH_MAX];	/* where the name came from: "--screen", a path, "hostname" */
	struct tz *zone;
	const char *const *sources;	/* the feeds: --feed, else the config's */
	size_t n_sources;
	enum feed_format format;
	const char *const *rooms;	/* the screen's rooms: --room, else the config's */
	size_t n_rooms;
	struct alias *aliases;		/* [rooms] alias: feed room names to screen ones */
	size_t n_aliases;
	struct direction_entry *directions;	/* [screen] direction: the way to rooms */
	size_t n_directions;
	struct clock_source clock;	/* the wall clock, or --at's simulated one */
	struct agenda *agenda;
	time_t agenda_updated;
	struct theme theme;		/* the configured theme, else the built-in default */
	struct catalog catalog;		/* the screen's words in [general] language */
	struct fetch *fetch;		/* the feeds: files, and URLs through the cache */
	struct fetch_status feed_status;	/* every source's freshness, as of the last fetch */
	bool clock_trusted;		/* the wall clock is known good (or --at was given) */
	int problems;			/* --check: how many were printed */
	bool has_override;		/* an override file is configured */
	struct override_watch override;		/* the override file and the overrides in force */
	struct error_list override_unmatched;	/* sections that matched nothing in the agenda */
	struct fleet_screen *fleet;	/* override_url's and the broker's overrides ([mqtt]), the
					   status topic; NULL: none (and nothing changes) */
	struct override_set *in_force;	/* the fleet's overrides under the file's; NULL: the file's */
	struct agenda *shown;		/* agenda with the override's session edits; NULL: none */
	bool agenda_replaced;		/* the shown agenda is new since the last frame */
	struct deck deck;		/* [deck]: the slides in turn; none: no deck */
	char **images;			/* the image slides' files, from [deck] images */
	size_t n_images;
	char **argv;			/* as main got it: SIGHUP with a changed config re-executes */
	bool restart;			/* the live loop ended for that re-execution */
};

/* load.c: each false on a problem, reported as `file:line: message` (--check counts them). */
bool load_config(struct app *app);
bool load_screen(struct app *app);	/* this box's name and its [screen "NAME"] section */
void load_screen_name(const struct app *app, char *name, size_t name_size, char *from,
		      size_t from_size);
bool load_settings(struct app *app);	/* zone, feeds, rooms, aliases, the clock */
bool load_feeds(struct app *app);
bool load_override(struct app *app, time_t now);
bool load_edits(struct app *app);	/* the override's session edits on the agenda */
bool load_theme(struct app *app);
bool load_deck(struct app *app);	/* the deck and its image files */
bool load_words(struct app *app);	/* the screen's words in the config's language */
void load_check_screens(struct app *app);	/* --check: every section; --screen: print */
bool load_fleet(struct app *app);	/* the live screen's: override_url and the broker */
void load_finish(struct app *app);
void load_report(struct app *app, const char *file, int line, const char *message);

/*
 * frame.c: the app at one reading of the clock. Make the plan once per reading and give the
 * same plan to the state and the layout.
 */
const struct agenda *frame_agenda(const struct app *app);	/* with the edits */
/* The overrides in force: the fleet's under the override file's, or the file's; NULL: none. */
const struct override_set *frame_overrides(const struct app *app);
/* r (may be NULL) is the screen the deck's pages are counted for. */
void frame_plan(const struct app *app, struct render *r, const struct clock_reading *at,
		struct show_plan *out);
json_t *frame_state_json(const struct app *app, struct render *r, const struct clock_reading *at,
			 const struct show_plan *plan);
bool frame_lay_out(const struct app *app, struct render *r, const struct clock_reading *at,
		   const struct show_plan *plan, struct slide_layout *out);
struct render_options frame_render_options(const struct app *app, bool offscreen);
/* Keeps r's cached images to those on some slide of the deck at now. */
void frame_keep_images(const struct app *app, struct render *r, time_t now);

/* oneshot.c */
int oneshot_state(struct app *app, const struct clock_reading *at);
int oneshot_frame(struct app *app, const struct clock_reading *at);	/* --layout, --screenshot */

/* live.c: returns the exit status; app->restart asks main to re-execute. */
int live_run(struct app *app);

/* reload.c */
bool reload_override(struct app *app, time_t now);
uint64_t reload_fingerprint(const char *path);
bool reload_all(struct app *app, struct render *r, uint64_t *fingerprint, time_t now);

#endif
