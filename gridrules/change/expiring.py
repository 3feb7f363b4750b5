"""What is about to lapse: list items and towns' approvals whose end date is near.

An item or approval counts when it is in force on the day asked about
(approved by then, not withdrawn) and its last day falls within the window:
from that day to that day plus the window, both included.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem
from gridrules.pack.pack import Pack

_WINDOW = re.compile(r"^([0-9]{1,4})([dw]?)$")


@dataclass(frozen=True)
class Lapsing:
    kind: str  # item | temporary
    code: str
    name: str
    responsible: list[str]  # the item's owners, or the approval's town
    ends: date
    days_left: int

    def as_dict(self) -> dict:
        out = asdict(self)
        out["ends"] = self.ends.isoformat()
        return out


def parse_window(text: str) -> int:
    """``14d``, ``2w`` or ``14`` -> days."""
    match = _WINDOW.match(text.strip())
    if not match:
        raise InputError(Problem(t("change.bad_window", value=text), field="--within"))
    number, unit = int(match.group(1)), match.group(2)
    return number * 7 if unit == "w" else number


def expiring(pack: Pack, on: date, days: int) -> list[Lapsing]:
    """Items and approvals in force on ``on`` whose last day is within ``days`` days, soonest first."""
    last = on + timedelta(days=days)
    out: list[Lapsing] = []
    for item in pack.items:
        view = pack.item_terms(item, on)
        end = view.effective.to if view is not None else None  # its last day as known (before a withdrawal)
        if view is not None and end is not None and on <= end <= last:
            out.append(Lapsing("item", item.id, view.name, list(view.owners), end, (end - on).days))
    for approval in pack.approvals:
        end = pack.approval_last_day(approval, on)
        if on <= end <= last and approval.decided_on <= on:
            out.append(Lapsing("temporary", approval.ref, approval.work, [approval.unit], end, (end - on).days))
    return sorted(out, key=lambda x: (x.ends, x.kind, x.code))
