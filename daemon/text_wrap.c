/*
 * text_wrap.c — line breaking (wrap_text) and fitting a text in a box (wrap_fit), pure.
 *
 * Break opportunities are a small part of UAX #14: after a run of spaces, at '\n' (forced),
 * and on either side of a CJK character, except before closing punctuation and after opening
 * punctuation. Each line takes the last opportunity whose text still fits, found by bisection
 * over the opportunities (widths grow with the text, so few measurements are made); a word
 * wider than the line is broken between characters.
 */
#include "text_wrap.h"

#include "text_script.h"

/* Opportunities gathered per bisection; a line with more goes on in a further batch. */
#define WRAP_BATCH 64

struct wrap_break {
	size_t content_end;	/* the line's text ends here (spaces before the break excluded) */
	size_t next_start;	/* the next line starts here */
	bool forced;		/* '\n' */
	bool end;		/* the end of the text */
};

/* Walks one line's break opportunities from its first character. */
struct wrap_breaker {
	const char *s;
	size_t len;
	size_t pos;		/* after prev */
	uint32_t prev;
	size_t content_end;	/* after the last character that is not a space */
	bool done;
};

static bool wrap_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000;
}

/* Combining marks, joiners and variation selectors stay with the character before them. */
static bool wrap_is_attached(uint32_t cp)
{
	return script_of(cp) == SCRIPT_INHERITED || cp == 0x200D;
}

static size_t wrap_skip_spaces(const char *s, size_t len, size_t pos)
{
	while (pos < len) {
		size_t next = pos;
		if (!wrap_is_space(script_decode_utf8(s, len, &next)))
			break;
		pos = next;
	}
	return pos;
}

/* The text without its trailing spaces and newlines. */
static size_t wrap_trimmed_len(const char *s, size_t len)
{
	size_t end = 0;

	for (size_t pos = 0; pos < len;) {
		uint32_t cp = script_decode_utf8(s, len, &pos);
		if (!wrap_is_space(cp) && cp != '\n')
			end = pos;
	}
	return end;
}

static void wrap_breaker_init(struct wrap_breaker *b, const char *s, size_t len, size_t start)
{
	b->s = s;
	b->len = len;
	b->pos = start;
	b->done = start >= len;
	b->content_end = start;
	b->prev = 0;
	if (!b->done) {
		b->prev = script_decode_utf8(s, len, &b->pos);
		if (!wrap_is_space(b->prev) && b->prev != '\n')
			b->content_end = b->pos;
	}
}

/* The next opportunity after the first character; false once the end was returned. */
static bool wrap_breaker_next(struct wrap_breaker *b, struct wrap_break *br)
{
	while (!b->done) {
		if (b->prev == '\n') {
			*br = (struct wrap_break){b->content_end, b->pos, true, false};
			b->done = true;	/* a line ends at its first forced break */
			return true;
		}
		if (b->pos >= b->len) {
			*br = (struct wrap_break){b->content_end, b->len, false, true};
			b->done = true;
			return true;
		}
		size_t at = b->pos;
		uint32_t prev = b->prev, next = script_decode_utf8(b->s, b->len, &b->pos);
		bool space_prev = wrap_is_space(prev), space_next = wrap_is_space(next);
		bool opportunity = false;
		size_t content_end = b->content_end;

		if (space_prev && !space_next && next != '\n') {
			opportunity = !script_is_closing_punct(next);
		} else if (!space_prev && !space_next && next != '\n' &&
			   (script_is_cjk(script_of(prev)) || script_is_cjk(script_of(next)))) {
			opportunity = !script_is_closing_punct(next) &&
				      !script_is_opening_punct(prev) && !wrap_is_attached(next);
			content_end = at;
		}
		b->prev = next;
		if (!space_next && next != '\n')
			b->content_end = b->pos;
		if (opportunity) {
			*br = (struct wrap_break){content_end, at, false, false};
			return true;
		}
	}
	return false;
}

/*
 * The break that ends the line starting at start with the most text no wider than width.
 * With no opportunity that fits, the line's first word is cut between characters; false when
 * not even its first character fits and at_least_one is false.
 */
static bool wrap_find_break(const char *s, size_t len, size_t start, int width,
			    bool at_least_one, wrap_measure_fn *measure, void *ctx,
			    struct wrap_break *out)
{
	struct wrap_breaker b;
	struct wrap_break batch[WRAP_BATCH], first = {0}, best = {0};
	bool have_best = false, have_first = false;

	wrap_breaker_init(&b, s, len, start);
	for (;;) {
		size_t n = 0;
		while (n < WRAP_BATCH && wrap_breaker_next(&b, &batch[n]))
			n++;
		if (n == 0)
			break;
		if (!have_first) {
			first = batch[0];
			have_first = true;
		}
		/* bisection: batch[lo-1] fits (or lo == 0), batch[hi] does not (or hi == n) */
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (measure(ctx, s + start, batch[mid].content_end - start) <= width)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0)
			break;
		best = batch[lo - 1];
		have_best = true;
		if (lo < n || best.forced || best.end)
			break;
	}
	if (have_best) {
		*out = best;
		return true;
	}
	if (!have_first)
		return false;	/* nothing left */

	/* The first word does not fit: cut it after the last character that fits. */
	size_t cut = start, cut_content = start, pos = start;
	uint32_t cp = 0;
	while (pos < first.content_end) {
		size_t end = pos;
		cp = script_decode_utf8(s, len, &end);
		/* grow over marks attached to this character */
		while (end < first.content_end) {
			size_t after = end;
			uint32_t next = script_decode_utf8(s, len, &after);
			if (!wrap_is_attached(next) && cp != 0x200D)
				break;
			cp = next;
			end = after;
		}
		bool space = wrap_is_space(cp);
		if (!space && measure(ctx, s + start, end - start) > width) {
			if (cut == start && at_least_one)
				cut = cut_content = end;
			break;
		}
		cut = end;
		if (!space)
			cut_content = end;
		pos = end;
	}
	if (cut_content == start)
		return false;
	if (cut >= first.content_end)
		*out = first;
	else
		*out = (struct wrap_break){cut_content, cut, false, false};
	return true;
}

size_t wrap_text(const char *s, size_t len, int max_width, size_t max_lines,
		 wrap_measure_fn *measure, void *ctx, struct wrap_line *out)
{
	size_t n = 0, pos;

	len = wrap_trimmed_len(s, len);
	pos = wrap_skip_spaces(s, len, 0);
	while (n < max_lines && pos < len) {
		struct wrap_break br;
		if (!wrap_find_break(s, len, pos, max_width, true, measure, ctx, &br))
			break;
		size_t next = wrap_skip_spaces(s, len, br.next_start);
		if (br.end || next >= len) {
			out[n++] = (struct wrap_line){pos, br.content_end - pos, false};
			break;
		}
		if (n + 1 < max_lines) {
			out[n++] = (struct wrap_line){pos, br.content_end - pos, false};
			pos = next;
			continue;
		}
		/* The last line, and text remains: as much as fits beside the ellipsis. */
		int room = max_width - measure(ctx, WRAP_ELLIPSIS, sizeof WRAP_ELLIPSIS - 1);
		struct wrap_line line = {pos, 0, true};
		if (wrap_find_break(s, len, pos, room, false, measure, ctx, &br))
			line.len = br.content_end - pos;
		out[n++] = line;
	}
	return n;
}

struct wrap_fit_at {
	const struct wrap_fit_metrics *metrics;
	void *ctx;
	int px;
};

static int wrap_fit_measure(void *ctx, const char *s, size_t len)
{
	struct wrap_fit_at *at = ctx;
	return at->metrics->width(at->ctx, at->px, s, len);
}

/* Wraps at px into the lines the box's height allows; true when all the text fits. */
static bool wrap_fit_try(const char *s, size_t len, int box_width, int box_height,
			 size_t max_lines, int px, bool force, const struct wrap_fit_metrics *metrics,
			 void *ctx, struct wrap_line *out, size_t *n_lines)
{
	struct wrap_fit_at at = {metrics, ctx, px};
	int line_height = metrics->line_height(ctx, px);
	size_t lines = max_lines;

	if (line_height > 0 && (size_t)(box_height / line_height) < lines)
		lines = box_height > 0 ? (size_t)(box_height / line_height) : 0;
	if (lines == 0) {
		if (!force) {
			*n_lines = 0;
			return false;
		}
		lines = 1;
	}
	*n_lines = wrap_text(s, len, box_width, lines, wrap_fit_measure, &at, out);
	return *n_lines == 0 || !out[*n_lines - 1].ellipsis;
}

int wrap_fit(const char *s, size_t len, int box_width, int box_height, size_t max_lines,
	     int max_px, int min_px, const struct wrap_fit_metrics *metrics, void *ctx,
	     struct wrap_line *out, size_t *n_lines)
{
	*n_lines = 0;
	if (max_lines == 0 || min_px < 1 || min_px > max_px)
		return 0;
	if (wrap_fit_try(s, len, box_width, box_height, max_lines, max_px, false, metrics, ctx,
			 out, n_lines))
		return max_px;
	if (max_px == min_px || !wrap_fit_try(s, len, box_width, box_height, max_lines, min_px,
					      false, metrics, ctx, out, n_lines)) {
		wrap_fit_try(s, len, box_width, box_height, max_lines, min_px, true, metrics, ctx,
			     out, n_lines);
		return min_px;
	}
	/* min_px fits, max_px does not */
	int lo = min_px, hi = max_px;
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		if (wrap_fit_try(s, len, box_width, box_height, max_lines, mid, false, metrics, ctx,
				 out, n_lines))
			lo = mid;
		else
			hi = mid;
	}
	wrap_fit_try(s, len, box_width, box_height, max_lines, lo, false, metrics, ctx, out,
		     n_lines);
	return lo;
}
