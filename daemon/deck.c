/*
 * deck.c — the deck's names and its clock arithmetic; see deck.h for the rule.
 *
 * deck_at() is the whole of "screens in step": a position in a cycle computed from t alone,
 * with a floor modulo so that instants before the epoch (a Pi's clock at boot) rotate too.
 */
#include "deck.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static const char *const kind_names[DECK_KIND_COUNT] = {
	[DECK_NOW_NEXT] = "now-next",
	[DECK_ROOMS] = "rooms",
	[DECK_AGENDA] = "agenda",
	[DECK_ANNOUNCEMENT] = "announcement",
	[DECK_IMAGE] = "image",
};

#define KIND_LIST "now-next, rooms, agenda, announcement, image"

const char *deck_kind_name(enum deck_kind kind)
{
	return kind >= 0 && kind < DECK_KIND_COUNT ? kind_names[kind] : "?";
}

bool deck_kind_parse(const char *name, enum deck_kind *kind)
{
	for (int i = 0; i < DECK_KIND_COUNT; i++) {
		if (!strcmp(name, kind_names[i])) {
			*kind = (enum deck_kind)i;
			return true;
		}
	}
	return false;
}

bool deck_parse_slide(const char *value, struct deck_entry *out, char *why, size_t why_size)
{
	char kind[32], seconds[32], extra[2];
	int n = sscanf(value, "%31s %31s %1s", kind, seconds, extra);
	if (n < 2) {
		snprintf(why, why_size, "'%s' is not KIND SECONDS (e.g. rooms 10)", value);
		return false;
	}
	if (n > 2) {
		snprintf(why, why_size, "'%s' has more than KIND SECONDS", value);
		return false;
	}
	enum deck_kind k;
	if (!deck_kind_parse(kind, &k)) {
		snprintf(why, why_size, "no slide kind '%s' (kinds: " KIND_LIST ")", kind);
		return false;
	}
	long s;
	if (!config_parse_seconds(seconds, &s) || s < 1 || s > DECK_MAX_SECONDS) {
		snprintf(why, why_size, "'%s' is not a duration from 1s to %ds", seconds,
			 DECK_MAX_SECONDS);
		return false;
	}
	out->kind = k;
	out->seconds = (int)s;
	return true;
}

void deck_from_config(const struct config_list *slides, struct deck *out)
{
	char why[200];
	out->n = 0;
	for (size_t i = 0; i < slides->n && out->n < DECK_MAX_ENTRIES; i++)
		if (deck_parse_slide(slides->items[i], &out->entries[out->n], why, sizeof why))
			out->n++;
}

bool deck_parse_pick(const char *value, enum deck_kind *kind, int *page, char *why,
		     size_t why_size)
{
	char name[32];
	const char *colon = strchr(value, ':');
	size_t len = colon ? (size_t)(colon - value) : strlen(value);
	if (len >= sizeof name) {
		snprintf(why, why_size, "no slide kind '%.40s' (kinds: " KIND_LIST ")", value);
		return false;
	}
	memcpy(name, value, len);
	name[len] = '\0';
	if (!deck_kind_parse(name, kind)) {
		snprintf(why, why_size, "no slide kind '%s' (kinds: " KIND_LIST ")", name);
		return false;
	}
	*page = 1;
	if (colon) {
		char *end;
		errno = 0;
		long p = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || errno || p < 1 || p > DECK_MAX_PAGES) {
			snprintf(why, why_size, "'%s' is not a page number from 1 to %d", colon + 1,
				 DECK_MAX_PAGES);
			return false;
		}
		*page = (int)p;
	}
	return true;
}

static int clamp_pages(int n)
{
	return n < 0 ? 0 : n > DECK_MAX_PAGES ? DECK_MAX_PAGES : n;
}

struct deck_slot deck_at(const struct deck *deck, const int *pages, time_t t)
{
	struct deck_slot slot = {.index = -1};
	int64_t cycle = 0, slots = 0;
	for (size_t i = 0; i < deck->n; i++) {
		cycle += (int64_t)clamp_pages(pages[i]) * deck->entries[i].seconds;
		slots += clamp_pages(pages[i]);
	}
	if (slots == 0)
		return slot;
	int64_t pos = (int64_t)t % cycle;
	if (pos < 0)
		pos += cycle;
	for (size_t i = 0; i < deck->n; i++) {
		int n = clamp_pages(pages[i]);
		int64_t span = (int64_t)n * deck->entries[i].seconds;
		if (pos >= span) {
			pos -= span;
			continue;
		}
		int64_t page = pos / deck->entries[i].seconds;
		slot.index = (int)i;
		slot.page = (int)page + 1;
		slot.pages = n;
		if (slots > 1) {
			slot.start = t - (time_t)(pos - page * deck->entries[i].seconds);
			slot.next_change = slot.start + deck->entries[i].seconds;
		}
		break;
	}
	return slot;
}
