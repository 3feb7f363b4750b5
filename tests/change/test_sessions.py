"""A session keeps one date: a decision naming a session the history records on another day, or
numbered against the order of the year's recorded sessions, is refused (bad input, ``--session``)."""

from __future__ import annotations

from datetime import date

import pytest

from appdocs import CANLIAN, FULIAN, gridrules, write_app
from gridrules.change.workflow import amend, approve, reject, withdraw
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError

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
    amend(pack_copy, "L01", {"hours_per_month": 3}, "2025-12", date(2026, 11, 26))  # a number, not an order, across years
    assert load_pack(pack_copy).history.changes[-1].decision.session == "2025-12"


def test_the_command_exits_2_in_chinese_naming_session_and_the_recorded_date(pack_copy, tmp_path):
    approved(pack_copy)
    app = write_app(tmp_path, FULIAN)
    done = gridrules("admission", "reject", str(app), "--session", "2026-8", "--date", "2026-11-27", "--reason", "重复",
                     "--pack", str(pack_copy), env={"GRIDRULES_LANG": "zh"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--session: 2026年第8次会议在变更记录（history.yaml）里的日期是 2026-11-25，不是 2026-11-27" in done.stderr
