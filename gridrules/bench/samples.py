"""The repeated-input mix ``gridrules bench`` reports beside its distinct inputs.

Tasks and events generated from the pack's own vocabulary (every verdict, level,
whistle kind and most flags occur), deterministic for a seed -- but drawn from few
values: tasks are checked at one moment (``BENCH_AT``), counts come from a handful
of numbers, so most engine questions repeat.  ``random_inputs`` draws every field
at random instead; both are measured, and labelled.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

from gridrules.pack.pack import Pack

BEIJING = timezone(timedelta(hours=8))
BENCH_AT = datetime(2026, 11, 25, 10, 0, tzinfo=BEIJING)


# --- a representative mix ------------------------------------------------------------


def sample_tasks(pack: Pack, n: int, seed: int = 7) -> list[dict]:
    """Tasks over the pack's vocabulary: departments and towns, listed work and work no
    item covers, forbidden activities, every role, named items and approvals (known and
    unknown, right and wrong town), workloads on both sides of the capacity."""
    rng = random.Random(seed)
    activities = sorted(pack.ids("activity"))
    grid_acts = sorted(pack.activities)
    departments = sorted(pack.departments)
    towns = sorted(pack.towns)
    towns_with_approvals = sorted({a.unit for a in pack.approvals}) or towns
    refs = [a.ref for a in pack.approvals] + ["XX-0000-00"]
    items = sorted(pack.items_by_id)
    out = []
    for i in range(n):
        by_town = rng.random() < 0.2
        town = rng.choice(towns_with_approvals if rng.random() < 0.6 else towns)
        acts = rng.sample(grid_acts if rng.random() < 0.85 else activities, rng.randint(1, 3))
        task: dict[str, Any] = {
            "id": f"T-{i}",
            "title": "t",
            "department": town if by_town else rng.choice(departments),
            "activities": acts,
            "start": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "assignee": rng.choice(["full_time", "full_time", "part_time", "grid_leader", "grid_instructor"]),
            "status": rng.choice(["proposed", "assigned"]),
            "channel": rng.choice(["unified_dispatch", "direct"]),
        }
        if by_town:
            task |= {"issued_by": "town", "town": town}
        elif pack.items and rng.random() < 0.4:
            # listed work: one of an item's owners asking for some of its activities
            item = rng.choice(pack.items)
            task |= {"department": rng.choice(item.owners),
                     "activities": rng.sample(item.activities, rng.randint(1, len(item.activities)))}
        if by_town and pack.approvals and rng.random() < 0.4:
            # a town's phased work under one of its 专题研究 approvals (mostly within it)
            approval = rng.choice(pack.approvals)
            span = max(0, (approval.to - approval.from_).days)
            start = approval.from_ + timedelta(days=rng.randint(0, span))
            task |= {"department": approval.unit, "town": approval.unit, "temporary_approval": approval.ref,
                     "activities": rng.sample(approval.activities, rng.randint(1, len(approval.activities))),
                     "start": start.isoformat()}
        elif rng.random() < 0.3:
            task["temporary_approval"] = rng.choice(refs)
        if rng.random() < 0.2 and items:
            task["list_item"] = rng.choice(items)
        if rng.random() < 0.4:
            task["hours_per_month"] = rng.choice([0, 3, 68, 69, 100])
        out.append(task)
    return out


def sample_events(pack: Pack, n: int, seed: int = 11) -> list[dict]:
    """Events of every type, registered and unregistered grids, mostly small matters
    with every threshold crossed now and then, history, assignments, and reports
    across the calendar year (and into the uncovered next year)."""
    rng = random.Random(seed)
    grids = sorted(pack.grids)
    some_grids = rng.sample(grids, min(len(grids), 500)) + ["unregistered-01"]
    towns = sorted(pack.towns)
    levels = [lv.id for lv in pack.levels]
    types = sorted(pack.event_types)
    # lower default levels are the common cases: weight grid 8, community 8, town 4, district 1
    by_level = {0: 8, 1: 8, 2: 4}
    type_weights = [by_level.get(pack.level_rank[pack.event_types[t].level], 1) for t in types]
    out = []
    for i in range(n):
        reported = datetime(2026, 1, 1, tzinfo=BEIJING) + timedelta(minutes=rng.randint(0, 525_000))
        event: dict[str, Any] = {
            "id": f"E-{i}",
            "type": rng.choices(types, type_weights)[0],
            "reported_at": reported.isoformat(),
            "grid": rng.choice(some_grids),
            # mostly small matters (网格办小事), every threshold still crossed now and then
            "people_involved": rng.choices([0, 1, 2, 3, 9, 10, 49, 50], [20, 30, 25, 10, 5, 5, 3, 2])[0],
            "reporters": rng.choices([1, 2, 4, 5], [70, 15, 8, 7])[0],
            "recurrences_30d": rng.choices([0, 1, 2, 3], [70, 15, 8, 7])[0],
            "life_threat": rng.random() < 0.03,
            "needs_enforcement": rng.random() < 0.1,
            "spans": rng.choices(["none", "grids", "communities", "towns"], [80, 10, 7, 3])[0],
        }
        if event["grid"] == "unregistered-01":
            event["town"] = rng.choice(towns)
        if rng.random() < 0.3:
            event["history"] = [{"level": rng.choice(levels), "outcome": rng.choice(["unresolved", "overdue", "resolved"]),
                                 "at": (reported + timedelta(hours=2)).isoformat()}]
        if rng.random() < 0.3:
            event["assigned_to"] = rng.choice(levels)
        out.append(event)
    return out
