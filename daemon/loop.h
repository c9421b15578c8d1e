/*
 * loop.h — the daemon's one wait: poll() on the file descriptors of everything that can wake
 * it (a worker's eventfd, inotify, a signalfd, the display's fd), with a timeout that the
 * live loop (live.c) computes from its deadlines (next visible change, next watchdog ping, ...).
 *
 * Not SDL_WaitEventTimeout(): in SDL 2.26 that polls ~900 times a second (DESIGN.md 1).
 * Callbacks run on the thread that calls loop_poll(); other threads wake it by writing to an
 * fd they registered (loop_waker_create() makes an eventfd for that).
 */
#ifndef FOYER_LOOP_H
#define FOYER_LOOP_H

#include <stdbool.h>

struct loop;

/* revents as poll() returns them. */
typedef void loop_fd_fn(void *data, int fd, short revents);

struct loop *loop_create(void);
void loop_destroy(struct loop *loop);

/* Watches fd for `events` (POLLIN ...). One entry per fd; false when out of memory. */
bool loop_add_fd(struct loop *loop, int fd, short events, loop_fd_fn *fn, void *data);
void loop_remove_fd(struct loop *loop, int fd);

/*
 * Waits until a watched fd is ready or timeout_ms passes (-1: no timeout), then runs the
 * callbacks of the ready fds. Returns the number of callbacks run, -1 on a poll() error
 * other than EINTR.
 */
int loop_poll(struct loop *loop, int timeout_ms);

/* An eventfd for waking the loop from another thread: loop_wake() from anywhere. */
int loop_waker_create(void);
void loop_wake(int waker_fd);
/* Reads the eventfd's counter back to zero (call it from the fd's callback). */
void loop_waker_drain(int waker_fd);

#endif
