/*
 * feed_csv.c — agendas kept in a spreadsheet (DESIGN.md section 6): RFC 4180 CSV as
 * spreadsheets export it, comma or semicolon, UTF-8 with or without BOM, CRLF or LF.
 *
 * The header row names the columns (any case, any order): title and start are required;
 * end or duration; optional date, room, speakers (";"-separated), track, subtitle, id,
 * status. Other columns are ignored. A row whose times cannot be read is dropped with a
 * warning naming its line; a broken file (unterminated quote, no header) is an error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "civil.h"
#include "config.h"
#include "feed.h"
#include "feed_time.h"
#include "grow.h"

#define CSV_MAX_FIELDS 64

enum column {
	COL_TITLE,
	COL_START,
	COL_END,
	COL_DURATION,
	COL_DATE,
	COL_ROOM,
	COL_SPEAKERS,
	COL_TRACK,
	COL_SUBTITLE,
	COL_ID,
	COL_STATUS,
	COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
	"title", "start", "end", "duration", "date", "room",
	"speakers", "track", "subtitle", "id", "status",
};

struct field {
	char *text;	/* unquoted, NUL-terminated copy (freed per row) */
};

struct csv_reader {
	const char *p, *end;
	char delimiter;
	int line;	/* line where the current record starts */
	int next_line;
};

/*
 * Reads one record into fields (at most CSV_MAX_FIELDS; extra fields are ignored).
 * Returns the number of fields, 0 at the end of input, -1 on an unterminated quote.
 */
static int read_record(struct csv_reader *r, struct field *fields)
{
	if (r->p >= r->end)
		return 0;
	r->line = r->next_line;
	int n = 0;
	for (;;) {
		size_t cap = 64, len = 0;
		char *buf = malloc(cap);
		if (!buf)
			return -1;
		bool quoted = false;
		const char *p = r->p;
		while (p < r->end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < r->end && *p == '"') {
			quoted = true;
			r->p = p + 1;
		}
		for (;;) {
			if (r->p >= r->end) {
				if (quoted) {
					free(buf);
					for (int i = 0; i < n; i++)
						free(fields[i].text);
					return -1;
				}
				break;
			}
			char ch = *r->p;
			if (quoted) {
				if (ch == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						r->p++;	/* "" is a quote inside a quoted field */
					} else {
						quoted = false;
						r->p++;
						continue;
					}
				} else if (ch == '\n') {
					r->next_line++;
				}
			} else if (ch == r->delimiter || ch == '\n' || ch == '\r') {
				break;
			}
			/* Read up to 8 × AGENDA_MAX_STRING bytes; cut to the cap later, at a UTF-8
			 * boundary. */
			char *bigger = grow_array(buf, &cap, len + 2, 1, AGENDA_MAX_STRING * 8);
			if (!bigger) {
				free(buf);
				for (int i = 0; i < n; i++)
					free(fields[i].text);
				return -1;
			}
			buf = bigger;
			buf[len++] = ch;
			r->p++;
		}
		while (len > 0 && isspace((unsigned char)buf[len - 1]))
			len--;
		buf[len] = '\0';
		if (n < CSV_MAX_FIELDS)
			fields[n++].text = buf;
		else
			free(buf);
		if (r->p < r->end && *r->p == r->delimiter) {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->next_line++;
		return n;
	}
}

static void free_fields(struct field *fields, int n)
{
	for (int i = 0; i < n; i++)
		free(fields[i].text);
}

/* The header's delimiter: whichever of ',' and ';' occurs more often outside quotes. */
static char guess_delimiter(const char *p, const char *end)
{
	int commas = 0, semicolons = 0;
	bool quoted = false;
	for (; p < end && (quoted || *p != '\n'); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

/*
 * "HH:MM[:SS]" on the given local date, or "YYYY-MM-DD HH:MM[:SS][offset]". A local reading
 * in a DST gap or fold is warned about naming the line (feed_time_local_to_utc).
 */
static bool read_instant(struct agenda *agenda, const struct tz *zone, const char *text,
			 const struct civil *date, int line, const char *what, time_t *out,
			 bool *clock_only)
{
	int secs = civil_parse_clock(text, strlen(text));
	if (secs >= 0) {
		*clock_only = true;
		if (!date)
			return false;
		struct civil c = *date;
		c.hour = secs / 3600;
		c.minute = secs / 60 % 60;
		c.second = secs % 60;
		*out = feed_time_local_to_utc(agenda, zone, &c, line, what);
		return true;
	}
	*clock_only = false;
	size_t n = strlen(text);
	return n > 10 && feed_time_parse_iso(agenda, zone, text, line, what, out, NULL);
}

/* "HH:MM", "H:MM:SS", "90" (minutes), "90m", "1h30m". */
static bool read_duration(const char *text, long *seconds)
{
	int clock = civil_parse_clock(text, strlen(text));
	if (clock >= 0) {
		*seconds = clock;
		return true;
	}
	char *end;
	long minutes = strtol(text, &end, 10);
	if (end != text && *end == '\0' && minutes >= 0 && minutes <= 7 * 24 * 60) {
		*seconds = minutes * 60;
		return true;
	}
	return config_parse_seconds(text, seconds) && *seconds <= 7 * 86400;
}

static bool read_status(const char *text, enum event_status *status)
{
	if (!*text || !strcasecmp(text, "scheduled") || !strcasecmp(text, "confirmed"))
		*status = EVENT_SCHEDULED;
	else if (!strcasecmp(text, "cancelled") || !strcasecmp(text, "canceled"))
		*status = EVENT_CANCELLED;
	else if (!strcasecmp(text, "changed"))
		*status = EVENT_CHANGED;
	else if (!strcasecmp(text, "moved"))
		*status = EVENT_MOVED;
	else
		return false;
	return true;
}

struct csv_parser {
	struct agenda *agenda;
	const struct feed_options *options;
	int columns[COL_COUNT];	/* field index of each column, -1 when absent */
};

static const char *column(const struct csv_parser *cp, struct field *fields, int n, enum column c)
{
	int i = cp->columns[c];
	return i >= 0 && i < n ? fields[i].text : "";
}

/* Adds one data row; false only on a hard failure (err filled). Bad rows are warnings. */
static bool add_row(struct csv_parser *cp, struct field *fields, int n, int line, struct error *err)
{
	struct agenda *a = cp->agenda;
	const char *title = column(cp, fields, n, COL_TITLE);
	const char *start_text = column(cp, fields, n, COL_START);
	if (n == 1 && !*fields[0].text)
		return true;	/* a blank line */
	if (!*title && !*start_text)
		return true;	/* an empty row as spreadsheets leave at the end */
	struct civil date, *datep = NULL;
	const char *date_text = column(cp, fields, n, COL_DATE);
	if (*date_text) {
		bool has_offset;
		int offset;
		size_t used = civil_parse_iso(date_text, &date, &has_offset, &offset);
		if (used != 10 || date_text[used] != '\0') {
			agenda_warn(a, line, "date '%s' is not YYYY-MM-DD; row skipped", date_text);
			return true;
		}
		datep = &date;
	}
	time_t start, end;
	bool start_clock, end_clock;
	char what[80];
	snprintf(what, sizeof what, "session \"%.60s\"", title);
	if (!read_instant(a, cp->options->zone, start_text, datep, line, what, &start,
			  &start_clock)) {
		agenda_warn(a, line, "session \"%.60s\": start '%s' is not %s; row skipped", title,
			    start_text, datep ? "HH:MM" : "YYYY-MM-DD HH:MM (or HH:MM with a date column)");
		return true;
	}
	const char *end_text = column(cp, fields, n, COL_END);
	const char *duration_text = column(cp, fields, n, COL_DURATION);
	long duration;
	if (*end_text) {
		struct civil end_date;	/* an HH:MM end is on the date column's or the start's date */
		if (datep) {
			end_date = *datep;
		} else {
			tz_to_local(cp->options->zone, start, &end_date);
			end_date.hour = end_date.minute = end_date.second = 0;
		}
		if (!read_instant(a, cp->options->zone, end_text, &end_date, line, what, &end,
				  &end_clock)) {
			agenda_warn(a, line, "session \"%.60s\": end '%s' is not a time; row skipped",
				    title, end_text);
			return true;
		}
		if (end_clock && end <= start) {
			/* "23:30" to "00:30": that local time on the next calendar date, which is
			 * not start + 24 h on the nights the clocks change. */
			civil_date_from_days(civil_days_from_date(end_date.year, end_date.month,
								  end_date.day) + 1,
					     &end_date.year, &end_date.month, &end_date.day);
			read_instant(a, cp->options->zone, end_text, &end_date, line, what, &end,
				     &end_clock);
		}
		if (end < start) {
			agenda_warn(a, line, "session \"%.60s\" ends before it starts; row skipped", title);
			return true;
		}
	} else if (*duration_text) {
		if (!read_duration(duration_text, &duration)) {
			agenda_warn(a, line, "session \"%.60s\": duration '%s' is not HH:MM or minutes; "
					     "row skipped", title, duration_text);
			return true;
		}
		end = start + duration;
	} else {
		agenda_warn(a, line, "session \"%.60s\" has neither end nor duration; row skipped", title);
		return true;
	}
	enum event_status status;
	const char *status_text = column(cp, fields, n, COL_STATUS);
	if (!read_status(status_text, &status)) {
		agenda_warn(a, line, "unknown status '%s' (scheduled or cancelled); taken as scheduled",
			    status_text);
		status = EVENT_SCHEDULED;
	}
	bool full;
	struct event *ev = agenda_add_event_or_note(a, column(cp, fields, n, COL_ROOM), line, &full);
	if (!ev) {
		if (full)
			return true;
		error_set(err, line, 0, "out of memory");
		return false;
	}
	ev->start = start;
	ev->end = end;
	ev->status = status;
	ev->line = line;
	const char *id = column(cp, fields, n, COL_ID);
	char line_id[16];
	if (!*id) {
		snprintf(line_id, sizeof line_id, "%zu", a->n_events);
		id = line_id;
	}
	ev->id = agenda_strdup(a, id);
	ev->title = agenda_strdup(a, title);
	ev->subtitle = agenda_strdup(a, column(cp, fields, n, COL_SUBTITLE));
	ev->track = agenda_strdup(a, column(cp, fields, n, COL_TRACK));
	if (!ev->id || !ev->title || !ev->subtitle || !ev->track) {
		error_set(err, line, 0, "out of memory");
		return false;
	}
	const char *sp = column(cp, fields, n, COL_SPEAKERS);
	while (*sp) {
		const char *semi = strchr(sp, ';');
		const char *e = semi ? semi : sp + strlen(sp);
		const char *b = sp;
		while (b < e && isspace((unsigned char)*b))
			b++;
		const char *t = e;
		while (t > b && isspace((unsigned char)t[-1]))
			t--;
		if (t > b && !agenda_add_speaker(a, ev, b, (size_t)(t - b)))
			agenda_warn(a, line, "too many speakers; the rest skipped");
		sp = semi ? semi + 1 : e;
	}
	return true;
}

struct agenda *feed_csv_parse(const char *bytes, size_t len, const struct feed_options *options,
			      struct error *err)
{
	const char *p = bytes, *end = bytes + len;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	struct csv_reader r = {p, end, guess_delimiter(p, end), 1, 1};
	struct csv_parser cp = {.agenda = agenda_create(), .options = options};
	if (!cp.agenda) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	struct field fields[CSV_MAX_FIELDS];
	int n = read_record(&r, fields);
	if (n <= 0) {
		error_set(err, 1, 0, n < 0 ? "unterminated quoted field" : "no header row");
		agenda_destroy(cp.agenda);
		return NULL;
	}
	for (int c = 0; c < COL_COUNT; c++)
		cp.columns[c] = -1;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < COL_COUNT; c++)
			if (!strcasecmp(fields[i].text, column_names[c]) && cp.columns[c] < 0)
				cp.columns[c] = i;
	free_fields(fields, n);
	const char *missing = cp.columns[COL_TITLE] < 0 ? "title" : cp.columns[COL_START] < 0 ? "start" : NULL;
	if (missing) {
		error_set(err, 1, 0, "the header row has no '%s' column (it needs title and start, "
				     "and end or duration)", missing);
		agenda_destroy(cp.agenda);
		return NULL;
	}
	if (cp.columns[COL_END] < 0 && cp.columns[COL_DURATION] < 0) {
		error_set(err, 1, 0, "the header row has neither an 'end' nor a 'duration' column");
		agenda_destroy(cp.agenda);
		return NULL;
	}
	while ((n = read_record(&r, fields)) > 0) {
		bool ok = add_row(&cp, fields, n, r.line, err);
		free_fields(fields, n);
		if (!ok) {
			agenda_destroy(cp.agenda);
			return NULL;
		}
	}
	if (n < 0) {
		error_set(err, r.line, 0, "unterminated quoted field");
		agenda_destroy(cp.agenda);
		return NULL;
	}
	if (cp.agenda->n_events == 0 && cp.agenda->n_warnings)
		error_set(err, cp.agenda->warnings[0].line, 0, "%s", cp.agenda->warnings[0].message);
	return cp.agenda;
}
