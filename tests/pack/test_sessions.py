"""A session keeps one date (``pack/sessions.py``): a decision naming a session the history or an item
gives another day, numbered against the order of the year's known sessions, or numbered for
another year than its date's, is refused (bad input, ``--session``); an item giving a session
another date than the history is found at the item's date: ``validate`` exits 2, lint's GR004
(``tests/lint/lint_packs/session_dates_differ.yaml``: two items), while the pack loads; lint's
GR003, a year off its date: ``tests/lint/lint_packs/session_year_not_its_date.yaml``."""

from __future__ import annotations

from datetime import date

import pytest

from appdocs import CANLIAN, FULIAN, gridrules, write_app
from gridrules.change.workflow import amend, approve, reject, withdraw
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError
from gridrules.pack import sessions
from packedits import position

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock


def approved(root) -> None:
    approve(root, Application.model_validate(CANLIAN), "2026-8", date(2026, 11, 25))


def refused_naming_session(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    (problem,) = caught.value.problems
    assert problem.field == "--session"
    return problem.message


def test_a_recorded_session_given_another_date_is_refused_and_nothing_is_written(pack_copy):
    approved(pack_copy)
    before = {p: p.read_bytes() for p in pack_copy.rglob("*.yaml")}
    message = refused_naming_session(lambda: reject(
        pack_copy, Application.model_validate(FULIAN), "2026-8", date(2026, 11, 27), "重复"))
    assert message == ("2026年第8次会议 is recorded in history.yaml on 2026-11-25, not 2026-11-27: one meeting has "
                       "one date (check the session given with --session and the date given with --date)")
    assert {p: p.read_bytes() for p in pack_copy.rglob("*.yaml")} == before
    for call in (lambda: amend(pack_copy, "L01", {"hours_per_month": 3}, "2026-8", date(2026, 11, 26)),
                 lambda: withdraw(pack_copy, "L01", "2026-8", date(2026, 11, 26))):
        assert "recorded in history.yaml on 2026-11-25" in refused_naming_session(call)


def test_the_same_meeting_on_its_day_and_a_late_record_of_an_earlier_one_are_taken(pack_copy):
    approved(pack_copy)
    reject(pack_copy, Application.model_validate(FULIAN), "2026-8", date(2026, 11, 25), "重复")  # the same meeting
    amend(pack_copy, "L01", {"hours_per_month": 3}, "2026-7", date(2026, 11, 20))  # an earlier meeting, recorded late
    amend(pack_copy, "L01", {"subsidy": 60}, "2026-9", date(2026, 11, 25))  # a second meeting that day
    assert [c.decision.session for c in load_pack(pack_copy).history.changes] == ["2026-8", "2026-8", "2026-7", "2026-9"]


@pytest.mark.parametrize("session, on, other, held", [
    ("2026-9", date(2026, 11, 24), "2026年第8次会议", "2026-11-25"),  # numbered after, dated before
    ("2026-7", date(2026, 11, 26), "2026年第8次会议", "2026-11-25"),  # numbered before, dated after
])
def test_numbering_against_the_years_order_is_refused(pack_copy, session, on, other, held):
    approved(pack_copy)
    message = refused_naming_session(lambda: amend(pack_copy, "L01", {"hours_per_month": 3}, session, on))
    assert f"({on.isoformat()}) and {other} ({held}) in history.yaml are out of order" in message


def test_another_years_session_is_not_held_to_this_years_order(pack_copy):
    approved(pack_copy)
    # recorded after 2026-8 (11-25), 2025-12 of 2025-12-30 is a number of its own year, not out of this year's order
    reject(pack_copy, Application.model_validate(FULIAN), "2025-12", date(2025, 12, 30), "重复")
    assert load_pack(pack_copy).history.changes[-1].decision.session == "2025-12"


@pytest.mark.parametrize("session, on", [("2027-1", date(2026, 12, 30)), ("2025-12", date(2026, 11, 26))])
def test_a_session_numbered_for_another_year_than_its_date_is_refused(pack_copy, session, on):
    approved(pack_copy)
    message = refused_naming_session(lambda: amend(pack_copy, "L01", {"hours_per_month": 3}, session, on))
    assert message.startswith(f"{session[:4]}年第") and f"is a session of {session[:4]}, dated {on.isoformat()}" in message


def test_an_items_session_holds_a_decision_to_its_date(pack_copy):
    # the bundled list was approved at 2024-4 on 2024-12-20 (items.yaml); the history records no decision yet
    fulian = Application.model_validate(FULIAN)
    message = refused_naming_session(lambda: reject(pack_copy, fulian, "2024-4", date(2024, 12, 27), "重复"))
    assert message.startswith("2024年第4次会议 is recorded in admission/items.yaml (L01 approved) on 2024-12-20, not 2024-12-27")
    message = refused_naming_session(lambda: reject(pack_copy, fulian, "2024-5", date(2024, 12, 19), "重复"))
    assert "2024年第5次会议 (2024-12-19) and 2024年第4次会议 (2024-12-20) in admission/items.yaml (L01 approved)" in message


def test_an_item_giving_a_recorded_session_another_date_is_found_at_the_items_date(pack_copy):
    approved(pack_copy)  # the history records 2026-8 on 2026-11-25; the new item says so too
    items = pack_copy / "admission" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    assert text.count("{session: 2026-8, date: 2026-11-25") == 1
    items.write_text(text.replace("{session: 2026-8, date: 2026-11-25", "{session: 2026-8, date: 2026-11-24"),
                     encoding="utf-8")
    line, col = position(items.read_text(encoding="utf-8"), "2026-11-24")
    pack = load_pack(pack_copy)  # it loads and decides: no decision reads a session
    assert [str(p) for p in sessions.problems(pack)] == [
        f"{pack_copy}/admission/items.yaml:{line}:{col}: L18.approval.date: '2026年第8次会议' is dated 2026-11-25 in "
        "history.yaml, here 2026-11-24: one meeting has one date (check the session and the date)"]
    done = gridrules("validate", str(pack_copy), env={"GRIDRULES_LANG": "zh"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (f"{pack_copy}/admission/items.yaml:{line}:{col}: " in done.stdout
            and "2026年第8次会议在变更记录（history.yaml）里的日期是 2026-11-25，这里写的是 2026-11-24" in done.stdout)
