"""Moments in words: ``when`` writes a moment's own clock time to the minute, from remembered days."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from gridrules.decide import clock
from gridrules.decide.clock import when


def test_when_writes_the_moments_own_clock_time_to_the_minute():
    cst = timezone(timedelta(hours=8))
    assert when(datetime(2026, 11, 26, 9, 30, 59, tzinfo=cst)) == "2026-11-26 09:30"
    assert when(datetime(2026, 11, 26, 1, 30, tzinfo=timezone.utc)) == "2026-11-26 01:30"  # not converted
    assert when(datetime(999, 1, 2, 3, 4)) == datetime(999, 1, 2, 3, 4).strftime("%Y-%m-%d %H:%M")
    # every minute of a day, on days across a year's end, as strftime writes them
    start = datetime(2026, 12, 31, 0, 0)
    for minutes in range(0, 2 * 24 * 60, 7):
        moment = start + timedelta(minutes=minutes)
        assert when(moment) == moment.strftime("%Y-%m-%d %H:%M")


def test_when_forgets_its_days_past_its_limit_and_still_writes_them(monkeypatch):
    monkeypatch.setattr(clock, "_DAYS", {})  # none remembered yet (other tests' days would be)
    monkeypatch.setattr(clock, "_DAYS_LIMIT", 2)
    days = [datetime(2026, 1, d, 8, 5) for d in (1, 2, 3, 4)]
    assert [when(d) for d in days] == [d.strftime("%Y-%m-%d %H:%M") for d in days]
    assert len(clock._DAYS) <= 2
