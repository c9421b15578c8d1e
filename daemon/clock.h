/*
 * clock.h — the clock edge: wall-clock and monotonic readings, the simulated clock of --at and
 * --speed beside them, and whether the wall clock is known good yet.
 *
 * A Pi has no real-time clock: until NTP has synchronised it, the wall clock may read the last
 * shutdown or the image's build date. Then the screen must not claim what is on "now", and a
 * TLS failure (a certificate that looks expired or not yet valid) is worth retrying soon.
 * The wall clock is trusted when the configuration says so, or systemd-timesyncd has written
 * /run/systemd/timesync/synchronized, or the kernel's adjtimex() says it is synchronised
 * (STA_UNSYNC clear: chrony and ntpd set that).
 */
#ifndef FOYER_CLOCK_H
#define FOYER_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_TIMESYNC_FLAG "/run/systemd/timesync/synchronized"

/*
 * The clock the screen shows: the wall clock, or --at's simulated one that starts at an
 * instant and runs `speed` times faster on the monotonic clock. Read it once per pass
 * (clock_read()) and hand that reading down: layout, display power, the state and
 * status.json then all speak of the same instant (DESIGN.md section 1).
 */
struct clock_source {
	bool simulated;
	double start;		/* simulated: the instant shown at `since` */
	double since;		/* simulated: CLOCK_MONOTONIC seconds */
	double speed;		/* simulated: > 0 */
};

/* One reading of every clock, taken together. */
struct clock_reading {
	double shown_s;		/* the instant shown, with its fraction */
	time_t now;		/* the instant shown, whole seconds: what the core is given */
	time_t wall;		/* the wall clock (freshness, status.json's times) */
	int64_t monotonic_ms;	/* deadlines: watchdog, backoff, screenshots */
};

void clock_source_wall(struct clock_source *c);
/* Starts a simulated clock at start, running speed (> 0) times faster from now on. */
void clock_source_simulated(struct clock_source *c, time_t start, double speed);
/* A simulated clock shows its start again from now on (the wall clock is left alone). */
void clock_source_restart(struct clock_source *c);
struct clock_reading clock_read(const struct clock_source *c);

/*
 * Real milliseconds from the reading until c shows the instant `at` (at least 1, so that a
 * wake lands after it; at most an hour).
 */
int clock_ms_until(const struct clock_source *c, const struct clock_reading *reading, double at);

/* Seconds since the epoch, UTC. */
time_t clock_wall(void);
/* Milliseconds on the monotonic clock (never jumps with NTP or the operator). */
int64_t clock_monotonic_ms(void);

/*
 * Whether the wall clock can be believed: config_trust (the config's trust-clock), else the
 * existence of sync_flag (CLOCK_TIMESYNC_FLAG; NULL skips it), else adjtimex().
 */
bool clock_trusted(bool config_trust, const char *sync_flag);

#endif
