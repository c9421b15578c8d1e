/*
 * clock.c — wall, monotonic and simulated clock readings, and the "clock is known good" test;
 * see clock.h.
 */
#include "clock.h"

#include <math.h>
#include <sys/timex.h>
#include <unistd.h>

time_t clock_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec;
}

int64_t clock_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool clock_trusted(bool config_trust, const char *sync_flag)
{
	if (config_trust)
		return true;
	if (sync_flag && access(sync_flag, F_OK) == 0)
		return true;
	/* modes = 0: only read the kernel's state, never change it. */
	struct timex tx = {0};
	int state = adjtimex(&tx);
	return state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

static double seconds_of(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void clock_source_wall(struct clock_source *c)
{
	*c = (struct clock_source){.speed = 1};
}

void clock_source_simulated(struct clock_source *c, time_t start, double speed)
{
	*c = (struct clock_source){.simulated = true, .start = (double)start,
				   .since = seconds_of(CLOCK_MONOTONIC), .speed = speed};
}

void clock_source_restart(struct clock_source *c)
{
	if (c->simulated)
		c->since = seconds_of(CLOCK_MONOTONIC);
}

struct clock_reading clock_read(const struct clock_source *c)
{
	struct timespec mono, wall;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &wall);
	double mono_s = (double)mono.tv_sec + mono.tv_nsec / 1e9;
	double wall_s = (double)wall.tv_sec + wall.tv_nsec / 1e9;
	double shown = c->simulated ? c->start + (mono_s - c->since) * c->speed : wall_s;
	return (struct clock_reading){
		.shown_s = shown, .now = (time_t)floor(shown), .wall = wall.tv_sec,
		.monotonic_ms = (int64_t)mono.tv_sec * 1000 + mono.tv_nsec / 1000000};
}

int clock_ms_until(const struct clock_source *c, const struct clock_reading *reading, double at)
{
	double speed = c->simulated && c->speed > 0 ? c->speed : 1;
	double ms = ceil((at - reading->shown_s) / speed * 1000) + 1;
	return ms < 1 ? 1 : ms > 3600 * 1000 ? 3600 * 1000 : (int)ms;
}
