"""Counting one judged event into a ``Tally`` (the district policy, section 7).

Who is scored on what: a department on the events whose whistles named it (报到
per whistle and department; closure, feedback and satisfaction once per event,
unless it sent the whistle back); a town and a community on the events in them
routed at most at their ``scope_max_level``; grids are only counted.  A pending
event is counted as an event and enters no figure.
"""

from __future__ import annotations

from typing import Callable, Iterable

from gridrules.assess.periods import month_of
from gridrules.assess.tally import Tally, Unit
from gridrules.contract.judgement import EventJudgement
from gridrules.pack.model.assessment import AssessmentFile, Indicator, ScoredLevel
from gridrules.pack.pack import Pack

JUDGED = ("on_time", "late")


class Counter:
    """Counts judgements for one pack; ``explain`` names the units whose events are listed."""

    def __init__(self, pack: Pack, explain: Iterable[str] = ()):
        assert pack.assessment is not None
        self.pack = pack
        self.model: AssessmentFile = pack.assessment
        self.rank = pack.level_rank
        self.explain = set(explain)
        self.emergency = {w.id for w in pack.whistle_kinds if w.id in self.model.black.late_whistle_kinds}
        self.district = pack.district.id
        self.handled_within = self.rank[self.model.grids.handled_within]

    def count(self, tally: Tally, j: EventJudgement) -> None:
        self._grid(tally, j)
        self._district(tally, j)
        for level_name in ("town", "community"):
            scored: ScoredLevel = getattr(self.model.levels, level_name)
            uid = getattr(j, level_name)
            limit = scored.scope_max_level
            if uid is None or (limit is not None and self.rank[j.routed_level] > self.rank[limit]):
                continue
            self._scored(tally, (level_name, uid), scored, j, None)
        for department in dict.fromkeys(d for w in j.whistles for d in (a.department for a in w.answers)):
            units = [("department", department)] + ([("department_town", f"{department}@{j.town}")] if j.town else [])
            for unit in units:
                self._scored(tally, unit, self.model.levels.department, j, department)

    def _scored(self, tally: Tally, unit: Unit, scored: ScoredLevel, j: EventJudgement, department: str | None) -> None:
        counts = tally.unit(unit)
        counts.events += 1
        if j.pending:
            counts.pending += 1
            return
        entered = False
        for indicator in scored.indicators:
            for ok in self._values(indicator, j, department):
                counts.add(indicator.id, ok)
                entered = True
                if unit[0] in self.explain or unit[1] in self.explain:
                    tally.explained.setdefault(unit, {}).setdefault(indicator.id, []).append((j.event, ok))
        if department is not None and any(i.id == "rating" for i in scored.indicators):
            scores = [r["score"] for r in j.ratings if r["department"] == department]
            counts.rating_sum += sum(scores)
            counts.rating_n += len(scores)
            entered = entered or bool(scores)
            if scores and (unit[0] in self.explain or unit[1] in self.explain):
                tally.explained.setdefault(unit, {}).setdefault("rating", []).extend((j.event, True) for _ in scores)
        if department is not None:
            late = [a for w in j.whistles if w.kind in self.emergency for a in w.answers
                    if a.department == department and a.judgement == "late"]
            counts.late_emergency += len(late)
        counts.cases += entered

    def _values(self, indicator: Indicator, j: EventJudgement, department: str | None) -> list[bool]:
        """The on-time (True) / late (False) values an event gives an indicator (none, one or many)."""
        kind = indicator.id
        if kind == "reported_in":
            return [a.judgement == "on_time" for w in j.whistles for a in w.answers
                    if a.department == department and a.judgement in JUDGED]
        if kind == "rating":
            return []  # counted apart: a mean, not a share of events
        if department is not None and department in j.returned:
            return []  # 退哨: not scored on this event's closure, feedback or satisfaction
        return _EVENT_VALUES[kind](self, indicator, j)

    def _closed(self, indicator: Indicator, j: EventJudgement) -> list[bool]:
        if indicator.at_level is None:
            verdict = j.closed
        else:
            verdicts = [s.closed for s in j.segments if s.level == indicator.at_level]
            verdict = "late" if "late" in verdicts else "on_time" if "on_time" in verdicts else "excluded"
        return [verdict == "on_time"] if verdict in JUDGED else []

    def _feedback(self, _indicator: Indicator, j: EventJudgement) -> list[bool]:
        return [j.feedback == "on_time"] if j.feedback in JUDGED else []

    def _satisfaction(self, _indicator: Indicator, j: EventJudgement) -> list[bool]:
        return [] if j.satisfied is None else [j.satisfied]

    def _resolved_within(self, indicator: Indicator, j: EventJudgement) -> list[bool]:
        assert indicator.within is not None  # crossref requires it
        return [j.resolved and self.rank[j.final_level] <= self.rank[indicator.within]]

    def _no_unauthorized(self, _indicator: Indicator, _j: EventJudgement) -> list[bool]:
        return []  # counted from task decisions (``count_tasks``), not from events

    def _grid(self, tally: Tally, j: EventJudgement) -> None:
        counts = tally.unit(("grid", j.grid))
        counts.events += 1
        if j.pending:
            counts.pending += 1
            return
        counts.cases += 1
        counts.add("handled_close", j.resolved and self.rank[j.final_level] <= self.handled_within)
        if j.decision.direct_report:  # the grade required 直报
            counts.add("direct_report", j.direct_report)

    def _district(self, tally: Tally, j: EventJudgement) -> None:
        unit = ("district", self.district)
        counts = tally.unit(unit)
        counts.events += 1
        if j.pending:
            counts.pending += 1
            return
        counts.cases += 1
        month = month_of(j.reported_at, self.pack.tz)
        for name, verdict in (("closed", j.closed), ("feedback", j.feedback)):
            if verdict in JUDGED:
                counts.add(name, verdict == "on_time")
                tally.month(unit, month, name, verdict == "on_time")
                if j.town is not None:
                    tally.month(("town", j.town), month, name, verdict == "on_time")


_EVENT_VALUES: dict[str, Callable[[Counter, Indicator, EventJudgement], list[bool]]] = {
    "closed": Counter._closed,
    "feedback": Counter._feedback,
    "satisfaction": Counter._satisfaction,
    "resolved_within": Counter._resolved_within,
    "no_unauthorized_assignment": Counter._no_unauthorized,
}


def count_tasks(tally: Tally, decisions: Iterable[tuple[str, bool]], towns: Iterable[str]) -> None:
    """The towns' assigned tasks: (town, unauthorized) pairs -> no_unauthorized_assignment."""
    known = set(towns)
    for town, unauthorized in decisions:
        if town in known:
            tally.unit(("town", town)).add("no_unauthorized_assignment", not unauthorized)
