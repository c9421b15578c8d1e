"""testlib.py — what the Python end-to-end tests share: check() records a failure and carries
on, so one run shows every broken expectation; summary() prints "N passed, N failed" for
ctest's log and returns the exit status."""
import os
import subprocess
import sys
import time

_counts = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print(f"FAIL: {what}", file=sys.stderr)


def failures():
    return _counts["failed"]


def summary():
    print(f"{_counts['passed']} passed, {_counts['failed']} failed")
    return 1 if _counts["failed"] else 0


def check_golden(name, out, ref, png_compare, tolerance, update):
    """Checks the PNG out against the golden image ref: the same size, and at most the share
    `tolerance` of pixels differing (png_compare decides what differs). With update, ref is
    replaced by out instead, to be looked at before committing."""
    if update:
        with open(out, "rb") as src, open(ref, "wb") as dst:
            dst.write(src.read())
        print(f"updated {ref}")
        return
    if not os.path.exists(ref):
        check(False, f"no golden image {ref} (the test's top comment says how to make it)")
        return
    r = subprocess.run([png_compare, "diff", out, ref], capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: sizes differ: {r.stdout}{r.stderr}")
    if r.returncode:
        return
    width, height, differing, max_delta = map(int, r.stdout.split())
    check(differing <= tolerance * width * height,
          f"{name}: {differing} of {width * height} pixels differ from the golden image "
          f"(max delta {max_delta}); if the change is intended, regenerate")


def start_xvfb(number=None, screen="1280x720x24"):
    """Starts Xvfb on :number, or on a free display number it picks; either way it says which
    through -displayfd once it is ready. Returns (process, number as a string), or
    (None, None) when it did not start."""
    read_fd, write_fd = os.pipe()
    where = [f":{number}"] if number is not None else []
    xvfb = subprocess.Popen(["Xvfb"] + where + ["-displayfd", str(write_fd), "-screen", "0",
                                                screen, "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    told = b""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not told.endswith(b"\n"):
        chunk = os.read(read_fd, 16)
        if not chunk:
            break
        told += chunk
    os.close(read_fd)
    if not told.strip():
        xvfb.kill()
        xvfb.wait()
        return None, None
    return xvfb, told.decode().strip()
