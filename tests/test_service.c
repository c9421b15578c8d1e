/*
 * test_service.c — what the render loop's service pass sends systemd, in order, against a
 * real AF_UNIX datagram socket: READY=1 only once the display was tried (a frame, or a failure
 * to open it: up and retrying), STATUS= only when its line changes, WATCHDOG=1 when due,
 * RELOADING=1 then READY=1 again, STOPPING=1; and how long the loop may sleep.
 */
#include "check.h"
#include "log.h"
#include "service.h"

#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* Every datagram waiting on fd, joined with " | " (empty when none came within 200 ms). */
static void drain(int fd, char *out, size_t size)
{
	out[0] = '\0';
	size_t used = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (poll(&p, 1, 200) == 1) {
		char buf[512];
		ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
		if (n < 0)
			break;
		buf[n] = '\0';
		used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " | " : "", buf);
		if (used >= size)
			break;
	}
}

static json_t *state_with(const char *now_title)
{
	return json_pack("{s:[{s:s, s:[{s:s}], s:[]}]}", "rooms", "room", "Main hall", "now",
		"title", now_title, "next");
}

int main(void)
{
	char name[64];
	snprintf(name, sizeof name, "@foyer-test-service-%d", (int)getpid());
	int server = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	memcpy(addr.sun_path + 1, name + 1, strlen(name) - 1);
	if (bind(server, (struct sockaddr *)&addr,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(name))) != 0) {
		perror("bind");
		return 1;
	}
	setenv("NOTIFY_SOCKET", name, 1);
	setenv("WATCHDOG_USEC", "20000000", 1); /* a ping every 10 s */
	unsetenv("WATCHDOG_PID");
	log_init_stream(LOG_LEVEL_ERROR, stderr, false);

	struct tz *utc = tz_fixed("UTC", 0);
	struct service s;
	service_init(&s, &(struct service_options){.version = "0.1.0", .zone = utc,
		.status_dir = "", .runtime_dir = NULL, .screenshot_interval_s = 60,
		.screenshot_width = 480, .started = 1000});
	struct service_status_fetch fetch = {.last_success = 1000, .age_s = 10};
	char got[2048];
	json_t *keynote = state_with("Keynote"), *panel = state_with("Panel");

	/* Before the display was tried: no READY yet; the status line and the first ping. */
	service_pass(&s, keynote, &fetch, 1010, 5000);
	drain(server, got, sizeof got);
	CHECK_STR(got, "STATUS=Main hall: now Keynote; feed 10s old; no display | WATCHDOG=1",
		"first pass");

	/* No monitor: foyer is up and retrying, so it is ready; the status line says why. */
	service_display_down(&s, "no connected display");
	service_pass(&s, keynote, &fetch, 1010, 5100);
	drain(server, got, sizeof got);
	CHECK_STR(got, "READY=1 | STATUS=Main hall: now Keynote; feed 10s old; no display: no "
		"connected display", "display down");
	CHECK(service_timeout_ms(&s, 5100) == 9900, "sleep until the next ping: %d",
		service_timeout_ms(&s, 5100));

	/* The display comes up: the line changes, READY is not sent twice. */
	service_display_up(&s, "kmsdrm", 1920, 1080);
	service_frame_shown(&s);
	fetch.age_s = 11;
	service_pass(&s, keynote, &fetch, 1011, 5200);
	drain(server, got, sizeof got);
	CHECK_STR(got, "STATUS=Main hall: now Keynote; feed 11s old", "display up");

	/* Nothing changed: nothing sent. Then a new session: one STATUS. */
	service_pass(&s, keynote, &fetch, 1011, 5300);
	drain(server, got, sizeof got);
	CHECK_STR(got, "", "an unchanged pass sends nothing");
	service_pass(&s, panel, &fetch, 1011, 15000);
	drain(server, got, sizeof got);
	CHECK_STR(got, "STATUS=Main hall: now Panel; feed 11s old | WATCHDOG=1",
		"a new session and a due ping");

	/* No status directory here: no screenshot is ever due, only the watchdog counts. */
	CHECK(!service_screenshot_due(&s, 15000), "no status directory, no screenshot");
	CHECK(service_timeout_ms(&s, 15000) == 10000, "the watchdog's deadline");

	/* SIGHUP: RELOADING=1, then READY=1 at the next pass. */
	service_reloading(&s, 16000);
	drain(server, got, sizeof got);
	CHECK_STR(got, "RELOADING=1\nMONOTONIC_USEC=16000000", "reloading");
	service_pass(&s, panel, &fetch, 1011, 16100);
	drain(server, got, sizeof got);
	CHECK_STR(got, "READY=1", "ready after the reload");

	service_stopping(&s);
	drain(server, got, sizeof got);
	CHECK_STR(got, "STOPPING=1", "stopping");

	service_finish(&s);
	json_decref(keynote);
	json_decref(panel);
	tz_destroy(utc);
	close(server);
	return check_done();
}
