#!/usr/bin/env python3
"""kill -9 of the live screen while it writes: foyer runs its live loop with no display (SDL's
offscreen driver) and a simulated clock fast enough (600x) that status.json is rewritten
several times a second, screen.png every second and the feed cache on every fetch (the
server alternates two agendas). It is killed with SIGKILL at random moments, eight times;
after each kill status.json is whole JSON, screen.png a whole PNG (signature to IEND), and the
next start reads the cached feed without calling it damaged. (test_cache kills a cache writer
in a loop at finer moments; this is the daemon as a whole.)

Usage: e2e_kill9.py FOYER
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_server  # noqa: E402
from testlib import check, summary  # noqa: E402

FOYER = sys.argv[1]
KILLS = 8


def whole_png(path):
    with open(path, "rb") as f:
        data = f.read()
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data[-8:-4] == b"IEND"


def main():
    server, port = http_server.start(lifetime=300)
    tmp = tempfile.mkdtemp(prefix="foyer-kill9-")
    cache, status_dir = os.path.join(tmp, "cache"), os.path.join(tmp, "status")
    os.makedirs(cache)
    os.makedirs(status_dir)
    modes = ",".join(["ok", "ok2"] * 12)   # a line of the config holds at most 197 bytes
    conf = os.path.join(tmp, "foyer.conf")
    with open(conf, "w") as f:
        f.write(f"[general]\ntimezone = UTC\n[feed]\n"
                f"source = http://127.0.0.1:{port}/s/kill9-{os.getpid()}/{modes}\n"
                f"cache_directory = {cache}\nrefresh = 5\nrefresh_jitter = 0\n"
                f"[status]\ndirectory = {status_dir}\nscreenshot_interval = 1\n")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    status_file = os.path.join(status_dir, "status.json")
    png_file = os.path.join(status_dir, "screen.png")
    rng = random.Random(os.getpid())
    try:
        for kill in range(KILLS):
            log = open(os.path.join(tmp, f"foyer-{kill}.log"), "w+")
            proc = subprocess.Popen([FOYER, "-c", conf, "--at", "2018-12-10T09:00", "--speed",
                                     "600", "--size", "480x270"], env=env, stdout=log,
                                    stderr=log)
            time.sleep(1.5 + rng.random() * 5)
            check(proc.poll() is None, f"kill {kill}: foyer is running when killed")
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            log.seek(0)
            err = log.read()
            check("cached copy" not in err or "ignoring" not in err,
                  f"kill {kill}: the start before read the cache as good: {err[-800:]}")
            if os.path.exists(status_file):
                try:
                    with open(status_file) as f:
                        json.load(f)
                    check(True, "status.json whole")
                except ValueError as e:
                    check(False, f"kill {kill}: status.json is whole JSON: {e}")
            if os.path.exists(png_file):
                check(whole_png(png_file), f"kill {kill}: screen.png is a whole PNG")
        check(os.path.exists(status_file) and os.path.exists(png_file),
              f"status.json and screen.png were written: {os.listdir(status_dir)}")
        caches = [n for n in os.listdir(cache) if n.endswith(".cache")]
        check(len(caches) == 1, f"one cached feed: {os.listdir(cache)}")
        # the cache as the last kill left it: whole, so a start without network shows it
        server.shutdown()
        server.server_close()
        r = subprocess.run([FOYER, "-c", conf, "--state", "--at", "2018-12-10T09:30"],
                           capture_output=True, text=True, timeout=60)
        s = json.loads(r.stdout) if r.returncode == 0 else None
        check(s is not None and s["feed"]["events"] in (2, 3) and "ignoring" not in r.stderr,
              f"after the kills the cached feed reads whole: {r.returncode} {r.stderr[-500:]}")
        left = [n for d in (cache, status_dir) for n in os.listdir(d) if ".tmp" in n]
        print(f"{KILLS} kills; temporary files left behind: {left}")
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
