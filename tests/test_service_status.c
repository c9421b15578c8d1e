/*
 * test_service_status.c — status.json and screen.png as the AV desk gets them.
 *
 * The document's keys (a table of fetch-health rows), the writer's directory choice (a table),
 * when status.json is rewritten (a script over an injected clock), and the screenshot: a
 * box-filtered downscale (a 1-pixel checkerboard must come out grey, not black or white), its
 * size and aspect ratio, the PNG read back, and no temporary file left beside either file.
 */
#include "check.h"
#include "service_status.h"

#include <SDL_image.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static json_t *sample_state(const char *at, const char *room)
{
	return json_pack("{s:s, s:s, s:[{s:s, s:[], s:[]}]}", "at", at, "timezone", "UTC", "rooms",
		"room", room, "now", "next");
}

static struct service_status_info sample_info(const struct tz *utc)
{
	return (struct service_status_info){
		.version = "0.1.0",
		.zone = utc,
		.started = 1544453400, /* 2018-12-10T14:50:00Z */
		.now = 1544453400 + 125,
		.uptime_s = 125,
		.display = {.up = true, .driver = "kmsdrm", .width = 1920, .height = 1080},
		.fetch = {.last_success = 1544453500},
	};
}

static void test_document(const struct tz *utc)
{
	json_t *state = sample_state("2018-12-10T14:52:05+00:00", "Main hall");
	struct service_status_info info = sample_info(utc);
	json_t *doc = service_status_to_json(state, &info);
	CHECK(doc != NULL, "document");
	if (!doc)
		return;
	CHECK_STR(json_string_value(json_object_get(doc, "at")), "2018-12-10T14:52:05+00:00",
		"the state's keys stay");
	CHECK(json_array_size(json_object_get(doc, "rooms")) == 1, "rooms stay");
	CHECK_STR(json_string_value(json_object_get(doc, "version")), "0.1.0", "version");
	CHECK_STR(json_string_value(json_object_get(doc, "started")), "2018-12-10T14:50:00+00:00",
		"started");
	CHECK(json_integer_value(json_object_get(doc, "uptime_s")) == 125, "uptime");
	json_t *display = json_object_get(doc, "display");
	CHECK(json_is_true(json_object_get(display, "up")), "display up");
	CHECK_STR(json_string_value(json_object_get(display, "driver")), "kmsdrm", "driver");
	CHECK(json_integer_value(json_object_get(display, "width")) == 1920, "width");
	CHECK(json_is_null(json_object_get(display, "error")), "no display error");
	CHECK(json_is_null(json_object_get(doc, "screenshot")), "no screenshot yet");
	CHECK(json_object_get(state, "version") == NULL, "the state passed in is not changed");
	json_decref(doc);

	static const struct {
		time_t last_success;
		unsigned failures;
		const char *error;
		bool ok;
	} rows[] = {
		{1544453500, 0, NULL, true},
		{0, 0, NULL, false},		/* never fetched */
		{1544453500, 3, "timed out", false},
		{0, 1, "404 Not Found", false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		info.fetch.last_success = rows[i].last_success;
		info.fetch.failures = rows[i].failures;
		info.fetch.error = rows[i].error;
		doc = service_status_to_json(state, &info);
		json_t *fetch = json_object_get(doc, "fetch");
		CHECK(json_is_boolean(json_object_get(fetch, "ok")) &&
			json_boolean_value(json_object_get(fetch, "ok")) == rows[i].ok, "row %zu: ok", i);
		CHECK(json_integer_value(json_object_get(fetch, "failures")) == rows[i].failures,
			"row %zu: failures", i);
		json_t *last = json_object_get(fetch, "last_success");
		CHECK(rows[i].last_success ? json_is_string(last) : json_is_null(last),
			"row %zu: last_success", i);
		json_t *error = json_object_get(fetch, "error");
		if (rows[i].error)
			CHECK_STR(json_string_value(error), rows[i].error, "row %zu: error", i);
		else
			CHECK(json_is_null(error), "row %zu: no error", i);
		json_decref(doc);
	}
	json_decref(state);
}

static void test_summary(const struct tz *utc)
{
	static const struct {
		const char *state;	/* JSON */
		time_t last_success;	/* seconds before now; -1: never */
		unsigned failures;
		const char *fetch_error, *display_error;
		bool display_up;
		const char *want;
	} rows[] = {
		{"{\"rooms\": [{\"room\": \"Main hall\", \"now\": [{\"title\": \"Welcome\"}],"
		 " \"next\": [{\"title\": \"Panel one\"}]}]}",
			120, 0, NULL, NULL, true,
			"Main hall: now Welcome, next Panel one; feed 2m old"},
		{"{\"rooms\": [{\"room\": \"Main hall\", \"now\": [], \"next\": [{\"title\": \"Panel\"}]}]}",
			30, 0, NULL, NULL, true, "Main hall: next Panel; feed 30s old"},
		{"{\"rooms\": [{\"room\": \"\", \"now\": [], \"next\": []}]}",
			-1, 2, "could not resolve host", NULL, true,
			"all rooms: nothing now or next; no feed yet; fetch failing (2x): could not resolve host"},
		{"{\"rooms\": [{\"room\": \"A\", \"now\": [{\"title\": \"x\"}], \"next\": []},"
		 " {\"room\": \"B\", \"now\": [{\"title\": \"y\"}], \"next\": []},"
		 " {\"room\": \"C\", \"now\": [], \"next\": []}]}",
			25 * 60, 4, "timed out", NULL, true,
			"3 rooms, 2 sessions on now; feed 25m old; fetch failing (4x): timed out"},
		{"{\"rooms\": []}", 3 * 3600, 0, NULL, "no connected monitor", false,
			"0 rooms, 0 sessions on now; feed 3h old; no display: no connected monitor"},
		{"{\"rooms\": []}", 30, 0, NULL, "no display: kmsdrm not available", false,
			"0 rooms, 0 sessions on now; feed 30s old; no display: kmsdrm not available"},
		{"{\"rooms\": [{\"room\": \"A\", \"now\": [{\"title\": \"x\"}], \"next\": []},"
		 " {\"room\": \"B\", \"now\": [], \"next\": []}]}",
			3 * 86400, 0, NULL, NULL, true, "2 rooms, 1 session on now; feed 3d old"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		json_error_t jerr;
		json_t *state = json_loads(rows[i].state, 0, &jerr);
		CHECK(state != NULL, "row %zu: %s", i, jerr.text);
		struct service_status_info info = sample_info(utc);
		info.fetch.last_success = rows[i].last_success < 0 ? 0 : info.now - rows[i].last_success;
		info.fetch.age_s = rows[i].last_success;
		info.fetch.failures = rows[i].failures;
		info.fetch.error = rows[i].fetch_error;
		info.display.up = rows[i].display_up;
		info.display.error = rows[i].display_error;
		char line[256];
		service_status_summary(state, &info, line, sizeof line);
		CHECK_STR(line, rows[i].want, "row %zu", i);
		json_decref(state);
	}

	/* Cut to fit, never inside a character: "Main hall: now " is 15 bytes, then é é é. */
	json_t *state = json_pack("{s:[{s:s, s:[{s:s}], s:[]}]}", "rooms", "room", "Main hall",
		"now", "title", "\xc3\xa9\xc3\xa9\xc3\xa9", "next");
	struct service_status_info info = sample_info(utc);
	char line[19]; /* room for 15 + one é + half of the next */
	service_status_summary(state, &info, line, sizeof line);
	CHECK_STR(line, "Main hall: now \xc3\xa9", "cut on a character boundary");
	json_decref(state);
}

static void test_writer_init(const char *dir)
{
	char file[256];
	snprintf(file, sizeof file, "%s/a-file", dir);
	FILE *f = fopen(file, "w");
	if (f)
		fclose(f);
	static const struct {
		const char *configured, *runtime;
		bool ok, enabled;
	} rows[] = {
		{"", NULL, true, false},
		{NULL, NULL, true, false},
		{"", "DIR", true, true},
		{"DIR", NULL, true, true},
		{"DIR", "/nonexistent/runtime", true, true},	/* the config wins */
		{"/nonexistent/foyer-status", "DIR", false, false},
		{"FILE", NULL, false, false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *c = rows[i].configured, *r = rows[i].runtime;
		c = c && !strcmp(c, "DIR") ? dir : c && !strcmp(c, "FILE") ? file : c;
		r = r && !strcmp(r, "DIR") ? dir : r;
		struct service_status_writer w;
		struct error err;
		bool ok = service_status_writer_init(&w, c, r, 60, 480, &err);
		CHECK(ok == rows[i].ok, "row %zu: ok (%s)", i, err.message);
		CHECK(service_status_writer_enabled(&w) == rows[i].enabled, "row %zu: enabled", i);
		service_status_writer_finish(&w);
	}
	unlink(file);
}

static void test_writes(const char *dir, const struct tz *utc)
{
	struct service_status_writer w;
	struct error err;
	CHECK(service_status_writer_init(&w, dir, NULL, 60, 480, &err), "%s", err.message);
	struct service_status_info info = sample_info(utc);
	time_t t0 = info.now;
	static const struct {
		int seconds;		/* after t0 */
		const char *at, *room;
		unsigned failures;
		int want; /* service_status_write()'s result */
	} steps[] = {
		{0, "14:52", "Main hall", 0, 1},	/* the first write */
		{10, "14:52", "Main hall", 0, 0},	/* nothing changed */
		{20, "14:53", "Main hall", 0, 0},	/* only the clock moved */
		{30, "14:53", "Room 2", 0, 1},		/* what the screen shows changed */
		{40, "14:53", "Room 2", 1, 1},		/* a failed fetch */
		{99, "14:54", "Room 2", 1, 0},		/* 59 s after the last write */
		{100, "14:54", "Room 2", 1, 1},		/* 60 s: refreshed for the uptime */
		{50, "14:54", "Room 2", 1, 1},		/* the clock was set back */
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char at[64];
		snprintf(at, sizeof at, "2018-12-10T%s:00+00:00", steps[i].at);
		json_t *state = sample_state(at, steps[i].room);
		info.now = t0 + steps[i].seconds;
		info.uptime_s = 125 + steps[i].seconds;
		info.fetch.failures = steps[i].failures;
		int got = service_status_write(&w, state, &info, &err);
		CHECK(got == steps[i].want, "step %zu: got %d (%s)", i, got, err.message);
		json_decref(state);
	}

	char path[256];
	snprintf(path, sizeof path, "%s/status.json", dir);
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	CHECK(doc != NULL, "status.json parses: %s", jerr.text);
	CHECK(json_integer_value(json_object_get(doc, "uptime_s")) == 125 + 50, "the last uptime");
	CHECK(json_integer_value(json_object_get(json_object_get(doc, "fetch"), "failures")) == 1,
		"the last fetch health");
	json_decref(doc);
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
		"status.json is readable by a web server");
	CHECK(check_count_entries(dir) == 1, "no temporary file left: %d entries",
	      check_count_entries(dir));
	service_status_writer_finish(&w);
}

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
	SDL_Surface *x8 = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_XRGB8888, 0);
	Uint32 p = ((Uint32 *)((Uint8 *)x8->pixels + (size_t)y * x8->pitch))[x] & 0xFFFFFF;
	SDL_FreeSurface(x8);
	return p;
}

static void test_downscale(void)
{
	/* Left half: a 1-pixel black and white checkerboard; right half: pure blue. */
	SDL_Surface *frame = SDL_CreateRGBSurfaceWithFormat(0, 400, 200, 32,
		SDL_PIXELFORMAT_ARGB8888);
	for (int y = 0; y < 200; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)frame->pixels + (size_t)y * frame->pitch);
		for (int x = 0; x < 400; x++)
			row[x] = x >= 200 ? 0xFF0000FF : ((x + y) % 2 ? 0xFFFFFFFF : 0xFF000000);
	}
	SDL_Surface *small = service_status_downscale(frame, 100);
	CHECK(small && small->w == 100 && small->h == 50, "100x50, the aspect ratio kept");
	if (small) {
		Uint32 grey = pixel_at(small, 10, 10);
		int r = (int)(grey >> 16), g = (int)(grey >> 8 & 0xFF), b = (int)(grey & 0xFF);
		CHECK(r >= 120 && r <= 136 && g == r && b == r,
			"a checkerboard averages to grey, got %06x", (unsigned)grey);
		CHECK(pixel_at(small, 90, 40) == 0x0000FF, "blue stays blue");
		SDL_FreeSurface(small);
	}
	small = service_status_downscale(frame, 1000);
	CHECK(small && small->w == 400 && small->h == 200, "never wider than the frame");
	SDL_FreeSurface(small);
	SDL_FreeSurface(frame);
}

static void test_screenshot(const char *dir)
{
	struct service_status_writer w;
	struct error err;
	CHECK(service_status_writer_init(&w, NULL, dir, 60, 160, &err), "%s", err.message);
	CHECK(service_status_screenshot_timeout_ms(&w, 1000) == -1,
	      "none before the screen changed");
	service_status_note_frame(&w);
	CHECK(service_status_screenshot_timeout_ms(&w, 1000) == 0, "the first is due at once");

	SDL_Surface *frame = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32,
		SDL_PIXELFORMAT_ARGB8888);
	SDL_FillRect(frame, NULL, SDL_MapRGB(frame->format, 0x20, 0x80, 0xC0));
	CHECK(service_status_write_screenshot(&w, frame, 1000, 1544453400, &err), "%s",
	      err.message);
	CHECK(w.screenshot_taken == 1544453400, "when it was taken");
	CHECK(service_status_screenshot_timeout_ms(&w, 2000) == -1,
	      "none while the screen is unchanged");
	service_status_note_frame(&w);
	CHECK(service_status_screenshot_timeout_ms(&w, 2000) == 59000,
	      "the next one a minute later");
	CHECK(service_status_screenshot_timeout_ms(&w, 61000) == 0, "due after the interval");

	char path[256];
	snprintf(path, sizeof path, "%s/screen.png", dir);
	SDL_Surface *png = IMG_Load(path);
	CHECK(png && png->w == 160 && png->h == 90, "screen.png is 160x90");
	if (png) {
		CHECK(pixel_at(png, 80, 45) == 0x2080C0, "its colour, got %06x",
			(unsigned)pixel_at(png, 80, 45));
		SDL_FreeSurface(png);
	}
	CHECK(check_count_entries(dir) == 1, "no temporary file left: %d entries",
	      check_count_entries(dir));
	SDL_FreeSurface(frame);
	service_status_writer_finish(&w);

	/* Screenshots off: never due. */
	CHECK(service_status_writer_init(&w, NULL, dir, 0, 160, &err), "%s", err.message);
	service_status_note_frame(&w);
	CHECK(service_status_screenshot_timeout_ms(&w, 1000) == -1, "interval 0: no screenshots");
	service_status_writer_finish(&w);
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int main(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	char dir[] = "/tmp/foyer-status-XXXXXX";
	char shots[] = "/tmp/foyer-screen-XXXXXX";
	if (!utc || !mkdtemp(dir) || !mkdtemp(shots)) {
		perror("setup");
		return 1;
	}
	test_document(utc);
	test_summary(utc);
	test_writer_init(dir);
	test_writes(dir, utc);
	test_downscale();
	test_screenshot(shots);
	remove_dir(dir);
	remove_dir(shots);
	tz_destroy(utc);
	return check_done();
}
