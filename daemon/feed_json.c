/* feed_json.c — jansson loading for the JSON feed readers; see feed_json.h. */
#include "feed_json.h"

#include <string.h>

json_t *feed_json_load(const char *bytes, size_t len, struct error *err)
{
	error_clear(err);
	if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
		bytes += 3;
		len -= 3;
	}
	json_error_t jerr;
	json_t *root = json_loadb(bytes, len, 0, &jerr);
	if (!root)
		error_set(err, jerr.line > 0 ? jerr.line : 0, jerr.column > 0 ? jerr.column : 0,
			  "%s", jerr.text);
	return root;
}
