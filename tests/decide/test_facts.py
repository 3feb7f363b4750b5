"""The dispatch stage's additions to the fact, as values in a declared order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from gridrules.contract.facts import DISPATCH_FIELDS, LEVELING_FIELDS, time_order
from gridrules.decide.facts import DISPATCH_MOMENTS, DISPATCH_NAMES, dispatch_values


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
