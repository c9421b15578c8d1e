/*
 * tz.c — TZif and POSIX TZ rules; see tz.h.
 *
 * Reading order: tz_from_tzif() takes the 64-bit (v2+) block when present and the footer
 * rule; tz_offset_at() looks a transition up by binary search, and past the last one applies
 * the footer. tz_to_utc() tries the offsets in force a day either side of the reading, which
 * covers every real zone (no zone has had two changes within 48 hours).
 */
#include "tz.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TZ_MAX_FILE (1 << 20)

/* One end of a POSIX daylight-saving rule: "Mm.w.d/time", "Jn/time" or "n/time". */
struct posix_date {
	char kind;		/* 'M', 'J' or 'n' */
	int month, week, weekday, day;
	int time;		/* seconds after local midnight; may be negative or past 24h */
};

struct posix_rule {
	bool present;
	int std_offset, dst_offset;	/* seconds east of UTC */
	bool has_dst;
	struct posix_date start, end;
};

struct tz {
	char *name;
	size_t n_transitions;
	int64_t *transitions;
	unsigned char *transition_type;
	size_t n_types;
	int *type_offset;
	unsigned char *type_isdst;
	struct posix_rule footer;
};

static struct tz *tz_alloc(const char *name)
{
	struct tz *tz = calloc(1, sizeof *tz);
	if (!tz)
		return NULL;
	tz->name = strdup(name ? name : "");
	if (!tz->name) {
		free(tz);
		return NULL;
	}
	return tz;
}

void tz_destroy(struct tz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz->transitions);
	free(tz->transition_type);
	free(tz->type_offset);
	free(tz->type_isdst);
	free(tz);
}

struct tz *tz_fixed(const char *name, int offset)
{
	struct tz *tz = tz_alloc(name);
	if (!tz)
		return NULL;
	tz->footer.present = true;
	tz->footer.std_offset = offset;
	return tz;
}

const char *tz_name(const struct tz *tz)
{
	return tz->name;
}

/* --- POSIX TZ strings (the TZif footer) --- */

static const char *parse_posix_name(const char *p)
{
	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p == '>' ? p + 1 : NULL;
	}
	const char *start = p;
	while (isalpha((unsigned char)*p))
		p++;
	return p - start >= 3 ? p : NULL;
}

/* "[+-]hh[:mm[:ss]]" into seconds; hours may run to 167 for rule times. */
static const char *parse_posix_time(const char *p, int *out)
{
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return NULL;
	int h = 0, m = 0, s = 0;
	while (isdigit((unsigned char)*p))
		h = h * 10 + (*p++ - '0');
	if (*p == ':') {
		p++;
		m = (int)strtol(p, (char **)&p, 10);
		if (*p == ':') {
			p++;
			s = (int)strtol(p, (char **)&p, 10);
		}
	}
	if (h > 167 || m > 59 || s > 59)
		return NULL;
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *parse_posix_date(const char *p, struct posix_date *d)
{
	memset(d, 0, sizeof *d);
	d->time = 2 * 3600;
	if (*p == 'M') {
		d->kind = 'M';
		d->month = (int)strtol(p + 1, (char **)&p, 10);
		if (*p++ != '.')
			return NULL;
		d->week = (int)strtol(p, (char **)&p, 10);
		if (*p++ != '.')
			return NULL;
		d->weekday = (int)strtol(p, (char **)&p, 10);
		if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->weekday < 0 ||
		    d->weekday > 6)
			return NULL;
	} else if (*p == 'J' || isdigit((unsigned char)*p)) {
		d->kind = *p == 'J' ? 'J' : 'n';
		if (*p == 'J')
			p++;
		d->day = (int)strtol(p, (char **)&p, 10);
		if (d->day < 0 || d->day > 365)
			return NULL;
	} else {
		return NULL;
	}
	if (*p == '/')
		p = parse_posix_time(p + 1, &d->time);
	return p;
}

static bool parse_posix_rule(const char *p, struct posix_rule *r)
{
	memset(r, 0, sizeof *r);
	int std;
	if (!(p = parse_posix_name(p)) || !(p = parse_posix_time(p, &std)))
		return false;
	r->std_offset = -std;	/* POSIX offsets are west-positive */
	r->present = true;
	if (!*p)
		return true;
	if (!(p = parse_posix_name(p)))
		return false;
	r->has_dst = true;
	r->dst_offset = r->std_offset + 3600;
	if (*p && *p != ',') {
		int dst;
		if (!(p = parse_posix_time(p, &dst)))
			return false;
		r->dst_offset = -dst;
	}
	if (*p != ',')
		return false;	/* no default rule: every shipped footer names its dates */
	if (!(p = parse_posix_date(p + 1, &r->start)) || *p != ',')
		return false;
	if (!(p = parse_posix_date(p + 1, &r->end)))
		return false;
	return *p == '\0';
}

/* Seconds from the start of `year` (local) to the rule date's local time. */
static int64_t posix_date_seconds(int year, const struct posix_date *d)
{
	int64_t jan1 = civil_days_from_date(year, 1, 1);
	int64_t day;
	bool leap = civil_days_in_month(year, 2) == 29;
	if (d->kind == 'J') {
		day = jan1 + d->day - 1 + (leap && d->day >= 60);
	} else if (d->kind == 'n') {
		day = jan1 + d->day;
	} else {
		int64_t first = civil_days_from_date(year, d->month, 1);
		int delta = (d->weekday - civil_weekday(first) + 7) % 7;
		day = first + delta + (d->week - 1) * 7;
		int64_t month_end = first + civil_days_in_month(year, d->month);
		while (day >= month_end)
			day -= 7;
	}
	return day * 86400 + d->time;
}

static int posix_offset_at(const struct posix_rule *r, int64_t t, bool *isdst)
{
	*isdst = false;
	if (!r->has_dst)
		return r->std_offset;
	struct civil c;
	civil_from_seconds(t + r->std_offset, &c);
	/* Check the year before and after too: rule times can reach past the year's end. */
	for (int y = c.year - 1; y <= c.year + 1; y++) {
		int64_t start = posix_date_seconds(y, &r->start) - r->std_offset;
		int64_t end = posix_date_seconds(y, &r->end) - r->dst_offset;
		if (start < end ? (t >= start && t < end) : false) {
			*isdst = true;
			return r->dst_offset;
		}
		if (start > end) {	/* southern hemisphere: DST spans the new year */
			int64_t next_end = posix_date_seconds(y + 1, &r->end) - r->dst_offset;
			if (t >= start && t < next_end) {
				*isdst = true;
				return r->dst_offset;
			}
		}
	}
	return r->std_offset;
}

/* --- TZif --- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_header {
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static bool read_header(const unsigned char *p, size_t len, struct tzif_header *h, int *version)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	*version = p[4] ? p[4] - '0' : 1;
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	return h->typecnt > 0 && h->typecnt <= 256 && h->timecnt <= 100000 && h->charcnt <= 65536 &&
	       h->leapcnt <= 10000;
}

static size_t block_size(const struct tzif_header *h, int timesize)
{
	return (size_t)h->timecnt * timesize + h->timecnt + h->typecnt * 6u + h->charcnt +
	       h->leapcnt * (timesize + 4u) + h->isstdcnt + h->isutcnt;
}

struct tz *tz_from_tzif(const char *name, const unsigned char *data, size_t len, struct error *err)
{
	struct tzif_header h;
	int version;
	if (!read_header(data, len, &h, &version)) {
		error_set(err, 0, 0, "not a TZif file");
		return NULL;
	}
	int timesize = 4;
	const unsigned char *p = data + 44;
	size_t size = block_size(&h, 4);
	if (version >= 2) {
		if (44 + size > len || !read_header(data + 44 + size, len - 44 - size, &h, &version)) {
			error_set(err, 0, 0, "truncated TZif file");
			return NULL;
		}
		p = data + 44 + size + 44;
		timesize = 8;
		size = block_size(&h, 8);
	}
	if ((size_t)(p - data) + size > len) {
		error_set(err, 0, 0, "truncated TZif file");
		return NULL;
	}
	struct tz *tz = tz_alloc(name);
	if (!tz)
		goto oom;
	tz->n_transitions = h.timecnt;
	tz->n_types = h.typecnt;
	tz->transitions = calloc(h.timecnt + 1, sizeof *tz->transitions);
	tz->transition_type = calloc(h.timecnt + 1, 1);
	tz->type_offset = calloc(h.typecnt, sizeof *tz->type_offset);
	tz->type_isdst = calloc(h.typecnt, 1);
	if (!tz->transitions || !tz->transition_type || !tz->type_offset || !tz->type_isdst)
		goto oom;
	for (uint32_t i = 0; i < h.timecnt; i++, p += timesize)
		tz->transitions[i] = timesize == 8 ? be64(p) : (int32_t)be32(p);
	for (uint32_t i = 0; i < h.timecnt; i++, p++) {
		if (*p >= h.typecnt) {
			error_set(err, 0, 0, "TZif transition names type %d of %u", *p, h.typecnt);
			tz_destroy(tz);
			return NULL;
		}
		tz->transition_type[i] = *p;
	}
	for (uint32_t i = 0; i < h.typecnt; i++, p += 6) {
		tz->type_offset[i] = (int32_t)be32(p);
		tz->type_isdst[i] = p[4];
	}
	p += h.charcnt + h.leapcnt * (timesize + 4u) + h.isstdcnt + h.isutcnt;
	if (version >= 2 && (size_t)(p - data) < len && *p == '\n') {
		const unsigned char *end = memchr(p + 1, '\n', len - (size_t)(p - data) - 1);
		if (end && end - p - 1 < 128) {
			char footer[128];
			memcpy(footer, p + 1, (size_t)(end - p - 1));
			footer[end - p - 1] = '\0';
			if (footer[0] && !parse_posix_rule(footer, &tz->footer))
				tz->footer.present = false;
		}
	}
	return tz;
oom:
	tz_destroy(tz);
	error_set(err, 0, 0, "out of memory");
	return NULL;
}

int tz_offset_at(const struct tz *tz, time_t t)
{
	bool isdst;
	if (tz->n_transitions == 0 || t >= tz->transitions[tz->n_transitions - 1]) {
		if (tz->footer.present)
			return posix_offset_at(&tz->footer, t, &isdst);
		if (tz->n_transitions == 0)
			return tz->n_types ? tz->type_offset[0] : 0;
		return tz->type_offset[tz->transition_type[tz->n_transitions - 1]];
	}
	if (t < tz->transitions[0]) {
		/* RFC 8536: before the first transition, type 0 applies. */
		return tz->type_offset[0];
	}
	size_t lo = 0, hi = tz->n_transitions - 1;	/* transitions[lo] <= t < transitions[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tz->transitions[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return tz->type_offset[tz->transition_type[lo]];
}

void tz_to_local(const struct tz *tz, time_t t, struct civil *out)
{
	civil_from_seconds((int64_t)t + tz_offset_at(tz, t), out);
}

enum tz_local tz_to_utc(const struct tz *tz, const struct civil *local, time_t *out)
{
	int64_t l = civil_to_seconds(local);
	int before = tz_offset_at(tz, (time_t)(l - 86400));
	int after = tz_offset_at(tz, (time_t)(l + 86400));
	int64_t t1 = l - before, t2 = l - after;
	bool ok1 = tz_offset_at(tz, (time_t)t1) == before;
	bool ok2 = tz_offset_at(tz, (time_t)t2) == after;
	if (ok1 && ok2 && t1 != t2) {
		*out = (time_t)(t1 < t2 ? t1 : t2);
		return TZ_LOCAL_FOLD;
	}
	if (ok1 || ok2) {
		*out = (time_t)(ok1 ? t1 : t2);
		return TZ_LOCAL_EXACT;
	}
	/*
	 * A gap: clocks jumped from `before` to `after` at an instant T with T + before <= l
	 * and T + after > l. Both candidate instants straddle T; find it by bisection.
	 */
	int64_t lo = t2 < t1 ? t2 : t1, hi = t2 < t1 ? t1 : t2;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (tz_offset_at(tz, (time_t)mid) == before)
			lo = mid;
		else
			hi = mid;
	}
	*out = (time_t)hi;
	return TZ_LOCAL_GAP;
}

struct tz *tz_load_from(const char *dir, const char *name, struct error *err)
{
	if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC") || !strcmp(name, "Z"))
		return tz_fixed("UTC", 0);
	if (name[0] == '/' || strstr(name, "..") || strlen(name) > 200) {
		error_set(err, 0, 0, "'%s' is not a time zone name", name);
		return NULL;
	}
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set(err, 0, 0, "unknown time zone '%s' (%s: %s)", name, path, strerror(errno));
		return NULL;
	}
	unsigned char *data = malloc(TZ_MAX_FILE);
	size_t len = data ? fread(data, 1, TZ_MAX_FILE, f) : 0;
	fclose(f);
	struct error inner = {0};
	struct tz *tz = data ? tz_from_tzif(name, data, len, &inner) : NULL;
	if (!tz)
		error_set(err, 0, 0, "time zone '%s': %s", name, data ? inner.message : "out of memory");
	free(data);
	return tz;
}

/* The system zone's name: /etc/timezone (Debian), else the /etc/localtime link target. */
static bool system_zone_name(char *out, size_t size)
{
	FILE *f = fopen("/etc/timezone", "r");
	if (f) {
		bool ok = fgets(out, (int)size, f) != NULL;
		fclose(f);
		if (ok) {
			out[strcspn(out, " \t\r\n")] = '\0';
			if (out[0])
				return true;
		}
	}
	char link[512];
	ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
	if (n > 0) {
		link[n] = '\0';
		const char *z = strstr(link, "zoneinfo/");
		if (z && strlen(z + 9) < size) {
			strcpy(out, z + 9);
			return true;
		}
	}
	return false;
}

struct tz *tz_load(const char *name, struct error *err)
{
	char system[256];
	if (!name || !*name)
		name = system_zone_name(system, sizeof system) ? system : "UTC";
	return tz_load_from("/usr/share/zoneinfo", name, err);
}
