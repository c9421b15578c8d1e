/*
 * test_backoff.c — retry and refresh delays and Retry-After parsing, as tables.
 */
#include <math.h>

#include "backoff.h"
#include "check.h"

static const struct backoff_policy policy = {
	.refresh_s = 60,
	.jitter_s = 10,
	.base_s = 5,
	.cap_s = 300,
	.retry_after_max_s = 3600,
	.untrusted_tls_s = 7,
};

static bool near(double got, double want)
{
	return fabs(got - want) < 1e-6;
}

static void test_refresh(void)
{
	static const struct {
		double random, want;
	} rows[] = {
		{0.0, 50}, {0.5, 60}, {0.75, 65}, {1.0, 70} /* clamped below 1 */, {-3, 50},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double got = backoff_refresh_delay(&policy, rows[i].random);
		CHECK(fabs(got - rows[i].want) < 1e-3, "refresh random %g: got %g, want %g",
		      rows[i].random, got, rows[i].want);
	}
	struct backoff_policy tiny = policy;
	tiny.refresh_s = 0.2;
	tiny.jitter_s = 0;
	CHECK(near(backoff_refresh_delay(&tiny, 0.5), 1), "a refresh is never under 1 s");
	tiny.jitter_s = -5;
	tiny.refresh_s = 30;
	CHECK(near(backoff_refresh_delay(&tiny, 0.0), 30), "a negative jitter counts as none");
}

static void test_failure(void)
{
	static const struct {
		unsigned failures;
		double random, want;
	} rows[] = {
		{1, 0.5, 2.5},	  /* ceiling 5 */
		{1, 0.999999, 5 * 0.999999},
		{2, 0.5, 5},	  /* ceiling 10 */
		{3, 0.5, 10},	  /* ceiling 20 */
		{4, 1.0 - 1e-9, 40 * (1.0 - 1e-9)},
		{7, 0.5, 150},	  /* ceiling 320 capped at 300 */
		{8, 0.5, 150},
		{1000, 0.5, 150}, /* no overflow however long the outage */
		{3, 0.0, 1},	  /* full jitter may draw 0: still at least 1 s */
		{0, 0.5, 2.5},	  /* 0 is taken as the first failure */
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double got = backoff_failure_delay(&policy, rows[i].failures ? rows[i].failures : 1,
						   rows[i].random);
		CHECK(near(got, rows[i].want), "failure %u random %g: got %g, want %g",
		      rows[i].failures, rows[i].random, got, rows[i].want);
		struct backoff_failure f = {.failures = rows[i].failures, .retry_after_s = -1,
					    .clock_trusted = true};
		got = backoff_after_failure(&policy, &f, rows[i].random);
		CHECK(near(got, rows[i].want), "after failure %u: got %g, want %g", rows[i].failures,
		      got, rows[i].want);
	}
}

static void test_after_failure_rules(void)
{
	static const struct {
		const char *name;
		struct backoff_failure f;
		double random, want;
	} rows[] = {
		{"plain", {3, -1, false, true}, 0.5, 10},
		{"Retry-After honoured over the backoff", {1, 120, false, true}, 0.5, 120},
		{"Retry-After shorter than the backoff", {6, 30, false, true}, 0.5, 30},
		{"Retry-After capped", {1, 86400, false, true}, 0.5, 3600},
		{"Retry-After 0 still waits 1 s", {1, 0, false, true}, 0.5, 1},
		{"TLS failure, clock not trusted: soon", {9, -1, true, false}, 0.5, 7},
		{"TLS failure, clock not trusted beats Retry-After", {2, 600, true, false}, 0.5, 7},
		{"TLS failure, clock trusted: normal backoff", {3, -1, true, true}, 0.5, 10},
		{"other failure, clock not trusted: normal backoff", {3, -1, false, false}, 0.5, 10},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double got = backoff_after_failure(&policy, &rows[i].f, rows[i].random);
		CHECK(near(got, rows[i].want), "%s: got %g, want %g", rows[i].name, got,
		      rows[i].want);
	}
}

static void test_retry_after(void)
{
	const time_t now = 784111777;	/* Sun, 06 Nov 1994 08:49:37 GMT */
	static const struct {
		const char *value;
		bool ok;
		double want;
	} rows[] = {
		{"120", true, 120},
		{"  0 ", true, 0},
		{"99999999999999999999", true, 1e12},	/* huge but finite; the policy caps it */
		{"Sun, 06 Nov 1994 08:51:37 GMT", true, 120},
		{"Sun, 06 Nov 1994 08:49:37 GMT", true, 0},
		{"Sat, 05 Nov 1994 08:49:37 GMT", true, 0},	/* the past: now */
		{"Sunday, 06-Nov-94 08:59:37 GMT", true, 600},
		{"Sun Nov  6 09:49:37 1994", true, 3600},
		{"Sun Nov 16 08:49:37 1994", true, 864000},
		{"Sun, 06 Nov 1994 08:49:37 UTC", false, 0},
		{"Sun, 31 Feb 1994 08:49:37 GMT", false, 0},
		{"Sun, 06 Foo 1994 08:49:37 GMT", false, 0},
		{"-5", false, 0},
		{"1.5", false, 0},
		{"12abc", false, 0},
		{"", false, 0},
		{"soon", false, 0},
		{NULL, false, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double got = -1;
		bool ok = backoff_parse_retry_after(rows[i].value, now, &got);
		CHECK(ok == rows[i].ok, "'%s': parsed %d", rows[i].value ? rows[i].value : "(null)",
		      ok);
		if (ok && rows[i].ok)
			CHECK(near(got, rows[i].want), "'%s': got %g, want %g", rows[i].value, got,
			      rows[i].want);
	}
}

int main(void)
{
	test_refresh();
	test_failure();
	test_after_failure_rules();
	test_retry_after();
	return check_done();
}
