/*
 * text_font.h — which font file draws a character (the fontconfig edge).
 *
 * For a family name (+ bold) and a codepoint: the family's own font when it covers the
 * codepoint, else the first font of fontconfig's fallback list (FcFontSort) whose charset
 * does. fontconfig is asked once per (family, bold); the answer per (family, bold, Unicode
 * block) is cached, so a redraw asks fontconfig nothing.
 */
#ifndef FOYER_TEXT_FONT_H
#define FOYER_TEXT_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

/* A face in a font file (index > 0 in a collection such as NotoSansCJK-Regular.ttc). */
struct fontpick_face {
	const char *path;	/* owned by the fontpick */
	int index;
};

struct fontpick;

/* Initialises fontconfig; NULL with err filled when it cannot. */
struct fontpick *fontpick_create(struct error *err);
/* NULL is a no-op. */
void fontpick_destroy(struct fontpick *fp);

/*
 * The face that draws cp for family (bold or not). When no installed font covers cp, the
 * family's own face (which will draw a box); NULL only when fontconfig knows no font at
 * all. The face stays valid until fontpick_destroy.
 */
const struct fontpick_face *fontpick_face_for(struct fontpick *fp, const char *family,
					      bool bold, uint32_t cp);

/* The family's own face (what fontconfig matches for the name); NULL when fontconfig knows
 * no font at all. Its metrics set the line height and baseline of a line. */
const struct fontpick_face *fontpick_family_face(struct fontpick *fp, const char *family,
						 bool bold);

/* True when fontconfig has the family itself, not only a substitute for it (a theme that
 * names a font that is not installed still draws, with fontconfig's substitute). */
bool fontpick_family_installed(struct fontpick *fp, const char *family, bool bold);

/* True when the face's charset covers cp (face from fontpick_face_for). */
bool fontpick_covers(struct fontpick *fp, const struct fontpick_face *face, uint32_t cp);

#endif
