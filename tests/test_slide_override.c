/*
 * test_slide_override.c — what the override file puts on a slide: slide_content_add_overrides()
 * at fixed instants (emergency, announcements for this screen's rooms, room flags, screen
 * hours, session notes), and the layouts it leads to (the emergency takeover over everything,
 * the black "off" slide, the banner, the "Room full" pill), measured with a fake font.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "override.h"
#include "slide.h"
#include "theme.h"

static int fake_width(void *ctx, const struct slide_font *f, const char *s, size_t len)
{
	(void)ctx;
	return (int)ceil((double)len * f->px * (f->bold ? 0.6 : 0.55));
}

static int fake_line_height(void *ctx, const struct slide_font *f)
{
	(void)ctx;
	return (int)ceil(f->px * 1.2);
}

static const struct slide_metrics fake = {fake_width, fake_line_height, NULL};

static struct tz *utc;

static time_t at(int hour, int minute)
{
	struct civil c = {2018, 12, 10, hour, minute, 0};
	return (time_t)civil_to_seconds(&c);
}

static struct agenda *two_rooms(void)
{
	static const struct { const char *room, *title; int h0, m0, h1, m1; } rows[] = {
		{"Main hall", "Keynote", 9, 30, 10, 30},
		{"Main hall", "Panel", 10, 30, 11, 30},
		{"Room 2", "Workshop", 9, 30, 11, 0},
	};
	struct agenda *a = agenda_create();
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct event *ev = agenda_add_event(a);
		ev->title = agenda_strdup(a, rows[i].title);
		agenda_set_room(a, ev, rows[i].room);
		ev->start = at(rows[i].h0, rows[i].m0);
		ev->end = at(rows[i].h1, rows[i].m1);
	}
	return a;
}

static const char *OVERRIDE =
	"[emergency]\ntitle = Evacuate the building\ntext = Use the nearest exit\n"
	"from = 2018-12-10 12:00\nuntil = 2018-12-10 12:30\n"
	"[announcement \"lunch\"]\ntext = Lunch in the atrium\nrooms = Main hall\n"
	"[announcement \"wifi\"]\ntext = Wifi: foyer-guest\n"
	"[announcement \"room 2 only\"]\ntext = Workshop kits at the door\nrooms = Room 2\n"
	"[room \"Main hall\"]\nfull = yes\nnote = Overflow in Room 3\n"
	"[room \"Room 2\"]\nclosed = yes\n"
	"[session \"Keynote\"]\ndelay = 15m\n"
	"[screen]\nhours = 08:00-20:00\n";

/* Builds the content a screen serving `room` ("" = both rooms) shows at t. */
static void content_at(const struct agenda *shown, const struct override_set *set,
		       const char *room, time_t t, struct slide_content *out)
{
	const char *rooms[] = {room};
	size_t n = room[0] ? 1 : 0;
	struct sched s;
	sched_now_next(shown, rooms, n, t, &s);
	struct slide_content_options o = {.zone = utc, .now = t};
	slide_content_build(shown, &s, &o, out);
	slide_content_add_overrides(out, set, utc, t, rooms, n);
	sched_finish(&s);
}

static size_t count_role(const struct slide_layout *l, const char *role)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n_boxes; i++)
		n += !strcmp(l->boxes[i].role, role);
	return n;
}

static bool on_screen(const struct slide_layout *l)
{
	for (size_t i = 0; i < l->n_boxes; i++) {
		const struct slide_box *b = &l->boxes[i];
		if (b->x < 0 || b->y < 0 || b->x + b->w > l->width || b->y + b->h > l->height)
			return false;
	}
	return true;
}

int main(void)
{
	utc = tz_fixed("UTC", 0);
	struct theme theme;
	theme_default(&theme);
	struct error_list errors = {0};
	struct override_set *set = override_parse(OVERRIDE, strlen(OVERRIDE), utc, at(8, 0), &errors);
	CHECK(set != NULL, "the override parses: %s", errors.n ? errors.items[0].message : "");
	struct agenda *feed = two_rooms();
	struct agenda *shown = override_apply(set, feed, utc, NULL, &errors);
	CHECK(errors.n == 0, "every section matches");
	static struct slide_content c;
	struct slide_screen screen = {1920, 1080, 0, 0, false};
	struct slide_layout l;

	/* A one-room screen in the morning: flag, banner of its announcements, the note. */
	content_at(shown, set, "Main hall", at(9, 35), &c);
	CHECK(!c.emergency_title && !c.blank, "no emergency, inside hours");
	CHECK_STR(c.room_flag, "Room full · Overflow in Room 3", "the room's flag and note");
	CHECK_STR(c.banner, "Lunch in the atrium  ·  Wifi: foyer-guest", "this room's announcements");
	CHECK(c.n_next == 1 && !strcmp(c.next[0].title, "Keynote"), "the delayed keynote is next");
	CHECK_STR(c.n_next ? c.next[0].note : NULL, "Delayed by 15 min", "with its note");
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
	CHECK_STR(l.slide, "now-next", "the usual slide");
	CHECK(count_role(&l, "banner") == 1 && count_role(&l, "banner-text") >= 1, "a banner");
	CHECK(count_role(&l, "room-flag") >= 2, "a room-flag pill (rect and text)");
	CHECK(count_role(&l, "next-note") >= 2, "a note pill on next");
	CHECK(on_screen(&l), "all on screen");
	int banner_top = 0;
	for (size_t i = 0; i < l.n_boxes; i++)
		if (!strcmp(l.boxes[i].role, "banner"))
			banner_top = l.boxes[i].y;
	for (size_t i = 0; i < l.n_boxes; i++)
		if (strncmp(l.boxes[i].role, "banner", 6) && strcmp(l.boxes[i].role, "background"))
			CHECK(l.boxes[i].y + l.boxes[i].h <= banner_top, "%s stays above the banner",
			      l.boxes[i].role);
	slide_layout_finish(&l);

	/* Room 2's screen: its own announcement, "Closed". */
	content_at(shown, set, "Room 2", at(9, 35), &c);
	CHECK_STR(c.room_flag, "Closed", "closed");
	CHECK_STR(c.banner, "Wifi: foyer-guest  ·  Workshop kits at the door", "Room 2's announcements");

	/* A screen of both rooms: the flags after the rooms' names. */
	content_at(shown, set, "", at(9, 35), &c);
	CHECK(c.n_rooms == 2 && !strcmp(c.rooms[0].room, "Main hall · Room full · Overflow in Room 3")
	      && !strcmp(c.rooms[1].room, "Room 2 · Closed"), "flags on a several-room screen");

	/* The emergency: over everything, white on dark red, whatever the theme. */
	content_at(shown, set, "Main hall", at(12, 10), &c);
	CHECK_STR(c.emergency_title, "Evacuate the building", "the emergency");
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
	CHECK_STR(l.slide, "emergency", "the takeover slide");
	CHECK(l.n_boxes >= 3 && !strcmp(l.boxes[0].role, "emergency") && l.boxes[0].w == 1920 &&
	      l.boxes[0].h == 1080, "a full-screen background");
	CHECK(count_role(&l, "emergency-title") >= 1 && count_role(&l, "emergency-text") >= 1,
	      "title and text");
	CHECK(count_role(&l, "now-title") == 0 && count_role(&l, "banner") == 0, "nothing else");
	for (size_t i = 1; i < l.n_boxes; i++)
		CHECK(theme_contrast(l.boxes[i].colour, l.boxes[0].colour) >= 7.0, "contrast 7:1");
	CHECK(on_screen(&l), "all on screen");
	slide_layout_finish(&l);

	/* It expires by itself; outside the screen hours the screen is black... */
	content_at(shown, set, "Main hall", at(12, 30), &c);
	CHECK(!c.emergency_title, "the emergency expired");
	content_at(shown, set, "Main hall", at(21, 0), &c);
	CHECK(c.blank, "outside hours");
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l), "layout");
	CHECK(!strcmp(l.slide, "off") && l.n_boxes == 1 && l.boxes[0].colour.r == 0 &&
	      l.boxes[0].colour.g == 0 && l.boxes[0].colour.b == 0, "one black rectangle");
	slide_layout_finish(&l);

	/* ...unless there is an emergency: it shows at night too. */
	struct override_set *night = override_parse("[emergency]\ntitle = Fire\n[screen]\nhours = 08:00-20:00\n",
						    strlen("[emergency]\ntitle = Fire\n[screen]\nhours = 08:00-20:00\n"),
						    utc, at(8, 0), &errors);
	content_at(shown, night, "Main hall", at(23, 0), &c);
	CHECK(slide_layout(&c, &theme, &screen, &fake, &l) && !strcmp(l.slide, "emergency"),
	      "an emergency is shown outside the hours");
	slide_layout_finish(&l);

	/* No override file: nothing added. */
	content_at(feed, NULL, "Main hall", at(9, 35), &c);
	CHECK(!c.banner && !c.room_flag && !c.emergency_title && !c.blank, "no overrides");

	override_destroy(night);
	override_destroy(set);
	agenda_destroy(shown);
	agenda_destroy(feed);
	error_list_finish(&errors);
	tz_destroy(utc);
	return check_done();
}
