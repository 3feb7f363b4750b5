"""Assessment throughput and peak memory: one process, local workers, a Dask LocalCluster.

    python benchmarks/province_records.py --records 1000000 --seed 7 --out /tmp/records-1m.jsonl
    python benchmarks/assess_scale.py /tmp/records-1m.jsonl --runs 1,2,dask2

Each run is a fresh child process (``--one``) calling ``assess_files`` on the file, for the
year 2026, and reports: records, wall time, CPU time of the process and of its local worker
processes (Dask's worker CPU is read from their processes through psutil), and peak resident
memory of the process and of the largest worker (a Dask worker's sampled every 0.25 s),
and the load average at the end.  Records/s per worker = records / (worker
CPU seconds / workers): on a shared 2-core box wall time depends on the neighbours, CPU time
much less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from datetime import datetime


def one(path: str, how: str) -> dict:
    from gridrules import Checker, load_pack
    from gridrules.assess import parse_period
    from gridrules.assess.parallel import assess_files

    pack = load_pack()
    period, at = parse_period("2026"), datetime.fromisoformat("2027-03-01T00:00:00+08:00")
    started, cpu = time.monotonic(), time.process_time()
    extra: dict = {}
    if how.startswith("dask"):
        import psutil  # type: ignore[import-untyped]  # comes with distributed
        from distributed import LocalCluster

        n = int(how[4:])
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, worker_dashboard_address=None) as cluster:
            started, cpu = time.monotonic(), time.process_time()
            workers = [psutil.Process(p.process.pid) for p in cluster.workers.values()]
            before = sum(w.cpu_times().user + w.cpu_times().system for w in workers)
            peak, done = [0], threading.Event()

            def sample() -> None:  # the workers' largest RSS, sampled (Dask's workers are not our children)
                while not done.wait(0.25):
                    peak[0] = max([peak[0]] + [w.memory_info().rss for w in workers])

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            run = assess_files(Checker(pack), None, [path], period, at, scheduler=cluster.scheduler_address)
            done.set()
            sampler.join()
            extra["workers_cpu"] = sum(w.cpu_times().user + w.cpu_times().system for w in workers) - before
            extra["workers_peak_mb"] = max([peak[0]] + [w.memory_info().rss for w in workers]) / 2**20
        extra["workers"] = n
    else:
        n = int(how)
        run = assess_files(Checker(pack), None, [path], period, at, workers=n)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        extra["workers_cpu"] = children.ru_utime + children.ru_stime if n > 1 else None
        extra["workers_peak_mb"] = children.ru_maxrss / 1024 if n > 1 else None
        extra["workers"] = n
    wall, own_cpu = time.monotonic() - started, time.process_time() - cpu
    return {"how": how, "records": run.tally.records, "errors": run.tally.errors, "wall_s": round(wall, 1),
            "cpu_s": round(own_cpu, 1), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "load_average": round(os.getloadavg()[0], 1),
            **extra}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path")
    ap.add_argument("--runs", default="1,2,dask2", help="comma-separated: N local workers, or daskN")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.path, args.one)))
        return 0
    for how in args.runs.split(","):
        out = subprocess.run([sys.executable, __file__, args.path, "--one", how], check=True,
                             capture_output=True, text=True).stdout
        found = json.loads(out.strip().splitlines()[-1])
        workers_cpu = found["workers_cpu"] if found["workers_cpu"] is not None else found["cpu_s"]
        found["records_per_s_wall"] = round(found["records"] / found["wall_s"])
        found["records_per_worker_cpu_s"] = round(found["records"] / (workers_cpu / found["workers"]) / found["workers"])
        print(json.dumps(found), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
