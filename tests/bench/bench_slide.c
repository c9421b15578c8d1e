/*
 * bench_slide.c — what drawing the now/next slide costs with the software renderer
 * (offscreen, as --screenshot draws), at 1920x1080 in the default theme:
 *   - from scratch: a new renderer (window, text engine, fonts opened cold), layout, draw;
 *   - a new slide: layout and draw when every text changed (alternating two moments with
 *     different sessions, so every text is rasterised again);
 *   - a cached redraw: layout and draw when only the clock and the progress bar changed
 *     (the next minute), which repaints only those rectangles;
 *   - unchanged: layout and draw when nothing visible changed.
 * Run by tests/bench/run.sh: bench_slide RUNS AGENDA.txt; prints "name: <mean> ms over <N>
 * runs (render result)".
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "feed.h"
#include "file.h"
#include "render.h"
#include "sched.h"
#include "slide.h"
#include "slide_content.h"
#include "theme.h"
#include "tz.h"

struct bench {
	struct agenda *agenda;
	struct tz *zone;
	struct theme theme;
};

static const char *const result_names[] = {"failed", "unchanged", "partial", "full"};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Lays out the slide at t and shows it; the render result. */
static enum render_result show(struct bench *b, struct render *r, time_t t)
{
	static struct slide_content content;
	struct sched sched;
	struct slide_layout layout = {0};
	struct slide_screen screen;
	struct slide_content_options o = {.zone = b->zone, .now = t, .feed_updated = t};
	enum render_result result = RENDER_FAILED;

	if (!sched_now_next(b->agenda, NULL, 0, t, &sched))
		return RENDER_FAILED;
	slide_content_build(b->agenda, &sched, &o, &content);
	sched_finish(&sched);
	render_screen(r, 0, &screen);
	if (slide_layout(&content, &b->theme, &screen, render_metrics(r), &layout))
		result = render_show(r, &layout, false);
	slide_layout_finish(&layout);
	return result;
}

static struct render *open_render(struct bench *b)
{
	struct render_options o = {.width = 1920, .height = 1080, .offscreen = true};
	struct error err = {0};
	struct render *r = render_create(&o, &err);
	if (!r) {
		fprintf(stderr, "bench_slide: %s\n", err.message);
		exit(1);
	}
	render_set_theme(r, &b->theme);
	return r;
}

static void report(const char *name, double total_ms, int runs, enum render_result result)
{
	printf("%s: %.3f ms over %d runs (%s)\n", name, total_ms / runs, runs,
	       result_names[result + 1]);
}

int main(int argc, char **argv)
{
	struct bench b;
	struct error err = {0};
	size_t len;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_slide RUNS AGENDA.txt\n");
		return 2;
	}
	int runs = atoi(argv[1]) > 0 ? atoi(argv[1]) : 1;
	char *bytes = file_read(argv[2], 1 << 20, &len, &err);
	b.zone = tz_load("Europe/London", &err);
	if (!bytes || !b.zone) {
		fprintf(stderr, "bench_slide: %s\n", err.message);
		return 1;
	}
	struct feed_options fo = {.zone = b.zone};
	b.agenda = feed_parse(bytes, len, FEED_AUTO, &fo, NULL, &err);
	free(bytes);
	if (!b.agenda) {
		fprintf(stderr, "bench_slide: %s: %s\n", argv[2], err.message);
		return 1;
	}
	theme_default(&b.theme);

	/* 2018-12-10 14:50 and 15:20 London (UTC in December): different sessions now and next */
	const time_t at = 1544453400, other = at + 30 * 60;
	enum render_result result = RENDER_FAILED;
	int cold_runs = runs < 20 ? runs : 20;
	double t = now_ms();
	for (int i = 0; i < cold_runs; i++) {
		struct render *r = open_render(&b);
		result = show(&b, r, at);
		render_destroy(r);
	}
	report("full slide from scratch (new renderer, cold fonts)", now_ms() - t, cold_runs,
	       result);

	struct render *r = open_render(&b);
	show(&b, r, at);
	show(&b, r, other);
	t = now_ms();
	for (int i = 0; i < runs; i++)
		result = show(&b, r, i % 2 ? at : other);
	report("new slide, every text rasterised (warm fonts)", now_ms() - t, runs, result);

	show(&b, r, at);
	t = now_ms();
	for (int i = 1; i <= runs; i++)
		result = show(&b, r, at + 60 * (i % 8));	/* a new minute each time */
	report("cached redraw: clock and progress bar changed", now_ms() - t, runs, result);

	show(&b, r, at);
	t = now_ms();
	for (int i = 0; i < runs; i++)
		result = show(&b, r, at);
	report("layout, nothing changed (nothing drawn)", now_ms() - t, runs, result);

	render_destroy(r);
	agenda_destroy(b.agenda);
	tz_destroy(b.zone);
	return 0;
}
