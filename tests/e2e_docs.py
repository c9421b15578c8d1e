#!/usr/bin/env python3
"""End to end through the foyer binary: every example file in README.md, and
config/foyer.conf, passes `foyer --check`, so the documentation cannot drift from the reader
(inifile.h) and the keys of the files.

Every ```ini fence of the README names its file in its info string (`ini foyer.conf`,
`ini override.conf` or `ini theme.conf`; a fence that does not is a failure) and is checked
alone as that file: a config with an agenda as its feed, an override file against an agenda
that holds the sessions and rooms the examples name (and all the override examples together,
as one file), a theme in a directory with the images it names. config/foyer.conf is checked
as shipped, and with its "For example:" lines uncommented. Each kind of file is also checked
with one bad line added, which --check must name by file and line.

Usage: e2e_docs.py FOYER SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

from testlib import check, summary

FOYER, SOURCE = sys.argv[1], sys.argv[2]
KINDS = ("foyer.conf", "override.conf", "theme.conf")

# The sessions and rooms the README's override examples name.
AGENDA = """id,date,start,end,room,title
1,2018-12-10,09:00,09:30,Main hall,Welcome and introduction
42,2018-12-10,09:30,10:30,Main hall,Keynote
43,2018-12-10,09:30,11:00,Room 2,"Panel one: Innovation, data and digital in frontline public services"
44,2018-12-10,10:30,11:00,Main hall,Coffee
45,2018-12-10,15:00,15:30,Main hall,Coffee
46,2018-12-10,17:00,17:30,Main hall,Closing remarks
"""


def readme_examples():
    """(kind, text, line) of every ini fence in README.md; the fence's line for messages."""
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, i = [], 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*(.*)$", lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        end = lines.index("```", i + 1)
        if m.group(1) in ("ini", "conf"):
            kind = m.group(2).strip()
            check(m.group(1) == "ini" and kind in KINDS,
                  f"README.md:{i + 1}: the fence names its file (```ini foyer.conf, "
                  f"override.conf or theme.conf): {lines[i]!r}")
            examples.append((kind, "\n".join(lines[i + 1:end]) + "\n", i + 1))
        i = end + 1
    return examples


def run(*args):
    cmd = [FOYER, "--timezone", "Europe/London", "--check", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def check_file(d, kind, text, what, bad_line=None):
    """Writes text as a file of that kind in a new directory under d and runs --check on it.
    With bad_line, that line is appended and --check must report it at its line."""
    where = tempfile.mkdtemp(dir=d)
    agenda = os.path.join(where, "agenda.csv")
    with open(agenda, "w") as f:
        f.write(AGENDA)
    if bad_line:
        text += bad_line + "\n"
    path = os.path.join(where, kind)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    if kind == "foyer.conf":
        r = run("-c", path, "--feed", agenda)
    elif kind == "override.conf":
        r = run("-c", "/dev/null", "--feed", agenda, "--override", path)
    else:
        # the images a theme names must be files in its directory
        for image in re.findall(r"^\s*(?:logo|background)\s*=\s*([^\s;]+)", text, flags=re.M):
            open(os.path.join(where, image), "wb").close()
        r = run("-c", "/dev/null", "--feed", agenda, "--theme", where)
    if bad_line:
        line = text.count("\n")
        check(r.returncode == 1 and f"{path}:{line}:" in r.stderr,
              f"{what}: a bad last line is reported at {kind}:{line}: {r.stderr}")
    else:
        check(r.returncode == 0 and path not in r.stderr, f"{what} passes --check: {r.stderr}")


def main():
    examples = readme_examples()
    counts = {kind: sum(1 for k, _, _ in examples if k == kind) for kind in KINDS}
    check(counts["foyer.conf"] >= 3 and counts["override.conf"] >= 5 and counts["theme.conf"] >= 1,
          f"the README's examples are found: {counts}")
    with tempfile.TemporaryDirectory() as d:
        for kind, text, line in examples:
            if kind in KINDS:
                check_file(d, kind, text, f"README.md:{line} ({kind})")
        overrides = "\n".join(text for kind, text, _ in examples if kind == "override.conf")
        check_file(d, "override.conf", overrides, "the README's override examples as one file")
        for kind in ("[emergency]", "[announcement ", "[session ", "[room ", "[screen]"):
            check(kind in overrides, f"the README has an override example of {kind}")

        with open(os.path.join(SOURCE, "config", "foyer.conf"), encoding="utf-8") as f:
            shipped = f.read()
        check_file(d, "foyer.conf", shipped, "config/foyer.conf")
        uncommented, n = re.subn(r"^#.*For example:\s+(\w+ = .*)$", r"\1", shipped, flags=re.M)
        check(n >= 1, "config/foyer.conf has its examples")
        check_file(d, "foyer.conf", uncommented, "config/foyer.conf with its examples")

        # --check reads the file it is given: one bad line each, named by file and line
        check_file(d, "foyer.conf", shipped, "config/foyer.conf", bad_line="colour = red")
        check_file(d, "override.conf", overrides, "the override examples", bad_line="[sesion \"x\"]")
        theme = next(text for kind, text, _ in examples if kind == "theme.conf")
        check_file(d, "theme.conf", theme, "the theme example", bad_line="  continued")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
