#!/usr/bin/env python3
"""The soak: a live foyer under Xvfb through a three-day conference on a fast simulated clock.

A feed server of its own (127.0.0.1, an ephemeral port) serves the agenda as plain text and
changes it every few simulated minutes; at intervals it fails instead (HTTP 500, a captive
portal's page, a body cut short, a stalled transfer). Meanwhile the override file is edited
(saved by rename and in place, every fourth edit a bad one), and foyer gets SIGHUPs. With a
[deck] (when the binary reads one) the slides rotate too.

Every agenda revision has a session "Agenda revision N" in the room "Desk" that lasts the whole
day, and every override edit an announcement "Override edit K", so status.json says which feed
and which override foyer holds. At sampled instants the test reads status.json and checks:
revision N is one the server served, no older than the one before the last good body served
(a refresh may be under way); edit K is the last good edit (or the one before, just saved);
and the rooms and announcements equal `foyer --state --at AT` of the body of revision N with
edit K, AT being the status's own instant.

From /proc it samples open file descriptors, threads and RSS each second and prints them; after
the warm-up (the first quarter of the run) the last quarter's medians may exceed the second
quarter's by at most 4 fds, 1 thread and RSS_GROWTH_MIB (plus 5 %). When foyer stops (SIGTERM)
its stderr must hold no AddressSanitizer, LeakSanitizer or UBSan report.

Usage: soak.py FOYER LSAN_SUPPRESSIONS [--minutes M] [--days D] [--speed S] [--readme FILE]
  --minutes: wall-clock length (default 10); --days: simulated days (default 3); the speed
  is days * 86400 / (minutes * 60) unless given. `make check` runs a one-minute version at
  the full soak's speed (a day's morning); `make soak` the whole three days, and with
  --readme it writes its figures into FILE between the "make soak" markers when it passes.
Skipped (exit 77) when Xvfb is not installed.
"""
import argparse
import datetime
import http.server
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from testlib import check, failures, start_xvfb, summary  # noqa: E402

ZONE = "Europe/London"
FIRST_DAY = datetime.date(2018, 12, 10)
START = "2018-12-10T07:30"
ROOMS = ["Main hall", "Room 2", "Workshop"]
REVISION_EVERY_MIN = 20          # simulated minutes between agenda revisions
OVERRIDE_EVERY_S = 4.0           # wall seconds between override edits
SIGHUP_EVERY_S = 11.0
SAMPLE_EVERY_S = 3.0
# on the simulated clock: an hour of it is ~8 s at the full soak's speed
DECK = "\n[deck]\nslide = now-next 3600\nslide = rooms 1800\nslide = agenda 1800\n"
RSS_GROWTH_MIB = 4.0
FDS_GROWTH = 4
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def sessions(revision, days):
    """The sessions of one revision, in file order (the text reader numbers them so: id N is
    the N-th): (date, room, start minute, end minute, title, speaker). Each revision moves one
    session, retitles another and shifts the first of a day, so every revision shows
    differently."""
    out = []
    for d in range(days):
        day = FIRST_DAY + datetime.timedelta(days=d)
        out.append((day, "Desk", 0, 23 * 60 + 59, f"Agenda revision {revision}", None))
        for r, room in enumerate(ROOMS):
            for s in range(9):
                start = 9 * 60 + s * 60 + (revision % 4) * 5 * (s == 0)
                length = 45 + 10 * (s == revision % 9 and r == (revision // 9) % 3)
                title = f"Talk {d + 1}.{r + 1}.{s + 1}"
                if (revision + s) % 9 == r:
                    title += f" (revised {revision})"
                out.append((day, room, start, start + length, title,
                            f"Speaker {(s + revision) % 5 + 1}"))
    return out


def agenda(revision, days):
    """The plain-text agenda of one revision."""
    lines, day, room = [], None, None
    for date, where, start, end, title, speaker in sessions(revision, days):
        if date != day:
            day, room = date, None
            lines += ["", f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} "
                      f"{date.year}"]
        if where != room:
            room = where
            lines.append(f"Room: {room}")
        lines.append(f"{start // 60:02d}:{start % 60:02d} - {end // 60:02d}:{end % 60:02d} {title}")
        if speaker:
            lines.append(f"  • {speaker}, Somewhere")
    return "\n".join(lines).encode() + b"\n"


def changed_ids(history, days):
    """The ids foyer marks "changed" after reading the revisions in history in order: a
    session whose times differ from the agenda before stays changed (agenda_mark_changes)."""
    changed, before = set(), None
    for revision in history:
        now = sessions(revision, days)
        if before is not None:
            changed |= {str(i + 1) for i, (a, b) in enumerate(zip(before, now)) if a[2:4] != b[2:4]}
        before = now
    return changed


class Feed:
    """What the server serves and has served: the revision follows the simulated clock."""

    def __init__(self, folder, speed, days):
        self.folder, self.speed, self.days = folder, speed, days
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.requests = 0
        self.served = []            # revisions served whole, in order
        self.faults = {}            # fault -> count

    def revision(self):
        simulated_min = (time.monotonic() - self.started) * self.speed / 60
        return int(simulated_min // REVISION_EVERY_MIN)

    def body_file(self, revision):
        return os.path.join(self.folder, f"served-{revision}.txt")

    def next_answer(self):
        """(fault or None, revision, body) for the next request: one in ten or so fails."""
        with self.lock:
            n = self.requests
            self.requests += 1
            revision = self.revision()
            # every kind within the first minute's dozen requests, then at intervals
            fault = ("500" if n % 9 == 4 else "portal" if n % 9 == 7 else
                     "truncated" if n % 13 == 5 else "stall" if n % 17 == 2 else None)
            body = agenda(revision, self.days)
            if fault:
                self.faults[fault] = self.faults.get(fault, 0) + 1
            else:
                if not os.path.exists(self.body_file(revision)):
                    with open(self.body_file(revision), "wb") as f:
                        f.write(body)
            return fault, revision, body

    def mark_served(self, revision):
        with self.lock:
            self.served.append(revision)


def make_handler(feed):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def send(self, status, body, length=None, kind="text/plain; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            fault, revision, body = feed.next_answer()
            try:
                if fault == "500":
                    self.send(500, b"<html><body>Internal Server Error</body></html>\n",
                              kind="text/html")
                elif fault == "portal":
                    self.send(200, b"<html><head><title>Wi-Fi login</title></head>"
                                   b"<body>Please log in.</body></html>\n", kind="text/html")
                elif fault == "truncated":
                    self.send(200, body[: len(body) // 2], length=len(body))
                    self.close_connection = True
                elif fault == "stall":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[:100])
                    self.wfile.flush()
                    time.sleep(6)       # past foyer's stall_timeout
                    self.close_connection = True
                else:
                    self.send(200, body)
                    feed.mark_served(revision)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def override_text(edit, bad):
    """Edit K of the override file; a bad edit has a duration without its unit."""
    room = ROOMS[edit % len(ROOMS)]
    text = [f'[announcement "soak"]', f"text = Override edit {edit}", "",
            f'[session "{4 + edit % 20}"]', f"delay = {5 * (edit % 4)}m" if not bad else "delay = 15",
            "", f'[room "{room}"]', "full = yes", ""]
    return "\n".join(text) + "\n"


def write_override(path, text, in_place):
    if in_place:
        with open(path, "w") as f:
            f.write(text)
    else:
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)


def proc_sample(pid):
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    threads = rss_kib = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                threads = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss_kib = int(line.split()[1])
    return fds, threads, rss_kib / 1024


def deck_supported(foyer, folder):
    """Whether this foyer reads a [deck] section (the deck came later than the soak)."""
    probe = os.path.join(folder, "deck-probe.conf")
    with open(probe, "w") as f:
        f.write("[deck]\nslide = now-next 20\n")
    r = subprocess.run([foyer, "--check", "-c", probe], capture_output=True, text=True)
    return "deck" not in (r.stdout + r.stderr).lower()


def expected_state(foyer, config, body_file, override_file, at):
    r = subprocess.run([foyer, "-c", config, "--feed", body_file, "--format", "text",
                        "--timezone", ZONE, "--override", override_file, "--at", at, "--state"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr
    return json.loads(r.stdout), r.stderr


def desk_revision(state):
    for room in state.get("rooms", []):
        if room["room"] == "Desk":
            for ev in room["now"] + room["next"]:
                m = re.match(r"Agenda revision (\d+)$", ev["title"])
                if m:
                    return int(m.group(1))
    return None


def override_edit(state):
    for a in state.get("announcements", []):
        m = re.match(r"Override edit (\d+)$", a.get("text", ""))
        if m:
            return int(m.group(1))
    return None


def growth(samples, column):
    """The last quarter's median minus the second quarter's (the first is the warm-up)."""
    n = len(samples)
    second = [s[column] for s in samples[n // 4: n // 2]]
    last = [s[column] for s in samples[3 * n // 4:]]
    return statistics.median(last) - statistics.median(second), statistics.median(second)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("foyer")
    parser.add_argument("suppressions")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--speed", type=float)
    parser.add_argument("--readme")
    args = parser.parse_args()
    if not shutil.which("Xvfb"):
        print("skipped: Xvfb is not installed (apt-get install xvfb)")
        return 77
    duration = args.minutes * 60
    speed = args.speed or args.days * 86400 / duration
    folder = tempfile.mkdtemp(prefix="foyer-soak-")
    xvfb, number = start_xvfb(screen="960x540x24")
    display = f":{number}"
    if not xvfb:
        print("skipped: Xvfb did not start")
        return 77
    feed = Feed(folder, speed, args.days)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(feed))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    override = os.path.join(folder, "override.conf")
    edits = {}                      # good edit K -> its text
    edit, last_good = 0, 0
    edits[0] = override_text(0, False)
    write_override(override, edits[0], False)
    deck = deck_supported(args.foyer, folder)
    config = os.path.join(folder, "foyer.conf")
    with open(config, "w") as f:
        f.write(f"[general]\ntimezone = {ZONE}\n\n"
                f"[feed]\nsource = http://127.0.0.1:{port}/agenda.txt\nformat = text\n"
                f"refresh = 5\nrefresh_jitter = 1\nretry_max = 5\ntimeout = 4\n"
                f"stall_timeout = 2\ncache_directory = {folder}/cache\n\n"
                f"[screen]\noverride = {override}\n\n"
                f"[status]\ndirectory = {folder}\nscreenshot_interval = 5\n"
                f"screenshot_width = 240\n")
        f.write(DECK if deck else "")
    # what --state is given to say what the screen should show: the same deck, nothing else
    with open(os.path.join(folder, "check.conf"), "w") as f:
        f.write(DECK if deck else "")
    os.mkdir(os.path.join(folder, "cache"))
    print(f"soak: {args.minutes:g} min at {speed:g}x from {START} ({ZONE}), "
          f"{duration * speed / 3600:.1f} simulated hours; deck: "
          f"{'rotating' if deck else 'not in this build (now-next/rooms only)'}")

    env = dict(os.environ, DISPLAY=display,
               LSAN_OPTIONS=f"suppressions={args.suppressions}",
               # a small quarantine, so that ASan's own memory is flat after the warm-up
               ASAN_OPTIONS="detect_leaks=1:quarantine_size_mb=16")
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("WAYLAND_DISPLAY", None)
    log = open(os.path.join(folder, "foyer.log"), "w+")
    foyer = subprocess.Popen([args.foyer, "-c", config, "--at", START, "--speed", str(speed),
                              "--windowed", "--size", "960x540"], env=env,
                             stdout=log, stderr=log)
    samples, checked, sighups, bad_edits = [], 0, 0, 0
    status_file = os.path.join(folder, "status.json")
    try:
        begun = time.monotonic()
        next_sample = next_edit = begun + 1
        next_hup = begun + SIGHUP_EVERY_S
        next_check = begun + 2 * SAMPLE_EVERY_S
        edit_time = {0: begun}
        while time.monotonic() - begun < duration and foyer.poll() is None:
            now = time.monotonic()
            if now >= next_sample:
                samples.append(proc_sample(foyer.pid))
                next_sample += 1
            if now >= next_edit:
                edit += 1
                bad = edit % 4 == 0
                text = override_text(edit, bad)
                write_override(override, text, in_place=edit % 2 == 1)
                edit_time[edit] = now
                if bad:
                    bad_edits += 1
                else:
                    edits[edit] = text
                    last_good = edit
                next_edit += OVERRIDE_EVERY_S
            if now >= next_hup:
                foyer.send_signal(signal.SIGHUP)
                sighups += 1
                next_hup += SIGHUP_EVERY_S
            if now >= next_check and os.path.exists(status_file):
                checked += check_status(args.foyer, feed, folder, status_file, edits, last_good,
                                        edit_time)
                next_check += SAMPLE_EVERY_S
            time.sleep(0.1)
        check(foyer.poll() is None, f"foyer runs through the soak (exit {foyer.returncode})")
        if foyer.poll() is None:
            foyer.send_signal(signal.SIGTERM)
        try:
            foyer.wait(timeout=60)
        except subprocess.TimeoutExpired:
            foyer.kill()
            foyer.wait()
            check(False, "foyer quits within 60 s of SIGTERM")
        check(foyer.returncode == 0, f"foyer exits 0 on SIGTERM, got {foyer.returncode}")
    finally:
        if foyer.poll() is None:
            foyer.kill()
            foyer.wait()
        server.shutdown()
        xvfb.terminate()
        xvfb.wait(timeout=10)
    log.seek(0)
    err = log.read()
    for report in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        check(report not in err, f"no {report} report: {err[-3000:]}")

    print(f"feed: {feed.requests} requests, {len(feed.served)} good bodies of "
          f"{len(set(feed.served))} revisions, faults {dict(sorted(feed.faults.items()))}; "
          f"override: {edit} edits ({bad_edits} bad); {sighups} SIGHUPs; "
          f"{checked} states checked against the served feed")
    check(checked >= max(3, duration / SAMPLE_EVERY_S / 3),
          f"enough states were checked: {checked}")
    check(len(set(feed.served)) >= 3, f"foyer read several revisions: {sorted(set(feed.served))}")
    check(len(feed.faults) >= 3, f"the server failed in several ways: {feed.faults}")

    every = max(10, len(samples) // 10 // 10 * 10)
    print(f"samples (every {every} s): seconds fds threads rss_mib")
    for i in range(0, len(samples), every):
        fds, threads, rss = samples[i]
        print(f"  {i:4d} {fds:3d} {threads:3d} {rss:7.1f}")
    flat = []
    if len(samples) >= 8:
        # the bound leaves room for the few descriptors that come and go (a fetch's socket,
        # a temporary file being written)
        for column, name, bound in ((0, "fds", FDS_GROWTH), (1, "threads", 1),
                                    (2, "rss_mib", None)):
            grew, base = growth(samples, column)
            limit = bound if bound is not None else RSS_GROWTH_MIB + 0.05 * base
            print(f"{name}: {base:g} after the warm-up, {grew:+.1f} by the end (bound {limit:.1f})")
            check(grew <= limit, f"{name} flat after the warm-up: grew {grew:.1f} > {limit:.1f}")
            flat.append((name, base, grew, limit))
    if args.readme and not failures():
        write_readme(args.readme, args, speed, duration, feed, edit, bad_edits, sighups,
                     checked, samples, every, flat, deck)
    if not summary():
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"kept {folder} (foyer.log, status.json, served-*.txt)")
        return 1
    return 0


def write_readme(readme, args, speed, duration, feed, edits, bad_edits, sighups, checked,
                 samples, every, flat, deck):
    """The figures of a passing run, between README's "make soak" markers."""
    machine = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
                             capture_output=True, text=True).stdout.strip()
    rows = ["| after | fds | threads | RSS |", "|---|---|---|---|"]
    rows += [f"| {i // 60} min {i % 60:02d} s | {fds} | {threads} | {rss:.1f} MiB |"
             for i, (fds, threads, rss) in list(enumerate(samples))[::every]]
    names = {"fds": "open fds", "threads": "threads", "rss_mib": "RSS (MiB)"}
    growths = "; ".join(f"{names[n]} {base:.4g}, then {grew:+.1f} (bound {limit:.1f})"
                        for n, base, grew, limit in flat)
    kinds = {"500": "HTTP 500", "portal": "captive portal's page", "stall": "stalled transfer",
             "truncated": "body cut short"}
    text = (f"Last run: {time.strftime('%Y-%m-%d', time.gmtime())}, {args.minutes:g} minutes at "
            f"{speed:g}x ({duration * speed / 3600:.0f} simulated hours), the check build, on "
            f"{machine} ({os.cpu_count()} CPUs, shared); deck: "
            f"{'rotating' if deck else 'not in this build'}. The feed server answered "
            f"{feed.requests} requests: {len(feed.served)} good bodies of "
            f"{len(set(feed.served))} revisions and "
            + ", ".join(f"{n} × {kinds.get(k, k)}" for k, n in sorted(feed.faults.items()))
            + f"; {edits} override edits ({bad_edits} bad), {sighups} SIGHUPs; {checked} states "
            f"checked against the served feed, all equal. After the warm-up, medians of the "
            f"second quarter and the growth to the last: {growths}. No sanitizer report.")
    text = textwrap.fill(text, width=95) + "\n\n" + "\n".join(rows) + "\n"
    begin, end = "<!-- make soak: begin -->\n", "<!-- make soak: end -->\n"
    with open(readme) as f:
        content = f.read()
    if begin not in content or end not in content:
        print(f"soak: no make soak markers in {readme}")
        return
    head, rest = content.split(begin, 1)
    with open(readme, "w") as f:
        f.write(head + begin + text + end + rest.split(end, 1)[1])
    print(f"soak: figures written into {readme}")


def check_status(foyer, feed, folder, status_file, edits, last_good, edit_time):
    """Checks one status.json against the feed and override foyer must hold; 1 if checked."""
    try:
        with open(status_file) as f:
            status = json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"status.json reads as JSON: {e}")
        return 0
    with feed.lock:
        served = list(feed.served)
    revision, edit = desk_revision(status), override_edit(status)
    if revision is None or not served:
        return 0     # before the first good body (or in the minute the desk session ends)
    recent = sorted(set(served[-3:]))
    check(revision in served, f"revision {revision} was served ({served[-5:]})")
    check(revision >= recent[0], f"revision {revision} is a recent one: served {served[-5:]}")
    # a good edit saved less than two seconds ago may not be read yet
    in_force = [k for k in sorted(edits) if k <= last_good][-2:]
    fresh = time.monotonic() - edit_time.get(last_good, 0) < 2
    check(edit == last_good or (fresh and edit in in_force),
          f"the override in force is edit {edit}, the last good one is {last_good}")
    latest = max(edit_time)
    if latest != last_good and time.monotonic() - edit_time[latest] > 2:
        told = status.get("override") or {}
        check(told.get("kept_previous") is True and told.get("error"),
              f"the bad edit {latest} is reported and the previous kept: {told}")
    if edit not in edits:
        return 0
    override = os.path.join(folder, "override-check.conf")
    with open(override, "w") as f:
        f.write(edits[edit])
    expected, err = expected_state(foyer, os.path.join(folder, "check.conf"),
                                   feed.body_file(revision), override, status["at"])
    check(expected is not None, f"--state of revision {revision} at {status['at']}: {err}")
    if expected is None:
        return 0
    history = served[: len(served) - served[::-1].index(revision)]
    sticky = changed_ids(history, feed.days)
    for room in expected["rooms"]:
        for ev in room["now"] + room["next"]:
            if ev["status"] == "scheduled" and ev["id"] in sticky:
                ev["status"] = "changed"
    for key in ("rooms", "announcements", "emergency"):
        check(status.get(key) == expected.get(key),
              f"at {status['at']} (revision {revision}, edit {edit}) the status's {key} equals "
              f"--state's:\n{json.dumps(status.get(key))[:1500]}\n"
              f"{json.dumps(expected.get(key))[:1500]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
