#!/usr/bin/env python3
"""Golden images of titles in other scripts: the now/next slide (default theme, software
renderer) of an Arabic agenda, a Japanese one and one with a very long title, compared with
tests/data/golden/script-NAME-WxH.png within a small tolerance.

What they show, and what to look for when regenerating: the Arabic title joined and right to
left, right-aligned, with "2024" and "(Linux و GNOME)" in the right order; the Japanese title
broken between characters, never before 」 or 、, Korean next; the long title shrunk to its
smallest size and cut with "…" on its last line, the long German word cut between letters.

To regenerate after an intended change of the slide's look:
    FOYER_UPDATE_GOLDEN=1 ctest --test-dir build-check -R e2e_golden_scripts
then look at every script-*.png in tests/data/golden/ before committing them.

Usage: e2e_golden_scripts.py FOYER PNG_COMPARE DATA_DIR [--update-golden]
"""
import os
import subprocess
import sys
import tempfile

from testlib import check, check_golden, summary

FOYER, PNG_COMPARE, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
UPDATE = "--update-golden" in sys.argv or os.environ.get("FOYER_UPDATE_GOLDEN") == "1"
GOLDEN = os.path.join(DATA, "golden")
# a pixel differs when a channel is off by more than 24; this share of pixels may differ
TOLERANCE = 0.002
# (the very long title in portrait is e2e_golden's long-title-1080x1920.png)
CASES = [("arabic", 1920, 1080), ("japanese", 1920, 1080), ("long", 1920, 1080)]




def main():
    if subprocess.run(["fc-list"], capture_output=True, text=True).stdout.strip() == "":
        print("skipped: fontconfig finds no font at all")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        for name, w, h in CASES:
            png = f"script-{name}-{w}x{h}.png"
            out = os.path.join(tmp, png)
            r = subprocess.run([FOYER, "-c", "/dev/null", "--feed",
                                os.path.join(DATA, f"scripts-{name}.txt"),
                                "--timezone", "Europe/London", "--at", "2018-12-10T14:50",
                                "--size", f"{w}x{h}", "--screenshot", out],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 0, f"{png}: foyer exits {r.returncode}: {r.stderr}")
            if r.returncode:
                continue
            check_golden(png, out, os.path.join(GOLDEN, png), PNG_COMPARE, TOLERANCE, UPDATE)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
