/*
 * grow.c — the growable array; see grow.h.
 */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow_array(void *items, size_t *cap, size_t need, size_t item_size, size_t max)
{
	if (need <= *cap && items)
		return items;
	if (need > max || need > SIZE_MAX / item_size)
		return NULL;
	size_t bigger = *cap > GROW_FIRST / 2 ? *cap : GROW_FIRST / 2;
	do
		bigger = bigger > SIZE_MAX / 2 ? SIZE_MAX : bigger * 2;
	while (bigger < need);
	if (bigger > max)
		bigger = max;
	if (bigger > SIZE_MAX / item_size)
		bigger = need;
	void *grown = realloc(items, bigger * item_size);
	if (!grown)
		return NULL;
	*cap = bigger;
	return grown;
}
