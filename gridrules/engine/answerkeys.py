"""Answer keys: which facts a ruleset cannot tell apart, read off its compiled conditions.

Which rules of a ruleset fire is a function of the fact's values only through the
comparisons its conditions make.  Where a field is only ever compared with
literals, two values that stand the same way to every literal of that field
(equal to the same one, or strictly between the same two) give the same answer:

* a number compared with ``10`` and ``50`` has five classes: below 10, 10, between,
  50, above (so ``people_involved`` 11 and 49 share an answer); a date, sent as its
  number, is classed by the rule dates around it; a number only ever compared with one
  literal by one operator (``workload_after > 120``) has two: the comparison holds or not;
* a string compared only for (in)equality is one of the literals or "another";
* a list tested only item by item (``$iall``/``$iany`` on ``$i`` against literals)
  is the set of its items' classes.

A field compared with another field (``$m``), or used in any way not listed above,
keeps its exact value.  Every class keeps the value's type (``True == 1`` in Python,
not to the engine).  Where rules require a field to equal a string (an approval's
reference), a fact's key is read from only the rules that can still hold for its value
there (``key_function``): a task naming an unknown approval is keyed by the one rule about
unknown references, whatever its dates and activities.  Within those rules, a string field that
rules restrict (equal to one literal or to one of several, or different from one) splits them
again where that spares classing fields (``splitkeys``): a forbidden task's oversight key does not
read its item's subsidy or training, as no rule reading them can hold for it.  Nothing is listed by hand:
``key_plan`` and ``key_function`` derive it from the durable_rules JSON the compiler
produced, so a new rule changes the classes with it.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import ge, gt, itemgetter, le, lt
from itertools import count
from typing import Any, Callable

Classifier = Callable[[Any], Any]
_ORDER = ("$lt", "$lte", "$gt", "$gte")
_SYMBOL = {"$lt": "<", "$lte": "<=", "$gt": ">", "$gte": ">="}
_TEST = {"$lt": lt, "$lte": le, "$gt": gt, "$gte": ge}
_EQUAL = ("$neq", "$eq")
_OTHER = ("another value",)  # the class of a string that is none of the literals


class _Opaque(Exception):
    """A condition this module does not read: its ruleset keeps exact keys."""


_COMPARE = {"$lt", "$lte", "$gt", "$gte", "$neq", "$eq", "$mt", "$imt", "$ex", "$nex", "$iall", "$iany"}


def fields_read(node) -> set[str]:
    """The fact properties a durable_rules expression reads (``$m`` references included)."""
    out: set[str] = set()
    if isinstance(node, list):
        for item in node:
            out |= fields_read(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("$and", "$or", "all", "any"):
                out |= fields_read(value)
            elif key in _COMPARE:
                for name, operand in value.items():
                    if name != "$i":
                        out.add(name)
                    out |= fields_read(operand) if isinstance(operand, (dict, list)) else set()
            elif key == "$m":
                out.add(value)
            elif key == "m":
                out |= fields_read(value)
            elif not key.startswith("$"):
                out.add(key)
                if isinstance(value, dict):
                    out |= fields_read(value)
    return out


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


class Holds:
    """The class of a value compared with one literal by one order operator only: its type and
    whether the comparison holds (a value of another type is its own class)."""

    def __init__(self, literal: Any, op: str, types: tuple[type, ...]) -> None:
        self.literal, self.symbol, self.types, self._test = literal, _SYMBOL[op], types, _TEST[op]

    def __call__(self, value: Any) -> Any:
        if type(value) not in self.types:
            return exact(value)
        return (type(value), self._test(value, self.literal))

    def source(self, get: str, name: str, names: dict) -> str:
        """The class as an expression: per type, its two classes made once and looked up (a key
        made for every fact a ruleset is sent builds no tuple of its own for the field)."""
        names[name + "k"] = {t: ((t, False), (t, True)) for t in self.types}
        names[name + "p"] = self.literal
        return f"{name}k[t][v {self.symbol} {name}p] if (t := type(v := {get})) in {name}k else _exact(v)"


def _scalar(literals: list, ordered: bool, ops: set[str] | None = None) -> Classifier:
    """The class of a value compared only with ``literals`` (by order when ``ordered``;
    ``ops``: the operators it is compared by, when known)."""
    kinds = {bool if type(v) is bool else (float if type(v) in (int, float) else type(v)) for v in literals}
    if len(kinds) != 1 or kinds == {bool}:
        return exact
    kind = kinds.pop()
    if kind is str and not ordered:
        return OneOf(literals)
    types = (int, float) if kind is float else (kind,)
    if ops is not None and len(ops) == 1 and len(set(literals)) == 1 and next(iter(ops)) in _ORDER:
        return Holds(literals[0], next(iter(ops)), types)
    return Between(literals, types)


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
        self.ops: dict[str, set[str]] = {}  # the operators each field is compared by
        self.items: dict[str, "_Uses"] = {}  # list fields: what is done with their items ($i)
        self.opaque: set[str] = set()

    def compare(self, field: str, op: str, operand: Any) -> None:
        if isinstance(operand, (dict, list)) or operand is None:
            self.opaque.add(field)
            if isinstance(operand, dict) and isinstance(operand.get("$m"), str):
                self.opaque.add(operand["$m"])
            return
        self.literals.setdefault(field, []).append(operand)
        self.ops.setdefault(field, set()).add(op)
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
            return (_items(_scalar(inner.literals["$i"], "$i" in inner.ordered, inner.ops.get("$i")))
                    if "$i" in inner.literals else exact)
        if field not in self.literals:
            return exact
        return _scalar(self.literals[field], field in self.ordered, self.ops.get(field))


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


def key_function(definition: dict, fields: tuple[str, ...],
                 plan: tuple[Classifier, ...] | None = None) -> Callable[[dict], tuple] | None:
    """A fact's answer key for a ruleset whose rules read every field in ``fields`` only by
    class (``key_plan``), or None for any other ruleset (some value is keyed exactly:
    ``Engine.fire`` keys its facts exactly first).

    Where rules require a field to equal a string (a temporary approval's reference, a relayed
    item's code), a rule cannot hold for a fact with another value there, and its fields do not
    matter: the key is then the classes of the fields of only the rules that can hold, told
    apart by the literals of only those rules (``_guards``).  Otherwise the key is every
    field's class.  Written out as functions (the classes inline, no call a field): they run
    for every fact the ruleset is sent.  ``plan``: ``key_plan``'s, when the caller has it."""
    if plan is None:
        plan = key_plan(definition, fields)
    if plan is None or any(classify is exact for classify in plan):
        return None
    return _guarded(definition, fields, plan) or _written(definition, fields, plan=plan)


def _written(definition: dict, fields: tuple[str, ...], tag: Any = None,
             plan: tuple[Classifier, ...] | None = None) -> Callable[[dict], tuple] | None:
    """Every field's class, in ``fields``' order (after ``tag``, when given), as one function
    (``plan``: ``key_plan``'s, when the caller has it)."""
    if plan is None:
        plan = key_plan(definition, fields)
    if plan is None or any(classify is exact for classify in plan):
        return None
    names: dict[str, Any] = {"_exact": exact, "_OTHER": _OTHER, "_at": bisect_left}
    parts = [] if tag is None else [str(tag)]
    for i, (field, classify) in enumerate(zip(fields, plan)):
        get = f"fact[{field!r}]"
        if isinstance(classify, (OneOf, Between, Holds)):
            parts.append(classify.source(get, f"c{i}", names))
        else:  # a list's items: one call
            names[f"c{i}"] = classify
            parts.append(f"c{i}({get})")
    body = "".join(f"\n        ({part})," for part in parts)
    exec(compile(f"def key(fact):\n    return ({body}\n    )\n", "<answer key>", "exec"), names)
    key: Callable[[dict], tuple] = names["key"]
    return key


def _equality(part: Any) -> tuple[str, str] | None:
    """(field, string) when a condition is that field equal to that string."""
    if isinstance(part, dict) and len(part) == 1:
        ((key, value),) = part.items()
        if key == "$eq" and isinstance(value, dict) and len(value) == 1:
            ((key, value),) = value.items()
        if not key.startswith("$") and isinstance(value, str):
            return key, value
    return None


def _top_parts(rule: dict) -> list | None:
    """The parts of a one-pattern rule's condition that must each hold (its ``$and``'s, or the
    condition itself); None for a rule of another shape."""
    patterns = rule.get("all")
    if not isinstance(patterns, list) or len(patterns) != 1 or not isinstance(patterns[0], dict):
        return None
    expression = next(iter(patterns[0].values()), None)
    parts = expression["$and"] if isinstance(expression, dict) and list(expression) == ["$and"] else [expression]
    return parts if isinstance(parts, list) else []


def _guards(definition: dict) -> tuple[str, dict[str, list[str]], list[str]] | None:
    """The field most rules require (at the top of their condition) to equal a string: per
    string, the rules requiring it; and the rules requiring no string there.  None when no rule
    requires one, or telling the strings apart would not narrow the rules."""
    required: dict[str, dict[str, list[str]]] = {}
    for name, rule in definition.items():
        parts = _top_parts(rule)
        if parts is None:
            return None
        for part in parts:
            found = _equality(part)
            if found is not None:
                required.setdefault(found[0], {}).setdefault(found[1], []).append(name)
    if not required:
        return None
    # the most rules required, then the most strings (each string narrows the rules further)
    field = max(sorted(required), key=lambda f: (len({n for names in required[f].values() for n in names}),
                                                   len(required[f])))
    literals = required[field]
    guarded = {n for names in literals.values() for n in names}
    unguarded = [n for n in definition if n not in guarded]
    if len(literals) < 2 and not unguarded:
        return None
    return field, literals, unguarded


def _guarded(definition: dict, fields: tuple[str, ...], plan: tuple[Classifier, ...]) -> Callable[[dict], tuple] | None:
    """The key by the rules that can hold (``_guards``), or None where it does not apply.

    Each string's key is written the first time a fact names it (a province's pack requires
    thousands of item codes and references: writing them all at load took a second)."""
    guards = _guards(definition)
    if guards is None:
        return None
    field, literals, unguarded = guards
    tags = {literal: i for i, literal in enumerate(literals)}
    made: dict[str | None, Callable[[dict], tuple]] = {}

    def part(rules: list[str], tag: int, settled: str | None = None) -> Callable[[dict], tuple]:
        """The key of the facts whose ``field`` reads ``tag``'s way (``settled``: the field, when
        the tag is one literal: its class is then the tag's)."""
        sub = {n: definition[n] for n in dict.fromkeys(rules)}
        if not sub:  # no rule can hold: one answer (none fires)
            return lambda fact: (tag,)
        # split further where that spares classing fields (``splitkeys``); where those rules read
        # a field in a way not classed here: every field's class
        from gridrules.engine.splitkeys import split  # it reads this module's classes

        return (split(sub, tuple(sorted(fields_read(list(sub.values())) - {settled})), tag, count())
                or (lambda fact: (tag, whole(fact))))

    def make(value: str) -> Callable[[dict], tuple]:
        tag = tags.get(value)
        if tag is None:  # a string no rule requires: only the others can hold
            found = made.get(None)
            if found is None:
                found = made[None] = part(unguarded, -1)
            return found
        found = made[value] = part([*literals[value], *unguarded], tag, field)
        return found

    every: list[Callable[[dict], tuple]] = []

    def whole(fact: dict) -> tuple:
        if not every:
            every.append(_written(definition, fields, plan=plan) or (lambda fact: ()))
        return every[0](fact)

    lookup = made.get

    def key(fact: dict) -> tuple:
        value = fact[field]
        if type(value) is str:
            return (lookup(value) or make(value))(fact)
        return (-2, whole(fact))  # a value of another type there: every field's class
    return key
