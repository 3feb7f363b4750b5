"""The decision log's cost, in ONE run: deciding with the log off and on (SQLite, PostgreSQL),
single decisions and group-committed batches; ``log verify`` and replay over a log of N records.

    python benchmarks/decision_log.py [--n 4000] [--records 100000] [--postgres URL] [--seed 5]
                                      [--no-rates] [--only sqlite|postgres]

Library level (no HTTP: the service's own cost is measured by serve_load.py): a Checker over
the bundled pack decides N distinct random tasks and events (gridrules.bench.random_inputs); "single" appends
each decision in its own transaction (one sync each, what a lone request pays), "batch 256" one
transaction per 256 decisions (the CLI's and a batch request's group).  Verify and replay run over
one log per backend of --records genuine chained records (each record's hash computed as an append
computes it; verify checks every one), filled by a bulk path: the distinct random decisions' texts
made once and cycled, 20,000 records per transaction -- not one service call each.  Each step runs
in a fresh process (spawned): its RSS once the pack is loaded and the log open, and its peak RSS
during the step alone (Linux VmHWM, reset before the step): bounded memory shows as a peak that
does not grow with --records.
PostgreSQL: --postgres, else $GRIDRULES_TEST_POSTGRES; skipped (said) when none answers.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

from gridrules import Checker, load_pack  # noqa: E402
from gridrules.bench.random_inputs import random_events, random_tasks  # noqa: E402
from gridrules.errors import InputError  # noqa: E402
from gridrules.log import open_log  # noqa: E402
from gridrules.log.minimise import entry  # noqa: E402
from gridrules.log.records import Record, canonical, record_hash  # noqa: E402
from gridrules.log.replay import replay  # noqa: E402


BULK = 20_000  # records per transaction when filling
PREFIX = f"logbench{os.getpid()}_"  # this run's PostgreSQL schemas


def decided(checker, pack, n: int, seed: int) -> list:
    """(kind, raw, decision) for N valid random tasks and events, half each."""
    out = []
    for doc, at in random_tasks(pack, n // 2, seed):
        try:
            out.append(("task", doc, at, checker.check_task(doc, at=at)))
        except InputError:
            pass
    for doc, at in random_events(pack, n - n // 2, seed):
        try:
            out.append(("event", doc, at, checker.route_event(doc, at=at)))
        except InputError:
            pass
    return out


KEY = bytes(32)  # the bulk fill hashes its titles under a fixed key: its records are not read for them

def rate(label: str, url: str | None, pack, inputs: list, group: int) -> float:
    checker = Checker(pack)  # a fresh answer cache: every decision is made, none remembered
    log = open_log(url) if url else None
    start = time.perf_counter()
    pending = []
    for kind, doc, at, _ in inputs:
        d = checker.check_task(doc, at=at) if kind == "task" else checker.route_event(doc, at=at)
        if log is not None:
            pending.append(entry(kind, doc, d.model_dump(mode="json"), pack, "dispatch", log.key))
            if len(pending) >= group:
                log.append(pending)
                pending = []
    if log is not None:
        log.append(pending)
        log.close()
    per_s = len(inputs) / (time.perf_counter() - start)
    print(f"| {label} | {group if log else '—'} | {len(inputs)} | {per_s:,.0f} |")
    return per_s


def fill(url: str, pack, inputs: list, n: int) -> float:
    """N chained records from the decided pool, cycled; returns the seconds taken.  The store's own
    primitives, as ``append`` uses them: its write lock, its tail, its insert (COPY on PostgreSQL)."""
    pool = [entry(kind, doc, d.model_dump(mode="json"), pack, "dispatch", KEY) for kind, doc, _, d in inputs]
    texts = [(e.kind, e.at, e.role, e.digest, canonical(e.input), canonical(e.decision)) for e in pool]
    start = time.perf_counter()
    with open_log(url) as log:
        for first in range(0, n, BULK):
            with log._writing():
                seq, prev = log._tail()
                records = []
                for i in range(first, min(n, first + BULK)):
                    kind, at, role, digest, input_text, decision_text = texts[i % len(texts)]
                    seq += 1
                    prev_hash, prev = prev, record_hash(seq, kind, at, role, digest, input_text, decision_text, prev)
                    records.append(Record(seq, kind, at, role, digest, input_text, decision_text, prev_hash, prev))
                log._insert(records)
    return time.perf_counter() - start


def _status(field: str) -> float:
    """A line of /proc/self/status in MB (VmRSS: now; VmHWM: the peak since the last reset)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def step(what: str, url: str) -> tuple[int, float, float, float]:
    """In a fresh process: (records, seconds, RSS MB before, peak RSS MB during) of one step over the
    log at ``url``.  The peak is reset once the pack is loaded and the log open (Linux: writing 5 to
    /proc/self/clear_refs resets VmHWM), so it is the step's own, not the pack loading's."""
    pack = load_pack()
    with open_log(url) as log:
        Path("/proc/self/clear_refs").write_text("5")
        before = _status("VmRSS")
        start = time.perf_counter()
        if what == "verify":
            count, broken = log.verify()
            assert broken is None, broken
        else:
            count = replay(log, HERE.parent / "rules", pack).replayed  # the bundled pack's source folder
        took = time.perf_counter() - start
        peak = _status("VmHWM")
    return count, took, before, peak


def in_child(what: str, url: str) -> tuple[int, float, float, float]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(step, (what, url))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--records", type=int, default=100_000, help="Records in the log verified and replayed.")
    parser.add_argument("--postgres", default=os.environ.get("GRIDRULES_TEST_POSTGRES"))
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--no-rates", action="store_true", help="Only verify and replay.")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="One backend (e.g. two runs side by side).")
    args = parser.parse_args()
    pack = load_pack()
    checker = Checker(pack)
    inputs = decided(checker, pack, args.n, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="gridrules-logbench-"))
    backends = {"sqlite": lambda name: f"sqlite:///{tmp / name}.sqlite"}
    if args.postgres:
        try:
            import psycopg
            with psycopg.connect(args.postgres, autocommit=True, connect_timeout=3):
                pass
            joiner = "&" if "?" in args.postgres else "?"

            def pg(name: str) -> str:  # a schema per run and log: runs side by side do not meet
                with psycopg.connect(args.postgres, autocommit=True) as db:
                    db.execute(f"DROP SCHEMA IF EXISTS {PREFIX}{name} CASCADE")
                    db.execute(f"CREATE SCHEMA {PREFIX}{name}")
                return f"{args.postgres}{joiner}options=-csearch_path%3D{PREFIX}{name}"

            backends["postgres"] = pg
        except Exception as exc:  # noqa: BLE001
            print(f"PostgreSQL skipped: {exc}")
    if args.only:
        backends = {args.only: backends[args.only]}
    print(f"{len(inputs)} distinct valid decisions (tasks and events), bundled pack {pack.digest[:19]}…\n")
    rates: dict[tuple[str, int], float] = {}
    if not args.no_rates:
        print("| log | decisions per commit | decisions | decisions/s |\n|---|---:|---:|---:|")
        off = rate("off", None, pack, inputs, 1)
    for name, url_of in backends.items() if not args.no_rates else ():
        rates[(name, 1)] = rate(f"{name}, single", url_of(f"single{name}"), pack, inputs[:1000], 1)
        rates[(name, 256)] = rate(f"{name}, batch", url_of(f"batch{name}"), pack, inputs, 256)
    print()
    for (name, group), value in rates.items():
        print(f"{name} {'single' if group == 1 else 'batch 256'}: {value / off:.2f}× the log-off rate")
    print("\n| backend | step | records | seconds | records/s | RSS before MB | peak during MB |\n"
          "|---|---|---:|---:|---:|---:|---:|")
    for name, url_of in backends.items():
        url = url_of(f"big{name}")
        took = fill(url, pack, inputs, args.records)
        print(f"| {name} | bulk fill | {args.records:,} | {took:.1f} | {args.records / took:,.0f} | — | — |")
        for what, label in (("verify", "`log verify`"), ("replay", "replay (same pack)")):
            count, took, before, peak = in_child(what, url)
            assert count == args.records, (what, count)
            print(f"| {name} | {label} | {count:,} | {took:.1f} | {count / took:,.0f} | {before:.0f} | "
                  f"{peak:.0f} |", flush=True)
    shutil.rmtree(tmp)
    if "postgres" in backends:  # the filled schemas hold gigabytes at 1M records
        import psycopg
        with psycopg.connect(args.postgres, autocommit=True) as db:
            for (schema,) in db.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)",
                                        (PREFIX,)).fetchall():
                db.execute(f"DROP SCHEMA {schema} CASCADE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
