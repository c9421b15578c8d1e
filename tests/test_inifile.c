/*
 * test_inifile.c — the one reader of foyer's files (inifile.h): a table of inputs with what
 * the callbacks see (headers and keys, each with its line) and every problem with its line;
 * then the boolean and the duration grammar.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "inifile.h"

static const struct inifile_kind kinds[] = {
	{"plain", INIFILE_UNNAMED, NULL},
	{"named", INIFILE_NAMED, "ID or title"},
	{"maybe", INIFILE_NAME_OPTIONAL, NULL},
};

struct transcript {
	char text[2048];
	size_t used;
	bool refuse_second_plain;	/* on_section refuses a second [plain] */
	int plains;
};

static void append(struct transcript *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void append(struct transcript *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (t->used < sizeof t->text)
		t->used += (size_t)vsnprintf(t->text + t->used, sizeof t->text - t->used, fmt, ap);
	va_end(ap);
}

static bool on_section(void *user, const struct inifile_section *s, struct error_list *errors)
{
	struct transcript *t = user;
	append(t, "%d:[%s%s%s%s] #%zu\n", s->line, kinds[s->kind].name, s->has_name ? " \"" : "",
	       s->name, s->has_name ? "\"" : "", s->index);
	if (s->kind == 0 && t->plains++ && t->refuse_second_plain) {
		error_list_add(errors, s->line, 0, "[plain] is given twice");
		return false;
	}
	return true;
}

static bool on_key(void *user, const struct inifile_section *s, const char *key, const char *value,
		   int line, struct error_list *errors)
{
	(void)errors;
	append(user, "%d:%s.%s=%s\n", line, kinds[s->kind].name, key, value);
	return true;
}

struct row {
	const char *name, *input;
	const char *seen;	/* what the callbacks saw, one line each */
	const char *errors[4];	/* "LINE: start of the message", in order */
	size_t len;		/* of input, when it holds a NUL; 0: strlen */
};

#define LONG100 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"

static const struct row parse_rows[] = {
	{"empty", "", "", {NULL}},
	{"comments, blanks, CRLF and a BOM",
	 "\xEF\xBB\xBF# one\r\n; two\r\n\r\n[plain]\r\n  a = 1\r\n\tb=2 ; a comment\r\nc = x;y # kept\r\n",
	 "4:[plain] #0\n5:plain.a=1\n6:plain.b=2\n7:plain.c=x;y # kept\n", {NULL}},
	{"a comment after a header", "[plain] # hello\n[named \"x\"] ; there\n",
	 "1:[plain] #0\n2:[named \"x\"] #1\n", {NULL}},
	{"a long quoted name with escapes",
	 "[named \"Panel one: Innovation, data and digital in frontline public services\"]\n"
	 "[named \"say \\\"hi\\\" [now]; \\\\ ok\"]\nk = v\n",
	 "1:[named \"Panel one: Innovation, data and digital in frontline public services\"] #0\n"
	 "2:[named \"say \"hi\" [now]; \\ ok\"] #1\n3:named.k=v\n", {NULL}},
	{"kinds ignore case, the table's spelling is given", "[PLAIN]\n[Maybe \"a\"]\n[maybe]\n",
	 "1:[plain] #0\n2:[maybe \"a\"] #1\n3:[maybe] #2\n", {NULL}},
	{"an empty value", "[plain]\nk =\n", "1:[plain] #0\n2:plain.k=\n", {NULL}},
	{"a section with no keys is still a section", "[plain]\n\n", "1:[plain] #0\n", {NULL}},
	{"an unknown section with no keys", "[plain]\n[nope]\n", "1:[plain] #0\n",
	 {"2: unknown section [nope] (known: [plain], [named \"ID or title\"], [maybe] or [maybe \"NAME\"])", NULL}},
	{"the keys of an unknown section are skipped", "[nope]\na = 1\n[plain]\nb = 2\n",
	 "3:[plain] #0\n4:plain.b=2\n", {"1: unknown section [nope]", NULL}},
	{"a name that is required", "[named]\nk = v\n[named \"\"]\n", "",
	 {"1: [named] needs a name: [named \"ID or title\"]", "3: [named] needs a name", NULL}},
	{"a name where none is taken", "[plain \"x\"]\n", "", {"1: [plain] takes no name", NULL}},
	{"an empty optional name", "[maybe \"\"]\n", "", {"1: the name of [maybe \"\"] is empty", NULL}},
	{"an unquoted name", "[named Main hall]\n", "",
	 {"1: write the section's name in double quotes: [named \"Main hall\"]", NULL}},
	{"no closing quote", "[named \"Main hall]\n", "", {"1: the section name has no closing \"", NULL}},
	{"no closing bracket", "[plain\nk = v\n", "", {"1: the section header has no closing ]", NULL}},
	{"junk after the name", "[named \"a\" b]\n", "", {"1: a section header is [kind] or [kind \"name\"]", NULL}},
	{"text after the header", "[plain] k = v\n", "", {"1: unexpected text after the section header", NULL}},
	{"a name that is not UTF-8", "[named \"\xC3\x28\"]\n", "", {"1: the section name is not valid UTF-8", NULL}},
	{"a key outside any section", "k = v\n[plain]\n", "2:[plain] #0\n",
	 {"1: \"k\" is outside any section; put it under [plain], [named \"ID or title\"] or [maybe]", NULL}},
	{"not key = value", "[plain]\njust words\n", "1:[plain] #0\n",
	 {"2: expected `key = value`, a [section] or a # comment", NULL}},
	{"an indented line is never a continuation", "[plain]\nk = one\n  two\n  j = three\n",
	 "1:[plain] #0\n2:plain.k=one\n4:plain.j=three\n",
	 {"3: expected `key = value`: an indented line does not continue the value above it", NULL}},
	{"key: value", "[plain]\nk: v\nurl: http://x/?a=b\n", "1:[plain] #0\n",
	 {"2: expected `key = value`; write it with =, not :", "3: a key cannot hold ':'", NULL}},
	{"no key", "[plain]\n = v\n", "1:[plain] #0\n", {"2: a key is missing before the =", NULL}},
	{"a comment before the =", "[plain]\nk ; x = v\n", "1:[plain] #0\n",
	 {"2: a ` ;` comment starts before the =", NULL}},
	{"a NUL byte", "[plain]\nk = a\0b\nj = c\n", "1:[plain] #0\n3:plain.j=c\n",
	 {"2: the line holds a NUL byte", NULL}, sizeof "[plain]\nk = a\0b\nj = c\n" - 1},
	{"a value that is not UTF-8", "[plain]\nk = \xFF\n", "1:[plain] #0\n", {"2: k is not valid UTF-8", NULL}},
	{"197 bytes are read, 198 are not",
	 "[plain]\nk = " LONG100 "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012\n"
	 "k = " LONG100 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123\n",
	 "1:[plain] #0\n2:plain.k=" LONG100 "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012\n",
	 {"3: the line is longer than 197 bytes", NULL}},
	{"a header may be longer than a key line",
	 "[named \"" LONG100 LONG100 LONG100 "\"]\nk = v\n",
	 "1:[named \"" LONG100 LONG100 LONG100 "\"] #0\n2:named.k=v\n", {NULL}},
	{"on_section refuses: its keys are skipped, the next section is numbered on",
	 "[plain]\n[plain]\nk = v\n[maybe]\nj = w\n",
	 "1:[plain] #0\n2:[plain] #1\n4:[maybe] #2\n5:maybe.j=w\n", {"2: [plain] is given twice", NULL}},
	{"the last line needs no newline", "[plain]\nk = v", "1:[plain] #0\n2:plain.k=v\n", {NULL}},
};

static void test_reader(void)
{
	static const struct inifile_spec spec = {kinds, 3, on_section, on_key};
	for (size_t i = 0; i < sizeof parse_rows / sizeof *parse_rows; i++) {
		const struct row *row = &parse_rows[i];
		struct transcript t = {.refuse_second_plain = true};
		struct error_list errors = {0};
		size_t len = row->len ? row->len : strlen(row->input);
		inifile_parse(row->input, len, &spec, &t, &errors);
		CHECK_STR(t.text, row->seen, "%s: what the callbacks saw", row->name);
		size_t want = 0;
		while (row->errors[want])
			want++;
		CHECK(errors.n == want, "%s: %zu problems, want %zu (first: %d: %s)", row->name, errors.n,
		      want, errors.n ? errors.items[0].line : 0, errors.n ? errors.items[0].message : "");
		for (size_t e = 0; e < want && e < errors.n; e++) {
			char got[400];
			snprintf(got, sizeof got, "%d: %s", errors.items[e].line, errors.items[e].message);
			CHECK(strstr(got, row->errors[e]) == got, "%s: problem %zu is \"%s\", want \"%s...\"",
			      row->name, e, got, row->errors[e]);
		}
		error_list_finish(&errors);
	}
}

/* More sections than the cap: one problem, and the keys below the cap are still read. */
static void test_section_cap(void)
{
	static const struct inifile_spec spec = {kinds, 3, NULL, on_key};
	static char text[(INIFILE_MAX_SECTIONS + 2) * 16];
	size_t used = 0;
	for (int i = 0; i < INIFILE_MAX_SECTIONS + 2; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "[maybe \"%d\"]\n", i);
	struct transcript t = {0};
	struct error_list errors = {0};
	inifile_parse(text, used, &spec, &t, &errors);
	CHECK(errors.n == 1 && errors.items[0].line == INIFILE_MAX_SECTIONS + 1 &&
	      strstr(errors.items[0].message, "more than 2000 sections"), "the cap: %zu problems", errors.n);
	error_list_finish(&errors);
}

static void test_bool(void)
{
	static const struct { const char *text; bool ok, value; } rows[] = {
		{"yes", true, true}, {"YES", true, true}, {"true", true, true}, {"On", true, true},
		{"1", true, true}, {"no", true, false}, {"False", true, false}, {"off", true, false},
		{"0", true, false}, {"", false, false}, {"y", false, false}, {"maybe", false, false},
		{"2", false, false}, {"yes please", false, false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		bool value = !rows[i].value;
		bool ok = inifile_parse_bool(rows[i].text, &value);
		CHECK(ok == rows[i].ok && (!ok || value == rows[i].value), "bool \"%s\"", rows[i].text);
	}
}

static void test_duration(void)
{
	static const struct { const char *text; bool ok; long seconds; } rows[] = {
		{"90", true, 90}, {"90s", true, 90}, {"15m", true, 900}, {"15M", true, 900},
		{"15min", true, 900}, {"2h", true, 7200}, {"1h30m", true, 5400}, {"1h 30m", true, 5400},
		{"1h0m30s", true, 3630}, {"-10m", true, -600}, {"+5m", true, 300}, {"0", true, 0},
		{"-90", true, -90}, {"1h  30m 5s", true, 5405},
		{"", false, 0}, {"-", false, 0}, {"m", false, 0}, {"1h30", false, 0},
		{"30m1h", false, 0}, {"1h1h", false, 0}, {"15 m", false, 0}, {" 15m", false, 0},
		{"8d", false, 0}, {"1.5h", false, 0}, {"--5m", false, 0}, {"5x", false, 0},
		{"99999999999999999999m", false, 0}, {"87600h", true, 87600L * 3600},
		{"87601h", false, 0}, {"soon", false, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		long seconds = -12345;
		bool ok = inifile_parse_duration(rows[i].text, &seconds);
		CHECK(ok == rows[i].ok, "duration \"%s\": ok %d", rows[i].text, ok);
		if (ok && rows[i].ok)
			CHECK(seconds == rows[i].seconds, "duration \"%s\": %ld s, want %ld", rows[i].text,
			      seconds, rows[i].seconds);
	}
}

int main(void)
{
	test_reader();
	test_section_cap();
	test_bool();
	test_duration();
	return check_done();
}
