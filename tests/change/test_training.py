"""Recording a delivered training: written to the item, recorded in the history by the training
department, and read by decisions (training_pending, policy §8)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from gridrules import Checker
from gridrules.change.history import verify
from gridrules.change.training import record_training
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError, Refused

NOW = datetime(2027, 3, 20, 9, 0, tzinfo=timezone(timedelta(hours=8)))
TASK = {"id": "T-1", "title": "独居老人走访", "department": "minzheng", "activities": ["visit", "report", "care"],
        "start": "2027-03-10"}


@pytest.fixture
def untrained(pack_copy):
    """The pack with L13's training not yet delivered (the bundled items are recorded as trained on
    2024-12-31), by a recorded hand edit."""
    from gridrules.change.history import record_hand_edit

    path = pack_copy / "admission/items.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("training: {owner: minzheng, delivered_on: 2024-12-31}", "training: {owner: minzheng}",
                                 1), encoding="utf-8")
    record_hand_edit(pack_copy, "测试：L13 的培训尚未完成", recorded_at=NOW)
    return pack_copy


def test_a_training_delivered_later_makes_earlier_tasks_pending(untrained):
    pack_copy = untrained
    outcome = record_training(pack_copy, "L13", date(2027, 3, 10), reason="补训", recorded_at=NOW)
    pack = load_pack(pack_copy)
    assert pack.items_by_id["L13"].training.delivered_on == date(2027, 3, 10)
    change = outcome.change
    assert (change["action"], change["target"], change["decision"]["by"], change["decision"]["department"]) == (
        "training", "L13", "department", "minzheng")
    assert pack.integrity.intact and verify(pack) == []
    checker = Checker(pack)
    # delivered on the task's start day: not before it (policy §8), so pending; a day later it is not
    assert "training_pending" in checker.check_task(TASK, at=NOW).flags
    assert "training_pending" not in checker.check_task({**TASK, "start": "2027-03-11"}, at=NOW).flags


def test_a_training_in_the_future_or_for_an_unknown_item_is_refused(pack_copy):
    with pytest.raises(InputError) as caught:
        record_training(pack_copy, "L13", date(2027, 3, 21), recorded_at=NOW)
    assert "is in the future" in str(caught.value)
    with pytest.raises(InputError) as caught:
        record_training(pack_copy, "L99", date(2027, 3, 1), recorded_at=NOW)
    assert "unknown list item 'L99'" in str(caught.value)
    with pytest.raises(InputError):  # the same day again: nothing to record
        record_training(pack_copy, "L13", date(2024, 12, 31), recorded_at=NOW)


def test_an_item_without_a_training_owner_cannot_record_a_training(pack_copy):
    path = pack_copy / "admission/items.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    training: {owner: tuiyi, delivered_on: 2024-12-31}\n", ""), encoding="utf-8")
    from gridrules.change.history import record_hand_edit
    record_hand_edit(pack_copy, "测试：去掉培训责任单位", recorded_at=NOW)
    with pytest.raises(Refused) as caught:
        record_training(pack_copy, "L16", date(2027, 3, 1), recorded_at=NOW)
    assert "names no training owner" in str(caught.value)


def test_an_item_withdrawn_from_a_later_day_still_records_its_training_until_then(untrained):
    pack_copy = untrained
    from gridrules.change.workflow import withdraw

    # decided on 03-01, taking effect on 10-01: L13 covers work starting before then, which needs its training
    withdraw(pack_copy, "L13", "2027-1", date(2027, 3, 1), recorded_at=NOW, effective=date(2027, 10, 1))
    record_training(pack_copy, "L13", date(2027, 3, 12), recorded_at=NOW)
    checker = Checker(load_pack(pack_copy))
    assert "training_pending" not in checker.check_task({**TASK, "start": "2027-04-01"}, at=NOW).flags
    # a training delivered on or after the day it ended is for an item no longer in force
    withdraw(pack_copy, "L06", "2027-1", date(2027, 3, 1), recorded_at=NOW)
    with pytest.raises(Refused, match="L06 was withdrawn on 2027-03-01"):
        record_training(pack_copy, "L06", date(2027, 3, 12), recorded_at=NOW)


def test_a_retried_training_record_is_recorded_once(untrained):
    pack_copy = untrained
    """The department's command repeated (its answer lost) finds its record and writes nothing; a day
    the pack holds as written by hand, with no record of it, is still nothing to record."""
    first = record_training(pack_copy, "L13", date(2027, 3, 10), recorded_at=NOW)
    again = record_training(pack_copy, "L13", date(2027, 3, 10), recorded_at=NOW)
    assert (again.written, again.change["seq"], again.digest) == (False, first.change["seq"], first.digest)
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["record", "training"]


def test_a_later_training_does_not_replace_the_delivered_one_and_an_earlier_day_corrects_it(pack_copy):
    """L13 is recorded as trained on 2024-12-31 (policy: a task is pending until its item's training is
    delivered before it starts). A refresher on a later day would make the tasks between the two days
    training_pending after the fact: refused. An earlier day corrects the record."""
    with pytest.raises(Refused, match="L13's training was delivered on 2024-12-31"):
        record_training(pack_copy, "L13", date(2027, 3, 10), recorded_at=NOW)
    assert "training_pending" not in Checker(load_pack(pack_copy)).check_task(TASK, at=NOW).flags
    record_training(pack_copy, "L13", date(2024, 12, 20), recorded_at=NOW)
    assert load_pack(pack_copy).items_by_id["L13"].training.delivered_on == date(2024, 12, 20)


def test_a_check_made_before_the_training_was_recorded_does_not_see_it(untrained):
    """A training is known from the day it is recorded, as an amendment is from the day it is decided:
    a task checked (or replayed) as of an earlier day reads the delivery recorded by then, so a decision
    logged before the record is decided again as it was."""
    pack_copy = untrained
    task = {**TASK, "start": "2027-03-25"}
    recorded = NOW + timedelta(days=5)  # 2027-03-25 09:00
    record_training(pack_copy, "L13", date(2027, 3, 10), recorded_at=recorded)
    checker = Checker(load_pack(pack_copy))
    # the untrained fixture's hand edit left no day; 03-10's delivery is recorded on 03-25
    assert "training_pending" in checker.check_task(task, at=NOW).flags
    assert "training_pending" in checker.check_task(task, at=recorded - timedelta(hours=10)).flags  # 03-24 23:00
    assert "training_pending" not in checker.check_task(task, at=recorded).flags
    assert "training_pending" not in checker.check_task(task, at=recorded.replace(hour=0)).flags  # that day
    # a correction to an earlier day, recorded later: before it, the first record's day holds
    corrected = recorded + timedelta(days=10)
    record_training(pack_copy, "L13", date(2027, 3, 5), recorded_at=corrected)
    pack = load_pack(pack_copy)
    item = pack.items_by_id["L13"]
    assert [pack.delivered_as_known(item, d) for d in (date(2027, 3, 24), date(2027, 3, 25), date(2027, 4, 4))] == [
        None, date(2027, 3, 10), date(2027, 3, 5)]
    assert "training_pending" not in Checker(pack).check_task({**task, "start": "2027-03-08"}, at=corrected).flags
    assert "training_pending" in Checker(pack).check_task({**task, "start": "2027-03-08"}, at=recorded).flags


def test_a_day_written_by_hand_after_a_record_is_read_as_written(untrained):
    """A hand edit that changes the recorded day says nothing of when: the day written is known all along."""
    pack_copy = untrained
    from gridrules.change.history import record_hand_edit

    record_training(pack_copy, "L13", date(2027, 3, 10), recorded_at=NOW)
    path = pack_copy / "admission/items.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("delivered_on: 2027-03-10", "delivered_on: 2027-03-01", 1), encoding="utf-8")
    record_hand_edit(pack_copy, "测试：更正培训日期", recorded_at=NOW + timedelta(days=1))
    pack = load_pack(pack_copy)
    assert pack.delivered_as_known(pack.items_by_id["L13"], date(2027, 1, 1)) == date(2027, 3, 1)
