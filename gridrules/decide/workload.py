"""The listed workload a task is judged against (policy §8, workload by town).

The capacity is per grid, shared by its workers.  A task's listed total counts the list
items in force for work starting on its start, as known on the day of the check, each by
the terms in effect then (those for all towns and those that apply in its town), and the
town's temporary approvals in force whose work runs on its start (their hours).  A task
naming no town is judged against the town that carries the most: when some items apply
only within a unit (a county body's), among the towns within the issuer's home unit.

The total changes only on the days a change to an item is decided or takes effect, an item's
term ends, or an approval is decided, withdrawn, starts or ends: what is summed (``pack.listed.listed_parts``) is
read once per pair of such spans, and the total once per pair, town and place
(``total_of``), both remembered (bounded).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import NamedTuple

from gridrules.contract.documents import TaskInput
from gridrules.pack.listed import ListedParts, listed_parts, total_of
from gridrules.pack.pack import Pack

MEMO_LIMIT = 10_000


class Listed(NamedTuple):
    hours: float
    town: str  # whose total it is ('' for a pack without towns)


class Workload:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.scoped = any(pack.scopes.item_towns(i) is not None for i in pack.items)
        days = {day for i in pack.items for day in i.in_force.days()}
        # an item's own end (a version's effective.to): it loads the grids no more from the day after
        days |= {v.effective.to + timedelta(days=1) for i in pack.items for v in pack.item_versions[i.id]
                 if v.effective.to is not None}
        days |= {day for a in pack.approvals if a.hours_per_month
                 for day in (*a.in_force.days(), a.from_, a.to + timedelta(days=1))}
        self.days = sorted(days)
        self._memo: dict[tuple, Listed] = {}
        self._parts: dict[tuple[int, int], _Parts] = {}

    def listed(self, on: date, task: TaskInput | None = None) -> Listed:
        """The total a task (default: work starting on ``on``), decided on ``on``, is judged against."""
        given = task.__dict__ if task is not None else None  # a model's attribute reads take ~4x a plain read
        start = on if given is None else given["start"]
        town = given["town"] if given is not None else None
        place = None
        if not town and self.scoped and given is not None:
            place = (self.pack.home_of(given["department"]) if given["issued_by"] == "department"
                     else self.pack.district.id)
        key = (bisect_right(self.days, on), bisect_right(self.days, start), town, place)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._total(on, start, key)
        return found

    def _total(self, on: date, start: date, key: tuple) -> Listed:
        spans, town, place = key[:2], key[2], key[3]
        parts = self._parts.get(spans)
        if parts is None:
            if len(self._parts) >= MEMO_LIMIT:
                self._parts.clear()
            parts = self._parts[spans] = _Parts.of(listed_parts(self.pack, on, start))
        if town and town not in parts.touched:  # only the items for every town apply in it
            return Listed(parts.everywhere, town)
        within = self.pack.tree.towns_within(place) if place is not None else None
        return Listed(*total_of(self.pack, parts.parts, town or None, within))


class _Parts(NamedTuple):
    parts: ListedParts
    everywhere: float  # the items that apply in every town, summed in list order (as ``total_of`` sums them)
    touched: frozenset[str]  # the towns some other item or an approval applies in

    @classmethod
    def of(cls, parts: ListedParts) -> "_Parts":
        everywhere = 0.0
        for hours, towns in parts.items:
            if towns is None:
                everywhere += hours
        touched = frozenset(t for _, towns in (*parts.items, *parts.approvals) if towns is not None for t in towns)
        return cls(parts, everywhere, touched)
