"""The facts' numbers as the engine reads them; the dispatch stage's additions as values in a
declared order."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from hypothesis import given, strategies as st

from gridrules.contract.facts import DISPATCH_FIELDS, LEVELING_FIELDS, time_order
from gridrules.decide.facts import DISPATCH_MOMENTS, DISPATCH_NAMES, HOURS_PLACES, dispatch_values, engine_hours


@given(st.one_of(st.floats(allow_nan=False), st.integers(-10**6, 10**6).map(float),
                 st.integers(-10**20, 10**20).map(lambda n: n / 8), st.sampled_from([0.0, -0.0, 1e300, 2.0**60])))
def test_hours_are_rounded_as_round_rounds_them(value):
    # an integral float is returned as it is: round() would give back the same value
    expected = round(value, HOURS_PLACES)
    found = engine_hours(value)
    assert type(found) is float and repr(found) == repr(expected)
    assert math.copysign(1, found) == math.copysign(1, expected)


def test_a_whole_number_is_left_as_given_and_a_fraction_rounded():
    assert engine_hours(3) == 3 and type(engine_hours(3)) is int
    assert engine_hours(0.000049) == 0.0 and engine_hours(2.123456) == 2.1235


def test_the_names_are_the_fields_dispatch_adds_and_its_stage():
    assert set(DISPATCH_NAMES) == set(DISPATCH_FIELDS) - set(LEVELING_FIELDS) | {"stage"}
    assert len(DISPATCH_NAMES) == len(set(DISPATCH_NAMES))
    assert {name for name in DISPATCH_NAMES if DISPATCH_FIELDS.get(name) is not None
            and DISPATCH_FIELDS[name].kind == "datetime"} == set(DISPATCH_MOMENTS)


def test_the_values_are_the_moments_order_then_the_rest():
    base = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    moments = [base + timedelta(minutes=m) for m in (30, 0, 30, 1440)]
    values = dispatch_values(3, 2, moments, True, False)
    fact = dict(zip(DISPATCH_NAMES, values))
    assert {name: fact[name] for name in DISPATCH_MOMENTS} == time_order(dict(zip(DISPATCH_MOMENTS, moments)))
    assert (fact["stage"], fact["level"], fact["level_before_history"], fact["calendar_incomplete"],
            fact["handler_registered"]) == ("dispatch", 3, 2, True, False)
