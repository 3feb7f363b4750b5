"""What durable_rules can hold, and the measures the compiler keeps its rulesets within.

Measured on durable_rules 2.0.28, each in a subprocess with a timeout
(``benchmarks/engine_limits.py``): a node may not have more than 32 non-equality
successors (error 107, ERR_RULE_EXISTS_LIMIT_EXCEEDED: ~140 item rules under one
department); a fact may not match more than ~64 rules that contain an ``$or``
(error 303); 512 or more distinct conditions under one node fail (error 303 at
512, and from 513 ``createRuleset`` hangs forever, whether they come from one
rule's ``in:`` of 513 values or from two rules of 300 each); an expression nested
16 ``$and``/``$or`` deep is refused (error 113).

So every ruleset holds at most ``MAX_RULES_PER_RULESET`` rules, ``MAX_OR_PATHS``
``$or`` paths and ``MAX_TESTS`` distinct tests (a bound on any node's fan-out), and a
rule that alone goes past ``MAX_OR_PATHS``, ``MAX_TESTS`` or ``MAX_NESTING`` cannot be
compiled (``beyond_capacity``), each with a margin below what was measured.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from gridrules.catalogue import t
from gridrules.lang.durable import to_durable
from gridrules.lang.tree import All, Any_, Not, Test, negate

MAX_RULES_PER_RULESET = 30
MAX_OR_PATHS = 60
MAX_TESTS = 400  # distinct tests in one ruleset (the engine fails from 512)
MAX_NESTING = 12  # $and/$or levels in one expression (the engine refuses 16)


def or_paths(cond: Any) -> int:
    """How many ``$or`` branches one fact can match a condition through (at most).

    Branches that cannot hold together count once: equalities of one field with
    different values (``in``, ``list_item`` absent or named)."""
    if isinstance(cond, Not):
        return or_paths(negate(cond.part))
    if isinstance(cond, All):
        total = 1
        for part in cond.parts:
            total *= or_paths(part)
        return total
    if isinstance(cond, Any_):
        if _exclusive(cond.parts):
            return 1
        return sum(or_paths(part) for part in cond.parts)
    return 1  # a test; ``in`` is equalities of one field: one holds at most


def _exclusive(parts: tuple) -> bool:
    """Equality tests of one field against different values (a missing value is one too)."""
    seen = set()
    for part in parts:
        if not isinstance(part, Test) or part.other is not None:
            return False
        if part.op == "eq" or (part.op == "exists" and part.value is False):
            value = part.field.missing if part.op == "exists" else part.value
        else:
            return False
        seen.add((part.field.name, value))
    return len({name for name, _ in seen}) == 1 and len(seen) == len(parts)


_JOINERS = ("$and", "$or")


def nesting(expr: Any) -> int:
    """How many ``$and``/``$or`` levels a durable_rules expression nests (inside ``$iall``/``$iany`` too)."""
    deepest, stack = 0, [(expr, 0)]
    while stack:  # no recursion: a hostile condition may nest deeper than Python's stack
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, dict):
            stack.extend((value, depth + (key in _JOINERS)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((item, depth) for item in node)
    return deepest


def tests_of(expr: Any) -> set[str]:
    """The distinct tests (leaves) of a durable_rules expression, as text."""
    out: set[str] = set()
    stack: list[tuple[Any, str]] = [(expr, "")]
    while stack:
        node, within = stack.pop()
        if isinstance(node, list):
            stack.extend((item, within) for item in node)
            continue
        for key, value in node.items():
            if key in _JOINERS:
                stack.append((value, within))
            elif key in ("$iall", "$iany"):
                stack.extend((inner, f"{within}{key}:{name}:") for name, inner in value.items())
            else:
                out.add(f"{within}{key}:{value!r}")
    return out


class Conditioned(Protocol):
    """A rule as chunking reads it (the compiler's ``CompiledRule``)."""

    @property
    def condition(self) -> Any: ...

    @property
    def stage(self) -> str: ...


R = TypeVar("R", bound=Conditioned)


def chunked(rules: list[R]) -> list[list[R]]:
    """Consecutive runs of rules within MAX_RULES_PER_RULESET, MAX_OR_PATHS and MAX_TESTS."""
    chunks: list[list[R]] = [[]]
    paths = 0
    tests: set[str] = set()
    for rule in rules:
        weight = or_paths(rule.condition)
        weight = weight if weight > 1 else 0
        own = tests_of(to_durable(rule.condition, rule.stage))
        if chunks[-1] and (len(chunks[-1]) >= MAX_RULES_PER_RULESET or paths + weight > MAX_OR_PATHS
                           or len(tests | own) > MAX_TESTS):
            chunks.append([])
            paths = 0
            tests = set()
        chunks[-1].append(rule)
        paths += weight
        tests |= own
    return chunks


def beyond_capacity(cond: Any, stage: str) -> list[str]:
    """Why the engine could not hold a rule of condition ``cond`` even alone (nothing if it can)."""
    expr = to_durable(cond, stage)
    paths, tests, depth = or_paths(cond), len(tests_of(expr)), nesting(expr)
    found = []
    if paths > MAX_OR_PATHS:
        found.append(t("engine.or_paths", paths=paths, limit=MAX_OR_PATHS))
    if tests > MAX_TESTS:
        found.append(t("engine.tests", tests=tests, limit=MAX_TESTS))
    if depth > MAX_NESTING:
        found.append(t("engine.nesting", depth=depth, limit=MAX_NESTING))
    return found
