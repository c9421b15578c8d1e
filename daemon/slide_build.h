/*
 * slide_build.h — the layout engine's shared pieces, for the files that lay out one kind of
 * slide each (slide.c: now/next, the emergency and the blank screen; slide_rooms.c,
 * slide_agenda.c, slide_announcement.c, slide_image.c: the deck's kinds). Not for use outside
 * the layout engine: slide.h is its interface.
 *
 * A builder appends boxes to a layout. slide_place_text() fits a text block into the region
 * it is given (the largest size down to the floor, then an ellipsis), so text placed in
 * disjoint regions never overlaps and never leaves the screen.
 */
#ifndef FOYER_SLIDE_BUILD_H
#define FOYER_SLIDE_BUILD_H

#include "slide.h"

#define SLIDE_TITLE_FLOOR 4.0	/* percent of the shorter side: the current title */
#define SLIDE_TEXT_FLOOR 2.0	/* percent: every text */

enum slide_align { SLIDE_ALIGN_LEFT, SLIDE_ALIGN_RIGHT };

struct slide_builder {
	const struct theme *theme;
	const struct slide_metrics *metrics;
	struct slide_layout *out;
	double u;		/* 1 % of the shorter side, in px */
	bool oom;
};

/* A text to fit into a region. */
struct slide_block {
	const char *role;
	const char *text;
	bool bold;
	double size;		/* the largest size, percent */
	double floor;		/* the smallest, percent */
	size_t max_lines;
	int x, y, w, h;
	enum theme_colour_role colour;
	bool strike;
	enum slide_align align;
	bool center_v;		/* centre the lines vertically in the region */
};

/* What slide_place_text() used. */
struct slide_placed {
	int h;			/* height of the lines */
	int w;			/* width of the widest line */
	int x;			/* left of the leftmost line */
};

/* percent of the shorter side in px, at least 1 */
int slide_px(const struct slide_builder *b, double percent);

/* Appends a box (NULL when w or h is not positive, or out of memory). */
struct slide_box *slide_add_box(struct slide_builder *b, enum slide_box_kind kind,
				const char *role, int x, int y, int w, int h);
void slide_add_rect(struct slide_builder *b, const char *role, int x, int y, int w, int h,
		    enum theme_colour_role colour);
void slide_add_rect_colour(struct slide_builder *b, const char *role, int x, int y, int w,
			   int h, struct theme_colour colour);

int slide_line_height(const struct slide_builder *b, bool bold, int px);
int slide_text_width(const struct slide_builder *b, bool bold, int px, const char *s);

/*
 * Fits blk->text into its region (see slide.c). Returns what was used; a zero height when
 * nothing was placed.
 */
struct slide_placed slide_place_text(struct slide_builder *b, const struct slide_block *blk);

/* The size slide_place_text() would give blk (0: none), without placing anything. */
int slide_fitted_px(struct slide_builder *b, const struct slide_block *blk);

/* A tag such as "Now": a filled rectangle with the text inside. Returns its width (0: none). */
int slide_place_pill(struct slide_builder *b, const char *role, const char *text, int x, int y,
		     int max_w, int h, enum theme_colour_role bg, enum theme_colour_role fg);
int slide_pill_height(const struct slide_builder *b);

/*
 * The background (and the theme's background image) and the header band (logo, the room or
 * c->heading, page_text such as "2/3" or NULL, the date or stale marker, the clock).
 * Returns the band's bottom.
 */
int slide_place_frame(struct slide_builder *b, const struct slide_content *c,
		      const struct slide_screen *s, int margin, const char *page_text);

/* The announcements' band across the bottom; returns its height (0: none). */
int slide_place_banner(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin);

/* The largest rectangle of the aspect (w/h) centred in the region: letterboxed. */
void slide_letterbox(double aspect, int x, int y, int w, int h, int *ox, int *oy, int *ow,
		     int *oh);

#endif
