/*
 * error.h — where and why something went wrong.
 *
 * Pure modules never log and never exit: they fill a struct error (line and column where
 * known, 0 otherwise) and return failure; the caller adds the file name and logs once.
 */
#ifndef FOYER_ERROR_H
#define FOYER_ERROR_H

#include <stdarg.h>
#include <stddef.h>

struct error {
	int line;		/* 1-based; 0 when the problem has no line */
	int column;		/* 1-based; 0 when unknown */
	char message[256];
};

/* Fills err (which may be NULL) with a printf-style message. */
void error_set(struct error *err, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void error_setv(struct error *err, int line, int column, const char *fmt, va_list ap);

/* Clears err (which may be NULL). */
void error_clear(struct error *err);

/*
 * A list of problems, for validators that report every problem rather than the first
 * (--check prints them all). Capped at ERROR_LIST_MAX entries; the rest are counted.
 */
#define ERROR_LIST_MAX 200

struct error_list {
	struct error *items;
	size_t n, cap, dropped;
};

void error_list_add(struct error_list *list, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void error_list_finish(struct error_list *list);

#endif
