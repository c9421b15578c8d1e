/*
 * power.c — display power commands; see power.h.
 *
 * fork() twice so that the command's process is adopted by init and never left a zombie of
 * ours; between fork() and exec only async-signal-safe calls are made (the fetch thread may
 * hold locks). The signals main blocks for its signalfd are unblocked for the command.
 */
#include "power.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void power_init(struct power *power)
{
	power->state = -1;
}

static bool spawn_detached(const char *command)
{
	pid_t child = fork();
	if (child < 0)
		return false;
	if (child == 0) {
		if (fork() == 0) {
			sigset_t none;
			sigemptyset(&none);
			sigprocmask(SIG_SETMASK, &none, NULL);
			execl("/bin/sh", "sh", "-c", command, (char *)NULL);
			_exit(127);
		}
		_exit(0);
	}
	int status;
	while (waitpid(child, &status, 0) < 0)
		;
	return true;
}

bool power_set(struct power *power, bool on, const char *on_command, const char *off_command)
{
	if (power->state == (int)on)
		return true;
	power->state = on;
	const char *command = on ? on_command : off_command;
	if (!command || !*command)
		return true;
	return spawn_detached(command);
}
