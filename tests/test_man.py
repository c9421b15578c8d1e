#!/usr/bin/env python3
"""test_man.py — the man pages render without groff warnings and stay in step with the code:
foyer(1) documents exactly the long options `foyer --help` lists, and foyer.conf(5) exactly
the keys config/foyer.conf lists (which a config test keeps equal to the schema table).

    test_man.py FOYER_BINARY SOURCE_DIR

Adding an option or a config key? Document it in daemon/man/foyer.1 or foyer.conf.5 too:
under `.SS "[section]"`, a `.TP` line, then `.B key`.
"""
import re
import shutil
import subprocess
import sys

from testlib import check, summary

foyer, source = sys.argv[1], sys.argv[2]
man1 = f"{source}/daemon/man/foyer.1"
man5 = f"{source}/daemon/man/foyer.conf.5"




# groff with every warning on, output thrown away: any warning is a fault in the page.
if shutil.which("groff"):
    for page in (man1, man5):
        run = subprocess.run(["groff", "-man", "-ww", "-z", "-Tutf8", page],
                             capture_output=True, text=True)
        check(run.returncode == 0 and run.stderr == "", f"groff warns on {page}: {run.stderr}")
else:
    print("skipped the groff check: groff is not installed")

# foyer(1) against --help.
help_text = subprocess.run([foyer, "--help"], capture_output=True, text=True, check=True).stdout
help_options = set(re.findall(r"(?<![\w-])--([a-z][a-z-]*)", help_text))
page1 = open(man1, encoding="utf-8").read()
man_options = set(re.findall(r"\\-\\-([a-z][a-z-]*)", page1))
check(len(help_options) >= 10, f"--help lists only {sorted(help_options)}")
for option in sorted(help_options - man_options):
    check(False, f"--{option} is in `foyer --help` but not in {man1}")
for option in sorted(man_options - help_options):
    check(False, f"{man1} documents --{option}, which `foyer --help` does not list")
check(help_options <= man_options, "foyer.1 covers --help")

# foyer.conf(5) against config/foyer.conf: section.key pairs on both sides.
conf_keys = set()
section = None
for line in open(f"{source}/config/foyer.conf", encoding="utf-8"):
    line = line.strip()
    if m := re.fullmatch(r"\[([\w-]+)\]", line):
        section = m.group(1)
    elif m := re.match(r"[#;]?\s*([a-z_]+)\s*=", line):
        # "key = value" lines; a commented "# key = value" documents a key too, but prose
        # comments never have the "word =" shape at their start.
        if section and not line.startswith(("#", ";")):
            conf_keys.add(f"{section}.{m.group(1)}")
man_keys = set()
section = None
previous = ""
for line in open(man5, encoding="utf-8"):
    line = line.rstrip("\n")
    if m := re.fullmatch(r'\.SS "\[([\w-]+)\]"', line):
        section = m.group(1)
    elif line.startswith(".SH"):
        section = None
    elif section and previous in (".TP", ".TQ") and (m := re.fullmatch(r"\.B ([a-z_]+)", line)):
        man_keys.add(f"{section}.{m.group(1)}")
    previous = line
check(len(conf_keys) >= 5, f"config/foyer.conf lists only {sorted(conf_keys)}")
for key in sorted(conf_keys - man_keys):
    check(False, f"{key} is in config/foyer.conf but not in {man5}")
for key in sorted(man_keys - conf_keys):
    check(False, f"{man5} documents {key}, which config/foyer.conf does not have")

sys.exit(summary())
