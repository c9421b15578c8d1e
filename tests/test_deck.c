/*
 * test_deck.c — the deck's timing as tables: at given instants the entry, page and next
 * change (pages given per entry, some empty and skipped), before the epoch too; the `slide =`
 * and `KIND[:PAGE]` syntax with its error rows; two processes reading the same config agree
 * at 1,000 random instants.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "deck.h"

static void test_parse_slide(void)
{
	static const struct {
		const char *value;
		bool ok;
		enum deck_kind kind;
		int seconds;
		const char *why;	/* a part of the message */
	} rows[] = {
		{"rooms 10", true, DECK_ROOMS, 10, NULL},
		{"now-next 20", true, DECK_NOW_NEXT, 20, NULL},
		{"agenda 1m", true, DECK_AGENDA, 60, NULL},
		{"image   8s", true, DECK_IMAGE, 8, NULL},
		{"announcement 1h", true, DECK_ANNOUNCEMENT, 3600, NULL},
		{"rooms", false, 0, 0, "not KIND SECONDS"},
		{"", false, 0, 0, "not KIND SECONDS"},
		{"rooms 0", false, 0, 0, "from 1s to 3600s"},
		{"rooms 3601", false, 0, 0, "from 1s to 3600s"},
		{"rooms ten", false, 0, 0, "not a duration"},
		{"slides 10", false, 0, 0, "no slide kind 'slides'"},
		{"rooms 10 x", false, 0, 0, "more than KIND SECONDS"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deck_entry e = {0};
		char why[200] = "";
		bool ok = deck_parse_slide(rows[i].value, &e, why, sizeof why);
		CHECK(ok == rows[i].ok, "\"%s\": %s", rows[i].value, why);
		if (ok && rows[i].ok) {
			CHECK(e.kind == rows[i].kind, "\"%s\": kind %d", rows[i].value, e.kind);
			CHECK(e.seconds == rows[i].seconds, "\"%s\": %d s", rows[i].value, e.seconds);
		}
		if (!ok && rows[i].why)
			CHECK(strstr(why, rows[i].why), "\"%s\": got \"%s\"", rows[i].value, why);
	}
}

static void test_parse_pick(void)
{
	static const struct {
		const char *value;
		bool ok;
		enum deck_kind kind;
		int page;
	} rows[] = {
		{"rooms", true, DECK_ROOMS, 1},
		{"rooms:2", true, DECK_ROOMS, 2},
		{"image:12", true, DECK_IMAGE, 12},
		{"now-next", true, DECK_NOW_NEXT, 1},
		{"agenda:1", true, DECK_AGENDA, 1},
		{"rooms:", false, 0, 0},
		{"rooms:0", false, 0, 0},
		{"rooms:2x", false, 0, 0},
		{"rooms:-1", false, 0, 0},
		{"room:2", false, 0, 0},
		{"", false, 0, 0},
		{"averyveryverylongnamethatisnoslidekindatall:1", false, 0, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		enum deck_kind kind = DECK_KIND_COUNT;
		int page = 0;
		char why[200] = "";
		bool ok = deck_parse_pick(rows[i].value, &kind, &page, why, sizeof why);
		CHECK(ok == rows[i].ok, "\"%s\": %s", rows[i].value, why);
		if (ok && rows[i].ok)
			CHECK(kind == rows[i].kind && page == rows[i].page, "\"%s\": %d:%d",
			      rows[i].value, kind, page);
		if (!ok)
			CHECK(why[0], "\"%s\": says why", rows[i].value);
	}
}

/* now-next 20, rooms 10 (each page), agenda 15, image 8 (each file) */
static const struct deck four = {
	.entries = {{DECK_NOW_NEXT, 20}, {DECK_ROOMS, 10}, {DECK_AGENDA, 15}, {DECK_IMAGE, 8}},
	.n = 4,
};

static void test_timing(void)
{
	static const struct {
		int pages[4];
		long long t;
		int index, page, n_pages;
		long long next_change;	/* 0: never */
	} rows[] = {
		/* 3 pages of rooms, 2 images: a cycle of 20 + 30 + 15 + 16 = 81 s */
		{{1, 3, 1, 2}, 0, 0, 1, 1, 20},
		{{1, 3, 1, 2}, 19, 0, 1, 1, 20},
		{{1, 3, 1, 2}, 20, 1, 1, 3, 30},
		{{1, 3, 1, 2}, 39, 1, 2, 3, 40},
		{{1, 3, 1, 2}, 49, 1, 3, 3, 50},
		{{1, 3, 1, 2}, 50, 2, 1, 1, 65},
		{{1, 3, 1, 2}, 65, 3, 1, 2, 73},
		{{1, 3, 1, 2}, 80, 3, 2, 2, 81},
		{{1, 3, 1, 2}, 81, 0, 1, 1, 101},
		{{1, 3, 1, 2}, 81 * 1000 + 45, 1, 3, 3, 81 * 1000 + 50},
		/* before the epoch: the same rotation */
		{{1, 3, 1, 2}, -1, 3, 2, 2, 0},
		{{1, 3, 1, 2}, -81, 0, 1, 1, -61},
		{{1, 3, 1, 2}, -62, 0, 1, 1, -61},
		{{1, 3, 1, 2}, -61, 1, 1, 3, -51},
		/* 2020-02-01T11:20:00Z = 1580556000 = 81 * 19513037 + 3 */
		{{1, 3, 1, 2}, 1580556000LL, 0, 1, 1, 1580556017LL},
		/* no agenda today: skipped, a cycle of 66 s (1580556000 = 66 * 23947818 + 12) */
		{{1, 3, 0, 2}, 50, 3, 1, 2, 58},
		{{1, 3, 0, 2}, 1580556000LL, 0, 1, 1, 1580556008LL},
		/* no images and one page of rooms */
		{{1, 1, 1, 0}, 25, 1, 1, 1, 30},
		{{1, 1, 1, 0}, 30, 2, 1, 1, 45},
		/* only one slot left: nothing rotates */
		{{0, 1, 0, 0}, 12345, 1, 1, 1, 0},
		{{0, 0, 0, 1}, -5, 3, 1, 1, 0},
		/* one entry with pages still pages */
		{{0, 3, 0, 0}, 12, 1, 2, 3, 20},
		/* nothing to show anywhere */
		{{0, 0, 0, 0}, 12, -1, 0, 0, 0},
		/* negative page counts are none */
		{{-4, 1, 0, 0}, 7, 1, 1, 1, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deck_slot s = deck_at(&four, rows[i].pages, (time_t)rows[i].t);
		CHECK(s.index == rows[i].index, "row %zu: entry %d, want %d", i, s.index,
		      rows[i].index);
		CHECK(s.page == rows[i].page, "row %zu: page %d, want %d", i, s.page, rows[i].page);
		CHECK(s.pages == rows[i].n_pages, "row %zu: pages %d", i, s.pages);
		CHECK((long long)s.next_change == rows[i].next_change,
		      "row %zu: next change %lld, want %lld", i, (long long)s.next_change,
		      rows[i].next_change);
		if (s.next_change)
			CHECK(s.start <= (time_t)rows[i].t && s.next_change > (time_t)rows[i].t,
			      "row %zu: the slot holds t", i);
	}
}

/* Walking the deck slot by slot from any instant visits every page once per cycle. */
static void test_walk(void)
{
	int pages[4] = {1, 3, 1, 2};
	int seen[4][4] = {{0}};
	time_t t = 1000003;
	for (int i = 0; i < 7; i++) {
		struct deck_slot s = deck_at(&four, pages, t);
		CHECK(s.next_change > t, "step %d advances", i);
		if (s.index >= 0 && s.page >= 1 && s.page <= 3)
			seen[s.index][s.page]++;
		t = s.next_change;
	}
	CHECK(seen[0][1] == 1 && seen[1][1] == 1 && seen[1][2] == 1 && seen[1][3] == 1 &&
		      seen[2][1] == 1 && seen[3][1] == 1 && seen[3][2] == 1,
	      "every slot once in 7 steps");
	/* a huge page count is capped, not overflowed */
	int many[4] = {1, 1 << 30, 0, 0};
	struct deck_slot s = deck_at(&four, many, 5);
	CHECK(s.index == 0 && s.next_change == 20, "capped pages");
	s = deck_at(&four, many, 20 + 10 * (DECK_MAX_PAGES - 1));
	CHECK(s.index == 1 && s.page == DECK_MAX_PAGES && s.pages == DECK_MAX_PAGES,
	      "the last page: %d of %d", s.page, s.pages);
}

/*
 * Screens in step: two processes read the same config file and answer for the same 1,000
 * random instants (decades either side of now, before the epoch too); their answers agree,
 * and each is the slot the cycle's arithmetic names.
 */
static void screen_in_step(const char *path, int out_fd)
{
	struct config c;
	struct error_list errors = {0};
	bool ok = config_init(&c) && config_load(&c, path, true, &errors);
	struct deck deck;
	deck_from_config(&c.deck_slides, &deck);
	int pages[DECK_MAX_ENTRIES] = {1, 3, 0, 2};
	uint64_t seed = 0x5DEECE66Dull;
	FILE *out = fdopen(out_fd, "w");
	for (int i = 0; i < 1000 && ok && out; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		time_t t = (time_t)((int64_t)(seed >> 20) % 4000000000LL) - 1000000000LL;
		struct deck_slot s = deck_at(&deck, pages, t);
		fprintf(out, "%lld %d %d %lld\n", (long long)t, s.index, s.page,
			(long long)s.next_change);
	}
	if (out)
		fclose(out);
	config_finish(&c);
	error_list_finish(&errors);
	_exit(ok ? 0 : 1);
}

static void test_in_step(void)
{
	char path[] = "/tmp/foyer-test-deck-XXXXXX";
	int fd = mkstemp(path);
	static const char conf[] = "[deck]\nslide = now-next 20\nslide = rooms 10\n"
				   "slide = agenda 15\nslide = image 8\n";
	CHECK(fd >= 0 && write(fd, conf, sizeof conf - 1) == (ssize_t)(sizeof conf - 1),
	      "config written");
	close(fd);
	FILE *answers[2] = {NULL, NULL};
	pid_t pids[2];
	for (int k = 0; k < 2; k++) {
		int p[2];
		CHECK(pipe(p) == 0, "pipe");
		pids[k] = fork();
		if (pids[k] == 0) {
			close(p[0]);
			screen_in_step(path, p[1]);
		}
		close(p[1]);
		answers[k] = fdopen(p[0], "r");
	}
	/* the deck with no agenda today: now-next 20, rooms 3 x 10, image 2 x 8 = 66 s */
	static const struct {
		int from, to, index, page;
	} cycle[] = {{0, 20, 0, 1}, {20, 30, 1, 1}, {30, 40, 1, 2}, {40, 50, 1, 3},
		     {50, 58, 3, 1}, {58, 66, 3, 2}};
	int n = 0, agree = 0, right = 0;
	char a[128], b[128];
	while (answers[0] && answers[1] && fgets(a, sizeof a, answers[0]) &&
	       fgets(b, sizeof b, answers[1])) {
		n++;
		agree += !strcmp(a, b);
		long long t, next;
		int index, page;
		if (sscanf(a, "%lld %d %d %lld", &t, &index, &page, &next) != 4)
			continue;
		long long pos = ((t % 66) + 66) % 66;
		for (size_t k = 0; k < sizeof cycle / sizeof *cycle; k++)
			if (pos >= cycle[k].from && pos < cycle[k].to)
				right += index == cycle[k].index && page == cycle[k].page &&
					 next == t - pos + cycle[k].to;
	}
	for (int k = 0; k < 2; k++) {
		int status = -1;
		if (answers[k])
			fclose(answers[k]);
		waitpid(pids[k], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "screen %d read the config", k);
	}
	unlink(path);
	CHECK(n == 1000 && agree == 1000, "two screens agree at %d of %d instants", agree, n);
	CHECK(right == 1000, "%d of 1000 answers are the cycle's", right);
}

int main(void)
{
	test_in_step();
	test_parse_slide();
	test_parse_pick();
	test_timing();
	test_walk();
	return check_done();
}
