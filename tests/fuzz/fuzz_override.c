/*
 * fuzz_override.c — fuzzes the override file (override.h): parse, then apply to a small
 * agenda and ask every query across two days. A file is either refused with at least one
 * problem, each with a message, or accepted with none; whatever it does to the agenda must
 * keep agenda.h's promises (fuzz.h), and the loop's deadline must lie in the future.
 */
#include "fuzz.h"
#include "override.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct agenda *sample(void)
{
	static const char *const titles[] = {"Keynote", "Coffee", "Coffee", "Panel"};
	static const char *const rooms[] = {"Main hall", "Room 2", "Main hall", "Room 2"};
	struct agenda *a = agenda_create();
	for (size_t i = 0; i < 4; i++) {
		struct event *ev = agenda_add_event(a);
		ev->id = i == 3 ? "42" : "";
		ev->title = titles[i];
		agenda_set_room(a, ev, rooms[i]);
		ev->start = 1544400000 + (time_t)i * 3600;	/* 2018-12-10T00:00Z + i h */
		ev->end = ev->start + 1800;
	}
	return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fuzz_feed;	/* fuzz.h's feed driver: not for this file */
	static struct tz *london;
	if (!london) {
		struct error err;
		london = tz_load("Europe/London", &err);
		if (!london)
			london = tz_fixed("UTC", 0);
	}
	struct error_list errors = {0};
	struct override_set *set = override_parse((const char *)data, size, london, 1544400000, &errors);
	FUZZ_REQUIRE((set != NULL) == (errors.n == 0 && errors.dropped == 0));
	for (size_t i = 0; i < errors.n; i++)
		FUZZ_REQUIRE(errors.items[i].message[0] && errors.items[i].line >= 0);
	struct agenda *a = sample();
	struct agenda *out = override_apply(set, a, london, NULL, &errors);
	FUZZ_REQUIRE(out != NULL);
	fuzz_check_agenda(out);
	for (size_t i = 0; i < out->n_events; i++)
		fuzz_check_string(out->events[i].note);
	const char *screen_rooms[] = {"Main hall"};
	for (time_t t = 1544400000 - 86400; t < 1544400000 + 2 * 86400; t += 1800) {
		override_emergency_at(set, t);
		override_screen_on(set, london, t);
		override_room_at(set, "Room 2", t);
		for (size_t i = 0; set && i < set->n_announcements; i++) {
			override_announcement_active(&set->announcements[i], t);
			override_announcement_for_rooms(&set->announcements[i], screen_rooms, 1);
		}
		time_t next = override_next_change(set, london, t);
		FUZZ_REQUIRE(next == 0 || next > t);
	}
	agenda_destroy(out);
	agenda_destroy(a);
	override_destroy(set);
	error_list_finish(&errors);
	return 0;
}
