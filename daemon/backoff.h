/*
 * backoff.h — when to try a feed again: after a success (the refresh interval with jitter) and
 * after a failure (exponential backoff with full jitter, capped; Retry-After honoured; a short
 * retry for TLS failures while the wall clock is not yet known good).
 *
 * Pure: no clock, no random source of its own. Every function that jitters takes `random`, a
 * uniform value in [0, 1) drawn by the caller, so tests can pin it; delays are seconds on the
 * caller's monotonic clock. backoff_parse_retry_after() reads the header's two forms
 * (delta-seconds and HTTP-date) against a `now` the caller passes.
 */
#ifndef FOYER_BACKOFF_H
#define FOYER_BACKOFF_H

#include <stdbool.h>
#include <time.h>

struct backoff_policy {
	double refresh_s;	/* pause between two good fetches */
	double jitter_s;	/* refresh is spread over refresh_s ± jitter_s */
	double base_s;		/* the first retry after a failure waits up to this long */
	double cap_s;		/* no retry waits longer (except as Retry-After asks, up to retry_after_max_s) */
	double retry_after_max_s; /* a server's Retry-After is believed up to this long */
	double untrusted_tls_s;	/* retry of a TLS failure while the clock is not known good */
};

/* The defaults: refresh 60 s ± 10 s, retry 5 s doubling up to 300 s, Retry-After up to 1 h, TLS 5 s. */
extern const struct backoff_policy backoff_default_policy;

/* Seconds until the next fetch after a good one (a 200 or a 304): refresh_s ± jitter_s, >= 1. */
double backoff_refresh_delay(const struct backoff_policy *policy, double random);

/*
 * Seconds until the next try after `failures` consecutive failures (1 for the first):
 * full jitter, random * min(cap_s, base_s * 2^(failures-1)), and at least 1 s so a broken
 * server is never hammered.
 */
double backoff_failure_delay(const struct backoff_policy *policy, unsigned failures, double random);

struct backoff_failure {
	unsigned failures;	/* consecutive failures including this one, >= 1 */
	double retry_after_s;	/* what the server's Retry-After asked for; < 0 when it sent none */
	bool tls_error;		/* the failure was in TLS (certificate, handshake) */
	bool clock_trusted;	/* the wall clock is known good */
};

/*
 * The delay after a failure, all rules together: a TLS failure while the clock is not trusted
 * (the certificate may only look expired or not yet valid) retries after untrusted_tls_s;
 * otherwise a Retry-After is honoured as asked (at least 1 s, at most retry_after_max_s);
 * otherwise backoff_failure_delay().
 */
double backoff_after_failure(const struct backoff_policy *policy, const struct backoff_failure *f,
			     double random);

/*
 * Parses a Retry-After value: delta-seconds ("120") or an HTTP-date in any of its three forms
 * (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT",
 * asctime "Sun Nov  6 08:49:37 1994"). *seconds is the wait from now (0 for a date in the
 * past). False when the value is neither.
 */
bool backoff_parse_retry_after(const char *value, time_t now, double *seconds);

#endif
