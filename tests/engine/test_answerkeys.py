"""Answer keys derived from compiled conditions: facts that share a key get the answer
a fresh engine gives each of them."""

from __future__ import annotations

import random

import pytest

from gridrules.bench import BENCH_AT, sample_events, sample_tasks
from gridrules.decide.checker import Checker
from gridrules.engine.adapter import Engine, Rulesets
from gridrules.engine.answerkeys import exact, key_plan

RULES = {
    "few": {"all": [{"m": {"$and": [{"$gte": {"n": 10}}, {"$lt": {"n": 50}}]}}]},
    "many": {"all": [{"m": {"$gte": {"n": 50}}}]},
    "kind": {"all": [{"m": {"$or": [{"kind": "a"}, {"$neq": {"kind": "b"}}]}}]},
    "covers": {"all": [{"m": {"$iall": {"tags": {"$or": [{"$i": "x"}, {"$i": "y"}]}}}}]},
    "later": {"all": [{"m": {"$gt": {"end": {"$m": "start"}}}}]},
}
FIELDS = ("end", "kind", "n", "start", "tags")


def test_classes_are_read_off_the_conditions():
    end, kind, n, start, tags = key_plan(RULES, FIELDS)
    assert n(11) == n(49) != n(10) != n(9) == n(-3)
    assert n(50) != n(51) == n(10**6)
    assert n(11) != n(11.0)  # the type is part of the class
    assert n(True) != n(1)
    assert kind("c") == kind("zzz") != kind("a") != kind("b")
    assert tags(("x", "q")) == tags(["r", "x", "x"]) != tags(("x", "y"))
    assert end is exact and start is exact  # compared with each other: exact values
    assert end(20260101) != end(20260102)


def test_a_condition_not_read_here_keeps_exact_keys():
    assert key_plan({"r": {"all": [{"m": {"$mt": {"s": "^a"}}}]}}, ("s",)) is None
    assert key_plan({"r": {"all": [{"m": {"$eq": {"s": "x"}}}]}}, ("s",)) is not None


def _collected_facts(checker: Checker) -> list[tuple[str, dict]]:
    """The facts real decisions send to each ruleset (projected on its fields)."""
    seen: list[tuple[str, dict]] = []
    engine = checker.engine
    fire = engine.fire

    def recording(ruleset: str, fact: dict) -> list[str]:
        seen.append((ruleset, {f: fact[f] for f in engine._fields[ruleset]}))
        return fire(ruleset, fact)

    engine.fire = recording  # type: ignore[method-assign]
    try:
        for task in sample_tasks(checker.pack, 400, seed=3):
            checker.check_task(task, at=BENCH_AT)
        for event in sample_events(checker.pack, 400, seed=4):
            checker.route_event(event)
    finally:
        engine.fire = fire  # type: ignore[method-assign]
    return seen


def _literals(node, out: set) -> set:
    if isinstance(node, dict):
        for value in node.values():
            _literals(value, out)
    elif isinstance(node, list):
        for value in node:
            _literals(value, out)
    elif type(node) in (int, float, str):
        out.add(node)
    return out


def _vary(value, literals: list, rng: random.Random):
    """Another value of the same type, mostly at or next to a literal of the ruleset."""
    numbers = [x for x in literals if type(x) in (int, float)]
    strings = [x for x in literals if type(x) is str]
    if type(value) is bool:
        return rng.random() < 0.5
    if type(value) in (int, float):
        base = rng.choice(numbers) if numbers and rng.random() < 0.8 else value
        step = rng.choice([0, 0, 1, -1, 2, -2, 7, -30, 400])
        return type(value)(base + step)
    if type(value) is str:
        return rng.choice(strings) if strings and rng.random() < 0.7 else rng.choice(["", "zz-other", value])
    if type(value) in (list, tuple):
        pool = strings + ["zz-other", "qq-other"]
        return type(value)(rng.sample(pool, rng.randint(0, min(4, len(pool)))))
    return value


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_a_shared_key_answer_equals_a_fresh_engine_answer(pack, which):
    """Over many random facts per ruleset (real facts with fields replaced by values at
    and around the ruleset's own literals), the remembering engine -- which answers a
    fact from any earlier fact with the same key -- says exactly what an engine that
    asks durable_rules every time says."""
    checker = Checker(pack, share_engine=False)
    rng = random.Random(5 if which == "bundled" else 6)
    rulesets: Rulesets = checker.engine.rulesets
    if which == "bundled":
        facts = _collected_facts(checker)
    else:  # varied: at most 300 per ruleset
        by_ruleset: dict[str, list[dict]] = {}
        for name, fact in _collected_facts(checker):
            by_ruleset.setdefault(name, []).append(fact)
        facts = []
        for name, found in by_ruleset.items():
            literals = sorted(_literals(checker.compiled.rulesets[name], set()), key=repr)
            for _ in range(300):
                fact = dict(rng.choice(found))
                for field in fact:
                    if rng.random() < 0.5:
                        fact[field] = _vary(fact[field], literals, rng)
                facts.append((name, fact))
    remembering = Engine(rulesets, cache_size=10_000)
    fresh = Engine(rulesets, cache_size=0)
    differing = []
    by_key: dict[tuple, dict[str, list[str]]] = {}  # (ruleset, key) -> {distinct fact: fresh answer}
    for name, fact in facts:
        answer = fresh.fire(name, fact)
        if remembering.fire(name, fact) != answer:
            differing.append((name, fact))
        plan = key_plan(checker.compiled.rulesets[name], rulesets.fields[name])
        if plan is not None:
            values = [fact[f] for f in rulesets.fields[name]]
            key = (name, tuple(c(v) for c, v in zip(plan, values)))
            by_key.setdefault(key, {})[repr([(v, type(v)) for v in values])] = answer
    assert differing == []
    shared = [answers for answers in by_key.values() if len(answers) > 1]
    assert all(len({tuple(a) for a in answers.values()}) == 1 for answers in shared)
    assert len(shared) > 20  # distinct facts did share keys
    assert fresh.stats["remembered"] == 0 and fresh.stats["asked"] == len(facts)
    # and keys were shared: many answers came from memory
    assert remembering.stats["remembered"] > len(facts) // 3
    assert any(rulesets.plans[name] for name, _ in facts)


@pytest.mark.parametrize("fields", [(), ("a",), ("a", "c"), ("c", "a", "b")])
def test_a_keys_values_are_the_facts_values_of_its_fields_in_order(fields):
    from gridrules.engine.answerkeys import values_of

    fact = {"a": 1, "b": [2], "c": "x", "d": None}
    assert values_of(fields)(fact) == tuple(fact[f] for f in fields)
    with pytest.raises(KeyError):
        values_of((*fields, "missing"))(fact)


CLASSED = {  # every field read only by class: no field compared with another
    "few": {"all": [{"m": {"$and": [{"$gte": {"n": 10}}, {"$lt": {"n": 50}}]}}]},
    "once": {"all": [{"m": {"$gt": {"m": 0}}}]},
    "kind": {"all": [{"m": {"$or": [{"kind": "a"}, {"$neq": {"kind": "b"}}]}}]},
    "covers": {"all": [{"m": {"$iall": {"tags": {"$or": [{"$i": "x"}, {"$i": "y"}]}}}}]},
}
CLASSED_FIELDS = ("kind", "m", "n", "tags")


def test_a_written_key_function_makes_the_classes_the_plan_makes():
    """The key written out for a ruleset read only by class puts two facts together exactly
    when the plan's classifiers do (one literal compared inline, several by bisection)."""
    from gridrules.engine.answerkeys import key_function

    key = key_function(CLASSED, CLASSED_FIELDS)
    plan = key_plan(CLASSED, CLASSED_FIELDS)
    assert key is not None and plan is not None
    rng = random.Random(11)
    pool = {"kind": ["a", "b", "c", "", 1, True, None],
            "m": [-1, 0, 0.0, 1, 2.5, True, False, "0", None],
            "n": [9, 10, 10.0, 11, 49, 50, 51, -3, True, "10", None],
            "tags": [(), ("x",), ["x", "q"], ("y", "x"), ["r"], "x", None]}
    facts = [{f: rng.choice(values) for f, values in pool.items()} for _ in range(600)]
    by_plan: dict = {}
    by_key: dict = {}
    for fact in facts:
        classes = tuple(c(fact[f]) for c, f in zip(plan, CLASSED_FIELDS))
        by_plan.setdefault(classes, set()).add(repr(key(fact)))
        by_key.setdefault(key(fact), set()).add(repr(classes))
    assert all(len(keys) == 1 for keys in by_plan.values())  # the plan's class decides the key
    assert all(len(classes) == 1 for classes in by_key.values())  # and the key the plan's class
    assert len(by_key) > 50
    one = lambda m: key({"kind": "a", "m": m, "n": 11, "tags": ()})  # noqa: E731
    assert one(-1) == one(-5) == one(0) != one(1) == one(7)  # m > 0 holds or not: the one comparison made
    assert one(0) != one(0.0) and one(1) != one(True)  # with the value's type


def test_one_literal_compared_one_way_has_two_classes_and_otherwise_more():
    """``m > 0`` alone tells 0 and -1 apart from nothing; with ``m == 0`` too (or ``m < 0``) it does."""
    def classes(*conditions):
        (m,) = key_plan({f"r{i}": {"all": [{"m": c}]} for i, c in enumerate(conditions)}, ("m",))
        return [m(v) for v in (-1, 0, 1, 0.0, True)]

    below, at, above, at_float, true = classes({"$gt": {"m": 0}})
    assert below == at != above and at != at_float and true != above
    below, at, above, _, _ = classes({"$lte": {"m": 0}})
    assert below == at != above
    for other in ({"$eq": {"m": 0}}, {"$lt": {"m": 0}}, {"$gte": {"m": 0}}):
        below, at, above, _, _ = classes({"$gt": {"m": 0}}, other)
        assert below != at != above != below
    below, at, above, _, _ = classes({"$gt": {"m": 0}}, {"$gt": {"m": 5}})  # two literals: classed by position
    assert below != at != above != below


def test_a_ruleset_keyed_exactly_somewhere_gets_no_written_key():
    from gridrules.engine.answerkeys import key_function

    assert key_function(RULES, FIELDS) is None  # end and start are compared with each other
    assert key_function({"r": {"all": [{"m": {"$mt": {"s": "^a"}}}]}}, ("s",)) is None


GUARDED = {  # rules that each require a reference, and one that holds whatever it is
    "a.in": {"all": [{"m": {"$and": [{"ref": "A"}, {"$gte": {"n": 10}}, {"kind": "x"}]}}]},
    "a.late": {"all": [{"m": {"$and": [{"ref": "A"}, {"$gt": {"day": 20261231}}]}}]},
    "b.in": {"all": [{"m": {"$and": [{"$eq": {"ref": "B"}}, {"$lt": {"n": 3}}]}}]},
    "unknown": {"all": [{"m": {"$and": [{"$neq": {"ref": ""}}, {"$neq": {"ref": "A"}}, {"$neq": {"ref": "B"}}]}}]},
}
GUARDED_FIELDS = ("day", "kind", "n", "ref")


def test_a_key_reads_only_the_fields_of_the_rules_that_can_hold():
    """A rule requiring ``ref`` to be "A" cannot hold for another reference: facts naming an
    unknown reference share one key whatever their other fields; facts naming "A" differ by
    A's rules' fields only; a reference of another type keys every field."""
    from gridrules.engine.answerkeys import key_function

    key = key_function(GUARDED, GUARDED_FIELDS)
    assert key is not None
    fact = {"day": 20260101, "kind": "x", "n": 11, "ref": "Z"}
    assert key(fact) == key(fact | {"day": 20270101, "kind": "y", "n": 1}) != key(fact | {"ref": ""})
    a = fact | {"ref": "A"}
    assert key(a) != key(a | {"day": 20270101}) != key(a | {"n": 9})
    assert key(a | {"n": 12}) == key(a | {"n": 300})  # 10 is A's only literal for n (B's 3 is not read)
    assert key(fact | {"ref": 7}) != key(fact | {"ref": 7, "n": 1})  # not a string: every field


def test_guarded_keys_answer_as_a_fresh_engine_does():
    """Random facts around every literal: the remembering engine, keyed by the rules that can
    hold, says what durable_rules says for each fact."""
    rulesets = Rulesets({"guarded": GUARDED}, "test-guarded")
    remembering, fresh = Engine(rulesets, cache_size=10_000), Engine(rulesets, cache_size=0)
    rng = random.Random(8)
    pool = {"day": [20261230, 20261231, 20270101, 20270102], "kind": ["x", "y", ""],
            "n": [2, 3, 4, 9, 10, 11, 2.5, 10.0], "ref": ["A", "B", "", "Z", "A2"]}
    for _ in range(800):
        fact = {f: rng.choice(values) for f, values in pool.items()}
        assert remembering.fire("guarded", fact) == fresh.fire("guarded", fact), fact
    assert remembering.stats["remembered"] > 400  # and keys were shared


SPLIT = {  # the oversight ruleset's shapes: a required status, verdicts by $or and $neq, a required
    # empty or other item, numbers by one comparison each
    "dept": {"all": [{"m": {"$and": [{"status": "assigned"}, {"issued_by": "department"},
                                     {"$or": [{"verdict": "needs_application"}, {"verdict": "forbidden"}]}]}}]},
    "town": {"all": [{"m": {"$and": [{"status": "assigned"}, {"issued_by": "town"},
                                     {"$or": [{"verdict": "needs_application"}, {"verdict": "forbidden"}]}]}}]},
    "direct": {"all": [{"m": {"$and": [{"status": "assigned"}, {"channel": "direct"}]}}]},
    "over": {"all": [{"m": {"$gt": {"after": 120.0}}}]},
    "training": {"all": [{"m": {"$and": [{"verdict": "admitted"}, {"$neq": {"item": ""}}, {"$lte": {"lead": 0}}]}}]},
    "subsidy": {"all": [{"m": {"$and": [{"$neq": {"verdict": "forbidden"}}, {"$neq": {"item": ""}},
                                        {"$lte": {"subsidy": 0}}]}}]},
    "risky": {"all": [{"m": {"$and": [{"$neq": {"verdict": "admitted"}}, {"risk": "high"}]}}]},
}
SPLIT_FIELDS = ("after", "channel", "issued_by", "item", "lead", "risk", "status", "subsidy", "verdict")
SPLIT_POOL = {"after": [119.0, 120.0, 121.0, 120, 7], "channel": ["direct", "unified", ""],
              "issued_by": ["department", "town", "x"], "item": ["", "L01", "L02"], "lead": [-1, 0, 1, 30],
              "risk": ["high", "low", ""], "status": ["assigned", "proposed", 3],
              "subsidy": [0.0, 0, 40.0, -1.0], "verdict": ["admitted", "forbidden", "needs_application", "temporary", "x", 0]}


def test_a_split_key_reads_only_what_the_rules_left_can_tell_apart():
    """Under a required status, the verdict splits the rules: a forbidden task's key does not read
    its item, subsidy or training lead (no rule reading them can hold for it); an admitted one's does."""
    from gridrules.engine.answerkeys import key_function

    key = key_function(SPLIT, SPLIT_FIELDS)
    assert key is not None
    fact = {"after": 50.0, "channel": "direct", "issued_by": "town", "item": "L01", "lead": -1, "risk": "",
            "status": "assigned", "subsidy": 0.0, "verdict": "forbidden"}
    assert key(fact) == key(fact | {"item": "", "lead": 5, "subsidy": 40.0})
    admitted = fact | {"verdict": "admitted"}
    assert key(admitted) != key(admitted | {"lead": 5}) != key(admitted | {"item": ""})
    assert key(fact) != key(fact | {"issued_by": "department"}) != key(fact | {"verdict": 0})


def test_split_keys_answer_as_a_fresh_engine_does():
    """Every combination of values at and around the literals: the remembering engine, keyed by
    the split classes, says what durable_rules says for each fact."""
    import itertools

    rulesets = Rulesets({"split": SPLIT}, "test-split")
    remembering, fresh = Engine(rulesets, cache_size=100_000, total_size=100_000), Engine(rulesets, cache_size=0)
    rng = random.Random(9)
    facts = [dict(zip(SPLIT_POOL, values)) for values in itertools.product(*SPLIT_POOL.values())]
    for fact in rng.sample(facts, 6000):
        assert remembering.fire("split", fact) == fresh.fire("split", fact), fact
    assert remembering.stats["remembered"] > 3000  # and keys were shared
