"""Shared pieces of the pack models: the strict base class and the value types.

Models are strict: unknown keys are errors, a string is never taken for a
number, and dates are parsed only from text: ``YYYY-MM-DD`` (ISO 8601, tried first), or as clerks
write one (2026年12月1日, 2026/12/1; a moment 2026年12月1日 9:30+08:00), never an order to guess.  Each type carries
the JSON Schema fragment that ``schemas/`` publishes for it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from gridrules.catalogue import t
from gridrules.catalogue.humane import DAY_AMBIGUOUS, DAY_WRITTEN, MOMENT_WRITTEN, written_day
from gridrules.errors import InputError, Problem, model_problems

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE_RE = re.compile(DATE_PATTERN)
# A UTC offset as ISO 8601 writes it: hours 00-23, minutes 00-59 (-00:60 is no offset)
_OFFSET = r"[+-]([01][0-9]|2[0-3]):[0-5][0-9]"
OFFSET_PATTERN = f"^{_OFFSET}$"
# ISO 8601 date-time with seconds optional and a mandatory UTC offset (or Z)
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    f"(Z|{_OFFSET})$"
)
_DATETIME_RE = re.compile(DATETIME_PATTERN)
_ANY_OFFSET_RE = re.compile(r"[+-][0-9]{2}:[0-9]{2}$")
# a date-time whose offset's + became a space (a URL's query string decoded): 2026-03-02T09:00:00 08:00
_SPACE_OFFSET_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)? [0-9]{2}:[0-9]{2}$")
# The moments gridrules decides at (as UTC instants): wide enough for any real event,
# narrow enough that a deadline (at most 100,000 hours or 1,000 working days later) and
# any UTC offset stay within what datetime can hold (years 1 to 9999).
FIRST_YEAR, LAST_YEAR = 1900, 8999
_FIRST = datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc)
_AFTER_LAST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc)


class Strict(BaseModel):
    """Base of every model: strict types, unknown keys refused, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
    )


def parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(t("date.not_real", value=value)) from None
    if isinstance(value, str):
        return _written_date(value)
    raise ValueError(t("date.expected"))


def _written_date(value: str) -> date:
    """A date as clerks write one, read only when the ISO form failed (the usual one stays as fast):
    2026年12月1日, 2026/12/1, 2026.12.1, ２０２６年１２月１日 (``written_day``: the date the ISO form
    gives); 12/1/2026, 1/12 or 12月1日, whose order or year cannot be told, refused as such."""
    plain = unicodedata.normalize("NFKC", value)
    if DAY_WRITTEN.match(plain):
        try:
            return written_day(plain)
        except ValueError:
            raise ValueError(t("date.not_real", value=value)) from None
    if DAY_AMBIGUOUS.match(plain):
        raise ValueError(t("date.ambiguous", value=value))
    raise ValueError(t("date.expected"))


def _written_moment(value: str) -> datetime | None:
    """A moment as clerks write one (``MOMENT_WRITTEN``: 2026年12月1日 9时30分+08:00, 2026/12/1 9:30Z,
    full-width digits), read only when the ISO form failed: exactly the moment the ISO form would give,
    refused as it would be (no offset, an impossible one, a day or time that is none); None when
    ``value`` is not written so."""
    plain = unicodedata.normalize("NFKC", value)
    found = MOMENT_WRITTEN.match(plain)
    if found is None:
        if DAY_AMBIGUOUS.match(plain):
            raise ValueError(t("date.ambiguous", value=value))
        return None
    year, month, day, hour, minute, second, minute_said, second_said, offset = found.groups()
    if offset is None:
        raise ValueError(t("moment.no_offset", value=value.strip()))
    if offset != "Z" and not re.fullmatch(_OFFSET, offset):
        raise ValueError(t("moment.bad_offset", value=value))
    whole, _, fraction = (second or second_said or "0").partition(".")
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute or minute_said or 0), int(whole),
                          int((fraction + "000000")[:6]), tzinfo=timezone.utc if offset == "Z" else parse_offset(offset))
    except ValueError:
        raise ValueError(t("moment.not_real", value=value)) from None
    return within_years(moment)


def within_years(moment: datetime) -> datetime:
    """``moment`` (aware) if its UTC instant falls in FIRST_YEAR..LAST_YEAR, else ``ValueError``."""
    if FIRST_YEAR < moment.year < LAST_YEAR and moment.utcoffset() is not None:
        return moment  # an offset (under 24 h) cannot move it out: no instants to compare (2.4x faster)
    try:
        inside = _FIRST <= moment < _AFTER_LAST  # compared as instants: no conversion that could overflow
    except TypeError:
        raise ValueError(t("moment.no_offset", value=moment.isoformat())) from None
    if not inside:
        raise ValueError(t("moment.out_of_years", value=moment.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    return moment


_match_datetime, _from_iso = _DATETIME_RE.match, datetime.fromisoformat  # bound once: six moments a record
# The usual moment, ``2026-02-24T14:08:00+08:00``, recognised without the pattern (matching it
# took half of reading a moment): its text with every digit read as 0 is one of these shapes (25
# ASCII characters; an offset's sign either way, T or a space between date and time), its
# offset's hours below 24 and its minutes' tens below 6 -- exactly the strings of that
# length and shape the pattern matches.
_ZEROED = bytes.maketrans(b"123456789", b"000000000")
_USUAL = frozenset(f"0000-00-00{sep}00:00:00{sign}00:00".encode() for sep in "T " for sign in "+-")


def parse_datetime(value: Any) -> datetime:
    usual = False  # the usual shape (``_USUAL``), checked here without a call: six moments a record
    if isinstance(value, str) and len(value) == 25 and value.isascii():
        text = value.encode()
        usual = text.translate(_ZEROED) in _USUAL and text[20:22] < b"24" and text[23] < 54  # 54: "6"
    if usual or (isinstance(value, str) and _match_datetime(value)):
        try:
            parsed = _from_iso(value if usual else value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(t("moment.not_real", value=value)) from None
        # the pattern requires an offset: an aware moment, in range unless within a day of its
        # ends (``within_years``' own first test, without its call: six moments a record)
        return parsed if FIRST_YEAR < parsed.year < LAST_YEAR else within_years(parsed)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:  # as a naive ISO string is told: one message
            raise ValueError(t("moment.no_offset", value=value.isoformat()))
        return within_years(value)
    if isinstance(value, str):
        written = _written_moment(value)  # 2026年12月1日 9:30+08:00: only once the ISO form failed
        if written is not None:
            return written
    if isinstance(value, str) and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+[+-]", value) and _ANY_OFFSET_RE.search(value):
        raise ValueError(t("moment.bad_offset", value=value))
    if isinstance(value, str) and _SPACE_OFFSET_RE.match(value):
        # ?since=2026-03-02T09:00:00+08:00 in a URL: its unencoded + arrives as a space.  Refused, not read as +:
        # this reading serves documents and the command line too, where the contract's moments have a signed
        # offset and a space is no +; the message says where the + goes and that a URL writes it %2B
        head, _, offset = value.rpartition(" ")
        raise ValueError(t("moment.offset_space", value=value, fixed=f"{head}+{offset}"))
    if isinstance(value, str) and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+$", value):
        raise ValueError(t("moment.no_offset", value=value))
    raise ValueError(t("moment.expected_strict"))


def parse_moment(value: Any, tz: tzinfo | None = None) -> datetime:
    """The one reading of a moment to decide at (``--at``, ``?at=``, the library's ``at=``, a log's
    ``--since``): an aware datetime, an ISO 8601 date-time with its UTC offset, or -- when the pack's
    local offset ``tz`` is known -- a date (``YYYY-MM-DD``, as people write one: 2026/12/1,
    2026年12月1日 (``written_day``), or a ``date``), meaning 00:00 of that day there.  A date-time
    without an offset is refused: it is not guessed."""
    if tz is not None and isinstance(value, str) and (_DATE_RE.match(value)
                                                      or DAY_WRITTEN.match(unicodedata.normalize("NFKC", value))):
        value = parse_date(value)
    if tz is not None and isinstance(value, date) and not isinstance(value, datetime):
        return within_years(datetime(value.year, value.month, value.day, tzinfo=tz))
    if tz is not None and not isinstance(value, (str, datetime)):
        raise ValueError(t("moment.expected"))
    try:
        return parse_datetime(value)
    except ValueError as exc:
        if tz is not None and str(exc) == t("moment.expected_strict"):  # a date was welcome too: say so
            raise ValueError(t("moment.expected")) from None
        raise


def moment_option(value: Any, field: str, tz: tzinfo | None = None) -> datetime | None:
    """An optional ``--at`` / ``?at=`` / ``at=``: None, or an aware datetime (``parse_moment``);
    ``InputError`` naming ``field``."""
    if value is None:
        return None
    try:
        return parse_moment(value, tz)
    except ValueError as exc:
        raise InputError(Problem(str(exc), field=field)) from None


def parse_offset(value: Any) -> timezone:
    if isinstance(value, str) and re.match(OFFSET_PATTERN, value):
        sign = -1 if value[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(value[1:3]), minutes=int(value[4:6])))
    raise ValueError(t("offset.expected"))


Date = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
DateTime = Annotated[
    datetime,
    BeforeValidator(parse_datetime),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
    ),
]

# Identifiers.  Patterns keep ids plain (no '$', quotes or spaces ever reach the engine).
SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"  # an id: what a name read by ``pack.names`` becomes
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
UnitId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)]
CODE_PATTERN = r"^[A-Z]{1,4}[0-9]{2,}$"  # a code: an event type's, a list item's, a duty's (MD02, L13, D03)
Code = Annotated[str, Field(pattern=CODE_PATTERN, max_length=24)]
Ref = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
# one line of text, not only blanks (a caller's id): no control character, at least one that is not a space
ONE_LINE = r"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x1f\x7f]*$"
NOT_BLANK = r"\S"  # some character that is not a space (a title)
# text that may run over lines, not only blanks: no control character but line breaks and tabs
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
# what a person writes in a form's field that may be left empty: no control character ...
LINE_OR_EMPTY = r"^[^\x00-\x1f\x7f]*$"  # ... on one line
TEXT_OR_EMPTY = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # ... over lines
NAME_MAX, TEXT_MAX = 200, 2000  # characters of a name (an item's, its frequency) and of a text (content, basis)
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX, pattern=TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX, pattern=ONE_LINE)]


def option_problems(kind: TypeAdapter, value: Any, option: str) -> list[Problem]:
    """What is wrong with ``value`` as a ``kind`` (``TypeAdapter(Text)``: the pack's own), each problem
    named by the ``option`` it was given as: a change checks its texts before writing them."""
    try:
        kind.validate_python(value)
    except ValidationError as exc:
        return [Problem(p.message, field=option) for p in model_problems(exc)]
    return []
Basis = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="Where this value or rule comes from: the seed's clause, a comparable rule, or 区级默认 (district default).",
    ),
]
NonNegInt = Annotated[int, Field(ge=0)]
Hours = Annotated[float, Field(ge=0, le=10000, allow_inf_nan=False)]  # nan is no number of hours


class DateRange(Strict):
    """A closed range of days; ``to`` may be left open."""

    from_: Date = Field(alias="from", description="First day (inclusive).")
    to: Date | None = Field(None, description="Last day (inclusive); omit for no end.")


class Duration(Strict):
    """A time limit: exactly one of minutes, hours (on the clock) or working days."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    minutes: int | None = Field(None, ge=1, le=100000)
    hours: int | None = Field(None, ge=1, le=100000)
    working_days: int | None = Field(None, ge=1, le=1000)

    @model_validator(mode="after")
    def _exactly_one(self) -> "Duration":
        given = [n for n in ("minutes", "hours", "working_days") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(t("duration.exactly_one"))
        return self

    @property
    def clock(self) -> timedelta | None:
        if self.minutes is not None:
            return timedelta(minutes=self.minutes)
        if self.hours is not None:
            return timedelta(hours=self.hours)
        return None
