/*
 * main.c — wiring: the command line, then load (load.c), then one mode: --check (the loading
 * itself), --state, --layout, --screenshot (oneshot.c) or the live screen (live.c). It
 * computes nothing itself; app.h shows how the files between fit together.
 *
 * Exit status (DESIGN.md section 2): 0 success, 1 bad input, 2 usage error.
 */
#define LOG_MODULE "main"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "fleet.h"
#include "log.h"
#include "mqtt.h"

/* Loads everything the mode needs. --check goes on after a problem to find them all. */
static bool load(struct app *app, struct clock_reading *start)
{
	bool check = app->cli.mode == CLI_CHECK;
	bool ok = load_config(app);
	ok = load_screen(app) && ok;
	if (ok || check)
		ok = load_words(app) && ok;	/* before the override's notes are worded */
	if (ok || check)
		ok = load_settings(app) && ok;
	/* --at pretends a clock: trusted. Otherwise only once NTP (or the config) says so. */
	app->clock_trusted = app->cli.at_given || clock_trusted(app->config.trust_clock,
								 CLOCK_TIMESYNC_FLAG);
	if (app->zone && app->n_sources && (ok || check))
		ok = load_feeds(app) && ok;
	/* --at is the instant shown however long the feeds took: the one-shot modes' instant,
	   and where the live screen's simulated clock starts */
	clock_source_restart(&app->clock);
	*start = clock_read(&app->clock);
	if (app->zone && (ok || check))
		ok = load_override(app, start->now) && ok;
	if (app->agenda && (ok || check))
		ok = load_edits(app) && ok;
	if (check && app->problems)
		ok = false;	/* sections that match no session, too */
	if (ok || check)
		ok = load_theme(app) && ok;
	if (check) {
		int before = app->problems;
		load_check_screens(app);
		ok = ok && app->problems == before;
	}
	if (ok || check)
		ok = load_deck(app) && ok;
	return ok;
}

/* The AV desk's commands: the config's [mqtt] is all they need. */
static int desk(struct app *app)
{
	if (!load_config(app))
		return EXIT_BAD_INPUT;
	if (app->cli.mode == CLI_SCREENS)
		return fleet_screens(&app->config, app->cli.watch);
	return fleet_push(&app->config, app->cli.push_path, app->cli.screen,
			  app->cli.timezone ? app->cli.timezone : app->config.timezone);
}

static int run(struct app *app, const struct clock_reading *start)
{
	switch (app->cli.mode) {
	case CLI_STATE:
		return oneshot_state(app, start);
	case CLI_LAYOUT:
	case CLI_SCREENSHOT:
		return oneshot_frame(app, start);
	case CLI_RUN:
		return live_run(app);
	default:	/* --check: loading was the check */
		return 0;
	}
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
	struct app app = {.argv = argv};
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
	/*
	 * A write to a pipe whose reader has gone (stderr to a restarted journald, a status
	 * reader) must fail with EPIPE, not end foyer. Before any thread starts, so all inherit it.
	 */
	signal(SIGPIPE, SIG_IGN);
	log_init(LOG_LEVEL_INFO);
	/* libcurl and libmosquitto are opened by the first fetch from a URL and the first
	   broker connection (dynlib.h): most modes never load them. */

	struct clock_reading start;
	int status;
	if (app.cli.mode == CLI_SCREENS || app.cli.mode == CLI_PUSH)
		status = desk(&app);
	else
		status = load(&app, &start) ? run(&app, &start) : EXIT_BAD_INPUT;
	if (app.cli.mode == CLI_CHECK && app.problems)
		fprintf(stderr, "foyer: %d problem%s found\n", app.problems,
			app.problems == 1 ? "" : "s");
	status = stdout_written(status);
	load_finish(&app);
	mqtt_global_cleanup();
	fetch_global_cleanup();
	log_flush();
	if (app.restart) {
		/*
		 * SIGHUP with a changed config: the same pid starts over with it (see reload.c).
		 * The signals stay blocked: one that came meanwhile waits for the new loop.
		 */
		execv("/proc/self/exe", argv);
		log_error("cannot restart in place: %s", strerror(errno));
		return EXIT_BAD_INPUT;
	}
	return status;
}
