"""Property-based tests: any valid task or event is decided (never anything raised), and
decisions keep the contract's invariants; any mutation of a valid one is decided or refused
with ``InputError`` -- in the library and through ``--batch``, where every line is answered.

Bounded (``max_examples``, no deadline) so the suite stays quick; benchmarks/fuzz.py runs
the same strategies for as long as it is given.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridrules import Checker, load_pack
from gridrules.cli.main import main
from gridrules.contract.documents import EventDecision, TaskDecision
from gridrules.errors import InputError

from fuzzing import TEXT, events, moments, mutated, tasks  # tests/fuzzing.py: the strategies, shared with benchmarks/fuzz.py

PACK = load_pack()
CHECKER = Checker(PACK)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEGATIVE = {entry.activity for entry in PACK.negative if entry.activity}
LIST_FLAGS = {"list_item_mismatch", "unlisted", "temporary_unknown", "temporary_wrong_town", "temporary_expired",
              "temporary_mismatch"}


def _check_task_invariants(task: dict, decision: TaskDecision) -> None:
    flags = set(decision.flags)
    rules = [r.rule for r in decision.reasons]
    # verdict order: forbidden first, whatever else holds
    assert (decision.verdict == "forbidden") == bool(flags & {"forbidden_activity", "beyond_role_power"})
    assert ("forbidden_activity" in flags) == bool(NEGATIVE & set(task["activities"]))
    if decision.verdict == "forbidden":
        assert not flags & LIST_FLAGS
    if decision.verdict == "admitted":
        # a department's item admits it, or a town relays the item it names (policy §8)
        via = "relay" if task.get("issued_by") == "town" else "item"
        assert decision.list_item is not None and f"{via}.{decision.list_item}" in rules
    if decision.verdict == "temporary":
        assert task.get("issued_by") == "town" and decision.temporary_approval == task.get("temporary_approval")
    assert (decision.verdict == "needs_application") == ("unlisted" in flags)
    assigned = task.get("status") == "assigned"
    assert ("unauthorized_assignment" in flags) == (assigned and decision.verdict not in ("admitted", "temporary"))
    assert ("bypassed_unified_dispatch" in flags) == (assigned and task.get("channel") == "direct")
    assert decision.reasons and decision.pack.digest == PACK.digest


def _check_event_invariants(event: dict, decision: EventDecision) -> None:
    etype = PACK.event_types[event["type"]]
    level, grade = PACK.level_rank[decision.level], PACK.grade_rank[decision.grade]
    reported = datetime.fromisoformat(event["reported_at"])
    assert level >= PACK.level_rank[etype.level]  # never below the type's default
    assert grade >= PACK.grade_rank[etype.grade]
    if event.get("grade"):
        assert grade >= PACK.grade_rank[event["grade"]]  # a reported grade is never lowered
    assert ("grade_raised" in decision.flags) == (grade > PACK.grade_rank[etype.grade])
    d = decision.deadlines
    assert reported <= d.respond_by and reported <= d.close_by and reported <= d.feedback_by
    assert decision.handler.level == decision.level
    assert ("direct_report" in decision.flags) == bool(decision.direct_report)
    assert ("whistle" in decision.flags) == (decision.whistle is not None)
    assert decision.escalated == bool({"escalated_unresolved", "escalated_overdue"} & set(decision.flags))
    assigned = event.get("assigned_to")
    assert ("unauthorized_assignment" in decision.flags) == (assigned is not None and PACK.level_rank[assigned] < level)
    assert decision.reasons and decision.pack.digest == PACK.digest


AT = datetime(2026, 11, 25, 10, tzinfo=timezone(timedelta(hours=8)))


@SETTINGS
@given(tasks(PACK), moments())
def test_any_valid_task_is_decided_and_keeps_the_invariants(task, at):
    _check_task_invariants(task, CHECKER.check_task(task, at=at))


@SETTINGS
@given(events(PACK))
def test_any_valid_event_is_decided_and_keeps_the_invariants(event):
    _check_event_invariants(event, CHECKER.route_event(event))


@SETTINGS
@given(st.one_of(tasks(PACK).flatmap(mutated), events(PACK).flatmap(mutated)))
def test_any_mutation_is_decided_or_refused_with_input_error(doc):
    for decide in (CHECKER.check_task, CHECKER.route_event):
        try:
            decide(doc, at=AT)
        except InputError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
    for batch in (CHECKER.check_tasks([doc, doc], at=AT), CHECKER.route_events([doc, doc], at=AT)):
        results = list(batch)  # the batch APIs yield the InputError in the item's place
        assert len(results) == 2 and all(isinstance(r, (TaskDecision, EventDecision, InputError)) for r in results)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(events(PACK).flatmap(mutated).map(lambda d: json.dumps(d, ensure_ascii=False)),
                          st.text(TEXT, max_size=40)), min_size=1, max_size=25))
def test_a_batch_of_mutations_answers_every_line(capsys, tmp_path_factory, lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path = tmp_path_factory.mktemp("batch") / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["route", str(path), "--batch", "--format", "json"])
    out = capsys.readouterr()
    assert "unexpected error" not in out.err
    rows = [json.loads(line) for line in out.out.split("\n")[:-1]]  # records end at \n only (U+2028 may be in one)
    answered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert [r.get("line", n) for r, n in zip(rows, answered)] == answered and len(rows) == len(answered)
    assert code in (0, 1, 2)
