/*
 * test_render.c — the renderer offscreen (software renderer on a surface, no display):
 * it presents only when something visible changed, repaints a small change in place (and
 * the result is the same picture as drawing the new slide from scratch), redraws everything
 * for a big change, and rotates: the slide of a 640x360 screen at 90 degrees is 360x640.
 * A window (SDL's offscreen video driver: a window surface without a display) is drawn into
 * directly; with transition = fade a crossfade there ends on exactly the picture of the new
 * slide, and by default (auto: the software renderer does not fade) a change is a cut that
 * repaints only the changed rectangles and lands on the same picture. Offscreen never fades.
 * Cuts between slides of other shapes land on the pictures drawn from scratch too.
 * The text cache keeps a deck's text for the slides' next turns, but not the clock, and not
 * past its cap.
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "file.h"
#include "render.h"
#include "slide.h"

static struct slide_content content;

static void fill(const char *clock, const char *title)
{
	memset(&content, 0, sizeof content);
	content.room = "Main hall";
	content.date = "Monday 10 December";
	content.clock = clock;
	content.progress = 0.25;
	content.n_now = 1;
	content.now[0] = (struct slide_session){.title = title, .speakers = "Andrew Haldenby",
						.times = "14:45 – 15:00", .when = "Now",
						.left = "10 min left", .track = ""};
	content.n_next = 1;
	content.next[0] = (struct slide_session){.title = "Panel one", .speakers = "",
						 .times = "15:00 – 16:00", .when = "in 10 min",
						 .left = "", .track = ""};
}

static bool lay(struct render *r, const struct theme *t, struct slide_layout *out)
{
	struct slide_screen screen;
	render_screen(r, 0, &screen);
	return slide_layout(&content, t, &screen, render_metrics(r), out);
}

static char *png_bytes(struct render *r, const char *path, size_t *len)
{
	struct error err = {0};
	CHECK(render_save_png(r, path, &err), "save %s: %s", path, err.message);
	return file_read(path, 64 << 20, len, &err);
}

/* The pixels of what r shows, as 0xRRGGBB (alpha dropped: a window surface may have none). */
static Uint32 *frame_pixels(struct render *r, int *n)
{
	struct error err = {0};
	SDL_Surface *f = render_read_frame(r, &err);
	CHECK(f != NULL, "read the frame: %s", err.message);
	if (!f)
		return NULL;
	*n = f->w * f->h;
	Uint32 *px = malloc(sizeof *px * (size_t)*n);
	for (int y = 0; px && y < f->h; y++)
		for (int x = 0; x < f->w; x++)
			px[y * f->w + x] = ((Uint32 *)((char *)f->pixels + y * f->pitch))[x] & 0xFFFFFF;
	SDL_FreeSurface(f);
	return px;
}

/* A window on SDL's offscreen video driver (a surface without a display), or NULL. */
static struct render *open_window(enum render_fade fade)
{
	setenv("SDL_VIDEODRIVER", "offscreen", 1);
	struct error err = {0};
	struct render_options w = {.width = 640, .height = 360, .windowed = true, .fade = fade};
	struct render *r = render_create(&w, &err);
	unsetenv("SDL_VIDEODRIVER");
	if (!r)
		printf("no window on SDL's offscreen video driver (%s): not tested\n", err.message);
	return r;
}

/*
 * How many pixels of what r shows differ from b drawn again from scratch by r (a new theme
 * forgets what is on screen), with its own way of drawing text; -1: unread.
 */
static int differ_from_fresh(struct render *r, const struct theme *theme)
{
	int n_shown = 0, n_fresh = 0;
	Uint32 *shown = frame_pixels(r, &n_shown);
	Uint32 *drawn = NULL;
	struct slide_layout c;
	render_set_theme(r, theme);
	CHECK(lay(r, theme, &c), "layout c");
	CHECK(render_show(r, &c, RENDER_FADE_ANY) == RENDER_FULL, "b drawn from scratch");
	drawn = frame_pixels(r, &n_fresh);
	slide_layout_finish(&c);
	int differ = shown && drawn && n_shown == n_fresh ? 0 : -1;
	for (int i = 0; differ >= 0 && i < n_shown; i++)
		differ += shown[i] != drawn[i];
	free(shown);
	free(drawn);
	return differ;
}

/*
 * A window: slides drawn straight into its surface. With transition = fade a new session
 * crossfades and lands exactly on the picture drawn from scratch, and a small change after a
 * new agenda is faded in whole (RENDER_FULL); auto on the software renderer, and cut, land on
 * it without a blend: the small change repaints only its rectangles (RENDER_PARTIAL). Cutting,
 * the text is kept as coverage, a quarter of the ARGB textures a crossfade draws with.
 */
static void test_window(const struct theme *theme)
{
	static const struct {
		enum render_fade fade;
		bool fades;
		enum render_result small;	/* a small change after a new agenda */
		const char *name;
	} rows[] = {
		{RENDER_FADE_ALWAYS, true, RENDER_FULL, "fade"},
		{RENDER_FADE_AUTO, false, RENDER_PARTIAL, "auto on software"},
		{RENDER_FADE_NEVER, false, RENDER_PARTIAL, "cut"},
	};
	size_t bytes[sizeof rows / sizeof *rows] = {0};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct render *r = open_window(rows[i].fade);
		if (!r)
			return;
		CHECK(render_fades(r) == rows[i].fades, "%s: render_fades() is %d", rows[i].name,
		      render_fades(r));
		render_set_theme(r, theme);
		struct slide_layout a, b;
		fill("14:50", "Welcome and introduction");
		CHECK(lay(r, theme, &a), "window: layout a");
		CHECK(render_show(r, &a, RENDER_FADE_BIG) == RENDER_FULL, "window: the first frame");
		struct render_text_stats st;
		render_text_stats(r, &st);
		bytes[i] = st.bytes;
		fill("14:51", "A completely different session with another title");
		CHECK(lay(r, theme, &b), "window: layout b");
		CHECK(render_show(r, &b, RENDER_FADE_BIG) == RENDER_FULL,
		      "%s: a new session redraws the slide", rows[i].name);
		int differ = differ_from_fresh(r, theme);
		CHECK(differ == 0, "%s: the window ends on b exactly: %d pixels differ",
		      rows[i].name, differ);
		struct slide_layout b2;
		fill("14:52", "A completely different session with another title");
		CHECK(lay(r, theme, &b2), "window: layout b2");
		enum render_result got = render_show(r, &b2, RENDER_FADE_ANY);
		CHECK(got == rows[i].small, "%s: a new agenda's small change gave %d, not %d",
		      rows[i].name, got, rows[i].small);
		differ = differ_from_fresh(r, theme);
		CHECK(differ == 0, "%s: the window ends on b2 exactly: %d pixels differ",
		      rows[i].name, differ);
		slide_layout_finish(&a);
		slide_layout_finish(&b);
		slide_layout_finish(&b2);
		render_destroy(r);
	}
	/* drawn straight into the window, a line is kept at a byte a pixel; faded in, as ARGB */
	CHECK(bytes[2] > 0 && bytes[1] == bytes[2] && bytes[0] == 4 * bytes[2],
	      "the first frame keeps %zu bytes of text fading, %zu auto, %zu cutting", bytes[0],
	      bytes[1], bytes[2]);
}

/*
 * One slide of a deck: `lines` lines of its own ("slide K line I", or `big` wide lines of
 * K's), a line that stays while its slide changes minute by minute, and the clock.
 */
static void deck_slide(struct slide_layout *l, struct slide_box *boxes, char (*texts)[96],
		       int k, int lines, bool big, const char *clock, const char *name)
{
	for (int i = 0; i < lines; i++) {
		if (big)
			snprintf(texts[i], 96, "%d %d WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", k,
				 i);
		else
			snprintf(texts[i], 96, "slide %d line %d", k, i);
		boxes[i] = (struct slide_box){.kind = SLIDE_BOX_TEXT, .role = "test",
					      .x = (i % 2) * 320, .y = (i / 2) * 12, .w = 320,
					      .h = 12, .text = texts[i],
					      .font = {.family = "DejaVu Sans", .px = big ? 40 : 10}};
	}
	boxes[lines] = (struct slide_box){.kind = SLIDE_BOX_TEXT, .role = "clock", .x = 560,
					  .y = 340, .w = 80, .h = 20, .text = clock,
					  .font = {.family = "DejaVu Sans", .px = 14}};
	*l = (struct slide_layout){.width = 640, .height = 360, .slide = name, .page = k + 1,
				   .boxes = boxes, .n_boxes = (size_t)lines + 1};
}

static void test_text_cache(const struct theme *theme)
{
	struct error err = {0};
	struct render_options o = {.width = 640, .height = 360, .offscreen = true};
	struct render *r = render_create(&o, &err);
	CHECK(r != NULL, "renderer: %s", err.message);
	if (!r)
		return;
	render_set_theme(r, theme);
	enum { SLIDES = 6, LINES = 40 };
	static char texts[LINES][96];
	static struct slide_box boxes[LINES + 1];
	struct slide_layout l;
	struct render_text_stats st, before;
	char clock[16];
	/* two turns of a deck of six slides, each of 40 lines and the clock of its minute */
	for (int turn = 0; turn < 2; turn++) {
		render_text_stats(r, &before);
		for (int k = 0; k < SLIDES; k++) {
			snprintf(clock, sizeof clock, "14:%02d", turn * SLIDES + k);
			deck_slide(&l, boxes, texts, k, LINES, false, clock, "rooms");
			CHECK(render_show(r, &l, RENDER_CUT) == RENDER_FULL, "turn %d, slide %d",
			      turn, k);
		}
		render_text_stats(r, &st);
		unsigned long want = turn == 0 ? SLIDES * (LINES + 1) : SLIDES;
		CHECK(st.rasterised - before.rasterised == want,
		      "turn %d of the deck rasterised %lu lines, not %lu (only the clocks are new)",
		      turn, st.rasterised - before.rasterised, want);
	}
	/* every slide's lines are kept; of the clocks only the one on screen */
	CHECK(st.cached == SLIDES * LINES + 1, "the cache holds %zu lines, not %d", st.cached,
	      SLIDES * LINES + 1);
	/* a slide whose lines changed: its old lines go at its turn, the other slides' stay */
	snprintf(texts[0], 96, "unused");
	deck_slide(&l, boxes, texts, 0, LINES / 2, false, "14:20", "rooms");
	CHECK(render_show(r, &l, RENDER_CUT) == RENDER_FULL, "slide 0, shorter");
	render_text_stats(r, &st);
	CHECK(st.cached == SLIDES * LINES - LINES / 2 + 1,
	      "slide 0 showing 20 of its 40 lines: %zu cached, not %d", st.cached,
	      SLIDES * LINES - LINES / 2 + 1);
	/* the cap: wide lines of many slides, more than the cap together, stay within it */
	for (int k = 0; k < 40; k++) {
		deck_slide(&l, boxes, texts, k, 30, true, "14:21", "agenda");
		CHECK(render_show(r, &l, RENDER_CUT) == RENDER_FULL, "wide slide %d", k);
	}
	render_text_stats(r, &st);
	CHECK(st.rasterised > 40 * 30 && st.bytes <= RENDER_TEXT_CACHE_BYTES &&
	      st.bytes > RENDER_TEXT_CACHE_BYTES / 2,
	      "40 slides of wide lines keep %zu bytes, within the cap of %u", st.bytes,
	      RENDER_TEXT_CACHE_BYTES);
	render_destroy(r);
}

/*
 * A slide of rows: the background, a bar, `rows` stripes (white, or none) `pitch` apart from
 * `top`, a line of text in each row and one across two rows; an image box stands for nothing.
 */
static size_t rows_slide(struct slide_box *boxes, char (*texts)[48], int rows, int top,
			 int pitch, bool stripes, int k)
{
	size_t n = 0;
	struct slide_font font = {.family = "DejaVu Sans", .px = 14};
	boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_RECT, .role = "background", .w = 640,
					.h = 360, .colour = {245, 243, 238}};
	boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_RECT, .role = "header", .w = 640,
					.h = 40, .colour = {20, 42, 74}};
	snprintf(texts[0], 48, "Heading %d", k);
	boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_TEXT, .role = "heading", .x = 10,
					.y = 8, .w = 300, .h = 24, .text = texts[0],
					.font = {.family = "DejaVu Sans", .bold = true, .px = 20},
					.colour = {255, 255, 255}};
	for (int i = 0; i < rows; i++) {
		int y = top + i * pitch;
		if (stripes)
			boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_RECT, .role = "row",
							.x = 8, .y = y, .w = 624, .h = pitch - 3,
							.colour = {255, 255, 255}};
		snprintf(texts[i + 1], 48, "slide %d row %d", k, i);
		boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_TEXT, .role = "row", .x = 12 + 9 * k,
						.y = y + 2, .w = 400, .h = pitch - 4,
						.text = texts[i + 1], .font = font,
						.colour = {17, 20, 24}};
	}
	snprintf(texts[rows + 1], 48, "across two rows %d", k);
	boxes[n++] = (struct slide_box){.kind = SLIDE_BOX_TEXT, .role = "note", .x = 420,
					.y = top + pitch / 2, .w = 200, .h = pitch * 2,
					.text = texts[rows + 1],
					.font = {.family = "DejaVu Sans", .px = 28},
					.colour = {138, 16, 16}};
	return n;
}

/*
 * Cuts between slides of other shapes (stripes half a row apart, stripes and none, more rows
 * and fewer): what is left of the slide before is wiped, what the next one's rectangles
 * paint is not, and every cut lands on exactly the picture drawn from scratch.
 */
static void test_cuts(const struct theme *theme)
{
	static const struct {
		int rows, top, pitch;
		bool stripes;
	} slides[] = {
		{8, 50, 36, true}, {8, 68, 36, true}, {12, 50, 24, false}, {5, 60, 50, true},
		{8, 50, 36, true}, {3, 200, 40, false}, {8, 50, 36, true},
	};
	struct render *r = open_window(RENDER_FADE_NEVER);
	if (!r)
		return;
	render_set_theme(r, theme);
	static struct slide_box boxes[64];
	static char texts[32][48];
	for (size_t k = 0; k < sizeof slides / sizeof *slides; k++) {
		size_t n = rows_slide(boxes, texts, slides[k].rows, slides[k].top, slides[k].pitch,
				      slides[k].stripes, (int)k);
		struct slide_layout l = {.width = 640, .height = 360, .slide = "rows",
					 .page = (int)k + 1, .boxes = boxes, .n_boxes = n};
		CHECK(render_show(r, &l, RENDER_CUT) == RENDER_FULL, "slide %zu", k);
		int n_cut = 0, n_fresh = 0;
		Uint32 *cut = frame_pixels(r, &n_cut);
		render_set_theme(r, theme);	/* forgets what is on screen */
		CHECK(render_show(r, &l, RENDER_CUT) == RENDER_FULL, "slide %zu from scratch", k);
		Uint32 *fresh = frame_pixels(r, &n_fresh);
		int differ = cut && fresh && n_cut == n_fresh ? 0 : -1;
		for (int i = 0; differ >= 0 && i < n_cut; i++)
			differ += cut[i] != fresh[i];
		CHECK(differ == 0, "the cut to slide %zu: %d pixels differ from scratch", k, differ);
		free(cut);
		free(fresh);
		/* and once more, for the next cut to start from a cut */
		if (k + 1 < sizeof slides / sizeof *slides) {
			size_t m = rows_slide(boxes, texts, slides[k].rows, slides[k].top,
					      slides[k].pitch, !slides[k].stripes, (int)k);
			l.n_boxes = m;
			CHECK(render_show(r, &l, RENDER_CUT) != RENDER_FAILED, "slide %zu turned", k);
		}
	}
	render_destroy(r);
}

int main(void)
{
	struct error err = {0};
	struct render_options o = {.width = 640, .height = 360, .offscreen = true};
	struct render *r = render_create(&o, &err);
	if (!r) {
		printf("skipped: no offscreen renderer: %s\n", err.message);
		return 77;
	}
	struct theme theme;
	theme_default(&theme);
	render_set_theme(r, &theme);
	struct slide_layout a, a2, b;

	fill("14:50", "Welcome and introduction");
	CHECK(lay(r, &theme, &a), "layout a");
	CHECK(render_show(r, &a, RENDER_FADE_BIG) == RENDER_FULL, "the first frame is drawn whole");
	CHECK(render_show(r, &a, RENDER_FADE_BIG) == RENDER_UNCHANGED, "the same slide is not presented");

	fill("14:51", "Welcome and introduction");
	CHECK(lay(r, &theme, &a2), "layout a2");
	CHECK(render_show(r, &a2, RENDER_FADE_BIG) == RENDER_PARTIAL, "a new minute repaints in place");
	CHECK(render_show(r, &a2, RENDER_FADE_BIG) == RENDER_UNCHANGED, "then nothing");

	/* the repaint in place gives the same picture as a fresh render of the same slide */
	char in_place[64], fresh[64];
	snprintf(in_place, sizeof in_place, "/tmp/foyer-test-render-%d-a.png", (int)getpid());
	snprintf(fresh, sizeof fresh, "/tmp/foyer-test-render-%d-b.png", (int)getpid());
	size_t la = 0, lb = 0;
	char *pa = png_bytes(r, in_place, &la);
	struct render *r2 = render_create(&o, &err);
	CHECK(r2 != NULL, "second renderer: %s", err.message);
	if (r2) {
		render_set_theme(r2, &theme);
		struct slide_layout c;
		CHECK(lay(r2, &theme, &c), "layout c");
		CHECK(render_show(r2, &c, RENDER_CUT) == RENDER_FULL, "fresh");
		char *pb = png_bytes(r2, fresh, &lb);
		CHECK(pa && pb && la == lb && !memcmp(pa, pb, la),
		      "a repaint in place equals drawing from scratch");
		free(pb);
		slide_layout_finish(&c);
		render_destroy(r2);
	}
	free(pa);
	unlink(in_place);
	unlink(fresh);

	fill("14:52", "Welcome and introduction");
	struct slide_layout a3;
	CHECK(lay(r, &theme, &a3), "layout a3");
	CHECK(!render_fades(r), "offscreen never fades");
	CHECK(render_show(r, &a3, RENDER_FADE_ANY) == RENDER_PARTIAL,
	      "offscreen, a small change after a new agenda is repainted in place");
	slide_layout_finish(&a3);

	fill("14:51", "A completely different session with another title");
	CHECK(lay(r, &theme, &b), "layout b");
	CHECK(render_show(r, &b, RENDER_FADE_BIG) == RENDER_FULL, "a new session redraws the slide");

	struct slide_layout wrong = a;
	wrong.width = 100;
	CHECK(render_show(r, &wrong, RENDER_FADE_BIG) == RENDER_FAILED, "a layout for another size");
	slide_layout_finish(&a);
	slide_layout_finish(&a2);
	slide_layout_finish(&b);
	render_destroy(r);

	o.rotate = 90;
	r = render_create(&o, &err);
	CHECK(r != NULL, "rotated renderer");
	if (r) {
		struct slide_screen screen;
		render_screen(r, 12, &screen);
		CHECK(screen.width == 360 && screen.height == 640 && screen.overscan == 12,
		      "the slide of a 640x360 screen turned 90 degrees is 360x640, got %dx%d",
		      screen.width, screen.height);
		render_destroy(r);
	}
	test_window(&theme);
	test_cuts(&theme);
	test_text_cache(&theme);
	return check_done();
}
