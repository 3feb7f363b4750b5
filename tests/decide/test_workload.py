"""The listed total a task is judged against: items for all towns, those scoped to its town, and the
town's temporary approvals in force while the task runs (policy §8).  The default list totals 52
hours; 棠香街道's TX-2026-11 (2026-11-15 to 2027-01-31, decided 2026-11-10) adds 2, 龙水镇's
LS-2026-06 (2026-06-01 to 2026-08-29) adds 6."""

from __future__ import annotations

import random
from datetime import date, timedelta

import yaml

from gridrules.contract.documents import TaskInput
from gridrules.decide.workload import Workload
from gridrules.engine.loading import load_pack


class _Listed:
    """``Workload.listed`` for a department's task starting on ``start`` (in ``town``, if given)."""

    def __init__(self, pack):
        self.workload = Workload(pack)

    def listed(self, on: date, start: date, town: str | None):
        doc = {"id": "T", "title": "t", "department": "shengtai", "activities": ["patrol"], "start": start}
        return self.workload.listed(on, TaskInput.model_validate(doc | ({"town": town} if town else {})))


def test_a_town_counts_its_own_approvals_while_they_run(pack):
    w = _Listed(pack)
    on = date(2026, 11, 25)
    assert w.listed(on, date(2026, 12, 1), "tangxiang") == (54, "tangxiang")
    assert w.listed(on, date(2026, 12, 1), "longgang") == (52, "longgang")
    assert w.listed(on, date(2027, 2, 1), "tangxiang") == (52, "tangxiang")  # TX ended 2027-01-31
    assert w.listed(date(2026, 11, 9), date(2026, 12, 1), "tangxiang") == (52, "tangxiang")  # not yet decided
    assert w.listed(date(2026, 6, 15), date(2026, 7, 1), "longshui") == (58, "longshui")


def test_a_task_without_a_town_is_judged_against_the_busiest_town(pack):
    w = _Listed(pack)
    assert w.listed(date(2026, 11, 25), date(2026, 12, 1), None) == (54, "tangxiang")
    assert w.listed(date(2026, 6, 15), date(2026, 7, 1), None) == (58, "longshui")
    # nothing town-specific in force: every town has 52; the first town of the pack is named
    first = next(iter(pack.towns))
    assert w.listed(date(2026, 10, 1), date(2026, 10, 1), None) == (52, first)


def test_items_scoped_to_a_town_count_only_there(pack_copy):
    path = pack_copy / "admission/items.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][15]["towns"] = ["longgang"]  # L16, 1 hour
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pack = load_pack(pack_copy)  # a hand edit: loaded, its drift noted (not this test's concern)
    w = _Listed(pack)
    on, start = date(2026, 10, 1), date(2026, 10, 1)
    assert w.listed(on, start, "longgang") == (52, "longgang")
    assert w.listed(on, start, "baoding") == (51, "baoding")
    assert w.listed(on, start, None) == (52, "longgang")


def test_an_item_past_its_own_last_day_counts_no_more(pack_copy):
    """An item approved for a term (effective.to) loads the grids until its last day: L13's 4 hours end
    with 2026-06-30, so work starting later is judged against 52 − 4, in a decision and in the pack's
    total alike (both had counted it for ever)."""
    path = pack_copy / "admission/items.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (l13,) = [i for i in data["items"] if i["id"] == "L13"]
    assert l13["hours_per_month"] == 4
    l13["effective"]["to"] = date(2026, 6, 30)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pack = load_pack(pack_copy)
    w = _Listed(pack)
    on = date(2026, 10, 1)
    assert w.listed(on, date(2026, 6, 30), "longgang") == (52, "longgang")  # its last day
    assert w.listed(on, date(2026, 7, 1), "longgang") == (48, "longgang")
    assert pack.listed_total(on, date(2026, 7, 1), "longgang") == (48, "longgang")


def test_the_decisions_total_and_the_packs_agree_on_any_day(pack):
    """Workload (what decisions read, remembered per span of days and place) and Pack.listed_total
    (what lint and review read, summed afresh)."""
    w, rng = _Listed(pack), random.Random(16)
    for _ in range(300):
        on = date(2025, 1, 1) + timedelta(days=rng.randint(0, 900))
        start = on + timedelta(days=rng.randint(-30, 120))
        town = rng.choice([None, *pack.towns])
        assert tuple(w.listed(on, start, town)) == pack.listed_total(on, start, town)
