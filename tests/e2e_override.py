#!/usr/bin/env python3
"""End to end through the foyer binary, one-shot modes: the override file in --state and
--check (issue 6). The README's examples of the file are e2e_docs.py's.

Usage: e2e_override.py FOYER
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from testlib import check, summary

FOYER = sys.argv[1]

AGENDA = """id,date,start,end,room,title
1,2018-12-10,09:00,09:30,Main hall,Welcome and introduction
42,2018-12-10,09:30,10:30,Main hall,Keynote
43,2018-12-10,09:30,11:00,Room 2,Panel one: Innovation, data and digital in frontline public services
44,2018-12-10,10:30,11:00,Main hall,Coffee
45,2018-12-10,15:00,15:30,Main hall,Coffee
46,2018-12-10,17:00,17:30,Main hall,Closing remarks
"""




def foyer(*args):
    cmd = [FOYER, "-c", "/dev/null", "--timezone", "Europe/London", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30)


def room(state, name):
    return next(r for r in state["rooms"] if r["room"] == name)


def titles(events):
    return [e["title"] for e in events]


def main():
    tmp = tempfile.mkdtemp(prefix="foyer-e2e-override-")
    agenda = os.path.join(tmp, "agenda.csv")
    with open(agenda, "w") as f:
        # the panel title holds commas: quote it as a spreadsheet would
        f.write(re.sub(r"^(43,.*?,Room 2,)(.*)$", r'\1"\2"', AGENDA, flags=re.M))
    override = os.path.join(tmp, "override.conf")

    def write(text):
        with open(override, "w") as f:
            f.write(text)

    def state(at, *extra):
        r = foyer("--feed", agenda, "--override", override, "--at", at, "--state", *extra)
        check(r.returncode == 0, f"--state at {at} exits 0: {r.stderr}")
        return json.loads(r.stdout) if r.returncode == 0 else None

    # A delayed session shifts now and next.
    write('[session "Keynote"]\ndelay = 15m\n')
    s = state("2018-12-10T09:35", "--room", "Main hall")
    if s:
        main_hall = room(s, "Main hall")
        check(titles(main_hall["now"]) == [], f"delayed keynote not yet on: {main_hall['now']}")
        check(titles(main_hall["next"]) == ["Keynote"], "the keynote is next")
        k = main_hall["next"][0]
        check(k["start"] == "2018-12-10T09:45:00+00:00", f"new start {k['start']}")
        check(k["status"] == "changed" and k["note"] == "Delayed by 15 min", f"status/note {k}")

    # Moves, cancellations, room flags, announcements and an emergency, with their times.
    write('[session "42"]\nroom = Room 2\n'
          '[session "Coffee"]\nat = 10:30\nstatus = cancelled\n'
          '[room "Room 2"]\nfull = yes\nnote = Overflow in Room 3\n'
          '[announcement "lunch"]\ntext = Lunch in the atrium\nfrom = 12:00\nuntil = 13:00\nrooms = Room 2\n'
          '[announcement "wifi"]\ntext = Wifi: foyer-guest\nrooms = Main hall\n'
          '[emergency]\ntitle = Evacuate\ntext = Use the nearest exit\n'
          'from = 2018-12-10 12:30\nuntil = 2018-12-10 12:45\n')
    s = state("2018-12-10T10:40")
    if s:
        r2 = room(s, "Room 2")
        check("Keynote" not in titles(room(s, "Main hall")["now"]), "moved out of the main hall")
        check(r2["full"] and r2["note"] == "Overflow in Room 3", f"room flags {r2}")
        coffee = room(s, "Main hall")["now"]
        check(titles(coffee) == ["Coffee"] and coffee[0]["status"] == "cancelled",
              f"a cancelled session stays in now: {coffee}")
        check(s["emergency"] is None, "no emergency before its from")
        check([a["name"] for a in s["announcements"]] == ["wifi"], f"{s['announcements']}")
    s = state("2018-12-10T09:50")
    if s:
        moved = room(s, "Room 2")["now"]
        check("Keynote" in titles(moved), f"moved into Room 2: {moved}")
        check([e["status"] for e in moved if e["title"] == "Keynote"] == ["moved"], "status moved")
    s = state("2018-12-10T12:35", "--room", "Room 2")
    if s:
        check(s["emergency"] == {"title": "Evacuate", "text": "Use the nearest exit",
                                 "until": "2018-12-10T12:45:00+00:00"}, f"{s['emergency']}")
        check(s["slide"] == "emergency", "the emergency takes the screen")
        check([a["name"] for a in s["announcements"]] == ["lunch"],
              f"only this room's announcements: {s['announcements']}")
    s = state("2018-12-10T12:45")
    if s:
        check(s["emergency"] is None, "an expired emergency is gone by itself")
        check(s["slide"] != "emergency", "and the screen is back")

    # Screen hours.
    write("[screen]\nhours = 08:00-18:00\n")
    s = state("2018-12-10T18:30")
    if s:
        check(s["slide"] == "off" and s["screen"]["on"] is False, "outside hours: off")
    s = state("2018-12-10T08:00")
    if s:
        check(s["screen"]["on"] is True, "inside hours: on")

    # A pinned slide: the overview of every room on a one-room screen, and back.
    write("[screen]\npin = rooms\n")
    r = foyer("--feed", agenda, "--override", override, "--at", "2018-12-10T09:40",
              "--room", "Main hall", "--layout")
    check(r.returncode == 0 and json.loads(r.stdout)["slide"] == "rooms",
          f"pin = rooms: {r.stdout[:200]} {r.stderr}")
    write("[screen]\npin = now-next\n")
    r = foyer("--feed", agenda, "--override", override, "--at", "2018-12-10T09:40", "--layout")
    check(r.returncode == 0 and json.loads(r.stdout)["slide"] == "now-next",
          f"pin = now-next on a screen of every room: {r.stdout[:200]} {r.stderr}")

    # A pinned slide must exist.
    write("[screen]\npin = lobby\n")
    r = foyer("--feed", agenda, "--override", override, "--check")
    check(r.returncode == 1 and f"{override}:2: pin: no slide named \"lobby\"" in r.stderr,
          f"an unknown pinned slide: {r.stderr}")

    # A bad file: --check lists every problem with its line and exits 1; --state too.
    write('[session "Keynote"]\ndelay = 15\n'
          '[session "Keynot"]\ndelay = 5m\n'
          '[emergency]\ntitle = x\nfrom = 14:00\nuntil = 13:00\n'
          '[room "Room 2"]\ncolour = red\n')
    r = foyer("--feed", agenda, "--override", override, "--check")
    check(r.returncode == 1, "a bad override file fails --check")
    for want in (f"{override}:2: bad duration \"15\"", f"{override}:8: until is not after from",
                 f"{override}:10: unknown key \"colour\""):
        check(want in r.stderr, f"--check says {want!r}: {r.stderr}")
    r = foyer("--feed", agenda, "--override", override, "--state")
    check(r.returncode == 1 and f"{override}:2:" in r.stderr, "--state refuses a bad file")

    # A section that matches no session is reported by --check, but the rest applies.
    write('[session "Keynot"]\ndelay = 5m\n[session "Keynote"]\ndelay = 5m\n')
    r = foyer("--feed", agenda, "--override", override, "--check")
    check(r.returncode == 1 and f"{override}:1: no session has the id or title \"Keynot\"" in r.stderr,
          f"unmatched session in --check: {r.stderr}")
    s = state("2018-12-10T09:32", "--room", "Main hall")
    if s:
        check(titles(room(s, "Main hall")["next"]) == ["Keynote"], "the good section applied")
        check("Keynot" in (s["override"]["error"] or ""), f"the state names it: {s['override']}")

    return summary()


if __name__ == "__main__":
    sys.exit(main())
