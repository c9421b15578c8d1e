/*
 * words.c — the English table and the formats; see words.h.
 *
 * The table below is the catalogue's source: daemon/po/foyer.pot is extracted from it
 * (xgettext --keyword=N_ --keyword=NC_:1c,2, see daemon/po/README), and its order is enum
 * word's.
 */
#include "words.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define N_(id) {"", id}
#define NC_(context, id) {context, id}

static const struct words_msgid msgids[WORD_COUNT] = {
	[WORD_NOW] = NC_("label", "Now"),
	[WORD_NEXT] = NC_("label", "Next"),
	[WORD_ENDED] = NC_("label", "Ended"),
	[WORD_LATER_TODAY] = N_("Later today"),
	[WORD_PROGRAMME] = N_("Programme"),
	[WORD_NOTHING_NOW] = N_("Nothing on right now"),
	[WORD_NO_MORE] = N_("No more sessions"),
	[WORD_CANCELLED] = N_("Cancelled"),
	[WORD_NOW_AND_NEXT] = N_("Now and next"),
	[WORD_EVERYWHERE] = N_("Everywhere"),
	[WORD_ROOM_FULL] = N_("Room full"),
	[WORD_CLOSED] = NC_("room", "Closed"),
	[WORD_MOVED] = N_("Moved"),
	[WORD_CHANGED] = N_("Changed"),
	[WORD_ALL_ROOMS] = N_("All rooms"),
	[WORD_TODAY] = NC_("heading", "Today"),
	[WORD_ANNOUNCEMENT] = N_("Announcement"),
	[WORD_IN_MIN] = N_("in %ld min"),
	[WORD_MIN_LEFT] = N_("%ld min left"),
	[WORD_H_LEFT] = N_("%ld h left"),
	[WORD_H_MIN_LEFT] = N_("%ld h %ld min left"),
	[WORD_TOMORROW_AT] = N_("tomorrow %s"),
	[WORD_WEEKDAY_AT] = NC_("weekday, time", "%1$s %2$s"),
	[WORD_DAY_AT] = NC_("day, short month, time", "%1$d %2$s %3$s"),
	[WORD_DAY_MONTH] = NC_("day, short month", "%1$d %2$s"),
	[WORD_DATE] = NC_("weekday, day, month", "%1$s %2$d %3$s"),
	[WORD_OFFLINE] = N_("Offline · agenda"),
	[WORD_OFFLINE_OF] = N_("Offline · agenda of %s"),
	[WORD_ALSO_NOW] = N_("Also now: %s"),
	[WORD_ALSO_NOW_MORE] = N_("Also now: %s and more"),
	[WORD_ALSO] = N_("Also: %s"),
	[WORD_ALSO_MORE] = N_("Also: %s and more"),
	[WORD_PAGE] = NC_("page of pages", "%1$d/%2$d"),
	[WORD_DELAYED_BY] = N_("Delayed by %s"),
	[WORD_FORWARD_BY] = N_("Brought forward by %s"),
	[WORD_RESCHEDULED] = N_("Rescheduled, was %s"),
	[WORD_NOW_ENDS] = N_("Now ends %s"),
	[WORD_MOVED_FROM] = N_("Moved from %s"),
	[WORD_HOURS] = NC_("duration", "%d h"),
	[WORD_MINUTES] = NC_("duration", "%d min"),
	[WORD_SECONDS] = NC_("duration", "%d s"),
	[WORD_CLOCK_STYLE] = NC_("the clock: 24h or 12h", "24h"),
	[WORD_TIME_24H] = NC_("hour, minute", "%02d:%02d"),
	[WORD_TIME_12H] = NC_("hour 1-12, minute, am or pm", "%1$d:%2$02d %3$s"),
	[WORD_AM] = N_("am"),
	[WORD_PM] = N_("pm"),
	[WORD_SUNDAY] = N_("Sunday"),
	[WORD_MONDAY] = N_("Monday"),
	[WORD_TUESDAY] = N_("Tuesday"),
	[WORD_WEDNESDAY] = N_("Wednesday"),
	[WORD_THURSDAY] = N_("Thursday"),
	[WORD_FRIDAY] = N_("Friday"),
	[WORD_SATURDAY] = N_("Saturday"),
	[WORD_JANUARY] = N_("January"),
	[WORD_FEBRUARY] = N_("February"),
	[WORD_MARCH] = N_("March"),
	[WORD_APRIL] = N_("April"),
	[WORD_MAY] = NC_("month", "May"),
	[WORD_JUNE] = N_("June"),
	[WORD_JULY] = N_("July"),
	[WORD_AUGUST] = N_("August"),
	[WORD_SEPTEMBER] = N_("September"),
	[WORD_OCTOBER] = N_("October"),
	[WORD_NOVEMBER] = N_("November"),
	[WORD_DECEMBER] = N_("December"),
	[WORD_JAN] = NC_("short month", "Jan"),
	[WORD_FEB] = NC_("short month", "Feb"),
	[WORD_MAR] = NC_("short month", "Mar"),
	[WORD_APR] = NC_("short month", "Apr"),
	[WORD_MAY_SHORT] = NC_("short month", "May"),
	[WORD_JUN] = NC_("short month", "Jun"),
	[WORD_JUL] = NC_("short month", "Jul"),
	[WORD_AUG] = NC_("short month", "Aug"),
	[WORD_SEP] = NC_("short month", "Sep"),
	[WORD_OCT] = NC_("short month", "Oct"),
	[WORD_NOV] = NC_("short month", "Nov"),
	[WORD_DEC] = NC_("short month", "Dec"),
};

void words_init_english(struct words *out)
{
	for (size_t i = 0; i < WORD_COUNT; i++)
		out->text[i] = msgids[i].id;
	out->clock_12h = false;
}

struct words_msgid words_msgid(enum word w)
{
	return (size_t)w < WORD_COUNT ? msgids[w] : (struct words_msgid){"", ""};
}

const char *words_get(const struct words *words, enum word w)
{
	if ((size_t)w >= WORD_COUNT)
		return "";
	const char *s = words ? words->text[w] : NULL;
	return s && *s ? s : msgids[w].id;
}

/* The formats are the table's, checked against the English ones (words_format_matches()). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int words_format(const struct words *words, char *out, size_t size, enum word w, ...)
{
	va_list ap;
	va_start(ap, w);
	int n = vsnprintf(out, size, words_get(words, w), ap);
	va_end(ap);
	if (n < 0 && size)
		out[0] = '\0';
	return n;
}
#pragma GCC diagnostic pop

int words_time(const struct words *words, char *out, size_t size, int hour, int minute)
{
	if (words && words->clock_12h) {
		int h12 = hour % 12 ? hour % 12 : 12;
		return words_format(words, out, size, WORD_TIME_12H, h12, minute,
				    words_get(words, hour < 12 ? WORD_AM : WORD_PM));
	}
	return words_format(words, out, size, WORD_TIME_24H, hour, minute);
}

const char *words_weekday(const struct words *words, int weekday)
{
	return weekday >= 0 && weekday < 7 ? words_get(words, (enum word)(WORD_SUNDAY + weekday))
					   : "";
}

const char *words_month(const struct words *words, int month, bool short_name)
{
	if (month < 1 || month > 12)
		return "";
	return words_get(words, (enum word)((short_name ? WORD_JAN : WORD_JANUARY) + month - 1));
}

int words_date(const struct words *words, char *out, size_t size, int weekday, int day,
	       int month)
{
	return words_format(words, out, size, WORD_DATE, words_weekday(words, weekday), day,
			    words_month(words, month, false));
}

/*
 * The conversions of a format, by argument position: types[i] is a short code of the type
 * argument i+1 is read as ("d", "ld", "zu", "s", ...). False when the format has something
 * this check does not know, or mixes numbered and unnumbered conversions.
 */
#define MAX_CONVERSIONS 8
static bool conversions(const char *f, char types[MAX_CONVERSIONS][4], size_t *count)
{
	size_t next = 0, highest = 0;
	int numbered = -1;	/* unknown yet */
	memset(types, 0, MAX_CONVERSIONS * 4);
	for (const char *p = f; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		size_t position;
		const char *digits = p;
		size_t n = 0;
		while (*p >= '0' && *p <= '9')
			n = n * 10 + (size_t)(*p++ - '0');
		bool is_numbered = *p == '$' && p > digits;
		if (is_numbered) {
			p++;
			position = n;
		} else {
			p = digits;
			position = ++next;
		}
		if (numbered >= 0 && numbered != is_numbered)
			return false;
		numbered = is_numbered;
		if (position == 0 || position > MAX_CONVERSIONS)
			return false;
		while (*p && strchr("-+ #0", *p))
			p++;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		char type[4] = "";
		size_t t = 0;
		while (*p && strchr("lhz", *p) && t < 2)
			type[t++] = *p++;
		if (!*p || !strchr("dius", *p))
			return false;	/* also `*` widths: they read an argument of their own */
		type[t++] = *p == 'i' ? 'd' : *p;
		type[t] = '\0';
		if (types[position - 1][0] && strcmp(types[position - 1], type))
			return false;
		memcpy(types[position - 1], type, sizeof type);
		if (position > highest)
			highest = position;
	}
	*count = highest;
	return true;
}

bool words_format_matches(const char *english, const char *translated)
{
	char a[MAX_CONVERSIONS][4], b[MAX_CONVERSIONS][4];
	size_t na, nb;
	if (!conversions(english, a, &na) || !conversions(translated, b, &nb) || na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}
