/*
 * slide_announcement.c — the deck's announcement slide: one announcement of the override file
 * (its title, its text, an optional image from the override file's directory), in pages
 * when several are in force (content.page of content.pages).
 *
 *   header     "Announcement" (or the content's heading) ....... 1/2   date   clock
 *   landscape  title (large)                        |  image, letterboxed
 *              text                                 |
 *   portrait   title, text, then the image below
 *
 * Entry point: slide_announcement_place(), called by slide_layout().
 */
#include "slide_build.h"

void slide_announcement_place(struct slide_builder *b, const struct slide_content *c,
			      const struct slide_screen *s, int margin)
{
	const struct theme *t = b->theme;
	int pages = c->pages > 0 ? c->pages : 1;
	int page = c->page < 1 ? 1 : c->page > pages ? pages : c->page;
	b->out->page = page;
	b->out->pages = pages;
	char text[32];
	slide_page_text(b->words, page, pages, text, sizeof text);
	slide_place_frame(b, c, s, margin, text);
	slide_place_banner(b, c, s, margin);
	int top, bottom;
	slide_body(b, c, s, margin, &top, &bottom);
	int x = margin, w = s->width - 2 * margin, h = bottom - top, gap = slide_px(b, 3);
	if (w < 8 || h < 8)
		return;
	bool has_image = c->image && c->image[0];
	bool landscape = s->width * 5 >= s->height * 6;
	int text_w = w, text_h = h;
	if (has_image) {
		int ix = x, iy = top, iw = w, ih = h;
		if (landscape) {
			text_w = (w - gap) * 58 / 100;
			ix = x + text_w + gap;
			iw = w - text_w - gap;
		} else {
			text_h = (h - gap) * 55 / 100;
			iy = top + text_h + gap;
			ih = h - text_h - gap;
		}
		int bx, by, bw, bh;
		slide_letterbox(c->image_aspect, ix, iy, iw, ih, &bx, &by, &bw, &bh);
			slide_add_image_file(b, "announcement-image", c->image, bx, by, bw, bh);
	}
	bool has_text = c->announcement_text && c->announcement_text[0];
	struct slide_block title = {.role = "announcement-title", .text = c->announcement_title,
				    .bold = true, .size = t->sizes[THEME_SIZE_TITLE],
				    .floor = SLIDE_TITLE_FLOOR, .max_lines = 3, .x = x, .y = top,
				    .w = text_w, .h = has_text ? text_h * 45 / 100 : text_h,
				    .colour = THEME_TEXT};
	struct slide_placed pt = slide_place_text(b, &title);
	int y = top + pt.h + (pt.h ? gap : 0);
	struct slide_block body = {.role = "announcement-text", .text = c->announcement_text,
				   .size = t->sizes[THEME_SIZE_NEXT_TITLE],
				   .floor = SLIDE_TEXT_FLOOR + 1, .max_lines = 8, .x = x, .y = y,
				   .w = text_w, .h = top + text_h - y, .colour = THEME_SECONDARY};
	slide_place_text(b, &body);
}
