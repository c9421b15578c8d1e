/*
 * cli.h — the command line of DESIGN.md section 2, parsed into a struct (no side effects:
 * main decides what to do with it).
 */
#ifndef FOYER_CLI_H
#define FOYER_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "civil.h"
#include "deck.h"
#include "error.h"
#include "feed.h"

#define CLI_MAX_LIST 64

enum cli_mode {
	CLI_RUN,	/* the daemon: the live screen */
	CLI_STATE,	/* --state */
	CLI_LAYOUT,	/* --layout */
	CLI_SCREENSHOT,	/* --screenshot FILE */
	CLI_CHECK,	/* --check */
	CLI_SCREENS,	/* --screens [--watch]: the fleet's status topics */
	CLI_PUSH,	/* --push FILE [--screen NAME] */
	CLI_VERSION,
	CLI_HELP,
};

struct cli {
	enum cli_mode mode;
	const char *config_path;	/* NULL: the default path, which may be missing */
	const char *feeds[CLI_MAX_LIST];
	size_t n_feeds;
	bool format_given;
	enum feed_format format;
	const char *timezone;		/* NULL: not given */
	const char *rooms[CLI_MAX_LIST];
	size_t n_rooms;
	const char *override_path;
	const char *theme;
	bool at_given;
	struct civil at;		/* --at as read; venue local unless at_has_offset */
	bool at_has_offset;
	int at_offset;
	double speed;			/* 1 unless --speed */
	int width, height;		/* 0: not given */
	int rotate;			/* -1: not given */
	bool windowed;
	const char *screenshot_path;
	const char *screen;		/* --screen NAME; NULL: not given */
	bool slide_given;		/* --slide KIND[:PAGE] */
	enum deck_kind slide_kind;
	int slide_page;			/* from 1 */
	bool watch;			/* --watch */
	const char *push_path;		/* --push FILE */
};

/*
 * Parses argv (the strings are borrowed, not copied). False on a usage error, with the reason
 * in err; main then prints it with a pointer to --help and exits 2.
 */
bool cli_parse(int argc, char **argv, struct cli *out, struct error *err);
void cli_usage(FILE *out);

#endif
