/*
 * text.c — measures and draws one line of text with SDL_ttf (the text edge).
 *
 * A line is split into runs of one script and one bidi level (text_script.c), each run into
 * pieces of one font (text_font.c: a character takes the run's font when that font has it,
 * else its own fallback). Each piece is shaped by HarfBuzz inside SDL_ttf with the run's
 * ISO 15924 script and direction; pieces are laid side by side in visual order on the
 * baseline of the requested family. Fonts are opened once per (file, face, px) and kept in a
 * small LRU cache, so a redraw opens nothing and asks fontconfig nothing; each font file is
 * mapped into memory once, so loading a glyph makes no system call; widths are
 * remembered per (family, bold, px, text), since the layout measures the same strings on
 * every wake: in sets of TEXT_WIDTH_WAYS, the least recently used of a set giving way, so a
 * deck whose slides measure a few thousand strings a turn finds them all again next turn.
 */
#include "text.h"

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "text_font.h"
#include "text_script.h"
#include "text_wrap.h"

/* Open fonts kept: a theme's few sizes times the scripts on screen, with room for fitting. */
#define TEXT_FONT_CACHE 48
/* Font files mapped: the theme's families and the fallbacks of the scripts on screen. */
#define TEXT_FONT_FILES 32
/* Widths remembered: the layout measures the same strings at the same sizes on every wake
 * (fitting tries several sizes and every break of a title; a deck's rooms and agenda pages are
 * laid out on every turn to count them); a hit costs a hash instead of itemising and shaping.
 * At most 8192 strings of at most 256 bytes: about 2.5 MiB when full. */
#define TEXT_WIDTH_CACHE 8192
#define TEXT_WIDTH_WAYS 4
#define TEXT_WIDTH_CACHE_MAX_BYTES 256

struct text_open_font {
	char *path;
	int index, px;
	TTF_Font *font;
	unsigned long last_used;
};

/*
 * A font file mapped into memory, for every size of it opened: FreeType then reads its
 * glyphs from memory, where through a FILE it seeks and reads (two system calls) at every
 * glyph it loads, which a deck does on every turn of a slide.
 */
struct text_font_file {
	char *path;
	void *data;
	size_t size;
};

struct text_width_entry {
	uint64_t hash;
	char *family;
	char *text;		/* NULL when the slot is empty */
	size_t len;
	int px, width;
	bool bold;
	unsigned long last_used;
};

struct text_engine {
	struct fontpick *fontpick;
	struct text_open_font fonts[TEXT_FONT_CACHE];
	struct text_font_file files[TEXT_FONT_FILES];
	size_t n_files;
	unsigned long clock;
	unsigned long width_clock;
	struct text_width_entry *widths;	/* TEXT_WIDTH_CACHE, in sets by hash */
};

/* One piece of a line: bytes of one font, script and direction. */
struct text_piece {
	const struct fontpick_face *face;
	enum script_id script;
	bool rtl;
	char *utf8;		/* re-encoded: invalid bytes became U+FFFD */
	int width;
	int height;		/* of SDL_ttf's surface: the font's height, more for tall glyphs */
	int above;		/* rows of that surface above the font's ascent (estimated) */
};

struct text_engine *text_engine_create(struct error *err)
{
	struct text_engine *te = calloc(1, sizeof *te);

	if (te)
		te->widths = calloc(TEXT_WIDTH_CACHE, sizeof *te->widths);
	if (!te || !te->widths) {
		free(te);
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	if (TTF_Init() < 0) {
		error_set(err, 0, 0, "SDL_ttf: %s", TTF_GetError());
		free(te->widths);
		free(te);
		return NULL;
	}
	te->fontpick = fontpick_create(err);
	if (!te->fontpick) {
		TTF_Quit();
		free(te->widths);
		free(te);
		return NULL;
	}
	return te;
}

void text_engine_destroy(struct text_engine *te)
{
	if (!te)
		return;
	for (size_t i = 0; i < TEXT_FONT_CACHE; i++) {
		if (te->fonts[i].font)
			TTF_CloseFont(te->fonts[i].font);
		free(te->fonts[i].path);
	}
	for (size_t i = 0; i < te->n_files; i++) {
		munmap(te->files[i].data, te->files[i].size);
		free(te->files[i].path);
	}
	for (size_t i = 0; i < TEXT_WIDTH_CACHE; i++) {
		free(te->widths[i].family);
		free(te->widths[i].text);
	}
	free(te->widths);
	fontpick_destroy(te->fontpick);
	TTF_Quit();
	free(te);
}

/* The mapping of the font file at path, mapped at its first use; NULL when it cannot be. */
static const struct text_font_file *text_font_file(struct text_engine *te, const char *path)
{
	for (size_t i = 0; i < te->n_files; i++)
		if (!strcmp(te->files[i].path, path))
			return &te->files[i];
	if (te->n_files == TEXT_FONT_FILES)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return NULL;
	void *data = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= INT_MAX)
		data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	char *copy = data != MAP_FAILED ? strdup(path) : NULL;
	if (!copy) {
		if (data != MAP_FAILED)
			munmap(data, (size_t)st.st_size);
		return NULL;
	}
	struct text_font_file *f = &te->files[te->n_files++];
	*f = (struct text_font_file){copy, data, (size_t)st.st_size};
	return f;
}

/* face at px, from its mapped file (else read from the file itself); NULL when it fails. */
static TTF_Font *text_open(struct text_engine *te, const struct fontpick_face *face, int px)
{
	const struct text_font_file *file = text_font_file(te, face->path);
	SDL_RWops *rw = file ? SDL_RWFromConstMem(file->data, (int)file->size) : NULL;
	if (rw)
		return TTF_OpenFontIndexRW(rw, 1, px, face->index);
	return TTF_OpenFontIndex(face->path, px, face->index);
}

/* The open font for face at px; NULL when it cannot be opened. */
static TTF_Font *text_font(struct text_engine *te, const struct fontpick_face *face, int px)
{
	struct text_open_font *slot = &te->fonts[0];

	if (!face || px < 1)
		return NULL;
	te->clock++;
	for (size_t i = 0; i < TEXT_FONT_CACHE; i++) {
		struct text_open_font *f = &te->fonts[i];
		if (f->font && f->px == px && f->index == face->index &&
		    !strcmp(f->path, face->path)) {
			f->last_used = te->clock;
			return f->font;
		}
		if (!f->font || (slot->font && f->last_used < slot->last_used))
			slot = f;
	}
	char *path = strdup(face->path);
	TTF_Font *font = path ? text_open(te, face, px) : NULL;
	if (!font) {
		free(path);
		return NULL;
	}
	if (slot->font)
		TTF_CloseFont(slot->font);
	free(slot->path);
	*slot = (struct text_open_font){path, face->index, px, font, te->clock};
	return font;
}

static size_t text_encode_utf8(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Should cp be drawn with its own face rather than the run's? */
static const struct fontpick_face *text_face_for(struct text_engine *te,
						 const struct text_font *f,
						 const struct fontpick_face *run_face, uint32_t cp)
{
	if (run_face && fontpick_covers(te->fontpick, run_face, cp))
		return run_face;
	return fontpick_face_for(te->fontpick, f->family, f->bold, cp);
}

static void text_pieces_free(struct text_piece *pieces, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(pieces[i].utf8);
	free(pieces);
}

/*
 * Splits s into pieces in visual order (left to right), each measured at f->px.
 * Returns false when out of memory or when no font could be opened.
 */
static bool text_layout(struct text_engine *te, const struct text_font *f, const char *s,
			size_t len, struct text_piece **out, size_t *n_out, int *width)
{
	struct script_line line;
	struct text_piece *pieces = NULL;
	size_t n = 0, *order = NULL;
	bool ok = false;

	*out = NULL;
	*n_out = 0;
	*width = 0;
	if (len > TEXT_MAX_LINE_BYTES)
		len = TEXT_MAX_LINE_BYTES;
	if (!script_itemize(s, len, &line))
		return false;
	/* at most one piece per byte */
	pieces = calloc(len ? len : 1, sizeof *pieces);
	order = calloc(line.n_runs ? line.n_runs : 1, sizeof *order);
	if (!pieces || !order)
		goto out;
	script_visual_order(line.runs, line.n_runs, order);

	for (size_t r = 0; r < line.n_runs; r++) {
		const struct script_run *run = &line.runs[order[r]];
		const char *rs = s + run->start;
		const struct fontpick_face *run_face = NULL;
		size_t first_piece = n;

		/* the run's face: the one for its first letter (not Common) */
		for (size_t pos = 0; pos < run->len && !run_face;) {
			uint32_t cp = script_decode_utf8(rs, run->len, &pos);
			if (run->script == SCRIPT_COMMON || script_of(cp) == run->script)
				run_face = fontpick_face_for(te->fontpick, f->family, f->bold, cp);
		}
		for (size_t pos = 0; pos < run->len;) {
			size_t start = pos;
			uint32_t cp = script_decode_utf8(rs, run->len, &pos);
			const struct fontpick_face *face = text_face_for(te, f, run_face, cp);
			/* extend while the same face draws the next characters; marks stay */
			size_t end = pos;
			while (end < run->len) {
				size_t after = end;
				uint32_t next = script_decode_utf8(rs, run->len, &after);
				if (script_of(next) != SCRIPT_INHERITED &&
				    text_face_for(te, f, run_face, next) != face)
					break;
				end = after;
			}
			char *utf8 = malloc((end - start) * 3 + 1);	/* U+FFFD is 3 bytes */
			if (!utf8)
				goto out;
			size_t k = 0;
			for (size_t p = start; p < end;)
				k += text_encode_utf8(script_decode_utf8(rs, run->len, &p), utf8 + k);
			utf8[k] = '\0';
			pieces[n++] = (struct text_piece){face, run->script, script_run_is_rtl(run),
							  utf8, 0};
			pos = end;
		}
		/* pieces of a right-to-left run go right to left */
		if (script_run_is_rtl(run)) {
			for (size_t a = first_piece, b = n - 1; n > 0 && a < b; a++, b--) {
				struct text_piece t = pieces[a];
				pieces[a] = pieces[b];
				pieces[b] = t;
			}
		}
	}

	for (size_t i = 0; i < n; i++) {
		TTF_Font *font = text_font(te, pieces[i].face, f->px);
		int w = 0, h = 0;
		if (!font)
			goto out;
		TTF_SetFontScriptName(font, script_iso15924(pieces[i].script));
		TTF_SetFontDirection(font, pieces[i].rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
		if (TTF_SizeUTF8(font, pieces[i].utf8, &w, &h) == 0) {
			pieces[i].width = w;
			pieces[i].height = h;
		}
		*width += pieces[i].width;
		/*
		 * SDL_ttf grows its surface for glyphs that leave the font's ascent..descent, but
		 * does not say whether at the top or the bottom: the unshaped glyphs' tops tell.
		 */
		int extra = h - TTF_FontHeight(font), ascent = TTF_FontAscent(font);
		for (size_t pos = 0, len8 = strlen(pieces[i].utf8); extra > 0 && pos < len8;) {
			int top;
			uint32_t cp = script_decode_utf8(pieces[i].utf8, len8, &pos);
			if (TTF_GlyphMetrics32(font, cp, NULL, NULL, NULL, &top, NULL) == 0 &&
			    top - ascent > pieces[i].above)
				pieces[i].above = top - ascent < extra ? top - ascent : extra;
		}
	}
	*out = pieces;
	*n_out = n;
	pieces = NULL;
	ok = true;
out:
	if (pieces)
		text_pieces_free(pieces, n);
	free(order);
	script_line_finish(&line);
	return ok;
}

static uint64_t text_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;	/* FNV-1a */
	return h;
}

/* The remembered width of s in f's font, or the slot to remember it in (*hit false). */
static struct text_width_entry *text_width_slot(struct text_engine *te, const struct text_font *f,
						const char *s, size_t len, uint64_t *hash, bool *hit)
{
	int key[2] = {f->px, f->bold};
	uint64_t h = text_hash(0xcbf29ce484222325u, f->family, strlen(f->family) + 1);
	h = text_hash(h, key, sizeof key);
	h = text_hash(h, s, len);
	struct text_width_entry *set = &te->widths[h % (TEXT_WIDTH_CACHE / TEXT_WIDTH_WAYS) *
						   TEXT_WIDTH_WAYS];
	struct text_width_entry *slot = set;
	*hash = h;
	*hit = false;
	for (size_t i = 0; i < TEXT_WIDTH_WAYS; i++) {
		struct text_width_entry *e = &set[i];
		if (e->text && e->hash == h && e->px == f->px && e->bold == f->bold &&
		    e->len == len && !memcmp(e->text, s, len) && !strcmp(e->family, f->family)) {
			*hit = true;
			return e;
		}
		if (!e->text || (slot->text && e->last_used < slot->last_used))
			slot = e;
	}
	return slot;
}

int text_width(struct text_engine *te, const struct text_font *f, const char *s, size_t len)
{
	struct text_piece *pieces;
	size_t n;
	int width;
	struct text_width_entry *entry = NULL;
	uint64_t hash = 0;
	bool hit = false;

	if (len <= TEXT_WIDTH_CACHE_MAX_BYTES) {
		entry = text_width_slot(te, f, s, len, &hash, &hit);
		entry->last_used = ++te->width_clock;
		if (hit)
			return entry->width;
	}
	if (!text_layout(te, f, s, len, &pieces, &n, &width))
		return 0;
	text_pieces_free(pieces, n);
	if (entry) {
		char *family = strdup(f->family), *text = malloc(len ? len : 1);
		if (family && text) {
			free(entry->family);
			free(entry->text);
			memcpy(text, s, len);
			*entry = (struct text_width_entry){hash, family, text, len, f->px, width,
							   f->bold, te->width_clock};
		} else {
			free(family);
			free(text);
		}
	}
	return width;
}

int text_line_height(struct text_engine *te, const struct text_font *f)
{
	TTF_Font *font = text_font(te, fontpick_family_face(te->fontpick, f->family, f->bold),
				   f->px);
	return font ? TTF_FontLineSkip(font) : 0;
}

/* The last row of s with any ink, or -1. */
static int text_last_ink_row(SDL_Surface *s, int from)
{
	for (int y = s->h - 1; y >= from; y--) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < s->w; x++)
			if (row[x] >> 24)
				return y;
	}
	return -1;
}

SDL_Surface *text_render_line(struct text_engine *te, const struct text_font *f,
			      SDL_Color color, const char *s, size_t len)
{
	const struct fontpick_face *main_face =
		fontpick_family_face(te->fontpick, f->family, f->bold);
	TTF_Font *main_font = text_font(te, main_face, f->px);
	struct text_piece *pieces;
	size_t n;
	int width;

	if (!main_font)
		return NULL;
	int baseline = TTF_FontAscent(main_font), line_height = TTF_FontLineSkip(main_font);
	if (!text_layout(te, f, s, len, &pieces, &n, &width))
		return NULL;
	if (width > TEXT_MAX_SURFACE_PX)
		width = TEXT_MAX_SURFACE_PX;
	if (width < 1)
		width = 1;
	if (line_height < 1)
		line_height = 1;
	/* room for glyphs that reach below the line; trimmed to the ink afterwards */
	int height = line_height;
	for (size_t i = 0; i < n; i++) {
		TTF_Font *font = text_font(te, pieces[i].face, f->px);
		int bottom = font ? baseline - TTF_FontAscent(font) - pieces[i].above +
					    pieces[i].height
				  : 0;
		if (bottom > height)
			height = bottom;
	}
	SDL_Surface *line = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32,
							   SDL_PIXELFORMAT_ARGB8888);
	if (!line)
		goto fail;
	/* transparent pixels of the text's colour, so blended edges keep the colour */
	SDL_FillRect(line, NULL, SDL_MapRGBA(line->format, color.r, color.g, color.b, 0));
	int x = 0;
	for (size_t i = 0; i < n && x < width; x += pieces[i].width, i++) {
		TTF_Font *font = text_font(te, pieces[i].face, f->px);
		if (!font || !pieces[i].utf8[0])
			continue;
		TTF_SetFontScriptName(font, script_iso15924(pieces[i].script));
		TTF_SetFontDirection(font, pieces[i].rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
		SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, pieces[i].utf8, color);
		if (!glyphs)
			continue;	/* e.g. nothing visible: its width still counts */
		SDL_SetSurfaceBlendMode(glyphs, SDL_BLENDMODE_BLEND);
		SDL_Rect at = {x, baseline - TTF_FontAscent(font) - pieces[i].above, glyphs->w,
			       glyphs->h};
		SDL_BlitSurface(glyphs, NULL, line, &at);
		SDL_FreeSurface(glyphs);
	}
	text_pieces_free(pieces, n);
	if (height > line_height) {
		int ink = text_last_ink_row(line, line_height) + 1;
		int keep = ink > line_height ? ink : line_height;
		if (keep < height) {
			SDL_Surface *trimmed = SDL_CreateRGBSurfaceWithFormat(
				0, width, keep, 32, SDL_PIXELFORMAT_ARGB8888);
			if (trimmed) {
				SDL_SetSurfaceBlendMode(line, SDL_BLENDMODE_NONE);
				SDL_BlitSurface(line, &(SDL_Rect){0, 0, width, keep}, trimmed, NULL);
			}
			SDL_FreeSurface(line);
			line = trimmed;
		}
	}
	return line;
fail:
	text_pieces_free(pieces, n);
	return NULL;
}

bool text_family_available(struct text_engine *te, const char *family)
{
	return fontpick_family_installed(te->fontpick, family, false);
}

bool text_is_rtl(const char *s, size_t len)
{
	return script_is_rtl(s, len);
}

int text_wrap_measure(void *ctx, const char *s, size_t len)
{
	struct text_measure *m = ctx;
	return text_width(m->te, &m->font, s, len);
}

int text_fit_width(void *ctx, int px, const char *s, size_t len)
{
	struct text_measure *m = ctx;
	struct text_font font = m->font;
	font.px = px;
	return text_width(m->te, &font, s, len);
}

int text_fit_line_height(void *ctx, int px)
{
	struct text_measure *m = ctx;
	struct text_font font = m->font;
	font.px = px;
	return text_line_height(m->te, &font);
}
