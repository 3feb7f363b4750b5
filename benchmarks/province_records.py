"""A seeded year of lifecycle records at province scale, written as JSON Lines, streaming.

    python benchmarks/province_records.py --records 1000000 --seed 7 --out /tmp/records-1m.jsonl

A pool of distinct event templates (``assess_speed._records``: random events routed by the
bundled pack, with whistles and 报到, responses, feedback, one escalation in ten, a
resolution for nine in ten and a 回访 for most) is drawn from; each record takes a template,
moves it to a random moment of 2026 (so no two records are alike: every record is routed and
judged afresh) and gets its own event id.  Besides, in these shares: 2 % of resolved matters
reopened (复发), 0.3 % lines that are not JSON, 0.3 % naming a department the pack lacks,
0.1 % repeating an earlier record's event id.  The towns, communities, grids and departments
are the bundled pack's (one district's: the engine routes within a pack, so a province is
the sum of its districts' runs, each as large as this).
"""

from __future__ import annotations

import argparse
import copy
import json
import pathlib
import random
import sys
from datetime import datetime, timedelta

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from assess_speed import _records  # type: ignore[import-not-found]  # noqa: E402

from gridrules import Checker, load_pack  # noqa: E402
from gridrules.contract.base import parse_datetime  # noqa: E402

TEMPLATES = 3000
SHARES = {"reopened": 0.02, "not_json": 0.003, "unknown_department": 0.003, "repeated_id": 0.001}
YEAR = datetime.fromisoformat("2026-01-01T00:00:00+08:00")


def _moved(template: dict, rng: random.Random, number: int, seed: int) -> dict:
    record = copy.deepcopy(template)
    start = parse_datetime(record["event"]["reported_at"])
    shift = YEAR + timedelta(minutes=rng.randrange(365 * 24 * 60 - 60 * 24 * 20)) - start
    record["event"]["reported_at"] = (start + shift).isoformat()
    record["event"]["id"] = f"P{seed}-{number:09d}"
    for step in record["steps"]:
        step["at"] = (parse_datetime(step["at"]) + shift).isoformat()
    return record


def records(n: int, seed: int, templates: int = TEMPLATES):
    """The lines (text, without the newline) of ``n`` records."""
    rng = random.Random(seed)
    pool = _records(Checker(load_pack()), templates, seed)
    recent: list[str] = []
    for number in range(n):
        record = _moved(rng.choice(pool), rng, number, seed)
        roll = rng.random()
        kinds = [s["kind"] for s in record["steps"]]
        if roll < SHARES["reopened"] and kinds and kinds[-1] in ("resolved", "revisit"):
            last = parse_datetime(record["steps"][-1]["at"])
            record["steps"].append({"at": (last + timedelta(days=rng.randint(1, 5))).isoformat(), "kind": "reopened"})
        roll -= SHARES["reopened"]
        if 0 <= roll < SHARES["not_json"]:
            yield json.dumps(record, ensure_ascii=False)[:-7]
            continue
        roll -= SHARES["not_json"]
        if 0 <= roll < SHARES["unknown_department"]:
            record["steps"].insert(0, {"at": record["event"]["reported_at"], "kind": "whistle",
                                       "departments": ["no_such_department"]})
        roll -= SHARES["unknown_department"]
        if 0 <= roll < SHARES["repeated_id"] and recent:
            record["event"]["id"] = rng.choice(recent)
        elif rng.random() < 0.01:
            recent = (recent + [record["event"]["id"]])[-1000:]
        yield json.dumps(record, ensure_ascii=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as out:
        for line in records(args.records, args.seed):
            out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
