/*
 * test_region.c — rectangles met, and the part of one union that another leaves uncovered:
 * a table of shapes (rows of stripes, holes, overhangs, empty ones), then random sets checked
 * pixel by pixel against a grid (every pixel of the answer once, nothing else), and the cap.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "region.h"

static void test_meet(void)
{
	static const struct {
		const char *name;
		struct region_rect a, b, want;
	} rows[] = {
		{"overlap", {0, 0, 10, 10}, {5, 6, 10, 10}, {5, 6, 5, 4}},
		{"inside", {0, 0, 100, 100}, {10, 20, 5, 5}, {10, 20, 5, 5}},
		{"the same", {3, 4, 5, 6}, {3, 4, 5, 6}, {3, 4, 5, 6}},
		{"edges touch: nothing shared", {0, 0, 10, 10}, {10, 0, 5, 5}, {10, 0, 0, 0}},
		{"apart", {0, 0, 10, 10}, {20, 20, 5, 5}, {20, 20, 0, 0}},
		{"negative corner", {-5, -5, 10, 10}, {0, 0, 100, 100}, {0, 0, 5, 5}},
		{"empty", {0, 0, 0, 0}, {0, 0, 10, 10}, {0, 0, 0, 0}},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct region_rect got = region_meet(rows[i].a, rows[i].b);
		bool same = got.w == rows[i].want.w && got.h == rows[i].want.h &&
			    (!got.w || (got.x == rows[i].want.x && got.y == rows[i].want.y));
		CHECK(same, "%s: got %d,%d %dx%d", rows[i].name, got.x, got.y, got.w, got.h);
	}
}

enum { GRID = 64, MAX_OUT = 256 };

/* How the answer differs from the grid's: pixels missed, covered twice, or wrongly. */
static int grid_errors(const struct region_rect *a, size_t na, const struct region_rect *b,
		       size_t nb, const struct region_rect *out, size_t n)
{
	static int want[GRID][GRID], got[GRID][GRID];
	for (int y = 0; y < GRID; y++)
		for (int x = 0; x < GRID; x++) {
			bool in_a = false, in_b = false;
			for (size_t i = 0; i < na; i++)
				in_a |= x >= a[i].x && x < a[i].x + a[i].w && y >= a[i].y &&
					y < a[i].y + a[i].h;
			for (size_t i = 0; i < nb; i++)
				in_b |= x >= b[i].x && x < b[i].x + b[i].w && y >= b[i].y &&
					y < b[i].y + b[i].h;
			want[y][x] = in_a && !in_b;
			got[y][x] = 0;
		}
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		errors += out[i].w <= 0 || out[i].h <= 0;
		for (int y = out[i].y; y < out[i].y + out[i].h; y++)
			for (int x = out[i].x; x < out[i].x + out[i].w; x++) {
				if (x < 0 || y < 0 || x >= GRID || y >= GRID)
					errors++;
				else
					got[y][x]++;
			}
	}
	for (int y = 0; y < GRID; y++)
		for (int x = 0; x < GRID; x++)
			errors += got[y][x] != want[y][x];
	return errors;
}

static void test_table(void)
{
	static const struct {
		const char *name;
		struct region_rect a[6], b[6];
		size_t na, nb, rects;	/* the answer's rectangles */
	} rows[] = {
		{"nothing over it", {{2, 2, 10, 10}}, {{0}}, 1, 0, 1},
		{"covered whole", {{2, 2, 10, 10}}, {{0, 0, 20, 20}}, 1, 1, 0},
		{"a hole in the middle", {{0, 0, 30, 30}}, {{10, 10, 10, 10}}, 1, 1, 4},
		{"stripes of one slide under those of the next, a row lower",
		 {{0, 0, 40, 8}, {0, 10, 40, 8}, {0, 20, 40, 8}},
		 {{0, 4, 40, 8}, {0, 14, 40, 8}, {0, 24, 40, 8}}, 3, 3, 3},
		{"a stack of equal boxes is one rectangle", {{5, 0, 10, 10}, {5, 10, 10, 10}}, {{0}}, 2,
		 0, 1},
		{"overlapping boxes counted once", {{0, 0, 20, 20}, {10, 10, 20, 20}}, {{0}}, 2, 0, 3},
		{"an overhanging cover", {{10, 10, 10, 10}}, {{0, 15, 40, 40}}, 1, 1, 1},
		{"empty rectangles", {{3, 3, 0, 9}, {4, 4, 5, 5}}, {{4, 4, 5, -1}}, 2, 1, 1},
		{"nothing at all", {{0}}, {{0}}, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct region_rect out[MAX_OUT];
		size_t n = region_uncovered(rows[i].a, rows[i].na, rows[i].b, rows[i].nb, out, MAX_OUT);
		CHECK(n <= MAX_OUT, "%s: %zu", rows[i].name, n);
		if (n > MAX_OUT)
			continue;
		int errors = grid_errors(rows[i].a, rows[i].na, rows[i].b, rows[i].nb, out, n);
		CHECK(errors == 0, "%s: %d pixels wrong", rows[i].name, errors);
		CHECK(n == rows[i].rects, "%s: %zu rectangles, not %zu", rows[i].name, n,
		      rows[i].rects);
	}
}

static struct region_rect random_rect(void)
{
	int x = rand() % GRID, y = rand() % GRID;
	return (struct region_rect){x, y, rand() % (GRID - x + 1), rand() % (GRID - y + 1)};
}

static void test_random(void)
{
	srand(11);
	int bad = 0;
	for (int round = 0; round < 300; round++) {
		struct region_rect a[12], b[12], out[MAX_OUT];
		size_t na = (size_t)(rand() % 13), nb = (size_t)(rand() % 13);
		for (size_t i = 0; i < na; i++)
			a[i] = random_rect();
		for (size_t i = 0; i < nb; i++)
			b[i] = random_rect();
		size_t n = region_uncovered(a, na, b, nb, out, MAX_OUT);
		if (n > MAX_OUT || grid_errors(a, na, b, nb, out, n))
			bad++;
	}
	CHECK(bad == 0, "%d of 300 random sets answered wrongly", bad);
}

static void test_cap(void)
{
	/* a comb: ten teeth left between nine covers */
	struct region_rect a = {0, 0, 40, 4}, b[9], out[10];
	for (int i = 0; i < 9; i++)
		b[i] = (struct region_rect){4 * i + 2, 0, 2, 4};
	CHECK(region_uncovered(&a, 1, b, 9, out, 10) == 10, "ten teeth fit ten");
	CHECK(region_uncovered(&a, 1, b, 9, out, 9) == 10, "ten teeth past a cap of nine");
}

int main(void)
{
	test_meet();
	test_table();
	test_random();
	test_cap();
	return check_done();
}
