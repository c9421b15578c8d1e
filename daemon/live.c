/*
 * live.c — the live screen: the loop and its wake handlers (signals, the override file's
 * inotify, the fetch worker, the fleet's overrides, the display).
 *
 * One wake per visible change: the loop sleeps in poll() until the next minute or the plan's
 * next change (show.h), or a signal, a save, a new agenda or the display's events. Each pass
 * reads the clock once (clock_read()) and hands that reading to everything it does: the
 * reload, the layout, the display power, the state for status.json. render_show() presents
 * only if something on the slide changed.
 *
 * SIGHUPs are coalesced: the first reloads at once, later ones within RELOAD_SETTLE_MS of a
 * reload are folded into one reload when that time is up (50 in a second: two reloads, two
 * fetches). A display that is missing or goes away (live_display_down()) makes the status
 * say so, and the loop tries again every DISPLAY_RETRY_MS.
 *
 * Entry point (app.h): live_run().
 */
#define LOG_MODULE "live"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "app.h"
#include "log.h"
#include "loop.h"
#include "power.h"
#include "service.h"
#include "service_status.h"

#define DISPLAY_RETRY_MS 5000
#define RELOAD_SETTLE_MS 1000

struct live {
	struct app *app;
	struct loop *loop;
	int signal_fd;
	bool quit;
	bool hangup;		/* SIGHUP came: a reload is due */
	int64_t reload_at_ms;	/* the due reload runs at this monotonic instant; 0: none due */
	int64_t reloaded_ms;	/* when the last reload ran */
	bool override_saved;	/* inotify: the override file was saved or deleted */
	struct render *render;	/* NULL while there is no display */
	int display_fd;
	bool said_no_display;
	int64_t display_retry_ms;	/* when to try the display again */
	struct service service;
	struct power power;
	uint64_t fingerprint;	/* of the config file, to tell whether SIGHUP changed it */
};

static void on_signal(void *data, int fd, short revents)
{
	struct live *l = data;
	struct signalfd_siginfo si;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			l->quit = true;
		else if (si.ssi_signo == SIGHUP)
			l->hangup = true;
	}
}

/* inotify on the override file's directory: a save (in place or by rename) or a delete. */
static void on_override_file(void *data, int fd, short revents)
{
	struct live *l = data;
	if (override_watch_drain(&l->app->override))
		l->override_saved = true;
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
		load_edits(app);
		log_info("new agenda: %zu events in %zu rooms", app->agenda->n_events,
			 app->agenda->n_rooms);
	}
	fetch_status_finish(&app->feed_status);
	app->feed_status = r->status;
	memset(&r->status, 0, sizeof r->status);	/* moved to app */
	fetch_result_destroy(r);
	app->agenda_updated = fetch_status_updated(&app->feed_status);
}

/* override_url or the broker handed over overrides (or news of the connection). */
static void on_fleet(void *data, int fd, short revents)
{
	struct app *app = data;
	if (fleet_screen_take(app->fleet))
		load_edits(app);
}

/* The feed's health for status.json and STATUS=, from the fetch's last status. */
static struct service_status_fetch fetch_health(const struct app *app,
						const struct clock_reading *at)
{
	const struct fetch_status *st = &app->feed_status;
	struct service_status_fetch health = {
		.last_success = fetch_status_updated(st),
		.age_s = (long long)fetch_status_age_s(st, at->wall, at->monotonic_ms)};
	for (size_t i = 0; i < st->n_sources; i++) {
		if (st->sources[i].failures > health.failures)
			health.failures = st->sources[i].failures;
	}
	const struct fetch_source_status *failing = fetch_status_failing(st);
	if (failing)
		health.error = failing->error;
	return health;
}

static void on_display(void *data, int fd, short revents)
{
	/* the events are handled by render_pump() after every wake */
}

/*
 * The display is missing or went away: the status says so (why: the reason), the render is
 * let go, and the loop tries again every DISPLAY_RETRY_MS.
 */
static void live_display_down(struct live *l, const char *why, int64_t now_ms)
{
	if (!l->said_no_display)
		log_warning("%s; trying again every %d s", why, DISPLAY_RETRY_MS / 1000);
	l->said_no_display = true;
	service_display_down(&l->service, why);
	if (l->display_fd >= 0)
		loop_remove_fd(l->loop, l->display_fd);
	l->display_fd = -1;
	render_destroy(l->render);
	l->render = NULL;
	l->display_retry_ms = now_ms + DISPLAY_RETRY_MS;
}

/* Opens the display when there is none and its retry is due. */
static void live_display_up(struct live *l, int64_t now_ms)
{
	if (l->render || now_ms < l->display_retry_ms)
		return;
	struct render_options options = frame_render_options(l->app, false);
	struct error err = {0};
	l->render = render_create(&options, &err);
	if (!l->render) {
		live_display_down(l, err.message, now_ms);
		return;
	}
	int width, height;
	render_output_size(l->render, &width, &height);
	service_display_up(&l->service, render_driver(l->render), width, height);
	render_set_theme(l->render, &l->app->theme);
	l->display_fd = render_display_fd(l->render);
	if (l->display_fd >= 0)
		loop_add_fd(l->loop, l->display_fd, POLLIN, on_display, NULL);
	l->said_no_display = false;
}

/* SIGHUP: reload now, or once the settle time since the last reload is up. */
static void live_hangup(struct live *l, const struct clock_reading *at)
{
	if (l->hangup) {
		l->hangup = false;
		if (!l->reload_at_ms) {
			int64_t earliest = l->reloaded_ms ? l->reloaded_ms + RELOAD_SETTLE_MS : 0;
			l->reload_at_ms = earliest > at->monotonic_ms ? earliest : at->monotonic_ms;
		}
	}
	if (!l->reload_at_ms || at->monotonic_ms < l->reload_at_ms)
		return;
	l->reload_at_ms = 0;
	l->reloaded_ms = at->monotonic_ms;
	service_reloading(&l->service, at->monotonic_ms);
	if (reload_all(l->app, l->render, &l->fingerprint, at->now)) {
		l->app->restart = true;
		l->quit = true;
	}
}

/* The slide at the reading, presented if it changed. False: the window was closed. */
static bool live_show(struct live *l, const struct clock_reading *at,
		      const struct show_plan *plan)
{
	struct app *app = l->app;
	int events = render_pump(l->render);
	if (events & RENDER_EVENT_QUIT)
		return false;
	if (events & RENDER_EVENT_LOST) {	/* the X server ended: as if there were none */
		live_display_down(l, "the display went away", at->monotonic_ms);
		return true;
	}
	frame_keep_images(app, l->render, at->now);
	struct slide_layout layout;
	if (frame_lay_out(app, l->render, at, plan, &layout)) {
		/* a new agenda or override edit fades in even when it changes little; otherwise
		   only a big change (a new session) fades */
		enum render_result shown = render_show(
			l->render, &layout, app->agenda_replaced ? RENDER_FADE_ANY : RENDER_FADE_BIG);
		app->agenda_replaced = false;
		if (shown == RENDER_PARTIAL || shown == RENDER_FULL)
			service_frame_shown(&l->service);
		slide_layout_finish(&layout);
	}
	return true;
}

/* The service's part of the pass: status, READY=1, the watchdog's ping, the screenshot. */
static void live_service(struct live *l, const struct clock_reading *at,
			 const struct show_plan *plan)
{
	json_t *state = service_reads_state(&l->service) || l->app->fleet
				? frame_state_json(l->app, l->render, at, plan) : NULL;
	struct service_status_fetch health = fetch_health(l->app, at);
	service_pass(&l->service, state, &health, at->wall, at->monotonic_ms);
	if (l->app->fleet)
		fleet_screen_publish(l->app->fleet, state, (long)health.age_s, NULL,
				     at->monotonic_ms);
	json_decref(state);
	if (l->render && service_screenshot_due(&l->service, at->monotonic_ms)) {
		struct error err = {0};
		SDL_Surface *frame = render_read_frame(l->render, &err);
		if (frame)
			service_screenshot(&l->service, frame, at->wall, at->monotonic_ms);
		else
			log_warning("screenshot: %s", err.message);
		SDL_FreeSurface(frame);
	}
}

/* The monotonic instant of the next wake: the minute, the plan's next change, a due retry. */
static int64_t live_next_wake(struct live *l, const struct clock_reading *at,
			      const struct show_plan *plan)
{
	int64_t wake = at->monotonic_ms + DISPLAY_RETRY_MS;
	if (l->render) {
		double deadline = floor(at->shown_s / 60) * 60 + 60;
		if (plan->next_change > 0 && (double)plan->next_change < deadline)
			deadline = (double)plan->next_change;
		wake = at->monotonic_ms + clock_ms_until(&l->app->clock, at, deadline);
	} else if (l->display_retry_ms < wake) {
		wake = l->display_retry_ms;
	}
	if (l->reload_at_ms && l->reload_at_ms < wake)
		wake = l->reload_at_ms;
	int service_ms = service_timeout_ms(&l->service, at->monotonic_ms);
	if (service_ms >= 0 && at->monotonic_ms + service_ms < wake)
		wake = at->monotonic_ms + service_ms;
	return wake;
}

/* One pass: one reading of the clock, everything done at it; returns when to wake next. */
static int64_t live_pass(struct live *l)
{
	struct app *app = l->app;
	struct clock_reading at = clock_read(&app->clock);
	live_hangup(l, &at);
	if (l->quit)
		return at.monotonic_ms;
	if (l->override_saved) {
		l->override_saved = false;
		reload_override(app, at.now);
	}
	if (!app->clock_trusted)	/* NTP may have synchronised since */
		app->clock_trusted = clock_trusted(app->config.trust_clock, CLOCK_TIMESYNC_FLAG);
	live_display_up(l, at.monotonic_ms);
	/* one plan for the pass: the slide, the panel's power and the state agree (the deck's
	   pages are counted for the display's screen) */
	struct show_plan plan;
	frame_plan(app, l->render, &at, &plan);
	if (l->render && !live_show(l, &at, &plan)) {
		l->quit = true;
		return at.monotonic_ms;
	}
	/* Outside the screen hours the panel may be switched off (an emergency wakes it). */
	if (!power_set(&l->power, plan.panel_on, app->config.display_on_command,
		       app->config.display_off_command))
		log_warning("cannot start the display %s command: %s",
			    plan.panel_on ? "on" : "off", strerror(errno));
	live_service(l, &at, &plan);
	return live_next_wake(l, &at, &plan);
}

/* The signals the loop reads from its signalfd; the fetch worker inherits them blocked. */
static int live_signals(void)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	return signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
}

static void live_watch_override(struct live *l)
{
	struct app *app = l->app;
	if (!app->has_override)
		return;
	struct error err = {0};
	if (!override_watch_start(&app->override, &err))
		log_warning("%s: %s; it is read again on SIGHUP only", app->override.path,
			    err.message);
	else if (err.message[0])	/* the directory is missing: its parent is watched for it */
		log_warning("%s: %s; watching for it to be created", app->override.path,
			    err.message);
	if (override_watch_fd(&app->override) >= 0 &&
	    !loop_add_fd(l->loop, override_watch_fd(&app->override), POLLIN, on_override_file, l))
		log_warning("%s: out of memory; it is read again on SIGHUP only",
			    app->override.path);
}

int live_run(struct app *app)
{
	struct live l = {.app = app, .signal_fd = live_signals(), .display_fd = -1};
	l.loop = loop_create();
	if (l.signal_fd < 0 || !l.loop || !loop_add_fd(l.loop, l.signal_fd, POLLIN, on_signal, &l)) {
		log_error("cannot set up the event loop");
		loop_destroy(l.loop);
		if (l.signal_fd >= 0)
			close(l.signal_fd);
		return EXIT_BAD_INPUT;
	}
	live_watch_override(&l);
	/* The fetch worker starts after the signals are blocked, so it inherits the mask. */
	int fetch_fd = loop_waker_create();
	struct error fetch_err = {0};
	if (fetch_fd < 0 || !loop_add_fd(l.loop, fetch_fd, POLLIN, on_fetch_result, app) ||
	    !fetch_start(app->fetch, fetch_fd, &fetch_err))
		log_error("cannot fetch the feeds: %s; showing what was read at start",
			  fetch_err.message[0] ? fetch_err.message : strerror(errno));
	if (load_fleet(app))
		loop_add_fd(l.loop, fleet_screen_fd(app->fleet), POLLIN, on_fleet, app);
	service_init(&l.service, &(struct service_options){
		.version = FOYER_VERSION, .zone = app->zone,
		.status_dir = app->config.status_directory, .runtime_dir = getenv("RUNTIME_DIRECTORY"),
		.screenshot_interval_s = app->config.screenshot_interval,
		.screenshot_width = app->config.screenshot_width, .started = clock_wall(),
		.started_ms = clock_monotonic_ms()});
	l.fingerprint = reload_fingerprint(app->config_path);
	power_init(&l.power);
	while (!l.quit) {
		int64_t wake = live_pass(&l);
		if (l.quit)
			break;
		/* the sleep is measured from now: the pass itself (a fade) took some time */
		int64_t timeout = wake - clock_monotonic_ms();
		if (loop_poll(l.loop, timeout < 0 ? 0 : (int)timeout) < 0 && errno != EINTR)
			break;
	}
	if (!app->restart)	/* a signal, a closed window or a failed poll: foyer stops */
		service_stopping(&l.service);
	service_finish(&l.service);
	if (l.display_fd >= 0)
		loop_remove_fd(l.loop, l.display_fd);
	render_destroy(l.render);
	fleet_screen_destroy(app->fleet);	/* the status topic says offline */
	app->fleet = NULL;
	fetch_destroy(app->fetch);	/* stops the worker before its eventfd goes */
	app->fetch = NULL;
	if (fetch_fd >= 0)
		close(fetch_fd);
	loop_destroy(l.loop);
	close(l.signal_fd);
	return 0;
}
