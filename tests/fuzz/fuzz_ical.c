/* fuzz_ical.c — fuzzes the iCalendar (libical) parser; see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_ICAL, feed_ical_parse, data, size);
}
