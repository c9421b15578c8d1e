/*
 * direction.h — which way a room is from a screen: `direction = ROOM: WORD` under [screen]
 * (or a [screen "NAME"] section), drawn as an arrow beside the room's name. Pure.
 *
 * The words are left, right, ahead, behind, up, down and here (the room is this one, or
 * right by the screen). Each has one glyph that DejaVu Sans draws (fonts-dejavu-core is a
 * dependency; the text engine falls back to it for a theme font without arrows): the four
 * arrows for the level, hollow ones for the floors above and below (as on a lift's buttons),
 * a turning arrow for behind, a target for here.
 *
 * Entry points: direction_parse() for one value, direction_find() to look a room up (room
 * aliases applied), direction_glyph() and direction_name().
 */
#ifndef FOYER_DIRECTION_H
#define FOYER_DIRECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "alias.h"
#include "error.h"

enum direction {
	DIRECTION_NONE = 0,
	DIRECTION_LEFT,
	DIRECTION_RIGHT,
	DIRECTION_AHEAD,
	DIRECTION_BEHIND,
	DIRECTION_UP,
	DIRECTION_DOWN,
	DIRECTION_HERE,
};

#define DIRECTION_WORDS "left|right|ahead|behind|up|down|here"

/* One `direction =` line: the room as written (trimmed) and its way. */
struct direction_entry {
	char *room;
	enum direction way;
};

/*
 * Parses "ROOM: WORD": the word after the last ':' (any ASCII case), the room before it,
 * both trimmed and neither empty. Caller-owned out, released with direction_finish(); on
 * failure out is untouched and err says why.
 */
bool direction_parse(const char *text, struct direction_entry *out, struct error *err);
void direction_finish(struct direction_entry *entry);

/*
 * The way to room among n entries: the first entry naming it, where an entry's room is
 * compared as it is written and, when an alias's feed name matches it, as that alias's
 * screen name (so `direction = Saal 1: left` works with `alias = Saal 1 -> Hall 1`).
 * DIRECTION_NONE when no entry names it.
 */
enum direction direction_find(const struct direction_entry *entries, size_t n,
			      const struct alias *aliases, size_t n_aliases, const char *room);

/* "←", "→", "↑", "↶", "⇧", "⇩", "◉" (UTF-8); "" for none. */
const char *direction_glyph(enum direction way);

/* "left", ..., "here"; "" for none. */
const char *direction_name(enum direction way);

#endif
