"""What lapses within a window: items with an end date and towns' approvals, in force on the day."""

from __future__ import annotations

from datetime import date

import pytest

from gridrules.errors import InputError
from gridrules.change.expiring import expiring, parse_window
from gridrules.engine.loading import load_pack


DAY = date(2026, 12, 2)


@pytest.mark.parametrize("text, days", [("14d", 14), ("2w", 14), ("30", 30), (" 7d ", 7),
                                        # as people write them: 14天 (14日), 2周 (2星期), full-width digits
                                        ("14天", 14), ("14日", 14), ("2周", 14), ("2星期", 14), ("２周", 14), ("14 天", 14),
                                        # a calendar month from the day: 2026-12-02 .. 2027-01-02 is 31 days,
                                        # two months to 2027-02-02 is 31 + 31 = 62
                                        ("1个月", 31), ("2个月", 62)])
def test_windows(text, days):
    assert parse_window(text, DAY) == days


def test_a_month_from_a_day_the_next_month_lacks_ends_on_its_last_day():
    # 2027-01-31 + 1个月: February has no 31st, so 2027-02-28, 28 days on; 2026-11-30 + 1个月 = 12-30, 30 days
    assert parse_window("1个月", date(2027, 1, 31)) == 28
    assert parse_window("1个月", date(2026, 11, 30)) == 30
    assert parse_window("12个月", date(2028, 2, 29)) == 365  # to 2029-02-28


@pytest.mark.parametrize("text", ["14x", "d", "-3d", "two weeks", "1月", "个月", "9999个月9"])
def test_bad_windows(text):
    with pytest.raises(InputError, match="--within"):
        parse_window(text, DAY)


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


def test_items_approved_but_not_yet_in_force_are_listed_from_their_first_day(pack_copy):
    """An item the meeting approved for a short term starting later lapses within the window too: a
    secretary asking on 2027-01-01 must see L14's 2027-01-05..01-10 term (its first day after the day
    asked about) -- but not before the meeting approved it."""
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    start = text.index("id: L14")
    text = text[:start] + text[start:].replace("effective: {from: 2025-01-01}", "effective: {from: 2027-01-05, to: 2027-01-10}", 1)
    text = text[:start] + text[start:].replace("approval: {session: 2024-4, date: 2024-12-20}",
                                               "approval: {session: 2026-8, date: 2026-12-20}", 1)
    items.write_text(text, encoding="utf-8")
    pack = load_pack(pack_copy)
    found = expiring(pack, date(2027, 1, 1), 14)
    assert [(x.code, x.starts, x.ends, x.days_left) for x in found] == [("L14", date(2027, 1, 5), date(2027, 1, 10), 9)]
    assert found[0].as_dict()["starts"] == "2027-01-05"
    def l14(on, days):
        return [x.code for x in expiring(pack, on, days) if x.code == "L14"]
    assert l14(date(2026, 12, 20), 21) == ["L14"]  # approved that day
    assert l14(date(2026, 12, 19), 30) == []  # not yet approved
    assert l14(date(2027, 1, 10), 0) == ["L14"]  # its last day
    assert l14(date(2027, 1, 11), 30) == []
