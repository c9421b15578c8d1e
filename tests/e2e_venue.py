#!/usr/bin/env python3
"""One configuration for a whole venue, through the foyer binary:

- [screen "NAME"] and [deck "NAME"] sections: a box takes its own by --screen, else by the
  file `screen` beside the config, else by its hostname; what they leave out comes from
  [screen] and [deck]; the state
  says which section is in force; --check checks every section (an unknown room, direction
  room or theme is an error with its line) and --check --screen NAME prints that box's
  settings;
- a QR code: `qr = yes` puts the current session's URL (else the next one's) on now/next as a
  box of kind image, role qr, at least 12 % of the shorter side, which zbarimg decodes from
  the --screenshot in every shipped theme and both orientations; a URL too long for a QR
  code shows none and is logged once;
- directions: `direction = ROOM: WORD` in a box's section puts the arrow beside each room of
  the rooms slide and of the deck's rooms overview (--layout boxes of role direction), room
  aliases applied;
- the venue's language: the slide's words in en, de, fr, es and nl (and a 12-hour clock),
  one golden image per language; an unknown language is an error with its line that lists
  the shipped ones.

To regenerate the golden images after an intended change, run
    FOYER_UPDATE_GOLDEN=1 ctest --test-dir build-check -R e2e_venue
and look at tests/data/golden/lang-*.png before committing them.

Usage: e2e_venue.py FOYER PNG_COMPARE DATA_DIR
"""
import json
import os
import socket
import subprocess
import sys
import tempfile

from testlib import check, check_golden, summary

FOYER, PNG_COMPARE, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
UPDATE = os.environ.get("FOYER_UPDATE_GOLDEN") == "1"
AGENDA = os.path.join(DATA, "screen-agenda.txt")
GOLDEN = os.path.join(DATA, "golden")
AT = "2018-12-10T14:50"


def foyer(conf, *args):
    cmd = [FOYER, "-c", conf, "--at", AT, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def venue_config(tmp, extra=""):
    return write(os.path.join(tmp, "foyer.conf"), f"""[general]
timezone = Europe/London
{extra}
[feed]
source = {AGENDA}
cache_directory =
[screen]
theme = default
rotate = 0
[screen "hall-3"]
rotate = 90
width = 1080
height = 1920
[screen "lobby"]
theme = dark
room = Main hall
[deck "lobby"]
slide = rooms 10
slide = agenda 15
""")


def sections(tmp):
    conf = venue_config(tmp)
    # --screen names the section; the state says which one is in force and from where
    r = foyer(conf, "--screen", "HALL-3", "--state")
    check(r.returncode == 0, f"--screen hall-3 --state: {r.stderr}")
    screen = json.loads(r.stdout)["screen"] if r.returncode == 0 else {}
    check(screen.get("name") == "HALL-3" and screen.get("section") == "hall-3"
          and screen.get("from") == "--screen", f"the state's screen: {screen}")
    # the section's rotation and size: the slide is laid out portrait
    r = foyer(conf, "--screen", "hall-3", "--layout")
    layout = json.loads(r.stdout) if r.returncode == 0 else {}
    check((layout.get("width"), layout.get("height")) == (1920, 1080),
          f"hall-3 is rotated 90: lays out {layout.get('width')}x{layout.get('height')}")
    # the file `screen` beside the config, first line trimmed
    write(os.path.join(tmp, "screen"), "  lobby \nignored\n")
    r = foyer(conf, "--state")
    screen = json.loads(r.stdout)["screen"] if r.returncode == 0 else {}
    check(screen.get("name") == "lobby" and screen.get("section") == "lobby"
          and screen.get("from") == os.path.join(tmp, "screen"), f"from the file: {screen}")
    # --screen over the file
    r = foyer(conf, "--screen", "hall-3", "--state")
    check(r.returncode == 0 and json.loads(r.stdout)["screen"]["section"] == "hall-3",
          "--screen wins over the file")
    os.remove(os.path.join(tmp, "screen"))
    # else the hostname: no section of that name, [screen] alone
    r = foyer(conf, "--state")
    screen = json.loads(r.stdout)["screen"] if r.returncode == 0 else {}
    check(screen.get("name") == socket.gethostname() and screen.get("section") is None
          and screen.get("from") == "hostname", f"by the hostname: {screen}")
    # --check --screen prints what the box uses, [screen]'s keys where the section is silent
    r = foyer(conf, "--check", "--screen", "lobby")
    check(r.returncode == 0, f"--check --screen lobby: {r.stderr}")
    for line in ['screen "lobby": [screen "lobby"] (line 14) over [screen], [deck "lobby"] '
                 '(line 17) over [deck]', "  theme = dark",
                 "  room = Main hall", "  rotate = 0", "  qr = no"]:
        check(line in r.stdout.splitlines(), f"--check --screen prints '{line}': {r.stdout}")
    check("  slide = rooms 10, agenda 15" in r.stdout.splitlines(),
          f"the box's own deck: {r.stdout}")
    r = foyer(conf, "--screen", "lobby", "--state")
    deck = json.loads(r.stdout).get("deck") if r.returncode == 0 else None
    kinds = [e["kind"] for e in deck["slides"]] if deck else []
    check(kinds == ["rooms", "agenda"], f"the lobby's own deck in the state: {deck}")
    r = foyer(conf, "--screen", "hall-3", "--state")
    check(r.returncode == 0 and not json.loads(r.stdout).get("deck"),
          "a box without a deck of its own: no deck")
    r = foyer(conf, "--check", "--screen", "nobody")
    check(r.returncode == 0 and 'no [screen "nobody"] section, [screen] alone' in r.stdout,
          f"a box without a section: {r.stdout}")
    # --check checks every section, with lines
    bad = write(os.path.join(tmp, "bad.conf"), f"""[feed]
source = {AGENDA}
cache_directory =
[screen]
room = Main hall
direction = Main hall: here
[screen "a"]
room = Nowhere
[screen "b"]
theme = no-such-theme
direction = Great hall: left
direction = Main hall: sideways
""")
    r = foyer(bad, "--check")
    check(r.returncode == 1, f"--check fails on bad sections: {r.returncode}")
    for want in [f'{bad}:8: [screen "a"] room: no room "Nowhere" in the feed (its rooms: Main hall)',
                 f'{bad}:10: [screen "b"] theme: no theme "no-such-theme"',
                 f'{bad}:11: [screen "b"] direction: no room "Great hall" in the feed',
                 f"{bad}:12: [screen \"b\"] direction: 'sideways' is not a direction "
                 "(left|right|ahead|behind|up|down|here)"]:
        check(any(line.startswith(want) for line in r.stderr.splitlines()),
              f"--check says '{want}': {r.stderr}")


LANGUAGES = {
    # language: words the 14:50 slide must show
    "en": ["Now", "Next", "in 10 min", "10 min left", "Later today", "Monday 10 December"],
    "de": ["Jetzt", "Als Nächstes", "in 10 Min.", "noch 10 Min.", "Später heute",
           "Montag, 10. Dezember"],
    "fr": ["En cours", "À suivre", "dans 10 min", "encore 10 min", "Plus tard aujourd’hui",
           "lundi 10 décembre"],
    "es": ["Ahora", "A continuación", "en 10 min", "quedan 10 min", "Más tarde hoy",
           "lunes, 10 de diciembre"],
    "nl": ["Nu", "Hierna", "over 10 min", "nog 10 min", "Later vandaag", "maandag 10 december"],
}


def languages(tmp):
    os.makedirs(GOLDEN, exist_ok=True)
    for lang, words in LANGUAGES.items():
        conf = venue_config(tmp, f"language = {lang}")
        r = foyer(conf, "--layout", "--size", "1920x1080")
        check(r.returncode == 0, f"{lang}: --layout: {r.stderr}")
        if r.returncode:
            continue
        texts = [b["text"] for b in json.loads(r.stdout)["boxes"] if b["kind"] == "text"]
        for w in words:
            check(w in texts, f"{lang}: the slide says '{w}': {texts}")
        # English is the slide as it always was: the theme's golden image
        name = "default-1920x1080.png" if lang == "en" else f"lang-{lang}-1920x1080.png"
        out = os.path.join(tmp, name)
        r = foyer(conf, "--screenshot", out, "--size", "1920x1080")
        check(r.returncode == 0, f"{lang}: --screenshot: {r.stderr}")
        if r.returncode == 0:
            check_golden(name, out, os.path.join(GOLDEN, name), PNG_COMPARE, 0.002,
                         UPDATE and lang != "en")
    conf = venue_config(tmp, "language = en\nclock = 12h")
    r = foyer(conf, "--layout", "--size", "1920x1080")
    texts = [b["text"] for b in json.loads(r.stdout)["boxes"] if b["kind"] == "text"] \
        if r.returncode == 0 else []
    for w in ["2:50 pm", "2:45 pm – 3:00 pm", "4:15 pm"]:
        check(w in texts, f"12h: the slide says '{w}': {texts}")
    conf = venue_config(tmp, "language = it")
    r = foyer(conf, "--check")
    want = f"{conf}:3: [general] language: 'it' is not one of en|de|fr|es|nl"
    check(r.returncode == 1 and want in r.stderr, f"an unknown language: {r.stderr}")


SCHEDULE = os.path.join(DATA, "venue-schedule.xml")


def qr_config(tmp, extra="", feed=SCHEDULE):
    return write(os.path.join(tmp, "qr.conf"), f"""[general]
timezone = Europe/London
[feed]
source = {feed}
cache_directory =
[screen]
room = Main hall
{extra}
""")


def zbar(png):
    r = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True)
    return r.stdout.strip()


def qr_codes(tmp):
    conf = qr_config(tmp, "qr = yes")
    for at, url in [("2018-12-10T14:30", "https://events.example.org/venue/talk/KEEP42/"),
                    ("2018-12-10T15:10", "https://events.example.org/venue/talk/CLOSE7/")]:
        for theme in ["default", "dark", "high-contrast"]:
            for w, h in [(1920, 1080), (1080, 1920), (1280, 720)]:
                what = f"qr at {at[11:]} {theme} {w}x{h}"
                r = subprocess.run([FOYER, "-c", conf, "--at", at, "--theme", theme,
                                    "--size", f"{w}x{h}", "--layout"],
                                   capture_output=True, text=True, timeout=60)
                boxes = json.loads(r.stdout)["boxes"] if r.returncode == 0 else []
                qr = [b for b in boxes if b.get("role") == "qr"]
                check(len(qr) == 1 and qr[0]["kind"] == "image" and qr[0]["text"] == url,
                      f"{what}: one image box of role qr for {url}: {qr}")
                if qr:
                    check(qr[0]["w"] == qr[0]["h"] and qr[0]["w"] >= 0.12 * min(w, h),
                          f"{what}: square, at least 12 % of the shorter side: {qr[0]}")
                png = os.path.join(tmp, "qr.png")
                r = subprocess.run([FOYER, "-c", conf, "--at", at, "--theme", theme,
                                    "--size", f"{w}x{h}", "--screenshot", png],
                                   capture_output=True, text=True, timeout=60)
                check(r.returncode == 0 and zbar(png) == url,
                      f"{what}: zbarimg reads {url} from the screenshot: {zbar(png)!r}")
    # without qr = yes, no code
    r = foyer(qr_config(tmp), "--layout")
    check(r.returncode == 0 and not [b for b in json.loads(r.stdout)["boxes"]
                                     if b.get("role") == "qr"], "no qr = yes, no code")
    # a URL longer than a QR code holds (2331 bytes at level M): no code, said once
    with open(SCHEDULE, encoding="utf-8") as f:
        long_feed = f.read().replace("https://events.example.org/venue/talk/KEEP42/",
                                     "https://events.example.org/" + "x" * 2400)
    feed = write(os.path.join(tmp, "long-url.xml"), long_feed)
    conf = qr_config(tmp, "qr = yes", feed=feed)
    png = os.path.join(tmp, "long.png")
    r = subprocess.run([FOYER, "-c", conf, "--at", "2018-12-10T14:30", "--screenshot", png],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"a long URL still draws the slide: {r.stderr}")
    check(r.stderr.count("too long for a QR code") == 1, f"said once: {r.stderr}")
    check(zbar(png) == "", "no code for a URL that does not fit")


def directions(tmp):
    conf = write(os.path.join(tmp, "dir.conf"), f"""[general]
timezone = Europe/London
[feed]
source = {SCHEDULE}
cache_directory =
[rooms]
alias = Saal 2 -> Hall 2
[screen]
direction = Main hall: ahead
[screen "stairs"]
direction = Main hall: down
direction = Saal 2: behind
""")
    for screen, want in [("stairs", {"Main hall": "⇩", "Hall 2": "↶"}),
                         ("lobby", {"Main hall": "↑"})]:
        r = foyer(conf, "--screen", screen, "--layout", "--size", "1920x1080")
        boxes = json.loads(r.stdout)["boxes"] if r.returncode == 0 else []
        got = {}
        for i, b in enumerate(boxes):
            if b["role"] == "direction" and i + 1 < len(boxes):
                got[boxes[i + 1]["text"]] = b["text"]
        check(got == want, f"{screen}: arrows beside the rooms {got}, want {want}")
    r = foyer(conf, "--check")
    check(r.returncode == 0, f"directions through an alias pass --check: {r.stderr}")
    # the deck's rooms overview too, worded in the venue's language
    deck = write(os.path.join(tmp, "deck.conf"), f"""[general]
timezone = Europe/London
language = nl
[feed]
source = {SCHEDULE}
cache_directory =
[screen]
direction = Main hall: right
direction = Saal 2: behind
[deck]
slide = rooms 10
slide = agenda 10
""")
    r = foyer(deck, "--slide", "rooms", "--layout", "--size", "1920x1080")
    boxes = json.loads(r.stdout)["boxes"] if r.returncode == 0 else []
    texts = [(b["role"], b.get("text")) for b in boxes if b["kind"] == "text"]
    for want in [("heading", "Alle zalen"), ("now-label", "Nu"), ("next-label", "Hierna"),
                 ("rooms-next", "over 10 min  Workshop in the other room")]:
        check(want in texts, f"the deck's rooms overview has {want}: {texts}")
    order = [t for t in texts if t[0] in ("direction", "rooms-room")]
    check(order[:4] == [("direction", "→"), ("rooms-room", "Main hall"), ("direction", "↶"),
                        ("rooms-room", "Saal 2")], f"each arrow before its room: {order}")
    r = foyer(deck, "--slide", "agenda", "--layout", "--size", "1920x1080")
    texts = [(b["role"], b.get("text")) for b in json.loads(r.stdout)["boxes"]
             if b["kind"] == "text"] if r.returncode == 0 else []
    check(("heading", "Vandaag") in texts, f"the agenda's heading in Dutch: {texts}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        sections(tmp)
        qr_codes(tmp)
        directions(tmp)
        languages(tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
