/*
 * test_log.c — log lines as journald and a terminal see them, and the repeat limit.
 *
 * Each row is a script of (time, level, module, text) calls with an injected clock, and the
 * exact output expected after it (and after log_flush()). Then the JOURNAL_STREAM check:
 * the "<N>" prefix appears only when the variable names the stream stderr really is.
 */
#include "check.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int64_t fake_now;

static int64_t fake_clock(void)
{
	return fake_now;
}

struct call {
	int64_t at_ms;
	enum log_level level;
	const char *module, *text;
};

enum { CALLS_MAX = 40 };

struct script {
	const char *name;
	bool journal;
	enum log_level max_level;
	struct call calls[CALLS_MAX];
	const char *want;	/* after the calls */
	const char *want_flushed; /* what log_flush() adds */
};

#define E LOG_LEVEL_ERROR
#define W LOG_LEVEL_WARNING
#define I LOG_LEVEL_INFO
#define D LOG_LEVEL_DEBUG

static const struct script scripts[] = {
	{"journal prefixes, levels filtered", true, LOG_LEVEL_INFO,
		{{0, E, "fetch", "https://example.org/feed: timed out"},
		 {0, W, "feed", "agenda.txt:12: no start time, event dropped"},
		 {0, I, "main", "showing 3 rooms"},
		 {0, D, "render", "frame in 2 ms"}},
		"<3>fetch: https://example.org/feed: timed out\n"
		"<4>feed: agenda.txt:12: no start time, event dropped\n"
		"<6>main: showing 3 rooms\n", ""},
	{"terminal: no prefix; debug shown at debug level", false, LOG_LEVEL_DEBUG,
		{{0, E, "fetch", "timed out"}, {0, D, "render", "frame in 2 ms"}},
		"fetch: timed out\nrender: frame in 2 ms\n", ""},
	{"one line per event", true, LOG_LEVEL_INFO,
		{{0, W, "override", "bad value\non two lines\tand a tab"}},
		"<4>override: bad value on two lines and a tab\n", ""},
	{"repeats within a minute are held back and counted", true, LOG_LEVEL_INFO,
		{{0, E, "fetch", "timed out"},
		 {1000, E, "fetch", "timed out"},
		 {30000, E, "fetch", "timed out"},
		 {59999, E, "fetch", "timed out"},
		 {60000, E, "fetch", "timed out"},
		 {61000, E, "fetch", "timed out"}},
		"<3>fetch: timed out\n"
		"<3>fetch: timed out (repeated 3 times)\n",
		"<3>fetch: timed out (repeated 1 time)\n"},
	{"a line that stops repeating is summed up once its window is over", true, LOG_LEVEL_INFO,
		{{0, E, "fetch", "timed out"},
		 {5000, E, "fetch", "timed out"},
		 {6000, W, "feed", "stale"},
		 {70000, I, "fetch", "fetched 12 events"}},
		"<3>fetch: timed out\n"
		"<4>feed: stale\n"
		"<3>fetch: timed out (repeated 1 time)\n"
		"<6>fetch: fetched 12 events\n", ""},
	{"same text, other module or level: not a repeat", false, LOG_LEVEL_INFO,
		{{0, E, "fetch", "x"}, {0, E, "feed", "x"}, {0, W, "fetch", "x"}, {0, E, "fetch", "x"}},
		"fetch: x\nfeed: x\nfetch: x\n", "fetch: x (repeated 1 time)\n"},
	{"info lines are never held back", false, LOG_LEVEL_INFO,
		{{0, I, "main", "reloaded"}, {1, I, "main", "reloaded"}},
		"main: reloaded\nmain: reloaded\n", ""},
	{"a repeat after its window with nothing held back is written plainly", false,
		LOG_LEVEL_INFO,
		{{0, E, "fetch", "x"}, {60000, E, "fetch", "x"}, {120000, E, "fetch", "x"}},
		"fetch: x\nfetch: x\nfetch: x\n", ""},
	{"the table's oldest line makes room and keeps its count", false, LOG_LEVEL_INFO,
		{{0, E, "m", "0"}, {1, E, "m", "0"},
		 {2, E, "m", "1"}, {3, E, "m", "2"}, {4, E, "m", "3"}, {5, E, "m", "4"},
		 {6, E, "m", "5"}, {7, E, "m", "6"}, {8, E, "m", "7"}, {9, E, "m", "8"},
		 {10, E, "m", "9"}, {11, E, "m", "10"}, {12, E, "m", "11"}, {13, E, "m", "12"},
		 {14, E, "m", "13"}, {15, E, "m", "14"}, {16, E, "m", "15"}, {17, E, "m", "16"},
		 {18, E, "m", "17"}, {19, E, "m", "18"}, {20, E, "m", "19"}, {21, E, "m", "20"},
		 {22, E, "m", "21"}, {23, E, "m", "22"}, {24, E, "m", "23"}, {25, E, "m", "24"},
		 {26, E, "m", "25"}, {27, E, "m", "26"}, {28, E, "m", "27"}, {29, E, "m", "28"},
		 {30, E, "m", "29"}, {31, E, "m", "30"}, {32, E, "m", "31"}, {33, E, "m", "32"}},
		"m: 0\nm: 1\nm: 2\nm: 3\nm: 4\nm: 5\nm: 6\nm: 7\nm: 8\nm: 9\nm: 10\nm: 11\nm: 12\n"
		"m: 13\nm: 14\nm: 15\nm: 16\nm: 17\nm: 18\nm: 19\nm: 20\nm: 21\nm: 22\nm: 23\n"
		"m: 24\nm: 25\nm: 26\nm: 27\nm: 28\nm: 29\nm: 30\nm: 31\n"
		"m: 0 (repeated 1 time)\nm: 32\n", ""},
};

static void run_script(const struct script *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	log_init_stream(s->max_level, out, s->journal);
	log_set_clock(fake_clock);
	for (size_t i = 0; i < CALLS_MAX && s->calls[i].module; i++) {
		fake_now = s->calls[i].at_ms;
		log_message(s->calls[i].level, s->calls[i].module, "%s", s->calls[i].text);
	}
	fflush(out);
	CHECK_STR(buf, s->want, "%s", s->name);
	size_t before = size;
	log_flush();
	fflush(out);
	CHECK_STR(buf + before, s->want_flushed, "%s: flushed", s->name);
	log_init_stream(LOG_LEVEL_INFO, stderr, false);
	log_set_clock(NULL);
	fclose(out);
	free(buf);
}

/* The "<N>" prefix only when JOURNAL_STREAM names the file stderr really is. */
static void test_journal_stream(void)
{
	char path[] = "/tmp/foyer-log-XXXXXX";
	int fd = mkstemp(path);
	int saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	struct stat st;
	fstat(fd, &st);
	char stream[64];
	snprintf(stream, sizeof stream, "%llu:%llu", (unsigned long long)st.st_dev,
		(unsigned long long)st.st_ino);

	setenv("JOURNAL_STREAM", stream, 1);
	log_init(LOG_LEVEL_INFO);
	log_info("under journald");
	setenv("JOURNAL_STREAM", "1:2", 1); /* stderr was redirected elsewhere */
	log_init(LOG_LEVEL_INFO);
	log_info("somewhere else");
	unsetenv("JOURNAL_STREAM");
	log_init(LOG_LEVEL_INFO);
	log_info("on a terminal");

	dup2(saved, STDERR_FILENO);
	close(saved);
	char got[256] = "";
	ssize_t len = pread(fd, got, sizeof got - 1, 0);
	got[len > 0 ? len : 0] = '\0';
	close(fd);
	unlink(path);
	CHECK_STR(got, "<6>foyer: under journald\nfoyer: somewhere else\nfoyer: on a terminal\n",
		"JOURNAL_STREAM");
}

int main(void)
{
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		run_script(&scripts[i]);
	test_journal_stream();
	return check_done();
}
