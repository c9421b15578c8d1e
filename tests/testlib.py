"""testlib.py — what the Python end-to-end tests share: check() records a failure and carries
on, so one run shows every broken expectation; summary() prints "N passed, N failed" for
ctest's log and returns the exit status."""
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
