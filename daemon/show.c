/*
 * show.c — the screen's policy; see show.h for the rules and how a slide kind is added.
 */
#include "show.h"

#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "override.h"
#include "sched.h"

static const struct {
	const char *name;
	bool pinnable;		/* `pin =` may name it */
} kinds[SHOW_SLIDE_COUNT] = {
	[SHOW_NONE] = {"", false},
	[SHOW_NOW_NEXT] = {"now-next", true},
	[SHOW_ROOMS] = {"rooms", true},
	[SHOW_PROGRAMME] = {"programme", false},
	[SHOW_EMERGENCY] = {"emergency", false},
	[SHOW_OFF] = {"off", false},
};

const char *show_slide_name(enum show_slide slide)
{
	return slide < SHOW_SLIDE_COUNT ? kinds[slide].name : "";
}

bool show_pin_parse(const char *name, enum show_slide *out)
{
	for (size_t i = 0; i < SHOW_SLIDE_COUNT; i++) {
		if (kinds[i].pinnable && !strcmp(kinds[i].name, name)) {
			*out = (enum show_slide)i;
			return true;
		}
	}
	return false;
}

const char *show_pin_names(char *out, size_t size)
{
	size_t used = 0;
	if (size)
		out[0] = '\0';
	for (size_t i = 0; i < SHOW_SLIDE_COUNT && used < size; i++) {
		if (!kinds[i].pinnable)
			continue;
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", kinds[i].name);
		used += n > 0 ? (size_t)n : 0;
	}
	return out;
}

static time_t earlier(time_t a, time_t b)
{
	return a > 0 && (b <= 0 || a < b) ? a : b;
}

void show_plan(const struct show_input *in, struct show_plan *out)
{
	const struct agenda *agenda = in->agenda;
	const struct override_set *set = in->overrides;
	enum show_slide pin = set ? set->screen.pin : SHOW_NONE;
	*out = (struct show_plan){.rooms = in->screen.rooms, .n_rooms = in->screen.n_rooms,
				  .n_pages = 1, .panel_on = true};
	/* a pin widens a one-room screen to every room, or narrows a several-room one to its first */
	if (pin == SHOW_ROOMS) {
		out->rooms = NULL;
		out->n_rooms = 0;
	} else if (pin == SHOW_NOW_NEXT && out->n_rooms != 1 && agenda->n_rooms) {
		if (!out->n_rooms)
			out->rooms = (const char *const *)agenda->rooms;
		out->n_rooms = 1;
	}
	if (override_emergency_at(set, in->now)) {
		out->slide = SHOW_EMERGENCY;
	} else if (!override_screen_on(set, in->zone, in->now)) {
		out->slide = SHOW_OFF;
		out->panel_on = false;
	} else if (!in->clock_trusted) {
		out->slide = SHOW_PROGRAMME;
	} else if (pin) {
		out->slide = pin;
	} else {
		out->slide = sched_room_count(agenda, out->n_rooms) > 1 ? SHOW_ROOMS : SHOW_NOW_NEXT;
	}
	out->next_change = earlier(sched_next_change(agenda, in->now),
				   override_next_change(set, in->zone, in->now));
}
