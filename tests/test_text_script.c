/*
 * test_text_script.c — UTF-8 decoding, scripts, runs, directions and the visual order of runs.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text_script.h"

static void test_decode(void)
{
	static const struct {
		const char *bytes;
		const char *want;	/* codepoints in hex, space separated */
	} rows[] = {
		{"A", "41"},
		{"\xc3\xa9", "e9"},
		{"\xe2\x82\xac", "20ac"},
		{"\xf0\x9f\x98\x80", "1f600"},
		{"\xff", "fffd"},
		{"\x80", "fffd"},
		{"\xe2\x82", "fffd"},			/* truncated: one U+FFFD for the whole prefix */
		{"\xe2\x82" "A", "fffd 41"},
		{"\xc0\xaf", "fffd fffd"},		/* overlong lead byte */
		{"\xe0\x80\xaf", "fffd fffd fffd"},	/* overlong */
		{"\xed\xa0\x80", "fffd fffd fffd"},	/* surrogate */
		{"\xf4\x90\x80\x80", "fffd fffd fffd fffd"},	/* above U+10FFFF */
		{"\xf4\x8f\xbf\xbf", "10ffff"},
		{"a\xf0\x9f\x98z", "61 fffd 7a"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char got[128] = "";
		size_t len = strlen(rows[i].bytes), k = 0;
		for (size_t pos = 0; pos < len;) {
			size_t before = pos;
			uint32_t cp = script_decode_utf8(rows[i].bytes, len, &pos);
			CHECK(pos > before && pos <= len, "row %zu: no progress", i);
			k += (size_t)snprintf(got + k, sizeof got - k, "%s%x", k ? " " : "", cp);
		}
		CHECK_STR(got, rows[i].want, "row %zu", i);
	}
}

static void test_script_of(void)
{
	static const struct {
		uint32_t cp;
		enum script_id script;
		const char *tag;
	} rows[] = {
		{'a', SCRIPT_LATIN, "Latn"},
		{0x00E9, SCRIPT_LATIN, "Latn"},		/* é */
		{'1', SCRIPT_COMMON, "Zyyy"},
		{' ', SCRIPT_COMMON, "Zyyy"},
		{0x0301, SCRIPT_INHERITED, "Zyyy"},
		{0x03A9, SCRIPT_GREEK, "Grek"},
		{0x0416, SCRIPT_CYRILLIC, "Cyrl"},
		{0x05D0, SCRIPT_HEBREW, "Hebr"},
		{0x0628, SCRIPT_ARABIC, "Arab"},
		{0x060C, SCRIPT_COMMON, "Zyyy"},		/* Arabic comma */
		{0x0928, SCRIPT_DEVANAGARI, "Deva"},
		{0x6771, SCRIPT_HAN, "Hani"},
		{0x306E, SCRIPT_HIRAGANA, "Hira"},
		{0x30AB, SCRIPT_KATAKANA, "Kana"},
		{0xD55C, SCRIPT_HANGUL, "Hang"},
		{0x3002, SCRIPT_COMMON, "Zyyy"},		/* 。 */
		{0x20BB7, SCRIPT_HAN, "Hani"},
		{0x1200, SCRIPT_UNKNOWN, "Zzzz"},		/* Ethiopic: not named */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		CHECK(script_of(rows[i].cp) == rows[i].script, "U+%04X: %d", (unsigned)rows[i].cp,
		      script_of(rows[i].cp));
		CHECK_STR(script_iso15924(script_of(rows[i].cp)), rows[i].tag, "U+%04X",
			  (unsigned)rows[i].cp);
	}
}

/* Runs as "Tag/level:text" joined with '|', in logical order, then the visual order. */
static void test_itemize(void)
{
	static const struct {
		const char *text;
		bool rtl;
		const char *runs;
		const char *visual;	/* run indexes left to right */
	} rows[] = {
		{"Hello", false, "Latn/0:Hello", "0"},
		{"Hello мир", false, "Latn/0:Hello |Cyrl/0:мир", "01"},
		{"Ωμέγα and omega", false, "Grek/0:Ωμέγα |Latn/0:and omega", "01"},
		{"2024: Hello", false, "Latn/0:2024: Hello", "0"},
		{"مرحبا بالعالم", true, "Arab/1:مرحبا بالعالم", "0"},
		{"שלום עולם", true, "Hebr/1:שלום עולם", "0"},
		/* right-to-left inside left-to-right */
		{"Hello مرحبا world", false, "Latn/0:Hello |Arab/1:مرحبا|Latn/0: world", "012"},
		{"Talk: מבוא ועוד", false, "Latn/0:Talk: |Hebr/1:מבוא ועוד", "01"},
		/* left-to-right and numbers inside right-to-left */
		{"مرحبا Hello عالم", true, "Arab/1:مرحبا |Latn/2:Hello|Arab/1: عالم", "210"},
		{"عام 2024", true, "Arab/1:عام |Zyyy/2:2024", "10"},
		{"مؤتمر Linux 2024", true, "Arab/1:مؤتمر |Latn/2:Linux 2024", "10"},
		/* brackets take the direction of what they enclose */
		{"Hello (مرحبا)", false, "Latn/0:Hello (|Arab/1:مرحبا|Latn/0:)", "012"},
		/* CJK: one run per script */
		{"東京の会議", false, "Hani/0:東京|Hira/0:の|Hani/0:会議", "012"},
		{"カンファレンス2024", false, "Kana/0:カンファレンス2024", "0"},
		{"한국어 세션", false, "Hang/0:한국어 세션", "0"},
		{"नमस्ते दुनिया", false, "Deva/0:नमस्ते दुनिया", "0"},
		/* Common and Inherited at the start join the run after them */
		{"\"\xcc\x81Quote\"", false, "Latn/0:\"\xcc\x81Quote\"", "0"},
		{"123", false, "Zyyy/0:123", "0"},
		{"", false, "", ""},
		/* invalid bytes are Common */
		{"ab\xff" "cd", false, "Latn/0:ab\xff" "cd", "0"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct script_line line;
		char got[512] = "", visual[32] = "";
		size_t k = 0;
		size_t order[32];
		CHECK(script_itemize(rows[i].text, strlen(rows[i].text), &line), "row %zu", i);
		CHECK(line.rtl == rows[i].rtl, "row %zu: rtl %d", i, line.rtl);
		CHECK(script_is_rtl(rows[i].text, strlen(rows[i].text)) == rows[i].rtl, "row %zu",
		      i);
		for (size_t r = 0; r < line.n_runs; r++) {
			const struct script_run *run = &line.runs[r];
			k += (size_t)snprintf(got + k, sizeof got - k, "%s%s/%u:%.*s", r ? "|" : "",
					      script_iso15924(run->script), run->level,
					      (int)run->len, rows[i].text + run->start);
		}
		CHECK_STR(got, rows[i].runs, "row %zu", i);
		if (line.n_runs <= 32) {
			script_visual_order(line.runs, line.n_runs, order);
			for (size_t r = 0; r < line.n_runs; r++)
				visual[r] = (char)('0' + order[r]);
			visual[line.n_runs] = '\0';
			CHECK_STR(visual, rows[i].visual, "row %zu visual order", i);
		}
		script_line_finish(&line);
	}
}

/* Rule L2 on levels alone, as in UAX #9's examples. */
static void test_visual_order(void)
{
	static const struct {
		unsigned levels[8];
		size_t n;
		const char *want;
	} rows[] = {
		{{0, 0, 0}, 3, "012"},
		{{1, 1, 1}, 3, "210"},
		{{0, 1, 1, 0}, 4, "0213"},
		{{1, 2, 2, 1}, 4, "3120"},
		{{0, 1, 2, 1, 0}, 5, "03214"},	/* 1 2 1 reversed, then the 2 reversed back */
		{{2, 2}, 2, "01"},		/* even levels only: no odd level to reverse at */
		{{1, 2, 3, 2, 1}, 5, "41230"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct script_run runs[8];
		size_t order[8];
		char got[16];
		for (size_t r = 0; r < rows[i].n; r++)
			runs[r] = (struct script_run){r, 1, SCRIPT_LATIN, rows[i].levels[r]};
		script_visual_order(runs, rows[i].n, order);
		for (size_t r = 0; r < rows[i].n; r++)
			got[r] = (char)('0' + order[r]);
		got[rows[i].n] = '\0';
		CHECK_STR(got, rows[i].want, "row %zu", i);
	}
}

static void test_punctuation(void)
{
	CHECK(script_is_closing_punct(0x3002), "。");
	CHECK(script_is_closing_punct(0x3001), "、");
	CHECK(script_is_closing_punct(0x300D), "」");
	CHECK(script_is_closing_punct(0xFF09), "）");
	CHECK(!script_is_closing_punct(0x300C), "「");
	CHECK(script_is_opening_punct(0x300C), "「");
	CHECK(script_is_opening_punct(0xFF08), "（");
	CHECK(!script_is_opening_punct('a'), "a");
	CHECK(script_is_cjk(SCRIPT_HANGUL) && !script_is_cjk(SCRIPT_LATIN), "cjk");
}

int main(void)
{
	test_decode();
	test_script_of();
	test_itemize();
	test_visual_order();
	test_punctuation();
	return check_done();
}
