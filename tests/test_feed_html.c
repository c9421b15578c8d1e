/*
 * test_feed_html.c — agendas published as web pages (DESIGN.md section 6, HTML): the
 * reference conference's page gives the same agenda as its text, and a table of pages (how
 * text is laid out, what is left out, select =, schema.org JSON-LD events, pages that are
 * not agendas) with the events they give or the error.
 */
#include <stdlib.h>

#include "check.h"
#include "feed.h"
#include "feed_summary.h"
#include "feed_test.h"

static const struct {
	const char *name, *input, *select;
	const char *events;	/* feed_summary() text, or NULL when an error is expected */
	int error_line;
	size_t warnings;
} rows[] = {
	{"blocks, <br>, entities and &nbsp;, list items as speakers",
	 "<!DOCTYPE html><html><body><h2>Agenda</h2><p>Monday 10 December 2018</p>\n"
	 "<p><strong>09.00&nbsp;&ndash;&nbsp;09.30&nbsp;&nbsp; Coffee &amp; cake</strong><br>"
	 "09.30 - 10.00 Talk</p><ul><li>Ada <b>Lovelace</b>, Analyst</li>"
	 "<li>Grace\n   Hopper</li></ul></body></html>",
	 NULL,
	 "2018-12-10T09:00Z/2018-12-10T09:30Z  | Coffee & cake |\n"
	 "2018-12-10T09:30Z/2018-12-10T10:00Z  | Talk | Ada Lovelace; Grace Hopper\n", 0, 0},
	{"a list item's text in a paragraph still has its bullet; an empty item has none",
	 "<p>10 December 2018</p><p>09.00 - 10.00 Panel</p><ul><li><p><strong>Ada</strong>, "
	 "Analyst</p></li><li></li><li>\n  <div>Bo, Chair</div></li></ul><p>Not a speaker</p>",
	 NULL, "2018-12-10T09:00Z/2018-12-10T10:00Z  | Panel | Ada; Bo\n", 0, 0},
	{"table cells set apart, a row is a line",
	 "<html><body><p>2018-12-10</p><table><tr><th>Time</th><th>Session</th></tr>"
	 "<tr><td>14:00-15:00</td><td>Workshop</td></tr>"
	 "<tr><td>15:00 - 15:30</td><td><a href=x>Wrap-up</a></td></tr></table></body></html>",
	 NULL,
	 "2018-12-10T14:00Z/2018-12-10T15:00Z  | Workshop |\n"
	 "2018-12-10T15:00Z/2018-12-10T15:30Z  | Wrap-up |\n", 0, 0},
	{"inline elements do not break lines; Room lines",
	 "<div>10 December 2018</div><div>Room: <em>Main</em> hall</div>"
	 "<div><span>11.00</span> – <span>12.00</span> <span>Keynote</span></div>",
	 NULL, "2018-12-10T11:00Z/2018-12-10T12:00Z Main hall | Keynote |\n", 0, 0},
	{"scripts, styles, templates, nav, header, footer, aside, noscript left out",
	 "<html><head><title>09.00 - 10.00 Title</title><style>p{}</style></head><body>"
	 "<header><p>10 December 2018</p><p>08.00 - 09.00 Header</p></header>"
	 "<nav><p>08.00 - 09.00 Nav</p></nav><p>10 December 2018</p>"
	 "<script>var s = '09.00 - 10.00 Script';</script><template><p>09.00 - 10.00 T</p></template>"
	 "<p>10.00 - 11.00 Real</p><aside><p>11.00 - 12.00 Aside</p></aside>"
	 "<noscript><p>12.00 - 13.00 Noscript</p></noscript>"
	 "<footer><p>13.00 - 14.00 Footer</p></footer></body></html>",
	 NULL, "2018-12-10T10:00Z/2018-12-10T11:00Z  | Real |\n", 0, 0},
	{"hidden, aria-hidden and display:none left out",
	 "<p>10 December 2018</p><p hidden>09.00 - 10.00 A</p>"
	 "<p aria-hidden=\"true\">09.00 - 10.00 B</p><div style=\"color: red; DISPLAY : none\">"
	 "<p>09.00 - 10.00 C</p></div><p aria-hidden=\"false\">10.00 - 11.00 Shown</p>",
	 NULL, "2018-12-10T10:00Z/2018-12-10T11:00Z  | Shown |\n", 0, 0},
	{"display:none after a long inline style",
	 "<p>10 December 2018</p><p style=\"color: #123456; background: url(/a/very/long/path/"
	 "to/an/image/that/goes/on/and/on/for/quite/a/while/so/that/the/style/attribute/is/much/"
	 "longer/than/any/small/buffer/would/hold/even/with/generous/room/for/all/of/its/words/"
	 "and/then/some/more/words/still/to/come/after/those.png); margin: 0 auto; padding: 1em"
	 "; DISPLAY:\tNONE\">09.00 - 10.00 Hidden</p><p>10.00 - 11.00 Shown</p>",
	 NULL, "2018-12-10T10:00Z/2018-12-10T11:00Z  | Shown |\n", 0, 0},
	{"<pre> keeps its lines",
	 "<pre>10 December 2018\n09.00 - 10.00  One\n10.00 - 11.00  Two</pre>", NULL,
	 "2018-12-10T09:00Z/2018-12-10T10:00Z  | One |\n"
	 "2018-12-10T10:00Z/2018-12-10T11:00Z  | Two |\n", 0, 0},
	{"select by #id narrows to one element",
	 "<div id=side><p>11 December 2018</p><p>09.00 - 10.00 Other</p></div>"
	 "<div id=agenda><p>10 December 2018</p><p>10.00 - 11.00 Ours</p></div>",
	 "#agenda", "2018-12-10T10:00Z/2018-12-10T11:00Z  | Ours |\n", 0, 0},
	{"select by .class (one of several) and tag",
	 "<div class=sidebar><p>11 December 2018</p><p>09.00 - 10.00 Other</p></div>"
	 "<section class=\"entry agenda\"><p>10 December 2018</p><p>10.00 - 11.00 Ours</p></section>",
	 "section.agenda", "2018-12-10T10:00Z/2018-12-10T11:00Z  | Ours |\n", 0, 0},
	{"select with a descendant",
	 "<div class=a><p>11 December 2018</p><p>09.00 - 10.00 Other</p></div>"
	 "<main><div class=a><p>10 December 2018</p><p>10.00 - 11.00 Ours</p></div></main>",
	 "main  .a", "2018-12-10T10:00Z/2018-12-10T11:00Z  | Ours |\n", 0, 0},
	{"JSON-LD events are the agenda, the text is not",
	 "<p>10 December 2018</p><p>09.00 - 10.00 Text session</p>"
	 "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
	 "\"@type\": \"Event\", \"name\": \"From JSON-LD\", \"startDate\": "
	 "\"2018-12-10T14:00:00+01:00\", \"endDate\": \"2018-12-10T15:00:00+01:00\", "
	 "\"location\": {\"@type\": \"Place\", \"name\": \"Hall A\"}, \"performer\": "
	 "[{\"@type\": \"Person\", \"name\": \"Ada\"}, \"Grace\"]}</script>",
	 NULL, "2018-12-10T13:00Z/2018-12-10T14:00Z Hall A | From JSON-LD | Ada; Grace\n", 0, 0},
	{"JSON-LD: @graph, subEvent, @type lists and subtypes, cancelled, organizer, venue time",
	 "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebPage\"}, "
	 "{\"@type\": \"Event\", \"name\": \"Conf\", \"startDate\": \"2019-07-01\", "
	 "\"subEvent\": [{\"@type\": \"EducationEvent\", \"name\": \"Workshop\", "
	 "\"startDate\": \"2019-07-01T09:00\", \"endDate\": \"2019-07-01T10:00\", "
	 "\"organizer\": {\"name\": \"Org\"}, \"@id\": \"w1\"}, {\"@type\": [\"Thing\", "
	 "\"https://schema.org/SocialEvent\"], \"name\": \"Party\", \"startDate\": "
	 "\"2019-07-01T20:00Z\", \"endDate\": \"2019-07-01T23:00Z\", \"eventStatus\": "
	 "\"https://schema.org/EventCancelled\"}]}]}</script>",
	 NULL,
	 "2019-07-01T08:00Z/2019-07-01T09:00Z  | Workshop | Org\n"
	 "2019-07-01T20:00Z/2019-07-01T23:00Z  | Party | [cancelled]\n", 0, 0},
	{"JSON-LD: a list at the top, an all-day date, a bad item warned",
	 "<script type=\"application/ld+json\">[{\"@type\": \"Festival\", \"name\": \"Fair\", "
	 "\"startDate\": \"2019-07-02\"}, {\"@type\": \"Event\", \"name\": \"No start\"}]"
	 "</script>",
	 NULL, "2019-07-01T23:00Z/2019-07-02T23:00Z  | Fair |\n", 0, 1},
	{"JSON-LD without events: the text is read",
	 "<script type=\"application/ld+json\">{\"@type\": \"Organization\", \"name\": \"X\"}"
	 "</script><p>10 December 2018</p><p>10.00 - 11.00 Text</p>",
	 NULL, "2018-12-10T10:00Z/2018-12-10T11:00Z  | Text |\n", 0, 0},
	/* not agendas */
	{"a login page", "<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
	 "<form><p>User <input name=u></p><p>Password <input type=password></p></form></body>"
	 "</html>", NULL, NULL, 0, 0},
	{"a captive portal", "<html><body><h1>Welcome to Hotel WiFi</h1><p>Accept the terms "
	 "to continue. Open 9 am - 5 pm</p></body></html>", NULL, NULL, 0, 0},
	{"sessions but no date above them: the page's line",
	 "<html>\n<body>\n\n<p>09.00 - 10.00 A</p></body></html>", NULL, NULL, 4, 0},
	{"select matches nothing",
	 "<p>10 December 2018</p><p>10.00 - 11.00 A</p>", "#agenda", NULL, 0, 0},
	{"select is not a simple selector",
	 "<p>10 December 2018</p><p>10.00 - 11.00 A</p>", "div > p", NULL, 0, 0},
};

/* The event lines of a page are the page's. */
static void test_lines(const struct feed_options *options)
{
	const char *page = "<html>\n<body>\n<p>10 December 2018</p>\n\n<p>\n09.00 - 10.00 A</p>\n";
	struct error err = {0};
	struct agenda *a = feed_parse(page, strlen(page), FEED_HTML, options, NULL, &err);
	CHECK(a && a->n_events == 1 && a->events[0].line == 6, "event line %d",
	      a && a->n_events ? a->events[0].line : -1);
	agenda_destroy(a);
}

static bool same_event(const struct event *x, const struct event *y)
{
	if (x->start != y->start || x->end != y->end || strcmp(x->title, y->title) ||
	    strcmp(x->room, y->room) || strcmp(x->subtitle, y->subtitle) ||
	    x->status != y->status || x->all_day != y->all_day || x->n_speakers != y->n_speakers)
		return false;
	for (size_t i = 0; i < x->n_speakers; i++)
		if (strcmp(x->speakers[i], y->speakers[i]))
			return false;
	return true;
}

/*
 * The reference conference's page (tests/data/feeds/html/reform-2018-12-10.html: a nav,
 * a sidebar with other dates and times, a footer with office hours, scripts, hidden
 * dialogs) gives the agenda its text (../shared/seed/) gives, event by event: then every
 * instant's now and next are the same.
 */
static void test_seed(const struct feed_options *options)
{
	size_t text_len, html_len;
	char *text = feed_test_read(TEST_SHARED_DIR "/seed/000_7f8daefc18f8552d.txt", &text_len);
	char *html = feed_test_read(TEST_DATA_DIR "/feeds/html/reform-2018-12-10.html", &html_len);
	CHECK(html != NULL, "cannot read the seed page");
	if (!text || !html) {
		if (!text)
			printf("skipped the seed comparison: no %s/seed\n", TEST_SHARED_DIR);
		free(text);
		free(html);
		return;
	}
	CHECK(feed_detect(html, html_len) == FEED_HTML, "the seed page is detected as html");
	struct error err = {0};
	struct agenda *from_text = feed_parse(text, text_len, FEED_TEXT, options, NULL, &err);
	struct agenda *from_html = feed_parse(html, html_len, FEED_AUTO, options, NULL, &err);
	CHECK(from_text && from_html, "seed: %s", err.message);
	if (from_text && from_html) {
		CHECK(from_text->n_events == 7 && from_html->n_events == from_text->n_events,
		      "seed: %zu events from the text, %zu from the page", from_text->n_events,
		      from_html->n_events);
		for (size_t i = 0; i < from_text->n_events && i < from_html->n_events; i++)
			CHECK(same_event(&from_text->events[i], &from_html->events[i]),
			      "seed event %zu: \"%s\" from the text, \"%s\" from the page", i,
			      from_text->events[i].title, from_html->events[i].title);
		CHECK(from_html->n_rooms == from_text->n_rooms, "seed: rooms");
		CHECK(from_html->n_warnings == 0, "seed page: %zu warnings", from_html->n_warnings);
	}
	agenda_destroy(from_text);
	agenda_destroy(from_html);
	free(text);
	free(html);
}

int main(void)
{
	struct tz *zone = tz_load("Europe/London", NULL);
	struct feed_options options = {.zone = zone};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct error err = {0};
		options.select = rows[i].select;
		struct agenda *a = feed_parse(rows[i].input, strlen(rows[i].input), FEED_AUTO,
					      &options, NULL, &err);
		if (rows[i].events) {
			CHECK(a != NULL, "%s: %s", rows[i].name, err.message);
			if (a) {
				char got[4096];
				feed_summary(a, got, sizeof got);
				CHECK_STR(got, rows[i].events, "%s", rows[i].name);
				CHECK(a->n_warnings == rows[i].warnings, "%s: %zu warnings (%s)",
				      rows[i].name, a->n_warnings,
				      a->n_warnings ? a->warnings[0].message : "");
			}
		} else {
			CHECK(a == NULL, "%s: expected an error", rows[i].name);
			CHECK(err.message[0] != '\0', "%s: error has a message", rows[i].name);
			CHECK(err.line == rows[i].error_line, "%s: error line %d, expected %d (%s)",
			      rows[i].name, err.line, rows[i].error_line, err.message);
		}
		agenda_destroy(a);
	}
	options.select = NULL;
	test_lines(&options);
	test_seed(&options);
	tz_destroy(zone);
	return check_done();
}
