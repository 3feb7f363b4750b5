"""How fast records are judged and counted, against routing the same events plainly.

    python benchmarks/assess_speed.py --records 3000 --seed 19 --rounds 3

Records are built from ``gridrules.bench.random_inputs.random_events`` (distinct events, the invalid
and history-carrying ones left out) with seeded random steps: a whistle and 报到 where
the routing blows one, a response, feedback, an escalation for one in ten, a resolution
for nine in ten, a 回访 for most.  One run times, interleaved per round: ``route`` (plain
``Checker.route_event`` of each event), ``judge`` (``Checker.judge_record``: validation,
the walk, one routing per segment plus the final one) and ``assess`` (``assess_records``:
judge and count into a tally, then score).  CPU time per record, medians over rounds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta

from gridrules import Checker, load_pack  # noqa: E402
from gridrules.bench.random_inputs import random_events  # noqa: E402
from gridrules.assess import assess_records, parse_period  # noqa: E402
from gridrules.contract.base import parse_datetime  # noqa: E402


def _records(checker: Checker, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for event, _ in random_events(checker.pack, n * 4, seed):
        if len(out) == n or event.get("history") or "assigned_to" in event:
            continue
        try:
            decision = checker.route_event(event)
        except Exception:  # the deliberately invalid ones
            continue
        moment = decision.at  # the event's reported_at
        steps = []

        def later(hours: float) -> str:
            nonlocal moment
            moment = moment + timedelta(minutes=rng.randint(1, int(hours * 60)))
            return moment.isoformat()

        if decision.whistle is not None:
            steps.append({"at": later(1), "kind": "whistle", "departments": decision.whistle.departments})
            for department in decision.whistle.departments:
                steps.append({"at": later(30), "kind": "reported_in", "department": department})
        if decision.handler.unit:
            steps.append({"at": later(30), "kind": "responded", "unit": decision.handler.unit})
        steps.append({"at": later(80), "kind": "feedback"})
        if rng.random() < 0.1 and decision.level != "district":
            level = checker.pack.levels[checker.pack.level_rank[decision.level] + 1].id
            steps.append({"at": later(48), "kind": "escalated", "level": level,
                          "reason": rng.choice(["unresolved", "overdue"])})
        if rng.random() < 0.9:
            steps.append({"at": later(120), "kind": "resolved"})
            if rng.random() < 0.8:
                steps.append({"at": later(72), "kind": "revisit",
                              "satisfaction": rng.choice(["satisfied", "basic", "dissatisfied"])})
        out.append({"event": event, "steps": steps})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    checker = Checker(load_pack())
    records = _records(checker, args.records, args.seed)
    moment = max(parse_datetime(s["at"]) for r in records for s in r["steps"]) + timedelta(days=60)
    period = parse_period("2026")
    timings: dict[str, list[float]] = {"route": [], "judge": [], "assess": []}
    for _ in range(args.rounds):
        started = time.process_time()
        for r in records:
            checker.route_event(r["event"])
        timings["route"].append(time.process_time() - started)
        started = time.process_time()
        for r in records:
            checker.judge_record(r, moment)
        timings["judge"].append(time.process_time() - started)
        started = time.process_time()
        assess_records(checker, [(str(i), r) for i, r in enumerate(records)], period, moment)
        timings["assess"].append(time.process_time() - started)
    route = statistics.median(timings["route"])
    print(f"{len(records)} distinct records, {args.rounds} rounds, CPU time, medians")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"  {name:7s} {median / len(records) * 1e6:8.1f} µs/record  {len(records) / median:9.0f} records/s"
              f"  ×{median / route:.2f} of route")
    return 0


if __name__ == "__main__":
    sys.exit(main())
