/* fuzz_text.c — fuzzes the plain-text agenda parser (DESIGN.md section 6); see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_TEXT, feed_text_parse, data, size);
}
