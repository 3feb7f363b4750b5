"""Rules the engine could not hold even alone, located in the pack: a written rule at its
``when``, a rule generated from a list entry (a role, an item, a temporary approval) at
that entry.  What the engine can hold is measured in ``capacity``.
"""

from __future__ import annotations

from typing import Any, Iterable

from gridrules.catalogue import t
from gridrules.engine.capacity import MAX_TESTS, beyond_capacity
from gridrules.errors import Problem
from gridrules.lang.tree import Test
from gridrules.pack import layout
from gridrules.pack.pack import Pack


# Where the list entry a generated rule comes from lives: (file, list key, the entry's id field)
_GENERATED_FROM = {"role": (layout.ROLES, "roles", "id"), "item": (layout.ITEMS, "items", "id"),
                   "relay": (layout.ITEMS, "items", "id"),
                   "temporary": (layout.TEMPORARY, "approvals", "ref")}


def _values(cond: Any) -> int:
    """How many values a condition compares against (an upper bound of its tests)."""
    if isinstance(cond, Test):
        return len(cond.value) if isinstance(cond.value, tuple) else 1
    return sum(_values(part) for part in getattr(cond, "parts", ()))


def generated_beyond_capacity(pack: Pack, rules: Iterable[Any]) -> list[Problem]:
    """Rules generated from the lists that the engine could not hold even alone: a role
    lacking hundreds of activities, an item or approval listing hundreds of activities or
    towns.  Only rules with many values are translated again to be measured."""
    out: list[Problem] = []
    for rule in rules:
        if rule.kind == "written" or _values(rule.condition) <= MAX_TESTS // 2:
            continue
        found = beyond_capacity(rule.condition, rule.stage)
        if not found:
            continue
        relpath, key, id_field = _GENERATED_FROM["temporary" if rule.kind.startswith("temporary") else rule.kind]
        entries = getattr(pack.files[relpath], key)
        index = next(i for i, e in enumerate(entries) if getattr(e, id_field) == rule.about)
        out.extend(Problem(t("engine.generated_rule", rule=rule.id, problem=message), pack.locate(relpath, (key, index)),
                           f"{key}[{index}]") for message in found)
    return out


def written_beyond_capacity(pack: Pack, written: Iterable[Any]) -> list[Problem]:
    """Written rules the engine cannot hold even alone, at their ``when``.
    (Generated rules are measured by ``generated_beyond_capacity``.)"""
    out: list[Problem] = []
    for rule in written:
        source = pack.rule_sources[rule.id]
        out.extend(Problem(message, pack.locate(source.relpath, source.path + ("when",)), f"{rule.id}.when")
                   for message in beyond_capacity(rule.condition, rule.stage))
    return out
