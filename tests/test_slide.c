/*
 * test_slide.c — the slide's wording (slide_content) at fixed instants, and layout properties
 * (slide_layout) over hundreds of generated titles, screen sizes and the shipped themes,
 * measured with a fake font (every character 0.55 em wide, CJK 1 em; lines 1.2 em):
 *   no box off screen, no text in the overscan margin, no two text boxes overlapping,
 *   every text at least 2 % of the shorter side and the current title at least 4 %, an
 *   ellipsis only at the smallest size, and no text lost without an ellipsis.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check.h"
#include "fake_font.h"
#include "slide.h"
#include "theme.h"

/* The language the slides are worded in (main() runs the property tests in each). */
static const struct words *words_in_test;

/* --- an agenda in UTC (the zone is UTC, so local = UTC) --- */

static time_t at(int day, int hour, int minute)
{
	struct civil c = {2018, 12, day, hour, minute, 0};
	return (time_t)civil_to_seconds(&c);
}

static struct event *add(struct agenda *a, const char *room, int day, int h0, int m0, int h1,
			 int m1, const char *title, const char *speaker)
{
	struct event *ev = agenda_add_event(a);
	ev->title = agenda_strdup(a, title);
	ev->start = at(day, h0, m0);
	ev->end = at(day, h1, m1);
	agenda_set_room(a, ev, room);
	if (speaker)
		agenda_add_speaker(a, ev, speaker, strlen(speaker));
	return ev;
}

static struct agenda *conference(void)
{
	struct agenda *a = agenda_create();
	add(a, "Main hall", 10, 14, 15, 14, 45, "Registration", NULL);
	struct event *w = add(a, "Main hall", 10, 14, 45, 15, 0, "Welcome and introduction",
			      "Andrew Haldenby");
	agenda_add_speaker(a, w, "Rupert Soames OBE", strlen("Rupert Soames OBE"));
	add(a, "Main hall", 10, 15, 0, 16, 0,
	    "Panel one: Innovation, data and digital in frontline public services",
	    "George Freeman MP");
	add(a, "Main hall", 10, 16, 0, 16, 15, "Break", NULL);
	add(a, "Main hall", 10, 16, 15, 17, 15, "Panel two: New models of public service delivery",
	    "Robert Pollock");
	add(a, "Main hall", 10, 17, 15, 17, 30, "Closing remarks", NULL);
	add(a, "Main hall", 10, 17, 30, 18, 0, "Drinks reception and networking", NULL);
	add(a, "Main hall", 11, 9, 30, 10, 0, "Day two opening", NULL);
	struct event *c = add(a, "Main hall", 14, 9, 30, 10, 0, "Friday keynote", NULL);
	c->status = EVENT_CANCELLED;
	add(a, "Main hall", 28, 9, 30, 10, 0, "Far away", NULL);
	agenda_sort(a);
	return a;
}

static void content_at(const struct agenda *a, const struct tz *zone, time_t now,
		       struct slide_content *out)
{
	struct sched s;
	const char *rooms[] = {"Main hall"};
	sched_now_next(a, rooms, 1, now, &s);
	struct slide_content_options o = {.zone = zone, .now = now, .words = words_in_test};
	slide_content_build(a, &s, &o, out);
	sched_finish(&s);
}

static void test_content(void)
{
	struct agenda *a = conference();
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	static const struct {
		int day, hour, minute;
		const char *now_title, *now_when, *left;
		const char *next_title, *next_when;
		size_t n_rows;
		double progress;
	} rows[] = {
		{10, 14, 50, "Welcome and introduction", "Now", "10 min left",
		 "Panel one: Innovation, data and digital in frontline public services", "in 10 min",
		 4, 5.0 / 15},
		{10, 14, 0, NULL, NULL, NULL, "Registration", "in 15 min", 6, -1},
		{10, 12, 0, NULL, NULL, NULL, "Registration", "14:15", 6, -1},
		{10, 15, 0, "Panel one: Innovation, data and digital in frontline public services",
		 "Now", "1 h left", "Break", "in 60 min", 3, 0},
		{10, 15, 1, "Panel one: Innovation, data and digital in frontline public services",
		 "Now", "59 min left", "Break", "in 59 min", 3, 1.0 / 60},
		{10, 17, 59, "Drinks reception and networking", "Now", "1 min left",
		 "Day two opening", "tomorrow 09:30", 0, 29.0 / 30},
		{10, 18, 5, "Drinks reception and networking", "Ended", "", "Day two opening",
		 "tomorrow 09:30", 0, -1},
		{10, 18, 30, NULL, NULL, NULL, "Day two opening", "tomorrow 09:30", 0, -1},
		{11, 11, 0, NULL, NULL, NULL, "Friday keynote", "Friday 09:30", 0, -1},
		{14, 11, 0, NULL, NULL, NULL, "Far away", "28 Dec 09:30", 0, -1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		content_at(a, utc, at(rows[i].day, rows[i].hour, rows[i].minute), &c);
		if (rows[i].now_title) {
			CHECK(c.n_now == 1, "row %zu: one now, got %zu", i, c.n_now);
			if (c.n_now) {
				CHECK_STR(c.now[0].title, rows[i].now_title, "row %zu", i);
				CHECK_STR(c.now[0].when, rows[i].now_when, "row %zu", i);
				CHECK_STR(c.now[0].left, rows[i].left, "row %zu", i);
			}
		} else {
			CHECK(c.n_now == 0, "row %zu: nothing now, got %zu", i, c.n_now);
		}
		CHECK(c.n_next == 1, "row %zu: one next", i);
		if (c.n_next) {
			CHECK_STR(c.next[0].title, rows[i].next_title, "row %zu", i);
			CHECK_STR(c.next[0].when, rows[i].next_when, "row %zu", i);
		}
		CHECK(c.n_rows == rows[i].n_rows, "row %zu: %zu rows, want %zu", i, c.n_rows,
		      rows[i].n_rows);
		CHECK(fabs(c.progress - rows[i].progress) < 1e-9, "row %zu: progress %f, want %f",
		      i, c.progress, rows[i].progress);
		CHECK_STR(c.room, "Main hall", "row %zu", i);
	}
	content_at(a, utc, at(10, 14, 50), &c);
	CHECK_STR(c.clock, "14:50", "clock");
	CHECK_STR(c.date, "Monday 10 December", "date");
	CHECK_STR(c.now[0].speakers, "Andrew Haldenby, Rupert Soames OBE", "speakers");
	CHECK_STR(c.now[0].times, "14:45 – 15:00", "times");
	CHECK_STR(c.rows[0].time, "16:00", "first row after next");
	CHECK_STR(c.rows[0].title, "Break", "first row after next");
	content_at(a, utc, at(13, 12, 0), &c);
	CHECK(c.n_next == 1 && c.next[0].cancelled, "a cancelled next stays, marked");

	/* no trusted clock: the programme of the first day not over, nothing called now */
	static const struct {
		int day, hour;
		const char *date, *first;
		size_t n_rows;
	} programme[] = {
		{10, 12, "Monday 10 December", "Registration", 7},
		{10, 17, "Monday 10 December", "Registration", 7},
		{11, 12, "Friday 14 December", "Friday keynote", 1},
		{30, 12, "Friday 28 December", "Far away", 1},
	};
	for (size_t i = 0; i < sizeof programme / sizeof programme[0]; i++) {
		struct sched ps;
		const char *hall[] = {"Main hall"};
		time_t t = at(programme[i].day, programme[i].hour, 0);
		sched_now_next(a, hall, 1, t, &ps);
		struct slide_content_options u = {.zone = utc, .now = t, .clock_unknown = true};
		slide_content_build(a, &ps, &u, &c);
		CHECK_STR(c.clock, "", "programme %zu: no clock", i);
		CHECK(c.n_now == 0 && c.n_next == 0, "programme %zu: nothing is now", i);
		CHECK_STR(c.date, programme[i].date, "programme %zu: the day", i);
		CHECK_STR(c.rows_heading, "Programme", "programme %zu", i);
		CHECK(c.n_rows == programme[i].n_rows, "programme %zu: %zu rows", i, c.n_rows);
		if (c.n_rows)
			CHECK_STR(c.rows[0].title, programme[i].first, "programme %zu", i);
		sched_finish(&ps);
	}

	/* several rooms: one row each */
	struct agenda *b = agenda_create();
	add(b, "Room A", 10, 10, 0, 11, 0, "Talk A1", NULL);
	add(b, "Room B", 10, 10, 30, 11, 0, "Talk B1", NULL);
	struct sched s;
	sched_now_next(b, NULL, 0, at(10, 10, 15), &s);
	struct slide_content_options o = {.zone = utc, .now = at(10, 10, 15), .stale = true,
					  .feed_updated = at(10, 9, 58)};
	slide_content_build(b, &s, &o, &c);
	CHECK(c.n_rooms == 2, "two room rows");
	CHECK_STR(c.rooms[0].now, "Talk A1", "room A now");
	CHECK_STR(c.rooms[1].next, "in 15 min  Talk B1", "room B next");
	CHECK_STR(c.stale, "Offline · agenda of 09:58", "stale marker");
	sched_finish(&s);
	agenda_destroy(b);
	tz_destroy(utc);
	agenda_destroy(a);
}

/* --- layout properties --- */

static uint64_t rng = 88172645463325252ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static void random_text(char *out, size_t size, size_t target)
{
	static const char *const words[] = {
		"Panel", "one:", "Innovation,", "data", "and", "digital", "in", "frontline",
		"public", "services", "a", "of", "the", "Reimagining", "citizens", "keynote",
		"Donaudampfschifffahrtsgesellschaftskapitän", "Q&A", "—", "2018", "AI",
		"Ελληνικά", "Привет", "日本語のタイトル", "x"};
	size_t n = 0;
	out[0] = '\0';
	while (n < target && n + 64 < size) {
		const char *w = words[next_rand() % (sizeof words / sizeof words[0])];
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", w);
	}
}

/* Every word of text, in order, is in the lines (no text lost without an ellipsis). */
static bool words_kept(const char *text, const struct slide_layout *l, const char *role)
{
	char joined[8192] = "";
	size_t n = 0;
	for (size_t i = 0; i < l->n_boxes; i++) {
		if (l->boxes[i].kind != SLIDE_BOX_TEXT || strcmp(l->boxes[i].role, role))
			continue;
		n += (size_t)snprintf(joined + n, sizeof joined - n, "%s", l->boxes[i].text);
	}
	/* compare without spaces: lines break at spaces or between characters */
	char a[8192], b[8192];
	size_t na = 0, nb = 0;
	for (const char *p = text; *p && na + 1 < sizeof a; p++)
		if (*p != ' ')
			a[na++] = *p;
	for (const char *p = joined; *p && nb + 1 < sizeof b; p++)
		if (*p != ' ')
			b[nb++] = *p;
	a[na] = b[nb] = '\0';
	return !strcmp(a, b);
}

struct screen_size {
	int w, h;
};

static void check_layout_in(const struct slide_layout *l, const struct slide_content *c, int w,
			    int h, int overscan, const char *what);

static void check_layout(const struct slide_layout *l, const struct slide_content *c, int w,
			 int h, const char *what)
{
	check_layout_in(l, c, w, h, 0, what);
}

/* As check_layout(), and no text in the `overscan` pixels a TV may crop at every edge. */
static void check_layout_in(const struct slide_layout *l, const struct slide_content *c, int w,
			    int h, int overscan, const char *what)
{
	int shorter = w < h ? w : h;
	int floor2 = (int)lround(2.0 * shorter / 100.0);
	int floor4 = (int)lround(4.0 * shorter / 100.0);
	bool title_seen = false, title_cut = false;
	for (size_t i = 0; i < l->n_boxes; i++) {
		const struct slide_box *b = &l->boxes[i];
		CHECK(b->x >= 0 && b->y >= 0 && b->x + b->w <= w && b->y + b->h <= h && b->w > 0 &&
		      b->h > 0, "%s: box %zu (%s) %d,%d %dx%d off the %dx%d screen", what, i,
		      b->role, b->x, b->y, b->w, b->h, w, h);
		if (b->kind != SLIDE_BOX_TEXT)
			continue;
		CHECK(b->x >= overscan && b->y >= overscan && b->x + b->w <= w - overscan &&
		      b->y + b->h <= h - overscan, "%s: text %s in the %d px overscan", what,
		      b->role, overscan);
		CHECK(b->font.px >= floor2, "%s: %s at %d px, below 2 %% (%d)", what, b->role,
		      b->font.px, floor2);
		if (b->ellipsis)
			CHECK(b->font.px == b->min_px, "%s: %s cut at %d px, above its smallest %d",
			      what, b->role, b->font.px, b->min_px);
		if (!strcmp(b->role, "now-title")) {
			title_seen = true;
			title_cut |= b->ellipsis;
			CHECK(b->font.px >= floor4, "%s: title at %d px, below 4 %% (%d)", what,
			      b->font.px, floor4);
		}
		for (size_t k = i + 1; k < l->n_boxes; k++) {
			const struct slide_box *o = &l->boxes[k];
			if (o->kind == SLIDE_BOX_TEXT)
				CHECK(!intersects(b, o), "%s: text boxes overlap: %s \"%s\" and %s \"%s\"",
				      what, b->role, b->text, o->role, o->text);
		}
	}
	if (c->n_now && c->now[0].title[0]) {
		CHECK(title_seen, "%s: the title is shown", what);
		if (!title_cut)
			CHECK(words_kept(c->now[0].title, l, "now-title"),
			      "%s: title text lost without an ellipsis", what);
	}
}

static void test_layout_properties(void)
{
	static const struct screen_size sizes[] = {
		{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}, {3840, 2160}, {1024, 768},
		{720, 1280}, {1280, 1024}, {640, 360}};
	static const char *const themes[] = {"default", "dark", "high-contrast"};
	const char *dirs[] = {TEST_SOURCE_DIR "/themes", NULL};
	struct agenda *a = conference();
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	int cases = 0, cut = 0;
	for (size_t th = 0; th < sizeof themes / sizeof themes[0]; th++) {
		struct theme theme;
		struct error_list problems = {0};
		CHECK(theme_load(themes[th], dirs, &theme, NULL, &problems), "theme %s", themes[th]);
		error_list_finish(&problems);
		for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
			for (int k = 0; k < 24; k++) {
				char title[2048], next_title[2048], speakers[1024];
				size_t len = k < 4 ? (size_t)k * 3 : next_rand() % (k < 20 ? 200 : 1500);
				random_text(title, sizeof title, len);
				random_text(next_title, sizeof next_title, next_rand() % 300);
				random_text(speakers, sizeof speakers, next_rand() % 300);
				content_at(a, utc, at(10, 14, 50), &c);
				c.now[0].title = title;
				c.now[0].speakers = speakers;
				c.now[0].cancelled = k % 5 == 0;
				c.next[0].title = next_title;
				c.rows[1].title = next_title;
				if (k % 7 == 0) {
					c.n_now = 2;
					c.now[1] = c.now[0];
				}
				if (k % 6 == 0)
					c.stale = "Offline · agenda of 14:32";
				/* the override file's banner, room flag and notes keep the guarantees */
				if (k % 4 == 1)
					c.banner = next_title;
				if (k % 5 == 2)
					c.room_flag = "Room full · Overflow seating in Room 3";
				if (k % 3 == 1)
					c.now[0].note = k % 2 ? "Delayed by 15 min" : speakers;
				struct slide_screen screen = {sizes[si].w, sizes[si].h, k % 3 ? 0 : 24,
							      k % 4 ? 0 : 2.5, false};
				struct slide_layout l;
				bool ok = slide_layout(&c, &theme, &screen, &fake, &l);
				CHECK(ok, "layout");
				char what[128];
				snprintf(what, sizeof what, "%s %dx%d title of %zu bytes", themes[th],
					 sizes[si].w, sizes[si].h, strlen(title));
				check_layout_in(&l, &c, sizes[si].w, sizes[si].h, screen.overscan,
						what);
				for (size_t i = 0; i < l.n_boxes; i++)
					if (!strcmp(l.boxes[i].role, "now-title") && l.boxes[i].ellipsis)
						cut++;
				slide_layout_finish(&l);
				cases++;
			}
		}
	}
	CHECK(cases >= 600, "%d cases", cases);
	CHECK(cut > 0, "some titles were long enough to be cut");
	CHECK(cut < cases / 2, "most titles fit: %d of %d cut", cut, cases);
	tz_destroy(utc);
	agenda_destroy(a);
}

/* The other slides (several rooms, the programme without a clock) hold the same rules. */
static void test_other_slides(void)
{
	static const struct screen_size sizes[] = {{1920, 1080}, {1080, 1920}, {800, 480}};
	struct theme theme;
	theme_default(&theme);
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	int cases = 0;
	for (int k = 0; k < 40; k++) {
		struct agenda *a = agenda_create();
		char titles[8][1024], rooms[8][64];
		size_t n_rooms = 1 + next_rand() % 8;
		for (size_t r = 0; r < 8; r++) {
			random_text(titles[r], sizeof titles[r], next_rand() % 200);
			random_text(rooms[r], sizeof rooms[r], next_rand() % 40);
			if (!rooms[r][0])
				snprintf(rooms[r], sizeof rooms[r], "Room %zu", r);
		}
		for (size_t r = 0; r < n_rooms; r++) {
			for (int h = 9; h < 17; h++)
				add(a, rooms[r], 10, h, 0, h + 1, 0, titles[(r + (size_t)h) % 8], NULL);
		}
		agenda_sort(a);
		struct sched s;
		sched_now_next(a, NULL, 0, at(10, 11, 30), &s);
		struct slide_content_options o = {.zone = utc, .now = at(10, 11, 30),
						  .clock_unknown = k % 2 == 0,
						  .words = words_in_test};
		slide_content_build(a, &s, &o, &c);
		for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
			struct slide_screen screen = {sizes[si].w, sizes[si].h, 0, 0, false};
			struct slide_layout l;
			CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
			char what[96];
			snprintf(what, sizeof what, "%s slide %dx%d, %zu rooms", l.slide, sizes[si].w,
				 sizes[si].h, n_rooms);
			CHECK(!strcmp(l.slide, k % 2 == 0 ? "programme" : n_rooms > 1 ? "rooms"
										   : "now-next"),
			      "%s", what);
			check_layout(&l, &c, sizes[si].w, sizes[si].h, what);
			slide_layout_finish(&l);
			cases++;
		}
		sched_finish(&s);
		agenda_destroy(a);
	}
	CHECK(cases == 120, "%d cases", cases);
	tz_destroy(utc);
}

/* Short titles are shown at the theme's full size, long ones shrink before being cut. */
static void test_title_sizes(void)
{
	struct agenda *a = conference();
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	struct theme theme;
	theme_default(&theme);
	struct slide_screen screen = {1920, 1080, 0, 0, false};
	static const struct {
		const char *title;
		int px;		/* 0: smaller than the largest, not cut */
		bool cut;
	} rows[] = {
		{"Break", 108, false},
		{"Panel one: Innovation, data and digital in frontline public services", 0, false},
		{"A title that goes on and on and on and on and on and on and on and on and on and on "
		 "and on and on and on and on and on and on and on and on and on and on and on and on "
		 "and on and on and on and on and on and on and on and on and on and on and on and on "
		 "and on and on and on and on and on and on and on and on and on and on and on", 43,
		 true},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		content_at(a, utc, at(10, 14, 50), &c);
		c.now[0].title = rows[i].title;
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
		int px = 0;
		bool cut = false;
		for (size_t k = 0; k < l.n_boxes; k++) {
			if (strcmp(l.boxes[k].role, "now-title"))
				continue;
			px = l.boxes[k].font.px;
			cut |= l.boxes[k].ellipsis;
		}
		if (rows[i].px)
			CHECK(px == rows[i].px, "row %zu: %d px, want %d", i, px, rows[i].px);
		else
			CHECK(px > 43 && px < 108, "row %zu: shrunk to %d px", i, px);
		CHECK(cut == rows[i].cut, "row %zu: cut %d", i, cut);
		slide_layout_finish(&l);
	}
	tz_destroy(utc);
	agenda_destroy(a);
}

static void test_json(void)
{
	struct agenda *a = conference();
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	content_at(a, utc, at(10, 14, 50), &c);
	struct theme theme;
	theme_default(&theme);
	struct slide_screen screen = {1920, 1080, 0, 0, false};
	struct slide_layout l;
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
	char *s = slide_layout_json(&l);
	json_error_t jerr;
	json_t *j = json_loads(s, 0, &jerr);
	CHECK(j != NULL, "valid JSON: %s", jerr.text);
	CHECK(json_integer_value(json_object_get(j, "width")) == 1920, "width");
	CHECK(json_integer_value(json_object_get(j, "height")) == 1080, "height");
	CHECK_STR(json_string_value(json_object_get(j, "slide")), "now-next", "slide");
	json_t *boxes = json_object_get(j, "boxes");
	CHECK(json_array_size(boxes) == l.n_boxes, "every box");
	bool found = false;
	size_t i;
	json_t *b;
	json_array_foreach(boxes, i, b) {
		const char *text = json_string_value(json_object_get(b, "text"));
		if (text && !strncmp(text, "Welcome", 7)) {
			found = true;
			CHECK_STR(json_string_value(json_object_get(b, "font")), "DejaVu Sans Bold",
				  "font");
			CHECK(json_integer_value(json_object_get(b, "px")) == 108, "px");
		}
	}
	CHECK(found, "the title box");
	json_decref(j);
	free(s);
	slide_layout_finish(&l);

	/* a title that is not UTF-8 still gives valid JSON, with U+FFFD for the bad bytes */
	c.now[0].title = "Bad \xff\xfe bytes";
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
	s = slide_layout_json(&l);
	j = s ? json_loads(s, 0, &jerr) : NULL;
	CHECK(j != NULL, "valid JSON with bad bytes");
	found = false;
	json_array_foreach(json_object_get(j, "boxes"), i, b) {
		const char *text = json_string_value(json_object_get(b, "text"));
		found |= text && !strcmp(text, "Bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
	}
	CHECK(found, "the bad bytes are replaced");
	json_decref(j);
	free(s);
	slide_layout_finish(&l);
	tz_destroy(utc);
	agenda_destroy(a);
}

/*
 * Directions: an arrow beside each room of the rooms slide that has one (aliases applied),
 * and beside "Next" when the next session is in another room (a plenary); none for "here".
 */
static void test_directions(void)
{
	struct agenda *a = agenda_create();
	add(a, "Main hall", 10, 14, 0, 15, 0, "Keynote", NULL);
	add(a, "Saal 2", 10, 14, 0, 15, 0, "Workshop", NULL);
	add(a, "Foyer", 10, 14, 0, 15, 0, "Coffee", NULL);
	struct event *plenary = add(a, "Main hall", 10, 15, 0, 16, 0, "Plenary", NULL);
	plenary->everywhere = true;
	agenda_sort(a);
	struct direction_entry dirs[] = {{"Main hall", DIRECTION_LEFT}, {"Saal Zwei", DIRECTION_UP},
					 {"Foyer", DIRECTION_HERE}};
	struct alias aliases[] = {{"saal zwei", "Saal 2"}};
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	struct theme theme;
	theme_default(&theme);
	struct sched s;
	sched_now_next(a, NULL, 0, at(10, 14, 30), &s);
	struct slide_content_options o = {.zone = utc, .now = at(10, 14, 30), .directions = dirs,
					  .n_directions = 3, .aliases = aliases, .n_aliases = 1};
	slide_content_build(a, &s, &o, &c);
	sched_finish(&s);
	CHECK(c.n_rooms == 3, "three rooms");
	static const char *const want[] = {"←", "⇧", "◉"};
	for (size_t i = 0; i < c.n_rooms && i < 3; i++)
		CHECK_STR(c.rooms[i].direction, want[i], "the way to %s", c.rooms[i].room);
	static const struct screen_size sizes[] = {{1920, 1080}, {1080, 1920}, {800, 480}};
	for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
		struct slide_screen screen = {sizes[si].w, sizes[si].h, 0, 0, false};
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
		size_t arrows = 0;
		for (size_t i = 0; i < l.n_boxes; i++) {
			const struct slide_box *b = &l.boxes[i];
			if (strcmp(b->role, "direction"))
				continue;
			arrows++;
			/* beside its room's name, on the same row, at least as large */
			const struct slide_box *room = i + 1 < l.n_boxes ? &l.boxes[i + 1] : NULL;
			CHECK(room && !strcmp(room->role, "rooms-room") && room->x > b->x &&
			      b->font.px >= room->font.px && b->y < room->y + room->h &&
			      room->y < b->y + b->h, "%dx%d: arrow %s beside its room", sizes[si].w,
			      sizes[si].h, b->text);
		}
		CHECK(arrows == 3, "%dx%d: %zu arrows", sizes[si].w, sizes[si].h, arrows);
		char what[64];
		snprintf(what, sizeof what, "rooms with arrows %dx%d", sizes[si].w, sizes[si].h);
		check_layout(&l, &c, sizes[si].w, sizes[si].h, what);
		slide_layout_finish(&l);
	}
	/* the Saal 2 screen: next is the plenary in the Main hall, to the left */
	const char *saal[] = {"Saal 2"}, *foyer[] = {"Foyer"}, *hall[] = {"Main hall"};
	const struct {
		const char *const *room;
		const char *arrow;
	} next_rows[] = {{saal, "←"}, {foyer, "←"}, {hall, ""}};
	for (size_t i = 0; i < sizeof next_rows / sizeof *next_rows; i++) {
		sched_now_next(a, next_rows[i].room, 1, at(10, 14, 30), &s);
		slide_content_build(a, &s, &o, &c);
		sched_finish(&s);
		CHECK_STR(c.next_direction, next_rows[i].arrow, "next from %s", next_rows[i].room[0]);
		struct slide_screen screen = {1920, 1080, 0, 0, false};
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
		const struct slide_box *label = NULL, *arrow = NULL;
		for (size_t k = 0; k < l.n_boxes; k++) {
			if (!strcmp(l.boxes[k].role, "next-label") && l.boxes[k].kind == SLIDE_BOX_TEXT)
				label = &l.boxes[k];
			if (!strcmp(l.boxes[k].role, "direction"))
				arrow = &l.boxes[k];
		}
		if (*next_rows[i].arrow)
			CHECK(arrow && label && arrow->x > label->x + label->w &&
			      !strcmp(arrow->text, next_rows[i].arrow), "arrow right of Next");
		else
			CHECK(!arrow, "no arrow when next is in the screen's room");
		check_layout(&l, &c, 1920, 1080, "now-next with an arrow");
		slide_layout_finish(&l);
	}
	tz_destroy(utc);
	agenda_destroy(a);
}

/* The shipped languages: the slide's own words in each, at the same instants. */
static const struct {
	const char *language, *clock;
	const char *now, *left, *next_when, *date, *later, *tomorrow, *weekday, *far;
} languages[] = {
	{"en", "", "Now", "10 min left", "in 10 min", "Monday 10 December", "Later today",
	 "tomorrow 09:30", "Friday 09:30", "28 Dec 09:30"},
	{"en", "12h", "Now", "10 min left", "in 10 min", "Monday 10 December", "Later today",
	 "tomorrow 9:30 am", "Friday 9:30 am", "28 Dec 9:30 am"},
	{"de", "", "Jetzt", "noch 10 Min.", "in 10 Min.", "Montag, 10. Dezember", "Später heute",
	 "morgen 09:30", "Freitag 09:30", "28. Dez. 09:30"},
	{"fr", "", "En cours", "encore 10 min", "dans 10 min", "lundi 10 décembre",
	 "Plus tard aujourd’hui", "demain 09:30", "vendredi 09:30", "28 déc. 09:30"},
	{"es", "", "Ahora", "quedan 10 min", "en 10 min", "lunes, 10 de diciembre", "Más tarde hoy",
	 "mañana 09:30", "viernes 09:30", "28 dic 09:30"},
	{"nl", "", "Nu", "nog 10 min", "over 10 min", "maandag 10 december", "Later vandaag",
	 "morgen 09:30", "vrijdag 09:30", "28 dec 09:30"},
};

static void test_language(size_t i)
{
	struct agenda *a = conference();
	struct tz *utc = tz_fixed("UTC", 0);
	static struct slide_content c;
	const char *l = languages[i].language;
	content_at(a, utc, at(10, 14, 50), &c);
	CHECK_STR(c.now[0].when, languages[i].now, "%s: now", l);
	CHECK_STR(c.now[0].left, languages[i].left, "%s: left", l);
	CHECK_STR(c.next[0].when, languages[i].next_when, "%s: next", l);
	CHECK_STR(c.date, languages[i].date, "%s: date", l);
	CHECK_STR(c.rows_heading, languages[i].later, "%s: later today", l);
	content_at(a, utc, at(10, 18, 30), &c);	/* next: tomorrow */
	CHECK_STR(c.next[0].when, languages[i].tomorrow, "%s: tomorrow", l);
	content_at(a, utc, at(11, 12, 0), &c);	/* next: the Friday keynote */
	CHECK_STR(c.next[0].when, languages[i].weekday, "%s: a weekday", l);
	content_at(a, utc, at(14, 12, 0), &c);	/* next: in a fortnight */
	CHECK_STR(c.next[0].when, languages[i].far, "%s: a date", l);
	tz_destroy(utc);
	agenda_destroy(a);
}

int main(void)
{
	test_content();
	test_title_sizes();
	test_json();
	test_directions();
	/* the layout guarantees hold in every language: the words grow in translation */
	for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
		struct catalog catalog;
		struct error err = {0};
		CHECK(catalog_load(languages[i].language, TEST_LOCALE_DIR, languages[i].clock,
				   &catalog, &err), "%s: %s", languages[i].language, err.message);
		CHECK(catalog.missing == 0 && catalog.bad_formats == 0, "%s: every word translated",
		      languages[i].language);
		words_in_test = &catalog.words;
		test_language(i);
		test_layout_properties();
		test_other_slides();
		catalog_finish(&catalog);
	}
	return check_done();
}
