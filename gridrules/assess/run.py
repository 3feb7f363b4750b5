"""``assess_records``: judge every record, count, score and list, for one period.

Records come as ``(source, data)`` pairs (``data`` is the parsed JSON object, or
the ``InputError`` its line gave); a bad record -- malformed, out of order,
naming codes the pack lacks, or an event id already seen -- becomes one
``RecordError`` (the record and its fields), is counted, and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from gridrules.assess.count import Counter, count_tasks
from gridrules.assess.periods import Period
from gridrules.assess.score import UnitScore, scores, unit_name
from gridrules.assess.tally import Tally
from gridrules.decide.checker import Checker
from gridrules.decide.inputs import validate_task
from gridrules.errors import InputError, PackError, Problem


@dataclass
class RecordError:
    source: str
    event: str | None
    problems: list[Problem]

    def as_dict(self) -> dict:
        return {"record": self.source, "event": self.event, "problems": [p.as_dict() for p in self.problems]}

    def __str__(self) -> str:
        who = f"{self.source}（{self.event}）" if self.event else self.source
        return f"{who}: " + "; ".join(str(p) for p in self.problems)


@dataclass
class AssessmentRun:
    period: Period
    at: datetime
    pack: dict
    tally: Tally
    scores: dict[str, list[UnitScore]]
    errors: list[RecordError] = field(default_factory=list)
    task_errors: list[RecordError] = field(default_factory=list)

    def listed(self, which: str) -> list[UnitScore]:
        return [u for level in ("department", "town", "community") for u in self.scores[level] if which in u.lists]

    def budget_cuts(self) -> list[UnitScore]:
        return [u for level in ("department", "town", "community") for u in self.scores[level] if u.budget_cut]

    def grids(self) -> list[dict]:
        out = []
        for (level, uid), counts in sorted(self.tally.units.items()):
            if level == "grid":
                close = counts.figures.get("handled_close", [0, 0])
                direct = counts.figures.get("direct_report", [0, 0])
                out.append({"grid": uid, "events": counts.events, "pending": counts.pending,
                            "handled_close": close, "direct_report_urgent": direct})
        return out

    def exit_code(self) -> int:
        return 2 if self.errors or self.task_errors else 0


def _event_id(data: Any) -> str | None:
    event = data.get("event") if isinstance(data, dict) else None
    found = event.get("id") if isinstance(event, dict) else None
    return found if isinstance(found, str) else None


def assess_records(checker: Checker, records: Iterable[tuple[str, Any]], period: Period, at: datetime,
                   tasks: Iterable[tuple[str, Any]] = (), explain: Iterable[str] = ()) -> AssessmentRun:
    pack = checker.pack
    if pack.assessment is None:
        raise PackError(Problem("this pack has no assessment.yaml: nothing says what to score"))
    counter = Counter(pack, explain)
    tally = Tally()
    errors: list[RecordError] = []
    seen: set[str] = set()
    for source, data in records:
        tally.records += 1
        try:
            if isinstance(data, InputError):
                raise data
            event_id = _event_id(data)
            if event_id is not None and event_id in seen:
                raise InputError(Problem(f"event id '{event_id}' was already seen in an earlier record",
                                         field="event.id"))
            judgement = checker.judge_record(data, at, source, final=False)  # counting needs no final routing
        except InputError as exc:
            errors.append(RecordError(source, _event_id(data), exc.problems))
            tally.errors += 1
            continue
        seen.add(judgement.event)
        tally.digest_mismatch += judgement.digest_mismatch
        if period.holds(judgement.reported_at, pack.tz):
            tally.in_period += 1
            counter.count(tally, judgement)
    task_errors = _tasks(checker, tasks, period, at, tally)
    info = pack.info
    return AssessmentRun(period, at, {"name": info.name, "version": info.version, "digest": info.digest},
                         tally, scores(pack, tally), errors, task_errors)


def _tasks(checker: Checker, tasks: Iterable[tuple[str, Any]], period: Period, at: datetime,
           tally: Tally) -> list[RecordError]:
    """Towns' assigned tasks whose start is in the period: a task document (decided here,
    at ``at``) or ``{task: …, decision: …}`` (the decision's flags are taken as given)."""
    pairs: list[tuple[str, bool]] = []
    errors: list[RecordError] = []
    for source, data in tasks:
        try:
            if isinstance(data, InputError):
                raise data
            paired = isinstance(data, dict) and set(data) == {"task", "decision"}
            task = validate_task(data["task"] if paired else data, checker.pack, source=source)
            if paired:
                flags = data["decision"].get("flags") if isinstance(data["decision"], dict) else None
                if not isinstance(flags, list):
                    raise InputError(Problem("a task decision carries its flags (a list)", field="decision.flags"))
            else:
                flags = checker.check_task(task, at=at).flags
        except InputError as exc:
            errors.append(RecordError(source, None, exc.problems))
            continue
        if task.issued_by == "town" and task.status == "assigned" and period.first <= task.start < period.end:
            pairs.append((task.department, "unauthorized_assignment" in flags))
    count_tasks(tally, pairs, checker.pack.towns)
    return errors


__all__ = ["AssessmentRun", "RecordError", "assess_records", "unit_name"]
