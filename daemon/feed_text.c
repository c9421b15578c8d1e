/*
 * feed_text.c — the plain-text agenda (DESIGN.md section 6), as organisers publish it on a
 * web page: date lines, "START - END  TITLE" session lines, "Room:" lines, and bulleted
 * speakers ("Name, Role, Organisation") under a session. Everything else is prose and is
 * skipped, so a page pasted as it stands reads correctly.
 *
 * One pass over the lines; each line is tried as a date, a room, a session, then a bullet.
 * Times are local to the venue zone (options->zone) and converted to UTC at once.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "civil.h"
#include "feed.h"

struct cursor {
	const char *p, *end;
};

static const char *const month_names[] = {"january", "february", "march",     "april",
					  "may",     "june",     "july",      "august",
					  "september", "october", "november", "december"};
static const char *const weekday_names[] = {"monday", "tuesday",  "wednesday", "thursday",
					    "friday", "saturday", "sunday"};

static void skip_space(struct cursor *c)
{
	while (c->p < c->end) {
		if (*c->p == ' ' || *c->p == '\t')
			c->p++;
		else if (c->end - c->p >= 2 && !memcmp(c->p, "\xC2\xA0", 2))
			c->p += 2;	/* no-break space, common in pasted web pages */
		else
			break;
	}
}

static bool at_end(struct cursor *c)
{
	skip_space(c);
	return c->p >= c->end;
}

/* Reads a run of letters and matches it (or its 3-letter abbreviation) against names. */
static int read_name(struct cursor *c, const char *const *names, int count)
{
	const char *start = c->p;
	while (c->p < c->end && isalpha((unsigned char)*c->p))
		c->p++;
	size_t len = (size_t)(c->p - start);
	if (len >= 3) {
		for (int i = 0; i < count; i++) {
			size_t full = strlen(names[i]);
			if ((len == full || len == 3 || (len == 4 && i == 8 && full > 4)) &&
			    !strncasecmp(start, names[i], len))
				return i;
		}
	}
	c->p = start;
	return -1;
}

static int read_number(struct cursor *c, int max_digits)
{
	int n = 0, digits = 0;
	while (c->p < c->end && isdigit((unsigned char)*c->p) && digits < max_digits) {
		n = n * 10 + (*c->p++ - '0');
		digits++;
	}
	if (digits == 0 || (c->p < c->end && isdigit((unsigned char)*c->p)))
		return -1;
	return n;
}

static void skip_char(struct cursor *c, char ch)
{
	skip_space(c);
	if (c->p < c->end && *c->p == ch)
		c->p++;
	skip_space(c);
}

/* Day of month with an optional English ordinal suffix: 10, 10th, 1st, 2nd, 3rd. */
static int read_day(struct cursor *c)
{
	int day = read_number(c, 2);
	if (day < 1 || day > 31)
		return -1;
	if (c->end - c->p >= 2 && (!strncasecmp(c->p, "st", 2) || !strncasecmp(c->p, "nd", 2) ||
				   !strncasecmp(c->p, "rd", 2) || !strncasecmp(c->p, "th", 2)))
		c->p += 2;
	return day;
}

/*
 * A line that is only a date: "10 December, 2018", "Monday 10 December 2018",
 * "December 10, 2018", "Monday, December 10th, 2018", "2018-12-10".
 */
static bool parse_date_line(const char *line, size_t len, struct civil *date)
{
	struct cursor c = {line, line + len};
	skip_space(&c);
	struct civil d = {0};
	bool has_offset;
	int offset;
	/* civil_parse_iso() reads up to a NUL, and the line is not NUL-terminated. */
	char head[40];
	size_t avail = (size_t)(c.end - c.p), m = avail < sizeof head - 1 ? avail : sizeof head - 1;
	memcpy(head, c.p, m);
	head[m] = '\0';
	size_t n = civil_parse_iso(head, &d, &has_offset, &offset);
	if (n == 10 && c.end - c.p >= 10) {
		c.p += 10;
		if (!at_end(&c))
			return false;
		*date = d;
		return true;
	}
	if (read_name(&c, weekday_names, 7) >= 0)
		skip_char(&c, ',');
	int month = -1, day = -1;
	if (c.p < c.end && isdigit((unsigned char)*c.p)) {
		day = read_day(&c);
		skip_space(&c);
		month = read_name(&c, month_names, 12);
	} else {
		month = read_name(&c, month_names, 12);
		skip_space(&c);
		day = read_day(&c);
	}
	if (day < 0 || month < 0)
		return false;
	skip_char(&c, ',');
	int year = read_number(&c, 4);
	if (year < 1970 || year > 2200 || !at_end(&c))
		return false;
	d = (struct civil){.year = year, .month = month + 1, .day = day};
	if (!civil_valid(&d))
		return false;
	*date = d;
	return true;
}

enum meridiem { MERIDIEM_NONE, MERIDIEM_AM, MERIDIEM_PM };

struct clock_time {
	int hour, minute;
	enum meridiem meridiem;
};

/* "14.15", "14:15", "2.15pm", "2:15 pm", "2pm", "9 a.m." */
static bool read_time(struct cursor *c, struct clock_time *t)
{
	const char *start = c->p;
	int hour = read_number(c, 2), minute = 0;
	if (hour < 0)
		goto fail;
	if (c->p < c->end && (*c->p == '.' || *c->p == ':') && c->p + 1 < c->end &&
	    isdigit((unsigned char)c->p[1])) {
		c->p++;
		const char *m = c->p;
		minute = read_number(c, 2);
		if (minute < 0 || c->p - m != 2 || minute > 59)
			goto fail;
	} else if (!(c->p < c->end && (tolower((unsigned char)*c->p) == 'a' ||
				       tolower((unsigned char)*c->p) == 'p' || *c->p == ' '))) {
		goto fail;
	}
	const char *before_space = c->p;
	skip_space(c);
	t->meridiem = MERIDIEM_NONE;
	if (c->p < c->end && (tolower((unsigned char)*c->p) == 'a' ||
			      tolower((unsigned char)*c->p) == 'p')) {
		enum meridiem m = tolower((unsigned char)*c->p) == 'a' ? MERIDIEM_AM : MERIDIEM_PM;
		const char *q = c->p + 1;
		if (q < c->end && *q == '.')
			q++;
		if (q < c->end && tolower((unsigned char)*q) == 'm') {
			q++;
			if (q < c->end && *q == '.')
				q++;
			if (q >= c->end || !isalnum((unsigned char)*q)) {
				t->meridiem = m;
				c->p = q;
			}
		}
	}
	if (t->meridiem == MERIDIEM_NONE) {
		c->p = before_space;
		if (before_space == start + (size_t)(hour >= 10 ? 2 : 1) &&
		    !(before_space < c->end && *before_space != ' '))
			goto fail;	/* a bare number ("2018", "90") is not a time */
	}
	if (t->meridiem != MERIDIEM_NONE ? (hour < 1 || hour > 12) : hour > 23)
		goto fail;
	t->hour = hour;
	t->minute = minute;
	return true;
fail:
	c->p = start;
	return false;
}

/* "-", "–", "—" or "to" between the two times. */
static bool read_dash(struct cursor *c)
{
	skip_space(c);
	static const char *const dashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "to "};
	for (size_t i = 0; i < 4; i++) {
		size_t n = strlen(dashes[i]);
		if ((size_t)(c->end - c->p) >= n && !strncasecmp(c->p, dashes[i], n)) {
			c->p += n;
			skip_space(c);
			return true;
		}
	}
	return false;
}

static int to_24h(int hour, enum meridiem m)
{
	if (m == MERIDIEM_AM)
		return hour == 12 ? 0 : hour;
	if (m == MERIDIEM_PM)
		return hour == 12 ? 12 : hour + 12;
	return hour;
}

/*
 * "START <dash> END <spaces> TITLE". On success start/end are seconds after midnight (end
 * may be the next day: the caller adds a day when end <= start) and title points into line.
 */
static bool parse_session_line(const char *line, size_t len, int *start, int *end,
			       const char **title, size_t *title_len)
{
	struct cursor c = {line, line + len};
	skip_space(&c);
	struct clock_time a, b;
	if (!read_time(&c, &a) || !read_dash(&c) || !read_time(&c, &b))
		return false;
	/* One side with am/pm lends it to the other ("10.00 - 11.30am"), unless that puts the
	 * start after the end ("11:30 - 1:00 pm" starts in the morning). */
	if (a.meridiem == MERIDIEM_NONE && b.meridiem != MERIDIEM_NONE && a.hour <= 12) {
		a.meridiem = b.meridiem;
		if (to_24h(a.hour, a.meridiem) * 60 + a.minute > to_24h(b.hour, b.meridiem) * 60 + b.minute)
			a.meridiem = MERIDIEM_AM;
	} else if (b.meridiem == MERIDIEM_NONE && a.meridiem != MERIDIEM_NONE && b.hour <= 12) {
		b.meridiem = a.meridiem;
		if (to_24h(b.hour, b.meridiem) * 60 + b.minute < to_24h(a.hour, a.meridiem) * 60 + a.minute)
			b.meridiem = MERIDIEM_PM;
	}
	*start = (to_24h(a.hour, a.meridiem) * 60 + a.minute) * 60;
	*end = (to_24h(b.hour, b.meridiem) * 60 + b.minute) * 60;
	const char *before = c.p;
	skip_space(&c);
	while (c.p < c.end && (*c.p == '|' || *c.p == ':')) {	/* "14:00 - 15:00 | Title" */
		c.p++;
		skip_space(&c);
	}
	if (c.p == before && c.p < c.end)
		return false;	/* "14:00-15:00x": the title must be set apart */
	const char *t = c.p, *te = c.end;
	while (te > t && isspace((unsigned char)te[-1]))
		te--;
	*title = t;
	*title_len = (size_t)(te - t);
	return true;
}

/* "Room: NAME" or "Location: NAME" (any case). */
static bool parse_room_line(const char *line, size_t len, const char **name, size_t *name_len)
{
	struct cursor c = {line, line + len};
	skip_space(&c);
	static const char *const keys[] = {"room:", "location:"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(keys[i]);
		if ((size_t)(c.end - c.p) > n && !strncasecmp(c.p, keys[i], n)) {
			c.p += n;
			skip_space(&c);
			const char *e = c.end;
			while (e > c.p && isspace((unsigned char)e[-1]))
				e--;
			*name = c.p;
			*name_len = (size_t)(e - c.p);
			return *name_len > 0;
		}
	}
	return false;
}

/* A bullet ("•", "-", "*", "·") and the speaker: the text before its first comma. */
static bool parse_bullet_line(const char *line, size_t len, const char **name, size_t *name_len)
{
	struct cursor c = {line, line + len};
	skip_space(&c);
	static const char *const bullets[] = {"\xE2\x80\xA2", "\xC2\xB7", "-", "*"};
	size_t i;
	for (i = 0; i < 4; i++) {
		size_t n = strlen(bullets[i]);
		if ((size_t)(c.end - c.p) > n && !memcmp(c.p, bullets[i], n) &&
		    (c.p[n] == ' ' || c.p[n] == '\t' || (unsigned char)c.p[n] == 0xC2)) {
			c.p += n;
			break;
		}
	}
	if (i == 4)
		return false;
	skip_space(&c);
	const char *comma = c.p < c.end ? memchr(c.p, ',', (size_t)(c.end - c.p)) : NULL;
	const char *e = comma ? comma : c.end;
	while (e > c.p && isspace((unsigned char)e[-1]))
		e--;
	*name = c.p;
	*name_len = (size_t)(e - c.p);
	return *name_len > 0;
}

struct text_parser {
	struct agenda *agenda;
	const struct feed_options *options;
	bool have_date;
	struct civil date;
	const char *room;
	struct event *last;	/* the session that bullets attach to */
	int first_dropped_line;
};

static time_t local_instant(struct text_parser *tp, int64_t day_offset, int seconds, int line)
{
	struct civil c = tp->date;
	int64_t days = civil_days_from_date(c.year, c.month, c.day) + day_offset;
	civil_date_from_days(days, &c.year, &c.month, &c.day);
	c.hour = seconds / 3600;
	c.minute = seconds / 60 % 60;
	c.second = 0;
	time_t t;
	enum tz_local kind = tz_to_utc(tp->options->zone, &c, &t);
	if (kind == TZ_LOCAL_GAP)
		agenda_warn(tp->agenda, line, "%02d:%02d does not exist on %04d-%02d-%02d (clocks "
					      "went forward); using the end of the gap",
			    c.hour, c.minute, c.year, c.month, c.day);
	else if (kind == TZ_LOCAL_FOLD)
		agenda_warn(tp->agenda, line, "%02d:%02d happens twice on %04d-%02d-%02d (clocks "
					      "went back); using the first",
			    c.hour, c.minute, c.year, c.month, c.day);
	return t;
}

static bool add_session(struct text_parser *tp, int line, int start, int end, const char *title,
			size_t title_len, struct error *err)
{
	if (!tp->have_date) {
		agenda_warn(tp->agenda, line, "session \"%.*s\" has no date line above it; skipped",
			    (int)(title_len > 60 ? 60 : title_len), title);
		if (!tp->first_dropped_line)
			tp->first_dropped_line = line;
		tp->last = NULL;
		return true;
	}
	bool full;
	struct event *ev = agenda_add_event_or_note(tp->agenda, tp->room ? tp->room : "", line,
						    &full);
	if (!ev) {
		tp->last = NULL;
		if (full)
			return true;
		error_set(err, line, 0, "out of memory");
		return false;
	}
	char id[16];
	snprintf(id, sizeof id, "%zu", tp->agenda->n_events);
	ev->id = agenda_strdup(tp->agenda, id);
	ev->title = agenda_strndup(tp->agenda, title, title_len);
	ev->start = local_instant(tp, 0, start, line);
	ev->end = local_instant(tp, end <= start ? 1 : 0, end, line);
	ev->line = line;
	if (!ev->id || !ev->title) {
		error_set(err, line, 0, "out of memory");
		return false;
	}
	tp->last = ev;
	return true;
}

static bool parse_line(struct text_parser *tp, const char *line, size_t len, int lineno,
		       struct error *err)
{
	struct civil date;
	int start, end;
	const char *s;
	size_t n;
	if (parse_date_line(line, len, &date)) {
		tp->date = date;
		tp->have_date = true;
		tp->room = NULL;	/* a new day starts without a room until one is named */
		tp->last = NULL;
	} else if (parse_room_line(line, len, &s, &n)) {
		/* Recorded now, so that a room without sessions is listed too; past the room
		 * cap its sessions are left out as they come. */
		const char *name = agenda_strndup(tp->agenda, s, n);
		const char *room = name ? agenda_add_room(tp->agenda, name) : NULL;
		if (!room && (!name || tp->agenda->n_rooms < AGENDA_MAX_ROOMS)) {
			error_set(err, lineno, 0, "out of memory");
			return false;
		}
		tp->room = room ? room : name;
		tp->last = NULL;
	} else if (parse_session_line(line, len, &start, &end, &s, &n)) {
		if (n == 0) {	/* the event's overall hours, not a session */
			tp->last = NULL;
			return true;
		}
		return add_session(tp, lineno, start, end, s, n, err);
	} else if (tp->last && parse_bullet_line(line, len, &s, &n)) {
		if (!agenda_add_speaker(tp->agenda, tp->last, s, n))
			agenda_warn(tp->agenda, lineno, "too many speakers; \"%.*s\" skipped",
				    (int)(n > 60 ? 60 : n), s);
	}
	return true;
}

struct agenda *feed_text_parse(const char *bytes, size_t len, const struct feed_options *options,
			       struct error *err)
{
	struct text_parser tp = {.agenda = agenda_create(), .options = options};
	if (!tp.agenda) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	const char *p = bytes, *end = bytes + len;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (int lineno = 1; p < end; lineno++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		const char *line_end = eol ? eol : end;
		if (line_end > p && line_end[-1] == '\r')
			line_end--;
		if (!parse_line(&tp, p, (size_t)(line_end - p), lineno, err)) {
			agenda_destroy(tp.agenda);
			return NULL;
		}
		p = next;
	}
	if (tp.agenda->n_events == 0) {
		if (tp.first_dropped_line)
			error_set(err, tp.first_dropped_line, 0,
				  "sessions but no date line (like \"10 December 2018\") above them");
		else
			error_set(err, 0, 0, "no session lines (like \"14.15 - 14.45  Title\") found");
	}
	return tp.agenda;
}
