/*
 * fuzz_html.c — fuzzes the web page reader (gumbo layout, select =, schema.org JSON-LD);
 * see fuzz.h. An input whose first line is short is also read with that line as the
 * page's select = and the rest as the page, so the selector parser is fuzzed too.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_feed(FEED_HTML, feed_html_parse, data, size);
	const char *bytes = (const char *)data, *eol = memchr(bytes, '\n', size < 64 ? size : 64);
	if (!eol)
		return 0;
	char select[64];
	memcpy(select, bytes, (size_t)(eol - bytes));
	select[eol - bytes] = '\0';
	struct tz *utc = tz_fixed("UTC", 0);
	FUZZ_REQUIRE(utc != NULL);
	struct feed_options options = {.zone = utc, .select = select};
	struct error err;
	error_clear(&err);
	size_t rest = size - (size_t)(eol + 1 - bytes);
	fuzz_check_result(feed_html_parse(eol + 1, rest, &options, &err), &err);
	tz_destroy(utc);
	return 0;
}
