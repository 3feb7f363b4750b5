"""What an event rule does when it fires (its effects), declared once.

Each effect is declared with the fact fields its value reads and how the
effects of all the rules that fire combine into the decision:

=================  =========  ==================================================
effect             stage      combined as
=================  =========  ==================================================
``grade``          grading    the highest grade any fired rule gives (never lowered)
``level``          leveling   the highest level any fired rule gives
``deadlines``      leveling   the earliest of each deadline among the rules that hold
``whistle``        dispatch   the strongest kind that fires (the pack's order);
                              a weaker whistle rule decides nothing at all
``direct_report``  dispatch   the union of the levels, in the pack's level order
``flag``           any        the union, in the contract's flag order
=================  =========  ==================================================

Routing applies them (``routing.py``), lint explores them over every situation
(``lint/explore.py``), and the no-engine baseline (``benchmarks/baseline.py``)
combines its own hard-coded rules with the same functions.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple, TypeVar

from gridrules.contract.base import Duration
from gridrules.pack.model.rules import Rule

if TYPE_CHECKING:
    from gridrules.engine.compiler import CompiledRule
    from gridrules.pack.pack import Pack

T = TypeVar("T")
DEADLINE_PARTS = ("respond", "close", "feedback")
# the fact fields that say what happened before (an effect reading them "escalates")
HISTORY_FIELDS = frozenset({"last_level", "last_outcome"})


class Given(NamedTuple):
    """A value effect: the fact fields it reads, and the value it gives from them
    (``give`` receives exactly those fields' values, in this order, and nothing else)."""

    reads: tuple[str, ...]
    give: Callable[..., int | None]

    def of(self, fact: dict[str, Any]) -> int | None:
        return self.give(*[fact[name] for name in self.reads])

    def on_fact(self) -> Callable[[dict[str, Any]], int | None]:
        """``of`` as one function of the fact (made once per rule: decisions call it often)."""
        give, reads = self.give, self.reads
        if not reads:
            value = give()
            return lambda fact: value
        if len(reads) == 1:
            name = reads[0]
            return lambda fact: give(fact[name])
        return self.of


_NOTHING = Given((), lambda: None)


def _fixed(value: int) -> Given:
    return Given((), lambda: value)


def grade_effect(rule: Rule, pack: "Pack") -> Given:
    """The grade a grading rule gives."""
    top = len(pack.grades) - 1
    if rule.grade == "type_default":
        return Given(("type_grade",), lambda type_grade: type_grade)
    if rule.grade == "given":
        return Given(("grade_given",), lambda given: given if given >= 0 else None)
    if rule.grade is not None:
        return _fixed(pack.grade_rank[rule.grade])
    if rule.grade_step is not None:
        step = rule.grade_step
        return Given(("type_grade",), lambda type_grade: min(type_grade + step, top))
    return _NOTHING


def level_effect(rule: Rule, pack: "Pack") -> Given:
    """The level a leveling rule gives."""
    top = len(pack.levels) - 1
    if rule.level == "type_default":
        return Given(("type_level",), lambda type_level: type_level)
    if rule.level is not None:
        return _fixed(pack.level_rank[rule.level])
    if rule.level_step_from_last is not None:
        step = rule.level_step_from_last
        return Given(("last_level",), lambda last: min(last + step, top) if last >= 0 else None)
    return _NOTHING


def deadline_limits(rule: Rule) -> tuple[timedelta | int, ...] | None:
    """A deadline rule's respond / close / feedback limits: clock time, or working days."""
    if rule.deadlines is None:
        return None
    return tuple(_clock(getattr(rule.deadlines, part)) for part in DEADLINE_PARTS)


def _clock(limit: Duration) -> timedelta | int:
    if limit.clock is not None:
        return limit.clock
    if limit.working_days is None:  # the model requires one of the two
        raise TypeError("a time limit with neither clock time nor working days")
    return limit.working_days


# --- combining -------------------------------------------------------------------------


def highest(values: Iterable[int | None]) -> int | None:
    """The highest value given (grades, levels); None when no rule gives one."""
    return max([v for v in values if v is not None], default=None)


def strongest(candidates: Iterable[T], kind_of: Callable[[T], str], order: dict[str, int]) -> T | None:
    """The candidate whose whistle kind comes first in the pack's order."""
    return min(candidates, key=lambda c: order[kind_of(c)], default=None)


def earliest(moments: Iterable[list]) -> list | None:
    """Each deadline the earliest among the rules that hold (lists of moments, part by part)."""
    best = None
    for each in moments:
        best = each if best is None else [min(a, b) for a, b in zip(best, each)]
    return best


def ranks(order: Iterable[str]) -> dict[str, int]:
    """Each id's place in a declared order (what ``in_order`` sorts by)."""
    return {x: i for i, x in enumerate(order)}


def in_order(chosen: set[str] | frozenset[str], order: dict[str, int]) -> list[str]:
    """A union of ids (flags, levels reported to) in their declared order (``ranks``);
    an id the order does not declare is left out."""
    if not chosen:
        return []
    return sorted(chosen & order.keys(), key=order.__getitem__)


class Graded(NamedTuple):
    value: int | None  # the combined grade or level; None when no fired rule gives one
    given: list  # what each fired rule gives, in firing order


class EventEffects:
    """The effects of one pack's written event rules, made once per pack."""

    def __init__(self, pack: "Pack", rules: dict[str, "CompiledRule"]):
        written = {rid: r.rule for rid, r in rules.items() if r.rule is not None}
        self.grade = {rid: grade_effect(rule, pack) for rid, rule in written.items()}
        self.level = {rid: level_effect(rule, pack) for rid, rule in written.items()}
        self._grade_of = {rid: given.on_fact() for rid, given in self.grade.items()}
        self._level_of = {rid: given.on_fact() for rid, given in self.level.items()}
        self.limits = {rid: limits for rid, rule in written.items() if (limits := deadline_limits(rule)) is not None}
        self.whistle_order = {w.id: i for i, w in enumerate(pack.whistle_kinds)}
        # levels a rule gives whatever the history says: what "the level before history" combines
        self.before_history = frozenset(rid for rid, given in self.level.items()
                                        if HISTORY_FIELDS.isdisjoint(given.reads))

    def reads(self, rules: Iterable["CompiledRule"]) -> set[str]:
        """The fact fields the value effects of these rules read."""
        out: set[str] = set()
        for rule in rules:
            out.update(self.grade[rule.id].reads, self.level[rule.id].reads)
        return out

    def grading(self, fired: list["CompiledRule"], fact: dict) -> Graded:
        grade_of = self._grade_of
        given = [grade_of[r.id](fact) for r in fired]
        return Graded(highest(given), given)

    def leveling(self, fired: list["CompiledRule"], fact: dict) -> tuple[Graded, int]:
        """The level, and the level before history (-1 when only history gives one)."""
        level_of, before_history = self._level_of, self.before_history
        given = [level_of[r.id](fact) for r in fired]
        before = highest([v for r, v in zip(fired, given) if r.id in before_history])
        return Graded(highest(given), given), -1 if before is None else before

    def strongest_whistle(self, fired: Iterable["CompiledRule"]) -> "CompiledRule | None":
        whistles = [r for r in fired if r.written.whistle is not None]
        return strongest(whistles, _whistle_of, self.whistle_order) if whistles else None


def _whistle_of(rule: "CompiledRule") -> str:
    return rule.written.whistle or ""
