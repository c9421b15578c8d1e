/*
 * loop.c — poll() over registered fds; see loop.h.
 *
 * Callbacks may add or remove fds (even their own): loop_poll() works on a snapshot of the
 * pollfd array and checks each entry is still registered before calling it.
 */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "grow.h"

struct watch {
	int fd;
	short events;
	loop_fd_fn *fn;
	void *data;
};

struct loop {
	struct watch *watches;
	size_t n, cap;
	struct pollfd *pollfds;
	size_t cap_pollfds;
};

struct loop *loop_create(void)
{
	return calloc(1, sizeof(struct loop));
}

void loop_destroy(struct loop *loop)
{
	if (!loop)
		return;
	free(loop->watches);
	free(loop->pollfds);
	free(loop);
}

bool loop_add_fd(struct loop *loop, int fd, short events, loop_fd_fn *fn, void *data)
{
	loop_remove_fd(loop, fd);
	struct watch *w = grow_array(loop->watches, &loop->cap, loop->n + 1, sizeof *w, SIZE_MAX);
	if (!w)
		return false;
	loop->watches = w;
	loop->watches[loop->n++] = (struct watch){fd, events, fn, data};
	return true;
}

void loop_remove_fd(struct loop *loop, int fd)
{
	for (size_t i = 0; i < loop->n; i++) {
		if (loop->watches[i].fd == fd) {
			memmove(&loop->watches[i], &loop->watches[i + 1],
				(loop->n - i - 1) * sizeof *loop->watches);
			loop->n--;
			return;
		}
	}
}

static struct watch *find(struct loop *loop, int fd)
{
	for (size_t i = 0; i < loop->n; i++)
		if (loop->watches[i].fd == fd)
			return &loop->watches[i];
	return NULL;
}

int loop_poll(struct loop *loop, int timeout_ms)
{
	if (loop->n > loop->cap_pollfds) {
		struct pollfd *p = realloc(loop->pollfds, loop->n * sizeof *p);
		if (!p)
			return -1;
		loop->pollfds = p;
		loop->cap_pollfds = loop->n;
	}
	size_t n = loop->n;
	for (size_t i = 0; i < n; i++)
		loop->pollfds[i] = (struct pollfd){loop->watches[i].fd, loop->watches[i].events, 0};
	int ready = poll(loop->pollfds, n, timeout_ms);
	if (ready < 0)
		return errno == EINTR ? 0 : -1;
	int ran = 0;
	for (size_t i = 0; i < n && ready > 0; i++) {
		if (!loop->pollfds[i].revents)
			continue;
		ready--;
		struct watch *w = find(loop, loop->pollfds[i].fd);
		if (!w)
			continue;	/* removed by an earlier callback */
		w->fn(w->data, w->fd, loop->pollfds[i].revents);
		ran++;
	}
	return ran;
}

int loop_waker_create(void)
{
	return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

void loop_wake(int waker_fd)
{
	uint64_t one = 1;
	ssize_t n = write(waker_fd, &one, sizeof one);
	(void)n;	/* EAGAIN: the counter is already non-zero, the loop will wake */
}

void loop_waker_drain(int waker_fd)
{
	uint64_t count;
	ssize_t n = read(waker_fd, &count, sizeof count);
	(void)n;
}
