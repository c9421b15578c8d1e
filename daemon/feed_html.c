/*
 * feed_html.c — an agenda published as a web page (DESIGN.md section 6, HTML).
 *
 * The page is parsed with gumbo into the tree a browser builds (entities decoded, broken
 * markup mended as browsers do), and its visible text is laid out as lines the way a browser
 * shows it: block elements and <br> end lines, list items start with a bullet, table cells
 * are set apart by two spaces, runs of white space collapse. Scripts, styles, templates,
 * navigation, headers, footers, asides and hidden elements are left out. Those lines are
 * then read by the plain-text reader (feed_text_parse), whose line numbers are mapped back
 * to the page's. When the page carries schema.org Event items in JSON-LD, they are the
 * agenda instead (feed_jsonld_parse).
 *
 * Entry point: feed_html_parse(). options->select narrows the page to the first element a
 * simple CSS selector matches.
 */
#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "feed_html.h"
#include "grow.h"

/* The page's text as lines, with the page line each output line started on. */
struct layout {
	char *text;
	size_t len, cap;
	int *lines;		/* lines[k]: the page line of output line k + 1 */
	size_t n_lines, cap_lines;
	bool space;		/* white space seen since the last character */
	bool bullet;		/* a list item began: its first text starts with a bullet */
	bool failed;		/* out of memory */
};

static bool reserve(struct layout *l, size_t more)
{
	if (l->failed)
		return false;
	char *text = grow_array(l->text, &l->cap, l->len + more + 1, 1, SIZE_MAX);
	if (!text) {
		l->failed = true;
		return false;
	}
	l->text = text;
	return true;
}

static bool at_line_start(const struct layout *l)
{
	return l->len == 0 || l->text[l->len - 1] == '\n';
}

#define BULLET "\xE2\x80\xA2 "	/* U+2022 and a space, as the text reader knows it */

/*
 * Appends bytes as they are, starting an output line (from page line `line`) if needed;
 * the first text of a list item is preceded by its bullet, however deep in the item it is
 * (<li><p>Name, Role</p></li>).
 */
static void put(struct layout *l, const char *s, size_t n, int line)
{
	if (n == 0 || !reserve(l, n + strlen(BULLET) + 1))
		return;
	if (at_line_start(l)) {
		int *lines = grow_array(l->lines, &l->cap_lines, l->n_lines + 1, sizeof *lines,
					SIZE_MAX);
		if (!lines) {
			l->failed = true;
			return;
		}
		l->lines = lines;
		l->lines[l->n_lines++] = line;
		if (l->bullet) {
			memcpy(l->text + l->len, BULLET, strlen(BULLET));
			l->len += strlen(BULLET);
		}
	} else if (l->space) {
		l->text[l->len++] = ' ';
	}
	l->space = false;
	l->bullet = false;
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

/* Ends the current line, if anything is on it. */
static void end_line(struct layout *l)
{
	l->space = false;
	if (at_line_start(l) || !reserve(l, 1))
		return;
	while (l->len > 0 && l->text[l->len - 1] == ' ')
		l->len--;
	l->text[l->len++] = '\n';
}

/* Text as a browser shows it: each run of white space is one space, none at a line start. */
static void put_text(struct layout *l, const char *s, int line, bool preformatted)
{
	while (*s) {
		size_t run = 0;
		while (s[run] && !strchr(" \t\n\r\f", s[run]))
			run++;
		put(l, s, run, line);
		s += run;
		if (!*s)
			break;
		if (preformatted && *s == '\n')
			end_line(l);
		else if (!at_line_start(l))
			l->space = true;
		if (*s++ == '\n')
			line++;	/* the page line a later word is on */
	}
}

static bool is_block(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND:
	case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_OL:
	case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TR: case GUMBO_TAG_UL:
		return true;
	default:
		return false;
	}
}

/* Elements whose content is not part of the agenda a reader sees. */
static bool is_left_out(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA:
		return true;
	default:
		return false;
	}
}

static const char *attribute(const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
	return a ? a->value : NULL;
}

/* Whether an inline style has the declaration want ("display:none"), ignoring space and case. */
static bool style_has(const char *style, const char *want)
{
	for (const char *start = style; *start; start++) {
		const char *s = start, *w = want;
		while (*s && *w) {
			if (isspace((unsigned char)*s)) {
				s++;
			} else if (tolower((unsigned char)*s) == *w) {
				s++;
				w++;
			} else {
				break;
			}
		}
		if (!*w)
			return true;
	}
	return false;
}

/* hidden, aria-hidden="true", or an inline style with display:none or visibility:hidden. */
static bool is_hidden(const GumboElement *e)
{
	if (attribute(e, "hidden"))
		return true;
	const char *aria = attribute(e, "aria-hidden");
	if (aria && !strcasecmp(aria, "true"))
		return true;
	const char *style = attribute(e, "style");
	return style && (style_has(style, "display:none") || style_has(style, "visibility:hidden"));
}

static void lay_out(struct layout *l, const GumboNode *node, bool preformatted, int depth)
{
	if (depth > 400)	/* gumbo nests unclosed tags; a browser would not show more */
		return;
	if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
	    node->type == GUMBO_NODE_CDATA) {
		put_text(l, node->v.text.text, (int)node->v.text.start_pos.line, preformatted);
		return;
	}
	if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT)
		return;	/* comments, and <template> contents */
	const GumboVector *children = node->type == GUMBO_NODE_DOCUMENT
					      ? &node->v.document.children
					      : &node->v.element.children;
	if (node->type == GUMBO_NODE_ELEMENT) {
		const GumboElement *e = &node->v.element;
		if (is_left_out(e->tag) || is_hidden(e))
			return;
		int line = (int)e->start_pos.line;
		if (e->tag == GUMBO_TAG_BR) {
			end_line(l);
			return;
		}
		if (e->tag == GUMBO_TAG_TD || e->tag == GUMBO_TAG_TH) {
			if (!at_line_start(l)) {
				l->space = false;
				put(l, "  ", 2, line);
			}
		}
		if (is_block(e->tag))
			end_line(l);
		if (e->tag == GUMBO_TAG_LI)
			l->bullet = true;
		preformatted = preformatted || e->tag == GUMBO_TAG_PRE;
	}
	for (unsigned i = 0; i < children->length; i++)
		lay_out(l, children->data[i], preformatted, depth + 1);
	if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_LI)
		l->bullet = false;	/* an empty item lends its bullet to nothing */
	if (node->type == GUMBO_NODE_ELEMENT && is_block(node->v.element.tag))
		end_line(l);
}

/* A compound selector: an optional tag, an optional #id, and .classes. */
struct compound {
	char tag[32], id[128];
	char classes[4][128];
	int n_classes;
};

#define SELECT_MAX_PARTS 8

/* Reads a name ([A-Za-z0-9_-]+) into out; its length, 0 when none or too long. */
static size_t read_name(const char *s, char *out, size_t size)
{
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_') {
		if (n + 1 >= size)
			return 0;
		out[n] = s[n];
		n++;
	}
	out[n] = '\0';
	return n;
}

/* Parses "tag#id.class descendant" into parts; the count, 0 when not a simple selector. */
static int parse_selector(const char *s, struct compound *parts)
{
	int n = 0;
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (n == SELECT_MAX_PARTS)
			return 0;
		struct compound *c = &parts[n++];
		*c = (struct compound){0};
		size_t used = read_name(s, c->tag, sizeof c->tag);
		s += used;
		bool any = used > 0;
		while (*s == '#' || *s == '.') {
			char kind = *s++;
			if (kind == '#') {
				if (c->id[0] || !(used = read_name(s, c->id, sizeof c->id)))
					return 0;
			} else {
				if (c->n_classes == 4 ||
				    !(used = read_name(s, c->classes[c->n_classes], sizeof c->classes[0])))
					return 0;
				c->n_classes++;
			}
			s += used;
			any = true;
		}
		if (!any || (*s && !isspace((unsigned char)*s)))
			return 0;
	}
	return n;
}

/* Whether the space-separated list has the word. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if ((size_t)(p - start) == n && !memcmp(start, word, n))
			return true;
	}
	return false;
}

static bool matches(const GumboNode *node, const struct compound *c)
{
	if (node->type != GUMBO_NODE_ELEMENT)
		return false;
	const GumboElement *e = &node->v.element;
	if (c->tag[0]) {
		const char *name = gumbo_normalized_tagname(e->tag);
		if (e->tag == GUMBO_TAG_UNKNOWN) {
			GumboStringPiece piece = e->original_tag;
			gumbo_tag_from_original_text(&piece);
			if (piece.length != strlen(c->tag) ||
			    strncasecmp(piece.data, c->tag, piece.length))
				return false;
		} else if (strcasecmp(name, c->tag)) {
			return false;
		}
	}
	const char *id = attribute(e, "id");
	if (c->id[0] && (!id || strcmp(id, c->id)))
		return false;
	const char *classes = attribute(e, "class");
	for (int i = 0; i < c->n_classes; i++)
		if (!classes || !has_word(classes, c->classes[i]))
			return false;
	return true;
}

/* Whether node matches parts[n - 1] with ancestors matching parts[0 .. n - 2] in order. */
static bool matches_path(const GumboNode *node, const struct compound *parts, int n)
{
	if (!matches(node, &parts[n - 1]))
		return false;
	if (n == 1)
		return true;
	for (const GumboNode *up = node->parent; up; up = up->parent)
		if (matches_path(up, parts, n - 1))
			return true;
	return false;
}

/* The first element in document order that the selector matches, or NULL. */
static const GumboNode *find(const GumboNode *node, const struct compound *parts, int n,
			     int depth)
{
	if (depth > 400)
		return NULL;
	if (matches_path(node, parts, n))
		return node;
	const GumboVector *children = node->type == GUMBO_NODE_ELEMENT ? &node->v.element.children
				      : node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
				      : NULL;
	for (unsigned i = 0; children && i < children->length; i++) {
		const GumboNode *found = find(children->data[i], parts, n, depth + 1);
		if (found)
			return found;
	}
	return NULL;
}

/* The page line of output line k (1-based); 0 stays 0. */
static int page_line(const struct layout *l, int k)
{
	return k >= 1 && (size_t)k <= l->n_lines ? l->lines[k - 1] : 0;
}

static struct agenda *read_text(const GumboNode *root, const struct feed_options *options,
				struct error *err)
{
	struct layout l = {0};
	lay_out(&l, root, false, 0);
	end_line(&l);
	if (l.failed) {
		free(l.text);
		free(l.lines);
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	struct agenda *agenda = feed_text_parse(l.text ? l.text : "", l.len, options, err);
	err->line = page_line(&l, err->line);
	if (agenda) {
		for (size_t i = 0; i < agenda->n_events; i++)
			agenda->events[i].line = page_line(&l, agenda->events[i].line);
		for (size_t i = 0; i < agenda->n_warnings; i++)
			agenda->warnings[i].line = page_line(&l, agenda->warnings[i].line);
		if (agenda->n_events == 0 && !err->line)
			error_set(err, 0, 0, "no session lines (like \"14.15 - 14.45  Title\") in "
					     "the page's text: not an agenda page");
	}
	free(l.text);
	free(l.lines);
	return agenda;
}

struct agenda *feed_html_parse(const char *bytes, size_t len, const struct feed_options *options,
			       struct error *err)
{
	GumboOptions gumbo_options = kGumboDefaultOptions;
	gumbo_options.max_errors = 0;	/* the tree is what matters, not the page's mistakes */
	GumboOutput *page = gumbo_parse_with_options(&gumbo_options, bytes, len);
	if (!page) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	struct agenda *agenda = feed_jsonld_parse(page->document, options, err);
	if (!agenda && !err->message[0]) {
		const GumboNode *root = page->document;
		struct compound parts[SELECT_MAX_PARTS];
		int n = 0;
		if (options->select && *options->select &&
		    !(n = parse_selector(options->select, parts))) {
			error_set(err, 0, 0, "select \"%.80s\" is not a simple selector (tag, #id, "
					     ".class, descendant)", options->select);
			root = NULL;
		} else if (n && !(root = find(page->document, parts, n, 0))) {
			error_set(err, 0, 0, "select \"%.80s\" matches no element of the page",
				  options->select);
		}
		if (root)
			agenda = read_text(root, options, err);
	}
	gumbo_destroy_output(&kGumboDefaultOptions, page);
	return agenda;
}
