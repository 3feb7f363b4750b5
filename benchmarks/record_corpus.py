"""Record the decision corpus: what the code installed now decides for seeded random inputs.

    python benchmarks/record_corpus.py --out tests/data/corpus/decisions.jsonl.gz \
        --tasks 6000 --events 6000 --seed 11

Writes one gzip JSON line per input, in generation order (tasks, then events):

    {"kind": "task"|"event", "input": {...}, "at": ISO or null, "decision": {...}}
    {"kind": ..., "input": ..., "at": ..., "error": ["problem", ...]}

``decision`` is ``model_dump(mode="json")`` without its ``pack`` key (the pack's
version and digest are not what a refactor must keep); ``error`` lists
``str(problem)`` of the ``InputError``.  ``tests/test_corpus.py`` decides every
input again with the code under test and demands the same JSON, byte for byte.
Prints a coverage table (verdicts, flags, grades, levels, whistles, errors) and
exits 1 when something the contract names occurs fewer than ``--min`` times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import sys
from collections import Counter
from datetime import datetime

from gridrules import Checker, InputError, load_pack  # noqa: E402
from gridrules.bench.random_inputs import random_events, random_tasks  # noqa: E402

# The contract's vocabulary (the public contract), which the corpus must exercise.
VERDICTS = ("admitted", "temporary", "needs_application", "forbidden")
TASK_FLAGS = (
    "forbidden_activity", "beyond_role_power", "list_item_mismatch", "temporary_unknown",
    "temporary_wrong_town", "temporary_expired", "temporary_mismatch", "unlisted",
    "unauthorized_assignment", "bypassed_unified_dispatch", "over_capacity",
)
EVENT_FLAGS = (
    "grade_raised", "escalated_unresolved", "escalated_overdue", "needs_enforcement", "spans_units",
    "direct_report", "whistle", "unauthorized_assignment", "unknown_unit", "calendar_incomplete",
    "past_deadline",
)
LEVELS = ("grid", "community", "town", "district")
GRADES = ("general", "significant", "major", "urgent")
WHISTLES = ("应急哨", "执法哨", "日常哨")


def decision_json(decision) -> dict:
    doc = decision.model_dump(mode="json")
    doc.pop("pack", None)
    return doc


def record_line(kind: str, doc: dict, at: datetime | None, result) -> dict:
    line = {"kind": kind, "input": doc, "at": at.isoformat() if at else None}
    if isinstance(result, InputError):
        line["error"] = [str(p) for p in result.problems]
    else:
        line["decision"] = decision_json(result)
    return line


def decide(checker: Checker, kind: str, doc: dict, at: datetime | None):
    try:
        if kind == "task":
            return checker.check_task(doc, at=at)
        return checker.route_event(doc, at=at)
    except InputError as exc:
        return exc


def coverage(lines) -> dict[str, Counter]:
    """What the recorded lines exercise, counted."""
    c: dict[str, Counter] = {k: Counter() for k in
                             ("verdict", "task flag", "event flag", "grade", "level", "whistle", "error")}
    for line in lines:
        if "error" in line:
            c["error"][line["kind"]] += 1
            continue
        d = line["decision"]
        if line["kind"] == "task":
            c["verdict"][d["verdict"]] += 1
            c["task flag"].update(d["flags"])
        else:
            c["event flag"].update(d["flags"])
            c["grade"][d["grade"]] += 1
            c["level"][d["level"]] += 1
            c["whistle"][d["whistle"]["kind"] if d["whistle"] else "none"] += 1
    return c


EXPECTED = {"verdict": VERDICTS, "task flag": TASK_FLAGS, "event flag": EVENT_FLAGS, "grade": GRADES,
            "level": LEVELS, "whistle": WHISTLES, "error": ("task", "event")}


def missing(c: dict[str, Counter], minimum: int) -> list[str]:
    return [f"{what} {name}: {c[what][name]}" for what, names in EXPECTED.items()
            for name in names if c[what][name] < minimum]


def print_coverage(c: dict[str, Counter], out=sys.stdout) -> None:
    for what, names in EXPECTED.items():
        extra = [k for k in c[what] if k not in names]
        print(f"{what}:", file=out)
        for name in list(names) + extra:
            print(f"    {name:28} {c[what][name]:6}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--tasks", type=int, default=6000)
    ap.add_argument("--events", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--min", type=int, default=5, help="least occurrences of each verdict/flag (default 5)")
    args = ap.parse_args(argv)

    pack = load_pack()
    checker = Checker(pack)
    lines = []
    for kind, inputs in (("task", random_tasks(pack, args.tasks, args.seed)),
                         ("event", random_events(pack, args.events, args.seed))):
        for doc, at in inputs:
            lines.append(record_line(kind, doc, at, decide(checker, kind, doc, at)))
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    # mtime=0: the same corpus gives the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(text.encode("utf-8"))
    c = coverage(lines)
    print_coverage(c)
    print(f"{len(lines)} lines -> {out} ({out.stat().st_size / 1e6:.2f} MB)")
    short = missing(c, args.min)
    if short:
        print("under-covered (fewer than %d): %s" % (args.min, "; ".join(short)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
