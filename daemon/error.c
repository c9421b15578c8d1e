/* error.c — filling struct error; see error.h. */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

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

void error_list_add(struct error_list *list, int line, int column, const char *fmt, ...)
{
	if (list->n >= ERROR_LIST_MAX) {
		list->dropped++;
		return;
	}
	struct error *items = grow_array(list->items, &list->cap, list->n + 1, sizeof *items,
					 ERROR_LIST_MAX);
	if (!items) {
		list->dropped++;
		return;
	}
	list->items = items;
	va_list ap;
	va_start(ap, fmt);
	error_setv(&list->items[list->n++], line, column, fmt, ap);
	va_end(ap);
}

void error_list_finish(struct error_list *list)
{
	free(list->items);
	memset(list, 0, sizeof *list);
}
