#!/usr/bin/env python3
"""The live screen's wall clock jumps, backwards and forwards, as when NTP steps a Pi's clock
after boot or an operator sets it: foyer runs its live loop on the real wall clock (no --at),
with no display (SDL's offscreen driver), and tests/clockshift.c (LD_PRELOAD) adds an offset
to every wall-clock reading of that process; the test changes the offset while foyer runs.
The machine's clock is not touched, and foyer's monotonic clock, poll() timeouts and the
files' times stay the kernel's, as in a real jump.

The feed is served by tests/http_server.py; its sessions are placed around the real time of
the run ("Earlier talk" two hours before, "Now talk", "Later talk" three hours after), so the
test holds on any day. From status.json, what the AV desk reads, the test checks:

- plain: a screen without a deck shows "Later talk" after a jump forward of three hours and
  "Earlier talk" after a jump back of five (at its next wake, at most a minute away: the test
  waits for it, with a generous deadline, and prints how long it took), and systemd's status
  line gives the feed's age on the monotonic clock;
- deck: a screen with a deck of a 7 s cycle (two hours is not a multiple of it) shows the slide,
  page and rooms that `foyer --state --at` gives for the instant status.json names, which is
  the shifted clock's; outside the screen hours (a jump forward of three hours) it goes black
  and runs display_off_command, and display_on_command after the jump back;
- cache: a copy cached at the real time, read at the next start on a clock two hours behind
  (the copy's time and its file's mtime lie in the future) while the server fails, is shown,
  not called stale at first, turns stale after stale_after on the monotonic clock, and stays
  stale when the clock jumps back further; when the server answers again it is fresh;
- all: every status.json names the shifted instant, keeps the feed (3 events, no spurious
  stale), an uptime that never goes backwards, and foyer exits 0 on SIGTERM with no
  sanitizer report. Every foyer is stopped by its pid.

The three screens run at once, each with its own offset.

Usage: e2e_clockjump.py FOYER LIBCLOCKSHIFT
"""
import datetime
import json
import mmap
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_server  # noqa: E402
from testlib import check, summary  # noqa: E402

FOYER, CLOCKSHIFT = sys.argv[1], sys.argv[2]
HOUR = 3600
WAKE_DEADLINE_S = 150           # the plain screen's next wake is at most a minute away
STALE_AFTER_S = 60              # the smallest stale_after the config takes
SANITIZER_REPORTS = ("AddressSanitizer", "LeakSanitizer", "runtime error:")
# a 7 s cycle: a jump of whole hours moves the deck by 4 s (7200 % 7) or 6 s (10800 % 7)
DECK = "[deck]\nslide = now-next 3\nslide = agenda 4\n"
SESSIONS = (("Earlier talk", -2 * HOUR), ("Now talk", 0), ("Later talk", 3 * HOUR))


def agenda(real_now):
    """The plain-text feed: an hour's session around each of SESSIONS' instants (UTC)."""
    lines = []
    for title, offset in SESSIONS:
        start = datetime.datetime.fromtimestamp((real_now + offset - 1800) // 60 * 60,
                                                datetime.timezone.utc)
        end = start + datetime.timedelta(hours=1)
        lines += [start.date().isoformat(), "Room: Main hall",
                  f"{start:%H:%M} - {end:%H:%M} {title}"]
    return ("\n".join(lines) + "\n").encode()


class Clockshift:
    """The offset file clockshift.c maps: a sequence number, odd while the offset is written,
    then the offset in nanoseconds."""

    def __init__(self, path):
        self.path, self.sequence, self.offset = path, 0, 0
        with open(path, "wb") as f:
            f.write(bytes(16))
        self.file = open(path, "r+b")
        self.map = mmap.mmap(self.file.fileno(), 16)

    def set(self, seconds):
        self.sequence += 1
        self.map[0:8] = struct.pack("<Q", self.sequence)
        self.map[8:16] = struct.pack("<q", int(seconds * 1e9))
        self.sequence += 1
        self.map[0:8] = struct.pack("<Q", self.sequence)
        self.offset = seconds

    def close(self):
        self.map.close()
        self.file.close()


def instant(text):
    return datetime.datetime.fromisoformat(text).timestamp()


def now_titles(state):
    return sorted(ev["title"] for room in state.get("rooms", []) for ev in room["now"])


class Screen:
    """One live foyer on a shifted wall clock, and every status.json it wrote."""

    def __init__(self, name, folder, port, document, extra="", override=None, refresh=5,
                 stale_after=STALE_AFTER_S):
        self.name, self.folder, self.override = name, folder, override
        self.status_dir = os.path.join(folder, "status")
        self.cache_dir = os.path.join(folder, "cache")
        os.makedirs(self.status_dir)
        os.makedirs(self.cache_dir)
        self.power_log = os.path.join(folder, "power.log")
        self.config = os.path.join(folder, "foyer.conf")
        with open(self.config, "w") as f:
            f.write(f"[general]\ntimezone = UTC\ntrust_clock = yes\n"
                    f"[feed]\nsource = http://127.0.0.1:{port}/d/{document}\nformat = text\n"
                    f"refresh = {refresh}\nrefresh_jitter = 0\nretry_max = 5\n"
                    f"stale_after = {stale_after}\ncache_directory = {self.cache_dir}\n"
                    f"[screen]\ndisplay_on_command = echo on >> {self.power_log}\n"
                    f"display_off_command = echo off >> {self.power_log}\n")
            if override:
                f.write(f"override = {override}\n")
            f.write(f"[status]\ndirectory = {self.status_dir}\nscreenshot_interval = 0\n")
            f.write(extra)
        self.shift = Clockshift(os.path.join(folder, "clockshift"))
        self.states, self.proc, self.log, self.runs = [], None, None, 0
        # systemd's end of the notify socket (abstract: no file), for the status line
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify_name = f"@foyer-clockjump-{os.getpid()}-{name}"
        self.notify.bind("\0" + self.notify_name[1:])
        self.notify.setblocking(False)

    def start(self):
        self.runs += 1
        self.log = open(os.path.join(self.folder, f"foyer-{self.runs}.log"), "w+")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", LD_PRELOAD=CLOCKSHIFT,
                   CLOCKSHIFT_FILE=self.shift.path,
                   # the sanitizer's runtime is in the executable: it need not come first
                   ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1")
        env["NOTIFY_SOCKET"] = self.notify_name
        env.pop("WATCHDOG_USEC", None)
        self.proc = subprocess.Popen([FOYER, "-c", self.config, "--size", "320x180"], env=env,
                                     stdout=self.log, stderr=self.log)

    def stop(self):
        """SIGTERM, by pid; returns the log."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            check(False, f"{self.name}: foyer quits within 60 s of SIGTERM")
        check(self.proc.returncode == 0,
              f"{self.name}: foyer exits 0 on SIGTERM, got {self.proc.returncode}")
        self.log.seek(0)
        err = self.log.read()
        self.log.close()
        for report in SANITIZER_REPORTS:
            check(report not in err, f"{self.name}: no {report} report: {err[-3000:]}")
        return err

    def read(self):
        """The status.json now, remembered if it is a new one; None when there is none."""
        try:
            with open(os.path.join(self.status_dir, "status.json")) as f:
                state = json.load(f)
        except (OSError, ValueError):
            return None
        state["_run"] = self.runs
        if not self.states or self.states[-1] != state:
            self.states.append(state)
        return state

    def on_shifted_clock(self, state, slack=90):
        """Whether the state's instant is the shifted clock's (the pass that wrote it may be a
        wake ago: up to a minute)."""
        shifted = time.time() + self.shift.offset
        return shifted - slack <= instant(state["at"]) <= shifted + 5

    def wait(self, what, cond, deadline_s=WAKE_DEADLINE_S):
        """Waits for a status.json on the shifted clock for which cond holds; returns it and
        prints how long it took, or records a failure and returns None."""
        begun = time.monotonic()
        state = None
        while time.monotonic() - begun < deadline_s and self.proc.poll() is None:
            state = self.read()
            if state and self.on_shifted_clock(state) and cond(state):
                print(f"{self.name}: {what}: after {time.monotonic() - begun:.1f} s")
                return state
            time.sleep(0.2)
        check(False, f"{self.name}: {what} within {deadline_s} s (foyer "
                     f"{'running' if self.proc.poll() is None else 'exited'}); last status: "
                     f"{json.dumps(state)[:1500] if state else None}")
        return None

    def jump(self, seconds):
        print(f"{self.name}: the wall clock jumps {seconds - self.shift.offset:+d} s "
              f"(offset {seconds:+d} s)")
        self.shift.set(seconds)

    def status_lines(self):
        """The STATUS= lines foyer sent so far."""
        lines = []
        while True:
            try:
                message = self.notify.recv(4096).decode()
            except BlockingIOError:
                return lines
            lines += [part[7:] for part in message.split("\n") if part.startswith("STATUS=")]

    def power(self):
        try:
            with open(self.power_log) as f:
                return f.read().split()
        except OSError:
            return []

    def check_states(self, stale_allowed=False):
        """What every status.json said: the uptime never backwards, and from the first fetch
        on, the feed held and fresh."""
        for before, after in zip(self.states, self.states[1:]):
            if before["_run"] == after["_run"]:
                check(after["uptime_s"] >= before["uptime_s"],
                      f"{self.name}: the uptime never goes backwards: {before['uptime_s']} "
                      f"at {before['at']}, then {after['uptime_s']} at {after['at']}")
        if stale_allowed:
            return
        held = [i for i, st in enumerate(self.states) if st["feed"]["events"] == 3]
        bad = [{"at": st["at"], "feed": st["feed"], "fetch": st["fetch"]}
               for st in self.states[held[0] if held else 0:]
               if st["feed"]["events"] != 3 or st["feed"]["stale"] or not st["fetch"]["ok"]]
        check(held and not bad, f"{self.name}: the feed held and fresh: {bad[:1]}")

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.shift.close()
        self.notify.close()


def expected(screen, body_file, at):
    """`foyer --state --at AT` of the same feed, deck and override file."""
    oracle = os.path.join(screen.folder, "oracle.conf")
    if not os.path.exists(oracle):
        with open(oracle, "w") as f:
            f.write(DECK)
    args = [FOYER, "-c", oracle, "--feed", body_file, "--format", "text", "--timezone", "UTC",
            "--at", at, "--state"]
    if screen.override:
        args += ["--override", screen.override]
    r = subprocess.run(args, capture_output=True, text=True)
    check(r.returncode == 0, f"--state --at {at}: {r.stderr}")
    return json.loads(r.stdout) if r.returncode == 0 else {}


def shown(state):
    """What the screen shows, of a state."""
    return {key: state.get(key) for key in ("slide", "page", "pages", "deck", "rooms")} | {
        "on": state.get("screen", {}).get("on")}


def plain(folder, port):
    """A screen without a deck: three hours forward, then five back. It fetches
    once an hour, so nothing but its minute's wake follows the clock (and its feed stays fresh
    for hours); systemd's status line gives the feed's age, which a jump must not change."""
    s = Screen("plain", folder, port, "agenda", refresh=HOUR, stale_after=3 * HOUR)
    try:
        s.start()
        s.wait("Now talk at start", lambda st: now_titles(st) == ["Now talk"])
        lines = s.status_lines()
        for offset, title in ((3 * HOUR, "Later talk"), (-2 * HOUR, "Earlier talk")):
            s.jump(offset)
            s.wait(f"{title} at {offset:+d} s", lambda st: now_titles(st) == [title])
            lines += s.status_lines()
        s.stop()
        lines += s.status_lines()
        s.check_states()
        check(s.power() == ["on"], f"plain: the panel stays on: {s.power()}")
        check(any("now Later talk" in line for line in lines)
              and any("now Earlier talk" in line for line in lines),
              f"plain: the status line follows the clock: {lines}")
        ages = [re.search(r"feed (\d+[smhd]) old", line) for line in lines
                if "no feed yet" not in line]
        check(all(age and age.group(1)[-1] in "sm" for age in ages),
              f"plain: the status line's feed age stays that of the monotonic clock: {lines}")
    finally:
        s.close()


def deck(folder, port, body_file, real_now):
    """A screen with a deck and screen hours: the slides in step with the shifted clock, and
    the hours' power plan following it."""
    os.makedirs(folder)
    override = os.path.join(folder, "override.conf")
    hours = [datetime.datetime.fromtimestamp(real_now + h, datetime.timezone.utc)
             for h in (-3 * HOUR, HOUR)]
    with open(override, "w") as f:
        f.write(f"[screen]\nhours = {hours[0]:%H:%M}-{hours[1]:%H:%M}\n")
    s = Screen("deck", folder, port, "agenda", DECK, override)

    def in_step(what, count, turns=True):
        """count status.json files, each as --state --at its instant says; with turns, the
        deck's index changes among them."""
        seen, indexes = [], set()
        while len(seen) < count:
            state = s.wait(f"{what}, status {len(seen) + 1}",
                           lambda st: not seen or st["at"] != seen[-1]["at"], deadline_s=90)
            if not state:
                return
            seen.append(state)
            want = expected(s, body_file, state["at"])
            check(shown(state) == shown(want),
                  f"deck: {what}: the screen at {state['at']} is what --state --at says:\n"
                  f"  {json.dumps(shown(state))}\n  {json.dumps(shown(want))}")
            indexes.add(state["deck"]["index"])
        if turns:
            check(len(indexes) > 1, f"deck: {what}: the deck turns: indexes {indexes}")

    try:
        s.start()
        s.wait("the deck at start", lambda st: "deck" in st and st["screen"]["on"])
        s.jump(-2 * HOUR)
        s.wait("Earlier talk two hours back", lambda st: now_titles(st) == ["Earlier talk"])
        in_step("two hours back", 4)
        check(s.power() == ["on"], f"deck: on inside the hours: {s.power()}")
        s.jump(3 * HOUR)
        s.wait("off three hours ahead, outside the hours", lambda st: not st["screen"]["on"])
        in_step("outside the hours", 1, turns=False)
        s.wait("display_off_command run", lambda st: s.power() == ["on", "off"])
        s.jump(0)
        s.wait("on again at the real time", lambda st: st["screen"]["on"])
        in_step("back at the real time", 4)
        s.wait("display_on_command run", lambda st: s.power() == ["on", "off", "on"])
        s.stop()
        s.check_states()
    finally:
        s.close()


def cached(folder, port, real_now):
    """The feed cached at the real time, read on a clock two hours behind while the server
    fails; then the clock jumps back further, and the server answers again."""
    s = Screen("cache", folder, port, "cached", DECK)
    try:
        s.start()
        s.wait("fetched and cached", lambda st: not st["feed"]["source_status"][0]["from_cache"]
               and st["feed"]["events"] == 3 and os.listdir(s.cache_dir))
        s.stop()
        http_server.DOCUMENTS["cached"] = None          # 503 from now on
        s.jump(-2 * HOUR)
        s.states.clear()
        s.start()
        first = s.wait("the cached copy shown two hours back",
                       lambda st: st["feed"]["events"] == 3
                       and now_titles(st) == ["Earlier talk"])
        if first:
            check(first["feed"]["source_status"][0]["from_cache"],
                  f"cache: marked as from the cache: {first['feed']}")
            check(instant(first["feed"]["updated"]) > instant(first["at"]),
                  f"cache: the copy's time is in the future: {first['feed']['updated']} at "
                  f"{first['at']}")
            check(not first["feed"]["stale"], f"cache: not stale at the start: {first['feed']}")
        mtime = os.stat(os.path.join(s.cache_dir, os.listdir(s.cache_dir)[0])).st_mtime
        check(mtime > time.time() - 2 * HOUR + 60,
              f"cache: the file's mtime is in the future of the shifted clock: {mtime}")
        became = s.wait("stale after stale_after, on the monotonic clock",
                        lambda st: st["feed"]["stale"], deadline_s=STALE_AFTER_S + 90)
        s.jump(-4 * HOUR)
        s.wait("four hours back", lambda st: now_titles(st) == [])
        stale_from = s.states.index(became) if became else len(s.states)
        flips = [st["at"] for st in s.states[stale_from:] if not st["feed"]["stale"]]
        check(became and not flips, f"cache: stays stale across the jump: fresh at {flips}")
        http_server.DOCUMENTS["cached"] = agenda(real_now)
        s.jump(0)
        s.wait("fresh again at the real time once the server answers",
               lambda st: not st["feed"]["stale"] and now_titles(st) == ["Now talk"]
               and not st["feed"]["source_status"][0]["from_cache"])
        err = s.stop()
        check("showing the cached copy" in err and "ignoring the cached" not in err,
              f"cache: the cached copy read as good: {err[-1500:]}")
        check(all(st["feed"]["events"] == 3 for st in s.states),
              "cache: the agenda is held throughout")
        s.check_states(stale_allowed=True)
    finally:
        s.close()


def run(scenario, *args):
    """A scenario on its own thread: an exception is a failure, not a silent end."""
    try:
        scenario(*args)
    except Exception:
        check(False, f"{scenario.__name__}: {traceback.format_exc()}")


def main():
    if not os.path.exists(CLOCKSHIFT):
        check(False, f"no {CLOCKSHIFT}")
        return summary()
    tmp = tempfile.mkdtemp(prefix="foyer-clockjump-")
    server, port = http_server.start(lifetime=600)
    real_now = time.time()
    body = agenda(real_now)
    body_file = os.path.join(tmp, "agenda.txt")
    with open(body_file, "wb") as f:
        f.write(body)
    http_server.DOCUMENTS["agenda"] = http_server.DOCUMENTS["cached"] = body
    print(f"sessions around {datetime.datetime.fromtimestamp(real_now, datetime.timezone.utc)}:"
          f"\n{body.decode()}")
    runs = [threading.Thread(target=run, args=(plain, os.path.join(tmp, "plain"), port)),
            threading.Thread(target=run, args=(deck, os.path.join(tmp, "deck"), port,
                                               body_file, real_now)),
            threading.Thread(target=run, args=(cached, os.path.join(tmp, "cache"), port,
                                               real_now))]
    try:
        for thread in runs:
            thread.start()
        for thread in runs:
            thread.join()
    finally:
        server.shutdown()
    if summary():
        print(f"kept {tmp} for a look")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
