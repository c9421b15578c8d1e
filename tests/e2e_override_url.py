#!/usr/bin/env python3
"""[screen] override_url on a live screen (issue 13): foyer runs its live loop offscreen with
a simulated clock, fetching an override document from tests/http_server.py (in this process,
on an ephemeral port) every second, and leaves status.json (the state) in a temporary
directory.

  - the document's emergency reaches the screen;
  - while the document is unchanged, every fetch is a 304 and costs nothing: no new
    overrides are taken (the log says so once);
  - the local override file wins section by section: its announcement of the same name
    replaces the URL's, the URL's emergency stays;
  - a document that does not check keeps the last good, with url:line in the state;
  - a new good document replaces it;
  - started again with the server down, the screen shows the cached last good at once.

Usage: e2e_override_url.py FOYER
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import http_server
from testlib import check, failures, summary

FOYER = sys.argv[1]
TIMEOUT = 30.0


class Screen:
    def __init__(self, tmp, url):
        self.status = os.path.join(tmp, "status", "status.json")
        os.makedirs(os.path.join(tmp, "status"), exist_ok=True)
        os.makedirs(os.path.join(tmp, "cache"), exist_ok=True)
        agenda = os.path.join(tmp, "agenda.csv")
        with open(agenda, "w") as f:
            f.write("id,date,start,end,room,title\n"
                    "1,2018-12-10,09:00,10:30,Main hall,Keynote\n")
        self.override = os.path.join(tmp, "override.conf")
        config = os.path.join(tmp, "foyer.conf")
        with open(config, "w") as f:
            f.write(f"[general]\ntimezone = Europe/London\n"
                    f"[feed]\ncache_directory = {os.path.join(tmp, 'cache')}\n"
                    f"[screen]\noverride = {self.override}\noverride_url = {url}\n"
                    f"override_refresh = 1\n"
                    f"[status]\ndirectory = {os.path.join(tmp, 'status')}\n")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        env.pop("NOTIFY_SOCKET", None)
        if os.path.exists(self.status):
            os.unlink(self.status)
        self.log = open(os.path.join(tmp, "foyer.log"), "w+")
        self.proc = subprocess.Popen(
            [FOYER, "-c", config, "--feed", agenda, "--room", "Main hall",
             "--at", "2018-12-10T09:35", "--size", "320x180", "--windowed"],
            env=env, stdout=subprocess.DEVNULL, stderr=self.log)

    def state(self):
        try:
            with open(self.status) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait(self, what, predicate):
        deadline = time.monotonic() + TIMEOUT
        state = None
        while time.monotonic() < deadline:
            state = self.state()
            if state and predicate(state):
                return state
            time.sleep(0.05)
        check(False, f"{what}: {json.dumps(state)[:600] if state else 'no status.json'}")
        return state

    def log_text(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            check(self.proc.wait(20) == 0, "foyer exits 0 on SIGTERM")
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            check(False, "foyer stops on SIGTERM")


def emergency_title(state):
    return (state.get("emergency") or {}).get("title")


def announcements(state):
    return {a["name"]: a["text"] for a in state.get("announcements", [])}


def url_error(state):
    return ((state.get("fleet") or {}).get("override_url") or {}).get("error")


def main():
    tmp = tempfile.mkdtemp(prefix="foyer-override-url-")
    server, port = http_server.start(lifetime=300)
    url = f"http://127.0.0.1:{port}/d/fleet"
    http_server.DOCUMENTS["fleet"] = (b"[emergency]\ntitle = Evacuate\n"
                                      b"[announcement \"lunch\"]\ntext = Lunch in the atrium\n")
    screen = None
    try:
        with open(os.path.join(tmp, "override.conf"), "w") as f:
            f.write("[announcement \"lunch\"]\ntext = Lunch moved to the terrace\n")
        screen = Screen(tmp, url)
        state = screen.wait("the URL's emergency on screen", lambda s: s.get("slide") == "emergency")
        check(state and emergency_title(state) == "Evacuate", f"the emergency's title: {state}")
        check(state and announcements(state) == {"lunch": "Lunch moved to the terrace"},
              f"the local file's announcement wins over the URL's: {state and announcements(state)}")

        # unchanged: 304s, and nothing new is taken
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and http_server.DOCUMENT_HITS["fleet"][304] < 3:
            time.sleep(0.1)
        hits = dict(http_server.DOCUMENT_HITS["fleet"])
        check(hits[200] == 1 and hits[304] >= 3, f"an unchanged document is a 304: {hits}")
        taken = screen.log_text().count(f"{url}: new overrides")
        check(taken == 1, f"a 304 takes nothing new: {taken} times in the log")

        # a bad document keeps the last good, with url:line
        http_server.DOCUMENTS["fleet"] = b"[emergency]\ntitle = Fire\ncolour = red\n"
        state = screen.wait("a bad document is reported",
                            lambda s: (url_error(s) or "").startswith(f"{url}:3: unknown key"))
        check(state and emergency_title(state) == "Evacuate",
              f"a bad document keeps the last good: {state and state.get('emergency')}")

        # a new good one replaces it
        http_server.DOCUMENTS["fleet"] = b"[announcement \"exit\"]\ntext = Exit by the east door\n"
        state = screen.wait("the new document in force",
                            lambda s: s.get("slide") != "emergency" and "exit" in announcements(s))
        check(state and url_error(state) is None, f"the error is gone: {state and url_error(state)}")
        screen.stop()

        # offline start: the cached last good at once
        server.shutdown()
        server.server_close()
        screen = Screen(tmp, url)
        state = screen.wait("the cached document offline", lambda s: "exit" in announcements(s))
        check(state and state.get("slide") != "emergency", "the cached copy is the last good one")
        screen.stop()
        if os.environ.get("FOYER_SHOW_LOG"):
            print(screen.log_text())
        screen = None
    finally:
        if screen and screen.proc.poll() is None:
            screen.proc.kill()
            screen.proc.wait()
        if failures() and screen:
            print(screen.log_text()[-3000:], file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
