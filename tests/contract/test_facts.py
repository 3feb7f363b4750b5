"""How decision facts encode values for the engine (gridrules/facts.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from gridrules import Checker
from gridrules.contract.facts import DISPATCH_FIELDS, time_order

CST = timezone(timedelta(hours=8))


def test_moments_become_their_order_with_equal_instants_sharing_a_rank():
    reported = datetime(2026, 11, 25, 9, 30, tzinfo=CST)
    order = time_order({
        "at": datetime(2026, 11, 26, 1, 30, tzinfo=timezone.utc),  # the same instant as respond_by
        "respond_by": reported + timedelta(days=1),
        "close_by": reported + timedelta(days=5),
        "feedback_by": reported + timedelta(hours=2),
    })
    assert order == {"at": 1, "respond_by": 1, "close_by": 2, "feedback_by": 0}


def test_the_order_keeps_every_comparison_between_the_moments():
    base = datetime(2026, 1, 1, tzinfo=CST)
    moments = {name: base + timedelta(minutes=m) for name, m in zip("abcd", (30, 0, 30, 1440))}
    order = time_order(moments)
    for x in moments:
        for y in moments:
            assert (moments[x] < moments[y]) == (order[x] < order[y])
            assert (moments[x] == moments[y]) == (order[x] == order[y])


def test_routing_sends_every_datetime_field_of_the_dispatch_stage_as_an_order(pack, monkeypatch):
    checker = Checker(pack)
    sent = []
    original = checker.engine.fire
    monkeypatch.setattr(checker.engine, "fire", lambda ruleset, fact: sent.append(fact) or original(ruleset, fact))
    checker.route_event({"id": "E", "type": "MD02", "grid": "tangxiang-heping-01",
                         "reported_at": "2026-11-25T09:30:00+08:00"},
                        at=datetime(2026, 11, 29, 12, 0, tzinfo=CST))
    dispatch = next(f for f in sent if f["stage"] == "dispatch")
    times = {name for name, field in DISPATCH_FIELDS.items() if field.kind == "datetime"}
    # respond_by 11-26 09:30 < feedback_by 11-28 09:30 < at 11-29 12:00 < close_by 11-30 09:30
    assert {name: dispatch[name] for name in times} == {"respond_by": 0, "feedback_by": 1, "at": 2, "close_by": 3}
