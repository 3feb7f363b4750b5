"""The listed workload's parts (policy §8, workload by town): what ``Pack.listed_total`` sums.

For one day of decision and one start, each list item in force (in list order, by the terms
in effect then) with the towns it applies in, and each temporary approval in force with its
towns; a town's total is summed from them in that order, so reading the parts once and
summing per town gives the same floats as summing town by town.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

if TYPE_CHECKING:
    from typing import TypeGuard

    from gridrules.pack.model.lists import AdmissionItem
    from gridrules.pack.pack import Pack


class ListedParts(NamedTuple):
    """The listed workload's parts for one day of decision and one start (``listed_parts``)."""

    items: tuple[tuple[float, frozenset[str] | None], ...]  # hours, towns (None: all)
    approvals: tuple[tuple[float, frozenset[str]], ...]


def listed_parts(pack: "Pack", on: date, start: date | None = None, approvals: bool = True,
                 exclude: str | None = None) -> ListedParts:
    """What ``Pack.listed_total`` sums, for every town at once: the hours of each item in force
    (list order) with the towns it applies in (None: all), then of each approval in force for work
    starting then (as known on ``on``); ``exclude``: an item left out (one whose amendment is
    reviewed: its new hours are the amendment's)."""
    during = on if start is None else start
    listed = []
    for item in pack.items:
        if item.id == exclude:
            continue
        view = pack.item_terms(item, on, start)
        if _runs(view, during):
            listed.append((view.hours_per_month, pack.scopes.item_towns(view)))
    return ListedParts(tuple(listed), _held(pack, on, during) if approvals else ())


def _runs(view: "AdmissionItem | None", day: date) -> "TypeGuard[AdmissionItem]":
    """Whether an item's terms for work starting ``day`` load the grids then: they govern (known, in
    effect, not withdrawn) and the item's own last day (effective.to, or the day before a known
    withdrawal) is not past."""
    return view is not None and (view.effective.to is None or view.effective.to >= day)


def _held(pack: "Pack", on: date, during: date) -> tuple[tuple[float, frozenset[str]], ...]:
    """The approvals in force for work starting ``during``, as known on ``on``, with their towns: as
    an item, decided by ``on``, its work running then (to its last day known then)."""
    held = []
    for approval in pack.approvals:
        hours = approval.hours_per_month or 0
        if hours and approval.in_force.governing(on, during) is not None and during <= pack.approval_last_day(approval, on):
            held.append((hours, pack.tree.towns_within(approval.unit)))
    return tuple(held)


def listed_parts_on(pack: "Pack", on: date, days: Sequence[date], exclude: str | None = None) -> Iterator[ListedParts]:
    """``listed_parts(pack, on, day, exclude=exclude)`` for each of ``days``, the same parts: each item's
    terms are read once per day on which what governs a start can change (a known change's effective
    day), not once per day asked -- a review over a year of a province's list asks for hundreds."""
    timelines = []
    for item in pack.items:
        if item.id == exclude:
            continue
        turns = sorted({c.effective for c in item.in_force.known(on)})
        read = [pack.item_terms(item, on, turn) for turn in turns]
        timelines.append((turns, [(v, pack.scopes.item_towns(v)) if v is not None else None for v in read]))
    for day in days:
        items = []
        for turns, views in timelines:
            k = bisect_right(turns, day) - 1
            found = views[k] if k >= 0 else None
            if found is not None and _runs(found[0], day):
                items.append((found[0].hours_per_month, found[1]))
        yield ListedParts(tuple(items), _held(pack, on, day))


def total_of(pack: "Pack", parts: ListedParts, town: str | None = None,
             within: frozenset[str] | None = None) -> tuple[float, str]:
    """``Pack.listed_total`` from its parts.  One pass: the items that apply everywhere summed in
    list order, the others and the approvals per town."""
    base, extra = 0.0, Counter[str]()
    for hours, towns in parts.items:
        if towns is None or (town is not None and town in towns):
            base += hours
        elif town is None:
            extra.update(dict.fromkeys(towns, hours))
    for hours, towns in parts.approvals:
        if town is None:
            extra.update(dict.fromkeys(towns, hours))
        elif town in towns:
            base += hours
    if town is not None:
        return base, town
    order = [t for t in pack.towns if within is None or t in within]
    most = max((extra[t] for t in order), default=0.0)
    return base + most, next((t for t in order if extra[t] == most), "")


def busiest(pack: "Pack", on: date, start: date, end: date | None, within: frozenset[str] | None = None,
            exclude: str | None = None) -> tuple[float, date, str, ListedParts]:
    """The listed workload on the day of ``start``..``end`` (None: no end) that carries the most, as
    capacity is judged for something that will run over that period (an item's application, a temporary
    approval): its first day and each later one on which an item's known terms or an approval begin,
    town by town among ``within`` (None: every town).  The total, its day (the first of equals), its
    town (``total_of``'s) and that day's parts."""
    days = {start}
    for item in pack.items:
        days.update(c.effective for c in item.in_force.known(on)
                    if start < c.effective and (end is None or c.effective <= end))
    days.update(a.from_ for a in pack.approvals if start < a.from_ and (end is None or a.from_ <= end))
    best: tuple[float, date, str, ListedParts] | None = None
    for day, parts in zip(sorted(days), listed_parts_on(pack, on, sorted(days), exclude=exclude)):
        total, town = total_of(pack, parts, within=within)
        if best is None or total > best[0]:
            best = (total, day, town, parts)
    assert best is not None  # days holds start
    return best
