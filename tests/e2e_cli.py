#!/usr/bin/env python3
"""End to end through the foyer binary: --state on the reference agenda (its text and its web
page), --check, exit statuses and messages for bad input and usage errors (DESIGN.md
section 2), select = for a page, text that is not UTF-8.

Usage: e2e_cli.py FOYER SHARED_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import check, summary

FOYER, SHARED = sys.argv[1], sys.argv[2]
SEED = os.path.join(SHARED, "seed", "000_7f8daefc18f8552d.txt")




def foyer(*args, config=None):
    # -c /dev/null keeps a developer's /etc/foyer out of the test
    cmd = [FOYER, "-c", config or "/dev/null", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30)


def state(*args):
    r = foyer("--state", *args)
    check(r.returncode == 0, f"--state {args} exits 0: {r.stderr}")
    return json.loads(r.stdout) if r.returncode == 0 else None


def titles(events):
    return [e["title"] for e in events]


def reference_agenda():
    if not os.path.exists(SEED):
        print(f"skipped: no reference agenda at {SEED}")
        return
    s = state("--feed", SEED, "--timezone", "Europe/London", "--at", "2018-12-10T14:50")
    check(s["at"] == "2018-12-10T14:50:00+00:00", "at")
    check(s["timezone"] == "Europe/London", "timezone")
    check(s["feed"]["events"] == 7, "7 events")
    room = s["rooms"][0]
    check(titles(room["now"]) == ["Welcome and introduction"], f"now: {room['now']}")
    check(room["now"][0]["speakers"] == ["Andrew Haldenby", "Rupert Soames OBE"], "speakers")
    check(room["now"][0]["start"] == "2018-12-10T14:45:00+00:00", "start")
    check(room["now"][0]["status"] == "scheduled", "status")
    check(titles(room["next"]) ==
          ["Panel one: Innovation, data and digital in frontline public services"], "next")
    check(len(room["next"][0]["speakers"]) == 4, "panel one has four speakers")
    # boundaries through the binary: exactly at 15:00 the panel is on; with --room the
    # roomless sessions belong to the one screen room
    s = state("--feed", SEED, "--timezone", "Europe/London", "--at", "2018-12-10 15:00:00",
              "--room", "Main hall")
    check(s["rooms"][0]["room"] == "Main hall", "screen room listed")
    check(titles(s["rooms"][0]["now"])[0].startswith("Panel one"), "15:00 is panel one")
    # an offset in --at, and a venue in another zone: 14:50Z is 09:50 in New York
    s = state("--feed", SEED, "--timezone", "America/New_York", "--at", "2018-12-10T19:50:00Z")
    check(s["at"] == "2018-12-10T14:50:00-05:00", f"at in New York: {s['at']}")
    check(titles(s["rooms"][0]["now"]) == ["Welcome and introduction"], "New York venue")
    # after the end: nothing now, nothing next, the room still listed
    s = state("--feed", SEED, "--timezone", "Europe/London", "--at", "2018-12-10T18:00")
    check(s["rooms"][0]["now"] == [] and s["rooms"][0]["next"] == [], "after the end")
    r = foyer("--check", "--feed", SEED, "--timezone", "Europe/London")
    check(r.returncode == 0 and "text, 7 events" in r.stdout, f"--check: {r.stdout}{r.stderr}")


def bad_input():
    with tempfile.TemporaryDirectory() as d:
        def write(name, data):
            path = os.path.join(d, name)
            with open(path, "wb") as f:
                f.write(data)
            return path
        cases = [
            ("missing file", os.path.join(d, "nope.txt"), "No such file"),
            ("empty file", write("empty.txt", b""), "empty"),
            ("binary file", write("bin.dat", bytes(range(256)) * 4), "binary"),
            ("csv without start", write("a.csv", b"title,end\nA,10:00\n"),
             "no 'start' column"),
            ("prose only", write("prose.txt", b"Nothing to see here.\n"), "no session"),
        ]
        for name, path, message in cases:
            for mode in (["--state"], ["--check"], ["--layout"]):
                r = foyer(*mode, "--feed", path, "--timezone", "UTC")
                check(r.returncode == 1, f"{name} {mode}: exit {r.returncode}")
                check(path in r.stderr and message in r.stderr,
                      f"{name} {mode}: message names the file: {r.stderr!r}")
        r = foyer("--state", "--feed", write("b.csv", b"title,date,start,end\n\"A,x\n"),
                  "--timezone", "UTC")
        check(r.returncode == 1 and "b.csv:2:" in r.stderr, f"file:line: {r.stderr!r}")
        # config problems carry file:line; a named config must exist; the default may not
        conf = write("foyer.conf", b"[screen]\ntheme = dark\nrotate = 45\n[feeed]\nsource = x\n")
        r = foyer("--check", "--feed", SEED, config=conf)
        check(r.returncode == 1, "bad config exits 1")
        check(f"{conf}:3:" in r.stderr and f"{conf}:4: unknown section [feeed]" in r.stderr,
              f"both lines, the section's at its header: {r.stderr}")
        r = foyer("--state", "--feed", SEED, config=os.path.join(d, "missing.conf"))
        check(r.returncode == 1 and "missing.conf" in r.stderr, "named config must exist")
        r = subprocess.run([FOYER, "--state"], capture_output=True, text=True, timeout=30,
                           env={**os.environ, "HOME": d})
        check(r.returncode == 1 and "no feed" in r.stderr, f"no feed: {r.stderr}")
        r = foyer("--state", "--feed", SEED, "--timezone", "Mars/Base")
        check(r.returncode == 1 and "Mars/Base" in r.stderr, "bad zone")


def usage():
    for args, message in [(["--bogus"], "unknown option"), (["--at", "noon"], "ISO 8601"),
                          (["--state", "--check"], "cannot be combined")]:
        r = foyer(*args)
        check(r.returncode == 2, f"{args}: exit 2, got {r.returncode}")
        check(message in r.stderr and "--help" in r.stderr, f"{args}: {r.stderr}")
    r = foyer("--help")
    check(r.returncode == 0 and "--screenshot" in r.stdout, "--help")
    r = foyer("--version")
    check(r.returncode == 0 and r.stdout.startswith("foyer "), "--version")


def web_page():
    """The reference conference's web page gives the state its text gives, at every instant
    of the afternoon; select = in the config narrows a page; bytes that are not UTF-8 reach
    the state as U+FFFD instead of losing the session."""
    page = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "feeds", "html",
                        "reform-2018-12-10.html")
    if os.path.exists(SEED):
        instants = [f"2018-12-10T{h:02d}:{m:02d}" for h in range(14, 19) for m in (0, 15, 30, 45)]
        instants += ["2018-12-10T14:44", "2018-12-10T17:59", "2018-12-09T12:00"]
        for at in instants:
            a = state("--feed", SEED, "--timezone", "Europe/London", "--at", at)
            b = state("--feed", page, "--timezone", "Europe/London", "--at", at)
            if a and b:
                check(a["rooms"] == b["rooms"], f"{at}: the page's state is the text's: "
                      f"{a['rooms']} != {b['rooms']}")
    r = foyer("--check", "--feed", page, "--timezone", "Europe/London")
    check(r.returncode == 0 and "html, 7 events" in r.stdout, f"--check a page: {r.stdout}")
    with tempfile.TemporaryDirectory() as d:
        side = os.path.join(d, "side.html")
        with open(side, "w") as f:
            f.write("<html><body><div class='widget'><p>10 December 2018</p>"
                    "<p>09.00 - 10.00 Elsewhere</p></div><div id='agenda'>"
                    "<p>10 December 2018</p><p>11.00 - 12.00 Ours</p></div></body></html>")
        for select, want in [("#agenda", ["Ours"]), ("", ["Elsewhere", "Ours"])]:
            conf = os.path.join(d, "foyer.conf")
            with open(conf, "w") as f:
                f.write(f"[general]\ntimezone = UTC\n[feed]\nselect = {select}\n")
            r = foyer("--state", "--feed", side, "--at", "2018-12-10T08:00", config=conf)
            check(r.returncode == 0, f"select = {select!r}: {r.stderr}")
            if r.returncode == 0:
                got = json.loads(r.stdout)["rooms"][0]["next"]
                check(titles(got) == want[:1], f"select = {select!r}: next {titles(got)}")
                check(json.loads(r.stdout)["feed"]["events"] == len(want), "events")
        with open(conf, "w") as f:
            f.write("[feed]\nselect = #programme\n")
        r = foyer("--check", "--feed", side, config=conf)
        check(r.returncode == 1 and "matches no element" in r.stderr, f"no match: {r.stderr}")
        latin = os.path.join(d, "latin1.csv")
        with open(latin, "wb") as f:
            f.write(b"title,date,start,end,room\nCaf\xe9 talk,2018-12-10,10:00,11:00,Salle \xe9\n")
        s = state("--feed", latin, "--timezone", "UTC", "--at", "2018-12-10T10:30")
        if s:
            check(s["feed"]["events"] == 1 and s["rooms"][0]["room"] == "Salle \ufffd", "room")
            check(titles(s["rooms"][0]["now"]) == ["Caf\ufffd talk"], f"title: {s['rooms']}")


def themes_found():
    """The build tree's binary finds the source tree's themes from any directory (the build
    directory may be anywhere); a copy of it elsewhere, as installed, looks only in its
    install path, never in the build tree."""
    demo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config",
                        "demo-agenda.txt")
    r = subprocess.run([FOYER, "-c", "/dev/null", "--check", "--feed", demo, "--theme", "dark"],
                       capture_output=True, text=True, timeout=30, cwd="/")
    check(r.returncode == 0, f"the build's binary finds the dark theme from /: {r.stderr}")
    with tempfile.TemporaryDirectory() as d:
        copy = os.path.join(d, "foyer")
        shutil.copy(FOYER, copy)
        r = subprocess.run([copy, "-c", "/dev/null", "--check", "--feed", demo, "--theme",
                            "dark"], capture_output=True, text=True, timeout=30, cwd=d)
        if os.path.isdir("/usr/share/foyer/themes/dark") or \
                os.path.isdir("/usr/local/share/foyer/themes/dark"):
            print("skipped the copied binary's theme lookup: foyer's themes are installed here")
        else:
            check(r.returncode == 1 and 'no theme "dark"' in r.stderr,
                  f"a copy outside the build tree does not read its themes: {r.stderr}")


reference_agenda()
bad_input()
usage()
web_page()
themes_found()
sys.exit(summary())
