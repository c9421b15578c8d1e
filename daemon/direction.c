/*
 * direction.c — `direction = ROOM: WORD`; see direction.h.
 */
#include "direction.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *glyph;
} ways[] = {
	[DIRECTION_NONE] = {"", ""},
	[DIRECTION_LEFT] = {"left", "\xE2\x86\x90"},	/* U+2190 ← */
	[DIRECTION_RIGHT] = {"right", "\xE2\x86\x92"},	/* U+2192 → */
	[DIRECTION_AHEAD] = {"ahead", "\xE2\x86\x91"},	/* U+2191 ↑ */
	[DIRECTION_BEHIND] = {"behind", "\xE2\x86\xB6"},	/* U+21B6 ↶: turn round */
	[DIRECTION_UP] = {"up", "\xE2\x87\xA7"},	/* U+21E7 ⇧: a floor up */
	[DIRECTION_DOWN] = {"down", "\xE2\x87\xA9"},	/* U+21E9 ⇩: a floor down */
	[DIRECTION_HERE] = {"here", "\xE2\x97\x89"},	/* U+25C9 ◉ */
};

#define N_WAYS (sizeof ways / sizeof *ways)

static size_t trimmed(const char **s, size_t len)
{
	while (len && isspace((unsigned char)**s)) {
		(*s)++;
		len--;
	}
	while (len && isspace((unsigned char)(*s)[len - 1]))
		len--;
	return len;
}

bool direction_parse(const char *text, struct direction_entry *out, struct error *err)
{
	const char *colon = strrchr(text, ':');
	if (!colon) {
		error_set(err, 0, 0, "a direction is 'ROOM: WORD' (WORD one of %s); '%.80s' has "
				     "no ':'", DIRECTION_WORDS, text);
		return false;
	}
	const char *room = text, *word = colon + 1;
	size_t room_len = trimmed(&room, (size_t)(colon - text));
	size_t word_len = trimmed(&word, strlen(word));
	if (!room_len) {
		error_set(err, 0, 0, "a direction needs the room's name before the ':'");
		return false;
	}
	enum direction way = DIRECTION_NONE;
	for (size_t i = 1; i < N_WAYS; i++)
		if (strlen(ways[i].name) == word_len && !strncasecmp(ways[i].name, word, word_len))
			way = (enum direction)i;
	if (way == DIRECTION_NONE) {
		error_set(err, 0, (int)(word - text) + 1, "'%.*s' is not a direction (%s)",
			  (int)(word_len > 40 ? 40 : word_len), word, DIRECTION_WORDS);
		return false;
	}
	char *copy = strndup(room, room_len);
	if (!copy) {
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	out->room = copy;
	out->way = way;
	return true;
}

void direction_finish(struct direction_entry *entry)
{
	if (!entry)
		return;
	free(entry->room);
	entry->room = NULL;
}

enum direction direction_find(const struct direction_entry *entries, size_t n,
			      const struct alias *aliases, size_t n_aliases, const char *room)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = entries[i].room;
		for (size_t a = 0; a < n_aliases; a++) {
			if (alias_matches(aliases[a].feed, name)) {
				name = aliases[a].screen;
				break;
			}
		}
		if (!strcmp(name, room) || !strcmp(entries[i].room, room))
			return entries[i].way;
	}
	return DIRECTION_NONE;
}

const char *direction_glyph(enum direction way)
{
	return (size_t)way < N_WAYS ? ways[way].glyph : "";
}

const char *direction_name(enum direction way)
{
	return (size_t)way < N_WAYS ? ways[way].name : "";
}
