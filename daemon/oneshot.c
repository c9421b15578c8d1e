/*
 * oneshot.c — the modes that answer once and exit: --state prints the state JSON, --layout
 * the laid-out slide, --screenshot draws it offscreen to a PNG. Each takes the one reading
 * of the clock main made (--at, else the wall clock) and never opens a window.
 *
 * Entry points (app.h): oneshot_state(), oneshot_frame().
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

/*
 * --state: the state JSON on stdout. With a deck (or --slide, or a pin) the pages of the rooms
 * overview and the agenda are counted for the screen, offscreen: no display is needed.
 */
int oneshot_state(struct app *app, const struct clock_reading *at)
{
	struct render *r = NULL;
	bool pin = app->has_override && app->override.set && app->override.set->screen.pin;
	if (app->deck.n || app->cli.slide_given || pin) {
		struct error err = {0};
		struct render_options o = frame_render_options(app, true);
		if ((r = render_create(&o, &err)))
			render_set_theme(r, &app->theme);
		else
			fprintf(stderr, "foyer: %s; counting one page a slide\n", err.message);
	}
	struct show_plan plan;
	frame_plan(app, r, at, &plan);
	json_t *json = frame_state_json(app, r, at, &plan);
	render_destroy(r);
	if (!json) {
		fprintf(stderr, "foyer: out of memory\n");
		return EXIT_BAD_INPUT;
	}
	int status = json && json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0
			     ? 0
			     : EXIT_BAD_INPUT;
	fputc('\n', stdout);
	json_decref(json);
	return status;
}

/* --layout: every box as JSON on stdout; --screenshot: the frame as a PNG. */
int oneshot_frame(struct app *app, const struct clock_reading *at)
{
	struct error err = {0};
	struct render_options o = frame_render_options(app, true);
	struct render *r = render_create(&o, &err);
	if (!r) {
		fprintf(stderr, "foyer: %s\n", err.message);
		return EXIT_BAD_INPUT;
	}
	render_set_theme(r, &app->theme);
	struct slide_layout layout;
	int status = EXIT_BAD_INPUT;
	struct show_plan plan;
	frame_plan(app, r, at, &plan);
	if (!frame_lay_out(app, r, at, &plan, &layout)) {
		fprintf(stderr, "foyer: cannot lay out the slide (the screen must be at least "
			"64x64, and memory enough)\n");
	} else if (app->cli.mode == CLI_LAYOUT) {
		char *json = slide_layout_json(&layout);
		if (json) {
			puts(json);
			status = 0;
		}
		free(json);
	} else if (render_show(r, &layout, RENDER_CUT) == RENDER_FAILED) {
		fprintf(stderr, "foyer: cannot draw the slide\n");
	} else if (!render_save_png(r, app->cli.screenshot_path, &err)) {
		fprintf(stderr, "foyer: %s\n", err.message);
	} else {
		status = 0;
	}
	slide_layout_finish(&layout);
	render_destroy(r);
	return status;
}
