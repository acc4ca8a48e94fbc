#!/usr/bin/env python3
"""Paired whole-process timings: command A and command B run in turn (A B A B ...), so that the ratio B/A is
taken pair by pair and stays meaningful when the machine's speed drifts (other processes on a shared machine).

  paired.py --out FILE.json --runs N [--warmup W] --a 'CMD' [--a-prepare 'CMD'] [--b 'CMD' [--b-prepare 'CMD']]
            [--log DIR]

Each command is one `bash -c` string. A prepare command runs before every run of its command (warm-ups
included) and is not timed (e.g. `rm -rf .creact` so that every deploy starts from nothing). Per run: wall
time (a monotonic clock around start → reaped) and CPU time (user + system of the process and of the
children it waited for, as wait4(2) reports them). A run that exits non-zero stops the benchmark (exit 1)
with the last lines of its output, which goes to DIR/a.log, DIR/b.log (default: next to --out).
Without --b it simply times A. Writes every run to --out and prints "median min max" lines on stdout:
  a_wall_ms a_cpu_ms [b_wall_ms b_cpu_ms ratio_b_over_a]   (each as median min max)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(cmd, prepare, log):
    if prepare:
        subprocess.run(["bash", "-c", prepare], check=True, stdout=subprocess.DEVNULL)
    with open(log, "ab") as out:
        out.write(f"\n### {time.strftime('%H:%M:%S')} {cmd}\n".encode())
        out.flush()
        t0 = time.monotonic()
        p = subprocess.Popen(["bash", "-c", cmd], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        with open(log, "rb") as f:
            tail = f.read().decode(errors="replace").splitlines()[-20:]
        sys.exit(f"paired.py: `{cmd}` exited {p.returncode}; the last lines of {log}:\n" + "\n".join(tail))
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def mmm(xs):
    return [statistics.median(xs), min(xs), max(xs)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--a", required=True)
    ap.add_argument("--a-prepare")
    ap.add_argument("--b")
    ap.add_argument("--b-prepare")
    ap.add_argument("--log")
    o = ap.parse_args()
    logdir = o.log or os.path.dirname(os.path.abspath(o.out))
    os.makedirs(logdir, exist_ok=True)
    sides = [("a", o.a, o.a_prepare)] + ([("b", o.b, o.b_prepare)] if o.b else [])
    for _ in range(o.warmup):
        for name, cmd, prep in sides:
            run(cmd, prep, os.path.join(logdir, f"{name}.log"))
    res = {name: {"cmd": cmd, "wall": [], "cpu": []} for name, cmd, _ in sides}
    for i in range(o.runs):
        for name, cmd, prep in sides:
            w, c = run(cmd, prep, os.path.join(logdir, f"{name}.log"))
            res[name]["wall"].append(w)
            res[name]["cpu"].append(c)
        print(f"paired.py: run {i + 1}/{o.runs}: "
              + ", ".join(f"{n} {res[n]['wall'][-1]:.0f} ms (cpu {res[n]['cpu'][-1]:.0f})" for n, _, _ in sides),
              file=sys.stderr)
    if o.b:
        res["ratio"] = [b / a for a, b in zip(res["a"]["wall"], res["b"]["wall"])]
    with open(o.out, "w") as f:
        json.dump(res, f, indent=1)
    figs = [f"{x:.0f}" for x in mmm(res["a"]["wall"]) + mmm(res["a"]["cpu"])]
    if o.b:
        figs += [f"{x:.0f}" for x in mmm(res["b"]["wall"]) + mmm(res["b"]["cpu"])]
        figs += [f"{x:.2f}" for x in mmm(res["ratio"])]
    print(" ".join(figs))


if __name__ == "__main__":
    main()
