"""Moments: inside the years gridrules decides, as UTC instants, whatever the offset; dates and moments
as clerks write them (2026年12月1日), read as their ISO forms are, and those whose order cannot be told refused."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timezone

import pytest

from gridrules.catalogue import t
from gridrules.catalogue.humane import MOMENT_WRITTEN
from gridrules.contract.base import parse_date, parse_datetime, parse_moment, within_years


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
    with pytest.raises(ValueError, match=r"^'2026-04-06T14:23:00' has no UTC offset: write it as e.g. 2026-04-06T14:23:00\+08:00$"):
        within_years(datetime(2026, 4, 6, 14, 23))


def test_a_naive_datetime_is_told_as_a_naive_string_is():
    """One message for a moment without an offset, whether it came as a datetime or as ISO text
    (review 10b, finding 8: the datetime got a shorter one that did not quote it)."""
    as_object, as_text = (pytest.raises(ValueError), pytest.raises(ValueError))
    with as_object as by_object:
        parse_datetime(datetime(2026, 11, 25, 9, 30))
    with as_text as by_text:
        parse_datetime("2026-11-25T09:30:00")
    assert str(by_object.value) == str(by_text.value) == (
        "'2026-11-25T09:30:00' has no UTC offset: write it as e.g. 2026-11-25T09:30:00+08:00")



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
    the same error; where it does not, no moment (the other readings' errors) -- or, for a variant a
    clerk could have typed (a space for a leading zero, a full-width digit), the moment written."""
    chars = "0123456789-+:T Zz.x\n\u0663\uff12"
    variants = {usual[:i] + c + usual[i + 1:] for i in range(25) for c in chars}
    variants |= {usual[:i] + c + usual[i + 1:j] + d + usual[j + 1:]
                 for i in range(25) for j in range(i + 1, 25) for c in "0+-: 9" for d in "0+-:59"}
    variants |= {f"2026-02-24T14:26:00+{h:02d}:{m:02d}" for h in range(100) for m in range(100)}
    for text in variants:
        expected = _outcome(_by_pattern, text)
        if isinstance(expected, tuple) and expected[0] is LookupError:
            found = _outcome(parse_datetime, text)
            if not isinstance(found, tuple):  # not ISO, read as a clerk writes a moment: 2026- 2-24, ２
                written = MOMENT_WRITTEN.match(unicodedata.normalize("NFKC", text))
                assert written is not None, text
                year, month, day, hour, minute = (int(part) for part in written.groups()[:5])
                assert (found.year, found.month, found.day, found.hour, found.minute) == (year, month, day, hour,
                                                                                         minute), text
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


BEIJING = "+08:00"  # the offset written in the documents below (a clerk's own, not the pack's)


@pytest.mark.parametrize("written, iso", [
    ("2026年12月1日", "2026-12-01"), ("2026年12月01日", "2026-12-01"), ("２０２６年１２月１日", "2026-12-01"),
    ("2026/12/1", "2026-12-01"), ("2026.12.1", "2026-12-01"), (" 2026 年 12 月 1 日 ", "2026-12-01"),
    ("2026-12-1", "2026-12-01"),
])
def test_a_date_written_the_chinese_way_is_the_iso_date(written, iso):
    assert parse_date(written) == parse_date(iso) == date.fromisoformat(iso)


@pytest.mark.parametrize("written, iso", [
    (f"2026年12月1日 9时30分{BEIJING}", f"2026-12-01T09:30:00{BEIJING}"),
    (f"2026年12月1日9:30{BEIJING}", f"2026-12-01T09:30:00{BEIJING}"),
    (f"2026年12月1日 9点{BEIJING}", f"2026-12-01T09:00:00{BEIJING}"),
    (f"2026年12月1日 23时5分7秒{BEIJING}", f"2026-12-01T23:05:07{BEIJING}"),
    (f"２０２６年１２月１日　９：３０＋０８：００", f"2026-12-01T09:30:00{BEIJING}"),
    ("2026/12/1 09:30:15.25Z", "2026-12-01T09:30:15.250000+00:00"),
])
def test_a_moment_written_the_chinese_way_is_the_iso_moment(written, iso):
    assert parse_datetime(written) == parse_datetime(iso)
    assert parse_datetime(written).utcoffset() == parse_datetime(iso).utcoffset()


def test_a_written_moment_is_refused_as_its_iso_form_is():
    """No offset (never guessed, as 2026-12-01T09:30 is not), an impossible offset, a day that is none."""
    for written, key in [("2026年12月1日 9:30", "moment.no_offset"), ("2026年12月1日 9:30+24:00", "moment.bad_offset"),
                         (f"2026年2月30日 9:30{BEIJING}", "moment.not_real"), (f"2026年12月1日 25时{BEIJING}", "moment.not_real")]:
        with pytest.raises(ValueError) as refused:
            parse_datetime(written)
        assert str(refused.value) == t(key, value=written), written
    with pytest.raises(ValueError, match="has no UTC offset"):
        parse_datetime("2026-12-01T09:30")


@pytest.mark.parametrize("ambiguous", ["12/1/2026", "1/12", "01-12-2026", "12月1日", "12/1/2026 9:30", "1.12.26"])
def test_a_date_whose_order_cannot_be_told_is_refused_showing_the_forms(ambiguous):
    for read in (parse_date, parse_datetime, lambda text: parse_moment(text, timezone.utc)):
        with pytest.raises(ValueError) as refused:
            read(ambiguous)
        said = str(refused.value)
        assert said == t("date.ambiguous", value=ambiguous)
        assert "2026-12-01" in said and "2026年12月1日" in said


def test_a_written_date_that_is_none_is_refused_as_such():
    with pytest.raises(ValueError, match="is not a real calendar date"):
        parse_date("2026年2月30日")
