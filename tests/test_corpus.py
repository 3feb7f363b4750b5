"""The decision corpus: the code under test decides 12,000 recorded inputs exactly as recorded.

``tests/data/corpus/decisions.jsonl.gz`` was written by ``benchmarks/record_corpus.py``
with the code of commit ac3ecd4 (before the subpackage redesign), and re-recorded for issue 19
(escalations renew the response and closure limits from the escalating entry, policy.md §6:
the 609 decisions that changed are all escalated events, differing only in those two deadlines,
the reasons and past_deadline/calendar_incomplete flags that quote them) and for issue 14
(two-field errors name their field: 84 refusals gained ``end: ``, ``department: ``,
``activities[i]: `` or ``history[i].at: ``; no decision changed): seeded random tasks
and events over the bundled pack, every field drawn at random, ~3 % deliberately
invalid.  Each input is decided again here through ``Checker(load_pack())`` -- the
public API only -- one at a time and through the batch API, and the JSON of each
decision (``model_dump(mode="json")`` without ``pack``) must equal the recorded one
byte for byte; an invalid input must give the same ``InputError`` problems.

A refactor that changes no decision passes.  When a decision change is intended
(the pack or the policy changed), re-record the corpus with the new code and
review the diff of the decisions, never the other way round.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from gridrules import Checker, InputError, load_pack

CORPUS = Path(__file__).parent / "data" / "corpus" / "decisions.jsonl.gz"
SHOW = 5  # mismatches shown in a failure

# The contract's vocabulary (the public contract) the corpus must exercise, each at least MIN times.
MIN = 5
EXPECTED = {
    "verdict": ("admitted", "temporary", "needs_application", "forbidden"),
    "task flag": ("forbidden_activity", "beyond_role_power", "list_item_mismatch", "temporary_unknown",
                  "temporary_wrong_town", "temporary_expired", "temporary_mismatch", "unlisted",
                  "unauthorized_assignment", "bypassed_unified_dispatch", "over_capacity"),
    "event flag": ("grade_raised", "escalated_unresolved", "escalated_overdue", "needs_enforcement",
                   "spans_units", "direct_report", "whistle", "unauthorized_assignment", "unknown_unit",
                   "calendar_incomplete", "past_deadline"),
    "grade": ("general", "significant", "major", "urgent"),
    "level": ("grid", "community", "town", "district"),
    "whistle": ("应急哨", "执法哨", "日常哨", None),
    "error": ("task", "event"),
}


def dumps(doc) -> str:
    return json.dumps(doc, sort_keys=False, ensure_ascii=False)


def answer(result) -> str:
    """What a decision or an InputError must be byte for byte: the recorded JSON."""
    if isinstance(result, InputError):
        return dumps({"error": [str(p) for p in result.problems]})
    doc = result.model_dump(mode="json")
    doc.pop("pack", None)
    return dumps({"decision": doc})


def expected(line: dict) -> str:
    if "error" in line:
        return dumps({"error": line["error"]})
    return dumps({"decision": line["decision"]})


def moment(line: dict) -> datetime | None:
    return datetime.fromisoformat(line["at"]) if line["at"] is not None else None


def decide_one(checker: Checker, line: dict):
    try:
        if line["kind"] == "task":
            return checker.check_task(line["input"], at=moment(line))
        return checker.route_event(line["input"], at=moment(line))
    except InputError as exc:
        return exc


def decide_batched(checker: Checker, lines: list[dict]) -> list:
    """Every line through check_tasks/route_events, one call per (kind, at): those calls
    take one moment for the whole batch.  Results come back in the lines' order."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        groups[(line["kind"], line["at"])].append(i)
    results: list = [None] * len(lines)
    for (kind, at), indexes in groups.items():
        batch = checker.check_tasks if kind == "task" else checker.route_events
        docs = [lines[i]["input"] for i in indexes]
        try:
            answers = list(batch(docs, at=moment(lines[indexes[0]])))
        except InputError as exc:  # the batch's moment itself is bad: every line gets its error
            answers = [exc] * len(indexes)
        assert len(answers) == len(indexes), f"{kind} batch at {at}: {len(answers)} answers for {len(indexes)}"
        for i, result in zip(indexes, answers):
            results[i] = result
    return results


def mismatches(lines: list[dict], results: list) -> list[tuple[int, str, str]]:
    out = []
    for i, (line, result) in enumerate(zip(lines, results)):
        got = answer(result)
        want = expected(line)
        if got != want:
            out.append((i, want, got))
    return out


def first_difference(want: str, got: str) -> str:
    """The top-level fields that differ, else the first differing character."""
    a, b = json.loads(want), json.loads(got)
    a, b = a.get("decision", a), b.get("decision", b)
    keys = [k for k in dict.fromkeys([*a, *b]) if a.get(k, "<absent>") != b.get(k, "<absent>")]
    if keys:
        return "; ".join(f"{k}: recorded {dumps(a.get(k, '<absent>'))} != now {dumps(b.get(k, '<absent>'))}"
                         for k in keys)
    n = next((j for j, (x, y) in enumerate(zip(want, got)) if x != y), min(len(want), len(got)))
    return f"JSON text differs at character {n}: recorded …{want[max(0, n - 40):n + 40]}… now …{got[max(0, n - 40):n + 40]}…"


def report(lines: list[dict], found: list[tuple[int, str, str]], how: str) -> str:
    parts = [f"{len(found)} of {len(lines)} decisions differ from the corpus ({how}); the first {SHOW}:"]
    for i, want, got in found[:SHOW]:
        line = lines[i]
        parts.append(
            f"\n#{i} {line['kind']} at={line['at']}\n  input: {dumps(line['input'])}\n"
            f"  {first_difference(want, got)}\n  recorded: {want}\n  now:      {got}"
        )
    return "\n".join(parts)


@pytest.fixture(scope="module")
def lines() -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(text) for text in f]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_pack())


def test_corpus_covers_the_contract(lines):
    """Every verdict, flag, grade, level and whistle kind of the contract, and invalid
    inputs of both kinds, occur at least MIN times -- else the corpus proves little."""
    seen: dict[str, Counter] = {what: Counter() for what in EXPECTED}
    kinds = Counter(line["kind"] for line in lines)
    for line in lines:
        if "error" in line:
            assert line["error"], line
            seen["error"][line["kind"]] += 1
            continue
        d = line["decision"]
        if line["kind"] == "task":
            seen["verdict"][d["verdict"]] += 1
            seen["task flag"].update(d["flags"])
        else:
            seen["event flag"].update(d["flags"])
            seen["grade"][d["grade"]] += 1
            seen["level"][d["level"]] += 1
            seen["whistle"][d["whistle"]["kind"] if d["whistle"] else None] += 1
    short = [f"{what} {name!r}: {seen[what][name]}" for what, names in EXPECTED.items()
             for name in names if seen[what][name] < MIN]
    assert not short, f"under-covered (< {MIN}): {short}"
    assert kinds["task"] >= 5000 and kinds["event"] >= 5000, kinds
    errors = seen["error"]["task"] + seen["error"]["event"]
    assert 0.01 * len(lines) < errors < 0.06 * len(lines), errors  # mostly valid, some invalid
    # distinct inputs: no two lines share their decision-relevant content and moment
    keys = {(line["kind"], line["at"], dumps({k: v for k, v in sorted(line["input"].items())
                                               if k not in ("id", "title", "description")}))
            for line in lines}
    assert len(keys) == len(lines)


def test_each_decision_is_as_recorded(lines, checker):
    found = mismatches(lines, [decide_one(checker, line) for line in lines])
    assert not found, report(lines, found, "check_task / route_event")


def test_batch_decisions_are_as_recorded(lines, checker):
    found = mismatches(lines, decide_batched(checker, lines))
    assert not found, report(lines, found, "check_tasks / route_events")


def test_the_comparison_catches_a_change(lines, checker):
    """The check is not vacuous: one changed reason text, flag or error in the
    recorded answers is reported, with its input."""
    sample = [next(line for line in lines if line["kind"] == "task" and "decision" in line),
              next(line for line in lines if line["kind"] == "event" and "decision" in line and line["decision"]["flags"]),
              next(line for line in lines if "error" in line)]
    results = [decide_one(checker, line) for line in sample]
    assert not mismatches(sample, results)
    changed = json.loads(json.dumps(sample))
    changed[0]["decision"]["reasons"][0]["text"] += "。"
    changed[1]["decision"]["flags"] = changed[1]["decision"]["flags"][::-1] + ["x"]
    changed[2]["error"] = changed[2]["error"] + ["another problem"]
    found = mismatches(changed, results)
    assert [i for i, _, _ in found] == [0, 1, 2]
    text = report(changed, found, "self-test")
    assert "reasons: recorded" in text and changed[0]["input"]["id"] in text
