from datetime import date, datetime, timedelta, timezone

import pytest

from gridrules.assess.periods import parse_period
from gridrules.errors import InputError

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize("text, first, end", [
    ("2026", date(2026, 1, 1), date(2027, 1, 1)),
    ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
    ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
    ("2026-11", date(2026, 11, 1), date(2026, 12, 1)),
    ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
])
def test_forms(text, first, end):
    period = parse_period(text)
    assert (period.first, period.end) == (first, end)


@pytest.mark.parametrize("written, plain", [
    ("2026年", "2026"), ("2026年第四季度", "2026-Q4"), ("2026年四季度", "2026-Q4"), ("2026年第1季度", "2026-Q1"),
    ("2026年11月", "2026-11"), ("2026年1月份", "2026-01"), ("２０２６年１１月", "2026-11"), (" 2026年12月 ", "2026-12"),
])
def test_a_period_as_written_in_chinese_is_the_plain_one(written, plain):
    """As an assessor writes it on the dashboard or the command line; labelled by its plain form."""
    period = parse_period(written)
    assert (period.label, period.first, period.end) == (plain, parse_period(plain).first, parse_period(plain).end)


@pytest.mark.parametrize("typed, plain", [
    ("２０２６-１１", "2026-11"), ("２０２６－１１", "2026-11"), ("2026-q4", "2026-Q4"), ("２０２６－ｑ４", "2026-Q4"),
    ("　2026-Q1　", "2026-Q1"), ("２０２６", "2026"),
])
def test_a_period_as_typed_is_the_plain_one(typed, plain):
    """Full-width digits and dash as an input method types them, a lower-case q: the command line's
    --period and the dashboard read them as the plain form (they had been refused)."""
    period = parse_period(typed)
    assert (period.label, period.first, period.end) == (plain, parse_period(plain).first, parse_period(plain).end)


def test_quarter_months():
    assert parse_period("2026-Q4").months() == ["2026-10", "2026-11", "2026-12"]


def test_local_day_decides():
    november = parse_period("2026-11")
    # 2026-11-30T16:30Z is 12-01 00:30 in Beijing: December's
    assert not november.holds(datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc), CST)
    assert november.holds(datetime(2026, 10, 31, 16, 30, tzinfo=timezone.utc), CST)


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "26-11", "2026/11", "", "2026年13月", "2026年第五季度", "2026年11",
                                 "2026-q5", "2026q4", "２０２６-１３"])
def test_bad_period(bad):
    with pytest.raises(InputError) as info:
        parse_period(bad)
    assert info.value.problems[0].field == "--period"
