/*
 * fetch.h — getting the agenda from its sources (http/https URLs or file paths) into the
 * render loop, through network outages, slow or broken servers and bad feeds.
 *
 * A struct fetch owns every source: its last good agenda, the server's validators, its
 * retry schedule and a libcurl handle. fetch_create() reads the cache and the files at once
 * (no network), so a screen that boots offline has its agenda before anything else happens.
 * Then either:
 *   - fetch_start(): one worker thread refreshes every source on its schedule (the refresh
 *     interval with jitter after a success, backoff after a failure) and hands each finished
 *     result to the main thread: it stores it under a mutex and writes to the caller's eventfd
 *     (loop_wake); main calls fetch_take(). The render loop never waits on the network.
 *   - fetch_refresh(): one synchronous pass over every source in the caller's thread (the
 *     one-shot modes --state/--check/--layout/--screenshot, and tests).
 *
 * A result holds a new merged agenda only when some source's agenda changed: a 304, or a
 * body identical to the last good one, costs no parse and hands over no agenda (no redraw).
 * A body that does not parse is never cached and never replaces the last good agenda.
 * Several sources are merged in the order given (a room may come from each).
 *
 * libcurl is opened by the first fetch from a URL, in whichever thread does it (fetch.c,
 * dynlib.h): a feed that is a file never loads it. A source whose fetch cannot load it fails
 * like any other try ("cannot load libcurl.so.4: ..."), keeping its last good agenda.
 * fetch.c is the only file that includes <curl/curl.h>.
 */
#ifndef FOYER_FETCH_H
#define FOYER_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "agenda.h"
#include "backoff.h"
#include "error.h"
#include "feed.h"
#include "tz.h"

struct fetch_options {
	const char *const *sources;	/* URLs (http://, https://) or file paths; copied */
	size_t n_sources;
	enum feed_format format;	/* FEED_AUTO: detected per body */
	const struct tz *zone;		/* borrowed: must outlive the fetch */
	const struct alias *aliases;	/* room aliases for every parse (alias.h); borrowed */
	size_t n_aliases;
	const char *select;		/* html: options->select (feed.h); borrowed */
	struct backoff_policy policy;	/* refresh interval, jitter, retry delays */
	double connect_timeout_s;	/* to set up the connection (TCP and TLS) */
	double timeout_s;		/* the whole transfer, redirects included */
	long low_speed_bytes;		/* a transfer slower than this many bytes/s ... */
	long low_speed_time_s;		/* ... for this many seconds is aborted */
	size_t max_bytes;		/* the largest body accepted, after decompression */
	long max_redirects;
	const char *cache_dir;		/* NULL or "": no cache */
	const char *ca_file;		/* NULL or "": the system's CA store */
	const char *proxy;		/* NULL or "": none (libcurl's environment variables apply) */
	bool trust_clock;		/* take the wall clock as good without asking the system */
	bool quiet;			/* the caller reports failures itself (the one-shot modes):
					   no log line per attempt */
	/*
	 * Documents instead of feeds (the override URL): with check set, a body is not parsed as
	 * an agenda but checked whole by check() (true: good, else err says why) and the good
	 * body is handed over in fetch_result.document. Validators, the cache, 304s and backoff
	 * work as for a feed. Only the first source counts.
	 */
	bool (*check)(void *data, const char *body, size_t len, struct error *err);
	void *check_data;
	/* The random source for jitter: uniform in [0, 1). NULL: an internal generator. */
	double (*random)(void *data);
	void *random_data;
};

/* libcurl's global cleanup, if a fetch opened it: once, after the last fetch is destroyed. */
void fetch_global_cleanup(void);

/* The defaults (as config/foyer.conf documents them); sources, zone and cache_dir unset. */
void fetch_options_defaults(struct fetch_options *options);

/* Whether a source names a URL (any "scheme://"); only http and https ones are fetched. */
bool fetch_source_is_url(const char *source);

struct fetch_source_status {
	char *source;
	bool is_url;
	bool have_agenda;	/* a good agenda from this source is in the merged one */
	bool from_cache;	/* ... read from the cache and not confirmed since this start */
	time_t updated;		/* wall clock when last confirmed current; 0: never */
	int64_t updated_ms;	/* the same moment on the monotonic clock (a cached copy: now less
				   its age by the wall clock at the start, at least 0) */
	long http_status;	/* the last response's status; 0: none (a file, or no answer) */
	char error[320];	/* the last attempt's failure, "SOURCE: why"; "" when it worked */
	size_t events;		/* in this source's good agenda */
	size_t rooms;		/* ... and its rooms */
	enum feed_format format; /* the format that agenda was read as */
	unsigned failures;	/* consecutive failed attempts */
	double retry_s;		/* the wait chosen after the last attempt */
	unsigned long attempts;	/* counters since the start, for tests and diagnostics */
	unsigned long parses;
};

struct fetch_status {
	struct fetch_source_status *sources;
	size_t n_sources;
	unsigned long agenda_generation;	/* bumped by every new merged agenda */
};

struct fetch_result {
	struct agenda *agenda;	/* a new merged agenda to swap in (take it and set this to NULL),
				   or NULL: keep the one you have */
	char *document;		/* with fetch_options.check: a new good body (take it), or NULL */
	size_t document_len;
	struct fetch_status status;
};

/*
 * Copies the options, reads every source's cached copy and every file source (no network).
 * NULL with err filled when a source is unusable as given (an ftp:// URL, an empty name) or
 * memory ran out.
 */
struct fetch *fetch_create(const struct fetch_options *options, struct error *err);
/* Stops the worker (aborting a transfer in progress) and frees everything. NULL is a no-op. */
void fetch_destroy(struct fetch *fetch);

/* Tries every source now, in the caller's thread. Only before fetch_start(). */
void fetch_refresh(struct fetch *fetch);

/*
 * Starts the worker thread; after each pass it writes to wake_fd (an eventfd from
 * loop_waker_create(); -1: nobody to wake). False with err filled when the thread cannot start.
 */
bool fetch_start(struct fetch *fetch, int wake_fd, struct error *err);
/* Makes every source due now (SIGHUP: "fetch again"); the worker wakes up for it. */
void fetch_kick(struct fetch *fetch);

/*
 * The newest result not yet taken (the caller owns it), or NULL when there is none. Results
 * not taken in time are folded together: no agenda is lost.
 */
struct fetch_result *fetch_take(struct fetch *fetch);
void fetch_result_destroy(struct fetch_result *result);

/* Releases what a status owns (struct app keeps the latest one for the state JSON). */
void fetch_status_finish(struct fetch_status *status);

/* When every source was last confirmed current (the oldest of them); 0 when one never was. */
time_t fetch_status_updated(const struct fetch_status *status);
/*
 * Seconds since the data shown was confirmed current (its oldest source's), on the monotonic
 * clock; a copy only from the cache also by the wall clock against the copy's time, whichever
 * says older. So a jump of the wall clock never makes the data younger, nor data confirmed
 * since the start older. -1 when some source has no agenda.
 */
double fetch_status_age_s(const struct fetch_status *status, time_t wall_now, int64_t monotonic_ms);
/* Whether the data shown is older than stale_after_s (or some source has none). */
bool fetch_status_stale(const struct fetch_status *status, time_t wall_now, int64_t monotonic_ms,
			double stale_after_s);
/* The first source whose last attempt failed, or NULL. */
const struct fetch_source_status *fetch_status_failing(const struct fetch_status *status);
/* Total events over the sources' good agendas. */
size_t fetch_status_events(const struct fetch_status *status);

#endif
