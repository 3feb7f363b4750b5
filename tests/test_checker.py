"""The library entry point: threads, batches, and time handling."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta, timezone

import pytest

from gridrules import Checker, InputError

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 11, 25, 10, 0, tzinfo=CST)


def random_tasks(pack, n, seed=7):
    """A deterministic mix over the pack's vocabulary (every verdict and most flags occur)."""
    rng = random.Random(seed)
    activities = sorted(pack.ids("activity"))
    grid_acts = sorted(pack.activities)
    departments = sorted(pack.departments)
    towns = sorted(pack.towns)
    refs = [a.ref for a in pack.approvals] + ["XX-2026-01"]
    out = []
    for i in range(n):
        by_town = rng.random() < 0.2
        town = rng.choice(["tangxiang", "longshui"] if rng.random() < 0.6 else towns)
        acts = rng.sample(grid_acts if rng.random() < 0.85 else activities, rng.randint(1, 3))
        task = {
            "id": f"T-{i}", "title": "t",
            "department": town if by_town else rng.choice(departments),
            "activities": acts,
            "start": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "assignee": rng.choice(["full_time", "full_time", "part_time", "grid_leader", "grid_instructor"]),
            "status": rng.choice(["proposed", "assigned"]),
            "channel": rng.choice(["unified_dispatch", "direct"]),
        }
        if by_town:
            task |= {"issued_by": "town", "town": town}
        if rng.random() < 0.3:
            task["temporary_approval"] = rng.choice(refs)
        if rng.random() < 0.2:
            task["list_item"] = rng.choice(list(pack.items_by_id))
        if rng.random() < 0.4:
            task["hours_per_month"] = rng.choice([0, 3, 68, 69, 100])
        out.append(task)
    return out


def random_events(pack, n, seed=11):
    rng = random.Random(seed)
    grids = list(pack.grids) + ["nowhere-01"]
    levels = [lv.id for lv in pack.levels]
    out = []
    for i in range(n):
        reported = datetime(2026, 1, 1, tzinfo=CST) + timedelta(minutes=rng.randint(0, 525_000))
        event = {
            "id": f"E-{i}", "type": rng.choice(list(pack.event_types)),
            "reported_at": reported.isoformat(), "grid": rng.choice(grids),
            "people_involved": rng.choice([0, 2, 9, 10, 49, 50]),
            "reporters": rng.choice([1, 4, 5]), "recurrences_30d": rng.choice([0, 2, 3]),
            "life_threat": rng.random() < 0.1, "needs_enforcement": rng.random() < 0.2,
            "spans": rng.choice(["none", "none", "grids", "communities", "towns"]),
        }
        if event["grid"] == "nowhere-01":
            event["town"] = "tangxiang"
        if rng.random() < 0.3:
            event["history"] = [{"level": rng.choice(levels), "outcome": rng.choice(["unresolved", "overdue", "resolved"]),
                                 "at": (reported + timedelta(hours=2)).isoformat()}]
        if rng.random() < 0.3:
            event["assigned_to"] = rng.choice(levels)
        out.append(event)
    return out


@pytest.fixture(scope="module")
def checker(pack):
    return Checker(pack)


def test_ten_thousand_tasks_in_a_batch_decide_as_one_by_one(checker, pack):
    tasks = random_tasks(pack, 10_000)
    batch = [d.model_dump(mode="json") for d in checker.check_tasks(tasks, at=AT)]
    single = [checker.check_task(t, at=AT).model_dump(mode="json") for t in tasks]
    assert batch == single
    assert {d["verdict"] for d in batch} == {"admitted", "temporary", "needs_application", "forbidden"}


def test_ten_thousand_events_in_a_batch_decide_as_one_by_one(checker, pack):
    events = random_events(pack, 10_000)
    batch = [d.model_dump(mode="json") for d in checker.route_events(events)]
    single = [checker.route_event(e).model_dump(mode="json") for e in events]
    assert batch == single
    assert {d["level"] for d in batch} == {"grid", "community", "town", "district"}


def test_a_bad_item_in_a_batch_does_not_stop_the_rest(checker, pack):
    tasks = random_tasks(pack, 3)
    tasks.insert(1, {"id": "bad"})
    results = list(checker.check_tasks(tasks, at=AT))
    assert isinstance(results[1], InputError)
    assert [type(r).__name__ for r in results] == ["TaskDecision", "InputError", "TaskDecision", "TaskDecision"]


def test_a_shared_checker_decides_as_one_per_thread(pack):
    tasks = random_tasks(pack, 2_000, seed=3)
    events = random_events(pack, 2_000, seed=4)
    shared = Checker(pack)
    alone = Checker(pack)
    expected = [alone.check_task(t, at=AT).model_dump(mode="json") for t in tasks]
    expected_events = [alone.route_event(e).model_dump(mode="json") for e in events]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        out = []
        for t, e in zip(tasks, events):
            out.append(shared.check_task(t, at=AT).model_dump(mode="json"))
            out.append(shared.route_event(e).model_dump(mode="json"))
        results[k] = out

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    interleaved = [x for pair in zip(expected, expected_events) for x in pair]
    for k in range(4):
        assert results[k] == interleaved


def test_default_at_is_now_for_tasks_and_reported_at_for_events(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    before = datetime.now(CST)
    decision = checker.check_task(task)
    assert before <= decision.at <= datetime.now(CST)
    event = {"id": "E", "type": "MD02", "reported_at": "2026-11-25T09:30:00+00:00", "grid": "tangxiang-heping-01"}
    routed = checker.route_event(event)
    assert routed.at.isoformat() == "2026-11-25T09:30:00+00:00"


def test_checkers_of_one_pack_share_one_engine(pack):
    assert Checker(pack).engine is Checker(pack).engine


def test_at_must_carry_an_offset(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
    with pytest.raises(InputError, match="UTC offset"):
        checker.check_task(task, at=datetime(2026, 11, 25, 10, 0))


def test_json_dump_is_the_contract_document(checker):
    task = {"id": "T", "title": "x", "department": "minzheng", "activities": ["visit", "report"], "start": "2026-12-01"}
    doc = checker.check_task(task, at=AT).model_dump(mode="json")
    assert list(doc)[:10] == ["task", "verdict", "list_item", "duty", "temporary_approval", "valid_until",
                              "responsible_level", "flags", "reasons", "pack"]
    assert doc["pack"]["digest"] == checker.pack.digest
    assert all(set(r) == {"rule", "text", "basis"} for r in doc["reasons"])
