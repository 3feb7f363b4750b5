"""Dates as a district's tables write them: a day (2027-03-01, 2027-3-1, 2027/3/1, 2027.3.1,
2027年3月1日, or a date cell) and a validity (有效期): a day, or ``DAY 至 DAY`` with 长期 for no
end (到, ~ and the dashes —, – read as 至).  A text is read whole or refused with the reason: a range with anything unreadable
in it is never partly read."""

from __future__ import annotations

import re
from datetime import date, timedelta

from gridrules.catalogue import t
from gridrules.tables import words
from gridrules.tables.sheet import normal

# year, month, day: hyphens, slashes or dots between, or 年 月 日; a date cell's 00:00:00 time
_DAY = re.compile(r"^([0-9]{4})(?:([-/.])([0-9]{1,2})\2([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)(?: 00:00:00)?$")
_SERIAL = re.compile(r"^[0-9]{5}$")  # a date cell whose format was changed (常规, 数值): Excel's day number, 46357
_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its day 60, a 1900-02-29 that never was, long past)
_UNTIL = re.compile("|".join(re.escape(w) for w in words.UNTIL_WORDS))


class NotADay(ValueError):
    """Why a text is not a day or a validity, in the catalogue's words."""


def read_day(text: str, not_form: str = "sheet.not_date", whole: str | None = None) -> date:
    """The day ``text`` writes; ``NotADay`` saying why not (a text of no day's form: the message
    ``not_form`` about ``whole``, the text it is part of)."""
    found = _DAY.match(normal(text))
    if not found:
        said = t(not_form, value=whole or text)
        if _SERIAL.match(normal(text)):  # which day it is said, not taken: the cell may hold a number meant otherwise
            said += t("sheet.date_serial", value=normal(text), day=_EPOCH + timedelta(days=int(normal(text))))
        raise NotADay(said)
    year, _, month, day, month_zh, day_zh = found.groups()
    try:
        return date(int(year), int(month or month_zh), int(day or day_zh))
    except ValueError:
        raise NotADay(t("date.not_real", value=text)) from None


def a_range(text: str) -> bool:
    """Whether ``text`` writes a validity's two ends (a word between them), not a day alone."""
    return _UNTIL.search(normal(text)) is not None


def read_validity(text: str) -> tuple[date, date | None]:
    """(start, end or None for 长期) of a 有效期: ``DAY`` (no end) or ``DAY 至 DAY|长期``."""
    parts = [normal(p) for p in _UNTIL.split(normal(text))]
    if len(parts) > 2 or not all(parts):
        raise NotADay(t("sheet.not_validity", value=text))
    if len(parts) == 1:  # a day alone: its start (what it is not is said in the range's form, START 至 END)
        return read_day(parts[0], "sheet.not_validity", text), None
    start = read_day(parts[0], "sheet.not_validity", text)
    if parts[1] in words.OPEN_ENDS:
        return start, None
    end = read_day(parts[1], "sheet.not_validity", text)
    if end < start:
        raise NotADay(t("sheet.validity_backwards", value=text))
    return start, end
