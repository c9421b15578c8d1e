/* fuzz_schedule2.c — fuzzes the c3voc schedule 2.0 reader (the CCC hub); see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_SCHEDULE2, feed_schedule2_parse, data, size);
}
