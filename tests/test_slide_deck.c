/*
 * test_slide_deck.c — the deck's kinds of slide: the rows of the rooms overview and the
 * agenda (slide_list) as tables, and layout properties of every kind at 1920x1080, 1280x720,
 * 1080x1920 and 3840x2160 with 1, 8, 35 and 120 rooms and long titles in several scripts,
 * in every shipped theme, measured with the fake font:
 *   no box off screen, no two text boxes overlapping, every row's text at least the row floor
 *   (SLIDE_ROW_FLOOR) and every text at least 2 %, one type size per column on a page, every
 *   row on exactly one page and shown there, an ellipsis only at the column's size;
 * and two real feeds: FOSDEM 2020's 35 rooms on the pages of `rooms` each once, in feed order
 * (the rooms with nothing more today last), and the reference conference's afternoon on one
 * page of `agenda` at 1920x1080.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fake_font.h"
#include "feed.h"
#include "file.h"
#include "slide.h"
#include "slide_list.h"
#include "theme.h"
#include "text_wrap.h"

static time_t at(int day, int hour, int minute)
{
	struct civil c = {2018, 12, day, hour, minute, 0};
	return (time_t)civil_to_seconds(&c);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static const char *const words[] = {
	"Panel", "Innovation,", "data", "and", "digital", "frontline", "public", "services",
	"Reimagining", "keynote", "Donaudampfschifffahrtsgesellschaftskapitän", "Q&A", "—",
	"Ελληνικά", "Привет", "日本語のタイトル", "مرحبا", "שלום", "한국어", "हिन्दी", "x"};

static void random_text(char *out, size_t size, size_t target)
{
	size_t n = 0;
	out[0] = '\0';
	while (n < target && n + 64 < size) {
		const char *w = words[next_rand() % (sizeof words / sizeof words[0])];
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", w);
	}
}

/*
 * n rooms, each with sessions from 09:00 to 18:00 on the 10th (some long titles, some
 * cancelled, delayed or moved, some with a track); every fifth room only on the 11th.
 */
static struct agenda *venue(size_t n)
{
	struct agenda *a = agenda_create();
	for (size_t r = 0; r < n; r++) {
		char room[128], title[400];
		snprintf(room, sizeof room, r % 7 == 3 ? "Room %zu — Auditorium Maximum of the East Wing"
						       : "Room %zu", r + 1);
		int day = r % 5 == 4 ? 11 : 10;
		for (int h = 9; h < 18; h++) {
			random_text(title, sizeof title, 10 + next_rand() % (r % 3 ? 40 : 160));
			struct event *ev = agenda_add_event(a);
			ev->title = agenda_strdup(a, title);
			ev->start = at(day, h, 0);
			ev->end = at(day, h, 50);
			agenda_set_room(a, ev, room);
			unsigned k = next_rand() % 10;
			if (k == 0)
				ev->status = EVENT_CANCELLED;
			else if (k == 1)
				ev->status = EVENT_CHANGED;
			else if (k == 2)
				ev->status = EVENT_MOVED;
			if (k == 3)
				ev->track = agenda_strdup(a, "Keynote");
		}
	}
	agenda_sort(a);
	return a;
}

struct size {
	int w, h;
};

static const struct size sizes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {3840, 2160}};
static const char *const themes[] = {"default", "dark", "high-contrast"};

/* The checks every page of every kind is held to. */
static void check_page(const struct slide_layout *l, int w, int h, const char *what)
{
	int shorter = w < h ? w : h;
	int floor2 = (int)lround(2.0 * shorter / 100.0);
	int row_floor = (int)lround(SLIDE_ROW_FLOOR * shorter / 100.0);
	static const char *const columns[] = {"rooms-room", "rooms-now", "rooms-next",
					      "agenda-time", "agenda-title", "agenda-room"};
	int column_px[6] = {0};
	for (size_t i = 0; i < l->n_boxes; i++) {
		const struct slide_box *b = &l->boxes[i];
		CHECK(b->x >= 0 && b->y >= 0 && b->x + b->w <= w && b->y + b->h <= h && b->w > 0 &&
			      b->h > 0,
		      "%s: box %zu (%s) %d,%d %dx%d off the %dx%d screen", what, i, b->role, b->x,
		      b->y, b->w, b->h, w, h);
		if (b->kind != SLIDE_BOX_TEXT)
			continue;
		CHECK(b->font.px >= floor2, "%s: %s at %d px, below 2 %% (%d)", what, b->role,
		      b->font.px, floor2);
		for (size_t c = 0; c < 6; c++) {
			if (strcmp(b->role, columns[c]))
				continue;
			CHECK(b->font.px >= row_floor, "%s: %s at %d px, below the row floor %d",
			      what, b->role, b->font.px, row_floor);
			if (!column_px[c])
				column_px[c] = b->font.px;
			CHECK(b->font.px == column_px[c], "%s: %s \"%s\" at %d px, its column at %d",
			      what, b->role, b->text, b->font.px, column_px[c]);
		}
		for (size_t k = i + 1; k < l->n_boxes; k++) {
			const struct slide_box *o = &l->boxes[k];
			if (o->kind == SLIDE_BOX_TEXT)
				CHECK(!intersects(b, o), "%s: text boxes overlap: %s \"%s\" and %s \"%s\"",
				      what, b->role, b->text, o->role, o->text);
		}
	}
}

static size_t count_role(const struct slide_layout *l, const char *role)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n_boxes; i++)
		n += l->boxes[i].kind == SLIDE_BOX_TEXT && !strcmp(l->boxes[i].role, role);
	return n;
}

/* The text boxes of role in order (one per row for one-line cells). */
static const struct slide_box *nth_role(const struct slide_layout *l, const char *role, size_t n)
{
	for (size_t i = 0; i < l->n_boxes; i++)
		if (l->boxes[i].kind == SLIDE_BOX_TEXT && !strcmp(l->boxes[i].role, role) && n-- == 0)
			return &l->boxes[i];
	return NULL;
}

/* A box's text is the row's text, or its beginning cut with an ellipsis. */
static bool text_of(const struct slide_box *b, const char *text)
{
	const char *t = text && text[0] ? text : "—";
	if (!b)
		return false;
	if (!b->ellipsis)
		return !strcmp(b->text, t);
	size_t len = strlen(b->text) - strlen(WRAP_ELLIPSIS);
	return !strncmp(b->text, t, len);
}

static void test_list_kinds(void)
{
	static const size_t counts[] = {1, 8, 35, 120};
	const char *dirs[] = {TEST_SOURCE_DIR "/themes", NULL};
	struct tz *utc = tz_fixed("UTC", 0);
	int pages_seen = 0, cut = 0;
	for (size_t ni = 0; ni < sizeof counts / sizeof *counts; ni++) {
		struct agenda *a = venue(counts[ni]);
		struct sched sc;
		time_t now = at(10, 11, 20);
		sched_now_next(a, NULL, 0, now, &sc);
		struct slide_content_options o = {.zone = utc, .now = now};
		static struct slide_content c;
		struct slide_list rooms, agenda;
		CHECK(slide_list_rooms(a, &sc, &o, &rooms), "rooms list");
		CHECK(slide_list_agenda(a, &sc, &o, &agenda), "agenda list");
		CHECK(rooms.n == counts[ni], "%zu rooms: %zu rows", counts[ni], rooms.n);
		for (size_t th = 0; th < sizeof themes / sizeof *themes; th++) {
			struct theme theme;
			struct error_list problems = {0};
			CHECK(theme_load(themes[th], dirs, &theme, NULL, &problems), "theme");
			for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
				for (int kind = 0; kind < 2; kind++) {
					const struct slide_list *list = kind ? &agenda : &rooms;
					slide_content_build(a, &sc, &o, &c);
					c.slide = kind ? SHOW_AGENDA : SHOW_ROOMS;
					c.heading = kind ? "Today" : "All rooms";
					c.list = list;
					struct slide_screen s = {sizes[si].w, sizes[si].h, 0, 0, false};
					int pages = slide_pages(&c, &theme, &s, &fake);
					CHECK(pages >= 1, "pages");
					/* the deck counts pages from the rows' number alone */
					struct slide_list counted = {.n = list->n};
					c.list = &counted;
					CHECK(slide_pages(&c, &theme, &s, &fake) == pages,
					      "%zu rows without their texts: %d pages", list->n, pages);
					c.banner = "Lunch is served in the atrium";
					int with_banner = slide_pages(&c, &theme, &s, &fake);
					c.list = list;
					CHECK(slide_pages(&c, &theme, &s, &fake) == with_banner,
					      "with a banner: %d pages", with_banner);
					c.banner = NULL;
					size_t next_row = 0;
					for (int p = 1; p <= pages; p++) {
						char what[128];
						snprintf(what, sizeof what, "%s %zu rooms %dx%d %s page %d/%d",
							 kind ? "agenda" : "rooms", counts[ni], s.width,
							 s.height, themes[th], p, pages);
						c.page = p;
						struct slide_layout l;
						CHECK(slide_layout(&c, &theme, &s, &fake, &l), "%s", what);
						CHECK(l.page == p && l.pages == pages, "%s: page %d/%d", what,
						      l.page, l.pages);
						CHECK(!strcmp(l.slide, kind ? "agenda" : "rooms"), "%s", what);
						check_page(&l, s.width, s.height, what);
						/* the pages follow on, each row once */
						CHECK(l.first_row == next_row, "%s: first row %zu, want %zu",
						      what, l.first_row, next_row);
						next_row = l.first_row + l.n_rows;
						const char *role = kind ? "agenda-time" : "rooms-room";
						CHECK(count_role(&l, role) == l.n_rows,
						      "%s: %zu rows shown of %zu", what, count_role(&l, role),
						      l.n_rows);
						for (size_t r = 0; r < l.n_rows && !kind; r++) {
							const struct slide_list_row *row =
								&list->rows[l.first_row + r];
							const struct slide_box *b = nth_role(&l, "rooms-room", r);
							CHECK(text_of(b, row->room), "%s: row %zu shows \"%s\"",
							      what, r, b ? b->text : "(none)");
							cut += b && b->ellipsis;
							CHECK(count_role(&l, "rooms-now") == l.n_rows &&
								      count_role(&l, "rooms-next") == l.n_rows,
							      "%s: one box per row and column", what);
						}
						if (pages > 1) {
							bool page_text = false;
							char want[32];
							snprintf(want, sizeof want, "%d/%d", p, pages);
							for (size_t i = 0; i < l.n_boxes; i++)
								page_text |= l.boxes[i].kind == SLIDE_BOX_TEXT &&
									     !strcmp(l.boxes[i].role, "page") &&
									     !strcmp(l.boxes[i].text, want);
							CHECK(page_text, "%s: the header says %s", what, want);
						}
						slide_layout_finish(&l);
						pages_seen++;
					}
					CHECK(next_row == list->n, "%s %zu rooms %dx%d: %zu of %zu rows paged",
					      kind ? "agenda" : "rooms", counts[ni], s.width, s.height,
					      next_row, list->n);
				}
			}
		}
		slide_list_finish(&rooms);
		slide_list_finish(&agenda);
		sched_finish(&sc);
		agenda_destroy(a);
	}
	CHECK(pages_seen > 200, "%d pages laid out", pages_seen);
	printf("list kinds: %d pages, %d room names cut\n", pages_seen, cut);
	tz_destroy(utc);
}

static void test_rooms_rows(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct agenda *a = agenda_create();
	static const struct {
		const char *room;
		int day, h0, m0, h1, m1;
		const char *title;
		enum event_status status;
		const char *note, *track;
	} events[] = {
		{"Main hall", 10, 11, 0, 12, 0, "Keynote", EVENT_SCHEDULED, "", "Plenary"},
		{"Main hall", 10, 12, 0, 13, 0, "Lunch talk", EVENT_CANCELLED, "", ""},
		{"Room 2", 11, 9, 0, 10, 0, "Tomorrow only", EVENT_SCHEDULED, "", ""},
		{"Room 3", 10, 11, 30, 12, 0, "Later", EVENT_CHANGED, "Delayed by 15 min", ""},
		{"Room 4", 10, 9, 0, 10, 0, "Over", EVENT_SCHEDULED, "", ""},
		{"Room 5", 10, 11, 0, 11, 45, "Moved here", EVENT_MOVED, "", "Lightning"},
	};
	for (size_t i = 0; i < sizeof events / sizeof *events; i++) {
		struct event *ev = agenda_add_event(a);
		ev->title = agenda_strdup(a, events[i].title);
		ev->start = at(events[i].day, events[i].h0, events[i].m0);
		ev->end = at(events[i].day, events[i].h1, events[i].m1);
		ev->status = events[i].status;
		ev->note = agenda_strdup(a, events[i].note);
		ev->track = agenda_strdup(a, events[i].track);
		agenda_set_room(a, ev, events[i].room);
	}
	agenda_sort(a);
	struct sched sc;
	time_t now = at(10, 11, 20);
	sched_now_next(a, NULL, 0, now, &sc);
	struct slide_content_options o = {.zone = utc, .now = now};
	struct slide_list l;
	CHECK(slide_list_rooms(a, &sc, &o, &l), "rooms");
	static const struct {
		const char *room, *title, *mark, *next, *next_mark, *track;
		bool cancelled, next_cancelled, done;
	} want[] = {
		{"Main hall", "Keynote", "", "in 40 min  Lunch talk", "Cancelled", "Plenary", false,
		 true, false},
		{"Room 3", "", "", "in 10 min  Later", "Delayed by 15 min", "", false, false, false},
		{"Room 5", "Moved here", "Moved", "", "", "Lightning", false, false, false},
		/* nothing more today: at the end, in their order */
		{"Room 2", "", "", "tomorrow 09:00  Tomorrow only", "", "", false, false, true},
		{"Room 4", "", "", "", "", "", false, false, true},
	};
	CHECK(l.n == sizeof want / sizeof *want, "%zu rows", l.n);
	for (size_t i = 0; i < l.n && i < sizeof want / sizeof *want; i++) {
		const struct slide_list_row *r = &l.rows[i];
		CHECK_STR(r->room, want[i].room, "row %zu", i);
		CHECK_STR(r->title, want[i].title, "row %zu", i);
		CHECK_STR(r->mark, want[i].mark, "row %zu", i);
		CHECK_STR(r->next, want[i].next, "row %zu", i);
		CHECK_STR(r->next_mark, want[i].next_mark, "row %zu", i);
		CHECK_STR(r->track, want[i].track, "row %zu", i);
		CHECK(r->cancelled == want[i].cancelled && r->next_cancelled == want[i].next_cancelled &&
			      r->done == want[i].done,
		      "row %zu: flags", i);
	}
	slide_list_finish(&l);

	/* without a trusted clock nothing is "now": no rows, the slide is skipped */
	o.clock_unknown = true;
	CHECK(slide_list_rooms(a, &sc, &o, &l) && l.n == 0, "no rooms without a clock");
	slide_list_finish(&l);

	/* the agenda: the rest of today by start time, the one on now current */
	o.clock_unknown = false;
	CHECK(slide_list_agenda(a, &sc, &o, &l), "agenda");
	static const struct {
		const char *time, *title, *room;
		bool current;
	} agenda[] = {
		{"11:00", "Keynote", "Main hall", true},
		{"11:00", "Moved here", "Room 5", true},
		{"11:30", "Later", "Room 3", false},
		{"12:00", "Lunch talk", "Main hall", false},
	};
	CHECK(l.n == sizeof agenda / sizeof *agenda, "%zu agenda rows", l.n);
	for (size_t i = 0; i < l.n && i < sizeof agenda / sizeof *agenda; i++) {
		CHECK_STR(l.rows[i].time, agenda[i].time, "agenda row %zu", i);
		CHECK_STR(l.rows[i].title, agenda[i].title, "agenda row %zu", i);
		CHECK_STR(l.rows[i].room, agenda[i].room, "agenda row %zu", i);
		CHECK(l.rows[i].current == agenda[i].current, "agenda row %zu current", i);
	}
	slide_list_finish(&l);
	/* without a trusted clock: the programme day, nothing current */
	o.clock_unknown = true;
	CHECK(slide_list_agenda(a, &sc, &o, &l), "agenda without a clock");
	CHECK(l.n == 5, "the whole day: %zu rows", l.n);
	for (size_t i = 0; i < l.n; i++)
		CHECK(!l.rows[i].current, "row %zu not current", i);
	slide_list_finish(&l);
	sched_finish(&sc);
	agenda_destroy(a);
	tz_destroy(utc);
}

/*
 * The rows the deck counts for its pages are the rows the lists make: at instants before,
 * during and after the day, for every room, one room and two rooms, with and without a
 * trusted clock (roomless sessions, a plenary, a cancelled one and an all-day entry among them).
 */
static void test_list_counts(void)
{
	struct tz *utc = tz_fixed("UTC", 0);
	struct agenda *a = agenda_create();
	static const struct {
		const char *room;
		int day, h0, m0, h1, m1;
		bool everywhere, all_day, cancelled;
	} events[] = {
		{"Main hall", 10, 9, 0, 10, 0, false, false, false},
		{"Main hall", 10, 11, 0, 12, 0, false, false, true},
		{"Room 2", 10, 11, 0, 11, 30, false, false, false},
		{"Room 2", 11, 9, 0, 10, 0, false, false, false},
		{"", 10, 12, 0, 12, 30, false, false, false},
		{"Main hall", 10, 13, 0, 14, 0, true, false, false},
		{"Room 3", 10, 0, 0, 23, 59, false, true, false},
		{"Room 3", 10, 15, 0, 16, 0, false, false, false},
	};
	for (size_t i = 0; i < sizeof events / sizeof *events; i++) {
		struct event *ev = agenda_add_event(a);
		ev->title = agenda_strdup(a, "Session");
		ev->start = at(events[i].day, events[i].h0, events[i].m0);
		ev->end = at(events[i].day, events[i].h1, events[i].m1);
		ev->everywhere = events[i].everywhere;
		ev->all_day = events[i].all_day;
		ev->status = events[i].cancelled ? EVENT_CANCELLED : EVENT_SCHEDULED;
		agenda_set_room(a, ev, events[i].room);
	}
	const char *main_hall[] = {"Main hall"}, *two[] = {"Room 3", "Room 2"};
	const struct {
		const char *const *rooms;
		size_t n;
	} screens[] = {{NULL, 0}, {main_hall, 1}, {two, 2}};
	static const int instants[][3] = {{10, 8, 0}, {10, 11, 20}, {10, 13, 30}, {10, 18, 0},
					  {11, 9, 30}, {12, 9, 0}};
	size_t rows_seen = 0;
	for (size_t si = 0; si < sizeof screens / sizeof *screens; si++)
		for (size_t ti = 0; ti < sizeof instants / sizeof *instants; ti++)
			for (int unknown = 0; unknown < 2; unknown++) {
				time_t now = at(instants[ti][0], instants[ti][1], instants[ti][2]);
				struct sched sc;
				CHECK(sched_now_next(a, screens[si].rooms, screens[si].n, now, &sc),
				      "sched");
				struct slide_content_options o = {.zone = utc, .now = now,
								  .clock_unknown = unknown};
				struct slide_list rooms, agenda;
				CHECK(slide_list_rooms(a, &sc, &o, &rooms) &&
					      slide_list_agenda(a, &sc, &o, &agenda), "lists");
				size_t counted = slide_list_rooms_count(sc.n_rooms, &o);
				CHECK(counted == rooms.n,
				      "screen %zu at %d %02d:%02d%s: rooms %zu, counted %zu", si,
				      instants[ti][0], instants[ti][1], instants[ti][2],
				      unknown ? " (clock unknown)" : "", rooms.n, counted);
				CHECK(sc.n_rooms == sched_room_count(a, screens[si].n), "screen %zu", si);
				CHECK(slide_list_agenda_count(a, &sc, &o) == agenda.n,
				      "screen %zu at %d %02d:%02d%s: agenda %zu, counted %zu", si,
				      instants[ti][0], instants[ti][1], instants[ti][2],
				      unknown ? " (clock unknown)" : "", agenda.n,
				      slide_list_agenda_count(a, &sc, &o));
				rows_seen += rooms.n + agenda.n;
				slide_list_finish(&rooms);
				slide_list_finish(&agenda);
				sched_finish(&sc);
			}
	CHECK(rows_seen > 50, "%zu rows compared", rows_seen);
	agenda_destroy(a);
	tz_destroy(utc);
}

/* The announcement and image slides: inside the screen, the image letterboxed. */
static void test_single_kinds(void)
{
	const char *dirs[] = {TEST_SOURCE_DIR "/themes", NULL};
	struct tz *utc = tz_fixed("UTC", 0);
	struct agenda *a = venue(1);
	struct sched sc;
	sched_now_next(a, NULL, 0, at(10, 11, 20), &sc);
	struct slide_content_options o = {.zone = utc, .now = at(10, 11, 20)};
	static struct slide_content c;
	static const double aspects[] = {0, 16.0 / 9, 1, 0.5, 4};
	for (size_t th = 0; th < sizeof themes / sizeof *themes; th++) {
		struct theme theme;
		struct error_list problems = {0};
		CHECK(theme_load(themes[th], dirs, &theme, NULL, &problems), "theme");
		for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
			for (size_t ai = 0; ai < sizeof aspects / sizeof *aspects; ai++) {
				struct slide_screen s = {sizes[si].w, sizes[si].h, 0, 0, false};
				for (int kind = 0; kind < 2; kind++) {
					char title[400], text[2000], what[128];
					random_text(title, sizeof title, 20 + next_rand() % 120);
					random_text(text, sizeof text, 40 + next_rand() % 600);
					slide_content_build(a, &sc, &o, &c);
					c.slide = kind ? SHOW_IMAGE : SHOW_ANNOUNCEMENT;
					c.heading = "Announcement";
					c.announcement_title = title;
					c.announcement_text = text;
					c.image = ai ? "/srv/sponsor.png" : NULL;
					c.image_aspect = aspects[ai];
					c.page = 2;
					c.pages = 3;
					snprintf(what, sizeof what, "%s %dx%d %s aspect %.2f",
						 kind ? "image" : "announcement", s.width, s.height,
						 themes[th], aspects[ai]);
					struct slide_layout l;
					CHECK(slide_layout(&c, &theme, &s, &fake, &l), "%s", what);
					CHECK(l.page == 2 && l.pages == 3, "%s: page", what);
					check_page(&l, s.width, s.height, what);
					size_t images = 0;
					for (size_t i = 0; i < l.n_boxes; i++) {
						const struct slide_box *b = &l.boxes[i];
						if (b->kind != SLIDE_BOX_IMAGE || b->image != SLIDE_IMAGE_FILE)
							continue;
						images++;
						CHECK(!strcmp(b->source, "/srv/sponsor.png"), "%s: source",
						      what);
						double got = (double)b->w / b->h;
						CHECK(fabs(got - aspects[ai]) < 0.02 * aspects[ai] + 2.0 / b->h,
						      "%s: image %dx%d, aspect %.3f", what, b->w, b->h, got);
						/* the image and the text do not overlap */
						for (size_t k = 0; k < l.n_boxes; k++)
							if (l.boxes[k].kind == SLIDE_BOX_TEXT)
								CHECK(!intersects(b, &l.boxes[k]),
								      "%s: image over %s", what,
								      l.boxes[k].role);
					}
					CHECK(images == (ai ? 1u : 0u), "%s: %zu images", what, images);
					if (!kind)
						CHECK(count_role(&l, "announcement-title") >= 1,
						      "%s: the title is shown", what);
					slide_layout_finish(&l);
				}
			}
		}
	}
	sched_finish(&sc);
	agenda_destroy(a);
	tz_destroy(utc);
}

static struct agenda *load_feed(const char *path, const struct tz *zone)
{
	struct error err = {0};
	size_t len;
	char *bytes = file_read(path, FEED_MAX_BYTES, &len, &err);
	if (!bytes)
		return NULL;
	struct feed_options fo = {.zone = zone};
	struct agenda *a = feed_parse(bytes, len, FEED_AUTO, &fo, NULL, &err);
	free(bytes);
	return a;
}

/* FOSDEM 2020 at 11:20 on Saturday: every one of its 35 rooms on the pages, once, in order. */
static void test_fosdem(void)
{
	const char *path = TEST_SHARED_DIR "/feeds/pentabarf/fosdem-2020.xml";
	if (access(path, R_OK) != 0) {
		printf("skipped FOSDEM 2020: %s is not there\n", path);
		return;
	}
	struct error err = {0};
	struct tz *zone = tz_load("Europe/Brussels", &err);
	CHECK(zone != NULL, "Europe/Brussels: %s", err.message);
	if (!zone)
		return;
	struct agenda *a = load_feed(path, zone);
	CHECK(a != NULL, "FOSDEM 2020 parses");
	if (!a) {
		tz_destroy(zone);
		return;
	}
	struct civil local = {2020, 2, 1, 10, 20, 0};	/* 11:20 in Brussels (UTC+1) */
	time_t now = (time_t)civil_to_seconds(&local);
	struct sched sc;
	sched_now_next(a, NULL, 0, now, &sc);
	CHECK(sc.n_rooms == 35, "35 rooms, got %zu", sc.n_rooms);
	struct slide_content_options o = {.zone = zone, .now = now};
	struct slide_list list;
	CHECK(slide_list_rooms(a, &sc, &o, &list), "rooms");
	/* the expected order: feed order, the rooms with nothing more today after the rest */
	const char *want[64];
	size_t n_want = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sc.n_rooms; i++) {
			const struct sched_room *r = &sc.rooms[i];
			bool done = r->n_now == 0 &&
				    (r->n_next == 0 || r->next[0]->start - now > 14 * 3600);
			if (done == (pass == 1) && n_want < 64)
				want[n_want++] = r->room;
		}
	const char *dirs[] = {TEST_SOURCE_DIR "/themes", NULL};
	struct theme theme;
	struct error_list problems = {0};
	CHECK(theme_load("default", dirs, &theme, NULL, &problems), "theme");
	static struct slide_content c;
	slide_content_build(a, &sc, &o, &c);
	c.slide = SHOW_ROOMS;
	c.list = &list;
	struct slide_screen s = {1920, 1080, 0, 0, false};
	int pages = slide_pages(&c, &theme, &s, &fake);
	CHECK(pages >= 2, "35 rooms need pages at 1920x1080: %d", pages);
	size_t seen = 0;
	for (int p = 1; p <= pages; p++) {
		c.page = p;
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &s, &fake, &l), "page %d", p);
		check_page(&l, 1920, 1080, "FOSDEM 2020");
		for (size_t r = 0; r < count_role(&l, "rooms-room"); r++) {
			const struct slide_box *b = nth_role(&l, "rooms-room", r);
			CHECK(seen < n_want && text_of(b, want[seen]), "room %zu is \"%s\", want \"%s\"",
			      seen, b->text, seen < n_want ? want[seen] : "(none)");
			seen++;
		}
		slide_layout_finish(&l);
	}
	CHECK(seen == 35, "%zu rooms on the pages", seen);
	slide_list_finish(&list);
	sched_finish(&sc);
	agenda_destroy(a);
	tz_destroy(zone);
}

/* The reference conference: its seven afternoon sessions on one page at 1920x1080. */
static void test_reference_agenda(void)
{
	struct error err = {0};
	struct tz *zone = tz_load("Europe/London", &err);
	struct agenda *a = zone ? load_feed(TEST_SOURCE_DIR "/config/demo-agenda.txt", zone) : NULL;
	CHECK(a != NULL, "the demo agenda");
	if (!a) {
		tz_destroy(zone);
		return;
	}
	time_t now = at(10, 14, 10);
	struct sched sc;
	sched_now_next(a, NULL, 0, now, &sc);
	struct slide_content_options o = {.zone = zone, .now = now};
	struct slide_list list;
	CHECK(slide_list_agenda(a, &sc, &o, &list), "agenda");
	CHECK(list.n == 7, "seven sessions, got %zu", list.n);
	const char *dirs[] = {TEST_SOURCE_DIR "/themes", NULL};
	for (size_t th = 0; th < sizeof themes / sizeof *themes; th++) {
		struct theme theme;
		struct error_list problems = {0};
		CHECK(theme_load(themes[th], dirs, &theme, NULL, &problems), "theme");
		static struct slide_content c;
		slide_content_build(a, &sc, &o, &c);
		c.slide = SHOW_AGENDA;
		c.list = &list;
		struct slide_screen s = {1920, 1080, 0, 0, false};
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &s, &fake, &l), "layout");
		CHECK(l.pages == 1 && l.n_rows == 7, "%s: %d pages, %zu rows", themes[th], l.pages,
		      l.n_rows);
		CHECK(count_role(&l, "agenda-time") == 7, "seven times shown");
		/* the long panel title is whole, on two lines */
		size_t title_boxes = count_role(&l, "agenda-title");
		bool cut = false;
		for (size_t i = 0; i < title_boxes; i++)
			cut |= nth_role(&l, "agenda-title", i)->ellipsis;
		CHECK(!cut, "%s: no title cut on the reference afternoon", themes[th]);
		slide_layout_finish(&l);
	}
	slide_list_finish(&list);
	sched_finish(&sc);
	agenda_destroy(a);
	tz_destroy(zone);
}

int main(void)
{
	test_rooms_rows();
	test_list_counts();
	test_list_kinds();
	test_single_kinds();
	test_fosdem();
	test_reference_agenda();
	return check_done();
}
