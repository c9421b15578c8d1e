/*
 * log.c — stderr logging with journald priority prefixes and repeat limiting; see log.h.
 *
 * State: the level, the output and its style, set once by main; and a small table of recent
 * warning/error lines for the repeat limit, behind one mutex since the fetch worker logs too.
 * The table holds LOG_REPEAT_SLOTS lines; when it is full the line seen longest ago makes
 * room (its held-back count, if any, is written first, so no repeat is lost silently).
 *
 * The lock is a spin lock on an atomic_flag, not a pthread mutex: daemon/ is on the include
 * path and its sched.h would shadow the <sched.h> that <pthread.h> needs. Holders only format
 * and write one line, so contention is brief.
 */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { LOG_LINE_MAX = 1024, LOG_REPEAT_SLOTS = 32 };

struct repeat_slot {
	bool used;
	enum log_level level;
	char module[256];
	char text[LOG_LINE_MAX];
	int64_t window_start_ms;	/* when this line was last written */
	int64_t last_seen_ms;
	unsigned long held_back;	/* repeats since then that were not written */
};

static atomic_flag log_busy = ATOMIC_FLAG_INIT;
static enum log_level max_level = LOG_LEVEL_INFO;
static FILE *log_out;
static bool to_journal;
static int64_t (*log_clock)(void);
static struct repeat_slot slots[LOG_REPEAT_SLOTS];

static void log_lock(void)
{
	while (atomic_flag_test_and_set_explicit(&log_busy, memory_order_acquire))
		;
}

static void log_unlock(void)
{
	atomic_flag_clear_explicit(&log_busy, memory_order_release);
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* JOURNAL_STREAM is "device:inode" of the stream systemd connected; it must be our stderr. */
static bool stderr_is_journal(void)
{
	const char *stream = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!stream || sscanf(stream, "%llu:%llu", &dev, &ino) != 2)
		return false;
	if (fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static void reset_slots(void)
{
	memset(slots, 0, sizeof slots);
}

void log_init(enum log_level level)
{
	log_init_stream(level, stderr, stderr_is_journal());
}

void log_init_stream(enum log_level level, FILE *out, bool journal)
{
	log_lock();
	max_level = level;
	log_out = out;
	to_journal = journal;
	reset_slots();
	log_unlock();
}

void log_set_clock(int64_t (*clock_ms)(void))
{
	log_lock();
	log_clock = clock_ms;
	log_unlock();
}

static void write_line(enum log_level level, const char *module, const char *text,
	unsigned long repeated)
{
	FILE *out = log_out ? log_out : stderr;
	if (to_journal)
		fprintf(out, "<%d>", (int)level);
	fprintf(out, "%s: %s", module, text);
	if (repeated == 1)
		fputs(" (repeated 1 time)", out);
	else if (repeated > 1)
		fprintf(out, " (repeated %lu times)", repeated);
	fputc('\n', out);
	fflush(out);
}

/* Writes the summary of a slot's held-back repeats and frees the slot. */
static void release_slot(struct repeat_slot *slot)
{
	if (slot->held_back > 0)
		write_line(slot->level, slot->module, slot->text, slot->held_back);
	slot->used = false;
}

static bool slot_matches(const struct repeat_slot *slot, enum log_level level,
	const char *module, const char *text)
{
	return slot->used && slot->level == level && !strcmp(slot->module, module) &&
		!strcmp(slot->text, text);
}

/* Sums up every slot whose window is over, but the one of the line being logged. */
static void release_expired(int64_t now, enum log_level level, const char *module,
	const char *text)
{
	for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++) {
		if (slots[i].used && now - slots[i].window_start_ms >= LOG_REPEAT_WINDOW_MS &&
			!slot_matches(&slots[i], level, module, text))
			release_slot(&slots[i]);
	}
}

/*
 * Writes a warning or error unless it repeats within its window. A repeat after its window is
 * written with the count of the repeats held back since it was last written.
 */
static void write_limited(enum log_level level, const char *module, const char *text, int64_t now)
{
	struct repeat_slot *free_slot = NULL, *oldest = NULL;
	for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++) {
		struct repeat_slot *slot = &slots[i];
		if (slot_matches(slot, level, module, text)) {
			slot->last_seen_ms = now;
			if (now - slot->window_start_ms < LOG_REPEAT_WINDOW_MS) {
				slot->held_back++;
				return;
			}
			write_line(level, module, text, slot->held_back);
			slot->window_start_ms = now;
			slot->held_back = 0;
			return;
		}
		if (!slot->used) {
			if (!free_slot)
				free_slot = slot;
		} else if (!oldest || slot->last_seen_ms < oldest->last_seen_ms) {
			oldest = slot;
		}
	}
	if (!free_slot) {
		release_slot(oldest);
		free_slot = oldest;
	}
	*free_slot = (struct repeat_slot){.used = true, .level = level,
		.window_start_ms = now, .last_seen_ms = now};
	snprintf(free_slot->module, sizeof free_slot->module, "%s", module);
	snprintf(free_slot->text, sizeof free_slot->text, "%s", text);
	write_line(level, module, text, 0);
}

void log_message(enum log_level level, const char *module, const char *fmt, ...)
{
	if (level > max_level)
		return;
	char text[LOG_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (char *c = text; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			*c = ' ';
	}

	char name[sizeof slots[0].module];
	snprintf(name, sizeof name, "%s", module);

	log_lock();
	int64_t now = log_clock ? log_clock() : monotonic_ms();
	release_expired(now, level, name, text);
	if (level <= LOG_LEVEL_WARNING)
		write_limited(level, name, text, now);
	else
		write_line(level, name, text, 0);
	log_unlock();
}

void log_flush(void)
{
	log_lock();
	for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++) {
		if (slots[i].used)
			release_slot(&slots[i]);
	}
	log_unlock();
}
