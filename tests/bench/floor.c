/*
 * floor.c — the least an SDL program can do to show one line of text: the reference ("the
 * floor") that tests/bench/bench.py sets beside foyer's start-up, memory and one-shot picture.
 *
 *   floor WxH FONT              a window of that size, one line drawn once, "shown" on stdout,
 *                               then it exits
 *   floor --stay WxH FONT       the same, then it waits for SIGTERM (for its memory)
 *   floor --png FILE WxH FONT   no window: the frame drawn on a surface and written as a PNG
 *
 * It draws into the window's own surface (no renderer, no texture), so it holds one frame.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, SDL_GetError());
	return 1;
}

static void draw(SDL_Surface *frame, TTF_Font *font)
{
	SDL_FillRect(frame, NULL, SDL_MapRGB(frame->format, 245, 243, 238));
	SDL_Surface *line = TTF_RenderUTF8_Blended(font, "Welcome and introduction",
						   (SDL_Color){17, 20, 24, 255});
	if (line) {
		SDL_Rect at = {frame->w / 20, frame->h / 3, 0, 0};
		SDL_BlitSurface(line, NULL, frame, &at);
		SDL_FreeSurface(line);
	}
}

int main(int argc, char **argv)
{
	bool stay = argc > 1 && !strcmp(argv[1], "--stay");
	const char *png = argc > 2 && !strcmp(argv[1], "--png") ? argv[2] : NULL;
	int first = stay ? 2 : png ? 3 : 1;
	int w, h;
	if (argc != first + 2 || sscanf(argv[first], "%dx%d", &w, &h) != 2) {
		fprintf(stderr, "usage: floor [--stay | --png FILE] WxH FONT\n");
		return 2;
	}
	/* the window's own surface, in shared memory with the X server: no GL behind it */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(png ? 0 : SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
		return fail("init");
	TTF_Font *font = TTF_OpenFont(argv[first + 1], h / 12);
	if (!font)
		return fail("font");
	if (png) {
		SDL_Surface *frame = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
								    SDL_PIXELFORMAT_ARGB8888);
		if (!frame)
			return fail("surface");
		draw(frame, font);
		if (IMG_SavePNG(frame, png) != 0)
			return fail("png");
		return 0;
	}
	SDL_Window *window = SDL_CreateWindow("floor", SDL_WINDOWPOS_CENTERED,
					      SDL_WINDOWPOS_CENTERED, w, h, SDL_WINDOW_SHOWN);
	SDL_Surface *frame = window ? SDL_GetWindowSurface(window) : NULL;
	if (!frame)
		return fail("window");
	draw(frame, font);
	SDL_UpdateWindowSurface(window);
	printf("shown\n");
	fflush(stdout);
	if (stay) {
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		for (int sig = 0; sig != SIGTERM;) {
			SDL_PumpEvents();
			if (sigwait(&set, &sig) != 0)
				break;
		}
	}
	TTF_CloseFont(font);
	SDL_DestroyWindow(window);
	SDL_Quit();
	return 0;
}
