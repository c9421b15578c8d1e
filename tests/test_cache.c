/*
 * test_cache.c — the feed cache: a round trip, files that must read as bad (a table of
 * damaged files), and kill -9 at random moments of a writer in a loop: the cache then reads
 * back as the old body or the new one, never a mix and never missing.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "check.h"

static char dir[64] = "/tmp/foyer-test-cache-XXXXXX";
static const char *url = "https://example.org/schedule.xml";

static void test_round_trip(void)
{
	struct cache_entry e = {.url = (char *)url, .etag = "W/\"abc\"",
				.last_modified = "Mon, 10 Dec 2018 09:00:00 GMT", .fetched = 1544432400,
				.body = "body\nwith\0a NUL", .len = 15};
	struct error err = {0};
	CHECK(cache_store(dir, &e, &err), "store: %s", err.message);
	struct cache_entry got;
	CHECK(cache_load(dir, url, 1 << 20, &got, &err) == CACHE_OK, "load: %s", err.message);
	CHECK_STR(got.url, url, "url");
	CHECK_STR(got.etag, "W/\"abc\"", "etag");
	CHECK_STR(got.last_modified, "Mon, 10 Dec 2018 09:00:00 GMT", "last-modified");
	CHECK(got.fetched == 1544432400, "fetched");
	CHECK(got.len == 15 && !memcmp(got.body, e.body, 15) && got.body[15] == '\0', "body");
	cache_entry_finish(&got);

	CHECK(cache_load(dir, url, 14, &got, &err) == CACHE_BAD, "a body over the cap is bad");
	CHECK(cache_load(dir, "https://example.org/other", 1 << 20, &got, &err) == CACHE_MISSING,
	      "another URL has no copy");

	/* Validators with line breaks are not stored; an empty body is a body. */
	e.etag = "\"a\"\r\nx-evil: 1";
	e.last_modified = NULL;
	e.body = "";
	e.len = 0;
	CHECK(cache_store(dir, &e, &err), "store: %s", err.message);
	CHECK(cache_load(dir, url, 1 << 20, &got, &err) == CACHE_OK, "load: %s", err.message);
	CHECK(got.etag == NULL && got.last_modified == NULL && got.len == 0, "no validators");
	cache_entry_finish(&got);

	e.url = "https://example.org/a\nb";
	CHECK(!cache_store(dir, &e, &err), "a URL with a line break is refused");

	/* The name comes from the URL, the directory holds nothing else. */
	char *path = cache_path(dir, url);
	CHECK(path && strstr(path, "/feed-") && strstr(path, ".cache"), "path %s", path);
	free(path);
	CHECK(cache_checksum("a", 1) != cache_checksum("b", 1), "checksums differ");
}

static void write_raw(const char *text, size_t len)
{
	char *path = cache_path(dir, url);
	FILE *f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	free(path);
}

static void test_damaged(void)
{
	/* checksum of "hello" (FNV-1a 64) */
	char sum[17];
	snprintf(sum, sizeof sum, "%016llx", (unsigned long long)cache_checksum("hello", 5));
	char good_header[256];
	snprintf(good_header, sizeof good_header,
		 "foyer-cache 1\nurl %s\nfetched 1\nlength 5\nchecksum %s\n\n", url, sum);
	static const struct {
		const char *name;
		const char *tail;	/* appended to the good header, or a whole file with '!' */
		enum cache_result want;
	} rows[] = {
		{"good", "hello", CACHE_OK},
		{"body cut short", "hell", CACHE_BAD},
		{"body too long", "hello!", CACHE_BAD},
		{"body changed", "jello", CACHE_BAD},
		{"!empty file", "", CACHE_BAD},
		{"!not a cache file", "<schedule/>", CACHE_BAD},
		{"!header cut short", "foyer-cache 1\nurl https://example.org/schedule.xml\nlen", CACHE_BAD},
		{"!no checksum", "foyer-cache 1\nurl https://example.org/schedule.xml\nlength 5\n\nhello",
		 CACHE_BAD},
		{"!another URL (hash collision)",
		 "foyer-cache 1\nurl https://example.org/x\nlength 0\nchecksum cbf29ce484222325\n\n",
		 CACHE_BAD},
		{"!bad length",
		 "foyer-cache 1\nurl https://example.org/schedule.xml\nlength five\n"
		 "checksum cbf29ce484222325\n\n", CACHE_BAD},
		{"!unknown keys are skipped",
		 "foyer-cache 1\nurl https://example.org/schedule.xml\nfuture yes\nlength 0\n"
		 "checksum cbf29ce484222325\n\n", CACHE_OK},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char file[512];
		if (rows[i].name[0] == '!')
			snprintf(file, sizeof file, "%s", rows[i].tail);
		else
			snprintf(file, sizeof file, "%s%s", good_header, rows[i].tail);
		write_raw(file, strlen(file));
		struct cache_entry got;
		struct error err = {0};
		enum cache_result r = cache_load(dir, url, 1 << 20, &got, &err);
		CHECK(r == rows[i].want, "%s: got %d, want %d (%s)", rows[i].name, (int)r,
		      (int)rows[i].want, err.message);
		if (r == CACHE_BAD)
			CHECK(err.message[0] != '\0', "%s: a reason is given", rows[i].name);
		cache_entry_finish(&got);
	}

	/* A FIFO where the cache file belongs: refused at once (never waited on), and why. */
	char *path = cache_path(dir, url);
	unlink(path);
	CHECK(mkfifo(path, 0600) == 0, "mkfifo %s", path);
	struct cache_entry got;
	struct error err = {0};
	CHECK(cache_load(dir, url, 1 << 20, &got, &err) == CACHE_BAD &&
	      strstr(err.message, path) && strstr(err.message, "not a regular file (a FIFO)"),
	      "a FIFO reads as bad, naming the file: %s", err.message);
	unlink(path);
	free(path);
}

/* Two bodies of different sizes, so a mix of them would show in the length or checksum. */
static char *body_of(char c, size_t len)
{
	char *b = malloc(len);
	memset(b, c, len);
	return b;
}

static void writer_loop(const char *a, size_t alen, const char *b, size_t blen)
{
	for (unsigned long i = 0;; i++) {
		struct cache_entry e = {.url = (char *)url, .etag = i % 2 ? "\"b\"" : "\"a\"",
					.fetched = (time_t)i, .body = (char *)(i % 2 ? b : a),
					.len = i % 2 ? blen : alen};
		struct error err;
		if (!cache_store(dir, &e, &err))
			_exit(2);
	}
}

static void test_kill_during_write(void)
{
	const size_t alen = 300000, blen = 700001;
	char *a = body_of('a', alen), *b = body_of('b', blen);
	struct cache_entry e = {.url = (char *)url, .body = a, .len = alen};
	struct error err = {0};
	CHECK(cache_store(dir, &e, &err), "seed: %s", err.message);
	srand((unsigned)time(NULL));
	int bad = 0, as = 0, bs = 0;
	for (int round = 0; round < 40; round++) {
		pid_t pid = fork();
		if (pid == 0)
			writer_loop(a, alen, b, blen);
		usleep((useconds_t)(1000 + rand() % 30000));
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		CHECK(WIFSIGNALED(status), "round %d: the writer was killed, not failed", round);
		struct cache_entry got;
		enum cache_result r = cache_load(dir, url, 1 << 20, &got, &err);
		bool is_a = r == CACHE_OK && got.len == alen && !memcmp(got.body, a, alen) &&
			    (!got.etag || !strcmp(got.etag, "\"a\""));
		bool is_b = r == CACHE_OK && got.len == blen && !memcmp(got.body, b, blen) &&
			    got.etag && !strcmp(got.etag, "\"b\"");
		if (!is_a && !is_b) {
			bad++;
			fprintf(stderr, "round %d: result %d, %zu bytes: %s\n", round, (int)r, got.len,
				err.message);
		}
		as += is_a;
		bs += is_b;
		cache_entry_finish(&got);
	}
	CHECK(bad == 0, "%d rounds left a cache that is neither the old nor the new body", bad);
	CHECK(as + bs == 40, "every round reads back whole (%d old, %d new)", as, bs);
	free(a);
	free(b);

	/* The killed writers' temporary files: never mistaken for the cache, swept at start. */
	DIR *d = opendir(dir);
	int temps = 0;
	for (struct dirent *de; d && (de = readdir(d));)
		temps += de->d_name[0] == '.' && strstr(de->d_name, ".cache.") != NULL;
	if (d)
		closedir(d);
	printf("%d temporary file(s) left by the last killed writer (each store sweeps the "
	       "dead writers' before it)\n", temps);

	/*
	 * The sweep: a dead writer's file goes at once, a live writer's stays (another foyer
	 * sharing the directory); one without a pid goes once it is older than 10 minutes.
	 */
	pid_t live = fork();
	if (live == 0) {
		pause();
		_exit(0);
	}
	char *path = cache_path(dir, url), old[600], young[600], theirs[600];
	const char *name = strrchr(path, '/') + 1;
	snprintf(old, sizeof old, "%s/.%s.OLDOLD", dir, name);
	snprintf(young, sizeof young, "%s/.%s.YOUNG1", dir, name);
	snprintf(theirs, sizeof theirs, "%s/.%s.%ld.LIVE01", dir, name, (long)live);
	close(open(old, O_CREAT | O_WRONLY, 0600));
	close(open(young, O_CREAT | O_WRONLY, 0600));
	close(open(theirs, O_CREAT | O_WRONLY, 0600));
	struct timespec times[2] = {{.tv_sec = time(NULL) - 3600}, {.tv_sec = time(NULL) - 3600}};
	utimensat(AT_FDCWD, old, times, 0);
	size_t swept = cache_sweep(dir);
	CHECK(swept == (size_t)temps + 1, "the sweep removes the %d killed writers' files and the "
	      "old one, %zu in all", temps, swept);
	CHECK(access(old, F_OK) != 0, "an old temporary file is swept");
	CHECK(access(young, F_OK) == 0, "a young one without a pid is left");
	CHECK(access(theirs, F_OK) == 0, "a live writer's is left");
	e.body = "x";
	e.len = 1;
	CHECK(cache_store(dir, &e, &err), "store: %s", err.message);
	CHECK(access(theirs, F_OK) == 0, "a store leaves a live writer's file alone too");
	kill(live, SIGKILL);
	waitpid(live, NULL, 0);
	CHECK(cache_store(dir, &e, &err), "store: %s", err.message);
	CHECK(access(theirs, F_OK) != 0, "once its writer is gone, the next store sweeps it");
	unlink(young);
	struct cache_entry got;
	CHECK(cache_load(dir, url, 1 << 20, &got, &err) == CACHE_OK && got.len == 1,
	      "the cache reads back: %s", err.message);
	cache_entry_finish(&got);
	free(path);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_round_trip();
	test_damaged();
	test_kill_during_write();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_done();
}
