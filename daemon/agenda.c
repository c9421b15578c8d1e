/*
 * agenda.c — the agenda model and its string store; see agenda.h.
 *
 * Strings live in chunks of at least 16 KiB owned by the agenda, so a parsed feed of a
 * thousand events is a handful of allocations and one agenda_destroy() frees it all.
 */
#include "agenda.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define CHUNK_MIN (16 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct agenda_strings {
	struct chunk *head;
};

struct agenda *agenda_create(void)
{
	struct agenda *agenda = calloc(1, sizeof *agenda);
	if (!agenda)
		return NULL;
	agenda->strings = calloc(1, sizeof *agenda->strings);
	if (!agenda->strings) {
		free(agenda);
		return NULL;
	}
	return agenda;
}

void agenda_destroy(struct agenda *agenda)
{
	if (!agenda)
		return;
	for (size_t i = 0; i < agenda->n_events; i++)
		free(agenda->events[i].speakers);
	free(agenda->events);
	free(agenda->rooms);
	free(agenda->warnings);
	struct chunk *c = agenda->strings->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(agenda->strings);
	free(agenda);
}

static void *store_alloc(struct agenda *agenda, size_t size)
{
	struct chunk *c = agenda->strings->head;
	if (!c || c->size - c->used < size) {
		size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
		c = malloc(sizeof *c + want);
		if (!c)
			return NULL;
		c->used = 0;
		c->size = want;
		c->next = agenda->strings->head;
		agenda->strings->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

/* Shortens len so that s[0..len) does not end inside a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t len)
{
	size_t i = len;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return 0;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return len - (i - 1) >= need ? len : i - 1;
}

/*
 * The length of the well-formed UTF-8 character at s[0..len) (RFC 3629: no overlong form,
 * no surrogate, nothing past U+10FFFF), or 0 when s does not start with one.
 */
static size_t utf8_char_length(const unsigned char *s, size_t len)
{
	unsigned char b = s[0];
	if (b < 0x80)
		return 1;
	size_t need = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
		    : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
	if (need == 0 || len < need)
		return 0;
	unsigned char lo = 0x80, hi = 0xBF;	/* the range of the second byte */
	if (b == 0xE0)
		lo = 0xA0;
	else if (b == 0xED)
		hi = 0x9F;
	else if (b == 0xF0)
		lo = 0x90;
	else if (b == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return need;
}

bool agenda_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		/* feeds are mostly ASCII: eight bytes at a time while no byte has its high bit */
		uint64_t word;
		if (len - i >= sizeof word) {
			memcpy(&word, p + i, sizeof word);
			if (!(word & 0x8080808080808080u)) {
				i += sizeof word;
				continue;
			}
		}
		size_t n = utf8_char_length(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t agenda_utf8_repair(const char *s, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used = 0;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_char_length(p + i, len - i);
		size_t width = n ? n : 3;
		if (used + width > cap)
			break;
		if (out)
			memcpy(out + used, n ? s + i : "\xEF\xBF\xBD", width);
		used += width;
		i += n ? n : 1;
	}
	return used;
}

/*
 * Every string a feed gives enters the agenda here, so this is where bytes that are not
 * UTF-8 become U+FFFD: the screen, --state and status.json then carry the same text
 * (jansson refuses invalid strings).
 */
const char *agenda_strndup(struct agenda *agenda, const char *s, size_t len)
{
	if (len == 0)
		return "";
	if (agenda_utf8_valid(s, len)) {
		if (len > AGENDA_MAX_STRING)
			len = utf8_cut(s, AGENDA_MAX_STRING);
		char *copy = store_alloc(agenda, len + 1);
		if (!copy)
			return NULL;
		memcpy(copy, s, len);
		copy[len] = '\0';
		return copy;
	}
	size_t need = agenda_utf8_repair(s, len, NULL, AGENDA_MAX_STRING);
	char *copy = store_alloc(agenda, need + 1);
	if (!copy)
		return NULL;
	agenda_utf8_repair(s, len, copy, need);
	copy[need] = '\0';
	return copy;
}

const char *agenda_strdup(struct agenda *agenda, const char *s)
{
	return agenda_strndup(agenda, s, strlen(s));
}

struct event *agenda_add_event(struct agenda *agenda)
{
	if (agenda->n_events >= AGENDA_MAX_EVENTS)
		return NULL;
	struct event *events = grow_array(agenda->events, &agenda->cap_events, agenda->n_events + 1,
					  sizeof *events, AGENDA_MAX_EVENTS);
	if (!events)
		return NULL;
	agenda->events = events;
	struct event *ev = &agenda->events[agenda->n_events++];
	*ev = (struct event){.id = "", .title = "", .subtitle = "", .room = "", .track = "", .note = "",
			    .url = ""};
	return ev;
}

/* The warning for an event whose room does not fit. */
static void note_room_cap(struct agenda *agenda, const char *room, int line)
{
	agenda_warn(agenda, line, "more than %d rooms: the session in \"%.60s\" is left out",
		    AGENDA_MAX_ROOMS, room);
}

struct event *agenda_add_event_or_note(struct agenda *agenda, const char *room, int line,
				       bool *full)
{
	*full = false;
	if (agenda->n_events >= AGENDA_MAX_EVENTS) {
		*full = true;
		if (!agenda->events_capped)
			agenda_warn(agenda, line, "more than %d sessions: this one and the rest "
					      "are left out", AGENDA_MAX_EVENTS);
		agenda->events_capped = true;
		return NULL;
	}
	const char *name = NULL;
	if (room && !(name = agenda_add_room(agenda, room))) {
		if (agenda->n_rooms < AGENDA_MAX_ROOMS)
			return NULL;
		*full = true;
		note_room_cap(agenda, room, line);
		return NULL;
	}
	struct event *ev = agenda_add_event(agenda);
	if (ev && name)
		ev->room = name;
	return ev;
}

bool agenda_settle_rooms(struct agenda *agenda)
{
	size_t kept = 0;
	for (size_t i = 0; i < agenda->n_events; i++) {
		struct event *ev = &agenda->events[i];
		const char *room = agenda_add_room(agenda, ev->room);
		if (!room && agenda->n_rooms < AGENDA_MAX_ROOMS) {
			size_t rest = agenda->n_events - i;	/* each event stays owned once */
			memmove(&agenda->events[kept], ev, rest * sizeof *ev);
			agenda->n_events = kept + rest;
			return false;
		}
		if (!room) {
			note_room_cap(agenda, ev->room, ev->line);
			free(ev->speakers);
			continue;
		}
		ev->room = room;
		agenda->events[kept++] = *ev;
	}
	agenda->n_events = kept;
	return true;
}

bool agenda_add_speaker(struct agenda *agenda, struct event *ev, const char *name, size_t len)
{
	if (ev->n_speakers >= AGENDA_MAX_SPEAKERS)
		return false;
	const char **speakers = realloc(ev->speakers, (ev->n_speakers + 1) * sizeof *speakers);
	if (!speakers)
		return false;
	ev->speakers = speakers;
	const char *copy = agenda_strndup(agenda, name, len);
	if (!copy)
		return false;
	ev->speakers[ev->n_speakers++] = copy;
	return true;
}

int agenda_room_index(const struct agenda *agenda, const char *name)
{
	for (size_t i = 0; i < agenda->n_rooms; i++)
		if (!strcmp(agenda->rooms[i], name))
			return (int)i;
	return -1;
}

const char *agenda_add_room(struct agenda *agenda, const char *name)
{
	size_t len = strlen(name);
	if (len > AGENDA_MAX_STRING || !agenda_utf8_valid(name, len)) {
		/* Looked up as it will be stored: with U+FFFD, cut to length. */
		name = agenda_strndup(agenda, name, len);
		if (!name)
			return NULL;
	}
	int i = agenda_room_index(agenda, name);
	if (i >= 0)
		return agenda->rooms[i];
	if (agenda->n_rooms >= AGENDA_MAX_ROOMS)
		return NULL;
	const char **rooms = grow_array(agenda->rooms, &agenda->cap_rooms, agenda->n_rooms + 1,
					sizeof *rooms, AGENDA_MAX_ROOMS);
	if (!rooms)
		return NULL;
	agenda->rooms = rooms;
	const char *copy = agenda_strdup(agenda, name);
	if (!copy)
		return NULL;
	agenda->rooms[agenda->n_rooms++] = copy;
	return copy;
}

bool agenda_set_room(struct agenda *agenda, struct event *ev, const char *name)
{
	const char *room = agenda_add_room(agenda, name);
	if (!room)
		return false;
	ev->room = room;
	return true;
}

void agenda_warn(struct agenda *agenda, int line, const char *fmt, ...)
{
	if (agenda->n_warnings >= AGENDA_MAX_WARNINGS) {
		agenda->n_warnings_dropped++;
		return;
	}
	if (!agenda->warnings) {
		agenda->warnings = calloc(AGENDA_MAX_WARNINGS, sizeof *agenda->warnings);
		if (!agenda->warnings)
			return;
	}
	struct agenda_warning *w = &agenda->warnings[agenda->n_warnings++];
	w->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->message, sizeof w->message, fmt, ap);
	va_end(ap);
}

static bool copy_event(struct agenda *dst, const struct event *src)
{
	struct event *ev = agenda_add_event(dst);
	if (!ev)
		return false;
	const char *id = agenda_strdup(dst, src->id), *title = agenda_strdup(dst, src->title);
	const char *subtitle = agenda_strdup(dst, src->subtitle);
	const char *track = agenda_strdup(dst, src->track), *note = agenda_strdup(dst, src->note);
	const char *url = agenda_strdup(dst, src->url);
	if (!id || !title || !subtitle || !track || !note || !url ||
	    !agenda_set_room(dst, ev, src->room)) {
		dst->n_events--;
		return false;
	}
	ev->id = id;
	ev->title = title;
	ev->subtitle = subtitle;
	ev->track = track;
	ev->note = note;
	ev->url = url;
	ev->start = src->start;
	ev->end = src->end;
	ev->status = src->status;
	ev->all_day = src->all_day;
	ev->everywhere = src->everywhere;
	ev->line = src->line;
	for (size_t i = 0; i < src->n_speakers; i++) {
		if (!agenda_add_speaker(dst, ev, src->speakers[i], strlen(src->speakers[i]))) {
			free(ev->speakers);
			dst->n_events--;
			return false;
		}
	}
	return true;
}

bool agenda_merge(struct agenda *dst, const struct agenda *src)
{
	for (size_t i = 0; i < src->n_rooms; i++)
		if (!agenda_add_room(dst, src->rooms[i]))
			return false;
	for (size_t i = 0; i < src->n_events; i++)
		if (!copy_event(dst, &src->events[i]))
			return false;
	if (!dst->timezone && src->timezone)
		dst->timezone = agenda_strdup(dst, src->timezone);
	for (size_t i = 0; i < src->n_warnings; i++)
		agenda_warn(dst, src->warnings[i].line, "%s", src->warnings[i].message);
	return true;
}

struct agenda *agenda_clone(const struct agenda *src)
{
	struct agenda *copy = agenda_create();
	if (copy && !agenda_merge(copy, src)) {
		agenda_destroy(copy);
		return NULL;
	}
	return copy;
}

static bool event_before(const struct event *x, const struct event *y)
{
	if (x->start != y->start)
		return x->start < y->start;
	return x->end < y->end;
}

/* A stable merge sort: feed order breaks ties, which qsort() would not keep. */
static void merge_sort(struct event *a, struct event *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t half = n / 2;
	merge_sort(a, tmp, half);
	merge_sort(a + half, tmp, n - half);
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n)
		tmp[k++] = event_before(&a[j], &a[i]) ? a[j++] : a[i++];
	while (i < half)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

bool agenda_sort(struct agenda *agenda)
{
	if (agenda->n_events < 2)
		return true;
	struct event *tmp = malloc(agenda->n_events * sizeof *tmp);
	if (!tmp)
		return false;
	merge_sort(agenda->events, tmp, agenda->n_events);
	free(tmp);
	return true;
}

static int compare_ids(const void *a, const void *b)
{
	const struct event *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

bool agenda_mark_changes(struct agenda *fresh, const struct agenda *previous)
{
	if (!previous || previous->n_events == 0)
		return true;
	const struct event **index = malloc(previous->n_events * sizeof *index);
	if (!index)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < previous->n_events; i++)
		if (previous->events[i].id[0])
			index[n++] = &previous->events[i];
	qsort(index, n, sizeof *index, compare_ids);
	for (size_t i = 0; i < fresh->n_events; i++) {
		struct event *ev = &fresh->events[i];
		if (!ev->id[0] || ev->status == EVENT_CANCELLED)
			continue;
		const struct event key = {.id = ev->id}, *keyp = &key;
		const struct event **found = bsearch(&keyp, index, n, sizeof *index, compare_ids);
		if (!found)
			continue;
		const struct event *old = *found;
		if (strcmp(old->room, ev->room) != 0)
			ev->status = EVENT_MOVED;
		else if (old->start != ev->start || old->end != ev->end)
			ev->status = EVENT_CHANGED;
		else if (ev->status == EVENT_SCHEDULED &&
			 (old->status == EVENT_MOVED || old->status == EVENT_CHANGED))
			ev->status = old->status;
	}
	free(index);
	return true;
}

const char *event_status_name(enum event_status status)
{
	switch (status) {
	case EVENT_CANCELLED:
		return "cancelled";
	case EVENT_CHANGED:
		return "changed";
	case EVENT_MOVED:
		return "moved";
	case EVENT_SCHEDULED:
		break;
	}
	return "scheduled";
}
