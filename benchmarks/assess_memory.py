"""Memory of ``gridrules assess`` against the records done so far: is it flat in the number of records?

    python benchmarks/assess_memory.py /tmp/records-5m.jsonl --workers 2 [--every 5]

Runs the installed ``gridrules assess FILE --period 2026 --workers N --format json`` (its
JSON goes to /dev/null) and every ``--every`` seconds samples the resident memory of the
command's process and of each of its worker processes (psutil, which Dask brings) beside
the records its progress line says are done.  Prints one JSON line per sample, then a
summary: the peak of the client and of the largest worker, and the memory at the first
sample past 10 % of the records against the peak after it (flat: the same).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time

import psutil  # type: ignore[import-untyped]  # comes with distributed

DONE = re.compile(r"([0-9,]+) (?:records|条记录)")  # the progress line in either language


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    ap.add_argument("--period", default="2026")
    args = ap.parse_args(argv)
    total = sum(1 for _ in open(args.path, "rb"))
    command = ["gridrules", "assess", args.path, "--period", args.period, "--workers", str(args.workers),
               "--format", "json", "--at", "2027-03-01T00:00:00+08:00"]
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = [0]

    def read_progress() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            found = DONE.search(line)
            if found:
                done[0] = int(found[1].replace(",", ""))

    reader = threading.Thread(target=read_progress, daemon=True)
    reader.start()
    me = psutil.Process(proc.pid)
    samples = []
    while proc.poll() is None:
        time.sleep(args.every)
        try:
            client = me.memory_info().rss
            workers = [c.memory_info().rss for c in me.children(recursive=True)
                       if "resource_tracker" not in " ".join(c.cmdline())]
        except psutil.Error:
            continue
        if not client:  # exited between the poll and the sample
            continue
        sample = {"s": round(time.monotonic() - started), "records_done": done[0],
                  "client_mb": round(client / 2**20, 1),
                  "workers_mb": [round(w / 2**20, 1) for w in workers], "load_average": round(os.getloadavg()[0], 1)}
        samples.append(sample)
        print(json.dumps(sample), flush=True)
    reader.join(timeout=5)
    past = [s for s in samples if s["records_done"] >= total / 10]
    summary = {
        "records": total, "exit": proc.returncode, "wall_s": round(time.monotonic() - started),
        "client_peak_mb": max((s["client_mb"] for s in samples), default=None),
        "worker_peak_mb": max((max(s["workers_mb"] or [0]) for s in samples), default=None),
        "at_10pct": past[0] if past else None,
        "peak_after_10pct": {"client_mb": max(s["client_mb"] for s in past),
                             "worker_mb": max(max(s["workers_mb"] or [0]) for s in past)} if past else None,
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
