/*
 * slide_list.c — the rows of the rooms overview and of the agenda; see slide_list.h.
 *
 * Every string is copied into the list's own pool (keep()), so the list does not borrow the
 * agenda; one slide_list_finish() frees it all.
 */
#include "slide_list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"

struct slide_list_strings {
	char **items;
	size_t n, cap;
};

static const char *keep(struct slide_list *l, bool *oom, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *keep(struct slide_list *l, bool *oom, const char *fmt, ...)
{
	struct slide_list_strings *st = l->strings;
	if (*oom)
		return "";
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		char **items = realloc(st->items, cap * sizeof *items);
		if (!items) {
			*oom = true;
			return "";
		}
		st->items = items;
		st->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*oom = true;
		return "";
	}
	st->items[st->n++] = s;
	return s;
}

static bool list_init(struct slide_list *out, size_t cap)
{
	memset(out, 0, sizeof *out);
	out->strings = calloc(1, sizeof *out->strings);
	out->rows = calloc(cap ? cap : 1, sizeof *out->rows);
	if (!out->strings || !out->rows) {
		slide_list_finish(out);
		return false;
	}
	return true;
}

void slide_list_finish(struct slide_list *list)
{
	if (!list)
		return;
	if (list->strings) {
		for (size_t i = 0; i < list->strings->n; i++)
			free(list->strings->items[i]);
		free(list->strings->items);
		free(list->strings);
	}
	free(list->rows);
	memset(list, 0, sizeof *list);
}

/* The mark of a changed session, as the now/next slide's tags say it. */
static const char *mark_of(const struct words *words, const struct event *ev)
{
	if (ev->status == EVENT_CANCELLED)
		return words_get(words, WORD_CANCELLED);
	if (ev->note[0])
		return ev->note;
	if (ev->status == EVENT_CHANGED)
		return words_get(words, WORD_CHANGED);
	if (ev->status == EVENT_MOVED)
		return words_get(words, WORD_MOVED);
	return "";
}

static int64_t local_day(const struct tz *zone, time_t t)
{
	struct civil l;
	tz_to_local(zone, t, &l);
	return civil_days_from_date(l.year, l.month, l.day);
}

static bool finish_or_fail(struct slide_list *out, bool oom)
{
	if (oom)
		slide_list_finish(out);
	return !oom;
}

size_t slide_list_rooms_count(size_t n_rooms, const struct slide_content_options *o)
{
	if (o->clock_unknown)
		return 0;
	return n_rooms < SLIDE_LIST_MAX_ROWS ? n_rooms : SLIDE_LIST_MAX_ROWS;
}

bool slide_list_rooms(const struct agenda *agenda, const struct sched *sched,
		      const struct slide_content_options *o, struct slide_list *out)
{
	(void)agenda;
	if (!list_init(out, sched->n_rooms))
		return false;
	out->words = o->words;
	if (o->clock_unknown)
		return true;	/* nothing can be called "now": no rows, the slide is skipped */
	bool oom = false;
	int64_t today = local_day(o->zone, o->now);
	/* two passes: the rooms with more today in order, then the rest in order */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sched->n_rooms && out->n < SLIDE_LIST_MAX_ROWS; i++) {
			const struct sched_room *r = &sched->rooms[i];
			bool done = r->n_now == 0 &&
				    (r->n_next == 0 || local_day(o->zone, r->next[0]->start) != today);
			if (done != (pass == 1))
				continue;
			struct slide_list_row *row = &out->rows[out->n++];
			row->room = keep(out, &oom, "%s", r->room[0] ? r->room
							 : words_get(o->words, WORD_EVERYWHERE));
			row->direction = direction_glyph(direction_find(
				o->directions, o->n_directions, o->aliases, o->n_aliases, r->room));
			row->time = "";
			row->title = row->mark = row->next = row->next_mark = row->track = "";
			row->done = done;
			if (r->n_now) {
				const struct event *ev = r->now[0];
				row->title = keep(out, &oom, "%s", ev->title);
				row->mark = keep(out, &oom, "%s", mark_of(o->words, ev));
				row->cancelled = ev->status == EVENT_CANCELLED;
				row->track = keep(out, &oom, "%s", ev->track);
			}
			if (r->n_next) {
				const struct event *ev = r->next[0];
				char when[64];
				slide_content_when(o->words, o->zone, o->now, ev->start, when,
						   sizeof when);
				row->next = keep(out, &oom, "%s  %s", when, ev->title);
				row->next_mark = keep(out, &oom, "%s", mark_of(o->words, ev));
				row->next_cancelled = ev->status == EVENT_CANCELLED;
				if (!row->track[0])
					row->track = keep(out, &oom, "%s", ev->track);
			}
		}
	}
	return finish_or_fail(out, oom);
}

/* start time, then the room's place in the sched, then the feed's order */
struct picked {
	const struct event *ev;
	size_t room, index;
};

static int by_start(const void *a, const void *b)
{
	const struct picked *x = a, *y = b;
	if (x->ev->start != y->ev->start)
		return x->ev->start < y->ev->start ? -1 : 1;
	if (x->room != y->room)
		return x->room < y->room ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The agenda's sessions into picked (NULL: only counted), at most cap; how many. */
static size_t pick_sessions(const struct agenda *agenda, const struct sched *sched,
			    const struct slide_content_options *o, struct picked *picked,
			    size_t cap)
{
	int64_t day = local_day(o->zone, o->now);
	if (o->clock_unknown && !slide_content_programme_day(agenda, sched, o->zone, o->now, &day))
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < agenda->n_events && n < cap; i++) {
		const struct event *ev = &agenda->events[i];
		size_t room = sched_event_first_room(sched, i);
		if (ev->all_day || room >= sched->n_rooms)
			continue;
		if (!o->clock_unknown && ev->end <= o->now)
			continue;	/* ended */
		if (local_day(o->zone, ev->start) != day)
			continue;
		if (picked)
			picked[n] = (struct picked){ev, room, i};
		n++;
	}
	return n;
}

static size_t agenda_cap(const struct agenda *agenda)
{
	return agenda->n_events < SLIDE_LIST_MAX_ROWS ? agenda->n_events : SLIDE_LIST_MAX_ROWS;
}

size_t slide_list_agenda_count(const struct agenda *agenda, const struct sched *sched,
			       const struct slide_content_options *o)
{
	return pick_sessions(agenda, sched, o, NULL, agenda_cap(agenda));
}

bool slide_list_agenda(const struct agenda *agenda, const struct sched *sched,
		       const struct slide_content_options *o, struct slide_list *out)
{
	size_t cap = agenda_cap(agenda);
	struct picked *picked = calloc(cap ? cap : 1, sizeof *picked);
	if (!picked || !list_init(out, cap)) {
		free(picked);
		return false;
	}
	out->words = o->words;
	size_t n = pick_sessions(agenda, sched, o, picked, cap);
	qsort(picked, n, sizeof *picked, by_start);
	bool oom = false;
	for (size_t i = 0; i < n; i++) {
		const struct event *ev = picked[i].ev;
		struct slide_list_row *row = &out->rows[out->n++];
		struct civil l;
		tz_to_local(o->zone, ev->start, &l);
		row->time = keep(out, &oom, "%02d:%02d", l.hour, l.minute);
		row->title = keep(out, &oom, "%s", ev->title);
		row->room = keep(out, &oom, "%s", ev->room);
		row->mark = keep(out, &oom, "%s", mark_of(o->words, ev));
		row->next = row->next_mark = "";
		row->track = keep(out, &oom, "%s", ev->track);
		row->cancelled = ev->status == EVENT_CANCELLED;
		row->current = !o->clock_unknown && ev->start <= o->now && o->now < ev->end;
	}
	free(picked);
	return finish_or_fail(out, oom);
}

bool slide_list_add_overrides(struct slide_list *list, const struct override_set *set,
			      time_t now)
{
	bool oom = false;
	for (size_t i = 0; i < list->n && set; i++) {
		char flag[1024];
		if (slide_content_room_flag(list->words, set, list->rows[i].room, now, flag,
					    sizeof flag))
			list->rows[i].room = keep(list, &oom, "%s · %s", list->rows[i].room, flag);
	}
	return !oom;
}
