#!/usr/bin/env python3
"""The override file on a live screen (issue 6): foyer runs its live loop with no display
(SDL's offscreen driver) and a simulated clock, and leaves status.json (the state JSON,
rewritten atomically whenever it changes) in a temporary directory. The test saves the
override file the ways editors and rsync do — by rename and in place — and watches the
state change:
  - an emergency and a delayed session (now/next shift) appear after a save by rename;
  - an announcement appears after an in-place save;
  - a broken save keeps the previous overrides and shows the error with its line;
  - an emergency with an `until` disappears by itself;
  - deleting the file clears the overrides.
Each wait polls status.json with a generous overall timeout and asserts on what it holds,
not on how fast it came (the time each change took is printed, for information).

Usage: e2e_override_live.py FOYER
"""
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from testlib import check, failures, summary

FOYER = sys.argv[1]
TIMEOUT = 20.0          # seconds per wait: generous, the contract is "within a second"




class Screen:
    def __init__(self, tmp):
        self.tmp = tmp
        self.status = os.path.join(tmp, "status", "status.json")
        self.override = os.path.join(tmp, "override.conf")
        os.mkdir(os.path.join(tmp, "status"))
        agenda = os.path.join(tmp, "agenda.csv")
        with open(agenda, "w") as f:
            f.write("id,date,start,end,room,title\n"
                    "1,2018-12-10,09:00,09:30,Main hall,Welcome\n"
                    "42,2018-12-10,09:30,10:30,Main hall,Keynote\n"
                    "43,2018-12-10,11:00,12:00,Main hall,Panel\n")
        config = os.path.join(tmp, "foyer.conf")
        with open(config, "w") as f:
            f.write(f"[status]\ndirectory = {os.path.join(tmp, 'status')}\n")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        env.pop("NOTIFY_SOCKET", None)
        # 09:35 at 60x: a simulated minute per second; the keynote (09:30-10:30) is on
        self.proc = subprocess.Popen(
            [FOYER, "-c", config, "--feed", agenda, "--timezone", "Europe/London",
             "--at", "2018-12-10T09:35", "--speed", "60", "--override", self.override,
             "--room", "Main hall", "--size", "640x360"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def state(self):
        try:
            with open(self.status) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None     # not written yet (it is replaced by rename, never half-written)

    def wait(self, what, cond):
        """Polls status.json until cond(state) holds; returns that state, or None."""
        start = time.monotonic()
        while time.monotonic() - start < TIMEOUT and self.proc.poll() is None:
            s = self.state()
            if s is not None and cond(s):
                print(f"{what}: after {time.monotonic() - start:.2f} s")
                return s
            time.sleep(0.05)
        check(False, f"{what} (last state: {json.dumps(self.state())[:600]})")
        return None

    def save_by_rename(self, text):
        tmp = os.path.join(self.tmp, ".override.conf.tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.rename(tmp, self.override)

    def save_in_place(self, text):
        with open(self.override, "w") as f:
            f.write(text)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            _, err = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return self.proc.returncode, err


def titles(events):
    return [e["title"] for e in events]


def main_hall(s):
    return next(r for r in s["rooms"] if r["room"] == "Main hall")


DELAY_AND_EMERGENCY = ('[emergency]\ntitle = Evacuate the building\ntext = Use the nearest exit\n'
                       '[session "Keynote"]\ndelay = 1h\n')
WIFI = '[announcement "wifi"]\ntext = Wifi: foyer-guest\n'


def run(screen):
    s = screen.wait("first state", lambda s: s.get("override") is not None)
    if not s:
        return
    check(titles(main_hall(s)["now"]) == ["Keynote"], "the keynote is on before any override")
    check(s["emergency"] is None and s["override"]["error"] is None, "no file yet: nothing")

    # Saved by rename (vim, gedit, rsync): the emergency takes over, the keynote moves to next.
    screen.save_by_rename(DELAY_AND_EMERGENCY)
    s = screen.wait("emergency after a save by rename",
                    lambda s: s["emergency"] is not None)
    if s:
        check(s["emergency"]["title"] == "Evacuate the building", f"{s['emergency']}")
        check(s["slide"] == "emergency", "the slide is the emergency")
        check(titles(main_hall(s)["now"]) == [], "the delayed keynote is no longer now")
        nxt = main_hall(s)["next"]
        check(titles(nxt) == ["Keynote"] and nxt[0]["start"] == "2018-12-10T10:30:00+00:00"
              and nxt[0]["status"] == "changed", f"the keynote is next, an hour later: {nxt}")

    # Saved in place (nano, echo >): an announcement appears.
    screen.save_in_place(DELAY_AND_EMERGENCY + WIFI)
    s = screen.wait("announcement after an in-place save",
                    lambda s: [a["name"] for a in s["announcements"]] == ["wifi"])
    if s:
        check(s["announcements"][0]["text"] == "Wifi: foyer-guest", "its text")

    # A broken save keeps the previous overrides and says what is wrong, with the line.
    screen.save_in_place(DELAY_AND_EMERGENCY + WIFI + "colour = red\n")
    s = screen.wait("the error of a broken save", lambda s: s["override"]["error"] is not None)
    if s:
        check(":8: unknown key \"colour\"" in s["override"]["error"], f"{s['override']}")
        check(s["override"]["kept_previous"], "kept_previous")
        check([a["name"] for a in s["announcements"]] == ["wifi"], "the announcement stays")
        check(s["emergency"] is not None, "the emergency stays")
        check(titles(main_hall(s)["next"]) == ["Keynote"], "the delay stays")

    # An emergency until two simulated minutes from now: it ends by itself.
    at = datetime.datetime.fromisoformat(screen.state()["at"])
    until = (at + datetime.timedelta(minutes=2)).isoformat()
    screen.save_by_rename(f"[emergency]\ntitle = Fire drill\nuntil = {until}\n"
                          '[session "Keynote"]\ndelay = 1h\n')
    s = screen.wait("the fixed file is read", lambda s: s["override"]["error"] is None)
    if s:
        check(s["announcements"] == [], "the announcement left with the new file")
    s = screen.wait("the expired emergency disappears", lambda s: s["emergency"] is None)
    if s:
        check(s["slide"] != "emergency", "the screen is back")
        check(titles(main_hall(s)["next"]) == ["Keynote"], "the delay still applies")

    # Deleting the file clears everything.
    os.unlink(screen.override)
    s = screen.wait("no overrides after deleting the file",
                    lambda s: all(e["status"] == "scheduled"
                                  for e in main_hall(s)["now"] + main_hall(s)["next"]))
    if s:
        check(s["override"]["error"] is None, "no error for a missing file")


def main():
    if not os.path.exists(FOYER):
        print(f"no {FOYER}")
        return 1
    tmp = tempfile.mkdtemp(prefix="foyer-e2e-override-live-")
    screen = Screen(tmp)
    try:
        run(screen)
    finally:
        code, err = screen.stop()
        check(code == 0, f"foyer exits 0 on SIGTERM, got {code}: {err[-2000:]}")
        if failures():
            print(err[-4000:], file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
