"""The pack's lists as data (``gridrules show`` and the service's ``/v1/lists``).

One place decides which entries a list shows on a day (in force, or all of them)
and what each entry's JSON looks like; the CLI renders tables from the same entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Callable

from gridrules.pack.layout import DUTIES, NEGATIVE_LIST
from gridrules.pack.params import TEMPORARY_MAX_DAYS
from gridrules.pack.model.inforce import WITHDRAWN
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.pack import Pack

LISTS = ("items", "temporary", "duties", "negative", "roles", "events")  # shown when none is named
# the pack's names and ids, to look one up (gridrules show grids 和平)
DIRECTORIES = ("departments", "towns", "communities", "grids", "activities", "levels", "grades", "types", "bodies")
SECTIONS = LISTS + DIRECTORIES


def items_shown(pack: Pack, on: date, include_all: bool) -> list[tuple[AdmissionItem, bool]]:
    """The list items in force on ``on`` (or all of them), each as known on ``on`` (the terms in
    effect that day; only the changes decided by then) and with whether it is in force."""
    shown = ((item, pack.item_in_force(item, on)) for item in pack.items)
    return [(pack.item_as_known(item, on), in_force) for item, in_force in shown if in_force or include_all]


def item_status(item: AdmissionItem, in_force: bool, on: date) -> str:
    """An item's status on ``on`` (a ``status.*`` word of the catalogue), as ``gridrules show`` and the
    item's page say it: in_force | withdrawn (from a day by ``on``) | pending (a change decided by ``on``
    takes effect later: 待生效) | expired (past its end) | not_yet."""
    if in_force:
        return "in_force"
    withdrawn = item.in_force.withdrawn_from(on)
    if withdrawn is not None and withdrawn <= on:
        return "withdrawn"
    if any(c.version != WITHDRAWN for c in item.in_force.pending(on)):
        return "pending"
    return "expired" if item.effective.to is not None and item.effective.to < on else "not_yet"


def pending(item: AdmissionItem, on: date) -> list[dict]:
    """Changes decided by ``on`` that take effect later (待生效), oldest first."""
    kinds = {0: "approval", WITHDRAWN: "withdrawal"}
    return [{"change": kinds.get(c.version, "amendment"), "decided": c.decided.isoformat(),
             "effective": c.effective.isoformat()} for c in item.in_force.pending(on)]


def approvals_shown(pack: Pack, on: date, include_all: bool) -> list[tuple[TemporaryApproval, bool]]:
    """The towns' temporary approvals decided by ``on`` and not past their last day as known then
    (or all of them)."""
    shown = ((a, a.decided_on <= on and pack.approval_last_day(a, on) >= on) for a in pack.approvals)
    return [(a, in_force) for a, in_force in shown if in_force or include_all]


def _items(pack: Pack, on: date, include_all: bool) -> list[dict]:
    return [item.model_dump(mode="json", by_alias=True) | {"in_force": in_force, "pending": pending(item, on)}
            for item, in_force in items_shown(pack, on, include_all)]


def _temporary(pack: Pack, on: date, include_all: bool) -> list[dict]:
    return [a.model_dump(mode="json", by_alias=True) | {"in_force": in_force}
            for a, in_force in approvals_shown(pack, on, include_all)]


def _duties(pack: Pack, *_: Any) -> list[dict]:
    return [d.model_dump(mode="json") for d in pack.duties.values()]


def _negative(pack: Pack, *_: Any) -> list[dict]:
    return [e.model_dump(mode="json") for e in pack.negative]


def screening_read(pack: Pack) -> dict[str, list[str]]:
    """What the screening reads for every negative-list entry's words besides the entry's own exceptions:
    the negations, and the phrases in which a negation is none -- keyed as ``negative_list.yaml`` names them
    (beside the ``negative`` list in ``gridrules show --format json`` and ``/v1/lists``)."""
    listed = pack.files[NEGATIVE_LIST]
    return {"screening_negations": list(listed.screening_negations),
            "screening_negation_exceptions": list(listed.screening_negation_exceptions)}


def screening_lines(pack: Pack, say: Callable[..., str]) -> list[str]:
    """``screening_read`` in the words of ``say`` (the catalogue's ``t`` for ``gridrules show``, ``chinese``
    for the pages)."""
    joined = [say("screen.joiner").join(words) or say("screen.none") for words in screening_read(pack).values()]
    return [say("screen.show.negations", negations=joined[0]), say("screen.show.negation_exceptions", phrases=joined[1])]


def listing(pack: Pack, moment: datetime, chosen: Iterable[str], include_all: bool, term: str | None = None) -> dict:
    """The sections ``chosen`` as in force at ``moment`` (or all entries), each entry kept when it ``matches``
    ``term``; with the negative list, what its screening reads for every entry (``screening_read``): the JSON of
    ``gridrules show`` and ``/v1/lists`` alike."""
    on = moment.astimezone(pack.tz).date()
    out: dict = {"pack": pack_ref(pack), "at": moment.isoformat()}
    for name in chosen:
        out[name] = [e for e in DATA[name](pack, on, include_all) if term is None or matches(e, term)]
    if "negative" in out:
        out |= screening_read(pack)
    return out


def _roles(pack: Pack, *_: Any) -> list[dict]:
    return [r.model_dump(mode="json") for r in pack.roles.values()]


def _events(pack: Pack, *_: Any) -> list[dict]:
    return [t.model_dump(mode="json") | {"risk": pack.risk_of(t.code)[0]} for t in pack.event_types.values()]


def _departments(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": d.id, "name": d.name} for d in pack.departments.values()]


def _towns(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": t.id, "name": t.name} for t in pack.towns.values()]


def _communities(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": c.id, "name": c.name, "town": c.town, "grids": len(c.grids)} for c in pack.communities.values()]


def _grids(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": gid, "name": g.name, "community": c.id, "town": c.town, "kind": g.kind, "households": g.households}
            for gid, (g, c) in pack.grids.items()]


def _activities(pack: Pack, *_: Any) -> list[dict]:
    """Every activity a task may name: the grid activities, then the negative list's (never a grid worker's)."""
    held = [{"id": a.id, "name": a.name, "negative": None} for a in pack.activities.values()]
    barred = [{"id": e.activity, "name": e.title, "negative": e.code} for e in pack.negative if e.activity]
    return held + barred


def _levels(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": lv.id, "name": lv.name, "rank": i} for i, lv in enumerate(pack.levels)]


def _grades(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": g.id, "name": g.name, "rank": i} for i, g in enumerate(pack.grades)]


def _types(pack: Pack, *_: Any) -> list[dict]:
    return [{"id": t.code, "name": t.name, "level": t.level, "grade": t.grade} for t in pack.event_types.values()]


def _bodies(pack: Pack, *_: Any) -> list[dict]:
    """The approving bodies: where each sits, the lists it keeps, the temporary inclusions it may
    give (their longest period: its own, else the pack's parameter)."""
    out = []
    for body in pack.bodies.values():
        power = body.temporary
        out.append({"id": body.id, "name": body.name, "level": body.level, "unit": body.unit,
                    "lists": [{"id": kept.id, "name": kept.name} for kept in body.lists],
                    "temporary": None if power is None else {
                        "name": power.name, "used_by": list(power.used_by),
                        "max_days": power.max_days or pack.parameter(TEMPORARY_MAX_DAYS)}})
    return out


DATA: dict[str, Callable[[Pack, date, bool], list[dict]]] = {
    "items": _items, "temporary": _temporary, "duties": _duties,
    "negative": _negative, "roles": _roles, "events": _events,
    "departments": _departments, "towns": _towns, "communities": _communities, "grids": _grids,
    "activities": _activities, "levels": _levels, "grades": _grades, "types": _types, "bodies": _bodies,
}


def matches(entry: Any, term: str) -> bool:
    """Whether ``term`` (a name, part of one, or an id, any case) appears in an entry's values."""
    if isinstance(entry, dict):
        return any(matches(v, term) for v in entry.values())
    if isinstance(entry, (list, tuple)):
        return any(matches(v, term) for v in entry)
    return entry is not None and term.lower() in str(entry).lower()


def duty_groups(pack: Pack) -> dict[str, str]:
    return {g.id: g.name for g in pack.files[DUTIES].groups}


def pack_ref(pack: Pack) -> dict[str, str]:
    """Name, version and digest: what every listing says it was read from."""
    return {"name": pack.info.name, "version": pack.info.version, "digest": pack.info.digest}
