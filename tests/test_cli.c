/* test_cli.c — the command line of DESIGN.md section 2, including the usage errors. */
#include "check.h"
#include "cli.h"

#define ARGS(...) ((const char *[]){"foyer", __VA_ARGS__, NULL})

static bool parse(const char **argv, struct cli *cli, struct error *err)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	return cli_parse(argc, (char **)argv, cli, err);
}

int main(void)
{
	struct cli cli;
	struct error err;
	CHECK(parse(ARGS("--feed", "a.txt", "--feed", "b.csv", "--state", "--at",
			 "2018-12-10T14:50", "--room", "Main hall", "--timezone", "Europe/London"),
		    &cli, &err), "%s", err.message);
	CHECK(cli.mode == CLI_STATE && cli.n_feeds == 2 && cli.n_rooms == 1, "state mode");
	CHECK(cli.at_given && !cli.at_has_offset && cli.at.hour == 14 && cli.at.minute == 50, "--at");
	CHECK_STR(cli.timezone, "Europe/London", "--timezone");

	CHECK(parse(ARGS("-c", "x.conf", "--screenshot", "s.png", "--size", "1080x1920",
			 "--rotate", "90", "--at", "2018-12-10 14:50:30+01:00", "--speed", "60",
			 "--format", "ical", "--theme", "dark", "--windowed", "--override", "o.conf"),
		    &cli, &err), "%s", err.message);
	CHECK(cli.mode == CLI_SCREENSHOT && cli.width == 1080 && cli.height == 1920, "size");
	CHECK(cli.rotate == 90 && cli.speed == 60 && cli.format == FEED_ICAL && cli.windowed, "rest");
	CHECK(cli.at_has_offset && cli.at_offset == 3600 && cli.at.second == 30, "--at offset");

	CHECK(parse(ARGS("--layout", "--slide", "rooms:2"), &cli, &err), "%s", err.message);
	CHECK(cli.slide_given && cli.slide_kind == DECK_ROOMS && cli.slide_page == 2, "--slide");
	CHECK(parse(ARGS("--slide", "agenda", "--state"), &cli, &err), "%s", err.message);
	CHECK(cli.slide_given && cli.slide_kind == DECK_AGENDA && cli.slide_page == 1, "page 1");
	CHECK(parse(ARGS("--state"), &cli, &err) && !cli.slide_given, "no --slide");

	CHECK(parse(ARGS("--version"), &cli, &err) && cli.mode == CLI_VERSION, "-V");
	CHECK(parse(ARGS("-h"), &cli, &err) && cli.mode == CLI_HELP, "-h");

	static const struct {
		const char *argv[6];
		const char *message;
	} bad[] = {
		{{"foyer", "--bogus"}, "unknown option '--bogus'"},
		{{"foyer", "--feed"}, "needs a value"},
		{{"foyer", "--format", "xls"}, "unknown format 'xls'"},
		{{"foyer", "--at", "yesterday"}, "not an ISO 8601 time"},
		{{"foyer", "--at", "2018-12-10T14:50", "--speed", "-1"}, "--speed"},
		{{"foyer", "--speed", "10"}, "--speed needs --at"},
		{{"foyer", "--size", "big"}, "WIDTHxHEIGHT"},
		{{"foyer", "--size", "1x1"}, "WIDTHxHEIGHT"},
		{{"foyer", "--rotate", "45"}, "0, 90, 180 or 270"},
		{{"foyer", "--state", "--layout"}, "cannot be combined"},
		{{"foyer", "stray"}, "unexpected argument 'stray'"},
		{{"foyer", "--state", "--slide", "lobby"}, "--slide: no slide kind 'lobby'"},
		{{"foyer", "--state", "--slide", "rooms:0"}, "not a page number"},
		{{"foyer", "--slide", "rooms"}, "--slide needs --state, --layout or --screenshot"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int argc = 0;
		while (bad[i].argv[argc])
			argc++;
		CHECK(!cli_parse(argc, (char **)bad[i].argv, &cli, &err), "row %zu fails", i);
		CHECK(strstr(err.message, bad[i].message) != NULL, "row %zu: '%s'", i, err.message);
	}
	return check_done();
}
