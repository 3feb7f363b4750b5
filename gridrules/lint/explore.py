"""Decide every situation the pack can meet, and record what each written rule does in it.

Why this is sound.  ``space`` reduces every field to representatives that answer
every rule's tests exactly as the values they stand for, so deciding the
representatives decides everything.  Events are then followed through the same
three stages routing uses, with the engine's own answers (the compiled rulesets,
fired through the adapter) and the effects and their combination routing uses
(``decide/effects.py``):

1. grading -- every kind of event type × every combination of what grading
   rules read → the grade (the highest any fired rule gives);
2. leveling -- each distinct (type, grade, …) × what leveling rules read → the
   level (the highest), the level before history, the deadline rules that hold;
3. dispatch -- each distinct leveling outcome × what dispatch rules read.  Here
   the space is a superset of what real inputs produce: deadlines and ``at`` are
   taken in every order, ``calendar_incomplete`` either way, the handler either
   registered or not (unless the district handles at that level: it always is).

A larger space can only make a rule fire or decide *more* often, so "this rule
never fires" or "never decides" is never claimed for a rule that does.  Gaps
("no grade for this type") are only looked for in stages 1 and 2, where the
space is exact.

For each rule we count the situations in which it *fires* (its condition holds)
and those in which it *decides* -- takes effect as routing applies it:

* a grading or leveling rule with a value decides when its value is the final
  one (ties count: routing lists every rule that gives the final value); a rule
  with a flag always decides;
* a deadline rule decides when it sets at least one of the three deadlines --
  it does not when another rule that holds gives a limit that is always earlier
  (clock limits compare exactly; N working days last at least N × 24 hours);
* a whistle rule decides only when it is the strongest whistle that fires
  (routing ignores the others entirely, their flags and direct reports too);
* any other rule decides whenever it fires.

Task oversight rules are judged the same way over the oversight stage's facts,
which are taken as free (every verdict with every status, channel and
workload), except what the contract fixes: only a town's task can be
``temporary`` and only a department's ``admitted``.
"""

from __future__ import annotations

from typing import Any
from collections import Counter
from dataclasses import dataclass, field

from gridrules.decide.checker import Checker
from gridrules.engine.compiler import CompiledRule
from gridrules.lang.tree import fields_used
from gridrules.contract.facts import OUTCOMES
from gridrules.contract.base import Duration
from gridrules.pack.pack import Pack
from gridrules.lint.space import Dim, constants, default_fact, exact, orderings, product, values_of

TIME_KINDS = ("date", "datetime")
DAY = 86400


@dataclass
class RuleStats:
    fired: int = 0
    decided: int = 0
    beaten_by: Counter = field(default_factory=Counter)  # rules that took effect instead
    example: dict | None = None  # a situation where it fired but did not decide
    analysed: bool = True


@dataclass
class Gap:
    """Situations of one event type in which a stage gives no grade / level / deadline."""

    kind: str  # grade | level | deadline
    type: str
    example: dict
    count: int = 0
    grades: set = field(default_factory=set)  # deadline gaps: the grades lacking one


@dataclass
class Exploration:
    rules: dict[str, RuleStats]
    gaps: dict[tuple[str, str], Gap]
    situations: Counter


def always_earlier(a: Duration, b: Duration) -> bool:
    """Whether limit ``a`` always ends strictly before limit ``b``, whatever the calendar."""
    if a.working_days is not None:
        return b.working_days is not None and a.working_days < b.working_days
    seconds = _seconds(a)
    if b.working_days is not None:
        return seconds < b.working_days * DAY  # N working days last at least N days
    return seconds < _seconds(b)


def _seconds(limit: Duration) -> float:
    """A clock limit's length (the model gives a limit clock time or working days)."""
    return limit.clock.total_seconds() if limit.clock is not None else 0.0


class _Explorer:
    def __init__(self, pack: Pack, checker: Checker):
        self.pack = pack
        self.checker = checker
        self.compiled = checker.compiled
        self.effects = checker.routing.effects
        self.written = {r.id: r for r in self.compiled.rules.values() if r.kind == "written"}
        self.stats = {rid: RuleStats() for rid in self.written}
        self.gaps: dict[tuple[str, str], Gap] = {}
        self.count: Counter = Counter()
        event_stages = ("grading", "leveling", "dispatch")
        self.by_stage = {s: [r for r in self.written.values() if r.stage == s] for s in (*event_stages, "oversight")}
        self.named = constants(r.condition for r in self.written.values())
        for rule in self.written.values():
            if not exact(rule.condition, self.pack.stages[rule.stage]):
                self.stats[rule.id].analysed = False

    # --- what each stage reads -----------------------------------------------------
    def reads(self, stage: str) -> set[str]:
        """What a stage's rules read: their conditions, and their effects (``effects.py``)."""
        rules = self.by_stage[stage]
        return set().union(*(fields_used(r.condition) for r in rules)) | self.effects.reads(rules)

    def field_dim(self, stage: str, name: str) -> Dim | None:
        f = self.pack.stages[stage].fields[name]
        values = values_of(self.pack, f, self.named.get(name, set()))
        if values is None:
            return None
        if f.kind == "list":
            return Dim(name, (name, f"{name}__n"), tuple((v, len(v)) for v in values))
        return Dim(name, (name,), tuple((v,) for v in values))

    def event_dims(self) -> list[Dim]:
        pack = self.pack
        levels = range(len(pack.levels))
        history = [(-1, "")] + [(lv, outcome) for lv in levels for outcome in OUTCOMES]
        assigned: list[tuple[int, list[str], int]] = [(-1, [], 0)] + [(lv, list(pack.levels[lv].powers), len(pack.levels[lv].powers)) for lv in levels]
        # who reported: no role given, or a role with its special powers (roles alike count once)
        reporters = sorted({(): 0} | {tuple(p.id for p in r.special_powers): 0 for r in pack.roles.values()})
        dims = [
            Dim("history", ("last_level", "last_outcome"), tuple(history)),
            Dim("assigned", ("assigned_to", "assigned_powers", "assigned_powers__n"), tuple(assigned)),
            Dim("reporter", ("reporter_powers", "reporter_powers__n"), tuple((p, len(p)) for p in reporters)),
        ]
        for name in ("grade_given", "life_threat", "people_involved", "reporters", "recurrences_30d",
                     "spans", "needs_enforcement", "town", "direct_report_claimed", "grid_kind",
                     *(f.id for f in pack.facts_of("event"))):
            dim = self.field_dim("grading", name)
            if dim is not None:
                dims.append(dim)
        return dims

    def type_dim(self, by_code: bool) -> tuple[Dim, dict[tuple, list[str]]]:
        """Event types, grouped by what the rules can tell apart (their default grade and level, their risk)."""
        pack = self.pack
        groups: dict[tuple, list[str]] = {}
        for code, t in pack.event_types.items():
            key = (code if by_code else "", pack.grade_rank[t.grade], pack.level_rank[t.level], pack.risk_of(code)[0])
            groups.setdefault(key, []).append(code)
        values = tuple((codes[0], *key[1:]) for key, codes in groups.items())
        members = {(codes[0], *key[1:]): codes for key, codes in groups.items()}
        return Dim("type", ("type", "type_grade", "type_level", "risk"), values), members

    # --- events -----------------------------------------------------------------------------
    def explore_events(self) -> None:
        reads = {s: self.reads(s) for s in ("grading", "leveling", "dispatch")}
        dims = self.event_dims()
        type_dim, members = self.type_dim("type" in set().union(*reads.values()))
        later = reads["leveling"] | reads["dispatch"]
        first = [d for d in dims if set(d.fields) & reads["grading"]]
        carry1 = [d for d in first if set(d.fields) & later]

        outcomes1: dict[tuple, dict] = {}
        for type_setting in type_dim.settings():
            for setting in product(first):
                fact = default_fact(self.pack, self.pack.stages["grading"]) | type_setting | setting
                grade = self.grade(fact, members[tuple(type_setting.values())])
                if grade is None:
                    continue
                carried = {f: fact[f] for d in carry1 for f in d.fields}
                key = (tuple(type_setting.values()), grade, _key(carried))
                outcomes1.setdefault(key, type_setting | carried | {"grade": grade})

        done = {d.name for d in first}
        second = [d for d in dims if set(d.fields) & reads["leveling"] and d.name not in done]
        carry2 = [d for d in first + second if set(d.fields) & reads["dispatch"]]
        base: dict[tuple, dict] = {}
        for (type_key, _, _), start in outcomes1.items():
            for setting in product(second):
                fact = default_fact(self.pack, self.pack.stages["leveling"]) | start | setting
                result = self.level(fact, members[type_key])
                if result is None:
                    continue
                level, before = result
                known = {"level": level, "level_before_history": before, "grade": fact["grade"],
                         "type_grade": fact["type_grade"], "type_level": fact["type_level"], "type": fact["type"],
                         "risk": fact["risk"]}
                known |= {f: fact[f] for d in carry2 for f in d.fields}
                wanted = {k: v for k, v in known.items() if k in reads["dispatch"] or k == "level"}
                base.setdefault(_key(wanted), wanted)
        done |= {d.name for d in second}
        fresh = [d for d in dims if d.name not in done]
        self.explore_dispatch(list(base.values()), fresh)

    def grade(self, fact: dict, codes: list[str]) -> int | None:
        fired = self.fire("grading", fact)
        grade, given = self.effects.grading(fired, fact)
        values = {r.id: v for r, v in zip(fired, given)}
        self.count["grading"] += 1
        if grade is None:
            for code in codes:
                self.gap("grade", code, fact, "grading")
            return None
        winners = [rid for rid, v in values.items() if v == grade]
        for rule in fired:
            decided = values[rule.id] == grade or bool(rule.written.flag or rule.written.states)
            self.record(rule.id, decided, winners, fact)
        return grade

    def level(self, fact: dict, codes: list[str]) -> tuple[int, int] | None:
        fired = self.fire("leveling", fact)
        (level, given), before = self.effects.leveling(fired, fact)
        values = {r.id: v for r, v in zip(fired, given)}
        timed = [r for r in fired if r.written.deadlines is not None]
        self.count["leveling"] += 1
        if level is None:
            for code in codes:
                self.gap("level", code, fact, "leveling")
        if not timed:
            for code in codes:
                self.gap("deadline", code, fact, "leveling").grades.add(fact["grade"])
        if level is None or not timed:
            return None
        winners = [rid for rid, v in values.items() if v == level]
        for rule in fired:
            sets = self.sets_deadline(rule, timed)
            decided = values[rule.id] == level or bool(rule.written.flag or rule.written.states) or bool(sets)
            beaten = winners if rule.written.deadlines is None else [
                r.id for r in timed if r is not rule and any(
                    always_earlier(getattr(r.written.deadlines, p), getattr(rule.written.deadlines, p))
                    for p in ("respond", "close", "feedback"))]
            self.record(rule.id, decided, beaten, fact)
        return level, before

    @staticmethod
    def sets_deadline(rule: CompiledRule, timed: list[CompiledRule]) -> list[str]:
        """The deadlines (respond, close, feedback) this rule sets: no other rule's is always earlier."""
        if rule.written.deadlines is None:
            return []
        out = []
        for part in ("respond", "close", "feedback"):
            mine = getattr(rule.written.deadlines, part)
            if not any(always_earlier(getattr(o.written.deadlines, part), mine) for o in timed if o is not rule):
                out.append(part)
        return out

    def explore_dispatch(self, base: list[dict], fresh: list[Dim]) -> None:
        """Each group of rules over the situations projected on what the group reads.

        The whistle rules are judged together (only the strongest decides); every
        other dispatch rule alone (it decides whenever it fires)."""
        rules = self.by_stage["dispatch"]
        whistles = [r for r in rules if r.written.whistle is not None]
        groups = ([whistles] if whistles else []) + [[r] for r in rules if r.written.whistle is None]
        fresh = fresh + [Dim("calendar_incomplete", ("calendar_incomplete",), ((False,), (True,)))]
        district = {i for i, level in enumerate(self.pack.levels) if level.unit == "district"}
        for group in groups:
            wanted = set().union(*(fields_used(r.condition) for r in group))
            dims = [d for d in fresh if set(d.fields) & wanted]
            times = sorted(f for f in wanted if self.pack.stages["dispatch"].fields[f].kind in TIME_KINDS)
            registered = "handler_registered" in wanted
            keys = wanted | ({"level"} if registered else set())
            starts: dict[Any, Any] = {}
            for b in base:
                projected = {k: v for k, v in b.items() if k in keys}
                starts.setdefault(_key(projected), projected)
            for start in starts.values():
                # a level the district handles always has its handler; other units may be unregistered
                handlers = [{}] if not registered else (
                    [{"handler_registered": True}] if start["level"] in district
                    else [{"handler_registered": True}, {"handler_registered": False}])
                for setting in product(dims):
                    for order in orderings(times):
                        for handler in handlers:
                            fact = default_fact(self.pack, self.pack.stages["dispatch"]) | start | setting | order | handler
                            self.dispatch(fact, group)

    def dispatch(self, fact: dict, group: list[CompiledRule]) -> None:
        ids = {r.id for r in group}
        fired = [r for r in self.fire("dispatch", fact) if r.id in ids]
        self.count["dispatch"] += 1
        strongest = self.effects.strongest_whistle(fired)
        for rule in fired:
            decided = rule.written.whistle is None or rule is strongest
            self.record(rule.id, decided, [strongest.id] if strongest is not None else [], fact)

    # --- oversight ------------------------------------------------------------------------------
    def explore_oversight(self) -> None:
        stage = self.pack.stages["oversight"]
        for rule in self.by_stage["oversight"]:
            wanted = fields_used(rule.condition) | ({"issued_by"} if "verdict" in fields_used(rule.condition) else set())
            times = sorted(f for f in wanted if stage.fields[f].kind in TIME_KINDS)
            dims = []
            for name in sorted(wanted - set(times)):
                dim = self.field_dim("oversight", name)
                if dim is None:
                    self.stats[rule.id].analysed = False
                    break
                dims.append(dim)
            else:
                for setting in product(dims):
                    if not _possible_verdict(setting):
                        continue
                    for order in _date_orderings(stage, times):
                        fact = default_fact(self.pack, stage) | setting | order
                        self.count["oversight"] += 1
                        if rule.id in {r.id for r in self.fire("oversight", fact)}:
                            self.record(rule.id, True, [], fact)

    # --- bookkeeping ------------------------------------------------------------------------------
    def fire(self, stage: str, fact: dict) -> list[CompiledRule]:
        rules = self.compiled.rules
        return [rules[n] for ruleset in self.compiled.stages[stage] for n in self.checker.engine.fire(ruleset, fact)]

    def record(self, rule_id: str, decided: bool, beaten_by: list[str], fact: dict) -> None:
        s = self.stats[rule_id]
        s.fired += 1
        if decided:
            s.decided += 1
        else:
            s.beaten_by.update(b for b in beaten_by if b != rule_id)
            if s.example is None:
                s.example = dict(fact)

    def gap(self, kind: str, code: str, fact: dict, stage: str) -> Gap:
        key = (kind, code)
        if key not in self.gaps:
            self.gaps[key] = Gap(kind, code, {k: fact[k] for k in self.reads(stage) if k in fact} | {"grade": fact.get("grade")})
        gap = self.gaps[key]
        gap.count += 1
        return gap


def _key(values: dict) -> tuple:
    """A hashable key for a partial fact (lists, such as a level's powers, as tuples)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


def _possible_verdict(setting: dict) -> bool:
    """The contract: only a town's task can be temporary (a department's or a town relaying
    an item it names can be admitted)."""
    verdict, issuer = setting.get("verdict"), setting.get("issued_by")
    if verdict is None or issuer is None:
        return True
    return not (verdict == "temporary" and issuer != "town")


def _date_orderings(stage, names: list[str]) -> list[dict]:
    """Dates in every order; an optional date may also be missing (0, below every date)."""
    out = []
    for order in orderings(names):
        shifted = {k: v + 1 for k, v in order.items()}  # dates are > 0
        out.append(shifted)
        for name in names:
            if stage.fields[name].optional:
                out.append(shifted | {name: 0})
    return out or [{}]


def explore(pack: Pack, checker: Checker | None = None) -> Exploration:
    explorer = _Explorer(pack, checker or Checker(pack))
    explorer.explore_events()
    explorer.explore_oversight()
    return Exploration(explorer.stats, explorer.gaps, explorer.count)
