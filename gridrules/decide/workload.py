"""The listed workload a task is judged against (policy §8, workload by role and by town).

The capacity is per grid, shared by its workers.  A task's listed total counts the
items for all towns, those scoped to its town, and that town's temporary approvals
in force (their hours); a department's task without a town is judged against the
town with the highest total.  Items change the total only on the days they are
approved or withdrawn, so the items' part is summed once per such day and town;
approvals (few per town) are added as asked.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import NamedTuple

from gridrules.pack.pack import Pack


class Listed(NamedTuple):
    hours: float
    town: str  # whose total it is


MEMO_LIMIT = 10_000


class Workload:
    def __init__(self, pack: Pack):
        self.pack = pack
        days = sorted({day for i in pack.items for day in i.in_force.changes()})
        self.days = [days[0] - timedelta(days=1)] + days if days else [date.min]
        towns = list(pack.towns)
        self.order = {t: i for i, t in enumerate(towns)}
        # per change day: the items for all towns, the scoped items town by town, and the town
        # with the highest items total (the first in the pack's order on a tie)
        self.by_day = [pack.items_hours_by_town(day) for day in self.days]
        self.top = [self._top(scoped, towns) for _, scoped in self.by_day]
        self.with_approvals = tuple(t for t in towns if t in pack.approvals_by_town)
        # a decision day and start date give the same total to many tasks: remembered (bounded)
        self._memo: dict[tuple, Listed] = {}

    def listed(self, on: date, start: date, town: str | None) -> Listed:
        """The total a task starting on ``start``, decided on ``on``, is judged against."""
        key = (on, start, town)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._listed(on, start, town)
        return found

    def _listed(self, on: date, start: date, town: str | None) -> Listed:
        at = max(bisect_right(self.days, on) - 1, 0)
        (everywhere, scoped), pack = self.by_day[at], self.pack
        if town:
            return Listed(everywhere + scoped.get(town, 0.0) + pack.town_approvals_hours(on, town, start), town)
        top = self.top[at]
        best = Listed(everywhere + scoped.get(top, 0.0), top)
        for candidate in self.with_approvals:
            hours = everywhere + scoped.get(candidate, 0.0) + pack.town_approvals_hours(on, candidate, start)
            if hours > best.hours or (hours == best.hours and self.order[candidate] < self.order[best.town]):
                best = Listed(hours, candidate)
        return best

    @staticmethod
    def _top(scoped: dict[str, float], towns: list[str]) -> str:
        most = max(scoped.values(), default=0.0)
        return next((t for t in towns if scoped.get(t, 0.0) == most), "")
