"""The decision log's cost, in ONE run: deciding with the log off and on (SQLite, PostgreSQL),
single decisions and group-committed batches; ``log verify`` and replay over a log of N records.

    python benchmarks/decision_log.py [--n 4000] [--records 100000] [--postgres URL] [--seed 5]
                                      [--no-rates] [--only sqlite|postgres] [--windows N [--per-day D]]

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

--windows N: instead of verify and replay, the queries by time over a log of N records logged D a day
(--per-day, default 10,000; each record's ``logged_at`` set so, hashed as an append hashes it): a day's
export by ``logged_at`` ([since, until) and since alone, an incremental pull's), a day's by ``at``, and
the record a prune keeps first.  Timed first on the log as a version before the logged moment's index
left it (the index dropped; a reader), then once a writer has opened it (the upgrade, timed) -- each
answer the same seqs both times, or the run stops.  Best of 3 (the first read warms the cache).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
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


def fill(url: str, pack, inputs: list, n: int, per_day: int | None = None) -> float:
    """N chained records from the decided pool, cycled; returns the seconds taken.  The store's own
    primitives, as ``append`` uses them: its write lock, its tail, its insert (COPY on PostgreSQL).
    ``per_day``: records carry ``logged_at``, ``per_day`` a day from ``LOGGED_FROM`` on (else none, as
    records before it)."""
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
                    logged = None if per_day is None else logged_moment(i, per_day)
                    prev_hash, prev = prev, record_hash(seq, kind, at, role, digest, input_text, decision_text, prev,
                                                        logged)
                    records.append(Record(seq, kind, at, role, digest, input_text, decision_text, prev_hash, prev,
                                          logged))
                log._insert(records)
    return time.perf_counter() - start


LOGGED_FROM = datetime(2026, 1, 1, tzinfo=timezone.utc)  # when the --windows log's first record was logged


def logged_moment(i: int, per_day: int) -> str:
    """The ``logged_at`` of the --windows log's record ``i`` (from 0): ``per_day`` records a day."""
    return (LOGGED_FROM + timedelta(seconds=i * 86_400 / per_day)).isoformat(timespec="microseconds")


def windows(n: int, per_day: int, at_day: datetime) -> dict[str, dict]:
    """The queries by time, each as ``records``' arguments: by ``logged_at``, a day in the middle of the
    log's span; by ``at``, ``at_day`` (the day its middle record was decided as of)."""
    day = LOGGED_FROM + timedelta(days=n // per_day // 2)
    since, until = day.isoformat(), (day + timedelta(days=1)).isoformat()
    return {"logged, a day [since, until)": {"logged": (since, until)},
            "logged since the day before the last": {"logged": ((LOGGED_FROM + timedelta(
                days=max(n // per_day - 1, 0))).isoformat(), None)},
            "logged, a day, pages of 1,000 after a seq": {"logged": (since, until), "after_seq": n // 2,
                                                           "limit": 1000},
            "at, a day [since, until)": {"since": at_day.isoformat(), "until": (at_day + timedelta(days=1)).isoformat()}}


def timed_windows(url: str, n: int, per_day: int, indexed: bool) -> list[tuple[str, float, list[int]]]:
    """(query, best seconds of 3, the seqs it answered) for each of ``windows`` and a prune's first kept
    record, on the log at ``url`` opened by a reader (which finds the index, or not, as ``indexed`` says)."""
    out = []
    with open_log(url, read_only=True) as log:
        assert log.indexed == indexed, (url, log.indexed)
        middle = log._read(lambda: log._get(n // 2))
        at_day = datetime.fromisoformat(middle.at).replace(hour=0, minute=0, second=0, microsecond=0)
        asked = windows(n, per_day, at_day)
        for name, query in asked.items():
            best, seqs = float("inf"), []
            for _ in range(3):
                start = time.perf_counter()
                seqs = [r.seq for r in log.records(**query)]
                best = min(best, time.perf_counter() - start)
            out.append((name, best, seqs))
        before = (LOGGED_FROM + timedelta(days=1)).isoformat()  # a daily prune: the first day's records go
        best, first = float("inf"), None
        for _ in range(3):  # what prune asks, under its write lock, before it deletes
            start = time.perf_counter()
            first = log._read(lambda: log._first_seq_logged_at_or_after(before))
            best = min(best, time.perf_counter() - start)
        out.append(("prune: the first record kept (a day's records before it)", best, [first]))
    return out


def drop_index(url: str) -> None:
    """The log as a version before the logged moment's index left it."""
    from gridrules.log.sqlite import LOGGED_INDEX
    if url.startswith("sqlite:///"):
        import sqlite3
        with sqlite3.connect(url[len("sqlite:///"):]) as db:
            db.execute(f"DROP INDEX IF EXISTS {LOGGED_INDEX}")
    else:
        import psycopg
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP INDEX IF EXISTS {LOGGED_INDEX}")
            db.execute("ANALYZE decision_log")


def time_windows(name: str, url: str, pack, inputs: list, n: int, per_day: int) -> None:
    took = fill(url, pack, inputs, n, per_day)
    print(f"| {name} | bulk fill ({per_day:,} a day) | {n:,} | {took:.1f} s | — |", flush=True)
    drop_index(url)
    old = timed_windows(url, n, per_day, False)
    start = time.perf_counter()
    open_log(url).close()  # a writer opens it: the index made
    print(f"| {name} | upgrade: a writer opens the log | {n:,} | {time.perf_counter() - start:.2f} s | — |")
    new = timed_windows(url, n, per_day, True)
    for (query, before, seqs), (_, after, same) in zip(old, new):
        assert seqs == same, (query, len(seqs), len(same))
        print(f"| {name} | {query} | {len(seqs):,} | {before * 1000:,.1f} ms | {after * 1000:,.1f} ms |", flush=True)


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
    parser.add_argument("--windows", type=int, metavar="N",
                        help="Instead of verify and replay: the queries by time over a log of N records.")
    parser.add_argument("--per-day", type=int, default=10_000, help="Records logged a day in the --windows log.")
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
    if args.windows:
        print("\n| backend | query | records answered | before the index | with it |\n|---|---|---:|---:|---:|")
        for name, url_of in backends.items():
            time_windows(name, url_of(f"windows{name}"), pack, inputs, args.windows, args.per_day)
    print("\n| backend | step | records | seconds | records/s | RSS before MB | peak during MB |\n"
          "|---|---|---:|---:|---:|---:|---:|")
    for name, url_of in backends.items() if not args.windows else ():
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
