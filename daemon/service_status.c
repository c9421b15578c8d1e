/*
 * service_status.c — status.json and screen.png for the AV desk; see service_status.h.
 *
 * Reading order: service_status_to_json() builds the document, service_status_write() decides
 * whether it changed and replaces the file through file_write_atomic(); service_status_downscale()
 * and service_status_write_screenshot() do the picture. SDL is used for surfaces and SDL_image's
 * PNG writer (png.c) only, never for video.
 */
#include "service_status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "png.h"
#include "state_json.h"

static json_t *time_or_null(time_t t, const struct tz *zone)
{
	return t ? state_time_to_json(t, zone) : json_null();
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *service_status_to_json(const json_t *state, const struct service_status_info *info)
{
	json_t *doc = json_deep_copy(state);
	if (!doc)
		return NULL;
	const struct service_status_display *d = &info->display;
	const struct service_status_fetch *f = &info->fetch;
	json_t *display = json_pack("{s:b, s:o, s:i, s:i, s:o}", "up", d->up, "driver",
		string_or_null(d->driver), "width", d->width, "height", d->height, "error",
		string_or_null(d->error));
	json_t *fetch = json_pack("{s:b, s:o, s:I, s:o}", "ok",
		f->failures == 0 && f->last_success != 0, "last_success",
		time_or_null(f->last_success, info->zone), "failures", (json_int_t)f->failures,
		"error", string_or_null(f->error));
	json_t *screenshot = info->screenshot_taken
		? json_pack("{s:s, s:o}", "file", STATUS_SCREENSHOT_FILE, "taken",
			  state_time_to_json(info->screenshot_taken, info->zone))
		: json_null();
	if (!display || !fetch || !screenshot ||
		json_object_set_new(doc, "version", json_string(info->version ? info->version : "")) ||
		json_object_set_new(doc, "started", state_time_to_json(info->started, info->zone)) ||
		json_object_set_new(doc, "uptime_s", json_integer(info->uptime_s)) ||
		json_object_set_new(doc, "display", display) ||
		json_object_set_new(doc, "fetch", fetch) ||
		json_object_set_new(doc, "screenshot", screenshot)) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* Appends printf-style text to out, which holds *used bytes; cuts at size. */
static void append(char *out, size_t size, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void append(char *out, size_t size, size_t *used, const char *fmt, ...)
{
	if (*used + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used = *used + (size_t)n < size ? *used + (size_t)n : size - 1;
}

/* "45s", "12m", "3h", "2d": an age at a glance. */
static void append_age(char *out, size_t size, size_t *used, long long seconds)
{
	if (seconds < 60)
		append(out, size, used, "%llds", seconds < 0 ? 0 : seconds);
	else if (seconds < 3600)
		append(out, size, used, "%lldm", seconds / 60);
	else if (seconds < 86400 * 2)
		append(out, size, used, "%lldh", seconds / 3600);
	else
		append(out, size, used, "%lldd", seconds / 86400);
}

static const char *first_title(const json_t *events)
{
	return json_string_value(json_object_get(json_array_get(events, 0), "title"));
}

void service_status_summary(const json_t *state, const struct service_status_info *info, char *out,
			    size_t size)
{
	size_t used = 0;
	if (size == 0)
		return;
	out[0] = '\0';
	const json_t *rooms = json_object_get(state, "rooms");
	size_t n_rooms = json_array_size(rooms);
	if (n_rooms == 1) {
		const json_t *room = json_array_get(rooms, 0);
		const char *name = json_string_value(json_object_get(room, "room"));
		const char *now = first_title(json_object_get(room, "now"));
		const char *next = first_title(json_object_get(room, "next"));
		append(out, size, &used, "%s: ", name && *name ? name : "all rooms");
		if (now)
			append(out, size, &used, "now %s%s", now, next ? ", " : "");
		if (next)
			append(out, size, &used, "next %s", next);
		if (!now && !next)
			append(out, size, &used, "nothing now or next");
	} else {
		size_t on_now = 0;
		for (size_t i = 0; i < n_rooms; i++)
			on_now += json_array_size(json_object_get(json_array_get(rooms, i), "now"));
		append(out, size, &used, "%zu rooms, %zu session%s on now", n_rooms, on_now,
			on_now == 1 ? "" : "s");
	}

	const struct service_status_fetch *f = &info->fetch;
	if (f->last_success && f->age_s >= 0) {
		append(out, size, &used, "; feed ");
		append_age(out, size, &used, f->age_s);
		append(out, size, &used, " old");
	} else {
		append(out, size, &used, "; no feed yet");
	}
	if (f->failures)
		append(out, size, &used, "; fetch failing (%ux): %s", f->failures,
			f->error ? f->error : "unknown error");
	if (!info->display.up) {
		const char *why = info->display.error;
		if (why && !strncmp(why, "no display: ", 12))
			why += 12; /* said once is enough */
		append(out, size, &used, "; no display%s%s", why ? ": " : "", why ? why : "");
	}
	if (used == size - 1) {
		/* Cut: drop a character the cut split in two. */
		size_t end = used;
		while (end > 0 && ((unsigned char)out[end - 1] & 0xC0) == 0x80)
			end--;
		if (end > 0 && ((unsigned char)out[end - 1] & 0x80))
			end--; /* the lead byte of the split character */
		if (end < used) {
			/* Keep a character that was complete after all. */
			unsigned char lead = (unsigned char)out[end];
			size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
			if (end + len <= used)
				end += len;
		}
		out[end] = '\0';
	}
}

static void writer_reset(struct service_status_writer *w)
{
	memset(w, 0, sizeof *w);
}

bool service_status_writer_init(struct service_status_writer *w, const char *configured,
				const char *runtime_dir, long screenshot_interval_s,
				int screenshot_width, struct error *err)
{
	writer_reset(w);
	error_clear(err);
	const char *dir = configured && *configured ? configured : runtime_dir;
	if (!dir || !*dir)
		return true;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		error_set(err, 0, 0, "status directory %s: %s", dir,
			errno ? strerror(errno) : "not a directory");
		return false;
	}
	if (access(dir, W_OK) != 0) {
		error_set(err, 0, 0, "status directory %s: %s", dir, strerror(errno));
		return false;
	}
	w->dir = strdup(dir);
	if (!w->dir) {
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	w->screenshot_interval_ms = (int64_t)screenshot_interval_s * 1000;
	w->screenshot_width = screenshot_width > 0 ? screenshot_width : 480;
	return true;
}

void service_status_writer_finish(struct service_status_writer *w)
{
	free(w->dir);
	free(w->last);
	writer_reset(w);
}

bool service_status_writer_enabled(const struct service_status_writer *w)
{
	return w->dir != NULL;
}

/* The document without the keys that move with the clock, for "did it change". */
static char *dump_without_clock(const json_t *doc)
{
	json_t *copy = json_copy((json_t *)doc);
	if (!copy)
		return NULL;
	json_object_del(copy, "at");
	json_object_del(copy, "uptime_s");
	char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(copy);
	return text;
}

static bool path_in(const struct service_status_writer *w, const char *name, char *out, size_t size,
		    struct error *err)
{
	if ((size_t)snprintf(out, size, "%s/%s", w->dir, name) >= size) {
		error_set(err, 0, 0, "status directory path too long");
		return false;
	}
	return true;
}

int service_status_write(struct service_status_writer *w, const json_t *state,
			 const struct service_status_info *info, struct error *err)
{
	if (!w->dir)
		return 0;
	struct service_status_info with_screenshot = *info;
	with_screenshot.screenshot_taken = w->screenshot_taken;
	json_t *doc = service_status_to_json(state, &with_screenshot);
	char *key = doc ? dump_without_clock(doc) : NULL;
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	if (!key || !text) {
		free(key);
		free(text);
		error_set(err, 0, 0, "out of memory");
		return -1;
	}
	bool changed = !w->last || strcmp(w->last, key) != 0;
	bool old = info->now - w->last_written >= STATUS_REFRESH_SECONDS ||
		info->now < w->last_written; /* the clock was set back */
	int result = 0;
	if (changed || old) {
		char path[4096];
		size_t len = strlen(text);
		char *line = realloc(text, len + 2);
		if (line) {
			text = line;
			memcpy(text + len, "\n", 2);
		}
		result = line && path_in(w, STATUS_FILE, path, sizeof path, err) &&
				file_write_atomic(path, text, len + 1, err)
			? 1
			: -1;
		if (!line)
			error_set(err, 0, 0, "out of memory");
		if (result == 1) {
			free(w->last);
			w->last = key;
			key = NULL;
			w->last_written = info->now;
		}
	}
	free(key);
	free(text);
	return result;
}

void service_status_note_frame(struct service_status_writer *w)
{
	w->frame_changed = true;
}

int service_status_screenshot_timeout_ms(const struct service_status_writer *w, int64_t now_ms)
{
	if (!w->dir || w->screenshot_interval_ms <= 0 || !w->frame_changed)
		return -1;
	if (w->screenshot_last_ms == 0)
		return 0;
	int64_t due = w->screenshot_last_ms + w->screenshot_interval_ms;
	if (now_ms >= due)
		return 0;
	int64_t left = due - now_ms;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}

SDL_Surface *service_status_downscale(SDL_Surface *frame, int max_width)
{
	SDL_Surface *src = SDL_ConvertSurfaceFormat(frame, SDL_PIXELFORMAT_XRGB8888, 0);
	if (!src)
		return NULL;
	int sw = src->w, sh = src->h;
	int dw = max_width < sw ? max_width : sw;
	if (dw < 1)
		dw = 1;
	int dh = (int)(((long long)sh * dw + sw / 2) / sw);
	if (dh < 1)
		dh = 1;
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_XRGB8888);
	if (!dst) {
		SDL_FreeSurface(src);
		return NULL;
	}
	/* Each destination pixel is the mean of the source block it covers. */
	for (int y = 0; y < dh; y++) {
		int y0 = (int)((long long)y * sh / dh), y1 = (int)((long long)(y + 1) * sh / dh);
		if (y1 <= y0)
			y1 = y0 + 1;
		Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * dst->pitch);
		for (int x = 0; x < dw; x++) {
			int x0 = (int)((long long)x * sw / dw), x1 = (int)((long long)(x + 1) * sw / dw);
			if (x1 <= x0)
				x1 = x0 + 1;
			unsigned long long r = 0, g = 0, b = 0, n = 0;
			for (int sy = y0; sy < y1; sy++) {
				const Uint32 *row =
					(const Uint32 *)((const Uint8 *)src->pixels + (size_t)sy * src->pitch);
				for (int sx = x0; sx < x1; sx++) {
					r += (row[sx] >> 16) & 0xFF;
					g += (row[sx] >> 8) & 0xFF;
					b += row[sx] & 0xFF;
					n++;
				}
			}
			out[x] = 0xFF000000u | (Uint32)((r + n / 2) / n) << 16 |
				(Uint32)((g + n / 2) / n) << 8 | (Uint32)((b + n / 2) / n);
		}
	}
	SDL_FreeSurface(src);
	return dst;
}

bool service_status_write_screenshot(struct service_status_writer *w, SDL_Surface *frame,
				     int64_t now_ms, time_t wall_now, struct error *err)
{
	if (!w->dir)
		return true;
	char path[4096];
	if (!path_in(w, STATUS_SCREENSHOT_FILE, path, sizeof path, err))
		return false;
	SDL_Surface *small = service_status_downscale(frame, w->screenshot_width);
	SDL_Surface *rgb = small ? SDL_ConvertSurfaceFormat(small, SDL_PIXELFORMAT_RGB24, 0) : NULL;
	SDL_FreeSurface(small);
	if (!rgb) {
		error_set(err, 0, 0, "cannot scale the screenshot: %s", SDL_GetError());
		return false;
	}
	size_t len = 0;
	void *png = png_encode(rgb, &len, err);
	SDL_FreeSurface(rgb);
	/* whole or not at all, even on a full disk: the last good picture stays */
	bool ok = png && file_write_atomic(path, png, len, err);
	free(png);
	if (!ok)
		return false;
	w->screenshot_last_ms = now_ms > 0 ? now_ms : 1;
	w->screenshot_taken = wall_now;
	w->frame_changed = false;
	return true;
}
