/*
 * slide_table.c — the pieces the list slides share (slide_rooms.c, slide_agenda.c): paging
 * rows at the legibility floor, one type size per column of a page, and a cell with its
 * mark. See slide_build.h for the contracts.
 *
 * A column's size is the one at which every text of the page fits whole, unless that is
 * below two thirds of the median text's size: then one long title does not make the
 * whole column small, it is cut with an ellipsis at its neighbours' size instead.
 *
 * The floor decides the paging, not the text: a page holds as many rows as fit with a line
 * at SLIDE_ROW_FLOOR, so a page never has to shrink text below it, and the rows are spread
 * evenly (35 rooms at 27 a page make pages of 18 and 17, not 27 and 8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "slide_build.h"

void slide_table_page(const struct slide_builder *b, size_t n, int top, int bottom,
		      int max_row_h, int page, struct slide_table *out)
{
	memset(out, 0, sizeof *out);
	out->top = top;
	out->bottom = bottom;
	out->rule = slide_px(b, 0.25);
	out->pad = out->rule + slide_px(b, 1.0);
	int floor_h = slide_line_height(b, true, slide_px(b, SLIDE_ROW_FLOOR)) + out->pad;
	int height = bottom - top;
	size_t per_page = height > floor_h ? (size_t)(height / floor_h) : 1;
	size_t pages = n ? (n + per_page - 1) / per_page : 1;
	if (pages > DECK_MAX_PAGES)
		pages = DECK_MAX_PAGES;
	size_t even = n ? (n + pages - 1) / pages : 0;
	out->pages = (int)pages;
	out->page = page < 1 ? 1 : page > out->pages ? out->pages : page;
	slide_page_rows(n, out->pages, out->page, &out->first, &out->count);
	out->row_h = even ? height / (int)even : height;
	if (out->row_h > max_row_h && max_row_h >= floor_h)
		out->row_h = max_row_h;
	if (out->row_h < floor_h)
		out->row_h = floor_h;	/* a screen too small for one row: the row is cut */
}

void slide_page_rows(size_t n, int pages, int page, size_t *first, size_t *count)
{
	size_t even = n && pages > 0 ? (n + (size_t)pages - 1) / (size_t)pages : 0;
	*first = page > 0 ? even * (size_t)(page - 1) : 0;
	if (*first > n)
		*first = n;
	*count = n - *first < even ? n - *first : even;
}

static int by_px(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int slide_table_column_px(struct slide_builder *b, const char *const *texts, size_t n,
			  bool bold, double max_size, int w, int h, size_t max_lines)
{
	int floor_px = slide_px(b, SLIDE_ROW_FLOOR), max_px = slide_px(b, max_size);
	if (max_px < floor_px)
		max_px = floor_px;
	/* the largest px whose line fits the cell's height */
	while (max_px > floor_px && slide_line_height(b, bold, max_px) > h)
		max_px--;
	int *sizes = calloc(n ? n : 1, sizeof *sizes);
	if (!sizes) {
		b->oom = true;
		return floor_px;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!texts[i] || !texts[i][0])
			continue;
		struct slide_block probe = {.role = "probe", .text = texts[i], .bold = bold,
					    .size = max_px / b->u, .floor = SLIDE_ROW_FLOOR,
					    .max_lines = max_lines, .w = w, .h = h};
		int px = slide_fitted_px(b, &probe);
		sizes[k++] = px ? px : floor_px;
	}
	int px = max_px;
	if (k) {
		qsort(sizes, k, sizeof *sizes, by_px);
		px = sizes[(k - 1) / 2];
		/* the size at which every text fits, when that is not much below the median */
		if (sizes[0] * 3 >= px * 2)
			px = sizes[0];
	}
	free(sizes);
	if (px > max_px)
		px = max_px;
	return px < floor_px ? floor_px : px;
}

void slide_table_cell(struct slide_builder *b, const char *role, const char *mark_role,
		      const char *text, const char *mark, bool bold, int px, size_t max_lines,
		      int x, int y, int w, int h, enum theme_colour_role colour, bool strike)
{
	int lh = slide_line_height(b, bold, px);
	if (mark && mark[0]) {
		/* the tag takes at most 40 % of the cell, its text a size below the cell's */
		int mark_px = px * 85 / 100 > slide_px(b, SLIDE_ROW_FLOOR)
				      ? px * 85 / 100 : slide_px(b, SLIDE_ROW_FLOOR);
		if (mark_px > px)
			mark_px = px;
		int pad = slide_px(b, 0.6), gap = slide_px(b, 1.0);
		int mw = slide_text_width(b, true, mark_px, mark) + 2 * pad;
		if (mw > w * 40 / 100)
			mw = w * 40 / 100;
		int mh = lh < h ? lh : h;
		size_t before = b->out->n_boxes;
		slide_add_rect(b, mark_role, x, y, mw, mh, THEME_ALERT);
		struct slide_block m = {.role = mark_role, .text = mark, .bold = true,
					.size = mark_px / b->u, .floor = mark_px / b->u, .max_lines = 1,
					.x = x + pad, .y = y, .w = mw - 2 * pad, .h = mh,
					.colour = THEME_ALERT_TEXT, .center_v = true};
		if (mw > 2 * pad && slide_place_text(b, &m).h) {
			x += mw + gap;
			w -= mw + gap;
		} else {
			b->out->n_boxes = before;	/* no room for the tag: none */
		}
	}
	struct slide_block cell = {.role = role, .text = text && text[0] ? text : "—",
				   .bold = bold, .size = px / b->u, .floor = px / b->u,
				   .max_lines = max_lines, .x = x, .y = y, .w = w, .h = h,
				   .colour = colour, .strike = strike};
	slide_place_text(b, &cell);
}

void slide_table_frame(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin, const struct slide_table *tb)
{
	b->out->page = tb->page;
	b->out->pages = tb->pages;
	b->out->first_row = tb->first;
	b->out->n_rows = tb->count;
	char page[32];
	slide_page_text(b->words, tb->page, tb->pages, page, sizeof page);
	slide_place_frame(b, c, s, margin, page);
	slide_place_banner(b, c, s, margin);
}

void slide_page_text(const struct words *words, int page, int pages, char *buf, size_t size)
{
	if (pages > 1)
		words_format(words, buf, size, WORD_PAGE, page, pages);
	else if (size)
		buf[0] = '\0';
}
