"""A condition tree as a person reads it (Chinese), for reasons, lint and ``gridrules show``."""

from __future__ import annotations

from typing import Any

from gridrules.lang.parse import Vocabulary
from gridrules.lang.tree import All, Always, Any_, Not, Test

_SYMBOL = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


def render(cond: Any, vocab: Vocabulary) -> str:
    """A condition as a person reads it: ``反映人数≥5``."""
    if isinstance(cond, Always):
        return "总是" if cond.value else "从不"
    if isinstance(cond, Not):
        return f"并非（{render(cond.part, vocab)}）"
    if isinstance(cond, All):
        return "且".join(render(p, vocab) for p in cond.parts)
    if isinstance(cond, Any_):
        return "或".join(render(p, vocab) for p in cond.parts)
    label = cond.field.label
    if cond.op == "exists":
        return f"{label}{'已填写' if cond.value else '未填写'}"
    if cond.field.kind == "bool" and cond.other is None:
        yes = cond.value if cond.op == "eq" else not cond.value
        return label if yes else f"无{label}"
    shown = _shown(cond, vocab)
    if cond.op in _SYMBOL:
        return f"{label}{_SYMBOL[cond.op]}{shown}"
    words = {"in": "属于", "not_in": "不属于", "includes": "包含", "excludes": "不包含",
             "all_in": "全部属于", "any_not_in": "有不属于"}
    return f"{label}{words[cond.op]}{shown}"


def _shown(test: Test, vocab: Vocabulary) -> str:
    if test.other is not None:
        return test.shown
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    kind = test.field.kind
    if kind in ("level", "grade"):
        return "、".join(vocab.name_of(kind, v) for v in values)
    if kind == "number":
        return "、".join(f"{v:g}" for v in values)
    return "、".join(str(v) for v in values)
