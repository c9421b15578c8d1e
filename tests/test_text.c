/*
 * test_text.c — the text engine draws what it should: sizes grow with the text, Arabic is
 * spread along the line and drawn right to left, a Japanese title is drawn with real glyphs,
 * wide lines are capped, and the fonts it holds open hold no file open (each font file is
 * mapped, so a glyph loads without a system call). Skips when fontconfig finds no font at
 * all.
 */
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "check.h"
#include "text_font.h"
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

/* Do the columns [ax, ax+w) of a equal the columns [bx, bx+w) of b (alpha, within 2)?
 * Rows below the shorter surface must be empty in the taller. */
static bool same_columns(SDL_Surface *a, int ax, SDL_Surface *b, int bx, int w)
{
	int h = a->h < b->h ? a->h : b->h;
	if (ax < 0 || bx < 0 || ax + w > a->w || bx + w > b->w)
		return false;
	for (int x = 0; x < w; x++) {
		for (int y = h; y < a->h; y++)
			if (alpha_at(a, ax + x, y) > 2)
				return false;
		for (int y = h; y < b->h; y++)
			if (alpha_at(b, bx + x, y) > 2)
				return false;
	}
	for (int x = 0; x < w; x++)
		for (int y = 0; y < h; y++)
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

/* The first (or last) row with ink. */
static int ink_row(SDL_Surface *s, bool first)
{
	for (int i = 0; i < s->h; i++) {
		int y = first ? i : s->h - 1 - i;
		for (int x = 0; x < s->w; x++)
			if (alpha_at(s, x, y) > 0)
				return y;
	}
	return -1;
}

static long alpha_sum(SDL_Surface *s)
{
	long sum = 0;
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++)
			sum += alpha_at(s, x, y);
	return sum;
}

/* Letters that reach below the font's descent (ن, ى in DejaVu Sans) are not cut off: the line
 * holds as much ink as SDL_ttf draws for the same text on its own. */
static void test_descenders(struct text_engine *te)
{
	const char *text = "ليلى حسن";
	struct text_font f = {"DejaVu Sans", false, 41};
	struct error err;
	struct fontpick *fp = fontpick_create(&err);
	const struct fontpick_face *face = fp ? fontpick_face_for(fp, f.family, false, 0x0644) : NULL;
	TTF_Font *font = face ? TTF_OpenFontIndex(face->path, f.px, face->index) : NULL;
	CHECK(font != NULL, "no font for Arabic");
	SDL_Surface *line = render(te, &f, text);
	if (font && line) {
		TTF_SetFontScriptName(font, "Arab");
		TTF_SetFontDirection(font, TTF_DIRECTION_RTL);
		SDL_Surface *alone = TTF_RenderUTF8_Blended(font, text, white);
		CHECK(alone != NULL, "SDL_ttf: %s", TTF_GetError());
		if (alone) {
			long want = alpha_sum(alone), got = alpha_sum(line);
			int a0 = ink_row(line, true), a1 = ink_row(line, false);
			int b0 = ink_row(alone, true), b1 = ink_row(alone, false);
			CHECK(a1 - a0 == b1 - b0, "ink rows %d..%d, SDL_ttf alone %d..%d", a0, a1, b0,
			      b1);
			/* blending rounds a little differently */
			CHECK(got > want * 995 / 1000 && got < want * 1005 / 1000,
			      "ink %ld, SDL_ttf alone %ld (surface %dx%d, line height %d)", got,
			      want, line->w, line->h, text_line_height(te, &f));
			CHECK(line->h >= text_line_height(te, &f), "height %d", line->h);
		}
		SDL_FreeSurface(alone);
	}
	SDL_FreeSurface(line);
	if (font)
		TTF_CloseFont(font);
	fontpick_destroy(fp);
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

/* Ten sizes of two faces, each drawn: no more files open than before (they are mapped). */
static void test_fonts_mapped(struct text_engine *te)
{
	struct text_font probe = {"DejaVu Sans", true, 17};
	text_width(te, &probe, "x", 1);	/* both files mapped, fontconfig asked */
	probe.bold = false;
	text_width(te, &probe, "x", 1);
	int before = check_count_entries("/proc/self/fd");
	for (int px = 20; px < 30; px++) {
		for (int bold = 0; bold < 2; bold++) {
			struct text_font f = {"DejaVu Sans", bold, px};
			SDL_FreeSurface(render(te, &f, "Keynote"));
		}
	}
	int after = check_count_entries("/proc/self/fd");
	CHECK(after == before, "%d files open after opening 20 fonts, %d before", after, before);
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
	test_descenders(te);
	test_cap(te);
	test_fonts_mapped(te);
	text_engine_destroy(te);
	text_engine_destroy(NULL);
	return check_done();
}
