/*
 * test_render_image.c — the deck's image files drawn for real (software renderer offscreen,
 * pixels read back): a PNG, a JPEG and an SVG written here are letterboxed on the theme's
 * background at their own aspect; a missing file leaves the background and no crash; the
 * cache keeps only the deck's files and stays within its cap; a FIFO in a picture's place is
 * refused without waiting.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "render.h"
#include "render_image.h"
#include "slide.h"

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
	Uint32 p;
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB888, 0);
	memcpy(&p, (Uint8 *)rgb->pixels + y * rgb->pitch + x * 4, 4);
	SDL_FreeSurface(rgb);
	return p & 0xFFFFFF;
}

static bool near(Uint32 a, Uint32 b)
{
	for (int shift = 0; shift < 24; shift += 8) {
		int d = (int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF);
		if (d < -24 || d > 24)
			return false;
	}
	return true;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A w x h picture of one colour, saved as PNG or JPEG. */
static bool write_picture(const char *path, int w, int h, Uint32 rgb, bool jpeg)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
	if (!s)
		return false;
	SDL_FillRect(s, NULL, rgb);
	int rc = jpeg ? IMG_SaveJPG(s, path, 95) : IMG_SavePNG(s, path);
	SDL_FreeSurface(s);
	return rc == 0;
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
	Uint32 bg = (Uint32)theme.colours[THEME_BACKGROUND].r << 16 |
		    (Uint32)theme.colours[THEME_BACKGROUND].g << 8 | theme.colours[THEME_BACKGROUND].b;

	char dir[] = "/tmp/foyer-test-image-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "temporary directory");
	char png[128], jpg[128], svg[128], missing[128];
	snprintf(png, sizeof png, "%s/wide.png", dir);
	snprintf(jpg, sizeof jpg, "%s/tall.jpg", dir);
	snprintf(svg, sizeof svg, "%s/logo.svg", dir);
	snprintf(missing, sizeof missing, "%s/gone.png", dir);
	CHECK(write_picture(png, 400, 100, 0xC00000, false), "PNG written");
	CHECK(write_picture(jpg, 100, 300, 0x00A000, true), "JPEG written");
	write_file(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">"
			"<rect width=\"20\" height=\"10\" fill=\"#0000c0\"/></svg>\n");

	const struct {
		const char *path;
		double aspect;
		Uint32 colour;	/* at the centre */
	} rows[] = {
		{png, 4.0, 0xC00000},
		{jpg, 1.0 / 3, 0x00A000},
		{svg, 2.0, 0x0000C0},
		{missing, 0, 0},
	};
	static struct slide_content c;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double aspect = render_image_aspect(r, rows[i].path);
		CHECK(aspect > rows[i].aspect * 0.97 - 0.01 && aspect < rows[i].aspect * 1.03 + 0.01,
		      "%s: aspect %.3f, want %.3f", rows[i].path, aspect, rows[i].aspect);
		memset(&c, 0, sizeof c);
		c.clock = c.date = c.room = "";
		c.slide = SHOW_IMAGE;
		c.image = rows[i].path;
		c.image_aspect = aspect;
		c.pages = 4;
		c.page = (int)i + 1;
		struct slide_screen screen;
		render_screen(r, 0, &screen);
		struct slide_layout l;
		CHECK(slide_layout(&c, &theme, &screen, render_metrics(r), &l), "layout %zu", i);
		CHECK(render_show(r, &l, RENDER_CUT) != RENDER_FAILED, "drawn %zu", i);
		SDL_Surface *frame = render_read_frame(r, &err);
		CHECK(frame != NULL, "frame: %s", err.message);
		if (frame) {
			Uint32 centre = pixel(frame, 320, 180), corner = pixel(frame, 2, 2);
			if (rows[i].aspect > 0)
				CHECK(near(centre, rows[i].colour), "%s: centre %06x, want %06x",
				      rows[i].path, centre, rows[i].colour);
			else
				CHECK(near(centre, bg), "%s: the background, got %06x", rows[i].path,
				      centre);
			CHECK(near(corner, bg), "%s: letterboxed on the background, corner %06x",
			      rows[i].path, corner);
			/* the wide picture leaves the top band; the tall one the side band */
			if (rows[i].aspect == 4.0)
				CHECK(near(pixel(frame, 320, 20), bg), "above the wide picture");
			if (rows[i].aspect < 1 && rows[i].aspect > 0)
				CHECK(near(pixel(frame, 100, 180), bg), "beside the tall picture");
			SDL_FreeSurface(frame);
		}
		slide_layout_finish(&l);
	}

	/* the cache: only the deck's files stay, within the cap */
	const char *deck[] = {png};
	render_keep_images(r, deck, 1);
	SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *sw = SDL_CreateSoftwareRenderer(target);
	size_t cap = 170000;
	struct render_image_cache *cache = render_image_cache_create(sw, cap);
	int w, h;
	CHECK(render_image_get(cache, png, 100, 100, &w, &h) && w == 100 && h == 25,
	      "scaled down to fit: %dx%d", w, h);
	CHECK(render_image_get(cache, jpg, 100, 100, &w, &h) && w == 33 && h == 100,
	      "the tall one: %dx%d", w, h);
	CHECK(render_image_bytes(cache) == (100 * 25 + 33 * 100) * 4, "bytes %zu",
	      render_image_bytes(cache));
	CHECK(render_image_get(cache, png, 400, 400, &w, &h) && w == 400 && h == 100,
	      "a bigger screen: loaded again at full size, %dx%d", w, h);
	CHECK(render_image_bytes(cache) == 400 * 100 * 4, "the least recently used went: %zu",
	      render_image_bytes(cache));
	CHECK(render_image_get(cache, jpg, 100, 100, &w, &h) && w == 33,
	      "the tall one again, the wide one out: %zu", render_image_bytes(cache));
	CHECK(render_image_bytes(cache) <= cap, "within the cap: %zu", render_image_bytes(cache));
	const char *keep[] = {jpg};
	render_image_keep(cache, keep, 1);
	CHECK(render_image_bytes(cache) <= 33 * 100 * 4, "only the deck's files: %zu",
	      render_image_bytes(cache));
	CHECK(!render_image_get(cache, missing, 100, 100, &w, &h), "a missing file");
	CHECK(!render_image_get(cache, missing, 100, 100, &w, &h), "still missing, quietly");
	/* a FIFO where a picture belongs is refused, not waited on */
	char fifo[160];
	snprintf(fifo, sizeof fifo, "%s/fifo.png", dir);
	CHECK(mkfifo(fifo, 0600) == 0, "mkfifo");
	CHECK(!render_image_get(cache, fifo, 100, 100, &w, &h), "a FIFO is not an image");
	unlink(fifo);
	render_image_cache_destroy(cache);
	SDL_DestroyRenderer(sw);
	SDL_FreeSurface(target);

	render_destroy(r);
	unlink(png);
	unlink(jpg);
	unlink(svg);
	rmdir(dir);
	return check_done();
}
