/*
 * inifile.h — INI text (config, override, theme files) read with inih, with line numbers.
 *
 * inih's handler does not get the line number in Debian's build (INI_HANDLER_LINENO is 0),
 * so we feed it through ini_parse_stream() with our own line reader that counts lines; the
 * handler then knows the line of every key. Lines longer than inih's 200-byte buffer are
 * reported as errors instead of being split silently. Pure: bytes in, callbacks out.
 *
 * Syntax: `[section]` or `[section "name with spaces"]`, `key = value`, `#` or `;` at the
 * start of a line for comments, ` ;` for a comment after a value. An indented line continues
 * the previous value (inih's multi-line values).
 */
#ifndef FOYER_INIFILE_H
#define FOYER_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * Called for each key. `section` is the whole text between the brackets; `line` is the
 * key's line. Return false after adding a problem to errors (parsing carries on so that
 * every problem is reported).
 */
typedef bool inifile_key_fn(void *user, const char *section, const char *key,
			    const char *value, int line, struct error_list *errors);

/* Parses bytes; adds every syntax problem and every handler's problem to errors. */
void inifile_parse(const char *bytes, size_t len, inifile_key_fn *fn, void *user,
		   struct error_list *errors);

/*
 * Splits `kind "name"` (a section such as `session "Opening keynote"`) into its kind and
 * name. Writes NUL-terminated copies into kind/name (capped); false when the quotes are
 * unbalanced. A section without a quoted part gives an empty name.
 */
bool inifile_split_section(const char *section, char *kind, size_t kind_size, char *name,
			   size_t name_size);

/* Whether s (trimmed) is yes/true/on/1 (*out = true) or no/false/off/0 (*out = false). */
bool inifile_parse_bool(const char *s, bool *out);

#endif
