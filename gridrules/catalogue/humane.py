"""Values written the way a person reads them: durations (PT30M -> 30分钟), joint-meeting
sessions (2027-1 -> 2027年第1次会议) and counts of days.  The documents keep the raw values
(ISO 8601 durations, session ids); only text output uses these.  Read back the other way:
sessions (2027年第1次会议 -> 2027-1), days (2026年12月5日, 2026/12/5) and numbers (６０．５) as people
write them."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

from . import english, t

_DURATION = re.compile(r"^P(?:(?P<d>[0-9]+)D)?(?:T(?:(?P<h>[0-9]+)H)?(?:(?P<m>[0-9]+)M)?(?:(?P<s>[0-9]+)S)?)?$")
_SESSION = re.compile(r"^(?P<year>[0-9]{4})-(?P<n>[0-9]{1,3})$")
# how several names get written as one text (入户走访、发现报告; NFKC makes ，； plain)
JOINED = re.compile(r"[、,;，；]")


def written_apart(text: str) -> list[str]:
    """The names a text written as one holds (``入户走访，发现报告`` -> two), blanks dropped."""
    return [part.strip() for part in JOINED.split(text) if part.strip()]
_UNITS = (("d", "天", "day"), ("h", "小时", "hour"), ("m", "分钟", "minute"), ("s", "秒", "second"))


def duration_words(value: str) -> str:
    """An ISO 8601 duration as words: PT30M -> 30分钟, PT1H30M -> 1小时30分钟 (en: 1 hour 30 minutes);
    anything else is returned as given."""
    found = _DURATION.match(value or "")
    if not found or not any(found.groupdict().values()):
        return value
    parts = []
    for key, zh, en in _UNITS:
        n = found.group(key)
        if n and int(n):
            parts.append(f"{int(n)} {en}{'s' if int(n) != 1 else ''}" if english() else f"{int(n)}{zh}")
    if not parts:
        return "0 minutes" if english() else "0分钟"
    return " ".join(parts) if english() else "".join(parts)


def gap_words(seconds: float) -> str:
    """How far apart two moments are, in words (180 -> 3分钟, 93,780 -> 1天2小时3分钟): said when a
    step comes before the one it must follow, so a few minutes of clock drift reads as such."""
    total = int(abs(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return duration_words(f"P{days}DT{hours}H{minutes}M{secs}S")


def session_words(session: str) -> str:
    """A joint-meeting session id as words: 2027-1 -> 2027年第1次会议 (it stands in the Chinese
    sentences of the workflow's output, in either language); an id of another shape is
    returned as given."""
    found = _SESSION.match(session or "")
    if not found:
        return session
    return f"{found.group('year')}年第{int(found.group('n'))}次会议"


_SESSION_WORDS = re.compile(r"^(?P<year>[0-9]{4})年第?(?P<n>[0-9]{1,3})次(?:会议)?$")


_SESSION_PADDED = re.compile(r"^(?P<year>[0-9]{4})-0+(?P<n>[0-9]{1,3})$")


def session_id(text: str) -> str:
    """``session_words`` read back: 2027年第1次会议 (or 2027年第1次) -> 2027-1, and 2027-01 (a system
    padding its numbers) -> 2027-1, the one id a session has; other text as given."""
    plain = unicodedata.normalize("NFKC", text.strip())
    found = _SESSION_WORDS.match(plain) or _SESSION_PADDED.match(plain)
    return f"{found.group('year')}-{int(found.group('n'))}" if found else text


# a day as people write it: year, month, day separated by - / . or 年 月 (日), with or without
# leading zeros (2026-12-05, 2026/12/5, 2026.12.05, 2026年12月5日)
DAY_WRITTEN = re.compile(r"^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?\s*$")


# a moment as people write it: a day as above, then (after 日, a space or T) the hour and minutes
# as 9:30, 09:30:15, 9时30分, 9点30分15秒, 9时 (minutes 0), and perhaps a UTC offset (Z, +08:00);
# groups: year, month, day, hour, minutes and seconds after a colon, or after 时/点, the offset;
# read after NFKC (full-width ２０２６年…９：３０ as ASCII)
MOMENT_WRITTEN = re.compile(
    r"^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*(?:日\s*[T ]?|[T ])\s*([0-9]{1,2})\s*"
    r"(?::\s*([0-9]{2})(?:\s*:\s*([0-9]{2}(?:\.[0-9]+)?))?"
    r"|[时点](?:\s*([0-9]{1,2})\s*分(?:\s*([0-9]{1,2})\s*秒)?)?)"
    r"\s*(Z|[+-][0-9]{2}:[0-9]{2})?\s*$")
# dates whose order of day, month and year cannot be told (12/1/2026, 1/12, 01-12-26) or that lack
# the year (12月1日): refused, never guessed
DAY_AMBIGUOUS = re.compile(r"^\s*(?:[0-9]{1,2}\s*[-/.]\s*[0-9]{1,2}(?:\s*[-/.]\s*[0-9]{2,4})?|"
                           r"[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日?)(?:[\sT].*)?$")


def written_day(text: str) -> date:
    """``text`` as a date, written as people write one (ValueError when it is none: 2026-02-30);
    full-width digits read as digits."""
    found = DAY_WRITTEN.match(unicodedata.normalize("NFKC", text))
    if found is None:
        raise ValueError(text)
    return date(*(int(part) for part in found.groups()))


# a number as people write one: 60, 60.5, .5, -2 (signed, for the range check to say what is wrong);
# not all float() takes as well: 1e3, 1_000, infinity, nan, ٣ (digits of other scripts)
NUMBER_WRITTEN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
WHOLE_WRITTEN = re.compile(r"[+-]?[0-9]+")


def written_number(text: str, whole: bool = False) -> float | int:
    """``text`` as a plain decimal (a whole number when ``whole``), as clerks type one: full-width
    digits, point and sign (６０．５) read as their ASCII (NFKC), blanks around it left out;
    ValueError for anything else."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if not (WHOLE_WRITTEN if whole else NUMBER_WRITTEN).fullmatch(plain):
        raise ValueError(text)
    return int(plain) if whole else float(plain)


_VALUE_KINDS = {list: "list", tuple: "list", dict: "mapping", str: "text", bool: "bool", int: "number",
                float: "number", type(None): "null"}


def value_kind(value: object) -> str:
    """What kind of JSON/YAML value ``value`` is, as a person reads it (列表, 文本, null …)."""
    return t(f"value.{_VALUE_KINDS.get(type(value), 'other')}")


def as_written(value: object) -> str:
    """A value of a document as it is written there, for a message to quote (「yes」 in Chinese, 'yes' in
    English: the catalogue's quotes, not Python's ``repr``): text as it is, anything else as JSON and
    YAML spell it (true, null, 5, [1, 2])."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)
