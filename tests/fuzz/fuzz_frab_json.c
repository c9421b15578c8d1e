/* fuzz_frab_json.c — fuzzes the c3voc schedule.json (frab, pretalx) parser; see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_FRAB_JSON, feed_frab_json_parse, data, size);
}
