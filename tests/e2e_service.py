#!/usr/bin/env python3
"""e2e_service.py — the live daemon as systemd runs it, without systemd.

The test plays systemd's part: it binds the notify socket (an abstract AF_UNIX datagram
socket), starts foyer on the reference agenda with NOTIFY_SOCKET, WATCHDOG_USEC,
RUNTIME_DIRECTORY and JOURNAL_STREAM set, on SDL's offscreen video driver, and checks:
  - READY=1 and a STATUS= line arrive;
  - WATCHDOG=1 comes at about twice the rate of WATCHDOG_USEC (generous bounds), and none
    while the process is stopped (SIGSTOP: a render loop that is stuck), then again;
  - status.json (the state plus health) and a downscaled screen.png appear in the runtime
    directory, whole, with no temporary file beside them;
  - SIGHUP reloads: RELOADING=1, then READY=1 again, and the process stays up;
  - with no display (KMSDRM and no /dev/dri), READY=1 all the same, the reason in STATUS=
    and status.json, and the watchdog still pinged;
  - SIGTERM and SIGINT: STOPPING=1, exit status 0, within a second; also in the middle of
    a feed transfer that stalls, with the cached copy left whole;
  - every log line has a "<N>" priority prefix and a module name, and no timestamp.

Usage: e2e_service.py FOYER SHARED_DIR
"""
import json
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

from testlib import check, summary  # noqa: E402

FOYER, SHARED = sys.argv[1], sys.argv[2]
SEED = os.path.join(SHARED, "seed", "000_7f8daefc18f8552d.txt")
WATCHDOG_USEC = 400_000  # pings every 200 ms




class Notify:
    """systemd's end of the notify socket."""

    def __init__(self):
        self.name = f"@foyer-e2e-{os.getpid()}-{time.monotonic_ns()}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + self.name[1:])
        self.seen = []  # (monotonic time, message)

    def receive(self, timeout):
        """Every message that arrives within timeout seconds."""
        got = []
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.sock], [], [], left)
            if not ready:
                break
            message = self.sock.recv(4096).decode()
            got.append(message)
            self.seen.append((time.monotonic(), message))
        return got

    def wait_for(self, prefix, timeout):
        """The first message starting with prefix within timeout seconds, or None."""
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.sock], [], [], left)
            if not ready:
                break
            message = self.sock.recv(4096).decode()
            self.seen.append((time.monotonic(), message))
            if message.startswith(prefix):
                return message
        return None

    def count(self, message, seconds):
        return sum(1 for m in self.receive(seconds) if m == message)


def start(tmp, notify, config_extra="", source=SEED, display=True, stderr=None):
    run = os.path.join(tmp, "run")
    cache = os.path.join(tmp, "cache")
    os.makedirs(run, exist_ok=True)
    os.makedirs(cache, exist_ok=True)
    config = os.path.join(tmp, "foyer.conf")
    with open(config, "w") as f:
        f.write(f"[general]\ntimezone = Europe/London\n"
                f"[feed]\nsource = {source}\ncache_directory = {cache}\n"
                f"[status]\nscreenshot_interval = 1\nscreenshot_width = 320\n{config_extra}")
    log = open(os.path.join(tmp, "stderr.log"), "w+")
    st = os.fstat(log.fileno())
    env = dict(os.environ, NOTIFY_SOCKET=notify.name, WATCHDOG_USEC=str(WATCHDOG_USEC),
               RUNTIME_DIRECTORY=run, CACHE_DIRECTORY=cache,
               JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}",
               SDL_VIDEODRIVER="offscreen" if display else "kmsdrm")
    env.pop("WATCHDOG_PID", None)
    # Sanitizer builds: the leak checker's summary of suppressions is not a log line.
    lsan = env.get("LSAN_OPTIONS", "")
    env["LSAN_OPTIONS"] = (lsan + ":" if lsan else "") + "print_suppressions=0"
    args = ["--size", "640x360", "--windowed"] if display else []
    proc = subprocess.Popen([FOYER, "-c", config, *args, "--at", "2018-12-10T14:50"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=log if stderr is None else stderr,
                            env=env)
    return proc, run, cache, log


def stop(proc, sig, notify):
    """Sends sig; returns (seconds until exit, exit status, whether STOPPING=1 came)."""
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        status = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
    took = time.monotonic() - sent
    stopping = any(m == "STOPPING=1" for t, m in notify.seen if t >= sent - 0.01) or \
        "STOPPING=1" in notify.receive(0.2)
    return took, status, stopping


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def leftovers(*dirs):
    return [name for d in dirs for name in os.listdir(d) if ".tmp" in name]


def main_run(tmp):
    notify = Notify()
    proc, run, cache, log = start(tmp, notify)
    try:
        ready = notify.wait_for("READY=1", 20)
        check(ready is not None, "READY=1 arrives")
        if ready is None:
            return
        status = [m for _, m in notify.seen if m.startswith("STATUS=")] or \
            [notify.wait_for("STATUS=", 5)]
        check(status[0] is not None and "\n" not in status[0], f"a one-line STATUS=: {status}")
        print(f"status line: {status[0]}")

        pings = notify.count("WATCHDOG=1", 2.0)
        print(f"watchdog: {pings} pings in 2 s at WATCHDOG_USEC={WATCHDOG_USEC}")
        check(5 <= pings <= 25, f"about 10 pings in 2 s, got {pings}")

        os.kill(proc.pid, signal.SIGSTOP)
        notify.receive(0.1)  # what was on its way when it stopped
        stuck = notify.count("WATCHDOG=1", 1.0)
        print(f"watchdog: {stuck} pings in 1 s while stopped")
        check(stuck == 0, f"no pings from a stopped loop, got {stuck}")
        os.kill(proc.pid, signal.SIGCONT)
        check(notify.count("WATCHDOG=1", 1.0) >= 1, "pings again once it runs")

        status_path = os.path.join(run, "status.json")
        screen_path = os.path.join(run, "screen.png")
        end = time.monotonic() + 10
        while time.monotonic() < end and not (os.path.exists(status_path) and
                                              os.path.exists(screen_path)):
            notify.receive(0.2)
        check(os.path.exists(status_path), "status.json in the runtime directory")
        check(os.path.exists(screen_path), "screen.png in the runtime directory")
        if os.path.exists(status_path):
            with open(status_path) as f:
                doc = json.load(f)
            check(doc.get("rooms") and doc["rooms"][0]["now"] and
                  doc["rooms"][0]["now"][0]["title"] == "Welcome and introduction",
                  "status.json has the state")
            for key in ("version", "started", "uptime_s", "display", "fetch"):
                check(key in doc, f"status.json has {key}")
            check(doc.get("display", {}).get("up") is True, "the display is up")
        if os.path.exists(screen_path):
            size = png_size(screen_path)
            check(size == (320, 180), f"screen.png is 320x180, got {size}")

        os.kill(proc.pid, signal.SIGHUP)
        reloading = notify.wait_for("RELOADING=1", 5)
        check(reloading is not None, "SIGHUP: RELOADING=1")
        check(notify.wait_for("READY=1", 5) is not None, "READY=1 after the reload")
        check(proc.poll() is None, "still running after SIGHUP")

        # A config with a mistake: logged, the running one kept, ready again.
        config = os.path.join(tmp, "foyer.conf")
        with open(config) as f:
            good = f.read()
        with open(config, "a") as f:
            f.write("[screen]\nrotate = 45\n")
        os.kill(proc.pid, signal.SIGHUP)
        check(notify.wait_for("RELOADING=1", 5) is not None, "bad config: RELOADING=1")
        check(notify.wait_for("READY=1", 5) is not None, "bad config: READY=1, kept running")
        check(proc.poll() is None, "bad config: still running")

        # A changed, good config: foyer re-executes itself in place (same pid) to apply it.
        with open(config, "w") as f:
            f.write(good.replace("screenshot_width = 320", "screenshot_width = 160"))
        os.remove(os.path.join(run, "screen.png"))
        os.kill(proc.pid, signal.SIGHUP)
        check(notify.wait_for("RELOADING=1", 5) is not None, "new config: RELOADING=1")
        check(notify.wait_for("READY=1", 20) is not None, "new config: READY=1 again")
        check(proc.poll() is None, "new config: the same process runs on")
        # (a SIGHUP soon after another is folded into a reload a moment later, so the old
        # process may still write a screenshot or two before it re-executes)
        end = time.monotonic() + 10
        size = None
        while time.monotonic() < end and size != (160, 90):
            notify.receive(0.2)
            size = png_size(screen_path) if os.path.exists(screen_path) else None
        check(size == (160, 90), f"new config applied: screen.png is 160x90, got {size}")
        check(notify.count("WATCHDOG=1", 1.0) >= 2, "the watchdog pings after the restart")

        # The box renamed (the file `screen` beside the config, as an installer writes
        # /etc/foyer/screen): SIGHUP restarts in place and the box takes its new section.
        with open(config, "a") as f:
            f.write('[screen "hall-b"]\nroom = Room B\n')
        os.kill(proc.pid, signal.SIGHUP)
        check(notify.wait_for("READY=1", 20) is not None, "new section: READY=1 again")
        with open(os.path.join(tmp, "screen"), "w") as f:
            f.write("hall-b\n")
        os.kill(proc.pid, signal.SIGHUP)
        check(notify.wait_for("RELOADING=1", 5) is not None, "renamed: RELOADING=1")
        end = time.monotonic() + 20
        named = None
        while time.monotonic() < end and named != "hall-b":
            notify.receive(0.2)
            try:
                with open(status_path) as f:
                    named = json.load(f).get("screen", {}).get("section")
            except (OSError, ValueError):
                named = None
        check(named == "hall-b", f"renamed: status.json's screen section is hall-b, got {named!r}")
        check(proc.poll() is None, "renamed: the same process runs on")

        took, code, stopping = stop(proc, signal.SIGTERM, notify)
        print(f"SIGTERM: exit {code} after {took:.2f} s")
        check(code == 0, f"SIGTERM: exit status 0, got {code}")
        check(took < 1.0, f"SIGTERM: stopped within a second, took {took:.2f} s")
        check(stopping, "SIGTERM: STOPPING=1")
        check(leftovers(run, cache) == [], f"no temporary files: {leftovers(run, cache)}")

        log.seek(0)
        lines = [line.rstrip("\n") for line in log if line.strip()]
        check(lines, "it logged something")
        for line in lines:
            check(re.match(r"<[0-7]>[^ :][^:]*: \S", line) is not None,
                  f"a journald line with a priority and a module: {line!r}")
            check(re.search(r"\b\d\d:\d\d:\d\d\b", line.split(": ", 1)[0]) is None,
                  f"no timestamp: {line!r}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def sigint_run(tmp):
    notify = Notify()
    proc, run, cache, log = start(tmp, notify)
    try:
        check(notify.wait_for("READY=1", 20) is not None, "SIGINT run: READY=1")
        took, code, stopping = stop(proc, signal.SIGINT, notify)
        print(f"SIGINT: exit {code} after {took:.2f} s")
        check(code == 0, f"SIGINT: exit status 0, got {code}")
        check(took < 1.0, f"SIGINT: stopped within a second, took {took:.2f} s")
        check(stopping, "SIGINT: STOPPING=1")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def no_display_run(tmp):
    """No monitor (KMSDRM with no DRM device here): foyer is up and retrying, so it is
    ready, says why in STATUS= and status.json, and the loop keeps pinging the watchdog."""
    notify = Notify()
    proc, run, cache, log = start(tmp, notify, display=False)
    try:
        check(notify.wait_for("READY=1", 20) is not None, "no display: READY=1 all the same")
        status = [m for _, m in notify.seen if m.startswith("STATUS=")] or \
            [notify.wait_for("STATUS=", 5)]
        check(status[0] is not None and "no display" in status[0],
              f"no display: STATUS= says so: {status}")
        pings = notify.count("WATCHDOG=1", 1.0)
        check(pings >= 2, f"no display: the loop still pings, {pings} in 1 s")
        status_path = os.path.join(run, "status.json")
        if os.path.exists(status_path):
            with open(status_path) as f:
                display = json.load(f).get("display", {})
            check(display.get("up") is False and display.get("error"),
                  f"no display: status.json says why: {display}")
        else:
            check(False, "no display: status.json written")
        check(not os.path.exists(os.path.join(run, "screen.png")), "no display: no screenshot")
        took, code, stopping = stop(proc, signal.SIGTERM, notify)
        check(code == 0 and took < 1.0, f"no display: SIGTERM, exit {code} after {took:.2f} s")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def sigterm_mid_transfer(tmp):
    """SIGTERM while the fetch worker is inside a transfer that stalls: out within a second,
    and the cached copy of the feed's last good version intact, no temporary file."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import http_server
    server, port = http_server.start(lifetime=60)
    notify = Notify()
    url = f"http://127.0.0.1:{port}/s/e2e-service-{os.getpid()}/ok,stall"
    proc, run, cache, log = start(tmp, notify, source=url)
    try:
        check(notify.wait_for("READY=1", 20) is not None, "URL feed: READY=1")

        def cached():
            for name in os.listdir(cache):
                with open(os.path.join(cache, name), "rb") as f:
                    if b"Keynote" in f.read():
                        return name
            return None
        end = time.monotonic() + 15
        while time.monotonic() < end and not cached():
            notify.receive(0.2)
        check(cached() is not None, "the first fetch is cached")
        # SIGHUP with the config unchanged fetches again now: this time the server stalls
        # half-way through the body.
        os.kill(proc.pid, signal.SIGHUP)
        check(notify.wait_for("READY=1", 5) is not None, "URL feed: ready after SIGHUP")
        notify.receive(1.0)
        took, code, stopping = stop(proc, signal.SIGTERM, notify)
        print(f"SIGTERM in a stalled transfer: exit {code} after {took:.2f} s")
        check(code == 0, f"mid-transfer SIGTERM: exit status 0, got {code}")
        check(took < 1.0, f"mid-transfer SIGTERM: stopped within a second, took {took:.2f} s")
        check(stopping, "mid-transfer SIGTERM: STOPPING=1")
        check(cached() is not None, "the cached copy is intact")
        check(leftovers(run, cache) == [], f"no temporary files: {leftovers(run, cache)}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        server.shutdown()


def signals_run(tmp):
    """SIGPIPE, and a log line written to a pipe whose reader has gone (journald restarted),
    do not end foyer; 50 SIGHUPs in a second are folded into a reload or two, not 50 fetches."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import http_server
    server, port = http_server.start(lifetime=90)
    path = f"/s/e2e-hup-{os.getpid()}/ok"
    notify = Notify()
    reader, writer = os.pipe()
    os.close(reader)  # every log line now meets a pipe with no reader
    proc, run, cache, log = start(tmp, notify, source=f"http://127.0.0.1:{port}{path}",
                                  stderr=writer)
    os.close(writer)
    try:
        check(notify.wait_for("READY=1", 20) is not None, "signals: READY=1")

        def fetches():
            with http_server._lock:
                return http_server._counters.get(path, 0)
        end = time.monotonic() + 15
        while time.monotonic() < end and fetches() == 0:
            notify.receive(0.2)
        check(fetches() == 1, f"signals: the feed is fetched once at start, got {fetches()}")

        os.kill(proc.pid, signal.SIGPIPE)
        check(notify.count("WATCHDOG=1", 1.0) >= 1 and proc.poll() is None,
              f"SIGPIPE: still running (exit {proc.poll()})")
        # each SIGHUP logs "reloading": to the pipe without a reader
        before = fetches()
        sent = time.monotonic()
        for _ in range(50):
            os.kill(proc.pid, signal.SIGHUP)
            time.sleep(0.02)
        # at most one reload a second: the first at once, then one per second of SIGHUPs
        most = int(time.monotonic() - sent) + 2
        # the last folded reload is due a second after the one before it; then quiet
        end = time.monotonic() + 15
        last, quiet_since = fetches(), time.monotonic()
        while time.monotonic() < end and (fetches() == before or
                                          time.monotonic() - quiet_since < 3):
            notify.receive(0.2)
            if fetches() != last:
                last, quiet_since = fetches(), time.monotonic()
        made = fetches() - before
        print(f"50 SIGHUPs in a second: {made} fetches (at most {most})")
        check(1 <= made <= most, f"50 SIGHUPs in a second: 1 to {most} fetches, got {made}")
        check(proc.poll() is None, f"log lines to a pipe without a reader: still running "
              f"(exit {proc.poll()})")
        took, code, stopping = stop(proc, signal.SIGTERM, notify)
        check(code == 0, f"signals: SIGTERM exits 0, got {code}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        server.shutdown()


if not os.path.exists(SEED):
    print(f"skipped: no reference agenda at {SEED}")
    sys.exit(77)
with tempfile.TemporaryDirectory(prefix="foyer-e2e-service-") as tmp:
    runs = [("term", main_run), ("int", sigint_run), ("transfer", sigterm_mid_transfer),
            ("signals", signals_run)]
    if not os.path.exists("/dev/dri"):
        runs.append(("nodisplay", no_display_run))
    else:
        print("skipped the no-display run: this machine has /dev/dri")
    for name, run_test in runs:
        os.makedirs(os.path.join(tmp, name))
        run_test(os.path.join(tmp, name))
sys.exit(summary())
