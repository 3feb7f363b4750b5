"""Event routing: who handles this, by when?

Three engine stages, each a small ruleset of the pack's written rules:

1. ``grading``  -- the grade is the highest any fired rule gives (never lowered);
2. ``leveling`` -- the level is the highest of all floors; the deadline rules
   for the grade fire here too;
3. ``dispatch`` -- direct report, the whistle (the strongest kind that fires),
   and the review flags (unauthorized assignment, past deadline, …).

Between stages this module adds what the next stage reads: the grade, the
level (and the level without the history, to see whether history raised it),
the deadlines counted on the working-day calendar, and whether the handling
unit is registered.  The contract fixes the four level ids (grid, community,
town, district); their order and powers are the pack's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable, NamedTuple

from gridrules.lang.render import render
from gridrules.engine.compiler import CompiledPack, CompiledRule
from gridrules.contract.documents import Deadlines, EventDecision, EventInput, Handler, PackRef, Reason, Risk, Whistle, build
from gridrules.engine.adapter import Engine
from gridrules.errors import PackError, Problem
from gridrules.contract.facts import EVENT_FLAGS, time_order
from gridrules.contract.base import Duration
from gridrules.pack.pack import Pack
from gridrules.decide.texts import fill, placeholders
from gridrules.decide.workdays import WorkingCalendar


class Prelude(NamedTuple):  # a NamedTuple: made once per event, ~5x cheaper than a frozen dataclass
    """What grading and leveling decided for an event, before any time is involved
    (the fact and the reasons go on growing in the dispatch stage)."""

    fact: dict
    grade: int
    level: int
    base: int  # the level the history did not raise
    timed: tuple
    reasons: list
    flags: frozenset


_NO_EFFECT: dict = {}  # a dispatch rule gives no grade or level (never written to)
_ESCALATIONS = frozenset({"escalated_unresolved", "escalated_overdue"})


def iso_duration(delta: timedelta) -> str:
    """``timedelta(minutes=30)`` -> ``PT30M``; ``timedelta(hours=24)`` -> ``PT24H``."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
    return out if out != "PT" else "PT0S"


def chinese_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    if minutes % 60:
        return f"{minutes}分钟"
    return f"{minutes // 60}小时"


def _clock(limit: Duration) -> timedelta | int:
    """A limit's time on the clock, or its number of working days."""
    return limit.clock if limit.clock is not None else limit.working_days


def _remember(memo: dict, key: Any, value: Any, bound: int = 10_000) -> Any:
    """Keep ``value`` under ``key`` in a memo that starts afresh when it reaches ``bound``."""
    if len(memo) >= bound:
        memo.clear()
    memo[key] = value
    return value


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class Routing:
    def __init__(self, pack: Pack, compiled: CompiledPack, engine: Engine, calendar: WorkingCalendar, pack_ref: PackRef):
        self.pack = pack
        self.compiled = compiled
        self.engine = engine
        self.calendar = calendar
        self.pack_ref = pack_ref
        self.top_grade = len(pack.grades) - 1
        self.top_level = len(pack.levels) - 1
        self.whistle_order = {w.id: i for i, w in enumerate(pack.whistle_kinds)}
        # each kind, with its own time limit to report within when it has one on the clock
        self.whistle_kinds = {w.id: (w, w.report_within.clock if w.report_within is not None else None)
                              for w in pack.whistle_kinds}
        self._handlers: dict[tuple, Handler] = {}
        self._risks: dict[str, Risk] = {}
        self.rendered = {r.id: render(r.condition, pack) for r in compiled.rules.values() if r.kind == "written"}
        # per deadline rule, its respond / close / feedback limits: clock time, or working days
        self._limits: dict[str, tuple[timedelta | int, ...]] = {
            rid: tuple(_clock(getattr(r.rule.deadlines, part)) for part in ("respond", "close", "feedback"))
            for rid, r in compiled.rules.items() if r.rule is not None and r.rule.deadlines is not None}
        # per written rule, the raw inputs its text's placeholders are made from
        self._sources: dict[str, tuple] = {
            rid: tuple(dict.fromkeys(SOURCES[name] for name in placeholders(r.rule.text) + placeholders(r.rule.basis)
                                     if name in SOURCES))
            for rid, r in compiled.rules.items() if r.kind == "written"}
        self._reason_memo: dict[tuple, Reason] = {}
        # what grading and leveling decided, under the rules that fired and the values their effects read
        self._graded: dict[tuple, tuple] = {}
        self._leveled: dict[tuple, tuple] = {}
        written = {rid: rule for rid, rule in compiled.rules.items() if rule.rule is not None}
        self._grades = {rid: self._grade_effect(rule) for rid, rule in written.items()}
        self._levels = {rid: self._level_effect(rule) for rid, rule in written.items()}

    # --- facts ------------------------------------------------------------------
    def town_of(self, event: EventInput) -> str | None:
        registered = self.pack.grids.get(event.grid)
        if registered is not None:
            return registered[1].town
        if event.town:
            return event.town
        community = self.pack.communities.get(event.community or "")
        return community.town if community else None

    def grading_fact(self, event: EventInput) -> dict[str, Any]:
        pack = self.pack
        etype = pack.event_types[event.type]
        last = event.history[-1] if event.history else None
        powers = tuple(pack.levels[pack.level_rank[event.assigned_to]].powers) if event.assigned_to else ()
        return {
            "stage": "grading",
            "type": event.type,
            "type_grade": pack.grade_rank[etype.grade],
            "type_level": pack.level_rank[etype.level],
            "grade_given": pack.grade_rank[event.grade] if event.grade else -1,
            "life_threat": event.life_threat,
            "people_involved": event.people_involved,
            "reporters": event.reporters,
            "recurrences_30d": event.recurrences_30d,
            "spans": event.spans,
            "needs_enforcement": event.needs_enforcement,
            "last_level": pack.level_rank[last.level] if last else -1,
            "last_outcome": last.outcome if last else "",
            "assigned_to": pack.level_rank[event.assigned_to] if event.assigned_to else -1,
            "assigned_powers": powers,
            "assigned_powers__n": len(powers),
            "town": self.town_of(event) or "",
        }

    def _fire(self, stage: str, fact: dict) -> list[CompiledRule]:
        return self._rules(self._fire_names(stage, fact))

    def _fire_names(self, stage: str, fact: dict) -> tuple[str, ...]:
        rulesets = self.compiled.stages[stage]
        if len(rulesets) == 1:
            return tuple(self.engine.fire(rulesets[0], fact))
        return tuple(n for ruleset in rulesets for n in self.engine.fire(ruleset, fact))

    def _rules(self, names: tuple[str, ...]) -> list[CompiledRule]:
        rules = self.compiled.rules
        return [rules[n] for n in names]

    # --- effects ---------------------------------------------------------------------
    # Effects read type_grade and grade_given (grades), type_level and last_level
    # (levels): _grade_and_level remembers stage outcomes under exactly these.
    def _grade_effect(self, rule: CompiledRule) -> Callable[[dict], int | None]:
        """The grade a rule gives, as a function of the fact (made once per rule)."""
        r, top = rule.rule, self.top_grade
        if r.grade == "type_default":
            return lambda fact: fact["type_grade"]
        if r.grade == "given":
            return lambda fact: fact["grade_given"] if fact["grade_given"] >= 0 else None
        if r.grade is not None:
            fixed = self.pack.grade_rank[r.grade]
            return lambda fact: fixed
        if r.grade_step is not None:
            step = r.grade_step
            return lambda fact: min(fact["type_grade"] + step, top)
        return lambda fact: None

    def _level_effect(self, rule: CompiledRule) -> Callable[[dict], int | None]:
        """The level a rule gives, as a function of the fact (made once per rule)."""
        r, top = rule.rule, self.top_level
        if r.level == "type_default":
            return lambda fact: fact["type_level"]
        if r.level is not None:
            fixed = self.pack.level_rank[r.level]
            return lambda fact: fixed
        if r.level_step_from_last is not None:
            step = r.level_step_from_last
            return lambda fact: min(fact["last_level"] + step, top) if fact["last_level"] >= 0 else None
        return lambda fact: None

    def grade_given_by(self, rule: CompiledRule, fact: dict) -> int | None:
        return self._grades[rule.id](fact)

    def level_given_by(self, rule: CompiledRule, fact: dict) -> int | None:
        return self._levels[rule.id](fact)

    # --- the decision ---------------------------------------------------------------
    def decide(self, event: EventInput, at: datetime | None = None) -> EventDecision:
        with self.engine.session():  # one lock for every stage of this decision
            return self._decide(event, at)

    def _grade_and_level(self, event: EventInput) -> "Prelude":
        """Grading and leveling: everything decided before time enters the decision.

        What a stage decides is a function of the rules that fired and the few
        values their effects read, so it is remembered under exactly those.
        (Remembering it per event shape instead was tried: on fresh inputs only
        ~40% of shapes repeat, and the decision got slower, 23.5k → 18k/s.)"""
        fact = self.grading_fact(event)
        fired = self._fire_names("grading", fact)
        key = (fired, fact["type_grade"], fact["grade_given"])
        graded = self._graded.get(key)
        if graded is None:
            graded = _remember(self._graded, key, self._grading(self._rules(fired), fact, event))
        grade, grade_reasons, grade_flags = graded

        fact["stage"], fact["grade"] = "leveling", grade  # the fact is this decision's own
        fired = self._fire_names("leveling", fact)
        key = (fired, fact["type_level"], fact["last_level"])
        leveled = self._leveled.get(key)
        if leveled is None:
            leveled = _remember(self._leveled, key, self._leveling(self._rules(fired), fact, grade))
        level, base, timed, level_reasons, level_flags = leveled
        return Prelude(fact, grade, level, base, timed, [*grade_reasons, *level_reasons], grade_flags | level_flags)

    def _grading(self, graded: list[CompiledRule], fact: dict, event: EventInput) -> tuple:
        """(grade, reasons, flags) from the grading rules that fired."""
        grades = [self._grades[r.id](fact) for r in graded]
        grade = max([g for g in grades if g is not None], default=None)
        if grade is None:
            raise PackError(Problem(f"no grading rule gave event type {event.type} a grade",
                                    self.pack.locate("events/grading.yaml")))
        reasons = tuple((rule, {"effect_grade": given}) for rule, given in zip(graded, grades)
                        if given == grade or rule.rule.flag)
        return grade, reasons, frozenset(rule.rule.flag for rule, _ in reasons if rule.rule.flag)

    def _leveling(self, leveled: list[CompiledRule], fact: dict, grade: int) -> tuple:
        """(level, level without the history, deadline rules, reasons, flags) from the leveling rules that fired."""
        levels = [self._levels[r.id](fact) for r in leveled]
        given_levels = [v for v in levels if v is not None]
        if not given_levels:
            raise PackError(Problem(f"no level rule gave event type {fact['type']} a level",
                                    self.pack.locate("events/levels.yaml")))
        level = max(given_levels)
        base = max((v for r, v in zip(leveled, levels) if v is not None and r.rule.level_step_from_last is None),
                   default=-1)
        timed = tuple(r for r in leveled if r.rule.deadlines is not None)
        if not timed:
            raise PackError(Problem(f"no deadline rule holds for grade {self.pack.grades[grade].id}",
                                    self.pack.locate("events/deadlines.yaml")))
        reasons = tuple((rule, {"effect_level": given}) for rule, given in zip(leveled, levels)
                        if given == level or rule.rule.flag or rule.rule.deadlines is not None)
        return level, base, timed, reasons, frozenset(rule.rule.flag for rule, _ in reasons if rule.rule.flag)

    def _decide(self, event: EventInput, at: datetime | None = None) -> EventDecision:
        pack = self.pack
        at = at or event.reported_at
        prelude = self._grade_and_level(event)
        fact, grade, level, base = prelude.fact, prelude.grade, prelude.level, prelude.base
        reasons, flags = prelude.reasons, set(prelude.flags)
        deadlines, incomplete = self._deadlines(event.reported_at, prelude.timed)

        level_id = pack.levels[level].id
        handler = self._handler(level_id, event)
        # moments as their order: rules only compare them with each other (facts.py)
        times = time_order({"at": at, "respond_by": deadlines.respond_by, "close_by": deadlines.close_by,
                            "feedback_by": deadlines.feedback_by})
        fact.update(times, stage="dispatch", level=level, level_before_history=base,
                    calendar_incomplete=incomplete, handler_registered=handler.unit is not None)
        dispatched = self._fire("dispatch", fact)
        whistles = [r for r in dispatched if r.rule.whistle is not None]
        strongest = min(whistles, key=lambda r: self.whistle_order[r.rule.whistle]) if whistles else None
        direct: set[str] = set()
        for rule in dispatched:
            if rule.rule.whistle is not None and rule is not strongest:
                continue  # a weaker whistle that also applies decides nothing
            direct.update(rule.rule.direct_report or [])
            if rule.rule.flag:
                flags.add(rule.rule.flag)
            reasons.append((rule, _NO_EFFECT))

        etype = pack.event_types[event.type]
        whistle, within = None, None
        if strongest is not None:
            # report within the shorter of the kind's own limit and the grade's response time
            kind, own_limit = self.whistle_kinds[strongest.rule.whistle]
            within = deadlines.respond_by - event.reported_at
            if own_limit is not None:
                within = min(within, own_limit)
            whistle = self._whistle(kind.name, event.type, within)
        values = TextValues(self, event, fact, handler, deadlines, whistle, within, at)
        return build(EventDecision, 
            event=event.id,
            type=event.type,
            grade=pack.grades[grade].id,
            level=level_id,
            handler=handler,
            departments=list(etype.owners),
            direct_report=[lv.id for lv in pack.levels if lv.id in direct] if direct else [],
            whistle=whistle,
            deadlines=deadlines,
            escalated=not _ESCALATIONS.isdisjoint(flags),
            flags=[f for f in EVENT_FLAGS if f in flags] if flags else [],
            reasons=[self._reason(rule, extra, values) for rule, extra in reasons],
            pack=self.pack_ref,
            at=at,
            risk=self._risk(event.type),
        )

    def _deadlines(self, reported: datetime, timed: tuple[CompiledRule, ...]) -> tuple[Deadlines, bool]:
        """The earliest of each deadline among the deadline rules that hold (normally one)."""
        incomplete = False
        best: list[datetime] | None = None
        for rule in timed:
            moments = []
            for clock in self._limits[rule.id]:
                if type(clock) is timedelta:
                    moments.append(reported + clock)
                else:
                    moment, gap = self.calendar.add_working_days(reported, clock)
                    incomplete |= gap
                    moments.append(moment)
            best = moments if best is None else [min(a, b) for a, b in zip(best, moments)]
        assert best is not None  # _grade_and_level refuses a decision without a deadline rule
        return build(Deadlines, respond_by=best[0], close_by=best[1], feedback_by=best[2]), incomplete

    def _handler(self, level_id: str, event: EventInput) -> Handler:
        """The unit that handles the event at its level (remembered: handlers are frozen)."""
        key = (level_id, event.grid, event.community, event.town)
        found = self._handlers.get(key)
        if found is None:
            found = _remember(self._handlers, key, self._find_handler(level_id, event))
        return found

    # Parts holding only text are made once per event type: decision documents are
    # frozen, so decisions may share them (not parts with lists, which could be
    # changed in place).
    def _risk(self, event_type: str) -> Risk:
        found = self._risks.get(event_type)
        if found is None:
            level, safeguard = self.pack.risk_of(event_type)
            found = self._risks[event_type] = build(Risk, level=level, safeguard=safeguard)
        return found

    def _whistle(self, kind: str, event_type: str, within: timedelta) -> Whistle:
        # its own list of departments: a frozen model's list can still be changed in place
        return build(Whistle, kind=kind, departments=list(self.pack.event_types[event_type].owners),
                     report_within=iso_duration(within))

    def _find_handler(self, level_id: str, event: EventInput) -> Handler:
        pack = self.pack
        registered = pack.grids.get(event.grid)
        if level_id == "grid":
            if registered:
                return build(Handler, level=level_id, unit=registered[0].id, name=registered[0].name)
        elif level_id == "community":
            community = registered[1] if registered else pack.communities.get(event.community or "")
            if community:
                return build(Handler, level=level_id, unit=community.id, name=community.name)
        elif level_id == "town":
            town = pack.towns.get(self.town_of(event) or "")
            if town:
                name = fill(pack.files["organization/units.yaml"].town_handler_name, {"name": town.name})
                return build(Handler, level=level_id, unit=town.id, name=name)
        else:
            return build(Handler, level=level_id, unit=pack.district.id, name=pack.district.handler_name)
        return build(Handler, level=level_id, unit=None, name=None)

    # --- texts ----------------------------------------------------------------------------
    def _reason(self, rule: CompiledRule, extra: dict, values: "TextValues") -> Reason:
        """A rule's reason, remembered under the raw inputs its placeholders come from
        (formatting happens only the first time)."""
        sources = self._sources[rule.id]
        if sources:
            values.effect = extra
            values.rule = rule
            key: Any = (rule.id, *[source(values) for source in sources])
        else:  # a text with nothing to fill in reads the same every time
            key = rule.id
        found = self._reason_memo.get(key)
        if found is None:
            values.effect = extra
            values.rule = rule
            found = _remember(self._reason_memo, key, build(
                Reason, rule=rule.id, text=fill(rule.rule.text, values), basis=fill(rule.rule.basis, values)))
        return found


class TextValues(dict):
    """The placeholders of one decision's texts, each computed only if a text uses it."""

    __slots__ = ("routing", "pack", "event", "fact", "handler", "deadlines", "whistle", "within", "at",
                 "effect", "rule")

    def __init__(self, routing: Routing, event: EventInput, fact: dict, handler: Handler,
                 deadlines: Deadlines, whistle: Whistle | None, within: timedelta | None, at: datetime):
        self.routing, self.pack = routing, routing.pack
        self.event, self.fact, self.handler, self.deadlines = event, fact, handler, deadlines
        self.whistle, self.within, self.at = whistle, within, at
        self.effect: dict = _NO_EFFECT
        self.rule: CompiledRule | None = None

    def __missing__(self, key: str) -> str:
        maker = _VALUES.get(key)
        if maker is None:
            return "{" + key + "}"
        value = maker(self)
        if key not in _PER_RULE:
            self[key] = value
        return value


def _grade(v: TextValues, field: str) -> str:
    return v.pack.name_of("grade", v.fact[field])


def _level(v: TextValues, field: str) -> str:
    return v.pack.name_of("level", v.fact[field])


def _last_level(v: TextValues) -> str:
    last = v.event.history[-1] if v.event.history else None
    return v.pack.name_of("level", v.pack.level_rank[last.level]) if last else "—"


_VALUES = {
    "type": lambda v: v.event.type,
    "type_name": lambda v: v.pack.event_types[v.event.type].name,
    "type_grade_name": lambda v: _grade(v, "type_grade"),
    "type_level_name": lambda v: _level(v, "type_level"),
    "given_grade_name": lambda v: _grade(v, "grade_given"),
    "grade_name": lambda v: _grade(v, "grade"),
    "level_name": lambda v: _level(v, "level"),
    "base_level_name": lambda v: _level(v, "level_before_history"),
    "assigned_name": lambda v: _level(v, "assigned_to"),
    "last_level_name": _last_level,
    "people_involved": lambda v: str(v.event.people_involved),
    "reporters": lambda v: str(v.event.reporters),
    "recurrences_30d": lambda v: str(v.event.recurrences_30d),
    "departments": lambda v: "、".join(v.pack.departments[o].name for o in v.pack.event_types[v.event.type].owners),
    "report_within": lambda v: chinese_duration(v.within) if v.within is not None else "—",
    "whistle_name": lambda v: v.whistle.kind if v.whistle else "—",
    "respond_by": lambda v: _when(v.deadlines.respond_by),
    "close_by": lambda v: _when(v.deadlines.close_by),
    "feedback_by": lambda v: _when(v.deadlines.feedback_by),
    "at": lambda v: _when(v.at.astimezone(v.event.reported_at.tzinfo)),
    "town_name": lambda v: v.pack.towns[v.fact["town"]].name if v.fact["town"] in v.pack.towns else "—",
    "handler_name": lambda v: v.handler.name or "—",
    # per rule: the value the rule itself gives, and its condition (rendered once per pack)
    "effect_grade_name": lambda v: v.pack.name_of("grade", v.effect["effect_grade"]) if v.effect.get("effect_grade") is not None else "—",
    "effect_level_name": lambda v: v.pack.name_of("level", v.effect["effect_level"]) if v.effect.get("effect_level") is not None else "—",
    "condition": lambda v: v.routing.rendered[v.rule.id],
}
_PER_RULE = {"effect_grade_name", "effect_level_name", "condition"}


def _type(v: TextValues):
    return v.event.type


# For remembering reasons: the raw input each placeholder is made from.  Two
# placeholders from the same input share one entry (type_name, departments: the type).
SOURCES = {
    "type": _type, "type_name": _type, "type_grade_name": _type, "type_level_name": _type, "departments": _type,
    "given_grade_name": lambda v: v.fact["grade_given"],
    "grade_name": lambda v: v.fact["grade"],
    "level_name": lambda v: v.fact["level"],
    "base_level_name": lambda v: v.fact["level_before_history"],
    "assigned_name": lambda v: v.fact["assigned_to"],
    "last_level_name": lambda v: v.fact["last_level"],
    "people_involved": lambda v: v.event.people_involved,
    "reporters": lambda v: v.event.reporters,
    "recurrences_30d": lambda v: v.event.recurrences_30d,
    "report_within": lambda v: v.within,
    "whistle_name": lambda v: v.whistle.kind if v.whistle else None,
    # aware datetimes compare by instant: 09:30+08:00 == 01:30+00:00, but they read
    # differently, so the offset is part of the key
    "respond_by": lambda v: (v.deadlines.respond_by, v.deadlines.respond_by.utcoffset()),
    "close_by": lambda v: (v.deadlines.close_by, v.deadlines.close_by.utcoffset()),
    "feedback_by": lambda v: (v.deadlines.feedback_by, v.deadlines.feedback_by.utcoffset()),
    "at": lambda v: (v.at, v.event.reported_at.utcoffset()),
    "town_name": lambda v: v.fact["town"],
    "handler_name": lambda v: v.handler.name,
    "effect_grade_name": lambda v: v.effect.get("effect_grade"),
    "effect_level_name": lambda v: v.effect.get("effect_level"),
    "condition": lambda v: None,  # the rule's own, fixed
}
