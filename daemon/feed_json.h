/*
 * feed_json.h — loading a JSON feed with jansson, shared by the JSON readers (c3voc
 * schedule.json, Sessionize): a UTF-8 BOM is skipped, and a parse error comes back with
 * jansson's line and column.
 */
#ifndef FOYER_FEED_JSON_H
#define FOYER_FEED_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "error.h"

/* The parsed document (caller decrefs), or NULL with err filled. */
json_t *feed_json_load(const char *bytes, size_t len, struct error *err);

#endif
