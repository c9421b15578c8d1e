/*
 * words.h — every word foyer puts on a screen, in the venue's language. Pure.
 *
 * struct words is a table: one text per enum word, in the language of [general] language.
 * words_init_english() gives the built-in table (the catalogue's msgids); catalog.c, the one edge
 * that calls GNU gettext, fills a table from daemon/po/LANG.po (compiled to .mo) and falls
 * back to the English text for every word the catalogue lacks or gets wrong, so no box is
 * ever empty. The slide code takes a table and never asks gettext itself.
 *
 * Texts with values are printf formats whose conversions a translation must keep (the same
 * types at the same positions, reordered with %1$s if the language needs it):
 * words_format_matches() checks that, words_format() applies one. Times and dates go through
 * words_time() and words_date() so that the language decides the clock (24h, or 12h with
 * its am/pm) and the order of weekday, day and month.
 *
 * Entry points: words_init_english(), words_get(), words_format(), words_time(), words_date(),
 * words_weekday(), words_month(), words_format_matches(). Where a word is used, its msgid
 * is marked N_("...") (or NC_("context", "...")) in words.c for xgettext.
 */
#ifndef FOYER_WORDS_H
#define FOYER_WORDS_H

#include <stdbool.h>
#include <stddef.h>

enum word {
	/* labels */
	WORD_NOW,		/* "Now" */
	WORD_NEXT,		/* "Next" */
	WORD_ENDED,		/* "Ended" */
	WORD_LATER_TODAY,	/* "Later today" */
	WORD_PROGRAMME,		/* "Programme" */
	WORD_NOTHING_NOW,	/* "Nothing on right now" */
	WORD_NO_MORE,		/* "No more sessions" */
	WORD_CANCELLED,		/* "Cancelled" */
	WORD_NOW_AND_NEXT,	/* "Now and next": the header of a screen for several rooms */
	WORD_EVERYWHERE,	/* the row of the sessions without a room */
	WORD_ROOM_FULL,		/* "Room full" */
	WORD_CLOSED,		/* "Closed" */
	WORD_MOVED,		/* "Moved" (from no room) */
	WORD_CHANGED,		/* "Changed": a session whose time changed */
	WORD_ALL_ROOMS,		/* "All rooms": the rooms overview's heading */
	WORD_TODAY,		/* "Today": the agenda's heading */
	WORD_ANNOUNCEMENT,	/* "Announcement": an announcement slide's heading */
	/* with values */
	WORD_IN_MIN,		/* "in %ld min" */
	WORD_MIN_LEFT,		/* "%ld min left" */
	WORD_H_LEFT,		/* "%ld h left" */
	WORD_H_MIN_LEFT,	/* "%ld h %ld min left" */
	WORD_TOMORROW_AT,	/* "tomorrow %s": a time */
	WORD_WEEKDAY_AT,	/* "%1$s %2$s": a weekday, a time */
	WORD_DAY_AT,		/* "%1$d %2$s %3$s": day, month (short), a time */
	WORD_DAY_MONTH,		/* "%1$d %2$s": day, month (short) */
	WORD_DATE,		/* "%1$s %2$d %3$s": weekday, day, month */
	WORD_OFFLINE,		/* "Offline · agenda" */
	WORD_OFFLINE_OF,	/* "Offline · agenda of %s": a time or a day */
	WORD_ALSO_NOW,		/* "Also now: %s" */
	WORD_ALSO_NOW_MORE,	/* "Also now: %s and more" */
	WORD_ALSO,		/* "Also: %s" */
	WORD_ALSO_MORE,		/* "Also: %s and more" */
	WORD_PAGE,		/* "%1$d/%2$d": page of pages */
	WORD_DELAYED_BY,	/* "Delayed by %s": a duration */
	WORD_FORWARD_BY,	/* "Brought forward by %s" */
	WORD_RESCHEDULED,	/* "Rescheduled, was %s": a time */
	WORD_NOW_ENDS,		/* "Now ends %s": a time */
	WORD_MOVED_FROM,	/* "Moved from %s": a room */
	WORD_HOURS,		/* "%d h" */
	WORD_MINUTES,		/* "%d min" */
	WORD_SECONDS,		/* "%d s" */
	/* the clock */
	WORD_CLOCK_STYLE,	/* "24h" or "12h": the language's custom */
	WORD_TIME_24H,		/* "%02d:%02d" */
	WORD_TIME_12H,		/* "%1$d:%2$02d %3$s": hour 1-12, minute, am/pm */
	WORD_AM,
	WORD_PM,
	/* names */
	WORD_SUNDAY,		/* ... to WORD_SATURDAY: the order of civil_weekday() */
	WORD_MONDAY,
	WORD_TUESDAY,
	WORD_WEDNESDAY,
	WORD_THURSDAY,
	WORD_FRIDAY,
	WORD_SATURDAY,
	WORD_JANUARY,		/* ... to WORD_DECEMBER */
	WORD_FEBRUARY,
	WORD_MARCH,
	WORD_APRIL,
	WORD_MAY,
	WORD_JUNE,
	WORD_JULY,
	WORD_AUGUST,
	WORD_SEPTEMBER,
	WORD_OCTOBER,
	WORD_NOVEMBER,
	WORD_DECEMBER,
	WORD_JAN,		/* ... to WORD_DEC: the short month names */
	WORD_FEB,
	WORD_MAR,
	WORD_APR,
	WORD_MAY_SHORT,
	WORD_JUN,
	WORD_JUL,
	WORD_AUG,
	WORD_SEP,
	WORD_OCT,
	WORD_NOV,
	WORD_DEC,
	WORD_COUNT
};

struct words {
	const char *text[WORD_COUNT];	/* never NULL, never "" */
	bool clock_12h;			/* [general] clock, else the language's WORD_CLOCK_STYLE */
};

/* The msgid of a word and its context ("" for none): what a catalogue is looked up by. */
struct words_msgid {
	const char *context;
	const char *id;
};

/* Fills out with the built-in English table (24h). */
void words_init_english(struct words *out);

/* The msgid of w (the English text, and the context that tells two alike apart). */
struct words_msgid words_msgid(enum word w);

/* The text of w; NULL words means English. */
const char *words_get(const struct words *words, enum word w);

/* printf of w's format into out (size bytes, NUL-terminated); snprintf's return. */
int words_format(const struct words *words, char *out, size_t size, enum word w, ...);

/* "14:05" or "2:05 pm" by the table's clock; hour 0-23. */
int words_time(const struct words *words, char *out, size_t size, int hour, int minute);

/* "Monday 10 December" in the language's order; weekday 0 = Sunday, month 1-12. */
int words_date(const struct words *words, char *out, size_t size, int weekday, int day,
	       int month);

/* Weekday 0-6 (Sunday first), month 1-12 (short or full); "" when out of range. */
const char *words_weekday(const struct words *words, int weekday);
const char *words_month(const struct words *words, int month, bool short_name);

/*
 * Whether translated has the same printf conversions as english: the same type for every
 * argument position (numbered %N$ or in order), no `*` widths, nothing unknown. A catalogue
 * whose format fails this is not used for that word (it would read the wrong argument).
 */
bool words_format_matches(const char *english, const char *translated);

#endif
