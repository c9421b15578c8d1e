/*
 * slide.c — the layout engine; see slide.h for the contract.
 *
 * The screen is cut into regions from the top down, and every text block is fitted inside
 * the region it was given (place_text()), so no two text boxes can overlap and none can
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

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "text_script.h"
#include "text_wrap.h"

#define MAX_LINES 8
#define TITLE_FLOOR 4.0		/* percent: the current title */
#define TEXT_FLOOR 2.0		/* percent: every text */

/* The emergency takeover ignores the theme: high contrast on every screen (8.4:1). */
static const struct theme_colour EMERGENCY_BACKGROUND = {0xA0, 0x00, 0x00};
static const struct theme_colour EMERGENCY_TEXT = {0xFF, 0xFF, 0xFF};
static const struct theme_colour BLANK = {0, 0, 0};

enum align { ALIGN_LEFT, ALIGN_RIGHT };

struct builder {
	const struct theme *theme;
	const struct slide_metrics *metrics;
	struct slide_layout *out;
	double u;		/* 1 % of the shorter side, in px */
	bool oom;
};

/* A text to fit into a region. */
struct block {
	const char *role;
	const char *text;
	bool bold;
	double size;		/* the largest size, percent */
	double floor;		/* the smallest, percent */
	size_t max_lines;
	int x, y, w, h;
	enum theme_colour_role colour;
	bool strike;
	enum align align;
	bool center_v;		/* centre the lines vertically in the region */
};

/* What place_text() used. */
struct placed {
	int h;			/* height of the lines */
	int w;			/* width of the widest line */
	int x;			/* left of the leftmost line */
};

static int px_of(const struct builder *b, double percent)
{
	int px = (int)lround(percent * b->u);
	return px < 1 ? 1 : px;
}

static struct slide_box *add_box(struct builder *b, enum slide_box_kind kind, const char *role,
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

static void add_rect(struct builder *b, const char *role, int x, int y, int w, int h,
		     enum theme_colour_role colour)
{
	struct slide_box *box = add_box(b, SLIDE_BOX_RECT, role, x, y, w, h);
	if (box)
		box->colour = b->theme->colours[colour];
}

static void add_rect_colour(struct builder *b, const char *role, int x, int y, int w, int h,
			    struct theme_colour colour)
{
	struct slide_box *box = add_box(b, SLIDE_BOX_RECT, role, x, y, w, h);
	if (box)
		box->colour = colour;
}

struct measure_ctx {
	const struct builder *b;
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

static int line_height(const struct builder *b, bool bold, int px)
{
	struct measure_ctx mc = {b, bold};
	return fit_line_height(&mc, px);
}

static int text_width(const struct builder *b, bool bold, int px, const char *s)
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
static struct placed place_text(struct builder *b, const struct block *blk)
{
	struct placed p = {0, 0, blk->x};
	size_t len = blk->text ? strlen(blk->text) : 0;
	if (len == 0 || blk->w <= 0 || blk->h <= 0 || blk->max_lines == 0)
		return p;
	int max_px = px_of(b, blk->size), min_px = px_of(b, blk->floor);
	if (min_px > max_px)
		min_px = max_px;
	if (line_height(b, blk->bold, min_px) > blk->h)
		return p;
	struct measure_ctx mc = {b, blk->bold};
	struct wrap_fit_metrics fm = {fit_width, fit_line_height};
	struct wrap_line lines[MAX_LINES];
	size_t n = 0, max_lines = blk->max_lines < MAX_LINES ? blk->max_lines : MAX_LINES;
	/* at the floor size, as many lines as the height holds: the ellipsis goes on the last */
	size_t fit_lines = (size_t)(blk->h / line_height(b, blk->bold, min_px));
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
		bool right = blk->align == ALIGN_RIGHT || script_is_rtl(blk->text, len);
		int x = right ? blk->x + blk->w - w : blk->x;
		struct slide_box *box = add_box(b, SLIDE_BOX_TEXT, blk->role, x, y, w, lh);
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

/* The size place_text() would give blk (0: none), without placing anything. */
static int fitted_px(struct builder *b, const struct block *blk)
{
	size_t before = b->out->n_boxes;
	struct placed p = place_text(b, blk);
	int px = p.h ? b->out->boxes[before].font.px : 0;
	while (b->out->n_boxes > before)
		free((char *)b->out->boxes[--b->out->n_boxes].text);
	return px;
}

/* A tag such as "Now": a filled rectangle with the text inside. Returns its width. */
static int place_pill(struct builder *b, const char *role, const char *text, int x, int y,
		      int max_w, int h, enum theme_colour_role bg, enum theme_colour_role fg)
{
	int px = px_of(b, b->theme->sizes[THEME_SIZE_LABEL]);
	int pad = px_of(b, 1.0);
	int w = text_width(b, true, px, text) + 2 * pad;
	if (w > max_w)
		w = max_w;
	if (w <= 2 * pad)
		return 0;
	size_t before = b->out->n_boxes;
	add_rect(b, role, x, y, w, h, bg);
	struct block blk = {.role = role, .text = text, .bold = true,
			    .size = b->theme->sizes[THEME_SIZE_LABEL], .floor = TEXT_FLOOR,
			    .max_lines = 1, .x = x + pad, .y = y, .w = w - 2 * pad, .h = h,
			    .colour = fg, .center_v = true};
	struct placed p = place_text(b, &blk);
	if (p.h == 0) {	/* no room for the text: no empty tag either */
		b->out->n_boxes = before;
		return 0;
	}
	return w;
}

static int pill_height(const struct builder *b)
{
	int px = px_of(b, b->theme->sizes[THEME_SIZE_LABEL]);
	return line_height(b, true, px) + px_of(b, 0.8);
}

/*
 * An alert pill in the header, right-aligned against `right` and at most half the free
 * width; returns the new right edge (left of the pill and its gap, or unchanged when the
 * pill did not fit).
 */
static int place_header_pill(struct builder *b, const char *role, const char *text, int left,
			     int right, int top, int inner, int gap)
{
	int ph = pill_height(b);
	int px = px_of(b, b->theme->sizes[THEME_SIZE_LABEL]);
	int w = text_width(b, true, px, text) + 2 * px_of(b, 1.0);
	int max_w = (right - left) / 2;
	if (w > max_w)
		w = max_w;
	int pw = place_pill(b, role, text, right - w, top + (inner - ph) / 2, w, ph, THEME_ALERT,
			    THEME_ALERT_TEXT);
	return pw ? right - pw - gap : right;
}

static void place_header(struct builder *b, const struct slide_content *c,
			 const struct slide_screen *s, int margin, int *header_bottom)
{
	const struct theme *t = b->theme;
	int pad = px_of(b, 1.6);
	int clock_px = px_of(b, t->sizes[THEME_SIZE_CLOCK]);
	int room_px = px_of(b, t->sizes[THEME_SIZE_ROOM]);
	int inner = line_height(b, true, clock_px);
	if (line_height(b, true, room_px) > inner)
		inner = line_height(b, true, room_px);
	int top = s->overscan + pad;
	int bottom = top + inner + pad;
	add_rect(b, "header", 0, 0, s->width, bottom, THEME_HEADER);
	int left = margin, right = s->width - margin, gap = px_of(b, 2);

	struct block clock = {.role = "clock", .text = c->clock, .bold = true,
			      .size = t->sizes[THEME_SIZE_CLOCK], .floor = TEXT_FLOOR,
			      .max_lines = 1, .x = left, .y = top, .w = right - left, .h = inner,
			      .colour = THEME_HEADER_TEXT, .align = ALIGN_RIGHT, .center_v = true};
	struct placed pc = place_text(b, &clock);
	if (pc.h)
		right = pc.x - gap;

	if (c->stale)
		right = place_header_pill(b, "stale", c->stale, left, right, top, inner, gap);
	if (c->room_flag)	/* "Room full": where people look for the room's name */
		right = place_header_pill(b, "room-flag", c->room_flag, left, right, top, inner, gap);
	if (!c->stale && (c->room[0] || c->n_rooms)) {
		struct block date = {.role = "date", .text = c->date,
				     .size = t->sizes[THEME_SIZE_SMALL], .floor = TEXT_FLOOR,
				     .max_lines = 1, .x = left + (right - left) / 2, .y = top,
				     .w = (right - left) / 2, .h = inner,
				     .colour = THEME_HEADER_TEXT, .align = ALIGN_RIGHT,
				     .center_v = true};
		struct placed pd = place_text(b, &date);
		if (pd.h)
			right = pd.x - gap;
	}

	if (s->logo_aspect > 0) {
		int lh = inner, lw = (int)lround(inner * s->logo_aspect);
		if (lw > (right - left) / 3) {
			lw = (right - left) / 3;
			lh = (int)lround(lw / s->logo_aspect);
		}
		struct slide_box *box = add_box(b, SLIDE_BOX_IMAGE, "logo", left,
						top + (inner - lh) / 2, lw, lh);
		if (box) {
			box->image = SLIDE_IMAGE_LOGO;
			left += lw + gap;
		}
	}

	/* the room; a screen for the whole venue (no room name) shows the date there instead */
	const char *title = c->room[0] ? c->room : c->n_rooms ? "Now and next" : c->date;
	struct block room = {.role = c->room[0] || c->n_rooms ? "room" : "date", .text = title,
			     .bold = true, .size = t->sizes[THEME_SIZE_ROOM], .floor = TEXT_FLOOR,
			     .max_lines = 1, .x = left, .y = top, .w = right - left, .h = inner,
			     .colour = THEME_HEADER_TEXT, .center_v = true};
	place_text(b, &room);
	*header_bottom = bottom;
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

static int place_tag_row(struct builder *b, const struct tag_roles *roles,
			 const struct slide_session *s, const char *tag, const char *text,
			 const char *right_text, bool on_panel, int x, int y, int w)
{
	const struct theme *t = b->theme;
	int h = pill_height(b), gap = px_of(b, 1.5);
	int cx = x, end = x + w;
	int pw = place_pill(b, roles->label, tag, cx, y, end - cx, h, THEME_LABEL,
			    THEME_LABEL_TEXT);
	if (pw)
		cx += pw + gap;
	if (s && s->cancelled) {
		pw = place_pill(b, roles->cancelled, "Cancelled", cx, y, end - cx, h, THEME_ALERT,
				THEME_ALERT_TEXT);
		if (pw)
			cx += pw + gap;
	}
	/* the override file's note: "Delayed by 15 min", "Moved from Main hall" */
	if (s && s->note && s->note[0] && !(s->cancelled && !strcmp(s->note, "Cancelled"))) {
		pw = place_pill(b, roles->note, s->note, cx, y, (end - cx) / 2, h, THEME_ALERT,
				THEME_ALERT_TEXT);
		if (pw)
			cx += pw + gap;
	}
	enum theme_colour_role sec = on_panel ? THEME_PANEL_SECONDARY : THEME_SECONDARY;
	enum theme_colour_role main = on_panel ? THEME_PANEL_TEXT : THEME_TEXT;
	if (right_text && *right_text) {
		struct block r = {.role = roles->right, .text = right_text,
				  .size = t->sizes[THEME_SIZE_LABEL], .floor = TEXT_FLOOR,
				  .max_lines = 1, .x = cx + (end - cx) / 2, .y = y,
				  .w = (end - cx) - (end - cx) / 2, .h = h, .colour = sec,
				  .align = ALIGN_RIGHT, .center_v = true};
		struct placed p = place_text(b, &r);
		if (p.h)
			end = p.x - gap;
	}
	if (text && *text) {
		struct block tb = {.role = roles->text, .text = text, .bold = roles->text_bold,
				   .size = t->sizes[THEME_SIZE_LABEL], .floor = TEXT_FLOOR,
				   .max_lines = 1, .x = cx, .y = y, .w = end - cx, .h = h,
				   .colour = roles->text_bold ? main : sec, .center_v = true};
		place_text(b, &tb);
	}
	return h;
}

/*
 * The current session in its panel, top down: tags, title, speakers, "also now", progress.
 * The panel is as tall as what it holds (at most h), so next comes right under it. Returns
 * the panel's height.
 */
static int place_now(struct builder *b, const struct slide_content *c, int x, int y, int w,
		     int h, size_t title_lines)
{
	const struct theme *t = b->theme;
	size_t panel = b->out->n_boxes;
	add_rect(b, "now-panel", x, y, w, h, THEME_PANEL);
	if (b->out->n_boxes == panel)
		return 0;
	int pad = px_of(b, 2.5), gap = px_of(b, 1.5);
	const struct slide_session *s = c->n_now ? &c->now[0] : NULL;
	struct theme_colour track;
	size_t stripe = 0;
	if (s && theme_track_colour(t, s->track, &track)) {
		int sw = px_of(b, 0.8);
		stripe = b->out->n_boxes;
		add_rect_colour(b, "now-track", x, y, sw, h, track);
		x += sw;
		w -= sw;
	}
	int ix = x + pad, iw = w - 2 * pad, iy = y + pad, ib = y + h - pad;
	if (iw <= 0 || ib <= iy)
		return h;
	iy += place_tag_row(b, &now_roles, s, s ? s->when : "Now", s ? s->times : "",
			    s ? s->left : "", true, ix, iy, iw) + gap;
	if (!s) {
		struct block none = {.role = "now-none",
				     .text = c->n_next ? "Nothing on right now" : "No more sessions",
				     .size = t->sizes[THEME_SIZE_NEXT_TITLE], .floor = TEXT_FLOOR,
				     .max_lines = 2, .x = ix, .y = iy, .w = iw, .h = ib - iy,
				     .colour = THEME_PANEL_SECONDARY};
		iy += place_text(b, &none).h;
	} else {
		/* room kept under the title: two lines of speakers, "also now", the bar */
		int sp_px = px_of(b, t->sizes[THEME_SIZE_SPEAKERS]);
		int also_h = c->n_now > 1
				     ? line_height(b, false, px_of(b, t->sizes[THEME_SIZE_AGENDA])) + gap
				     : 0;
		int bar_h = px_of(b, 1.2);
		int bar = c->progress >= 0 && !s->ended ? bar_h + 2 * gap : 0;
		int sp_reserve = s->speakers[0] ? 2 * line_height(b, false, sp_px) + gap / 2 : 0;
		int title_h = ib - iy - sp_reserve - also_h - bar;
		/* a session that has just ended stays for latecomers, quieter than a running one */
		struct block title = {.role = "now-title", .text = s->title, .bold = t->bold_titles,
				      .size = s->ended ? t->sizes[THEME_SIZE_NEXT_TITLE]
						       : t->sizes[THEME_SIZE_TITLE],
				      .floor = TITLE_FLOOR, .max_lines = title_lines, .x = ix, .y = iy,
				      .w = iw, .h = title_h,
				      .colour = s->ended ? THEME_PANEL_SECONDARY : THEME_PANEL_TEXT,
				      .strike = s->cancelled};
		if (line_height(b, title.bold, px_of(b, TITLE_FLOOR)) > title_h) {
			/* a small screen: the title before the rest, and legible before 4 % */
			title.h = ib - iy;
			if (line_height(b, title.bold, px_of(b, TITLE_FLOOR)) > title.h)
				title.floor = TEXT_FLOOR;
		}
		iy += place_text(b, &title).h;
		struct block sp = {.role = "now-speakers", .text = s->speakers,
				   .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = TEXT_FLOOR + 0.5,
				   .max_lines = 2, .x = ix, .y = iy + gap / 2, .w = iw,
				   .h = ib - iy - gap / 2 - also_h - bar,
				   .colour = THEME_PANEL_SECONDARY, .strike = s->cancelled};
		struct placed ps = place_text(b, &sp);
		if (ps.h)
			iy += gap / 2 + ps.h;
		if (c->n_now > 1) {
			char also[600];
			snprintf(also, sizeof also, "Also now: %s%s", c->now[1].title,
				 c->n_now > 2 ? " and more" : "");
			struct block a = {.role = "now-also", .text = also,
					  .size = t->sizes[THEME_SIZE_AGENDA], .floor = TEXT_FLOOR,
					  .max_lines = 1, .x = ix, .y = iy + gap, .w = iw,
					  .h = ib - iy - gap - bar, .colour = THEME_PANEL_SECONDARY};
			struct placed pa = place_text(b, &a);
			if (pa.h)
				iy += gap + pa.h;
		}
		if (bar && iy + bar <= ib) {
			int fill = (int)floor(iw * c->progress);
			add_rect(b, "progress-track", ix, iy + 2 * gap, iw, bar_h,
				 THEME_PROGRESS_TRACK);
			add_rect(b, "progress-fill", ix, iy + 2 * gap, fill, bar_h,
				 THEME_PROGRESS_FILL);
			iy += bar;
		}
	}
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
		int px = p->x, py = p->y, pw = p->w, ph = p->h, line = px_of(b, 0.3);
		add_rect(b, "now-outline", px, py, pw, line, THEME_RULE);
		add_rect(b, "now-outline", px, py + ph - line, pw, line, THEME_RULE);
		add_rect(b, "now-outline", px, py, line, ph, THEME_RULE);
		add_rect(b, "now-outline", px + pw - line, py, line, ph, THEME_RULE);
	}
	return used;
}

/* The next session, on the background. Returns the height used. */
static int place_next(struct builder *b, const struct slide_content *c, int x, int y, int w,
		      int h)
{
	const struct theme *t = b->theme;
	int gap = px_of(b, 1.5), top = y, bottom = y + h;
	const struct slide_session *s = c->n_next ? &c->next[0] : NULL;
	int row = pill_height(b);
	if (row > h)
		return 0;
	struct theme_colour track;
	if (s && theme_track_colour(t, s->track, &track)) {
		int sw = px_of(b, 0.8);
		add_rect_colour(b, "next-track", x, y, sw, h, track);
		x += sw + gap;
		w -= sw + gap;
	}
	y += place_tag_row(b, &next_roles, s, "Next", s ? s->when : "", NULL, false, x, y, w) + gap;
	if (!s) {
		struct block none = {.role = "next-none", .text = "No more sessions",
				     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = TEXT_FLOOR,
				     .max_lines = 1, .x = x, .y = y, .w = w, .h = bottom - y,
				     .colour = THEME_SECONDARY};
		y += place_text(b, &none).h;
		return y - top;
	}
	int sp_px = px_of(b, t->sizes[THEME_SIZE_SPEAKERS] * 0.85);
	int sp_reserve = s->speakers[0] ? line_height(b, false, sp_px) + gap : 0;
	int also_h = c->n_next > 1 ? line_height(b, false, px_of(b, t->sizes[THEME_SIZE_AGENDA])) : 0;
	int title_h = bottom - y - sp_reserve - also_h;
	struct block title = {.role = "next-title", .text = s->title, .bold = t->bold_titles,
			      .size = t->sizes[THEME_SIZE_NEXT_TITLE], .floor = TEXT_FLOOR + 1,
			      .max_lines = 3, .x = x, .y = y, .w = w, .h = title_h,
			      .colour = THEME_TEXT, .strike = s->cancelled};
	struct placed pt = place_text(b, &title);
	y += pt.h + (pt.h ? gap / 2 : 0);
	struct block sp = {.role = "next-speakers", .text = s->speakers,
			   .size = t->sizes[THEME_SIZE_SPEAKERS] * 0.85, .floor = TEXT_FLOOR,
			   .max_lines = 2, .x = x, .y = y, .w = w, .h = bottom - y - also_h,
			   .colour = THEME_SECONDARY, .strike = s->cancelled};
	y += place_text(b, &sp).h;
	if (c->n_next > 1) {
		char also[600];
		snprintf(also, sizeof also, "Also: %s%s", c->next[1].title,
			 c->n_next > 2 ? " and more" : "");
		struct block a = {.role = "next-also", .text = also,
				  .size = t->sizes[THEME_SIZE_AGENDA], .floor = TEXT_FLOOR,
				  .max_lines = 1, .x = x, .y = y + gap / 2, .w = w,
				  .h = bottom - y - gap / 2, .colour = THEME_SECONDARY};
		struct placed pa = place_text(b, &a);
		if (pa.h)
			y += gap / 2 + pa.h;
	}
	return y - top;
}

/* "Later today": a rule, a heading, then one line per session. */
static void place_rows(struct builder *b, const struct slide_content *c, int x, int y, int w,
		       int h, double size)
{
	const struct theme *t = b->theme;
	if (c->n_rows == 0)
		return;
	int bottom = y + h, gap = px_of(b, 1.2);
	int rule = px_of(b, 0.25);
	int head_px = px_of(b, t->sizes[THEME_SIZE_SMALL]);
	int row_px = px_of(b, size);
	int head_h = line_height(b, true, head_px);
	int row_h = line_height(b, false, row_px);
	if (rule + gap + head_h + gap + row_h > h)
		return;
	add_rect(b, "rule", x, y, w, rule, THEME_RULE);
	y += rule + gap;
	struct block head = {.role = "later-heading",
			     .text = c->rows_heading ? c->rows_heading : "Later today", .bold = true,
			     .size = t->sizes[THEME_SIZE_SMALL], .floor = TEXT_FLOOR,
			     .max_lines = 1, .x = x, .y = y, .w = w, .h = head_h,
			     .colour = THEME_SECONDARY};
	y += place_text(b, &head).h + gap / 2;
	int time_w = text_width(b, true, row_px, "00:00") + px_of(b, 2);
	for (size_t i = 0; i < c->n_rows && y + row_h <= bottom; i++) {
		const struct slide_row *r = &c->rows[i];
		struct block tm = {.role = "later-time", .text = r->time, .bold = true,
				   .size = size, .floor = TEXT_FLOOR,
				   .max_lines = 1, .x = x, .y = y, .w = time_w - px_of(b, 1),
				   .h = row_h, .colour = THEME_SECONDARY, .strike = r->cancelled};
		/* a long title takes a second line when there is room, else ends in "…" */
		int two = bottom - y >= 2 * row_h ? 2 * row_h : row_h;
		struct block ti = {.role = "later-title", .text = r->title,
				   .size = size, .floor = size,
				   .max_lines = 2, .x = x + time_w, .y = y, .w = w - time_w,
				   .h = two, .colour = THEME_TEXT, .strike = r->cancelled};
		struct placed a = place_text(b, &tm), bb = place_text(b, &ti);
		y += (a.h > bb.h ? a.h : bb.h) + gap / 2;
	}
}

/* Several rooms: one row each, room | now | next. */
static void place_rooms(struct builder *b, const struct slide_content *c, int x, int y, int w,
			int h)
{
	const struct theme *t = b->theme;
	if (c->n_rooms == 0)
		return;
	int gap = px_of(b, 1.5), rule = px_of(b, 0.25);
	int col_room = w * 26 / 100, col_now = w * 38 / 100;
	int col_next = w - col_room - col_now;
	int ph = pill_height(b);
	if (ph > h)
		return;
	place_pill(b, "now-label", "Now", x + col_room, y, col_now - gap, ph, THEME_LABEL,
		   THEME_LABEL_TEXT);
	place_pill(b, "next-label", "Next", x + col_room + col_now, y, col_next, ph, THEME_LABEL,
		   THEME_LABEL_TEXT);
	y += ph + gap;
	int bottom = y + (h - ph - gap);
	int row_h = (bottom - y) / (int)c->n_rooms;
	int min_row = 2 * line_height(b, false, px_of(b, t->sizes[THEME_SIZE_AGENDA])) + gap + rule;
	if (row_h < min_row)
		row_h = min_row;
	/* one size for every row's title, the largest at which all of them fit */
	double now_size = t->sizes[THEME_SIZE_NEXT_TITLE];
	int now_px = 0;
	int th0 = row_h - rule - gap;
	for (size_t i = 0; i < c->n_rooms; i++) {
		struct block probe = {.role = "rooms-now", .text = c->rooms[i].now,
				      .bold = t->bold_titles, .size = now_size, .floor = TEXT_FLOOR,
				      .max_lines = 2, .x = x + col_room, .y = y, .w = col_now - gap,
				      .h = th0};
		int px = fitted_px(b, &probe);
		if (px && (!now_px || px < now_px))
			now_px = px;
	}
	if (now_px)
		now_size = now_px / b->u;
	for (size_t i = 0; i < c->n_rooms && y + row_h <= bottom; i++) {
		const struct slide_room_row *r = &c->rooms[i];
		add_rect(b, "rule", x, y, w, rule, THEME_RULE);
		int ty = y + rule + gap / 2, th = row_h - rule - gap;
		struct block room = {.role = "rooms-room", .text = r->room, .bold = true,
				     .size = t->sizes[THEME_SIZE_NEXT_TITLE] * 0.8,
				     .floor = TEXT_FLOOR,
				     .max_lines = 2, .x = x, .y = ty, .w = col_room - gap,
				     .h = th, .colour = THEME_TEXT};
		struct block now = {.role = "rooms-now", .text = r->now[0] ? r->now : "—",
				    .bold = t->bold_titles, .size = now_size,
				    .floor = now_px ? now_size : TEXT_FLOOR, .max_lines = 2,
				    .x = x + col_room, .y = ty,
				    .w = col_now - gap, .h = th, .colour = THEME_TEXT,
				    .strike = r->now_cancelled};
		struct block next = {.role = "rooms-next", .text = r->next[0] ? r->next : "—",
				     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = TEXT_FLOOR,
				     .max_lines = 2, .x = x + col_room + col_now, .y = ty,
				     .w = col_next, .h = th, .colour = THEME_SECONDARY,
				     .strike = r->next_cancelled};
		place_text(b, &room);
		place_text(b, &now);
		place_text(b, &next);
		y += row_h;
	}
}

/* The emergency takeover: the whole screen, title and text, nothing else. */
static void place_emergency(struct builder *b, const struct slide_content *c,
			    const struct slide_screen *s, int margin)
{
	add_rect_colour(b, "emergency", 0, 0, s->width, s->height, EMERGENCY_BACKGROUND);
	int left = margin, right = s->width - margin, top = margin, bottom = s->height - margin;
	size_t first = b->out->n_boxes;
	bool has_text = c->emergency_text && c->emergency_text[0];
	struct block title = {.role = "emergency-title",
			      .text = c->emergency_title ? c->emergency_title : "", .bold = true,
			      .size = 12, .floor = TITLE_FLOOR, .max_lines = 3, .x = left,
			      .y = top, .w = right - left,
			      .h = has_text ? (bottom - top) * 45 / 100 : bottom - top,
			      .colour = THEME_TEXT};
	struct placed pt = place_text(b, &title);
	int y = top + pt.h;
	if (has_text) {
		y += px_of(b, 4);
		struct block text = {.role = "emergency-text", .text = c->emergency_text,
				     .size = 6, .floor = TEXT_FLOOR + 1, .max_lines = 8, .x = left,
				     .y = y, .w = right - left, .h = bottom - y, .colour = THEME_TEXT};
		y += place_text(b, &text).h;
	}
	/* the whole message centred on the screen, where the eye goes first */
	int shift = (bottom - y) / 2;
	for (size_t i = first; i < b->out->n_boxes; i++) {
		b->out->boxes[i].colour = EMERGENCY_TEXT;
		b->out->boxes[i].y += shift > 0 ? shift : 0;
	}
}

/* The announcements: a band across the bottom, up to two lines. Returns its height. */
static int place_banner(struct builder *b, const struct slide_content *c,
			const struct slide_screen *s, int margin)
{
	const struct theme *t = b->theme;
	if (!c->banner || !c->banner[0])
		return 0;
	int pad = px_of(b, 1.2);
	int lh = line_height(b, true, px_of(b, t->sizes[THEME_SIZE_SPEAKERS]));
	int h = 2 * lh + 2 * pad + s->overscan;
	if (h > s->height / 3)
		return 0;
	int top = s->height - h;
	add_rect(b, "banner", 0, top, s->width, h, THEME_ALERT);
	struct block text = {.role = "banner-text", .text = c->banner, .bold = true,
			     .size = t->sizes[THEME_SIZE_SPEAKERS], .floor = TEXT_FLOOR,
			     .max_lines = 2, .x = margin, .y = top + pad, .w = s->width - 2 * margin,
			     .h = 2 * lh, .colour = THEME_ALERT_TEXT, .center_v = true};
	place_text(b, &text);
	return h;
}

bool slide_layout(const struct slide_content *c, const struct theme *t,
		  const struct slide_screen *s, const struct slide_metrics *metrics,
		  struct slide_layout *out)
{
	memset(out, 0, sizeof *out);
	if (s->width < 64 || s->height < 64)
		return false;
	int shorter = s->width < s->height ? s->width : s->height;
	struct builder b = {.theme = t, .metrics = metrics, .out = out, .u = shorter / 100.0};
	out->width = s->width;
	out->height = s->height;
	out->slide = show_slide_name(c->slide);
	if (c->slide == SHOW_EMERGENCY) {	/* over everything, screen hours included */
		place_emergency(&b, c, s, px_of(&b, t->sizes[THEME_SIZE_MARGIN]) + s->overscan);
		goto done;
	}
	if (c->slide == SHOW_OFF) {
		add_rect_colour(&b, "blank", 0, 0, s->width, s->height, BLANK);
		goto done;
	}

	add_rect(&b, "background", 0, 0, s->width, s->height, THEME_BACKGROUND);
	if (s->background_image) {
		struct slide_box *box = add_box(&b, SLIDE_BOX_IMAGE, "background-image", 0, 0,
						s->width, s->height);
		if (box)
			box->image = SLIDE_IMAGE_BACKGROUND;
	}
	int margin = px_of(&b, t->sizes[THEME_SIZE_MARGIN]) + s->overscan;
	int header_bottom;
	place_header(&b, c, s, margin, &header_bottom);

	int gap = px_of(&b, 2.5);
	int left = margin, right = s->width - margin;
	int top = header_bottom + gap, bottom = s->height - margin;
	int banner = place_banner(&b, c, s, margin);
	if (banner)
		bottom = s->height - banner - gap;
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

void slide_layout_finish(struct slide_layout *layout)
{
	if (!layout)
		return;
	for (size_t i = 0; i < layout->n_boxes; i++)
		if (layout->boxes[i].kind == SLIDE_BOX_TEXT)
			free((char *)layout->boxes[i].text);
	free(layout->boxes);
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
			json_object_set_new(o, "image", json_string(bx->image == SLIDE_IMAGE_LOGO
								     ? "logo" : "background"));
		}
		json_array_append_new(boxes, o);
	}
	json_object_set_new(root, "boxes", boxes);
	char *s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return s;
}
