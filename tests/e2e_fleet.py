#!/usr/bin/env python3
"""The fleet on loopback (issue 13): a real mosquitto broker on 127.0.0.1 (an ephemeral port,
a config, password file and ACL of the test's own, in a temporary directory: the README's
ACL), N foyer screens in their live loops (SDL's offscreen driver, a small size, a simulated
clock), each logged in as itself, and the AV desk's `foyer --push` and `foyer --screens`.

  - a config whose [mqtt] has no venue fails --check;
  - every screen comes online in its status topic, showing its now/next slide;
  - a push of an emergency reaches every screen (seen in each status): the time from the
    push to each screen is printed, p50/p99/max, for information (never asserted);
  - a push that does not check is refused with its file:line, and publishes nothing;
  - a screen's login cannot write the venue's override topic (the ACL);
  - a bad payload on one screen's topic, or one over 256 KiB, keeps its last good overrides
    and shows on its status;
  - the broker stopped and started again mid-test loses nothing: every screen comes back
    online, still in the emergency; then clearing (an empty push) restores every screen;
  - a killed screen shows offline in `foyer --screens` (the last will), the rest online;
  - screens stopped with SIGTERM say offline and exit 0.

Usage: e2e_fleet.py FOYER [SCREENS]   (default 20; FOYER_FLEET_SCREENS=100 for the big one)
"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from mqtt_broker import Broker, readme_acl, screen_config
from testlib import check, failures, summary

FOYER = sys.argv[1]
SCREENS = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("FOYER_FLEET_SCREENS", "20"))
VENUE = "test"
TIMEOUT = 30.0 + SCREENS * 1.5     # generous: sanitizer builds on a shared 2-core machine


class Observer:
    """mosquitto_sub on every status topic (as the desk); records (time, name, document)."""

    def __init__(self, broker):
        self.lock = threading.Lock()
        self.latest = {}     # name -> document
        self.log = []        # (monotonic time, name, document)
        self.proc = subprocess.Popen(
            ["stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-u", "desk",
             "-P", "pw-desk", "-q", "1", "-v", "-t", f"foyer/{VENUE}/screen/+/status"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        for line in self.proc.stdout:
            topic, _, payload = line.rstrip("\n").partition(" ")
            try:
                doc = json.loads(payload)
            except ValueError:
                continue
            name = topic.split("/")[3]
            with self.lock:
                self.latest[name] = doc
                self.log.append((time.monotonic(), name, doc))

    def wait(self, names, what, predicate):
        """Waits until predicate(doc) holds for every name's latest status."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with self.lock:
                missing = [n for n in names if not predicate(self.latest.get(n))]
            if not missing:
                return True
            time.sleep(0.05)
        check(False, f"{what}: {len(missing)} screens never did, e.g. {missing[:5]}: "
                     f"{[self.latest.get(n) for n in missing[:2]]}")
        return False

    def first_times(self, names, since, predicate):
        """When each screen's status first satisfied predicate after `since`."""
        with self.lock:
            firsts = {}
            for t, name, doc in self.log:
                if t >= since and name not in firsts and predicate(doc):
                    firsts[name] = t
        return [firsts[n] - since for n in names if n in firsts]

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def figures(what, delays):
    if not delays:
        return
    delays = sorted(delays)
    p99 = delays[min(len(delays) - 1, int(round(0.99 * (len(delays) - 1))))]
    print(f"{what}: {len(delays)} screens, push -> screen p50 {statistics.median(delays) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, last {delays[-1] * 1000:.0f} ms")


def emergency(doc):
    return bool(doc) and doc.get("online") and doc.get("slide") == "emergency"


def normal(doc):
    return bool(doc) and doc.get("online") and doc.get("slide") == "now-next"


def push(config, path, *extra):
    return subprocess.run([FOYER, "-c", config, "--push", path, *extra],
                          capture_output=True, text=True, timeout=30)


def main():
    tmp = tempfile.mkdtemp(prefix="foyer-fleet-")
    names = [f"s{i:03d}" for i in range(SCREENS)]
    broker = Broker(tmp, ["desk"] + names, acl=readme_acl(VENUE))
    screens = {}
    observer = None
    try:
        agenda = os.path.join(tmp, "agenda.csv")
        with open(agenda, "w") as f:
            f.write("id,date,start,end,room,title\n"
                    "1,2018-12-10,09:00,10:30,Main hall,Keynote\n"
                    "2,2018-12-10,11:00,12:00,Main hall,Panel\n")
        # a config whose [mqtt] cannot name topics is bad input, like any bad key
        bad_config = os.path.join(tmp, "no-venue.conf")
        with open(bad_config, "w") as f:
            f.write("[mqtt]\nhost = 127.0.0.1\n")
        r = subprocess.run([FOYER, "-c", bad_config, "--feed", agenda, "--check"],
                           capture_output=True, text=True, timeout=30)
        check(r.returncode == 1 and f"{bad_config}: [mqtt] venue" in r.stderr,
              f"[mqtt] without a venue fails --check: {r.returncode} {r.stderr}")
        broker.start()
        observer = Observer(broker)
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        env.pop("NOTIFY_SOCKET", None)
        env.pop("RUNTIME_DIRECTORY", None)
        for name in names:
            config = screen_config(tmp, broker, name, VENUE)
            screens[name] = subprocess.Popen(
                [FOYER, "-c", config, "--feed", agenda, "--room", "Main hall",
                 "--at", "2018-12-10T09:35", "--size", "160x90", "--windowed"],
                env=env, stdout=subprocess.DEVNULL,
                stderr=open(os.path.join(tmp, f"{name}.log"), "w"))
        desk = screen_config(tmp, broker, "desk", VENUE)

        # every screen online, showing now/next
        started = time.monotonic()
        if observer.wait(names, "online with now/next", normal):
            print(f"{SCREENS} screens online in {time.monotonic() - started:.1f} s")
        doc = observer.latest.get(names[0]) or {}
        check(doc.get("rooms") == ["Main hall"] and doc.get("now") == [
            {"room": "Main hall", "title": "Keynote"}], f"a status names rooms and now: {doc}")
        check(doc.get("name") == names[0] and "version" in doc and "uptime_s" in doc
              and doc.get("feed", {}).get("stale") is False, f"a status's other keys: {doc}")
        listing = subprocess.run([FOYER, "-c", desk, "--screens"], capture_output=True,
                                 text=True, timeout=30)
        rows = listing.stdout.splitlines()[1:]
        check(listing.returncode == 0 and len(rows) == SCREENS and
              all(" online " in r and "Keynote" in r for r in rows),
              f"--screens lists every screen online: {listing.stdout[:400]}{listing.stderr}")

        # a bad push is refused with file:line; nothing is published
        bad = os.path.join(tmp, "bad.conf")
        with open(bad, "w") as f:
            f.write("[emergency]\ntitle = Fire\ncolour = red\n")
        r = push(desk, bad)
        check(r.returncode == 1 and f"{bad}:3: unknown key" in r.stderr,
              f"a bad push is refused with its line: {r.returncode} {r.stderr}")

        # a screen's login cannot write the venue's topic: the ACL drops it
        own = os.path.join(tmp, f"{names[0]}.conf")
        fake = os.path.join(tmp, "fake.conf")
        with open(fake, "w") as f:
            f.write("[emergency]\ntitle = Not from the desk\n")
        push(own, fake)
        retained = subprocess.run(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-u", "desk", "-P",
             "pw-desk", "-t", f"foyer/{VENUE}/override", "-C", "1", "-W", "1"],
            capture_output=True, text=True)
        check("Not from the desk" not in retained.stdout,
              f"a screen cannot write the venue's override topic: {retained.stdout!r}")

        # the emergency reaches every screen
        fire = os.path.join(tmp, "fire.conf")
        with open(fire, "w") as f:
            f.write("[emergency]\ntitle = Evacuate\ntext = Leave by the nearest exit\n")
        t0 = time.monotonic()
        r = push(desk, fire)
        print(f"push took {time.monotonic() - t0:.3f} s")
        check(r.returncode == 0, f"the emergency is pushed: {r.stderr}")
        observer.wait(names, "the emergency on every screen", emergency)
        figures("emergency", observer.first_times(names, t0, emergency))

        # a bad payload on one screen's own topic keeps its last good and shows on its status
        subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port), "-u", "desk",
                        "-P", "pw-desk", "-q", "1", "-t",
                        f"foyer/{VENUE}/screen/{names[0]}/override", "-m", "[bogus]\n"],
                       check=True)
        observer.wait([names[0]], "a bad payload is reported",
                      lambda d: emergency(d) and d.get("error", "").startswith(
                          f"foyer/{VENUE}/screen/{names[0]}/override:1: unknown section"))
        huge = os.path.join(tmp, "huge.conf")
        with open(huge, "w") as f:
            f.write("[emergency]\ntitle = Big\ntext = " + "x" * (300 * 1024) + "\n")
        subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port), "-u", "desk",
                        "-P", "pw-desk", "-q", "1", "-t",
                        f"foyer/{VENUE}/screen/{names[1]}/override", "-f", huge], check=True)
        observer.wait([names[1]], "a payload over 256 KiB is refused",
                      lambda d: emergency(d) and "larger than 262144" in d.get("error", ""))
        for name in names[:2]:
            subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port), "-u",
                            "desk", "-P", "pw-desk", "-q", "1", "-r", "-t",
                            f"foyer/{VENUE}/screen/{name}/override", "-n"], check=True)

        # the broker stops and starts again: every screen comes back, still in the emergency
        observer.stop()
        broker.stop()
        time.sleep(1)
        broker.start()
        restarted = time.monotonic()
        observer = Observer(broker)
        observer.wait(names, "back online after the broker restart, still in the emergency",
                      lambda d: emergency(d) and d.get("uptime_s", 0) >= 0)
        back = observer.first_times(names, restarted, emergency)
        if back:
            print(f"broker restart: every screen back in {max(back):.1f} s")
        retained = subprocess.run(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-u", "desk", "-P",
             "pw-desk", "-t", f"foyer/{VENUE}/override", "-C", "1", "-W", "5"],
            capture_output=True, text=True)
        check("Evacuate" in retained.stdout, "the retained emergency survived the restart")

        # clearing restores every screen
        empty = os.path.join(tmp, "empty.conf")
        open(empty, "w").close()
        t0 = time.monotonic()
        r = push(desk, empty)
        check(r.returncode == 0 and "cleared" in r.stdout, f"an empty push clears: {r.stderr}")
        observer.wait(names, "now/next again on every screen", normal)
        figures("clear", observer.first_times(names, t0, normal))

        # a killed screen shows offline; the rest stay online
        victim = names[-1]
        screens[victim].kill()
        screens[victim].wait()
        observer.wait([victim], "the killed screen's last will",
                      lambda d: d is not None and d.get("online") is False)
        listing = subprocess.run([FOYER, "-c", desk, "--screens"], capture_output=True,
                                 text=True, timeout=30)
        lines = {l.split()[0]: l for l in listing.stdout.splitlines()[1:] if l.split()}
        check(" offline " in lines.get(victim, ""), f"--screens shows {victim} offline: "
                                                    f"{lines.get(victim)}")
        check(sum(" online " in l for l in lines.values()) == SCREENS - 1,
              f"--screens shows the others online: {listing.stdout[:300]}")

        # a clean stop says offline itself and exits 0
        for name in names[:-1]:
            screens[name].send_signal(signal.SIGTERM)
        codes = [screens[n].wait(30) for n in names[:-1]]
        check(all(c == 0 for c in codes), f"screens exit 0 on SIGTERM: {codes}")
        observer.wait(names[:-1], "offline after a clean stop",
                      lambda d: d is not None and d.get("online") is False)
    finally:
        for p in screens.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        if observer:
            observer.stop()
        broker.stop()
        if failures():
            for name in names[:3]:
                log = os.path.join(tmp, f"{name}.log")
                if os.path.exists(log):
                    print(f"--- {name}.log:\n{open(log).read()[-2000:]}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
