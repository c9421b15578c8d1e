/*
 * feed.c — format detection by content, and dispatch to the parsers; see feed.h.
 *
 * Detection looks only at the bytes (never a file name or Content-Type), after a UTF-8 BOM
 * and leading white space: a calendar starts with BEGIN:VCALENDAR; an XML document whose
 * root element is <schedule> is frab (guids, <date>) or else Pentabarf; JSON with a
 * "schedule" object and a "conference" is c3voc schedule.json, or schedule 2.0 when it has
 * an "events" key; JSON with "startsAt" keys (any of Sessionize's views) is
 * Sessionize; markup whose first element is one of a web page's (<html>, <body>, <p>, ...,
 * after a DOCTYPE and comments) is HTML; a first line naming "title" and "start" columns is
 * CSV; anything else is tried as plain text. XML or JSON that is none of the known
 * schedules is not detected.
 */
#include "feed.h"

#include "alias.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	feed_parse_fn *parse;
} formats[FEED_FORMAT_COUNT] = {
	[FEED_AUTO] = {"auto", NULL},
	[FEED_CSV] = {"csv", feed_csv_parse},
	[FEED_TEXT] = {"text", feed_text_parse},
	[FEED_FRAB_XML] = {"frab-xml", feed_frab_xml_parse},
	[FEED_FRAB_JSON] = {"frab-json", feed_frab_json_parse},
	[FEED_PENTABARF] = {"pentabarf", feed_pentabarf_parse},
	[FEED_SESSIONIZE] = {"sessionize", feed_sessionize_parse},
	[FEED_ICAL] = {"ical", feed_ical_parse},
	[FEED_HTML] = {"html", feed_html_parse},
	[FEED_SCHEDULE2] = {"schedule2", feed_schedule2_parse},
};

const char *feed_format_name(enum feed_format format)
{
	return format >= 0 && format < FEED_FORMAT_COUNT ? formats[format].name : "unknown";
}

bool feed_format_from_name(const char *name, enum feed_format *out)
{
	for (int i = 0; i < FEED_FORMAT_COUNT; i++) {
		if (!strcmp(formats[i].name, name)) {
			*out = (enum feed_format)i;
			return true;
		}
	}
	return false;
}

/* Like memmem() limited to the first `limit` bytes. */
static bool contains(const char *bytes, size_t len, size_t limit, const char *needle)
{
	return memmem(bytes, len < limit ? len : limit, needle, strlen(needle)) != NULL;
}

static const char *skip_bom_and_space(const char *p, const char *end)
{
	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/*
 * Whether the first line is a CSV header: a "title" column and at least one other column
 * of the format (so that a header missing "start" still reads as CSV and gets the CSV
 * parser's precise complaint rather than "no session lines").
 */
static bool looks_like_csv(const char *p, const char *end)
{
	static const char *const others[] = {"start", "end", "date", "duration", "room", "speakers"};
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	bool title = false, other = false;
	while (p < eol) {
		const char *field = p;
		while (p < eol && *p != ',' && *p != ';' && *p != '\r')
			p++;
		const char *f = field, *fe = p;
		while (f < fe && (isspace((unsigned char)*f) || *f == '"'))
			f++;
		while (fe > f && (isspace((unsigned char)fe[-1]) || fe[-1] == '"'))
			fe--;
		size_t n = (size_t)(fe - f);
		if (n == 5 && !strncasecmp(f, "title", 5))
			title = true;
		for (size_t i = 0; i < sizeof others / sizeof *others; i++)
			if (n == strlen(others[i]) && !strncasecmp(f, others[i], n))
				other = true;
		if (p < eol)
			p++;
	}
	return title && other;
}

/*
 * The name of the document element of an XML text starting at p (after the BOM): the XML
 * declaration, comments, processing instructions and a DOCTYPE are skipped. Copies at most
 * size - 1 bytes to out; false when no element starts in the first 64 KiB.
 */
static bool xml_root_name(const char *p, const char *end, char *out, size_t size)
{
	if (end - p > (1 << 16))
		end = p + (1 << 16);
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p != '<')
			return false;
		const char *next;	/* just past the construct skipped */
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			next = close ? close + 3 : NULL;
		} else if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			/* <?xml ...?>, <!DOCTYPE x>, or <!DOCTYPE x [ <!ENTITY ...> ]> */
			const char *close = memchr(p, '>', (size_t)(end - p));
			const char *subset = close && p[1] == '!' ? memchr(p, '[', (size_t)(close - p))
								  : NULL;
			if (subset) {
				const char *bracket = memchr(subset, ']', (size_t)(end - subset));
				close = bracket ? memchr(bracket, '>', (size_t)(end - bracket)) : NULL;
			}
			next = close ? close + 1 : NULL;
		} else {
			break;	/* an element */
		}
		if (!next)
			return false;
		p = next;
	}
	if (p >= end || *p != '<')
		return false;
	p++;
	size_t n = 0;
	while (p < end && n + 1 < size && !isspace((unsigned char)*p) && *p != '>' && *p != '/')
		out[n++] = *p++;
	out[n] = '\0';
	return n > 0;
}

/*
 * Whether an object at nesting depth `want` (1: the top-level object, 2: an object in it)
 * has the member "key" (found in the first limit bytes). A light scan, not a parse: strings
 * are skipped with their escapes and nesting is counted, so a key of the same name at
 * another depth (a JSON schema's "properties") does not count.
 */
static bool has_key_at_depth(const char *bytes, size_t len, size_t limit, const char *key,
			     int want)
{
	const char *p = bytes, *end = bytes + (len < limit ? len : limit);
	size_t key_len = strlen(key);
	int depth = 0;
	while (p < end) {
		char c = *p++;
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == '"') {
			const char *str = p;
			while (p < end && *p != '"')
				p += *p == '\\' && p + 1 < end ? 2 : 1;
			if (p >= end)
				return false;
			size_t n = (size_t)(p - str);
			p++;
			if (depth != want || *bytes != '{' || n != key_len || memcmp(str, key, n))
				continue;
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p < end && *p == ':')
				return true;
		}
	}
	return false;
}

/* Whether "key" appears as a JSON object key (followed by a colon) in the first limit bytes. */
static bool has_json_key(const char *bytes, size_t len, size_t limit, const char *key)
{
	char quoted[64];
	int n = snprintf(quoted, sizeof quoted, "\"%s\"", key);
	const char *p = bytes, *end = bytes + (len < limit ? len : limit);
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), quoted, (size_t)n);
		if (!hit)
			return false;
		p = hit + n;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p == ':')
			return true;
	}
	return false;
}

/* Whether an element of this name starts a web page (or a piece of one saved as a file). */
static bool is_html_element(const char *name)
{
	static const char *const names[] = {
		"html", "head", "body", "meta", "title", "link", "style", "script", "div", "p",
		"h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section", "article",
		"main", "header", "nav", "span", "strong", "b", "a", "br", "pre", "form", "dl",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcasecmp(name, names[i]))
			return true;
	return false;
}

enum feed_format feed_detect(const char *bytes, size_t len)
{
	const char *end = bytes + len;
	const char *p = skip_bom_and_space(bytes, end);
	size_t rest = (size_t)(end - p);
	if (rest == 0)
		return FEED_AUTO;
	if (rest >= 15 && !strncasecmp(p, "BEGIN:VCALENDAR", 15))
		return FEED_ICAL;
	if (*p == '<') {
		char root[32];
		if (!xml_root_name(p, end, root, sizeof root))
			return FEED_AUTO;
		if (is_html_element(root))
			return FEED_HTML;
		if (strcmp(root, "schedule"))
			return FEED_AUTO;
		/*
		 * Both write <schedule><conference><day><room><event>. frab, c3voc and pretalx
		 * give events a guid and an ISO <date>, and may name a <time_zone_name>;
		 * Pentabarf (FOSDEM) writes none of these.
		 */
		if (contains(p, rest, 1 << 20, "guid=") || contains(p, rest, 1 << 20, "<date>") ||
		    contains(p, rest, 1 << 20, "<time_zone_name>"))
			return FEED_FRAB_XML;
		return FEED_PENTABARF;
	}
	if (*p == '{' || *p == '[') {
		/* c3voc schedule.json (frab, pretalx) is {"schedule": {"conference": ...}};
		 * schedule 2.0 (the CCC hub) adds the list {"schedule": {"events": [...]}},
		 * a key schedule.json never has. */
		if (has_key_at_depth(p, rest, 1 << 16, "schedule", 1) &&
		    has_json_key(p, rest, 1 << 20, "conference"))
			return has_key_at_depth(p, rest, 1 << 22, "events", 2) ? FEED_SCHEDULE2
									       : FEED_FRAB_JSON;
		/* Sessionize's "All" view is {"sessions": [...]}, its "Sessions" view
		 * [{"groupId": ..., "sessions": [...]}]; both give sessions a "startsAt". */
		if (has_json_key(p, rest, 1 << 20, "startsAt"))
			return FEED_SESSIONIZE;
		return FEED_AUTO;
	}
	if (looks_like_csv(p, end))
		return FEED_CSV;
	return FEED_TEXT;
}

/* True when the bytes hold a NUL or are not UTF-8 at all (a binary file given by mistake). */
static bool is_binary(const char *bytes, size_t len)
{
	size_t check = len < 65536 ? len : 65536;
	return memchr(bytes, '\0', check) != NULL;
}

/*
 * Whether the bytes are an XML document declaring an encoding other than UTF-8
 * (<?xml version="1.0" encoding="ISO-8859-1"?>), which expat decodes itself.
 */
static bool declares_other_encoding(const char *bytes, size_t len)
{
	const char *p = skip_bom_and_space(bytes, bytes + len), *end = bytes + len;
	if (end - p < 5 || memcmp(p, "<?xml", 5))
		return false;
	const char *close = memmem(p, (size_t)(end - p), "?>", 2);
	const char *enc = close ? memmem(p, (size_t)(close - p), "encoding", 8) : NULL;
	if (!enc)
		return false;
	enc += 8;
	while (enc < close && (isspace((unsigned char)*enc) || *enc == '=' || *enc == '"' ||
			       *enc == '\''))
		enc++;
	return close - enc < 5 || strncasecmp(enc, "utf-8", 5) != 0;
}

static struct agenda *parse_valid(const char *bytes, size_t len, enum feed_format format,
				  const struct feed_options *options, enum feed_format *detected,
				  struct error *err);

/*
 * Whether the format's library refuses a document that is not UTF-8 (jansson, expat) so
 * that the body itself must be repaired first. The other readers' strings are repaired as
 * they enter the agenda (agenda_strndup); an iCalendar body must not be, as its folded
 * lines may split a character that unfolding joins again.
 */
static bool needs_utf8_body(enum feed_format format)
{
	return format == FEED_FRAB_XML || format == FEED_PENTABARF || format == FEED_FRAB_JSON ||
	       format == FEED_SCHEDULE2 || format == FEED_SESSIONIZE;
}

struct agenda *feed_parse(const char *bytes, size_t len, enum feed_format format,
			  const struct feed_options *options, enum feed_format *detected,
			  struct error *err)
{
	enum feed_format used = format == FEED_AUTO && len <= FEED_MAX_BYTES
					? feed_detect(bytes, len) : format;
	if (!needs_utf8_body(used) || len > FEED_MAX_BYTES || agenda_utf8_valid(bytes, len) ||
	    declares_other_encoding(bytes, len))	/* detected once: the bytes are as they came */
		return parse_valid(bytes, len, used, options, detected, err);
	/* Bytes that are not UTF-8 become U+FFFD here, once, rather than the whole feed being
	 * refused by the JSON or XML library. */
	size_t need = agenda_utf8_repair(bytes, len, NULL, SIZE_MAX);
	char *repaired = malloc(need ? need : 1);
	if (!repaired) {
		error_clear(err);
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	agenda_utf8_repair(bytes, len, repaired, need);
	struct agenda *agenda = parse_valid(repaired, need, format, options, detected, err);
	free(repaired);
	return agenda;
}

static struct agenda *parse_valid(const char *bytes, size_t len, enum feed_format format,
				  const struct feed_options *options, enum feed_format *detected,
				  struct error *err)
{
	error_clear(err);
	if (len == 0 || skip_bom_and_space(bytes, bytes + len) == bytes + len) {
		error_set(err, 0, 0, "the feed is empty");
		return NULL;
	}
	if (len > FEED_MAX_BYTES) {
		error_set(err, 0, 0, "the feed is larger than %d MiB", FEED_MAX_BYTES >> 20);
		return NULL;
	}
	if (is_binary(bytes, len)) {
		error_set(err, 0, 0, "the feed is binary data, not an agenda");
		return NULL;
	}
	if (format == FEED_AUTO) {
		format = feed_detect(bytes, len);
		if (format == FEED_AUTO) {
			error_set(err, 1, 0, "cannot tell which agenda format this is "
					     "(use --format)");
			return NULL;
		}
	}
	if (detected)
		*detected = format;
	if (!formats[format].parse) {
		error_set(err, 0, 0, "the %s format is not supported", formats[format].name);
		return NULL;
	}
	struct agenda *agenda = formats[format].parse(bytes, len, options, err);
	if (!agenda)
		return NULL;
	if (agenda->n_events == 0) {
		if (!err->message[0])
			error_set(err, 0, 0, "no sessions found in this %s feed", formats[format].name);
		agenda_destroy(agenda);
		return NULL;
	}
	if (!alias_apply(agenda, options->aliases, options->n_aliases) || !agenda_sort(agenda)) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(agenda);
		return NULL;
	}
	return agenda;
}
