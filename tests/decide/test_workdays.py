"""Working days on the 2026 calendar; expected dates counted by hand from the 国务院办公厅 notice."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from gridrules.decide.workdays import WorkingCalendar

CST = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def cal(pack):
    return WorkingCalendar(pack.calendars, pack.tz)


@pytest.mark.parametrize(
    "reported, days, expected",
    [
        # the policy's own example: Wednesday 09:30 + 3 → Monday 09:30
        ("2026-11-25T09:30", 3, "2026-11-30T09:30"),
        # 国庆: 09-30 Wed; 10-01..07 off; 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat (make-up) 3
        ("2026-09-30T10:00", 3, "2026-10-10T10:00"),
        # … 10-12 Mon 4, 13 5, 14 6, 15 7
        ("2026-09-30T10:00", 7, "2026-10-15T10:00"),
        # 09-20 is a make-up Sunday: reported Sat 09-19 → Sun 20 is day 1
        ("2026-09-19T08:00", 1, "2026-09-20T08:00"),
        # 春节: 02-13 Fri → 02-14 Sat (make-up) 1; 15..23 off; 24 Tue 2, 25 3
        ("2026-02-13T16:00", 3, "2026-02-25T16:00"),
        # 02-27 Fri → 02-28 Sat (make-up) 1, 03-02 Mon 2
        ("2026-02-27T09:00", 2, "2026-03-02T09:00"),
        # reported on a holiday counts from the next day: 05-02 → 05-06 Wed 1, 07 2, 08 3
        ("2026-05-02T12:00", 3, "2026-05-08T12:00"),
        # 05-09 Sat is a make-up day
        ("2026-05-08T12:00", 1, "2026-05-09T12:00"),
        # 元旦: 12-31 of 2025 is not covered; see the incomplete test
        ("2026-01-02T09:00", 1, "2026-01-04T09:00"),  # 01-04 Sun is a make-up day
    ],
)
def test_counts_on_the_2026_calendar(cal, reported, days, expected):
    start = datetime.fromisoformat(reported).replace(tzinfo=CST)
    end, incomplete = cal.add_working_days(start, days)
    assert end == datetime.fromisoformat(expected).replace(tzinfo=CST)
    assert end.utcoffset() == timedelta(hours=8)
    assert not incomplete


def test_days_are_beijing_days_and_the_offset_is_kept(cal):
    # 2026-11-24T17:00Z is Wednesday 01:00 in Beijing: 3 working days → Monday 01:00 Beijing
    start = datetime(2026, 11, 24, 17, 0, tzinfo=timezone.utc)
    end, _ = cal.add_working_days(start, 3)
    assert end.isoformat() == "2026-11-29T17:00:00+00:00"


def test_running_into_an_uncovered_year_is_flagged(cal):
    # 2026-12-28 Mon: 29 1, 30 2, 31 3, then 2027 has no calendar: 01-01 Fri 4 (a guess), 04 5, 05 6, 06 7
    end, incomplete = cal.add_working_days(datetime(2026, 12, 28, 9, 0, tzinfo=CST), 7)
    assert end == datetime(2027, 1, 6, 9, 0, tzinfo=CST)
    assert incomplete
    _, incomplete = cal.add_working_days(datetime(2026, 12, 28, 9, 0, tzinfo=CST), 3)
    assert not incomplete


def test_working_day_predicate(cal):
    from datetime import date

    assert cal.is_working_day(date(2026, 10, 10))  # make-up Saturday
    assert cal.is_working_day(date(2026, 10, 8))  # an ordinary Thursday
    assert not cal.is_working_day(date(2026, 10, 1))  # 国庆
    assert not cal.is_working_day(date(2026, 11, 28))  # a Saturday


def test_counting_by_the_index_agrees_with_counting_day_by_day(pack):
    """Inside the indexed span (a year either side of the calendar) and outside it, every
    start day and several limits: the same day, and the same 'uncovered year crossed'."""
    calendar = WorkingCalendar(pack.calendars, pack.tz)
    day = date(min(pack.calendars) - 2, 11, 1)
    while day < date(max(pack.calendars) + 2, 3, 1):
        for count in (1, 3, 5, 15, 40):
            assert calendar._count(day, count) == calendar._count_each(day, count), (day, count)
        day += timedelta(days=1)
