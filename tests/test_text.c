/*
 * test_text.c — the text engine draws what it should: sizes grow with the text, Arabic is
 * spread along the line and drawn right to left, a Japanese title is drawn with real glyphs,
 * wide lines are capped. Skips when fontconfig finds no font at all.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"

static const SDL_Color white = {255, 255, 255, 255};

static int alpha_at(SDL_Surface *s, int x, int y)
{
	Uint32 pixel = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
	return (int)(pixel >> 24);
}

/* Columns that hold any pixel with alpha above 64, and the first and last of them. */
static int ink_columns(SDL_Surface *s, int *first, int *last)
{
	int n = 0;
	*first = -1;
	*last = -1;
	for (int x = 0; x < s->w; x++) {
		for (int y = 0; y < s->h; y++) {
			if (alpha_at(s, x, y) > 64) {
				if (*first < 0)
					*first = x;
				*last = x;
				n++;
				break;
			}
		}
	}
	return n;
}

/* Do the columns [ax, ax+w) of a equal the columns [bx, bx+w) of b (alpha, within 2)? */
static bool same_columns(SDL_Surface *a, int ax, SDL_Surface *b, int bx, int w)
{
	if (a->h != b->h || ax < 0 || bx < 0 || ax + w > a->w || bx + w > b->w)
		return false;
	for (int x = 0; x < w; x++)
		for (int y = 0; y < a->h; y++)
			if (abs(alpha_at(a, ax + x, y) - alpha_at(b, bx + x, y)) > 2)
				return false;
	return true;
}

static SDL_Surface *render(struct text_engine *te, const struct text_font *f, const char *s)
{
	SDL_Surface *surface = text_render_line(te, f, white, s, strlen(s));
	CHECK(surface != NULL, "render \"%s\": %s", s, SDL_GetError());
	if (surface)
		CHECK(surface->format->format == SDL_PIXELFORMAT_ARGB8888, "\"%s\": format", s);
	return surface;
}

static void test_metrics(struct text_engine *te)
{
	struct text_font f = {"DejaVu Sans", false, 32};
	struct text_font big = {"DejaVu Sans", false, 64};
	struct text_font bold = {"DejaVu Sans", true, 32};

	int h = text_line_height(te, &f);
	CHECK(h >= 32 && h <= 48, "line height %d", h);
	CHECK(text_line_height(te, &big) > h, "bigger font, taller line");
	int w = text_width(te, &f, "Hello", 5);
	CHECK(w > 40 && w < 120, "width %d", w);
	CHECK(text_width(te, &f, "Hello world", 11) > w, "longer text, wider");
	CHECK(text_width(te, &big, "Hello", 5) > w, "bigger font, wider");
	CHECK(text_width(te, &bold, "Hello", 5) > w, "bold is wider");
	CHECK(text_width(te, &f, "", 0) == 0, "empty");
	/* remembered widths are the widths: same text, other sizes and weights stay apart */
	CHECK(text_width(te, &f, "Hello", 5) == w, "second measurement");
	CHECK(text_width(te, &big, "Hello", 5) != w, "remembered per size");
	CHECK(text_width(te, &f, "Hello!", 6) > w, "remembered per text");
	/* invalid bytes are drawn as U+FFFD, not dropped */
	CHECK(text_width(te, &f, "ab\xff", 3) > text_width(te, &f, "ab", 2), "invalid byte");

	struct text_measure m = {te, f};
	CHECK(text_wrap_measure(&m, "Hello", 5) == w, "measure adapter");
	CHECK(text_fit_width(&m, 32, "Hello", 5) == w, "fit adapter");
	CHECK(text_fit_line_height(&m, 32) == h, "fit line height");
	CHECK(text_family_available(te, "DejaVu Sans"), "DejaVu Sans is installed");
	CHECK(text_family_available(te, "dejavu sans"), "family names ignore case");
	CHECK(!text_family_available(te, "No Such Family 42"), "a family that is not installed");
	struct text_font missing = {"No Such Family 42", false, 32};
	CHECK(text_width(te, &missing, "Hello", 5) > 0, "a missing family still draws");
	CHECK(text_is_rtl("مرحبا", strlen("مرحبا")) && !text_is_rtl("abc", 3), "rtl");
}

static void test_arabic(struct text_engine *te)
{
	struct text_font f = {"DejaVu Sans", false, 48};
	const char *title = "مرحبا بكم في المؤتمر";
	SDL_Surface *s = render(te, &f, title);
	if (!s)
		return;
	int first, last, n = ink_columns(s, &first, &last);
	/* the glyphs are spread along the line, not stacked in one place */
	CHECK(s->w > 5 * f.px, "width %d", s->w);
	CHECK(last - first > s->w * 8 / 10, "ink from %d to %d of %d", first, last, s->w);
	CHECK(n > s->w / 2, "%d columns with ink of %d", n, s->w);
	SDL_FreeSurface(s);

	/* right to left: in "مرحبا abc" the Arabic word is on the right, the Latin on the left */
	SDL_Surface *line = render(te, &f, "مرحبا abc");
	SDL_Surface *arabic = render(te, &f, "مرحبا");
	SDL_Surface *latin = render(te, &f, "abc");
	if (line && arabic && latin) {
		CHECK(same_columns(line, line->w - arabic->w, arabic, 0, arabic->w),
		      "the Arabic word is not at the right end");
		CHECK(same_columns(line, 0, latin, 0, latin->w),
		      "the Latin word is not at the left end");
	}
	SDL_FreeSurface(line);
	/* left to right: in "abc مرحبا" the Latin word comes first */
	line = render(te, &f, "abc مرحبا");
	if (line && arabic && latin) {
		CHECK(same_columns(line, 0, latin, 0, latin->w), "LTR: Latin not first");
		CHECK(same_columns(line, line->w - arabic->w, arabic, 0, arabic->w),
		      "LTR: Arabic not last");
	}
	SDL_FreeSurface(line);
	SDL_FreeSurface(arabic);
	SDL_FreeSurface(latin);
}

static void test_japanese(struct text_engine *te)
{
	struct text_font f = {"DejaVu Sans", true, 40};
	const char *title = "未来のソフトウェア開発";	/* 11 full-width characters */
	SDL_Surface *s = render(te, &f, title);
	if (!s)
		return;
	int first, last, n = ink_columns(s, &first, &last);
	CHECK(n > 0, "nothing drawn");
	CHECK(s->w >= 11 * f.px * 9 / 10 && s->w <= 11 * f.px * 11 / 10,
	      "width %d for 11 full-width characters at %d px", s->w, f.px);
	CHECK(n > s->w / 2, "%d columns with ink of %d", n, s->w);
	SDL_FreeSurface(s);
}

static void test_cap(struct text_engine *te)
{
	struct text_font f = {"DejaVu Sans", false, 64};
	char text[400];
	memset(text, 'W', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	CHECK(text_width(te, &f, text, strlen(text)) > TEXT_MAX_SURFACE_PX, "long line width");
	SDL_Surface *s = render(te, &f, text);
	if (s)
		CHECK(s->w == TEXT_MAX_SURFACE_PX, "width %d", s->w);
	SDL_FreeSurface(s);
}

int main(void)
{
	struct error err;
	struct text_engine *te = text_engine_create(&err);
	if (!te) {
		printf("skipped: %s\n", err.message);
		return 77;
	}
	struct text_font f = {"DejaVu Sans", false, 32};
	if (text_line_height(te, &f) == 0) {
		printf("skipped: fontconfig finds no font at all\n");
		text_engine_destroy(te);
		return 77;
	}
	test_metrics(te);
	test_arabic(te);
	test_japanese(te);
	test_cap(te);
	text_engine_destroy(te);
	text_engine_destroy(NULL);
	return check_done();
}
