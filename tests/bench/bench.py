#!/usr/bin/env python3
"""bench.py — foyer beside its references, each figure the median of several runs in one run
(run by tests/bench/run.sh; nothing here passes or fails).

  bench.py BUILD SRC OUT.md [RUNS]

BUILD is a release build with -DFOYER_BENCH=ON (foyer and tests/bench/floor), SRC the source
tree; the markdown tables go to OUT.md. Measured:
  parse      `foyer --state` of FOSDEM 2020 (Pentabarf XML) and of generated frab XML feeds of
             2,000 / 20,000 / 50,000 events beside `xmllint --noout` of the same bytes: whole
             process wall time and peak RSS (GNU time's %M);
  start      exec to first frame under Xvfb at 1920x1080 with a cached feed (foyer tells
             systemd READY=1 once the first frame is on screen; the bench listens as systemd
             does), beside floor drawing one line of text into its window;
  memory     PSS of both, showing that frame, after a settle time;
  one-shot   `foyer --screenshot` of the slide beside `floor --png` writing its frame.
Needs Xvfb, xmllint (libxml2-utils) and GNU time (time).
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from testlib import start_xvfb  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE = "1920x1080"
SETTLE_S = 3


def run_measured(argv, env=None):
    """Runs argv to its end under GNU time (a child of ours would start with our own peak
    RSS): (wall seconds, peak RSS in MiB, exit status)."""
    with tempfile.NamedTemporaryFile("r") as peak:
        t0 = time.monotonic()
        code = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", peak.name] + argv, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - t0
        kib = peak.read().split()
    return wall, int(kib[-1]) / 1024 if kib else float("nan"), code


def median_of(runs, argv, env=None):
    walls, peaks = [], []
    for _ in range(runs):
        wall, peak, code = run_measured(argv, env)
        if code != 0:
            raise RuntimeError(f"{argv[0]} exited {code}: {' '.join(argv)}")
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), statistics.median(peaks)


def frab_xml(n_events):
    """A frab XML feed of n_events: days of 12 rooms, 30-minute slots, a person and an
    abstract each, like a large conference's schedule.xml."""
    rooms, per_day = 12, 12 * 24
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n<version>bench</version>\n'
           '<conference><title>Bench</title><start>2020-02-01</start>'
           f'<days>{(n_events + per_day - 1) // per_day}</days>'
           '<time_zone_name>Europe/Brussels</time_zone_name></conference>\n']
    made, day = 0, 0
    while made < n_events:
        date = f"2020-{2 + day // 28:02d}-{1 + day % 28:02d}"
        out.append(f'<day index="{day + 1}" date="{date}">\n')
        for room in range(rooms):
            out.append(f'<room name="Room {room + 1}">\n')
            for slot in range(per_day // rooms):
                if made == n_events:
                    break
                minute = 8 * 60 + slot * 30
                out.append(
                    f'<event guid="g{made}" id="{made + 1}"><date>{date}T{minute // 60:02d}:'
                    f'{minute % 60:02d}:00+01:00</date><start>{minute // 60:02d}:'
                    f'{minute % 60:02d}</start><duration>00:25</duration><room>Room {room + 1}'
                    f'</room><slug>bench-{made}</slug><title>Session {made + 1}: on '
                    f'scheduling &amp; screens</title><subtitle>Part {slot + 1}</subtitle>'
                    f'<track>Track {room % 5 + 1}</track><type>lecture</type><language>en'
                    f'</language><abstract>An abstract of a few sentences, as organisers '
                    f'write them, about session {made + 1} and what it covers.</abstract>'
                    f'<description>A longer description.</description><persons><person '
                    f'id="{made % 997}">Speaker {made % 997}</person></persons><links/>'
                    f'</event>\n')
                made += 1
            out.append('</room>\n')
        out.append('</day>\n')
        day += 1
    out.append('</schedule>\n')
    return "".join(out).encode()


def parse_rows(build, src, folder, runs):
    foyer = os.path.join(build, "foyer")
    config = os.path.join(folder, "large.conf")
    with open(config, "w") as f:
        f.write("[feed]\nmax_bytes = 33554432\n")     # the largest feed foyer takes
    feeds = []
    fosdem = os.path.join(src, "..", "shared", "feeds", "pentabarf", "fosdem-2020.xml")
    if os.path.exists(fosdem):
        with open(fosdem, "rb") as f:
            events = f.read().count(b"<event ")
        feeds.append((f"FOSDEM 2020 (Pentabarf), {events:,} events", fosdem))
    for n in (2000, 20000, 50000):
        path = os.path.join(folder, f"frab-{n}.xml")
        with open(path, "wb") as f:
            f.write(frab_xml(n))
        feeds.append((f"frab XML, {n:,} events", path))
    rows = ["| feed | size | foyer --state | xmllint --noout | ratio | foyer peak RSS | "
            "xmllint peak RSS |", "|---|---|---|---|---|---|---|"]
    # what every run of both costs before it reads a byte: loading the program and its libraries
    f_wall, f_peak = median_of(runs, [foyer, "--version"])
    x_wall, x_peak = median_of(runs, ["xmllint", "--version"])
    rows.append(f"| none (`--version`: start-up alone) | | {f_wall * 1000:.0f} ms | "
                f"{x_wall * 1000:.0f} ms | {f_wall / x_wall:.2f}× | {f_peak:.1f} MiB | "
                f"{x_peak:.1f} MiB |")
    print(rows[-1], flush=True)
    for name, path in feeds:
        f_wall, f_peak = median_of(runs, [foyer, "-c", config, "--feed", path,
                                          "--timezone", "Europe/Brussels", "--at", "2020-02-01T10:00",
                                          "--state"])
        x_wall, x_peak = median_of(runs, ["xmllint", "--noout", path])
        mib = os.path.getsize(path) / 2**20
        rows.append(f"| {name} | {mib:.1f} MiB | {f_wall * 1000:.0f} ms | {x_wall * 1000:.0f} ms "
                    f"| {f_wall / x_wall:.2f}× | {f_peak:.1f} MiB | {x_peak:.1f} MiB |")
        print(rows[-1], flush=True)
    return rows


def pss_mib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def until_shown_foyer(argv, env, folder):
    """Starts foyer with a NOTIFY_SOCKET of our own; returns (seconds to READY=1, process)."""
    path = os.path.join(folder, "notify.sock")
    if os.path.exists(path):
        os.unlink(path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(30)
    t0 = time.monotonic()
    p = subprocess.Popen(argv, env=dict(env, NOTIFY_SOCKET=path), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        while b"READY=1" not in sock.recv(4096):
            pass
    finally:
        sock.close()
    return time.monotonic() - t0, p


def until_shown_floor(argv, env):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdout.readline()
    return time.monotonic() - t0, p


def stop(p):
    p.terminate()
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def screen_rows(build, src, folder, runs):
    xvfb, number = start_xvfb(screen=SIZE + "x24")
    display = f":{number}"
    if not xvfb:
        return ["(Xvfb did not start: no start-up or memory figures)"]
    env = dict(os.environ, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("SDL_VIDEODRIVER", None)
    foyer = os.path.join(build, "foyer")
    floor = os.path.join(build, "tests", "bench", "floor")
    agenda = os.path.join(src, "config", "demo-agenda.txt")
    # a cached feed: the agenda is a file, read before the window opens
    live = [foyer, "-c", "/dev/null", "--feed", agenda, "--timezone", "Europe/London",
            "--at", "2018-12-10T14:50", "--size", SIZE, "--windowed"]
    starts = {"foyer": [], "floor": []}
    pss = {"foyer": [], "floor": []}
    try:
        for _ in range(runs):
            t, p = until_shown_foyer(live, env, folder)
            starts["foyer"].append(t)
            time.sleep(SETTLE_S)
            pss["foyer"].append(pss_mib(p.pid))
            stop(p)
            t, p = until_shown_floor([floor, "--stay", SIZE, FONT], env)
            starts["floor"].append(t)
            time.sleep(SETTLE_S)
            pss["floor"].append(pss_mib(p.pid))
            stop(p)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    shot = os.path.join(folder, "shot.png")
    f_shot, _ = median_of(runs, [foyer, "-c", "/dev/null", "--feed", agenda, "--timezone",
                                 "Europe/London", "--at", "2018-12-10T14:50", "--size", SIZE,
                                 "--screenshot", shot])
    o_shot, _ = median_of(runs, [floor, "--png", shot, SIZE, FONT])
    m = {k: statistics.median(v) for k, v in starts.items()}
    q = {k: statistics.median(v) for k, v in pss.items()}
    rows = ["| at 1920x1080 | foyer | the floor | ratio | target |", "|---|---|---|---|---|",
            f"| exec to first frame (window, cached feed) | {m['foyer'] * 1000:.0f} ms | "
            f"{m['floor'] * 1000:.0f} ms | {m['foyer'] / m['floor']:.2f}× | ≤ 2× |",
            f"| memory (PSS) showing that frame | {q['foyer']:.1f} MiB | {q['floor']:.1f} MiB | "
            f"{q['foyer'] / q['floor']:.2f}× | ≤ 24 MiB |",
            f"| `--screenshot` one-shot (exec to PNG written) | {f_shot * 1000:.0f} ms | "
            f"{o_shot * 1000:.0f} ms | {f_shot / o_shot:.2f}× | ≤ 2× |"]
    for row in rows[2:]:
        print(row, flush=True)
    return rows


def main():
    build, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    if not shutil.which("xmllint") or not os.path.exists("/usr/bin/time"):
        sys.exit("bench: xmllint or GNU time is missing (apt-get install libxml2-utils time)")
    folder = tempfile.mkdtemp(prefix="foyer-bench-")
    try:
        parse = parse_rows(build, src, folder, runs)
        screen = screen_rows(build, src, folder, runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with open(out, "w") as f:
        f.write("\n".join(parse) + "\n\n" + "\n".join(screen) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
