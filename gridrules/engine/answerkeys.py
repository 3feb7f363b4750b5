"""Answer keys: which facts a ruleset cannot tell apart, read off its compiled conditions.

Which rules of a ruleset fire is a function of the fact's values only through the
comparisons its conditions make.  Where a field is only ever compared with
literals, two values that stand the same way to every literal of that field
(equal to the same one, or strictly between the same two) give the same answer:

* a number compared with ``10`` and ``50`` has five classes: below 10, 10, between,
  50, above (so ``people_involved`` 11 and 49 share an answer); a date, sent as its
  number, is classed by the rule dates around it;
* a string compared only for (in)equality is one of the literals or "another";
* a list tested only item by item (``$iall``/``$iany`` on ``$i`` against literals)
  is the set of its items' classes.

A field compared with another field (``$m``), or used in any way not listed above,
keeps its exact value.  Every class keeps the value's type (``True == 1`` in Python,
not to the engine).  Nothing is listed by hand: ``key_plan`` derives it from the
durable_rules JSON the compiler produced, so a new rule changes the classes with it.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter
from typing import Any, Callable

Classifier = Callable[[Any], Any]
_ORDER = ("$lt", "$lte", "$gt", "$gte")
_EQUAL = ("$neq", "$eq")
_OTHER = ("another value",)  # the class of a string that is none of the literals


class _Opaque(Exception):
    """A condition this module does not read: its ruleset keeps exact keys."""


def values_of(fields: tuple[str, ...]) -> Callable[[dict], tuple]:
    """A function giving a fact's values of ``fields`` (what a key is made of), as a tuple in
    their order: one C call, not a loop a field."""
    if len(fields) > 1:
        return itemgetter(*fields)
    if fields:
        one = itemgetter(fields[0])
        return lambda fact: (one(fact),)
    return lambda fact: ()


def exact(value: Any) -> Any:
    """A value as its own class (with its type; a list as a tuple)."""
    return (tuple(value) if type(value) in (list, tuple) else value, type(value))


class OneOf:
    """The class of a string compared only for (in)equality with literals: the literal, or
    "another" (a value of another type is its own class)."""

    def __init__(self, literals: list) -> None:
        self.known = frozenset(literals)

    def __call__(self, value: Any) -> Any:
        if type(value) is not str:
            return exact(value)
        return value if value in self.known else _OTHER

    def source(self, get: str, name: str, names: dict) -> str:
        names[name] = self.known
        return f"(v if v in {name} else _OTHER) if type(v := {get}) is str else _exact(v)"


class Between:
    """The class of a value compared with literals by order: its type, the literals below
    it and whether it is one (a value of another type is its own class)."""

    def __init__(self, literals: list, types: tuple[type, ...]) -> None:
        self.points = sorted(set(literals))
        self.types = types

    def __call__(self, value: Any) -> Any:
        if type(value) not in self.types:
            return exact(value)
        at = bisect_left(self.points, value)
        return (type(value), at, at < len(self.points) and self.points[at] == value)

    def source(self, get: str, name: str, names: dict) -> str:
        """The class as an expression (a fact's value is ``get``); one literal is compared
        with inline (below, equal or above it: the same partition ``__call__`` makes)."""
        names[name], names[name + "t"], names[name + "n"] = self.points, self.types, len(self.points)
        if len(self.points) == 1:
            names[name + "p"] = self.points[0]
            return f"(t, v > {name}p, v == {name}p) if (t := type(v := {get})) in {name}t else _exact(v)"
        return (f"(t, a := _at({name}, v), a < {name}n and {name}[a] == v) "
                f"if (t := type(v := {get})) in {name}t else _exact(v)")


def _scalar(literals: list, ordered: bool) -> Classifier:
    """The class of a value compared only with ``literals`` (by order when ``ordered``)."""
    kinds = {bool if type(v) is bool else (float if type(v) in (int, float) else type(v)) for v in literals}
    if len(kinds) != 1 or kinds == {bool}:
        return exact
    kind = kinds.pop()
    if kind is str and not ordered:
        return OneOf(literals)
    return Between(literals, (int, float) if kind is float else (kind,))


def _items(element: Classifier) -> Classifier:
    def each(value: Any) -> Any:
        if type(value) not in (list, tuple):
            return exact(value)
        return frozenset(map(element, value))
    return each


class _Uses:
    """What a ruleset's conditions do with each field."""

    def __init__(self) -> None:
        self.literals: dict[str, list] = {}
        self.ordered: set[str] = set()
        self.items: dict[str, "_Uses"] = {}  # list fields: what is done with their items ($i)
        self.opaque: set[str] = set()

    def compare(self, field: str, op: str, operand: Any) -> None:
        if isinstance(operand, (dict, list)) or operand is None:
            self.opaque.add(field)
            if isinstance(operand, dict) and isinstance(operand.get("$m"), str):
                self.opaque.add(operand["$m"])
            return
        self.literals.setdefault(field, []).append(operand)
        if op in _ORDER:
            self.ordered.add(field)

    def expression(self, node: Any) -> None:
        if not isinstance(node, dict):
            raise _Opaque(node)
        for key, value in node.items():
            if key in ("$and", "$or"):
                if not isinstance(value, list):
                    raise _Opaque(node)
                for part in value:
                    self.expression(part)
            elif key in ("$iall", "$iany"):
                for field, inner in value.items():
                    self.items.setdefault(field, _Uses()).expression(inner)
            elif key in _ORDER or key in _EQUAL:
                for field, operand in value.items():
                    self.compare(field, key, operand)
            elif key.startswith("$") and key != "$i":  # $i: the item, inside $iall/$iany
                raise _Opaque(node)
            else:
                self.compare(key, "$eq", value)

    def classifier(self, field: str) -> Classifier:
        if field in self.opaque:
            return exact
        inner = self.items.get(field)
        if inner is not None:
            if field in self.literals or inner.opaque or set(inner.literals) - {"$i"} or inner.items:
                return exact  # the list is also used whole, or its items in a way not read here
            return _items(_scalar(inner.literals.get("$i", []), "$i" in inner.ordered)) if "$i" in inner.literals else exact
        if field not in self.literals:
            return exact
        return _scalar(self.literals[field], field in self.ordered)


def key_plan(definition: dict, fields: tuple[str, ...]) -> tuple[Classifier, ...] | None:
    """Per field (in ``fields``' order) the function giving a value's answer class, or
    None when the ruleset's conditions are not all of the shapes above (exact keys)."""
    uses = _Uses()
    try:
        for rule in definition.values():
            patterns = rule.get("all") or rule.get("any")
            if not isinstance(patterns, list) or set(rule) - {"all", "any", "pri", "run"}:
                raise _Opaque(rule)
            for pattern in patterns:
                if not isinstance(pattern, dict) or len(pattern) != 1:
                    raise _Opaque(pattern)
                uses.expression(next(iter(pattern.values())))
    except _Opaque:
        return None
    plan = tuple(uses.classifier(field) for field in fields)
    return None if all(c is exact for c in plan) else plan


def key_function(definition: dict, fields: tuple[str, ...]) -> Callable[[dict], tuple] | None:
    """A fact's answer key for a ruleset whose rules read every field in ``fields`` only by
    class (``key_plan``): per field in their order, its value's class.  None for any other
    ruleset (some value is keyed exactly: ``Engine.fire`` keys its facts exactly first).

    Written out as one function per ruleset (the classes inline, no call a field): it runs
    for every fact the ruleset is sent.  A fact lacking a field raises ``KeyError``."""
    plan = key_plan(definition, fields)
    if plan is None or any(classify is exact for classify in plan):
        return None
    names: dict[str, Any] = {"_exact": exact, "_OTHER": _OTHER, "_at": bisect_left}
    parts = []
    for i, (field, classify) in enumerate(zip(fields, plan)):
        get = f"fact[{field!r}]"
        if isinstance(classify, (OneOf, Between)):
            parts.append(classify.source(get, f"c{i}", names))
        else:  # a list's items: one call
            names[f"c{i}"] = classify
            parts.append(f"c{i}({get})")
    body = "".join(f"\n        ({part})," for part in parts)
    exec(compile(f"def key(fact):\n    return ({body}\n    )\n", "<answer key>", "exec"), names)
    key: Callable[[dict], tuple] = names["key"]
    return key
