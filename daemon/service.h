/*
 * service.h — the daemon's side of systemd, for the render loop: readiness, the one-line
 * status, the watchdog, and the AV desk's status.json and screen.png.
 *
 * The live loop (live.c) calls service_pass() once per pass (that is what pings the watchdog: a
 * loop that stops passing stops the pings), folds service_timeout_ms() into its sleep, and
 * reports what happened to the display and the frame. Everything else — when READY=1 is due,
 * sending STATUS= only when the line changes, when a screenshot is due — is decided here.
 * Built on service_notify.h (the protocol) and service_status.h (the files); live.c passes the
 * clocks in.
 *
 * Entry points: service_init() / service_finish(), service_display_up() / _down(),
 * service_frame_shown(), service_pass(), service_timeout_ms(), service_screenshot_due() /
 * service_screenshot(), service_reloading() / service_ready(), service_stopping().
 */
#ifndef FOYER_SERVICE_H
#define FOYER_SERVICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "service_notify.h"
#include "service_status.h"
#include "tz.h"

struct service_options {
	const char *version;
	const struct tz *zone;		/* borrowed: times in status.json */
	const char *status_dir;		/* the config's [status] directory; "" = runtime_dir */
	const char *runtime_dir;	/* $RUNTIME_DIRECTORY, or NULL */
	long screenshot_interval_s;	/* 0: none */
	int screenshot_width;
	time_t started;			/* wall clock at start */
	int64_t started_ms;		/* the monotonic clock at start: the uptime */
};

struct service {
	struct service_notify notify;
	struct service_status_writer status;
	struct service_options options;
	bool ready;			/* READY=1 was sent (since the start or the last reload) */
	bool display_up, display_tried;
	char driver[32];
	int width, height;
	char display_error[256];
	char status_line[256];		/* the last STATUS= sent */
};

/*
 * Sets up the notifier from the environment and the status writer. Problems (a malformed
 * NOTIFY_SOCKET, a status directory that is not writable) are logged once and that part is
 * left out: the screen matters more than its reporting.
 */
void service_init(struct service *s, const struct service_options *options);
void service_finish(struct service *s);

/* Whether a pass's state has a reader (systemd's status line, status.json): building it
   costs a good part of a slide change's CPU, so the live loop builds it only then. */
bool service_reads_state(const struct service *s);

/* The display opened (driver name, output size in px), or could not be opened (why). */
void service_display_up(struct service *s, const char *driver, int width, int height);
void service_display_down(struct service *s, const char *why);

/* render_show() presented something new: a screenshot is worth taking at its time. */
void service_frame_shown(struct service *s);

/*
 * One pass of the render loop, after drawing: READY=1 the first time there is a frame on
 * screen or the display failed to open (foyer is up and retrying), status.json when it
 * changed, STATUS= when its line changed, and WATCHDOG=1 when due. `state` is the state JSON
 * of what is shown; wall and now_ms are the wall clock and the monotonic clock in ms.
 */
void service_pass(struct service *s, const json_t *state, const struct service_status_fetch *fetch,
		  time_t wall, int64_t now_ms);

/* How long the loop may sleep for the service's sake (watchdog, screenshot), or -1. */
int service_timeout_ms(const struct service *s, int64_t now_ms);

/* A screenshot is due: main reads the frame back and calls service_screenshot(). */
bool service_screenshot_due(const struct service *s, int64_t now_ms);
void service_screenshot(struct service *s, SDL_Surface *frame, time_t wall, int64_t now_ms);

/* SIGHUP: RELOADING=1 now, READY=1 again from service_ready() once the reload is done. */
void service_reloading(struct service *s, int64_t now_ms);
void service_ready(struct service *s);

/* SIGTERM/SIGINT: STOPPING=1. */
void service_stopping(struct service *s);

#endif
