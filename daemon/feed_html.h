/*
 * feed_html.h — the HTML page reader's parts (feed_html.c lays the page out as text,
 * feed_jsonld.c reads its schema.org events); feed_html_parse() in feed.h is the entry point.
 */
#ifndef FOYER_FEED_HTML_H
#define FOYER_FEED_HTML_H

#include <gumbo.h>
#include <stdbool.h>

#include "agenda.h"
#include "error.h"
#include "feed.h"

/*
 * The agenda the page's schema.org Event items (<script type="application/ld+json">) make,
 * or NULL with err empty when the page has none (its text is the agenda then); NULL with err
 * filled when out of memory.
 */
struct agenda *feed_jsonld_parse(const GumboNode *document, const struct feed_options *options,
				 struct error *err);

#endif
