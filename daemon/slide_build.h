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
	const struct words *words;	/* the content's language (NULL: English) */
	const struct slide_metrics *metrics;
	struct slide_layout *out;
	double u;		/* 1 % of the shorter side, in px */
	bool oom;
	bool pages_only;	/* slide_pages(): a paged kind stops once its pages are known */
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
/* A box of kind image showing the file at path (the layout keeps its own copy of path). */
void slide_add_image_file(struct slide_builder *b, const char *role, const char *path, int x,
			  int y, int w, int h);
void slide_add_rect(struct slide_builder *b, const char *role, int x, int y, int w, int h,
		    enum theme_colour_role colour);
void slide_add_rect_colour(struct slide_builder *b, const char *role, int x, int y, int w,
			   int h, struct theme_colour colour);

int slide_line_height(const struct slide_builder *b, bool bold, int px);
int slide_text_width(const struct slide_builder *b, bool bold, int px, const char *s);

/*
 * An arrow to a room (direction.h's glyph) at x in a box h px high, the glyph as tall as the
 * box allows; returns its width (0: none, or no room for it).
 */
int slide_place_arrow(struct slide_builder *b, const char *arrow, int x, int y, int max_w,
		      int h, enum theme_colour_role colour);

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

/* The region below the header and above the announcements' band (or the margin). */
void slide_body(const struct slide_builder *b, const struct slide_content *c,
		const struct slide_screen *s, int margin, int *top, int *bottom);

/* The announcements' band across the bottom; returns its height (0: none). */
int slide_place_banner(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin);

/* The largest rectangle of the aspect (w/h) centred in the region: letterboxed. */
void slide_letterbox(double aspect, int x, int y, int w, int h, int *ox, int *oy, int *ow,
		     int *oh);

/* A page of a list of rows (the rooms overview, the agenda): see slide_table.c. */
struct slide_table {
	int top, bottom;	/* the rows' region */
	int row_h;		/* every row's height */
	int pad;		/* inside a row: the rule above and the gap around the text */
	int rule;
	int page, pages;	/* from 1 */
	size_t first, count;	/* the page's rows */
};

/*
 * Pages n rows into the region top..bottom: a page holds as many rows as fit with a line at
 * SLIDE_ROW_FLOOR (at least one), the rows are spread evenly over the fewest pages, and page
 * (from 1; 0 the first, past the end the last) is the one shown. The rows of a page are as
 * tall as they can be up to max_row_h.
 */
void slide_table_page(const struct slide_builder *b, size_t n, int top, int bottom,
		      int max_row_h, int page, struct slide_table *out);

/* The page's place on the layout (page, pages, rows), then the frame with "2/3" and the banner. */
void slide_table_frame(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin, const struct slide_table *tb);

/*
 * One size for a column of a page, from the sizes each text would fit at (from max_size
 * down to SLIDE_ROW_FLOOR, max_lines in a w x h cell): the smallest of them, so all fit,
 * unless that is below 2/3 of their lower median; then the median, and a long title is cut
 * with an ellipsis rather than making its neighbours small. Returns px.
 */
int slide_table_column_px(struct slide_builder *b, const char *const *texts, size_t n,
			  bool bold, double max_size, int w, int h, size_t max_lines);

/*
 * A cell's text at exactly px (one size for the column), cut with an ellipsis when it does
 * not fit; a mark ("Cancelled", "Delayed by 15 min") first as a small filled tag when mark is
 * not empty.
 */
void slide_table_cell(struct slide_builder *b, const char *role, const char *mark_role,
		      const char *text, const char *mark, bool bold, int px, size_t max_lines,
		      int x, int y, int w, int h, enum theme_colour_role colour, bool strike);

/* The deck's kinds, each in its own file; slide_layout() calls them for content.kind. */
void slide_rooms_place(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin);
void slide_agenda_place(struct slide_builder *b, const struct slide_content *c,
			const struct slide_screen *s, int margin);
void slide_announcement_place(struct slide_builder *b, const struct slide_content *c,
			      const struct slide_screen *s, int margin);
void slide_image_place(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin);

/* "2/3", or "" for a single page. */
void slide_page_text(const struct words *words, int page, int pages, char *buf, size_t size);

#endif
