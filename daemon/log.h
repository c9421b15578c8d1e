/*
 * log.h — one line per event on stderr, for a terminal or for journald.
 *
 * Each file that logs defines LOG_MODULE before including this header; lines read
 * "module: message". Under systemd (JOURNAL_STREAM set) lines carry a "<N>" priority prefix
 * instead of colour and no timestamp (journald adds its own).
 */
#ifndef FOYER_LOG_H
#define FOYER_LOG_H

enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

void log_init(enum log_level max_level);
void log_message(enum log_level level, const char *module, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#ifndef LOG_MODULE
#define LOG_MODULE "foyer"
#endif

#define log_error(...) log_message(LOG_LEVEL_ERROR, LOG_MODULE, __VA_ARGS__)
#define log_warning(...) log_message(LOG_LEVEL_WARNING, LOG_MODULE, __VA_ARGS__)
#define log_info(...) log_message(LOG_LEVEL_INFO, LOG_MODULE, __VA_ARGS__)
#define log_debug(...) log_message(LOG_LEVEL_DEBUG, LOG_MODULE, __VA_ARGS__)

#endif
