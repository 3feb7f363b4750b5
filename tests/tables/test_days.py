"""Dates as tables write them: every form of a day is read, a validity whole or not at all."""

from __future__ import annotations

from datetime import date

import pytest

from gridrules.catalogue import set_language
from gridrules.tables.days import NotADay, read_day, read_validity


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


@pytest.mark.parametrize("text", ["2027-03-01", "2027-3-1", "2027/3/1", "2027.03.01", "2027年3月1日",
                                  "２０２７年３月１日", "2027-03-01 00:00:00", " 2027-3-01 "])
def test_a_day_in_each_form_a_table_writes_it(text):
    assert read_day(text) == date(2027, 3, 1)


@pytest.mark.parametrize("text, says", [
    ("2027-2-30", "不是真实存在的日期"), ("自2027-03-01起", "不是日期"), ("2027-03", "不是日期"),
    ("2027-3/1", "不是日期"), ("2027-03-01 09:30:00", "不是日期"), ("27-3-1", "不是日期")])
def test_anything_else_is_not_a_day(text, says):
    with pytest.raises(NotADay, match=says):
        read_day(text)


@pytest.mark.parametrize("text, expected", [
    ("2027-3-1 至 2027-12-31", (date(2027, 3, 1), date(2027, 12, 31))),
    ("2027-03-01 至 2027-2-28", None),  # ends before it starts
    ("2027-03-01 至 2028-2-28", (date(2027, 3, 1), date(2028, 2, 28))),
    ("2027-03-01 至 2027年12月31日", (date(2027, 3, 1), date(2027, 12, 31))),
    ("2027年3月1日至2027年12月31日", (date(2027, 3, 1), date(2027, 12, 31))),
    ("2027-03-01到2027-12-31", (date(2027, 3, 1), date(2027, 12, 31))),
    ("2027-03-01～2027-12-31", (date(2027, 3, 1), date(2027, 12, 31))),
    ("2027-03-01 至 长期", (date(2027, 3, 1), None)),
    ("2027-03-01", (date(2027, 3, 1), None)),
])
def test_a_validity_is_read_whole(text, expected):
    if expected is None:
        with pytest.raises(NotADay, match="结束日期早于开始日期"):
            read_validity(text)
    else:
        assert read_validity(text) == expected


@pytest.mark.parametrize("text", ["2027-03-01 至", "2027-03-01 至 年底", "2027-03-01 至 2027-12-31 至 长期",
                                  "2027-03-01 至 2027-13-01", "自 2027-03-01 至 2027-12-31"])
def test_a_validity_with_anything_unreadable_is_refused_not_partly_read(text):
    with pytest.raises(NotADay):
        read_validity(text)


@pytest.mark.parametrize("text", ["2025-01-01 — 2026-12-31", "2025-01-01—2026-12-31", "2025-01-01 – 2026-12-31",
                                  "2025-01-01——2026-12-31", "2025年1月1日 ~ 2026年12月31日", "2025-01-01 到 2026-12-31"])
def test_a_range_is_read_with_the_separators_people_type(text):
    """review9 #12: 「2025-01-01 — 2026-12-31」 (an em dash, as Word and WPS turn --) was refused."""
    assert read_validity(text) == (date(2025, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize("text", ["2025-01-01 - 2026-12-31", "2025-01-01 — 2026-12-31 — 长期", "2025-01-01 —"])
def test_a_validity_not_read_shows_the_range_form_not_a_days(text):
    """A hyphen is inside a day (2025-01-01), so between two days it is not guessed; what cannot be read is
    said in the range's form 「开始日期 至 结束日期」, not as a single date's."""
    with pytest.raises(NotADay) as caught:
        read_validity(text)
    assert str(caught.value) == (f"「{text}」不是有效期：写作“开始日期 至 结束日期”（或“开始日期 至 长期”），"
                                 "日期如 2027-03-01、2027-3-1 或 2027年3月1日")


def test_excels_day_number_is_refused_saying_which_day_it_would_be():
    """A date cell whose format became 常规 shows 46357: which day that is is said (Excel's count from
    1899-12-30: 46357 is 2026-12-01), never taken -- the number may be meant otherwise."""
    with pytest.raises(NotADay) as refused:
        read_validity("46357")
    assert str(refused.value).startswith("「46357」不是有效期")
    assert "46357 像是 Excel 的日期序号（即 2026-12-01）" in str(refused.value)
    with pytest.raises(NotADay, match="45658 像是 Excel 的日期序号（即 2025-01-01）"):
        read_validity("45658 至 长期")
