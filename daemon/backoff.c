/*
 * backoff.c — retry and refresh delays, and Retry-After parsing; see backoff.h.
 *
 * Full jitter (a uniform draw between 0 and the exponential ceiling) rather than "ceiling plus
 * a little noise": a hundred screens that lost the same server at the same second spread
 * their retries over the whole window instead of arriving together again.
 */
#include "backoff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "civil.h"

const struct backoff_policy backoff_default_policy = {
	.refresh_s = 60,
	.jitter_s = 10,
	.base_s = 5,
	.cap_s = 300,
	.retry_after_max_s = 3600,
	.untrusted_tls_s = 5,
};

#define BACKOFF_MIN_S 1.0

static double clamp_random(double random)
{
	if (!(random >= 0))	/* also NaN */
		return 0;
	return random < 1 ? random : 0.9999999999999999;
}

double backoff_refresh_delay(const struct backoff_policy *policy, double random)
{
	double jitter = policy->jitter_s > 0 ? policy->jitter_s : 0;
	double delay = policy->refresh_s + (2 * clamp_random(random) - 1) * jitter;
	return delay > BACKOFF_MIN_S ? delay : BACKOFF_MIN_S;
}

double backoff_failure_delay(const struct backoff_policy *policy, unsigned failures, double random)
{
	double ceiling = policy->base_s;
	for (unsigned i = 1; i < failures && ceiling < policy->cap_s; i++)
		ceiling *= 2;
	if (ceiling > policy->cap_s)
		ceiling = policy->cap_s;
	double delay = clamp_random(random) * ceiling;
	return delay > BACKOFF_MIN_S ? delay : BACKOFF_MIN_S;
}

double backoff_after_failure(const struct backoff_policy *policy, const struct backoff_failure *f,
			     double random)
{
	if (f->tls_error && !f->clock_trusted)
		return policy->untrusted_tls_s > BACKOFF_MIN_S ? policy->untrusted_tls_s : BACKOFF_MIN_S;
	if (f->retry_after_s >= 0) {
		double delay = f->retry_after_s;
		if (delay > policy->retry_after_max_s)
			delay = policy->retry_after_max_s;
		return delay > BACKOFF_MIN_S ? delay : BACKOFF_MIN_S;
	}
	return backoff_failure_delay(policy, f->failures ? f->failures : 1, random);
}

/* HTTP-date parsing (RFC 9110 section 5.6.7). Dates are always GMT. */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
					  "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_from_name(const char *s)
{
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, month_names[i], 3))
			return i + 1;
	return 0;
}

/* Reads 1..max digits; -1 when there is none. */
static int read_number(const char **p, int max_digits)
{
	const char *s = *p;
	int v = 0, n = 0;
	while (n < max_digits && isdigit((unsigned char)*s)) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (!n)
		return -1;
	*p = s;
	return v;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

static bool read_time(const char **p, struct civil *c)
{
	c->hour = read_number(p, 2);
	if (c->hour < 0 || !expect(p, ':'))
		return false;
	c->minute = read_number(p, 2);
	if (c->minute < 0 || !expect(p, ':'))
		return false;
	c->second = read_number(p, 2);
	return c->second >= 0;
}

static bool read_month(const char **p, struct civil *c)
{
	if (strlen(*p) < 3)
		return false;
	c->month = month_from_name(*p);
	*p += 3;
	return c->month != 0;
}

static bool parse_http_date(const char *s, time_t *out)
{
	struct civil c = {0};
	const char *p = s;
	while (isalpha((unsigned char)*p))
		p++;
	size_t day_name = (size_t)(p - s);
	if (day_name < 3)
		return false;
	if (*p == ',' && day_name == 3) {
		/* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
		p++;
		if (!expect(&p, ' ') || (c.day = read_number(&p, 2)) < 0 || !expect(&p, ' ') ||
		    !read_month(&p, &c) || !expect(&p, ' ') || (c.year = read_number(&p, 4)) < 0 ||
		    !expect(&p, ' ') || !read_time(&p, &c) || strcmp(p, " GMT") != 0)
			return false;
	} else if (*p == ',') {
		/* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
		p++;
		if (!expect(&p, ' ') || (c.day = read_number(&p, 2)) < 0 || !expect(&p, '-') ||
		    !read_month(&p, &c) || !expect(&p, '-') || (c.year = read_number(&p, 2)) < 0 ||
		    !expect(&p, ' ') || !read_time(&p, &c) || strcmp(p, " GMT") != 0)
			return false;
		/* RFC 9110: a two-digit year more than 50 years ahead is in the past century. */
		c.year += c.year < 70 ? 2000 : 1900;
	} else if (*p == ' ' && day_name == 3) {
		/* asctime: Sun Nov  6 08:49:37 1994 */
		p++;
		if (!read_month(&p, &c) || !expect(&p, ' '))
			return false;
		if (*p == ' ')
			p++;
		if ((c.day = read_number(&p, 2)) < 0 || !expect(&p, ' ') || !read_time(&p, &c) ||
		    !expect(&p, ' ') || (c.year = read_number(&p, 4)) < 0 || *p)
			return false;
	} else {
		return false;
	}
	if (c.second == 60)
		c.second = 59;	/* a leap second: close enough for a retry time */
	if (!civil_valid(&c))
		return false;
	*out = (time_t)civil_to_seconds(&c);
	return true;
}

bool backoff_parse_retry_after(const char *value, time_t now, double *seconds)
{
	if (!value)
		return false;
	while (*value == ' ' || *value == '\t')
		value++;
	size_t len = strlen(value);
	while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r' ||
		       value[len - 1] == '\n'))
		len--;
	char text[64];
	if (len == 0 || len >= sizeof text)
		return false;
	memcpy(text, value, len);
	text[len] = '\0';

	if (isdigit((unsigned char)text[0])) {
		double v = 0;
		for (const char *p = text; *p; p++) {
			if (!isdigit((unsigned char)*p))
				return false;
			if (v < 1e12)
				v = v * 10 + (*p - '0');
		}
		*seconds = v < 1e12 ? v : 1e12;
		return true;
	}
	time_t when;
	if (!parse_http_date(text, &when))
		return false;
	*seconds = when > now ? (double)(when - now) : 0;
	return true;
}
