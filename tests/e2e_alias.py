#!/usr/bin/env python3
"""Room aliases through the binary: `[rooms] alias` in a config renames the feed's rooms for
--room, --check and --state; a bad alias is an error naming the config's line.

Usage: e2e_alias.py FOYER DATA_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, summary

FOYER, FEED = sys.argv[1], os.path.join(sys.argv[2], "roundtrip", "agenda.frab.xml")




def foyer(config_text, *args):
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write(config_text)
    try:
        return subprocess.run([FOYER, "-c", f.name, "--feed", FEED, *args],
                              capture_output=True, text=True, timeout=30), f.name
    finally:
        os.unlink(f.name)


# Two feed rooms, matched ignoring case, become one screen room.
config = "[rooms]\nalias = main HALL -> Hall 1\nalias = Studio -> Hall 1\n"
r, _ = foyer(config, "--check")
check(r.returncode == 0 and "frab-xml, 6 events, 1 rooms" in r.stdout,
      f"--check counts the aliased rooms: {r.stdout} {r.stderr}")

r, _ = foyer(config, "--room", "Hall 1", "--state", "--at", "2024-03-30T10:40")
check(r.returncode == 0, f"--state: {r.stderr}")
if r.returncode == 0:
    rooms = json.loads(r.stdout)["rooms"]
    check([room["room"] for room in rooms] == ["Hall 1"], f"rooms: {rooms}")
    now = [(e["title"], e["room"]) for e in rooms[0]["now"]]
    check(now == [("Opening keynote", "Hall 1"), ("Soldering for beginners", "Hall 1")],
          f"both feed rooms' talks are now in Hall 1: {now}")

r, _ = foyer(config, "--state", "--at", "2024-03-30T10:40")
if r.returncode == 0:
    rooms = [room["room"] for room in json.loads(r.stdout)["rooms"]]
    check(rooms == ["Hall 1"], f"without --room the feed's rooms are the screen names: {rooms}")

# The feed's own name no longer names a room.
r, _ = foyer(config, "--room", "Studio", "--state", "--at", "2024-03-30T10:40")
if r.returncode == 0:
    rooms = json.loads(r.stdout)["rooms"]
    check(rooms[0]["now"] == [] and rooms[0]["next"] == [], f"Studio is gone: {rooms}")

# A bad alias: the config's file and line, exit status 1.
r, path = foyer("[rooms]\nalias = Studio -> Hall 1\nalias = Studio\n", "--check")
check(r.returncode == 1 and f"{path}:3: [rooms] alias:" in r.stderr and "'->'" in r.stderr,
      f"a bad alias names its line: {r.returncode} {r.stderr}")

sys.exit(summary())
