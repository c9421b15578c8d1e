/*
 * alias.h — room aliases: the feed's room names mapped to the names the screens use.
 *
 * Room names change between versions of a feed ("Saal 1" becomes "Saal One", "Room A (2nd
 * floor)" loses its floor) while the screens by the doors are configured once. An alias says
 * "whatever the feed calls X is the screen's room Y"; alias_apply() renames the rooms of a
 * parsed agenda before now/next is worked out. Pure: no I/O, no clock.
 */
#ifndef FOYER_ALIAS_H
#define FOYER_ALIAS_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda.h"
#include "error.h"

struct alias {
	char *feed;	/* the room name as the feed writes it */
	char *screen;	/* the name the screen (and --room, the state JSON) uses */
};

/*
 * Parses "Feed name -> Screen name": both sides trimmed, neither may be empty, the arrow is
 * the last "->" in the text (so a feed name may itself contain "->"). Caller-owned out,
 * released with alias_finish(); on failure out is untouched and err says why (column of
 * the problem where there is one).
 */
bool alias_parse(const char *text, struct alias *out, struct error *err);
void alias_finish(struct alias *alias);

/*
 * Whether a feed's room name matches an alias's feed name: the same apart from ASCII case
 * and leading, trailing or repeated white space.
 */
bool alias_matches(const char *alias_feed_name, const char *room);

/*
 * Renames every event's room and the agenda's room list by the first alias that matches,
 * once (aliases do not chain). Rooms that become one keep the place of the first in feed
 * order. False only when out of memory; the agenda is then unchanged.
 */
bool alias_apply(struct agenda *agenda, const struct alias *aliases, size_t n_aliases);

#endif
