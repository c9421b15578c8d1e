/*
 * text_script.c — UTF-8 decoding, the script of each codepoint, runs and their visual order.
 *
 * Scripts come from a table of codepoint ranges (below) covering the scripts foyer's fonts
 * cover; it is a subset of Unicode's Scripts.txt, enough to pick a font and a HarfBuzz script
 * per run. Bidi levels come from GNU FriBidi (the full UAX #9 at character level: weak and
 * neutral types, numbers, brackets), so no bidi rule is written here.
 *
 * What is simplified, compared with a full UAX #9 display:
 * - each line given to script_itemize is its own paragraph: a wrapped title's later lines
 *   find their direction again from their own first strong character;
 * - reordering (rule L2) is done on whole runs; the characters inside a right-to-left run are
 *   put in visual order by HarfBuzz when the run is shaped right-to-left;
 * - no mirroring is done here: HarfBuzz mirrors brackets in right-to-left runs.
 */
#include "text_script.h"

#include <stdlib.h>

#include <fribidi.h>

uint32_t script_decode_utf8(const char *s, size_t len, size_t *pos)
{
	const unsigned char *p = (const unsigned char *)s + *pos;
	size_t avail = len - *pos;
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t cp;

	if (c < 0x80) {
		*pos += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		*pos += 1;
		return SCRIPT_REPLACEMENT_CHAR;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= avail || p[i] < lo || p[i] > hi) {
			*pos += i;
			return SCRIPT_REPLACEMENT_CHAR;
		}
		cp = cp << 6 | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*pos += need + 1;
	return cp;
}

struct script_range {
	uint32_t first, last;
	enum script_id script;
};

/* Sorted, non-overlapping; a codepoint in no range is SCRIPT_UNKNOWN. */
static const struct script_range script_ranges[] = {
	{0x0000, 0x0040, SCRIPT_COMMON},
	{0x0041, 0x005A, SCRIPT_LATIN},
	{0x005B, 0x0060, SCRIPT_COMMON},
	{0x0061, 0x007A, SCRIPT_LATIN},
	{0x007B, 0x00A9, SCRIPT_COMMON},
	{0x00AA, 0x00AA, SCRIPT_LATIN},
	{0x00AB, 0x00B9, SCRIPT_COMMON},
	{0x00BA, 0x00BA, SCRIPT_LATIN},
	{0x00BB, 0x00BF, SCRIPT_COMMON},
	{0x00C0, 0x00D6, SCRIPT_LATIN},
	{0x00D7, 0x00D7, SCRIPT_COMMON},
	{0x00D8, 0x00F6, SCRIPT_LATIN},
	{0x00F7, 0x00F7, SCRIPT_COMMON},
	{0x00F8, 0x02B8, SCRIPT_LATIN},
	{0x02B9, 0x02DF, SCRIPT_COMMON},
	{0x02E0, 0x02E4, SCRIPT_LATIN},
	{0x02E5, 0x02FF, SCRIPT_COMMON},
	{0x0300, 0x036F, SCRIPT_INHERITED},
	{0x0370, 0x0373, SCRIPT_GREEK},
	{0x0374, 0x0374, SCRIPT_COMMON},
	{0x0375, 0x037D, SCRIPT_GREEK},
	{0x037E, 0x037E, SCRIPT_COMMON},
	{0x037F, 0x0384, SCRIPT_GREEK},
	{0x0385, 0x0385, SCRIPT_COMMON},
	{0x0386, 0x0386, SCRIPT_GREEK},
	{0x0387, 0x0387, SCRIPT_COMMON},
	{0x0388, 0x03E1, SCRIPT_GREEK},
	{0x03F0, 0x03FF, SCRIPT_GREEK},
	{0x0400, 0x0484, SCRIPT_CYRILLIC},
	{0x0485, 0x0486, SCRIPT_INHERITED},
	{0x0487, 0x052F, SCRIPT_CYRILLIC},
	{0x0531, 0x0588, SCRIPT_ARMENIAN},
	{0x0589, 0x0589, SCRIPT_COMMON},
	{0x058A, 0x058F, SCRIPT_ARMENIAN},
	{0x0591, 0x05F4, SCRIPT_HEBREW},
	{0x0600, 0x0604, SCRIPT_ARABIC},
	{0x0605, 0x0605, SCRIPT_COMMON},
	{0x0606, 0x060B, SCRIPT_ARABIC},
	{0x060C, 0x060C, SCRIPT_COMMON},
	{0x060D, 0x061A, SCRIPT_ARABIC},
	{0x061B, 0x061B, SCRIPT_COMMON},
	{0x061C, 0x061E, SCRIPT_ARABIC},
	{0x061F, 0x061F, SCRIPT_COMMON},
	{0x0620, 0x063F, SCRIPT_ARABIC},
	{0x0640, 0x0640, SCRIPT_COMMON},
	{0x0641, 0x064A, SCRIPT_ARABIC},
	{0x064B, 0x0655, SCRIPT_INHERITED},
	{0x0656, 0x066F, SCRIPT_ARABIC},
	{0x0670, 0x0670, SCRIPT_INHERITED},
	{0x0671, 0x06DC, SCRIPT_ARABIC},
	{0x06DD, 0x06DD, SCRIPT_COMMON},
	{0x06DE, 0x06FF, SCRIPT_ARABIC},
	{0x0750, 0x077F, SCRIPT_ARABIC},
	{0x08A0, 0x08E1, SCRIPT_ARABIC},
	{0x08E2, 0x08E2, SCRIPT_COMMON},
	{0x08E3, 0x08FF, SCRIPT_ARABIC},
	{0x0900, 0x0950, SCRIPT_DEVANAGARI},
	{0x0951, 0x0954, SCRIPT_INHERITED},
	{0x0955, 0x0963, SCRIPT_DEVANAGARI},
	{0x0964, 0x0965, SCRIPT_COMMON},
	{0x0966, 0x097F, SCRIPT_DEVANAGARI},
	{0x0980, 0x09FF, SCRIPT_BENGALI},
	{0x0B80, 0x0BFF, SCRIPT_TAMIL},
	{0x0E01, 0x0E3A, SCRIPT_THAI},
	{0x0E3F, 0x0E3F, SCRIPT_COMMON},
	{0x0E40, 0x0E5B, SCRIPT_THAI},
	{0x10A0, 0x10FA, SCRIPT_GEORGIAN},
	{0x10FB, 0x10FB, SCRIPT_COMMON},
	{0x10FC, 0x10FF, SCRIPT_GEORGIAN},
	{0x1100, 0x11FF, SCRIPT_HANGUL},
	{0x1AB0, 0x1AFF, SCRIPT_INHERITED},
	{0x1C80, 0x1C8F, SCRIPT_CYRILLIC},
	{0x1C90, 0x1CBF, SCRIPT_GEORGIAN},
	{0x1D00, 0x1D25, SCRIPT_LATIN},
	{0x1D2C, 0x1D5C, SCRIPT_LATIN},
	{0x1D62, 0x1D65, SCRIPT_LATIN},
	{0x1D6B, 0x1D77, SCRIPT_LATIN},
	{0x1D79, 0x1DBE, SCRIPT_LATIN},
	{0x1DC0, 0x1DFF, SCRIPT_INHERITED},
	{0x1E00, 0x1EFF, SCRIPT_LATIN},
	{0x1F00, 0x1FFE, SCRIPT_GREEK},
	{0x2000, 0x200B, SCRIPT_COMMON},
	{0x200C, 0x200D, SCRIPT_INHERITED},
	{0x200E, 0x2064, SCRIPT_COMMON},
	{0x2066, 0x2070, SCRIPT_COMMON},
	{0x2071, 0x2071, SCRIPT_LATIN},
	{0x2074, 0x207E, SCRIPT_COMMON},
	{0x207F, 0x207F, SCRIPT_LATIN},
	{0x2080, 0x208E, SCRIPT_COMMON},
	{0x2090, 0x209C, SCRIPT_LATIN},
	{0x20A0, 0x20C0, SCRIPT_COMMON},
	{0x20D0, 0x20F0, SCRIPT_INHERITED},
	{0x2100, 0x2125, SCRIPT_COMMON},
	{0x2126, 0x2126, SCRIPT_GREEK},
	{0x2127, 0x2129, SCRIPT_COMMON},
	{0x212A, 0x212B, SCRIPT_LATIN},
	{0x212C, 0x2131, SCRIPT_COMMON},
	{0x2132, 0x2132, SCRIPT_LATIN},
	{0x2133, 0x214D, SCRIPT_COMMON},
	{0x214E, 0x214E, SCRIPT_LATIN},
	{0x214F, 0x215F, SCRIPT_COMMON},
	{0x2160, 0x2188, SCRIPT_LATIN},
	{0x2189, 0x2BFF, SCRIPT_COMMON},
	{0x2C60, 0x2C7F, SCRIPT_LATIN},
	{0x2DE0, 0x2DFF, SCRIPT_CYRILLIC},
	{0x2E00, 0x2E7F, SCRIPT_COMMON},
	{0x2E80, 0x2FDF, SCRIPT_HAN},
	{0x2FF0, 0x3004, SCRIPT_COMMON},
	{0x3005, 0x3005, SCRIPT_HAN},
	{0x3006, 0x3006, SCRIPT_COMMON},
	{0x3007, 0x3007, SCRIPT_HAN},
	{0x3008, 0x3020, SCRIPT_COMMON},
	{0x3021, 0x3029, SCRIPT_HAN},
	{0x302A, 0x302D, SCRIPT_INHERITED},
	{0x302E, 0x302F, SCRIPT_HANGUL},
	{0x3030, 0x3037, SCRIPT_COMMON},
	{0x3038, 0x303B, SCRIPT_HAN},
	{0x303C, 0x303F, SCRIPT_COMMON},
	{0x3041, 0x3096, SCRIPT_HIRAGANA},
	{0x3099, 0x309A, SCRIPT_INHERITED},
	{0x309B, 0x309C, SCRIPT_COMMON},
	{0x309D, 0x309F, SCRIPT_HIRAGANA},
	{0x30A0, 0x30A0, SCRIPT_COMMON},
	{0x30A1, 0x30FA, SCRIPT_KATAKANA},
	{0x30FB, 0x30FC, SCRIPT_COMMON},
	{0x30FD, 0x30FF, SCRIPT_KATAKANA},
	{0x3105, 0x312F, SCRIPT_UNKNOWN},	/* Bopomofo */
	{0x3131, 0x318E, SCRIPT_HANGUL},
	{0x3190, 0x319F, SCRIPT_COMMON},
	{0x31C0, 0x31E3, SCRIPT_COMMON},
	{0x31F0, 0x31FF, SCRIPT_KATAKANA},
	{0x3200, 0x321E, SCRIPT_HANGUL},
	{0x3220, 0x325F, SCRIPT_COMMON},
	{0x3260, 0x327E, SCRIPT_HANGUL},
	{0x327F, 0x32CF, SCRIPT_COMMON},
	{0x32D0, 0x32FE, SCRIPT_KATAKANA},
	{0x32FF, 0x32FF, SCRIPT_COMMON},
	{0x3300, 0x3357, SCRIPT_KATAKANA},
	{0x3358, 0x33FF, SCRIPT_COMMON},
	{0x3400, 0x4DBF, SCRIPT_HAN},
	{0x4DC0, 0x4DFF, SCRIPT_COMMON},
	{0x4E00, 0x9FFF, SCRIPT_HAN},
	{0xA640, 0xA69F, SCRIPT_CYRILLIC},
	{0xA700, 0xA721, SCRIPT_COMMON},
	{0xA722, 0xA787, SCRIPT_LATIN},
	{0xA788, 0xA78A, SCRIPT_COMMON},
	{0xA78B, 0xA7FF, SCRIPT_LATIN},
	{0xA8E0, 0xA8FF, SCRIPT_DEVANAGARI},
	{0xA960, 0xA97C, SCRIPT_HANGUL},
	{0xAB30, 0xAB5A, SCRIPT_LATIN},
	{0xAB5B, 0xAB5B, SCRIPT_COMMON},
	{0xAB5C, 0xAB64, SCRIPT_LATIN},
	{0xAC00, 0xD7A3, SCRIPT_HANGUL},
	{0xD7B0, 0xD7FB, SCRIPT_HANGUL},
	{0xF900, 0xFAFF, SCRIPT_HAN},
	{0xFB00, 0xFB06, SCRIPT_LATIN},
	{0xFB1D, 0xFB4F, SCRIPT_HEBREW},
	{0xFB50, 0xFD3D, SCRIPT_ARABIC},
	{0xFD3E, 0xFD3F, SCRIPT_COMMON},
	{0xFD40, 0xFDFF, SCRIPT_ARABIC},
	{0xFE00, 0xFE0F, SCRIPT_INHERITED},
	{0xFE10, 0xFE19, SCRIPT_COMMON},
	{0xFE20, 0xFE2D, SCRIPT_INHERITED},
	{0xFE2E, 0xFE2F, SCRIPT_CYRILLIC},
	{0xFE30, 0xFE6B, SCRIPT_COMMON},
	{0xFE70, 0xFEFC, SCRIPT_ARABIC},
	{0xFEFF, 0xFF20, SCRIPT_COMMON},
	{0xFF21, 0xFF3A, SCRIPT_LATIN},
	{0xFF3B, 0xFF40, SCRIPT_COMMON},
	{0xFF41, 0xFF5A, SCRIPT_LATIN},
	{0xFF5B, 0xFF65, SCRIPT_COMMON},
	{0xFF66, 0xFF6F, SCRIPT_KATAKANA},
	{0xFF70, 0xFF70, SCRIPT_COMMON},
	{0xFF71, 0xFF9D, SCRIPT_KATAKANA},
	{0xFF9E, 0xFF9F, SCRIPT_COMMON},
	{0xFFA0, 0xFFDC, SCRIPT_HANGUL},
	{0xFFE0, 0xFFFD, SCRIPT_COMMON},
	{0x1F000, 0x1FBFF, SCRIPT_COMMON},
	{0x20000, 0x3134F, SCRIPT_HAN},
	{0xE0001, 0xE007F, SCRIPT_COMMON},
	{0xE0100, 0xE01EF, SCRIPT_INHERITED},
};

enum script_id script_of(uint32_t cp)
{
	size_t lo = 0, hi = sizeof script_ranges / sizeof script_ranges[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < script_ranges[mid].first)
			hi = mid;
		else if (cp > script_ranges[mid].last)
			lo = mid + 1;
		else
			return script_ranges[mid].script;
	}
	return SCRIPT_UNKNOWN;
}

const char *script_iso15924(enum script_id script)
{
	switch (script) {
	case SCRIPT_COMMON:
	case SCRIPT_INHERITED:
		return "Zyyy";
	case SCRIPT_LATIN: return "Latn";
	case SCRIPT_GREEK: return "Grek";
	case SCRIPT_CYRILLIC: return "Cyrl";
	case SCRIPT_ARMENIAN: return "Armn";
	case SCRIPT_HEBREW: return "Hebr";
	case SCRIPT_ARABIC: return "Arab";
	case SCRIPT_DEVANAGARI: return "Deva";
	case SCRIPT_BENGALI: return "Beng";
	case SCRIPT_TAMIL: return "Taml";
	case SCRIPT_THAI: return "Thai";
	case SCRIPT_GEORGIAN: return "Geor";
	case SCRIPT_HANGUL: return "Hang";
	case SCRIPT_HIRAGANA: return "Hira";
	case SCRIPT_KATAKANA: return "Kana";
	case SCRIPT_HAN: return "Hani";
	case SCRIPT_UNKNOWN: break;
	}
	return "Zzzz";
}

bool script_is_cjk(enum script_id script)
{
	return script == SCRIPT_HAN || script == SCRIPT_HIRAGANA || script == SCRIPT_KATAKANA ||
	       script == SCRIPT_HANGUL;
}

bool script_is_closing_punct(uint32_t cp)
{
	static const uint32_t closing[] = {
		'!', ')', ',', '.', ':', ';', '?', ']', '}',
		0x00BB,						/* » */
		0x2019, 0x201D, 0x203A, 0x2026,			/* ’ ” › … */
		0x3001, 0x3002, 0x3005,				/* 、 。 々 */
		0x3009, 0x300B, 0x300D, 0x300F, 0x3011,	/* 〉 》 」 』 】 */
		0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F,
		0x303B,						/* 〻 */
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049,	/* small kana ぁぃぅぇぉ */
		0x3063, 0x3083, 0x3085, 0x3087, 0x308E,	/* っゃゅょゎ */
		0x3095, 0x3096,
		0x309D, 0x309E,					/* ゝ ゞ */
		0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,	/* small katakana */
		0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
		0x30FB, 0x30FC, 0x30FD, 0x30FE,			/* ・ ー ヽ ヾ */
		0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, /* ！ ） ， ． ： ； ？ */
		0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64,	/* ］ ｝ ｠ ｡ ｣ ､ */
	};
	if (cp >= 0x31F0 && cp <= 0x31FF)	/* small katakana extension */
		return true;
	for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (closing[i] == cp)
			return true;
	return false;
}

bool script_is_opening_punct(uint32_t cp)
{
	static const uint32_t opening[] = {
		'(', '[', '{',
		0x00AB, 0x2018, 0x201C, 0x2039,			/* « ‘ “ ‹ */
		0x3008, 0x300A, 0x300C, 0x300E, 0x3010,		/* 〈 《 「 『 【 */
		0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
		0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,		/* （ ［ ｛ ｟ ｢ */
	};
	for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
		if (opening[i] == cp)
			return true;
	return false;
}

static bool script_is_weak(enum script_id script)
{
	return script == SCRIPT_COMMON || script == SCRIPT_INHERITED;
}

bool script_itemize(const char *s, size_t len, struct script_line *out)
{
	FriBidiChar *cps = NULL;
	size_t *offsets = NULL;
	FriBidiCharType *types = NULL;
	FriBidiBracketType *brackets = NULL;
	FriBidiLevel *levels = NULL;
	enum script_id *scripts = NULL;
	struct script_run *runs = NULL;
	size_t n = 0, n_runs = 0;
	FriBidiParType direction = FRIBIDI_PAR_ON;
	bool ok = false;

	out->runs = NULL;
	out->n_runs = 0;
	out->rtl = false;
	if (len == 0)
		return true;
	if (len > (size_t)INT32_MAX / 2)
		return false;	/* FriBidi indexes with int */

	/* one codepoint per byte at most, plus one offset for the end */
	cps = malloc(len * sizeof *cps);
	offsets = malloc((len + 1) * sizeof *offsets);
	types = malloc(len * sizeof *types);
	brackets = malloc(len * sizeof *brackets);
	levels = malloc(len * sizeof *levels);
	scripts = malloc(len * sizeof *scripts);
	if (!cps || !offsets || !types || !brackets || !levels || !scripts)
		goto out;

	for (size_t pos = 0; pos < len; n++) {
		offsets[n] = pos;
		cps[n] = script_decode_utf8(s, len, &pos);
	}
	offsets[n] = len;

	fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
	fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
	if (!fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &direction,
						 levels))
		goto out;

	/*
	 * Common and Inherited take the script of the nearest letter before them at the same
	 * level, not looking past a lower level; failing that, of the nearest letter after.
	 */
	enum script_id near[FRIBIDI_BIDI_MAX_EXPLICIT_LEVEL + 2];
	for (size_t i = 0; i < n; i++)
		scripts[i] = script_of(cps[i]);
	for (int pass = 0; pass < 2; pass++) {
		unsigned top = 0;	/* near[] above top is all Common */
		near[0] = SCRIPT_COMMON;
		for (size_t k = 0; k < n; k++) {
			size_t i = pass == 0 ? k : n - 1 - k;
			unsigned level = (unsigned)levels[i];
			if (level >= sizeof near / sizeof near[0])
				continue;
			for (unsigned l = top + 1; l <= level; l++)
				near[l] = SCRIPT_COMMON;
			for (unsigned l = level + 1; l <= top; l++)
				near[l] = SCRIPT_COMMON;
			top = level;
			if (!script_is_weak(scripts[i]))
				near[level] = scripts[i];
			else if (!script_is_weak(near[level]))
				scripts[i] = near[level];
		}
	}

	runs = malloc(n * sizeof *runs);
	if (!runs)
		goto out;
	for (size_t i = 0; i < n; i++) {
		enum script_id script = script_is_weak(scripts[i]) ? SCRIPT_COMMON : scripts[i];
		if (n_runs > 0 && runs[n_runs - 1].level == (unsigned)levels[i] &&
		    runs[n_runs - 1].script == script) {
			runs[n_runs - 1].len = offsets[i + 1] - runs[n_runs - 1].start;
			continue;
		}
		runs[n_runs++] = (struct script_run){
			.start = offsets[i],
			.len = offsets[i + 1] - offsets[i],
			.script = script,
			.level = (unsigned)levels[i],
		};
	}
	out->runs = runs;
	out->n_runs = n_runs;
	out->rtl = direction == FRIBIDI_PAR_RTL;
	runs = NULL;
	ok = true;
out:
	free(cps);
	free(offsets);
	free(types);
	free(brackets);
	free(levels);
	free(scripts);
	free(runs);
	return ok;
}

void script_line_finish(struct script_line *line)
{
	free(line->runs);
	line->runs = NULL;
	line->n_runs = 0;
}

void script_visual_order(const struct script_run *runs, size_t n, size_t *order)
{
	unsigned highest = 0, lowest_odd = UINT32_MAX;

	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		if (runs[i].level > highest)
			highest = runs[i].level;
		if ((runs[i].level & 1) && runs[i].level < lowest_odd)
			lowest_odd = runs[i].level;
	}
	for (unsigned level = highest; level >= lowest_odd && level > 0; level--) {
		for (size_t i = 0; i < n;) {
			if (runs[order[i]].level < level) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < n && runs[order[j]].level >= level)
				j++;
			for (size_t a = i, b = j - 1; a < b; a++, b--) {
				size_t t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
			i = j;
		}
	}
}

bool script_is_rtl(const char *s, size_t len)
{
	for (size_t pos = 0; pos < len;) {
		FriBidiCharType type = fribidi_get_bidi_type(script_decode_utf8(s, len, &pos));
		if (FRIBIDI_IS_LETTER(type))
			return FRIBIDI_IS_RTL(type);
	}
	return false;
}
