#!/usr/bin/env python3
"""End to end through the foyer binary with URL feeds, against tests/http_server.py on
127.0.0.1: the one-shot modes fetch once through the cache; with no network and a cache the
cached agenda shows; without an agenda foyer exits 1 with the reason; the state's feed
object reports updated, stale, error, http_status per source; the clock's trust.

Usage: e2e_fetch.py FOYER
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_server  # noqa: E402

from testlib import check, summary  # noqa: E402

FOYER = sys.argv[1]




def write_config(directory, extra="", name="foyer.conf"):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(f"[general]\ntimezone = UTC\n{extra}\n"
                f"[feed]\ncache_directory = {directory}/cache\nmax_bytes = 65536\n")
    return path


def foyer(config, *args):
    return subprocess.run([FOYER, "-c", config, *args], capture_output=True, text=True,
                          timeout=30)


def state(config, *args):
    r = foyer(config, "--state", "--at", "2018-12-10T09:30", *args)
    check(r.returncode == 0, f"--state {args} exits 0: {r.stderr}")
    return json.loads(r.stdout) if r.returncode == 0 else None


def cache_files(directory):
    return [n for n in os.listdir(os.path.join(directory, "cache")) if n.endswith(".cache")]


def read_status(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def wait_status(path, predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        s = read_status(path)
        if s and predicate(s):
            return s
        time.sleep(0.1)
    return read_status(path)


def live_screen(conf, base, tmp):
    """The live loop (offscreen): the cached agenda at once, while the network hangs;
    then the worker's agenda replaces it; SIGTERM stops it promptly even mid-transfer."""
    status_dir = os.path.join(tmp, "status")
    os.makedirs(status_dir, exist_ok=True)
    live_conf = write_config(tmp, "trust_clock = yes", "live.conf")
    with open(live_conf, "a") as f:  # [feed] is the last section
        f.write(f"refresh = 5\nrefresh_jitter = 0\n[status]\ndirectory = {status_dir}\n")
    status_file = os.path.join(status_dir, "status.json")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    for token, modes, want_events, want_cached, what in [
            ("hang", "ok2,silent", 3, True, "the cached agenda while the server never answers"),
            ("update", "ok2,ok", 2, False, "the fetched agenda replaces the cached one")]:
        url = f"{base}/s/live-{token}-{os.getpid()}/{modes}"
        s = state(conf, "--feed", url)  # the first request: agenda B, cached
        check(s and s["feed"]["events"] == 3, f"{token}: cached first")
        if os.path.exists(status_file):
            os.unlink(status_file)
        proc = subprocess.Popen([FOYER, "-c", live_conf, "--feed", url, "--size", "320x180"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        try:
            st = wait_status(status_file, lambda s: s["feed"]["events"] == want_events and
                             s["feed"]["source_status"][0]["from_cache"] == want_cached)
            check(st and st["feed"]["events"] == want_events and
                  st["feed"]["source_status"][0]["from_cache"] == want_cached,
                  f"live, {what}: {st and st['feed']}")
        finally:
            proc.terminate()
            try:
                _, err = proc.communicate(timeout=15)
                check(proc.returncode == 0, f"live {token}: SIGTERM exits 0, got "
                      f"{proc.returncode}: {err[-2000:]}")
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                check(False, f"live {token}: SIGTERM did not stop it within 15 s")


def main():
    server, port = http_server.start(lifetime=60)
    base = f"http://127.0.0.1:{port}"
    tmp = tempfile.mkdtemp(prefix="foyer-e2e-fetch-")
    os.mkdir(os.path.join(tmp, "cache"))
    conf = write_config(tmp)
    try:
        # A good URL: fetched, cached, fresh.
        s = state(conf, "--feed", f"{base}/x/etag")
        if s:
            feed = s["feed"]
            check(feed["events"] == 2, f"2 events: {feed}")
            check(feed["http_status"] == 200 and feed["error"] is None, f"200: {feed}")
            check(feed["stale"] is False and feed["updated"], f"fresh: {feed}")
            check(feed["sources"] == [f"{base}/x/etag"], "sources as given")
            check(feed["source_status"][0]["from_cache"] is False, "fetched, not cached")
            check(s["rooms"][0]["room"] == "Main hall", "the feed's room")
            check([e["title"] for e in s["rooms"][0]["now"]] == ["Opening"], f"now: {s['rooms']}")
        check(len(cache_files(tmp)) == 1, f"one cache file: {cache_files(tmp)}")

        # Again: a conditional GET, answered 304 from the cached validators.
        s = state(conf, "--feed", f"{base}/x/etag")
        if s:
            check(s["feed"]["http_status"] == 304 and s["feed"]["events"] == 2,
                  f"304 through the cache: {s['feed']}")

        # No network (a server that is gone) and a cache: the cached agenda shows.
        gone, gone_port = http_server.start(lifetime=60)
        url = f"http://127.0.0.1:{gone_port}/x/ok2"
        s = state(conf, "--feed", url)
        check(s and s["feed"]["events"] == 3, "fetched while the server was up")
        gone.shutdown()
        gone.server_close()
        r = foyer(conf, "--state", "--at", "2018-12-10T09:30", "--feed", url)
        check(r.returncode == 0, f"offline with a cache exits 0: {r.stderr}")
        check("showing the copy cached at" in r.stderr, f"says so: {r.stderr}")
        if r.returncode == 0:
            feed = json.loads(r.stdout)["feed"]
            check(feed["events"] == 3, f"the cached agenda: {feed}")
            check(feed["error"] and "connect" in feed["error"].lower(), f"error: {feed}")
            check(feed["http_status"] is None, f"no HTTP status: {feed}")
            check(feed["source_status"][0]["from_cache"] is True, "marked from the cache")
            check(feed["stale"] is False, "a copy from a moment ago is not stale yet")

        # The same cached copy, two hours old: stale.
        for name in cache_files(tmp):
            path = os.path.join(tmp, "cache", name)
            data = open(path, "rb").read()
            if f"url {url}\n".encode() in data:
                old = re.sub(rb"\nfetched (\d+)\n",
                             lambda m: b"\nfetched %d\n" % (int(m.group(1)) - 7200), data)
                open(path, "wb").write(old)
        s = state(conf, "--feed", url)
        if s:
            check(s["feed"]["stale"] is True, f"two hours old is stale: {s['feed']}")
            check(s["feed"]["events"] == 3, "still shown")
        # ... and the slide carries the offline marker (and still the agenda).
        r = foyer(conf, "--layout", "--at", "2018-12-10T09:30", "--size", "960x540",
                  "--feed", url)
        check(r.returncode == 0, f"--layout offline: {r.stderr}")
        if r.returncode == 0:
            texts = [b.get("text", "") for b in json.loads(r.stdout)["boxes"]]
            check(any("Offline" in t for t in texts), f"the stale marker: {texts}")
            check("Opening" in texts, f"the cached agenda on the slide: {texts}")
        r = foyer(conf, "--layout", "--at", "2018-12-10T09:30", "--size", "960x540",
                  "--feed", f"{base}/x/ok")
        check(r.returncode == 0 and "Offline" not in r.stdout, "a fresh feed: no marker")

        # No agenda to show: exit 1 with the reason.
        for mode, reason in [("garbage", "not an agenda"), ("404", "HTTP 404"),
                             ("tofile", "file"), ("biglength", "larger than")]:
            r = foyer(conf, "--state", "--feed", f"{base}/x/{mode}")
            check(r.returncode == 1, f"{mode}: exit 1, got {r.returncode}")
            check(reason in r.stderr and f"{base}/x/{mode}" in r.stderr,
                  f"{mode}: the reason names the URL: {r.stderr!r}")
            check(r.stdout == "", f"{mode}: no state printed")

        # --check fetches too.
        r = foyer(conf, "--check", "--feed", f"{base}/x/ok")
        check(r.returncode == 0 and "text, 2 events, 1 rooms" in r.stdout,
              f"--check a URL: {r.stdout}{r.stderr}")
        r = foyer(conf, "--check", "--feed", f"{base}/x/500")
        check(r.returncode == 1 and "HTTP 500" in r.stderr, f"--check HTTP 500: {r.stderr}")

        # A URL and a file merged: a room from each.
        agenda = os.path.join(tmp, "agenda.txt")
        with open(agenda, "w") as f:
            f.write("2018-12-10\nRoom: Hall B\n09:00 - 10:00 Talk\n")
        s = state(conf, "--feed", f"{base}/x/ok", "--feed", agenda)
        if s:
            check(s["feed"]["events"] == 3, f"merged: {s['feed']}")
            check([r["room"] for r in s["rooms"]] == ["Main hall", "Hall B"], "rooms in order")

        # The clock: --at is trusted; trust_clock = yes trusts the wall clock.
        check(s and s["clock_trusted"] is True, "--at: clock trusted")
        trusting = write_config(tmp, "trust_clock = yes", "trusting.conf")
        r = foyer(trusting, "--state", "--feed", agenda)
        check(r.returncode == 0 and json.loads(r.stdout)["clock_trusted"] is True,
              f"trust_clock = yes: {r.stdout[:200]}")
        untrusting = write_config(tmp, "trust_clock = no", "untrusting.conf")
        r = foyer(untrusting, "--state", "--feed", agenda)
        if r.returncode == 0:
            s = json.loads(r.stdout)
            if not s["clock_trusted"]:
                check(all(room["now"] == [] for room in s["rooms"]),
                      "an untrusted clock claims nothing is on now")

        live_screen(conf, base, tmp)

        # ftp:// is not a feed.
        r = foyer(conf, "--state", "--feed", "ftp://127.0.0.1/agenda.txt")
        check(r.returncode == 1 and "only http" in r.stderr, f"ftp: {r.stderr}")
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
