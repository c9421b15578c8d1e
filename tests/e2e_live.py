#!/usr/bin/env python3
"""The live screen under Xvfb: foyer runs windowed with a fast simulated clock (--speed),
keeps running across session boundaries, does not busy-loop, and quits cleanly on SIGTERM.
Twice: with the default `transition = auto`, which on X11's software renderer cuts (the log's
display line says so), and with `transition = fade`, which crossfades there too.

The CPU check is deliberately generous (under 30 % of one core over a few seconds, where a
loop that spins would use ~100 %): a measurement, not a timing test. Skipped (exit 77) when
Xvfb is not installed.

Usage: e2e_live.py FOYER DATA_DIR
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from testlib import check, start_xvfb, summary

FOYER, DATA = sys.argv[1], sys.argv[2]
AGENDA = os.path.join(DATA, "screen-agenda.txt")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks   # utime + stime


def run_live(env, transition, said):
    """One foyer with [screen] transition = TRANSITION (None: no config); SAID: its log line."""
    with tempfile.TemporaryDirectory() as tmp:
        conf = "/dev/null"
        if transition:
            conf = os.path.join(tmp, "foyer.conf")
            with open(conf, "w") as f:
                f.write(f"[screen]\ntransition = {transition}\n")
        # 14:58 at 60x: the 15:00 session boundary comes after two seconds, and the clock's
        # minute changes every second
        foyer = subprocess.Popen([FOYER, "-c", conf, "--feed", AGENDA, "--timezone",
                                  "Europe/London", "--at", "2018-12-10T14:58", "--speed", "60",
                                  "--windowed", "--size", "960x540"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        name = transition or "default"
        try:
            time.sleep(2.0)     # start-up (font loading, first frame) is not measured
            check(foyer.poll() is None, f"{name}: foyer is running after start-up")
            if foyer.poll() is None:
                cpu0, wall0 = cpu_seconds(foyer.pid), time.monotonic()
                time.sleep(4.0)
                cpu1, wall1 = cpu_seconds(foyer.pid), time.monotonic()
                share = (cpu1 - cpu0) / (wall1 - wall0)
                print(f"{name}: CPU over {wall1 - wall0:.1f} s of a 60x clock: {100 * share:.1f} %")
                check(foyer.poll() is None,
                      f"{name}: foyer keeps running across session boundaries")
                check(share < 0.30, f"{name}: no busy loop: CPU {100 * share:.1f} % of wall time")
                foyer.send_signal(signal.SIGTERM)
            try:
                out, err = foyer.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                foyer.kill()
                out, err = foyer.communicate()
                check(False, f"{name}: foyer quits within 10 s of SIGTERM")
            check(foyer.returncode == 0,
                  f"{name}: foyer exits 0 on SIGTERM, got {foyer.returncode}: {err}")
            check("x11 display" in err, f"{name}: the window opened on the X display: {err}")
            check(said in err, f"{name}: the log says '{said}': {err}")
            check("trying again" not in err, f"{name}: no display retries: {err}")
        finally:
            if foyer.poll() is None:
                foyer.kill()
                foyer.wait()


def main():
    if not shutil.which("Xvfb"):
        print("skipped: Xvfb is not installed (apt-get install xvfb)")
        return 77
    xvfb, number = start_xvfb()
    if not xvfb:
        print("skipped: Xvfb did not start")
        return 77
    env = dict(os.environ, DISPLAY=f":{number}")
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("WAYLAND_DISPLAY", None)
    try:
        run_live(env, None, "slides change with a cut")
        run_live(env, "fade", "slides change with a crossfade")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
