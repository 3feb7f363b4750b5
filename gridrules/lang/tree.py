"""The syntax tree of a condition: what ``parse`` builds and the compiler, lint and ``render`` read.

A condition is ``Always`` (or never), a ``Test`` of one fact field, or ``All``,
``Any_`` and ``Not`` of conditions.  ``negate`` pushes a negation one step down
(durable_rules has no negation of an expression, so ``to_durable`` uses it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gridrules.contract.facts import FactField


@dataclass(frozen=True)
class Always:
    value: bool = True


@dataclass(frozen=True)
class All:
    parts: tuple


@dataclass(frozen=True)
class Any_:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: Any


@dataclass(frozen=True)
class Test:
    """``field op value``; ``other`` is the field to compare with instead of a value.

    ``value`` is already encoded as the fact holds it (ranks, YYYYMMDD, ids);
    for ``in``/``not_in``/``includes``/``excludes``/``all_in`` it is a tuple.
    ``all_in`` and ``any_not_in`` are used by generated rules only.
    """

    field: FactField
    op: str
    value: Any = None
    other: FactField | None = None


NEGATE = {
    "eq": "ne",
    "ne": "eq",
    "gt": "lte",
    "lte": "gt",
    "gte": "lt",
    "lt": "gte",
    "in": "not_in",
    "not_in": "in",
    "includes": "excludes",
    "excludes": "includes",
    "all_in": "any_not_in",
    "any_not_in": "all_in",
}

def negate(cond: Any) -> Any:
    """The condition that holds exactly when ``cond`` does not."""
    if isinstance(cond, Always):
        return Always(not cond.value)
    if isinstance(cond, All):
        return Any_(tuple(negate(p) for p in cond.parts))
    if isinstance(cond, Any_):
        return All(tuple(negate(p) for p in cond.parts))
    if isinstance(cond, Not):
        return cond.part
    if cond.op == "exists":
        return Test(cond.field, "exists", not cond.value)
    return Test(cond.field, NEGATE[cond.op], cond.value, cond.other)


def fields_used(cond: Any) -> set[str]:
    """Every fact field a condition reads (for lint and for stage ordering checks)."""
    if isinstance(cond, Always):
        return set()
    if isinstance(cond, Not):
        return fields_used(cond.part)
    if isinstance(cond, (All, Any_)):
        out: set[str] = set()
        for p in cond.parts:
            out |= fields_used(p)
        return out
    return {cond.field.name} | ({cond.other.name} if cond.other else set())
