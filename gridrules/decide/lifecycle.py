"""Judging one event's lifecycle record against the deadlines gridrules decides (the district policy, section 7).

The steps are walked in order.  The handler starts as the routed level's unit;
each ``escalated`` step re-routes the event with that step as its last history
entry, so the new level's response and closure limits run from the step (§6);
a ``reopened`` step starts fresh limits at the same level; ``extended`` moves
close_by when it is recorded by close_by (not once the limit has passed: the
judgement's ``late_extensions`` names each such step, with the limit it came after).  Each
stretch between those is a ``Segment``.  Whistles are judged per (whistle,
department), their kind and limit re-routed at the level current when blown; a whistle
step at a level that blows none (§6: the handling level is below town, or the matter
needs no department) has no limit to judge 报到 by: it summons nobody to be scored, and
the judgement's ``unscored_whistles`` names it.
Nothing is late for a deadline that falls after the resolution, except feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gridrules.catalogue import t
from gridrules.contract.documents import EventDecision, EventInput, HistoryEntry
from gridrules.contract.judgement import EventJudgement, judgement_document
from gridrules.contract.lifecycle import LifecycleRecord
from gridrules.decide.clock import iso_duration, parse_duration
from gridrules.decide.event_steps import Done
from gridrules.decide.handlers import town_of
from gridrules.decide.routing import Progress, Routed, Routing
from gridrules.errors import InputError, PackError, Problem
from gridrules.pack.names import describe
from gridrules.pack.pack import Pack


@dataclass(slots=True)
class _Segment:
    level: int
    decision: Routed  # its routing, before the documents (``Routing.routed``)
    start: datetime
    close_by: datetime
    respond_by: datetime  # the decision's, read once
    unit: str | None  # the decision's handling unit, read once
    end: str = "open"
    end_at: datetime | None = None
    responded_at: datetime | None = None
    reopened: bool = False  # resolved, then reopened within the window
    renewed: bool = False  # started by a reopening: its limits run from its start


def _segment(routed: Routed, start: datetime, renewed: bool = False) -> _Segment:
    respond_by, close_by, _ = routed.deadlines
    return _Segment(routed.level, routed, start, close_by, respond_by, routed.handler.unit, renewed=renewed)


@dataclass(slots=True)
class _Whistle:
    at: datetime
    kind: str
    kind_name: str
    level: str
    report_by: datetime | None  # None: blown where the level blows none -- not scored
    answers: dict[str, tuple[str, datetime] | None] = field(default_factory=dict)


def _verdict(done: datetime | None, due: datetime, at: datetime, settled: datetime | None) -> str:
    """on_time / late / pending / excluded for one deadline.  ``done``: when it was met;
    ``settled``: when the matter stopped needing it (its resolution), if it did.  A deadline
    that falls after the settling counts only when met in time: missed, answered late or not
    at all alike, it is excluded (§7: nothing is late for a deadline after the resolution)."""
    if done is not None and done <= due:
        return "on_time"
    if settled is not None and settled <= due:
        return "excluded"
    return "late" if done is not None or at > due else "pending"


def _combine(verdicts: list[str]) -> str:
    for wanted in ("late", "pending", "on_time"):
        if wanted in verdicts:
            return wanted
    return "excluded"


def _event_with(record: LifecycleRecord, history: list[HistoryEntry]) -> EventInput:
    """The record's event with the history its steps have made so far."""
    return record.event.model_copy(update={"history": list(history)}) if history else record.event


def late_extension_notes(judgement: EventJudgement, pack: Pack) -> list[Problem]:
    """Each 延期 of the judgement not applied (recorded after its closure limit had passed), as a
    note at its step: why a record with a 延期 is judged by the limit it came after; and each
    whistle not scored (blown at a level that blows none), as a note at its step."""
    return [*(Problem(t("record.late_extension", at=x.at.isoformat(), close_by=x.close_by.isoformat(),
                        until=x.until.isoformat()), field=f"steps[{x.step}]")
              for x in judgement.late_extensions),
            *(Problem(t("record.unscored_whistle", level=describe(pack, "level", w.level),
                        departments="、".join(describe(pack, "department", d) for d in w.departments)),
                      field=f"steps[{w.step}]")
              for w in judgement.unscored_whistles)]


class Lifecycle:
    """Judges records for one pack (shares the Checker's routing)."""

    def __init__(self, pack: Pack, routing: Routing):
        self.pack = pack
        self.routing = routing
        self.kind_ids = {w.name: w.id for w in pack.whistle_kinds}
        self.level_ids = [lv.id for lv in pack.levels]
        # a resolution reopened within this is not on time (assessment.yaml; judged only with one)
        self.window = timedelta(days=pack.assessment.reopen_window_days if pack.assessment else 0)
        self.earlier = pack.history.versions()  # a record routed by an earlier version of this pack: not another pack's

    def _route(self, record: LifecycleRecord, history: list[HistoryEntry], at: datetime,
               progress: Progress = Progress()) -> Routed:
        """A segment's routing: its level, handler, deadlines and whistle are read, not its
        reasons nor its documents (``Routing.decision`` makes them for a judgement's document)."""
        return self.routing.routed(_event_with(record, history), at, progress)  # records repeat their facts

    def judge(self, record: LifecycleRecord, at: datetime, final: bool = True) -> EventJudgement:
        """``final``: route the record as it stands at ``at`` (``route --record``); without it
        (counting), the judgement carries the last segment's routing as made at its start,
        without its reasons."""
        fields = self.judged(record, at, final)
        if not final:  # the last segment's routing, made a document
            fields["decision"] = self.routing.decision(fields["decision"])
        return judgement_document(fields)

    def judged(self, record: LifecycleRecord, at: datetime, final: bool = False) -> dict[str, Any]:
        """The judgement's fields as a mapping, its segments, whistles and answers mappings too
        (``contract.judgement.judgement_fields``' form): what counting reads, without making the
        documents (four to six a record, ~0.7 µs each)."""
        assessment = self.pack.assessment
        if assessment is None:
            raise PackError(Problem(t("record.no_assessment")))
        window = self.window
        history: list[HistoryEntry] = []
        reported = record.event.reported_at
        segments = [_segment(self._route(record, history, reported), reported)]
        whistles: list[_Whistle] = []
        feedback_at = resolved_at = satisfaction = None
        direct = False
        returned: list[str] = []
        late_extensions: list[dict[str, Any]] = []  # 延期 recorded after the limit had passed: not applied
        unscored: list[dict[str, Any]] = []  # whistles blown where the level blows none: not scored
        steps = record.steps
        # a check at ``at`` knows only what had happened by then; a validated record's steps are
        # in time order, so when its last step is not after ``at`` none is (one comparison, not
        # one a step: moments in two offsets compare through UTC)
        later = bool(steps) and steps[-1].at > at
        for i, step in enumerate(steps):
            # the step's fields read as a mapping: a model answers each attribute read through its
            # class's ``__getattr__`` hook, ~4x a plain object's read (49 ns against 10 for a
            # step's kind); pydantic keeps the fields in ``__dict__``.  One string compare a
            # branch (the union is discriminated by kind), not a class test
            s = step.__dict__
            when, kind = s["at"], s["kind"]
            if later and when > at:
                break
            if kind == "dispatched":
                continue  # routing decides the level; a dispatched step changes nothing judged
            seg = segments[-1]
            if kind == "direct_report":
                direct = True
            elif kind == "whistle":
                whistle = self._whistle(when, s["departments"], seg)
                whistles.append(whistle)  # kept, so that the 报到 answering it answers no later whistle
                if whistle.report_by is None:
                    unscored.append({"step": i, "at": when, "level": whistle.level, "departments": list(s["departments"])})
            elif kind == "reported_in" or kind == "returned":
                department = s["department"]
                for whistle in whistles:
                    answers = whistle.answers
                    if department in answers and answers[department] is None:
                        answers[department] = (kind, when)
                        break
                if kind == "returned" and department not in returned:
                    returned.append(department)
            elif kind == "responded":
                if seg.responded_at is None and s["unit"] == seg.unit and seg.end == "open":
                    seg.responded_at = when
            elif kind == "feedback":
                feedback_at = feedback_at or when
            elif kind == "escalated":
                if self.pack.level_rank[s["level"]] != seg.level + 1:
                    raise InputError(Problem(t("record.escalated_level", level=describe(self.pack, "level", s["level"]),
                                               current=describe(self.pack, "level", self.level_ids[seg.level])),
                                             field=f"steps[{i}].level"))
                seg.end, seg.end_at = f"escalated_{s['reason']}", when
                history.append(HistoryEntry(level=self.level_ids[seg.level], outcome=s["reason"], at=when))
                segments.append(_segment(self._route(record, history, when), when))
            elif kind == "extended":
                # 延期 is granted before the time limit runs out (by its moment at the latest: a
                # closure at the moment is on time); one recorded after close_by had passed moves
                # nothing -- the matter was already late -- and the judgement says so
                if when <= seg.close_by:
                    if s["until"] < seg.close_by:  # which limit was meant is not guessed
                        raise InputError(Problem(t("record.extended_earlier", until=s["until"].isoformat(),
                                                   close_by=seg.close_by.isoformat()), field=f"steps[{i}].until"))
                    seg.close_by = s["until"]
                else:
                    late_extensions.append({"step": i, "at": when, "until": s["until"], "close_by": seg.close_by})
            elif kind == "resolved":
                seg.end, seg.end_at = "resolved", when
                resolved_at = when
            elif kind == "revisit":
                satisfaction = s["satisfaction"]
            elif kind == "reopened":
                if seg.end_at is not None and when - seg.end_at <= window:
                    seg.reopened = True
                resolved_at = None
                segments.append(_segment(self._route(record, history, when, Progress(renewed=when)), when,
                                         renewed=True))
        return self._judgement(record, at, segments, whistles, feedback_at, resolved_at, satisfaction,
                               direct, returned, assessment.satisfied, history, final, late_extensions, unscored)

    def _whistle(self, at: datetime, departments: list[str], seg: _Segment) -> _Whistle:
        """A whistle's kind and limit as routed at the level current when it was blown (§7: "the
        whistle's kind and limit re-routed at the level current at that moment").  When that level
        blows none (§6), there is no limit: none is made up, and the whistle is not scored."""
        routed = seg.decision
        strongest = routed.dispatched.strongest
        level = self.level_ids[seg.level]
        if strongest is None:
            return _Whistle(at, "", "", level, None, {d: None for d in departments})
        assert routed.within is not None  # made with the strongest whistle
        kind_name = self.routing.kind_names[strongest.written.whistle or ""]
        within = parse_duration(iso_duration(routed.within))  # the limit as the decision writes it
        return _Whistle(at, self.kind_ids.get(kind_name, ""), kind_name, level, at + within,
                        {d: None for d in departments})

    def _judgement(self, record: LifecycleRecord, at: datetime, segments: list[_Segment], whistles: list[_Whistle],
                   feedback_at: datetime | None, resolved_at: datetime | None, satisfaction: str | None,
                   direct: bool, returned: list[str], satisfied_values: list[str],
                   history: list[HistoryEntry], final: bool, late_extensions: list[dict[str, Any]],
                   unscored: list[dict[str, Any]]) -> dict[str, Any]:
        e = record.event.__dict__  # read as a mapping, as the walk reads the steps
        # each segment's fields and verdicts (responded, closed)
        judged = [self._segment(s, at) for s in segments]
        done = [doc for doc, _, _ in judged]
        whistle_docs = []
        waiting = False  # a 报到 not yet due
        for w in whistles:
            if w.report_by is None:  # blown where the level blows none: in ``unscored_whistles``
                continue
            answers = []
            for d, a in w.answers.items():
                verdict = _verdict(a[1] if a else None, w.report_by, at, resolved_at)
                waiting = waiting or verdict == "pending"
                answers.append({"department": d, "answer": a[0] if a else "none", "at": a[1] if a else None,
                                "judgement": verdict})
            whistle_docs.append({"at": w.at, "kind": w.kind, "kind_name": w.kind_name, "level": w.level,
                                 "report_by": w.report_by, "answers": answers})
        feedback_by = segments[0].decision.deadlines[2]
        feedback = _verdict(feedback_at, feedback_by, at, None)
        # the usual record has one segment: its verdicts are the event's
        responded = judged[0][1] if len(judged) == 1 else _combine([r for _, r, _ in judged])
        closed = judged[0][2] if len(judged) == 1 else _combine([c for _, _, c in judged])
        # pending: unresolved with any deadline not yet due (a segment's, the feedback's, a whistle's)
        pending = resolved_at is None and (
            feedback == "pending" or any(r == "pending" or c == "pending" for _, r, c in judged) or waiting)
        last = segments[-1]
        decision: Routed | EventDecision = last.decision  # counting reads its direct reports
        grade = self.routing.grade_ids[last.decision.grade]
        if final:  # routed as it stands at ``at``: a deadline already met is not past
            met = frozenset(name for name, ok in (
                ("respond_by", judged[-1][1] in ("on_time", "excluded")),
                ("close_by", judged[-1][2] == "on_time"),
                ("feedback_by", feedback == "on_time")) if ok)
            decision = self.routing.decide(_event_with(record, history), at, Progress(
                renewed=last.start if last.renewed else None,
                close_until=last.close_by if last.close_by != last.decision.deadlines[1] else None, met=met,
                done=self._done(last, whistles, whistle_docs, feedback_at, resolved_at, satisfaction, direct, returned)),
                explained=True, remember=True)
            grade = decision.grade
        pack = self.pack
        registered = pack.grids.get(e["grid"])
        community = registered[1].id if registered else e["community"]
        town = registered[1].town if registered else town_of(pack, record.event)  # town_of's first answer, read once
        other = record.digest if record.digest is not None and record.digest != pack.digest else None
        earlier = self.earlier.get(other) if other is not None else None  # this pack's version then, if one
        return {
            "event": e["id"], "type": e["type"], "grade": grade, "town": town, "community": community,
            "grid": e["grid"], "routed_level": self.level_ids[segments[0].decision.level],
            "final_level": self.level_ids[last.decision.level],
            "reported_at": e["reported_at"], "resolved": resolved_at is not None, "resolved_at": resolved_at,
            "pending": pending, "direct_report": direct, "segments": done, "responded": responded, "closed": closed,
            "feedback_by": feedback_by, "feedback_at": feedback_at, "feedback": feedback, "whistles": whistle_docs,
            "returned": returned, "satisfaction": satisfaction,
            "satisfied": None if satisfaction is None else satisfaction in satisfied_values,
            "ratings": [r.model_dump() for r in record.ratings],
            "digest_mismatch": other is not None and earlier is None, "digest_version": earlier,
            "late_extensions": late_extensions, "unscored_whistles": unscored, "at": at,
            "decision": decision}

    @staticmethod
    def _done(last: _Segment, whistles: list[_Whistle], whistle_docs: list[dict[str, Any]], feedback_at: datetime | None,
              resolved_at: datetime | None, satisfaction: str | None, direct: bool, returned: list[str]) -> Done:
        """What the record has done by the check, for its decision's next steps: the 报到 still owed
        (per limit, late or not, unless the matter is resolved) and what was sent back among the rest."""
        waiting: dict[tuple[datetime, bool], list[str]] = {}
        if resolved_at is None:
            for w in whistle_docs:
                for a in w["answers"]:
                    if a["answer"] == "none":
                        waiting.setdefault((w["report_by"], a["judgement"] == "late"), []).append(a["department"])
        return Done(responded=last.responded_at is not None, resolved=resolved_at is not None,
                    fed_back=feedback_at is not None, direct_report=direct, whistled=bool(whistles),
                    waiting=tuple((due, late, tuple(names)) for (due, late), names in waiting.items()),
                    returned=tuple(returned) if resolved_at is None else (), revisited=satisfaction is not None)

    def _segment(self, seg: _Segment, at: datetime) -> tuple[dict[str, Any], str, str]:
        """The segment's fields (a ``Segment`` document's) and its verdicts (responded, closed)."""
        if seg.end == "resolved":
            closed = "late" if seg.reopened or seg.end_at > seg.close_by else "on_time"  # type: ignore[operator]
        elif seg.end == "escalated_overdue":
            closed = "late"
        elif seg.end == "escalated_unresolved":
            closed = "late" if seg.end_at > seg.close_by else "excluded"  # type: ignore[operator]
        else:
            closed = "late" if at > seg.close_by else "pending"
        if seg.responded_at is None and seg.end == "resolved" and seg.end_at <= seg.respond_by:  # type: ignore[operator]
            responded = "on_time"  # resolved before the response was due: the resolution answered
        else:
            settled = seg.end_at if seg.end != "open" else None
            responded = _verdict(seg.responded_at, seg.respond_by, at, settled)
        return {"level": self.level_ids[seg.level], "unit": seg.unit, "start": seg.start,
                "respond_by": seg.respond_by, "close_by": seg.close_by, "end": seg.end, "end_at": seg.end_at,
                "responded_at": seg.responded_at, "reopened_within_window": seg.reopened, "responded": responded,
                "closed": closed}, responded, closed
