/*
 * override_merge.c — laying override sets over each other, section by section; see
 * override_merge.h. Each kind of named section is merged by one loop: find the section of
 * the same name in what is merged so far, replace it, or append it.
 */
#include "override_merge.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "show.h"

static bool same_time(const struct override_time *a, const struct override_time *b)
{
	return a->kind == b->kind && a->clock == b->clock && a->instant == b->instant;
}

static bool screen_given(const struct override_screen *s)
{
	return s->line > 0 || s->has_hours || s->pin != SHOW_NONE;
}

/* Room lists are owned by their announcement: the merged set copies the array, not the names. */
static bool copy_rooms(struct override_announcement *a)
{
	if (!a->n_rooms) {
		a->rooms = NULL;
		return true;
	}
	const char **rooms = malloc(a->n_rooms * sizeof *rooms);
	if (!rooms)
		return false;
	memcpy(rooms, a->rooms, a->n_rooms * sizeof *rooms);
	a->rooms = rooms;
	return true;
}

struct override_set *override_merge(const struct override_set *const *layers, size_t n)
{
	struct override_set *out = calloc(1, sizeof *out);
	if (!out)
		return NULL;
	size_t max_a = 0, max_s = 0, max_r = 0;
	for (size_t i = 0; i < n; i++) {
		if (!layers[i])
			continue;
		max_a += layers[i]->n_announcements;
		max_s += layers[i]->n_sessions;
		max_r += layers[i]->n_rooms;
	}
	out->announcements = calloc(max_a ? max_a : 1, sizeof *out->announcements);
	out->sessions = calloc(max_s ? max_s : 1, sizeof *out->sessions);
	out->rooms = calloc(max_r ? max_r : 1, sizeof *out->rooms);
	if (!out->announcements || !out->sessions || !out->rooms) {
		override_destroy(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct override_set *l = layers[i];
		if (!l)
			continue;
		if (l->has_emergency) {
			out->has_emergency = true;
			out->emergency = l->emergency;
		}
		if (screen_given(&l->screen))
			out->screen = l->screen;
		for (size_t j = 0; j < l->n_announcements; j++) {
			struct override_announcement a = l->announcements[j];
			if (!copy_rooms(&a)) {
				override_destroy(out);
				return NULL;
			}
			size_t k = 0;
			while (k < out->n_announcements && strcmp(out->announcements[k].name, a.name))
				k++;
			if (k < out->n_announcements)
				free(out->announcements[k].rooms);
			else
				out->n_announcements++;
			out->announcements[k] = a;
		}
		for (size_t j = 0; j < l->n_sessions; j++) {
			const struct override_session *s = &l->sessions[j];
			size_t k = 0;
			while (k < out->n_sessions && (strcmp(out->sessions[k].match, s->match) ||
						       !same_time(&out->sessions[k].at, &s->at)))
				k++;
			if (k == out->n_sessions)
				out->n_sessions++;
			out->sessions[k] = *s;
		}
		for (size_t j = 0; j < l->n_rooms; j++) {
			const struct override_room *r = &l->rooms[j];
			size_t k = 0;
			while (k < out->n_rooms && strcmp(out->rooms[k].name, r->name))
				k++;
			if (k == out->n_rooms)
				out->n_rooms++;
			out->rooms[k] = *r;
		}
	}
	return out;
}
