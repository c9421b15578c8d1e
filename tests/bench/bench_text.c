/*
 * bench_text.c — what the text engine costs: rasterising a now/next slide's lines with cold
 * font caches (a new engine, as at start) and warm (as on a content change), fitting a long
 * title, and one title per script. Run by tests/bench/run.sh; prints one line per case:
 * "name: <mean> ms over <N> runs".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "text_wrap.h"

struct line {
	const char *text;
	bool bold;
	int px;
};

/* The texts of the now/next slide at 1920x1080 in the default theme. */
static const struct line slide_lines[] = {
	{"Main hall", true, 59},
	{"14:50", true, 70},
	{"NOW", true, 35},
	{"14:45 – 15:00", false, 41},
	{"Welcome and introduction", true, 86},
	{"Andrew Haldenby, Rupert Soames OBE", false, 41},
	{"NEXT", true, 35},
	{"15:00 – 16:00", false, 41},
	{"Panel one: Innovation, data and digital in frontline", true, 59},
	{"public services", true, 59},
	{"George Freeman MP, Devika Wood, Nicolaus Henke, Lisa Barrett", false, 41},
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void render_lines(struct text_engine *te, const struct line *lines, size_t n)
{
	static const SDL_Color colour = {17, 20, 24, 255};
	for (size_t i = 0; i < n; i++) {
		struct text_font f = {"DejaVu Sans", lines[i].bold, lines[i].px};
		SDL_Surface *s = text_render_line(te, &f, colour, lines[i].text,
						  strlen(lines[i].text));
		if (!s) {
			fprintf(stderr, "bench_text: cannot render \"%s\"\n", lines[i].text);
			exit(1);
		}
		SDL_FreeSurface(s);
	}
}

static void report(const char *name, double total_ms, int runs)
{
	printf("%s: %.3f ms over %d runs\n", name, total_ms / runs, runs);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 200;
	const char *titles_path = argc > 2 ? argv[2] : NULL;
	size_t n_lines = sizeof slide_lines / sizeof slide_lines[0];
	struct error err;
	double t;

	if (runs < 1)
		runs = 1;
	/* cold: a new engine each time (fontconfig's own cache stays warm, as after start) */
	int cold_runs = runs < 20 ? runs : 20;
	t = now_ms();
	for (int i = 0; i < cold_runs; i++) {
		struct text_engine *te = text_engine_create(&err);
		if (!te) {
			fprintf(stderr, "bench_text: %s\n", err.message);
			return 1;
		}
		render_lines(te, slide_lines, n_lines);
		text_engine_destroy(te);
	}
	report("slide text, cold fonts (new engine)", now_ms() - t, cold_runs);

	struct text_engine *te = text_engine_create(&err);
	if (!te) {
		fprintf(stderr, "bench_text: %s\n", err.message);
		return 1;
	}
	render_lines(te, slide_lines, n_lines);
	t = now_ms();
	for (int i = 0; i < runs; i++)
		render_lines(te, slide_lines, n_lines);
	report("slide text, warm fonts", now_ms() - t, runs);

	t = now_ms();
	for (int i = 0; i < runs; i++) {
		struct text_font f = {"DejaVu Sans", false, 70};
		SDL_FreeSurface(text_render_line(te, &f, (SDL_Color){0, 0, 0, 255}, "14:51", 5));
	}
	report("clock text only, warm", now_ms() - t, runs);

	/* fitting a long title: bisection over sizes, each a wrap with real measurements */
	static const char *long_title =
		"Panel one: Innovation, data and digital in frontline public services, with "
		"questions from the floor and a summary of the afternoon's discussions";
	struct text_measure m = {te, {"DejaVu Sans", true, 0}};
	struct wrap_fit_metrics metrics = {text_fit_width, text_fit_line_height};
	struct wrap_line lines[3];
	size_t n;
	t = now_ms();
	for (int i = 0; i < runs; i++)
		wrap_fit(long_title, strlen(long_title), 1780, 300, 3, 86, 43, &metrics, &m, lines,
			 &n);
	report("fit a long title (3 lines, 43-86 px)", now_ms() - t, runs);

	if (titles_path) {
		FILE *f = fopen(titles_path, "r");
		char buf[1024];
		struct line titles[16];
		size_t k = 0;
		static char store[16][1024];
		while (f && k < 16 && fgets(buf, sizeof buf, f)) {
			char *tab = strchr(buf, '\t');
			if (buf[0] == '#' || !tab)
				continue;
			tab[strcspn(tab, "\n")] = '\0';
			strcpy(store[k], tab + 1);
			titles[k] = (struct line){store[k], true, 86};
			k++;
		}
		if (f)
			fclose(f);
		render_lines(te, titles, k);
		t = now_ms();
		for (int i = 0; i < runs; i++)
			render_lines(te, titles, k);
		report("one title per script (9 scripts), warm", (now_ms() - t) / (double)k, runs);
	}
	text_engine_destroy(te);
	return 0;
}
