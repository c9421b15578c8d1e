#!/usr/bin/env python3
"""The fleet's security (issue 13): mosquitto with TLS only, a certificate from a CA made by
openssl in a temporary directory (for the name localhost), passwords and the README's ACL.

  - a screen with `tls = yes` and `ca_file` = that CA connects; its status reaches the desk;
  - `foyer --push` over TLS reaches it;
  - without ca_file (the system's store knows no such CA) the desk refuses the broker;
  - a certificate for another name (127.0.0.1 against localhost's) is refused too;
  - a wrong password is refused, and no password appears in any output, log or command line.

Usage: e2e_fleet_tls.py FOYER
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from mqtt_broker import Broker, readme_acl, screen_config
from testlib import check, failures, summary

FOYER = sys.argv[1]
VENUE = "secure"
TIMEOUT = 60.0


def make_ca(tmp):
    """A CA and a broker certificate for DNS:localhost, signed by it."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
            "-subj", "/CN=foyer test CA")
    openssl("req", *ec, "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=localhost")
    with open(os.path.join(tmp, "san.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost\n")
    openssl("x509", "-req", "-in", "broker.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "broker.crt", "-days", "2", "-extfile", "san.ext")
    return tuple(os.path.join(tmp, n) for n in ("ca.crt", "broker.crt", "broker.key"))


def screens(config):
    return subprocess.run([FOYER, "-c", config, "--screens"], capture_output=True, text=True,
                          timeout=30)


def wait_listing(config, what, predicate):
    deadline = time.monotonic() + TIMEOUT
    r = None
    while time.monotonic() < deadline:
        r = screens(config)
        if r.returncode == 0 and predicate(r.stdout):
            return True
        time.sleep(0.2)
    check(False, f"{what}: {r and (r.stdout + r.stderr)}")
    return False


def main():
    tmp = tempfile.mkdtemp(prefix="foyer-fleet-tls-")
    screen = None
    broker = None
    try:
        ca, cert, key = make_ca(tmp)
        broker = Broker(tmp, ["desk", "s1"], acl=readme_acl(VENUE), tls=(ca, cert, key))
        broker.start()
        tls = f"tls = yes\nca_file = {ca}\n"
        desk = screen_config(tmp, broker, "desk", VENUE, host="localhost", extra=tls)
        agenda = os.path.join(tmp, "agenda.csv")
        with open(agenda, "w") as f:
            f.write("id,date,start,end,room,title\n1,2018-12-10,09:00,10:30,Main hall,Keynote\n")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        env.pop("NOTIFY_SOCKET", None)
        env.pop("RUNTIME_DIRECTORY", None)
        log = open(os.path.join(tmp, "s1.log"), "w+")
        screen = subprocess.Popen(
            [FOYER, "-c", screen_config(tmp, broker, "s1", VENUE, host="localhost", extra=tls),
             "--feed", agenda, "--at", "2018-12-10T09:35", "--size", "160x90", "--windowed"],
            env=env, stdout=subprocess.DEVNULL, stderr=log)

        wait_listing(desk, "the screen online over TLS",
                     lambda out: any(l.startswith("s1 ") and " online " in l and "now-next" in l
                                     for l in out.splitlines()))
        fire = os.path.join(tmp, "fire.conf")
        with open(fire, "w") as f:
            f.write("[emergency]\ntitle = Evacuate\n")
        r = subprocess.run([FOYER, "-c", desk, "--push", fire], capture_output=True, text=True,
                           timeout=30)
        check(r.returncode == 0, f"--push over TLS: {r.stderr}")
        wait_listing(desk, "the pushed emergency over TLS",
                     lambda out: any(l.startswith("s1 ") and "emergency" in l
                                     for l in out.splitlines()))

        outputs = [r.stdout + r.stderr]
        system_store = screen_config(tmp, broker, "desk", VENUE, host="localhost",
                                     extra="tls = yes\n")
        r = screens(system_store)
        outputs.append(r.stdout + r.stderr)
        check(r.returncode == 1 and "TLS" in r.stderr,
              f"the system's store does not know the test CA: {r.returncode} {r.stderr}")
        wrong_name = screen_config(tmp, broker, "desk", VENUE, host="127.0.0.1", extra=tls)
        r = screens(wrong_name)
        outputs.append(r.stdout + r.stderr)
        check(r.returncode == 1 and "TLS" in r.stderr,
              f"a certificate for another name is refused: {r.returncode} {r.stderr}")
        wrong_password = screen_config(tmp, broker, "desk", VENUE, host="localhost", extra=tls)
        with open(os.path.join(tmp, "desk.password"), "w") as f:
            f.write("pw-not-this-one\n")
        r = screens(wrong_password)
        outputs.append(r.stdout + r.stderr)
        check(r.returncode == 1 and "not authorised" in r.stderr.lower(),
              f"a wrong password is refused: {r.returncode} {r.stderr}")

        with open(f"/proc/{screen.pid}/cmdline", "rb") as f:
            outputs.append(f.read().decode(errors="replace"))
        screen.send_signal(signal.SIGTERM)
        check(screen.wait(30) == 0, "the screen exits 0 on SIGTERM")
        log.flush()
        with open(log.name) as f:
            outputs.append(f.read())
        check(not any("pw-" in o for o in outputs),
              "no password in any output, log or command line")
    finally:
        if screen and screen.poll() is None:
            screen.kill()
            screen.wait()
        if broker:
            broker.stop()
        if failures() and os.path.exists(os.path.join(tmp, "s1.log")):
            print(open(os.path.join(tmp, "s1.log")).read()[-3000:], file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
