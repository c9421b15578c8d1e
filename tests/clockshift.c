/*
 * clockshift.c — a test's wall clock that jumps: an LD_PRELOAD library that adds an offset to
 * every reading of CLOCK_REALTIME (and CLOCK_REALTIME_COARSE, gettimeofday(), time()) of the
 * process it is loaded into, while the test changes that offset as the process runs. The
 * machine's clock is never set (that needs root); only this process sees the jump, and its
 * monotonic clock, poll() timeouts and the files' times stay the kernel's, as they do when
 * NTP or an operator steps the real clock.
 *
 * CLOCKSHIFT_FILE names the file the offset is read from, written by the test
 * (tests/e2e_clockjump.py, clockshift_set()): 16 bytes, a little-endian uint64 sequence number
 * then an int64 offset in nanoseconds. The test makes the number odd, writes the offset, makes
 * it even again; a reader retries while it is odd or changed under it (a sequence lock), so a
 * reading never mixes two offsets. Without the variable, or with a file it cannot map, the
 * offset is 0.
 *
 * Under AddressSanitizer the executable holds the sanitizer's own clock_gettime() (and time(),
 * gettimeofday()), which calls "the real one" found after the executable in the symbol scope:
 * this library, when it is preloaded. It is built without sanitizers and calls the kernel
 * through syscall(), never dlsym() or a libc function a sanitizer intercepts, so it is safe
 * at any point of the process's start (dlsym() during the sanitizer's start-up deadlocks).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct clockshift {
	uint64_t sequence;	/* odd while the test writes the offset */
	int64_t offset_ns;
};

static const struct clockshift *shift;	/* mapped at load; NULL: no offset */

__attribute__((constructor)) static void clockshift_map(void)
{
	const char *path = getenv("CLOCKSHIFT_FILE");
	if (!path)
		return;
	/* syscall() reads every argument as a long: an int would leave its upper half unset */
	long fd = syscall(SYS_openat, (long)AT_FDCWD, path, (long)(O_RDONLY | O_CLOEXEC));
	if (fd < 0)
		return;
	long at = syscall(SYS_mmap, NULL, (long)sizeof *shift, (long)PROT_READ, (long)MAP_SHARED,
			  fd, 0L);
	syscall(SYS_close, fd);
	if (at != -1)
		shift = (const struct clockshift *)at;
}

static int64_t clockshift_offset_ns(void)
{
	if (!shift)
		return 0;
	int64_t offset = 0;
	/* a test killed while it wrote leaves the number odd: then the last offset read goes */
	for (int tries = 0; tries < 1000000; tries++) {
		uint64_t before = __atomic_load_n(&shift->sequence, __ATOMIC_ACQUIRE);
		offset = __atomic_load_n(&shift->offset_ns, __ATOMIC_ACQUIRE);
		uint64_t after = __atomic_load_n(&shift->sequence, __ATOMIC_ACQUIRE);
		if (before == after && !(before & 1))
			break;
	}
	return offset;
}

static void clockshift_add(struct timespec *ts)
{
	int64_t ns = clockshift_offset_ns();
	int64_t sec = ns / 1000000000, frac = ns % 1000000000;
	ts->tv_sec += sec;
	ts->tv_nsec += frac;
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += 1000000000;
		ts->tv_sec--;
	} else if (ts->tv_nsec >= 1000000000) {
		ts->tv_nsec -= 1000000000;
		ts->tv_sec++;
	}
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	int r = (int)syscall(SYS_clock_gettime, (long)id, ts);
	if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
		clockshift_add(ts);
	return r;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	*tv = (struct timeval){.tv_sec = ts.tv_sec, .tv_usec = ts.tv_nsec / 1000};
	if (tz)
		*(struct timezone *)tz = (struct timezone){0};
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}
