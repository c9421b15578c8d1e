/*
 * inifile.h — the one reader of the files people write (foyer.conf, theme.conf, the override
 * file): one syntax, one boolean grammar and one duration grammar, written once in README.md
 * ("The files you write"). Pure: bytes in, callbacks and problems out.
 *
 * inih (Debian's libinih) splits `key = value` and strips ` ;` comments; this reader feeds it
 * one line at a time, so every key comes with its line. What inih cannot do it does first:
 * section headers, parsed here with git's quoting (`[session "Panel: \"What next?\" [live]"]`,
 * any length, where inih keeps 50 bytes of a section name), checked against the file's list
 * of section kinds and reported at their own line even when no key follows; and every line
 * inih would misread (no `=`, a key with a `:`, a NUL byte, longer than inih's 200-byte
 * buffer) is reported with its line instead.
 *
 * The rules, for every file:
 *   - `[kind]` or `[kind "name"]`; the kind ignores ASCII case, the name is kept as written
 *     (`\"` and `\\` inside it); a `#` or `;` comment may follow the `]`.
 *   - `key = value`; the key ignores ASCII case (each file compares it so), the value is
 *     trimmed; ` ;` (a blank, then a semicolon) starts a comment after a value, `#` does not.
 *   - `#` or `;` at the start of a line: a comment. Blank lines are ignored.
 *   - Indentation means nothing: an indented line is a line like any other, never a
 *     continuation of the value above (a key that may repeat takes more text on another line).
 *   - UTF-8 (a BOM is skipped), LF or CRLF; a key line is at most INIFILE_MAX_LINE bytes.
 *
 * Entry points: inifile_parse() with a struct inifile_spec (the file's section kinds and its
 * two callbacks); inifile_parse_bool() and inifile_parse_duration() for values.
 */
#ifndef FOYER_INIFILE_H
#define FOYER_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define INIFILE_MAX_LINE 197		/* bytes of a key line: inih's buffer less its newline */
#define INIFILE_MAX_NAME 4096		/* bytes of a section's quoted name */
#define INIFILE_MAX_SECTIONS 2000	/* headers in one file; the keys below more are skipped */

/* Whether a kind of section takes a quoted name. */
enum inifile_naming {
	INIFILE_UNNAMED,	/* [screen] */
	INIFILE_NAMED,		/* [session "ID or exact title"]: the name is required */
	INIFILE_NAME_OPTIONAL,	/* both [screen] and [screen "Main hall"] */
};

struct inifile_kind {
	const char *name;		/* "session": a header's kind matches it ignoring case */
	enum inifile_naming naming;
	const char *name_hint;		/* what the name is, for messages; NULL: "NAME" */
};

/*
 * How a kind is written, for messages: "[emergency]", "[session \"ID or exact title\"]", or
 * "[screen] or [screen \"NAME\"]"; snprintf's return.
 */
int inifile_kind_usage(const struct inifile_kind *kind, char *buf, size_t size);

/* A section header the file's kinds allow. */
struct inifile_section {
	size_t kind;		/* index into the spec's kinds */
	const char *name;	/* the quoted name, unescaped, valid UTF-8; "" when none */
	bool has_name;		/* [kind ""] has one, empty */
	int line;		/* the header's line */
	size_t index;		/* 0, 1, ...: this file's sections in order (on_section's calls) */
};

/*
 * Called at each header the kinds allow, before its keys; may be NULL. Return false when the
 * section cannot be (a second [emergency]; report it in errors): its keys are then skipped.
 */
typedef bool inifile_section_fn(void *user, const struct inifile_section *section,
				struct error_list *errors);

/*
 * Called for each key of a section on_section took. key and value are valid UTF-8; value is
 * trimmed and may be "". line is the key's. Add every problem to errors and return true;
 * return false only to stop reading (out of memory).
 */
typedef bool inifile_key_fn(void *user, const struct inifile_section *section, const char *key,
			    const char *value, int line, struct error_list *errors);

/* What one kind of file is made of. */
struct inifile_spec {
	const struct inifile_kind *kinds;
	size_t n_kinds;
	inifile_section_fn *on_section;
	inifile_key_fn *on_key;
};

/*
 * Reads len bytes (need not be NUL-terminated). Every problem the syntax has (a bad header, an
 * unknown kind, a key outside any section, a line that is not `key = value`) and every one the
 * callbacks add goes to errors with its line, in the order found; reading carries on past
 * each, so a check lists them all. Keys under a header that was reported are skipped, not
 * reported again. "out of memory" is reported with line 0.
 */
void inifile_parse(const char *bytes, size_t len, const struct inifile_spec *spec, void *user,
		   struct error_list *errors);

/* The boolean grammar: yes/no, true/false, on/off, 1/0, any case. False when s is none. */
bool inifile_parse_bool(const char *s, bool *out);

/*
 * The duration grammar, in seconds: a whole number of seconds ("90"), or numbers with the
 * units h, m (or min) and s, each at most once and in that order, blanks allowed between the
 * parts ("90s", "15m", "1h30m", "1h 30m"); a leading "-" (or "+") for a signed one ("-10m").
 * Units ignore case. False when s is none, or its size exceeds INIFILE_MAX_DURATION; whether a
 * negative or a bare number makes sense is the key's to say (its bounds).
 */
#define INIFILE_MAX_DURATION (10L * 365 * 86400)
bool inifile_parse_duration(const char *s, long *seconds);

#endif
