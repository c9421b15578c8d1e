/*
 * render.c — SDL output: window or offscreen surface, target textures, the text texture
 * cache, dirty rectangles and the crossfade; see render.h for the contract.
 *
 * Start at render_show(). It diffs the new boxes against the ones on screen (shown[]): a box
 * that is not exactly in both lists marks its rectangle dirty. Few dirty pixels: each dirty
 * rectangle is repainted in the persistent slide texture with a clip (every box under it is
 * drawn again, in order, so overlaps stay right). Many: the whole slide is drawn into the
 * other texture and crossfaded in. Then the slide texture is copied to the output, rotated,
 * and presented once.
 *
 * Direct drawing: with the software renderer, an unturned screen and a slide of the output's
 * size, the output itself (the window's surface, or the offscreen surface) is the persistent
 * slide: boxes are drawn straight into it and no slide texture exists, so foyer holds one
 * frame rather than three. A crossfade then draws the new slide into a texture made for it
 * and freed after, and lays it over the output with the opacity that makes each step the
 * mix an old slide underneath would give.
 *
 * The text cache: a line is kept while some slide shows it. Drawing directly without
 * crossfades (the software renderer's default) it is kept as its coverage, a byte a pixel
 * (coverage.h), and blended into the output's pixels after the renderer's queue is flushed:
 * a quarter of the memory of a texture. Otherwise it is an ARGB texture. Each text is tagged
 * with the slide (its name and page) whose layout last held it; when that slide is shown
 * again without it, it goes, so the cache holds the text of the latest turn of every slide
 * of the deck and a slide's next turn rasterises only what changed. Text that changes with the
 * minute (the clock, "12 min left", "in 5 min") goes as soon as it is off the screen; text of
 * a slide not shown for RENDER_TEXT_KEEP_TURNS turns goes (the deck changed); and past
 * RENDER_TEXT_CACHE_BYTES the least recently shown goes first.
 *
 * Renderer choice: on KMSDRM the GLES2 renderer with vsync (needed anyway for rotation on
 * the Pi's GPU); elsewhere (X11, Xvfb) the software renderer without GL framebuffer
 * acceleration, which DESIGN.md section 8 measured as the cheap one. SDL_RENDER_DRIVER
 * still wins when set.
 */
#define LOG_MODULE "render"

#include "render.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_syswm.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coverage.h"
#include "file.h"
#include "log.h"
#include "png.h"
#include "qr.h"
#include "region.h"
#include "render_image.h"
#include "text.h"

#define IMAGE_CACHE_BYTES (96u << 20)	/* the deck's images: three 4K screens' worth */
#define CACHE_MAX 1024		/* text textures kept; a slide uses ~40, a deck's pages ~400 */
#define RENDER_TEXT_KEEP_TURNS 64	/* a slide not shown for this many turns loses its text */
#define DIRTY_MAX 48
#define WIPE_MAX 512	/* pieces a cut wipes of the slide before; more: the frame is filled */
#define FADE_FRAMES 15
#define FADE_FRAME_MS 25	/* at least, per frame: 15 frames take ~0.4 s */
#define RENDER_OFFSCREEN_MAX 8192	/* px: three 8K surfaces are already 800 MiB */
#define FULL_REDRAW_SHARE 0.35	/* of the slide's area: beyond it, redraw everything */

struct cached_text {
	uint64_t hash;		/* of the text and its font, size and colour */
	char *text;
	char family[THEME_MAX_NAME];
	bool bold;
	int px;
	struct theme_colour colour;
	SDL_Texture *texture;	/* drawn through the renderer, or */
	uint8_t *coverage;	/* w x h bytes blended straight into the output (see the top) */
	int w, h;
	size_t bytes;
	unsigned last_used;	/* the frame that drew it or showed it last */
	uint64_t slide;		/* the slide (name, page) whose layout held it last */
	unsigned turn;		/* the turn of the screen at that frame */
	bool volatile_text;	/* it changes with the minute: kept only while shown */
};

/* A copy of a box as it is on screen, to diff the next layout against. */
struct shown_box {
	struct slide_box box;
	char *text;
	char *source;		/* an image file's path */
	char family[THEME_MAX_NAME];
};

struct render {
	SDL_Window *window;
	SDL_Renderer *renderer;
	SDL_Surface *surface;		/* offscreen only */
	SDL_Texture *slide[2];		/* slide[current] is on screen; none when direct */
	int current;
	bool software;			/* the software renderer: what it draws stays drawn */
	bool direct;			/* drawn straight into the output (see the top) */
	bool fades;			/* big changes crossfade (see render_fades()) */
	int out_w, out_h;		/* the output, as the panel is wired */
	int slide_w, slide_h;		/* after rotation */
	int max_texture_w, max_texture_h;	/* the renderer's limits; 0: none known */
	int rotate;
	bool windowed, offscreen, vsync, video_init;
	struct text_engine *text;
	struct slide_metrics metrics;
	struct cached_text cache[CACHE_MAX];
	size_t n_cache;
	size_t cache_bytes;		/* of the textures and coverage in cache[] */
	bool coverage;			/* direct, no crossfade, onto pixels coverage_blend()
					   knows: text is kept as coverage (see the top) */
	unsigned frame;
	unsigned turn;			/* how often the slide shown has changed */
	unsigned long n_rasterised;	/* texts rasterised since r was made */
	uint64_t slide_shown;		/* the slide (name, page) of the last frame */
	SDL_Texture *logo, *background;
	int logo_w, logo_h, background_w, background_h;
	struct render_image_cache *images;	/* the deck's image files */
	struct theme_colour clear;
	struct shown_box *shown;
	char *qr_refused;		/* the URL last said to be too long for a QR code */
	size_t n_shown;
	bool have_shown;		/* slide[current] holds shown[] */
	bool present_again;		/* the window was exposed */
	int display_fd;
};

/* --- text measuring for the layout --- */

static int measure_width(void *ctx, const struct slide_font *f, const char *s, size_t len)
{
	struct render *r = ctx;
	struct text_font tf = {f->family, f->bold, f->px};
	return text_width(r->text, &tf, s, len);
}

static int measure_line_height(void *ctx, const struct slide_font *f)
{
	struct render *r = ctx;
	struct text_font tf = {f->family, f->bold, f->px};
	return text_line_height(r->text, &tf);
}

const struct slide_metrics *render_metrics(struct render *r)
{
	return &r->metrics;
}

/* --- the display --- */

/*
 * The index of the first /sys/class/drm/cardN that has a connected connector, or -1. Pi 4/5
 * swap card0 and card1 between boots, and only one of them drives the HDMI ports.
 */
static int connected_drm_card(void)
{
	DIR *d = opendir("/sys/class/drm");
	if (!d)
		return -1;
	int best = -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		int card;
		char rest[64];
		if (sscanf(e->d_name, "card%d-%63s", &card, rest) != 2)
			continue;
		char path[512], status[32] = "";
		snprintf(path, sizeof path, "/sys/class/drm/%s/status", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(status, sizeof status, f) && !strncmp(status, "connected", 9) &&
		    (best < 0 || card < best))
			best = card;
		fclose(f);
	}
	closedir(d);
	return best;
}

/*
 * --- losing the X server ---
 *
 * When the X server goes away, Xlib calls its IO error handler and then its IO error exit
 * handler, and the default ones call exit(1): foyer would end with the screen's state (and
 * status.json's "display up") left behind. libX11 1.8 lets a program replace the exit
 * handler per connection (XSetIOErrorExitHandler); when it returns, the connection is marked
 * broken and every later call on it returns at once. SDL opens its connections itself (two
 * of them: events and wake-ups), so foyer wraps XOpenDisplay: every connection SDL opens gets
 * the handler, which only notes that the display is lost. render_pump() then reports
 * RENDER_EVENT_LOST and the live loop closes the display (SDL_Quit closes both connections,
 * harmlessly now) and tries again as when there was none at start.
 *
 * The wrapper takes effect where SDL links libX11 (Debian's does); an SDL that loads libX11
 * with dlopen(), or a libX11 older than 1.8, keeps Xlib's default: foyer exits 1, and
 * systemd starts it again.
 */
static bool display_lost;

#ifdef SDL_VIDEO_DRIVER_X11
/* libX11's entry points, looked up beside SDL's (XIOErrorExitHandler: libX11 1.8 only) */
static struct {
	bool resolved;
	Display *(*open_display)(const char *);
	XIOErrorHandler (*set_io_error_handler)(XIOErrorHandler);
	void (*set_io_error_exit_handler)(Display *, void (*)(Display *, void *), void *);
	int (*put_back_event)(Display *, XEvent *);
} xlib;

static void on_x_connection_lost(Display *display, void *data)
{
	(void)display;
	(void)data;
	display_lost = true;	/* returning: Xlib marks the connection broken instead of exiting */
}

static int on_x_io_error(Display *display)
{
	(void)display;	/* quiet: the live loop says once that the display went away */
	return 0;
}

Display *XOpenDisplay(const char *name);

Display *XOpenDisplay(const char *name)
{
	if (!xlib.resolved) {
		xlib.resolved = true;
		*(void **)&xlib.open_display = dlsym(RTLD_NEXT, "XOpenDisplay");
		*(void **)&xlib.set_io_error_handler = dlsym(RTLD_NEXT, "XSetIOErrorHandler");
		*(void **)&xlib.set_io_error_exit_handler =
			dlsym(RTLD_NEXT, "XSetIOErrorExitHandler");
		*(void **)&xlib.put_back_event = dlsym(RTLD_NEXT, "XPutBackEvent");
	}
	Display *display = xlib.open_display ? xlib.open_display(name) : NULL;
	if (display && xlib.set_io_error_handler && xlib.set_io_error_exit_handler) {
		xlib.set_io_error_handler(on_x_io_error);
		xlib.set_io_error_exit_handler(display, on_x_connection_lost, NULL);
	}
	return display;
}

/*
 * SDL_DestroyWindow() hides a shown window and waits in XIfEvent() for the server's
 * UnmapNotify, which a lost server never sends: the wait would never end. The event is put
 * in the queue (a local operation) so the wait finds it. It is put there whether or not the
 * loss is known yet: a server that went while foyer was told to stop (a shutdown) is found
 * gone only inside that wait. With the server there, the wait takes this event instead of
 * the real one, which then arrives for a window that no longer exists and is dropped.
 */
static void unblock_window_teardown(SDL_Window *window)
{
	SDL_SysWMinfo wm;
	SDL_VERSION(&wm.version);
	if (!xlib.put_back_event || !SDL_GetWindowWMInfo(window, &wm) ||
	    wm.subsystem != SDL_SYSWM_X11)
		return;
	XEvent unmap = {.xunmap = {.type = UnmapNotify, .display = wm.info.x11.display,
				   .event = wm.info.x11.window, .window = wm.info.x11.window}};
	xlib.put_back_event(wm.info.x11.display, &unmap);
}
#else
static void unblock_window_teardown(SDL_Window *window)
{
	(void)window;
}
#endif

/*
 * SDL's own fallbacks show nothing on any screen: with DISPLAY set and no X server there,
 * SDL 2.26 quietly takes its "offscreen" driver. Only an explicit SDL_VIDEODRIVER may.
 */
static bool driver_shows_nothing(const char *driver)
{
	const char *asked = SDL_getenv("SDL_VIDEODRIVER");
	return (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) &&
	       !(asked && !strcmp(asked, driver));
}

/*
 * Why /dev/dri/cardN cannot be opened read-write, into why; false when it can. SDL's KMSDRM
 * reports a failed open with an older, unrelated error (a libudev symbol probe).
 */
static bool drm_card_refused(int card, char *why, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/dev/dri/card%d", card);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return false;
	}
	snprintf(why, size, "cannot open %s: %s", path, strerror(errno));
	return true;
}

static bool open_window(struct render *r, const struct render_options *o, struct error *err)
{
	const char *driver = SDL_getenv("SDL_VIDEODRIVER");
	bool kmsdrm = driver ? !strcmp(driver, "kmsdrm")
			     : !SDL_getenv("DISPLAY") && !SDL_getenv("WAYLAND_DISPLAY");
	int card = -1;
	if (kmsdrm) {
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "kmsdrm");
		/* Left to itself SDL takes its desktop "opengl" renderer, which on Mesa's KMS
		   drivers (virtio_gpu, seen in `make vm-test`) has no render targets. */
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		card = connected_drm_card();
		if (card >= 0 && !SDL_getenv("SDL_KMSDRM_DEVICE_INDEX")) {
			char index[16];
			snprintf(index, sizeof index, "%d", card);
			SDL_setenv("SDL_KMSDRM_DEVICE_INDEX", index, 1);
			log_info("using DRM card %d (it has a connected monitor)", card);
		}
	} else {
		/* only the display servers named: SDL's fallbacks would show nothing */
		if (!driver)
			SDL_SetHint(SDL_HINT_VIDEODRIVER,
				    SDL_getenv("WAYLAND_DISPLAY") ? "wayland,x11" : "x11");
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	}
	SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	display_lost = false;
	const char *server = SDL_getenv("WAYLAND_DISPLAY") ? "WAYLAND_DISPLAY" : "DISPLAY";
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
		char why[320];
		if (card >= 0 && drm_card_refused(card, why, sizeof why))
			error_set(err, 0, 0, "no display: %s", why);
		else if (kmsdrm || driver)
			error_set(err, 0, 0, "no display: %s", SDL_GetError());
		else
			error_set(err, 0, 0, "no display: no display server at %s=%s (%s)", server,
				  SDL_getenv(server), SDL_GetError());
		return false;
	}
	r->video_init = true;
	const char *current = SDL_GetCurrentVideoDriver();
	if (!current || driver_shows_nothing(current)) {
		error_set(err, 0, 0, "no display: SDL offered its \"%s\" driver, which shows nothing",
			  current ? current : "?");
		return false;
	}
	Uint32 flags = SDL_WINDOW_SHOWN;
	int w = o->width, h = o->height;
	if (o->windowed) {
		flags |= SDL_WINDOW_RESIZABLE;
		if (!w || !h) {
			w = 1280;
			h = 720;
		}
	} else {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	}
	r->window = SDL_CreateWindow("foyer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
				     w ? w : 1280, h ? h : 720, flags);
	if (!r->window) {
		error_set(err, 0, 0, "cannot open a window: %s", SDL_GetError());
		return false;
	}
	r->renderer = SDL_CreateRenderer(r->window, -1,
					 SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE);
	if (!r->renderer)
		r->renderer = SDL_CreateRenderer(r->window, -1, SDL_RENDERER_SOFTWARE);
	if (!r->renderer) {
		error_set(err, 0, 0, "cannot render: %s", SDL_GetError());
		return false;
	}
	SDL_RendererInfo info = {.name = "unknown"};
	if (SDL_GetRendererInfo(r->renderer, &info) == 0) {
		r->max_texture_w = info.max_texture_width;
		r->max_texture_h = info.max_texture_height;
		/* the software renderer claims vsync but presents at once */
		r->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) &&
			   !(info.flags & SDL_RENDERER_SOFTWARE);
		r->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
	}
	r->fades = o->fade == RENDER_FADE_ALWAYS || (o->fade == RENDER_FADE_AUTO && !r->software);
	log_info("%s display, %s renderer%s; slides change with a %s",
		 SDL_GetCurrentVideoDriver(), info.name, r->vsync ? " with vsync" : "",
		 r->fades ? "crossfade" : "cut");
	SDL_ShowCursor(SDL_DISABLE);
	SDL_GetRendererOutputSize(r->renderer, &r->out_w, &r->out_h);
	r->display_fd = -1;
#ifdef SDL_VIDEO_DRIVER_X11
	SDL_SysWMinfo wm;
	SDL_VERSION(&wm.version);
	if (SDL_GetWindowWMInfo(r->window, &wm) && wm.subsystem == SDL_SYSWM_X11)
		r->display_fd = ConnectionNumber(wm.info.x11.display);
#endif
	return true;
}

static bool open_offscreen(struct render *r, const struct render_options *o, struct error *err)
{
	r->out_w = o->width ? o->width : 1920;
	r->out_h = o->height ? o->height : 1080;
	if (r->out_w > RENDER_OFFSCREEN_MAX || r->out_h > RENDER_OFFSCREEN_MAX) {
		error_set(err, 0, 0, "%dx%d is too large to render offscreen (at most %dx%d)",
			  r->out_w, r->out_h, RENDER_OFFSCREEN_MAX, RENDER_OFFSCREEN_MAX);
		return false;
	}
	r->surface = SDL_CreateRGBSurfaceWithFormat(0, r->out_w, r->out_h, 32,
						    SDL_PIXELFORMAT_ARGB8888);
	if (r->surface)
		r->renderer = SDL_CreateSoftwareRenderer(r->surface);
	r->software = true;
	if (!r->renderer) {
		error_set(err, 0, 0, "cannot render offscreen: %s", SDL_GetError());
		return false;
	}
	r->display_fd = -1;
	return true;
}

static void drop_cache_entry(struct render *r, size_t i)
{
	r->cache_bytes -= r->cache[i].bytes;
	free(r->cache[i].text);
	free(r->cache[i].coverage);
	SDL_DestroyTexture(r->cache[i].texture);
	r->cache[i] = r->cache[--r->n_cache];
}

/* The output's pixels, when drawing goes straight into them. */
static SDL_Surface *output_surface(struct render *r)
{
	return r->surface ? r->surface : SDL_GetWindowSurface(r->window);
}

static bool make_targets(struct render *r, struct error *err)
{
	r->direct = r->software && r->rotate == 0 && r->slide_w == r->out_w &&
		    r->slide_h == r->out_h;
	SDL_Surface *out = r->direct && !r->fades ? output_surface(r) : NULL;
	bool coverage = out && out->format->BytesPerPixel == 4 &&
			coverage_layout_fits(out->format->Rmask, out->format->Gmask,
					     out->format->Bmask, out->format->Amask);
	if (coverage != r->coverage)	/* the lines kept are drawn the other way now */
		while (r->n_cache)
			drop_cache_entry(r, 0);
	r->coverage = coverage;
	for (int i = 0; i < 2; i++) {
		SDL_DestroyTexture(r->slide[i]);
		r->slide[i] = NULL;
		if (r->direct)
			continue;
		r->slide[i] = SDL_CreateTexture(r->renderer, SDL_PIXELFORMAT_ARGB8888,
						SDL_TEXTUREACCESS_TARGET, r->slide_w, r->slide_h);
		if (!r->slide[i]) {
			error_set(err, 0, 0, "cannot make a %dx%d slide texture: %s", r->slide_w,
				  r->slide_h, SDL_GetError());
			return false;
		}
	}
	r->have_shown = false;
	return true;
}

/*
 * The slide's size: the output's, turned. A screen larger than the GPU's textures (2048 px on
 * a Pi 3, DESIGN.md 8) gets a slide of half the size (or a quarter ...), scaled up on output:
 * softer, but on screen.
 */
static void size_slide(struct render *r)
{
	bool turned = r->rotate == 90 || r->rotate == 270;
	r->slide_w = turned ? r->out_h : r->out_w;
	r->slide_h = turned ? r->out_w : r->out_h;
	while ((r->max_texture_w && r->slide_w > r->max_texture_w) ||
	       (r->max_texture_h && r->slide_h > r->max_texture_h)) {
		r->slide_w /= 2;
		r->slide_h /= 2;
	}
}

struct render *render_create(const struct render_options *o, struct error *err)
{
	struct render *r = calloc(1, sizeof *r);
	if (!r) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	r->rotate = o->rotate;
	r->windowed = o->windowed;
	r->offscreen = o->offscreen;
	r->metrics = (struct slide_metrics){measure_width, measure_line_height, r};
	/* A frame (a crossfade's, a screenshot's) is mapped on its own and unmapped when freed:
	 * left to itself, glibc raises its threshold after the first and keeps later ones. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	/* images (logo, background) and a scaled output are filtered, not blocky */
	SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
	r->clear = (struct theme_colour){0, 0, 0};
	bool ok = o->offscreen ? open_offscreen(r, o, err) : open_window(r, o, err);
	if (ok) {
		size_slide(r);
		ok = make_targets(r, err);
	}
	if (ok) {
		r->text = text_engine_create(err);
		ok = r->text != NULL;
	}
	if (ok && !(r->images = render_image_cache_create(r->renderer, IMAGE_CACHE_BYTES))) {
		error_set(err, 0, 0, "out of memory");
		ok = false;
	}
	if (!ok) {
		render_destroy(r);
		return NULL;
	}
	return r;
}

static void forget_shown(struct render *r)
{
	for (size_t i = 0; i < r->n_shown; i++) {
		free(r->shown[i].text);
		free(r->shown[i].source);
	}
	free(r->shown);
	r->shown = NULL;
	r->n_shown = 0;
	r->have_shown = false;
}

void render_destroy(struct render *r)
{
	if (!r)
		return;
	while (r->n_cache)
		drop_cache_entry(r, 0);
	forget_shown(r);
	render_image_cache_destroy(r->images);
	text_engine_destroy(r->text);
	SDL_DestroyTexture(r->logo);
	SDL_DestroyTexture(r->background);
	SDL_DestroyTexture(r->slide[0]);
	SDL_DestroyTexture(r->slide[1]);
	if (r->renderer)
		SDL_DestroyRenderer(r->renderer);
	/* always: the server may be gone before anything here noticed (a shutdown) */
	if (r->window)
		unblock_window_teardown(r->window);
	if (r->window)
		SDL_DestroyWindow(r->window);
	SDL_FreeSurface(r->surface);
	if (r->video_init)
		SDL_Quit();
	free(r->qr_refused);
	free(r);
}

static SDL_Texture *load_image(struct render *r, const char *path, int *w, int *h)
{
	if (!*path)
		return NULL;
	SDL_Surface *s = IMG_Load(path);
	if (!s) {
		log_warning("%s: cannot load the image (%s), leaving it out", path, IMG_GetError());
		return NULL;
	}
	SDL_Texture *t = SDL_CreateTextureFromSurface(r->renderer, s);
	if (t) {
		*w = s->w;
		*h = s->h;
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	} else {
		log_warning("%s: cannot use the image (%s), leaving it out", path, SDL_GetError());
	}
	SDL_FreeSurface(s);
	return t;
}

void render_set_theme(struct render *r, const struct theme *theme)
{
	SDL_DestroyTexture(r->logo);
	SDL_DestroyTexture(r->background);
	r->logo = load_image(r, theme->logo, &r->logo_w, &r->logo_h);
	r->background = load_image(r, theme->background_image, &r->background_w,
				   &r->background_h);
	r->clear = theme->colours[THEME_BACKGROUND];
	r->have_shown = false;
	if (!text_family_available(r->text, theme->font))
		log_warning("theme %s: font \"%s\" is not installed, drawing with a substitute",
			    theme->name, theme->font);
}

void render_screen(const struct render *r, int overscan, struct slide_screen *out)
{
	out->width = r->slide_w;
	out->height = r->slide_h;
	out->overscan = overscan;
	out->logo_aspect = r->logo && r->logo_h ? (double)r->logo_w / r->logo_h : 0;
	out->background_image = r->background != NULL;
}

/* --- drawing boxes --- */

static uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;	/* FNV-1a */
	return h;
}

static uint64_t text_key(const struct slide_box *b)
{
	int key[5] = {b->font.px, b->font.bold, b->colour.r, b->colour.g, b->colour.b};
	uint64_t h = hash_bytes(0xcbf29ce484222325u, key, sizeof key);
	h = hash_bytes(h, b->font.family, strlen(b->font.family) + 1);
	return hash_bytes(h, b->text, strlen(b->text));
}

/* The cached texture of b's text, or NULL. */
static struct cached_text *cached(struct render *r, const struct slide_box *b, uint64_t hash)
{
	for (size_t i = 0; i < r->n_cache; i++) {
		struct cached_text *c = &r->cache[i];
		if (c->hash == hash && c->px == b->font.px && c->bold == b->font.bold &&
		    !memcmp(&c->colour, &b->colour, sizeof c->colour) &&
		    !strcmp(c->text, b->text) && !strcmp(c->family, b->font.family))
			return c;
	}
	return NULL;
}

/* The cached line of b's text, rasterised now if it is not: NULL when it cannot be. */
static struct cached_text *text_line(struct render *r, const struct slide_box *b)
{
	uint64_t hash = text_key(b);
	struct cached_text *c = cached(r, b, hash);
	if (c) {
		c->last_used = r->frame;
		return c;
	}
	if (r->n_cache == CACHE_MAX) {
		/* the least recently used goes */
		size_t oldest = 0;
		for (size_t i = 1; i < r->n_cache; i++)
			if (r->cache[i].last_used < r->cache[oldest].last_used)
				oldest = i;
		drop_cache_entry(r, oldest);
	}
	struct text_font f = {b->font.family, b->font.bold, b->font.px};
	SDL_Color colour = {b->colour.r, b->colour.g, b->colour.b, 255};
	SDL_Surface *s = text_render_line(r->text, &f, colour, b->text, strlen(b->text));
	if (!s)
		return NULL;
	SDL_Texture *t = NULL;
	uint8_t *coverage = NULL;
	size_t bytes = (size_t)s->w * (size_t)s->h;
	if (r->coverage && s->format->format == SDL_PIXELFORMAT_ARGB8888) {
		coverage = malloc(bytes);
		if (coverage)
			coverage_from_argb(s->pixels, s->pitch / 4, s->w, s->h, coverage);
	} else {
		t = SDL_CreateTextureFromSurface(r->renderer, s);
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
		bytes *= 4;
	}
	char *copy = strdup(b->text);
	if ((!t && !coverage) || !copy) {
		SDL_FreeSurface(s);
		SDL_DestroyTexture(t);
		free(coverage);
		free(copy);
		return NULL;
	}
	r->n_rasterised++;
	c = &r->cache[r->n_cache++];
	*c = (struct cached_text){.hash = hash, .text = copy, .bold = b->font.bold,
				  .px = b->font.px, .colour = b->colour, .texture = t,
				  .coverage = coverage, .w = s->w, .h = s->h, .bytes = bytes,
				  .last_used = r->frame, .slide = r->slide_shown, .turn = r->turn};
	snprintf(c->family, sizeof c->family, "%s", b->font.family);
	r->cache_bytes += bytes;
	SDL_FreeSurface(s);
	return c;
}

/*
 * A line kept as coverage, drawn: blended into the output's pixels after what the renderer
 * has queued for them. Only with direct drawing and no crossfade, which draws into a texture.
 */
static void draw_coverage(struct render *r, const struct cached_text *c, const SDL_Rect *src,
			  const SDL_Rect *dst)
{
	SDL_Surface *out = output_surface(r);
	if (!out)
		return;
	SDL_RenderFlush(r->renderer);
	SDL_Rect clip = {0, 0, out->w, out->h};
	if (SDL_RenderIsClipEnabled(r->renderer))
		SDL_RenderGetClipRect(r->renderer, &clip);
	struct region_rect box = region_meet(
		(struct region_rect){clip.x, clip.y, clip.w, clip.h},
		(struct region_rect){0, 0, out->w, out->h});
	box = region_meet(box, (struct region_rect){dst->x, dst->y, src->w, src->h});
	if (SDL_MUSTLOCK(out) && SDL_LockSurface(out) != 0)
		return;
	coverage_blend(out->pixels, out->pitch / 4, box, dst->x, dst->y, c->coverage, c->w, c->h,
		       c->w, SDL_MapRGB(out->format, c->colour.r, c->colour.g, c->colour.b));
	if (SDL_MUSTLOCK(out))
		SDL_UnlockSurface(out);
}

static void draw_text(struct render *r, const struct slide_box *b)
{
	const struct cached_text *c = text_line(r, b);
	if (!c)
		return;
	int w = c->w < b->w ? c->w : b->w, h = c->h < b->h ? c->h : b->h;
	SDL_Rect src = {0, 0, w, h}, dst = {b->x, b->y, w, h};
	if (c->coverage)
		draw_coverage(r, c, &src, &dst);
	else
		SDL_RenderCopy(r->renderer, c->texture, &src, &dst);
	if (b->strike) {
		int thick = b->font.px / 14 > 2 ? b->font.px / 14 : 2;
		SDL_Rect line = {b->x, b->y + b->h * 11 / 20 - thick / 2, w, thick};
		SDL_SetRenderDrawColor(r->renderer, b->colour.r, b->colour.g, b->colour.b, 255);
		SDL_RenderFillRect(r->renderer, &line);
	}
}

/*
 * A QR code filling the box: white with the quiet zone, the modules black (dark on light
 * whatever the theme, as readers expect), each module's edges rounded to whole pixels.
 */
static void draw_qr(struct render *r, const struct slide_box *b)
{
	struct qr qr;
	if (!qr_encode(b->text, &qr))
		return;	/* the layout checked it fits: only memory can be short */
	SDL_Rect all = {b->x, b->y, b->w, b->h};
	SDL_SetRenderDrawColor(r->renderer, 255, 255, 255, 255);
	SDL_RenderFillRect(r->renderer, &all);
	SDL_SetRenderDrawColor(r->renderer, 0, 0, 0, 255);
	int n = qr.size + 2 * QR_QUIET_ZONE;
	for (int row = 0; row < qr.size; row++) {
		int y0 = b->y + (row + QR_QUIET_ZONE) * b->h / n;
		int y1 = b->y + (row + QR_QUIET_ZONE + 1) * b->h / n;
		for (int col = 0; col < qr.size; col++) {
			if (!qr.dark[row * qr.size + col])
				continue;
			int x0 = b->x + (col + QR_QUIET_ZONE) * b->w / n;
			int x1 = b->x + (col + QR_QUIET_ZONE + 1) * b->w / n;
			SDL_Rect m = {x0, y0, x1 - x0, y1 - y0};
			SDL_RenderFillRect(r->renderer, &m);
		}
	}
	qr_finish(&qr);
}

static void draw_image(struct render *r, const struct slide_box *b)
{
	if (b->image == SLIDE_IMAGE_QR) {
		draw_qr(r, b);
		return;
	}
	SDL_Rect dst = {b->x, b->y, b->w, b->h};
	if (b->image == SLIDE_IMAGE_LOGO && r->logo) {
		SDL_RenderCopy(r->renderer, r->logo, NULL, &dst);
	} else if (b->image == SLIDE_IMAGE_BACKGROUND && r->background) {
		/* cover the box, cropping the image's overhang evenly */
		double sx = (double)b->w / r->background_w, sy = (double)b->h / r->background_h;
		double scale = sx > sy ? sx : sy;
		int sw = (int)(b->w / scale), sh = (int)(b->h / scale);
		SDL_Rect src = {(r->background_w - sw) / 2, (r->background_h - sh) / 2, sw, sh};
		SDL_RenderCopy(r->renderer, r->background, &src, &dst);
	} else if (b->image == SLIDE_IMAGE_FILE && b->source) {
		/* loaded (an SVG rasterised) at the box's size, so that each turn copies it
		   unscaled */
		int w, h;
		SDL_Texture *t = render_image_get(r->images, b->source, b->w, b->h, &w, &h);
		if (!t)
			return;
		/* letterboxed in the box, whatever aspect the layout assumed */
		double s = (double)b->w / w < (double)b->h / h ? (double)b->w / w : (double)b->h / h;
		SDL_Rect fitted = {0, 0, (int)(w * s), (int)(h * s)};
		if (abs(fitted.w - w) <= 1 && abs(fitted.h - h) <= 1)
			fitted = (SDL_Rect){0, 0, w, h};	/* a pixel of rounding: no scaling */
		fitted.x = b->x + (b->w - fitted.w) / 2;
		fitted.y = b->y + (b->h - fitted.h) / 2;
		SDL_RenderCopy(r->renderer, t, NULL, &fitted);
	}
}

double render_image_aspect(struct render *r, const char *path)
{
	return render_image_aspect_of(r->images, path, r->slide_w, r->slide_h);
}

void render_keep_images(struct render *r, const char *const *paths, size_t n)
{
	render_image_keep(r->images, paths, n);
}

static void draw_box(struct render *r, const struct slide_box *b)
{
	switch (b->kind) {
	case SLIDE_BOX_RECT: {
		SDL_Rect rect = {b->x, b->y, b->w, b->h};
		SDL_SetRenderDrawColor(r->renderer, b->colour.r, b->colour.g, b->colour.b, 255);
		SDL_RenderFillRect(r->renderer, &rect);
		break;
	}
	case SLIDE_BOX_TEXT:
		draw_text(r, b);
		break;
	case SLIDE_BOX_IMAGE:
		draw_image(r, b);
		break;
	}
}

/* Draws every box that meets clip (NULL: all of them) into the current target. */
/* Whether the first box, an opaque rectangle, covers the whole slide: no clear needed. */
static bool covered(const struct render *r, const struct slide_layout *l)
{
	const struct slide_box *b = l->n_boxes ? &l->boxes[0] : NULL;
	return b && b->kind == SLIDE_BOX_RECT && b->x <= 0 && b->y <= 0 &&
	       b->x + b->w >= r->slide_w && b->y + b->h >= r->slide_h;
}

static void draw_boxes_from(struct render *r, const struct slide_layout *l, const SDL_Rect *clip,
			    size_t first)
{
	SDL_RenderSetClipRect(r->renderer, clip);
	if (!clip && !first && !covered(r, l)) {	/* a full-frame fill fewer per full redraw */
		SDL_SetRenderDrawColor(r->renderer, r->clear.r, r->clear.g, r->clear.b, 255);
		SDL_RenderClear(r->renderer);
	}
	for (size_t i = first; i < l->n_boxes; i++) {
		const struct slide_box *b = &l->boxes[i];
		SDL_Rect br = {b->x, b->y, b->w, b->h};
		if (!clip || SDL_HasIntersection(&br, clip))
			draw_box(r, b);
	}
	SDL_RenderSetClipRect(r->renderer, NULL);
}

static void draw_boxes(struct render *r, const struct slide_layout *l, const SDL_Rect *clip)
{
	draw_boxes_from(r, l, clip, 0);
}

static bool same_box(const struct slide_box *a, const struct shown_box *s);

/*
 * A whole new slide on the same background as the one on screen: rather than filling the
 * frame (8 MiB at 1920x1080), each box of the old slide is filled with the background, which
 * leaves the frame as the background alone; the caller then draws the new slide's boxes
 * after its background. Every box draws inside its rectangle, so this is the same picture.
 * What an opaque rectangle of the new slide covers is left: that rectangle paints it over
 * (a heading's bar, rows' stripes), so only the rest of the old boxes is wiped (region.h).
 * False (nothing done) when the backgrounds differ, or when what is left to wipe is the frame
 * or too many pieces.
 */
static bool wipe_shown(struct render *r, const struct slide_layout *l)
{
	if (!r->have_shown || !r->n_shown || !covered(r, l) || !same_box(&l->boxes[0], &r->shown[0]))
		return false;
	struct region_rect *old = malloc(r->n_shown * sizeof *old);
	struct region_rect *paint = malloc(l->n_boxes * sizeof *paint);
	struct region_rect wipe[WIPE_MAX];
	size_t n_old = 0, n_paint = 0, n = WIPE_MAX + 1;
	if (old && paint) {
		for (size_t i = 1; i < r->n_shown; i++) {
			const struct slide_box *b = &r->shown[i].box;
			old[n_old++] = (struct region_rect){b->x, b->y, b->w, b->h};
		}
		for (size_t i = 1; i < l->n_boxes; i++) {
			const struct slide_box *b = &l->boxes[i];
			if (b->kind == SLIDE_BOX_RECT)
				paint[n_paint++] = (struct region_rect){b->x, b->y, b->w, b->h};
		}
		n = region_uncovered(old, n_old, paint, n_paint, wipe, WIPE_MAX);
	}
	free(old);
	free(paint);
	if (n > WIPE_MAX)
		return false;
	long area = 0, frame = (long)r->slide_w * r->slide_h;
	for (size_t i = 0; i < n; i++)
		area += (long)wipe[i].w * wipe[i].h;
	if (area >= frame)
		return false;
	const struct theme_colour *bg = &l->boxes[0].colour;
	SDL_SetRenderDrawColor(r->renderer, bg->r, bg->g, bg->b, 255);
	for (size_t i = 0; i < n; i++)
		SDL_RenderFillRect(r->renderer, &(SDL_Rect){wipe[i].x, wipe[i].y, wipe[i].w, wipe[i].h});
	return true;
}

/* Copies a slide texture to the output, rotated and scaled. */
static void compose(struct render *r, SDL_Texture *slide)
{
	bool turned = r->rotate == 90 || r->rotate == 270;
	int dw = turned ? r->out_h : r->out_w, dh = turned ? r->out_w : r->out_h;
	SDL_Rect dst = {(r->out_w - dw) / 2, (r->out_h - dh) / 2, dw, dh};
	SDL_RenderCopyEx(r->renderer, slide, NULL, &dst, r->rotate, NULL, SDL_FLIP_NONE);
}

static void present(struct render *r, SDL_Texture *slide)
{
	SDL_SetRenderTarget(r->renderer, NULL);
	SDL_SetRenderDrawColor(r->renderer, r->clear.r, r->clear.g, r->clear.b, 255);
	SDL_RenderClear(r->renderer);
	SDL_SetTextureBlendMode(slide, SDL_BLENDMODE_NONE);
	compose(r, slide);
	SDL_RenderPresent(r->renderer);
}

/* The output as it is, shown again (direct drawing), or `slide` composed onto it. */
static void present_output(struct render *r)
{
	if (r->direct) {
		SDL_SetRenderTarget(r->renderer, NULL);
		SDL_RenderPresent(r->renderer);
	} else {
		present(r, r->slide[r->current]);
	}
}

/* Paces a crossfade's frames where vsync does not (software). */
static void fade_pause(Uint64 frame_start)
{
	Uint64 spent = SDL_GetTicks64() - frame_start;
	if (spent < FADE_FRAME_MS)
		SDL_Delay((Uint32)(FADE_FRAME_MS - spent));
}

/*
 * Direct drawing's crossfade: `next` laid over the output FADE_FRAMES times, step i with the
 * opacity 1 / (FADE_FRAMES - i + 1) of what is left, so that after step i the output is the
 * old slide and the new one mixed i / FADE_FRAMES, as crossfade() shows it; the last step
 * copies it.
 */
static void crossfade_over(struct render *r, SDL_Texture *next)
{
	SDL_SetRenderTarget(r->renderer, NULL);
	for (int i = 1; i <= FADE_FRAMES; i++) {
		Uint64 frame_start = SDL_GetTicks64();
		/* the last step is a plain copy: blending at full opacity is not exact */
		SDL_SetTextureBlendMode(next, i < FADE_FRAMES ? SDL_BLENDMODE_BLEND
							      : SDL_BLENDMODE_NONE);
		SDL_SetTextureAlphaMod(next, (Uint8)(255 / (FADE_FRAMES - i + 1)));
		SDL_RenderCopy(r->renderer, next, NULL, NULL);
		SDL_RenderPresent(r->renderer);
		fade_pause(frame_start);
	}
}

/* From the slide on screen to `next`: the new one drawn over the old with rising opacity. */
static void crossfade(struct render *r, SDL_Texture *old, SDL_Texture *next)
{
	for (int i = 1; i <= FADE_FRAMES; i++) {
		Uint64 frame_start = SDL_GetTicks64();
		SDL_SetRenderTarget(r->renderer, NULL);
		SDL_SetTextureBlendMode(old, SDL_BLENDMODE_NONE);
		compose(r, old);
		SDL_SetTextureBlendMode(next, SDL_BLENDMODE_BLEND);
		SDL_SetTextureAlphaMod(next, (Uint8)(255 * i / FADE_FRAMES));
		compose(r, next);
		SDL_RenderPresent(r->renderer);
		fade_pause(frame_start);	/* vsync paces the frames, where there is one */
	}
	SDL_SetTextureAlphaMod(next, 255);
	SDL_SetTextureBlendMode(next, SDL_BLENDMODE_NONE);
}

static bool same_box(const struct slide_box *a, const struct shown_box *s)
{
	const struct slide_box *b = &s->box;
	if (a->kind != b->kind || a->x != b->x || a->y != b->y || a->w != b->w || a->h != b->h ||
	    memcmp(&a->colour, &b->colour, sizeof a->colour))
		return false;
	if (a->kind == SLIDE_BOX_IMAGE)
		return a->image == b->image &&
		       (a->image != SLIDE_IMAGE_QR || !strcmp(a->text, s->text)) &&
		       (a->image != SLIDE_IMAGE_FILE || !strcmp(a->source ? a->source : "",
								 s->source ? s->source : ""));
	if (a->kind == SLIDE_BOX_TEXT)
		return a->font.px == b->font.px && a->font.bold == b->font.bold &&
		       a->strike == b->strike && !strcmp(a->text, s->text) &&
		       !strcmp(a->font.family, s->family);
	return true;
}

static bool in_shown(const struct render *r, const struct slide_box *b)
{
	for (size_t i = 0; i < r->n_shown; i++)
		if (same_box(b, &r->shown[i]))
			return true;
	return false;
}

static bool in_layout(const struct slide_layout *l, const struct shown_box *s)
{
	for (size_t i = 0; i < l->n_boxes; i++)
		if (same_box(&l->boxes[i], s))
			return true;
	return false;
}

static bool remember(struct render *r, const struct slide_layout *l)
{
	forget_shown(r);
	r->shown = calloc(l->n_boxes ? l->n_boxes : 1, sizeof *r->shown);
	if (!r->shown)
		return false;
	for (size_t i = 0; i < l->n_boxes; i++) {
		struct shown_box *s = &r->shown[i];
		s->box = l->boxes[i];
		bool qr = s->box.kind == SLIDE_BOX_IMAGE && s->box.image == SLIDE_IMAGE_QR;
		if (s->box.kind == SLIDE_BOX_TEXT || qr) {
			s->text = strdup(l->boxes[i].text);
			snprintf(s->family, sizeof s->family, "%s",
				 qr ? "" : l->boxes[i].font.family);
			if (!s->text) {
				r->n_shown = i;
				forget_shown(r);
				return false;
			}
		}
		if (s->box.kind == SLIDE_BOX_IMAGE && l->boxes[i].source &&
		    !(s->source = strdup(l->boxes[i].source))) {
			r->n_shown = i;
			forget_shown(r);
			return false;
		}
		s->box.text = NULL;
		s->box.source = NULL;
		s->box.font.family = NULL;
		r->n_shown = i + 1;
	}
	r->have_shown = true;
	return true;
}

static void add_dirty(SDL_Rect *dirty, size_t *n, const struct slide_box *b, long *area)
{
	if (*n < DIRTY_MAX) {
		dirty[*n] = (SDL_Rect){b->x, b->y, b->w, b->h};
		*area += (long)b->w * b->h;
	}
	(*n)++;
}

/* Which slide l is (its name and page): its texts are kept for its next turn. */
static void note_slide(struct render *r, const struct slide_layout *l)
{
	const char *name = l->slide ? l->slide : "";
	uint64_t slide = hash_bytes(0xcbf29ce484222325u, name, strlen(name) + 1);
	slide = hash_bytes(slide, &l->page, sizeof l->page);
	if (slide != r->slide_shown)
		r->turn++;
	r->slide_shown = slide;
}

/*
 * After a frame: the texts of l are the shown slide's; the cache lets go of what that slide
 * no longer shows, of what changes with the minute and is not on screen, of the text of
 * slides long gone, and past its cap of the least recently shown (see the top).
 */
static void keep_texts(struct render *r, const struct slide_layout *l)
{
	for (size_t i = 0; i < l->n_boxes; i++) {
		const struct slide_box *b = &l->boxes[i];
		struct cached_text *c = b->kind == SLIDE_BOX_TEXT ? cached(r, b, text_key(b)) : NULL;
		if (!c)
			continue;
		c->last_used = r->frame;
		c->slide = r->slide_shown;
		c->turn = r->turn;
		c->volatile_text = b->role && slide_role_changes_by_minute(b->role);
	}
	for (size_t i = 0; i < r->n_cache;) {
		const struct cached_text *c = &r->cache[i];
		if (c->last_used != r->frame &&
		    (c->volatile_text || c->slide == r->slide_shown ||
		     r->turn - c->turn > RENDER_TEXT_KEEP_TURNS))
			drop_cache_entry(r, i);
		else
			i++;
	}
	while (r->cache_bytes > RENDER_TEXT_CACHE_BYTES) {
		size_t oldest = r->n_cache;
		for (size_t i = 0; i < r->n_cache; i++)
			if (r->cache[i].last_used != r->frame &&
			    (oldest == r->n_cache || r->cache[i].last_used < r->cache[oldest].last_used))
				oldest = i;
		if (oldest == r->n_cache)
			break;	/* all of it on screen */
		drop_cache_entry(r, oldest);
	}
}

void render_text_stats(const struct render *r, struct render_text_stats *out)
{
	*out = (struct render_text_stats){.cached = r->n_cache, .bytes = r->cache_bytes,
					  .rasterised = r->n_rasterised};
}

enum render_result render_show(struct render *r, const struct slide_layout *l,
			       enum render_transition transition)
{
	if (l->width != r->slide_w || l->height != r->slide_h || (r->video_init && display_lost))
		return RENDER_FAILED;
	r->frame++;
	note_slide(r, l);
	/* a URL too long for a QR code: said once, not every minute */
	if (l->qr_refused && (!r->qr_refused || strcmp(r->qr_refused, l->qr_refused))) {
		log_warning("the session's URL is too long for a QR code (%zu bytes), showing none: "
			    "%.80s…", strlen(l->qr_refused), l->qr_refused);
		free(r->qr_refused);
		r->qr_refused = strdup(l->qr_refused);
	}
	SDL_Rect dirty[DIRTY_MAX];
	size_t n_dirty = 0;
	long area = 0;
	if (r->have_shown) {
		for (size_t i = 0; i < l->n_boxes; i++)
			if (!in_shown(r, &l->boxes[i]))
				add_dirty(dirty, &n_dirty, &l->boxes[i], &area);
		for (size_t i = 0; i < r->n_shown; i++)
			if (!in_layout(l, &r->shown[i]))
				add_dirty(dirty, &n_dirty, &r->shown[i].box, &area);
		if (n_dirty == 0) {
			if (!r->present_again)
				return RENDER_UNCHANGED;
			r->present_again = false;
			present_output(r);
			return RENDER_PARTIAL;
		}
	}
	bool full = !r->have_shown || n_dirty > DIRTY_MAX ||
		    area > FULL_REDRAW_SHARE * r->slide_w * r->slide_h;
	if (!r->fades)
		transition = RENDER_CUT;
	bool fade = transition == RENDER_FADE_ANY || (transition == RENDER_FADE_BIG && full);
	if (fade)
		full = true;
	enum render_result result = full ? RENDER_FULL : RENDER_PARTIAL;
	SDL_Texture *fading = NULL;
	if (fade && r->have_shown && !r->offscreen && r->direct)
		fading = SDL_CreateTexture(r->renderer, SDL_PIXELFORMAT_ARGB8888,
					   SDL_TEXTUREACCESS_TARGET, r->slide_w, r->slide_h);
	if (fading) {
		SDL_SetRenderTarget(r->renderer, fading);
		draw_boxes(r, l, NULL);
		crossfade_over(r, fading);
		SDL_DestroyTexture(fading);
	} else if (fade && r->have_shown && !r->offscreen && !r->direct) {
		int next = 1 - r->current;
		SDL_SetRenderTarget(r->renderer, r->slide[next]);
		draw_boxes(r, l, NULL);
		crossfade(r, r->slide[r->current], r->slide[next]);
		r->current = next;
	} else {	/* no fade (or no memory for one): drawn where it stays */
		SDL_SetRenderTarget(r->renderer, r->direct ? NULL : r->slide[r->current]);
		if (full)
			draw_boxes_from(r, l, NULL, wipe_shown(r, l) ? 1 : 0);
		else
			for (size_t i = 0; i < n_dirty; i++)
				draw_boxes(r, l, &dirty[i]);
	}
	present_output(r);
	r->present_again = false;
	if (!remember(r, l))
		result = RENDER_FAILED;
	keep_texts(r, l);
	return result;
}

bool render_save_png(struct render *r, const char *path, struct error *err)
{
	SDL_Surface *s = r->surface;
	SDL_Surface *read = NULL;
	if (!s) {
		read = SDL_CreateRGBSurfaceWithFormat(0, r->out_w, r->out_h, 32,
						      SDL_PIXELFORMAT_ARGB8888);
		if (!read || SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_ARGB8888,
						  read->pixels, read->pitch) != 0) {
			error_set(err, 0, 0, "cannot read the screen back: %s", SDL_GetError());
			SDL_FreeSurface(read);
			return false;
		}
		s = read;
	}
	/* opaque RGB: what a screen shows has no alpha */
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	size_t len = 0;
	void *png = rgb ? png_encode(rgb, &len, err) : NULL;
	if (!rgb)
		error_set(err, 0, 0, "cannot convert the frame: %s", SDL_GetError());
	bool ok = png && file_write(path, png, len, err);
	free(png);
	SDL_FreeSurface(rgb);
	SDL_FreeSurface(read);
	return ok;
}

struct SDL_Surface *render_read_frame(struct render *r, struct error *err)
{
	if (!r->have_shown) {
		error_set(err, 0, 0, "nothing on screen yet");
		return NULL;
	}
	SDL_Surface *frame = SDL_CreateRGBSurfaceWithFormat(0, r->slide_w, r->slide_h, 32,
							    SDL_PIXELFORMAT_ARGB8888);
	if (!frame) {
		error_set(err, 0, 0, "cannot read the screen back: %s", SDL_GetError());
		return NULL;
	}
	SDL_Texture *was = SDL_GetRenderTarget(r->renderer);
	SDL_SetRenderTarget(r->renderer, r->direct ? NULL : r->slide[r->current]);
	int rc = SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, frame->pixels,
				      frame->pitch);
	SDL_SetRenderTarget(r->renderer, was);
	if (rc != 0) {
		error_set(err, 0, 0, "cannot read the screen back: %s", SDL_GetError());
		SDL_FreeSurface(frame);
		return NULL;
	}
	return frame;
}

bool render_fades(const struct render *r)
{
	return r->fades;
}

const char *render_driver(const struct render *r)
{
	const char *driver = r->offscreen ? NULL : SDL_GetCurrentVideoDriver();
	return driver ? driver : "software";
}

void render_output_size(const struct render *r, int *width, int *height)
{
	*width = r->out_w;
	*height = r->out_h;
}

int render_display_fd(const struct render *r)
{
	return r->display_fd;
}

int render_pump(struct render *r)
{
	int events = 0;
	if (!r->video_init)
		return 0;
	if (display_lost)
		return RENDER_EVENT_LOST;
	SDL_Event e;
	SDL_PumpEvents();
	while (SDL_PollEvent(&e)) {
		switch (e.type) {
		case SDL_QUIT:
			events |= RENDER_EVENT_QUIT;
			break;
		case SDL_KEYDOWN:
			if (r->windowed && (e.key.keysym.sym == SDLK_q ||
					    e.key.keysym.sym == SDLK_ESCAPE))
				events |= RENDER_EVENT_QUIT;
			break;
		case SDL_WINDOWEVENT:
			if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
				int w, h;
				SDL_GetRendererOutputSize(r->renderer, &w, &h);
				if (w != r->out_w || h != r->out_h) {
					struct error err;
					r->out_w = w;
					r->out_h = h;
					size_slide(r);
					if (!make_targets(r, &err))
						log_error("%s", err.message);
					forget_shown(r);
					events |= RENDER_EVENT_RELAYOUT;
				}
			}
			if (e.window.event == SDL_WINDOWEVENT_EXPOSED)
				r->present_again = true;
			break;
		case SDL_RENDER_TARGETS_RESET:
		case SDL_RENDER_DEVICE_RESET:
			forget_shown(r);
			events |= RENDER_EVENT_RELAYOUT;
			break;
		default:
			break;
		}
	}
	return display_lost ? RENDER_EVENT_LOST : events;
}
