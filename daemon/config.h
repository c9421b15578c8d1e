/*
 * config.h — the configuration file (/etc/foyer/foyer.conf): one schema table, one struct.
 *
 * Every key is a row of the table in config.c (section, key, type, default, bounds, where it
 * lands in struct config). To add a key: add a field here and a row there, and document it
 * at its default in config/foyer.conf (a test checks the file lists every key at its default).
 * Parsing is pure (bytes in); a new config is validated fully before it replaces a live one:
 * parse into a fresh struct, and swap only when the error list is empty.
 */
#ifndef FOYER_CONFIG_H
#define FOYER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define CONFIG_MAX_BYTES (256 * 1024)
#define CONFIG_MAX_LIST 64
#define CONFIG_MAX_KEYS 64	/* rows of the schema */
#define CONFIG_MAX_SCREENS 500	/* [screen "NAME"] sections in one file */

struct config_list {
	char *items[CONFIG_MAX_LIST];
	int lines[CONFIG_MAX_LIST];	/* the line of each item; 0 for a default */
	size_t n;
};

/* One key of a [screen "NAME"] section, checked and kept as written until it is chosen. */
struct config_setting {
	size_t key;		/* row of the schema */
	char *value;
	int line;
};

/*
 * What one box (by its name) sets over [screen] and [deck]: its [screen "NAME"] and
 * [deck "NAME"] sections (either may be missing).
 */
struct config_screen {
	char *name;
	int line;		/* of its [screen "NAME"] header; 0: none */
	int deck_line;		/* of its [deck "NAME"] header; 0: none */
	struct config_setting *settings;
	size_t n_settings;
};

struct config {
	/* [general] */
	char *timezone;			/* IANA zone of the venue; "" = the system's */
	char *language;			/* the screen's words: en | de | fr | es | nl */
	char *clock;			/* 24h | 12h; "" = the language's */
	/* [feed] */
	struct config_list sources;	/* URLs or paths, merged in order */
	char *format;			/* auto | csv | text | ... (feed.h names) */
	char *select;			/* html: the element holding the agenda; "" = the page */
	long refresh;			/* seconds between two fetches of a good feed */
	long refresh_jitter;		/* the refresh is spread over refresh ± this */
	long retry_max;			/* the longest wait between retries of a failing feed */
	long connect_timeout;		/* seconds to connect (TCP and TLS) */
	long timeout;			/* seconds for a whole transfer */
	long stall_timeout;		/* abort a transfer under 100 bytes/s for this long */
	int max_bytes;			/* the largest feed body accepted (decompressed) */
	int max_redirects;
	char *cache_directory;		/* last good bodies; "" = no cache */
	char *ca_file;			/* CA certificates for https; "" = the system's */
	char *proxy;			/* e.g. http://proxy:3128; "" = none */
	long stale_after;		/* the slide marks data older than this as stale */
	bool trust_clock;		/* [general] the wall clock is right from boot (an RTC) */
	/* [screen] */
	struct config_list rooms;	/* the rooms this screen serves; none = all */
	char *theme;			/* a name under the themes directory, or a directory */
	char *override;			/* the AV staff override file; "" = none */
	char *override_url;		/* the fleet's override document (http, https); "" = none */
	long override_refresh;		/* seconds between two fetches of it */
	int width, height;		/* render size; 0 = the screen's */
	char *rotate;			/* 0 | 90 | 180 | 270 */
	char *transition;		/* auto | fade | cut: how the slide changes */
	char *display_off_command;	/* run when the screen hours end; "" = none */
	char *display_on_command;	/* run when they begin again */
	int overscan;			/* pixels kept clear at every edge */
	struct config_list directions;	/* "ROOM: WORD" (direction.h) */
	bool qr;			/* a QR code of the session's URL on now/next */
	/* [status] */
	char *status_directory;		/* status.json, screen.png; "" = $RUNTIME_DIRECTORY */
	long screenshot_interval;	/* seconds between screenshots; 0 = none */
	int screenshot_width;		/* px; the height keeps the aspect ratio */
	/* [rooms] */
	struct config_list room_aliases;	/* "Feed name -> Screen name" (alias.h) */
	/* [deck] */
	struct config_list deck_slides;	/* "KIND SECONDS", in the order shown; none: no deck */
	struct config_list deck_images;	/* image files or folders of them, for `image` slides */
	/* [screen "NAME"]: every box's own section; config_select_screen() applies one */
	struct config_screen *screens;
	size_t n_screens;
	const struct config_screen *screen;	/* the section in force; NULL: [screen] alone */
	int key_lines[CONFIG_MAX_KEYS];	/* where each row was set (the chosen section's line
					   for its keys); 0: its default */
	/* [mqtt] the fleet (DESIGN.md section 10); host "" = no broker */
	char *mqtt_host;
	int mqtt_port;
	char *mqtt_venue;		/* the topics' VENUE */
	char *mqtt_name;		/* the topics' NAME; "" = the screen's section, else the hostname */
	char *mqtt_username;		/* "" = none */
	char *mqtt_password_file;	/* the password, on the file's first line; "" = none */
	bool mqtt_tls;
	char *mqtt_ca_file;		/* "" = the system's CA store */
	long mqtt_keepalive;		/* seconds between pings when idle */
};

enum config_type {
	CONFIG_STRING,
	CONFIG_LIST,	/* the key may repeat; each line adds an item */
	CONFIG_BOOL,	/* yes/no, true/false, on/off, 1/0 (inifile.h) */
	CONFIG_INT,	/* with min..max */
	CONFIG_SECONDS,	/* a duration (inifile.h): 90, 90s, 15m, 1h30m; min..max in seconds */
	CONFIG_CHOICE,	/* a string from `choices`, separated by '|' */
	CONFIG_ROOM_ALIAS,	/* a CONFIG_LIST whose values read "Feed name -> Screen name" */
	CONFIG_DECK_SLIDE,	/* a CONFIG_LIST whose values read "KIND SECONDS" (deck.h) */
	CONFIG_DIRECTION,	/* a CONFIG_LIST whose values read "ROOM: WORD" */
};

struct config_key {
	const char *section, *key;
	enum config_type type;
	size_t offset;		/* of the field in struct config */
	const char *default_value;
	long min, max;
	const char *choices;
};

/* The schema, for --check, documentation tests and tools. */
const struct config_key *config_schema(size_t *count);

/* Sets every key to its default (caller-owned c; release with config_finish()). */
bool config_init(struct config *c);
void config_finish(struct config *c);

/*
 * Parses the bytes of a config file (inifile.h's grammar) over c, which holds the defaults.
 * Every problem is added to errors with its line; returns true when there was none. Sections
 * are the schema's (a new row with a new section adds it); keys ignore case.
 */
bool config_parse(struct config *c, const char *bytes, size_t len, struct error_list *errors);

/*
 * Reads path into c. A missing file is not an error when must_exist is false (built-in
 * defaults stay); otherwise a problem with line 0 and the reason.
 */
bool config_load(struct config *c, const char *path, bool must_exist, struct error_list *errors);

/*
 * Applies the [screen "NAME"] and [deck "NAME"] sections whose name is name (ignoring ASCII
 * case) over the [screen] and [deck] keys: a key a section sets replaces the plain section's
 * (a list key's lines replace the whole list: a box's own deck is its `slide =` lines), the
 * rest stay. c->screen is the section, or NULL when none has
 * that name (c is then unchanged). False only when out of memory. Call once, after parsing.
 */
bool config_select_screen(struct config *c, const char *name);

/* The schema's row of section/key (NULL when none). */
const struct config_key *config_find_key(const char *section, const char *key);

/* Whether a key is a list (it may repeat): CONFIG_LIST, CONFIG_ROOM_ALIAS, CONFIG_DIRECTION. */
bool config_key_is_list(const struct config_key *k);

/*
 * The value of row k in c as the config file writes it ("90", "yes", "Main hall"; a list's
 * items joined by ", "), for --check --screen; snprintf's return.
 */
int config_format_value(const struct config *c, const struct config_key *k, char *buf,
			size_t size);

/* A duration of inifile.h's grammar that is not negative ("90", "15m", "1h30m"), in seconds. */
bool config_parse_seconds(const char *s, long *out);

#endif
