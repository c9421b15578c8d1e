/*
 * catalog.c — the words from gettext; see catalog.h.
 */
#include "catalog.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *catalog_languages(void)
{
	return "en, de, fr, es, nl";
}

static void set_clock(struct catalog *c, const char *clock)
{
	if (clock && *clock)
		c->words.clock_12h = !strcmp(clock, "12h");
	else
		c->words.clock_12h = !strcmp(words_get(&c->words, WORD_CLOCK_STYLE), "12h");
}

/* The translation of w, or NULL when the catalogue has none (gettext returns the key). */
static const char *lookup(enum word w)
{
	struct words_msgid id = words_msgid(w);
	char key[256];
	if (id.context[0])
		snprintf(key, sizeof key, "%s\004%s", id.context, id.id);
	else
		snprintf(key, sizeof key, "%s", id.id);
	const char *got = dgettext(CATALOG_DOMAIN, key);
	return got == key || !*got ? NULL : got;	/* gettext gives the key back: none */
}

/* The process's LC_MESSAGES and LANGUAGE, to put back after the lookups. */
struct saved_locale {
	char *messages;
	char *language;		/* NULL: it was not set */
};

static bool switch_locale(const char *language, struct saved_locale *saved, struct error *err)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	const char *env = getenv("LANGUAGE");
	saved->messages = strdup(messages ? messages : "C");
	saved->language = env ? strdup(env) : NULL;
	if (!saved->messages || (env && !saved->language)) {
		error_set(err, 0, 0, "out of memory");
		return false;
	}
	if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8")) {
		error_set(err, 0, 0, "no C.UTF-8 locale (libc-bin's) to read the catalogue with");
		return false;
	}
	setenv("LANGUAGE", language, 1);
	textdomain(textdomain(NULL));	/* gettext caches lookups until the domain is set */
	return true;
}

static void restore_locale(struct saved_locale *saved)
{
	if (saved->language)
		setenv("LANGUAGE", saved->language, 1);
	else
		unsetenv("LANGUAGE");
	if (saved->messages)
		setlocale(LC_MESSAGES, saved->messages);
	textdomain(textdomain(NULL));
	free(saved->messages);
	free(saved->language);
}

bool catalog_load(const char *language, const char *locale_dir, const char *clock,
		  struct catalog *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	words_init_english(&out->words);
	set_clock(out, clock);
	if (!strcmp(language, "en"))
		return true;
	char mo[4096];
	snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/%s.mo", locale_dir, language, CATALOG_DOMAIN);
	if (access(mo, R_OK) != 0) {
		error_set(err, 0, 0, "no catalogue for language %s (%s: %s)", language, mo,
			  strerror(errno));
		return false;
	}
	struct saved_locale saved = {0};
	bool ok = switch_locale(language, &saved, err) &&
		  bindtextdomain(CATALOG_DOMAIN, locale_dir) &&
		  bind_textdomain_codeset(CATALOG_DOMAIN, "UTF-8");
	const char *found[WORD_COUNT] = {0};
	size_t bytes = 0;
	for (size_t i = 0; ok && i < WORD_COUNT; i++) {
		const char *t = lookup((enum word)i);
		const char *english = words_msgid((enum word)i).id;
		if (!t) {
			out->missing++;
		} else if (strchr(english, '%') && !words_format_matches(english, t)) {
			if (!out->bad_formats++)
				out->first_bad = (enum word)i;
		} else {
			found[i] = t;
			bytes += strlen(t) + 1;
		}
	}
	/* copied while the catalogue is bound: the texts are ours from here on */
	if (ok && bytes && !(out->storage = malloc(bytes))) {
		error_set(err, 0, 0, "out of memory");
		ok = false;
	}
	for (size_t i = 0, used = 0; ok && i < WORD_COUNT; i++) {
		if (!found[i])
			continue;
		size_t n = strlen(found[i]) + 1;
		memcpy(out->storage + used, found[i], n);
		out->words.text[i] = out->storage + used;
		used += n;
	}
	restore_locale(&saved);
	if (!ok) {
		catalog_finish(out);
		words_init_english(&out->words);
	}
	set_clock(out, clock);
	return ok;
}

void catalog_finish(struct catalog *c)
{
	if (!c)
		return;
	free(c->storage);
	c->storage = NULL;
}
