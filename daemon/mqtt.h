/*
 * mqtt.h — the fleet's broker (DESIGN.md section 10), through libmosquitto: the screen's
 * client thread, and the AV desk's one-shot publish and read.
 *
 * The screen: mqtt_create() + mqtt_start() run one thread that connects, subscribes to
 * foyer/VENUE/override and foyer/VENUE/screen/NAME/override, and reconnects with backoff
 * (backoff.h: full jitter from 1 s up to 30 s) whatever went wrong — refused, TLS, DNS, a
 * broker restart. A retained payload is checked in that thread: over OVERRIDE_MAX_BYTES or
 * not a valid override document, it is refused with its topic:line problem and the last good
 * set of that topic stays; a good one (an empty payload is an empty set: cleared) is handed
 * to the main thread like the fetcher's results: stored under a mutex, eventfd written
 * (loop_wake), main calls mqtt_take(). mqtt_publish_status() publishes retained to
 * foyer/VENUE/screen/NAME/status, and again after every reconnect; the last will, set at
 * connect, publishes {"name": NAME, "online": false} there when the broker loses the screen.
 * A disconnect keeps every override set: the screen shows what it last knew.
 *
 * The desk: mqtt_publish_retained() and mqtt_read() connect, do one thing and disconnect.
 *
 * The password is read from password_file and kept in memory only; no message here names it.
 * mqtt.c is the only file that includes <mosquitto.h>.
 */
#ifndef FOYER_MQTT_H
#define FOYER_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "error.h"
#include "override.h"
#include "tz.h"

#define MQTT_NAME_MAX 64	/* a venue's or a screen's part of a topic */
#define MQTT_TOPIC_MAX 200

struct mqtt_options {
	const char *host;
	int port;
	const char *venue, *name;	/* the topics' VENUE and NAME (mqtt_name_valid()) */
	const char *username;		/* NULL or "": anonymous */
	const char *password_file;	/* NULL or "": no password */
	bool tls;
	const char *ca_file;		/* NULL or "": the system's CA store */
	int keepalive_s;
	/* For the screen's override documents: */
	const struct tz *zone;		/* borrowed: must outlive the client */
	/* The instant whose local day dateless times fall on; called from the client thread.
	   NULL: the wall clock. */
	time_t (*clock)(void *data);
	void *clock_data;
};

/* Whether s can be a venue's or a screen's part of a topic: 1..MQTT_NAME_MAX of [A-Za-z0-9._-]. */
bool mqtt_name_valid(const char *s);

/* Whether the options can be used: a host, a valid venue and (need_name) name; else err says why. */
bool mqtt_options_check(const struct mqtt_options *options, bool need_name, struct error *err);

/* The topics (DESIGN.md section 10) into out; name NULL: the venue's override topic. */
void mqtt_topic_override(char out[MQTT_TOPIC_MAX], const char *venue, const char *name);
void mqtt_topic_status(char out[MQTT_TOPIC_MAX], const char *venue, const char *name);

/*
 * libmosquitto is opened by the first client (mqtt_create() or a desk call), from the thread
 * that makes it (dynlib.h): foyer without a fleet never loads it. Its cleanup, if it was
 * opened: once, at the end.
 */
void mqtt_global_cleanup(void);

/* ---- the screen's client -------------------------------------------------------------- */

enum mqtt_topic_kind { MQTT_VENUE, MQTT_SCREEN, MQTT_N_TOPICS };

struct mqtt_result {
	/* A new set for a topic (take it and set it to NULL) when changed[topic]; NULL there
	   with changed: an empty document. */
	bool changed[MQTT_N_TOPICS];
	struct override_set *sets[MQTT_N_TOPICS];
	/* The latest refused payload of each topic, "topic:line: why"; "" when the latest was good. */
	char problem[MQTT_N_TOPICS][320];
	bool connected;
	char error[256];	/* why the last connection attempt failed or ended; "" */
};

/*
 * Checks and copies the options and reads the password file. NULL with err filled when an
 * option is unusable (a bad venue or name, an unreadable password file) or memory ran out.
 */
struct mqtt *mqtt_create(const struct mqtt_options *options, struct error *err);
/* Stops the thread, publishes the status offline on a clean disconnect, frees. NULL: no-op. */
void mqtt_destroy(struct mqtt *mqtt);

/* Starts the client thread; it writes to wake_fd (loop_waker_create()) after each change. */
bool mqtt_start(struct mqtt *mqtt, int wake_fd, struct error *err);

/* The changes since the last call (the caller owns the result), or NULL when none. */
struct mqtt_result *mqtt_take(struct mqtt *mqtt);
void mqtt_result_destroy(struct mqtt_result *result);

/* Publishes the status JSON (copied) retained; kept and published again after a reconnect. */
void mqtt_publish_status(struct mqtt *mqtt, const char *json);

/* ---- the AV desk ---------------------------------------------------------------------- */

/*
 * Connects, publishes len bytes retained at QoS 1 (0 bytes: the broker forgets the topic's
 * retained message), waits for the broker's acknowledgement and disconnects. False with err.
 */
bool mqtt_publish_retained(const struct mqtt_options *options, const char *topic,
			   const void *payload, size_t len, struct error *err);

/*
 * Connects and subscribes to filter. Every message goes to on_message (payload NUL-terminated;
 * len 0: a retained message was cleared); on_quiet is called once the retained messages have
 * arrived (nothing new for a moment) and, with `watch`, again after each later burst of
 * messages. Without watch it returns after the first on_quiet; with watch it runs until the
 * process is stopped or the connection fails. False with err on a failure.
 */
bool mqtt_read(const struct mqtt_options *options, const char *filter, bool watch,
	       void (*on_message)(void *data, const char *topic, const char *payload, size_t len),
	       void (*on_quiet)(void *data), void *data, struct error *err);

#endif
