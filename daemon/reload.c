/*
 * reload.c — what changes while the screen runs, validated before it replaces what is in
 * use: a save of the override file (inotify) and SIGHUP (`systemctl reload foyer`), which
 * re-reads the override file and the theme, and re-executes foyer when the config changed.
 *
 * Entry points (app.h): reload_override(), reload_all(), reload_fingerprint().
 */
#define LOG_MODULE "reload"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "file.h"
#include "log.h"

/*
 * Re-reads the override file (inotify saw a save, or SIGHUP) and re-applies it. A bad file
 * keeps the overrides in force; its problems go to the log and the state. True when the
 * overrides in force changed, i.e. the screen must be redrawn.
 */
bool reload_override(struct app *app, time_t now)
{
	if (!app->has_override)
		return false;
	bool good = override_watch_reload(&app->override, app->zone, now, app->cli.at_given);
	for (size_t i = 0; i < app->override.problems.n; i++)
		log_error("%s:%d: %s", app->override.path, app->override.problems.items[i].line,
			  app->override.problems.items[i].message);
	if (!good) {
		log_error("%s: not used%s", app->override.path,
			  app->override.kept_previous ? ", keeping the last good overrides" : "");
		return true;	/* the state shows the error */
	}
	log_info("%s: read", app->override.path);
	return load_edits(app);
}

/* A fingerprint of the config file's bytes (FNV-1a), to tell whether SIGHUP changed it. */
uint64_t reload_fingerprint(const char *path)
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
 * once. So does a new name for the box (the file `screen` beside the config, the hostname),
 * which picks another [screen "NAME"] section. Returns true when that re-execution is due.
 */
bool reload_all(struct app *app, struct render *r, uint64_t *fingerprint, time_t now)
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
	uint64_t now_fingerprint = reload_fingerprint(app->config_path);
	char name[sizeof app->screen_name], from[sizeof app->screen_from];
	load_screen_name(app, name, sizeof name, from, sizeof from);
	if (!ok) {
		log_error("%s has problems, keeping the running configuration", app->config_path);
	} else if (now_fingerprint != *fingerprint) {
		log_info("%s changed: restarting in place to apply it", app->config_path);
		*fingerprint = now_fingerprint;
		return true;
	} else if (strcmp(name, app->screen_name) != 0) {
		log_info("this screen is now \"%s\" (%s): restarting in place to apply it", name,
			 from);
		return true;
	}
	load_theme(app);
	if (r)
		render_set_theme(r, &app->theme);
	if (app->fetch)
		fetch_kick(app->fetch);	/* and fetch every feed again now */
	return false;
}
