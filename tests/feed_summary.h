/*
 * feed_summary.h — one line per event, for comparing a parsed agenda with a table row:
 *   "START/END ROOM | TITLE | SPEAKER; SPEAKER [status]"
 * with START and END in UTC ("2018-12-10T14:45Z"). Shared by the parser tests.
 */
#ifndef FOYER_FEED_SUMMARY_H
#define FOYER_FEED_SUMMARY_H

#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "civil.h"

static inline void feed_summary_time(time_t t, char *out, size_t size)
{
	struct civil c;
	civil_from_seconds((int64_t)t, &c);
	snprintf(out, size, "%04d-%02d-%02dT%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute);
}

/* Writes the summary of every event into out, one per line. */
static inline void feed_summary(const struct agenda *a, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < a->n_events; i++) {
		const struct event *ev = &a->events[i];
		char start[32], end[32];
		feed_summary_time(ev->start, start, sizeof start);
		feed_summary_time(ev->end, end, sizeof end);
		size_t used = strlen(out);
		used += (size_t)snprintf(out + used, size - used, "%s/%s %s | %s |", start, end,
					 ev->room, ev->title);
		for (size_t s = 0; s < ev->n_speakers && used < size; s++)
			used += (size_t)snprintf(out + used, size - used, "%s%s", s ? "; " : " ",
						 ev->speakers[s]);
		if (ev->status != EVENT_SCHEDULED && used < size)
			used += (size_t)snprintf(out + used, size - used, " [%s]",
						 event_status_name(ev->status));
		if (used < size)
			snprintf(out + used, size - used, "\n");
	}
}

#endif
