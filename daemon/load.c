/*
 * load.c — what the daemon reads at start: the config, the settings resolved from it and the
 * command line (venue zone, feeds, rooms, aliases, the clock), the feeds, the override file
 * and its session edits, and the theme. Each problem is reported once as `file:line:
 * message` (on stderr; through the log for the live daemon); --check counts them and goes
 * on, the other modes stop at the first.
 *
 * Entry points (app.h): load_config(), load_screen(), load_settings(), load_feeds(),
 * load_override(), load_edits(), load_theme(), load_check_screens(), load_finish().
 */
#define LOG_MODULE "load"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "civil.h"
#include "direction.h"
#include "file.h"
#include "fleet.h"
#include "log.h"
#include "text.h"

/*
 * Says one line about what could not be loaded: on stderr for the user of --check and the
 * one-shot modes, through the log for the live daemon, so that journald keeps its priority.
 */
static void say(const struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const struct app *app, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (app->cli.mode == CLI_RUN)
		log_error("%s", line);
	else
		fprintf(stderr, "%s\n", line);
}

static void out_of_memory(const struct app *app)
{
	if (app->cli.mode == CLI_RUN)
		log_error("out of memory");
	else
		fputs("foyer: out of memory\n", stderr);
}

/* Says one problem as `file:line: message` (line omitted when unknown). */
void load_report(struct app *app, const char *file, int line, const char *message)
{
	if (line > 0)
		say(app, "%s:%d: %s", file, line, message);
	else
		say(app, "%s: %s", file, message);
	app->problems++;
}

bool load_config(struct app *app)
{
	if (!config_init(&app->config)) {
		out_of_memory(app);
		return false;
	}
	app->config_path = app->cli.config_path ? app->cli.config_path : DEFAULT_CONFIG;
	struct error_list errors = {0};
	bool ok = config_load(&app->config, app->config_path, app->cli.config_path != NULL, &errors);
	for (size_t i = 0; i < errors.n; i++)
		load_report(app, app->config_path, errors.items[i].line, errors.items[i].message);
	if (errors.dropped)
		say(app, "%s: %zu more problems not shown", app->config_path, errors.dropped);
	error_list_finish(&errors);
	struct error fleet = {0};
	if (ok && !fleet_config_check(&app->config, &fleet)) {
		load_report(app, app->config_path, 0, fleet.message);
		ok = false;
	}
	return ok;
}

/*
 * The file `screen` beside the config file (/etc/foyer/screen for /etc/foyer/foyer.conf):
 * its first line, trimmed, is the box's name. Empty when there is no such file; a file
 * that cannot be read is reported.
 */
static void read_screen_file(const struct app *app, char *path, size_t path_size, char *name,
			     size_t name_size)
{
	name[0] = '\0';
	const char *slash = strrchr(app->config_path, '/');
	int dir_len = slash ? (int)(slash - app->config_path) : 1;
	snprintf(path, path_size, "%.*s/screen", dir_len, slash ? app->config_path : ".");
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return;
	struct error err = {0};
	size_t len = 0;
	char *bytes = file_read(path, 4096, &len, &err);
	if (!bytes) {
		log_warning("%s: %s; the screen's name is its hostname", path, err.message);
		return;
	}
	size_t start = 0, end = 0;
	while (start < len && (bytes[start] == ' ' || bytes[start] == '\t'))
		start++;
	end = start;
	while (end < len && bytes[end] != '\n' && bytes[end] != '\r' && bytes[end])
		end++;
	while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t'))
		end--;
	snprintf(name, name_size, "%.*s", (int)(end - start), bytes + start);
	free(bytes);
}

/*
 * The box's name: --screen, else the first line of the file `screen` beside the config,
 * else the hostname; `from` says which (a path, "--screen" or "hostname").
 */
void load_screen_name(const struct app *app, char *name, size_t name_size, char *from,
		      size_t from_size)
{
	char path[PATH_MAX];
	if (app->cli.screen) {
		snprintf(name, name_size, "%s", app->cli.screen);
		snprintf(from, from_size, "--screen");
	} else {
		read_screen_file(app, path, sizeof path, name, name_size);
		snprintf(from, from_size, "%s", path);
	}
	if (!name[0]) {
		if (gethostname(name, name_size - 1) != 0)
			name[0] = '\0';
		name[name_size - 1] = '\0';
		snprintf(from, from_size, "hostname");
	}
}

/*
 * The box's name and its [screen "NAME"] section. A name no section has is fine (the box
 * then uses [screen] alone), but one given with --screen is worth a word on stderr.
 */
bool load_screen(struct app *app)
{
	load_screen_name(app, app->screen_name, sizeof app->screen_name, app->screen_from,
			 sizeof app->screen_from);
	if (!config_select_screen(&app->config, app->screen_name)) {
		fprintf(stderr, "foyer: out of memory\n");
		return false;
	}
	if (app->cli.screen && !app->config.screen && app->config.n_screens)
		log_warning("%s: no [screen \"%s\"] section: this screen uses [screen] alone",
			    app->config_path, app->screen_name);
	return true;
}

/*
 * The settings: the command line over the config. The clock is the wall clock, or --at (venue
 * local unless it has an offset) running --speed times faster from here on.
 */
bool load_settings(struct app *app)
{
	const char *zone = app->cli.timezone ? app->cli.timezone : app->config.timezone;
	struct error err = {0};
	app->zone = tz_load(zone, &err);
	if (!app->zone) {
		load_report(app, app->cli.timezone ? "--timezone" : app->config_path, 0, err.message);
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
			load_report(app, "foyer", 0, "out of memory");
			return false;
		}
	}
	for (size_t i = 0; i < app->config.room_aliases.n; i++) {
		/* config.c has checked every alias: only memory can run out here */
		if (!alias_parse(app->config.room_aliases.items[i], &app->aliases[i], &err)) {
			load_report(app, app->config_path, 0, err.message);
			return false;
		}
		app->n_aliases++;
	}
	if (app->config.directions.n &&
	    !(app->directions = calloc(app->config.directions.n, sizeof *app->directions))) {
		load_report(app, "foyer", 0, "out of memory");
		return false;
	}
	for (size_t i = 0; i < app->config.directions.n; i++) {
		/* config.c has checked every direction: only memory can run out here */
		if (!direction_parse(app->config.directions.items[i], &app->directions[i], &err)) {
			load_report(app, app->config_path, app->config.directions.lines[i], err.message);
			return false;
		}
		app->n_directions++;
	}
	if (app->cli.at_given) {
		time_t start;
		if (app->cli.at_has_offset)
			start = (time_t)(civil_to_seconds(&app->cli.at) - app->cli.at_offset);
		else
			tz_to_utc(app->zone, &app->cli.at, &start);
		clock_source_simulated(&app->clock, start, app->cli.speed);
	} else {
		clock_source_wall(&app->clock);
	}
	if (app->n_sources == 0) {
		load_report(app, "foyer", 0,
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
	o->select = c->select;
	o->trust_clock = c->trust_clock;
	o->quiet = app->cli.mode != CLI_RUN;	/* load_feeds() reports what went wrong */
}

static bool any_url(const char *const *sources, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fetch_source_is_url(sources[i]))
			return true;
	return false;
}

/*
 * Reads every feed once: files from disk, URLs fetched through the cache (a failed fetch
 * falls back to the cached copy, and the error shows in the state). Problems are reported
 * as `source:line: message`. False when a source has no agenda to show, and for --check
 * when any source has a problem.
 */
bool load_feeds(struct app *app)
{
	struct fetch_options options;
	fetch_options_from_config(app, &options);
	struct error err = {0};
	app->fetch = fetch_create(&options, &err);
	if (!app->fetch) {
		load_report(app, "foyer", 0, err.message);
		return false;
	}
	/*
	 * The one-shot modes fetch once, now (fetch_create() has just read the files: they are
	 * not read again). The live screen does not wait for the network: it starts with the
	 * cached copies and the files, and the worker fetches (live.c).
	 */
	bool live = app->cli.mode == CLI_RUN;
	if (!live && any_url(app->sources, app->n_sources))
		fetch_refresh(app->fetch);
	struct fetch_result *r = fetch_take(app->fetch);
	if (!r) {
		out_of_memory(app);
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
			say(app, "%s", s->error);
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

/*
 * Whether this binary is the one the build tree made (and not an installed copy of it): it
 * then finds its themes in the source tree, wherever the build directory is.
 */
static bool running_from_build_tree(void)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !realpath(FOYER_BUILD_DIR, build))
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return !strcmp(exe, build);
}

/*
 * The theme: --theme, else the config's. Names are looked up in FOYER_DATADIR/themes, and
 * first in the source tree's themes/ when the binary runs from its build directory (an
 * installed binary never looks at the build tree). A broken theme is reported with
 * `file:line:` and the built-in default is kept: for the screen that is a warning, for
 * --check a problem.
 */
static const char *const *theme_search(void)
{
	static const char *const dirs[] = {FOYER_SOURCE_THEMES, FOYER_DATADIR "/themes", NULL};
	return running_from_build_tree() ? dirs : dirs + 1;
}

bool load_theme(struct app *app)
{
	const char *name = app->cli.theme ? app->cli.theme : app->config.theme;
	const char *const *search = theme_search();
	char path[THEME_MAX_PATH];
	struct error_list problems = {0};
	theme_default(&app->theme);
	if (!name || !*name)
		name = "default";
	bool ok = theme_load(name, search, &app->theme, path, &problems);
	for (size_t i = 0; i < problems.n; i++) {
		const char *file = path[0] ? path : name;
		if (app->cli.mode == CLI_CHECK) {
			load_report(app, file, problems.items[i].line, problems.items[i].message);
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
			load_report(app, path, 0, message);
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
bool load_override(struct app *app, time_t now)
{
	const char *path = app->cli.override_path ? app->cli.override_path : app->config.override;
	if (!path || !*path)
		return true;
	if (!override_watch_init(&app->override, path)) {
		out_of_memory(app);
		return false;
	}
	app->has_override = true;
	bool ok = override_watch_reload(&app->override, app->zone, now, app->cli.at_given);
	for (size_t i = 0; i < app->override.problems.n; i++)
		load_report(app, path, app->override.problems.items[i].line,
			    app->override.problems.items[i].message);
	return ok;
}

/*
 * Makes app->shown: the feeds' agenda with the override file's session edits. Call it again
 * after a new agenda or a new override file. Sections that match no session are reported
 * (they do not stop the rest).
 */
bool load_edits(struct app *app)
{
	app->agenda_replaced = true;	/* the screen fades to what follows */
	error_list_finish(&app->override_unmatched);
	agenda_destroy(app->shown);
	app->shown = NULL;
	override_destroy(app->in_force);
	app->in_force = app->fleet ? fleet_screen_merge(app->fleet, app->has_override
								    ? app->override.set : NULL)
				   : NULL;
	if (!frame_overrides(app) || !app->agenda)
		return true;
	struct agenda *edited = override_apply(frame_overrides(app), app->agenda, app->zone,
					       &app->catalog.words,
					       &app->override_unmatched);
	if (!edited) {
		out_of_memory(app);
		return false;
	}
	for (size_t i = 0; i < app->override_unmatched.n; i++) {
		const struct error *e = &app->override_unmatched.items[i];
		const char *where = app->has_override ? app->override.path : "fleet overrides";
		if (app->cli.mode == CLI_CHECK)
			load_report(app, where, e->line, e->message);
		else
			log_warning("%s:%d: %s", where, e->line, e->message);
	}
	app->shown = edited;
	return true;
}

static bool agenda_has_room(const struct agenda *agenda, const char *room)
{
	for (size_t i = 0; agenda && i < agenda->n_rooms; i++)
		if (!strcmp(agenda->rooms[i], room))
			return true;
	return false;
}

/* A room a section names that the feed does not have: the config's line and the feed's rooms. */
static void report_unknown_room(struct app *app, const char *section, const char *key,
				const char *room, int line)
{
	char known[400] = "";
	size_t used = 0;
	for (size_t i = 0; i < app->agenda->n_rooms && used < sizeof known; i++)
		used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
					 app->agenda->rooms[i]);
	char message[700];
	snprintf(message, sizeof message, "%s %s: no room \"%.80s\" in the feed (its rooms: %s)",
		 section, key, room, known);
	load_report(app, app->config_path, line, message);
}

/* One value of a section: a room (room =, direction =) the feed has, a theme that loads. */
static void check_screen_value(struct app *app, const char *section, const struct config_key *k,
			       const char *value, int line)
{
	if (!strcmp(k->key, "room") && app->agenda && !agenda_has_room(app->agenda, value)) {
		report_unknown_room(app, section, k->key, value, line);
	} else if (!strcmp(k->key, "direction") && app->agenda) {
		struct direction_entry entry;
		if (!direction_parse(value, &entry, NULL))
			return;	/* config.c has reported it */
		const char *room = entry.room;
		for (size_t a = 0; a < app->n_aliases; a++)
			if (alias_matches(app->aliases[a].feed, room)) {
				room = app->aliases[a].screen;
				break;
			}
		if (!agenda_has_room(app->agenda, room))
			report_unknown_room(app, section, k->key, entry.room, line);
		direction_finish(&entry);
	} else if (!strcmp(k->key, "theme") && *value && strcmp(value, "default")) {
		/* "default" is the built-in theme too: never missing */
		struct theme theme;
		char path[THEME_MAX_PATH];
		struct error_list problems = {0};
		if (!theme_load(value, theme_search(), &theme, path, &problems)) {
			char message[700];
			if (!path[0])
				snprintf(message, sizeof message, "%s theme: no theme \"%.80s\"", section,
					 value);
			else
				snprintf(message, sizeof message, "%s theme: \"%.80s\" has problems "
					 "(%.200s:%d: %.200s)", section, value, path,
					 problems.n ? problems.items[0].line : 0,
					 problems.n ? problems.items[0].message : "");
			load_report(app, app->config_path, line, message);
		}
		error_list_finish(&problems);
	}
}

/*
 * --check: every screen's section, not only this box's: the rooms and directions name rooms
 * the feed has (aliases applied), the themes load. With --screen NAME, what that box would
 * use, one `key = value` a line.
 */
void load_check_screens(struct app *app)
{
	struct config base;
	struct error_list errors = {0};
	/*
	 * [screen] as written (app->config has this box's section applied over it); a file with
	 * other problems (reported already) still has its sections checked
	 */
	if (config_init(&base)) {
		config_load(&base, app->config_path, app->cli.config_path != NULL, &errors);
		size_t n;
		const struct config_key *keys = config_schema(&n);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(keys[i].section, "screen") || !base.key_lines[i])
				continue;
			const struct config_list *list =
				config_key_is_list(&keys[i])
					? (const void *)((const char *)&base + keys[i].offset) : NULL;
			for (size_t v = 0; list && v < list->n; v++)
				check_screen_value(app, "[screen]", &keys[i], list->items[v],
						   list->lines[v]);
			if (!list && keys[i].type == CONFIG_STRING)
				check_screen_value(app, "[screen]", &keys[i],
						   *(char *const *)((const char *)&base + keys[i].offset),
						   base.key_lines[i]);
		}
		for (size_t s = 0; s < base.n_screens; s++) {
			const struct config_screen *sc = &base.screens[s];
			for (size_t i = 0; i < sc->n_settings; i++) {
				const struct config_key *k = &keys[sc->settings[i].key];
				char section[120];
				snprintf(section, sizeof section, "[%s \"%.100s\"]", k->section,
					 sc->name);
				check_screen_value(app, section, k, sc->settings[i].value,
						   sc->settings[i].line);
			}
		}
	}
	error_list_finish(&errors);
	config_finish(&base);
	if (!app->cli.screen)
		return;
	const struct config_screen *sc = app->config.screen;
	printf("screen \"%s\": ", app->screen_name);
	if (!sc)
		printf("no [screen \"%s\"] section, [screen] alone\n", app->screen_name);
	else if (sc->line && sc->deck_line)
		printf("[screen \"%s\"] (line %d) over [screen], [deck \"%s\"] (line %d) over "
		       "[deck]\n", sc->name, sc->line, sc->name, sc->deck_line);
	else if (sc->line)
		printf("[screen \"%s\"] (line %d) over [screen]\n", sc->name, sc->line);
	else
		printf("[deck \"%s\"] (line %d) over [deck]\n", sc->name, sc->deck_line);
	size_t n;
	const struct config_key *keys = config_schema(&n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(keys[i].section, "screen") && strcmp(keys[i].section, "deck"))
			continue;
		char value[2048];
		config_format_value(&app->config, &keys[i], value, sizeof value);
		printf("  %s = %s\n", keys[i].key, value);
	}
}

/*
 * The screen's words in [general] language, from the build tree's catalogues for a binary run
 * from its build directory, else the installed ones. A catalogue that is missing or lacks
 * words leaves those words English: a warning for the screen, a problem for --check.
 */
bool load_words(struct app *app)
{
	const char *dir = running_from_build_tree() ? FOYER_BUILD_LOCALEDIR : FOYER_LOCALEDIR;
	struct error err = {0};
	const char *language = app->config.language;
	bool ok = catalog_load(language, dir, app->config.clock, &app->catalog, &err);
	char message[400];
	if (!ok)
		snprintf(message, sizeof message, "%s; the screen's words stay English", err.message);
	else if (app->catalog.bad_formats)
		snprintf(message, sizeof message, "the %s catalogue's \"%s\" does not keep the "
			 "English text's %%-values; %zu such words stay English", language,
			 words_msgid(app->catalog.first_bad).id, app->catalog.bad_formats);
	else if (app->catalog.missing)
		snprintf(message, sizeof message, "the %s catalogue lacks %zu words; they stay "
			 "English", language, app->catalog.missing);
	else
		return true;
	if (app->cli.mode == CLI_CHECK) {
		size_t n;
		const struct config_key *row = config_find_key("general", "language");
		load_report(app, app->config_path, app->config.key_lines[row - config_schema(&n)],
			    message);
		return false;
	}
	log_warning("%s", message);
	return true;
}

/* Whether name ends in an extension SDL2_image reads here: PNG, JPEG, SVG. */
static bool image_name(const char *name)
{
	static const char *const extensions[] = {".png", ".jpg", ".jpeg", ".svg"};
	size_t len = strlen(name);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		size_t n = strlen(extensions[i]);
		if (len > n && !strcasecmp(name + len - n, extensions[i]))
			return true;
	}
	return false;
}

static bool add_image(struct app *app, const char *path)
{
	char **grown = realloc(app->images, (app->n_images + 1) * sizeof *grown);
	if (!grown)
		return false;
	app->images = grown;
	if (!(app->images[app->n_images] = strdup(path)))
		return false;
	app->n_images++;
	return true;
}

/* A folder's image files in name order (other files are not images and are passed over). */
static bool add_folder(struct app *app, const char *dir)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return false;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		struct stat st;
		if (ok && names[i]->d_name[0] != '.' && image_name(names[i]->d_name) &&
		    snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) < (int)sizeof path &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode))
			ok = add_image(app, path);
		free(names[i]);
	}
	free(names);
	return ok;
}

/*
 * The deck from [deck], and its image files: each `images =` a file, or a folder of them in
 * name order, in the order given. A missing file or folder is a problem (the rest is used).
 */
bool load_deck(struct app *app)
{
	deck_from_config(&app->config.deck_slides, &app->deck);
	bool ok = true;
	for (size_t i = 0; i < app->config.deck_images.n; i++) {
		const char *path = app->config.deck_images.items[i];
		struct stat st;
		char message[PATH_MAX + 64];
		if (stat(path, &st) != 0) {
			snprintf(message, sizeof message, "[deck] images: %s: %s", path, strerror(errno));
			load_report(app, app->config_path, 0, message);
			ok = false;
		} else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			snprintf(message, sizeof message, "[deck] images: %s is not a file or folder",
				 path);
			load_report(app, app->config_path, 0, message);
			ok = false;
		} else if (S_ISDIR(st.st_mode) ? !add_folder(app, path) : !add_image(app, path)) {
			snprintf(message, sizeof message, "[deck] images: cannot read %s", path);
			load_report(app, app->config_path, 0, message);
			ok = false;
		}
	}
	return ok || app->cli.mode != CLI_CHECK;
}

static time_t fleet_clock(void *clock)
{
	return clock_read(clock).now;
}

/*
 * The live screen's part in the fleet (fleet_screen.h): override_url through the feeds'
 * network settings, and the broker of [mqtt]. Neither configured: nothing. Unusable: logged,
 * and the screen runs on its own. True when there is a fleet to wire in.
 */
bool load_fleet(struct app *app)
{
	struct fetch_options network;
	fetch_options_from_config(app, &network);
	struct error err;
	app->fleet = fleet_screen_create(&(struct fleet_screen_options){
		.config = &app->config, .fetch = &network, .screen = app->screen_name,
		.zone = app->zone, .clock = fleet_clock, .clock_data = &app->clock,
		.version = FOYER_VERSION}, &err);
	if (err.message[0])
		log_error("%s; running without the fleet's overrides", err.message);
	if (app->fleet)
		load_edits(app);	/* override_url's cached copy */
	return app->fleet != NULL;
}

void load_finish(struct app *app)
{
	catalog_finish(&app->catalog);
	for (size_t i = 0; i < app->n_images; i++)
		free(app->images[i]);
	free(app->images);
	fleet_screen_destroy(app->fleet);
	override_destroy(app->in_force);
	fetch_destroy(app->fetch);
	fetch_status_finish(&app->feed_status);
	if (app->has_override)
		override_watch_finish(&app->override);
	error_list_finish(&app->override_unmatched);
	agenda_destroy(app->shown);
	agenda_destroy(app->agenda);
	tz_destroy(app->zone);
	for (size_t i = 0; i < app->n_aliases; i++)
		alias_finish(&app->aliases[i]);
	free(app->aliases);
	for (size_t i = 0; i < app->n_directions; i++)
		direction_finish(&app->directions[i]);
	free(app->directions);
	config_finish(&app->config);
}
