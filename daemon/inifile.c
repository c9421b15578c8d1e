/*
 * inifile.c — the reader of the files people write; see inifile.h.
 *
 * Reading order: next_line() is inih's line source — it counts lines, parses every section
 * header itself (read_header()) and hands inih "[N]" for the N-th one, and hands it a blank
 * line in place of any line it reported; on_inih_key() is inih's handler, which finds
 * section N again and calls the file's on_key. The value grammars are at the end.
 */
#include "inifile.h"

#include <ctype.h>
#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"

struct header {
	struct inifile_section section;
	char *name;		/* owned; section.name points here */
	bool skip;		/* reported, or refused by on_section: its keys are skipped */
};

struct reader {
	const struct inifile_spec *spec;
	void *user;
	struct error_list *errors;
	const char *p, *end;	/* what is left to read */
	int line;
	struct header *headers;
	size_t n_headers, cap_headers;
	size_t n_taken;		/* sections handed to on_section */
	bool too_many;		/* past INIFILE_MAX_SECTIONS: the rest is skipped */
	bool stopped;		/* out of memory: read no further */
};

#define reader_error(r, ...) error_list_add((r)->errors, (r)->line, 0, __VA_ARGS__)

static bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
			 : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0 || (n == 2 && *p < 0xC2) || (n == 4 && *p > 0xF4) || n > (size_t)(end - p))
			return false;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

int inifile_kind_usage(const struct inifile_kind *k, char *buf, size_t size)
{
	const char *hint = k->name_hint ? k->name_hint : "NAME";
	switch (k->naming) {
	case INIFILE_NAMED:
		return snprintf(buf, size, "[%s \"%s\"]", k->name, hint);
	case INIFILE_NAME_OPTIONAL:
		return snprintf(buf, size, "[%s] or [%s \"%s\"]", k->name, k->name, hint);
	case INIFILE_UNNAMED:
		break;
	}
	return snprintf(buf, size, "[%s]", k->name);
}

/* Every kind's usage, separated by ", " and the last by `last`. */
static const char *kinds_list(const struct inifile_spec *spec, const char *last, char *buf,
			      size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < spec->n_kinds && used < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == spec->n_kinds ? last : ", ";
		used += (size_t)snprintf(buf + used, size - used, "%s", sep);
		if (used < size)
			used += (size_t)inifile_kind_usage(&spec->kinds[i], buf + used, size - used);
	}
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Parses a header "[kind]" or "[kind "name"]" (git's quoting: \" and \\), s without leading
 * blanks and trailing newline, into h. False after reporting why it is not one the file
 * allows.
 */
static bool read_header(struct reader *r, const char *s, size_t len, struct header *h)
{
	char *name = malloc(len + 1);	/* the name is shorter than its line */
	if (!name) {
		r->stopped = true;
		return false;
	}
	h->name = name;
	size_t n_name = 0;
	bool has_name = false, too_long = false;
	size_t i = 1;
	while (i < len && is_blank(s[i]))
		i++;
	size_t kind_start = i;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
		i++;
	size_t kind_len = i - kind_start;
	while (i < len && is_blank(s[i]))
		i++;
	if (i < len && s[i] == '"') {
		has_name = true;
		for (i++; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\'))
				i++;
			if (n_name < INIFILE_MAX_NAME)
				name[n_name++] = s[i];
			else
				too_long = true;
		}
		if (i >= len) {
			reader_error(r, "the section name has no closing \"");
			return false;
		}
		if (too_long) {
			reader_error(r, "the section name is longer than %d bytes", INIFILE_MAX_NAME);
			return false;
		}
		for (i++; i < len && is_blank(s[i]); i++)
			;
	}
	name[n_name] = '\0';
	if (i >= len || s[i] != ']') {
		const char *close = memchr(s + i, ']', len - i);
		if (close && !has_name) {
			size_t rest = (size_t)(close - (s + i));
			while (rest > 0 && is_blank(s[i + rest - 1]))
				rest--;
			reader_error(r, "write the section's name in double quotes: [%.*s \"%.*s\"]",
				     (int)kind_len, s + kind_start, (int)rest, s + i);
		} else if (!close) {
			reader_error(r, "the section header has no closing ]");
		} else {
			reader_error(r, "a section header is [kind] or [kind \"name\"]; this one is not");
		}
		return false;
	}
	for (i++; i < len && is_blank(s[i]); i++)
		;
	if (i < len && s[i] != '#' && s[i] != ';') {
		reader_error(r, "unexpected text after the section header's ] (a comment starts "
			     "with # or ;)");
		return false;
	}
	const struct inifile_spec *spec = r->spec;
	size_t k = 0;
	while (k < spec->n_kinds && !(strlen(spec->kinds[k].name) == kind_len &&
				      !strncasecmp(s + kind_start, spec->kinds[k].name, kind_len)))
		k++;
	char usage[200];
	if (k == spec->n_kinds) {
		reader_error(r, "unknown section [%.*s] (known: %s)", (int)kind_len, s + kind_start,
			     kinds_list(spec, ", ", usage, sizeof usage));
		return false;
	}
	const struct inifile_kind *kind = &spec->kinds[k];
	if (kind->naming == INIFILE_NAMED && !n_name) {
		inifile_kind_usage(kind, usage, sizeof usage);
		reader_error(r, "[%s] needs a name: %s", kind->name, usage);
		return false;
	}
	if (kind->naming == INIFILE_NAME_OPTIONAL && has_name && !n_name) {
		reader_error(r, "the name of [%s \"\"] is empty", kind->name);
		return false;
	}
	if (kind->naming == INIFILE_UNNAMED && has_name) {
		reader_error(r, "[%s] takes no name", kind->name);
		return false;
	}
	if (!utf8_valid(name, n_name)) {
		reader_error(r, "the section name is not valid UTF-8");
		return false;
	}
	h->section = (struct inifile_section){.kind = k, .name = name, .has_name = has_name,
					      .line = r->line};
	return true;
}

/* Records the header on line r->line; false when out of memory. */
static bool add_header(struct reader *r, const char *s, size_t len)
{
	struct header *headers = grow_array(r->headers, &r->cap_headers, r->n_headers + 1,
					    sizeof *headers, SIZE_MAX);
	if (!headers)
		return false;
	r->headers = headers;
	struct header *h = &r->headers[r->n_headers++];
	*h = (struct header){.skip = true};
	if (!read_header(r, s, len, h))
		return !r->stopped;
	h->section.index = r->n_taken++;
	inifile_section_fn *on_section = r->spec->on_section;
	h->skip = on_section && !on_section(r->user, &h->section, r->errors);
	return true;
}

/* A line that is not a header, a comment or a `key = value` inih reads right: why, or NULL. */
static const char *bad_key_line(const char *s, size_t len, bool indented)
{
	const char *eq = memchr(s, '=', len);
	if (!eq && indented)
		return "expected `key = value`: an indented line does not continue the value "
		       "above it; give it its own `key =`";
	if (!eq && memchr(s, ':', len))
		return "expected `key = value`; write it with =, not :";
	if (!eq)
		return "expected `key = value`, a [section] or a # comment";
	if (memchr(s, ':', (size_t)(eq - s)))
		return "a key cannot hold ':' (write `key = value`)";
	size_t key_len = (size_t)(eq - s);
	for (size_t i = 1; i < key_len; i++)
		if (s[i] == ';' && is_blank(s[i - 1]))
			return "a ` ;` comment starts before the =";
	while (key_len > 0 && is_blank(s[key_len - 1]))
		key_len--;
	if (key_len == 0)
		return "a key is missing before the =";
	return NULL;
}

/*
 * inih's line source: one physical line per call, so that r->line is the line of every key
 * the handler sees; without indentation, headers replaced by "[N]" ("[x]" past the cap), and
 * a blank line in place of any line already reported.
 */
static char *next_line(char *buf, int size, void *stream)
{
	struct reader *r = stream;
	if (r->stopped || r->p >= r->end)
		return NULL;
	const char *s = r->p;
	const char *nl = memchr(s, '\n', (size_t)(r->end - s));
	size_t len = nl ? (size_t)(nl - s) : (size_t)(r->end - s);
	r->p += len + (nl ? 1 : 0);
	r->line++;
	if (r->line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	bool indented = false;
	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
		indented = true;
	}
	const char *bad = NULL;
	if (len == 0 || *s == '#' || *s == ';') {
		len = 0;
	} else if (memchr(s, '\0', len)) {
		bad = "the line holds a NUL byte";
	} else if (*s == '[') {
		if (r->n_headers >= INIFILE_MAX_SECTIONS) {
			if (!r->too_many)
				reader_error(r, "more than %d sections; the rest are not read",
					     INIFILE_MAX_SECTIONS);
			r->too_many = true;
			snprintf(buf, (size_t)size, "[x]\n");
			return buf;
		}
		if (!add_header(r, s, len)) {
			r->stopped = true;
			return NULL;
		}
		snprintf(buf, (size_t)size, "[%zu]\n", r->n_headers - 1);
		return buf;
	} else if ((bad = bad_key_line(s, len, indented))) {
	} else if (len > INIFILE_MAX_LINE || len + 2 > (size_t)size) {
		reader_error(r, "the line is longer than %d bytes", INIFILE_MAX_LINE);
		len = 0;
	}
	if (bad) {
		reader_error(r, "%s", bad);
		len = 0;
	}
	memcpy(buf, s, len);
	buf[len] = '\n';
	buf[len + 1] = '\0';
	return buf;
}

static int on_inih_key(void *user, const char *section, const char *key, const char *value)
{
	struct reader *r = user;
	if (r->stopped)
		return 1;
	if (!*section) {
		char kinds[200];
		reader_error(r, "\"%s\" is outside any section; put it under %s", key,
			     kinds_list(r->spec, " or ", kinds, sizeof kinds));
		return 1;
	}
	if (!isdigit((unsigned char)*section))
		return 1;	/* past INIFILE_MAX_SECTIONS */
	const struct header *h = &r->headers[strtoul(section, NULL, 10)];
	if (h->skip)
		return 1;
	if (!utf8_valid(key, strlen(key)))
		reader_error(r, "the key is not valid UTF-8");
	else if (!utf8_valid(value, strlen(value)))
		reader_error(r, "%s is not valid UTF-8", key);
	else if (!r->spec->on_key(r->user, &h->section, key, value, r->line, r->errors))
		r->stopped = true;
	return 1;
}

void inifile_parse(const char *bytes, size_t len, const struct inifile_spec *spec, void *user,
		   struct error_list *errors)
{
	struct reader r = {.spec = spec, .user = user, .errors = errors, .p = bytes,
			   .end = bytes + len};
	int bad = ini_parse_stream(next_line, &r, on_inih_key, &r);
	if (bad > 0)	/* next_line hands inih only lines it reads; kept for a newer inih */
		error_list_add(errors, bad, 0, "expected `key = value`");
	if (r.stopped || bad < 0)
		error_list_add(errors, 0, 0, "out of memory reading the file");
	for (size_t i = 0; i < r.n_headers; i++)
		free(r.headers[i].name);
	free(r.headers);
}

bool inifile_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
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

bool inifile_parse_duration(const char *s, long *seconds)
{
	static const struct { char unit; int64_t scale; } units[] = {{'h', 3600}, {'m', 60}, {'s', 1}};
	const char *p = s;
	int sign = 1;
	if (*p == '-' || *p == '+')
		sign = *p++ == '-' ? -1 : 1;
	int64_t total = 0;
	size_t next_unit = 0, parts = 0;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return false;
		int64_t n = 0;
		while (isdigit((unsigned char)*p)) {
			n = n * 10 + (*p++ - '0');
			if (n > INIFILE_MAX_DURATION)
				return false;
		}
		if (!*p && parts == 0) {
			total = n;	/* a bare number: seconds */
			parts = 1;
			break;
		}
		char unit = (char)tolower((unsigned char)*p);
		if (unit == 'm' && !strncasecmp(p, "min", 3))
			p += 2;	/* "15min" reads as 15m */
		size_t u = next_unit;
		while (u < 3 && units[u].unit != unit)
			u++;
		if (u == 3)
			return false;	/* no unit after a part, an unknown one, or out of order */
		total += n * units[u].scale;
		if (total > INIFILE_MAX_DURATION)
			return false;
		next_unit = u + 1;
		parts++;
		p++;
		while (*p == ' ')
			p++;
	}
	if (parts == 0)
		return false;
	*seconds = (long)(sign * total);
	return true;
}
