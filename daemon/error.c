/* error.c — filling struct error; see error.h. */
#include "error.h"

#include <stdio.h>
#include <string.h>

void error_setv(struct error *err, int line, int column, const char *fmt, va_list ap)
{
	if (!err)
		return;
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof err->message, fmt, ap);
}

void error_set(struct error *err, int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_setv(err, line, column, fmt, ap);
	va_end(ap);
}

void error_clear(struct error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}
