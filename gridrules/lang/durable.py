"""Translating a condition tree to a durable_rules expression (plain dicts).

Every ``not`` is pushed down to the leaves (durable_rules has no negation of an
expression); facts' encodings (``facts.py``) decide how "missing" is tested.
"""

from __future__ import annotations

from typing import Any

from gridrules.contract.facts import FactField
from gridrules.lang.tree import All, Always, Any_, Not, Test, negate

# Every asserted fact carries its stage name, so "always" has something to match.
STAGE_KEY = "stage"


def count_key(field: str) -> str:
    """Name of the companion field holding a list field's length (see ``excludes``)."""
    return f"{field}__n"


def _missing_test(field: FactField, present: bool) -> dict:
    if field.kind in ("level", "grade"):
        return {"$gte": {field.name: 0}} if present else {field.name: -1}
    if field.kind == "date":
        return {"$gt": {field.name: 0}} if present else {field.name: 0}
    return {"$neq": {field.name: ""}} if present else {field.name: ""}


_CMP = {"ne": "$neq", "gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}


# A value no list item is (items are ids and codes): what closes an ``$or`` inside ``$iall``/``$iany``.
NO_ITEM = "\u2205item"


def _items(values: tuple, joiner: str, op: str | None) -> dict:
    """The test of one list item (``$i``) inside ``$iall``/``$iany``.

    durable_rules 2.0.28 checks the type of the last node it built for that test, and the
    node an ``$or`` leaves last has none set (``createForwardAlpha``): it reads whatever
    memory the node was given and refuses the ruleset (error 102) when that byte happens to
    be 9 or 12 -- every time, where freed memory holds those bytes (``MALLOC_PERTURB_=9``,
    tests/engine/test_engine_memory.py).  So an ``$or`` here is closed by a test every item
    passes ("is not NO_ITEM").  (An ``$or`` of one ``$iany`` per value would avoid it too, but
    a fact matching some 64 of them is refused, error 303: one ``$iany`` it is.)"""
    if op is None:
        parts = [{"$i": v} for v in values]
    else:
        parts = [{op: {"$i": v}} for v in values]
    if len(parts) == 1:
        return parts[0]
    if joiner == "$or":
        return {"$and": [{"$or": parts}, {"$neq": {"$i": NO_ITEM}}]}
    return {joiner: parts}


def _test(test: Test) -> dict:
    name, op, value = test.field.name, test.op, test.value
    if test.other is not None:
        operand = {"$m": test.other.name}
        return {name: operand} if op == "eq" else {_CMP[op]: {name: operand}}
    if op == "exists":
        return _missing_test(test.field, bool(value))
    if op == "eq":
        return {name: value}
    if op in _CMP:
        return {_CMP[op]: {name: value}}
    if op == "in":
        parts = [{name: v} for v in value]
        return parts[0] if len(parts) == 1 else {"$or": parts}
    if op == "not_in":
        parts = [{"$neq": {name: v}} for v in value]
        return parts[0] if len(parts) == 1 else {"$and": parts}
    if op == "includes":  # any element is one of value
        return {"$iany": {name: _items(value, "$or", None)}}
    if op == "any_not_in":  # some element is none of value
        return {"$iany": {name: _items(value, "$and", "$neq")}}
    # excludes / all_in: "every element ..." -- durable's $iall never matches an
    # empty list, so an empty list is tested separately (vacuously true), unless the
    # field is never empty (a task's activities)
    every = (
        _items(value, "$and", "$neq") if op == "excludes" else _items(value, "$or", None)
    )
    if test.field.non_empty:
        return {"$iall": {name: every}}
    return {"$or": [{count_key(name): 0}, {"$iall": {name: every}}]}


def to_durable(cond: Any, stage: str) -> dict:
    """A durable_rules expression (the body of pattern ``m``) for ``cond``."""
    if isinstance(cond, Not):
        return to_durable(negate(cond.part), stage)
    if isinstance(cond, Always):
        return {STAGE_KEY: stage} if cond.value else {STAGE_KEY: "\u2205never"}
    if isinstance(cond, All):
        return {"$and": [to_durable(p, stage) for p in cond.parts]}
    if isinstance(cond, Any_):
        return {"$or": [to_durable(p, stage) for p in cond.parts]}
    return _test(cond)
