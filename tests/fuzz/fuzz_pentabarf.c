/* fuzz_pentabarf.c — fuzzes the Pentabarf (FOSDEM) XML parser; see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_PENTABARF, feed_pentabarf_parse, data, size);
}
