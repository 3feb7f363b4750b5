"""The joint meeting's decisions written into a pack: approve, reject, amend, withdraw."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from appdocs import CANLIAN, FULIAN, snapshot
from gridrules import Checker
from gridrules.contract.application import Application
from gridrules.errors import InputError
from gridrules.engine.loading import load_pack
from gridrules.change.workflow import amend, approve, reject, withdraw
from gridrules.errors import Refused

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

DECIDED = date(2026, 12, 18)
TERMS_TEXT = ("    amendments:\n"
              "      - session: 2027-1\n"
              "        date: 2027-01-15\n"
              "        effective: 2027-02-01\n"
              "        terms:\n"
              "          subsidy: 20\n"
              "          training: {owner: shichang, delivered_on: 2024-12-31, plan: 每季度线上培训}\n")
TASK = {"id": "T-1", "title": "残疾人需求入户核查", "department": "canlian", "activities": ["visit", "report"],
        "start": "2027-03-10"}


def app(**change) -> Application:
    return Application.model_validate({**CANLIAN, **change})


def verdict(root, at: str, task=TASK) -> tuple[str, str | None]:
    decision = Checker(load_pack(root)).check_task(task, at=datetime.fromisoformat(at))
    return decision.verdict, decision.list_item


def test_approve_writes_the_item_with_its_provenance(pack_copy, pack):
    outcome = approve(pack_copy, app(), "2026-5", DECIDED)
    after = load_pack(pack_copy)
    item = after.items_by_id["L18"]
    assert outcome.target == "L18" and outcome.previous_digest == pack.digest and outcome.digest == after.digest
    assert (item.name, item.owners, item.duty, item.activities) == (CANLIAN["item"], ["canlian"], "D03", ["visit", "collect_info", "report"])
    assert (item.hours_per_month, item.subsidy, item.training.owner, item.effective.from_, item.effective.to) == (2, 40, "canlian", date(2027, 3, 1), None)
    assert (item.approval.session, item.approval.date, item.approval.application, item.approval.override) == ("2026-5", DECIDED, CANLIAN["id"], None)
    assert item.legal_basis == CANLIAN["basis"] and item.content == CANLIAN["content"]
    assert item.basis == "区网格化服务管理联席会议 2026-5 次会议 2026-12-18 审定（申请 APP-2026-017）"
    assert after.manifest.version == "1.1.0"
    [change] = after.history.changes
    assert (change.action, change.target, change.application, change.decision.session, change.decision.date) == (
        "approve", "L18", CANLIAN["id"], "2026-5", DECIDED)
    assert (change.previous_version, change.version, change.previous_digest) == ("1.0.0", "1.1.0", pack.digest)
    assert change.review.recommendation == "approve" and change.review.blocking == []


def test_the_approved_item_admits_matching_tasks_once_decided(pack_copy):
    assert verdict(pack_copy, "2027-03-10T09:00:00+08:00") == ("needs_application", None)
    approve(pack_copy, app(), "2026-5", DECIDED)
    assert verdict(pack_copy, "2027-03-10T09:00:00+08:00") == ("admitted", "L18")
    assert verdict(pack_copy, "2026-12-17T09:00:00+08:00") == ("needs_application", None)  # before the meeting
    assert verdict(pack_copy, "2027-03-10T09:00:00+08:00", TASK | {"start": "2027-02-20"}) == ("needs_application", None)


def test_an_approval_takes_effect_from_the_start_asked_but_never_before_its_decision(pack_copy):
    """Without --effective an item took effect from the application's start even when that had passed:
    approved on 12-18 for a start on 11-01, it admitted work starting 11-01 -- in force before the decision,
    which an --effective of 11-01 is refused for (policy §8: a change takes effect on or after its date)."""
    late = app(id="APP-2026-030", start="2026-11-01", item="残疾人辅具需求入户登记")
    approve(pack_copy, late, "2026-5", DECIDED)
    assert load_pack(pack_copy).items_by_id["L18"].effective.from_ == DECIDED
    assert verdict(pack_copy, "2026-12-20T09:00:00+08:00", TASK | {"start": "2026-12-10"}) == ("needs_application", None)
    with pytest.raises(InputError):  # as an explicit day before the decision is
        approve(pack_copy, app(id="APP-2026-031", item="另一事项"), "2026-5", DECIDED, effective=date(2026, 11, 1))


def test_a_refused_approval_leaves_the_pack_byte_for_byte(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:
        approve(pack_copy, app(subsidy=0), "2026-5", DECIDED)
    assert [f.id for f in refused.value.findings] == ["subsidy"] and refused.value.overridable
    # the findings are listed by every front end; the message names none by its code, nor a front end's option
    assert refused.value.message == (f"application {app().id} cannot be approved: the review has 1 blocking finding(s); "
                                     "if the approving body decided to approve nonetheless, give the reason")
    assert snapshot(pack_copy) == before


def test_an_override_is_recorded_with_the_item_and_in_the_history(pack_copy):
    outcome = approve(pack_copy, app(subsidy=0), "2026-5", DECIDED, override="区残联2027年预算调整前先行开展")
    item = load_pack(pack_copy).items_by_id["L18"]
    assert item.approval.override == "区残联2027年预算调整前先行开展"
    assert outcome.change["override"] == "区残联2027年预算调整前先行开展"
    assert outcome.change["review"] == {"recommendation": "incomplete", "blocking": ["subsidy"]}


def test_the_negative_list_cannot_be_overridden(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(Refused, match="no decision can override") as refused:
        approve(pack_copy, app(activities=["visit", "collect_fees"]), "2026-5", DECIDED, override="会议决定")
    assert [f.id for f in refused.value.findings] == ["negative.F05"]
    assert snapshot(pack_copy) == before


def test_an_item_needs_its_name_even_with_an_override(pack_copy):
    with pytest.raises(Refused, match="cannot be written without frequency"):
        approve(pack_copy, app(frequency=None), "2026-5", DECIDED, override="会议决定")


def test_an_application_is_approved_once(pack_copy):
    approve(pack_copy, app(), "2026-5", DECIDED)
    with pytest.raises(Refused, match="already on the list as L18"):
        approve(pack_copy, app(), "2026-6", DECIDED)


def test_a_decision_dated_before_an_item_already_listed_still_sees_it_as_a_duplicate(pack_copy):
    # FULIAN approved on 2026-12-18 as L18; the same application approved again under another id at a
    # session dated earlier (2026-12-01) must meet L18 as a blocking duplicate, not slip past it unseen
    approve(pack_copy, Application.model_validate(FULIAN), "2026-5", DECIDED)
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:
        approve(pack_copy, Application.model_validate(FULIAN | {"id": "APP-2026-099"}), "2026-4", date(2026, 12, 1))
    assert "duplicate.L18" in [f.id for f in refused.value.findings]
    assert snapshot(pack_copy) == before


def test_codes_follow_on(pack_copy):
    approve(pack_copy, app(), "2026-5", DECIDED)
    outcome = approve(pack_copy, Application.model_validate(FULIAN), "2026-5", DECIDED)
    assert outcome.target == "L19" and load_pack(pack_copy).manifest.version == "1.2.0"


def test_reject_is_recorded_and_changes_no_item(pack_copy, pack):
    outcome = reject(pack_copy, app(activities=["enforce"]), "2026-5", DECIDED, reason="属执法事项")
    after = load_pack(pack_copy)
    assert [i.id for i in after.items] == [i.id for i in pack.items]
    assert after.manifest.version == "1.0.1" and after.digest != pack.digest
    assert outcome.change["review"] == {"recommendation": "reject", "blocking": ["negative.F01"]}
    assert (outcome.change["action"], outcome.change["target"], outcome.change["reason"]) == ("reject", CANLIAN["id"], "属执法事项")


def test_amend_changes_only_what_it_names_and_records_before_and_after(pack_copy):
    approve(pack_copy, app(), "2026-5", DECIDED)
    outcome = amend(pack_copy, "L18", {"hours_per_month": 3, "subsidy": 60, "end": date(2029, 12, 31),
                                       "training_plan": "每年两次培训"}, "2027-2", date(2027, 4, 20))
    after = load_pack(pack_copy)
    item = after.items_by_id["L18"]
    # the approved terms stay; the amendment carries the terms it sets, from its date (no --effective)
    assert (item.hours_per_month, item.subsidy, item.effective.to) == (2, 40, None)
    assert [(a.session, a.date, a.effective) for a in item.amendments] == [("2027-2", date(2027, 4, 20), None)]
    now = after.item_versions["L18"][-1]
    assert (now.hours_per_month, now.subsidy, now.effective.to, now.training.plan) == (3, 60, date(2029, 12, 31), "每年两次培训")
    assert after.item_terms(item, date(2027, 5, 1), date(2027, 4, 19)).hours_per_month == 2  # work starting before
    assert after.item_terms(item, date(2027, 5, 1), date(2027, 4, 20)).hours_per_month == 3
    assert outcome.change["fields"] == [
        {"field": "hours_per_month", "before": 2, "after": 3},
        {"field": "subsidy", "before": 40, "after": 60},
        {"field": "effective.to", "after": "2029-12-31"},
        {"field": "training.plan", "before": CANLIAN["training"]["plan"], "after": "每年两次培训"},
    ]
    assert outcome.version == "1.2.0"


def test_an_amendment_writes_the_terms_it_sets_and_leaves_the_approved_ones(pack_copy):
    amend(pack_copy, "L11", {"subsidy": 20, "training_plan": "每季度线上培训"}, "2027-1", date(2027, 1, 15),
          effective=date(2027, 2, 1))
    after = load_pack(pack_copy)
    item = after.items_by_id["L11"]
    assert item.subsidy == 0 and item.training.plan is None  # as approved
    now = after.item_versions["L11"][-1]
    assert now.subsidy == 20 and now.training.plan == "每季度线上培训" and now.training.owner == "shichang"
    text = (pack_copy / "admission/items.yaml").read_text(encoding="utf-8")
    assert TERMS_TEXT in text


def test_an_amendment_that_brings_a_new_blocking_finding_needs_an_override(pack_copy):
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as refused:
        amend(pack_copy, "L01", {"hours_per_month": 75}, "2027-1", date(2027, 1, 15))  # 52 - 6 + 75 = 121
    assert [f.kind for f in refused.value.findings] == ["over_capacity"]
    with pytest.raises(Refused, match="no decision can override"):
        amend(pack_copy, "L01", {"activities": ["collect_info", "visit", "report", "enforce"]}, "2027-1", date(2027, 1, 15),
              override="x")
    assert snapshot(pack_copy) == before
    outcome = amend(pack_copy, "L01", {"hours_per_month": 75}, "2027-1", date(2027, 1, 15), override="人口普查年")
    assert outcome.change["override"] == "人口普查年"
    # an old finding the item already had (L11: no subsidy) does not block an unrelated amendment
    amend(pack_copy, "L11", {"frequency": "发现时即报"}, "2027-1", date(2027, 1, 15))


def test_amend_input_problems(pack_copy):
    with pytest.raises(InputError, match="unknown list item 'L81'"):
        amend(pack_copy, "L81", {"subsidy": 1}, "2027-1", date(2027, 1, 15))
    with pytest.raises(InputError, match="unknown activity 'vist'") as caught:
        amend(pack_copy, "L01", {"activities": ["vist"]}, "2027-1", date(2027, 1, 15))
    assert caught.value.problems[0].hint == "visit"
    with pytest.raises(InputError, match="nothing to amend"):
        amend(pack_copy, "L01", {"hours_per_month": 6}, "2027-1", date(2027, 1, 15))
    with pytest.raises(InputError, match="before the item starts"):
        amend(pack_copy, "L01", {"end": date(2024, 1, 1)}, "2027-1", date(2027, 1, 15))
    with pytest.raises(Refused, match="approved on 2024-12-20"):
        amend(pack_copy, "L01", {"subsidy": 1}, "2024-1", date(2024, 6, 1))


def test_an_amendment_taking_effect_before_the_last_one_names_both_and_the_fields_they_share(pack_copy):
    """Two amendments to L18 over overlapping days (the second from 04-01, the first recorded from 05-01):
    refused, as before, but the message named neither amendment nor what each changed ('its last change
    takes effect on 2027-05-01')."""
    approve(pack_copy, app(), "2026-5", DECIDED)
    amend(pack_copy, "L18", {"hours_per_month": 3, "subsidy": 60}, "2027-1", date(2027, 1, 15),
          effective=date(2027, 5, 1))
    before = snapshot(pack_copy)
    with pytest.raises(Refused) as caught:
        amend(pack_copy, "L18", {"hours_per_month": 4, "frequency": "每月"}, "2027-2", date(2027, 2, 10),
              effective=date(2027, 4, 1))
    said = str(caught.value)
    assert "the amendment by 2027年第1次会议 on 2027-01-15 takes effect on 2027-05-01 (hours_per_month, subsidy)" in said
    assert "the amendment by 2027年第2次会议 on 2027-02-10 would take effect on 2027-04-01 (hours_per_month, frequency)" in said
    assert "both change hours_per_month" in said and "on 2027-05-01 or later" in said
    with pytest.raises(Refused) as caught:  # a withdrawal too: the amendment it would come before is named
        withdraw(pack_copy, "L18", "2027-2", date(2027, 2, 10), effective=date(2027, 4, 1))
    assert "the amendment by 2027年第1次会议 on 2027-01-15 takes effect on 2027-05-01" in str(caught.value)
    assert "the withdrawal by 2027年第2次会议 on 2027-02-10 would take effect on 2027-04-01, before it." in str(caught.value)
    assert snapshot(pack_copy) == before


def test_withdraw_ends_the_item_from_its_date(pack_copy):
    approve(pack_copy, app(), "2026-5", DECIDED)
    outcome = withdraw(pack_copy, "L18", "2027-4", date(2027, 9, 30), reason="并入省级统一数据更新")
    item = load_pack(pack_copy).items_by_id["L18"]
    assert (item.withdrawal.session, item.withdrawal.date, item.withdrawal.effective) == ("2027-4", date(2027, 9, 30), None)
    assert outcome.change["reason"] == "并入省级统一数据更新" and outcome.version == "1.2.0"
    assert verdict(pack_copy, "2027-09-29T18:00:00+08:00") == ("admitted", "L18")
    # work that started before the withdrawal is still covered (its last day is 2027-09-29); work starting
    # on or after 2027-09-30 is not
    assert verdict(pack_copy, "2027-09-30T09:00:00+08:00") == ("admitted", "L18")
    assert verdict(pack_copy, "2027-09-30T09:00:00+08:00", TASK | {"start": "2027-09-30"}) == ("needs_application", None)
    assert verdict(pack_copy, "2027-09-30T09:00:00+08:00", TASK | {"end": "2027-10-31"}) == ("needs_application", None)
    with pytest.raises(Refused, match="withdrawn on 2027-09-30"):
        withdraw(pack_copy, "L18", "2027-5", date(2027, 10, 30))


def test_every_change_bumps_the_version_and_the_digest(pack_copy, pack):
    digests = [pack.digest]
    for step in (lambda: approve(pack_copy, app(), "2026-5", DECIDED),
                 lambda: reject(pack_copy, Application.model_validate(FULIAN), "2026-5", DECIDED),
                 lambda: amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20)),
                 lambda: withdraw(pack_copy, "L18", "2027-4", date(2027, 9, 30))):
        outcome = step()
        assert outcome.previous_digest == digests[-1]
        digests.append(outcome.digest)
    after = load_pack(pack_copy)
    assert len(set(digests)) == 5 and after.digest == digests[-1]
    assert [(c.seq, c.action, c.version) for c in after.history.changes] == [
        (1, "approve", "1.1.0"), (2, "reject", "1.1.1"), (3, "amend", "1.2.0"), (4, "withdraw", "1.3.0")]
    assert [c.previous_digest for c in after.history.changes] == digests[:-1]


def test_a_retried_approval_is_recorded_once_and_another_meetings_is_refused(pack_copy):
    """The same approval again (its writer killed after the pack was written, before it answered)
    finds its own entry and writes nothing; a different meeting's approval of a listed item is refused."""
    first = approve(pack_copy, app(), "2026-5", DECIDED)
    before = snapshot(pack_copy)
    again = approve(pack_copy, app(), "2026-5", DECIDED)
    assert snapshot(pack_copy) == before
    assert (again.written, again.target, again.change["seq"], again.digest) == (False, "L18", first.change["seq"],
                                                                             first.digest)
    assert again.change["application"] == CANLIAN["id"] and again.change["decision"]["session"] == "2026-5"
    for session, on in (("2027-1", DECIDED), ("2026-5", date(2026, 12, 19))):
        with pytest.raises(Refused, match="already on the list as L18"):
            approve(pack_copy, app(), session, on)
    assert snapshot(pack_copy) == before
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["approve"]


@pytest.mark.parametrize("differs,field", [({"item": "残疾人两项补贴资格核查"}, "name"), ({"hours_per_month": 5}, "hours_per_month"),
                                           ({"activities": ["visit"]}, "activities"),
                                           ({"content": "另一项工作的内容。"}, "content")])
def test_another_application_under_a_listed_number_is_refused_not_taken_for_a_retry(pack_copy, differs, field):
    """The same number, meeting and day, but not what was approved: another application given a
    number already used. Answering "already recorded" would tell the secretariat it was listed.
    The refusal says what differs, so a secretary retrying a command can see it is not the same one."""
    approve(pack_copy, app(), "2026-5", DECIDED)
    before = snapshot(pack_copy)
    # what to do next: another application takes another number
    with pytest.raises(Refused, match=f"already on the list as L18 \\(the decision recorded differs from this one in "
                                      f"{field}\\); if this is another application, give it an id not used yet"):
        approve(pack_copy, app(**differs), "2026-5", DECIDED)
    # another meeting's decision on the same application: no new number is asked for
    with pytest.raises(Refused, match="differs from this one in session, date\\)$"):
        approve(pack_copy, app(), "2027-1", date(2027, 1, 20))
    assert snapshot(pack_copy) == before


def test_a_retried_rejection_is_recorded_once(pack_copy):
    first = reject(pack_copy, app(), "2026-5", DECIDED, "重复")
    before = snapshot(pack_copy)
    again = reject(pack_copy, app(), "2026-5", DECIDED, "重复")
    assert snapshot(pack_copy) == before
    assert (again.written, again.change["seq"], again.digest) == (False, first.change["seq"], first.digest)
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject"]
    later = reject(pack_copy, app(), "2027-1", date(2027, 1, 20), "再次审议仍不予纳入")  # a new decision is recorded
    assert later.written and later.change["seq"] == 2


def test_a_retried_amendment_is_recorded_once_and_the_same_values_otherwise_are_bad_input(pack_copy):
    approve(pack_copy, app(), "2026-5", DECIDED)
    first = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    before = snapshot(pack_copy)
    again = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    assert snapshot(pack_copy) == before
    assert (again.written, again.action, again.change["seq"], again.digest) == (False, "amend", first.change["seq"],
                                                                               first.digest)
    with pytest.raises(InputError, match="already"):  # another meeting asking for the terms the item has
        amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-3", date(2027, 5, 20))
    assert snapshot(pack_copy) == before


def test_a_retried_amendment_is_found_after_later_decisions_on_the_item(pack_copy):
    """The meeting's amendment retried after another meeting amended the item again, or withdrew it,
    is still this very decision: found, nothing written (not amended back, not refused as withdrawn)."""
    approve(pack_copy, app(), "2026-5", DECIDED)
    first = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    amend(pack_copy, "L18", {"hours_per_month": 4}, "2027-3", date(2027, 5, 20))
    before = snapshot(pack_copy)
    again = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    assert (again.written, again.change["seq"], again.digest) == (False, first.change["seq"], first.digest)
    withdraw(pack_copy, "L18", "2027-4", date(2027, 6, 20))
    again = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    assert (again.written, again.change["seq"]) == (False, first.change["seq"])
    assert snapshot(pack_copy) != before and len(load_pack(pack_copy).history.changes) == 4


def test_one_meeting_cannot_amend_a_field_two_ways_on_one_day_but_may_amend_another(pack_copy):
    """Two amendments by the same meeting, on the same day, from the same first day, setting one field
    to two values contradict each other: the second is refused, naming the field and both values.
    Another field is another amendment of that meeting; each is then found when retried."""
    approve(pack_copy, app(), "2026-5", DECIDED)
    first = amend(pack_copy, "L18", {"hours_per_month": 3}, "2027-2", date(2027, 4, 20))
    before = snapshot(pack_copy)
    with pytest.raises(Refused, match=r"L18 was amended by the meeting 2027年第2次会议 on 2027-04-20 \(hours_per_month set "
                                      r"to 3, 5 this time\)"):
        amend(pack_copy, "L18", {"hours_per_month": 5}, "2027-2", date(2027, 4, 20))
    assert snapshot(pack_copy) == before
    second = amend(pack_copy, "L18", {"subsidy": 120}, "2027-2", date(2027, 4, 20))
    assert second.written
    for changes, found in (({"hours_per_month": 3}, first), ({"subsidy": 120}, second)):
        again = amend(pack_copy, "L18", changes, "2027-2", date(2027, 4, 20))
        assert (again.written, again.change["seq"]) == (False, found.change["seq"])
    # another meeting may decide otherwise
    assert amend(pack_copy, "L18", {"hours_per_month": 5}, "2027-3", date(2027, 5, 20)).written


def test_a_retried_withdrawal_is_recorded_once_and_another_meetings_is_refused(pack_copy):
    """Repeating a withdrawal answers as repeating an approval does: the same decision (meeting, day,
    first day without the item) is found recorded and nothing is written; another meeting's is refused."""
    approve(pack_copy, app(), "2026-5", DECIDED)
    first = withdraw(pack_copy, "L18", "2027-4", date(2027, 9, 30), effective=date(2027, 10, 1))
    before = snapshot(pack_copy)
    again = withdraw(pack_copy, "L18", "2027-4", date(2027, 9, 30), effective=date(2027, 10, 1))
    assert snapshot(pack_copy) == before
    assert (again.written, again.action, again.change["seq"], again.digest) == (False, "withdraw", first.change["seq"],
                                                                               first.digest)
    for session, on, effective in (("2027-5", date(2027, 10, 30), None), ("2027-4", date(2027, 9, 30), None)):
        with pytest.raises(Refused, match="L18 was withdrawn on 2027-09-30 \\(2027年第4次会议\\)"):
            withdraw(pack_copy, "L18", session, on, effective=effective)
    assert snapshot(pack_copy) == before


def test_a_retried_decision_answers_with_the_digests_of_its_own_version(pack_copy):
    """A decision found recorded under later changes answers with the pack's digests before and just
    after it, as its versions are, not the pack's digest now."""
    first = approve(pack_copy, app(), "2026-5", DECIDED)
    later = withdraw(pack_copy, "L06", "2026-6", date(2026, 12, 20))
    for again in (approve(pack_copy, app(), "2026-5", DECIDED), withdraw(pack_copy, "L06", "2026-6", date(2026, 12, 20))):
        assert not again.written
    again = approve(pack_copy, app(), "2026-5", DECIDED)
    assert (again.previous_digest, again.digest, again.version) == (first.previous_digest, first.digest, first.version)
    assert again.digest != later.digest == load_pack(pack_copy).digest
    retried_withdrawal = withdraw(pack_copy, "L06", "2026-6", date(2026, 12, 20))
    assert (retried_withdrawal.previous_digest, retried_withdrawal.digest) == (later.previous_digest, later.digest)


@pytest.mark.parametrize("reason", ["第一行\n第二行\u2028第三行\x85第四行", "段落\u2029结束\ufeff", "控制\x9b字符"])
def test_a_reason_with_any_line_break_is_written_and_read_back_exactly(pack_copy, reason):
    reject(pack_copy, app(), "2026-5", DECIDED, reason)
    assert load_pack(pack_copy).history.changes[-1].reason == reason


def test_a_county_departments_application_goes_to_its_countys_body(tmp_path):
    """A county department applies to the grid-work body at its own level: the item gets that
    body's code and scope, and the history records that body's decision in its words."""
    from examplepacks import CITY, copy_of
    from gridrules.change import history as changelog

    root = copy_of(CITY, tmp_path / "city")
    county_app = app(applicant="bs_yjj", training={"owner": "bs_yjj", "plan": "汛前培训"}, categories=["平安建设"],
                     activities=["patrol", "report"], duty="D07", hours_per_month=2, subsidy=40, start="2026-06-01")
    outcome = approve(root, county_app, "2026-2", date(2026, 3, 20))
    after = load_pack(root)
    item = after.items_by_id["BS02"]  # the county's own code, after BS01
    assert outcome.target == "BS02" and item.body == "baisha_body" and item.unit is None
    assert after.scopes.item_towns(item) == {"baishazhen", "hekou"}
    assert item.basis.startswith("白沙县网格化服务管理工作领导小组 2026-2 2026-03-20 审定")
    decision = outcome.change["decision"]
    # in effect from the application's start (terms over time), decided on the session's day
    assert decision == {"by": "baisha_body", "session": "2026-2", "date": "2026-03-20", "effective": "2026-06-01"}
    assert changelog.decision_words(after, decision) == "白沙县网格化服务管理工作领导小组2026年第2次会议（2026-03-20）"
    task = {"id": "T-9", "title": "汛期巡查", "department": "bs_yjj", "activities": ["patrol"], "start": "2026-06-10"}
    at = "2026-06-01T09:00:00+08:00"
    assert verdict(root, at, task | {"town": "hekou"}) == ("admitted", "BS02")
    assert verdict(root, at, task | {"town": "songlin"}) == ("needs_application", None)  # another county


def test_amend_can_change_where_an_item_applies(pack_copy):
    outcome = amend(pack_copy, "L13", {"towns": ["tangxiang", "longgang"]}, "2026-6", DECIDED)
    assert outcome.change["fields"] == [{"field": "towns", "before": "all", "after": ["tangxiang", "longgang"]}]
    after = load_pack(pack_copy)
    assert after.items_by_id["L13"].towns == "all"  # as approved; the amendment is a new version of its terms
    assert after.item_versions["L13"][-1].towns == ["tangxiang", "longgang"]
    checker = Checker(after)
    task = {"id": "T-13", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-21"}
    at = datetime.fromisoformat("2026-12-20T09:00:00+08:00")  # the amendment (decided and in effect 2026-12-18) is known
    assert checker.check_task(task | {"town": "longgang"}, at=at).list_item == "L13"
    assert checker.check_task(task | {"town": "longtanzi"}, at=at).list_item == "L06"  # L13 no longer applies there
    # work that started before it took effect keeps the old terms (every town)
    assert checker.check_task(task | {"town": "longtanzi", "start": "2026-12-10"}, at=at).list_item == "L13"
    with pytest.raises(InputError, match="unknown town 'tangxaing'"):
        amend(pack_copy, "L13", {"towns": ["tangxaing"]}, "2026-7", DECIDED)


def test_an_application_a_meeting_rejected_is_not_approved_by_it_and_a_later_meeting_may_reconsider(pack_copy):
    reject(pack_copy, app(), "2026-5", DECIDED, "不予纳入")
    before = snapshot(pack_copy)
    for session, on in (("2026-5", DECIDED), ("2026-4", date(2026, 12, 1))):  # the same meeting, or an earlier one
        with pytest.raises(Refused, match="rejected by the meeting 2026年第5次会议"):
            approve(pack_copy, app(), session, on)
        assert snapshot(pack_copy) == before
    later = approve(pack_copy, app(), "2027-1", date(2027, 1, 20))  # a later meeting reconsiders
    assert later.target == "L18"
    assert [c.action for c in load_pack(pack_copy).history.changes] == ["reject", "approve"]


def test_an_item_named_by_its_name_is_pointed_to_its_code(pack_copy):
    """The record is by code; an item given by its name (or a short form of it, or a near code) is
    refused with the code it names, not with a bare 'no such item'."""
    from gridrules.errors import NotFound

    for given in ("困难群众、独居老人、留守儿童走访及救助需求报告", "走访及救助", "L133"):
        with pytest.raises(NotFound) as caught:
            withdraw(pack_copy, given, "2026-9", DECIDED)
        (problem,) = caught.value.problems
        assert (problem.field, problem.hint) == ("ITEM", "L13"), given
