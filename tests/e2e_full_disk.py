#!/usr/bin/env python3
"""A full disk, without root or a small file system: /dev/full for the one-shot modes' output,
and RLIMIT_FSIZE (with SIGXFSZ ignored, so a write past it fails with EFBIG as one past a full
disk fails with ENOSPC) for the live screen's files.

  - `--state`, `--layout`, `--check` and `--help` into /dev/full, and `--screenshot
    /dev/full`, exit 1 and say why, rather than claim a success;
  - the live screen (SDL's offscreen driver) whose new 20 KiB agenda cannot be cached under
    an 8 KiB limit shows it all the same, says so once in its log, leaves the good cached copy
    byte for byte and no temporary file, writes status.json (small enough), and stops
    cleanly; screen.png, which does not fit, is left out with a warning, no temporary file
    either;
  - afterwards, with the server gone, the cached copy is what `--state` shows.

Usage: e2e_full_disk.py FOYER
"""
import json
import os
import resource
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
AGENDA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "screen-agenda.txt")
LIMIT = 8192


def one_shot_into_full_disk():
    base = [FOYER, "-c", "/dev/null", "--feed", AGENDA, "--timezone", "Europe/London",
            "--at", "2018-12-10T14:50"]
    for args, what in ([["--state"], "--state"], [["--layout"], "--layout"],
                       [["--check"], "--check"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run(base + args, stdout=full, stderr=subprocess.PIPE, text=True,
                               timeout=60)
        check(r.returncode == 1 and "cannot write to standard output" in r.stderr,
              f"{what} into a full disk exits 1 and says so: {r.returncode} {r.stderr[-300:]}")
    with open("/dev/full", "w") as full:
        r = subprocess.run([FOYER, "--help"], stdout=full, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 1, f"--help into a full disk exits 1: {r.returncode}")
    r = subprocess.run(base + ["--size", "320x180", "--screenshot", "/dev/full"],
                       capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, SDL_VIDEODRIVER="offscreen"))
    check(r.returncode == 1 and "/dev/full: No space left on device" in r.stderr,
          f"--screenshot /dev/full exits 1 naming it: {r.returncode} {r.stderr[-300:]}")


def limit_file_size():
    """In the child: writes past LIMIT bytes fail (EFBIG) instead of killing it (SIGXFSZ)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def leftovers(directory):
    return [n for n in os.listdir(directory) if ".tmp" in n]


def read_status(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def live_screen_on_a_full_disk(tmp, server, port):
    cache = os.path.join(tmp, "cache")
    status_dir = os.path.join(tmp, "status")
    os.makedirs(cache)
    os.makedirs(status_dir)
    url = f"http://127.0.0.1:{port}/s/full-{os.getpid()}/ok,okbig"
    conf = os.path.join(tmp, "foyer.conf")
    with open(conf, "w") as f:
        f.write(f"[general]\ntimezone = UTC\n[feed]\nsource = {url}\ncache_directory = {cache}\n"
                f"refresh = 5\nrefresh_jitter = 0\n[status]\ndirectory = {status_dir}\n"
                f"screenshot_interval = 1\n")
    # the first request (agenda A) goes to the cache, which the disk still had room for
    r = subprocess.run([FOYER, "-c", conf, "--state", "--at", "2018-12-10T09:30"],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"--state caches agenda A: {r.stderr[-300:]}")
    cached = [n for n in os.listdir(cache) if n.endswith(".cache")]
    check(len(cached) == 1, f"one cached copy: {os.listdir(cache)}")
    if len(cached) != 1:
        return
    with open(os.path.join(cache, cached[0]), "rb") as f:
        good = f.read()

    log = open(os.path.join(tmp, "foyer.log"), "w+")
    proc = subprocess.Popen([FOYER, "-c", conf, "--at", "2018-12-10T09:30", "--size", "640x360"],
                            env=dict(os.environ, SDL_VIDEODRIVER="offscreen"),
                            stdout=log, stderr=log, preexec_fn=limit_file_size)
    status_file = os.path.join(status_dir, "status.json")
    try:
        deadline, status = time.monotonic() + 30, None
        while time.monotonic() < deadline and proc.poll() is None:
            status = read_status(status_file)
            if status and status["feed"]["events"] == 300:
                break
            time.sleep(0.2)
        time.sleep(2)    # a screenshot or two is tried meanwhile
        check(proc.poll() is None, "foyer keeps running on a full disk")
        check(status is not None and status["feed"]["events"] == 300,
              f"the new agenda is shown though it cannot be cached: "
              f"{status and status['feed']}")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        check(proc.returncode == 0, f"foyer stops cleanly: {proc.returncode}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log.seek(0)
    err = log.read()
    check("File too large" in err and "cache" in err,
          f"the failed cache write is logged: {err[-1500:]}")
    check("screenshot" in err or "screen.png" in err,
          f"the screenshot that did not fit is logged: {err[-1500:]}")
    with open(os.path.join(cache, cached[0]), "rb") as f:
        check(f.read() == good, "the good cached copy is left byte for byte")
    check(not leftovers(cache), f"no temporary file in the cache: {os.listdir(cache)}")
    check(not leftovers(status_dir), f"none beside status.json: {os.listdir(status_dir)}")
    check(not os.path.exists(os.path.join(status_dir, "screen.png")),
          "no screen.png that is only part of one")
    # no server any more: the cache still serves agenda A
    server.shutdown()
    server.server_close()
    r = subprocess.run([FOYER, "-c", conf, "--state", "--at", "2018-12-10T09:30"],
                       capture_output=True, text=True, timeout=60)
    s = json.loads(r.stdout) if r.returncode == 0 else None
    check(s is not None and s["feed"]["events"] == 2,
          f"the cached copy is shown when the server fails: {r.returncode} {r.stderr[-300:]}")


def main():
    one_shot_into_full_disk()
    server, port = http_server.start(lifetime=120)
    tmp = tempfile.mkdtemp(prefix="foyer-full-disk-")
    try:
        live_screen_on_a_full_disk(tmp, server, port)
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
