"""The exploration behind GR2xx/GR5xx is only as sound as its representatives: these tests
check the lemmas it rests on, by brute force over many values."""

from __future__ import annotations

import random

import pytest

from gridrules.lint.explore import always_earlier
from gridrules.lint.space import number_values, orderings
from gridrules.contract.base import Duration

OPS = {
    "eq": lambda x, c: x == c, "ne": lambda x, c: x != c, "gt": lambda x, c: x > c,
    "gte": lambda x, c: x >= c, "lt": lambda x, c: x < c, "lte": lambda x, c: x <= c,
}


def answers(x, constants):
    return tuple(op(x, c) for c in sorted(constants) for op in OPS.values())


@pytest.mark.parametrize("seed", range(30))
def test_every_integer_is_represented(seed):
    """For counts (integers >= their lowest value), some representative answers every
    comparison with every constant exactly as the value does."""
    rng = random.Random(seed)
    field = rng.choice(["people_involved", "reporters", "recurrences_30d"])
    lowest = 1 if field == "reporters" else 0
    constants = {rng.choice([rng.randint(0, 60), rng.randint(0, 60) + 0.5]) for _ in range(rng.randint(0, 5))}
    reps = number_values(field, constants)
    assert all(isinstance(v, int) and v >= lowest for v in reps)
    seen = {answers(v, constants) for v in reps}
    for x in range(lowest, 200):
        assert answers(x, constants) in seen, (x, sorted(constants), reps)


@pytest.mark.parametrize("seed", range(30))
def test_every_number_of_hours_is_represented(seed):
    rng = random.Random(seed)
    constants = {round(rng.uniform(0, 150), rng.choice([0, 1, 2])) for _ in range(rng.randint(0, 5))}
    reps = number_values("workload_after", constants)
    seen = {answers(v, constants) for v in reps}
    for _ in range(2000):
        x = rng.choice([rng.uniform(0, 200), float(rng.randint(0, 200)), rng.choice(sorted(constants) or [0.0])])
        assert answers(x, constants) in seen, (x, sorted(constants), reps)


def test_orderings_are_every_weak_order():
    # ordered Bell (Fubini) numbers: 1, 3, 13, 75 ways to order 1..4 items with ties
    assert [len(orderings(list("abcd")[:k])) for k in range(1, 5)] == [1, 3, 13, 75]
    assert orderings([]) == [{}]
    assert {"a": 0, "b": 0} in orderings(["a", "b"]) and {"a": 1, "b": 0} in orderings(["a", "b"])


def test_a_limit_is_always_earlier_only_when_every_calendar_agrees():
    h, wd, m = (lambda n: Duration(hours=n)), (lambda n: Duration(working_days=n)), (lambda n: Duration(minutes=n))
    assert always_earlier(m(30), h(2)) and not always_earlier(h(2), h(2))
    assert always_earlier(wd(3), wd(7)) and not always_earlier(wd(7), wd(7))
    assert always_earlier(h(71), wd(3))  # 3 working days last at least 72 hours
    assert not always_earlier(h(72), wd(3))  # Monday 09:30 + 3 working days is exactly 72 hours
    assert not always_earlier(wd(1), h(1000))  # a working day may be weeks away (春节)
