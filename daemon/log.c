/*
 * log.c — stderr logging with journald priority prefixes; see log.h.
 *
 * The only mutable globals here are the level and the journald flag, set once by main.
 */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static enum log_level max_level = LOG_LEVEL_INFO;
static bool to_journal;

void log_init(enum log_level level)
{
	max_level = level;
	to_journal = getenv("JOURNAL_STREAM") != NULL;
}

void log_message(enum log_level level, const char *module, const char *fmt, ...)
{
	if (level > max_level)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (to_journal)
		fprintf(stderr, "<%d>%s: %s\n", (int)level, module, line);
	else
		fprintf(stderr, "%s: %s\n", module, line);
}
