#!/usr/bin/env python3
"""Idle cost of a running program, from /proc: CPU seconds per minute and memory (PSS).

measure.py [--session] PID WARMUP SECONDS
  Waits WARMUP seconds, then samples the CPU time of PID and all its
  descendants (with --session: of every process in PID's session, for a program such as
  Chromium that starts helpers), waits SECONDS, samples again, and prints one line:
  "cpu_s_per_min=<float> pss_mib=<float> processes=<int>". CPU time is read from
  /proc/PID/task/TID/schedstat (nanoseconds; /proc/PID/stat's utime+stime count 10 ms ticks,
  too coarse for a program that works a millisecond a minute), summed over threads. PSS
  (proportional set size, from /proc/PID/smaps_rollup) counts shared pages once across the
  processes, so it can be summed.
"""
import os
import sys
import time

def cpu_ns(pid):
    """CPU time of every thread of pid (threads that ended are not counted)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): ppid is field 4, session 6
    return {"ppid": int(fields[1]), "session": int(fields[3]), "cpu": cpu_ns(pid)}


def processes(root, session):
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                table[int(name)] = stat(name)
            except OSError:
                pass
    if session:
        return {pid: s for pid, s in table.items() if s["session"] == root}
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in table and pid not in found:
            found[pid] = table[pid]
            todo.extend(p for p, s in table.items() if s["ppid"] == pid)
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    args = sys.argv[1:]
    session = args and args[0] == "--session"
    if session:
        args = args[1:]
    root, warmup, seconds = int(args[0]), float(args[1]), float(args[2])
    time.sleep(warmup)
    before = processes(root, session)
    t0 = time.monotonic()
    time.sleep(seconds)
    after = processes(root, session)
    elapsed = time.monotonic() - t0
    if not after:
        print("measure: the program is gone", file=sys.stderr)
        sys.exit(1)
    ns = sum(s["cpu"] - before[pid]["cpu"] for pid, s in after.items() if pid in before)
    pss = sum(pss_kib(pid) for pid in after)
    print(f"cpu_s_per_min={ns / 1e9 * 60 / elapsed:.4f} pss_mib={pss / 1024:.1f} "
          f"processes={len(after)}")


if __name__ == "__main__":
    main()
