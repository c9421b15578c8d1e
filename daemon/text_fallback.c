/*
 * text_fallback.c — a stand-in for text.c (owned by the text engine) until it lands: one
 * font per family from fontconfig, plain TTF_SizeUTF8 / TTF_RenderUTF8_Blended, no fallback
 * fonts, no shaping. Same contract as text.h; removed when text.c arrives.
 */
#include "text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FONTS 64

struct open_font {
	char family[64];
	bool bold;
	int px;
	TTF_Font *font;
};

struct text_engine {
	struct open_font fonts[MAX_FONTS];
	size_t n_fonts, next_evict;
};

struct text_engine *text_engine_create(struct error *err)
{
	if (!TTF_WasInit() && TTF_Init() != 0) {
		error_set(err, 0, 0, "SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	if (!FcInit()) {
		error_set(err, 0, 0, "fontconfig cannot start");
		return NULL;
	}
	struct text_engine *te = calloc(1, sizeof *te);
	if (!te)
		error_set(err, 0, 0, "out of memory");
	return te;
}

void text_engine_destroy(struct text_engine *te)
{
	if (!te)
		return;
	for (size_t i = 0; i < te->n_fonts; i++)
		TTF_CloseFont(te->fonts[i].font);
	free(te);
	FcFini();
}

static bool find_file(const char *family, bool bold, char *path, size_t size)
{
	FcPattern *pat = FcPatternCreate();
	if (!pat)
		return false;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult result;
	FcPattern *match = FcFontMatch(NULL, pat, &result);
	FcPatternDestroy(pat);
	bool ok = false;
	FcChar8 *file;
	if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
		snprintf(path, size, "%s", (const char *)file);
		ok = true;
	}
	if (match)
		FcPatternDestroy(match);
	return ok;
}

static TTF_Font *get_font(struct text_engine *te, const struct text_font *f)
{
	for (size_t i = 0; i < te->n_fonts; i++) {
		struct open_font *o = &te->fonts[i];
		if (o->bold == f->bold && o->px == f->px && !strcmp(o->family, f->family))
			return o->font;
	}
	char path[1024];
	if (!find_file(f->family, f->bold, path, sizeof path))
		return NULL;
	TTF_Font *font = TTF_OpenFont(path, f->px);
	if (!font)
		return NULL;
	size_t slot = te->n_fonts;
	if (slot == MAX_FONTS) {
		slot = te->next_evict++ % MAX_FONTS;
		TTF_CloseFont(te->fonts[slot].font);
	} else {
		te->n_fonts++;
	}
	struct open_font *o = &te->fonts[slot];
	snprintf(o->family, sizeof o->family, "%s", f->family);
	o->bold = f->bold;
	o->px = f->px;
	o->font = font;
	return font;
}

static char *copy(const char *s, size_t len)
{
	if (len > TEXT_MAX_LINE_BYTES)
		len = TEXT_MAX_LINE_BYTES;
	char *c = malloc(len + 1);
	if (c) {
		memcpy(c, s, len);
		c[len] = '\0';
	}
	return c;
}

int text_width(struct text_engine *te, const struct text_font *f, const char *s, size_t len)
{
	TTF_Font *font = get_font(te, f);
	char *c = font ? copy(s, len) : NULL;
	int w = 0, h;
	if (c && TTF_SizeUTF8(font, c, &w, &h) != 0)
		w = 0;
	free(c);
	return w;
}

int text_line_height(struct text_engine *te, const struct text_font *f)
{
	TTF_Font *font = get_font(te, f);
	return font ? TTF_FontLineSkip(font) : f->px;
}

SDL_Surface *text_render_line(struct text_engine *te, const struct text_font *f,
			      SDL_Color color, const char *s, size_t len)
{
	TTF_Font *font = get_font(te, f);
	char *c = font ? copy(s, len) : NULL;
	if (!c)
		return NULL;
	SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, c, color);
	free(c);
	if (!glyphs)
		return NULL;
	SDL_Surface *out = SDL_ConvertSurfaceFormat(glyphs, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(glyphs);
	return out;
}

bool text_is_rtl(const char *s, size_t len)
{
	(void)s;
	(void)len;
	return false;
}

int text_wrap_measure(void *ctx, const char *s, size_t len)
{
	struct text_measure *m = ctx;
	return text_width(m->te, &m->font, s, len);
}

int text_fit_width(void *ctx, int px, const char *s, size_t len)
{
	struct text_measure *m = ctx;
	struct text_font f = m->font;
	f.px = px;
	return text_width(m->te, &f, s, len);
}

int text_fit_line_height(void *ctx, int px)
{
	struct text_measure *m = ctx;
	struct text_font f = m->font;
	f.px = px;
	return text_line_height(m->te, &f);
}
