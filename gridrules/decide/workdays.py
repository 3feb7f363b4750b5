"""Working days on the pack's calendar, and deadlines counted in them.

A limit of N working days ends on the Nth working day after the (local) day of
the report -- counting starts the next day whatever kind of day the report came
on -- at the same local time of day.  Working days are Monday to Friday, less
the calendar's days off, plus its make-up working days.  A day in a year the
pack has no calendar for is judged on the weekday alone, and the count says so,
so nobody mistakes a guess for the official schedule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Mapping

from gridrules.pack.model.calendar import CalendarFile

COUNTED_LIMIT = 100_000  # remembered counts, at most (about 270 years of days at one limit each)


class WorkingCalendar:
    def __init__(self, calendars: Mapping[int, CalendarFile], tz: timezone):
        self.tz = tz
        self.offset = tz.utcoffset(None)
        self.years = frozenset(calendars)
        self.days_off: set[date] = set()
        self.makeup: set[date] = set()
        self._counted: dict[tuple[date, int], tuple[date, bool]] = {}  # (start, count) -> ``_count``'s answer
        for model in calendars.values():
            for holiday in model.holidays:
                day = holiday.days_off.from_
                last = holiday.days_off.to or day
                while day <= last:
                    self.days_off.add(day)
                    day += timedelta(days=1)
                self.makeup.update(holiday.makeup_workdays)
        self._index()

    def _index(self) -> None:
        """Every working day from the year before the calendar's first to the year after
        its last, and per day how many working days fall on or before it: counting N
        working days is then two look-ups (days outside the span are counted one by one)."""
        self._first = date(min(self.years) - 1, 1, 1) if self.years else date.max
        self._working: list[date] = []
        self._upto: list[int] = []
        if not self.years:
            return
        day, last = self._first, date(max(self.years) + 1, 12, 31)
        while day <= last:
            if self.is_working_day(day):
                self._working.append(day)
            self._upto.append(len(self._working))
            day += timedelta(days=1)

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5

    def add_working_days(self, moment: datetime, count: int) -> tuple[datetime, bool]:
        """(deadline in ``moment``'s own offset, whether an uncovered year was crossed)."""
        same_offset = moment.utcoffset() == self.offset  # the usual case: skip two conversions
        local = moment if same_offset else moment.astimezone(self.tz)
        day, incomplete = self._count(local.date(), count)
        end_local = datetime.combine(day, local.timetz())
        return (end_local if same_offset else end_local.astimezone(moment.tzinfo)), incomplete

    def _count(self, start: date, count: int) -> tuple[date, bool]:
        """The Nth working day after ``start``, and whether an uncovered year was crossed
        (remembered by its arguments: a year of records starts on a few hundred days)."""
        key = (start, count)
        found = self._counted.get(key)
        if found is None:
            if len(self._counted) >= COUNTED_LIMIT:
                self._counted.clear()
            found = self._counted[key] = self._look_up(start, count)
        return found

    def _look_up(self, start: date, count: int) -> tuple[date, bool]:
        at = (start - self._first).days if start >= self._first else -1
        if 0 <= at < len(self._upto) and self._upto[at] + count <= len(self._working):
            day = self._working[self._upto[at] + count - 1]
            years = range(start.year if start.month < 12 or start.day < 31 else start.year + 1, day.year + 1)
            return day, not all(y in self.years for y in years)
        return self._count_each(start, count)

    def _count_each(self, start: date, count: int) -> tuple[date, bool]:
        day = start
        incomplete = False
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if not self.covers(day):
                incomplete = True
            if self.is_working_day(day):
                remaining -= 1
        return day, incomplete
