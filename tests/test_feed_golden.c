/*
 * test_feed_golden.c — the real feeds in TEST_SHARED_DIR/feeds/ (frab XML, Pentabarf, c3voc
 * JSON, Sessionize, iCalendar), each against its tests/data/feeds/NAME.expected: counts, rooms, and now/next
 * at instants checked by hand (feed_test.h describes the file format). Skipped (77) when
 * the shared folder is not there.
 */
#include "feed_test.h"

static const char *const golden[] = {
	"31c3-schedule",
	"fosdem-2020",
	"pretalx-rc3",
	"orlandocodecamp2020-All",
	"linux_conf_au_2020",
	"collective-x_location",
	"collective-issue_836_do_not_quote_tzid",
	"collective-issue_165_missing_event",
	"devconf-2024-GridSmart",
	"dsp24-hub",
};

int main(void)
{
	int skipped = 0;
	for (size_t i = 0; i < sizeof golden / sizeof *golden; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/feeds/%s.expected", TEST_DATA_DIR, golden[i]);
		if (feed_test_golden(path, NULL) == 77)
			skipped++;
	}
	if (skipped == (int)(sizeof golden / sizeof *golden) && check_failed == 0)
		return 77;
	return check_done();
}
