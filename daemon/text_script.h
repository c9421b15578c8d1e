/*
 * text_script.h — what a line of UTF-8 is made of, pure: codepoints (UTF-8 decoding), the script
 * of each, the line split into runs of one script and one direction, and the order in which
 * the runs are drawn (bidi).
 *
 * Entry points: script_decode_utf8() to walk a string; script_itemize() to get a line's runs
 * in logical order with their bidi levels; script_visual_order() to get the drawing order.
 */
#ifndef FOYER_TEXT_SCRIPT_H
#define FOYER_TEXT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCRIPT_REPLACEMENT_CHAR 0xFFFDu

enum script_id {
	SCRIPT_COMMON,		/* spaces, digits, punctuation: joins the run around it */
	SCRIPT_INHERITED,	/* combining marks: takes the script of its base */
	SCRIPT_LATIN,
	SCRIPT_GREEK,
	SCRIPT_CYRILLIC,
	SCRIPT_ARMENIAN,
	SCRIPT_HEBREW,
	SCRIPT_ARABIC,
	SCRIPT_DEVANAGARI,
	SCRIPT_BENGALI,
	SCRIPT_TAMIL,
	SCRIPT_THAI,
	SCRIPT_GEORGIAN,
	SCRIPT_HANGUL,
	SCRIPT_HIRAGANA,
	SCRIPT_KATAKANA,
	SCRIPT_HAN,
	SCRIPT_UNKNOWN,		/* a letter of a script foyer does not name */
};

/*
 * Decodes the codepoint at s[*pos] (pos < len) and moves *pos past it. Invalid or truncated
 * sequences, overlongs, surrogates and values above U+10FFFF decode as U+FFFD, consuming the
 * longest prefix that could have started a valid sequence (at least one byte), as the
 * Unicode "maximal subpart" practice says.
 */
uint32_t script_decode_utf8(const char *s, size_t len, size_t *pos);

/* The Unicode script of a codepoint (the scripts above; others are SCRIPT_UNKNOWN or
 * SCRIPT_COMMON). */
enum script_id script_of(uint32_t cp);

/* ISO 15924 tag for HarfBuzz ("Latn", "Arab", "Hani", ...); "Zyyy" for Common/Inherited. */
const char *script_iso15924(enum script_id script);

/* True for Han, Hiragana, Katakana and Hangul: scripts written without spaces between words,
 * where a line may break between characters. */
bool script_is_cjk(enum script_id script);

/* True for codepoints a line must not start with: closing brackets and quotes, 。、，．！？ and
 * the like, and small kana. */
bool script_is_closing_punct(uint32_t cp);
/* True for codepoints a line must not end with: opening brackets and quotes （「『【 ... */
bool script_is_opening_punct(uint32_t cp);

/* A run: s[start..start+len) in one script and one bidi level. */
struct script_run {
	size_t start, len;
	enum script_id script;	/* Common only when the whole line is Common */
	unsigned level;		/* bidi embedding level: even = left-to-right, odd = right-to-left */
};

static inline bool script_run_is_rtl(const struct script_run *run)
{
	return run->level & 1;
}

/* A line's runs in logical (memory) order. */
struct script_line {
	struct script_run *runs;
	size_t n_runs;
	bool rtl;		/* paragraph direction */
};

/*
 * Splits s[0..len) into runs. Common and Inherited characters join the run before them
 * (at the line start, the run after them), except that a change of bidi level always starts a
 * new run. The paragraph direction is that of the first strong character (UAX #9 P2-P3),
 * left-to-right when there is none. Returns false only when out of memory; out is then
 * empty. Free with script_line_finish().
 */
bool script_itemize(const char *s, size_t len, struct script_line *out);
void script_line_finish(struct script_line *line);

/*
 * Writes to order[0..n) the indexes of runs in the order they are drawn from left to right
 * (UAX #9 rule L2 applied to whole runs: from the highest level down to the lowest odd
 * level, every sequence of runs at that level or higher is reversed).
 */
void script_visual_order(const struct script_run *runs, size_t n, size_t *order);

/* True when the first strong character of s[0..len) is right-to-left. */
bool script_is_rtl(const char *s, size_t len);

#endif
