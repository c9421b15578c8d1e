/*
 * log.h — one line per event on stderr, for a terminal or for journald.
 *
 * Each file that logs defines LOG_MODULE before including this header; lines read
 * "module: message". Under systemd (JOURNAL_STREAM names our stderr) lines carry a "<N>"
 * priority prefix and no timestamp (journald adds its own); on a terminal they are plain.
 * A message never spans lines: newlines and control characters become spaces.
 *
 * Repeated identical warnings and errors are rate-limited: the same line (same level, module
 * and text) is written at most once per LOG_REPEAT_WINDOW_MS; the repeats that were held back
 * are summed up once the window is over as "module: text (repeated N times)", on the next
 * log call or at log_flush(). A feed that fails every 30 s thus logs once a minute, not 120
 * times an hour. Info and debug lines are never held back.
 *
 * Safe to call from any thread (the fetch worker logs too).
 */
#ifndef FOYER_LOG_H
#define FOYER_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

enum { LOG_REPEAT_WINDOW_MS = 60 * 1000 };

/* Logs to stderr; journald style when JOURNAL_STREAM matches stderr's device and inode. */
void log_init(enum log_level max_level);

/* Logs to `out` (for tests and tools), journald style when `journal` is set. */
void log_init_stream(enum log_level max_level, FILE *out, bool journal);

/* Replaces the monotonic clock (ms) used for rate limiting; NULL restores the real one. */
void log_set_clock(int64_t (*clock_ms)(void));

void log_message(enum log_level level, const char *module, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes the "(repeated N times)" lines still held back, whatever their window (at exit). */
void log_flush(void);

#ifndef LOG_MODULE
#define LOG_MODULE "foyer"
#endif

#define log_error(...) log_message(LOG_LEVEL_ERROR, LOG_MODULE, __VA_ARGS__)
#define log_warning(...) log_message(LOG_LEVEL_WARNING, LOG_MODULE, __VA_ARGS__)
#define log_info(...) log_message(LOG_LEVEL_INFO, LOG_MODULE, __VA_ARGS__)
#define log_debug(...) log_message(LOG_LEVEL_DEBUG, LOG_MODULE, __VA_ARGS__)

#endif
