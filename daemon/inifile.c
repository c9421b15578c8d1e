/*
 * inifile.c — inih with line numbers; see inifile.h.
 */
#include "inifile.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct reader {
	const char *p, *end;
	int line;
	struct error_list *errors;
	inifile_key_fn *fn;
	void *user;
};

/* inih's line source: one line per call, counting lines, never splitting a long one. */
static char *read_line(char *buf, int size, void *stream)
{
	struct reader *r = stream;
	if (r->p >= r->end)
		return NULL;
	const char *eol = memchr(r->p, '\n', (size_t)(r->end - r->p));
	const char *next = eol ? eol + 1 : r->end;
	size_t n = (size_t)((eol ? eol : r->end) - r->p);
	r->line++;
	if (n >= (size_t)size - 1) {
		error_list_add(r->errors, r->line, 0, "line is longer than %d characters", size - 2);
		n = 0;	/* hand inih an empty line: the overlong one is ignored, not split */
	}
	memcpy(buf, r->p, n);
	buf[n] = '\n';
	buf[n + 1] = '\0';
	r->p = next;
	return buf;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
	struct reader *r = user;
	r->fn(r->user, section, key, value, r->line, r->errors);
	return 1;	/* keep going: every problem gets reported */
}

void inifile_parse(const char *bytes, size_t len, inifile_key_fn *fn, void *user,
		   struct error_list *errors)
{
	struct reader r = {bytes, bytes + len, 0, errors, fn, user};
	size_t first = errors->n;
	/* inih calls on_key with the reader's user pointer; pass the reader itself. */
	int bad = ini_parse_stream(read_line, &r, on_key, &r);
	if (bad > 0)
		error_list_add(errors, bad, 0, "syntax error (expected [section] or key = value)");
	else if (bad < 0)
		error_list_add(errors, 0, 0, "out of memory reading the file");
	/* inih reports its syntax error only at the end: put the problems in line order. */
	for (size_t i = first + 1; i < errors->n; i++) {
		struct error e = errors->items[i];
		size_t j = i;
		for (; j > first && errors->items[j - 1].line > e.line; j--)
			errors->items[j] = errors->items[j - 1];
		errors->items[j] = e;
	}
}

bool inifile_split_section(const char *section, char *kind, size_t kind_size, char *name,
			   size_t name_size)
{
	const char *quote = strchr(section, '"');
	size_t kind_len = quote ? (size_t)(quote - section) : strlen(section);
	while (kind_len > 0 && section[kind_len - 1] == ' ')
		kind_len--;
	snprintf(kind, kind_size, "%.*s", (int)kind_len, section);
	name[0] = '\0';
	if (!quote)
		return true;
	const char *close = strrchr(quote + 1, '"');
	if (!close || close[1] != '\0')
		return false;
	snprintf(name, name_size, "%.*s", (int)(close - quote - 1), quote + 1);
	return true;
}

bool inifile_parse_bool(const char *s, bool *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"}, *no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(s, yes[i])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(s, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}
