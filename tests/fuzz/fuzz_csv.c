/* fuzz_csv.c — fuzzes the CSV agenda parser (DESIGN.md section 6); see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_CSV, feed_csv_parse, data, size);
}
