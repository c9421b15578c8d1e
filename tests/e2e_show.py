#!/usr/bin/env python3
"""End to end through the foyer binary: --state and --layout name the same slide, for every
row of the screen's policy that a one-shot run can reach (pin x one/many rooms x emergency x
screen hours; --at makes the clock trusted, so the untrusted rows are test_show's). The
state's rooms are the ones the slide shows. Also the issue's own case: the demo agenda with
`pin = rooms`.

Usage: e2e_show.py FOYER DEMO_AGENDA
"""
import itertools
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, summary

FOYER, DEMO = sys.argv[1], sys.argv[2]

AGENDA = """id,date,start,end,room,title
1,2018-12-10,09:30,10:30,Main hall,Keynote
2,2018-12-10,10:30,11:30,Main hall,Panel
3,2018-12-10,09:30,11:00,Room 2,Workshop
"""


def foyer(*args):
    cmd = [FOYER, "-c", "/dev/null", "--timezone", "Europe/London", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def expected(pin, many, emergency, off):
    if emergency:
        return "emergency"
    if off:
        return "off"
    if pin:
        return pin
    return "rooms" if many else "now-next"


def expected_rooms(pin, many):
    if pin == "rooms" or (not pin and many):
        return ["Main hall", "Room 2"]
    return ["Main hall"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "agenda.csv")
        with open(feed, "w") as f:
            f.write(AGENDA)
        override = os.path.join(tmp, "override.conf")
        for pin, many, emergency, off in itertools.product(
                [None, "now-next", "rooms"], [False, True], [False, True], [False, True]):
            with open(override, "w") as f:
                if emergency:
                    f.write("[emergency]\ntitle = Leave the building\n")
                f.write("[screen]\nhours = %s\n" % ("11:00-20:00" if off else "08:00-20:00"))
                if pin:
                    f.write(f"pin = {pin}\n")
            # one room: the screen serves Main hall; many: every room of the agenda
            args = ["--feed", feed, "--override", override, "--at", "2018-12-10T10:00",
                    *([] if many else ["--room", "Main hall"])]
            what = (f"pin {pin or 'none'}, {'many rooms' if many else 'one room'}, "
                    f"{'emergency' if emergency else 'no emergency'}, "
                    f"{'out of hours' if off else 'in hours'}")
            state = foyer(*args, "--state")
            layout = foyer(*args, "--layout", "--size", "1280x720")
            check(state.returncode == 0 and layout.returncode == 0,
                  f"{what}: both run ({state.stderr.strip()} {layout.stderr.strip()})")
            if state.returncode or layout.returncode:
                continue
            s, l = json.loads(state.stdout), json.loads(layout.stdout)
            want = expected(pin, many, emergency, off)
            check(s["slide"] == l["slide"] == want,
                  f"{what}: --state {s['slide']!r}, --layout {l['slide']!r}, want {want!r}")
            rooms = [r["room"] for r in s["rooms"]]
            check(rooms == expected_rooms(pin, many), f"{what}: the state's rooms {rooms}")
            check(s["screen"]["on"] == (not off), f"{what}: screen.on {s['screen']['on']}")

        # The case: a one-room agenda pinned to the rooms overview.
        with open(override, "w") as f:
            f.write("[screen]\npin = rooms\n")
        args = ["--feed", DEMO, "--override", override, "--at", "2018-12-10T14:50"]
        s = json.loads(foyer(*args, "--state").stdout)
        l = json.loads(foyer(*args, "--layout").stdout)
        check(s["slide"] == l["slide"] == "rooms",
              f"demo, pin = rooms: --state {s['slide']!r}, --layout {l['slide']!r}")
        check(any(b.get("role", "").startswith("room") and b.get("text") == "Main hall"
                  for b in l["boxes"]), "demo, pin = rooms: the layout has the room's row")

        # A pin that names no slide is an error at its line, and --check says so.
        with open(override, "w") as f:
            f.write("# pinned\n[screen]\npin = lobby\n")
        r = foyer("--feed", DEMO, "--override", override, "--check")
        check(r.returncode == 1 and f"{override}:3: pin: no slide named \"lobby\"" in r.stderr,
              f"a bad pin: {r.stderr.strip()}")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
