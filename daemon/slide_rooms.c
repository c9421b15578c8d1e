/*
 * slide_rooms.c — the deck's rooms overview: every room's now and next as rows, in pages.
 *
 *   header     "All rooms" (or the content's heading) .......... 2/3   date   clock
 *   heads                      [Now]                 [Next]
 *   rows       ▌ room         | what is on now       | in 5 min  what is next
 *
 * The room column is as wide as the page's longest room name needs at the floor size (18 to
 * 34 % of the width); now takes 52 % of the rest.
 * One box per row and column (roles rooms-room, rooms-now, rooms-next: DESIGN.md 10), one
 * type size per column across the page (slide_table_column_px: a long title is cut with an
 * ellipsis, never made smaller than its neighbours), a stripe in the track's colour, and
 * cancelled, changed and moved sessions tagged as on the now/next slide. Paging is
 * slide_table_page()'s: as many rows as fit at the floor.
 *
 * Entry point: slide_rooms_place(), called by slide_layout().
 */
#include <stdlib.h>

#include "slide_build.h"

#define COL_ROOM_MIN 18	/* percent of the width: the room column, as wide as its names */
#define COL_ROOM_MAX 34
#define COL_NOW 52	/* percent of what the room column leaves */

void slide_rooms_place(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin)
{
	const struct theme *t = b->theme;
	const struct slide_list *list = c->list;
	size_t n = list ? list->n : 0;
	int top, bottom;
	slide_body(b, c, s, margin, &top, &bottom);
	int x = margin, w = s->width - 2 * margin;
	int ph = slide_pill_height(b), gap = slide_px(b, 1.5);
	int rows_top = top + ph + gap;
	int max_row = 2 * slide_line_height(b, true, slide_px(b, t->sizes[THEME_SIZE_NEXT_TITLE]));
	struct slide_table tb;
	slide_table_page(b, n, rows_top, bottom, max_row, c->page, &tb);
	if (b->pages_only) {	/* the paging needs no text placed */
		b->out->page = tb.page;
		b->out->pages = tb.pages;
		return;
	}
	slide_table_frame(b, c, s, margin, &tb);
	if (w < 8 || bottom - top < ph)
		return;

	int stripe = slide_px(b, 0.6), sgap = slide_px(b, 1.0);
	int cell_h = tb.row_h - tb.pad;
	/* the arrows to the rooms ([screen] direction) before the names: one width for the page */
	int arrow_w = 0;
	for (size_t i = 0; i < tb.count; i++) {
		const char *way = list->rows[tb.first + i].direction;
		int aw = way && *way ? slide_text_width(b, true, (int)(cell_h / 1.25), way) + sgap : 0;
		if (aw > arrow_w)
			arrow_w = aw;
	}
	/* the room column as wide as the page's longest name at the floor size needs */
	int col_room = w * COL_ROOM_MIN / 100;
	int floor_px = slide_px(b, SLIDE_ROW_FLOOR);
	for (size_t i = 0; i < tb.count; i++) {
		int need = slide_text_width(b, true, floor_px, list->rows[tb.first + i].room) +
			   arrow_w + stripe + sgap + gap + 1;
		if (need > col_room)
			col_room = need;
	}
	if (col_room > w * COL_ROOM_MAX / 100)
		col_room = w * COL_ROOM_MAX / 100;
	int col_now = (w - col_room) * COL_NOW / 100;
	int col_next = w - col_room - col_now;
	int room_x = x + stripe + sgap, room_w = col_room - stripe - sgap - gap;
	if (arrow_w > room_w / 3)
		arrow_w = room_w / 3;
	int name_x = room_x + arrow_w, name_w = room_w - arrow_w;
	int now_x = x + col_room, now_w = col_now - gap;
	int next_x = x + col_room + col_now, next_w = col_next;
	slide_place_pill(b, "now-label", words_get(b->words, WORD_NOW), now_x, top, now_w, ph,
			 THEME_LABEL, THEME_LABEL_TEXT);
	slide_place_pill(b, "next-label", words_get(b->words, WORD_NEXT), next_x, top, next_w, ph,
			 THEME_LABEL, THEME_LABEL_TEXT);
	if (tb.count == 0)
		return;

	/* one size per column across the page */
	const struct slide_list_row *rows = list->rows + tb.first;
	const char **texts = calloc(tb.count, sizeof *texts);
	if (!texts) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < tb.count; i++)
		texts[i] = rows[i].room;
	int room_px = slide_table_column_px(b, texts, tb.count, true,
					    t->sizes[THEME_SIZE_NEXT_TITLE] * 0.8, name_w, cell_h, 1);
	for (size_t i = 0; i < tb.count; i++)
		texts[i] = rows[i].title;
	int now_px = slide_table_column_px(b, texts, tb.count, t->bold_titles,
					   t->sizes[THEME_SIZE_NEXT_TITLE], now_w, cell_h, 1);
	for (size_t i = 0; i < tb.count; i++)
		texts[i] = rows[i].next;
	int next_px = slide_table_column_px(b, texts, tb.count, false,
					    t->sizes[THEME_SIZE_SPEAKERS], next_w, cell_h, 1);
	free(texts);

	int y = tb.top;
	for (size_t i = 0; i < tb.count && y + tb.row_h <= tb.bottom; i++) {
		const struct slide_list_row *r = &rows[i];
		slide_add_rect(b, "rule", x, y, w, tb.rule, THEME_RULE);
		int ty = y + tb.rule + (tb.pad - tb.rule) / 2;
		struct theme_colour track;
		if (r->track[0] && theme_track_colour(t, r->track, &track))
			slide_add_rect_colour(b, "rooms-track", x, ty, stripe, cell_h, track);
		enum theme_colour_role quiet = r->done ? THEME_SECONDARY : THEME_TEXT;
		/* the way to the room ([screen] direction), before its name, the row's height */
		if (arrow_w)
			slide_place_arrow(b, r->direction, room_x, ty, arrow_w - sgap, cell_h, quiet);
		slide_table_cell(b, "rooms-room", "rooms-room-mark", r->room, NULL, true, room_px,
				 1, name_x, ty, name_w, cell_h, quiet, false);
		slide_table_cell(b, "rooms-now", "rooms-now-mark", r->title, r->mark,
				 t->bold_titles, now_px, 1, now_x, ty, now_w, cell_h, THEME_TEXT,
				 r->cancelled);
		slide_table_cell(b, "rooms-next", "rooms-next-mark", r->next, r->next_mark, false,
				 next_px, 1, next_x, ty, next_w, cell_h, THEME_SECONDARY,
				 r->next_cancelled);
		y += tb.row_h;
	}
}
