/*
 * test_grow.c — the growable array: how its capacity grows, where it stops, and that a refusal
 * leaves the caller's block and capacity as they were.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "grow.h"

static void test_capacity(void)
{
	static const struct {
		size_t cap, need, max;
		bool ok;
		size_t want_cap;
	} rows[] = {
		{0, 1, SIZE_MAX, true, GROW_FIRST},
		{0, 100, SIZE_MAX, true, 128},
		{16, 16, SIZE_MAX, true, 16},		/* room already: untouched */
		{16, 17, SIZE_MAX, true, 32},
		{32, 33, 40, true, 40},			/* doubling stops at max */
		{40, 40, 40, true, 40},
		{0, 5, 5, true, 5},
		{40, 41, 40, false, 40},		/* past max: refused */
		{0, 6, 5, false, 0},
		{0, SIZE_MAX / 4 + 1, SIZE_MAX, false, 0},	/* the byte count would overflow */
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		size_t cap = rows[i].cap;
		int *items = cap ? malloc(cap * sizeof *items) : NULL;
		int *got = grow_array(items, &cap, rows[i].need, sizeof *items, rows[i].max);
		CHECK((got != NULL) == rows[i].ok, "row %zu: need %zu of max %zu", i, rows[i].need,
		      rows[i].max);
		CHECK(cap == rows[i].want_cap, "row %zu: cap %zu, want %zu", i, cap,
		      rows[i].want_cap);
		if (got) {
			got[rows[i].need - 1] = 7;	/* the room is there (ASan would say) */
			items = got;
		}
		free(items);
	}
}

static void test_keeps_items(void)
{
	size_t cap = 0, n = 0;
	int *items = NULL;
	for (int v = 0; v < 1000; v++) {
		int *grown = grow_array(items, &cap, n + 1, sizeof *items, SIZE_MAX);
		CHECK(grown != NULL, "item %d", v);
		if (!grown)
			break;
		items = grown;
		items[n++] = v;
	}
	size_t wrong = 0;
	for (size_t i = 0; i < n; i++)
		wrong += items[i] != (int)i;
	CHECK(n == 1000 && wrong == 0, "%zu items, %zu wrong after growing", n, wrong);
	CHECK(cap == 1024, "cap %zu after 1000 items", cap);
	free(items);
}

int main(void)
{
	test_capacity();
	test_keeps_items();
	return check_done();
}
