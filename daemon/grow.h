/*
 * grow.h — the one growable array: capacity doubled as items are added, up to a cap, in the
 * spirit of curl's dynbuf. Pure (only realloc). Entry point: grow_array().
 *
 * It returns the new block rather than writing through a void ** so that callers keep their
 * typed pointers (a struct event ** is not a void **).
 */
#ifndef FOYER_GROW_H
#define FOYER_GROW_H

#include <stddef.h>
#include <stdint.h>	/* SIZE_MAX, the max of an array with no cap of its own */

/* The capacity, in items, of an array's first block. */
#define GROW_FIRST 16

/*
 * Returns items (with room for *cap items of item_size bytes) with room for at least need
 * items: items itself when it has room, else a block reallocated to double the capacity (at
 * least GROW_FIRST, at most max items), and *cap updated. NULL when need is more than max or
 * memory runs out: items is then untouched and still the caller's, and *cap unchanged.
 */
void *grow_array(void *items, size_t *cap, size_t need, size_t item_size, size_t max);

#endif
