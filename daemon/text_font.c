/*
 * text_font.c — the font file that covers a codepoint, through fontconfig.
 *
 * Per (family, bold) fontconfig is asked once: FcFontSort with the family, the weight and
 * trimming gives the family's own face first, then the fallback faces in fontconfig's order
 * of preference, each adding coverage. Their charsets are kept; a codepoint takes the first
 * face of that list whose charset has it. The answer is remembered per 256-codepoint block,
 * so the common case is one bitmap lookup in the family's face and one in the block's.
 */
#include "text_font.h"

#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#define FONTPICK_BLOCKS (0x110000 >> 8)
/* Families (with weight) remembered; a theme names a few. */
#define FONTPICK_MAX_FAMILIES 16

struct fontpick_font {
	struct fontpick_face face;
	FcCharSet *charset;
};

struct fontpick_family {
	char *name;
	bool bold;
	bool installed;		/* fonts[0] is the family asked for, not a substitute */
	struct fontpick_font *fonts;	/* fonts[0] is the family's own */
	size_t n_fonts;
	short block_font[FONTPICK_BLOCKS];	/* index in fonts, -1 when not yet looked up */
};

struct fontpick {
	struct fontpick_family *families[FONTPICK_MAX_FAMILIES];
	size_t n_families;
	size_t next_evict;
};

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FONTPICK_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(FONTPICK_ASAN)
/*
 * fontconfig 2.14 loses a few hundred bytes while parsing its configuration in FcInit (not
 * ours to free, and FcFini does not find them): tell LeakSanitizer, so that sanitized builds
 * of anything that picks fonts can still check for leaks of their own.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

struct fontpick *fontpick_create(struct error *err)
{
	if (!FcInit()) {
		error_set(err, 0, 0, "fontconfig could not load its configuration");
		return NULL;
	}
	struct fontpick *fp = calloc(1, sizeof *fp);
	if (!fp)
		error_set(err, 0, 0, "out of memory");
	return fp;
}

static void fontpick_family_destroy(struct fontpick_family *family)
{
	if (!family)
		return;
	for (size_t i = 0; i < family->n_fonts; i++) {
		free((char *)family->fonts[i].face.path);
		FcCharSetDestroy(family->fonts[i].charset);
	}
	free(family->fonts);
	free(family->name);
	free(family);
}

void fontpick_destroy(struct fontpick *fp)
{
	if (!fp)
		return;
	for (size_t i = 0; i < fp->n_families; i++)
		fontpick_family_destroy(fp->families[i]);
	free(fp);
}

/* Asks fontconfig for the family's sorted list; NULL when it knows no scalable font. */
static struct fontpick_family *fontpick_family_load(const char *name, bool bold)
{
	struct fontpick_family *family = calloc(1, sizeof *family);
	FcPattern *pattern = FcPatternCreate();
	FcFontSet *set = NULL;
	FcResult result;

	if (!family || !pattern)
		goto fail;
	family->name = strdup(name);
	family->bold = bold;
	if (!family->name)
		goto fail;
	FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)name);
	FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(NULL, pattern, FcMatchPattern);
	FcDefaultSubstitute(pattern);
	set = FcFontSort(NULL, pattern, FcTrue, NULL, &result);
	if (!set || set->nfont == 0)
		goto fail;
	family->fonts = calloc((size_t)set->nfont, sizeof *family->fonts);
	if (!family->fonts)
		goto fail;
	for (int i = 0; i < set->nfont; i++) {
		FcChar8 *file;
		FcCharSet *charset;
		FcBool scalable = FcFalse;
		int index = 0;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
		    FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &charset) != FcResultMatch)
			continue;
		FcPatternGetBool(set->fonts[i], FC_SCALABLE, 0, &scalable);
		if (!scalable)
			continue;	/* bitmap fonts cannot be drawn at any size */
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
		if (family->n_fonts == 0) {
			FcChar8 *found;
			for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &found) ==
					FcResultMatch; k++)
				if (!FcStrCmpIgnoreCase(found, (const FcChar8 *)name))
					family->installed = true;
		}
		char *path = strdup((const char *)file);
		if (!path)
			goto fail;
		family->fonts[family->n_fonts++] = (struct fontpick_font){
			.face = {path, index},
			.charset = FcCharSetCopy(charset),
		};
	}
	if (family->n_fonts == 0)
		goto fail;
	for (size_t b = 0; b < FONTPICK_BLOCKS; b++)
		family->block_font[b] = -1;
	FcFontSetDestroy(set);
	FcPatternDestroy(pattern);
	return family;
fail:
	if (set)
		FcFontSetDestroy(set);
	if (pattern)
		FcPatternDestroy(pattern);
	fontpick_family_destroy(family);
	return NULL;
}

static struct fontpick_family *fontpick_family(struct fontpick *fp, const char *name, bool bold)
{
	for (size_t i = 0; i < fp->n_families; i++)
		if (fp->families[i]->bold == bold && !strcmp(fp->families[i]->name, name))
			return fp->families[i];
	struct fontpick_family *family = fontpick_family_load(name, bold);
	if (!family)
		return NULL;
	if (fp->n_families < FONTPICK_MAX_FAMILIES) {
		fp->families[fp->n_families++] = family;
	} else {
		/* faces handed out from the evicted family stay valid only until the next call */
		size_t victim = fp->next_evict++ % FONTPICK_MAX_FAMILIES;
		fontpick_family_destroy(fp->families[victim]);
		fp->families[victim] = family;
	}
	return family;
}

const struct fontpick_face *fontpick_face_for(struct fontpick *fp, const char *family_name,
					      bool bold, uint32_t cp)
{
	struct fontpick_family *family = fontpick_family(fp, family_name, bold);

	if (!family)
		return NULL;
	if (cp >= 0x110000 || FcCharSetHasChar(family->fonts[0].charset, cp))
		return &family->fonts[0].face;
	short *cached = &family->block_font[cp >> 8];
	if (*cached >= 0 && FcCharSetHasChar(family->fonts[*cached].charset, cp))
		return &family->fonts[*cached].face;
	for (size_t i = 1; i < family->n_fonts; i++) {
		if (FcCharSetHasChar(family->fonts[i].charset, cp)) {
			if (i <= 0x7FFF)
				*cached = (short)i;
			return &family->fonts[i].face;
		}
	}
	return &family->fonts[0].face;
}

bool fontpick_covers(struct fontpick *fp, const struct fontpick_face *face, uint32_t cp)
{
	/* a face is the first member of its struct fontpick_font */
	const struct fontpick_font *font = (const struct fontpick_font *)face;
	(void)fp;
	return face && FcCharSetHasChar(font->charset, cp);
}

const struct fontpick_face *fontpick_family_face(struct fontpick *fp, const char *family_name,
						 bool bold)
{
	struct fontpick_family *family = fontpick_family(fp, family_name, bold);
	return family ? &family->fonts[0].face : NULL;
}

bool fontpick_family_installed(struct fontpick *fp, const char *family_name, bool bold)
{
	struct fontpick_family *family = fontpick_family(fp, family_name, bold);
	return family && family->installed;
}
