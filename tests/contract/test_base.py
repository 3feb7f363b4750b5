"""Moments: inside the years gridrules decides, as UTC instants, whatever the offset."""

from __future__ import annotations

from datetime import datetime

import pytest

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
