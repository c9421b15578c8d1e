/*
 * test_glyph_coverage.c — every character of the test titles (tests/data/titles-scripts.txt,
 * one title per script) is covered by the font fontpick chooses for it, for the default
 * family regular and bold: fontconfig's charset says so (FcCharSetHasChar, through
 * fontpick_covers) and so does the font SDL_ttf opens (TTF_GlyphIsProvided32).
 * Skips when fontconfig finds no font at all.
 */
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "check.h"
#include "text_font.h"
#include "text_script.h"

#define MAX_OPEN 32

struct open_font {
	const struct fontpick_face *face;
	TTF_Font *font;
};

static TTF_Font *open_face(struct open_font *open, size_t *n, const struct fontpick_face *face)
{
	for (size_t i = 0; i < *n; i++)
		if (open[i].face == face)
			return open[i].font;
	if (*n == MAX_OPEN)
		return NULL;
	TTF_Font *font = TTF_OpenFontIndex(face->path, 24, face->index);
	if (font)
		open[(*n)++] = (struct open_font){face, font};
	return font;
}

int main(void)
{
	static const char *const families[] = {"DejaVu Sans", "Noto Sans"};
	struct error err;
	struct fontpick *fp = fontpick_create(&err);
	struct open_font open[MAX_OPEN];
	size_t n_open = 0;
	char line[1024];

	if (!fp) {
		printf("skipped: %s\n", err.message);
		return 77;
	}
	if (!fontpick_family_face(fp, "DejaVu Sans", false)) {
		printf("skipped: fontconfig finds no font at all\n");
		fontpick_destroy(fp);
		return 77;
	}
	CHECK(TTF_Init() == 0, "TTF_Init: %s", TTF_GetError());
	FILE *titles = fopen(TEST_DATA_DIR "/titles-scripts.txt", "r");
	CHECK(titles != NULL, "cannot open titles-scripts.txt");
	int n_titles = 0;
	while (titles && fgets(line, sizeof line, titles)) {
		char *title = strchr(line, '\t');
		if (line[0] == '#' || !title)
			continue;
		*title++ = '\0';
		title[strcspn(title, "\n")] = '\0';
		n_titles++;
		for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
			for (int bold = 0; bold <= 1; bold++) {
				size_t len = strlen(title);
				for (size_t pos = 0; pos < len;) {
					uint32_t cp = script_decode_utf8(title, len, &pos);
					if (cp == ' ')
						continue;
					const struct fontpick_face *face =
						fontpick_face_for(fp, families[f], bold, cp);
					CHECK(face != NULL, "%s: U+%04X: no face", line, (unsigned)cp);
					if (!face)
						continue;
					CHECK(fontpick_covers(fp, face, cp),
					      "%s (%s%s): U+%04X not in the charset of %s", line,
					      families[f], bold ? " bold" : "", (unsigned)cp,
					      face->path);
					TTF_Font *font = open_face(open, &n_open, face);
					CHECK(font != NULL, "cannot open %s: %s", face->path,
					      TTF_GetError());
					if (font)
						CHECK(TTF_GlyphIsProvided32(font, cp),
						      "%s (%s%s): U+%04X has no glyph in %s", line,
						      families[f], bold ? " bold" : "",
						      (unsigned)cp, face->path);
				}
			}
		}
	}
	CHECK(n_titles == 9, "%d titles", n_titles);
	/* a codepoint no font covers comes back as the family's own face */
	const struct fontpick_face *none = fontpick_face_for(fp, "DejaVu Sans", false, 0x10FFFD);
	CHECK(none == fontpick_family_face(fp, "DejaVu Sans", false), "uncovered codepoint");
	if (titles)
		fclose(titles);
	for (size_t i = 0; i < n_open; i++)
		TTF_CloseFont(open[i].font);
	TTF_Quit();
	fontpick_destroy(fp);
	return check_done();
}
