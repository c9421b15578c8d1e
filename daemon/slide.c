/*
 * slide.c — the layout engine; see slide.h for the contract.
 *
 * The screen is cut into regions from the top down, and every text block is fitted inside
 * the region it was given (slide_place_text()), so no two text boxes can overlap and none can
 * leave the screen, whatever the text: that is the whole trick. The regions:
 *
 *   header band     logo? room name .............. date (or stale marker)  clock
 *   NOW panel       tags, title, speakers, progress bar; across the width, as tall as
 *                   what it holds (at most about half the screen)
 *   landscape:      NEXT (55 %) beside "Later today" (45 %)
 *   portrait:       NEXT, then "Later today", stacked
 *   several rooms:  one row per room: room | now | next
 *   no clock:       the day's programme as rows (nothing is called "now")
 *   announcements:  a band across the bottom, taken off before the rest is laid out
 *
 * Two slides replace all of that (the override file's): "emergency", white on dark red at
 * 8:1 whatever the theme, and "off" outside the screen hours, plain black.
 *
 * Sizes come from the theme in percent of the shorter side (u = 1 %); the current title
 * never goes below 4u, other text never below 2u.
 */
#include "slide.h"
#include "slide_build.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "text_script.h"
#include "text_wrap.h"

#define MAX_LINES 8
#define QR_SIZE 18.0		/* percent of the shorter side: a phone reads it from 2 m */
#define QR_MIN_SIZE 12.0	/* never smaller than this: no code instead */
/* The emergency takeover ignores the theme: high contrast on every screen (8.4:1). */
static const struct theme_colour EMERGENCY_BACKGROUND = {0xA0, 0x00, 0x00};
static const struct theme_colour EMERGENCY_TEXT = {0xFF, 0xFF, 0xFF};
static const struct theme_colour BLANK = {0, 0, 0};

int slide_px(const struct slide_builder *b, double percent)
{
	int px = (int)lround(percent * b->u);
	return px < 1 ? 1 : px;
}

struct slide_box *slide_add_box(struct slide_builder *b, enum slide_box_kind kind, const char *role,
				 int x, int y, int w, int h)
{
	struct slide_layout *l = b->out;
	if (b->oom || w <= 0 || h <= 0)
		return NULL;
	struct slide_box *nb = grow_array(l->boxes, &l->cap_boxes, l->n_boxes + 1, sizeof *nb,
					  SIZE_MAX);
	if (!nb) {
		b->oom = true;
		return NULL;
	}
	l->boxes = nb;
	struct slide_box *box = &l->boxes[l->n_boxes++];
	memset(box, 0, sizeof *box);
	box->kind = kind;
	box->role = role;
	box->x = x;
	box->y = y;
	box->w = w;
	box->h = h;
	return box;
}

void slide_add_image_file(struct slide_builder *b, const char *role, const char *path, int x,
			  int y, int w, int h)
{
	char *copy = strdup(path);
	struct slide_box *box = copy ? slide_add_box(b, SLIDE_BOX_IMAGE, role, x, y, w, h) : NULL;
	if (!box) {
		b->oom |= !copy;
		free(copy);
		return;
	}
	box->image = SLIDE_IMAGE_FILE;
	box->source = copy;
}

void slide_add_rect(struct slide_builder *b, const char *role, int x, int y, int w, int h,
		     enum theme_colour_role colour)
{
	struct slide_box *box = slide_add_box(b, SLIDE_BOX_RECT, role, x, y, w, h);
	if (box)
		box->colour = b->theme->colours[colour];
}

void slide_add_rect_colour(struct slide_builder *b, const char *role, int x, int y, int w, int h,
			    struct theme_colour colour)
{
	struct slide_box *box = slide_add_box(b, SLIDE_BOX_RECT, role, x, y, w, h);
	if (box)
		box->colour = colour;
}

struct measure_ctx {
	const struct slide_builder *b;
	bool bold;
};

static int fit_width(void *ctx, int px, const char *s, size_t len)
{
	struct measure_ctx *mc = ctx;
	struct slide_font f = {mc->b->theme->font, mc->bold, px};
	return mc->b->metrics->width(mc->b->metrics->ctx, &f, s, len);
}

static int fit_line_height(void *ctx, int px)
{
	struct measure_ctx *mc = ctx;
	struct slide_font f = {mc->b->theme->font, mc->bold, px};
	return mc->b->metrics->line_height(mc->b->metrics->ctx, &f);
}

int slide_line_height(const struct slide_builder *b, bool bold, int px)
{
	struct measure_ctx mc = {b, bold};
	return fit_line_height(&mc, px);
}

int slide_text_width(const struct slide_builder *b, bool bold, int px, const char *s)
{
	struct measure_ctx mc = {b, bold};
	return fit_width(&mc, px, s, strlen(s));
}

/*
 * Fits blk->text into its region: the largest size from blk->size down to blk->floor at
 * which it wraps into at most max_lines lines inside the region, else the floor size with an
 * ellipsis. A region too short for one line at the floor size gets nothing (never smaller
 * text). Returns what was used; a zero height when nothing was placed.
 */
struct slide_placed slide_place_text(struct slide_builder *b, const struct slide_block *blk)
{
	struct slide_placed p = {0, 0, blk->x};
	size_t len = blk->text ? strlen(blk->text) : 0;
	if (len == 0 || blk->w <= 0 || blk->h <= 0 || blk->max_lines == 0)
		return p;
	int max_px = slide_px(b, blk->size), min_px = slide_px(b, blk->floor);
	if (min_px > max_px)
		min_px = max_px;
	if (slide_line_height(b, blk->bold, min_px) > blk->h)
		return p;
	struct measure_ctx mc = {b, blk->bold};
	struct wrap_fit_metrics fm = {fit_width, fit_line_height};
	struct wrap_line lines[MAX_LINES];
	size_t n = 0, max_lines = blk->max_lines < MAX_LINES ? blk->max_lines : MAX_LINES;
	/* at the floor size, as many lines as the height holds: the ellipsis goes on the last */
	size_t fit_lines = (size_t)(blk->h / slide_line_height(b, blk->bold, min_px));
	if (fit_lines < max_lines)
		max_lines = fit_lines;
	int px = wrap_fit(blk->text, len, blk->w, blk->h, max_lines, max_px, min_px, &fm, &mc,
			  lines, &n);
	if (px <= 0 || n == 0)
		return p;
	int lh = fit_line_height(&mc, px);
	int y = blk->y;
	if (blk->center_v)
		y += (blk->h - (int)n * lh) / 2;
	p.x = blk->x + blk->w;
	for (size_t i = 0; i < n; i++) {
		size_t ll = lines[i].len;
		bool ell = lines[i].ellipsis;
		char *s = malloc(ll + sizeof WRAP_ELLIPSIS);
		if (!s) {
			b->oom = true;
			return p;
		}
		memcpy(s, blk->text + lines[i].start, ll);
		s[ll] = '\0';
		if (ell)
			strcat(s, WRAP_ELLIPSIS);
		int w = fit_width(&mc, px, s, strlen(s));
		if (w > blk->w)
			w = blk->w;	/* the drawer clips to the box */
		if (w <= 0)
			w = 1;
		/* a right-to-left paragraph (Arabic, Hebrew) starts at the right edge */
		bool right = blk->align == SLIDE_ALIGN_RIGHT || script_is_rtl(blk->text, len);
		int x = right ? blk->x + blk->w - w : blk->x;
		struct slide_box *box = slide_add_box(b, SLIDE_BOX_TEXT, blk->role, x, y, w, lh);
		if (!box) {
			free(s);
			return p;
		}
		box->text = s;
		box->font = (struct slide_font){b->theme->font, blk->bold, px};
		box->colour = b->theme->colours[blk->colour];
		box->ellipsis = ell;
		box->strike = blk->strike;
		box->min_px = min_px;
		y += lh;
		if (w > p.w)
			p.w = w;
		if (x < p.x)
			p.x = x;
	}
	p.h = (int)n * lh;
	return p;
}

/* The size slide_place_text() would give blk (0: none), without placing anything. */
int slide_fitted_px(struct slide_builder *b, const struct slide_block *blk)
{
	size_t before = b->out->n_boxes;
	struct slide_placed p = slide_place_text(b, blk);
	int px = p.h ? b->out->boxes[before].font.px : 0;
	while (b->out->n_boxes > before)
		free((char *)b->out->boxes[--b->out->n_boxes].text);
	return px;
}

/* A tag such as "Now": a filled rectangle with the text inside. Returns its width. */
int slide_place_pill(struct slide_builder *b, const char *role, const char *text, int x, int y,
		      int max_w, int h, enum theme_colour_role bg, enum theme_colour_role fg)
{
	int px = slide_px(b, b->theme->sizes[THEME_SIZE_LABEL]);
	int pad = slide_px(b, 1.0);
	int w = slide_text_width(b, true, px, text) + 2 * pad;
	if (w > max_w)
		w = max_w;
	if (w <= 2 * pad)
		return 0;
	size_t before = b->out->n_boxes;
	slide_add_rect(b, role, x, y, w, h, bg);
	struct slide_block blk = {.role = role, .text = text, .bold = true,
			    .size = b->theme->sizes[THEME_SIZE_LABEL], .floor = SLIDE_TEXT_FLOOR,
			    .max_lines = 1, .x = x + pad, .y = y, .w = w - 2 * pad, .h = h,
			    .colour = fg, .center_v = true};
	struct slide_placed p = slide_place_text(b, &blk);
	if (p.h == 0) {	/* no room for the text: no empty tag either */
		b->out->n_boxes = before;
		return 0;
	}
	return w;
}

int slide_pill_height(const struct slide_builder *b)
{
	int px = slide_px(b, b->theme->sizes[THEME_SIZE_LABEL]);
	return slide_line_height(b, true, px) + slide_px(b, 0.8);
}

/*
 * An alert pill in the header, right-aligned against `right` and at most half the free
 * width; returns the new right edge (left of the pill and its gap, or unchanged when the
 * pill did not fit).
 */
static int place_header_pill(struct slide_builder *b, const char *role, const char *text, int left,
			     int right, int top, int inner, int gap)
{
	int ph = slide_pill_height(b);
	int px = slide_px(b, b->theme->sizes[THEME_SIZE_LABEL]);
	int w = slide_text_width(b, true, px, text) + 2 * slide_px(b, 1.0);
	int max_w = (right - left) / 2;
	if (w > max_w)
		w = max_w;
	int pw = slide_place_pill(b, role, text, right - w, top + (inner - ph) / 2, w, ph, THEME_ALERT,
			    THEME_ALERT_TEXT);
	return pw ? right - pw - gap : right;
}

/* The height of the header's line: the clock's or the room's, whichever is taller. */
static int header_inner(const struct slide_builder *b)
{
	const struct theme *t = b->theme;
	int clock = slide_line_height(b, true, slide_px(b, t->sizes[THEME_SIZE_CLOCK]));
	int room = slide_line_height(b, true, slide_px(b, t->sizes[THEME_SIZE_ROOM]));
	return clock > room ? clock : room;
}

/* The announcements' band: its height, 0 when there is none or it would take over a third. */
static int banner_height(const struct slide_builder *b, const struct slide_content *c,
			 const struct slide_screen *s)
{
	if (!c->banner || !c->banner[0])
		return 0;
	int pad = slide_px(b, 1.2);
	int lh = slide_line_height(b, true, slide_px(b, b->theme->sizes[THEME_SIZE_SPEAKERS]));
	int h = 2 * lh + 2 * pad + s->overscan;
	return h > s->height / 3 ? 0 : h;
}

void slide_body(const struct slide_builder *b, const struct slide_content *c,
		const struct slide_screen *s, int margin, int *top, int *bottom)
{
	int gap = slide_px(b, 2.5);
	int header_bottom = s->overscan + 2 * slide_px(b, 1.6) + header_inner(b);
	int banner = banner_height(b, c, s);
	*top = header_bottom + gap;
	*bottom = banner ? s->height - banner - gap : s->height - margin;
}

static void place_header(struct slide_builder *b, const struct slide_content *c,
			 const struct slide_screen *s, int margin, const char *page_text,
			 int *header_bottom)
{
	const struct theme *t = b->theme;
	int pad = slide_px(b, 1.6);
	int inner = header_inner(b);
	int top = s->overscan + pad;
	int bottom = top + inner + pad;
	slide_add_rect(b, "header", 0, 0, s->width, bottom, THEME_HEADER);
	int left = margin, right = s->width - margin, gap = slide_px(b, 2);

	struct slide_block clock = {.role = "clock", .text = c->clock, .bold = true,
			      .size = t->sizes[THEME_SIZE_CLOCK], .floor = SLIDE_TEXT_FLOOR,
			      .max_lines = 1, .x = left, .y = top, .w = right - left, .h = inner,
			      .colour = THEME_HEADER_TEXT, .align = SLIDE_ALIGN_RIGHT, .center_v = true};
	struct slide_placed pc = slide_place_text(b, &clock);
	if (pc.h)
		right = pc.x - gap;

	if (c->stale)
		right = place_header_pill(b, "stale", c->stale, left, right, top, inner, gap);
	if (c->room_flag)	/* "Room full": where people look for the room's name */
		right = place_header_pill(b, "room-flag", c->room_flag, left, right, top, inner, gap);
	if (!c->stale && (c->room[0] || c->n_rooms || c->heading)) {
		struct slide_block date = {.role = "date", .text = c->date,
				     .size = t->sizes[THEME_SIZE_SMALL], .floor = SLIDE_TEXT_FLOOR,
				     .max_lines = 1, .x = left + (right - left) / 2, .y = top,
				     .w = (right - left) / 2, .h = inner,
				     .colour = THEME_HEADER_TEXT, .align = SLIDE_ALIGN_RIGHT,
				     .center_v = true};
		struct slide_placed pd = slide_place_text(b, &date);
		if (pd.h)
			right = pd.x - gap;
	}

	if (s->logo_aspect > 0) {
		int lh = inner, lw = (int)lround(inner * s->logo_aspect);
		if (lw > (right - left) / 3) {
			lw = (right - left) / 3;
			lh = (int)lround(lw / s->logo_aspect);
		}
		struct slide_box *box = slide_add_box(b, SLIDE_BOX_IMAGE, "logo", left,
						top + (inner - lh) / 2, lw, lh);
		if (box) {
			box->image = SLIDE_IMAGE_LOGO;
			left += lw + gap;
		}
	}

	/* a deck's page count ("2/3"), left of the date */
	if (page_text && page_text[0]) {
		struct slide_block page = {.role = "page", .text = page_text, .bold = true,
					   .size = t->sizes[THEME_SIZE_SMALL],
					   .floor = SLIDE_TEXT_FLOOR, .max_lines = 1,
					   .x = left + (right - left) / 2, .y = top,
					   .w = (right - left) / 2, .h = inner,
					   .colour = THEME_HEADER_TEXT, .align = SLIDE_ALIGN_RIGHT,
					   .center_v = true};
		struct slide_placed pp = slide_place_text(b, &page);
		if (pp.h)
			right = pp.x - gap;
	}

	/* the room; a screen for the whole venue (no room name) shows the date there instead */
	const char *title = c->heading	 ? c->heading
			    : c->room[0] ? c->room
			    : c->n_rooms ? words_get(c->words, WORD_NOW_AND_NEXT)
					 : c->date;
	const char *role = c->heading ? "heading" : c->room[0] || c->n_rooms ? "room" : "date";
	struct slide_block room = {.role = role, .text = title,
			     .bold = true, .size = t->sizes[THEME_SIZE_ROOM], .floor = SLIDE_TEXT_FLOOR,
			     .max_lines = 1, .x = left, .y = top, .w = right - left, .h = inner,
			     .colour = THEME_HEADER_TEXT, .center_v = true};
	slide_place_text(b, &room);
	*header_bottom = bottom;
}

int slide_place_frame(struct slide_builder *b, const struct slide_content *c,
		      const struct slide_screen *s, int margin, const char *page_text)
{
	slide_add_rect(b, "background", 0, 0, s->width, s->height, THEME_BACKGROUND);
	if (s->background_image) {
		struct slide_box *box = slide_add_box(b, SLIDE_BOX_IMAGE, "background-image", 0, 0,
						      s->width, s->height);
		if (box)
			box->image = SLIDE_IMAGE_BACKGROUND;
	}
	int header_bottom;
	place_header(b, c, s, margin, page_text, &header_bottom);
	return header_bottom;
}

/* The row of tags: "Now"/"Next", "Cancelled", then a text (times), and a right-hand text. */
/* The roles of a tag row's boxes, for the current session and for the next one. */
struct tag_roles {
	const char *label, *cancelled, *note, *right, *text;
	bool text_bold;		/* next's "in 5 min" is what people look for */
};
static const struct tag_roles now_roles = {"now-label", "now-cancelled", "now-note", "now-left",
					   "now-time", false};
static const struct tag_roles next_roles = {"next-label", "next-cancelled", "next-note",
					    "next-left", "next-when", true};

int slide_place_arrow(struct slide_builder *b, const char *arrow, int x, int y, int max_w,
		      int h, enum theme_colour_role colour)
{
	if (!arrow || !*arrow || h <= 0)
		return 0;
	double size = h / b->u / 1.25;	/* the glyph as tall as the box allows */
	struct slide_block blk = {.role = "direction", .text = arrow, .bold = true, .size = size,
				  .floor = size < SLIDE_TEXT_FLOOR ? size : SLIDE_TEXT_FLOOR,
				  .max_lines = 1, .x = x, .y = y, .w = max_w, .h = h,
				  .colour = colour, .center_v = true};
	struct slide_placed p = slide_place_text(b, &blk);
	return p.h ? p.w : 0;
}

/*
 * The QR code of c->qr_url as a square of side px at (x, y) (its quiet zone included). False
 * when nothing was placed (out of memory).
 */
static bool place_qr(struct slide_builder *b, const struct slide_content *c, int x, int y,
		     int side)
{
	struct slide_box *box = slide_add_box(b, SLIDE_BOX_IMAGE, "qr", x, y, side, side);
	if (!box)
		return false;
	box->image = SLIDE_IMAGE_QR;
	if (!(box->text = strdup(c->qr_url))) {
		b->oom = true;
		b->out->n_boxes--;
		return false;
	}
	return true;
}

/*
 * The side of the QR code in a block of w x h below its tag row, or 0 when it would leave
 * the text too little room or be smaller than QR_MIN_SIZE.
 */
static int qr_side(const struct slide_builder *b, int w, int h)
{
	int side = slide_px(b, QR_SIZE);
	if (side > h)
		side = h;
	if (side > w / 3)
		side = w / 3;
	return side >= slide_px(b, QR_MIN_SIZE) ? side : 0;
}

static int place_tag_row(struct slide_builder *b, const struct tag_roles *roles,
			 const struct slide_session *s, const char *tag, const char *arrow,
			 const char *text, const char *right_text, bool on_panel, int x, int y,
			 int w)
{
	const struct theme *t = b->theme;
	const char *cancelled = words_get(b->words, WORD_CANCELLED);
	int h = slide_pill_height(b), gap = slide_px(b, 1.5);
	int cx = x, end = x + w;
	int pw = slide_place_pill(b, roles->label, tag, cx, y, end - cx, h, THEME_LABEL,
			    THEME_LABEL_TEXT);
	if (pw)
		cx += pw + gap;
	/* which way the next session's room is, right beside "Next" */
	pw = slide_place_arrow(b, arrow, cx, y, (end - cx) / 4, h,
			 on_panel ? THEME_PANEL_TEXT : THEME_TEXT);
	if (pw)
		cx += pw + gap;
	if (s && s->cancelled) {
		pw = slide_place_pill(b, roles->cancelled, cancelled, cx, y, end - cx, h, THEME_ALERT,
				THEME_ALERT_TEXT);
		if (pw)
			cx += pw + gap;
	}
	/* the override file's note: "Delayed by 15 min", "Moved from Main hall" */
	if (s && s->note && s->note[0] && !(s->cancelled && !strcmp(s->note, cancelled))) {
		pw = slide_place_pill(b, roles->note, s->note, cx, y, (end - cx) / 2, h, THEME_ALERT,
				THEME_ALERT_TEXT);
		if (pw)
			cx += pw + gap;
	}
	enum theme_colour_role sec = on_panel ? THEME_PANEL_SECONDARY : THEME_SECONDARY;
	enum theme_colour_role main = on_panel ? THEME_PANEL_TEXT : THEME_TEXT;
	if (right_text && *right_text) {
		struct slide_block r = {.role = roles->right, .text = right_text,
				  .size = t->sizes[THEME_SIZE_LABEL], .floor = SLIDE_TEXT_FLOOR,
				  .max_lines = 1, .x = cx + (end - cx) / 2, .y = y,
				  .w = (end - cx) - (end - cx) / 2, .h = h, .colour = sec,
				  .align = SLIDE_ALIGN_RIGHT, .center_v = true};
		struct slide_placed p = slide_place_text(b, &r);
		if (p.h)
			end = p.x - gap;
	}
	if (text && *text) {
		struct slide_block tb = {.role = roles->text, .text = text, .bold = roles->text_bold,
				   .size = t->sizes[THEME_SIZE_LABEL], .floor = SLIDE_TEXT_FLOOR,
				   .max_lines = 1, .x = cx, .y = y, .w = end - cx, .h = h,
				   .colour = roles->text_bold ? main : sec, .center_v = true};
		slide_place_text(b, &tb);
	}
	return h;
}

/*
 * The current session in its panel, top down: tags, title, speakers, "also now", progress.
 * The panel is as tall as what it holds (at most h), so next comes right under it. Returns
 * the panel's height.
 */
static int place_now(struct slide_builder *b, const struct slide_content *c, int x, int y, int w,
		     int h, size_t title_lines)
{
	const struct theme *t = b->theme;
	size_t panel = b->out->n_boxes;
	slide_add_rect(b, "now-panel", x, y, w, h, THEME_PANEL);
	if (b->out->n_boxes == panel)
		return 0;
	int pad = slide_px(b, 2.5), gap = slide_px(b, 1.5);
	const struct slide_session *s = c->n_now ? &c->now[0] : NULL;
	struct theme_colour track;
	size_t stripe = 0;
	if (s && theme_track_colour(t, s->track, &track)) {
		int sw = slide_px(b, 0.8);
		stripe = b->out->n_boxes;
		slide_add_rect_colour(b, "now-track", x, y, sw, h, track);
		x += sw;
		w -= sw;
	}
	int ix = x + pad, iw = w - 2 * pad, iy = y + pad, ib = y + h - pad;
	if (iw <= 0 || ib <= iy)
		return h;
	iy += place_tag_row(b, &now_roles, s, s ? s->when : words_get(c->words, WORD_NOW), NULL,
			    s ? s->times : "",
			    s ? s->left : "", true, ix, iy, iw) + gap;
	/* the session's QR code at the right, below the tags; the text keeps the rest */
	int qr_bottom = 0;
	if (s && c->qr_url && c->qr_in_now) {
		int side = qr_side(b, iw, ib - iy);
		if (side && place_qr(b, c, ix + iw - side, iy, side)) {
			iw -= side + gap;
			qr_bottom = iy + side;
		}
	}
	if (!s) {
		struct slide_block none = {.role = "now-none",
				     .text = words_get(c->words, c->n_next ? WORD_NOTHING_NOW
									    : WORD_NO_MORE),
				     .size = t->sizes[THEME_SIZE_NEXT_TITLE], .floor = SLIDE_TEXT_FLOOR,
				     .max_lines = 2, .x = ix, .y = iy, .w = iw, .h = ib - iy,
				     .colour = THEME_PANEL_SECONDARY};
		iy += slide_place_text(b, &none).h;
	} else {
		/* room kept under the title: two lines of speakers, "also now", the bar */
		int sp_px = slide_px(b, t->sizes[THEME_SIZE_SPEAKERS]);
		int also_h = c->n_now > 1
				     ? slide_line_height(b, false, slide_px(b, t->sizes[THEME_SIZE_AGENDA])) + gap
				     : 0;
		int bar_h = slide_px(b, 1.2);
		int bar = c->progress >= 0 && !s->ended ? bar_h + 2 * gap : 0;
		int sp_reserve = s->speakers[0] ? 2 * slide_line_height(b, false, sp_px) + gap / 2 : 0;
		int title_h = ib - iy - sp_reserve - also_h - bar;
		/* a session that has just ended stays for latecomers, quieter than a running one */
		struct slide_block title = {.role = "now-title", .text = s->title, .bold = t->bold_titles,
				      .size = s->ended ? t->sizes[THEME_SIZE_NEXT_TITLE]
						       : t->sizes[THEME_SIZE_TITLE],
				      .floor = SLIDE_TITLE_FLOOR, .max_lines = title_lines, .x = ix, .y = iy,
				      .w = iw, .h = title_h,
				      .colour = s->ended ? THEME_PANEL_SECONDARY : THEME_PANEL_TEXT,
				      .strike = s->cancelled};
		if (slide_line_height(b, title.bold, slide_px(b, SLIDE_TITLE_FLOOR)) > title_h) {
			/* a small screen: the title before the rest, and legible before 4 % */
			title.h = ib - iy;
			if (slide_line_height(b, title.bold, slide_px(b, SLIDE_TITLE_FLOOR)) > title.h)
				title.floor = SLIDE_TEXT_FLOOR;
		}
		iy += slide_place_text(b, &title).h;
		struct slide_block sp = {.role = "now-speakers", .text = s->speakers,
				   .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = SLIDE_TEXT_FLOOR + 0.5,
				   .max_lines = 2, .x = ix, .y = iy + gap / 2, .w = iw,
				   .h = ib - iy - gap / 2 - also_h - bar,
				   .colour = THEME_PANEL_SECONDARY, .strike = s->cancelled};
		struct slide_placed ps = slide_place_text(b, &sp);
		if (ps.h)
			iy += gap / 2 + ps.h;
		if (c->n_now > 1) {
			char also[600];
			words_format(c->words, also, sizeof also,
				     c->n_now > 2 ? WORD_ALSO_NOW_MORE : WORD_ALSO_NOW, c->now[1].title);
			struct slide_block a = {.role = "now-also", .text = also,
					  .size = t->sizes[THEME_SIZE_AGENDA], .floor = SLIDE_TEXT_FLOOR,
					  .max_lines = 1, .x = ix, .y = iy + gap, .w = iw,
					  .h = ib - iy - gap - bar, .colour = THEME_PANEL_SECONDARY};
			struct slide_placed pa = slide_place_text(b, &a);
			if (pa.h)
				iy += gap + pa.h;
		}
		if (bar && iy + bar <= ib) {
			int fill = (int)floor(iw * c->progress);
			slide_add_rect(b, "progress-track", ix, iy + 2 * gap, iw, bar_h,
				 THEME_PROGRESS_TRACK);
			slide_add_rect(b, "progress-fill", ix, iy + 2 * gap, fill, bar_h,
				 THEME_PROGRESS_FILL);
			iy += bar;
		}
	}
	if (iy < qr_bottom)
		iy = qr_bottom;
	int used = iy + pad - y;
	if (used < h) {
		b->out->boxes[panel].h = used;
		if (stripe)
			b->out->boxes[stripe].h = used;
	} else {
		used = h;
	}
	/* a panel the colour of the slide (high contrast) is outlined instead */
	const struct theme_colour *pc = &t->colours[THEME_PANEL], *bg = &t->colours[THEME_BACKGROUND];
	if (pc->r == bg->r && pc->g == bg->g && pc->b == bg->b) {
		const struct slide_box *p = &b->out->boxes[panel];
		int px = p->x, py = p->y, pw = p->w, ph = p->h, line = slide_px(b, 0.3);
		slide_add_rect(b, "now-outline", px, py, pw, line, THEME_RULE);
		slide_add_rect(b, "now-outline", px, py + ph - line, pw, line, THEME_RULE);
		slide_add_rect(b, "now-outline", px, py, line, ph, THEME_RULE);
		slide_add_rect(b, "now-outline", px + pw - line, py, line, ph, THEME_RULE);
	}
	return used;
}

/* The next session, on the background. Returns the height used. */
static int place_next(struct slide_builder *b, const struct slide_content *c, int x, int y, int w,
		      int h)
{
	const struct theme *t = b->theme;
	int gap = slide_px(b, 1.5), top = y, bottom = y + h;
	const struct slide_session *s = c->n_next ? &c->next[0] : NULL;
	int row = slide_pill_height(b);
	if (row > h)
		return 0;
	struct theme_colour track;
	if (s && theme_track_colour(t, s->track, &track)) {
		int sw = slide_px(b, 0.8);
		slide_add_rect_colour(b, "next-track", x, y, sw, h, track);
		x += sw + gap;
		w -= sw + gap;
	}
	y += place_tag_row(b, &next_roles, s, words_get(c->words, WORD_NEXT), c->next_direction,
			   s ? s->when : "", NULL, false, x, y, w) + gap;
	/* the next session's QR code (when nothing is on now), at the right below the tags */
	if (s && c->qr_url && !c->qr_in_now) {
		int side = qr_side(b, w, bottom - y);
		if (side && place_qr(b, c, x + w - side, y, side))
			w -= side + gap;
	}
	if (!s) {
		struct slide_block none = {.role = "next-none",
					   .text = words_get(c->words, WORD_NO_MORE),
				     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = SLIDE_TEXT_FLOOR,
				     .max_lines = 1, .x = x, .y = y, .w = w, .h = bottom - y,
				     .colour = THEME_SECONDARY};
		y += slide_place_text(b, &none).h;
		return y - top;
	}
	int sp_px = slide_px(b, t->sizes[THEME_SIZE_SPEAKERS] * 0.85);
	int sp_reserve = s->speakers[0] ? slide_line_height(b, false, sp_px) + gap : 0;
	int also_h = c->n_next > 1 ? slide_line_height(b, false, slide_px(b, t->sizes[THEME_SIZE_AGENDA])) : 0;
	int title_h = bottom - y - sp_reserve - also_h;
	struct slide_block title = {.role = "next-title", .text = s->title, .bold = t->bold_titles,
			      .size = t->sizes[THEME_SIZE_NEXT_TITLE], .floor = SLIDE_TEXT_FLOOR + 1,
			      .max_lines = 3, .x = x, .y = y, .w = w, .h = title_h,
			      .colour = THEME_TEXT, .strike = s->cancelled};
	struct slide_placed pt = slide_place_text(b, &title);
	y += pt.h + (pt.h ? gap / 2 : 0);
	struct slide_block sp = {.role = "next-speakers", .text = s->speakers,
			   .size = t->sizes[THEME_SIZE_SPEAKERS] * 0.85, .floor = SLIDE_TEXT_FLOOR,
			   .max_lines = 2, .x = x, .y = y, .w = w, .h = bottom - y - also_h,
			   .colour = THEME_SECONDARY, .strike = s->cancelled};
	y += slide_place_text(b, &sp).h;
	if (c->n_next > 1) {
		char also[600];
		words_format(c->words, also, sizeof also, c->n_next > 2 ? WORD_ALSO_MORE : WORD_ALSO,
			     c->next[1].title);
		struct slide_block a = {.role = "next-also", .text = also,
				  .size = t->sizes[THEME_SIZE_AGENDA], .floor = SLIDE_TEXT_FLOOR,
				  .max_lines = 1, .x = x, .y = y + gap / 2, .w = w,
				  .h = bottom - y - gap / 2, .colour = THEME_SECONDARY};
		struct slide_placed pa = slide_place_text(b, &a);
		if (pa.h)
			y += gap / 2 + pa.h;
	}
	return y - top;
}

/* "Later today": a rule, a heading, then one line per session. */
static void place_rows(struct slide_builder *b, const struct slide_content *c, int x, int y, int w,
		       int h, double size)
{
	const struct theme *t = b->theme;
	if (c->n_rows == 0)
		return;
	int bottom = y + h, gap = slide_px(b, 1.2);
	int rule = slide_px(b, 0.25);
	int head_px = slide_px(b, t->sizes[THEME_SIZE_SMALL]);
	int row_px = slide_px(b, size);
	int head_h = slide_line_height(b, true, head_px);
	int row_h = slide_line_height(b, false, row_px);
	if (rule + gap + head_h + gap + row_h > h)
		return;
	slide_add_rect(b, "rule", x, y, w, rule, THEME_RULE);
	y += rule + gap;
	struct slide_block head = {.role = "later-heading",
			     .text = c->rows_heading ? c->rows_heading
						     : words_get(c->words, WORD_LATER_TODAY),
			     .bold = true,
			     .size = t->sizes[THEME_SIZE_SMALL], .floor = SLIDE_TEXT_FLOOR,
			     .max_lines = 1, .x = x, .y = y, .w = w, .h = head_h,
			     .colour = THEME_SECONDARY};
	y += slide_place_text(b, &head).h + gap / 2;
	/* the widest time of the rows ("00:00", or "12:45 pm" on a 12-hour clock) */
	int time_w = slide_text_width(b, true, row_px, "00:00");
	for (size_t i = 0; i < c->n_rows; i++) {
		int tw = slide_text_width(b, true, row_px, c->rows[i].time);
		if (tw > time_w && tw < w / 3)
			time_w = tw;
	}
	time_w += slide_px(b, 2);
	for (size_t i = 0; i < c->n_rows && y + row_h <= bottom; i++) {
		const struct slide_row *r = &c->rows[i];
		struct slide_block tm = {.role = "later-time", .text = r->time, .bold = true,
				   .size = size, .floor = SLIDE_TEXT_FLOOR,
				   .max_lines = 1, .x = x, .y = y, .w = time_w - slide_px(b, 1),
				   .h = row_h, .colour = THEME_SECONDARY, .strike = r->cancelled};
		/* a long title takes a second line when there is room, else ends in "…" */
		int two = bottom - y >= 2 * row_h ? 2 * row_h : row_h;
		struct slide_block ti = {.role = "later-title", .text = r->title,
				   .size = size, .floor = size,
				   .max_lines = 2, .x = x + time_w, .y = y, .w = w - time_w,
				   .h = two, .colour = THEME_TEXT, .strike = r->cancelled};
		struct slide_placed a = slide_place_text(b, &tm), bb = slide_place_text(b, &ti);
		y += (a.h > bb.h ? a.h : bb.h) + gap / 2;
	}
}

/* Several rooms: one row each, room | now | next. */
static void place_rooms(struct slide_builder *b, const struct slide_content *c, int x, int y, int w,
			int h)
{
	const struct theme *t = b->theme;
	if (c->n_rooms == 0)
		return;
	int gap = slide_px(b, 1.5), rule = slide_px(b, 0.25);
	int col_room = w * 26 / 100, col_now = w * 38 / 100;
	int col_next = w - col_room - col_now;
	int ph = slide_pill_height(b);
	if (ph > h)
		return;
	slide_place_pill(b, "now-label", words_get(c->words, WORD_NOW), x + col_room, y,
			 col_now - gap, ph, THEME_LABEL,
		   THEME_LABEL_TEXT);
	slide_place_pill(b, "next-label", words_get(c->words, WORD_NEXT), x + col_room + col_now, y,
			 col_next, ph, THEME_LABEL,
		   THEME_LABEL_TEXT);
	y += ph + gap;
	int bottom = y + (h - ph - gap);
	int row_h = (bottom - y) / (int)c->n_rooms;
	int min_row = 2 * slide_line_height(b, false, slide_px(b, t->sizes[THEME_SIZE_AGENDA])) + gap + rule;
	if (row_h < min_row)
		row_h = min_row;
	/* one size for every row's title, the largest at which all of them fit */
	double now_size = t->sizes[THEME_SIZE_NEXT_TITLE];
	int now_px = 0;
	int th0 = row_h - rule - gap;
	for (size_t i = 0; i < c->n_rooms; i++) {
		struct slide_block probe = {.role = "rooms-now", .text = c->rooms[i].now,
				      .bold = t->bold_titles, .size = now_size, .floor = SLIDE_TEXT_FLOOR,
				      .max_lines = 2, .x = x + col_room, .y = y, .w = col_now - gap,
				      .h = th0};
		int px = slide_fitted_px(b, &probe);
		if (px && (!now_px || px < now_px))
			now_px = px;
	}
	if (now_px)
		now_size = now_px / b->u;
	for (size_t i = 0; i < c->n_rooms && y + row_h <= bottom; i++) {
		const struct slide_room_row *r = &c->rooms[i];
		slide_add_rect(b, "rule", x, y, w, rule, THEME_RULE);
		int ty = y + rule + gap / 2, th = row_h - rule - gap;
		/* the way to the room, before its name, larger than the name: seen from afar */
		int room_x = x;
		if (r->direction && *r->direction) {
			double size = t->sizes[THEME_SIZE_NEXT_TITLE] * 0.8 * 1.6;
			int ah = slide_line_height(b, true, slide_px(b, size));
			int aw = slide_place_arrow(b, r->direction, x, ty, (col_room - gap) / 3,
					     ah < th ? ah : th, THEME_TEXT);
			if (aw)
				room_x += aw + gap / 2;
		}
		struct slide_block room = {.role = "rooms-room", .text = r->room, .bold = true,
				     .size = t->sizes[THEME_SIZE_NEXT_TITLE] * 0.8,
				     .floor = SLIDE_TEXT_FLOOR,
				     .max_lines = 2, .x = room_x, .y = ty,
				     .w = x + col_room - gap - room_x,
				     .h = th, .colour = THEME_TEXT};
		struct slide_block now = {.role = "rooms-now", .text = r->now[0] ? r->now : "—",
				    .bold = t->bold_titles, .size = now_size,
				    .floor = now_px ? now_size : SLIDE_TEXT_FLOOR, .max_lines = 2,
				    .x = x + col_room, .y = ty,
				    .w = col_now - gap, .h = th, .colour = THEME_TEXT,
				    .strike = r->now_cancelled};
		struct slide_block next = {.role = "rooms-next", .text = r->next[0] ? r->next : "—",
				     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = SLIDE_TEXT_FLOOR,
				     .max_lines = 2, .x = x + col_room + col_now, .y = ty,
				     .w = col_next, .h = th, .colour = THEME_SECONDARY,
				     .strike = r->next_cancelled};
		slide_place_text(b, &room);
		slide_place_text(b, &now);
		slide_place_text(b, &next);
		y += row_h;
	}
}

/* The emergency takeover: the whole screen, title and text, nothing else. */
static void place_emergency(struct slide_builder *b, const struct slide_content *c,
			    const struct slide_screen *s, int margin)
{
	slide_add_rect_colour(b, "emergency", 0, 0, s->width, s->height, EMERGENCY_BACKGROUND);
	int left = margin, right = s->width - margin, top = margin, bottom = s->height - margin;
	size_t first = b->out->n_boxes;
	bool has_text = c->emergency_text && c->emergency_text[0];
	struct slide_block title = {.role = "emergency-title",
			      .text = c->emergency_title ? c->emergency_title : "", .bold = true,
			      .size = 12, .floor = SLIDE_TITLE_FLOOR, .max_lines = 3, .x = left,
			      .y = top, .w = right - left,
			      .h = has_text ? (bottom - top) * 45 / 100 : bottom - top,
			      .colour = THEME_TEXT};
	struct slide_placed pt = slide_place_text(b, &title);
	int y = top + pt.h;
	if (has_text) {
		y += slide_px(b, 4);
		struct slide_block text = {.role = "emergency-text", .text = c->emergency_text,
				     .size = 6, .floor = SLIDE_TEXT_FLOOR + 1, .max_lines = 8, .x = left,
				     .y = y, .w = right - left, .h = bottom - y, .colour = THEME_TEXT};
		y += slide_place_text(b, &text).h;
	}
	/* the whole message centred on the screen, where the eye goes first */
	int shift = (bottom - y) / 2;
	for (size_t i = first; i < b->out->n_boxes; i++) {
		b->out->boxes[i].colour = EMERGENCY_TEXT;
		b->out->boxes[i].y += shift > 0 ? shift : 0;
	}
}

/* The announcements: a band across the bottom, up to two lines. Returns its height. */
int slide_place_banner(struct slide_builder *b, const struct slide_content *c,
			const struct slide_screen *s, int margin)
{
	const struct theme *t = b->theme;
	int h = banner_height(b, c, s);
	if (h == 0)
		return 0;
	int pad = slide_px(b, 1.2);
	int lh = slide_line_height(b, true, slide_px(b, t->sizes[THEME_SIZE_SPEAKERS]));
	int top = s->height - h;
	slide_add_rect(b, "banner", 0, top, s->width, h, THEME_ALERT);
	struct slide_block text = {.role = "banner-text", .text = c->banner, .bold = true,
			     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = SLIDE_TEXT_FLOOR,
			     .max_lines = 2, .x = margin, .y = top + pad, .w = s->width - 2 * margin,
			     .h = 2 * lh, .colour = THEME_ALERT_TEXT, .center_v = true};
	slide_place_text(b, &text);
	return h;
}

/* slide_layout(); pages_only: the paged kinds stop once their pages are counted. */
static bool lay_out(const struct slide_content *c, const struct theme *t,
		    const struct slide_screen *s, const struct slide_metrics *metrics,
		    bool pages_only, struct slide_layout *out)
{
	memset(out, 0, sizeof *out);
	if (s->width < 64 || s->height < 64)
		return false;
	int shorter = s->width < s->height ? s->width : s->height;
	struct slide_builder b = {.theme = t, .words = c->words, .metrics = metrics, .out = out,
				  .u = shorter / 100.0, .pages_only = pages_only};
	out->width = s->width;
	out->height = s->height;
	if (c->qr_refused && !(out->qr_refused = strdup(c->qr_refused)))
		b.oom = true;
	out->page = out->pages = 1;
	out->slide = show_slide_name(c->slide);
	if (c->slide == SHOW_EMERGENCY) {	/* over everything, screen hours included */
		place_emergency(&b, c, s, slide_px(&b, t->sizes[THEME_SIZE_MARGIN]) + s->overscan);
		goto done;
	}
	if (c->slide == SHOW_OFF) {
		slide_add_rect_colour(&b, "blank", 0, 0, s->width, s->height, BLANK);
		goto done;
	}
	/* the deck's kinds: the rooms overview in pages (given its rows), agenda, announcement, image */
	void (*place_kind)(struct slide_builder *, const struct slide_content *,
			   const struct slide_screen *, int) =
		c->slide == SHOW_ROOMS && c->list ? slide_rooms_place
		: c->slide == SHOW_AGENDA	  ? slide_agenda_place
		: c->slide == SHOW_ANNOUNCEMENT	  ? slide_announcement_place
		: c->slide == SHOW_IMAGE	  ? slide_image_place
						  : NULL;
	if (place_kind) {
		place_kind(&b, c, s, slide_px(&b, t->sizes[THEME_SIZE_MARGIN]) + s->overscan);
		goto done;
	}

	int margin = slide_px(&b, t->sizes[THEME_SIZE_MARGIN]) + s->overscan;
	slide_place_frame(&b, c, s, margin, NULL);
	slide_place_banner(&b, c, s, margin);
	int gap = slide_px(&b, 2.5);
	int left = margin, right = s->width - margin, top, bottom;
	slide_body(&b, c, s, margin, &top, &bottom);
	if (right - left < 8 || bottom - top < 8)
		goto done;
	if (c->slide == SHOW_ROOMS) {
		place_rooms(&b, c, left, top, right - left, bottom - top);
		goto done;
	}
	if (c->slide == SHOW_PROGRAMME) {	/* no trusted clock: nothing is "now" */
		place_rows(&b, c, left, top, right - left, bottom - top,
			   t->sizes[THEME_SIZE_SPEAKERS] * 1.2);
		goto done;
	}
	/* the current session across the width, then next (and later today beside it on a
	   landscape screen, below it on a portrait one) */
	bool landscape = s->width * 5 >= s->height * 6;
	/* a narrow portrait panel takes a long title in more lines before cutting it */
	int now_h = place_now(&b, c, left, top, right - left, (bottom - top) * 52 / 100,
			      landscape ? 4 : 6);
	int y = top + now_h + gap;
	if (landscape && c->n_rows) {
		int next_w = (right - left - 2 * gap) * 55 / 100;
		place_next(&b, c, left, y, next_w, bottom - y);
		int rx = left + next_w + 2 * gap;
		place_rows(&b, c, rx, y, right - rx, bottom - y, t->sizes[THEME_SIZE_AGENDA]);
	} else {
		int next_h = c->n_rows ? (bottom - y) * 60 / 100 : bottom - y;
		int used = place_next(&b, c, left, y, right - left, next_h);
		int ry = y + used + gap;
		/* below next, across the width: room for the speakers' size */
		place_rows(&b, c, left, ry, right - left, bottom - ry,
			   landscape ? t->sizes[THEME_SIZE_AGENDA] : t->sizes[THEME_SIZE_SPEAKERS]);
	}
done:
	if (b.oom) {
		slide_layout_finish(out);
		return false;
	}
	return true;
}

bool slide_layout(const struct slide_content *c, const struct theme *t,
		  const struct slide_screen *s, const struct slide_metrics *metrics,
		  struct slide_layout *out)
{
	return lay_out(c, t, s, metrics, false, out);
}

bool slide_role_changes_by_minute(const char *role)
{
	static const char *const by_minute[] = {"clock", "now-left", "next-when"};
	for (size_t i = 0; i < sizeof by_minute / sizeof by_minute[0]; i++)
		if (!strcmp(role, by_minute[i]))
			return true;
	return false;
}

int slide_pages(const struct slide_content *c, const struct theme *t,
		const struct slide_screen *s, const struct slide_metrics *metrics)
{
	struct slide_layout l;
	if (!lay_out(c, t, s, metrics, true, &l))
		return 0;
	int pages = l.pages;
	slide_layout_finish(&l);
	return pages;
}

void slide_layout_finish(struct slide_layout *layout)
{
	if (!layout)
		return;
	for (size_t i = 0; i < layout->n_boxes; i++)
		if (layout->boxes[i].kind == SLIDE_BOX_TEXT ||
		    (layout->boxes[i].kind == SLIDE_BOX_IMAGE &&
		     layout->boxes[i].image == SLIDE_IMAGE_QR))
			free((char *)layout->boxes[i].text);
		else if (layout->boxes[i].kind == SLIDE_BOX_IMAGE)
			free((char *)layout->boxes[i].source);
	free(layout->boxes);
	free(layout->qr_refused);
	memset(layout, 0, sizeof *layout);
}

static const char *kind_name(enum slide_box_kind kind)
{
	switch (kind) {
	case SLIDE_BOX_TEXT:
		return "text";
	case SLIDE_BOX_RECT:
		return "rect";
	case SLIDE_BOX_IMAGE:
		return "image";
	}
	return "?";
}

/* A JSON string of s; bytes that are not UTF-8 (a feed's mistake) become U+FFFD. */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t len = strlen(s), n = 0;
	char *clean = malloc(len * 3 + 1);
	if (!clean)
		return NULL;
	for (size_t pos = 0; pos < len;) {
		size_t start = pos;
		uint32_t cp = script_decode_utf8(s, len, &pos);
		if (cp == SCRIPT_REPLACEMENT_CHAR) {
			memcpy(clean + n, "\xEF\xBF\xBD", 3);
			n += 3;
		} else {
			memcpy(clean + n, s + start, pos - start);
			n += pos - start;
		}
	}
	j = json_stringn(clean, n);
	free(clean);
	return j;
}

char *slide_layout_json(const struct slide_layout *l)
{
	json_t *root = json_object(), *boxes = json_array();
	if (!root || !boxes) {
		json_decref(root);
		json_decref(boxes);
		return NULL;
	}
	json_object_set_new(root, "width", json_integer(l->width));
	json_object_set_new(root, "height", json_integer(l->height));
	json_object_set_new(root, "slide", json_string(l->slide ? l->slide : ""));
	if (l->pages > 1) {
		json_object_set_new(root, "page", json_integer(l->page));
		json_object_set_new(root, "pages", json_integer(l->pages));
	}
	for (size_t i = 0; i < l->n_boxes; i++) {
		const struct slide_box *bx = &l->boxes[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(kind_name(bx->kind)));
		json_object_set_new(o, "role", json_string(bx->role));
		if (bx->kind == SLIDE_BOX_TEXT) {
			char font[THEME_MAX_NAME + 8];
			snprintf(font, sizeof font, "%s%s", bx->font.family,
				 bx->font.bold ? " Bold" : "");
			json_object_set_new(o, "text", json_text(bx->text));
			json_object_set_new(o, "font", json_string(font));
			json_object_set_new(o, "px", json_integer(bx->font.px));
			if (bx->ellipsis)
				json_object_set_new(o, "ellipsis", json_true());
			if (bx->strike)
				json_object_set_new(o, "strike", json_true());
		}
		json_object_set_new(o, "x", json_integer(bx->x));
		json_object_set_new(o, "y", json_integer(bx->y));
		json_object_set_new(o, "w", json_integer(bx->w));
		json_object_set_new(o, "h", json_integer(bx->h));
		if (bx->kind != SLIDE_BOX_IMAGE) {
			char colour[8];
			snprintf(colour, sizeof colour, "#%02x%02x%02x", bx->colour.r,
				 bx->colour.g, bx->colour.b);
			json_object_set_new(o, "colour", json_string(colour));
		} else {
			static const char *const images[] = {"logo", "background", "file", "qr"};
			json_object_set_new(o, "image", json_string(images[bx->image]));
			if (bx->source)
				json_object_set_new(o, "source", json_text(bx->source));
			if (bx->image == SLIDE_IMAGE_QR)
				json_object_set_new(o, "text", json_text(bx->text));
		}
		json_array_append_new(boxes, o);
	}
	json_object_set_new(root, "boxes", boxes);
	char *s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return s;
}
