#!/usr/bin/env python3
"""vm_test.py — `make vm-test`: foyer's .deb on a real Debian 12 boot in QEMU, on a virtio GPU
through KMSDRM, seen on the guest's screen.

    tests/vm/vm_test.py BUILD_DIR        (after tests/vm/build-image.sh BUILD_DIR/foyer_*.deb
                                          BUILD_DIR/vm)

Two boots of the image, each packed from BUILD_DIR/vm/root with mke2fs -d after the boot's
config is written into it, booted with -kernel/-initrd, no network, the serial console to
BUILD_DIR/vm/console-NAME.log:

  online   a feed file for today in /etc/foyer, the venue zone, trust_clock = yes. Checks the
           unit (active, user foyer and its groups, tty1 taken from getty, the display up with
           the kmsdrm driver), the screen (a QMP screendump against foyer --screenshot of the
           same moment on the host, same feed, same size), the timings, and the watchdog for
           real: kill -STOP, then systemd restarts it and the slide is back.
  offline  a URL feed nobody answers and the cached copy the host's foyer fetched from the
           same URL: the cached agenda is on screen.

The guest is reached through a virtio-serial port (tests/vm/agent.sh answers shell command
lines), its screen through the QMP monitor. Everything started is stopped by pid; all files
stay in BUILD_DIR/vm. Prints and writes BUILD_DIR/vm/report.txt and BUILD_DIR/vm/screen.png.
"""
import datetime
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from testlib import check, summary  # noqa: E402

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
OUT = os.path.join(BUILD, "vm")
ROOT = os.path.join(OUT, "root")
FOYER = os.path.join(BUILD, "foyer")
PNG_COMPARE = os.path.join(BUILD, "tests", "png_compare")

ZONE = "Europe/Berlin"
ROOM = "Main hall"
WIDTH, HEIGHT = 1920, 1080
BOOT_LIMIT_S = int(os.environ.get("VM_BOOT_LIMIT", "900"))	# to foyer active, TCG included
WATCHDOG_S = 30			# the unit's WatchdogSec=
WATCHDOG_MARGIN_S = 45		# RestartSec=2s, the abort's TimeoutStopSec=5s, a slow start
SCREEN_TOLERANCE = 0.01		# share of pixels that may differ from the host's rendering

report = []


def say(line):
    print(line, flush=True)
    report.append(line)


def expect(cond, what):
    """check() that also lists the check in the report: "ok" lines, and the FAIL ones that
    check() prints."""
    check(cond, what)
    if cond:
        say(f"ok: {what}")
    else:
        report.append(f"FAIL: {what}")


# --- the feeds: today's sessions around the real clock, in the venue's zone ---

def agenda(titles):
    """A plain-text agenda with the sessions titles[0..2]: the one before, the one on now
    (started 20 minutes ago, two hours long) and the next. Each has its own date line, so
    an agenda around midnight stays right."""
    now = datetime.datetime.now(zoneinfo.ZoneInfo(ZONE)).replace(second=0, microsecond=0)
    start = now - datetime.timedelta(minutes=20)
    slots = [(start - datetime.timedelta(minutes=60), start),
             (start, start + datetime.timedelta(hours=2)),
             (start + datetime.timedelta(hours=2), start + datetime.timedelta(hours=3))]
    lines = []
    for (a, b), title in zip(slots, titles):
        lines += [a.strftime("%Y-%m-%d"), f"Room: {ROOM}",
                  f"{a:%H:%M} - {b:%H:%M}  {title}", ""]
    return "\n".join(lines)


def serve(body):
    """An HTTP server on 127.0.0.1 (ephemeral port) with body at every path, on a thread."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the host's side of the guest: QMP and the agent ---

class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.file = self.sock.makefile("rw")
        json.loads(self.file.readline())	# the greeting
        self.execute("qmp_capabilities")

    def execute(self, command, **arguments):
        self.file.write(json.dumps({"execute": command, "arguments": arguments}) + "\n")
        self.file.flush()
        while True:
            reply = json.loads(self.file.readline())
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"QMP {command}: {reply['error']}")

    def close(self):
        self.sock.close()


class Agent:
    """Runs one shell command line in the guest (tests/vm/agent.sh) and returns (status,
    output)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.buffer = b""
        self.serial = 0

    def _line(self, deadline):
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise TimeoutError from None
            if not data:
                raise ConnectionError("the agent's port closed")
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(errors="replace")

    def run(self, command, timeout=60):
        """The command's exit status and output; answers to earlier commands that timed out
        are skipped by a marker echoed first."""
        self.serial += 1
        marker = f"@@BEGIN {self.serial}"
        self.sock.sendall(f"echo '{marker}'; {command}\n".encode())
        deadline = time.monotonic() + timeout
        while self._line(deadline) != marker:
            pass
        out = []
        while True:
            line = self._line(deadline)
            m = re.fullmatch(r"@@END (\d+)", line)
            if m:
                return int(m.group(1)), "\n".join(out)
            out.append(line)

    def wait(self, limit):
        """Waits until the guest answers (its agent is up), at most limit seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                self.run("true", timeout=3)
                return True
            except TimeoutError:
                continue
        return False

    def show(self, unit, *props):
        _, out = self.run(f"systemctl show {unit} " + " ".join(f"-p {p}" for p in props))
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def close(self):
        self.sock.close()


def kvm_works():
    """Whether KVM boots the kernel here: the kernel alone, no root file system, until it
    prints its banner. Nested or half-working KVM (an MSR QEMU cannot set, a guest that never
    starts) says no, and the test emulates (TCG). VM_ACCEL=kvm or tcg skips the probe."""
    if os.environ.get("VM_ACCEL") in ("kvm", "tcg"):
        return os.environ["VM_ACCEL"] == "kvm"
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False
    log = os.path.join(OUT, "kvm-probe.log")
    if os.path.exists(log):
        os.remove(log)
    probe = subprocess.Popen(
        ["qemu-system-x86_64", "-nodefaults", "-no-user-config", "-no-reboot", "-accel", "kvm",
         "-cpu", "host", "-m", "256", "-display", "none", "-nic", "none",
         "-kernel", os.path.join(OUT, "vmlinuz"), "-append", "console=ttyS0 panic=-1",
         "-serial", f"file:{log}"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    works = False
    while time.monotonic() < deadline and probe.poll() is None and not works:
        time.sleep(0.5)
        works = os.path.exists(log) and b"Linux version" in open(log, "rb").read()
    if probe.poll() is None:
        probe.kill()	# by its pid
    probe.wait()
    return works


class Vm:
    """One boot of OUT/NAME.img in QEMU: KVM when it works here, else TCG."""

    def __init__(self, name, kvm):
        self.name = name
        self.run_dir = os.path.join(OUT, "run-" + name)
        shutil.rmtree(self.run_dir, ignore_errors=True)
        os.makedirs(self.run_dir)
        self.console = os.path.join(OUT, f"console-{name}.log")
        qmp, agent = os.path.join(self.run_dir, "qmp"), os.path.join(self.run_dir, "agent")
        self.args = [
            "qemu-system-x86_64", "-nodefaults", "-no-user-config", "-no-reboot",
            "-accel", "kvm" if kvm else "tcg", "-machine", "q35",
            "-cpu", "host" if kvm else "max",
            "-smp", "2", "-m", "1024", "-display", "none", "-nic", "none",
            "-device", f"virtio-vga,xres={WIDTH},yres={HEIGHT}",
            "-drive", f"file={os.path.join(OUT, name + '.img')},format=raw,if=virtio",
            "-device", "virtio-rng-pci",
            "-kernel", os.path.join(OUT, "vmlinuz"), "-initrd", os.path.join(OUT, "initrd.img"),
            "-append", "root=/dev/vda rw console=tty0 console=ttyS0,115200 panic=-1",
            "-serial", f"file:{self.console}",
            "-qmp", f"unix:{qmp},server=on,wait=off",
            "-device", "virtio-serial-pci",
            "-chardev", f"socket,id=agent,path={agent},server=on,wait=off",
            "-device", "virtserialport,chardev=agent,name=org.foyer.agent"]
        self.qmp = self.agent = None
        self.started = time.monotonic()
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                        stdout=open(os.path.join(self.run_dir, "qemu.log"), "w"),
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.qmp = Qmp(qmp)
                self.agent = Agent(agent)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    with open(os.path.join(self.run_dir, "qemu.log")) as f:
                        raise RuntimeError(f"QEMU did not start: {f.read()}") from None
                time.sleep(0.2)
        self.accel = "KVM" if kvm else "TCG (emulated)"

    def elapsed(self):
        return time.monotonic() - self.started

    def screendump(self, path):
        """The guest's screen as a PNG (QEMU 7.1 and later write PNG themselves)."""
        self.qmp.execute("screendump", filename=path, format="png")
        return path

    def stop(self):
        try:
            if self.agent:
                self.agent.close()
            if self.qmp:
                self.qmp.execute("quit")
        except (OSError, RuntimeError, ValueError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()	# by its pid, as Popen knows it
            self.process.wait()
        if self.qmp:
            self.qmp.close()


# --- the image: the root tree packed per boot, with that boot's config ---

def foyer_ids():
    """The foyer user's uid and gid in the image."""
    with open(os.path.join(ROOT, "etc", "passwd")) as f:
        for line in f:
            fields = line.split(":")
            if fields[0] == "foyer":
                return int(fields[2]), int(fields[3])
    raise RuntimeError("no foyer user in the image: did the package's postinst run?")


def write_config(source, feed_text=None, cache_files=()):
    etc = os.path.join(ROOT, "etc", "foyer")
    with open(os.path.join(etc, "foyer.conf"), "w") as f:
        f.write(f"[general]\ntimezone = {ZONE}\ntrust_clock = yes\n\n"
                f"[feed]\nsource = {source}\n\n[screen]\nroom = {ROOM}\n")
    feed = os.path.join(etc, "agenda.txt")
    if feed_text is None:
        if os.path.exists(feed):
            os.remove(feed)
    else:
        with open(feed, "w") as f:
            f.write(feed_text)
    cache = os.path.join(ROOT, "var", "cache", "foyer")
    shutil.rmtree(cache, ignore_errors=True)
    if cache_files:
        uid, gid = foyer_ids()
        os.makedirs(cache)
        os.chown(cache, uid, gid)
        for path in cache_files:
            target = os.path.join(cache, os.path.basename(path))
            shutil.copy(path, target)
            os.chown(target, uid, gid)


def pack(name):
    image = os.path.join(OUT, name + ".img")
    if os.path.exists(image):
        os.remove(image)
    size_mb = int(subprocess.run(["du", "-sm", ROOT], capture_output=True, text=True,
                                 check=True).stdout.split()[0]) + 512
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-L", "foyer-vm", "-d", ROOT, image,
                    f"{size_mb}M"], check=True)
    return image


# --- the checks ---

def reference(feed, at, path):
    """foyer --screenshot on the host: the slide the guest should show at `at`."""
    r = subprocess.run([FOYER, "-c", "/dev/null", "--feed", feed, "--timezone", ZONE,
                        "--room", ROOM, "--at", at.strftime("%Y-%m-%dT%H:%M:%S"),
                        "--size", f"{WIDTH}x{HEIGHT}", "--screenshot", path],
                       capture_output=True, text=True, timeout=60)
    if r.returncode:
        raise RuntimeError(f"foyer --screenshot: {r.stderr}")
    return path


def differing(a, b):
    """The share of pixels of PNG a that differ from b (png_compare's rule), 1.0 on sizes."""
    r = subprocess.run([PNG_COMPARE, "diff", a, b], capture_output=True, text=True)
    if r.returncode:
        return 1.0
    width, height, n, _ = map(int, r.stdout.split())
    return n / (width * height)


def screen_matches(vm, feed, tag):
    """Dumps the guest's screen and compares it with the host's rendering of this minute
    (once more if the minute turned in between); returns (share differing, screen file)."""
    screen = os.path.join(vm.run_dir, f"screen-{tag}.png")
    ref = os.path.join(vm.run_dir, f"reference-{tag}.png")
    share = 1.0
    for _ in range(2):
        at = datetime.datetime.now(zoneinfo.ZoneInfo(ZONE))
        vm.screendump(screen)
        reference(feed, at, ref)
        share = differing(screen, ref)
        if share <= SCREEN_TOLERANCE:
            break
    return share, screen


def wait_for_active(vm, limit, what):
    """Polls the unit until active with a main pid; returns systemctl show's fields or None."""
    deadline = vm.started + limit
    while time.monotonic() < deadline:
        try:
            p = vm.agent.show("foyer", "ActiveState", "MainPID", "NRestarts",
                              "ActiveEnterTimestampMonotonic", "StatusText")
        except TimeoutError:
            continue
        if p.get("ActiveState") == "active" and p.get("MainPID", "0") != "0":
            return p
        time.sleep(1)
    expect(False, f"{vm.name}: foyer.service active within {limit} s ({what})")
    return None


def guest_json(vm, path):
    rc, out = vm.agent.run(f"cat {path}")
    try:
        return json.loads(out) if rc == 0 else None
    except ValueError:
        return None


def boot_and_wait(name, feed, tag, kvm):
    """Boots image `name`, waits for foyer and its first frame; returns (vm, unit fields,
    status.json) with the timings reported."""
    pack(name)
    vm = Vm(name, kvm)
    say(f"{name}: QEMU started ({vm.accel}), serial console in {vm.console}")
    if not vm.agent.wait(BOOT_LIMIT_S):
        expect(False, f"{name}: the guest's agent answers within {BOOT_LIMIT_S} s")
        return vm, None, None
    agent_s = vm.elapsed()
    _, uptime = vm.agent.run("cut -d' ' -f1 /proc/uptime")
    kernel_at = agent_s - float(uptime)	# host seconds from QEMU start to the kernel's start
    p = wait_for_active(vm, BOOT_LIMIT_S, "READY=1")
    if not p:
        return vm, None, None
    # the first frame: the first screendump that is the slide
    first_frame = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        share, screen = screen_matches(vm, feed, tag)
        if share <= SCREEN_TOLERANCE:
            first_frame = vm.elapsed()
            break
        time.sleep(1)
    ready_s = int(p["ActiveEnterTimestampMonotonic"]) / 1e6
    say(f"{name}: kernel started {kernel_at:.1f} s after QEMU; READY=1 {ready_s:.1f} s after "
        f"the kernel (guest clock); agent up at {agent_s:.1f} s, first frame on the screen "
        + (f"by {first_frame:.1f} s after QEMU, {first_frame - kernel_at:.1f} s after the "
           f"kernel (host clock, screendumps polled)" if first_frame else "never seen"))
    _, analyze = vm.agent.run("systemd-analyze time 2>&1 | head -1")
    say(f"{name}: systemd-analyze: {analyze.strip()}")
    expect(first_frame is not None, f"{name}: the slide on the guest's screen")
    return vm, p, guest_json(vm, "/run/foyer/status.json")


def check_unit(vm, p, status):
    pid = p["MainPID"]
    rc, owner = vm.agent.run(f"stat -c %U /proc/{pid}")
    expect(rc == 0 and owner.strip() == "foyer", f"foyer runs as user foyer: {owner.strip()!r}")
    _, groups = vm.agent.run(f"id -nG foyer; grep ^Groups: /proc/{pid}/status; "
                             "getent group video render input | cut -d: -f1,3")
    say(f"online: foyer's groups: {' | '.join(groups.splitlines())}")
    _, getty = vm.agent.run("systemctl is-active getty@tty1.service")
    expect(getty.strip() in ("inactive", "failed"), f"getty@tty1 stopped: {getty.strip()}")
    _, tty = vm.agent.run(f"readlink /proc/{pid}/fd/0; cat /sys/class/tty/tty0/active")
    expect(tty.split() == ["/dev/tty1", "tty1"],
          f"foyer holds tty1 (stdin, the active VT): {tty.split()}")
    say(f"online: status: {p.get('StatusText', '')}")
    display = (status or {}).get("display", {})
    expect(display.get("up") is True and str(display.get("driver")).lower() == "kmsdrm",
          f"status.json: display up with driver kmsdrm: {display}")
    expect((display.get("width"), display.get("height")) == (WIDTH, HEIGHT),
          f"the display's mode is the GPU's {WIDTH}x{HEIGHT}: {display}")
    say(f"online: display {display}")
    _, log = vm.agent.run("journalctl -b -u foyer --no-pager -o cat")
    say("online: foyer's log:\n  " + "\n  ".join(log.splitlines()[-25:]))
    _, sec = vm.agent.run("systemd-analyze security foyer.service --no-pager | tail -1")
    say(f"online: systemd-analyze security: {sec.strip()}")
    m = re.search(r"exposure level .*?: (\d+\.\d+)", sec)
    expect(m and float(m.group(1)) <= 2.0, f"security exposure at most 2.0: {sec.strip()}")


def check_now(status, title, what):
    rooms = (status or {}).get("rooms", [])
    now = [e.get("title") for r in rooms for e in r.get("now", [])]
    expect(now == [title], f"{what}: now is {title!r}: {now}")
    return rooms


def check_watchdog(vm, p, feed):
    pid = p["MainPID"]
    restarts = int(p.get("NRestarts", "0"))
    vm.agent.run(f"kill -STOP {pid}")
    stopped = time.monotonic()
    q = None
    while time.monotonic() < stopped + WATCHDOG_S + WATCHDOG_MARGIN_S + 60:
        q = vm.agent.show("foyer", "ActiveState", "MainPID", "NRestarts")
        if q.get("MainPID") not in ("0", pid) and q.get("ActiveState") == "active":
            break
        time.sleep(1)
    took = time.monotonic() - stopped
    back = q and q.get("MainPID") not in ("0", pid) and q.get("ActiveState") == "active"
    say(f"online: kill -STOP {pid}: " + (f"restarted as pid {q['MainPID']} and ready "
                                         f"{took:.1f} s later" if back else "not restarted"))
    # the last ping before the STOP may be up to half a period old (foyer pings every
    # WatchdogSec/2): the timeout comes 15 to 30 s after the STOP, then the restart
    earliest = WATCHDOG_S / 2 - 1
    expect(back and earliest <= took <= WATCHDOG_S + WATCHDOG_MARGIN_S,
          f"watchdog: restarted within {WATCHDOG_S}+{WATCHDOG_MARGIN_S} s, not before "
          f"{earliest:.0f} s: {took:.1f} s")
    expect(back and int(q.get("NRestarts", "0")) == restarts + 1, f"one restart: {q}")
    _, why = vm.agent.run("journalctl -b -u foyer --no-pager -o cat | grep -i 'watchdog timeout'")
    say(f"online: systemd says: {' | '.join(why.splitlines())}")
    expect("watchdog timeout" in why.lower(), "systemd logged the watchdog timeout")
    deadline = time.monotonic() + 60
    share = 1.0
    while time.monotonic() < deadline:
        share, screen = screen_matches(vm, feed, "after-watchdog")
        if share <= SCREEN_TOLERANCE:
            break
        time.sleep(1)
    expect(share <= SCREEN_TOLERANCE, f"the slide back after the restart ({share:.2%} differ)")
    say(f"online: after the restart {share:.2%} of the pixels differ from the host's slide")


def online(kvm):
    titles = ("Doors open", "Booting the corridor screen", "Coffee and questions")
    feed = os.path.join(OUT, "agenda-online.txt")
    with open(feed, "w") as f:
        f.write(agenda(titles))
    write_config("/etc/foyer/agenda.txt", open(feed).read())
    vm, p, status = boot_and_wait("online", feed, "first", kvm)
    try:
        if not p:
            return
        check_unit(vm, p, status)
        check_now(status, titles[1], "online")
        share, screen = screen_matches(vm, feed, "online")
        expect(share <= SCREEN_TOLERANCE,
              f"the guest's screen is the host's slide ({share:.2%} of pixels differ)")
        say(f"online: the guest's screen: {share:.2%} of the pixels differ from the host's "
            f"foyer --screenshot of the same minute")
        shutil.copy(screen, os.path.join(OUT, "screen.png"))
        check_watchdog(vm, vm.agent.show("foyer", "MainPID", "NRestarts"), feed)
    finally:
        vm.stop()


def offline(kvm):
    titles = ("From the cache: doors", "From the cache: the talk", "From the cache: lunch")
    text = agenda(titles)
    feed = os.path.join(OUT, "agenda-offline.txt")
    with open(feed, "w") as f:
        f.write(text)
    cache = os.path.join(OUT, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    os.makedirs(cache)
    server = serve(text)
    url = f"http://127.0.0.1:{server.server_address[1]}/agenda.txt"
    try:
        conf = os.path.join(OUT, "host-fetch.conf")
        with open(conf, "w") as f:
            f.write(f"[general]\ntimezone = {ZONE}\n[feed]\nsource = {url}\n"
                    f"cache_directory = {cache}\n")
        r = subprocess.run([FOYER, "-c", conf, "--state"], capture_output=True, text=True,
                           timeout=60)
        expect(r.returncode == 0, f"the host fetched {url} into the cache: {r.stderr}")
    finally:
        server.shutdown()
        server.server_close()
    files = [os.path.join(cache, n) for n in os.listdir(cache) if n.endswith(".cache")]
    expect(len(files) == 1, f"one cache file: {files}")
    write_config(url, None, files)	# in the guest nothing answers at that URL
    vm, p, status = boot_and_wait("offline", feed, "offline", kvm)
    try:
        if not p:
            return
        check_now(status, titles[1], "offline")
        sources = (status or {}).get("feed", {}).get("source_status", [])
        expect(bool(sources) and sources[0].get("from_cache") is True,
              f"offline: the agenda is the cached copy: {sources}")
        say(f"offline: feed {json.dumps(sources)}; status: {p.get('StatusText', '')}")
        share, screen = screen_matches(vm, feed, "offline")
        expect(share <= SCREEN_TOLERANCE, f"offline: the cached agenda on the screen "
              f"({share:.2%} of pixels differ)")
        shutil.copy(screen, os.path.join(OUT, "screen-offline.png"))
    finally:
        vm.stop()


def main():
    for path in (FOYER, PNG_COMPARE, os.path.join(OUT, "vmlinuz"), ROOT):
        if not os.path.exists(path):
            sys.exit(f"vm_test: no {path} (make vm-test builds it)")
    began = time.monotonic()
    say(f"vm-test: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"venue zone {ZONE}, screen {WIDTH}x{HEIGHT}")
    kvm = kvm_works()
    say(f"vm-test: {'KVM' if kvm else 'no working KVM here: TCG, emulated'}")
    online(kvm)
    offline(kvm)
    say(f"vm-test: both boots in {time.monotonic() - began:.0f} s")
    status = summary()
    report.append("PASS" if status == 0 else "FAIL (see the FAIL lines above the summary)")
    with open(os.path.join(OUT, "report.txt"), "w") as f:
        f.write("\n".join(report) + "\n")
    print(f"vm-test: {OUT}/report.txt, {OUT}/screen.png")
    return status


if __name__ == "__main__":
    sys.exit(main())
