/*
 * clock.c — wall and monotonic clock readings, and the "clock is known good" test; see clock.h.
 */
#include "clock.h"

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
