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
	[SHOW_AGENDA] = {"agenda", true},
	[SHOW_ANNOUNCEMENT] = {"announcement", true},
	[SHOW_IMAGE] = {"image", true},
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

enum show_slide show_deck_slide(enum deck_kind kind, bool clock_trusted)
{
	switch (kind) {
	case DECK_NOW_NEXT:
		return clock_trusted ? SHOW_NOW_NEXT : SHOW_PROGRAMME;
	case DECK_ROOMS:
		return SHOW_ROOMS;
	case DECK_AGENDA:
		return SHOW_AGENDA;
	case DECK_ANNOUNCEMENT:
		return SHOW_ANNOUNCEMENT;
	case DECK_IMAGE:
		return SHOW_IMAGE;
	case DECK_KIND_COUNT:
		break;
	}
	return SHOW_NOW_NEXT;
}

static time_t earlier(time_t a, time_t b)
{
	return a > 0 && (b <= 0 || a < b) ? a : b;
}

/* A one-room slide on a screen of several shows the first; rooms shows every room. */
static void rooms_for(const struct show_input *in, enum show_slide slide, struct show_plan *out)
{
	const struct agenda *agenda = in->agenda;
	out->rooms = in->screen.rooms;
	out->n_rooms = in->screen.n_rooms;
	if (slide == SHOW_ROOMS) {
		out->rooms = NULL;
		out->n_rooms = 0;
	} else if (slide == SHOW_NOW_NEXT && out->n_rooms != 1 && agenda->n_rooms) {
		if (!out->n_rooms)
			out->rooms = (const char *const *)agenda->rooms;
		out->n_rooms = 1;
	}
}

static int pages_of(const struct show_input *in, enum deck_kind kind)
{
	return in->pages ? in->pages[kind] : 1;
}

/* The kind of the deck a slide shows (the programme is now-next's without a clock). */
static enum deck_kind kind_of(enum show_slide slide)
{
	for (int k = 0; k < DECK_KIND_COUNT; k++)
		if (show_deck_slide((enum deck_kind)k, true) == slide)
			return (enum deck_kind)k;
	return DECK_NOW_NEXT;
}

void show_plan(const struct show_input *in, struct show_plan *out)
{
	const struct agenda *agenda = in->agenda;
	const struct override_set *set = in->overrides;
	enum show_slide pin = set ? set->screen.pin : SHOW_NONE;
	const struct deck *deck = in->deck && in->deck->n ? in->deck : NULL;
	*out = (struct show_plan){.rooms = in->screen.rooms, .n_rooms = in->screen.n_rooms,
				  .n_pages = 1, .panel_on = true, .deck_index = -1,
				  .slot = {.index = -1}};
	if (deck) {
		int per_entry[DECK_MAX_ENTRIES];
		for (size_t i = 0; i < deck->n; i++)
			per_entry[i] = pages_of(in, deck->entries[i].kind);
		out->slot = deck_at(deck, per_entry, in->now);
	}
	/* what the screen shows but for the emergency and the hours */
	enum show_slide chosen = SHOW_NONE;
	int page = 1, pages = 1;
	time_t turn = 0;	/* when the deck's page turns */
	if (in->forced || pin) {
		enum deck_kind kind = in->forced ? in->forced_kind : kind_of(pin);
		int n = pages_of(in, kind);
		if (in->forced || n > 0) {	/* a pin with nothing to show is not a slide */
			chosen = in->forced ? show_deck_slide(kind, true) : pin;
			pages = n > 0 ? n : 1;
			page = in->forced ? in->forced_page : set->screen.pin_page;
			page = page < 1 ? 1 : page > pages ? pages : page;	/* past the end: the last */
			out->paged = in->forced || deck || set->screen.pin_page;
			for (size_t i = 0; deck && i < deck->n && out->deck_index < 0; i++)
				if (deck->entries[i].kind == kind)
					out->deck_index = (int)i;
		}
	}
	if (!chosen && deck && out->slot.index >= 0) {
		chosen = show_deck_slide(deck->entries[out->slot.index].kind, true);
		page = out->slot.page;
		pages = out->slot.pages;
		turn = out->slot.next_change;
		out->deck_index = out->slot.index;
		out->paged = true;
	}
	rooms_for(in, chosen, out);
	if (chosen) {	/* kept while an emergency or the hours interrupt: the deck's place */
		out->page = (size_t)(page - 1);
		out->n_pages = (size_t)pages;
	}
	/* before the clock is known good nothing is called "now" (the rooms stay the slide's) */
	if (!in->clock_trusted && (chosen == SHOW_NOW_NEXT || chosen == SHOW_ROOMS))
		chosen = SHOW_PROGRAMME;
	if (override_emergency_at(set, in->now)) {
		out->slide = SHOW_EMERGENCY;
	} else if (!override_screen_on(set, in->zone, in->now)) {
		out->slide = SHOW_OFF;
		out->panel_on = false;
	} else if (chosen) {
		out->slide = chosen;
	} else if (!in->clock_trusted) {
		out->slide = SHOW_PROGRAMME;
	} else {
		out->slide = sched_room_count(agenda, out->n_rooms) > 1 ? SHOW_ROOMS : SHOW_NOW_NEXT;
	}
	if (out->slide != SHOW_ROOMS && out->slide != SHOW_AGENDA &&
	    out->slide != SHOW_ANNOUNCEMENT && out->slide != SHOW_IMAGE)
		out->paged = false;
	if (out->slide == SHOW_EMERGENCY || out->slide == SHOW_OFF)
		turn = 0;	/* interrupted: the deck resumes where the clock says */
	out->next_change = earlier(earlier(sched_next_change(agenda, in->now),
					   override_next_change(set, in->zone, in->now)),
				   turn);
}
