"""Names that must tell things apart: two departments (or towns, activities, event types, …) of one
name would pass every other check and then fail every lookup by that name (``names.resolve`` finds
two and reads neither).  Each named thing of the pack is listed here with where its name is written;
a name a lookup could not tell apart is refused at the second, naming the first.

Where a lookup tells same-named things apart, they are not refused: communities of one name in two
towns (two 新村社区), grids of one name in two communities (listed with their town or community), list
items of one name in force at different times (an item withdrawn, then the work approved again).  A duty
is looked up by its text (an application's duty), so two duties of one text are refused too.  Temporary
approvals are not: two phases of like work may each be decided (lint's GR304 says so; a task names its
approval by its ref, and by its work only where that is one).
Names are compared as ``names`` reads them (NFKC, blanks around them left out).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Iterator

from gridrules.catalogue import english, t
from gridrules.pack import layout
from gridrules.pack.pack import Pack

Report = Callable[..., None]


@dataclass(frozen=True)
class Named:
    """One named thing: its kind (a ``names`` kind), id, name, where the name is written, and the
    scope a lookup tells it apart by ('' for none)."""

    kind: str
    id: str
    name: str
    rel: str
    path: tuple
    within: str = ""
    period: tuple[date, date | None] | None = None  # a list item's: when it is in force


def _units(pack: Pack) -> Iterator[tuple[str, str, tuple]]:
    """(id, name, path of its name) of every unit written in units.yaml."""
    units = pack.files[layout.UNITS]
    if units.units is None:
        for i, town in enumerate(units.towns or []):
            yield town.id, town.name, ("towns", i, "name")
        return

    def walk(unit: Any, path: tuple) -> Iterator[tuple[str, str, tuple]]:
        yield unit.id, unit.name, path + ("name",)
        for j, child in enumerate(unit.units):
            yield from walk(child, path + ("units", j))

    for i, root in enumerate(units.units):
        yield from walk(root, ("units", i))


def named_things(pack: Pack) -> Iterator[Named]:
    """Every named thing that a name lookup reads (``names``' kinds), in the pack's order."""
    f = pack.files
    for i, d in enumerate(f[layout.DEPARTMENTS].departments):
        yield Named("department", d.id, d.name, layout.DEPARTMENTS, ("departments", i, "name"))
    seen: set[str] = set()
    for uid, name, path in _units(pack):
        if uid in pack.towns and uid not in seen:  # (a unit written twice is refused as such)
            seen.add(uid)
            yield Named("town", uid, name, layout.UNITS, path)
    for i, c in enumerate(f[layout.REGISTRY].communities):
        yield Named("community", c.id, c.name, layout.REGISTRY, ("communities", i, "name"), c.town)
        for j, g in enumerate(c.grids):
            yield Named("grid", g.id, g.name, layout.REGISTRY, ("communities", i, "grids", j, "name"), c.id)
    for i, a in enumerate(f[layout.ACTIVITIES].activities):
        yield Named("activity", a.id, a.name, layout.ACTIVITIES, ("activities", i, "name"))
    for i, e in enumerate(f[layout.NEGATIVE_LIST].entries):
        if e.activity is not None and e.activity_name:
            yield Named("activity", e.activity, e.activity_name, layout.NEGATIVE_LIST, ("entries", i, "activity_name"))
    for i, r in enumerate(f[layout.ROLES].roles):
        yield Named("role", r.id, r.name, layout.ROLES, ("roles", i, "name"))
    for i, lv in enumerate(f[layout.LEVELS].levels):
        if lv.name:
            yield Named("level", lv.id, lv.name, layout.LEVELS, ("levels", i, "name"))
    for i, g in enumerate(f[layout.GRADING_RULES].grades):
        yield Named("grade", g.id, g.name, layout.GRADING_RULES, ("grades", i, "name"))
    for i, tp in enumerate(f[layout.EVENT_TYPES].types):
        yield Named("type", tp.code, tp.name, layout.EVENT_TYPES, ("types", i, "name"))
    for i, rl in enumerate(f[layout.RISK].levels):
        yield Named("risk", rl.id, rl.name, layout.RISK, ("levels", i, "name"))
    for i, item in enumerate(pack.items):
        yield Named("item", item.id, item.name, layout.ITEMS, ("items", i, "name"),
                    period=(item.effective.from_, item.effective.to))
    for i, duty in enumerate(f[layout.DUTIES].duties):
        yield Named("duty", duty.id, duty.text, layout.DUTIES, ("duties", i, "text"))


# kinds read together: a task issued by a town names its issuer among departments and towns alike
READ_TOGETHER = (("department", "town"),)


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _overlap(a: Named, b: Named) -> bool:
    """Whether two things are in force on some common day (things without a period always are)."""
    if a.period is None or b.period is None:
        return True
    (a_from, a_to), (b_from, b_to) = a.period, b.period
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


def _groups(things: list[Named]) -> Iterable[list[Named]]:
    """The things a lookup reads among together: each kind alone, then the kinds read together."""
    by_kind: dict[str, list[Named]] = {}
    for thing in things:
        by_kind.setdefault(thing.kind, []).append(thing)
    yield from by_kind.values()
    for kinds in READ_TOGETHER:
        yield [thing for kind in kinds for thing in by_kind.get(kind, [])]


def check(pack: Pack, report: Report) -> None:
    """Refuse, at the second, a name a lookup could not tell from the first's."""
    said: set[tuple[str, str]] = set()
    for group in _groups(list(named_things(pack))):
        first: dict[tuple[str, str], list[Named]] = {}
        for thing in group:
            key = (_plain(thing.name), thing.within)
            earlier = next((e for e in first.get(key, []) if e.id != thing.id and _overlap(e, thing)), None)
            first.setdefault(key, []).append(thing)
            if earlier is None or (thing.kind, thing.id) in said:
                continue
            said.add((thing.kind, thing.id))
            report(thing.rel, thing.path, _message(pack, thing, earlier))


def _message(pack: Pack, thing: Named, earlier: Named) -> str:
    line = pack.documents[earlier.rel].locate(earlier.path).line
    args = dict(what=t(f"kind.{thing.kind}"), name=thing.name, first_what=t(f"kind.{earlier.kind}"),
                first=earlier.id, first_at=f"{earlier.rel}:{line}")
    if thing.within:  # its town's or community's name (its id in English, as English names things)
        where = thing.within if english() else (
            pack.towns[thing.within].name if thing.kind == "community" and thing.within in pack.towns else
            pack.communities[thing.within].name if thing.within in pack.communities else thing.within)
        return t("pack.same_name_within", within=where, **args)
    return t("pack.same_name", **args)
