#!/usr/bin/env python3
"""The README's source map ("Layout of the source") against the sources: every daemon file is
in the table once, and its "may call" column is exactly the project headers that the file and
its own header include.

Usage: test_source_map.py SOURCE_DIR
"""
import os
import re
import sys

source = sys.argv[1]
daemon = os.path.join(source, "daemon")
readme = open(os.path.join(source, "README.md"), encoding="utf-8").read()

section = readme.split("## Layout of the source", 1)[1].split("\n## ", 1)[0]
table = {}
failures = []
for line in section.splitlines():
    m = re.match(r"\| `([\w.]+)` \| .* \| ([^|]*) \|$", line)
    if not m:
        continue
    name, calls = m.group(1), m.group(2).strip()
    if name in table:
        failures.append(f"{name}: listed twice")
    table[name] = set() if calls == "—" else {c.strip() for c in calls.split(",")}


def includes(path):
    if not os.path.exists(path):
        return set()
    text = open(path, encoding="utf-8").read()
    return set(re.findall(r'^#include "([\w]+)\.h"', text, re.M))


files = sorted(f for f in os.listdir(daemon) if f.endswith(".c")) + ["app.h"]
for name in files:
    if name not in table:
        failures.append(f"{name}: not in the README's source map")
        continue
    stem = name[:-2]
    found = includes(os.path.join(daemon, stem + ".c")) | includes(os.path.join(daemon, stem + ".h"))
    found.discard(stem)
    found = {"app.h" if f == "app" else f for f in found}
    if found != table[name]:
        failures.append(f"{name}: the table says it may call {sorted(table[name])}, "
                        f"it includes {sorted(found)}")
for name in table:
    if name not in files:
        failures.append(f"{name}: in the README's source map but not in daemon/")

for f in failures:
    print(f)
print(f"{len(files)} files, {len(failures)} problems")
sys.exit(1 if failures else 0)
