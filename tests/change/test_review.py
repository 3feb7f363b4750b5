"""The secretariat's review: each kind of finding fires when it should and not otherwise.

Expected values come from the policy (policy.md section 4 and the pack's
texts), worked out by hand: the default list totals 52 hours against a
capacity of 120; L13 is 区民政局's D03 item for visit, report and care, and
区民政局 is also an owner of L06 (D09: visit, report, assist, care); L09
(区应急管理局) and L10 (区规划自然资源局, 区水利局) are both D07 patrol-and-report.
"""

from __future__ import annotations

from datetime import date

import pytest

from appdocs import CANLIAN
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.change.review import next_item_code, proposal_of_item, review as review_of, review_application

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

ON = date(2026, 11, 25)


def review(pack, on=ON, **change):
    app = Application.model_validate({**CANLIAN, **change})
    return review_application(pack, app, on)


def ids(report):
    return [f.id for f in report.findings]


def finding(report, fid):
    return next(f for f in report.findings if f.id == fid)


def test_a_complete_lawful_application_is_recommended(pack):
    report = review(pack)
    assert (report.recommendation, ids(report), report.next_code) == ("approve", [], "L18")
    assert (report.workload.listed, report.workload.added, report.workload.after, report.workload.capacity) == (52, 2, 54, 120)
    assert report.summary == "未发现阻断性问题，建议提请联席会议审定纳入清单。"


def test_every_missing_or_empty_field_is_reported(pack):
    blank = {k: None for k in CANLIAN if k != "id"}
    report = review(pack, **blank | {"activities": [], "item": "  "})
    # policy.md section 4: what an application must state (end only for fixed-term items)
    # and, advisory, the risk level every item carries (policy §8), which the form asks for but does not require
    assert ids(report) == [f"missing.{f}" for f in ("item", "basis", "applicant", "content", "duty", "activities",
                                                    "frequency", "hours_per_month", "subsidy", "training", "start")] + ["risk"]
    assert report.recommendation == "incomplete"
    assert finding(report, "missing.subsidy").message == "申请未写明「工作补贴（元/网格/月）」。"
    missing = [f for f in report.findings if f.id != "risk"]
    assert all(f.severity == "blocking" and f.basis.startswith("清单式准入") for f in missing)
    assert finding(report, "risk").severity == "advisory" and "低" in finding(report, "risk").message


def test_unknown_codes_are_findings_with_a_did_you_mean(pack):
    report = review(pack, applicant="canlain", duty="D12", activities=["visit", "reprot"], categories=["民生需求"],
                    training={"owner": "canlain", "plan": "x"})
    assert ids(report) == ["unknown.applicant", "unknown.duty", "unknown.activities[1]", "unknown.categories[0]",
                           "unknown.training.owner"]
    bad = finding(report, "unknown.activities[1]")
    assert (bad.hint, bad.field, bad.overridable) == ("report", "activities[1]", False)
    assert bad.message == "「活动」填写的 reprot 在规则包中不存在。是否应为 report？"
    assert finding(report, "unknown.applicant").hint == "canlian"
    assert report.recommendation == "incomplete"


def test_negative_list_activities_lead_to_reject(pack):
    report = review(pack, activities=["visit", "enforce", "collect_fees"])
    assert ids(report) == ["negative.F01", "negative.F05"]
    assert report.recommendation == "reject"
    f01 = finding(report, "negative.F01")
    assert f01.basis == "负面清单 F01" and not f01.overridable and "任何审批都不能交给网格员" in f01.message


def test_reject_wins_over_incomplete(pack):
    report = review(pack, activities=["enforce"], frequency=None)
    assert set(ids(report)) == {"negative.F01", "missing.frequency"} and report.recommendation == "reject"


def test_an_activity_no_role_holds_is_beyond_powers(pack_copy):
    roles = pack_copy / "powers/roles.yaml"
    text = roles.read_text(encoding="utf-8").replace(", care, proxy_service]", ", care]")
    roles.write_text(text, encoding="utf-8")
    pack = load_pack(pack_copy)
    report = review(pack, activities=["visit", "proxy_service"])
    assert ids(report) == ["beyond_powers.proxy_service"] and report.recommendation == "reject"
    assert "代办代跑" in report.findings[0].message
    assert ids(review(load_pack(), activities=["visit", "proxy_service"])) == []  # full-time workers hold it


def test_duplicate_of_the_applicants_own_item(pack):
    report = review(pack, applicant="minzheng", duty="D03", activities=["visit", "report"],
                    training={"owner": "minzheng", "plan": "x"})
    # L13: same department, same duty, every activity already in it; L06: same department, other duty
    assert ids(report) == ["overlap.L06", "duplicate.L13"] and report.recommendation == "reject"
    dup = finding(report, "duplicate.L13")
    assert dup.item == "L13" and dup.overridable
    assert dup.message.startswith("与清单事项 L13「困难群众、独居老人、留守儿童走访及救助需求报告」重复：区民政局已是该事项的责任部门")


def test_overlap_with_the_applicants_item_for_another_duty_is_advisory(pack):
    report = review(pack, applicant="minzheng", duty="D06", activities=["visit", "publicize"],
                    training={"owner": "minzheng", "plan": "x"})
    assert ids(report) == ["overlap.L06", "overlap.L13"] and report.recommendation == "approve"
    assert "都有「入户走访」" in finding(report, "overlap.L13").message


def test_same_duty_and_activities_as_another_departments_items(pack):
    report = review(pack, applicant="jiaotong", duty="D07", activities=["patrol", "report"],
                    training={"owner": "jiaotong", "plan": "x"})
    assert ids(report) == ["same_work.L09", "same_work.L10"]
    assert "区规划自然资源局、区水利局负责" in finding(report, "same_work.L10").message


# D02 (一标三实) covers four subjects; the pack lists them with the words that name them
# (responsibilities/duties.yaml), so that the review tells an application about one from an item about another.
GONGAN_D02 = dict(applicant="gongan", duty="D02", activities=["collect_info", "report"],
                  training={"owner": "gongan", "plan": "x"})


def no_subjects_pack(pack_copy):
    """A copy whose D02 lists no subjects: the duty is then its only subject, as before subjects were read."""
    duties = pack_copy / "responsibilities/duties.yaml"
    text = duties.read_text(encoding="utf-8")
    start = text.index("  - id: D02\n")
    end = text.index("  - {id: D03", start)
    duties.write_text(text[:start] + "  - {id: D02, group: A, text: 及时更新实有人口、实有房屋、实有单位、标准地址（一标三实）}\n"
                      + text[end:], encoding="utf-8")
    return load_pack(pack_copy)


def test_an_application_about_another_subject_of_the_duty_is_no_duplicate(pack_copy):
    """区公安局 applies for 实有单位 data (review 7a, F1): L01 (实有人口) and L02 (出租房屋: 实有房屋) are its own
    D02 items with those activities but about other subjects -- overlaps to explain, not duplicates;
    L03「标准地址与实有单位核采」(区委政法委) is the item about 实有单位, with the same activities: the same work."""
    report = review(load_pack(pack_copy), item="实有单位（寄递物流、旅馆业）从业人员信息核采",
                    content="协助区公安局核采辖区寄递物流、旅馆等实有单位的从业人员信息，发现未登记单位及时上报。",
                    **GONGAN_D02)
    assert ids(report) == ["overlap.L01", "overlap.L02", "same_work.L03", "overlap.L06"]
    assert report.recommendation == "approve"
    assert "区委政法委(区综治中心)负责" in finding(report, "same_work.L03").message


def test_an_application_about_the_subject_of_its_own_item_is_a_duplicate(pack_copy):
    """流动人口 is 实有人口: L01's subject, 区公安局's, activities within L01's -- a blocking duplicate,
    and a pack's text may name the subject; L02 (实有房屋) is an overlap, L03 (标准地址, 实有单位) nothing."""
    review_texts = pack_copy / "admission/review.yaml"
    texts = review_texts.read_text(encoding="utf-8")
    review_texts.write_text(texts.replace("重复：{applicant_name}", "重复（{subjects}）：{applicant_name}", 1),
                            encoding="utf-8")
    report = review(load_pack(pack_copy), item="流动人口信息核采", content="核采辖区流动人口信息。", **GONGAN_D02)
    assert ids(report) == ["duplicate.L01", "overlap.L02", "overlap.L06"] and report.recommendation == "reject"
    assert finding(report, "duplicate.L01").message.startswith("与清单事项 L01「实有人口(含流动人口)采集核实」重复（实有人口）：")


def test_an_application_naming_none_of_the_duty_s_subjects_is_read_by_its_duty(pack_copy):
    """Nothing tells which of 一标三实 it is about: the duty is its subject, as in a pack listing none; and in a
    pack listing none, an application about 实有单位 reads as before (duplicates of L01 and L02)."""
    wanted = dict(item="一标三实信息更新", content="更新网格内的一标三实信息。", **GONGAN_D02)
    expected = ["duplicate.L01", "duplicate.L02", "same_work.L03", "overlap.L06"]
    assert ids(review(load_pack(), **wanted)) == expected
    plain = no_subjects_pack(pack_copy)
    assert ids(review(plain, **wanted)) == expected
    assert ids(review(plain, item="实有单位从业人员信息核采", content="核采实有单位从业人员信息。", **GONGAN_D02)) == expected


def test_withdrawn_and_lapsed_items_are_not_repeated(pack_copy):
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    l13 = text.index("id: L13")
    end = text.index("basis:", l13)
    text = text[:end] + "withdrawal: {session: 2026-3, date: 2026-10-01}\n    " + text[end:]
    items.write_text(text, encoding="utf-8")
    pack = load_pack(pack_copy)
    report = review(pack, applicant="minzheng", duty="D03", activities=["visit", "report"],
                    training={"owner": "minzheng", "plan": "x"})
    assert ids(report) == ["overlap.L06"] and report.workload.listed == 52 - 4
    assert ids(review(pack, ON.replace(month=9), applicant="minzheng", duty="D03", activities=["visit", "report"],
                      training={"owner": "minzheng", "plan": "x"})) == ["overlap.L06", "duplicate.L13"]  # before it


def test_items_ending_before_the_application_starts_are_not_repeated(pack_copy):
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    l13 = text.index("id: L13")
    text = text[:l13] + text[l13:].replace("effective: {from: 2025-01-01}", "effective: {from: 2025-01-01, to: 2027-02-28}", 1)
    items.write_text(text, encoding="utf-8")
    wanted = dict(applicant="minzheng", duty="D03", activities=["visit", "report"], training={"owner": "minzheng", "plan": "x"})
    assert ids(review(load_pack(pack_copy), **wanted)) == ["overlap.L06"]  # CANLIAN starts 2027-03-01
    assert ids(review(load_pack(pack_copy), **wanted, start="2027-02-01")) == ["overlap.L06", "duplicate.L13"]


@pytest.mark.parametrize("hours, over", [(68, False), (69, True)])
def test_capacity_is_exceeded_only_strictly_above(pack, hours, over):
    report = review(pack, hours_per_month=hours, subsidy=hours * 20)
    assert ("capacity" in ids(report)) is over
    if over:
        assert finding(report, "capacity").message == "纳入后大足区清单工作量每网格每月 121 小时（有效事项与临时事项 52 小时，本事项 69 小时），超过上限 120 小时。"
        assert report.recommendation == "reject"


@pytest.mark.parametrize("hours, subsidy, flagged", [(2, 0, True), (0, 0, False), (2, 0.5, False)])
def test_work_without_subsidy(pack, hours, subsidy, flagged):
    report = review(pack, hours_per_month=hours, subsidy=subsidy)
    assert ("subsidy" in ids(report)) is flagged
    if flagged:
        assert report.recommendation == "incomplete" and "费随事转" in finding(report, "subsidy").message


def test_training_owner_and_plan(pack):
    assert ids(review(pack, training={"owner": "canlian"})) == ["training.plan"]
    assert ids(review(pack, training={"plan": "每年培训"})) == ["training.owner"]
    assert ids(review(pack, training=None)) == ["missing.training"]
    assert review(pack, training={"owner": "canlian"}).recommendation == "incomplete"


def test_short_notice_counts_working_days_on_the_calendar(pack):
    # 2026-09-02 .. 2026-10-12: 29 weekdays, less 中秋 (09-25) and 国庆 (10-01, 02, 05, 06, 07),
    # plus the make-up days 09-20 and 10-10: 25 working days, under the 30 asked for.
    report = review(pack, date(2026, 9, 1), start="2026-10-12")
    assert ids(report) == ["short_notice"] and report.recommendation == "approve"
    assert finding(report, "short_notice").message == (
        "开始日期 2026-10-12 距审查日 2026-09-01 只有 25 个工作日，少于应提前申请的 30 个工作日。")
    assert ids(review(pack, date(2026, 9, 1), start="2026-10-20")) == []  # 31 working days


def test_weights_come_from_the_pack(pack_copy):
    texts = pack_copy / "admission/review.yaml"
    text = texts.read_text(encoding="utf-8")
    text = text.replace("  no_subsidy:\n    severity: blocking\n    outcome: incomplete\n", "  no_subsidy:\n    severity: advisory\n")
    texts.write_text(text, encoding="utf-8")
    report = review(load_pack(pack_copy), subsidy=0)
    assert ids(report) == ["subsidy"] and report.findings[0].severity == "advisory" and report.recommendation == "approve"


def test_next_code_follows_the_highest_number(pack_copy, pack):
    assert next_item_code(pack) == "L18"
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("id: L05", "id: L41"), encoding="utf-8")
    assert next_item_code(load_pack(pack_copy)) == "L42"


def test_item_codes_never_run_out(pack_copy):
    """It stopped at L9999: a code had at most four digits."""
    from datetime import date

    from appdocs import CANLIAN
    from gridrules.change.history import record_hand_edit
    from gridrules.change.workflow import approve
    from gridrules.contract.application import Application

    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("id: L17", "id: L9999"), encoding="utf-8")
    record_hand_edit(pack_copy, "编号测试")
    assert next_item_code(load_pack(pack_copy)) == "L10000"
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", date(2026, 12, 18))
    assert "L10000" in load_pack(pack_copy).items_by_id


def test_the_review_document_matches_its_published_schema(pack):
    from jsonschema import Draft202012Validator

    from gridrules.pack import jsonschemas

    document = review(pack, activities=["enforce"], subsidy=0).model_dump(mode="json")
    errors = list(Draft202012Validator(jsonschemas.all_schemas()["application_review"]).iter_errors(document))
    assert errors == []


# --- the fidelity additions (policy §8) -------------------------------------------------------


def test_a_tell_tale_word_in_the_content_is_an_advisory_finding(pack):
    report = review(pack, content="协助区残联逐户核实并截图上报")
    found = finding(report, "screened.F07.截图")
    assert (found.severity, found.field, report.recommendation) == ("advisory", "content", "approve")
    assert "「截图」" in found.message and "F07" in found.message


def test_a_word_inside_a_screening_exception_is_no_finding_and_one_outside_it_is(pack):
    # F05's exception 接收取暖补贴 holds 收取: the review reads the content as screening reads a task
    report = review(pack, content="协助区残联逐户接收取暖补贴申请材料")
    assert not [i for i in ids(report) if i.startswith("screened.")] and report.recommendation == "approve"
    report = review(pack, content="协助区残联逐户接收取暖补贴申请材料，收取材料费")
    assert [i for i in ids(report) if i.startswith("screened.")] == ["screened.F05.收取"]


def test_a_negated_word_is_no_finding_and_one_a_character_apart_is(pack):
    # the review reads the content as screening reads a task: 不得收取押金 says the work is not to be done
    report = review(pack, content="协助区残联逐户核实，不得收取押金，无需截图上报")
    assert not [i for i in ids(report) if i.startswith("screened.")] and report.recommendation == "approve"
    report = review(pack, content="协助区残联逐户核实，不得向居民收取押金")
    assert [i for i in ids(report) if i.startswith("screened.")] == ["screened.F05.收取", "screened.F05.押金"]


def test_the_workload_is_judged_against_the_busiest_town_with_its_approvals(pack):
    # an item from 2026-12-01 overlaps 棠香街道's TX-2026-11 (2 hours, to 2027-01-31): 52 + 2 = 54
    report = review(pack, start="2026-12-01", hours_per_month=66, subsidy=66 * 20)
    assert (report.workload.listed, report.workload.town, "capacity" in ids(report)) == (54, "tangxiang", False)
    report = review(pack, start="2026-12-01", hours_per_month=67, subsidy=67 * 20)
    assert finding(report, "capacity").message == (
        "纳入后棠香街道清单工作量每网格每月 121 小时（有效事项与临时事项 54 小时，本事项 67 小时），超过上限 120 小时。")
    # CANLIAN's own start (2027-03-01) is after TX ends: no town adds anything
    assert (review(pack).workload.listed, review(pack).workload.town) == (52, None)


def test_the_listed_workload_is_that_of_the_busiest_day_of_the_applications_period(pack, terms_pack):
    # L18 (the example of terms over time, tests/termspack.py): 2 hours from 2026-12-01, 3 from 2026-12-10,
    # withdrawn from 2026-12-20; the review of 2026-11-30 knows all three changes.  The busiest town, 棠香街道,
    # adds its TX-2026-11 (2 hours, to 2027-01-31) to each total (policy §8).  The item would carry its hours
    # on every day of its period, so its busiest day is judged (capacity is judged on a day, as a task's on
    # its start): from 12-05 or 12-12 that is a day of 12-10..12-19, L18 at 3 hours: 52 + 3 + 2
    on = date(2026, 11, 30)
    starting = {start: review(terms_pack, on, start=start, end=None).workload.listed
                for start in (date(2026, 12, 5), date(2026, 12, 12), date(2027, 3, 1))}
    assert starting == {date(2026, 12, 5): 55 + 2, date(2026, 12, 12): 55 + 2, date(2027, 3, 1): 52}
    # ending before L18's 3 hours begin: its 2 hours, on the start
    assert review(terms_pack, on, start=date(2026, 12, 5), end=date(2026, 12, 9)).workload.listed == 54 + 2
    # L18 not yet approved on 11-25
    assert review(terms_pack, ON, start=date(2026, 12, 12), end=None).workload.listed == 52 + 2
    # the bundled list is the policy's 52 hours on every day: 棠香街道's TX-2026-11 is all it adds
    assert review(pack, on, start=date(2026, 12, 12), end=None).workload.listed == 52 + 2


def test_an_approval_decided_but_not_yet_begun_counts_over_its_days(pack):
    # LS-2026-06 (龙水镇, decided 2026-05-20, 2026-06-01 to 2026-08-29, 6 hours): a review on 05-25 of an
    # item over July knows it, although its work has not begun (policy §8: capacity over the item's days)
    report = review(pack, date(2026, 5, 25), start=date(2026, 7, 1), end=date(2026, 7, 31))
    assert (report.workload.listed, report.workload.town) == (52 + 6, "longshui")
    # on 05-19 it is not yet decided: nothing adds
    report = review(pack, date(2026, 5, 19), start=date(2026, 7, 1), end=date(2026, 7, 31))
    assert (report.workload.listed, report.workload.town) == (52, None)


def test_hours_that_never_run_on_the_same_day_are_not_added_together(pack):
    """LS-2026-06 (龙水镇, 6 hours, 2026-06-01..08-29) and TX-2026-11 (棠香街道, 2 hours, from 11-15)
    never run at once, and neither does an approval that ended before the review day: an
    amendment of L13 (4 → 6 hours) reviewed on 2026-12-01 sees 棠香街道's busiest day, not a sum over
    its whole period since 2025 (it had read 56 + 6 = 62 for 龙水镇)."""
    amended = proposal_of_item(pack.items_by_id["L13"])
    amended.values["hours_per_month"] = 6
    found = review_of(pack, amended, date(2026, 12, 1), "L13")
    # the items for all towns without L13 (52 − 4 = 48) and 棠香街道's TX-2026-11 (2 hours)
    assert (found.workload.listed, found.workload.town, found.workload.added) == (48 + 2, "tangxiang", 6)
