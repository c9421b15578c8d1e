/*
 * service_notify.c — sd_notify over an AF_UNIX datagram socket, and the watchdog schedule; see
 * service_notify.h.
 *
 * One socket is opened at init and kept (systemd's own sd_notify opens one per message; keeping
 * it avoids an allocation per ping). Sends are non-blocking: a full notify socket must never
 * stall the render loop, and a lost ping is what the watchdog is for anyway.
 */
#include "service_notify.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NOTIFY_STATUS_MAX = 200 };

static void notify_reset(struct service_notify *n)
{
	memset(n, 0, sizeof *n);
	n->fd = -1;
}

/* Parses a decimal unsigned number that fills the whole string; false on anything else. */
static bool parse_u64(const char *s, uint64_t *out)
{
	if (!s || !*s)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Fills n->addr from "/path" or "@abstract"; false when the address cannot be one. */
static bool notify_set_address(struct service_notify *n, const char *socket_name, struct error *err)
{
	size_t len = strlen(socket_name);
	if (len < 2 || (socket_name[0] != '/' && socket_name[0] != '@')) {
		error_set(err, 0, 0, "NOTIFY_SOCKET \"%s\" is neither a path nor an @abstract name",
			socket_name);
		return false;
	}
	if (len > sizeof n->addr.sun_path) {
		error_set(err, 0, 0, "NOTIFY_SOCKET is %zu bytes long, at most %zu fit", len,
			sizeof n->addr.sun_path);
		return false;
	}
	n->addr.sun_family = AF_UNIX;
	memcpy(n->addr.sun_path, socket_name, len);
	if (socket_name[0] == '@') {
		/* Abstract namespace: a leading NUL, and the length counts exactly the name. */
		n->addr.sun_path[0] = '\0';
		n->addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	} else {
		n->addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
		if (len < sizeof n->addr.sun_path)
			n->addr_len++; /* the terminating NUL, as the kernel expects for paths */
	}
	return true;
}

bool service_notify_init(struct service_notify *n, const char *notify_socket,
			 const char *watchdog_usec, const char *watchdog_pid, pid_t self,
			 struct error *err)
{
	notify_reset(n);
	error_clear(err);
	if (!notify_socket || !*notify_socket)
		return true;

	struct service_notify next;
	notify_reset(&next);
	if (!notify_set_address(&next, notify_socket, err))
		return false;

	if (watchdog_usec && *watchdog_usec) {
		uint64_t usec;
		if (!parse_u64(watchdog_usec, &usec) || usec == 0) {
			error_set(err, 0, 0, "WATCHDOG_USEC \"%s\" is not a positive number",
				watchdog_usec);
			return false;
		}
		bool ours = true;
		if (watchdog_pid && *watchdog_pid) {
			uint64_t pid;
			if (!parse_u64(watchdog_pid, &pid) || pid == 0) {
				error_set(err, 0, 0, "WATCHDOG_PID \"%s\" is not a process id",
					watchdog_pid);
				return false;
			}
			ours = pid == (uint64_t)self;
		}
		if (ours) {
			/* Half the period, as sd_watchdog_enabled(3) advises; at least 1 ms. */
			int64_t half_ms = (int64_t)(usec / 2000);
			next.watchdog_interval_ms = half_ms > 0 ? half_ms : 1;
		}
	}

	next.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (next.fd < 0) {
		error_set(err, 0, 0, "cannot open a socket for NOTIFY_SOCKET: %s", strerror(errno));
		return false;
	}
	*n = next;
	return true;
}

bool service_notify_init_env(struct service_notify *n, struct error *err)
{
	return service_notify_init(n, getenv("NOTIFY_SOCKET"), getenv("WATCHDOG_USEC"),
				   getenv("WATCHDOG_PID"), getpid(), err);
}

void service_notify_finish(struct service_notify *n)
{
	if (n->fd >= 0)
		close(n->fd);
	notify_reset(n);
}

bool service_notify_enabled(const struct service_notify *n)
{
	return n->fd >= 0;
}

bool service_notify_send(struct service_notify *n, const char *message)
{
	if (n->fd < 0)
		return true;
	size_t len = strlen(message);
	ssize_t sent;
	do {
		sent = sendto(n->fd, message, len, MSG_NOSIGNAL, (const struct sockaddr *)&n->addr,
			n->addr_len);
	} while (sent < 0 && errno == EINTR);
	return sent == (ssize_t)len;
}

bool service_notify_ready(struct service_notify *n)
{
	return service_notify_send(n, "READY=1");
}

bool service_notify_status(struct service_notify *n, const char *fmt, ...)
{
	if (n->fd < 0)
		return true;
	/* Room past the cut, so the byte after it tells whether a character was split. */
	char text[NOTIFY_STATUS_MAX + 8];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (len < 0)
		return false;
	size_t used = strlen(text);
	if (used > NOTIFY_STATUS_MAX) {
		/* Cut: step back over UTF-8 continuation bytes so no character is split. */
		used = NOTIFY_STATUS_MAX;
		while (used > 0 && ((unsigned char)text[used] & 0xC0) == 0x80)
			used--;
		text[used] = '\0';
	}
	for (size_t i = 0; i < used; i++) {
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7F)
			text[i] = ' ';
	}
	char message[sizeof "STATUS=" + NOTIFY_STATUS_MAX];
	snprintf(message, sizeof message, "STATUS=%s", text);
	return service_notify_send(n, message);
}

bool service_notify_reloading(struct service_notify *n, int64_t now_ms)
{
	char message[64];
	snprintf(message, sizeof message, "RELOADING=1\nMONOTONIC_USEC=%" PRId64,
		now_ms * 1000);
	return service_notify_send(n, message);
}

bool service_notify_stopping(struct service_notify *n)
{
	return service_notify_send(n, "STOPPING=1");
}

bool service_notify_watchdog_enabled(const struct service_notify *n)
{
	return n->fd >= 0 && n->watchdog_interval_ms > 0;
}

bool service_notify_watchdog(struct service_notify *n, int64_t now_ms)
{
	if (!service_notify_watchdog_enabled(n))
		return false;
	if (n->watchdog_next_ms != 0 && now_ms < n->watchdog_next_ms)
		return false;
	/* Schedule from now, not from the old deadline: a late pass must not cause a burst. */
	n->watchdog_next_ms = now_ms + n->watchdog_interval_ms;
	if (n->watchdog_next_ms == 0)
		n->watchdog_next_ms = 1;
	return service_notify_send(n, "WATCHDOG=1");
}

int service_notify_watchdog_timeout_ms(const struct service_notify *n, int64_t now_ms)
{
	if (!service_notify_watchdog_enabled(n))
		return -1;
	if (n->watchdog_next_ms == 0 || now_ms >= n->watchdog_next_ms)
		return 0;
	int64_t left = n->watchdog_next_ms - now_ms;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}
