/*
 * fuzz_deck.c — fuzzes the deck's parsers and its clock: each line of the input is a
 * `slide =` value (deck_parse_slide()) and a `--slide`/`pin` value (deck_parse_pick()); the
 * parsed entries make a deck whose pages come from the input's bytes, and deck_at() is asked
 * at instants from the input. Traps when an invariant breaks: a parsed entry has a kind and
 * 1..3600 seconds, a page is 1..1000, the slot names an entry with pages and a page among
 * them, and the next change is after t and at most one entry's seconds away.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck deck = {.n = 0};
	int pages[DECK_MAX_ENTRIES];
	char line[256], why[200];
	size_t pos = 0;
	while (pos < size && deck.n < DECK_MAX_ENTRIES) {
		size_t len = 0;
		while (pos < size && data[pos] != '\n' && len + 1 < sizeof line)
			line[len++] = (char)data[pos++];
		line[len] = '\0';
		pos++;
		struct deck_entry e;
		if (deck_parse_slide(line, &e, why, sizeof why)) {
			if (e.kind < 0 || e.kind >= DECK_KIND_COUNT || e.seconds < 1 ||
			    e.seconds > DECK_MAX_SECONDS)
				__builtin_trap();
			pages[deck.n] = len ? (unsigned char)line[0] % 5 - 1 : 1;
			deck.entries[deck.n++] = e;
		}
		enum deck_kind kind;
		int page;
		if (deck_parse_pick(line, &kind, &page, why, sizeof why) &&
		    (kind < 0 || kind >= DECK_KIND_COUNT || page < 1 || page > DECK_MAX_PAGES))
			__builtin_trap();
	}
	int64_t t = 0;
	memcpy(&t, data, size < sizeof t ? size : sizeof t);
	t %= (int64_t)1 << 40;	/* time_t of the next 30,000 years, either side */
	struct deck_slot s = deck_at(&deck, pages, (time_t)t);
	if (s.index >= 0) {
		if ((size_t)s.index >= deck.n || pages[s.index] <= 0 || s.page < 1 ||
		    s.page > s.pages || s.pages != pages[s.index])
			__builtin_trap();
		if (s.next_change && (s.next_change <= (time_t)t ||
				      s.next_change - (time_t)t > deck.entries[s.index].seconds))
			__builtin_trap();
	}
	return 0;
}
