#!/usr/bin/env python3
"""The deck of slides end to end through the foyer binary (no display):

state   --state with a deck: "slide", "page", "pages" and "deck" (index, every slide of the
        cycle with its seconds, a rooms page's rooms, next_change); the slide at random
        instants is the one the clock's arithmetic over "slides" names, and two screens with
        the same config (in different folders) agree at every one; --slide KIND[:PAGE]
        (a page past the end is the last); an emergency interrupts and the deck resumes where
        the clock says; `pin = rooms:2` stops it; the screen hours blank it; FOSDEM 2020's 35
        rooms are on the pages of `rooms` each once; without [deck] there is no "deck".
golden  every kind of slide (rooms, agenda, announcement with its image, image: PNG and SVG)
        in each shipped theme at 1280x720 against tests/data/golden/deck-*.png.
live    the live loop (SDL's offscreen driver, a simulated clock, status.json): an
        announcement slide joins the deck when the override file is saved, the deck
        rotates, and the slide leaves by itself when the announcement's `until` passes.

To regenerate the golden images after an intended change of a slide's look:
    FOYER_UPDATE_GOLDEN=1 ctest --test-dir build-check -R e2e_deck_golden
then look at every tests/data/golden/deck-*.png before committing them.

Usage: e2e_deck.py FOYER PNG_COMPARE DATA_DIR SHARED_DIR state|golden|live
"""
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

from testlib import check, check_golden, summary

FOYER, PNG_COMPARE, DATA, SHARED, PART = sys.argv[1:6]
UPDATE = os.environ.get("FOYER_UPDATE_GOLDEN") == "1"
DECK = os.path.join(DATA, "deck")
VENUE = os.path.join(DECK, "venue.csv")
REFERENCE = os.path.join(DATA, "screen-agenda.txt")
THEMES = ["default", "dark", "high-contrast"]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def deck_config(folder, extra=""):
    """A config with a deck of every kind; returns its path."""
    path = os.path.join(folder, "foyer.conf")
    write(path, "[deck]\nslide = now-next 20\nslide = rooms 10\nslide = agenda 15\n"
                "slide = announcement 12\nslide = image 8\n"
                f"images = {os.path.join(DECK, 'sponsor.png')}\n"
                f"images = {os.path.join(DECK, 'map.svg')}\n{extra}")
    return path


def foyer(config, *args, feed=VENUE, at="2018-12-10T11:20"):
    cmd = [FOYER, "-c", config, "--feed", feed, "--timezone", "Europe/London", "--at", at,
           *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def state(config, *args, **kw):
    r = foyer(config, "--state", *args, **kw)
    check(r.returncode == 0, f"--state {args} exits 0: {r.stderr[-400:]}")
    try:
        return json.loads(r.stdout)
    except ValueError:
        check(False, f"--state {args} prints JSON: {r.stdout[:200]}")
        return {}


def expected_slot(slides, t):
    """The index into slides the clock names at epoch second t: slots end to end from 1970."""
    cycle = sum(s["seconds"] for s in slides)
    pos = t % cycle
    for i, s in enumerate(slides):
        if pos < s["seconds"]:
            return i
        pos -= s["seconds"]
    return -1


def epoch(iso):
    return int(datetime.datetime.fromisoformat(iso).timestamp())


def part_state(tmp):
    one, two = os.path.join(tmp, "one"), os.path.join(tmp, "two")
    os.mkdir(one)
    os.mkdir(two)
    a, b = deck_config(one), deck_config(two)

    s = state(a)
    deck = s.get("deck", {})
    slides = deck.get("slides", [])
    kinds = [x["kind"] for x in slides]
    check(kinds[:1] == ["now-next"] and "rooms" in kinds and "agenda" in kinds
          and "image" in kinds and "announcement" not in kinds,
          f"the cycle: every kind with something to show, none without: {kinds}")
    check(kinds.count("image") == 2, f"one slide per image file: {kinds}")
    rooms_pages = [x for x in slides if x["kind"] == "rooms"]
    names = [n for x in rooms_pages for n in x.get("rooms", [])]
    check(len(names) == 24 and len(set(names)) == 24,
          f"the pages of rooms hold the 24 rooms each once: {len(names)} {rooms_pages[:1]}")
    check(all(x["pages"] == len(rooms_pages) and x["seconds"] == 10 for x in rooms_pages),
          "each page of rooms shows for the entry's seconds")
    at = epoch(s["at"])
    check(deck.get("index") == expected_slot(slides, at),
          f"the slide at 11:20 is the clock's: {deck.get('index')}")
    shown = slides[deck["index"]] if 0 <= deck.get("index", -1) < len(slides) else {}
    check(s.get("slide") == shown.get("kind"), f"slide {s.get('slide')} is the deck's {shown}")

    # The same slide at random instants, and the same on two screens with the same config.
    rng = random.Random(11)
    agree = 0
    for _ in range(12):
        t = datetime.datetime(2018, 12, 10, 11, 0) + datetime.timedelta(
            seconds=rng.randrange(0, 3 * 3600))
        iso = t.strftime("%Y-%m-%dT%H:%M:%S")
        x, y = state(a, at=iso), state(b, at=iso)
        keys = lambda v: (v.get("slide"), v.get("page"), v.get("pages"),
                          v.get("deck", {}).get("index"), v.get("deck", {}).get("next_change"))
        check(keys(x) == keys(y), f"two screens agree at {iso}: {keys(x)} {keys(y)}")
        xs = x.get("deck", {}).get("slides", [])
        want = expected_slot(xs, epoch(x["at"])) if xs else -2
        check(x.get("deck", {}).get("index") == want,
              f"{iso}: slide {x.get('deck', {}).get('index')}, the clock says {want}")
        if xs and 0 <= want < len(xs):
            check(x.get("slide") == xs[want]["kind"] and x.get("page", 1) == xs[want]["page"],
                  f"{iso}: shows {x.get('slide')} {x.get('page')}, want {xs[want]}")
            nc = x["deck"]["next_change"]
            check(nc is not None and epoch(nc) > epoch(x["at"]), f"{iso}: next change {nc}")
        agree += 1
    print(f"{agree} instants agree")

    # --slide: that slide and page whatever the clock says; past the end, the last.
    x = state(a, "--slide", "rooms:2")
    check(x.get("slide") == "rooms" and x.get("page") == 2, f"--slide rooms:2: {x.get('page')}")
    x = state(a, "--slide", "rooms:99")
    check(x.get("slide") == "rooms" and x.get("page") == x.get("pages"),
          f"--slide rooms:99 is the last page: {x.get('page')}/{x.get('pages')}")
    r = foyer(a, "--layout", "--slide", "rooms:2")
    layout = json.loads(r.stdout) if r.returncode == 0 else {}
    rooms_boxes = [bx["text"] for bx in layout.get("boxes", []) if bx.get("role") == "rooms-room"]
    check(layout.get("slide") == "rooms" and layout.get("page") == 2
          and rooms_boxes and rooms_boxes[0] == rooms_pages[-1]["rooms"][0],
          f"--layout --slide rooms:2 lays out the second page: {rooms_boxes[:2]}")
    x = state(a, "--slide", "agenda")
    check(x.get("slide") == "agenda" and x.get("page") == 1, "--slide agenda: page 1")

    # An emergency interrupts; the deck keeps the clock's place. A pin stops it.
    override = os.path.join(tmp, "override.conf")
    write(override, "[emergency]\ntitle = Please leave the building\n")
    x = state(a, "--override", override)
    check(x.get("slide") == "emergency" and x["deck"]["index"] == deck["index"],
          f"an emergency interrupts, the deck keeps time: {x.get('slide')} {x['deck']['index']}")
    write(override, "[screen]\npin = rooms:2\n")
    x = state(a, "--override", override)
    check(x.get("slide") == "rooms" and x.get("page") == 2 and x["deck"]["next_change"] is None,
          f"pin = rooms:2 stops the deck on that page: {x.get('slide')} {x.get('page')}")
    write(override, "[screen]\npin = image:2\n")
    x = state(a, "--override", override, at="2018-12-10T13:07:31")
    check(x.get("slide") == "image" and x.get("page") == 2, f"pin = image:2: {x.get('page')}")
    write(override, "[screen]\nhours = 12:00-20:00\n")
    x = state(a, "--override", override)
    check(x.get("slide") == "off", f"the screen hours blank the deck: {x.get('slide')}")
    write(override, "[announcement \"lunch\"]\ntitle = Lunch\ntext = In the atrium\n")
    x = state(a, "--override", override)
    kinds = [v["kind"] for v in x["deck"]["slides"]]
    check(kinds.count("announcement") == 1, f"an announcement in force joins the deck: {kinds}")

    # Without [deck]: what the screen showed before, and no "deck".
    x = state("/dev/null")
    check("deck" not in x and x.get("slide") == "rooms" and "page" not in x,
          f"no [deck]: the rooms' rows, no deck: {x.get('slide')}")

    # FOSDEM 2020: 35 rooms on the pages, each once.
    fosdem = os.path.join(SHARED, "feeds", "pentabarf", "fosdem-2020.xml")
    if os.path.exists(fosdem):
        r = subprocess.run([FOYER, "-c", a, "--feed", fosdem, "--timezone", "Europe/Brussels",
                            "--at", "2020-02-01T11:20", "--state", "--size", "1920x1080"],
                           capture_output=True, text=True, timeout=120)
        x = json.loads(r.stdout) if r.returncode == 0 else {}
        pages = [v for v in x.get("deck", {}).get("slides", []) if v["kind"] == "rooms"]
        names = [n for v in pages for n in v.get("rooms", [])]
        feed_rooms = [room["room"] for room in x.get("rooms", [])]
        check(len(pages) >= 2 and len(names) == 35 and sorted(names) == sorted(feed_rooms),
              f"FOSDEM 2020: the {len(pages)} pages of rooms hold all 35 rooms once: {len(names)}")
    else:
        print(f"skipped FOSDEM 2020: {fosdem} is not there")


def part_golden(tmp):
    override = os.path.join(tmp, "override.conf")
    shutil.copy(os.path.join(DECK, "sponsor.png"), os.path.join(tmp, "sponsor.png"))
    write(override, "[announcement \"lunch\"]\ntitle = Lunch is served\n"
                    "text = In the atrium until 14:00. Vegetarian and vegan dishes are "
                    "labelled.\nimage = sponsor.png\n")
    config = deck_config(tmp)
    cases = [("rooms", "rooms:1", VENUE), ("agenda", "agenda", REFERENCE),
             ("announcement", "announcement", REFERENCE), ("image-png", "image:1", REFERENCE),
             ("image-svg", "image:2", REFERENCE)]
    for theme in THEMES:
        for name, slide, feed in cases:
            out = os.path.join(tmp, f"deck-{name}-{theme}.png")
            at = "2018-12-10T14:50" if feed == REFERENCE else "2018-12-10T11:20"
            r = foyer(config, "--screenshot", out, "--size", "1280x720", "--theme", theme,
                      "--slide", slide, "--override", override, feed=feed, at=at)
            check(r.returncode == 0, f"{name} in {theme}: {r.stderr[-300:]}")
            if r.returncode == 0:
                check_golden(f"{name} in {theme}", out,
                             os.path.join(DATA, "golden", f"deck-{name}-{theme}.png"),
                             PNG_COMPARE, 0.002, UPDATE)


def part_live(tmp):
    status_dir = os.path.join(tmp, "status")
    os.mkdir(status_dir)
    override = os.path.join(tmp, "override.conf")
    config = os.path.join(tmp, "foyer.conf")
    write(config, f"[status]\ndirectory = {status_dir}\n"
                  "[deck]\nslide = now-next 20\nslide = announcement 20\n")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    env.pop("NOTIFY_SOCKET", None)
    # 09:35 at 10x: each 20 s slide shows for 2 s; the announcement ends at 09:37
    proc = subprocess.Popen(
        [FOYER, "-c", config, "--feed", REFERENCE, "--timezone", "Europe/London",
         "--at", "2018-12-10T14:35", "--speed", "10", "--override", override,
         "--size", "640x360"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def current():
        try:
            with open(os.path.join(status_dir, "status.json")) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait(what, cond, timeout=40.0):
        start = time.monotonic()
        while time.monotonic() - start < timeout and proc.poll() is None:
            s = current()
            if s is not None and cond(s):
                print(f"{what}: after {time.monotonic() - start:.2f} s, at {s['at']}")
                return s
            time.sleep(0.05)
        check(False, f"{what} (last state: {json.dumps(current())[:500]})")
        return None

    try:
        s = wait("the screen is up", lambda s: s.get("slide") == "now-next")
        check(s is not None and s.get("deck", {}).get("next_change") is None,
              "a deck of one slide with something to show does not rotate")
        tmpfile = os.path.join(tmp, ".override.tmp")
        write(tmpfile, "[announcement \"coffee\"]\ntitle = Coffee is served\n"
                       "text = In the foyer\nuntil = 14:37\n")
        os.rename(tmpfile, override)
        s = wait("the announcement slide appears after the save",
                 lambda s: s.get("slide") == "announcement")
        check(s is not None and [v["kind"] for v in s["deck"]["slides"]] ==
              ["now-next", "announcement"], "the deck now has two slides")
        wait("the deck rotates back to now-next", lambda s: s.get("slide") == "now-next")
        s = wait("the announcement leaves when its until passes",
                 lambda s: s.get("at", "") >= "2018-12-10T14:37" and
                 [v["kind"] for v in s.get("deck", {}).get("slides", [])] == ["now-next"])
        check(s is not None and s.get("slide") == "now-next", "and the screen shows now-next")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    check(proc.returncode in (0, -15), f"foyer stopped cleanly: {proc.returncode}")


with tempfile.TemporaryDirectory(prefix="foyer-e2e-deck-") as tmp:
    {"state": part_state, "golden": part_golden, "live": part_live}[PART](tmp)
sys.exit(summary())
