/*
 * service_status.h — what foyer leaves for the AV desk: status.json and screen.png in one
 * directory (the unit's runtime directory, /run/foyer, unless the config names another).
 *
 * status.json is the state JSON (DESIGN.md section 3) plus "version", "started", "uptime_s",
 * "display", "fetch" and "screenshot". It is rewritten when anything in it changes but the
 * clock ("at", "uptime_s"), and at least every STATUS_REFRESH_SECONDS so the uptime stays
 * fresh. screen.png is what the screen shows, downscaled with a box filter (text stays
 * legible, unlike nearest-neighbour), taken every screenshot_interval when the screen changed.
 * Both are replaced atomically (temporary file, rename), so a web server or scp never serves
 * half a file.
 *
 * Main owns the clock: every call takes the times it needs. service_status_to_json() is pure; the
 * writer does the file system.
 */
#ifndef FOYER_SERVICE_STATUS_H
#define FOYER_SERVICE_STATUS_H

#include <SDL.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "tz.h"

enum { STATUS_REFRESH_SECONDS = 60 };

#define STATUS_FILE "status.json"
#define STATUS_SCREENSHOT_FILE "screen.png"

struct service_status_display {
	bool up;		/* a frame is on screen */
	const char *driver;	/* the SDL video driver; NULL: none yet */
	int width, height;	/* of the screen; 0 when unknown */
	const char *error;	/* the last display error (e.g. no monitor), or NULL */
};

struct service_status_fetch {
	time_t last_success;	/* when the feed was last confirmed current; 0: never */
	long long age_s;	/* since then, on the monotonic clock (fetch_status_age_s()); -1 */
	unsigned failures;			/* in a row since the last success */
	const char *error;			/* the last error, or NULL */
};

struct service_status_info {
	const char *version;
	const struct tz *zone;		/* times in the venue's offset, as in the state */
	time_t started, now;
	long long uptime_s;		/* on the monotonic clock: a jump of the wall clock leaves it */
	struct service_status_display display;
	struct service_status_fetch fetch;
	time_t screenshot_taken; /* 0: no screenshot yet (service_status_write() fills it in) */
};

/*
 * A new object: a copy of `state` (borrowed) with the status keys added. NULL when out of
 * memory.
 */
json_t *service_status_to_json(const json_t *state, const struct service_status_info *info);

/*
 * The one line systemd shows in `systemctl status foyer` (STATUS=): what is on screen, the
 * feed's age and the latest problem, e.g.
 *   "Main hall: now Welcome and introduction, next Panel one; feed 2m old"
 *   "3 rooms, 2 sessions on now; feed 25m old; fetch failing (4x): timed out"
 * Written into out (always NUL-terminated, cut to fit).
 */
void service_status_summary(const json_t *state, const struct service_status_info *info, char *out,
			    size_t size);

struct service_status_writer {
	char *dir;			/* NULL: disabled, every call does nothing */
	char *last;			/* status.json as last written, without the clock */
	time_t last_written;
	int64_t screenshot_interval_ms;	/* 0: no screenshots */
	int screenshot_width;
	int64_t screenshot_last_ms;	/* monotonic; 0: never */
	time_t screenshot_taken;	/* wall clock of the last screenshot; 0: never */
	bool frame_changed;		/* the screen changed since the last screenshot */
};

/*
 * The directory is `configured` when not empty, else `runtime_dir` ($RUNTIME_DIRECTORY) when
 * set, else none: the writer is then disabled (and init succeeds). Fails with err when the
 * directory is not a writable directory; w is then disabled too.
 */
bool service_status_writer_init(struct service_status_writer *w, const char *configured,
				const char *runtime_dir, long screenshot_interval_s,
				int screenshot_width, struct error *err);
void service_status_writer_finish(struct service_status_writer *w);
bool service_status_writer_enabled(const struct service_status_writer *w);

/*
 * Writes status.json when it changed (the clock aside) or is STATUS_REFRESH_SECONDS old.
 * Returns 1 when written, 0 when there was nothing to write, -1 on failure (err filled; the
 * old file stays).
 */
int service_status_write(struct service_status_writer *w, const json_t *state,
			 const struct service_status_info *info, struct error *err);

/* The screen changed (render_show() drew something): the next screenshot is worth taking. */
void service_status_note_frame(struct service_status_writer *w);

/*
 * ms until a screenshot is due (0: now), or -1 when none is wanted (disabled, off, or the
 * screen has not changed since the last one). Main folds it into its sleep.
 */
int service_status_screenshot_timeout_ms(const struct service_status_writer *w, int64_t now_ms);

/*
 * Saves `frame` (what the screen shows, any pixel format) as screen.png, at most
 * screenshot_width wide, keeping the aspect ratio, and starts the next interval. now_ms is
 * monotonic (for the interval), wall_now goes into status.json as "taken".
 */
bool service_status_write_screenshot(struct service_status_writer *w, SDL_Surface *frame,
				     int64_t now_ms, time_t wall_now, struct error *err);

/*
 * The box-filtered downscale used for screen.png, exposed for tests: a new XRGB8888 surface
 * at most max_width wide (never wider than the frame), NULL when out of memory.
 */
SDL_Surface *service_status_downscale(SDL_Surface *frame, int max_width);

#endif
