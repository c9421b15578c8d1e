/*
 * override_merge.h — several override documents in force at once: the fleet's (from
 * override_url or the venue's MQTT topic), this screen's own MQTT topic, and the local file.
 *
 * Pure. override_merge() lays the sets over each other in the order given; a later set wins
 * section by section: its [emergency] or [screen] replaces an earlier one whole, its
 * [announcement "NAME"], [room "NAME"] and [session "ID"] (with its `at`) replace the earlier
 * section of the same name, and sections of new names are added. So with the local file last,
 * the AV staff at the box always have the last word.
 */
#ifndef FOYER_OVERRIDE_MERGE_H
#define FOYER_OVERRIDE_MERGE_H

#include <stddef.h>

#include "override.h"

/*
 * A new set made of layers[0..n) (NULL entries are skipped), later ones winning. It borrows
 * every string from the layers: build it again whenever a layer changes, before that layer
 * is destroyed. Release it with override_destroy(). NULL only when out of memory.
 */
struct override_set *override_merge(const struct override_set *const *layers, size_t n);

#endif
