"""Event routing: who handles this, by when?

Three engine stages, each a small ruleset of the pack's written rules:

1. ``grading``  -- the grade is the highest any fired rule gives (never lowered);
2. ``leveling`` -- the level is the highest of all floors; the deadline rules
   for the grade fire here too;
3. ``dispatch`` -- direct report, the whistle (the strongest kind that fires),
   and the review flags (unauthorized assignment, past deadline, …).

How effects combine is declared in ``effects.py``; the facts each stage reads are
built in ``facts.py``; deadlines and durations in ``clock.py``; the handling unit
in ``handlers.py``; texts in ``event_texts.py``.  This module runs the stages and
assembles the decision.  The levels' order, their handling units and powers are
the pack's (organization/levels.yaml).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, Callable, NamedTuple

from gridrules.catalogue import t
from gridrules.lang.render import render
from gridrules.contract.documents import Deadlines, EventDecision, EventInput, Handler, PackRef, Whistle, build, construct
from gridrules.contract.placeholders import EVENT
from gridrules.decide import event_texts
from gridrules.decide.clock import Clock, iso_duration
from gridrules.decide.effects import EventEffects, in_order, ranks
from gridrules.decide.event_steps import NOTHING, Done, EventSteps
from gridrules.decide.facts import (DISPATCH_MOMENTS, DISPATCH_NAMES, dispatch_values, grading_names,
                                    grading_values, to_leveling)
from gridrules.decide.handlers import Handlers
from gridrules.decide.texts import Reasons
from gridrules.decide.workdays import WorkingCalendar
from gridrules.engine.adapter import Engine
from gridrules.engine.compiler import CompiledPack, CompiledRule
from gridrules.errors import PackError, Problem
from gridrules.pack.pack import Pack
from gridrules.pack import layout

MEMO_LIMIT = 10_000
DISPATCH_LIMIT = 100  # dispatch outcomes remembered per prelude (one per order of the moments, mostly a few)
_NO_EFFECT: dict = {}  # a dispatch rule gives no grade or level (never written to)
_ESCALATIONS = frozenset({"escalated_unresolved", "escalated_overdue"})


def _reader(fields: list[str]) -> Callable[[dict], Any]:
    """The values of ``fields`` in a fact, as one hashable value."""
    return itemgetter(*fields) if fields else (lambda fact: ())


class Prelude(NamedTuple):  # a NamedTuple: made once per event, ~5x cheaper than a frozen dataclass
    """What grading and leveling decided for an event's grading fact, before any time is involved."""

    grade: int
    level: int
    base: int  # the level the history did not raise
    limits: tuple  # the time limits of each deadline rule that holds
    reasons: tuple
    flags: frozenset
    # what the dispatch stage decided after this prelude, under what it added to the fact
    # (``dispatch_values``): remembered with the prelude, so it goes when the prelude goes
    # (None: a prelude not remembered)
    dispatched: dict | None


class Dispatched(NamedTuple):
    """What the dispatch stage decided (with the prelude's flags and reasons)."""

    strongest: CompiledRule | None  # the rule giving the strongest whistle
    direct_report: tuple[str, ...]  # the levels reported to directly, in the pack's order
    flags: tuple[str, ...]  # every flag of the decision, in the pack's order
    escalated: bool
    reasons: tuple  # every rule the decision cites, (rule, its effect)


class Progress(NamedTuple):
    """What a lifecycle record adds to routing an event (``decide.record``); the default
    adds nothing."""

    renewed: datetime | None = None  # a reopening: response and closure limits run afresh from here
    close_until: datetime | None = None  # 延期: the approved new close_by
    met: frozenset[str] = frozenset()  # deadlines already met: a later check does not find them past
    done: Done = NOTHING  # what the record has done: its steps are not asked again (``event_steps``)


NO_PROGRESS = Progress()


class Routed(NamedTuple):
    """A decision as routing made it, before its documents (``Routing.decision`` makes them as
    ``decide`` does): what judging a lifecycle record's segments reads, without the three
    documents a decision is (its deadlines, its whistle, itself)."""

    event: EventInput
    at: datetime
    grade: int
    level: int
    handler: Handler
    deadlines: list[datetime]  # respond_by, close_by, feedback_by
    dispatched: Dispatched
    within: timedelta | None  # the whistle's time to report within, when one is blown
    fact: dict  # the dispatch fact, made only to fire or to explain (else empty)

    @property
    def direct_report(self) -> tuple[str, ...]:
        return self.dispatched.direct_report


class Routing:
    def __init__(self, pack: Pack, compiled: CompiledPack, engine: Engine, calendar: WorkingCalendar, pack_ref: PackRef):
        self.pack = pack
        self.compiled = compiled
        self.engine = engine
        self.pack_ref = pack_ref
        self.effects = EventEffects(pack, compiled.rules)
        self.level_ids = tuple(lv.id for lv in pack.levels)
        self.flag_order = ranks(pack.flags_of("event"))
        self.level_order = ranks(self.level_ids)
        self.clock = Clock(calendar, pack.files[layout.DISPATCH_RULES].duration_words)
        self.handlers = Handlers(pack)
        # each kind, with its own time limit to report within when it has one on the clock
        self.whistle_kinds = {w.id: (w, w.report_within.clock if w.report_within is not None else None)
                              for w in pack.whistle_kinds}
        self.risks = {code: pack.risk_of(code) for code in pack.event_types}
        # read once from the pack's models (a model's attribute reads take ~4x a plain read)
        self.grade_ids = tuple(g.id for g in pack.grades)
        self.owners = {code: tuple(etype.owners) for code, etype in pack.event_types.items()}
        self.kind_names = {w.id: w.name for w in pack.whistle_kinds}
        self.steps = EventSteps(pack, self.handlers, self.kind_names, self.risks)
        self.rendered = {r.id: render(r.condition, pack) for r in compiled.rules.values() if r.kind == "written"}
        # stage outcomes, remembered under the fields the stage's effects read (derived)
        written = [r for r in compiled.rules.values() if r.kind == "written"]
        self._effect_reads = {stage: _reader(sorted(self.effects.reads([r for r in written if r.stage == stage])))
                              for stage in ("grading", "leveling")}
        self._stages: dict[str, dict[tuple, tuple]] = {"grading": {}, "leveling": {}}
        self._preludes: dict[tuple, Prelude] = {}  # the grading fact's values -> what both stages decided
        self._grading_names = grading_names(pack)
        # each written rule's dispatch effects: (its whistle kind's place in the pack's order, or
        # None; the levels it reports directly to; its flag)
        order = self.effects.whistle_order
        self._dispatch_effects = {r.id: (None if r.written.whistle is None else order[r.written.whistle],
                                         tuple(r.written.direct_report or ()), r.written.flag)
                                  for r in written}
        self.texts = Reasons(self, EVENT, event_texts.FILLERS, event_texts.INPUTS)
        self.reasons = {rid: self.texts.maker(rid, self.texts.template(r.written.text, r.written.basis))
                        for rid, r in compiled.rules.items() if r.kind == "written"}

    # --- the engine -------------------------------------------------------------------
    def _fire(self, stage: str, fact: dict) -> list[CompiledRule]:
        rules, engine = self.compiled.rules, self.engine
        return [rules[n] for ruleset in self.compiled.stages[stage] for n in engine.fire(ruleset, fact)]

    # --- the decision -----------------------------------------------------------------
    def decide(self, event: EventInput, at: datetime | None = None, progress: Progress = NO_PROGRESS,
               explained: bool = True, remember: bool = False) -> EventDecision:
        """``explained=False``: the same decision without its reasons (an empty list), for a
        caller that reads only its level, handler, deadlines, whistle and flags (judging a
        lifecycle record's segments); the reasons' texts are a fifth of a decision's time.
        ``remember``: grading and leveling are remembered under the grading fact (see
        ``_grade_and_level``), for a caller whose events repeat their facts."""
        with self.engine.session():  # one lock for every stage of this decision
            return self.decision(self._routed(event, at, progress, explained, remember), explained, progress.done)

    def routed(self, event: EventInput, at: datetime, progress: Progress = NO_PROGRESS) -> Routed:
        """``decide(explained=False, remember=True)`` before its documents: what judging a
        lifecycle record's segments reads (``decision`` makes the documents from it)."""
        with self.engine.session():
            return self._routed(event, at, progress, False, True)

    def _grade_and_level(self, event: EventInput, remember: bool = False) -> tuple[tuple, dict | None, Prelude]:
        """Grading and leveling: everything decided before time enters the decision -- with
        the grading fact's values and, when a stage fired, the fact (made into the leveling
        fact).  Both stages read the grading fact alone (leveling's fact is it and the grade),
        so what they decide may be remembered under the whole fact: a fact met before is
        neither fired nor keyed again, nor made as a mapping.  That pays where facts repeat
        -- judging lifecycle records, which re-route an event at each segment and whose
        events repeat their facts (88 % found over an assessment's records) -- and costs
        where they do not: distinct events routed one by one found 6 %, and keeping their
        facts cost a sixth of a decision's instructions.  The key is the fact's values
        (``grading_values``: every field, in one order)."""
        values = grading_values(self.pack, event)
        found = None
        if remember:
            try:
                found = self._preludes.get(values)
            except TypeError:  # an unhashable value (a pack's own fact): decided afresh
                remember = False
        if found is not None:
            return values, None, found
        fact = dict(zip(self._grading_names, values))
        grade, grade_reasons, grade_flags = self._stage("grading", fact, self._grading)
        level, base, limits, level_reasons, level_flags = self._stage("leveling", to_leveling(fact, grade),
                                                                      self._leveling)
        found = Prelude(grade, level, base, limits, (*grade_reasons, *level_reasons), grade_flags | level_flags,
                        {} if remember else None)
        if remember:
            if len(self._preludes) >= MEMO_LIMIT:
                self._preludes.clear()
            self._preludes[values] = found
        return values, fact, found

    def _stage(self, stage: str, fact: dict, decide: Callable[[list[CompiledRule], dict], tuple]) -> tuple:
        """What a stage decides: a function of the rules that fired and the fact fields
        their effects read (``effects.py`` declares them), so remembered under exactly
        those.  It pays: without it an event decision took 74 µs instead of 63 (CPU time,
        medians of 8 rounds of 1,500 distinct random events)."""
        engine, memo = self.engine, self._stages[stage]
        rulesets = self.compiled.stages[stage]
        names = (tuple(engine.fire(rulesets[0], fact)) if len(rulesets) == 1
                 else tuple([n for ruleset in rulesets for n in engine.fire(ruleset, fact)]))
        key = (names, self._effect_reads[stage](fact))
        found = memo.get(key)
        if found is None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            rules = self.compiled.rules
            found = memo[key] = decide([rules[n] for n in names], fact)
        return found

    def _grading(self, graded: list[CompiledRule], fact: dict) -> tuple:
        """(grade, reasons, flags) from the grading rules that fired."""
        grade, given = self.effects.grading(graded, fact)
        if grade is None:
            raise PackError(Problem(t("route.no_grade", type=fact["type"]),
                                    self.pack.locate(layout.GRADING_RULES)))
        reasons = tuple((rule, {"effect_grade": g}) for rule, g in zip(graded, given)
                        if g == grade or rule.written.flag or rule.written.states)
        return grade, reasons, frozenset(rule.written.flag for rule, _ in reasons if rule.written.flag)

    def _leveling(self, leveled: list[CompiledRule], fact: dict) -> tuple:
        """(level, level before history, deadline rules, reasons, flags) from the leveling rules that fired."""
        (level, levels), base = self.effects.leveling(leveled, fact)
        if level is None:
            raise PackError(Problem(t("route.no_level", type=fact["type"]),
                                    self.pack.locate(layout.LEVEL_RULES)))
        limits = tuple(self.effects.limits[r.id] for r in leveled if r.written.deadlines is not None)
        if not limits:
            raise PackError(Problem(t("route.no_deadline", grade=self.pack.grades[fact["grade"]].id),
                                    self.pack.locate(layout.DEADLINE_RULES)))
        reasons = tuple((rule, {"effect_level": v}) for rule, v in zip(leveled, levels)
                        if v == level or rule.written.flag or rule.written.states or rule.written.deadlines is not None)
        return level, base, limits, reasons, frozenset(rule.written.flag for rule, _ in reasons if rule.written.flag)

    def _routed(self, event: EventInput, at: datetime | None, progress: Progress, explained: bool = True,
                remember: bool = False) -> Routed:
        e = event.__dict__  # read as a mapping: a model's attribute reads take ~4x a plain read
        reported = e["reported_at"]
        at = at or reported
        values, fact, prelude = self._grade_and_level(event, remember)
        grade, level, base, limits = prelude.grade, prelude.level, prelude.base, prelude.limits
        # policy §6: when the history raised the level, the new level's response and
        # closure limits run afresh from the escalating entry (feedback from the report)
        renewed = progress.renewed
        if renewed is None and level > base:
            renewed = e["history"][-1].at
        deadlines, incomplete = self.clock.moments(reported, limits, renewed)  # a list of its own
        if progress.close_until is not None:
            deadlines[1] = progress.close_until
        respond_by, close_by, feedback_by = deadlines
        handler = self.handlers.of(level, event)
        moments = [at, respond_by, close_by, feedback_by]  # DISPATCH_MOMENTS' order
        for name in progress.met:  # a deadline already met is not past, however late the check
            place = DISPATCH_MOMENTS.index(name)
            moments[place] = max(moments[place], at)
        added = dispatch_values(level, base, moments, incomplete, handler.unit is not None)
        # the dispatch fact is the prelude's fact and ``added``: what it decides is remembered
        # with the prelude, under ``added``
        memo = prelude.dispatched
        dispatched = None if memo is None else memo.get(added)
        made_fact: dict = {}
        if dispatched is None or explained:  # the fact is made only to fire or to explain
            made_fact = fact if fact is not None else to_leveling(dict(zip(self._grading_names, values)), grade)
            made_fact.update(zip(DISPATCH_NAMES, added))
        if dispatched is None:
            dispatched = self._dispatch(prelude, made_fact)
            if memo is not None:  # a remembered prelude
                if len(memo) >= DISPATCH_LIMIT:
                    memo.clear()
                memo[added] = dispatched
        within = None
        strongest = dispatched.strongest
        if strongest is not None:  # to report within the shorter of the kind's own limit and the grade's response time
            within = respond_by - (renewed or reported)
            own_limit = self.whistle_kinds[strongest.written.whistle or ""][1]
            if own_limit is not None:
                within = min(within, own_limit)
        return Routed(event, at, grade, level, handler, deadlines, dispatched, within, made_fact)

    def decision(self, routed: Routed, explained: bool = False, done: Done = NOTHING) -> EventDecision:
        """The decision's documents (its deadlines, whistle and itself) from what routing made;
        ``explained``: with its reasons (``routed`` made with the fact); ``done``: what a record has
        done already, left out of its next steps."""
        event = routed.event
        e = event.__dict__
        respond_by, close_by, feedback_by = routed.deadlines
        deadlines = build(Deadlines, respond_by=respond_by, close_by=close_by, feedback_by=feedback_by)
        dispatched, etype = routed.dispatched, e["type"]
        whistle = None
        if dispatched.strongest is not None:
            assert routed.within is not None  # made with the strongest whistle
            # its own list of departments: a frozen model's list can still be changed in place
            whistle = build(Whistle, kind=self.kind_names[dispatched.strongest.written.whistle or ""],
                            departments=list(self.owners[etype]), report_within=iso_duration(routed.within),
                            blown_by=e["grid"])
        if explained:
            made = event_texts.Made(event, routed.fact, routed.handler, deadlines, whistle, routed.within, routed.at)
            reason_of = self.reasons
            texts = [reason_of[rule.id](made, (rule, extra)) for rule, extra in dispatched.reasons]
        else:
            texts = []
        risk, safeguard = self.risks[etype]
        # one dict display, not seventeen keywords to ``build`` (see ``admission``'s decision)
        return construct(EventDecision, {
            "event": e["id"],
            "type": etype,
            "grade": self.grade_ids[routed.grade],
            "level": self.level_ids[routed.level],
            "handler": routed.handler,
            "departments": list(self.owners[etype]),
            "direct_report": list(dispatched.direct_report),
            "whistle": whistle,
            "deadlines": deadlines,
            "escalated": dispatched.escalated,
            "flags": list(dispatched.flags),
            "reasons": texts,
            "pack": self.pack_ref,
            "at": routed.at,
            "risk": risk,
            "safeguard": safeguard,
            "next_steps": self.steps.steps(routed, done),
        })

    def _dispatch(self, prelude: Prelude, fact: dict) -> Dispatched:
        """The dispatch stage on ``fact``: the strongest whistle -- the first of the rules giving
        the kind that comes first in the pack's order (``effects.strongest_whistle``, with each
        rule's effects read once, at load) -- the direct reports and flags of the rest."""
        dispatched = self._fire("dispatch", fact)
        effects, strongest, best = self._dispatch_effects, None, None
        for rule in dispatched:
            rank = effects[rule.id][0]
            if rank is not None and (best is None or rank < best):
                strongest, best = rule, rank
        direct: set[str] = set()
        flags = set(prelude.flags)
        reasons = list(prelude.reasons)
        for rule in dispatched:
            rank, direct_report, flag = effects[rule.id]
            if rank is not None and rule is not strongest:
                continue  # a weaker whistle that also applies decides nothing
            direct.update(direct_report)
            if flag:
                flags.add(flag)
            reasons.append((rule, _NO_EFFECT))
        return Dispatched(strongest, tuple(in_order(direct, self.level_order)), tuple(in_order(flags, self.flag_order)),
                          not _ESCALATIONS.isdisjoint(flags), tuple(reasons))
