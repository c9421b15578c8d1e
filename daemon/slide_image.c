/*
 * slide_image.c — the deck's image slide: one file (a sponsor's logo, a venue map),
 * letterboxed on the theme's background inside the margins; no header, the picture is the
 * slide. The layout only places a box of kind image (SLIDE_IMAGE_FILE, its path as source);
 * render.c loads and draws the file.
 *
 * Entry points: slide_image_place(), called by slide_layout(); slide_letterbox().
 */
#include <math.h>

#include "slide_build.h"

void slide_letterbox(double aspect, int x, int y, int w, int h, int *ox, int *oy, int *ow,
		     int *oh)
{
	int bw = w, bh = h;
	if (aspect > 0 && w > 0 && h > 0) {
		if ((double)w / h > aspect)
			bw = (int)lround(h * aspect);
		else
			bh = (int)lround(w / aspect);
		if (bw < 1)
			bw = 1;
		if (bh < 1)
			bh = 1;
	}
	*ox = x + (w - bw) / 2;
	*oy = y + (h - bh) / 2;
	*ow = bw;
	*oh = bh;
}

void slide_image_place(struct slide_builder *b, const struct slide_content *c,
		       const struct slide_screen *s, int margin)
{
	int pages = c->pages > 0 ? c->pages : 1;
	b->out->page = c->page < 1 ? 1 : c->page > pages ? pages : c->page;
	b->out->pages = pages;
	slide_add_rect(b, "background", 0, 0, s->width, s->height, THEME_BACKGROUND);
	if (!c->image || !c->image[0])
		return;
	int x, y, w, h;
	slide_letterbox(c->image_aspect, margin, margin, s->width - 2 * margin,
			s->height - 2 * margin, &x, &y, &w, &h);
	slide_add_image_file(b, "image", c->image, x, y, w, h);
}
