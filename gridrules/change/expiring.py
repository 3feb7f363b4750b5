"""What is about to lapse: list items and towns' approvals whose end date is near.

An item or approval counts when it is decided by the day asked about, not
withdrawn by then, and its last day falls within the window (from that day to
that day plus the window, both included): one in force then, or one decided
but starting later (待生效), whose short term a secretary must see as well.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem
from gridrules.pack.pack import Pack

# a window as written: 14d, 2w, 14 (days); and in Chinese: 14天 (14日), 2周 (2星期), 1个月 -- a calendar
# month from the day asked about (2026-12-02 + 1个月 = 2027-01-02; from 01-31 it ends on February's last day)
_WINDOW = re.compile(r"^([0-9]{1,4})(d|w|天|日|周|星期|个月)?$")
_DAYS = {None: 1, "d": 1, "天": 1, "日": 1, "w": 7, "周": 7, "星期": 7}


@dataclass(frozen=True)
class Lapsing:
    kind: str  # item | temporary
    code: str
    name: str
    responsible: list[str]  # the item's owners, or the approval's town
    starts: date  # its first day: after the day asked about when it is not yet in force
    ends: date
    days_left: int

    def state(self, on: date) -> str:
        """Its status on ``on`` (a ``status.*`` word of the catalogue): in_force, else not yet -- an
        item pending (待生效), an approval upcoming (未开始), as the list and the temporary list call them."""
        if self.starts <= on:
            return "in_force"
        return "pending" if self.kind == "item" else "upcoming"

    def as_dict(self) -> dict:
        out = asdict(self)
        out["starts"], out["ends"] = self.starts.isoformat(), self.ends.isoformat()
        return out


def parse_window(text: str, on: date) -> int:
    """The window ``text`` gives, counted from ``on``, in days: ``14d``, ``14天``, ``14`` -> 14;
    ``2w``, ``2周`` -> 14; ``1个月`` -> the days to the same day of the next month (to its last day
    when it has no such day: from 2027-01-31, 28)."""
    plain = "".join(unicodedata.normalize("NFKC", text).split())  # ２周, 14 天
    match = _WINDOW.match(plain)
    if not match:
        raise InputError(Problem(t("change.bad_window", value=text), field="--within"))
    number, unit = int(match.group(1)), match.group(2)
    if unit != "个月":
        return number * _DAYS[unit]
    month = on.month - 1 + number
    year, month = on.year + month // 12, month % 12 + 1
    if year > date.max.year:
        raise InputError(Problem(t("change.bad_window", value=text), field="--within"))
    return (date(year, month, min(on.day, calendar.monthrange(year, month)[1])) - on).days


def expiring(pack: Pack, on: date, days: int) -> list[Lapsing]:
    """Items and approvals known on ``on``, in force then or starting later, whose last day is
    within ``days`` days, soonest first."""
    last = on + timedelta(days=days)
    out: list[Lapsing] = []
    for item in pack.items:
        # in force on the day, else (approved by then) as it will read on its first day
        view = pack.item_terms(item, on)
        if view is None and item.approval.date <= on < item.effective.from_:
            view = pack.item_terms(item, on, item.effective.from_)
        end = view.effective.to if view is not None else None  # its last day as known (before a withdrawal)
        if view is not None and end is not None and on <= end <= last:
            out.append(Lapsing("item", item.id, view.name, list(view.owners), item.effective.from_, end,
                               (end - on).days))
    for approval in pack.approvals:
        end = pack.approval_last_day(approval, on)
        if on <= end <= last and approval.decided_on <= on and not pack.approval_never_ran(approval, on):
            out.append(Lapsing("temporary", approval.ref, approval.work, [approval.unit], approval.from_, end,
                               (end - on).days))
    return sorted(out, key=lambda x: (x.ends, x.kind, x.code))
