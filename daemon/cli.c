/*
 * cli.c — getopt_long over DESIGN.md section 2; see cli.h.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_FEED = 256,
	OPT_FORMAT,
	OPT_TIMEZONE,
	OPT_ROOM,
	OPT_OVERRIDE,
	OPT_THEME,
	OPT_AT,
	OPT_SPEED,
	OPT_SIZE,
	OPT_ROTATE,
	OPT_WINDOWED,
	OPT_STATE,
	OPT_LAYOUT,
	OPT_SCREENSHOT,
	OPT_CHECK,
	OPT_SLIDE,
	OPT_SCREEN,
	OPT_SCREENS,
	OPT_WATCH,
	OPT_PUSH,
};

static const struct option options[] = {
	{"config", required_argument, NULL, 'c'},
	{"feed", required_argument, NULL, OPT_FEED},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"timezone", required_argument, NULL, OPT_TIMEZONE},
	{"room", required_argument, NULL, OPT_ROOM},
	{"override", required_argument, NULL, OPT_OVERRIDE},
	{"theme", required_argument, NULL, OPT_THEME},
	{"at", required_argument, NULL, OPT_AT},
	{"speed", required_argument, NULL, OPT_SPEED},
	{"size", required_argument, NULL, OPT_SIZE},
	{"rotate", required_argument, NULL, OPT_ROTATE},
	{"windowed", no_argument, NULL, OPT_WINDOWED},
	{"state", no_argument, NULL, OPT_STATE},
	{"layout", no_argument, NULL, OPT_LAYOUT},
	{"screenshot", required_argument, NULL, OPT_SCREENSHOT},
	{"check", no_argument, NULL, OPT_CHECK},
	{"slide", required_argument, NULL, OPT_SLIDE},
	{"screen", required_argument, NULL, OPT_SCREEN},
	{"screens", no_argument, NULL, OPT_SCREENS},
	{"watch", no_argument, NULL, OPT_WATCH},
	{"push", required_argument, NULL, OPT_PUSH},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{0},
};

void cli_usage(FILE *out)
{
	fputs("Usage: foyer [OPTIONS]\n"
	      "Shows what is on now and next in a venue's rooms, full-screen.\n"
	      "\n"
	      "  -c, --config FILE     configuration (default /etc/foyer/foyer.conf)\n"
	      "      --feed SOURCE     feed URL (http, https) or file path; repeatable (merged);\n"
	      "                        replaces the config's feeds\n"
	      "      --format FMT      auto | csv | text | frab-xml | frab-json | schedule2 |\n"
	      "                        pentabarf | sessionize | ical | html (default auto:\n"
	      "                        detected from the content)\n"
	      "      --timezone ZONE   IANA zone of the venue, for times without an offset\n"
	      "      --room NAME       a room this screen serves; repeatable (default: all)\n"
	      "      --override FILE   the AV staff override file\n"
	      "      --theme NAME|DIR  theme (default: the config's, else \"default\")\n"
	      "      --at TIME         pretend the clock reads TIME (ISO 8601; venue local time\n"
	      "                        unless it has an offset), e.g. 2018-12-10T14:50\n"
	      "      --speed N         with --at, simulated time runs N times faster\n"
	      "      --size WxH        render size (default: the screen's)\n"
	      "      --rotate DEG      0 | 90 | 180 | 270\n"
	      "      --windowed        a window instead of full screen\n"
	      "      --state           print now/next per room as JSON and exit\n"
	      "      --layout          print the laid-out slide as JSON and exit\n"
	      "      --screenshot FILE render one frame to a PNG and exit\n"
	      "      --slide KIND[:PAGE]\n"
	      "                        with --state, --layout or --screenshot: that slide of the\n"
	      "                        deck (page 1 by default) whatever the clock says, e.g.\n"
	      "                        rooms:2 (now-next, rooms, agenda, announcement, image)\n"
	      "      --check           validate config, override, theme and feeds; exit 1 on any\n"
	      "                        problem\n"
	      "      --screen NAME     this screen's name: its [screen \"NAME\"] section of the\n"
	      "                        config (default: the first line of the file `screen`\n"
	      "                        beside the config, else the hostname), and its name in\n"
	      "                        the fleet (unless [mqtt] name); with --push, the screen\n"
	      "                        to push to\n"
	      "      --screens         list the venue's screens from the MQTT broker and exit\n"
	      "      --watch           with --screens, keep listing them as they change\n"
	      "      --push FILE       check an override file and publish it to every screen of\n"
	      "                        the venue (or to --screen NAME); an empty file clears\n"
	      "  -V, --version         print the version and exit\n"
	      "  -h, --help            print this help and exit\n"
	      "\n"
	      "Exit status: 0 success, 1 bad input (config, feed, override, theme), 2 usage error.\n",
	      out);
}

static bool set_mode(struct cli *cli, enum cli_mode mode, const char *name, struct error *err)
{
	if (cli->mode != CLI_RUN && cli->mode != mode) {
		error_set(err, 0, 0, "%s cannot be combined with another of --state, --layout, "
				     "--screenshot, --check, --screens, --push", name);
		return false;
	}
	cli->mode = mode;
	return true;
}

static bool add_to(const char **list, size_t *n, const char *value, const char *name,
		   struct error *err)
{
	if (*n >= CLI_MAX_LIST) {
		error_set(err, 0, 0, "%s given more than %d times", name, CLI_MAX_LIST);
		return false;
	}
	list[(*n)++] = value;
	return true;
}

static bool parse_size(const char *s, int *w, int *h)
{
	char *end;
	long width = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	const char *rest = end + 1;
	long height = strtol(rest, &end, 10);
	if (end == rest || *end || width < 16 || height < 16 || width > 16384 || height > 16384)
		return false;
	*w = (int)width;
	*h = (int)height;
	return true;
}

bool cli_parse(int argc, char **argv, struct cli *out, struct error *err)
{
	struct cli cli = {.speed = 1.0, .rotate = -1};
	optind = 0;	/* reset getopt, so tests can call us more than once */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":c:Vh", options, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'c':
			cli.config_path = optarg;
			break;
		case OPT_FEED:
			if (!add_to(cli.feeds, &cli.n_feeds, optarg, "--feed", err))
				return false;
			break;
		case OPT_FORMAT:
			if (!feed_format_from_name(optarg, &cli.format)) {
				error_set(err, 0, 0, "--format: unknown format '%s'", optarg);
				return false;
			}
			cli.format_given = true;
			break;
		case OPT_TIMEZONE:
			cli.timezone = optarg;
			break;
		case OPT_ROOM:
			if (!add_to(cli.rooms, &cli.n_rooms, optarg, "--room", err))
				return false;
			break;
		case OPT_OVERRIDE:
			cli.override_path = optarg;
			break;
		case OPT_THEME:
			cli.theme = optarg;
			break;
		case OPT_AT: {
			size_t n = civil_parse_iso(optarg, &cli.at, &cli.at_has_offset, &cli.at_offset);
			if (n == 0 || optarg[n] != '\0') {
				error_set(err, 0, 0, "--at: '%s' is not an ISO 8601 time "
						     "(like 2018-12-10T14:50)", optarg);
				return false;
			}
			cli.at_given = true;
			break;
		}
		case OPT_SPEED:
			cli.speed = strtod(optarg, &end);
			if (end == optarg || *end || !(cli.speed > 0 && cli.speed <= 100000)) {
				error_set(err, 0, 0, "--speed: '%s' is not a number from 0 to 100000",
					  optarg);
				return false;
			}
			break;
		case OPT_SIZE:
			if (!parse_size(optarg, &cli.width, &cli.height)) {
				error_set(err, 0, 0, "--size: '%s' is not WIDTHxHEIGHT (like 1920x1080)",
					  optarg);
				return false;
			}
			break;
		case OPT_ROTATE:
			cli.rotate = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || cli.rotate % 90 || cli.rotate < 0 ||
			    cli.rotate > 270) {
				error_set(err, 0, 0, "--rotate: '%s' is not 0, 90, 180 or 270", optarg);
				return false;
			}
			break;
		case OPT_WINDOWED:
			cli.windowed = true;
			break;
		case OPT_STATE:
			if (!set_mode(&cli, CLI_STATE, "--state", err))
				return false;
			break;
		case OPT_LAYOUT:
			if (!set_mode(&cli, CLI_LAYOUT, "--layout", err))
				return false;
			break;
		case OPT_SCREENSHOT:
			if (!set_mode(&cli, CLI_SCREENSHOT, "--screenshot", err))
				return false;
			cli.screenshot_path = optarg;
			break;
		case OPT_CHECK:
			if (!set_mode(&cli, CLI_CHECK, "--check", err))
				return false;
			break;
		case OPT_SLIDE: {
			char why[160];
			if (!deck_parse_pick(optarg, &cli.slide_kind, &cli.slide_page, why,
					     sizeof why)) {
				error_set(err, 0, 0, "--slide: %s", why);
				return false;
			}
			cli.slide_given = true;
			break;
		}
		case OPT_SCREEN:
			if (!*optarg) {
				error_set(err, 0, 0, "--screen needs a name");
				return false;
			}
			cli.screen = optarg;
			break;
		case OPT_SCREENS:
			if (!set_mode(&cli, CLI_SCREENS, "--screens", err))
				return false;
			break;
		case OPT_WATCH:
			cli.watch = true;
			break;
		case OPT_PUSH:
			if (!set_mode(&cli, CLI_PUSH, "--push", err))
				return false;
			cli.push_path = optarg;
			break;
		case 'V':
			cli.mode = CLI_VERSION;
			break;
		case 'h':
			cli.mode = CLI_HELP;
			break;
		case ':':
			error_set(err, 0, 0, "%s needs a value", argv[optind - 1]);
			return false;
		default:
			error_set(err, 0, 0, "unknown option '%s'", argv[optind - 1]);
			return false;
		}
	}
	if (optind < argc) {
		error_set(err, 0, 0, "unexpected argument '%s'", argv[optind]);
		return false;
	}
	if (cli.slide_given && cli.mode != CLI_STATE && cli.mode != CLI_LAYOUT &&
	    cli.mode != CLI_SCREENSHOT && cli.mode != CLI_HELP && cli.mode != CLI_VERSION) {
		error_set(err, 0, 0, "--slide needs --state, --layout or --screenshot");
		return false;
	}
	if (cli.watch && cli.mode != CLI_SCREENS) {
		error_set(err, 0, 0, "--watch needs --screens");
		return false;
	}
	if (cli.speed != 1.0 && !cli.at_given) {
		error_set(err, 0, 0, "--speed needs --at (the simulated clock's start)");
		return false;
	}
	*out = cli;
	return true;
}
