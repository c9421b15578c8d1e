/*
 * render.h — the screen: the only user of SDL video. Laid-out boxes (slide.h) in, pixels out.
 *
 * Two ways to draw: a live window (full-screen on KMSDRM or X11, or --windowed), or
 * offscreen for --screenshot (a software renderer on a surface: no display, no SDL video).
 * Either way the slide is drawn into a target texture in the slide's own coordinates and
 * copied to the screen with SDL_RenderCopyEx, which rotates it (0/90/180/270 clockwise, the
 * way the screen hangs) and scales it to the output.
 *
 * Cheap by construction (DESIGN.md sections 1 and 8): render_show() compares the new layout
 * with the one on screen and does nothing when they are the same; otherwise it repaints
 * only the rectangles whose boxes changed (into the persistent target), and presents once.
 * Text is rasterised once per (text, font, size, colour) and kept as a texture while it is on
 * screen. A big change (a new session, a new agenda) crossfades from the old slide to the new
 * one where the render fades (see render_fades()): the old slide stays under the new one until
 * it is opaque, so there is never a black frame. Elsewhere it is a cut.
 */
#ifndef FOYER_RENDER_H
#define FOYER_RENDER_H

#include <stdbool.h>

#include "error.h"
#include "slide.h"
#include "theme.h"

struct render;

/* How a big change reaches the screen (the [screen] transition key). */
enum render_fade {
	RENDER_FADE_AUTO,	/* crossfade on an accelerated renderer, cut on the software one */
	RENDER_FADE_ALWAYS,	/* crossfade wherever there is a display */
	RENDER_FADE_NEVER,	/* cut: only the changed rectangles are repainted */
};

struct render_options {
	int width, height;	/* the screen's size; 0: the display's (windowed: 1280x720) */
	int rotate;		/* 0, 90, 180, 270: clockwise, as the screen hangs */
	bool windowed;
	bool offscreen;		/* --screenshot: software renderer on a surface, no display */
	enum render_fade fade;
};

/*
 * Opens the display (or the offscreen surface) and the text engine. NULL with err filled
 * when there is no display (e.g. no monitor attached at boot, or DISPLAY naming an X server
 * that is not there): the caller keeps running and tries again later. SDL's own fallback to
 * a driver that shows nothing ("offscreen", "dummy") counts as no display; only an explicit
 * SDL_VIDEODRIVER=offscreen (the tests) gets it. On KMSDRM it picks the DRM card with a
 * connected connector first.
 */
struct render *render_create(const struct render_options *options, struct error *err);
void render_destroy(struct render *r);

/*
 * Uses the theme's images (logo, background). A missing or broken image is logged and left
 * out: the slide is still drawn. Forces a full redraw at the next render_show().
 */
void render_set_theme(struct render *r, const struct theme *theme);

/*
 * The width / height of an image file of the deck as it will be drawn (loading it into the
 * image cache), 0 when it cannot be loaded: for the layout's letterbox.
 */
double render_image_aspect(struct render *r, const char *path);

/*
 * The text cache (for tests and the benchmarks): how many lines it holds rasterised, their
 * bytes, and how many lines r has rasterised since it was made.
 */
#define RENDER_TEXT_CACHE_BYTES (12u << 20)	/* the text cache's cap: a deck at 1920x1080 */
struct render_text_stats {
	size_t cached, bytes;
	unsigned long rasterised;
};
void render_text_stats(const struct render *r, struct render_text_stats *out);

/* Keeps only these image files cached: the ones on some slide of the deck. */
void render_keep_images(struct render *r, const char *const *paths, size_t n);

/* The slide's size (after rotation) and what the layout needs to know about the images. */
void render_screen(const struct render *r, int overscan, struct slide_screen *out);
/* Text measuring for slide_layout(), backed by the text engine. */
const struct slide_metrics *render_metrics(struct render *r);

enum render_result {
	RENDER_FAILED = -1,
	RENDER_UNCHANGED,	/* nothing visible changed: nothing was drawn or presented */
	RENDER_PARTIAL,		/* some rectangles were repainted */
	RENDER_FULL,		/* the whole slide was redrawn (crossfaded when asked) */
};

enum render_transition {
	RENDER_CUT,		/* never fade (--screenshot) */
	RENDER_FADE_BIG,	/* crossfade when most of the slide changes (a new session) */
	RENDER_FADE_ANY,	/* crossfade any change (a new agenda, an override edit) */
};

/*
 * Shows the layout, presenting only when something on it changed. Where the render does not
 * fade (render_fades()), every transition is RENDER_CUT.
 */
enum render_result render_show(struct render *r, const struct slide_layout *layout,
			       enum render_transition transition);

/* Writes what the screen shows (after rotation) as a PNG. */
bool render_save_png(struct render *r, const char *path, struct error *err);

struct SDL_Surface;
/*
 * What the screen shows, in the slide's coordinates (as the viewer sees it, after rotation),
 * as a new surface the caller frees with SDL_FreeSurface(): the status screenshot. Read from
 * the slide texture, not the back buffer (whose contents after a present are undefined).
 * NULL with err filled when nothing was shown yet or the read failed.
 */
struct SDL_Surface *render_read_frame(struct render *r, struct error *err);

/* The SDL video driver in use ("kmsdrm", "x11", ...; "software" offscreen) and output size. */
const char *render_driver(const struct render *r);
void render_output_size(const struct render *r, int *width, int *height);

/*
 * Whether slide changes crossfade here: the options' fade, where AUTO means only on an
 * accelerated renderer (the software renderer pays for every blended pixel with the CPU:
 * 15 full-frame blends per change). Never offscreen.
 */
bool render_fades(const struct render *r);

/* A file descriptor that becomes readable when the display has events (X11), or -1. */
int render_display_fd(const struct render *r);

enum render_events {
	RENDER_EVENT_QUIT = 1,		/* window closed, or q / Escape in a window */
	RENDER_EVENT_RELAYOUT = 2,	/* the size changed: lay out again */
	RENDER_EVENT_LOST = 4,		/* the display went away (the X server ended): destroy
					   the render and create it again once there is one */
};
/* Handles the display's pending events; returns RENDER_EVENT_* bits. Never blocks. */
int render_pump(struct render *r);

#endif
