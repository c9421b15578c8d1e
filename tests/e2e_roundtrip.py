#!/usr/bin/env python3
"""The round trip through the foyer binary: the same small agenda in every format
(tests/data/roundtrip/agenda.*), each detected by content, must give the same --state for
the same rooms at the same instants, up to what a format cannot say (ids, speakers, track).

Usage: e2e_roundtrip.py FOYER DATA_DIR
"""
import json
import os
import subprocess
import sys

from testlib import check, summary

FOYER, DATA = sys.argv[1], sys.argv[2]
FILES = ["agenda.txt", "agenda.csv", "agenda.frab.xml", "agenda.pentabarf.xml",
         "agenda.frab.json", "agenda.sessionize.json", "agenda.ics"]
# Saturday morning, after midnight, Sunday in summer time, and the day before (local).
INSTANTS = ["2024-03-29T12:00", "2024-03-30T10:45", "2024-03-31T00:15",
            "2024-03-31T09:30", "2024-03-31T11:15"]
KEYS = ("room", "title", "start", "end", "status")




def rooms_at(path, at):
    cmd = [FOYER, "-c", "/dev/null", "--feed", path, "--timezone", "Europe/London",
           "--room", "Main hall", "--room", "Studio", "--at", at, "--state"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    check(r.returncode == 0, f"{path} at {at}: exit {r.returncode}: {r.stderr}")
    if r.returncode != 0:
        return None
    state = json.loads(r.stdout)
    return [{"room": room["room"],
             "now": [{k: e[k] for k in KEYS} for e in room["now"]],
             "next": [{k: e[k] for k in KEYS} for e in room["next"]]}
            for room in state["rooms"]]


for at in INSTANTS:
    reference = rooms_at(os.path.join(DATA, FILES[0]), at)
    check(reference and any(r["now"] or r["next"] for r in reference),
          f"{FILES[0]} at {at} shows something")
    for name in FILES[1:]:
        got = rooms_at(os.path.join(DATA, name), at)
        check(got == reference,
              f"{name} at {at}:\n  got  {json.dumps(got)}\n  want {json.dumps(reference)}")

sys.exit(summary())
