/*
 * test_clock.c — the clock edge's arithmetic: how long the loop sleeps until the shown clock
 * reaches an instant (clock_ms_until(), at the wall clock's speed and a simulated one), and
 * that one reading takes its clocks together: the wall clock's shown instant is its wall
 * reading, a simulated clock starts at its start.
 */
#include "check.h"
#include "clock.h"

static const struct {
	bool simulated;
	double speed, shown, at;
	int want_ms;
} sleeps[] = {
	{false, 1, 1000.0, 1060.0, 60001},	/* a minute away: just after it */
	{false, 1, 1000.25, 1001.0, 751},
	{true, 60, 1000.0, 1060.0, 1001},	/* --speed 60: a simulated minute is a second */
	{true, 240, 1000.0, 1060.0, 251},
	{true, 1, 1000.0, 999.0, 1},		/* already past: at once (at least 1 ms) */
	{false, 1, 1000.0, 1000.0, 1},
	{false, 1, 0.0, 7200.0, 3600000},	/* never more than an hour */
	{true, 100000, 0.0, 1.0, 2},	/* a hundredth of a ms: the next ms, and one after */
};

int main(void)
{
	for (size_t i = 0; i < sizeof sleeps / sizeof *sleeps; i++) {
		struct clock_source c;
		if (sleeps[i].simulated)
			clock_source_simulated(&c, 0, sleeps[i].speed);
		else
			clock_source_wall(&c);
		struct clock_reading r = {.shown_s = sleeps[i].shown};
		int ms = clock_ms_until(&c, &r, sleeps[i].at);
		CHECK(ms == sleeps[i].want_ms, "row %zu: %d ms, want %d", i, ms, sleeps[i].want_ms);
	}

	struct clock_source wall;
	clock_source_wall(&wall);
	clock_source_restart(&wall);	/* leaves the wall clock alone */
	struct clock_reading r = clock_read(&wall);
	CHECK(!wall.simulated && r.now == r.wall, "the wall clock shows its wall reading");
	CHECK(r.monotonic_ms > 0, "a monotonic reading");

	struct clock_source sim;
	clock_source_simulated(&sim, 1544453400, 1);	/* 2018-12-10 14:50 UTC */
	clock_source_restart(&sim);
	r = clock_read(&sim);
	CHECK(sim.simulated && r.shown_s >= 1544453400 && r.now >= 1544453400,
	      "a simulated clock starts at its start: %.3f", r.shown_s);
	CHECK(r.wall != r.now, "and its wall reading is the wall clock's");
	return check_done();
}
