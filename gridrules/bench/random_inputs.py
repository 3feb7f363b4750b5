"""Seeded random tasks and events over any loaded pack, every field drawn at random.

    from gridrules import load_pack
    from gridrules.bench.random_inputs import random_tasks, random_events
    tasks = random_tasks(load_pack(), 6000, seed=11)          # [(task dict, at datetime)]
    events = random_events(load_pack(), 6000, seed=11)        # [(event dict, at datetime | None)]

Used by ``gridrules bench`` and ``benchmarks/compare.py`` (their default inputs),
``benchmarks/ab_speed.py`` (old-vs-new speed, which loads this file by path into
workers running older revisions: so it imports nothing from gridrules).  It relies
only on the pack attributes read in ``vocabulary()`` -- if a redesign renames one,
fix it there and nowhere else.  The same pack and seed give the same inputs, whatever
the code that decides them.

Inputs are DISTINCT: no two share their decision-relevant content (everything
but id, title and description) and moment.  Most are valid; a fraction
(``invalid``, default 3 %) is deliberately broken in one of several ways and
must be refused with an ``InputError``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8))
OFFSETS = (BEIJING, BEIJING, BEIJING, timezone.utc)  # mostly +08:00, sometimes +00:00
FIRST = date(2025, 6, 1)
LAST = date(2027, 6, 30)
SPAN_DAYS = (LAST - FIRST).days

# Windows the calendar makes interesting: 2026's public holidays and make-up days
# (from rules/calendar/2026.yaml), late December of both years (the calendar ends).
SPECIAL_DAYS = (
    [date(2026, 1, 1) + timedelta(d) for d in range(-2, 5)]
    + [date(2026, 2, 12) + timedelta(d) for d in range(18)]
    + [date(2026, 4, 2) + timedelta(d) for d in range(6)]
    + [date(2026, 4, 29) + timedelta(d) for d in range(12)]
    + [date(2026, 6, 17) + timedelta(d) for d in range(6)]
    + [date(2026, 9, 18) + timedelta(d) for d in range(24)]
    + [date(2025, 12, 18) + timedelta(d) for d in range(14)]
    + [date(2026, 12, 18) + timedelta(d) for d in range(14)]
)


# --- the one place that reads the pack ---------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    departments: list[str]
    towns: list[str]
    activities: list[str]  # grid activities
    negative: list[str]  # negative-list activities
    roles: list[str]
    items: list[tuple[str, list[str], list[str]]]  # (id, owners, activities)
    approvals: list[tuple[str, str, list[str], date, date]]  # (ref, town, activities, from, to)
    event_types: list[tuple[str, str]]  # (code, default level)
    levels: list[str]  # lowest first
    grades: list[str]  # lowest first
    grids: list[tuple[str, str, str]]  # (grid, community, town)
    communities: list[tuple[str, str]]  # (community, town)
    # the negative list's tell-tale words, when the pack screens for them (its inputs then may
    # also name outside issuers and reporters' roles); empty for a pack before that
    screening_words: list[str] = ()  # type: ignore[assignment]


def vocabulary(pack) -> Vocabulary:
    """Everything the generator needs from a loaded pack, as plain sorted data."""
    return Vocabulary(
        departments=sorted(pack.departments),
        towns=sorted(pack.towns),
        activities=sorted(pack.activities),
        negative=sorted(e.activity for e in pack.negative if e.activity),
        roles=sorted(pack.roles),
        items=sorted((i.id, list(i.owners), list(i.activities)) for i in pack.items),
        # an approval's unit (``town`` before bodies: ab_speed.py runs this against older revisions)
        approvals=sorted((a.ref, getattr(a, "unit", None) or getattr(a, "town"), list(a.activities), a.from_, a.to)
                         for a in pack.approvals),
        event_types=sorted((code, t.level) for code, t in pack.event_types.items()),
        levels=[lv.id for lv in pack.levels],
        grades=[g.id for g in pack.grades],
        grids=sorted((g, c.id, c.town) for g, (_, c) in pack.grids.items()),
        communities=sorted((c.id, c.town) for c in pack.communities.values()),
        screening_words=sorted(w for e in pack.negative for w in getattr(e, "screening_words", ())),
    )


# --- helpers -------------------------------------------------------------------------


def _day(rng: random.Random) -> date:
    return FIRST + timedelta(days=rng.randint(0, SPAN_DAYS))


def _moment(rng: random.Random, day: date | None = None) -> datetime:
    """A random moment (to the second) on ``day`` (default: any day of the two years),
    in +08:00 or +00:00."""
    tz = rng.choice(OFFSETS)
    local = datetime.combine(day or _day(rng), time(0), tz)
    return local + timedelta(seconds=rng.randint(0, 86399))


def _key(doc: dict, at: datetime | None) -> str:
    content = {k: v for k, v in doc.items() if k not in ("id", "title", "description")}
    return json.dumps(content, sort_keys=True) + "|" + (at.isoformat() if at else "")


def _distinct(make, n: int, rng: random.Random, invalid: float, corrupt) -> list[tuple[dict, Any]]:
    seen: set[str] = set()
    out: list[tuple[dict, Any]] = []
    while len(out) < n:
        i = len(out)
        doc, at = make(i)
        if rng.random() < invalid:
            doc, at = corrupt(doc, at)
        key = _key(doc, at)
        if key in seen:
            continue
        seen.add(key)
        out.append((doc, at))
    return out


# --- tasks -------------------------------------------------------------------------


TITLES = ["独居老人走访", "出租房屋核查", "防汛巡查", "燃气安全宣传", "矛盾纠纷排查", "人口信息采集", "临时任务"]
EXTERNAL_BODIES = ["external:税务局", "external:统计局", "external:教委"]
HOURS = [0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12, 20, 40, 60, 66, 67, 67.5, 68, 68.5, 69, 70, 80, 100, 120, 121, 200]


def random_tasks(pack, n: int, seed: int, invalid: float = 0.03) -> list[tuple[dict, datetime]]:
    """``n`` distinct (task, at) pairs; ``invalid`` of them deliberately malformed."""
    v = vocabulary(pack)
    rng = random.Random(f"tasks/{seed}")
    # half the tasks are checked at one of a few shared moments (so the batch API,
    # which takes one `at` per call, can decide them together); the rest at their own
    pool = [_moment(rng) for _ in range(8)]
    approval_towns = sorted({a[1] for a in v.approvals}) or v.towns

    def make(i: int) -> tuple[dict, datetime]:
        task: dict[str, Any] = {"id": f"T-{seed}-{i:05d}", "title": rng.choice(TITLES)}
        by_town = rng.random() < 0.3
        if by_town:
            town = rng.choice(approval_towns if rng.random() < 0.5 else v.towns)
            task |= {"department": town, "issued_by": "town", "town": town}
        else:
            task["department"] = rng.choice(v.departments)
            if rng.random() < 0.5:
                task["issued_by"] = "department"
            if rng.random() < 0.15:
                task["town"] = rng.choice(v.towns)
        if rng.random() < 0.8:
            task["assignee"] = rng.choices(v.roles, [1 if r != "full_time" else 4 for r in v.roles])[0]
        start = _day(rng)
        mode = rng.random()
        item = rng.choice(v.items) if v.items else None
        approval = rng.choice(v.approvals) if v.approvals else None
        if item and mode < 0.4:
            # an item's work: exactly its activity set (or part of it), from one of its owners
            acts = list(item[2]) if rng.random() < 0.6 else rng.sample(item[2], rng.randint(1, len(item[2])))
            if not by_town and rng.random() < 0.85:
                task["department"] = rng.choice(item[1])
            if rng.random() < (0.6 if by_town else 0.25):
                task["list_item"] = item[0] if rng.random() < 0.8 else rng.choice(v.items)[0]
        elif approval and mode < 0.6:
            # a 专题研究 approval's work, mostly by its own town, mostly within its dates
            ref, town, a_acts, a_from, a_to = approval
            acts = rng.sample(a_acts, rng.randint(1, len(a_acts)))
            if rng.random() < 0.3:
                acts.append(rng.choice([a for a in v.activities if a not in acts]))
            if rng.random() < 0.7:
                task |= {"department": town, "issued_by": "town", "town": town}
            elif by_town:
                other = rng.choice([t for t in v.towns if t != town])
                task |= {"department": other, "town": other}
            where = rng.random()
            if where < 0.6:
                start = a_from + timedelta(days=rng.randint(0, max(0, (a_to - a_from).days)))
            elif where < 0.8:
                start = a_to + timedelta(days=rng.randint(1, 120))  # after it ended
            else:
                start = a_from - timedelta(days=rng.randint(1, 60))
            task["temporary_approval"] = ref
        elif mode < 0.9:
            acts = rng.sample(v.activities, rng.randint(1, min(4, len(v.activities))))
        else:
            # some negative-list work among grid work
            k = rng.randint(1, 4)
            acts = rng.sample(v.negative, rng.randint(1, min(k, 2)))
            acts += rng.sample([a for a in v.activities], k - len(acts))
            rng.shuffle(acts)
        task["activities"] = acts
        if "list_item" not in task and v.items and rng.random() < 0.12:
            task["list_item"] = rng.choice(v.items)[0]
        if "temporary_approval" not in task and rng.random() < 0.15:
            refs = [a[0] for a in v.approvals]
            task["temporary_approval"] = rng.choice(refs) if refs and rng.random() < 0.6 else rng.choice(
                ["XX-2026-01", "TX-2025-99", "ZZ-1", "LS-2026-07"])
        task["start"] = start.isoformat()
        if rng.random() < 0.6:
            end = start + timedelta(days=rng.choice([0, 1, 7, 30, 60, 90, 180, 365, rng.randint(0, 500)]))
            task["end"] = end.isoformat()
        if rng.random() < 0.8:
            task["status"] = rng.choice(["proposed", "assigned"])
        if rng.random() < 0.8:
            task["channel"] = rng.choice(["unified_dispatch", "direct"])
        if rng.random() < 0.6:
            task["hours_per_month"] = rng.choice(HOURS)
        if rng.random() < 0.1:
            task["description"] = "随机生成的任务说明，第 %d 号。" % i
        at = rng.choice(pool) if rng.random() < 0.5 else _moment(rng)
        # drawn whatever the pack, so a pack that cannot take them meets the same other inputs
        word, pick, outside = rng.random(), rng.random(), rng.random()
        if v.screening_words:
            if word < 0.08:  # disguised work: a tell-tale word in the title
                task["title"] += v.screening_words[int(pick * len(v.screening_words))]
            if outside < 0.03 and task.get("issued_by", "department") == "department":
                task["department"] = EXTERNAL_BODIES[int(pick * len(EXTERNAL_BODIES))]
        return task, at

    def corrupt(task: dict, at: datetime) -> tuple[dict, datetime]:
        task = dict(task)
        how = rng.randrange(10)
        if how == 0:
            task["department"] = "no_such_department" if task.get("issued_by") != "town" else task["department"]
            task["town"] = "nowhere"
        elif how == 1:
            task["activities"] = task["activities"] + ["dance"]
        elif how == 2:
            task["end"] = (date.fromisoformat(task["start"]) - timedelta(days=rng.randint(1, 30))).isoformat()
        elif how == 3:
            task["colour"] = "red"
        elif how == 4:
            task |= {"issued_by": "town", "town": rng.choice(v.towns), "department": rng.choice(v.departments)}
        elif how == 5:
            task["activities"] = task["activities"] + task["activities"][:1]
        elif how == 6:
            del task[rng.choice(["id", "title", "start", "activities"])]
        elif how == 7:
            task["assignee"] = "volunteer"
            task["list_item"] = "L99"
        elif how == 8:
            task["hours_per_month"] = -1
            task["status"] = "done"
        else:
            at = at.replace(tzinfo=None)  # a moment without a UTC offset
        return task, at

    return _distinct(make, n, rng, invalid, corrupt)


# --- events ------------------------------------------------------------------------


def random_events(pack, n: int, seed: int, invalid: float = 0.03) -> list[tuple[dict, datetime | None]]:
    """``n`` distinct (event, at) pairs (at None: decided at its reported_at)."""
    v = vocabulary(pack)
    rng = random.Random(f"events/{seed}")
    # lower default levels are the common matters: weight grid 8, community 8, town 4, district 1
    rank = {lv: i for i, lv in enumerate(v.levels)}
    types = [code for code, _ in v.event_types]
    type_weights = [{0: 8, 1: 8, 2: 4}.get(rank.get(lv, 3), 1) for _, lv in v.event_types]
    registered_towns = sorted({t for _, t in v.communities})

    def reported(i: int) -> datetime:
        r = rng.random()
        if r < 0.3:
            day = rng.choice(SPECIAL_DAYS)  # holidays, make-up days, late December
        elif r < 0.4:
            day = _day(rng)
            day += timedelta(days=(5 - day.weekday()) % 7 + rng.randint(0, 1))  # a Saturday or Sunday
        else:
            day = _day(rng)
        return _moment(rng, day)

    def make(i: int) -> tuple[dict, datetime | None]:
        at_report = reported(i)
        event: dict[str, Any] = {
            "id": f"E-{seed}-{i:05d}",
            "type": rng.choices(types, type_weights)[0],
            "reported_at": at_report.isoformat(),
        }
        where = rng.random()
        if v.grids and where < 0.7:
            grid, community, town = rng.choice(v.grids)
            event["grid"] = grid
            if rng.random() < 0.15:
                event["community"] = community
            if rng.random() < 0.15:
                event["town"] = town
        else:
            # an unregistered grid: in a registered community, or an unregistered one
            town = rng.choice(registered_towns if registered_towns and rng.random() < 0.4 else v.towns)
            event["grid"] = f"{town}-x{rng.randint(1, 40):02d}"
            r = rng.random()
            if r < 0.35:
                event["town"] = town
            elif r < 0.65 and v.communities:
                community, c_town = rng.choice(v.communities)
                event |= {"community": community, "town": c_town} if rng.random() < 0.6 else {"community": community}
            elif r < 0.85:
                event |= {"community": f"{town}-xin{rng.randint(1, 9)}", "town": town}
        # mostly small matters (网格办小事); every threshold still crossed now and then
        if rng.random() < 0.15:
            event["grade"] = rng.choices(v.grades, [max(1, 8 >> i) for i in range(len(v.grades))])[0]
        if rng.random() < 0.5:
            event["life_threat"] = rng.random() < 0.05
        if rng.random() < 0.7:
            event["people_involved"] = rng.choices(
                [0, 1, 2, 3, 5, 9, 10, 11, 30, 49, 50, 51, 200], [20, 30, 20, 10, 6, 5, 3, 2, 2, 2, 1, 1, 1])[0]
        if rng.random() < 0.5:
            event["reporters"] = rng.choices([1, 2, 3, 4, 5, 6, 12], [70, 15, 8, 5, 4, 2, 1])[0]
        if rng.random() < 0.5:
            event["recurrences_30d"] = rng.choices([0, 1, 2, 3, 4, 8], [70, 15, 8, 4, 2, 1])[0]
        if rng.random() < 0.5:
            event["spans"] = rng.choices(["none", "grids", "communities", "towns"], [75, 12, 8, 5])[0]
        if rng.random() < 0.4:
            event["needs_enforcement"] = rng.random() < 0.25
        last = at_report
        history = []
        for _ in range(rng.choices([0, 1, 2, 3], [50, 25, 15, 10])[0]):
            last = last + timedelta(minutes=rng.choice([0, 30, 120, 600, 1440, 4320, rng.randint(1, 20000)]))
            entry = {"level": rng.choice(v.levels), "outcome": rng.choices(["unresolved", "overdue", "resolved"], [3, 2, 5])[0],
                     "at": last.astimezone(rng.choice(OFFSETS)).isoformat()}
            if rng.random() < 0.1:
                entry["note"] = "处置记录"
            history.append(entry)
        if history:
            event["history"] = history
        if rng.random() < 0.35:
            event["assigned_to"] = rng.choice(v.levels)
        if rng.random() < 0.1:
            event["description"] = "随机生成的事件说明，第 %d 号。" % i
        r = rng.random()
        if r < 0.45:
            at = None
        elif r < 0.9:  # checked later: from minutes to weeks after the last entry
            at = last + timedelta(minutes=rng.choice([1, 29, 31, 90, 600, 1500, 3000, 7000, 20000, 60000]))
            at = at.astimezone(rng.choice(OFFSETS))
        else:
            at = _moment(rng)  # anywhere in the two years, even before the report
        claimed, pick = rng.random(), rng.random()  # drawn whatever the pack (see random_tasks)
        if v.screening_words:
            if claimed < 0.3:
                event["reporter_role"] = v.roles[int(pick * len(v.roles))]
            if claimed < 0.1 or claimed > 0.95:
                event["direct_report_claimed"] = True
        return event, at

    def corrupt(event: dict, at: datetime | None) -> tuple[dict, datetime | None]:
        event = dict(event)
        how = rng.randrange(10)
        if how == 0:
            event["type"] = "XX99"
        elif how == 1:
            event["grade"] = "catastrophic"
            event["assigned_to"] = "province"
        elif how == 2:
            event["reported_at"] = event["reported_at"][:19]  # no UTC offset
        elif how == 3:
            event["people_involved"] = -3
        elif how == 4:
            event["spans"] = "everything"
        elif how == 5:
            t = datetime.fromisoformat(event["reported_at"])
            event["history"] = [{"level": v.levels[0], "outcome": "unresolved",
                                 "at": (t - timedelta(hours=1)).isoformat()}]
        elif how == 6 and v.grids:
            grid, community, town = v.grids[0]
            other = next((t for t in v.towns if t != town), town)
            event |= {"grid": grid, "town": other}
        elif how == 7:
            event["urgency"] = "high"
        elif how == 8:
            event["reporters"] = 0
            event["grid"] = "Bad Grid"
        else:
            event["history"] = [{"level": "moon", "outcome": "lost", "at": event["reported_at"]}]
        return event, at

    return _distinct(make, n, rng, invalid, corrupt)
