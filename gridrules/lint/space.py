"""The finite space of facts a decision stage can meet.

A rule reads a few fact fields and compares them with constants
(``people_involved >= 10``) or with each other (``level > level_before_history``).
So between two neighbouring constants a number answers every test of every rule
the same way, and one value per such region stands for all of them.  This module
picks those *representatives* for every kind of field:

* booleans, enumerations, levels and grades: every value (plus "not given" for
  optional fields);
* numbers: every constant the rules name, one value in each gap between
  neighbouring constants, one below the lowest (if the input allows it) and one
  above the highest -- integers for integer inputs (counts of people), any
  number for hours;
* ids (towns, roles, items …): the ids the rules name, one id they do not name,
  and "not given" for optional fields;
* lists (a task's activities): every non-empty combination of the ids the rules
  name and one they do not;
* dates and datetimes, which rules only compare with each other: every ordering
  (ties included) of the fields a rule reads -- this may include orderings no
  real input produces (an over-approximation, see ``explore``).

Comparing two *number* fields with each other would need more than one value per
region; no rule does this today, and a rule that does is reported as not
analysable rather than judged on too few values (``exact``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from gridrules.contract.documents import EventInput, TaskInput
from gridrules.lang.tree import All, Always, Any_, Not, Test
from gridrules.contract.facts import FactField, Stage
from gridrules.pack.pack import Pack

OTHER = "\u2205other"  # an id no rule names (for open vocabularies such as approval refs)
MAX_LIST_IDS = 10  # lists: combinations of at most this many named ids (2**11 lists)


def tests_of(cond: Any) -> Iterator[Test]:
    if isinstance(cond, Always):
        return
    if isinstance(cond, Not):
        yield from tests_of(cond.part)
    elif isinstance(cond, (All, Any_)):
        for part in cond.parts:
            yield from tests_of(part)
    else:
        yield cond


def constants(conditions: Iterable[Any]) -> dict[str, set]:
    """Field name -> the literal values the conditions compare it with."""
    found: dict[str, set] = {}
    for cond in conditions:
        for test in tests_of(cond):
            if test.other is not None or test.op == "exists":
                continue
            values = test.value if isinstance(test.value, tuple) else (test.value,)
            found.setdefault(test.field.name, set()).update(values)
    return found


def exact(cond: Any, stage: Stage) -> bool:
    """False when the condition compares two number fields (one value per region is not enough)."""
    for test in tests_of(cond):
        if test.other is not None and test.field.kind == "number":
            return False
    return True


def _number_shape(name: str) -> tuple[bool, float]:
    """(integer?, lowest value) of a number fact field, from the input models when it is an input."""
    for model in (EventInput, TaskInput):
        info = model.model_fields.get(name)
        if info is None:
            continue
        lowest = next((m.ge for m in info.metadata if hasattr(m, "ge")), 0)
        return info.annotation is int, lowest
    return False, 0.0  # derived hours (listed_hours, workload_after …): any number >= 0


def number_values(name: str, named: set) -> list:
    integer, lowest = _number_shape(name)
    cs = sorted(float(c) for c in named)
    if integer:
        out = {int(lowest)}
        for c in cs:
            out |= {math.floor(c) - 1, math.floor(c), math.ceil(c), math.ceil(c) + 1}
        return sorted(v for v in out if v >= lowest)
    out_f = {float(lowest)} | set(cs)
    points = sorted({float(lowest), *cs})
    out_f |= {(a + b) / 2 for a, b in zip(points, points[1:])}
    if cs:
        out_f |= {cs[0] - 1, cs[-1] + 1}
    return sorted(v for v in out_f if v >= lowest)


def _ids(pack: Pack, field: FactField) -> list:
    domain = field.domain
    if isinstance(domain, tuple):
        return list(domain)
    if domain == "approval":
        return [a.ref for a in pack.approvals]
    return sorted(pack.ids(domain))


def ref_values(pack: Pack, field: FactField, named: set) -> list:
    known = _ids(pack, field)
    out = sorted(named)
    unnamed = next((v for v in known if v not in named), OTHER if field.domain == "approval" else None)
    if unnamed is not None:
        out.append(unnamed)
    if field.optional:
        out.append("")
    return out


def list_values(pack: Pack, field: FactField, named: set, non_empty: bool) -> list[list] | None:
    """Every combination of the named ids and one unnamed id; None when there are too many."""
    known = _ids(pack, field)
    atoms = sorted(named)
    unnamed = next((v for v in known if v not in named), None)
    if unnamed is not None:
        atoms.append(unnamed)
    if len(atoms) > MAX_LIST_IDS + 1:
        return None
    out: list[list] = []
    for size in range(0 if not non_empty else 1, len(atoms) + 1):
        out.extend(list(c) for c in itertools.combinations(atoms, size))
    return out


def values_of(pack: Pack, field: FactField, named: set) -> list | None:
    """The representatives of one field (None: the field cannot be represented)."""
    kind = field.kind
    if kind == "bool":
        return [False, True]
    if kind == "number":
        return number_values(field.name, named)
    if kind in ("level", "grade"):
        ranks = list(range(len(pack.levels if kind == "level" else pack.grades)))
        return ([-1] if field.optional else []) + ranks
    if kind == "enum":
        domain = field.domain if isinstance(field.domain, tuple) else tuple(pack.ids(field.domain))
        return list(domain) + ([""] if field.optional else [])
    if kind == "ref":
        return ref_values(pack, field, named)
    if kind == "list":
        return list_values(pack, field, named, non_empty=field.name == "activities")
    return None  # dates and datetimes: see orderings()


def orderings(names: list[str]) -> list[dict[str, int]]:
    """Every ordering of the fields, ties included, as small integers (3 fields: 13 orderings)."""
    if not names:
        return [{}]
    out = []
    k = len(names)
    for ranks in itertools.product(range(k), repeat=k):
        if set(ranks) == set(range(max(ranks) + 1)):
            out.append(dict(zip(names, ranks)))
    return out


@dataclass(frozen=True)
class Dim:
    """One dimension of the space: the fields it sets and its representative values."""

    name: str
    fields: tuple[str, ...]
    values: tuple[tuple, ...]

    def settings(self) -> Iterator[dict]:
        for value in self.values:
            yield dict(zip(self.fields, value))


def default_fact(pack: Pack, stage: Stage) -> dict[str, Any]:
    """A complete fact of the stage with plain values (each analysis overrides what it reads)."""
    fact: dict[str, Any] = {"stage": stage.name}
    for name, field in stage.fields.items():
        kind = field.kind
        if kind == "bool":
            value: Any = False
        elif kind == "number":
            value = _number_shape(name)[1]
        elif kind in ("level", "grade"):
            value = -1 if field.optional else 0
        elif kind in ("enum", "ref"):
            value = "" if field.optional else _ids(pack, field)[0]
        elif kind == "list":
            value = []
            fact[f"{name}__n"] = 0
        else:  # date, datetime
            value = 0
        fact[name] = value
    return fact


def product(dims: list[Dim]) -> Iterator[dict]:
    for combo in itertools.product(*[list(d.settings()) for d in dims]):
        merged: dict = {}
        for part in combo:
            merged.update(part)
        yield merged
