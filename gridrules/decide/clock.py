"""Time in an event decision: deadlines counted on the clock or the working-day
calendar, and durations written out (ISO 8601 for machines, the pack's words for people)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from gridrules.decide.effects import earliest
from gridrules.decide.texts import fill
from gridrules.decide.workdays import WorkingCalendar
from gridrules.pack.model.events import DurationWords


# a whistle's limit is written once a decision and read back once a segment: remembered,
# the few distinct limits a pack gives are worked out once (keyed by the value itself)
@lru_cache(maxsize=4096)
def iso_duration(delta: timedelta) -> str:
    """``timedelta(minutes=30)`` -> ``PT30M``; ``timedelta(hours=24)`` -> ``PT24H``."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
    return out if out != "PT" else "PT0S"


@lru_cache(maxsize=4096)
def parse_duration(iso: str) -> timedelta:
    """``PT30M`` / ``PT24H`` / ``PT1H30M`` (what ``iso_duration`` writes) as a timedelta."""
    rest = iso.removeprefix("PT")
    total, number = 0, ""
    for ch in rest:
        if ch.isdigit():
            number += ch
        else:
            total += int(number) * {"H": 3600, "M": 60, "S": 1}[ch]
            number = ""
    return timedelta(seconds=total)


# a day's text and each minute of the day's, made once: a decision writes four to six moments (its
# next steps, its reasons), and one made of a remembered day and minute costs a third of one formatted
_DAYS: dict[tuple[int, int, int], str] = {}
_DAYS_LIMIT = 10_000
_MINUTES = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))


def when(moment: datetime) -> str:
    """``2026-03-04 05:06``: the moment's own clock time, to the minute."""
    year = moment.year
    if year < 1000:  # strftime's %Y does not pad such years; keep its text
        return moment.strftime("%Y-%m-%d %H:%M")
    key = (year, moment.month, moment.day)
    day = _DAYS.get(key)
    if day is None:
        if len(_DAYS) >= _DAYS_LIMIT:
            _DAYS.clear()
        day = _DAYS[key] = f"{year}-{key[1]:02d}-{key[2]:02d} "
    return day + _MINUTES[moment.hour * 60 + moment.minute]


class Clock:
    def __init__(self, calendar: WorkingCalendar, words: DurationWords):
        self.calendar = calendar
        self.words = words

    def in_words(self, delta: timedelta) -> str:
        """A duration in whole minutes, or in hours when it is a whole number of them."""
        minutes = int(delta.total_seconds()) // 60
        if minutes % 60:
            return fill(self.words.minutes, {"n": str(minutes)})
        return fill(self.words.hours, {"n": str(minutes // 60)})

    def moments(self, reported: datetime, limits: tuple[tuple[timedelta | int, ...], ...],
                renewed: datetime | None = None) -> tuple[list[datetime], bool]:
        """The earliest of each deadline among the deadline rules that hold (normally one) --
        respond_by, close_by, feedback_by, in a list of the call's own -- and whether the
        calendar ran out while counting working days.  ``renewed``: the moment the response
        and closure limits run afresh from (an escalation, a reopening); the resident's
        feedback stays counted from the report."""
        incomplete = False
        every = []
        if renewed is not None:  # deadlines are written in the event's own offset
            renewed = renewed.astimezone(reported.tzinfo)
        starts = (reported, reported, reported) if renewed is None else (renewed, renewed, reported)
        add_working_days = self.calendar.add_working_days
        for rule_limits in limits:
            moments = []
            for start, limit in zip(starts, rule_limits):
                if isinstance(limit, timedelta):
                    moments.append(start + limit)
                else:
                    moment, gap = add_working_days(start, limit)
                    incomplete |= gap
                    moments.append(moment)
            every.append(moments)
        best = every[0] if len(every) == 1 else earliest(every)
        assert best is not None  # routing refuses a decision without a deadline rule
        return best, incomplete
