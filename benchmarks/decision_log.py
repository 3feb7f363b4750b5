"""The decision log's cost, in ONE run: deciding with the log off and on (SQLite, PostgreSQL),
single decisions and group-committed batches; ``log verify`` over N records; replay of N records.

    python benchmarks/decision_log.py [--n 4000] [--verify-n 100000] [--replay-n 20000]
                                      [--postgres URL] [--seed 5]

Library level (no HTTP: the service's own cost is measured by serve_load.py): a Checker over
the bundled pack decides N distinct random tasks and events (gridrules.bench.random_inputs); "single" appends
each decision in its own transaction (one sync each, what a lone request pays), "batch 256" one
transaction per 256 decisions (the CLI's and a batch request's group).  Verify and replay run over
logs filled with distinct random decisions (cycled when N exceeds the decided pool: hashing and
re-deciding cost the same).  Memory: the process's peak RSS after the step (ru_maxrss).
PostgreSQL: --postgres, else $GRIDRULES_TEST_POSTGRES; skipped (said) when none answers.
"""

from __future__ import annotations

import argparse
import os
import resource
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
from gridrules.log.replay import replay  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def rate(label: str, url: str | None, pack, inputs: list, group: int) -> float:
    checker = Checker(pack)  # a fresh answer cache: every decision is made, none remembered
    log = open_log(url) if url else None
    start = time.perf_counter()
    pending = []
    for kind, doc, at, _ in inputs:
        d = checker.check_task(doc, at=at) if kind == "task" else checker.route_event(doc, at=at)
        if log is not None:
            pending.append(entry(kind, doc, d.model_dump(mode="json"), pack, "dispatch"))
            if len(pending) >= group:
                log.append(pending)
                pending = []
    if log is not None:
        log.append(pending)
        log.close()
    per_s = len(inputs) / (time.perf_counter() - start)
    print(f"| {label} | {group if log else '—'} | {len(inputs)} | {per_s:,.0f} |")
    return per_s


def fill(url: str, pack, inputs: list, n: int) -> None:
    entries = [entry(kind, doc, d.model_dump(mode="json"), pack, "dispatch") for kind, doc, _, d in inputs]
    with open_log(url) as log:
        for start in range(0, n, 1000):
            log.append([entries[i % len(entries)] for i in range(start, min(n, start + 1000))])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--verify-n", type=int, default=100_000)
    parser.add_argument("--replay-n", type=int, default=20_000)
    parser.add_argument("--postgres", default=os.environ.get("GRIDRULES_TEST_POSTGRES"))
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--no-rates", action="store_true", help="Only verify and replay.")
    args = parser.parse_args()
    pack = load_pack()
    checker = Checker(pack)
    inputs = decided(checker, pack, args.n, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="gridrules-logbench-"))
    backends = {"sqlite": lambda name: f"sqlite:///{tmp / name}.sqlite"}
    if args.postgres:
        try:
            import psycopg
            with psycopg.connect(args.postgres, autocommit=True) as db:
                db.execute("DROP SCHEMA IF EXISTS logbench CASCADE")
                db.execute("CREATE SCHEMA logbench")
            joiner = "&" if "?" in args.postgres else "?"

            def pg(name: str) -> str:
                with psycopg.connect(args.postgres, autocommit=True) as db:
                    db.execute(f"DROP SCHEMA IF EXISTS lb_{name} CASCADE")
                    db.execute(f"CREATE SCHEMA lb_{name}")
                return f"{args.postgres}{joiner}options=-csearch_path%3Dlb_{name}"

            backends["postgres"] = pg
        except Exception as exc:  # noqa: BLE001
            print(f"PostgreSQL skipped: {exc}")
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
    print("\n| backend | step | records | seconds | records/s | process peak RSS MB |\n|---|---|---:|---:|---:|---:|")
    for name, url_of in backends.items():
        url = url_of(f"verify{name}")
        fill(url, pack, inputs, args.verify_n)
        start = time.perf_counter()
        with open_log(url) as log:
            count, broken = log.verify()
        took = time.perf_counter() - start
        assert broken is None and count == args.verify_n
        print(f"| {name} | verify | {count} | {took:.1f} | {count / took:,.0f} | {rss_mb():.0f} |")
        url = url_of(f"replay{name}")
        fill(url, pack, inputs, args.replay_n)
        start = time.perf_counter()
        with open_log(url) as log:
            result = replay(log, HERE.parent / "rules", pack)  # the bundled pack's source folder
        took = time.perf_counter() - start
        print(f"| {name} | replay (same pack) | {result.replayed} | {took:.1f} | {result.replayed / took:,.0f} | "
              f"{rss_mb():.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
