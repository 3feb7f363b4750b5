"""What durable_rules can hold, and the measures the compiler keeps its rulesets within.

Measured on durable_rules 2.0.28, each in a subprocess with a timeout
(``benchmarks/engine_limits.py``): a node may not have more than 32 non-equality
successors (error 107, ERR_RULE_EXISTS_LIMIT_EXCEEDED: ~140 item rules under one
department); a fact may not match more than ~64 rules that contain an ``$or``
(error 303); 512 or more distinct conditions under one node fail (error 303 at
512, and from 513 ``createRuleset`` hangs forever, whether they come from one
rule's ``in:`` of 513 values or from two rules of 300 each); a rule's pattern with
16 ``$and``/``$or`` in all, however shallow, is refused (error 113: each takes two of
the 32 places of the rule's expression sequence, those inside ``$iall``/``$iany`` too).

So every ruleset holds at most ``MAX_RULES_PER_RULESET`` rules, ``MAX_OR_PATHS``
``$or`` paths and ``MAX_TESTS`` distinct tests (a bound on any node's fan-out); a rule
whose pattern has more than ``MAX_JOINERS`` joiners is given to the engine as several
rules of one name, one per run of its top ``$or``'s branches (``split``); and a rule that
alone goes past ``MAX_OR_PATHS`` or ``MAX_TESTS``, or has a branch past ``MAX_JOINERS``,
cannot be compiled (``beyond_capacity``), each with a margin below what was measured.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from gridrules.catalogue import t
from gridrules.lang.durable import to_durable
from gridrules.lang.tree import All, Any_, Not, Test, negate

MAX_RULES_PER_RULESET = 30
MAX_OR_PATHS = 60
MAX_TESTS = 400  # distinct tests in one ruleset (the engine fails from 512)
MAX_JOINERS = 14  # $and/$or in one rule's pattern (the engine takes 15, refuses 16)
SPLIT = "#"  # between a rule's id and the number of its part (ids never hold it: the pack schema)


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


def joiners(expr: Any) -> int:
    """How many ``$and``/``$or`` a durable_rules expression holds (inside ``$iall``/``$iany`` too)."""
    count, stack = 0, [expr]
    while stack:  # no recursion: a hostile condition may nest deeper than Python's stack
        node = stack.pop()
        if isinstance(node, dict):
            count += sum(key in _JOINERS for key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def split(expr: dict) -> list[dict]:
    """``expr`` as the patterns of rules the engine takes (``MAX_JOINERS`` each): itself, or
    runs of its top ``$or``'s branches, each an ``$or`` of them (one fires where ``expr`` does).
    A branch past the limit alone stays too large (``beyond_capacity`` refuses such a rule)."""
    if joiners(expr) <= MAX_JOINERS or list(expr) != ["$or"]:
        return [expr]
    runs: list[list[dict]] = [[]]
    used = 1  # the run's own $or
    for branch in expr["$or"]:
        own = joiners(branch)
        if runs[-1] and used + own > MAX_JOINERS:
            runs.append([])
            used = 1
        runs[-1].append(branch)
        used += own
    return [run[0] if len(run) == 1 else {"$or": run} for run in runs]


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
    paths, tests = or_paths(cond), len(tests_of(expr))
    found = []
    if paths > MAX_OR_PATHS:
        found.append(t("engine.or_paths", paths=paths, limit=MAX_OR_PATHS))
    if tests > MAX_TESTS:
        found.append(t("engine.tests", tests=tests, limit=MAX_TESTS))
    largest = max(joiners(part) for part in split(expr))
    if largest > MAX_JOINERS:
        found.append(t("engine.joiners", count=largest, limit=MAX_JOINERS))
    return found
