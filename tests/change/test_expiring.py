"""What lapses within a window: items with an end date and towns' approvals, in force on the day."""

from __future__ import annotations

from datetime import date

import pytest

from gridrules.errors import InputError
from gridrules.change.expiring import expiring, parse_window
from gridrules.engine.loading import load_pack


@pytest.mark.parametrize("text, days", [("14d", 14), ("2w", 14), ("30", 30), (" 7d ", 7)])
def test_windows(text, days):
    assert parse_window(text) == days


@pytest.mark.parametrize("text", ["14x", "d", "-3d", "two weeks"])
def test_bad_windows(text):
    with pytest.raises(InputError, match="--within"):
        parse_window(text)


def test_approvals_ending_within_the_window(pack):
    # TX-2026-11 ends 2027-01-31: 14 days after 2027-01-17 is the last day of the window
    assert [(x.code, x.days_left) for x in expiring(pack, date(2027, 1, 17), 14)] == [("TX-2026-11", 14)]
    assert expiring(pack, date(2027, 1, 16), 14) == []
    assert [x.code for x in expiring(pack, date(2027, 1, 31), 14)] == ["TX-2026-11"]  # its last day still counts
    assert expiring(pack, date(2027, 2, 1), 14) == []


def test_items_with_an_end_date_and_not_withdrawn(pack_copy):
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    for code, change in (("L14", "to: 2027-01-10}"), ("L15", "to: 2027-01-12}")):
        start = text.index(f"id: {code}")
        text = text[:start] + text[start:].replace("effective: {from: 2025-01-01}", "effective: {from: 2025-01-01, " + change, 1)
    start = text.index("id: L15")
    end = text.index("basis:", start)
    text = text[:end] + "withdrawal: {session: 2026-6, date: 2026-12-30}\n    " + text[end:]
    items.write_text(text, encoding="utf-8")
    pack = load_pack(pack_copy)
    found = expiring(pack, date(2027, 1, 1), 14)
    assert [(x.kind, x.code, x.ends, x.responsible) for x in found] == [("item", "L14", date(2027, 1, 10), ["gongan", "jinrong"])]
    assert [x.code for x in expiring(pack, date(2026, 12, 29), 14)] == ["L14", "L15"]  # L15 still in force then
