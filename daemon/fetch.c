/*
 * fetch.c — the libcurl worker: conditional GETs, limits, backoff, the cache, and the hand-off
 * of finished agendas to the main thread; see fetch.h.
 *
 * Where to start reading: attempt() does one try of one source and decides success or
 * failure; worker() is the schedule; publish() is the hand-off.
 *
 * Threads: before fetch_start() everything belongs to the caller. After it, the sources and
 * their curl handles belong to the worker alone; the mutex guards only `pending`, `stop` and
 * `kicked`, so main never waits for more than a pointer swap. A transfer in progress runs
 * on a multi handle and is aborted at once when fetch_destroy() sets `stop` and wakes
 * curl_multi_poll() (curl_multi_wakeup): a stalled server must not hold up SIGTERM, and the
 * progress callback alone is only called about once a second while no data flows.
 *
 * libcurl 7.88 facts this relies on: default timeouts are unsafe (connect 300 s, transfer
 * never), so every one is set; MAXFILESIZE only rejects an announced Content-Length, so the
 * write callback enforces the cap on decoded bytes itself (chunked and gzip bodies too);
 * CURLOPT_NOSIGNAL because a thread must not take SIGALRM for DNS timeouts.
 */
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOG_MODULE "fetch"
#include "cache.h"
#include "clock.h"
#include "dynlib.h"
#include "file.h"
#include "grow.h"
#include "log.h"
#include "loop.h"

#ifndef FOYER_VERSION
#define FOYER_VERSION "0"
#endif

struct source {
	char *name;
	bool is_url;
	struct agenda *agenda;		/* the last good one, or NULL (with options.check: an
					   empty one standing for `document`) */
	char *document;			/* with options.check: the last good body */
	size_t document_len;
	uint64_t body_hash;		/* of the body that made it */
	char *etag, *last_modified;	/* the server's validators for that body */
	int64_t due_ms;			/* next attempt, monotonic */
	CURL *curl;
	struct fetch_source_status status;
};

struct fetch {
	struct fetch_options options;	/* strings below are our own copies */
	char *cache_dir, *ca_file, *proxy;
	struct source *sources;
	size_t n_sources;
	bool agenda_dirty;		/* some source's agenda changed since the last publish */
	unsigned long generation;
	uint64_t rng;

	pthread_t thread;
	bool running;
	int wake_fd;
	pthread_mutex_t mutex;
	pthread_cond_t cond;
	bool kicked;
	atomic_bool stop;
	struct fetch_result *pending;
	CURLM *multi;			/* runs the one transfer in progress; woken to stop it */
	bool multi_tried;		/* make_multi() ran */
};

/*
 * libcurl, opened by the first fetch from a URL (dynlib.h): a foyer that reads files, and
 * the first frame of one that shows a cached feed, never wait for it and its TLS stack. The
 * table is written once, under libcurl_once, by whichever thread fetches first (curl 7.88's
 * curl_global_init() is thread-safe: "threadsafe" in curl_version_info's features), and only
 * read afterwards.
 */
#define CURL_SONAME "libcurl.so.4"
#define CURL_FUNCTIONS(X) \
	X(global_init) X(global_cleanup) X(easy_init) X(easy_reset) X(easy_setopt) \
	X(easy_perform) X(easy_getinfo) X(easy_header) X(easy_strerror) X(easy_cleanup) \
	X(multi_init) X(multi_add_handle) X(multi_perform) X(multi_poll) X(multi_info_read) \
	X(multi_remove_handle) X(multi_wakeup) X(multi_cleanup) X(slist_append) X(slist_free_all)

static struct {
#define CURL_FIELD(name) __typeof__(curl_##name) *name;
	CURL_FUNCTIONS(CURL_FIELD)
#undef CURL_FIELD
	bool ready;
	struct error error;	/* why it is not ready */
} libcurl;
static pthread_once_t libcurl_once = PTHREAD_ONCE_INIT;

static void libcurl_open(void)
{
	void *lib = dynlib_open(CURL_SONAME, &libcurl.error);
	bool ok = lib != NULL;
#define CURL_BIND(name) \
	ok = ok && (libcurl.name = (__typeof__(libcurl.name))dynlib_function( \
		lib, CURL_SONAME, "curl_" #name, &libcurl.error));
	CURL_FUNCTIONS(CURL_BIND)
#undef CURL_BIND
	if (ok && libcurl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		error_set(&libcurl.error, 0, 0, "libcurl cannot start");
		ok = false;
	}
	libcurl.ready = ok;
}

/* Opens libcurl the first time; false (err says why) when it cannot be used. Any thread. */
static bool libcurl_ready(struct error *err)
{
	pthread_once(&libcurl_once, libcurl_open);
	if (!libcurl.ready)
		*err = libcurl.error;
	return libcurl.ready;
}

void fetch_global_cleanup(void)
{
	if (libcurl.ready)
		libcurl.global_cleanup();
}

void fetch_options_defaults(struct fetch_options *o)
{
	memset(o, 0, sizeof *o);
	o->format = FEED_AUTO;
	o->policy = backoff_default_policy;
	o->connect_timeout_s = 10;
	o->timeout_s = 60;
	o->low_speed_bytes = 100;
	o->low_speed_time_s = 20;
	o->max_bytes = 8 * 1024 * 1024;
	o->max_redirects = 5;
}

bool fetch_source_is_url(const char *source)
{
	const char *p = source;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '-' || *p == '.')
		p++;
	return p > source && !strncmp(p, "://", 3);
}

static bool is_http_url(const char *source)
{
	return !strncasecmp(source, "http://", 7) || !strncasecmp(source, "https://", 8);
}

/* The random source: the caller's, or xorshift64* seeded from the kernel. */
static double draw_random(struct fetch *f)
{
	if (f->options.random)
		return f->options.random(f->options.random_data);
	uint64_t x = f->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	f->rng = x;
	return (double)((x * 0x2545F4914F6CDD1Du) >> 11) / 9007199254740992.0;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void set_error(struct source *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(struct source *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char why[256];
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(s->status.error, sizeof s->status.error, "%s: %s", s->name, why);
}

/* "SOURCE:LINE: message", the form --check prints. */
static void set_parse_error(struct source *s, const struct error *err)
{
	if (err->line > 0 && err->column > 0)
		snprintf(s->status.error, sizeof s->status.error, "%s:%d:%d: %s", s->name,
			 err->line, err->column, err->message);
	else if (err->line > 0)
		snprintf(s->status.error, sizeof s->status.error, "%s:%d: %s", s->name, err->line,
			 err->message);
	else
		set_error(s, "%s", err->message);
}

static struct agenda *parse_body(struct fetch *f, struct source *s, const char *body, size_t len,
				 struct error *err)
{
	struct feed_options options = {.zone = f->options.zone,
				       .aliases = f->options.aliases,
				       .n_aliases = f->options.n_aliases,
				       .select = f->options.select};
	s->status.parses++;
	if (f->options.check) {
		char *copy = malloc(len + 1);
		struct agenda *stand_in = NULL;
		if (!copy)
			error_set(err, 0, 0, "out of memory");
		else if (f->options.check(f->options.check_data, body, len, err) &&
			 (stand_in = agenda_create())) {
			memcpy(copy, body, len);
			copy[len] = '\0';
			free(s->document);
			s->document = copy;
			s->document_len = len;
			return stand_in;
		}
		free(copy);
		return NULL;
	}
	enum feed_format format = f->options.format;
	struct agenda *agenda = feed_parse(body, len, format, &options, &format, err);
	if (agenda)
		s->status.format = format;
	return agenda;
}

/*
 * A fingerprint of a body, to tell an unchanged one without parsing it: FNV-1a's mixing over
 * eight bytes at a time (a feed of megabytes is fingerprinted on every refresh). Only ever
 * compared with itself; the cache's own checksum is cache_checksum().
 */
static uint64_t body_hash(const char *body, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ len, word;
	size_t i = 0;
	for (; len - i >= sizeof word; i += sizeof word) {
		memcpy(&word, body + i, sizeof word);
		h = (h ^ word) * 0x100000001b3u;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)body[i]) * 0x100000001b3u;
	return h;
}

/* Installs a newly parsed agenda as the source's last good one. */
static void accept_agenda(struct fetch *f, struct source *s, struct agenda *agenda, uint64_t hash)
{
	agenda_destroy(s->agenda);
	s->agenda = agenda;
	s->body_hash = hash;
	s->status.have_agenda = true;
	s->status.events = agenda->n_events;
	s->status.rooms = agenda->n_rooms;
	f->agenda_dirty = true;
	for (size_t i = 0; i < agenda->n_warnings; i++) {
		if (agenda->warnings[i].line > 0)
			log_warning("%s:%d: %s", s->name, agenda->warnings[i].line,
				    agenda->warnings[i].message);
		else
			log_warning("%s: %s", s->name, agenda->warnings[i].message);
	}
}

/* The data is confirmed current now (a new body, an unchanged one, or a 304). */
static void succeed(struct fetch *f, struct source *s)
{
	if ((s->status.failures || s->status.from_cache) && !f->options.quiet)
		log_info("%s: up to date again, %zu events", s->name, s->status.events);
	s->status.error[0] = '\0';
	s->status.failures = 0;
	s->status.from_cache = false;
	s->status.updated = clock_wall();
	s->status.updated_ms = clock_monotonic_ms();
	s->status.retry_s = backoff_refresh_delay(&f->options.policy, draw_random(f));
	s->due_ms = s->status.updated_ms + (int64_t)(s->status.retry_s * 1000);
}

static void fail(struct fetch *f, struct source *s, bool tls_error, double retry_after_s)
{
	s->status.failures++;
	struct backoff_failure failure = {
		.failures = s->status.failures,
		.retry_after_s = retry_after_s,
		.tls_error = tls_error,
		.clock_trusted = tls_error ? clock_trusted(f->options.trust_clock, CLOCK_TIMESYNC_FLAG)
					   : true,
	};
	s->status.retry_s = backoff_after_failure(&f->options.policy, &failure, draw_random(f));
	s->due_ms = clock_monotonic_ms() + (int64_t)(s->status.retry_s * 1000);
	const char *kept = !s->agenda ? "nothing good from it yet"
			   : f->options.check ? "keeping the last good document"
					      : "keeping the last good agenda";
	if (f->options.quiet)
		return;
	if (s->status.failures == 1)
		log_warning("%s, %s; trying again in %.0f s", s->status.error, kept, s->status.retry_s);
	else
		log_debug("%s (failure %u), %s; trying again in %.0f s", s->status.error,
			  s->status.failures, kept, s->status.retry_s);
}

/* A body fetched or read: unchanged, a new agenda, or one that does not parse. */
static bool take_body(struct fetch *f, struct source *s, const char *body, size_t len)
{
	uint64_t hash = body_hash(body, len);
	if (s->agenda && hash == s->body_hash)
		return true;
	struct error err = {0};
	struct agenda *agenda = parse_body(f, s, body, len, &err);
	if (!agenda) {
		set_parse_error(s, &err);
		return false;
	}
	accept_agenda(f, s, agenda, hash);
	return true;
}

/* Files: re-read on the refresh schedule, capped like a download. */
static void attempt_file(struct fetch *f, struct source *s)
{
	struct stat st;
	struct error why = {0};
	int fd = file_open_regular(s->name, 0, &st, &why);
	if (fd < 0) {
		set_error(s, "%s", why.message);
		fail(f, s, false, -1);
		return;
	}
	size_t got = 0;
	char *body = file_read_fd(fd, &st, f->options.max_bytes, &got, &why);
	bool too_large = !body && errno == EFBIG;
	close(fd);
	if (!body) {
		set_error(s, "%s%s", why.message, too_large ? " (max_bytes)" : "");
		fail(f, s, false, -1);
		return;
	}
	bool ok = take_body(f, s, body, got);
	free(body);
	if (ok)
		succeed(f, s);
	else
		fail(f, s, false, -1);
}

struct download {
	char *data;
	size_t len, cap, max;
	bool too_large;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct download *d = userdata;
	size_t n = size * nmemb;
	if (n > d->max - d->len) {
		d->too_large = true;
		return 0;	/* CURLE_WRITE_ERROR: the transfer stops here */
	}
	char *data = grow_array(d->data, &d->cap, d->len + n + 1, 1, d->max + 1);
	if (!data)
		return 0;
	d->data = data;
	memcpy(d->data + d->len, ptr, n);
	d->len += n;
	d->data[d->len] = '\0';
	return n;
}

static int on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct fetch *f = clientp;
	return atomic_load(&f->stop) ? 1 : 0;
}

/*
 * curl_easy_perform() on the fetch's multi handle, so that fetch_destroy() can interrupt a
 * transfer that waits on the network (curl_multi_wakeup) instead of waiting for the next
 * progress callback. Same result codes as curl_easy_perform().
 */
static CURLcode perform(struct fetch *f, CURL *easy)
{
	if (!f->multi || libcurl.multi_add_handle(f->multi, easy) != CURLM_OK)
		return libcurl.easy_perform(easy);
	CURLcode code = CURLE_OK;
	int running = 1;
	while (running) {
		if (atomic_load(&f->stop)) {
			code = CURLE_ABORTED_BY_CALLBACK;
			break;
		}
		if (libcurl.multi_perform(f->multi, &running) != CURLM_OK) {
			code = CURLE_RECV_ERROR;
			break;
		}
		if (running && libcurl.multi_poll(f->multi, NULL, 0, 1000, NULL) != CURLM_OK) {
			code = CURLE_RECV_ERROR;
			break;
		}
	}
	int left;
	for (CURLMsg *m; (m = libcurl.multi_info_read(f->multi, &left));) {
		if (m->msg == CURLMSG_DONE && m->easy_handle == easy && !running)
			code = m->data.result;
	}
	libcurl.multi_remove_handle(f->multi, easy);
	return code;
}

static bool is_tls_error(CURLcode code)
{
	switch (code) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return true;
	default:
		return false;
	}
}

/* The last response's header `name` (redirects followed), or NULL. */
static const char *response_header(CURL *curl, const char *name)
{
	struct curl_header *h;
	if (libcurl.easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

static void set_options(struct fetch *f, struct source *s, struct download *d,
			struct curl_slist *headers, char *errbuf)
{
	const struct fetch_options *o = &f->options;
	CURL *c = s->curl;
	libcurl.easy_reset(c);
	libcurl.easy_setopt(c, CURLOPT_URL, s->name);
	libcurl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	libcurl.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	libcurl.easy_setopt(c, CURLOPT_USERAGENT, "foyer/" FOYER_VERSION);
	libcurl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	libcurl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	libcurl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	libcurl.easy_setopt(c, CURLOPT_MAXREDIRS, o->max_redirects);
	libcurl.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");	/* every decoder libcurl has */
	libcurl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(o->connect_timeout_s * 1000));
	libcurl.easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(o->timeout_s * 1000));
	libcurl.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_bytes);
	libcurl.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o->low_speed_time_s);
	libcurl.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	libcurl.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	libcurl.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (f->ca_file)
		libcurl.easy_setopt(c, CURLOPT_CAINFO, f->ca_file);
	if (f->proxy)
		libcurl.easy_setopt(c, CURLOPT_PROXY, f->proxy);
	libcurl.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	libcurl.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	libcurl.easy_setopt(c, CURLOPT_WRITEDATA, d);
	libcurl.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	libcurl.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	libcurl.easy_setopt(c, CURLOPT_XFERINFODATA, f);
}

static void store_in_cache(struct fetch *f, struct source *s, const char *body, size_t len)
{
	if (!f->cache_dir)
		return;
	struct cache_entry entry = {
		.url = s->name,
		.etag = s->etag,
		.last_modified = s->last_modified,
		.fetched = s->status.updated,
		.body = (char *)body,
		.len = len,
	};
	struct error err = {0};
	if (!cache_store(f->cache_dir, &entry, &err))
		log_warning("%s: not cached: %s", s->name, err.message);
}

static void replace_validators(struct source *s, const char *etag, const char *last_modified)
{
	free(s->etag);
	free(s->last_modified);
	s->etag = dup_or_null(etag);
	s->last_modified = dup_or_null(last_modified);
}

/*
 * The multi handle that runs a transfer (NULL: plain curl_easy_perform(), stopped less
 * promptly), made by the first transfer; under the mutex, which fetch_destroy() reads it under.
 */
static void make_multi(struct fetch *f)
{
	if (f->multi_tried)
		return;
	CURLM *multi = libcurl.multi_init();
	pthread_mutex_lock(&f->mutex);
	f->multi = multi;
	f->multi_tried = true;
	pthread_mutex_unlock(&f->mutex);
}

static void attempt_url(struct fetch *f, struct source *s)
{
	struct error err = {0};
	if (!libcurl_ready(&err)) {
		set_error(s, "%s", err.message);
		fail(f, s, false, -1);
		return;
	}
	make_multi(f);
	if (!s->curl && !(s->curl = libcurl.easy_init())) {
		set_error(s, "cannot start a transfer");
		fail(f, s, false, -1);
		return;
	}
	struct download d = {.max = f->options.max_bytes};
	struct curl_slist *headers = NULL;
	char line[1100];
	/* Validators only for the body we hold: a 304 must mean "the agenda you have". */
	if (s->agenda && s->etag && strlen(s->etag) < 1024) {
		snprintf(line, sizeof line, "If-None-Match: %s", s->etag);
		headers = libcurl.slist_append(headers, line);
	}
	if (s->agenda && s->last_modified && strlen(s->last_modified) < 1024) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", s->last_modified);
		headers = libcurl.slist_append(headers, line);
	}
	char errbuf[CURL_ERROR_SIZE] = "";
	set_options(f, s, &d, headers, errbuf);
	CURLcode code = perform(f, s->curl);
	long http = 0;
	libcurl.easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &http);
	s->status.http_status = http;

	if (code != CURLE_OK) {
		if (d.too_large || code == CURLE_FILESIZE_EXCEEDED)
			set_error(s, "the body is larger than the %zu bytes allowed (max_bytes)",
				  f->options.max_bytes);
		else if (code == CURLE_ABORTED_BY_CALLBACK)
			set_error(s, "stopped");
		else
			set_error(s, "%s", errbuf[0] ? errbuf : libcurl.easy_strerror(code));
		fail(f, s, is_tls_error(code), -1);
	} else if (http == 304) {
		if (s->agenda) {
			const char *etag = response_header(s->curl, "ETag");
			if (etag && *etag && (!s->etag || strcmp(etag, s->etag))) {
				free(s->etag);
				s->etag = strdup(etag);
			}
			succeed(f, s);
		} else {
			set_error(s, "HTTP 304 for a body we do not have");
			replace_validators(s, NULL, NULL);
			fail(f, s, false, -1);
		}
	} else if (http >= 200 && http < 300) {
		const char *body = d.data ? d.data : "";
		bool changed = !s->agenda || body_hash(body, d.len) != s->body_hash;
		if (take_body(f, s, body, d.len)) {
			replace_validators(s, response_header(s->curl, "ETag"),
					   response_header(s->curl, "Last-Modified"));
			succeed(f, s);
			if (changed)
				store_in_cache(f, s, body, d.len);
		} else {
			fail(f, s, false, -1);
		}
	} else {
		double retry_after = -1;
		const char *value = response_header(s->curl, "Retry-After");
		if (value && !backoff_parse_retry_after(value, clock_wall(), &retry_after))
			retry_after = -1;
		set_error(s, "HTTP %ld", http);
		fail(f, s, false, retry_after);
	}
	libcurl.slist_free_all(headers);
	free(d.data);
}

static void attempt(struct fetch *f, struct source *s)
{
	s->status.attempts++;
	if (s->is_url)
		attempt_url(f, s);
	else
		attempt_file(f, s);
}

/* At creation: the cached copy of a URL source, if it still parses. */
static void load_cached(struct fetch *f, struct source *s)
{
	struct cache_entry entry;
	struct error err = {0};
	enum cache_result r = cache_load(f->cache_dir, s->name, f->options.max_bytes, &entry, &err);
	if (r == CACHE_BAD)
		log_warning("ignoring the cached copy of %s: %s", s->name, err.message);
	if (r != CACHE_OK)
		return;
	struct agenda *agenda = parse_body(f, s, entry.body, entry.len, &err);
	if (!agenda) {
		log_warning("ignoring the cached copy of %s: it no longer parses: %s", s->name,
			    err.message);
	} else {
		accept_agenda(f, s, agenda, body_hash(entry.body, entry.len));
		s->etag = entry.etag;
		s->last_modified = entry.last_modified;
		entry.etag = entry.last_modified = NULL;
		s->status.from_cache = true;
		s->status.updated = entry.fetched;
		/* From now on it ages on the monotonic clock, from its age by the wall clock now:
		   none for a copy "from the future", written before the clock was set back. */
		double age_s = difftime(clock_wall(), entry.fetched);
		s->status.updated_ms = clock_monotonic_ms() - (age_s > 0 ? (int64_t)(age_s * 1000) : 0);
		char when[CIVIL_ISO_MAX];
		civil_format_iso(entry.fetched, 0, when);
		if (!f->options.quiet && f->options.check)
			log_info("%s: using the cached copy of %s until it is fetched", s->name, when);
		else if (!f->options.quiet)
			log_info("%s: showing the cached copy of %s (%zu events) until it is "
				 "fetched", s->name, when, agenda->n_events);
	}
	cache_entry_finish(&entry);
}

void fetch_status_finish(struct fetch_status *status)
{
	if (!status)
		return;
	for (size_t i = 0; i < status->n_sources; i++)
		free(status->sources[i].source);
	free(status->sources);
	memset(status, 0, sizeof *status);
}

void fetch_result_destroy(struct fetch_result *result)
{
	if (!result)
		return;
	agenda_destroy(result->agenda);
	free(result->document);
	fetch_status_finish(&result->status);
	free(result);
}

/* Every source's good agenda, merged in source order; NULL when none has one. */
static struct agenda *merge_sources(struct fetch *f)
{
	struct agenda *merged = NULL;
	for (size_t i = 0; i < f->n_sources; i++) {
		if (!f->sources[i].agenda)
			continue;
		if (!merged && !(merged = agenda_create()))
			return NULL;
		if (!agenda_merge(merged, f->sources[i].agenda)) {
			log_error("the merged agenda is over its limits; showing part of it");
			break;
		}
	}
	if (merged && f->n_sources > 1 && !agenda_sort(merged))
		log_error("out of memory sorting the merged agenda");
	return merged;
}

/* Hands the current state to whoever takes it (main), folding in a result not yet taken. */
static void publish(struct fetch *f)
{
	struct fetch_result *r = calloc(1, sizeof *r);
	if (!r)
		return;
	r->status.sources = calloc(f->n_sources ? f->n_sources : 1, sizeof *r->status.sources);
	if (!r->status.sources) {
		fetch_result_destroy(r);
		return;
	}
	for (size_t i = 0; i < f->n_sources; i++) {
		r->status.sources[i] = f->sources[i].status;
		r->status.sources[i].source = strdup(f->sources[i].name);
		r->status.n_sources = i + 1;
		if (!r->status.sources[i].source) {
			fetch_result_destroy(r);
			return;
		}
	}
	if (f->agenda_dirty) {
		r->agenda = merge_sources(f);
		if (r->agenda) {
			f->agenda_dirty = false;
			f->generation++;
		}
		const struct source *first = f->n_sources ? &f->sources[0] : NULL;
		if (r->agenda && f->options.check && first->document &&
		    (r->document = malloc(first->document_len + 1))) {
			memcpy(r->document, first->document, first->document_len + 1);
			r->document_len = first->document_len;
		}
	}
	r->status.agenda_generation = f->generation;

	pthread_mutex_lock(&f->mutex);
	struct fetch_result *old = f->pending;
	if (old && !r->agenda) {
		r->agenda = old->agenda;
		old->agenda = NULL;
		r->document = old->document;
		r->document_len = old->document_len;
		old->document = NULL;
	}
	f->pending = r;
	pthread_mutex_unlock(&f->mutex);
	fetch_result_destroy(old);
	if (f->wake_fd >= 0)
		loop_wake(f->wake_fd);
}

struct fetch_result *fetch_take(struct fetch *f)
{
	pthread_mutex_lock(&f->mutex);
	struct fetch_result *r = f->pending;
	f->pending = NULL;
	pthread_mutex_unlock(&f->mutex);
	return r;
}

void fetch_refresh(struct fetch *f)
{
	if (f->running)
		return;
	for (size_t i = 0; i < f->n_sources; i++)
		attempt(f, &f->sources[i]);
	publish(f);
}

static void *worker(void *data)
{
	struct fetch *f = data;
	pthread_mutex_lock(&f->mutex);
	while (!atomic_load(&f->stop)) {
		int64_t now = clock_monotonic_ms();
		if (f->kicked) {
			f->kicked = false;
			for (size_t i = 0; i < f->n_sources; i++)
				f->sources[i].due_ms = now;
		}
		int64_t next = INT64_MAX;
		for (size_t i = 0; i < f->n_sources; i++)
			if (f->sources[i].due_ms < next)
				next = f->sources[i].due_ms;
		if (next > now) {
			if (next == INT64_MAX) {
				pthread_cond_wait(&f->cond, &f->mutex);
			} else {
				struct timespec until;
				clock_gettime(CLOCK_MONOTONIC, &until);
				int64_t wait_ms = next - now;
				until.tv_sec += wait_ms / 1000;
				until.tv_nsec += (wait_ms % 1000) * 1000000;
				if (until.tv_nsec >= 1000000000) {
					until.tv_sec++;
					until.tv_nsec -= 1000000000;
				}
				pthread_cond_timedwait(&f->cond, &f->mutex, &until);
			}
			continue;
		}
		pthread_mutex_unlock(&f->mutex);
		for (size_t i = 0; i < f->n_sources && !atomic_load(&f->stop); i++)
			if (f->sources[i].due_ms <= now)
				attempt(f, &f->sources[i]);
		if (!atomic_load(&f->stop))
			publish(f);
		pthread_mutex_lock(&f->mutex);
	}
	pthread_mutex_unlock(&f->mutex);
	return NULL;
}

bool fetch_start(struct fetch *f, int wake_fd, struct error *err)
{
	if (f->running)
		return true;
	f->wake_fd = wake_fd;
	int rc = pthread_create(&f->thread, NULL, worker, f);
	if (rc != 0) {
		error_set(err, 0, 0, "cannot start the fetch thread: %s", strerror(rc));
		return false;
	}
	f->running = true;
	return true;
}

void fetch_kick(struct fetch *f)
{
	pthread_mutex_lock(&f->mutex);
	f->kicked = true;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->mutex);
}

static char *copy_option(const char *s, bool *ok)
{
	if (!s || !*s)
		return NULL;
	char *copy = strdup(s);
	if (!copy)
		*ok = false;
	return copy;
}

struct fetch *fetch_create(const struct fetch_options *options, struct error *err)
{
	for (size_t i = 0; i < options->n_sources; i++) {
		const char *name = options->sources[i];
		if (!name || !*name) {
			error_set(err, 0, 0, "an empty feed source");
			return NULL;
		}
		if (fetch_source_is_url(name) && !is_http_url(name)) {
			error_set(err, 0, 0, "%s: only http:// and https:// URLs can be fetched", name);
			return NULL;
		}
	}
	struct fetch *f = calloc(1, sizeof *f);
	if (!f) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	f->options = *options;
	f->wake_fd = -1;
	atomic_init(&f->stop, false);
	pthread_mutex_init(&f->mutex, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&f->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (getrandom(&f->rng, sizeof f->rng, GRND_NONBLOCK) != sizeof f->rng)
		f->rng = (uint64_t)clock_monotonic_ms() * 0x9E3779B97F4A7C15u ^ (uint64_t)getpid();
	f->rng |= 1;

	bool ok = true;
	f->cache_dir = copy_option(options->cache_dir, &ok);
	f->ca_file = copy_option(options->ca_file, &ok);
	f->proxy = copy_option(options->proxy, &ok);
	f->options.cache_dir = f->cache_dir;
	f->options.ca_file = f->ca_file;
	f->options.proxy = f->proxy;
	f->sources = calloc(options->n_sources ? options->n_sources : 1, sizeof *f->sources);
	if (!ok || !f->sources) {
		fetch_destroy(f);
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	f->n_sources = options->n_sources;
	f->options.sources = NULL;
	size_t swept = f->cache_dir ? cache_sweep(f->cache_dir) : 0;
	if (swept)
		log_info("%s: removed %zu temporary file%s left by an interrupted write",
			 f->cache_dir, swept, swept == 1 ? "" : "s");
	int64_t now = clock_monotonic_ms();
	for (size_t i = 0; i < f->n_sources; i++) {
		struct source *s = &f->sources[i];
		s->name = strdup(options->sources[i]);
		s->status.source = s->name;
		s->is_url = s->status.is_url = is_http_url(options->sources[i]);
		if (!s->name) {
			fetch_destroy(f);
			error_set(err, 0, 0, "out of memory");
			return NULL;
		}
		if (s->is_url) {
			if (f->cache_dir)
				load_cached(f, s);
			s->due_ms = now;
		} else {
			/* A file is read at once; then on the refresh schedule like a URL. */
			attempt(f, s);
		}
	}
	publish(f);
	return f;
}

void fetch_destroy(struct fetch *f)
{
	if (!f)
		return;
	if (f->running) {
		pthread_mutex_lock(&f->mutex);
		atomic_store(&f->stop, true);
		pthread_cond_signal(&f->cond);
		CURLM *multi = f->multi;
		pthread_mutex_unlock(&f->mutex);
		if (multi)
			libcurl.multi_wakeup(multi);
		pthread_join(f->thread, NULL);
	}
	for (size_t i = 0; i < f->n_sources; i++) {
		struct source *s = &f->sources[i];
		free(s->name);
		agenda_destroy(s->agenda);
		free(s->document);
		free(s->etag);
		free(s->last_modified);
		if (s->curl)
			libcurl.easy_cleanup(s->curl);
	}
	free(f->sources);
	free(f->cache_dir);
	free(f->ca_file);
	free(f->proxy);
	fetch_result_destroy(f->pending);
	if (f->multi)
		libcurl.multi_cleanup(f->multi);
	pthread_mutex_destroy(&f->mutex);
	pthread_cond_destroy(&f->cond);
	free(f);
}

time_t fetch_status_updated(const struct fetch_status *status)
{
	time_t oldest = 0;
	for (size_t i = 0; i < status->n_sources; i++) {
		time_t t = status->sources[i].updated;
		if (!t)
			return 0;
		if (!oldest || t < oldest)
			oldest = t;
	}
	return oldest;
}

double fetch_status_age_s(const struct fetch_status *status, time_t wall_now, int64_t monotonic_ms)
{
	double oldest = 0;
	for (size_t i = 0; i < status->n_sources; i++) {
		const struct fetch_source_status *s = &status->sources[i];
		if (!s->have_agenda)
			return -1;
		double age = (double)(monotonic_ms - s->updated_ms) / 1000;
		/* a copy only from the cache is as old as the wall clock says too, when that is
		   older: a clock set forward since the start (NTP after boot) shows its age */
		if (s->from_cache && difftime(wall_now, s->updated) > age)
			age = difftime(wall_now, s->updated);
		if (age > oldest)
			oldest = age;
	}
	return oldest;
}

bool fetch_status_stale(const struct fetch_status *status, time_t wall_now, int64_t monotonic_ms,
			double stale_after_s)
{
	double age = fetch_status_age_s(status, wall_now, monotonic_ms);
	return age < 0 || age > stale_after_s;
}

const struct fetch_source_status *fetch_status_failing(const struct fetch_status *status)
{
	for (size_t i = 0; i < status->n_sources; i++)
		if (status->sources[i].error[0])
			return &status->sources[i];
	return NULL;
}

size_t fetch_status_events(const struct fetch_status *status)
{
	size_t n = 0;
	for (size_t i = 0; i < status->n_sources; i++)
		n += status->sources[i].events;
	return n;
}
