/*
 * feed.c — format detection by content, and dispatch to the parsers; see feed.h.
 *
 * Detection looks only at the bytes (never a file name or Content-Type): a calendar starts
 * with BEGIN:VCALENDAR, XML and JSON are told apart by the elements and keys each scheduling
 * system writes, a CSV agenda by its header row, and plain text by a "START - END TITLE" line.
 */
#include "feed.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	feed_parse_fn *parse;
} formats[FEED_FORMAT_COUNT] = {
	[FEED_AUTO] = {"auto", NULL},
	[FEED_CSV] = {"csv", feed_csv_parse},
	[FEED_TEXT] = {"text", feed_text_parse},
	[FEED_FRAB_XML] = {"frab-xml", NULL},
	[FEED_FRAB_JSON] = {"frab-json", feed_frab_json_parse},
	[FEED_PENTABARF] = {"pentabarf", NULL},
	[FEED_SESSIONIZE] = {"sessionize", feed_sessionize_parse},
	[FEED_ICAL] = {"ical", feed_ical_parse},
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

enum feed_format feed_detect(const char *bytes, size_t len)
{
	const char *end = bytes + len;
	const char *p = skip_bom_and_space(bytes, end);
	size_t rest = (size_t)(end - p);
	if (rest >= 15 && !strncasecmp(p, "BEGIN:VCALENDAR", 15))
		return FEED_ICAL;
	if (*p == '<' && rest > 0) {
		if (!contains(p, rest, 1 << 16, "<schedule"))
			return FEED_AUTO;
		/* frab writes guids and ISO dates on events; Pentabarf (FOSDEM) writes neither. */
		if (contains(p, rest, 1 << 20, "guid=") || contains(p, rest, 1 << 20, "<date>"))
			return FEED_FRAB_XML;
		return FEED_PENTABARF;
	}
	if ((*p == '{' || *p == '[') && rest > 0) {
		if (contains(p, rest, 1 << 12, "\"schedule\""))
			return FEED_FRAB_JSON;
		if (contains(p, rest, 1 << 20, "\"startsAt\""))
			return FEED_SESSIONIZE;
		return FEED_AUTO;
	}
	if (rest > 0 && looks_like_csv(p, end))
		return FEED_CSV;
	return rest > 0 ? FEED_TEXT : FEED_AUTO;
}

/* True when the bytes hold a NUL or are not UTF-8 at all (a binary file given by mistake). */
static bool is_binary(const char *bytes, size_t len)
{
	size_t check = len < 65536 ? len : 65536;
	return memchr(bytes, '\0', check) != NULL;
}

struct agenda *feed_parse(const char *bytes, size_t len, enum feed_format format,
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
	if (!agenda_sort(agenda)) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(agenda);
		return NULL;
	}
	return agenda;
}
