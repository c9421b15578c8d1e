/*
 * service.c — readiness, status line, watchdog and status files for the render loop; see
 * service.h. It logs (it is an edge), once per problem: a status directory that stops being
 * writable is worth one line, not one a minute (log.c's repeat limit does the rest).
 */
#define LOG_MODULE "service"

#include "service.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

void service_init(struct service *s, const struct service_options *options)
{
	memset(s, 0, sizeof *s);
	s->options = *options;
	struct error err;
	if (!service_notify_init_env(&s->notify, &err))
		log_warning("%s; not talking to systemd", err.message);
	if (!service_status_writer_init(&s->status, options->status_dir, options->runtime_dir,
					options->screenshot_interval_s, options->screenshot_width,
					&err))
		log_warning("%s; no status file", err.message);
	else if (service_status_writer_enabled(&s->status))
		log_info("status in %s/%s", s->status.dir, STATUS_FILE);
	if (service_notify_watchdog_enabled(&s->notify))
		log_info("watchdog: a ping every %lld ms",
			(long long)s->notify.watchdog_interval_ms);
}

void service_finish(struct service *s)
{
	service_notify_finish(&s->notify);
	service_status_writer_finish(&s->status);
}

void service_display_up(struct service *s, const char *driver, int width, int height)
{
	s->display_up = true;
	s->display_tried = true;
	snprintf(s->driver, sizeof s->driver, "%s", driver ? driver : "");
	s->width = width;
	s->height = height;
	s->display_error[0] = '\0';
}

void service_display_down(struct service *s, const char *why)
{
	s->display_up = false;
	s->display_tried = true;
	snprintf(s->display_error, sizeof s->display_error, "%s", why ? why : "");
}

void service_frame_shown(struct service *s)
{
	service_status_note_frame(&s->status);
}

void service_ready(struct service *s)
{
	if (!service_notify_ready(&s->notify))
		log_warning("cannot tell systemd foyer is ready");
	s->ready = true;
}

bool service_reads_state(const struct service *s)
{
	return s->notify.fd >= 0 || s->status.dir;
}

void service_pass(struct service *s, const json_t *state, const struct service_status_fetch *fetch,
		  time_t wall, int64_t now_ms)
{
	/* Ready once something is on screen, or once the display failed: up and retrying. */
	if (!s->ready && s->display_tried)
		service_ready(s);

	struct service_status_info info = {
		.version = s->options.version,
		.zone = s->options.zone,
		.started = s->options.started,
		.now = wall,
		.uptime_s = (now_ms - s->options.started_ms) / 1000,
		.display = {.up = s->display_up,
			    .driver = s->driver[0] ? s->driver : NULL,
			    .width = s->width,
			    .height = s->height,
			    .error = s->display_error[0] ? s->display_error : NULL},
		.fetch = *fetch,
	};
	struct error err;
	if (state && service_status_write(&s->status, state, &info, &err) < 0)
		log_error("%s", err.message);

	char line[sizeof s->status_line];
	if (state) {
		service_status_summary(state, &info, line, sizeof line);
		if (strcmp(line, s->status_line) != 0) {
			service_notify_status(&s->notify, "%s", line);
			memcpy(s->status_line, line, sizeof line);
		}
	}

	service_notify_watchdog(&s->notify, now_ms);
}

int service_timeout_ms(const struct service *s, int64_t now_ms)
{
	int watchdog = service_notify_watchdog_timeout_ms(&s->notify, now_ms);
	int screenshot =
		s->display_up ? service_status_screenshot_timeout_ms(&s->status, now_ms) : -1;
	if (watchdog < 0)
		return screenshot;
	if (screenshot < 0)
		return watchdog;
	return watchdog < screenshot ? watchdog : screenshot;
}

bool service_screenshot_due(const struct service *s, int64_t now_ms)
{
	return s->display_up && service_status_screenshot_timeout_ms(&s->status, now_ms) == 0;
}

void service_screenshot(struct service *s, SDL_Surface *frame, time_t wall, int64_t now_ms)
{
	struct error err;
	if (!service_status_write_screenshot(&s->status, frame, now_ms, wall, &err)) {
		log_error("%s", err.message);
		/* Try again at the next interval, not at every pass. */
		s->status.screenshot_last_ms = now_ms > 0 ? now_ms : 1;
	}
}

void service_reloading(struct service *s, int64_t now_ms)
{
	service_notify_reloading(&s->notify, now_ms);
	s->ready = false;
}

void service_stopping(struct service *s)
{
	service_notify_stopping(&s->notify);
}
