/* fuzz_sessionize.c — fuzzes the Sessionize JSON (All and Sessions views) parser; see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_SESSIONIZE, feed_sessionize_parse, data, size);
}
