/*
 * slide_agenda.c — the deck's agenda: the rest of today's sessions by start time, in pages.
 *
 *   header     "Today" (or the content's heading) .............. 1/2   date   clock
 *   rows       14:45  Welcome and introduction                     Main hall
 *              15:00  Panel one: Innovation, data and digital in   Main hall
 *                     frontline public services
 *
 * The sessions on now are highlighted (the panel's colour behind the row, a bar in the
 * label's colour at its left, which shows in every theme). The room column is there only
 * when the rows name more than one room. One type size per column across the page; a title
 * takes two lines when the row has room for them. Paging is slide_table_page()'s.
 *
 * Entry point: slide_agenda_place(), called by slide_layout().
 */
#include <stdlib.h>
#include <string.h>

#include "slide_build.h"

static bool several_rooms(const struct slide_list *list)
{
	for (size_t i = 1; list && i < list->n; i++)
		if (strcmp(list->rows[i].room, list->rows[0].room) != 0)
			return true;
	return false;
}

void slide_agenda_place(struct slide_builder *b, const struct slide_content *c,
			const struct slide_screen *s, int margin)
{
	const struct theme *t = b->theme;
	const struct slide_list *list = c->list;
	size_t n = list ? list->n : 0;
	int top, bottom;
	slide_body(b, c, s, margin, &top, &bottom);
	int x = margin, w = s->width - 2 * margin;
	int max_row = 2 * slide_line_height(b, true, slide_px(b, t->sizes[THEME_SIZE_NEXT_TITLE])) +
		      slide_px(b, 2);
	struct slide_table tb;
	slide_table_page(b, n, top, bottom, max_row, c->page, &tb);
	if (b->pages_only) {	/* the paging needs no text placed */
		b->out->page = tb.page;
		b->out->pages = tb.pages;
		return;
	}
	slide_table_frame(b, c, s, margin, &tb);
	if (w < 8 || tb.count == 0)
		return;

	const struct slide_list_row *rows = list->rows + tb.first;
	int cell_h = tb.row_h - tb.pad, gap = slide_px(b, 2), bar = slide_px(b, 0.8);
	bool rooms = several_rooms(list);
	int inset = bar + slide_px(b, 1.0);
	int time_px = 0;
	const char **texts = calloc(tb.count, sizeof *texts);
	if (!texts) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < tb.count; i++)
		texts[i] = rows[i].time;
	int time_w0 = w / 5;
	time_px = slide_table_column_px(b, texts, tb.count, true, t->sizes[THEME_SIZE_NEXT_TITLE],
					time_w0, cell_h, 1);
	int time_w = slide_text_width(b, true, time_px, "00:00") + gap;
	if (time_w > time_w0)
		time_w = time_w0;
	int room_w = rooms ? (w - inset - time_w) * 30 / 100 : 0;
	int title_x = x + inset + time_w;
	int title_w = w - inset - time_w - (rooms ? room_w + gap : 0);
	for (size_t i = 0; i < tb.count; i++)
		texts[i] = rows[i].title;
	int title_px = slide_table_column_px(b, texts, tb.count, t->bold_titles,
					     t->sizes[THEME_SIZE_NEXT_TITLE], title_w, cell_h, 2);
	int room_px = 0;
	if (rooms) {
		for (size_t i = 0; i < tb.count; i++)
			texts[i] = rows[i].room;
		room_px = slide_table_column_px(b, texts, tb.count, false,
						t->sizes[THEME_SIZE_SPEAKERS], room_w, cell_h, 1);
	}
	free(texts);

	int y = tb.top;
	for (size_t i = 0; i < tb.count && y + tb.row_h <= tb.bottom; i++) {
		const struct slide_list_row *r = &rows[i];
		int ty = y + tb.rule + (tb.pad - tb.rule) / 2;
		if (r->current) {
			slide_add_rect(b, "agenda-current", x, y + tb.rule, w, tb.row_h - tb.rule,
				       THEME_PANEL);
			slide_add_rect(b, "agenda-current-bar", x, y + tb.rule, bar,
				       tb.row_h - tb.rule, THEME_LABEL);
		} else {
			struct theme_colour track;
			if (r->track[0] && theme_track_colour(t, r->track, &track))
				slide_add_rect_colour(b, "agenda-track", x, ty, bar, cell_h, track);
		}
		slide_add_rect(b, "rule", x, y, w, tb.rule, THEME_RULE);
		enum theme_colour_role text = r->current ? THEME_PANEL_TEXT : THEME_TEXT;
		enum theme_colour_role quiet = r->current ? THEME_PANEL_SECONDARY : THEME_SECONDARY;
		slide_table_cell(b, "agenda-time", "agenda-time-mark", r->time, NULL, true, time_px,
				 1, x + inset, ty, time_w - gap, cell_h, quiet, r->cancelled);
		slide_table_cell(b, "agenda-title", "agenda-mark", r->title, r->mark,
				 t->bold_titles, title_px, 2, title_x, ty, title_w, cell_h, text,
				 r->cancelled);
		if (rooms)
			slide_table_cell(b, "agenda-room", "agenda-room-mark", r->room, NULL, false,
					 room_px, 1, x + w - room_w, ty, room_w, cell_h, quiet,
					 false);
		y += tb.row_h;
	}
}
