"""A condition tree as a person reads it, for reasons (``{condition}``), lint and the cases.

The tree gives the structure; the words come from the pack (``language.yaml``):
what each field is called, how each operator reads, how ``all``/``any``/``not``
join their parts.  Levels and grades are shown by their names in the pack.
"""

from __future__ import annotations

from typing import Any, Protocol

from gridrules.contract.facts import FactField
from gridrules.lang.tree import All, Always, Any_, Not, Test


class ConditionWords(Protocol):
    """The words of ``language.yaml``'s ``conditions`` (``pack/model/language.py``)."""

    @property
    def always(self) -> str: ...
    @property
    def never(self) -> str: ...
    @property
    def all(self) -> str: ...
    @property
    def any(self) -> str: ...
    @property
    def not_(self) -> str: ...
    @property
    def values(self) -> str: ...
    @property
    def exists(self) -> str: ...
    @property
    def missing(self) -> str: ...
    @property
    def is_true(self) -> str: ...
    @property
    def is_false(self) -> str: ...
    def operator(self, op: str) -> str: ...


class Language(Protocol):
    @property
    def conditions(self) -> ConditionWords: ...
    def label(self, field: FactField) -> str: ...


class Reader(Protocol):
    """What rendering needs from a pack."""

    @property
    def language(self) -> Language: ...
    def name_of(self, kind: str, value: Any) -> str: ...


def render(cond: Any, vocab: Reader) -> str:
    """A condition as a person reads it: ``反映人数≥5``."""
    language = vocab.language
    words = language.conditions
    if isinstance(cond, Always):
        return words.always if cond.value else words.never
    if isinstance(cond, Not):
        return words.not_.format(condition=render(cond.part, vocab))
    if isinstance(cond, All):
        return words.all.join(render(p, vocab) for p in cond.parts)
    if isinstance(cond, Any_):
        return words.any.join(render(p, vocab) for p in cond.parts)
    label = language.label(cond.field)
    if cond.op == "exists":
        return (words.exists if cond.value else words.missing).format(field=label)
    if cond.field.kind == "bool" and cond.other is None:
        yes = cond.value if cond.op == "eq" else not cond.value
        return (words.is_true if yes else words.is_false).format(field=label)
    return words.operator(cond.op).format(field=label, value=_shown(cond, vocab))


def _shown(test: Test, vocab: Reader) -> str:
    if test.other is not None:
        return vocab.language.label(test.other)
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    kind = test.field.kind
    between = vocab.language.conditions.values
    if kind in ("level", "grade"):
        return between.join(vocab.name_of(kind, v) for v in values)
    if kind == "number":
        return between.join(f"{v:g}" for v in values)
    return between.join(str(v) for v in values)
