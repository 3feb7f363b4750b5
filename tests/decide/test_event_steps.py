"""An event decision's next steps: who does what by when, read from the pack (policy §6, §7).

Every expected moment is worked out from the district policy's tables, not from the output:
MD02 is 一般 (respond 24 h, close 3 working days, feedback 72 h) and handled in the grid; a gas
leak with a threat to life is 紧急 (respond 30 min, close 24 h, feedback 2 h), handled by the
district, reported directly to the town and the district, with an 应急哨 answered within 30 min.
"""

from __future__ import annotations

import contextvars
from datetime import datetime, timedelta, timezone

from gridrules import Checker, load_pack
from gridrules.catalogue import set_language

CST = timezone(timedelta(hours=8))
MD02 = {"id": "E1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
GAS = {"id": "E2", "type": "AQ03", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01",
       "life_threat": True}
REVISIT = "办结后回访群众，记下满意、基本满意或不满意。"


def test_a_grid_event_says_who_handles_it_by_when_and_whom_to_report_up_to(pack):
    # reported Wed 11-25 09:30: respond by Thu 09:30; 3 working days -> Thu 26, Fri 27, Mon 30 09:30;
    # feedback 72 h -> Sat 11-28 09:30.  The grid's community is the level above; the communities'
    # assessment scores the 回访 of what is handled at community level or below
    assert Checker(pack).route_event(MD02).next_steps == [
        "由和平社区01网格（网格）在 2026-11-26 09:30 前响应，2026-11-30 09:30 前办结。",
        "本级无法解决或到期未能办结的，向和平社区（村(社区)）上报。",
        "向群众反馈（2026-11-28 09:30 前）。",
        REVISIT,
    ]


def test_an_urgent_high_risk_event_says_its_safeguard_direct_report_and_whistle_first(pack):
    # AQ03 is high risk (risk.yaml); nothing is above the district, so no one to report up to; the
    # 回访 is scored for the department the whistle summons (assessment.yaml's department indicators)
    assert Checker(pack).route_event(GAS).next_steps == [
        "高风险：网格员立即上报，不得单独处置。",
        "直报镇街、区，不必逐级上报。",
        "和平社区01网格吹应急哨、大足区综治中心（区）转发：区住房城乡建委 须在 2026-11-25 10:00 前报到。",
        "由大足区综治中心（区）在 2026-11-25 10:00 前响应，2026-11-26 09:30 前办结。",
        "向群众反馈（2026-11-25 11:30 前）。",
        REVISIT,
    ]


def test_the_whistle_is_answered_from_the_moment_of_the_check_and_late_feedback_is_said(pack):
    # checked at 12:00 (past the 2 h feedback): the whistle is blown then, 报到 by 12:30
    steps = Checker(pack).route_event(GAS, at=datetime(2026, 11, 25, 12, 0, tzinfo=CST)).next_steps
    assert "和平社区01网格吹应急哨、大足区综治中心（区）转发：区住房城乡建委 须在 2026-11-25 12:30 前报到。" in steps
    assert "向群众反馈（2026-11-25 11:30 前，已超时，尽快）。" in steps


def test_an_unregistered_grid_is_told_which_level_handles_it(pack):
    event = MD02 | {"grid": "nowhere-01", "community": "tangxiang-heping", "town": "tangxiang"}
    steps = Checker(pack).route_event(event).next_steps
    assert steps[0] == "由网格（单位未登记，请核实）在 2026-11-26 09:30 前响应，2026-11-30 09:30 前办结。"
    assert steps[1] == "本级无法解决或到期未能办结的，向和平社区（村(社区)）上报。"


def test_the_steps_are_chinese_whatever_the_language(pack):
    checker = Checker(pack)
    chinese = checker.route_event(GAS).next_steps

    def in_english():
        set_language("en")
        return checker.route_event(GAS).next_steps

    assert contextvars.copy_context().run(in_english) == chinese


def test_a_record_is_told_only_what_it_has_not_done(pack):
    # resolved in time, no feedback yet and no 回访: the feedback (now late) and the 回访 after the resolution
    record = {"event": MD02, "steps": [{"at": "2026-11-25T10:00:00+08:00", "kind": "responded",
                                        "unit": "tangxiang-heping-01"},
                                       {"at": "2026-11-27T10:00:00+08:00", "kind": "resolved"}]}
    decision = Checker(pack).route_record(record, at="2026-11-29T10:00:00+08:00")
    assert decision.next_steps == ["向群众反馈（2026-11-28 09:30 前，已超时，尽快）。",
                                   "已办结：回访群众，记下满意、基本满意或不满意。"]
    # responded, not resolved: the closure is what is left of the handling
    record["steps"] = record["steps"][:1] + [{"at": "2026-11-25T11:00:00+08:00", "kind": "feedback"}]
    decision = Checker(pack).route_record(record, at="2026-11-26T10:00:00+08:00")
    assert decision.next_steps == ["由和平社区01网格（网格）在 2026-11-30 09:30 前办结。",
                                   "本级无法解决或到期未能办结的，向和平社区（村(社区)）上报。", REVISIT]


def test_no_revisit_is_asked_where_the_assessment_scores_none(pack_copy):
    path = pack_copy / "assessment.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
             if "{id: satisfaction," not in line]
    path.write_text("".join(lines), encoding="utf-8")
    checker = Checker(load_pack(pack_copy))
    assert REVISIT not in checker.route_event(MD02).next_steps
    assert REVISIT not in checker.route_event(GAS).next_steps


def test_a_medium_risk_states_its_safeguard_and_a_low_one_none(pack):
    # risk.yaml: AQ01 is medium (安全隐患 the grid does not handle alone); MD02 is not listed, so low
    steps = Checker(pack).route_event(MD02 | {"type": "AQ01"}).next_steps
    assert steps[0] == "中风险：网格员及时上报，在村(社区)或主管部门指导下协助处置。"
    assert not any("风险：" in s for s in Checker(pack).route_event(MD02).next_steps)
