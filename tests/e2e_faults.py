#!/usr/bin/env python3
"""e2e_faults.py — faults a campaign found in the live daemon, each through the real binary:
  - display: DISPLAY naming an X server that is not there is "no display" (never SDL's
    offscreen fallback, which shows nothing); the X server starting later is used; the X
    server dying is "display down" with foyer still running, and it comes back up with a
    window when the server does (Xvfb on the same display number);
  - FIFOs where files belong (the feed, the override file, a cache file): refused at once
    with the file named, never waited on; on the live screen the last good overrides stay;
  - the override directory deleted and created again, or replaced by a rename: later saves
    are seen;
  - the temporary files of cache writes killed mid-way: swept at start (a live writer's
    stays).
Every wait polls with a generous overall timeout and asserts on what arrives, not on how
fast. Xvfb is needed for the display part (skipped without it, the rest still runs).

Usage: e2e_faults.py FOYER
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from testlib import check, start_xvfb, summary

FOYER = sys.argv[1]
TIMEOUT = 30.0

AGENDA = ("id,date,start,end,room,title\n"
          "1,2018-12-10,09:00,09:30,Main hall,Welcome\n"
          "42,2018-12-10,09:30,10:30,Main hall,Keynote\n")


def wait_for(what, cond, proc=None, timeout=TIMEOUT):
    """Polls cond() until it returns something true; returns it, or None (a failed check)."""
    start = time.monotonic()
    last = None
    while time.monotonic() - start < timeout:
        last = cond()
        if last:
            print(f"{what}: after {time.monotonic() - start:.2f} s")
            return last
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.05)
    check(False, what + (f" (foyer exited {proc.returncode})"
                         if proc is not None and proc.poll() is not None else ""))
    return None


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def emergency(title):
    """A state condition: the emergency with this title is shown."""
    return lambda s: (s.get("emergency") or {}).get("title") == title


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        check(False, "foyer stops within 15 s of SIGTERM")
    return proc.returncode, err


class Live:
    """foyer's live loop with status.json in tmp/status (and the given env and options)."""

    def __init__(self, tmp, env, args):
        self.status = os.path.join(tmp, "status", "status.json")
        os.makedirs(os.path.join(tmp, "status"), exist_ok=True)
        agenda = os.path.join(tmp, "agenda.csv")
        write(agenda, AGENDA)
        config = os.path.join(tmp, "foyer.conf")
        write(config, f"[status]\ndirectory = {os.path.join(tmp, 'status')}\n")
        env = dict(env)
        env.pop("NOTIFY_SOCKET", None)
        self.proc = subprocess.Popen(
            [FOYER, "-c", config, "--feed", agenda, "--timezone", "Europe/London",
             "--at", "2018-12-10T09:35", "--size", "640x360"] + args,
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def state(self):
        return read_json(self.status)

    def wait(self, what, cond):
        return wait_for(what, lambda: (lambda s: s if s and cond(s) else None)(self.state()),
                        self.proc)


# --- the display ---

def free_display_number():
    """A display number no X server uses: Xvfb picks one (-displayfd), then it is stopped."""
    xvfb, number = start_xvfb()
    if not xvfb:
        return None
    xvfb.terminate()
    xvfb.wait(timeout=10)
    return number


def display_of(s):
    return s.get("display") or {}


def live_on_x(tmp, number):
    """The live screen in a window on the X server :number (none need be there yet)."""
    env = dict(os.environ, DISPLAY=f":{number}")
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("WAYLAND_DISPLAY", None)
    return Live(tmp, env, ["--windowed"])


def display_run(tmp):
    number = free_display_number()
    if number is None:
        print("skipped the display run: Xvfb did not start")
        return
    screen = live_on_x(tmp, number)
    xvfb = None
    try:
        # No X server at DISPLAY: down, with the reason; never "up" on the offscreen driver.
        s = screen.wait("no X server: status.json says the display is down",
                        lambda s: "display" in s)
        if s:
            d = display_of(s)
            check(d.get("up") is False and d.get("error"),
                  f"no X server: display down with a reason, got {d}")
            check(d.get("driver") != "offscreen", f"no offscreen fallback: {d}")
            check(f"DISPLAY=:{number}" in (d.get("error") or ""),
                  f"no X server: the reason names DISPLAY: {d}")

        # The X server starts: the next retry opens a window on it.
        xvfb, _ = start_xvfb(number)
        check(xvfb is not None, f"Xvfb starts on :{number}")
        s = screen.wait("the X server started: the display is up on x11",
                        lambda s: display_of(s).get("up") is True)
        if s:
            check(display_of(s).get("driver") == "x11", f"on x11: {display_of(s)}")

        # The X server dies: down, foyer keeps running.
        if xvfb:
            xvfb.terminate()
            xvfb.wait(timeout=10)
            xvfb = None
        s = screen.wait("the X server died: the display is down",
                        lambda s: display_of(s).get("up") is False)
        check(screen.proc.poll() is None, "the X server died: foyer is still running")
        if s:
            check("went away" in (display_of(s).get("error") or ""),
                  f"the X server died: the reason says so: {display_of(s)}")

        # It comes back on the same display: so does the window.
        xvfb, _ = start_xvfb(number)
        check(xvfb is not None, f"Xvfb starts again on :{number}")
        s = screen.wait("the X server is back: the display is up again",
                        lambda s: display_of(s).get("up") is True)
        if s:
            check(display_of(s).get("driver") == "x11", f"back on x11: {display_of(s)}")
            check(s["rooms"] and s["rooms"][0]["now"] and
                  s["rooms"][0]["now"][0]["title"] == "Keynote",
                  "the state survived the lost display")
    finally:
        code, err = stop(screen.proc)
        if xvfb:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    check(code == 0, f"display run: SIGTERM, exit 0, got {code}: {err[-2000:]}")
    check("the display went away" in err, f"the lost display is logged: {err[-2000:]}")
    check(err.count("the display went away") == 1, "and said once")


def shutdown_run(tmp):
    """The X server and foyer stopped together, as at a shutdown: foyer is told to stop
    before it has seen the server go, so its window is torn down on a dead connection
    (SDL waits there for an UnmapNotify no server will send). It must still exit, at once."""
    xvfb, number = start_xvfb()
    if not xvfb:
        print("skipped the shutdown run: Xvfb did not start")
        return
    screen = live_on_x(tmp, number)
    try:
        screen.wait("shutdown: the display is up on x11",
                    lambda s: display_of(s).get("up") is True)
        # stopped, it cannot notice the server going; SIGTERM is waiting when it resumes
        screen.proc.send_signal(signal.SIGSTOP)
        xvfb.terminate()
        xvfb.wait(timeout=10)
        xvfb = None
        screen.proc.send_signal(signal.SIGTERM)
        screen.proc.send_signal(signal.SIGCONT)
    finally:
        code, err = stop(screen.proc)
        if xvfb:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    check(code == 0, f"shutdown: the server gone with SIGTERM, exit 0, got {code}: {err[-2000:]}")


def explicit_offscreen_run(tmp):
    """SDL_VIDEODRIVER=offscreen, asked for (as the tests do): allowed, the display is up."""
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    screen = Live(tmp, env, [])
    s = screen.wait("explicit offscreen: the display is up",
                    lambda s: display_of(s).get("up") is True)
    if s:
        check(display_of(s).get("driver") == "offscreen", f"on offscreen: {display_of(s)}")
    code, err = stop(screen.proc)
    check(code == 0, f"explicit offscreen: exit 0, got {code}: {err[-1000:]}")


# --- FIFOs where files belong ---

def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h


def closed_port():
    """A local port nothing listens on (bound to find it, then closed): connections are refused."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def one_shot(args, what, timeout=60):
    try:
        r = subprocess.run([FOYER] + args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        check(False, f"{what}: foyer did not hang (it was still running after {timeout} s)")
        return None
    return r


def fifo_runs(tmp):
    agenda = os.path.join(tmp, "agenda.csv")
    write(agenda, AGENDA)
    common = ["-c", "/dev/null", "--timezone", "Europe/London", "--at", "2018-12-10T09:35"]

    fifo = os.path.join(tmp, "feed.csv")
    os.mkfifo(fifo)
    r = one_shot(common + ["--feed", fifo, "--state"], "a FIFO as the feed")
    if r:
        check(fifo in r.stderr and "not a regular file (a FIFO)" in r.stderr,
              f"a FIFO as the feed: refused, named: {r.stderr}")

    override = os.path.join(tmp, "override.conf")
    os.mkfifo(override)
    r = one_shot(common + ["--feed", agenda, "--override", override, "--state"],
                 "a FIFO as the override file")
    if r:
        check(override in r.stderr and "not a regular file (a FIFO)" in r.stderr,
              f"a FIFO as the override file: refused, named: {r.stderr}")
        check(r.returncode == 1, f"a FIFO as the override file: exit 1 as for any bad override "
              f"file, got {r.returncode}")

    # A FIFO as the cache file of a feed whose server refuses connections.
    cache = os.path.join(tmp, "cache")
    os.mkdir(cache)
    url = f"http://127.0.0.1:{closed_port()}/agenda.csv"
    cache_file = os.path.join(cache, f"feed-{fnv1a64(url.encode()):016x}.cache")
    os.mkfifo(cache_file)
    config = os.path.join(tmp, "cache.conf")
    write(config, f"[feed]\ncache_directory = {cache}\n")
    r = one_shot(["-c", config, "--timezone", "Europe/London", "--at", "2018-12-10T09:35",
                  "--feed", url, "--state"], "a FIFO as the cache file")
    if r:
        check(cache_file in r.stderr and "not a regular file (a FIFO)" in r.stderr,
              f"a FIFO as the cache file: refused, named: {r.stderr}")


def fifo_live_run(tmp):
    """The override file replaced by a FIFO while live: the last good overrides stay."""
    override = os.path.join(tmp, "override.conf")
    screen = Live(tmp, dict(os.environ, SDL_VIDEODRIVER="offscreen"),
                  ["--override", override])
    try:
        write(override + ".tmp", "[emergency]\ntitle = Evacuate\n")
        os.rename(override + ".tmp", override)
        screen.wait("live: the emergency is shown", emergency("Evacuate"))
        os.mkfifo(override + ".fifo")
        os.rename(override + ".fifo", override)
        s = screen.wait("live: the FIFO over the override file is refused",
                        lambda s: "not a regular file" in
                        ((s.get("override") or {}).get("error") or ""))
        if s:
            check((s.get("emergency") or {}).get("title") == "Evacuate",
                  "live: the last good overrides stay")
        # Still serving: a good save after the FIFO is read.
        os.remove(override)
        write(override, "[emergency]\ntitle = All clear soon\n")
        screen.wait("live: a good save after the FIFO is read", emergency("All clear soon"))
    finally:
        code, err = stop(screen.proc)
    check(code == 0, f"FIFO live run: exit 0, got {code}: {err[-1000:]}")


# --- the override directory replaced ---

def override_dir_run(tmp):
    folder = os.path.join(tmp, "overrides")
    os.mkdir(folder)
    override = os.path.join(folder, "override.conf")
    screen = Live(tmp, dict(os.environ, SDL_VIDEODRIVER="offscreen"),
                  ["--override", override])

    try:
        screen.wait("first state", lambda s: s.get("override") is not None)
        write(override, "[emergency]\ntitle = One\n")
        screen.wait("a save in the directory is seen", emergency("One"))

        # Deleted and created again, the file written into the new directory.
        shutil.rmtree(folder)
        screen.wait("the directory deleted: the overrides are cleared",
                    lambda s: s.get("emergency") is None)
        os.mkdir(folder)
        write(override, "[emergency]\ntitle = Two\n")
        screen.wait("a save in the re-created directory is seen", emergency("Two"))
        write(override, "[emergency]\ntitle = Three\n")
        screen.wait("and the next one", emergency("Three"))

        # A new directory renamed over it (how deploy tools swap a tree in).
        fresh = folder + ".new"
        os.mkdir(fresh)
        write(os.path.join(fresh, "override.conf"), "[emergency]\ntitle = Four\n")
        os.rename(folder, folder + ".old")
        os.rename(fresh, folder)
        screen.wait("a directory renamed over it is read", emergency("Four"))
        write(override, "[emergency]\ntitle = Five\n")
        screen.wait("and saves in it are seen", emergency("Five"))
    finally:
        code, err = stop(screen.proc)
    check(code == 0, f"override directory run: exit 0, got {code}: {err[-1000:]}")


# --- cache temporaries of killed writers ---

def cache_sweep_run(tmp):
    cache = os.path.join(tmp, "sweep-cache")
    os.mkdir(cache)
    dead = subprocess.Popen(["true"])
    dead.wait()
    live = subprocess.Popen(["sleep", "600"])
    try:
        url = f"http://127.0.0.1:{closed_port()}/agenda.csv"
        name = f"feed-{fnv1a64(url.encode()):016x}.cache"
        killed = [os.path.join(cache, f".{name}.{dead.pid}.AbCd{i:02d}") for i in range(5)]
        theirs = os.path.join(cache, f".{name}.{live.pid}.LiVe01")
        for path in killed + [theirs]:
            with open(path, "wb") as f:
                f.write(b"foyer-cache 1\nurl " + url.encode() + b"\n" + b"x" * 100000)
        config = os.path.join(tmp, "sweep.conf")
        write(config, f"[feed]\ncache_directory = {cache}\n")
        r = one_shot(["-c", config, "--timezone", "Europe/London", "--at", "2018-12-10T09:35",
                      "--feed", url, "--state"], "the cache sweep")
        left = sorted(os.listdir(cache))
        check(not any(os.path.exists(p) for p in killed),
              f"the dead writers' temporary files are swept at start: {left}")
        check(os.path.exists(theirs), f"a live writer's temporary file stays: {left}")
        if r:
            check("removed 5 temporary files" in r.stderr, f"and it is logged: {r.stderr}")
    finally:
        live.kill()
        live.wait()


def main():
    runs = [("fifo", fifo_runs), ("fifo-live", fifo_live_run), ("override-dir", override_dir_run),
            ("cache-sweep", cache_sweep_run), ("offscreen", explicit_offscreen_run)]
    if shutil.which("Xvfb"):
        runs.append(("display", display_run))
        runs.append(("shutdown", shutdown_run))
    else:
        print("skipped the display run: Xvfb is not installed (apt-get install xvfb)")
    for name, run in runs:
        print(f"--- {name}")
        with tempfile.TemporaryDirectory(prefix=f"foyer-faults-{name}-") as tmp:
            run(tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
