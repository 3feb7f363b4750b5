"""Towns' temporary approvals: recorded with the negative list and the 90-day limit enforced."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from appdocs import snapshot
from gridrules import Checker
from gridrules.catalogue import set_language
from gridrules.errors import InputError, NotFound
from gridrules.engine.loading import load_pack
from gridrules.change.temporary import (TemporaryRequest, approve_temporary, like_notes, list_approvals,
                                       withdraw_temporary)
from gridrules.errors import Refused

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

REQUEST = TemporaryRequest(unit="tangxiang", ref="TX-2026-12", decided_on=date(2026, 12, 1), work="春节前独居老人安全走访",
                           activities=["visit", "care"], valid_from=date(2026, 12, 1), valid_to=date(2027, 2, 28),
                           hours_per_month=2)
TASK = {"id": "T-2", "title": "走访", "department": "tangxiang", "issued_by": "town", "town": "tangxiang",
        "temporary_approval": "TX-2026-12", "activities": ["visit"], "start": "2026-12-20"}


def verdict(root, at: str) -> str:
    return Checker(load_pack(root)).check_task(TASK, at=datetime.fromisoformat(at)).verdict


def test_an_approval_is_written_and_admits_the_work_that_names_it(pack_copy):
    assert verdict(pack_copy, "2026-12-10T09:00:00+08:00") == "needs_application"
    outcome = approve_temporary(pack_copy, REQUEST)
    after = load_pack(pack_copy)
    approval = after.approvals_by_ref["TX-2026-12"]
    assert (approval.unit, approval.decided_on, approval.work, approval.activities, approval.from_, approval.to) == (
        "tangxiang", date(2026, 12, 1), "春节前独居老人安全走访", ["visit", "care"], date(2026, 12, 1), date(2027, 2, 28))
    assert outcome.change["decision"] == {"by": "town", "unit": "tangxiang", "reference": "TX-2026-12", "date": "2026-12-01"}
    assert after.manifest.version == "1.1.0"
    assert verdict(pack_copy, "2026-12-10T09:00:00+08:00") == "temporary"


def test_ninety_days_counting_both_ends_is_the_most(pack_copy):
    # 2026-12-01 .. 2027-02-28 is 31 + 31 + 28 = 90 days; one more day is 91
    approve_temporary(pack_copy, REQUEST)
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:
        approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-13", valid_to=date(2027, 3, 1)))
    [finding] = refused.value.findings
    assert finding.id == "too_long"
    assert finding.message == "临时事项 2026-12-01 至 2027-03-01 共 91 日，超过最长 90 日（首尾两日都计入）。"
    assert snapshot(pack_copy) == before


def test_the_negative_list_binds_towns_too(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:
        approve_temporary(pack_copy, replace(REQUEST, activities=["patrol", "demolish"]))
    assert [f.id for f in refused.value.findings] == ["negative.F02"]
    assert "棠香街道专题研究也不能" in refused.value.findings[0].message
    assert snapshot(pack_copy) == before


def test_input_problems_name_the_option(pack_copy):
    with pytest.raises(InputError) as caught:
        approve_temporary(pack_copy, replace(REQUEST, unit="tangxian", activities=["vist"], valid_to=date(2026, 11, 1)))
    shown = sorted(str(p) for p in caught.value.problems)
    assert shown == ["--activities: unknown activity 'vist' (did you mean 'visit'?)",
                     "--to: the end (2026-11-01) is before the start (2026-12-01)",
                     "--unit: no body of unit 'tangxian' gives temporary inclusions (did you mean 'tangxiang'?)"]
    with pytest.raises(Refused, match="already a temporary approval TX-2026-11"):
        approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-11"))


def test_the_work_starts_on_its_decision_day_at_the_earliest(pack_copy):
    """A town's phased work is given only after its 专题研究 decision (the policy's temporary items):
    an approval may not start before the day it was decided; on that day it may."""
    before = load_pack(pack_copy).digest
    with pytest.raises(InputError) as caught:
        approve_temporary(pack_copy, replace(REQUEST, valid_from=date(2026, 11, 30)))
    assert [str(p) for p in caught.value.problems] == [
        "--from: the start (2026-11-30) is before the decision (2026-12-01): temporary work may be given only after "
        "it is decided, so it starts on 2026-12-01 at the earliest"]
    assert load_pack(pack_copy).digest == before
    approve_temporary(pack_copy, REQUEST)  # starting on the decision day


@pytest.mark.parametrize("change, expected", [
    ({"work": ""}, "--work: String should have at least 1 character"),
    ({"work": "长" * 201}, "--work: String should have at most 200 characters"),
    ({"note": "x" * 2001}, "--note: String should have at most 2000 characters"),
])
def test_a_text_the_approval_cannot_hold_is_refused_naming_the_option_before_anything_is_written(pack_copy, change,
                                                                                                    expected):
    before = (pack_copy / "admission/temporary.yaml").read_bytes()
    with pytest.raises(InputError) as caught:  # not a problem in "the proposed change" (a file never written)
        approve_temporary(pack_copy, replace(REQUEST, **change))
    assert [str(p) for p in caught.value.problems] == [expected]
    assert (pack_copy / "admission/temporary.yaml").read_bytes() == before


def test_withdrawal_ends_it_from_its_date(pack_copy):
    approve_temporary(pack_copy, REQUEST)
    outcome = withdraw_temporary(pack_copy, "TX-2026-12", date(2026, 12, 15), reason="工作提前完成", decision_ref="TX-2026-15")
    assert outcome.change["decision"]["reference"] == "TX-2026-15"
    assert load_pack(pack_copy).approvals_by_ref["TX-2026-12"].withdrawn_on == date(2026, 12, 15)
    assert verdict(pack_copy, "2026-12-14T09:00:00+08:00") == "temporary"
    assert verdict(pack_copy, "2026-12-15T09:00:00+08:00") == "needs_application"


def test_a_retried_approval_or_withdrawal_is_recorded_once(pack_copy):
    """A town's command repeated (its answer lost) finds its decision recorded and writes nothing; the
    same reference with other terms, or a withdrawal by another decision, is refused."""
    first = approve_temporary(pack_copy, REQUEST)
    again = approve_temporary(pack_copy, REQUEST)
    assert (again.written, again.change["seq"], again.digest) == (False, first.change["seq"], first.digest)
    for other, field in ((replace(REQUEST, hours_per_month=3), "hours_per_month"),
                         (replace(REQUEST, valid_to=date(2027, 2, 27)), "to"), (replace(REQUEST, work="春节前走访"), "work"),
                         (replace(REQUEST, note="补记：经专题研究"), "note")):
        # the refusal says what differs: a retry with a note added is not the decision recorded
        # and what to do if it is another decision: another reference
        with pytest.raises(Refused, match=f"already a temporary approval TX-2026-12 \\(the decision recorded differs "
                                          f"from this one in {field}\\); if this is another approval, give it a "
                                          "reference not used yet \\(those used: gridrules temporary list --all\\)$"):
            approve_temporary(pack_copy, other)
    ended = withdraw_temporary(pack_copy, "TX-2026-12", date(2026, 12, 15), decision_ref="TX-2026-15")
    before = snapshot(pack_copy)
    again = withdraw_temporary(pack_copy, "TX-2026-12", date(2026, 12, 15), decision_ref="TX-2026-15")
    assert (again.written, again.change["seq"], again.digest) == (False, ended.change["seq"], ended.digest)
    for on, ref in ((date(2026, 12, 16), "TX-2026-15"), (date(2026, 12, 15), "TX-2026-16")):
        with pytest.raises(Refused, match="TX-2026-12 was withdrawn on 2026-12-15"):
            withdraw_temporary(pack_copy, "TX-2026-12", on, decision_ref=ref)
    assert snapshot(pack_copy) == before
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["temporary_approve", "temporary_withdraw"]


def test_a_withdrawal_taking_effect_later_covers_work_starting_before_it(pack_copy):
    approve_temporary(pack_copy, REQUEST)
    outcome = withdraw_temporary(pack_copy, "TX-2026-12", date(2026, 12, 15), effective=date(2027, 1, 10))
    assert outcome.change["decision"]["effective"] == "2027-01-10"
    approval = load_pack(pack_copy).approvals_by_ref["TX-2026-12"]
    assert (approval.withdrawn_on, approval.withdrawn_from) == (date(2026, 12, 15), date(2027, 1, 10))
    assert verdict(pack_copy, "2026-12-16T09:00:00+08:00") == "temporary"  # TASK starts on 2026-12-20
    checker = Checker(load_pack(pack_copy))
    late = checker.check_task(TASK | {"start": "2027-01-10"}, at=datetime.fromisoformat("2026-12-16T09:00:00+08:00"))
    # the withdrawal (known on 12-16) ends it on 2027-01-09, before this task starts: expired, not unknown
    assert (late.verdict, late.flags) == ("needs_application", ["temporary_expired", "unlisted"])
    pack = load_pack(pack_copy)
    assert [s for a, s in list_approvals(pack, date(2027, 1, 9)) if a.ref == "TX-2026-12"] == ["in_force"]
    assert [s for a, s in list_approvals(pack, date(2027, 1, 10), include_all=True) if a.ref == "TX-2026-12"] == [
        "withdrawn"]
    with pytest.raises(InputError, match="before it was decided"):
        withdraw_temporary(pack_copy, "TX-2026-11", date(2026, 12, 15), effective=date(2026, 12, 14))


def test_an_approval_withdrawn_before_it_starts_reads_as_withdrawn(pack_copy):
    """A 专题研究 decided on 12-01 for work from 12-05, withdrawn on 12-02: it never takes effect.
    Listed as withdrawn (not 'upcoming'), and a task naming it is told it was withdrawn, on which
    day and from when -- not that it 'expired on 12-04', a day before its own start."""
    approve_temporary(pack_copy, replace(REQUEST, valid_from=date(2026, 12, 5)))
    withdraw_temporary(pack_copy, "TX-2026-12", date(2026, 12, 2))
    pack = load_pack(pack_copy)
    assert [s for a, s in list_approvals(pack, date(2026, 12, 3), include_all=True) if a.ref == "TX-2026-12"] == [
        "withdrawn"]
    assert "TX-2026-12" not in {a.ref for a, _ in list_approvals(pack, date(2026, 12, 3))}  # nor offered as current
    decision = Checker(pack).check_task(TASK, at=datetime.fromisoformat("2026-12-03T09:00:00+08:00"))
    assert (decision.verdict, decision.flags) == ("needs_application", ["temporary_expired", "unlisted"])
    (reason,) = [r for r in decision.reasons if r.rule == "temporary.TX-2026-12.expired"]
    # rules/admission/rules.yaml temporary_withdrawn, filled: the withdrawal takes effect on the approval's start
    assert reason.text == "批复 TX-2026-12 已于 2026-12-02 决定撤销，自 2026-12-05 起开始的工作不再准许；任务开始日是 2026-12-20。"
    # before the withdrawal was decided, the same task was admitted under it
    before = Checker(pack).check_task(TASK, at=datetime.fromisoformat("2026-12-01T18:00:00+08:00"))
    assert before.verdict == "temporary"


def test_an_approval_that_ran_out_still_reads_as_expired(pack_copy):
    approve_temporary(pack_copy, replace(REQUEST, valid_to=date(2026, 12, 10)))
    decision = Checker(load_pack(pack_copy)).check_task(TASK, at=datetime.fromisoformat("2026-12-03T09:00:00+08:00"))
    (reason,) = [r for r in decision.reasons if r.rule == "temporary.TX-2026-12.expired"]
    assert reason.text == "批复 TX-2026-12 已于 2026-12-10 到期，早于任务开始日 2026-12-20。"


def test_list_shows_status_on_the_day(pack):
    on = date(2026, 11, 20)
    assert [(a.ref, s) for a, s in list_approvals(pack, on)] == [("TX-2026-11", "in_force")]
    assert [(a.ref, s) for a, s in list_approvals(pack, on, include_all=True)] == [("TX-2026-11", "in_force"), ("LS-2026-06", "expired")]
    assert [(a.ref, s) for a, s in list_approvals(pack, date(2026, 11, 12))] == [("TX-2026-11", "upcoming")]
    assert [(a.ref, s) for a, s in list_approvals(pack, date(2026, 11, 9), include_all=True, town="tangxiang")] == [("TX-2026-11", "undecided")]
    with pytest.raises(InputError, match="did you mean 'longshui'"):
        list_approvals(pack, on, town="longshu")


def test_a_county_body_records_urgent_inclusions_within_its_own_maximum(tmp_path):
    """The city example's county bodies give temporary inclusions of at most 30 days (their own
    maximum, not the pack's 90), recorded as the county body's decision."""
    from examplepacks import CITY, copy_of

    root = copy_of(CITY, tmp_path / "city")
    request = TemporaryRequest(unit="qingshan", ref="QS-LS-2026-02", decided_on=date(2026, 7, 1), work="高温巡查",
                               activities=["patrol", "report"], valid_from=date(2026, 7, 1), valid_to=date(2026, 7, 31),
                               hours_per_month=4)
    with pytest.raises(Refused) as refused:  # 31 days
        approve_temporary(root, request)
    assert [f.id for f in refused.value.findings] == ["too_long"]
    outcome = approve_temporary(root, replace(request, valid_to=date(2026, 7, 30)))
    assert outcome.change["decision"] == {"by": "qingshan_body", "reference": "QS-LS-2026-02", "date": "2026-07-01"}
    assert load_pack(root).approvals_by_ref["QS-LS-2026-02"].unit == "qingshan"
    with pytest.raises(InputError, match="no body of unit 'hekou' gives temporary inclusions"):
        approve_temporary(root, replace(request, unit="hekou", ref="X-1"))


def test_a_reason_the_history_cannot_hold_is_refused_naming_it_before_anything_is_written(pack_copy):
    before = {p: p.read_bytes() for p in pack_copy.rglob("*.yaml")}
    with pytest.raises(InputError) as caught:
        withdraw_temporary(pack_copy, "TX-2026-11", date(2026, 11, 27), reason="长" * 2001)
    assert [str(p) for p in caught.value.problems] == ["--reason: String should have at most 2000 characters"]
    assert {p: p.read_bytes() for p in pack_copy.rglob("*.yaml")} == before


@pytest.mark.parametrize("hours", [float("nan"), float("inf"), -1.0])
def test_hours_that_are_no_number_of_hours_are_refused_at_the_option_before_anything_is_written(pack_copy, hours):
    """A NaN reached the file editor and failed there (naming temporary.yaml, which the town never wrote);
    the hours are held to the approval's own type first, as its texts are."""
    before = snapshot(pack_copy)
    with pytest.raises(InputError) as caught:
        approve_temporary(pack_copy, replace(REQUEST, hours_per_month=hours))
    assert [p.field for p in caught.value.problems] == ["--hours"]
    assert snapshot(pack_copy) == before


# --- one decision recorded twice under two references ------------------------------------------

def test_like_work_recorded_again_over_overlapping_dates_is_recorded_with_a_note_naming_the_first(pack_copy):
    """TX-2026-30 and TX-2026-32: the same work and activities, dates overlapping -- both count their
    hours toward the town's load, so the second says so (recorded all the same: two phases of like
    work may each be decided)."""
    first = approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-30"))
    assert first.notes == []
    second = approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-32", valid_from=date(2026, 12, 10),
                                                  valid_to=date(2027, 1, 31), hours_per_month=3))
    assert second.written and "TX-2026-32" in load_pack(pack_copy).approvals_by_ref
    (note,) = second.notes
    assert "TX-2026-30" in note and "2026-12-01" in note and "2027-02-28" in note, note
    assert second.as_dict()["notes"] == [note]
    assert like_notes(load_pack(pack_copy), "TX-2026-32") == [note]  # what a page shows after recording it


@pytest.mark.parametrize("other", [
    {"valid_from": date(2027, 3, 1), "valid_to": date(2027, 3, 31)},  # after the first ends: the next phase
    {"activities": ["visit"]},  # other activities
    {"work": "春节前困难群众走访慰问"},  # other work
])
def test_an_approval_not_like_one_in_force_over_its_dates_gets_no_note(pack_copy, other):
    approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-30"))
    decided = {"decided_on": date(2027, 2, 1)} if "valid_from" in other else {}
    assert approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-32", **decided, **other)).notes == []


def test_an_approval_withdrawn_before_the_new_one_starts_gets_no_note(pack_copy):
    approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-30"))
    withdraw_temporary(pack_copy, "TX-2026-30", date(2026, 12, 5), effective=date(2026, 12, 10))
    later = replace(REQUEST, ref="TX-2026-32", decided_on=date(2026, 12, 10), valid_from=date(2026, 12, 10))
    assert approve_temporary(pack_copy, later).notes == []
    again = replace(REQUEST, ref="TX-2026-33", decided_on=date(2026, 12, 9), valid_from=date(2026, 12, 9))
    # from the 9th, TX-2026-30's last day: like it (to the 9th) and like TX-2026-32
    thirty, thirty_two = approve_temporary(pack_copy, again).notes
    assert "TX-2026-30" in thirty and "2026-12-01" in thirty and "2026-12-09" in thirty, thirty
    assert "TX-2026-32" in thirty_two and "2026-12-10" in thirty_two, thirty_two


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


# --- capacity (policy §4: 120 h per grid per month; §8: a town's total counts the items for all towns,
# those scoped to it and its approvals in force).  The bundled list totals 52 h, all towns; TX-2026-11
# (棠香, 2026-11-15 .. 2027-01-31) carries 2 h, LS-2026-06 (龙水) ended 2026-08-29.

def test_an_approval_taking_its_town_past_capacity_is_refused_naming_the_town_its_total_and_the_cap(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:  # 52 + 2 + 67 = 121 > 120 on 2026-12-01
        approve_temporary(pack_copy, replace(REQUEST, hours_per_month=67))
    [finding] = refused.value.findings
    assert (finding.id, finding.field, finding.overridable, refused.value.overridable) == (
        "capacity", "hours_per_month", True, True)
    assert finding.message == ("记录后棠香街道 2026-12-01 起每个网格每月的清单工作量为 121 小时"
                               "（有效事项与临时事项 54 小时，本批复 67 小时），超过上限 120 小时。")
    assert snapshot(pack_copy) == before
    approve_temporary(pack_copy, replace(REQUEST, hours_per_month=66))  # 52 + 2 + 66 = 120: at the cap, not past it


def test_capacity_is_judged_on_the_busiest_day_of_the_period_in_the_approvals_own_town(pack_copy):
    # from 2027-02-01 TX-2026-11 has ended: 52 + 67 = 119; 龙水 never counts 棠香's TX-2026-11: 52 + 67 = 119
    approve_temporary(pack_copy, replace(REQUEST, ref="TX-2027-02", valid_from=date(2027, 2, 1), hours_per_month=67))
    approve_temporary(pack_copy, replace(REQUEST, unit="longshui", ref="LS-2026-12", hours_per_month=67))
    # an approval of 40 h over 2027-01-15 .. 01-31: 52 + 2 + 40 = 94 (the one from 02-01 not yet running)
    approve_temporary(pack_copy, replace(REQUEST, ref="TX-2027-01", valid_from=date(2027, 1, 15),
                                         valid_to=date(2027, 1, 31), hours_per_month=40))
    # 27 h from 2027-01-01: 81 on its first day, but 52 + 2 + 40 + 27 = 121 from 01-15
    with pytest.raises(Refused, match="2027-01-15 起.*121 小时"):
        approve_temporary(pack_copy, replace(REQUEST, ref="TX-2027-03", valid_from=date(2027, 1, 1),
                                             valid_to=date(2027, 1, 31), hours_per_month=27))


def test_an_approval_past_capacity_is_recorded_with_the_reason_the_town_gives(pack_copy):
    # 龙水: 52 + 150 = 202 > 120
    request = replace(REQUEST, unit="longshui", ref="LS-2026-12", hours_per_month=150)
    with pytest.raises(Refused) as refused:
        approve_temporary(pack_copy, request)
    assert "202" in refused.value.message and "120" in refused.value.message
    outcome = approve_temporary(pack_copy, request, override="专题研究决定临时抽调")
    change = load_pack(pack_copy).history.changes[-1]
    assert (change.target, change.override, change.review.blocking) == ("LS-2026-12", "专题研究决定临时抽调", ["capacity"])
    assert not outcome.override_unused
    # what no decision can override stays refused with a reason given
    with pytest.raises(Refused) as refused:
        approve_temporary(pack_copy, replace(REQUEST, activities=["patrol", "demolish"], hours_per_month=100),
                          override="专题研究决定")
    assert not refused.value.overridable
    # a reason no finding needed is not recorded, and said so
    unused = approve_temporary(pack_copy, replace(REQUEST, ref="TX-2026-13"), override="不需要")
    assert unused.override_unused and load_pack(pack_copy).history.changes[-1].override is None


def test_withdrawing_an_approval_that_has_ended_is_refused_saying_its_last_day(pack_copy):
    """LS-2026-06 ran 2026-06-01 .. 2026-08-29: a withdrawal from 2026-12-01 ends nothing."""
    before = snapshot(pack_copy)
    with pytest.raises(InputError) as caught:
        withdraw_temporary(pack_copy, "LS-2026-06", date(2026, 12, 1))
    [problem] = caught.value.problems
    assert problem.field == "--date" and "ended on 2026-08-29" in problem.message
    with pytest.raises(InputError, match="--effective"):  # one taking effect the day after its last day neither
        withdraw_temporary(pack_copy, "TX-2026-11", date(2026, 12, 1), effective=date(2027, 2, 1))
    assert snapshot(pack_copy) == before
    # from its last day it still ends something: that day
    withdraw_temporary(pack_copy, "TX-2026-11", date(2026, 12, 1), effective=date(2027, 1, 31))
    assert load_pack(pack_copy).approval_last_day(load_pack(pack_copy).approvals_by_ref["TX-2026-11"],
                                                  date(2026, 12, 2)) == date(2027, 1, 30)


def test_withdrawing_no_such_approval_names_the_argument_in_chinese(pack_copy, chinese):
    with pytest.raises(NotFound) as caught:
        withdraw_temporary(pack_copy, "TX-2026-99", date(2026, 12, 1))
    assert str(caught.value.problems[0]).startswith("批复编号（REF）: 找不到临时事项批复「TX-2026-99」")
