"""The lifecycle record model: strict, and the order of its steps checked without a pack."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gridrules.contract.lifecycle import LifecycleRecord, step_problems

EVENT = {"id": "E-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}


def record(*steps, **more) -> LifecycleRecord:
    return LifecycleRecord.model_validate({"event": EVENT, "steps": list(steps), **more})


def at(hour: int, minute: int = 0) -> str:
    return f"2026-11-25T{hour:02d}:{minute:02d}:00+08:00"


def test_the_contract_example_steps_are_accepted():
    r = record({"at": at(10), "kind": "dispatched", "level": "town", "unit": "tangxiang"},
               {"at": at(10, 5), "kind": "direct_report"},
               {"at": at(10, 10), "kind": "whistle", "departments": ["zhujian"]},
               {"at": at(10, 20), "kind": "reported_in", "department": "zhujian"},
               {"at": at(10, 30), "kind": "responded", "unit": "tangxiang"},
               {"at": at(11), "kind": "feedback"},
               {"at": at(12), "kind": "escalated", "level": "district", "reason": "unresolved"},
               {"at": at(12, 30), "kind": "extended", "until": "2026-12-05T18:00:00+08:00", "approved_by": "区综治中心"},
               {"at": at(13), "kind": "returned", "department": "zhujian", "reason": "非本部门职责"},
               {"at": at(14), "kind": "resolved"},
               {"at": at(15), "kind": "revisit", "satisfaction": "basic"},
               {"at": at(16), "kind": "reopened"},
               ratings=[{"town": "tangxiang", "department": "zhujian", "score": 4}])
    assert step_problems(r) == []


@pytest.mark.parametrize("bad", [
    {"at": at(10), "kind": "explode"},                                    # unknown kind
    {"at": at(10), "kind": "revisit", "satisfaction": "happy"},           # a value outside the list
    {"at": at(10), "kind": "feedback", "note": "x"},                      # unknown field
    {"at": "2026-11-25T10:00:00", "kind": "feedback"},                    # no UTC offset
    {"at": at(10), "kind": "escalated", "level": "town", "reason": "tired"},
    {"at": at(10), "kind": "whistle", "departments": []},
])
def test_malformed_steps_are_refused(bad):
    with pytest.raises(ValidationError):
        record(bad)


def test_a_rating_outside_1_to_5_is_refused():
    with pytest.raises(ValidationError):
        record({"at": at(10), "kind": "whistle", "departments": ["zhujian"]},
               ratings=[{"town": "tangxiang", "department": "zhujian", "score": 6}])


def test_history_belongs_in_the_steps():
    parsed = LifecycleRecord.model_validate({"event": EVENT | {"history": [{"level": "grid", "outcome": "unresolved",
                                                                           "at": at(10)}]}})
    (problem,) = step_problems(parsed)  # reported with the steps' problems (in the catalogue's words)
    assert problem[0] == ("event", "history") and "steps" in problem[1]


@pytest.mark.parametrize("steps, path, words", [
    ([{"at": "2026-11-25T09:00:00+08:00", "kind": "feedback"}], ("steps", 0, "at"), "before the report"),
    ([{"at": at(11), "kind": "feedback"}, {"at": at(10), "kind": "resolved"}], ("steps", 1, "at"), "before steps[0]"),
    ([{"at": at(10), "kind": "reported_in", "department": "zhujian"}], ("steps", 0, "department"), "never summoned"),
    ([{"at": at(10), "kind": "returned", "department": "zhujian", "reason": "x"}], ("steps", 0, "department"),
     "never summoned"),
    ([{"at": at(10), "kind": "revisit", "satisfaction": "satisfied"}], ("steps", 0, "kind"), "after the resolution"),
    ([{"at": at(10), "kind": "reopened"}], ("steps", 0, "kind"), "only a resolved matter"),
    ([{"at": at(10), "kind": "resolved"}, {"at": at(11), "kind": "resolved"}], ("steps", 1, "kind"), "resolved twice"),
    ([{"at": at(10), "kind": "resolved"}, {"at": at(11), "kind": "escalated", "level": "town", "reason": "overdue"}],
     ("steps", 1, "kind"), "not escalated"),
    ([{"at": at(10), "kind": "extended", "until": at(9), "approved_by": "x"}], ("steps", 0, "until"), "not after"),
])
def test_steps_out_of_order_or_out_of_place(steps, path, words):
    (problem,) = step_problems(record(*steps))
    assert problem[0] == path and words in problem[1]


def test_a_rating_of_a_department_never_summoned():
    (problem,) = step_problems(record(ratings=[{"town": "tangxiang", "department": "zhujian", "score": 3}]))
    assert problem[0] == ("ratings", 0, "department")
