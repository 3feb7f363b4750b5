"""Counting one judged event into a ``Tally`` (the district policy, section 7).

Who is scored on what: a department on the events whose whistles named it (报到
per whistle and department; closure, feedback and satisfaction once per event,
unless it sent the whistle back); a town and a community on the events in them
routed at most at their ``scope_max_level``; grids are only counted.  A pending
event is counted as an event and enters no figure.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterable, NamedTuple, Sequence

from gridrules.assess.periods import month_of
from gridrules.assess.tally import Tally, Unit
from gridrules.pack.model.assessment import AssessmentFile, Indicator, ScoredLevel
from gridrules.pack.pack import Pack

JUDGED = ("on_time", "late")


class _Plan(NamedTuple):
    """A scored level's indicators, worked out once: (id, indicator, the function giving its
    values; None for reported_in, counted per department's answers), and whether it rates."""

    indicators: tuple[tuple[str, Indicator, Callable | None], ...]
    rating: bool
    scope: int | None  # the rank of scope_max_level


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
        self.district_unit = ("district", self.district)
        self.handled_within = self.rank[self.model.grids.handled_within]
        levels = self.model.levels
        self.places = tuple((name, self._plan(getattr(levels, name))) for name in ("town", "community"))
        self.departments = self._plan(levels.department)
        # the registry's communities and grids: a record naming another is counted apart (Tally.unregistered)
        self.registered = {"community": pack.communities, "grid": pack.grids}

    def _plan(self, scored: ScoredLevel) -> _Plan:
        # rating is a mean, counted apart; no_unauthorized_assignment comes from task decisions
        listed = tuple((i.id, i, None if i.id == "reported_in" else _EVENT_VALUES[i.id]) for i in scored.indicators
                       if i.id not in ("rating", "no_unauthorized_assignment"))
        limit = scored.scope_max_level
        return _Plan(listed, any(i.id == "rating" for i in scored.indicators),
                     None if limit is None else self.rank[limit])

    def count(self, tally: Tally, j: dict[str, Any]) -> None:
        """Count one judgement, given as its fields (``Lifecycle.judged``; a document's:
        ``contract.judgement.judgement_fields``): mappings, not documents, all the way down."""
        self._grid(tally, j)
        self._district(tally, j)
        for level, known in self.registered.items():
            uid = j[level]
            if uid is not None and uid not in known:
                tally.unregistered[(level, uid)] = tally.unregistered.get((level, uid), 0) + 1
        routed = self.rank[j["routed_level"]]
        pending = j["pending"]  # a pending event is counted as an event and enters no figure
        for level_name, plan in self.places:
            uid = j[level_name]
            if uid is None or (plan.scope is not None and routed > plan.scope):
                continue
            self._scored(tally, (level_name, uid), j, () if pending else self._values(plan, j, None, ()))
        if j["whistles"]:
            plan = self.departments
            town, ratings = j["town"], j["ratings"]
            for department, (answered, late) in self._answers(j).items():
                # a department is scored alike by the district and by the town that summoned it
                values = () if pending else self._values(plan, j, department, answered)
                scores = (() if pending or not plan.rating or not ratings
                          else [r["score"] for r in ratings if r["department"] == department])
                self._scored(tally, ("department", department), j, values, scores, late)
                if town:
                    self._scored(tally, ("department_town", f"{department}@{town}"), j, values, scores, late)
                else:  # in the district's pooling, in no town's scoring: said beside the pooled figures
                    tally.units[("department", department)].no_town += 1

    def _answers(self, j: dict[str, Any]) -> dict[str, tuple[list[bool], int]]:
        """Per summoned department (in the order first summoned): its judged 报到 per whistle
        (on time or not) and its 应急哨 answered late -- one pass over the answers, not one a department."""
        found: dict[str, tuple[list[bool], list[int]]] = {}
        for w in j["whistles"]:
            emergency = w["kind"] in self.emergency
            for a in w["answers"]:
                department = a["department"]
                mine = found.get(department)
                if mine is None:
                    mine = found[department] = ([], [0])
                judgement = a["judgement"]
                if judgement in JUDGED:
                    mine[0].append(judgement == "on_time")
                    if emergency and judgement == "late":
                        mine[1][0] += 1
        return {department: (answered, late[0]) for department, (answered, late) in found.items()}

    def _values(self, plan: _Plan, j: dict[str, Any], department: str | None,
                answered: list[bool] | tuple) -> list[tuple[str, Sequence[bool]]]:
        """(indicator, the event's values of it) for each indicator of ``plan`` the event gives
        values of; ``department``: the one scored (``answered``: its judged 报到, ``_answers``)."""
        returned = department is not None and department in j["returned"]  # 退哨: not scored on its closure, …
        out = []
        for kind, indicator, values in plan.indicators:
            if values is None:  # reported_in: per whistle, this department's answer
                found: Sequence[bool] = answered
            elif returned:
                continue
            else:
                found = values(self, indicator, j)
            if found:
                out.append((kind, found))
        return out

    def _scored(self, tally: Tally, unit: Unit, j: dict[str, Any], values: Sequence[tuple[str, Sequence[bool]]],
                scores: Sequence[int] | None = None, late_emergency: int = 0) -> None:
        """Count the event into ``unit``: ``values`` (``_values``; none for a pending event);
        for a department, the ratings' ``scores`` and its 应急哨 answered late."""
        counts = tally.units.get(unit) or tally.unit(unit)  # the look-up without a call, mostly
        counts.events += 1
        # an 应急哨 answered late is late at the check whatever else is still due: the 黑榜's trigger
        # is no share, so a pending event pulls it too (§7: "any 应急哨 answered late")
        counts.late_emergency += late_emergency
        if j["pending"]:
            counts.pending += 1
            return
        explain = bool(self.explain) and self._explains(unit)
        figures = counts.figures
        for kind, found in values:
            pair = figures.get(kind)
            if pair is None:
                pair = figures[kind] = [0, 0]
            for ok in found:
                pair[0] += ok
                pair[1] += 1
            if explain:
                tally.explained.setdefault(unit, {}).setdefault(kind, []).extend((j["event"], ok) for ok in found)
        entered = bool(values)
        if scores is not None:  # a department
            if scores:
                counts.rating_sum += sum(scores)
                counts.rating_n += len(scores)
                entered = True
                if explain:
                    tally.explained.setdefault(unit, {}).setdefault("rating", []).extend((j["event"], score) for score in scores)
        counts.cases += entered

    def _closed(self, indicator: Indicator, j: dict[str, Any]) -> tuple[bool, ...]:
        if indicator.at_level is None:
            verdict = j["closed"]
        else:
            verdicts = [s["closed"] for s in j["segments"] if s["level"] == indicator.at_level]
            verdict = "late" if "late" in verdicts else "on_time" if "on_time" in verdicts else "excluded"
        return (verdict == "on_time",) if verdict in JUDGED else ()

    def _feedback(self, _indicator: Indicator, j: dict[str, Any]) -> tuple[bool, ...]:
        feedback = j["feedback"]
        return (feedback == "on_time",) if feedback in JUDGED else ()

    def _satisfaction(self, _indicator: Indicator, j: dict[str, Any]) -> tuple[bool, ...]:
        satisfied = j["satisfied"]
        return () if satisfied is None else (satisfied,)

    def _resolved_within(self, indicator: Indicator, j: dict[str, Any]) -> tuple[bool, ...]:
        assert indicator.within is not None  # crossref requires it
        return (j["resolved"] and self.rank[j["final_level"]] <= self.rank[indicator.within],)

    def _explains(self, unit: Unit) -> bool:
        """Whether ``--explain`` asked for ``unit`` (asked only when something is to be explained: a
        run without ``--explain`` makes no call)."""
        return asked_for(self.explain, unit)

    def _grid(self, tally: Tally, j: dict[str, Any]) -> None:
        unit = ("grid", j["grid"])
        counts = tally.unit(unit)
        counts.events += 1
        if j["pending"]:
            counts.pending += 1
            return
        counts.cases += 1
        figures = [("handled_close", j["resolved"] and self.rank[j["final_level"]] <= self.handled_within)]
        if j["decision"].direct_report:  # the grade required 直报
            figures.append(("direct_report", j["direct_report"]))
        for kind, ok in figures:
            counts.add(kind, ok)
        if self.explain and self._explains(unit):
            for kind, ok in figures:
                tally.explained.setdefault(unit, {}).setdefault(kind, []).append((j["event"], ok))

    def _district(self, tally: Tally, j: dict[str, Any]) -> None:
        unit = self.district_unit
        counts = tally.unit(unit)
        counts.events += 1
        if j["pending"]:
            counts.pending += 1
            return
        counts.cases += 1
        month = month_of(j["reported_at"], self.pack.tz)
        town = j["town"]
        for name, verdict in (("closed", j["closed"]), ("feedback", j["feedback"])):
            if verdict in JUDGED:
                ok = verdict == "on_time"
                counts.add(name, ok)
                tally.month(unit, month, name, ok)
                if town is not None:
                    tally.month(("town", town), month, name, ok)


# the indicators an event gives values of the same way at every level (reported_in: per department)
_EVENT_VALUES: dict[str, Callable[[Counter, Indicator, dict[str, Any]], tuple[bool, ...]]] = {
    "closed": Counter._closed,
    "feedback": Counter._feedback,
    "satisfaction": Counter._satisfaction,
    "resolved_within": Counter._resolved_within,
}


def asked_for(asked: Collection[str], unit: Unit) -> bool:
    """Whether ``--explain``'s values ``asked`` name ``unit``: by its level, its id, or level:id."""
    level, uid = unit
    return level in asked or uid in asked or f"{level}:{uid}" in asked


def count_tasks(tally: Tally, decisions: Iterable[tuple[str, str, bool]], towns: Iterable[str],
                explain: Iterable[str] = ()) -> None:
    """The towns' assigned tasks: (town, task id, unauthorized) -> no_unauthorized_assignment; the
    tasks behind a town's figure are listed when ``explain`` asks for the town (as ``Counter``'s)."""
    known, asked = set(towns), set(explain)
    for town, task, unauthorized in decisions:
        if town in known:
            tally.unit(("town", town)).add("no_unauthorized_assignment", not unauthorized)
            if asked and asked_for(asked, ("town", town)):
                tally.explained.setdefault(("town", town), {}).setdefault(
                    "no_unauthorized_assignment", []).append((task, not unauthorized))
