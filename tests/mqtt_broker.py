"""mqtt_broker.py — a real mosquitto for the fleet tests: on 127.0.0.1 on an ephemeral port,
with a config, password file and ACL of the test's own in its temporary directory, optionally
TLS; started and stopped by pid. Also the [mqtt] config a screen or the desk uses."""
import getpass
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    """users: names whose password is "pw-NAME"; acl: the ACL file's text (None: anonymous
    and no ACL); tls: (ca file, certificate, key) to listen with TLS only."""

    def __init__(self, tmp, users, acl=None, tls=None):
        self.tmp = tmp
        self.port = free_port()
        self.tls = tls
        lines = [
            # as root, mosquitto would switch to its own user, who cannot read this directory
            f"user {getpass.getuser()}",
            f"listener {self.port} 127.0.0.1",
            f"persistence true",
            f"persistence_location {tmp}/",
            f"log_dest file {tmp}/mosquitto.log",
        ]
        if tls:
            lines += [f"cafile {tls[0]}", f"certfile {tls[1]}", f"keyfile {tls[2]}"]
        if acl is None:
            lines.append("allow_anonymous true")
        else:
            passwords = os.path.join(tmp, "passwords")
            with open(passwords, "w") as f:
                for name in users:
                    f.write(f"{name}:pw-{name}\n")
            subprocess.run(["mosquitto_passwd", "-U", passwords], check=True)
            with open(os.path.join(tmp, "acl"), "w") as f:
                f.write(acl)
            lines += ["allow_anonymous false", f"password_file {passwords}",
                      f"acl_file {os.path.join(tmp, 'acl')}"]
        self.config = os.path.join(tmp, "mosquitto.conf")
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["mosquitto", "-c", self.config],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mosquitto exited: {self.proc.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not listen")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)   # a clean stop saves the retained messages
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def readme_acl(venue):
    """The README's ACL: the desk writes override topics and reads statuses; a screen reads
    its venue's and its own override topic and writes only its own status."""
    return (f"user desk\n"
            f"topic write foyer/{venue}/override\n"
            f"topic write foyer/{venue}/screen/+/override\n"
            f"topic read foyer/{venue}/screen/+/status\n"
            f"\n"
            f"pattern read foyer/{venue}/override\n"
            f"pattern read foyer/{venue}/screen/%u/override\n"
            f"pattern write foyer/{venue}/screen/%u/status\n")


def screen_config(tmp, broker, name, venue, host="127.0.0.1", extra=""):
    """A foyer config with the [mqtt] section of user `name` (password in a file of its own)."""
    path = os.path.join(tmp, f"{name}.conf")
    pw = os.path.join(tmp, f"{name}.password")
    with open(pw, "w") as f:
        f.write(f"pw-{name}\n")
    with open(path, "w") as f:
        f.write(f"[general]\ntimezone = Europe/London\n"
                f"[mqtt]\nhost = {host}\nport = {broker.port}\nvenue = {venue}\n"
                f"name = {name}\nusername = {name}\npassword_file = {pw}\nkeepalive = 10\n"
                f"{extra}")
    return path
