/*
 * catalog.h — the screen's words from GNU gettext's message catalogue: the one edge that
 * calls gettext (glibc's libintl). See words.h for the table it fills.
 *
 * The catalogues are daemon/po/LANG.po, compiled by msgfmt at build time to
 * LOCALEDIR/LANG/LC_MESSAGES/foyer.mo (the build tree's locale/ for a binary run from it).
 * gettext picks a catalogue only under a setlocale'd LC_MESSAGES that is not "C", and a Pi
 * image need not have any locale generated: catalog_load() sets LC_MESSAGES to C.UTF-8
 * (shipped by libc-bin on every Debian) and LANGUAGE to the language for the lookups, then
 * puts both back, copying every text into the catalogue's own storage. The process locale is
 * never used for a word: the venue's language is the config's, not the box's.
 *
 * Entry points: catalog_load(), catalog_finish(), catalog_languages().
 */
#ifndef FOYER_CATALOG_H
#define FOYER_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "words.h"

#define CATALOG_DOMAIN "foyer"

struct catalog {
	struct words words;	/* every text non-empty: English where the catalogue has none */
	char *storage;		/* the translated texts */
	size_t missing;		/* words the catalogue lacks (English shown) */
	size_t bad_formats;	/* translations whose printf conversions differ (English shown) */
	enum word first_bad;	/* the first of those, for the message */
};

/* "en, de, fr, es, nl": the shipped languages, for messages. */
const char *catalog_languages(void);

/*
 * Fills out for language ("en": the built-in English, no catalogue) from locale_dir, with
 * the clock of clock ("24h", "12h", or "" for the language's). On failure (no catalogue for
 * the language, no C.UTF-8 locale, out of memory) out holds the English words, 24h unless
 * clock says 12h, and err says why; the caller logs it once. catalog_finish() in any case.
 */
bool catalog_load(const char *language, const char *locale_dir, const char *clock,
		  struct catalog *out, struct error *err);
void catalog_finish(struct catalog *c);

#endif
