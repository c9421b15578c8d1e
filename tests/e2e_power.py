#!/usr/bin/env python3
"""The display power commands through the live daemon (SDL's offscreen driver, no display):
on at start inside the screen hours, off when the hours end, on again for an emergency and
off when it is taken away. The commands append to a log file that the test reads.

Usage: e2e_power.py FOYER
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from testlib import check, summary

FOYER = sys.argv[1]
TIMEOUT = 20


def main():
    tmp = tempfile.mkdtemp(prefix="foyer-e2e-power-")
    log = os.path.join(tmp, "power.log")
    agenda = os.path.join(tmp, "agenda.csv")
    with open(agenda, "w") as f:
        f.write("title,date,start,end\nEvening talk,2018-12-10,19:00,21:00\n")
    override = os.path.join(tmp, "override.conf")
    with open(override, "w") as f:
        f.write("[screen]\nhours = 08:00-20:00\n")
    config = os.path.join(tmp, "foyer.conf")
    with open(config, "w") as f:
        f.write(f"[screen]\ndisplay_off_command = echo off >> {log}\n"
                f"display_on_command = echo on >> {log}\n")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    env.pop("NOTIFY_SOCKET", None)
    # 19:59:30 at 30x: the screen hours end one real second after the start
    proc = subprocess.Popen(
        [FOYER, "-c", config, "--feed", agenda, "--timezone", "UTC", "--override", override,
         "--at", "2018-12-10T19:59:30", "--speed", "30", "--size", "320x180"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait_for(lines, what):
        start = time.monotonic()
        got = []
        while time.monotonic() - start < TIMEOUT and proc.poll() is None:
            try:
                with open(log) as f:
                    got = f.read().split()
            except OSError:
                got = []
            if got == lines:
                print(f"{what}: after {time.monotonic() - start:.2f} s")
                return
            time.sleep(0.05)
        check(False, f"{what}: commands run {got}, want {lines}")

    try:
        wait_for(["on"], "on at start, inside the hours")
        wait_for(["on", "off"], "off when the hours end")
        tmp_override = override + ".new"
        with open(tmp_override, "w") as f:
            f.write("[screen]\nhours = 08:00-20:00\n[emergency]\ntitle = Evacuate\n")
        os.rename(tmp_override, override)
        wait_for(["on", "off", "on"], "on for an emergency outside the hours")
        with open(override, "w") as f:
            f.write("[screen]\nhours = 08:00-20:00\n")
        wait_for(["on", "off", "on", "off"], "off again when the emergency is gone")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        check(proc.returncode == 0, f"exits 0 on SIGTERM: {err[-2000:]}")
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
