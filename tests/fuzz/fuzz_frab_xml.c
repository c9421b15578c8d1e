/* fuzz_frab_xml.c — fuzzes the frab / c3voc schedule.xml parser; see fuzz.h. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(FEED_FRAB_XML, feed_frab_xml_parse, data, size);
}
