/*
 * mqtt.c — libmosquitto for the screen's client thread and the desk's one-shot calls; see
 * mqtt.h.
 *
 * Reading order: client_new() sets up a libmosquitto handle from the options (credentials,
 * TLS) for both sides. The screen's thread is run(): connect, mosquitto_loop() until the
 * connection ends, back off, connect again; libmosquitto's callbacks (on_connect,
 * on_message, on_disconnect) run inside mosquitto_loop() on that thread and record what
 * changed in `pending` under the mutex. We drive the loop ourselves rather than with
 * mosquitto_loop_start(): its thread gives up for good on a TLS or DNS failure, and a screen
 * that boots with a wrong clock or before the network must keep trying. The desk's calls
 * are at the end: publish_retained and read.
 */
#define LOG_MODULE "mqtt"
#include "mqtt.h"

#include <errno.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backoff.h"
#include "clock.h"
#include "dynlib.h"
#include "file.h"
#include "log.h"
#include "loop.h"

#define log_error(...) log_message(LOG_LEVEL_ERROR, LOG_MODULE, __VA_ARGS__)
#define log_warning(...) log_message(LOG_LEVEL_WARNING, LOG_MODULE, __VA_ARGS__)
#define log_info(...) log_message(LOG_LEVEL_INFO, LOG_MODULE, __VA_ARGS__)

#define PASSWORD_MAX 1024
#define DESK_TIMEOUT_MS 10000	/* the desk gives up on a broker that does not answer */
#define QUIET_MS 300		/* retained messages come at once after the SUBACK */
#define CONNECT_TIMEOUT_MS 30000	/* a broker that accepts no connection in this time is tried again */

/* Retries: from 1 s, doubling, up to 30 s, with full jitter (at least 1 s). */
static const struct backoff_policy reconnect_policy = {
	.refresh_s = 1, .jitter_s = 0, .base_s = 1, .cap_s = 30, .retry_after_max_s = 30,
	.untrusted_tls_s = 5,
};

bool mqtt_name_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MQTT_NAME_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return false;
	return true;
}

void mqtt_topic_override(char out[MQTT_TOPIC_MAX], const char *venue, const char *name)
{
	if (name)
		snprintf(out, MQTT_TOPIC_MAX, "foyer/%s/screen/%s/override", venue, name);
	else
		snprintf(out, MQTT_TOPIC_MAX, "foyer/%s/override", venue);
}

void mqtt_topic_status(char out[MQTT_TOPIC_MAX], const char *venue, const char *name)
{
	snprintf(out, MQTT_TOPIC_MAX, "foyer/%s/screen/%s/status", venue, name);
}

/*
 * libmosquitto, opened by the first client (dynlib.h): a screen without a fleet never loads
 * it and its OpenSSL. The table is written once, under libmosquitto_once, and only read
 * afterwards.
 */
#define MOSQUITTO_SONAME "libmosquitto.so.1"
#define MOSQUITTO_FUNCTIONS(X) \
	X(lib_init) X(lib_cleanup) X(strerror) X(connack_string) X(new) X(destroy) \
	X(username_pw_set) X(tls_set) X(tls_opts_set) X(tls_insecure_set) X(int_option) \
	X(threaded_set) X(will_set) X(connect) X(connect_async) X(reconnect) X(disconnect) \
	X(loop) X(want_write) X(publish) X(subscribe) X(connect_callback_set) \
	X(disconnect_callback_set) X(message_callback_set) X(publish_callback_set) \
	X(subscribe_callback_set)

static struct {
#define MOSQUITTO_FIELD(name) __typeof__(mosquitto_##name) *name;
	MOSQUITTO_FUNCTIONS(MOSQUITTO_FIELD)
#undef MOSQUITTO_FIELD
	bool ready;
	struct error error;	/* why it is not ready */
} libmosquitto;
static pthread_once_t libmosquitto_once = PTHREAD_ONCE_INIT;

static void libmosquitto_open(void)
{
	void *lib = dynlib_open(MOSQUITTO_SONAME, &libmosquitto.error);
	bool ok = lib != NULL;
#define MOSQUITTO_BIND(name) \
	ok = ok && (libmosquitto.name = (__typeof__(libmosquitto.name))dynlib_function( \
		lib, MOSQUITTO_SONAME, "mosquitto_" #name, &libmosquitto.error));
	MOSQUITTO_FUNCTIONS(MOSQUITTO_BIND)
#undef MOSQUITTO_BIND
	if (ok && libmosquitto.lib_init() != MOSQ_ERR_SUCCESS) {
		error_set(&libmosquitto.error, 0, 0, "libmosquitto cannot start");
		ok = false;
	}
	libmosquitto.ready = ok;
}

void mqtt_global_cleanup(void)
{
	if (libmosquitto.ready)
		libmosquitto.lib_cleanup();
}

/* libmosquitto's reason, without its full stop (it goes inside our sentences). */
static const char *describe(int rc)
{
	static _Thread_local char text[160];
	snprintf(text, sizeof text, "%s",
		 rc == MOSQ_ERR_ERRNO ? strerror(errno) : libmosquitto.strerror(rc));
	size_t n = strlen(text);
	if (n && text[n - 1] == '.')
		text[n - 1] = '\0';
	return text;
}

/* The password file's first line, without its line end. */
static char *read_password(const char *path, struct error *err)
{
	size_t len;
	struct error why = {0};
	char *text = file_read(path, PASSWORD_MAX, &len, &why);
	if (!text) {
		error_set(err, 0, 0, "password_file %s: %s", path, why.message);
		return NULL;
	}
	text[strcspn(text, "\r\n")] = '\0';
	return text;
}

/* A handle with the options' credentials and TLS; NULL with err filled. */
static struct mosquitto *client_new(const struct mqtt_options *o, const char *password,
				    const char *client_id, void *data, struct error *err)
{
	pthread_once(&libmosquitto_once, libmosquitto_open);
	if (!libmosquitto.ready) {
		error_set(err, 0, 0, "%s", libmosquitto.error.message);
		return NULL;
	}
	struct mosquitto *mosq = libmosquitto.new(client_id, true, data);
	if (!mosq) {
		error_set(err, 0, 0, "cannot create an MQTT client: %s", strerror(errno));
		return NULL;
	}
	int rc = MOSQ_ERR_SUCCESS;
	if (o->username && o->username[0])
		rc = libmosquitto.username_pw_set(mosq, o->username, password);
	if (rc == MOSQ_ERR_SUCCESS && o->tls) {
		/* verified against ca_file, else the system's store; the host name is checked too */
		if (o->ca_file && o->ca_file[0])
			rc = libmosquitto.tls_set(mosq, o->ca_file, NULL, NULL, NULL, NULL);
		else
			rc = libmosquitto.int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1);
		if (rc == MOSQ_ERR_SUCCESS)
			rc = libmosquitto.tls_opts_set(mosq, 1, NULL, NULL);
		if (rc == MOSQ_ERR_SUCCESS)
			rc = libmosquitto.tls_insecure_set(mosq, false);
	}
	if (rc != MOSQ_ERR_SUCCESS) {
		error_set(err, 0, 0, "MQTT client setup%s: %s", o->tls ? " (TLS)" : "", describe(rc));
		libmosquitto.destroy(mosq);
		return NULL;
	}
	return mosq;
}

bool mqtt_options_check(const struct mqtt_options *o, bool need_name, struct error *err)
{
	if (!o->host || !o->host[0]) {
		error_set(err, 0, 0, "[mqtt] host is not set");
		return false;
	}
	if (!o->venue || !mqtt_name_valid(o->venue)) {
		error_set(err, 0, 0, "[mqtt] venue '%s' is not a topic name (1 to %d of A-Z a-z 0-9 . _ -)",
			  o->venue ? o->venue : "", MQTT_NAME_MAX);
		return false;
	}
	if (need_name && (!o->name || !mqtt_name_valid(o->name))) {
		error_set(err, 0, 0, "[mqtt] name '%s' is not a topic name (1 to %d of A-Z a-z 0-9 . _ -)",
			  o->name ? o->name : "", MQTT_NAME_MAX);
		return false;
	}
	return true;
}

/* ---- the screen's client ---------------------------------------------------------------- */

struct mqtt {
	struct mqtt_options o;
	char *host, *venue, *name, *username, *ca_file, *password;
	char topics[MQTT_N_TOPICS][MQTT_TOPIC_MAX];
	char status_topic[MQTT_TOPIC_MAX];
	char offline[MQTT_TOPIC_MAX];	/* the last will's payload */
	struct mosquitto *mosq;
	pthread_t thread;
	bool started;
	int wake_fd;
	unsigned seed;			/* jitter, the thread's own */

	pthread_mutex_t lock;		/* guards everything below */
	pthread_cond_t cond;		/* signalled on stop */
	bool stop;
	bool connected;
	bool session;			/* a connection was accepted since run() last looked */
	char *status;			/* the last status JSON, published again at connect */
	char problem[MQTT_N_TOPICS][320];
	char error[256];
	struct mqtt_result *pending;	/* not yet taken */
};

/* The pending result, made on first use, with the current state copied in; under lock. */
static struct mqtt_result *pending_locked(struct mqtt *m)
{
	if (!m->pending)
		m->pending = calloc(1, sizeof *m->pending);
	struct mqtt_result *r = m->pending;
	if (r) {
		r->connected = m->connected;
		memcpy(r->problem, m->problem, sizeof r->problem);
		snprintf(r->error, sizeof r->error, "%s", m->error);
	}
	return r;
}

static void note_connection(struct mqtt *m, bool connected, const char *error)
{
	pthread_mutex_lock(&m->lock);
	m->connected = connected;
	snprintf(m->error, sizeof m->error, "%s", error);
	pending_locked(m);
	pthread_mutex_unlock(&m->lock);
	loop_wake(m->wake_fd);
}

/* Publishes a copy of the last status; never under the lock (libmosquitto takes its own). */
static void publish_status(struct mqtt *m)
{
	pthread_mutex_lock(&m->lock);
	char *status = m->status ? strdup(m->status) : NULL;
	pthread_mutex_unlock(&m->lock);
	if (!status)
		return;
	int rc = libmosquitto.publish(m->mosq, NULL, m->status_topic, (int)strlen(status), status, 1, true);
	if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
		log_warning("%s: not published: %s", m->status_topic, describe(rc));
	free(status);
}

static void on_connect(struct mosquitto *mosq, void *data, int rc)
{
	struct mqtt *m = data;
	if (rc != 0) {
		char why[256];
		snprintf(why, sizeof why, "%s:%d refused the connection: %s", m->host, m->o.port,
			 libmosquitto.connack_string(rc));
		note_connection(m, false, why);
		return;
	}
	log_info("connected to %s:%d as %s", m->host, m->o.port, m->name);
	for (int t = 0; t < MQTT_N_TOPICS; t++) {
		int s = libmosquitto.subscribe(mosq, NULL, m->topics[t], 1);
		if (s != MOSQ_ERR_SUCCESS)
			log_warning("%s: cannot subscribe: %s", m->topics[t], describe(s));
	}
	pthread_mutex_lock(&m->lock);
	m->connected = true;
	m->session = true;
	m->error[0] = '\0';
	pending_locked(m);
	pthread_mutex_unlock(&m->lock);
	publish_status(m);
	loop_wake(m->wake_fd);
}

static void on_disconnect(struct mosquitto *mosq, void *data, int rc)
{
	(void)mosq;
	struct mqtt *m = data;
	char why[256] = "";
	if (rc != 0)
		snprintf(why, sizeof why, "lost the connection to %s:%d", m->host, m->o.port);
	note_connection(m, false, why);
}

static void on_message(struct mosquitto *mosq, void *data, const struct mosquitto_message *msg)
{
	(void)mosq;
	struct mqtt *m = data;
	int t = 0;
	while (t < MQTT_N_TOPICS && strcmp(msg->topic, m->topics[t]))
		t++;
	if (t == MQTT_N_TOPICS)
		return;
	char problem[320] = "";
	struct override_set *set = NULL;
	if (msg->payloadlen > OVERRIDE_MAX_BYTES) {
		snprintf(problem, sizeof problem, "%s: %d bytes, larger than %d", msg->topic,
			 msg->payloadlen, OVERRIDE_MAX_BYTES);
	} else {
		struct error_list errors = {0};
		time_t reference = m->o.clock ? m->o.clock(m->o.clock_data) : clock_wall();
		set = override_parse(msg->payloadlen ? msg->payload : "", (size_t)msg->payloadlen,
				     m->o.zone, reference, &errors);
		if (!set && errors.n)
			snprintf(problem, sizeof problem, "%s:%d: %s%s", msg->topic, errors.items[0].line,
				 errors.items[0].message, errors.n > 1 ? " (and more)" : "");
		else if (!set)
			snprintf(problem, sizeof problem, "%s: out of memory", msg->topic);
		error_list_finish(&errors);
	}
	if (problem[0])
		log_error("%s, keeping the last good overrides", problem);
	else
		log_info("%s: %d bytes of overrides", msg->topic, msg->payloadlen);
	pthread_mutex_lock(&m->lock);
	snprintf(m->problem[t], sizeof m->problem[t], "%s", problem);
	struct mqtt_result *r = pending_locked(m);
	if (r && set) {
		override_destroy(r->sets[t]);
		r->sets[t] = set;
		r->changed[t] = true;
		set = NULL;
	}
	pthread_mutex_unlock(&m->lock);
	override_destroy(set);	/* only when out of memory */
	loop_wake(m->wake_fd);
}

static bool stopping(struct mqtt *m)
{
	pthread_mutex_lock(&m->lock);
	bool stop = m->stop;
	pthread_mutex_unlock(&m->lock);
	return stop;
}

/* Waits up to seconds, or until mqtt_destroy(); false when stopping. */
static bool pause_for(struct mqtt *m, double seconds)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	int64_t ns = until.tv_nsec + (int64_t)(seconds * 1e9);
	until.tv_sec += (time_t)(ns / 1000000000);
	until.tv_nsec = (long)(ns % 1000000000);
	pthread_mutex_lock(&m->lock);
	while (!m->stop && pthread_cond_timedwait(&m->cond, &m->lock, &until) != ETIMEDOUT)
		;
	bool go_on = !m->stop;
	pthread_mutex_unlock(&m->lock);
	return go_on;
}

/* Publishes the offline status and disconnects, flushing for at most a second. */
static void say_goodbye(struct mqtt *m)
{
	int mid = -1;
	if (libmosquitto.publish(m->mosq, &mid, m->status_topic, (int)strlen(m->offline), m->offline, 1,
			      true) != MOSQ_ERR_SUCCESS)
		return;
	int64_t until = clock_monotonic_ms() + 1000;
	while (clock_monotonic_ms() < until && libmosquitto.want_write(m->mosq))
		if (libmosquitto.loop(m->mosq, 100, 1) != MOSQ_ERR_SUCCESS)
			return;
	libmosquitto.disconnect(m->mosq);
	libmosquitto.loop(m->mosq, 100, 1);
}

/* Whether a connection was accepted since the last call (and forgets it). */
static bool took_session(struct mqtt *m)
{
	pthread_mutex_lock(&m->lock);
	bool up = m->session;
	m->session = false;
	pthread_mutex_unlock(&m->lock);
	return up;
}

/*
 * One connection: connect without blocking (the TCP and TLS handshakes run in
 * mosquitto_loop(), so a stop is never held up by an unreachable broker), then run until it
 * ends. MOSQ_ERR_SUCCESS when stopping.
 */
static int run_connection(struct mqtt *m)
{
	int rc = libmosquitto.connect_async(m->mosq, m->host, m->o.port, m->o.keepalive_s);
	int64_t give_up = clock_monotonic_ms() + CONNECT_TIMEOUT_MS;
	while (rc == MOSQ_ERR_SUCCESS && !stopping(m)) {
		rc = libmosquitto.loop(m->mosq, 500, 1);
		pthread_mutex_lock(&m->lock);
		bool connected = m->connected;
		pthread_mutex_unlock(&m->lock);
		if (rc == MOSQ_ERR_SUCCESS && !connected && clock_monotonic_ms() > give_up) {
			libmosquitto.disconnect(m->mosq);
			rc = MOSQ_ERR_CONN_LOST;
		}
	}
	return rc;
}

static void *run(void *data)
{
	struct mqtt *m = data;
	unsigned failures = 0;
	while (!stopping(m)) {
		int rc = run_connection(m);
		if (rc == MOSQ_ERR_SUCCESS) {	/* stopping */
			pthread_mutex_lock(&m->lock);
			bool connected = m->connected;
			pthread_mutex_unlock(&m->lock);
			if (connected)
				say_goodbye(m);
			break;
		}
		/* after a connection that worked, the backoff starts over */
		failures = took_session(m) ? 1 : failures + 1;
		double delay = backoff_failure_delay(&reconnect_policy, failures,
						     (double)rand_r(&m->seed) / ((double)RAND_MAX + 1));
		char why[256];
		snprintf(why, sizeof why, "%s:%d: %s", m->host, m->o.port, describe(rc));
		log_warning("%s; connecting again in %.0f s", why, delay);
		note_connection(m, false, why);
		if (!pause_for(m, delay))
			break;
	}
	return NULL;
}

static char *copy(const char *s, bool *ok)
{
	if (!s || !s[0])
		return NULL;
	char *c = strdup(s);
	if (!c)
		*ok = false;
	return c;
}

struct mqtt *mqtt_create(const struct mqtt_options *options, struct error *err)
{
	if (!mqtt_options_check(options, true, err))
		return NULL;
	struct mqtt *m = calloc(1, sizeof *m);
	if (!m) {
		error_set(err, 0, 0, "out of memory");
		return NULL;
	}
	m->wake_fd = -1;
	m->seed = (unsigned)getpid() ^ (unsigned)clock_monotonic_ms();
	pthread_mutex_init(&m->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&m->cond, &attr);
	pthread_condattr_destroy(&attr);
	bool ok = true;
	m->o = *options;
	m->o.host = m->host = copy(options->host, &ok);
	m->o.venue = m->venue = copy(options->venue, &ok);
	m->o.name = m->name = copy(options->name, &ok);
	m->o.username = m->username = copy(options->username, &ok);
	m->o.ca_file = m->ca_file = copy(options->ca_file, &ok);
	m->o.password_file = NULL;
	if (!ok) {
		error_set(err, 0, 0, "out of memory");
		mqtt_destroy(m);
		return NULL;
	}
	if (options->password_file && options->password_file[0] &&
	    !(m->password = read_password(options->password_file, err))) {
		mqtt_destroy(m);
		return NULL;
	}
	mqtt_topic_override(m->topics[MQTT_VENUE], m->venue, NULL);
	mqtt_topic_override(m->topics[MQTT_SCREEN], m->venue, m->name);
	mqtt_topic_status(m->status_topic, m->venue, m->name);
	snprintf(m->offline, sizeof m->offline, "{\"name\": \"%s\", \"online\": false}", m->name);
	char client_id[MQTT_TOPIC_MAX];
	snprintf(client_id, sizeof client_id, "foyer-%s-%s", m->venue, m->name);
	m->mosq = client_new(&m->o, m->password, client_id, m, err);
	if (!m->mosq) {
		mqtt_destroy(m);
		return NULL;
	}
	libmosquitto.threaded_set(m->mosq, true);
	libmosquitto.will_set(m->mosq, m->status_topic, (int)strlen(m->offline), m->offline, 1, true);
	libmosquitto.connect_callback_set(m->mosq, on_connect);
	libmosquitto.disconnect_callback_set(m->mosq, on_disconnect);
	libmosquitto.message_callback_set(m->mosq, on_message);
	return m;
}

bool mqtt_start(struct mqtt *m, int wake_fd, struct error *err)
{
	m->wake_fd = wake_fd;
	int rc = pthread_create(&m->thread, NULL, run, m);
	if (rc) {
		error_set(err, 0, 0, "cannot start the MQTT thread: %s", strerror(rc));
		return false;
	}
	m->started = true;
	return true;
}

void mqtt_publish_status(struct mqtt *m, const char *json)
{
	char *c = strdup(json);
	if (!c)
		return;
	pthread_mutex_lock(&m->lock);
	free(m->status);
	m->status = c;
	bool connected = m->connected;
	pthread_mutex_unlock(&m->lock);
	if (connected)
		publish_status(m);
}

struct mqtt_result *mqtt_take(struct mqtt *m)
{
	pthread_mutex_lock(&m->lock);
	struct mqtt_result *r = m->pending;
	m->pending = NULL;
	pthread_mutex_unlock(&m->lock);
	return r;
}

void mqtt_result_destroy(struct mqtt_result *r)
{
	if (!r)
		return;
	for (int t = 0; t < MQTT_N_TOPICS; t++)
		override_destroy(r->sets[t]);
	free(r);
}

void mqtt_destroy(struct mqtt *m)
{
	if (!m)
		return;
	if (m->started) {
		pthread_mutex_lock(&m->lock);
		m->stop = true;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(&m->lock);
		pthread_join(m->thread, NULL);
	}
	if (m->mosq)
		libmosquitto.destroy(m->mosq);
	mqtt_result_destroy(m->pending);
	pthread_cond_destroy(&m->cond);
	pthread_mutex_destroy(&m->lock);
	if (m->password)
		memset(m->password, 0, strlen(m->password));
	free(m->password);
	free(m->host);
	free(m->venue);
	free(m->name);
	free(m->username);
	free(m->ca_file);
	free(m->status);
	free(m);
}

/* ---- the AV desk ---------------------------------------------------------------------- */

struct desk {
	const char *filter;		/* mqtt_read()'s subscription; NULL: publishing */
	int connack;			/* -1 until the broker answered */
	bool subscribed, published;
	int mid;
	int64_t last_ms;		/* of the SUBACK or the latest message */
	bool unreported;		/* messages since the last on_quiet */
	void (*on_message)(void *data, const char *topic, const char *payload, size_t len);
	void *data;
};

static void desk_on_connect(struct mosquitto *mosq, void *data, int rc)
{
	struct desk *d = data;
	d->connack = rc;
	if (rc == 0 && d->filter)
		libmosquitto.subscribe(mosq, NULL, d->filter, 1);
}

static void desk_on_subscribe(struct mosquitto *mosq, void *data, int mid, int qos_count,
			      const int *granted_qos)
{
	(void)mosq, (void)mid, (void)qos_count, (void)granted_qos;
	struct desk *d = data;
	d->subscribed = true;
	d->unreported = true;	/* even with no screen at all, the first listing is due */
	d->last_ms = clock_monotonic_ms();
}

static void desk_on_publish(struct mosquitto *mosq, void *data, int mid)
{
	(void)mosq;
	struct desk *d = data;
	if (mid == d->mid)
		d->published = true;
}

static void desk_on_message(struct mosquitto *mosq, void *data, const struct mosquitto_message *msg)
{
	(void)mosq;
	struct desk *d = data;
	d->last_ms = clock_monotonic_ms();
	d->unreported = true;
	d->on_message(d->data, msg->topic, msg->payloadlen ? msg->payload : "",
		      (size_t)msg->payloadlen);
}

/* Connects and waits for the broker's answer; false with err. */
static bool desk_connect(struct mosquitto *mosq, const struct mqtt_options *o, struct desk *d,
			 struct error *err)
{
	d->connack = -1;
	libmosquitto.connect_callback_set(mosq, desk_on_connect);
	int rc = libmosquitto.connect(mosq, o->host, o->port, o->keepalive_s);
	int64_t until = clock_monotonic_ms() + DESK_TIMEOUT_MS;
	while (rc == MOSQ_ERR_SUCCESS && d->connack < 0 && clock_monotonic_ms() < until)
		rc = libmosquitto.loop(mosq, 100, 1);
	if (rc != MOSQ_ERR_SUCCESS && d->connack <= 0) {
		error_set(err, 0, 0, "%s:%d: %s", o->host, o->port, describe(rc));
		return false;
	}
	if (d->connack != 0) {
		error_set(err, 0, 0, "%s:%d: %s", o->host, o->port,
			  d->connack < 0 ? "no answer" : libmosquitto.connack_string(d->connack));
		return false;
	}
	return true;
}

static struct mosquitto *desk_client(const struct mqtt_options *o, struct desk *d, struct error *err)
{
	if (!mqtt_options_check(o, false, err))
		return NULL;
	char *password = NULL;
	if (o->password_file && o->password_file[0] && !(password = read_password(o->password_file, err)))
		return NULL;
	struct mosquitto *mosq = client_new(o, password, NULL, d, err);
	if (password)
		memset(password, 0, strlen(password));
	free(password);
	if (mosq && !desk_connect(mosq, o, d, err)) {
		libmosquitto.destroy(mosq);
		return NULL;
	}
	return mosq;
}

bool mqtt_publish_retained(const struct mqtt_options *o, const char *topic, const void *payload,
			   size_t len, struct error *err)
{
	struct desk d = {0};
	struct mosquitto *mosq = desk_client(o, &d, err);
	if (!mosq)
		return false;
	libmosquitto.publish_callback_set(mosq, desk_on_publish);
	int rc = libmosquitto.publish(mosq, &d.mid, topic, (int)len, len ? payload : NULL, 1, true);
	int64_t until = clock_monotonic_ms() + DESK_TIMEOUT_MS;
	while (rc == MOSQ_ERR_SUCCESS && !d.published && clock_monotonic_ms() < until)
		rc = libmosquitto.loop(mosq, 100, 1);
	bool ok = rc == MOSQ_ERR_SUCCESS && d.published;
	if (!ok)
		error_set(err, 0, 0, "%s: %s", topic,
			  rc != MOSQ_ERR_SUCCESS ? describe(rc) : "the broker did not acknowledge it");
	libmosquitto.disconnect(mosq);
	libmosquitto.loop(mosq, 100, 1);
	libmosquitto.destroy(mosq);
	return ok;
}

bool mqtt_read(const struct mqtt_options *o, const char *filter, bool watch,
	       void (*on_payload)(void *data, const char *topic, const char *payload, size_t len),
	       void (*on_quiet)(void *data), void *data, struct error *err)
{
	struct desk d = {.filter = filter, .on_message = on_payload, .data = data};
	struct mosquitto *mosq = desk_client(o, &d, err);
	if (!mosq)
		return false;
	libmosquitto.subscribe_callback_set(mosq, desk_on_subscribe);
	libmosquitto.message_callback_set(mosq, desk_on_message);
	int64_t until = clock_monotonic_ms() + DESK_TIMEOUT_MS;
	bool ok = true;
	for (;;) {
		int rc = libmosquitto.loop(mosq, 100, 1);
		if (rc != MOSQ_ERR_SUCCESS && watch) {
			sleep(1);	/* the desk's view waits for the broker to come back */
			libmosquitto.reconnect(mosq);
			continue;
		}
		if (rc != MOSQ_ERR_SUCCESS || (!d.subscribed && clock_monotonic_ms() > until)) {
			error_set(err, 0, 0, "%s: %s", filter, rc ? describe(rc) : "no answer");
			ok = false;
			break;
		}
		if (d.subscribed && d.unreported && clock_monotonic_ms() - d.last_ms >= QUIET_MS) {
			d.unreported = false;
			on_quiet(data);
			if (!watch)
				break;
		}
	}
	libmosquitto.disconnect(mosq);
	libmosquitto.destroy(mosq);
	return ok;
}
