/*
 * test_fetch.c — real libcurl, through fetch.c, against tests/http_server.py on 127.0.0.1.
 *
 * Every failure mode of the server is walked through one feed URL: a good agenda first,
 * then the failure (the last good agenda is kept, not re-cached, the error and HTTP status
 * are reported, the retry backs off), then recovery. Conditional GETs, gzip, redirects, the
 * cache at start (offline), merging with file feeds, and the worker thread's hand-off follow.
 * Timeouts are short (2 s) so the whole test stays well under 20 s.
 */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "check.h"
#include "clock.h"
#include "fetch.h"
#include "log.h"
#include "loop.h"

static pid_t server_pid, tls_server_pid;
static int server_port, tls_server_port;
static struct tz *utc;
static char cache_dir[64] = "/tmp/foyer-test-fetch-XXXXXX";

/* Starts tests/http_server.py with extra arguments (NULL-terminated); its port, or 0. */
static int server_start(pid_t *pid, const char *arg1, const char *arg2, const char *arg3)
{
	int in[2], out[2];
	if (pipe(in) || pipe(out))
		return 0;
	*pid = fork();
	if (*pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execl(TEST_PYTHON, TEST_PYTHON, TEST_SOURCE_DIR "/tests/http_server.py", "--lifetime",
		      "60", arg1, arg2, arg3, (char *)NULL);
		_exit(127);
	}
	close(in[0]);	/* in[1] stays open: the server exits when we do */
	close(out[1]);
	FILE *f = fdopen(out[0], "r");
	char line[32];
	int port = f && fgets(line, sizeof line, f) ? atoi(line) : 0;
	if (f)
		fclose(f);
	return port;
}

static void server_stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
}

static double fixed_random(void *data)
{
	return 0.5;
}

static struct fetch_options test_options(const char *const *sources, size_t n)
{
	struct fetch_options o;
	fetch_options_defaults(&o);
	o.sources = sources;
	o.n_sources = n;
	o.zone = utc;
	o.connect_timeout_s = 2;
	o.timeout_s = 2;
	o.low_speed_bytes = 100;
	o.low_speed_time_s = 1;
	o.max_bytes = 64 * 1024;
	o.cache_dir = cache_dir;
	o.random = fixed_random;
	return o;
}

static void url_for(char *out, size_t size, const char *kind, const char *path)
{
	snprintf(out, size, "http://127.0.0.1:%d/%s/%s", server_port, kind, path);
}

/* One synchronous pass; the result (never NULL after a pass) is the caller's. */
static struct fetch_result *pass(struct fetch *f)
{
	fetch_refresh(f);
	return fetch_take(f);
}

static bool contains_any(const char *text, const char *alternatives)
{
	char copy[128];
	snprintf(copy, sizeof copy, "%s", alternatives);
	for (char *save, *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save))
		if (strstr(text, p))
			return true;
	return false;
}

static bool near(double got, double want, double slack)
{
	return got >= want - slack && got <= want + slack;
}

/* The checksum of the cached body of url, 0 when there is none. */
static uint64_t cached_checksum(const char *url)
{
	struct cache_entry e;
	struct error err = {0};
	if (cache_load(cache_dir, url, 1 << 20, &e, &err) != CACHE_OK)
		return 0;
	uint64_t sum = cache_checksum(e.body, e.len);
	cache_entry_finish(&e);
	return sum;
}

static const struct {
	const char *mode;
	const char *error;	/* substrings of the error, '|' between alternatives */
	long http_status;
	double retry1, retry2;	/* waits after the 1st and 2nd failure (random fixed at 0.5) */
	bool slow;		/* takes a timeout: tried once only */
} failures[] = {
	{"404", "HTTP 404", 404, 2.5, 5, false},
	{"500", "HTTP 500", 500, 2.5, 5, false},
	{"503retry", "HTTP 503", 503, 120, 120, false},
	{"503date", "HTTP 503", 503, 300, 300, false},
	{"loop", "redirect", 302, 2.5, 5, false},
	{"tofile", "file", 302, 2.5, 5, false},
	{"toftp", "ftp", 302, 2.5, 5, false},
	{"bigchunked", "larger than the 65536 bytes", 200, 2.5, 5, false},
	{"biglength", "larger than the 65536 bytes", 200, 2.5, 5, false},
	{"gzipbomb", "larger than the 65536 bytes", 200, 2.5, 5, false},
	{"truncated", "remaining", 200, 2.5, 5, false},
	{"garbage", "not an agenda", 200, 2.5, 5, false},
	{"empty", "empty", 200, 2.5, 5, false},
	{"stall", "timed out|too slow", 200, 2.5, 0, true},
	{"silent", "timed out|too slow", 0, 2.5, 0, true},
};

static void test_failures(void)
{
	for (size_t i = 0; i < sizeof failures / sizeof *failures; i++) {
		const char *mode = failures[i].mode;
		char path[128], url[256];
		if (failures[i].slow)
			snprintf(path, sizeof path, "%s-%d/ok,%s,ok2", mode, (int)getpid(), mode);
		else
			snprintf(path, sizeof path, "%s-%d/ok,%s,%s,ok2", mode, (int)getpid(), mode,
				 mode);
		url_for(url, sizeof url, "s", path);
		const char *sources[] = {url};
		struct fetch_options o = test_options(sources, 1);
		struct error err = {0};
		struct fetch *f = fetch_create(&o, &err);
		CHECK(f != NULL, "%s: create: %s", mode, err.message);
		if (!f)
			continue;
		fetch_result_destroy(fetch_take(f));

		struct fetch_result *r = pass(f);
		CHECK(r->agenda && r->agenda->n_events == 2, "%s: first pass gives agenda A", mode);
		CHECK(r->status.sources[0].http_status == 200, "%s: 200", mode);
		CHECK_STR(r->status.sources[0].error, "", "%s: no error at first", mode);
		unsigned long generation = r->status.agenda_generation;
		fetch_result_destroy(r);
		uint64_t cached = cached_checksum(url);
		CHECK(cached != 0, "%s: the good body is cached", mode);

		for (int attempt = 1; attempt <= (failures[i].slow ? 1 : 2); attempt++) {
			r = pass(f);
			const struct fetch_source_status *s = &r->status.sources[0];
			CHECK(r->agenda == NULL, "%s #%d: no new agenda handed over", mode, attempt);
			CHECK(r->status.agenda_generation == generation, "%s #%d: agenda unchanged",
			      mode, attempt);
			CHECK(s->have_agenda && s->events == 2, "%s #%d: the last good agenda is kept",
			      mode, attempt);
			CHECK(contains_any(s->error, failures[i].error), "%s #%d: error '%s', want '%s'",
			      mode, attempt, s->error, failures[i].error);
			CHECK(!strncmp(s->error, url, strlen(url)), "%s: the error names the source: %s",
			      mode, s->error);
			CHECK(s->http_status == failures[i].http_status, "%s #%d: HTTP %ld, want %ld",
			      mode, attempt, s->http_status, failures[i].http_status);
			CHECK(s->failures == (unsigned)attempt, "%s: %u failures", mode, s->failures);
			double want = attempt == 1 ? failures[i].retry1 : failures[i].retry2;
			CHECK(near(s->retry_s, want, 3), "%s #%d: retry in %g s, want %g", mode, attempt,
			      s->retry_s, want);
			CHECK(fetch_status_failing(&r->status) == s, "%s: reported as failing", mode);
			fetch_result_destroy(r);
			CHECK(cached_checksum(url) == cached, "%s #%d: the cache still holds the good body",
			      mode, attempt);
		}

		r = pass(f);
		CHECK(r->agenda && r->agenda->n_events == 3, "%s: recovers with agenda B", mode);
		CHECK_STR(r->status.sources[0].error, "", "%s: error cleared", mode);
		CHECK(r->status.sources[0].failures == 0, "%s: failures reset", mode);
		CHECK(near(r->status.sources[0].retry_s, 60, 0.01), "%s: back to the refresh interval",
		      mode);
		CHECK(cached_checksum(url) != cached, "%s: the new body is cached", mode);
		fetch_result_destroy(r);
		fetch_destroy(f);
	}
}

/* A 304 or an unchanged body: no parse, no new agenda, but the data counts as fresh. */
static void test_unchanged(void)
{
	static const struct {
		const char *kind, *path;
		long second_status;
	} rows[] = {
		{"x", "etag", 304},
		{"x", "lastmod", 304},
		{"x", "ok", 200},	/* no validators: the same bytes again */
		{"x", "gzip", 200},	/* the server answers 406 without Accept-Encoding: gzip */
		{"x", "chain", 200},	/* 301 then 302 */
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char url[256];
		url_for(url, sizeof url, rows[i].kind, rows[i].path);
		const char *sources[] = {url};
		struct fetch_options o = test_options(sources, 1);
		o.cache_dir = NULL;
		struct error err = {0};
		struct fetch *f = fetch_create(&o, &err);
		if (!f) {
			CHECK(f != NULL, "%s: %s", rows[i].path, err.message);
			continue;
		}
		fetch_result_destroy(fetch_take(f));
		struct fetch_result *r = pass(f);
		CHECK(r->agenda && r->agenda->n_events == 2, "%s: agenda A", rows[i].path);
		CHECK(r->status.sources[0].http_status == 200, "%s: 200 first, got %ld (%s)",
		      rows[i].path, r->status.sources[0].http_status, r->status.sources[0].error);
		int64_t first = r->status.sources[0].updated_ms;
		fetch_result_destroy(r);
		r = pass(f);
		const struct fetch_source_status *s = &r->status.sources[0];
		CHECK(s->http_status == rows[i].second_status, "%s: then %ld, got %ld", rows[i].path,
		      rows[i].second_status, s->http_status);
		CHECK(r->agenda == NULL, "%s: no new agenda (no redraw)", rows[i].path);
		CHECK(s->parses == 1, "%s: parsed once, not %lu times", rows[i].path, s->parses);
		CHECK(s->attempts == 2, "%s: two attempts", rows[i].path);
		CHECK_STR(s->error, "", "%s: no error", rows[i].path);
		CHECK(s->updated_ms >= first && s->updated_ms >= 0, "%s: confirmed fresh",
		      rows[i].path);
		fetch_result_destroy(r);
		fetch_destroy(f);
	}
}

/* A proxy from the options: the test server answers for a host that does not exist. */
static void test_proxy(void)
{
	const char *sources[] = {"http://feeds.example.invalid/x/ok"};
	char proxy[64];
	snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", server_port);
	struct fetch_options o = test_options(sources, 1);
	o.cache_dir = NULL;
	o.proxy = proxy;
	struct error err = {0};
	struct fetch *f = fetch_create(&o, &err);
	struct fetch_result *r = pass(f);
	CHECK(r->agenda && r->agenda->n_events == 2, "through the proxy: %s",
	      r->status.sources[0].error);
	fetch_result_destroy(r);
	fetch_destroy(f);
}

/* A port nothing listens on: bound, then closed. */
static int closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	close(fd);
	return ntohs(a.sin_port);
}

static const char cached_agenda[] = "2018-12-10\nRoom: Main hall\n09:00 - 10:00 Opening\n";

/* No network at start: the cached copy shows at once and stays through the failures. */
static void test_offline_start(void)
{
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/agenda", closed_port());
	time_t fetched = clock_wall() - 3600;
	struct cache_entry e = {.url = url, .etag = "\"zz\"", .fetched = fetched,
				.body = (char *)cached_agenda, .len = strlen(cached_agenda)};
	struct error err = {0};
	CHECK(cache_store(cache_dir, &e, &err), "store: %s", err.message);

	const char *sources[] = {url};
	struct fetch_options o = test_options(sources, 1);
	struct fetch *f = fetch_create(&o, &err);
	CHECK(f != NULL, "create: %s", err.message);
	if (!f)
		return;
	struct fetch_result *r = fetch_take(f);
	CHECK(r && r->agenda && r->agenda->n_events == 1, "the cached agenda before any network");
	if (r) {
		const struct fetch_source_status *s = &r->status.sources[0];
		CHECK(s->from_cache && s->have_agenda, "marked as from the cache");
		CHECK(s->updated == fetched, "updated is the cached copy's time");
		CHECK(s->attempts == 0, "no attempt yet");
		CHECK(fetch_status_updated(&r->status) == fetched, "feed updated");
		CHECK(fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 600),
		      "an hour-old copy is stale after 10 minutes");
		CHECK(!fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 7200),
		      "an hour-old copy is not stale after 2 hours");
	}
	fetch_result_destroy(r);

	r = pass(f);
	const struct fetch_source_status *s = &r->status.sources[0];
	CHECK(r->agenda == NULL, "connection refused hands over nothing new");
	CHECK(s->have_agenda && s->from_cache && s->events == 1, "the cached agenda is kept");
	CHECK(contains_any(s->error, "connect|Connection refused"), "error: %s", s->error);
	CHECK(s->http_status == 0, "no HTTP status: %ld", s->http_status);
	CHECK(s->failures == 1 && near(s->retry_s, 2.5, 0.01), "backs off: %g", s->retry_s);
	fetch_result_destroy(r);
	fetch_destroy(f);

	/* Without a cache: nothing to show, and the reason. */
	o.cache_dir = NULL;
	f = fetch_create(&o, &err);
	r = pass(f);
	CHECK(r->agenda == NULL && !r->status.sources[0].have_agenda, "no cache: no agenda");
	CHECK(fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 1e9),
	      "no agenda is stale");
	CHECK(fetch_status_updated(&r->status) == 0, "never updated");
	fetch_result_destroy(r);
	fetch_destroy(f);

	/* A cached copy that no longer parses is ignored, not shown. */
	snprintf(url, sizeof url, "http://127.0.0.1:%d/garbage", closed_port());
	e.url = url;
	e.body = "<html>not an agenda</html>";
	e.len = strlen(e.body);
	CHECK(cache_store(cache_dir, &e, &err), "store: %s", err.message);
	o.cache_dir = cache_dir;
	f = fetch_create(&o, &err);
	r = fetch_take(f);
	CHECK(r && !r->agenda && !r->status.sources[0].have_agenda, "a bad cached copy is ignored");
	fetch_result_destroy(r);
	fetch_destroy(f);
}

/*
 * A cached copy's age when the wall clock jumps: from the start it ages on the monotonic clock,
 * from its age by the wall clock then (none for a copy "from the future"), and the wall clock
 * is heard only when it says older. Each row: the copy's time against the wall clock at the
 * start, then the clocks the age is asked at, against the start's.
 */
static void test_cache_age(void)
{
	static const struct {
		long fetched_s;		/* the copy's time, from the wall clock at the start */
		long wall_s;		/* the wall clock asked at, from the one at the start */
		long monotonic_s;	/* the monotonic clock asked at, from the one at the start */
		double age_s;		/* fetch_status_age_s(), within a second */
		bool stale;		/* after stale_after = 600 s */
	} rows[] = {
		{-3600, 0, 0, 3600, true},	/* an hour old */
		{-3600, -7200, 0, 3600, true},	/* ... the clock set back: no younger */
		{-300, 0, 0, 300, false},	/* five minutes old */
		{-300, 0, 301, 601, true},	/* ... five minutes later */
		{-300, -7200, 301, 601, true},	/* ... the clock set back meanwhile: still stale */
		{-300, 7200, 0, 7500, true},	/* ... the clock set forward (NTP): as old as it says */
		{7200, 0, 0, 0, false},		/* from the future (written before a jump back) */
		{7200, 0, 598, 598, false},	/* ... ages from none */
		{7200, 0, 602, 602, true},	/* ... stale after stale_after */
		{7200, -14400, 602, 602, true},	/* ... and stays so when the clock goes back again */
	};
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/age", closed_port());
	const char *sources[] = {url};
	struct fetch_options o = test_options(sources, 1);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		time_t wall = clock_wall();
		struct cache_entry e = {.url = url, .fetched = wall + rows[i].fetched_s,
					.body = (char *)cached_agenda, .len = strlen(cached_agenda)};
		struct error err = {0};
		CHECK(cache_store(cache_dir, &e, &err), "row %zu: store: %s", i, err.message);
		int64_t start_ms = clock_monotonic_ms();
		struct fetch *f = fetch_create(&o, &err);
		struct fetch_result *r = f ? fetch_take(f) : NULL;
		CHECK(r && r->status.sources[0].from_cache, "row %zu: the cached copy is read", i);
		time_t wall_at = wall + rows[i].wall_s;
		int64_t monotonic_at = start_ms + rows[i].monotonic_s * 1000;
		if (r) {
			double age = fetch_status_age_s(&r->status, wall_at, monotonic_at);
			CHECK(fabs(age - rows[i].age_s) <= 1,
			      "row %zu: copy at %+lds, asked at %+lds wall, %+lds monotonic: age %g",
			      i, rows[i].fetched_s, rows[i].wall_s, rows[i].monotonic_s, age);
			CHECK(fetch_status_stale(&r->status, wall_at, monotonic_at, 600) ==
				      rows[i].stale,
			      "row %zu: stale %d", i, !rows[i].stale);
		}
		fetch_result_destroy(r);
		fetch_destroy(f);
	}
}

/* The validators come back from the cache: the first request after a restart is a 304. */
static void test_cache_validators(void)
{
	char url[256], path[64];
	snprintf(path, sizeof path, "validators-%d/etag", (int)getpid());
	url_for(url, sizeof url, "s", path);
	const char *sources[] = {url};
	struct fetch_options o = test_options(sources, 1);
	struct error err = {0};
	struct fetch *f = fetch_create(&o, &err);
	fetch_result_destroy(pass(f));
	fetch_destroy(f);

	f = fetch_create(&o, &err);
	struct fetch_result *r = fetch_take(f);
	CHECK(r->agenda && r->agenda->n_events == 2, "restart: the cached agenda at once");
	fetch_result_destroy(r);
	r = pass(f);
	CHECK(r->status.sources[0].http_status == 304, "restart: If-None-Match from the cache: %ld",
	      r->status.sources[0].http_status);
	CHECK(!r->status.sources[0].from_cache, "confirmed: no longer only from the cache");
	CHECK(!fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 600),
	      "fresh after a 304");
	fetch_result_destroy(r);
	fetch_destroy(f);
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
}

/* URL and file feeds merged; a room from each; a file re-read; one bad source. */
static void test_merge(void)
{
	char ok[256], room[256], file[128], missing[128];
	url_for(ok, sizeof ok, "x", "ok");
	url_for(room, sizeof room, "x", "okroom");
	snprintf(file, sizeof file, "%s/agenda.txt", cache_dir);
	snprintf(missing, sizeof missing, "%s/missing.txt", cache_dir);
	write_text(file, "2018-12-10\nRoom: Hall B\n13:00 - 14:00 Talk\n");
	const char *sources[] = {ok, room, file, missing};
	struct fetch_options o = test_options(sources, 4);
	o.cache_dir = NULL;
	struct error err = {0};
	struct fetch *f = fetch_create(&o, &err);
	struct fetch_result *r = fetch_take(f);
	CHECK(r->agenda && r->agenda->n_events == 1, "files are read at once, before the network");
	CHECK(contains_any(r->status.sources[3].error, "No such file"), "missing: %s",
	      r->status.sources[3].error);
	fetch_result_destroy(r);

	r = pass(f);
	CHECK(r->agenda && r->agenda->n_events == 4, "merged: 2 + 1 + 1 events");
	CHECK(r->agenda && r->agenda->n_rooms == 3, "a room from each source");
	CHECK(fetch_status_events(&r->status) == 4, "events counted");
	CHECK(fetch_status_failing(&r->status) == &r->status.sources[3], "the missing file fails");
	CHECK(fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 600),
	      "a source without an agenda makes the feed stale");
	fetch_result_destroy(r);

	write_text(file, "2018-12-10\nRoom: Hall B\n13:00 - 14:00 Talk\n14:00 - 15:00 More\n");
	write_text(missing, "2018-12-10\n15:00 - 16:00 Late\n");
	r = pass(f);
	CHECK(r->agenda && r->agenda->n_events == 6, "the files are re-read: 2 + 1 + 2 + 1");
	CHECK(fetch_status_failing(&r->status) == NULL, "nothing fails");
	CHECK(!fetch_status_stale(&r->status, clock_wall(), clock_monotonic_ms(), 600), "fresh");
	fetch_result_destroy(r);

	write_text(file, "this is not an agenda\n");
	r = pass(f);
	CHECK(r->agenda == NULL, "a broken file keeps the last good agenda");
	CHECK(r->status.sources[2].events == 2 && r->status.sources[2].error[0],
	      "the file's error: %s", r->status.sources[2].error);
	fetch_result_destroy(r);
	fetch_destroy(f);
	unlink(file);
	unlink(missing);

	const char *bad[] = {"ftp://127.0.0.1/agenda.txt"};
	o = test_options(bad, 1);
	CHECK(fetch_create(&o, &err) == NULL && strstr(err.message, "http"), "ftp refused: %s",
	      err.message);
}

/* Waits (bounded) for the worker to wake us and returns what it handed over. */
static struct fetch_result *wait_result(struct fetch *f, int efd)
{
	struct pollfd p = {.fd = efd, .events = POLLIN};
	if (poll(&p, 1, 10000) <= 0)
		return NULL;
	loop_waker_drain(efd);
	return fetch_take(f);
}

/* The worker thread: hands over through the eventfd, refreshes on its schedule, stops. */
static void test_worker(void)
{
	char url[256], path[64];
	snprintf(path, sizeof path, "worker-%d/ok,ok2", (int)getpid());
	url_for(url, sizeof url, "s", path);
	const char *sources[] = {url};
	struct fetch_options o = test_options(sources, 1);
	o.cache_dir = NULL;
	o.policy.refresh_s = 1;
	o.policy.jitter_s = 0;
	struct error err = {0};
	struct fetch *f = fetch_create(&o, &err);
	fetch_result_destroy(fetch_take(f));
	int efd = loop_waker_create();
	CHECK(fetch_start(f, efd, &err), "start: %s", err.message);
	int events = 0;
	for (int i = 0; i < 20 && events < 3; i++) {
		struct fetch_result *r = wait_result(f, efd);
		if (!r)
			break;
		if (r->agenda) {
			CHECK((int)r->agenda->n_events > events, "agendas arrive in order");
			events = (int)r->agenda->n_events;
		}
		fetch_result_destroy(r);
	}
	CHECK(events == 3, "agenda A, then B on the next refresh: got %d events", events);
	fetch_kick(f);
	struct fetch_result *r = wait_result(f, efd);
	CHECK(r != NULL, "a kick fetches again");
	fetch_result_destroy(r);
	fetch_destroy(f);

	/* Stopping aborts a transfer in progress instead of waiting out its timeout. */
	url_for(url, sizeof url, "x", "silent");
	o.timeout_s = 30;
	o.low_speed_time_s = 30;
	f = fetch_create(&o, &err);
	fetch_start(f, efd, &err);
	usleep(300 * 1000);
	int64_t before = clock_monotonic_ms();
	fetch_destroy(f);
	CHECK(clock_monotonic_ms() - before < 15000, "destroy aborts the transfer");
	close(efd);
}

/*
 * https against a self-signed certificate: refused without its CA (and retried soon while
 * the clock is not trusted: a wrong clock makes good certificates look bad), accepted with
 * it as ca_file. Skipped without the openssl command.
 */
static void test_tls(void)
{
	char cert[128], key[128], cmd[512];
	snprintf(cert, sizeof cert, "%s/cert.pem", cache_dir);
	snprintf(key, sizeof key, "%s/key.pem", cache_dir);
	snprintf(cmd, sizeof cmd,
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
		 "-addext subjectAltName=IP:127.0.0.1 -keyout '%s' -out '%s' >/dev/null 2>&1",
		 key, cert);
	if (system(cmd) != 0) {
		printf("skipped the TLS checks: no openssl command\n");
		return;
	}
	tls_server_port = server_start(&tls_server_pid, "--tls", cert, key);
	CHECK(tls_server_port > 0, "the https server starts");
	if (!tls_server_port)
		return;
	char url[128];
	snprintf(url, sizeof url, "https://127.0.0.1:%d/x/ok", tls_server_port);
	const char *sources[] = {url};
	struct fetch_options o = test_options(sources, 1);
	o.cache_dir = NULL;
	for (int trust = 0; trust < 2; trust++) {
		o.trust_clock = trust;
		struct error err = {0};
		struct fetch *f = fetch_create(&o, &err);
		struct fetch_result *r = pass(f);
		const struct fetch_source_status *s = &r->status.sources[0];
		CHECK(!s->have_agenda && contains_any(s->error, "certificate|SSL"),
		      "an unknown CA is refused: %s", s->error);
		bool trusted = clock_trusted(trust, CLOCK_TIMESYNC_FLAG);
		CHECK(near(s->retry_s, trusted ? 2.5 : 5, 0.01),
		      "TLS failure with the clock %s: retry in %g s",
		      trusted ? "trusted" : "not trusted", s->retry_s);
		fetch_result_destroy(r);
		fetch_destroy(f);
	}
	o.ca_file = cert;
	struct error err = {0};
	struct fetch *f = fetch_create(&o, &err);
	struct fetch_result *r = pass(f);
	CHECK(r->agenda && r->agenda->n_events == 2 && r->status.sources[0].http_status == 200,
	      "the venue's CA as ca_file: %s", r->status.sources[0].error);
	fetch_result_destroy(r);
	fetch_destroy(f);
}

static void remove_cache_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", cache_dir);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (access(TEST_PYTHON, X_OK) != 0) {
		printf("skipped: no %s\n", TEST_PYTHON);
		return 77;
	}
	if (!mkdtemp(cache_dir) ||
	    !(server_port = server_start(&server_pid, NULL, NULL, NULL))) {
		fprintf(stderr, "cannot start the test server\n");
		return 1;
	}
	utc = tz_fixed("UTC", 0);
	log_init(LOG_LEVEL_ERROR);

	test_failures();
	test_unchanged();
	test_offline_start();
	test_cache_age();
	test_cache_validators();
	test_merge();
	test_worker();
	test_tls();
	test_proxy();

	tz_destroy(utc);
	server_stop(server_pid);
	server_stop(tls_server_pid);
	remove_cache_dir();
	fetch_global_cleanup();
	return check_done();
}
