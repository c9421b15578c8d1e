/*
 * show.h — the screen's policy, pure: what the screen shows at one instant.
 *
 * From the agenda (with the override file's edits), the override set, the screen's settings,
 * whether the clock is trusted and one instant, show_plan() returns the plan: which slide,
 * for which rooms, whether the panel is on, and the next instant at which any of that (or the
 * now/next it shows) can change. The state JSON, --layout, --screenshot, the live screen and
 * the display power all take their answer from one plan, so they cannot disagree.
 *
 * The rules, in order: an emergency in force takes over (even outside the screen hours);
 * outside the [screen] hours the slide is "off" and the panel may be switched off; before
 * the clock is known good nothing is called "now" (the day's programme); then the override
 * file's `pin`; else a screen of one room shows its now/next and a screen of several rooms
 * one row per room.
 *
 * Adding a slide kind (the deck): add its value to enum show_slide before SHOW_SLIDE_COUNT,
 * its name (and whether `pin =` may name it) to the table in show.c, the rule that picks it
 * to show_plan(), what it says to slide_content.c and how it is drawn to slide.c. A kind
 * with pages sets plan.page/n_pages and makes next_change the instant the page turns.
 *
 * The deck (deck.h), when the config has one, comes after the pin: the entry and page the
 * clock says (deck_at(), from the pages each entry has at now, which the caller counts:
 * rooms and agenda pages depend on the screen), each kind with its rooms (now-next: the
 * screen's first room; rooms: every room; agenda: the screen's rooms); before the clock is
 * known good the deck still rotates, its now-next showing the programme. The emergency and
 * the screen hours interrupt it, and it resumes where the clock says. `--slide KIND[:PAGE]`
 * (forced) and `pin = KIND[:PAGE]` stop it on one slide and page.
 *
 * Entry points: show_plan(), show_slide_name(), show_pin_parse(), show_pin_names(),
 * show_deck_slide().
 */
#ifndef FOYER_SHOW_H
#define FOYER_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "deck.h"

struct agenda;
struct override_set;
struct tz;

enum show_slide {
	SHOW_NONE = 0,		/* no slide: as a pin, "not pinned" */
	SHOW_NOW_NEXT,		/* one room: now, next, later today */
	SHOW_ROOMS,		/* one row per room: now and next */
	SHOW_PROGRAMME,		/* the clock is not known good: the day's programme, no "now" */
	SHOW_EMERGENCY,		/* the override file's takeover */
	SHOW_OFF,		/* outside the screen hours: black */
	SHOW_AGENDA,		/* the deck's: the rest of today's sessions, in pages */
	SHOW_ANNOUNCEMENT,	/* the deck's: one announcement of the override file a page */
	SHOW_IMAGE,		/* the deck's: one image file a page */
	SHOW_SLIDE_COUNT
};

/* What the screen is set up to show (config and command line). */
struct show_screen {
	const char *const *rooms;	/* the rooms it serves; none: every room of the agenda */
	size_t n_rooms;
};

struct show_input {
	const struct agenda *agenda;	/* the feeds' agenda with the override's edits; not NULL */
	const struct override_set *overrides;	/* NULL: no override file, or no good one yet */
	const struct tz *zone;		/* the venue's: screen hours are its local time */
	struct show_screen screen;
	bool clock_trusted;		/* the wall clock is known good (or --at was given) */
	time_t now;
	const struct deck *deck;	/* NULL or no entries: no deck */
	const int *pages;		/* DECK_KIND_COUNT counts: each kind's pages at now (0:
					   nothing to show); read for the deck's kinds and the
					   forced or pinned one; NULL: one page each */
	bool forced;			/* --slide: this kind and page whatever the clock says */
	enum deck_kind forced_kind;
	int forced_page;		/* from 1 */
};

struct show_plan {
	enum show_slide slide;
	/*
	 * The rooms whose now/next the slide shows, in sched_now_next()'s convention: none
	 * means every room of the agenda. Borrowed from the input's screen or agenda.
	 */
	const char *const *rooms;
	size_t n_rooms;
	size_t page, n_pages;		/* the slide's page (from 0): 0 of 1 for today's kinds; the
					   deck's (or pin's) while an emergency interrupts */
	bool paged;			/* rooms: the deck's overview in pages, not today's rows */
	int deck_index;			/* the deck's entry shown; -1: none (no deck, or not one) */
	struct deck_slot slot;		/* where the deck's clock is, even while interrupted */
	bool panel_on;			/* false: the display may be switched off */
	time_t next_change;		/* the earliest later instant the plan or its now/next
					   can change (0: none); the clock's minute is not one */
};

/* The plan at in->now. Never fails; out is written whole. */
void show_plan(const struct show_input *in, struct show_plan *out);

/* The slide that shows a kind of the deck's (now-next: the programme without a trusted clock). */
enum show_slide show_deck_slide(enum deck_kind kind, bool clock_trusted);

/* "now-next", "rooms", "programme", "emergency", "off" (the state JSON's `slide`); "" for NONE. */
const char *show_slide_name(enum show_slide slide);

/* A `pin =` value: true and *out set when name is a slide that may be pinned. */
bool show_pin_parse(const char *name, enum show_slide *out);

/* The names a pin may take, for messages: "now-next, rooms" (cut to fit size). Returns out. */
const char *show_pin_names(char *out, size_t size);

#endif
