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
from functools import lru_cache
from typing import Mapping

from gridrules.pack.model.calendar import CalendarFile


class WorkingCalendar:
    def __init__(self, calendars: Mapping[int, CalendarFile], tz: timezone):
        self.tz = tz
        self.offset = tz.utcoffset(None)
        self.years = frozenset(calendars)
        self.days_off: set[date] = set()
        self.makeup: set[date] = set()
        for model in calendars.values():
            for holiday in model.holidays:
                day = holiday.days_off.from_
                last = holiday.days_off.to or day
                while day <= last:
                    self.days_off.add(day)
                    day += timedelta(days=1)
                self.makeup.update(holiday.makeup_workdays)

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

    @lru_cache(maxsize=8192)
    def _count(self, start: date, count: int) -> tuple[date, bool]:
        """The Nth working day after ``start``, and whether an uncovered year was crossed."""
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
