/*
 * service_notify.h — the systemd notification protocol (sd_notify), self-contained: no
 * libsystemd.
 *
 * Under a Type=notify unit systemd passes NOTIFY_SOCKET, the address of an AF_UNIX datagram
 * socket ("/run/systemd/notify", or "@name" for an abstract one), and, with WatchdogSec=,
 * WATCHDOG_USEC (the period) and WATCHDOG_PID (which process must ping). Each message is one
 * datagram of "KEY=value" lines. Without NOTIFY_SOCKET every call here is a no-op that
 * succeeds, so foyer runs the same from a terminal.
 *
 * The watchdog: systemd kills the service when no WATCHDOG=1 arrives within WATCHDOG_USEC. foyer
 * pings at half that period and only from the render loop, so a loop that is stuck (a hung
 * display driver, a deadlock) stops the pings and gets the service restarted. The module never
 * reads the clock itself: live.c passes the monotonic time in, asks
 * service_notify_watchdog_timeout_ms() how long it may sleep, and calls service_notify_watchdog()
 * once per pass of the loop.
 *
 * Entry points: service_notify_init_env() (or service_notify_init() in tests),
 * service_notify_ready(), service_notify_status(), service_notify_watchdog(),
 * service_notify_watchdog_timeout_ms(), service_notify_reloading(), service_notify_stopping(),
 * service_notify_finish().
 */
#ifndef FOYER_SERVICE_NOTIFY_H
#define FOYER_SERVICE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include "error.h"

struct service_notify {
	int fd;				/* -1: no NOTIFY_SOCKET, every call is a no-op */
	struct sockaddr_un addr;
	socklen_t addr_len;
	int64_t watchdog_interval_ms;	/* half of WATCHDOG_USEC; 0: no watchdog */
	int64_t watchdog_next_ms;	/* monotonic ms of the next ping; 0: ping at once */
};

/*
 * Sets n up from the strings systemd passes (each may be NULL: not set). `self` is this
 * process's pid, compared with watchdog_pid. Returns false with err filled when a value is
 * malformed (n is then a no-op notifier, safe to use and to finish).
 */
bool service_notify_init(struct service_notify *n, const char *notify_socket,
			 const char *watchdog_usec, const char *watchdog_pid, pid_t self,
			 struct error *err);

/* service_notify_init() from NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID and getpid(). */
bool service_notify_init_env(struct service_notify *n, struct error *err);

/* Closes the socket; n becomes a no-op notifier. */
void service_notify_finish(struct service_notify *n);

/* True when a NOTIFY_SOCKET was given (the daemon runs under a Type=notify unit). */
bool service_notify_enabled(const struct service_notify *n);

/*
 * Sends one datagram: `message` is "KEY=value" lines separated by '\n'. True when sent or when
 * there is no socket; false (errno set) when the send failed.
 */
bool service_notify_send(struct service_notify *n, const char *message);

/* READY=1: the first frame is on screen (or the daemon is up and retrying the display). */
bool service_notify_ready(struct service_notify *n);

/*
 * STATUS=<one line>: what systemctl status shows. Newlines and control characters in the
 * formatted text become spaces; it is cut at 200 bytes (on a UTF-8 boundary).
 */
bool service_notify_status(struct service_notify *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* RELOADING=1 (with MONOTONIC_USEC, which newer systemd wants) and STOPPING=1. */
bool service_notify_reloading(struct service_notify *n, int64_t now_ms);
bool service_notify_stopping(struct service_notify *n);

/* True when the watchdog is on: WATCHDOG_USEC was set and names this process. */
bool service_notify_watchdog_enabled(const struct service_notify *n);

/*
 * The render loop calls this once per pass with the monotonic time in ms: sends WATCHDOG=1 when
 * the ping is due and schedules the next one half a period later. Returns true when it sent.
 */
bool service_notify_watchdog(struct service_notify *n, int64_t now_ms);

/*
 * How long the loop may sleep before the next ping is due, in ms (0 when due now), or -1 when
 * there is no watchdog. Main takes the minimum of this and its other deadlines.
 */
int service_notify_watchdog_timeout_ms(const struct service_notify *n, int64_t now_ms);

#endif
