/*
 * slide_content.c — the screen's wording for now/next; see slide_content.h for the rules.
 *
 * Every string goes into the content's own arena (put()), so the content does not borrow
 * the agenda: the render loop may swap agendas while a frame is on screen.
 */
#include "slide_content.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qr.h"


/* Copies printf output into the arena, cut at a UTF-8 boundary when the arena is full. */
static const char *put(struct slide_content *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *put(struct slide_content *c, const char *fmt, ...)
{
	size_t room = sizeof c->arena - c->arena_used;
	char *dst = c->arena + c->arena_used;
	if (room == 0)
		return "";
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dst[0] = '\0';
		n = 0;
	}
	size_t len = (size_t)n < room ? (size_t)n : room - 1;
	while (len > 0 && ((unsigned char)dst[len] & 0xC0) == 0x80)
		len--;	/* do not end inside a UTF-8 sequence */
	dst[len] = '\0';
	c->arena_used += len + 1;
	return dst;
}

static int64_t local_day(const struct tz *zone, time_t t, struct civil *local)
{
	tz_to_local(zone, t, local);
	return civil_days_from_date(local->year, local->month, local->day);
}

/* A time of day as the language writes it: "14:05", "2:05 pm". */
static const char *time_of_day(struct slide_content *c, int hour, int minute)
{
	char buf[64];
	words_time(c->words, buf, sizeof buf, hour, minute);
	return put(c, "%s", buf);
}

static const char *clock_text(struct slide_content *c, const struct tz *zone, time_t t)
{
	struct civil l;
	tz_to_local(zone, t, &l);
	return time_of_day(c, l.hour, l.minute);
}

/* One of the language's formats with its values, into the arena. */
#define PUT_WORD(c, w, ...) \
	(words_format((c)->words, buf, sizeof buf, (w), __VA_ARGS__), put((c), "%s", buf))

static const char *speakers_text(struct slide_content *c, const struct event *ev)
{
	char buf[1024];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < ev->n_speakers && used < sizeof buf; i++) {
		int n = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
				 ev->speakers[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return put(c, "%s", buf);
}

/* "12 min left", "1 h 5 min left", "1 h left" */
static const char *left_text(struct slide_content *c, time_t now, time_t end)
{
	long minutes = (long)((end - now + 59) / 60);
	char buf[128];
	if (minutes < 60)
		return PUT_WORD(c, WORD_MIN_LEFT, minutes);
	if (minutes % 60 == 0)
		return PUT_WORD(c, WORD_H_LEFT, minutes / 60);
	return PUT_WORD(c, WORD_H_MIN_LEFT, minutes / 60, minutes % 60);
}

void slide_content_when(const struct words *words, const struct tz *zone, time_t now,
			time_t start, char *buf, size_t size)
{
	struct civil l_now, l_start;
	int64_t d_now = local_day(zone, now, &l_now);
	int64_t d_start = local_day(zone, start, &l_start);
	long minutes = (long)((start - now + 59) / 60);
	char at[64];
	words_time(words, at, sizeof at, l_start.hour, l_start.minute);
	if (d_start == d_now && minutes <= 60)
		words_format(words, buf, size, WORD_IN_MIN, minutes);
	else if (d_start == d_now)
		snprintf(buf, size, "%s", at);
	else if (d_start == d_now + 1)
		words_format(words, buf, size, WORD_TOMORROW_AT, at);
	else if (d_start < d_now + 7)
		words_format(words, buf, size, WORD_WEEKDAY_AT,
			     words_weekday(words, civil_weekday(d_start)), at);
	else
		words_format(words, buf, size, WORD_DAY_AT, l_start.day,
			     words_month(words, l_start.month, true), at);
}

static const char *when_text(struct slide_content *c, const struct tz *zone, time_t now,
			     time_t start)
{
	char buf[256];
	slide_content_when(c->words, zone, now, start, buf, sizeof buf);
	return put(c, "%s", buf);
}

static void fill_session(struct slide_content *c, const struct tz *zone, const struct event *ev,
			 struct slide_session *s)
{
	struct civil a, b;
	tz_to_local(zone, ev->start, &a);
	tz_to_local(zone, ev->end, &b);
	s->title = put(c, "%s", ev->title);
	s->speakers = speakers_text(c, ev);
	char from[64], to[64];
	words_time(c->words, from, sizeof from, a.hour, a.minute);
	words_time(c->words, to, sizeof to, b.hour, b.minute);
	s->times = put(c, "%s – %s", from, to);
	s->track = put(c, "%s", ev->track);
	s->cancelled = ev->status == EVENT_CANCELLED;
	s->left = "";
	s->when = "";
	s->ended = false;
	s->note = put(c, "%s", ev->note ? ev->note : "");
}

/* The session of the screen's room that ended last, at most SLIDE_ENDED_GRACE before now. */
static const struct event *just_ended(const struct agenda *agenda, const struct sched *sched,
				      size_t room, time_t now)
{
	const struct event *best = NULL;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (!sched_event_shows(sched, i, room) || ev->end > now ||
		    now - ev->end > SLIDE_ENDED_GRACE || ev->end == ev->start)
			continue;
		if (!best || ev->end > best->end)
			best = ev;
	}
	return best;
}

static bool is_listed(const struct event *ev, const struct sched_room *r)
{
	for (size_t i = 0; i < r->n_next; i++)
		if (r->next[i] == ev)
			return true;
	for (size_t i = 0; i < r->n_now; i++)
		if (r->now[i] == ev)
			return true;
	return false;
}

/* The rest of the room's day after next, in start order (the agenda need not be sorted). */
static void fill_rows(struct slide_content *c, const struct agenda *agenda,
		      const struct sched *sched, size_t room, const struct tz *zone, time_t now)
{
	const struct sched_room *r = &sched->rooms[room];
	if (r->n_next == 0)
		return;
	struct civil l;
	int64_t today = local_day(zone, r->next[0]->start, &l);
	time_t after = r->next[0]->start;
	const struct event *picked[SLIDE_MAX_ROWS];
	size_t n = 0;
	/* selection by repeated minimum: at most SLIDE_MAX_ROWS passes over the agenda */
	while (n < SLIDE_MAX_ROWS) {
		const struct event *best = NULL;
		for (size_t i = 0; i < agenda->n_events; i++) {
			const struct event *ev = &agenda->events[i];
			if (!sched_event_shows(sched, i, room) || ev->start < after ||
			    ev->start <= now || is_listed(ev, r))
				continue;
			bool taken = false;
			for (size_t k = 0; k < n; k++)
				taken |= picked[k] == ev;
			if (taken || local_day(zone, ev->start, &l) != today)
				continue;
			if (!best || ev->start < best->start)
				best = ev;
		}
		if (!best)
			break;
		picked[n++] = best;
		after = best->start;
	}
	for (size_t i = 0; i < n; i++) {
		c->rows[i].time = clock_text(c, zone, picked[i]->start);
		c->rows[i].title = put(c, "%s", picked[i]->title);
		c->rows[i].cancelled = picked[i]->status == EVENT_CANCELLED;
	}
	c->n_rows = n;
}

static void fill_one_room(struct slide_content *c, const struct agenda *agenda,
			  const struct sched *sched, const struct slide_content_options *o)
{
	const struct sched_room *r = &sched->rooms[0];
	const struct tz *zone = o->zone;
	time_t minute = o->now - (o->now % 60);
	c->room = put(c, "%s", r->room);
	for (size_t i = 0; i < r->n_now && c->n_now < SLIDE_MAX_NOW; i++) {
		const struct event *ev = r->now[i];
		struct slide_session *s = &c->now[c->n_now++];
		fill_session(c, zone, ev, s);
		s->when = words_get(c->words, WORD_NOW);
		s->left = left_text(c, o->now, ev->end);
	}
	if (c->n_now > 0 && c->now[0].cancelled) {
		c->now[0].left = "";	/* no countdown, no bar: it is not happening */
	} else if (c->n_now > 0) {
		const struct event *ev = r->now[0];
		double p = ev->end > ev->start ? (double)(minute - ev->start) / (double)(ev->end - ev->start)
					       : 0;
		c->progress = p < 0 ? 0 : p > 1 ? 1 : p;
	} else {
		const struct event *ev = just_ended(agenda, sched, 0, o->now);
		if (ev) {
			struct slide_session *s = &c->now[c->n_now++];
			fill_session(c, zone, ev, s);
			s->when = words_get(c->words, WORD_ENDED);
			s->ended = true;
		}
	}
	for (size_t i = 0; i < r->n_next && c->n_next < SLIDE_MAX_NEXT; i++) {
		struct slide_session *s = &c->next[c->n_next++];
		fill_session(c, zone, r->next[i], s);
		s->when = when_text(c, zone, o->now, r->next[i]->start);
	}
	fill_rows(c, agenda, sched, 0, zone, o->now);
	/* next in another room (a plenary, a screen for several rooms): which way it is */
	c->next_direction = "";
	if (r->n_next && r->next[0]->room[0] && strcmp(r->next[0]->room, r->room)) {
		enum direction way = direction_find(o->directions, o->n_directions, o->aliases,
						    o->n_aliases, r->next[0]->room);
		if (way != DIRECTION_HERE)
			c->next_direction = direction_glyph(way);
	}
	/* the QR code: the session on now (not one that has ended), else the next one */
	const struct event *with_url = r->n_now && r->now[0]->url[0] ? r->now[0]
				       : !r->n_now && r->n_next && r->next[0]->url[0] ? r->next[0]
				       : NULL;
	if (o->qr && with_url) {
		const char *url = put(c, "%s", with_url->url);
		if (qr_fits(url)) {
			c->qr_url = url;
			c->qr_in_now = r->n_now > 0;
		} else {
			c->qr_refused = url;
		}
	}
}

static void fill_rooms(struct slide_content *c, const struct sched *sched,
		       const struct slide_content_options *o)
{
	c->room = "";
	for (size_t i = 0; i < sched->n_rooms && c->n_rooms < SLIDE_MAX_ROOMS; i++) {
		const struct sched_room *r = &sched->rooms[i];
		struct slide_room_row *row = &c->rooms[c->n_rooms++];
		row->room = put(c, "%s", r->room[0] ? r->room
							: words_get(c->words, WORD_EVERYWHERE));
		row->now = r->n_now ? put(c, "%s", r->now[0]->title) : "";
		row->now_cancelled = r->n_now && r->now[0]->status == EVENT_CANCELLED;
		row->direction = direction_glyph(direction_find(o->directions, o->n_directions,
								o->aliases, o->n_aliases, r->room));
		if (r->n_next) {
			const char *when = when_text(c, o->zone, o->now, r->next[0]->start);
			row->next = put(c, "%s  %s", when, r->next[0]->title);
			row->next_cancelled = r->next[0]->status == EVENT_CANCELLED;
		} else {
			row->next = "";
		}
	}
}

bool slide_content_programme_day(const struct agenda *agenda, const struct sched *sched,
				 const struct tz *zone, time_t now, int64_t *day)
{
	bool any = false, unended = false;
	int64_t first_unended = 0, last = 0;
	struct civil l;
	for (size_t i = 0; i < agenda->n_events; i++) {
		const struct event *ev = &agenda->events[i];
		if (sched_event_first_room(sched, i) >= sched->n_rooms)
			continue;
		int64_t d = local_day(zone, ev->start, &l);
		if (!any || d > last)
			last = d;
		if (ev->end > now && (!unended || d < first_unended)) {
			first_unended = d;
			unended = true;
		}
		any = true;
	}
	*day = unended ? first_unended : last;
	return any;
}

/*
 * Without a trusted clock: the programme of one day, in start order, for the screen's rooms:
 * the first day with a session that has not ended by the (untrusted) clock, else the last
 * day. On a screen for several rooms each row names its room. The selection passes over the
 * agenda at most SLIDE_MAX_ROWS times.
 */
static void fill_programme(struct slide_content *c, const struct agenda *agenda,
			   const struct sched *sched, const struct slide_content_options *o)
{
	c->clock = "";
	c->rows_heading = words_get(c->words, WORD_PROGRAMME);
	c->room = sched->n_rooms == 1 ? put(c, "%s", sched->rooms[0].room) : "";
	/* which events this screen shows: those of its rooms on the programme's day */
	bool *shown = calloc(agenda->n_events ? agenda->n_events : 1, sizeof *shown);
	if (!shown)
		return;
	int64_t day;
	bool any = slide_content_programme_day(agenda, sched, o->zone, o->now, &day);
	struct civil l;
	for (size_t i = 0; i < agenda->n_events && any; i++) {
		const struct event *ev = &agenda->events[i];
		shown[i] = sched_event_first_room(sched, i) < sched->n_rooms &&
			   local_day(o->zone, ev->start, &l) == day;
	}
	const struct event *picked[SLIDE_MAX_ROWS];
	size_t n = 0;
	time_t after = 0;
	bool first = true;
	while (n < SLIDE_MAX_ROWS) {
		const struct event *best = NULL;
		for (size_t i = 0; i < agenda->n_events; i++) {
			const struct event *ev = &agenda->events[i];
			if (!shown[i] || (!first && ev->start < after))
				continue;
			bool taken = false;
			for (size_t k = 0; k < n; k++)
				taken |= picked[k] == ev;
			if (!taken && (!best || ev->start < best->start))
				best = ev;
		}
		if (!best)
			break;
		picked[n++] = best;
		after = best->start;
		first = false;
	}
	for (size_t i = 0; i < n; i++) {
		c->rows[i].time = clock_text(c, o->zone, picked[i]->start);
		c->rows[i].title = sched->n_rooms == 1 || !picked[i]->room[0]
					   ? put(c, "%s", picked[i]->title)
					   : put(c, "%s · %s", picked[i]->title, picked[i]->room);
		c->rows[i].cancelled = picked[i]->status == EVENT_CANCELLED;
	}
	c->n_rows = n;
	free(shown);
	if (!any)
		return;
	civil_date_from_days(day, &l.year, &l.month, &l.day);
	char buf[256];
	words_date(c->words, buf, sizeof buf, civil_weekday(day), l.day, l.month);
	c->date = put(c, "%s", buf);
}

void slide_content_build(const struct agenda *agenda, const struct sched *sched,
			 const struct slide_content_options *o, struct slide_content *out)
{
	memset(out, 0, sizeof *out);
	out->progress = -1;
	struct civil l;
	int64_t day = local_day(o->zone, o->now, &l);
	out->words = o->words;
	char buf[256];
	words_date(out->words, buf, sizeof buf, civil_weekday(day), l.day, l.month);
	out->date = put(out, "%s", buf);
	out->clock = time_of_day(out, l.hour, l.minute);
	out->room = "";
	if (o->stale) {
		char updated[128] = "";
		if (o->feed_updated > 0) {
			struct civil u;
			int64_t uday = local_day(o->zone, o->feed_updated, &u);
			if (uday == day)
				words_time(out->words, updated, sizeof updated, u.hour, u.minute);
			else
				words_format(out->words, updated, sizeof updated, WORD_DAY_MONTH, u.day,
					     words_month(out->words, u.month, true));
		}
		out->stale = updated[0] ? PUT_WORD(out, WORD_OFFLINE_OF, updated)
					: words_get(out->words, WORD_OFFLINE);
	}
	out->rows_heading = words_get(out->words, WORD_LATER_TODAY);
	out->slide = o->slide;
	if (!out->slide)
		out->slide = o->clock_unknown ? SHOW_PROGRAMME
			     : sched->n_rooms > 1 ? SHOW_ROOMS : SHOW_NOW_NEXT;
	switch (out->slide) {
	case SHOW_PROGRAMME:
		fill_programme(out, agenda, sched, o);
		break;
	case SHOW_ROOMS:
		fill_rooms(out, sched, o);
		break;
	case SHOW_NOW_NEXT:
		if (sched->n_rooms >= 1)
			fill_one_room(out, agenda, sched, o);
		break;
	default:	/* the emergency and "off" take the whole screen */
		break;
	}
}

bool slide_content_room_flag(const struct words *words, const struct override_set *set,
			     const char *room, time_t now, char *buf, size_t size)
{
	const struct override_room *r = override_room_at(set, room, now);
	if (!r || (r->full != 1 && r->closed != 1 && !r->note))
		return false;
	const char *flag = r->closed == 1 ? words_get(words, WORD_CLOSED)
			   : r->full == 1 ? words_get(words, WORD_ROOM_FULL) : "";
	const char *note = r->note ? r->note : "";
	snprintf(buf, size, "%s%s%s", flag, *flag && *note ? " · " : "", note);
	return true;
}

/* "Room full · Overflow in Room 3", or NULL when the room has no flags in force. */
static const char *room_flag_text(struct slide_content *c, const struct override_set *set,
				  const char *room, time_t now)
{
	char buf[1024];
	return slide_content_room_flag(c->words, set, room, now, buf, sizeof buf) ? put(c, "%s", buf)
										  : NULL;
}

void slide_content_add_overrides(struct slide_content *c, const struct override_set *set,
				 const struct tz *zone, time_t now, const char *const *rooms,
				 size_t n_rooms)
{
	if (!set)
		return;
	c->blank = !override_screen_on(set, zone, now);
	if (c->blank)
		c->slide = SHOW_OFF;
	const struct override_emergency *e = override_emergency_at(set, now);
	if (e) {
		c->slide = SHOW_EMERGENCY;	/* over everything, screen hours included */
		c->emergency_title = put(c, "%s", e->title);
		c->emergency_text = put(c, "%s", e->text);
	}
	char banner[2048];
	size_t used = 0;
	for (size_t i = 0; i < set->n_announcements; i++) {
		const struct override_announcement *a = &set->announcements[i];
		if (!override_announcement_active(a, now) ||
		    !override_announcement_for_rooms(a, rooms, n_rooms) || used >= sizeof banner)
			continue;
		used += (size_t)snprintf(banner + used, sizeof banner - used, "%s%s",
					 used ? "  ·  " : "", a->text);
	}
	if (used)
		c->banner = put(c, "%s", banner);
	if (c->room[0])
		c->room_flag = room_flag_text(c, set, c->room, now);
	for (size_t i = 0; i < c->n_rooms; i++) {
		const char *flag = room_flag_text(c, set, c->rooms[i].room, now);
		if (flag)
			c->rooms[i].room = put(c, "%s · %s", c->rooms[i].room, flag);
	}
}
