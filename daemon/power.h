/*
 * power.h — the display's power outside the screen hours, by commands the venue configures
 * ([screen] display_off_command and display_on_command), because how a panel is switched off
 * depends on the hardware: HDMI-CEC (`cec-ctl --to 0 --standby`), Raspberry Pi firmware
 * (`vcgencmd display_power 0`), an X server (`xset dpms force off`). SDL offers none of them.
 *
 * power_set() runs the command for a change of state only (and once at start, so a box that
 * rebooted at night puts its panel in the right state). The command runs through /bin/sh in
 * a grandchild that nobody waits for: a slow or hanging command never stalls the screen.
 */
#ifndef FOYER_POWER_H
#define FOYER_POWER_H

#include <stdbool.h>

struct power {
	int state;	/* -1 not known yet, 0 off, 1 on */
};

void power_init(struct power *power);

/*
 * Records whether the display should be on; when that differs from the last state, starts
 * on_command or off_command (an empty command does nothing). False only when a command
 * could not be started.
 */
bool power_set(struct power *power, bool on, const char *on_command, const char *off_command);

#endif
