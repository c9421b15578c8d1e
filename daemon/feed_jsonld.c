/*
 * feed_jsonld.c — schema.org events in a web page (DESIGN.md section 6, HTML): the JSON-LD
 * of every <script type="application/ld+json">, read with jansson.
 *
 * An item whose @type (a string or a list) is Event or one of its subtypes (EducationEvent,
 * Festival, ...) is a session: name, startDate, endDate, location.name as the room,
 * performer names as speakers (else organizer names), eventStatus EventCancelled, @id or
 * url as id. Items are found at the top, in lists, in @graph, and in an event's subEvent:
 * an event with sub-events is the conference itself and only its sub-events are sessions.
 * Times with an offset are honoured, times without are venue time; a date alone is an
 * all-day entry.
 *
 * Entry point: feed_jsonld_parse() (feed_html.h).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "feed_html.h"
#include "feed_time.h"

#define JSONLD_MAX_DEPTH 32

struct jsonld {
	struct agenda *agenda;
	const struct tz *zone;
	int line;		/* the page line of the <script> being read */
	bool full;		/* the event cap was reached */
	bool failed;		/* out of memory */
};

/* The type name without a schema.org prefix ("https://schema.org/Event" -> "Event"). */
static const char *bare_type(const char *type)
{
	const char *slash = strrchr(type, '/');
	if (slash)
		return slash + 1;
	return strncmp(type, "schema:", 7) ? type : type + 7;
}

static bool is_event_type(const char *type)
{
	static const char *const others[] = {"Festival", "Hackathon", "CourseInstance"};
	type = bare_type(type);
	size_t n = strlen(type);
	if (n >= 5 && !strcmp(type + n - 5, "Event") && strcmp(type, "DeliveryEvent"))
		return true;
	for (size_t i = 0; i < sizeof others / sizeof *others; i++)
		if (!strcmp(type, others[i]))
			return true;
	return false;
}

static bool is_event(const json_t *item)
{
	const json_t *type = json_object_get(item, "@type");
	if (json_is_string(type))
		return is_event_type(json_string_value(type));
	size_t i;
	const json_t *t;
	json_array_foreach(type, i, t) {
		if (json_is_string(t) && is_event_type(json_string_value(t)))
			return true;
	}
	return false;
}

/* A thing's name: a string, or an object's "name"; the first of a list. */
static const char *name_of(const json_t *thing)
{
	if (json_is_array(thing))
		thing = json_array_get(thing, 0);
	if (json_is_string(thing))
		return json_string_value(thing);
	const json_t *name = json_object_get(thing, "name");
	return json_is_string(name) ? json_string_value(name) : NULL;
}

static const char *string_of(const json_t *item, const char *key)
{
	const json_t *v = json_object_get(item, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Adds the names of people (one or a list) as speakers; how many were added. */
static size_t add_people(struct jsonld *j, struct event *ev, const json_t *people)
{
	size_t added = 0;
	if (!json_is_array(people)) {
		const char *name = name_of(people);
		if (name && *name && agenda_add_speaker(j->agenda, ev, name, strlen(name)))
			added++;
		return added;
	}
	size_t i;
	const json_t *person;
	json_array_foreach(people, i, person) {
		const char *name = name_of(person);
		if (name && *name && agenda_add_speaker(j->agenda, ev, name, strlen(name)))
			added++;
	}
	return added;
}

static bool has_sub_events(const json_t *item)
{
	const json_t *subs = json_object_get(item, "subEvent");
	return json_is_object(subs) || json_array_size(subs) > 0;
}

static void add_event(struct jsonld *j, const json_t *item)
{
	struct agenda *agenda = j->agenda;
	const char *title = string_of(item, "name");
	const char *starts = string_of(item, "startDate"), *ends = string_of(item, "endDate");
	char what[96];
	snprintf(what, sizeof what, "event \"%.60s\"", title ? title : "?");
	time_t start, end;
	bool all_day = starts && strlen(starts) == 10;
	if (!title || !*title) {
		agenda_warn(agenda, j->line, "an Event without a name, skipped");
		return;
	}
	if (!starts || !feed_time_parse_iso(agenda, j->zone, starts, j->line, what, &start, NULL)) {
		agenda_warn(agenda, j->line, "%s: no startDate (or not ISO 8601), skipped", what);
		return;
	}
	if (all_day) {
		end = start + 86400;
		if (ends && strlen(ends) == 10 &&
		    feed_time_parse_iso(agenda, j->zone, ends, j->line, what, &end, NULL))
			end += 86400;	/* endDate is the last day, inclusive */
	} else if (!ends) {
		agenda_warn(agenda, j->line, "%s has no endDate; shown as a moment", what);
		end = start;
	} else if (!feed_time_parse_iso(agenda, j->zone, ends, j->line, what, &end, NULL) ||
		   end < start) {
		agenda_warn(agenda, j->line, "%s: bad endDate \"%.40s\", skipped", what, ends);
		return;
	}
	bool full = false;
	const char *room = name_of(json_object_get(item, "location"));
	struct event *ev = agenda_add_event_or_note(agenda, room ? room : "", j->line, &full);
	if (!ev) {
		j->failed = !full;
		return;
	}
	ev->start = start;
	ev->end = end;
	ev->all_day = all_day;
	ev->line = j->line;
	const char *status = string_of(item, "eventStatus");
	if (status && !strcmp(bare_type(status), "EventCancelled"))
		ev->status = EVENT_CANCELLED;
	const char *id = string_of(item, "@id");
	if (!id)
		id = string_of(item, "url");
	const char *url = string_of(item, "url");
	if (!(ev->title = agenda_strdup(agenda, title)) ||
	    (id && !(ev->id = agenda_strdup(agenda, id))) ||
	    (url && !(ev->url = agenda_strdup(agenda, url)))) {
		j->failed = true;
		return;
	}
	if (add_people(j, ev, json_object_get(item, "performer")) == 0)
		add_people(j, ev, json_object_get(item, "organizer"));
}

static void walk(struct jsonld *j, const json_t *value, int depth)
{
	if (depth > JSONLD_MAX_DEPTH || j->failed)
		return;
	if (json_is_array(value)) {
		size_t i;
		const json_t *item;
		json_array_foreach(value, i, item) {
			walk(j, item, depth + 1);
		}
		return;
	}
	if (!json_is_object(value))
		return;
	walk(j, json_object_get(value, "@graph"), depth + 1);
	if (!is_event(value))
		return;
	if (has_sub_events(value))
		walk(j, json_object_get(value, "subEvent"), depth + 1);
	else
		add_event(j, value);
}

/* The <script type="application/ld+json"> elements under node, in page order. */
static void find_scripts(struct jsonld *j, const GumboNode *node, int depth)
{
	if (depth > 400 || j->failed)
		return;
	const GumboVector *children;
	if (node->type == GUMBO_NODE_DOCUMENT) {
		children = &node->v.document.children;
	} else if (node->type == GUMBO_NODE_ELEMENT) {
		const GumboElement *e = &node->v.element;
		const GumboAttribute *type = gumbo_get_attribute(&e->attributes, "type");
		if (e->tag == GUMBO_TAG_SCRIPT) {
			if (type && !strcasecmp(type->value, "application/ld+json") &&
			    e->children.length == 1) {
				const GumboNode *text = e->children.data[0];
				json_t *root = json_loads(text->v.text.text, JSON_DECODE_ANY, NULL);
				j->line = (int)e->start_pos.line;
				walk(j, root, 0);
				json_decref(root);
			}
			return;
		}
		children = &e->children;
	} else {
		return;
	}
	for (unsigned i = 0; i < children->length; i++)
		find_scripts(j, children->data[i], depth + 1);
}

struct agenda *feed_jsonld_parse(const GumboNode *document, const struct feed_options *options,
				 struct error *err)
{
	struct jsonld j = {.agenda = agenda_create(), .zone = options->zone};
	if (!j.agenda) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	find_scripts(&j, document, 0);
	if (j.failed) {
		error_set(err, 0, 0, "out of memory");
		agenda_destroy(j.agenda);
		return NULL;
	}
	if (j.agenda->n_events == 0) {	/* no events in JSON-LD: the page's text is read */
		agenda_destroy(j.agenda);
		return NULL;
	}
	return j.agenda;
}
