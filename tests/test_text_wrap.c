/*
 * test_text_wrap.c — line breaking and fitting with a fake font: ASCII and most characters are
 * 10 px wide, CJK characters and CJK punctuation 20 px, combining marks 0 px.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text_script.h"
#include "text_wrap.h"

static int fake_char_width(uint32_t cp)
{
	if (script_of(cp) == SCRIPT_INHERITED)
		return 0;
	if (script_is_cjk(script_of(cp)) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60))
		return 20;
	return 10;
}

static int fake_measure(void *ctx, const char *s, size_t len)
{
	int *calls = ctx, width = 0;
	if (calls)
		(*calls)++;
	for (size_t pos = 0; pos < len;)
		width += fake_char_width(script_decode_utf8(s, len, &pos));
	return width;
}

/* The lines joined with '|', each ellipsis as "…". */
static void join_lines(const char *s, const struct wrap_line *lines, size_t n, char *out,
		       size_t size)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		k += (size_t)snprintf(out + k, size - k, "%s%.*s%s", i ? "|" : "",
				      (int)lines[i].len, s + lines[i].start,
				      lines[i].ellipsis ? WRAP_ELLIPSIS : "");
	}
}

static void test_wrap_text(void)
{
	static const struct {
		const char *text;
		int width;
		size_t max_lines;
		const char *want;
	} rows[] = {
		/* spaces */
		{"hello world", 200, 2, "hello world"},
		{"hello world", 60, 2, "hello|world"},
		{"hello world", 110, 1, "hello world"},	/* exactly fits: no ellipsis */
		{"hello world", 109, 1, "hello…"},
		{"hello big world", 60, 2, "hello|big…"},
		{"hello big world", 60, 3, "hello|big|world"},
		{"  leading and trailing  ", 200, 1, "leading and trailing"},
		{"a  b", 10, 2, "a|b"},
		{"", 100, 2, ""},
		{"   ", 100, 2, ""},
		{"anything", 100, 0, ""},
		/* long words are cut between characters, the last line beside its ellipsis */
		{"supercalifragilistic", 60, 3, "superc|alifra|gilis…"},
		{"a supercalifragilistic", 60, 2, "a|super…"},
		{"x", 5, 1, "x"},			/* one character even when too wide */
		{"xy", 5, 1, "…"},			/* nothing fits beside the ellipsis */
		/* forced breaks */
		{"one\ntwo", 200, 2, "one|two"},
		{"one\ntwo", 200, 1, "one…"},
		{"one\r\ntwo\n", 200, 3, "one|two"},
		{"one\n\ntwo", 200, 3, "one||two"},
		/* never before closing punctuation, even after a space */
		{"Bonjour ! Oui", 100, 2, "Bonjour !|Oui"},
		{"Je dis bonjour ! Oui", 150, 2, "Je dis|bonjour ! Oui"},
		/* CJK: between characters */
		{"東京都の会議室です", 100, 2, "東京都の会|議室です"},
		{"東京都の会議室です", 100, 1, "東京都の…"},
		{"今日は晴れ。明日", 100, 2, "今日は晴|れ。明日"},
		{"会議「未来」です", 60, 4, "会議|「未|来」で|す"},
		{"ソフトウェア開発", 80, 3, "ソフト|ウェア開|発"},	/* no line starts with ェ */
		{"Rust東京", 60, 2, "Rust東|京"},
		{"안녕하세요 세계", 100, 2, "안녕하세요|세계"},
		{"日本語、中文", 60, 3, "日本|語、中|文"},
		/* combining marks stay with their letter */
		{"e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 10, 3, "e\xcc\x81|e\xcc\x81|e\xcc\x81"},
		/* invalid bytes are characters too */
		{"ab\xff" "cd", 30, 2, "ab\xff|cd"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wrap_line lines[8];
		char got[512];
		size_t n = wrap_text(rows[i].text, strlen(rows[i].text), rows[i].width,
				     rows[i].max_lines, fake_measure, NULL, lines);
		CHECK(n <= rows[i].max_lines, "row %zu: %zu lines", i, n);
		join_lines(rows[i].text, lines, n, got, sizeof got);
		CHECK_STR(got, rows[i].want, "row %zu (width %d, %zu lines)", i, rows[i].width,
			  rows[i].max_lines);
		/* every line but a too-wide single character fits */
		for (size_t l = 0; l < n; l++) {
			int w = fake_measure(NULL, rows[i].text + lines[l].start, lines[l].len) +
				(lines[l].ellipsis ? 10 : 0);
			CHECK(w <= rows[i].width || lines[l].len <= 4, "row %zu line %zu: %d px", i,
			      l, w);
		}
	}
}

/* Bisection keeps the measurements few: a long CJK paragraph on 3 lines. */
static void test_wrap_measure_count(void)
{
	char text[3 * 300 + 1] = "";
	for (int i = 0; i < 300; i++)
		strcat(text, "字");
	int calls = 0;
	struct wrap_line lines[3];
	size_t n = wrap_text(text, strlen(text), 1000, 3, fake_measure, &calls, lines);
	CHECK(n == 3, "%zu lines", n);
	CHECK(lines[0].len == 50 * 3 && lines[2].ellipsis, "first line %zu bytes", lines[0].len);
	CHECK(calls < 60, "%d measurements", calls);
}

static int fake_width_px(void *ctx, int px, const char *s, size_t len)
{
	(void)ctx;
	int chars = 0;
	for (size_t pos = 0; pos < len; chars++)
		script_decode_utf8(s, len, &pos);
	return chars * px / 2;
}

static int fake_line_height(void *ctx, int px)
{
	(void)ctx;
	return px + px / 5;
}

static void test_wrap_fit(void)
{
	static const struct wrap_fit_metrics metrics = {fake_width_px, fake_line_height};
	static const struct {
		const char *text;
		int box_w, box_h;
		size_t max_lines;
		int max_px, min_px;
		int want_px;
		const char *want;
	} rows[] = {
		/* one line at 54 px (11 chars * 27 = 297); two lines would need 132 px of height */
		{"hello world", 300, 100, 2, 100, 10, 54, "hello world"},
		/* a taller box: two lines at 120 px (5 * 60 = 300, 2 * 144 = 288) */
		{"hello world", 300, 300, 2, 200, 10, 120, "hello|world"},
		/* the maximum fits */
		{"hi", 300, 300, 1, 40, 10, 40, "hi"},
		/* even the minimum does not fit: minimum size with an ellipsis */
		{"a very long title that cannot fit", 100, 30, 1, 40, 20, 20, "a very…"},
		/* bad ranges */
		{"hi", 300, 300, 1, 10, 20, 0, ""},
		{"hi", 300, 300, 0, 40, 10, 0, ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wrap_line lines[8];
		size_t n = 99;
		char got[256];
		int px = wrap_fit(rows[i].text, strlen(rows[i].text), rows[i].box_w, rows[i].box_h,
				  rows[i].max_lines, rows[i].max_px, rows[i].min_px, &metrics, NULL,
				  lines, &n);
		CHECK(px == rows[i].want_px, "row %zu: %d px, want %d", i, px, rows[i].want_px);
		join_lines(rows[i].text, lines, px ? n : 0, got, sizeof got);
		CHECK_STR(got, rows[i].want, "row %zu", i);
	}
}

/* Properties over generated texts (mixed scripts, spaces, newlines, invalid bytes): lines in
 * order inside the text, at most max_lines, an ellipsis only on the last line and only when
 * text was left out, and every line fits unless it is one character. */
static void test_wrap_properties(void)
{
	static const char *const pieces[] = {
		"a", "word", " ", "  ", "\n", "東", "京", "。", "「", "」", "한", "مرحبا", "é",
		"e\xcc\x81", "\xff", "\xe2\x82", "supercalifragilistic", "!", "(", "…",
	};
	unsigned seed = 12345;
	for (int round = 0; round < 500; round++) {
		char text[256] = "";
		size_t len = 0;
		int n_pieces = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 30;
		for (int i = 0; i < n_pieces; i++) {
			const char *p = pieces[((seed = seed * 1103515245 + 12345) >> 16) %
					       (sizeof pieces / sizeof pieces[0])];
			if (len + strlen(p) >= sizeof text)
				break;
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		int width = 20 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 200;
		size_t max_lines = 1 + ((seed = seed * 1103515245 + 12345) >> 16) % 4;
		struct wrap_line lines[4];
		size_t n = wrap_text(text, len, width, max_lines, fake_measure, NULL, lines);
		size_t end = 0;
		CHECK(n <= max_lines, "round %d: %zu lines", round, n);
		for (size_t l = 0; l < n; l++) {
			CHECK(lines[l].start >= end && lines[l].start + lines[l].len <= len,
			      "round %d line %zu: [%zu, +%zu) after %zu in %zu", round, l,
			      lines[l].start, lines[l].len, end, len);
			end = lines[l].start + lines[l].len;
			CHECK(!lines[l].ellipsis || l == n - 1, "round %d: ellipsis on line %zu", round,
			      l);
			int w = fake_measure(NULL, text + lines[l].start, lines[l].len) +
				(lines[l].ellipsis ? 10 : 0);
			size_t one = lines[l].start;
			if (lines[l].len)
				script_decode_utf8(text, len, &one);
			CHECK(w <= width || lines[l].start + lines[l].len <= one + 2,
			      "round %d line %zu: %d px > %d", round, l, w, width);
		}
		/* no ellipsis: the lines hold every character that is not a space */
		if (n == 0 || !lines[n - 1].ellipsis) {
			size_t visible = 0, kept = 0;
			for (size_t pos = 0; pos < len;) {
				uint32_t cp = script_decode_utf8(text, len, &pos);
				visible += cp != ' ' && cp != '\n';
			}
			for (size_t l = 0; l < n; l++)
				for (size_t pos = 0; pos < lines[l].len;) {
					uint32_t cp = script_decode_utf8(text + lines[l].start,
									 lines[l].len, &pos);
					kept += cp != ' ' && cp != '\n';
				}
			CHECK(kept == visible, "round %d: %zu of %zu characters kept without ellipsis",
			      round, kept, visible);
		}
	}
}

int main(void)
{
	test_wrap_properties();
	test_wrap_text();
	test_wrap_measure_count();
	test_wrap_fit();
	return check_done();
}
