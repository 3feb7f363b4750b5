"""Moments: inside the years gridrules decides, as UTC instants, whatever the offset."""

from __future__ import annotations

from datetime import datetime

import pytest

from gridrules.catalogue import t
from gridrules.contract.base import parse_datetime, within_years


@pytest.mark.parametrize("text, inside", [
    ("1900-01-01T00:00:00+01:00", False),  # 1899-12-31T23:00Z
    ("1900-01-01T00:30:00-01:00", True),
    ("1901-01-01T00:00:00+23:59", True),
    ("2026-04-06T14:23:00+08:00", True),
    ("8999-12-31T23:30:00+01:00", True),
    ("8999-12-31T23:30:00-01:00", False),  # 9000-01-01T00:30Z
    ("8998-12-31T23:30:00-23:59", True),
])
def test_the_years_are_those_of_the_utc_instant(text, inside):
    moment = datetime.fromisoformat(text)
    if inside:
        assert within_years(moment) is moment and parse_datetime(text) == moment
    else:
        for check in (lambda: within_years(moment), lambda: parse_datetime(text)):
            with pytest.raises(ValueError, match="outside the years gridrules decides"):
                check()


def test_a_moment_without_offset_is_refused():
    with pytest.raises(ValueError, match="must carry a UTC offset"):
        within_years(datetime(2026, 4, 6, 14, 23))



def _by_pattern(text: str) -> datetime:
    """``parse_datetime`` of a string as it read one before the usual shape was recognised
    apart: the pattern, then ``fromisoformat``, then the years (the other readings unchanged)."""
    from gridrules.contract.base import _DATETIME_RE
    if not _DATETIME_RE.match(text):
        raise LookupError("the pattern does not match")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(t("moment.not_real", value=text)) from None
    return within_years(parsed)


def _outcome(read, text: str) -> object:
    try:
        return read(text)
    except (ValueError, LookupError) as exc:
        return type(exc), str(exc)


@pytest.mark.parametrize("usual", ["2026-02-24T14:26:00+08:00", "1999-12-31 23:59:59-23:59",
                                   "2026-02-30T24:61:61+19:59", "8999-12-31T23:30:00-01:00"])
def test_the_usual_shape_is_read_as_the_pattern_reads_it(usual):
    """Every one- and two-character change of a 25-character moment (digits, separators, signs,
    non-ASCII digits, a newline) and every offset: where the pattern matches, the same moment or
    the same error; where it does not, no moment (the other readings' errors)."""
    chars = "0123456789-+:T Zz.x\n\u0663\uff12"
    variants = {usual[:i] + c + usual[i + 1:] for i in range(25) for c in chars}
    variants |= {usual[:i] + c + usual[i + 1:j] + d + usual[j + 1:]
                 for i in range(25) for j in range(i + 1, 25) for c in "0+-: 9" for d in "0+-:59"}
    variants |= {f"2026-02-24T14:26:00+{h:02d}:{m:02d}" for h in range(100) for m in range(100)}
    for text in variants:
        expected = _outcome(_by_pattern, text)
        if isinstance(expected, tuple) and expected[0] is LookupError:
            assert isinstance(_outcome(parse_datetime, text), tuple), text  # refused, as before
        else:
            assert _outcome(parse_datetime, text) == expected, text


@pytest.mark.parametrize("value, text_ok, name_ok", [
    ("走访", True, True),
    ("多行\n说明\t（附表）", True, False),  # a text may run over lines; a name is one line
    ("   ", False, False), ("\n\t", False, False),  # only blanks: nothing said
    ("走\x00访", False, False), ("走\x1b访", False, False), ("走\x7f访", False, False),  # controls no one sees
])
def test_texts_and_names_say_something_without_control_characters(value, text_ok, name_ok):
    """What the pack keeps as a text (a reason, a note, a safeguard) or a name (an approval's work, an
    item's name): not blank, no control character (a text's line breaks and tabs aside)."""
    from pydantic import TypeAdapter, ValidationError

    from gridrules.contract.base import Name, Text

    for kind, ok in ((Text, text_ok), (Name, name_ok)):
        try:
            TypeAdapter(kind).validate_python(value)
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted is ok, (kind, value)
