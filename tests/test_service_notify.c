/*
 * test_service_notify.c — the sd_notify module against real AF_UNIX datagram sockets made here.
 *
 * Tables for the environment parsing and the watchdog schedule (with an injected clock); then
 * the messages as a socket receives them, over a path and over an abstract name; then the
 * watchdog rate from a real loop in a child process, and no pings while that process is
 * stopped (SIGSTOP: a render loop that is stuck). Counts use generous bounds: the rate test
 * asks for 10 pings a second and accepts 5 to 16.
 */
#include "check.h"
#include "service_notify.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_init_table(void)
{
	static const struct {
		const char *socket, *usec, *pid;
		pid_t self;
		bool ok, enabled;
		int64_t interval_ms;
	} rows[] = {
		{NULL, NULL, NULL, 10, true, false, 0},
		{"", "2000000", NULL, 10, true, false, 0},
		{"/run/systemd/notify", NULL, NULL, 10, true, true, 0},
		{"@abstract", NULL, NULL, 10, true, true, 0},
		{"/run/n", "2000000", NULL, 10, true, true, 1000},
		{"/run/n", "2000000", "10", 10, true, true, 1000},
		{"/run/n", "2000000", "11", 10, true, true, 0},   /* another process pings */
		{"/run/n", "1500", NULL, 10, true, true, 1},      /* floor of 1 ms */
		{"/run/n", "30000000", "10", 10, true, true, 15000},
		{"/run/n", "0", NULL, 10, false, false, 0},
		{"/run/n", "abc", NULL, 10, false, false, 0},
		{"/run/n", "-5", NULL, 10, false, false, 0},
		{"/run/n", "99999999999999999999999", NULL, 10, false, false, 0},
		{"/run/n", "2000000", "x", 10, false, false, 0},
		{"/run/n", "2000000", "0", 10, false, false, 0},
		{"relative/path", NULL, NULL, 10, false, false, 0},
		{"@", NULL, NULL, 10, false, false, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct service_notify n;
		struct error err;
		bool ok = service_notify_init(&n, rows[i].socket, rows[i].usec, rows[i].pid,
					      rows[i].self, &err);
		CHECK(ok == rows[i].ok, "row %zu: ok %d (%s)", i, ok, err.message);
		CHECK(service_notify_enabled(&n) == rows[i].enabled, "row %zu: enabled", i);
		CHECK(n.watchdog_interval_ms == rows[i].interval_ms, "row %zu: interval %lld", i,
			(long long)n.watchdog_interval_ms);
		if (!ok)
			CHECK(err.message[0] != '\0', "row %zu: an error says why", i);
		service_notify_finish(&n);
	}

	char long_path[200];
	memset(long_path, 'a', sizeof long_path - 1);
	long_path[0] = '/';
	long_path[sizeof long_path - 1] = '\0';
	struct service_notify n;
	struct error err;
	CHECK(!service_notify_init(&n, long_path, NULL, NULL, 1, &err),
	      "a path longer than sun_path");
	service_notify_finish(&n);
}

/* Without NOTIFY_SOCKET every call succeeds and does nothing. */
static void test_noop(void)
{
	struct service_notify n;
	struct error err;
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	CHECK(service_notify_init_env(&n, &err), "init without NOTIFY_SOCKET");
	CHECK(!service_notify_enabled(&n), "disabled");
	CHECK(service_notify_ready(&n) && service_notify_status(&n, "x") &&
		      service_notify_stopping(&n) && service_notify_reloading(&n, 5),
	      "no-op sends succeed");
	CHECK(!service_notify_watchdog(&n, 1000), "no watchdog ping");
	CHECK(service_notify_watchdog_timeout_ms(&n, 1000) == -1, "no watchdog deadline");
	service_notify_finish(&n);
}

/* The ping schedule with an injected clock: when pings go out and how long main may sleep. */
static void test_watchdog_schedule(void)
{
	struct service_notify n;
	struct error err;
	/* A socket nobody listens on: sends fail, but the schedule must hold all the same. */
	CHECK(service_notify_init(&n, "@foyer-test-nobody", "2000000", NULL, 1, &err), "%s",
	      err.message);
	static const struct {
		int64_t now;
		bool pings;
		int timeout_after;
	} steps[] = {
		{5000, true, 1000},   /* the first pass pings at once */
		{5400, false, 600},
		{5999, false, 1},
		{6000, true, 1000},
		{6001, false, 999},
		{8500, true, 1000},   /* a late pass pings once and schedules from now: no burst */
		{8501, false, 999},
		{9500, true, 1000},
	};
	CHECK(service_notify_watchdog_timeout_ms(&n, 0) == 0, "due before the first ping");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int64_t before = n.watchdog_next_ms;
		service_notify_watchdog(&n, steps[i].now);
		bool pinged = n.watchdog_next_ms != before;
		CHECK(pinged == steps[i].pings, "step %zu at %lld", i, (long long)steps[i].now);
		CHECK(service_notify_watchdog_timeout_ms(&n, steps[i].now) ==
			      steps[i].timeout_after,
		      "step %zu: timeout %d", i,
		      service_notify_watchdog_timeout_ms(&n, steps[i].now));
	}
	service_notify_finish(&n);
}

/* A datagram socket bound to `name` ("/path" or "@abstract"); returns the fd. */
static int listen_datagram(const char *name)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	size_t len = strlen(name);
	memcpy(addr.sun_path, name, len);
	socklen_t addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	if (name[0] == '@')
		addr.sun_path[0] = '\0';
	else
		addr_len++;
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, addr_len) < 0) {
		perror("bind");
		exit(1);
	}
	return fd;
}

/* Receives one datagram within timeout_ms into buf; false when none came. */
static bool receive(int fd, char *buf, size_t size, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, timeout_ms) != 1)
		return false;
	ssize_t len = recv(fd, buf, size - 1, 0);
	if (len < 0)
		return false;
	buf[len] = '\0';
	return true;
}

static void test_messages(const char *name)
{
	int server = listen_datagram(name);
	struct service_notify n;
	struct error err;
	CHECK(service_notify_init(&n, name, "4000000", NULL, getpid(), &err), "%s: %s", name,
	      err.message);
	char got[512];

	CHECK(service_notify_ready(&n), "%s: send READY", name);
	CHECK(receive(server, got, sizeof got, 2000), "%s: READY arrives", name);
	CHECK_STR(got, "READY=1", "%s", name);

	CHECK(service_notify_status(&n, "Main hall: %s\n(feed %ds old)", "Keynote", 12),
	      "send STATUS");
	CHECK(receive(server, got, sizeof got, 2000), "%s: STATUS arrives", name);
	CHECK_STR(got, "STATUS=Main hall: Keynote (feed 12s old)", "%s: one line", name);

	/* Cut at 200 bytes without splitting a two-byte character. */
	char long_text[300] = "x";
	for (int i = 1; i < 299; i += 2)
		memcpy(long_text + i, "\xc3\xa9", 2); /* é */
	long_text[299] = '\0';
	CHECK(service_notify_status(&n, "%s", long_text), "send a long STATUS");
	CHECK(receive(server, got, sizeof got, 2000), "%s: long STATUS arrives", name);
	CHECK(strlen(got) == strlen("STATUS=") + 199, "%s: cut to %zu", name, strlen(got));
	CHECK(((unsigned char)got[strlen(got) - 1] & 0xC0) == 0x80, "%s: ends on a whole char",
		name);

	CHECK(service_notify_watchdog(&n, 1000), "%s: first ping", name);
	CHECK(receive(server, got, sizeof got, 2000), "%s: WATCHDOG arrives", name);
	CHECK_STR(got, "WATCHDOG=1", "%s", name);

	CHECK(service_notify_reloading(&n, 1234), "send RELOADING");
	CHECK(receive(server, got, sizeof got, 2000), "%s: RELOADING arrives", name);
	CHECK_STR(got, "RELOADING=1\nMONOTONIC_USEC=1234000", "%s", name);

	CHECK(service_notify_stopping(&n), "send STOPPING");
	CHECK(receive(server, got, sizeof got, 2000), "%s: STOPPING arrives", name);
	CHECK_STR(got, "STOPPING=1", "%s", name);

	service_notify_finish(&n);
	close(server);
}

/*
 * A render loop as main runs it: sleep until the next ping is due, ping, repeat. It runs in a
 * child process that the test stops with SIGSTOP to play a loop that is stuck.
 */
static void child_render_loop(void)
{
	struct service_notify n;
	struct error err;
	if (!service_notify_init_env(&n, &err))
		_exit(3);
	for (;;) {
		service_notify_watchdog(&n, monotonic_ms());
		poll(NULL, 0, service_notify_watchdog_timeout_ms(&n, monotonic_ms()));
	}
}

/* Counts WATCHDOG=1 datagrams that arrive during window_ms. */
static int count_pings(int server, int window_ms)
{
	int count = 0;
	int64_t end = monotonic_ms() + window_ms;
	for (int64_t now = monotonic_ms(); now < end; now = monotonic_ms()) {
		char got[64];
		if (receive(server, got, sizeof got, (int)(end - now)) && !strcmp(got, "WATCHDOG=1"))
			count++;
	}
	return count;
}

static void test_watchdog_rate(void)
{
	char name[64];
	snprintf(name, sizeof name, "@foyer-test-watchdog-%d", (int)getpid());
	int server = listen_datagram(name);
	setenv("NOTIFY_SOCKET", name, 1);
	setenv("WATCHDOG_USEC", "200000", 1); /* 200 ms: a ping every 100 ms */
	unsetenv("WATCHDOG_PID");
	pid_t child = fork();
	if (child == 0)
		child_render_loop();
	CHECK(child > 0, "fork: %s", strerror(errno));
	if (child <= 0)
		return;

	int running = count_pings(server, 1000);
	printf("watchdog: %d pings in 1 s at a 200 ms period\n", running);
	CHECK(running >= 5 && running <= 16, "about 10 pings a second, got %d", running);

	kill(child, SIGSTOP);
	count_pings(server, 50); /* drain what was sent just before the stop */
	int stuck = count_pings(server, 600);
	printf("watchdog: %d pings in 0.6 s while the loop is stopped\n", stuck);
	CHECK(stuck == 0, "no pings from a stuck loop, got %d", stuck);

	kill(child, SIGCONT);
	int resumed = count_pings(server, 500);
	CHECK(resumed >= 1, "pings resume when the loop runs again, got %d", resumed);

	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(server);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
}

int main(void)
{
	test_init_table();
	test_noop();
	test_watchdog_schedule();

	char dir[] = "/tmp/foyer-notify-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[128];
	snprintf(path, sizeof path, "%s/notify", dir);
	test_messages(path);
	unlink(path);
	rmdir(dir);
	char abstract[64];
	snprintf(abstract, sizeof abstract, "@foyer-test-notify-%d", (int)getpid());
	test_messages(abstract);

	test_watchdog_rate();
	return check_done();
}
