#!/usr/bin/env python3
"""The screen end to end through the foyer binary, with no display:

- --screenshot at 1920x1080 and 1080x1920 (and rotated) writes a PNG of the screen's size
  whose pixels are not uniform;
- --layout prints every box inside the screen, with no two text boxes overlapping, for the
  reference day and for very long titles, in every shipped theme;
- golden images: the now/next slide in each shipped theme at 1920x1080 and 1080x1920, and a
  very long title, match tests/data/golden/*.png within a small tolerance (software
  renderer).

To regenerate the golden images after an intended change of the slide's look, run
    FOYER_UPDATE_GOLDEN=1 ctest --test-dir build-check -R e2e_golden
(or: tests/e2e_render.py build/foyer build/tests/png_compare tests/data golden --update-golden),
then look at every PNG in tests/data/golden/ before committing them.

Usage: e2e_render.py FOYER PNG_COMPARE DATA_DIR screen|layout|golden [--update-golden]
(three ctest tests, e2e_render, e2e_layout and e2e_golden, so that they run in parallel)
"""
import json
import os
import subprocess
import sys
import tempfile

from testlib import check, check_golden, summary

FOYER, PNG_COMPARE, DATA, PART = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
UPDATE = "--update-golden" in sys.argv or os.environ.get("FOYER_UPDATE_GOLDEN") == "1"
AGENDA = os.path.join(DATA, "screen-agenda.txt")
LONG_AGENDA = os.path.join(DATA, "long-title-agenda.txt")
GOLDEN = os.path.join(DATA, "golden")
THEMES = ["default", "dark", "high-contrast"]
SIZES = [(1920, 1080), (1080, 1920)]
# a pixel differs when a channel is off by more than 24; this share of pixels may differ
GOLDEN_TOLERANCE = 0.002




def foyer(*args, feed=AGENDA, at="2018-12-10T14:50"):
    cmd = [FOYER, "-c", "/dev/null", "--feed", feed, "--timezone", "Europe/London",
           "--at", at, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def png_info(path):
    r = subprocess.run([PNG_COMPARE, "info", path], capture_output=True, text=True)
    w, h, colours = r.stdout.split()
    return int(w), int(h), int(colours)


def screenshots(tmp):
    for (w, h, rotate) in [(1920, 1080, 0), (1080, 1920, 0), (1920, 1080, 90), (1280, 720, 180)]:
        out = os.path.join(tmp, f"shot-{w}x{h}-{rotate}.png")
        r = foyer("--screenshot", out, "--size", f"{w}x{h}", "--rotate", str(rotate))
        check(r.returncode == 0, f"--screenshot {w}x{h} rotate {rotate} exits 0: {r.stderr}")
        if r.returncode:
            continue
        pw, ph, colours = png_info(out)
        check((pw, ph) == (w, h), f"screenshot is {w}x{h}, got {pw}x{ph}")
        check(colours > 16, f"screenshot {w}x{h} is not uniform ({colours} colours)")
    # sizes foyer cannot draw: a clear message and exit 1, never a crash
    for size, want in [("32x32", "at least 64x64"), ("16000x9000", "too large")]:
        r = foyer("--screenshot", os.path.join(tmp, "bad.png"), "--size", size)
        check(r.returncode == 1 and want in r.stderr, f"--size {size}: {r.returncode} {r.stderr}")
    # no display is needed: the screenshot works with DISPLAY pointing nowhere
    env = dict(os.environ, DISPLAY=":4095", SDL_VIDEODRIVER="x11")
    out = os.path.join(tmp, "nodisplay.png")
    r = subprocess.run([FOYER, "-c", "/dev/null", "--feed", AGENDA, "--at", "2018-12-10T14:50",
                        "--timezone", "Europe/London", "--screenshot", out], env=env,
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0 and os.path.exists(out), f"screenshot without a display: {r.stderr}")


def overlaps(a, b):
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and
            a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def check_layout(layout, w, h, what):
    check(layout["width"] == w and layout["height"] == h, f"{what}: size {layout['width']}x"
          f"{layout['height']}")
    boxes = layout["boxes"]
    check(any(b["kind"] == "text" for b in boxes), f"{what}: has text")
    shorter = min(w, h)
    for b in boxes:
        check(b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["w"] <= w and b["y"] + b["h"] <= h,
              f"{what}: box off screen: {b}")
        if b["kind"] == "text":
            check(b["px"] >= round(0.02 * shorter), f"{what}: text below 2 %: {b}")
    texts = [b for b in boxes if b["kind"] == "text"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            check(not overlaps(a, b), f"{what}: text boxes overlap: {a} and {b}")
    return texts


def layouts(tmp):
    long_title = " ".join(["Reimagining public services for citizens in an age of data"] * 12)
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung" * 3
    long_feed = os.path.join(tmp, "long.txt")
    with open(long_feed, "w") as f:
        f.write("10 December 2018\nRoom: Main hall\n\n"
                f"14.45 – 15.00      {long_title}\n"
                + "".join(f"  • Speaker Number {i}, Somewhere\n" for i in range(30)) +
                f"\n15.00 – 16.00      {long_word}\n"
                f"\n16.00 – 16.15      {long_title}\n")
    cases = [(theme, size) for theme in THEMES for size in SIZES]
    cases += [("default", (1280, 720)), ("high-contrast", (800, 480))]
    for theme, (w, h) in cases:
        feeds = [(long_feed, "long titles")]
        if theme == "default":
            feeds.append((AGENDA, "reference day"))
        for feed, what in feeds:
            r = foyer("--layout", "--size", f"{w}x{h}", "--theme", theme, feed=feed)
            label = f"--layout {theme} {w}x{h} {what}"
            check(r.returncode == 0, f"{label} exits 0: {r.stderr}")
            if r.returncode:
                continue
            texts = check_layout(json.loads(r.stdout), w, h, label)
            titles = [t for t in texts if t["role"] == "now-title"]
            check(titles, f"{label}: the current title is shown")
            if titles:
                check(min(t["px"] for t in titles) >= round(0.04 * min(w, h)),
                      f"{label}: the current title is at least 4 %")
            if feed == long_feed:
                check(any(t.get("ellipsis") for t in titles),
                      f"{label}: the very long title ends in an ellipsis")
            else:
                check(not any(t.get("ellipsis") for t in titles),
                      f"{label}: the reference title is not cut")
    # rotation: the layout is in the slide's own coordinates
    r = foyer("--layout", "--size", "1920x1080", "--rotate", "90")
    check(r.returncode == 0, f"--layout --rotate 90: {r.stderr}")
    if r.returncode == 0:
        layout = json.loads(r.stdout)
        check((layout["width"], layout["height"]) == (1080, 1920),
              "--rotate 90 lays out 1080x1920")
        check_layout(layout, 1080, 1920, "--rotate 90")
    r = foyer("--layout", "--size", "1920x1080")
    if r.returncode == 0:
        texts = [b["text"] for b in json.loads(r.stdout)["boxes"] if b["kind"] == "text"]
        for want in ["Main hall", "14:50", "Now", "Next", "in 10 min", "10 min left"]:
            check(want in texts, f"the slide shows {want!r}: {texts}")


def themes(tmp):
    """A broken theme falls back to the built-in default (with file:line), and --check says
    so; a theme's logo and background image are laid out and drawn."""
    broken = os.path.join(tmp, "broken")
    os.makedirs(broken)
    with open(os.path.join(broken, "theme.conf"), "w") as f:
        f.write("[colours]\ntext = #12345\n[sizes]\ntitle = 2\n")
    out = os.path.join(tmp, "broken.png")
    r = foyer("--screenshot", out, "--theme", broken)
    check(r.returncode == 0 and os.path.exists(out),
          f"a broken theme still gives a screen: {r.stderr}")
    check("theme.conf:2:" in r.stderr and "theme.conf:4:" in r.stderr,
          f"every problem of the broken theme is logged with its line: {r.stderr}")
    check("built-in default" in r.stderr, f"the log says what is kept: {r.stderr}")
    r = foyer("--check", "--theme", broken)
    check(r.returncode == 1 and "theme.conf:2:" in r.stderr,
          f"--check reports the broken theme and exits 1: {r.returncode} {r.stderr}")
    r = foyer("--check", "--theme", "no-such-theme")
    check(r.returncode == 1 and "no-such-theme" in r.stderr,
          f"--check reports a missing theme: {r.stderr}")
    nofont = os.path.join(tmp, "nofont")
    os.makedirs(nofont)
    with open(os.path.join(nofont, "theme.conf"), "w") as f:
        f.write("[theme]\nfont = No Such Family Anywhere\n")
    r = foyer("--check", "--theme", nofont)
    check(r.returncode == 1 and "No Such Family Anywhere" in r.stderr,
          f"--check says the theme's font is not installed: {r.stderr}")
    out = os.path.join(tmp, "nofont.png")
    r = foyer("--screenshot", out, "--theme", nofont)
    check(r.returncode == 0 and "not installed" in r.stderr,
          f"a missing font is drawn with a substitute, and logged: {r.stderr}")
    for theme in THEMES:
        r = foyer("--check", "--theme", theme)
        check(r.returncode == 0, f"--check passes the shipped theme {theme}: {r.stderr}")

    images = os.path.join(DATA, "theme-images")
    r = foyer("--layout", "--theme", images)
    check(r.returncode == 0, f"--layout with images: {r.stderr}")
    if r.returncode == 0:
        layout = json.loads(r.stdout)
        kinds = {b.get("image") for b in layout["boxes"] if b["kind"] == "image"}
        check(kinds == {"logo", "background"}, f"logo and background are laid out: {kinds}")
        logo = [b for b in layout["boxes"] if b.get("image") == "logo"][0]
        check(abs(logo["w"] / logo["h"] - 3) < 0.1, f"the logo keeps its 3:1 shape: {logo}")
        check_layout(layout, 1920, 1080, "theme with images")
    out = os.path.join(tmp, "images.png")
    r = foyer("--screenshot", out, "--theme", images, "--size", "1280x720")
    check(r.returncode == 0, f"--screenshot with images: {r.stderr}")


def goldens(tmp):
    os.makedirs(GOLDEN, exist_ok=True)
    cases = [(f"{theme}-{w}x{h}.png", theme, w, h, AGENDA)
             for theme in THEMES for (w, h) in SIZES]
    # a very long title (shrunk to the floor, then cut) and a word longer than the line
    cases += [(f"long-title-{w}x{h}.png", "default", w, h, LONG_AGENDA) for (w, h) in SIZES]
    for name, theme, w, h, feed in cases:
        out = os.path.join(tmp, name)
        r = foyer("--screenshot", out, "--size", f"{w}x{h}", "--theme", theme, feed=feed)
        check(r.returncode == 0, f"golden {name}: {r.stderr}")
        if r.returncode:
            continue
        check_golden(name, out, os.path.join(GOLDEN, name), PNG_COMPARE, GOLDEN_TOLERANCE,
                     UPDATE)


def main():
    if not os.path.exists(AGENDA):
        print(f"skipped: no {AGENDA}")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        if PART == "golden":
            goldens(tmp)
        elif PART == "layout":
            layouts(tmp)
        else:
            screenshots(tmp)
            themes(tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
