"""The facts' numbers as the engine reads them."""

from __future__ import annotations

import math

from hypothesis import given, strategies as st

from gridrules.decide.facts import HOURS_PLACES, engine_hours


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
