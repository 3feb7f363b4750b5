"""Reading a condition written in the pack: check it and build its tree.

A condition is YAML data::

    always
    {people_involved: {gte: 50}}                 # a field and a test
    {status: assigned, channel: direct}          # several fields: all must hold
    {any: [{reporters: {gte: 5}}, {recurrences_30d: {gte: 3}}]}
    {not: {spans: none}}
    {assigned_to: {exists: true, lt: {field: level}}}   # compare with another field
    {workload_after: {gt: {param: capacity_hours_per_grid_month}}}

Operators: ``eq ne gt gte lt lte in not_in exists`` and, on lists,
``includes``/``excludes`` (any of / none of the given ids).  A bare value means
``eq``.  Levels and grades compare by rank (``{grade: {gte: significant}}``);
an absent optional field compares below every value, so say ``exists: true``
when that matters.

``parse`` checks a condition against the fields of its stage (``facts.py``)
and the pack's vocabularies (a ``Vocabulary``), converting literal ids to what
the facts hold, and reports every ``Issue`` with its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Collection
from typing import Any, Protocol

from gridrules.catalogue import t
from gridrules.catalogue.humane import as_written
from gridrules.catalogue.packfiles import noun
from gridrules.contract.facts import KIND_OPS, FactField, Stage
from gridrules.errors import suggest  # the did-you-mean (callers import it from here too)
from gridrules.lang.tree import All, Always, Any_, Not, Test

Path = tuple


class Vocabulary(Protocol):
    def ids(self, domain: str) -> "set[str] | dict[str, Any]": ...
    def rank(self, kind: str, value: str) -> int | None: ...
    def name_of(self, kind: str, value: Any) -> str: ...
    def param(self, name: str) -> float | None: ...
    def param_names(self) -> list[str]: ...


@dataclass(frozen=True)
class Issue:
    path: Path
    message: str
    hint: str | None = None
    at_key: bool = False  # point at the key itself (an unknown name), not its value


class _Parser:
    def __init__(self, stage: Stage, vocab: Vocabulary):
        self.stage = stage
        self.vocab = vocab
        self.issues: list[Issue] = []

    def fail(self, at: Path, message: str, hint: str | None = None, at_key: bool = False) -> None:
        self.issues.append(Issue(at, message, hint, at_key))

    def condition(self, raw: Any, at: Path) -> Any:
        if raw == "always":
            return Always()
        if not isinstance(raw, dict) or not raw:
            self.fail(at, t("cond.shape"))
            return None
        if set(raw) & {"all", "any", "not"}:
            if len(raw) != 1:
                self.fail(at, t("cond.alone"))
                return None
            (word, body), = raw.items()
            if word == "not":
                inner = self.condition(body, at + ("not",))
                return Not(inner) if inner is not None else None
            if not isinstance(body, list) or not body:
                self.fail(at + (word,), t("cond.list", word=word))
                return None
            parts = [self.condition(p, at + (word, i)) for i, p in enumerate(body)]
            if any(p is None for p in parts):
                return None
            return All(tuple(parts)) if word == "all" else Any_(tuple(parts))
        tests = []
        for name, test in raw.items():
            got = self.field_tests(name, test, at + (name,))
            if got is None:
                return None
            tests.extend(got)
        return tests[0] if len(tests) == 1 else All(tuple(tests))

    def field_tests(self, name: str, test: Any, at: Path) -> list[Test] | None:
        field = self.stage.fields.get(name)
        if field is None:
            self.fail(
                at,
                t("cond.unknown_field_stage", name=name, stage=self.stage.name),
                suggest(name, self.stage.fields),
                at_key=True,
            )
            return None
        if not isinstance(test, dict):
            test = {"eq": test}
        if not test:
            self.fail(at, t("cond.one_test"))
            return None
        out = []
        for op, operand in test.items():
            allowed = KIND_OPS[field.kind]
            if op not in allowed:
                self.fail(
                    at + (op,),
                    t("cond.operator", op=op, kind=field.kind, name=name, allowed=", ".join(sorted(allowed))),
                    suggest(op, allowed),
                    at_key=True,
                )
                return None
            parsed = self.test(field, op, operand, at + (op,))
            if parsed is None:
                return None
            out.append(parsed)
        return out

    def test(self, field: FactField, op: str, operand: Any, at: Path) -> Test | None:
        if op == "exists":
            if not isinstance(operand, bool):
                self.fail(at, t("cond.exists_bool"))
                return None
            if not field.optional:
                self.fail(at, t("cond.always_present", name=field.name))
                return None
            return Test(field, "exists", operand)
        if isinstance(operand, dict):
            return self.reference(field, op, operand, at)
        if op in ("in", "not_in", "includes", "excludes"):
            values = operand if isinstance(operand, list) else [operand]
            if op in ("in", "not_in") and not isinstance(operand, list):
                self.fail(at, t("cond.takes_list", op=op))
                return None
            encoded = [self.literal(field, v, at) for v in values]
            if any(e is _BAD for e in encoded):
                return None
            return Test(field, op, tuple(encoded))
        if isinstance(operand, list):
            self.fail(at, t("cond.takes_one", op=op))
            return None
        encoded = self.literal(field, operand, at)
        if encoded is _BAD:
            return None
        return Test(field, op, encoded)

    def reference(self, field: FactField, op: str, operand: dict, at: Path) -> Test | None:
        if set(operand) == {"field"}:
            other = self.stage.fields.get(operand["field"])
            if other is None:
                self.fail(
                    at + ("field",),
                    t("cond.unknown_field", name=operand["field"]),
                    suggest(operand["field"], self.stage.fields),
                )
                return None
            if other.kind != field.kind or field.kind in ("list", "bool"):
                self.fail(at, t("cond.compare", kind=field.kind, name=field.name, other_kind=other.kind, other=other.name))
                return None
            return Test(field, op, None, other)
        if set(operand) == {"param"}:
            name = operand["param"]
            value = self.vocab.param(name)
            if value is None:
                self.fail(at + ("param",), t("cond.unknown_param", name=name), suggest(name, self.vocab.param_names()))
                return None
            if field.kind != "number":
                self.fail(at, t("cond.param_number", name=field.name, kind=field.kind))
                return None
            return Test(field, op, value)
        self.fail(at, t("cond.operand"))
        return None

    def literal(self, field: FactField, value: Any, at: Path) -> Any:
        kind = field.kind
        if kind == "bool":
            if isinstance(value, bool):
                return value
            self.fail(at, t("cond.not_bool", name=field.name, value=as_written(value)))
            return _BAD
        if kind == "number":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            self.fail(at, t("cond.not_number", name=field.name, value=as_written(value)))
            return _BAD
        if kind in ("level", "grade"):
            rank = self.vocab.rank(kind, value) if isinstance(value, str) else None
            if rank is None:
                self.fail(at, t("cond.unknown_value", what=noun(kind), value=as_written(value)), suggest(value, self.vocab.ids(kind)))
                return _BAD
            return rank
        if kind in ("date", "datetime"):
            self.fail(at, t("cond.date_literal", name=field.name))
            return _BAD
        if not isinstance(value, str):
            self.fail(at, t("cond.holds_ids", name=field.name, value=as_written(value)))
            return _BAD
        known: Collection[str] = field.domain if isinstance(field.domain, tuple) else self.vocab.ids(field.domain)
        if field.domain == "approval":
            return value  # any reference may be named; the approval list is not closed
        if value not in known:
            self.fail(at, t("cond.unknown_value", what=noun(field.domain) if isinstance(field.domain, str) else field.name, value=as_written(value)), suggest(value, known))
            return _BAD
        return value


_BAD = object()


def parse(raw: Any, stage: Stage, vocab: Vocabulary, at: Path = ()) -> tuple[Any, list[Issue]]:
    """Check a written condition; return its tree (or None) and what is wrong."""
    parser = _Parser(stage, vocab)
    tree = parser.condition(raw, at)
    return (tree if not parser.issues else None), parser.issues
