/*
 * test_words.c — the screen's words: the English table, times and dates by the clock and
 * the language, the check of a translation's %-values, and catalog.c through real gettext
 * (the shipped catalogues, and a test one with gaps and a bad format that must come out
 * English; the process's locale and LANGUAGE left as they were).
 */
#include <locale.h>
#include <stdlib.h>

#include "catalog.h"
#include "check.h"
#include "words.h"

static void test_formats(void)
{
	static const struct {
		const char *english, *translated;
		bool ok;
	} rows[] = {
		{"in %ld min", "in %ld Min.", true},
		{"in %ld min", "dans %ld min", true},
		{"in %ld min", "in %d min", false},
		{"in %ld min", "in %s min", false},
		{"in %ld min", "in min", false},
		{"in %ld min", "in %ld %ld min", false},
		{"%ld h %ld min left", "noch %1$ld Std. %2$ld Min.", true},
		{"%ld h %ld min left", "%2$ld min %1$ld h", true},
		{"%1$s %2$d %3$s", "%1$s, %2$d. %3$s", true},
		{"%1$s %2$d %3$s", "%3$s %2$d, %1$s", true},
		{"%1$s %2$d %3$s", "%1$s %2$s %3$d", false},
		{"%1$s %2$d %3$s", "%1$s %3$s", false},
		{"%1$d:%2$02d %3$s", "%1$d.%2$02d %3$s", true},
		{"%1$zu / %2$zu", "%1$zu von %2$zu", true},
		{"%1$zu / %2$zu", "%1$d von %2$d", false},
		{"Moved from %s", "Verlegt aus %s", true},
		{"Moved from %s", "Verlegt aus %1$s", true},
		{"Moved from %s", "Verlegt %1$s aus %s", false},	/* mixed */
		{"Moved from %s", "Verlegt aus %*s", false},
		{"Moved from %s", "100%% %s", true},
		{"Moved from %s", "aus %n", false},
		{"%d h", "%d Std.", true},
		{"%d h", "%9$d h", false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		CHECK(words_format_matches(rows[i].english, rows[i].translated) == rows[i].ok,
		      "'%s' for '%s'", rows[i].translated, rows[i].english);
}

static void test_english(void)
{
	struct words w;
	words_init_english(&w);
	for (size_t i = 0; i < WORD_COUNT; i++) {
		CHECK(w.text[i] && *w.text[i], "word %zu has a text", i);
		CHECK_STR(words_get(NULL, (enum word)i), w.text[i], "NULL is English (%zu)", i);
	}
	CHECK_STR(words_get(&w, WORD_COUNT), "", "out of range");
	static const struct {
		bool h12;
		int hour, minute;
		const char *want;
	} times[] = {
		{false, 0, 5, "00:05"}, {false, 14, 30, "14:30"}, {true, 0, 5, "12:05 am"},
		{true, 9, 30, "9:30 am"}, {true, 12, 0, "12:00 pm"}, {true, 23, 59, "11:59 pm"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
		w.clock_12h = times[i].h12;
		words_time(&w, buf, sizeof buf, times[i].hour, times[i].minute);
		CHECK_STR(buf, times[i].want, "%02d:%02d %s", times[i].hour, times[i].minute,
			  times[i].h12 ? "12h" : "24h");
	}
	words_date(NULL, buf, sizeof buf, 1, 10, 12);
	CHECK_STR(buf, "Monday 10 December", "date");
	CHECK_STR(words_month(NULL, 9, true), "Sep", "short month");
	CHECK_STR(words_month(NULL, 5, true), "May", "short May");
	CHECK_STR(words_month(NULL, 13, false), "", "month out of range");
	CHECK_STR(words_weekday(NULL, 7), "", "weekday out of range");
	/* the table's formats hold for themselves, and every msgid is unique in its context */
	for (size_t i = 0; i < WORD_COUNT; i++) {
		struct words_msgid a = words_msgid((enum word)i);
		if (strchr(a.id, '%'))
			CHECK(words_format_matches(a.id, a.id), "%s matches itself", a.id);
		for (size_t k = i + 1; k < WORD_COUNT; k++) {
			struct words_msgid b = words_msgid((enum word)k);
			CHECK(strcmp(a.id, b.id) || strcmp(a.context, b.context),
			      "'%s' twice in context '%s'", a.id, a.context);
		}
	}
}

/* Every shipped language: every word translated, none empty, the formats kept. */
static void test_shipped(void)
{
	static const char *const languages[] = {"de", "fr", "es", "nl"};
	for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
		struct catalog c;
		struct error err = {0};
		CHECK(catalog_load(languages[i], TEST_LOCALE_DIR, "", &c, &err), "%s: %s",
		      languages[i], err.message);
		CHECK(c.missing == 0, "%s: %zu words missing", languages[i], c.missing);
		CHECK(c.bad_formats == 0, "%s: %zu bad formats", languages[i], c.bad_formats);
		size_t translated = 0;
		for (size_t w = 0; w < WORD_COUNT; w++) {
			CHECK(c.words.text[w] && *c.words.text[w], "%s: word %zu", languages[i], w);
			translated += strcmp(c.words.text[w], words_msgid((enum word)w).id) != 0;
		}
		CHECK(translated > WORD_COUNT / 2, "%s: %zu words differ from English",
		      languages[i], translated);
		CHECK(!c.words.clock_12h, "%s: 24h", languages[i]);
		catalog_finish(&c);
	}
	struct catalog c;
	CHECK(catalog_load("en", TEST_LOCALE_DIR, "12h", &c, NULL), "en needs no catalogue");
	CHECK(c.words.clock_12h && !c.missing, "en 12h");
	catalog_finish(&c);
}

/* A catalogue with gaps: English where it lacks a word, has it empty or breaks a format. */
static void test_gaps(void)
{
	setenv("LANGUAGE", "zz", 1);
	struct catalog c;
	struct error err = {0};
	CHECK(catalog_load("xx", TEST_XX_LOCALE_DIR, "", &c, &err), "xx: %s", err.message);
	CHECK_STR(words_get(&c.words, WORD_NOW), "NOW-XX", "a translated word");
	CHECK_STR(words_get(&c.words, WORD_MONDAY), "Monday-XX", "another");
	CHECK_STR(words_get(&c.words, WORD_LATER_TODAY), "Later today", "empty: English");
	CHECK_STR(words_get(&c.words, WORD_IN_MIN), "in %ld min", "bad format: English");
	CHECK_STR(words_get(&c.words, WORD_NEXT), "Next", "missing: English");
	CHECK(c.bad_formats == 1 && c.first_bad == WORD_IN_MIN, "one bad format");
	CHECK(c.missing == WORD_COUNT - 6 + 1, "%zu missing", c.missing);
	CHECK(c.words.clock_12h, "the catalogue's clock");
	char buf[64];
	words_format(&c.words, buf, sizeof buf, WORD_H_MIN_LEFT, 1L, 5L);
	CHECK_STR(buf, "5 min 1 h left-XX", "a reordered format");
	catalog_finish(&c);
	CHECK(catalog_load("xx", TEST_XX_LOCALE_DIR, "24h", &c, &err) && !c.words.clock_12h,
	      "clock = 24h over the catalogue's");
	catalog_finish(&c);
	/* the process is left as it was */
	CHECK_STR(getenv("LANGUAGE"), "zz", "LANGUAGE put back");
	unsetenv("LANGUAGE");
	CHECK(catalog_load("de", TEST_LOCALE_DIR, "", &c, &err), "de");
	CHECK(getenv("LANGUAGE") == NULL, "LANGUAGE unset again");
	CHECK_STR(setlocale(LC_MESSAGES, NULL), "C", "LC_MESSAGES put back");
	catalog_finish(&c);
	/* no catalogue: English, and why */
	CHECK(!catalog_load("it", TEST_LOCALE_DIR, "", &c, &err), "no Italian");
	CHECK(strstr(err.message, "no catalogue for language it") != NULL, "%s", err.message);
	CHECK_STR(words_get(&c.words, WORD_NOW), "Now", "English after a failure");
	catalog_finish(&c);
	catalog_finish(NULL);
}

int main(void)
{
	test_formats();
	test_english();
	test_shipped();
	test_gaps();
	return check_done();
}
