/*
 * region.c — rectangles met and subtracted; see region.h.
 *
 * region_uncovered() cuts the plane into bands at every top and bottom edge: inside a band
 * every rectangle either crosses it whole or misses it, so a band is a row of spans, a's
 * merged, less b's merged. A span that continues one of the band above (same left and right)
 * lengthens its rectangle, so rows of boxes give few rectangles.
 */
#include "region.h"

#include <stdbool.h>
#include <stdlib.h>

struct span {
	int x0, x1;
};

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

struct region_rect region_meet(struct region_rect a, struct region_rect b)
{
	int x0 = max_int(a.x, b.x), y0 = max_int(a.y, b.y);
	int x1 = min_int(a.x + a.w, b.x + b.w), y1 = min_int(a.y + a.h, b.y + b.h);
	if (x1 <= x0 || y1 <= y0)
		return (struct region_rect){x0, y0, 0, 0};
	return (struct region_rect){x0, y0, x1 - x0, y1 - y0};
}

static bool empty(const struct region_rect *r)
{
	return r->w <= 0 || r->h <= 0;
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int compare_span(const void *a, const void *b)
{
	const struct span *s = a, *t = b;
	return (s->x0 > t->x0) - (s->x0 < t->x0);
}

/* The spans of the rectangles that cross the whole band [y0, y1), merged and in order. */
static size_t band_spans(const struct region_rect *r, size_t n, int y0, int y1, struct span *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!empty(&r[i]) && r[i].y <= y0 && r[i].y + r[i].h >= y1)
			out[k++] = (struct span){r[i].x, r[i].x + r[i].w};
	qsort(out, k, sizeof *out, compare_span);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && out[i].x0 <= out[m - 1].x1)
			out[m - 1].x1 = max_int(out[m - 1].x1, out[i].x1);
		else
			out[m++] = out[i];
	}
	return m;
}

/* What region_uncovered() builds: the rectangles, and which of them reach the band's top. */
struct build {
	struct region_rect *out;
	size_t n, max;
	size_t *above, n_above;	/* the rectangles that reach the band above's bottom */
	size_t *here, n_here;	/* ... and this band's */
};

/* Adds the span [x0, x1) of the band [y0, y1): false past max. */
static bool add_span(struct build *b, int x0, int x1, int y0, int y1)
{
	for (size_t i = 0; i < b->n_above; i++) {
		struct region_rect *r = &b->out[b->above[i]];
		if (r->x == x0 && r->w == x1 - x0 && r->y + r->h == y0) {
			r->h = y1 - r->y;
			b->here[b->n_here++] = b->above[i];
			return true;
		}
	}
	if (b->n == b->max)
		return false;
	b->out[b->n] = (struct region_rect){x0, y0, x1 - x0, y1 - y0};
	b->here[b->n_here++] = b->n++;
	return true;
}

/* Band [y0, y1): the spans of a less those of b. */
static bool add_band(struct build *b, const struct span *sa, size_t ka, const struct span *sb,
		     size_t kb, int y0, int y1)
{
	size_t j = 0;
	for (size_t i = 0; i < ka; i++) {
		int x = sa[i].x0;
		while (x < sa[i].x1) {
			while (j < kb && sb[j].x1 <= x)
				j++;
			if (j < kb && sb[j].x0 <= x) {	/* covered from x */
				x = sb[j].x1;
				continue;
			}
			int end = j < kb && sb[j].x0 < sa[i].x1 ? sb[j].x0 : sa[i].x1;
			if (!add_span(b, x, end, y0, y1))
				return false;
			x = end;
		}
	}
	return true;
}

size_t region_uncovered(const struct region_rect *a, size_t na, const struct region_rect *b,
			size_t nb, struct region_rect *out, size_t max_out)
{
	size_t n_edges = 2 * (na + nb) + 1;
	int *edges = malloc(n_edges * sizeof *edges);
	struct span *sa = malloc((na + 1) * sizeof *sa), *sb = malloc((nb + 1) * sizeof *sb);
	struct build build = {.out = out, .max = max_out,
			      .above = malloc((max_out + 1) * sizeof(size_t)),
			      .here = malloc((max_out + 1) * sizeof(size_t))};
	size_t result = (size_t)-1;
	if (!edges || !sa || !sb || !build.above || !build.here)
		goto done;
	size_t ne = 0;
	for (size_t i = 0; i < na; i++)
		if (!empty(&a[i])) {
			edges[ne++] = a[i].y;
			edges[ne++] = a[i].y + a[i].h;
		}
	for (size_t i = 0; i < nb; i++)
		if (!empty(&b[i])) {
			edges[ne++] = b[i].y;
			edges[ne++] = b[i].y + b[i].h;
		}
	qsort(edges, ne, sizeof *edges, compare_int);
	result = 0;
	for (size_t e = 0; e + 1 < ne; e++) {
		int y0 = edges[e], y1 = edges[e + 1];
		if (y0 == y1)
			continue;
		size_t ka = band_spans(a, na, y0, y1, sa), kb = band_spans(b, nb, y0, y1, sb);
		build.n_here = 0;
		if (!add_band(&build, sa, ka, sb, kb, y0, y1)) {
			result = max_out + 1;
			goto done;
		}
		size_t *swap = build.above;
		build.above = build.here;
		build.n_above = build.n_here;
		build.here = swap;
	}
	result = build.n;
done:
	free(edges);
	free(sa);
	free(sb);
	free(build.above);
	free(build.here);
	return result;
}
