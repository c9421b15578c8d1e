"""testlib.py — what the Python end-to-end tests share: check() records a failure and carries
on, so one run shows every broken expectation; summary() prints "N passed, N failed" for
ctest's log and returns the exit status."""
import os
import subprocess
import sys

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
