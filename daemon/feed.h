/*
 * feed.h — bytes of an agenda feed in, an agenda out: format detection and dispatch.
 *
 * Every parser (feed_<format>.c) has the same pure signature: the whole body, options, and an
 * error to fill. They normalise every instant to UTC as they parse (DESIGN.md section 5),
 * never read the clock or the environment, and return NULL with err filled (line, and column
 * where known) when the input is not a usable agenda. Events they must drop are recorded as
 * agenda warnings. feed_parse() picks the parser, sorts the result and checks it is not empty.
 */
#ifndef FOYER_FEED_H
#define FOYER_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "agenda.h"
#include "error.h"
#include "tz.h"

#define FEED_MAX_BYTES (32 * 1024 * 1024)

enum feed_format {
	FEED_AUTO,
	FEED_CSV,
	FEED_TEXT,
	FEED_FRAB_XML,
	FEED_FRAB_JSON,
	FEED_PENTABARF,
	FEED_SESSIONIZE,
	FEED_ICAL,
	FEED_HTML,
	FEED_SCHEDULE2,
	FEED_FORMAT_COUNT
};

struct alias;

struct feed_options {
	/* The venue's zone, for times that carry no offset and name no zone. Never NULL. */
	const struct tz *zone;
	/* Room aliases (alias.h) feed_parse() applies to what the parser gives; borrowed. */
	const struct alias *aliases;
	size_t n_aliases;
	/* HTML pages: a simple CSS selector (tag, #id, .class, descendant) for the element that
	 * holds the agenda; NULL or "": the whole page. Borrowed. */
	const char *select;
};

typedef struct agenda *feed_parse_fn(const char *bytes, size_t len,
				     const struct feed_options *options, struct error *err);

/* The format the content looks like; FEED_AUTO when it looks like none. */
enum feed_format feed_detect(const char *bytes, size_t len);
/*
 * Parses bytes in the given format (FEED_AUTO: detected). *detected (may be NULL) is set to
 * the format used. Fails on empty input, binary input, or an agenda with no events. The
 * options' room aliases are applied before the events are sorted.
 */
struct agenda *feed_parse(const char *bytes, size_t len, enum feed_format format,
			  const struct feed_options *options, enum feed_format *detected,
			  struct error *err);

const char *feed_format_name(enum feed_format format);
bool feed_format_from_name(const char *name, enum feed_format *out);

/* The parsers. */
feed_parse_fn feed_text_parse;
feed_parse_fn feed_csv_parse;
feed_parse_fn feed_frab_xml_parse;	/* frab / c3voc / pretalx schedule.xml */
feed_parse_fn feed_pentabarf_parse;	/* Pentabarf XML (FOSDEM) */
feed_parse_fn feed_frab_json_parse;
feed_parse_fn feed_schedule2_parse;	/* c3voc schedule 2.0 (the CCC hub) */
feed_parse_fn feed_sessionize_parse;
feed_parse_fn feed_ical_parse;
feed_parse_fn feed_html_parse;		/* a web page: its JSON-LD events, else its text */

#endif
