"""Full garbage collections in a long-running routing process, with and without gc.freeze().

    python benchmarks/gc_pauses.py [--pack DIR] [--rounds 10] [--n 5000] [--freeze] [--format text|json]

Builds a ``Checker``, routes 500 events to warm up, then ``--rounds`` rounds of
``--n`` fresh events (``gridrules.bench.sample_events``), printing each round's
µs per event and the duration of every full (generation 2) collection the
cyclic garbage collector made meanwhile.  With ``--freeze``, ``gc.freeze()`` is
called once after the ``Checker`` is built, as README.md suggests for a
long-running service with a large pack.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time

from gridrules import Checker, load_pack
from gridrules.bench import sample_events


def run(pack_dir: str | None, rounds: int, n: int, freeze: bool) -> dict:
    pack = load_pack(pack_dir)
    checker = Checker(pack)
    if freeze:
        gc.freeze()
    full: list[float] = []
    started: list[float] = []

    def watch(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            full.append(round(time.perf_counter() - started.pop(), 4))

    for event in sample_events(pack, 500, 999):
        checker.route_event(event)
    gc.callbacks.append(watch)
    per_round = []
    try:
        for r in range(rounds):
            events = sample_events(pack, n, 7 + 1000 * r + 1)
            start = time.perf_counter()
            for event in events:
                checker.route_event(event)
            per_round.append(round((time.perf_counter() - start) / n * 1e6, 1))
    finally:
        gc.callbacks.remove(watch)
        if freeze:
            gc.unfreeze()
    return {"pack": pack.info.name, "freeze": freeze, "rounds": rounds, "n": n,
            "us_per_event": per_round, "full_collections_s": full}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", default=None, help="pack folder (default: the bundled pack)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--n", type=int, default=5000, help="events per round")
    parser.add_argument("--freeze", action="store_true", help="call gc.freeze() after building the Checker")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    result = run(args.pack, args.rounds, args.n, args.freeze)
    if args.format == "json":
        print(json.dumps(result))
    else:
        print(f"{result['pack']}, gc.freeze(): {'yes' if args.freeze else 'no'}")
        print("µs per event, by round:", ", ".join(map(str, result["us_per_event"])))
        print("full collections (s):", ", ".join(map(str, result["full_collections_s"])) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
