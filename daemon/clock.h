/*
 * clock.h — the clock edge: wall-clock and monotonic readings, and whether the wall clock is
 * known good yet.
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
