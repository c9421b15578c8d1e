/*
 * wrap_fallback.c — a stand-in for wrap.c (owned by the text engine) until it lands: breaks
 * at spaces only, or between characters for a word wider than the line. Same contract as
 * wrap.h; removed when wrap.c arrives.
 */
#include "wrap.h"

#include <string.h>

static size_t next_char(const char *s, size_t len, size_t i)
{
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\n'))
		i++;
	return i;
}

size_t wrap_text(const char *s, size_t len, int max_width, size_t max_lines,
		 wrap_measure_fn *measure, void *ctx, struct wrap_line *out)
{
	size_t n = 0, pos = skip_spaces(s, len, 0);
	while (pos < len && n < max_lines) {
		/* the longest prefix ending at a space that fits, else at a character */
		size_t end = pos, last_space = 0, i = pos;
		while (i < len && s[i] != '\n') {
			size_t nx = next_char(s, len, i);
			if (measure(ctx, s + pos, nx - pos) > max_width)
				break;
			i = nx;
			if (i == len || s[i] == ' ' || s[i] == '\n')
				last_space = i;
		}
		if (i == len || s[i] == '\n')
			end = i;
		else if (last_space > pos)
			end = last_space;
		else
			end = i > pos ? i : next_char(s, len, pos);
		while (end > pos && s[end - 1] == ' ')
			end--;
		out[n++] = (struct wrap_line){pos, end - pos, false};
		pos = skip_spaces(s, len, end);
	}
	if (pos < len && n > 0) {
		/* did not fit: shorten the last line until it holds the ellipsis */
		struct wrap_line *last = &out[n - 1];
		char buf[4096];
		while (last->len > 0) {
			size_t l = last->len < sizeof buf - 4 ? last->len : sizeof buf - 4;
			memcpy(buf, s + last->start, l);
			memcpy(buf + l, WRAP_ELLIPSIS, 3);
			if (measure(ctx, buf, l + 3) <= max_width)
				break;
			size_t k = last->len - 1;
			while (k > 0 && ((unsigned char)s[last->start + k] & 0xC0) == 0x80)
				k--;
			last->len = k;
		}
		while (last->len > 0 && s[last->start + last->len - 1] == ' ')
			last->len--;
		last->ellipsis = true;
	}
	return n;
}

struct fit_ctx {
	const struct wrap_fit_metrics *m;
	void *ctx;
	int px;
};

static int fit_measure(void *ctx, const char *s, size_t len)
{
	struct fit_ctx *f = ctx;
	return f->m->width(f->ctx, f->px, s, len);
}

static bool fits(const char *s, size_t len, int w, int h, size_t max_lines,
		 const struct wrap_fit_metrics *m, void *ctx, int px, struct wrap_line *out,
		 size_t *n)
{
	struct fit_ctx f = {m, ctx, px};
	*n = wrap_text(s, len, w, max_lines, fit_measure, &f, out);
	if (*n == 0)
		return len == 0;
	if (out[*n - 1].ellipsis || (int)*n * m->line_height(ctx, px) > h)
		return false;
	for (size_t i = 0; i < *n; i++)
		if (m->width(ctx, px, s + out[i].start, out[i].len) > w)
			return false;
	return true;
}

int wrap_fit(const char *s, size_t len, int box_width, int box_height, size_t max_lines,
	     int max_px, int min_px, const struct wrap_fit_metrics *metrics, void *ctx,
	     struct wrap_line *out, size_t *n_lines)
{
	*n_lines = 0;
	if (max_lines == 0 || min_px > max_px || min_px < 1)
		return 0;
	int lo = min_px, hi = max_px, best = 0;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		size_t n;
		if (fits(s, len, box_width, box_height, max_lines, metrics, ctx, mid, out, &n)) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	int px = best ? best : min_px;
	struct fit_ctx f = {metrics, ctx, px};
	*n_lines = wrap_text(s, len, box_width, max_lines, fit_measure, &f, out);
	return px;
}
