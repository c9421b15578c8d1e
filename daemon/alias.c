/*
 * alias.c — room aliases; see alias.h.
 *
 * Matching forgives what people retype differently (case, spacing) and nothing else: a feed
 * that renames "Saal 1" to "Saal Eins" needs an alias, and a near miss is not guessed at.
 */
#include "alias.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *trim_start(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

static size_t trimmed_len(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return len;
}

bool alias_parse(const char *text, struct alias *out, struct error *err)
{
	const char *arrow = NULL;
	for (const char *p = strstr(text, "->"); p; p = strstr(p + 1, "->"))
		arrow = p;
	if (!arrow) {
		error_set(err, 0, 0, "a room alias is 'Feed name -> Screen name'; '%.80s' has no "
				     "'->'", text);
		return false;
	}
	const char *feed = trim_start(text), *screen = trim_start(arrow + 2);
	size_t feed_len = arrow > feed ? trimmed_len(feed, (size_t)(arrow - feed)) : 0;
	size_t screen_len = trimmed_len(screen, strlen(screen));
	if (feed_len == 0 || screen_len == 0) {
		error_set(err, 0, (int)(arrow - text) + 1, "a room alias needs a name on both sides "
			  "of '->'");
		return false;
	}
	char *f = strndup(feed, feed_len), *s = strndup(screen, screen_len);
	if (!f || !s) {
		free(f);
		free(s);
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	out->feed = f;
	out->screen = s;
	return true;
}

void alias_finish(struct alias *alias)
{
	if (!alias)
		return;
	free(alias->feed);
	free(alias->screen);
	alias->feed = alias->screen = NULL;
}

bool alias_matches(const char *a, const char *b)
{
	a = trim_start(a);
	b = trim_start(b);
	for (;;) {
		bool space_a = isspace((unsigned char)*a), space_b = isspace((unsigned char)*b);
		if (space_a || space_b) {
			a = trim_start(a);
			b = trim_start(b);
			if (!*a && !*b)
				return true;	/* trailing space */
			if (space_a != space_b)
				return false;	/* "a b" is not "ab" */
			continue;
		}
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

/* The index of the first alias matching room, or -1. */
static long find_alias(const struct alias *aliases, size_t n, const char *room)
{
	for (size_t i = 0; i < n; i++)
		if (alias_matches(aliases[i].feed, room))
			return (long)i;
	return -1;
}

bool alias_apply(struct agenda *agenda, const struct alias *aliases, size_t n_aliases)
{
	if (n_aliases == 0)
		return true;
	/* Everything that can fail happens before the agenda changes. */
	size_t n_old = agenda->n_rooms;
	const char **screen = malloc(n_aliases * sizeof *screen);
	const char **rooms = malloc((n_old ? n_old : 1) * sizeof *rooms);
	const char **renamed = malloc((n_old ? n_old : 1) * sizeof *renamed);
	bool ok = screen && rooms && renamed;
	for (size_t i = 0; ok && i < n_aliases; i++)
		ok = (screen[i] = agenda_strdup(agenda, aliases[i].screen)) != NULL;
	if (!ok) {	/* the string store only grows: nothing to undo */
		free(screen);
		free(rooms);
		free(renamed);
		return false;
	}
	size_t n_rooms = 0;
	for (size_t i = 0; i < n_old; i++) {
		long alias = find_alias(aliases, n_aliases, agenda->rooms[i]);
		const char *name = alias >= 0 ? screen[alias] : agenda->rooms[i];
		size_t j = 0;
		while (j < n_rooms && strcmp(rooms[j], name))
			j++;
		if (j == n_rooms)
			rooms[n_rooms++] = name;
		renamed[i] = rooms[j];
	}
	for (size_t e = 0; e < agenda->n_events; e++) {
		struct event *ev = &agenda->events[e];
		int i = agenda_room_index(agenda, ev->room);
		long alias;
		if (i >= 0)
			ev->room = renamed[i];
		else if ((alias = find_alias(aliases, n_aliases, ev->room)) >= 0)
			ev->room = screen[alias];	/* a room the list never had */
	}
	free(agenda->rooms);
	agenda->rooms = rooms;
	agenda->n_rooms = agenda->cap_rooms = n_rooms;
	free(renamed);
	free(screen);
	return true;
}
