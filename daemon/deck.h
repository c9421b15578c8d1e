/*
 * deck.h — the deck of slides (DESIGN.md section 10), pure: which slide and which page a
 * screen shows at an instant, and when that changes.
 *
 * The config's `[deck]` has one `slide = KIND SECONDS` line per entry, in the order shown.
 * At an instant t every entry has a number of pages (worked out by the caller from what
 * there is to show at t: rooms per page, announcements in force, image files); an entry
 * with no pages is skipped. The entries with pages are laid end to end from the epoch
 * (1970-01-01T00:00:00Z), each page of an entry for that entry's SECONDS, and t modulo the
 * total picks the slot. So the answer depends only on t, the deck and what is shown: every
 * screen with the same config shows the same slide in the same second, and a screen that
 * boots mid-cycle joins in step. A deck with a single slot does not rotate.
 *
 * Entry points: deck_from_config(), deck_parse_slide() (one `slide =` value), deck_kind_name() and
 * deck_kind_parse() (the kind names), deck_at() (the slot at t and the next change),
 * deck_parse_pick() (the `--slide KIND[:PAGE]` and `pin = KIND[:PAGE]` syntax).
 */
#ifndef FOYER_DECK_H
#define FOYER_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define DECK_MAX_ENTRIES 64	/* = CONFIG_MAX_LIST */
#define DECK_MAX_SECONDS 3600
#define DECK_MAX_PAGES 1000

enum deck_kind {
	DECK_NOW_NEXT,
	DECK_ROOMS,
	DECK_AGENDA,
	DECK_ANNOUNCEMENT,
	DECK_IMAGE,
	DECK_KIND_COUNT
};

struct deck_entry {
	enum deck_kind kind;
	int seconds;		/* how long each page shows, 1..DECK_MAX_SECONDS */
};

struct deck {
	struct deck_entry entries[DECK_MAX_ENTRIES];
	size_t n;
};

struct config_list;

/*
 * The deck of the config's `slide =` lines (config.c has checked each on reading); lines
 * that do not parse are left out. No lines: a deck of none (out->n == 0).
 */
void deck_from_config(const struct config_list *slides, struct deck *out);

/* "now-next", "rooms", "agenda", "announcement", "image". */
const char *deck_kind_name(enum deck_kind kind);

/* The kind named name; false when it names none. */
bool deck_kind_parse(const char *name, enum deck_kind *kind);

/*
 * Parses a `slide =` value, "KIND SECONDS" (SECONDS as the config's durations: 20, 20s, 1m).
 * On error writes why (a sentence without the key's name) and returns false.
 */
bool deck_parse_slide(const char *value, struct deck_entry *out, char *why, size_t why_size);

/*
 * Parses "KIND" or "KIND:PAGE" (PAGE from 1; 1 when absent) as --slide and the override
 * file's pin write it. On error writes why and returns false.
 */
bool deck_parse_pick(const char *value, enum deck_kind *kind, int *page, char *why,
		     size_t why_size);

/* What deck_at() found: the entry, its page, and the instants the slot began and ends. */
struct deck_slot {
	int index;		/* into deck->entries; -1 when no entry has anything to show */
	int page;		/* from 1 */
	int pages;
	time_t start;		/* when this slot began (0 when it does not rotate) */
	time_t next_change;	/* when the next slot begins; 0: never (one slot, or none) */
};

/*
 * The slot at t. pages[i] is how many pages entry i has at t (0: nothing to show; values
 * above DECK_MAX_PAGES count as DECK_MAX_PAGES). Times before the epoch count back from it,
 * so the rotation is the same on both sides.
 */
struct deck_slot deck_at(const struct deck *deck, const int *pages, time_t t);

#endif
