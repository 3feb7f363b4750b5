"""Terms over time: when a list item or a temporary approval is in force, and under which terms.

Every change to an item or approval -- its approval, each amendment, its
withdrawal -- has the day it was decided and the day it takes effect.  A check
made on day ``at`` knows only the changes decided on or before ``at``; of those,
the one in effect on the task's start date governs the task (its terms: the
item's version after that change), and a known withdrawal effective on W ends
the item on W - 1.  ``InForce`` is the one reading of this: deciding, compiling,
lint, review and the listings all derive from it.

The changes are kept in the order they were decided, and they take effect in
that order too (``crossref`` checks both): so the changes known on a day are a
prefix of the list, and the one governing a start date is the last of that
prefix in effect by then.  An amendment or withdrawal said to take effect before
the item itself does takes effect with it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple, Sequence

WITHDRAWN = -1  # the version after a withdrawal: nothing is in force


class Change(NamedTuple):
    """One decision on an item or approval: when it was decided, from when it applies, and the
    version of the terms it brings (0: as approved, k: after the k-th amendment; ``WITHDRAWN``)."""

    decided: date
    effective: date
    version: int


@dataclass(frozen=True)
class Segment:
    """Where one version governs, for the compiler: checks made on days in
    ``[known_from, known_until)`` of tasks starting in ``[first, last]`` and ending
    by ``end_by`` (None: no bound)."""

    known_from: date
    known_until: date | None
    first: date
    last: date | None
    end_by: date | None
    version: int


def _day_before(day: date) -> date:
    return day - timedelta(days=1)


def last_of(end: date | None, withdrawn: date | None) -> date | None:
    """A version's last day: its own ``end``, or the day before a withdrawal effective on ``withdrawn``."""
    if withdrawn is None:
        return end
    return _day_before(withdrawn) if end is None else min(end, _day_before(withdrawn))


class InForce:
    """An item's or approval's changes, oldest first; the first is its approval."""

    __slots__ = ("changes", "_decided", "_effective", "_readings")

    def __init__(self, changes: Sequence[Change]):
        approval = changes[0]
        self.changes: tuple[Change, ...] = (approval, *(
            c._replace(effective=max(c.effective, approval.effective)) for c in changes[1:]))
        # which changes are known on a day, and which of them are in effect on a start, turn only on
        # these days: a reading (``reading``) is the same for every pair of days between the same ones
        self._decided = sorted({c.decided for c in self.changes})
        self._effective = sorted({c.effective for c in self.changes})
        self._readings: dict[tuple[int, int], tuple[Change | None, date | None]] = {}

    def __repr__(self) -> str:
        return f"InForce{self.changes!r}"

    @property
    def since(self) -> date:
        """The day the approval was decided: from then on it is known."""
        return self.changes[0].decided

    def known(self, at: date) -> tuple[Change, ...]:
        """The changes decided on or before ``at``."""
        return tuple(c for c in self.changes if c.decided <= at)

    def governing(self, at: date, start: date) -> Change | None:
        """The change whose terms govern a task starting on ``start``, as known on ``at``;
        None when the approval is unknown, not yet in effect, or a withdrawal governs."""
        found = None
        for change in self.known(at):
            if change.effective <= start:
                found = change
        return None if found is None or found.version == WITHDRAWN else found

    def span(self, at: date, start: date) -> tuple[int, int]:
        """Which span of days ``at`` and ``start`` lie in: what is known on ``at`` and in effect on
        ``start`` (``reading``, and whatever is read off it) is the same for every pair in one span."""
        return (bisect_right(self._decided, at), bisect_right(self._effective, start))

    def reading(self, at: date, start: date, span: tuple[int, int] | None = None) -> tuple[Change | None, date | None]:
        """``governing(at, start)`` and ``withdrawn_from(at)``, worked out once per span of days
        (both read only which changes are decided by ``at`` and which of those take effect by ``start``;
        ``span``: ``span(at, start)``, when the caller has it)."""
        key = self.span(at, start) if span is None else span
        found = self._readings.get(key)
        if found is None:
            found = self._readings[key] = (self.governing(at, start), self.withdrawn_from(at))
        return found

    def withdrawn_from(self, at: date) -> date | None:
        """The effective day of a withdrawal known on ``at`` (the item ends the day before)."""
        return next((c.effective for c in self.known(at) if c.version == WITHDRAWN), None)

    def last_day(self, at: date, end: date | None) -> date | None:
        """The last day as known on ``at``: the version's own end, or the day before a known withdrawal."""
        return last_of(end, self.withdrawn_from(at))

    def holds_on(self, on: date) -> bool:
        """In force on ``on``: decided by then and in effect that day."""
        return self.governing(on, on) is not None

    def pending(self, on: date) -> tuple[Change, ...]:
        """Changes decided by ``on`` that take effect later (待生效)."""
        return tuple(c for c in self.known(on) if c.effective > on)

    def days(self) -> tuple[date, ...]:
        """Every day on which what is known or what is in effect changes."""
        return tuple(sorted({d for c in self.changes for d in (c.decided, c.effective)}))

    def segments(self, ends: Sequence[date | None]) -> list[Segment]:
        """Where each version governs; ``ends[v]`` is version v's own last day.  Neighbouring
        spans of checking days with the same reading are merged, so an item never changed
        is one segment."""
        decided = sorted({c.decided for c in self.changes})
        out: list[Segment] = []
        for i, known_from in enumerate(decided):
            known_until = decided[i + 1] if i + 1 < len(decided) else None
            known = self.known(known_from)
            for j, change in enumerate(known):
                if change.version == WITHDRAWN:
                    break
                following = known[j + 1].effective if j + 1 < len(known) else None
                if following is not None and following <= change.effective:
                    continue  # overtaken on its first day
                last = self.last_day(known_from, ends[change.version])
                if following is not None:
                    last = _day_before(following) if last is None else min(last, _day_before(following))
                if last is not None and last < change.effective:
                    continue
                out.append(Segment(known_from, known_until, change.effective, last,
                                   self.last_day(known_from, ends[change.version]), change.version))
        return _merged(out)


def _merged(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        same = next((i for i, s in enumerate(out) if s.known_until == seg.known_from
                     and (s.first, s.last, s.end_by, s.version) == (seg.first, seg.last, seg.end_by, seg.version)), None)
        if same is None:
            out.append(seg)
        else:
            out[same] = Segment(out[same].known_from, seg.known_until, seg.first, seg.last, seg.end_by, seg.version)
    return out
