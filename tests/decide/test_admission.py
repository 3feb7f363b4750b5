"""Admission cases the default pack cannot express: each edits a copy of the pack."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from gridrules import Checker, load_pack

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 11, 25, 10, 0, tzinfo=CST)


def edited(pack_copy, rel, old, new):
    path = pack_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return pack_copy


def task(**fields):
    return {"id": "T", "title": "t", "department": "gongan", "activities": ["publicize"], "start": "2026-12-01"} | fields


def test_tie_break_prefers_the_item_listing_the_department_earliest(pack_copy):
    # L14 (gongan, jinrong: publicize) against a new L18 (jinrong, gongan: publicize) for gongan's task:
    # same activities, so the owner order decides: gongan leads L14 -> L14; for jinrong, L18.
    items = pack_copy / "admission/items.yaml"
    l14 = items.read_text(encoding="utf-8").split("  - id: L14\n")[1].split("\n\n")[0]
    l18 = "  - id: L18\n" + l14.replace("owners: [gongan, jinrong]", "owners: [jinrong, gongan]").replace(
        "name: 反诈及防范非法集资宣传", "name: 防范非法集资及反诈宣传")  # a name of its own: two items of one name are refused
    items.write_text(items.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + l18 + "\n", encoding="utf-8")
    checker = Checker(load_pack(pack_copy))
    assert checker.check_task(task(), at=AT).list_item == "L14"
    assert checker.check_task(task(department="jinrong"), at=AT).list_item == "L18"


def test_fewest_extra_activities_beats_owner_order_and_code(pack_copy):
    # a new L18 where gongan is second but which lists only publicize, while L14 (gongan first) also does:
    # equal extras -> owner order; now give L14 an extra activity so L18 has fewer extras and wins.
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    l14 = text.split("  - id: L14\n")[1].split("\n\n")[0]
    l18 = "  - id: L18\n" + l14.replace("owners: [gongan, jinrong]", "owners: [jinrong, gongan]").replace(
        "name: 反诈及防范非法集资宣传", "name: 防范非法集资及反诈宣传")  # a name of its own: two items of one name are refused
    text = text.replace("    activities: [publicize]\n    frequency: 每季度", "    activities: [publicize, visit]\n    frequency: 每季度")
    items.write_text(text.rstrip("\n") + "\n\n" + l18 + "\n", encoding="utf-8")
    assert Checker(load_pack(pack_copy)).check_task(task(), at=AT).list_item == "L18"


def test_a_withdrawn_item_admits_until_the_withdrawal_and_not_after(pack_copy):
    edited(pack_copy, "admission/items.yaml",
           "    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15",
           "    approval: {session: 2024-4, date: 2024-12-20}\n    withdrawal: {session: 2026-3, date: 2026-10-01}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15")
    checker = Checker(load_pack(pack_copy))
    before = checker.check_task(task(), at=datetime(2026, 9, 30, 23, 0, tzinfo=CST))
    after = checker.check_task(task(), at=datetime(2026, 10, 1, 0, 0, tzinfo=CST))
    assert (before.verdict, before.list_item) == ("admitted", "L14")
    assert (after.verdict, after.flags) == ("needs_application", ["unlisted"])
    named = checker.check_task(task(list_item="L14"), at=AT)
    assert named.flags == ["list_item_mismatch", "unlisted", "no_subsidy"]
    # withdrawn from 2026-10-01: its last day is 2026-09-30 (policy section 8), after which the task starts
    assert "开始日期 2026-12-01 晚于截止日期 2026-09-30" in named.reasons[0].text
    earlier = checker.check_task(task(start="2026-09-01", end="2026-09-30"), at=AT)  # done before the withdrawal
    assert (earlier.verdict, earlier.list_item, str(earlier.valid_until)) == ("admitted", "L14", "2026-09-30")


def test_an_item_with_an_end_date_gives_valid_until_and_bounds_the_task(pack_copy):
    edited(pack_copy, "admission/items.yaml", "    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15",
           "    effective: {from: 2025-01-01, to: 2026-12-31}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15")
    checker = Checker(load_pack(pack_copy))
    inside = checker.check_task(task(end="2026-12-31"), at=AT)
    assert (inside.list_item, str(inside.valid_until)) == ("L14", "2026-12-31")
    beyond = checker.check_task(task(end="2027-01-01"), at=AT)
    assert beyond.verdict == "needs_application"
    open_ended = checker.check_task(task(), at=AT)  # no end given: only the start is checked
    assert open_ended.list_item == "L14"


def test_an_item_scoped_to_some_towns(pack_copy):
    edited(pack_copy, "admission/items.yaml", "    towns: all\n    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15",
           "    towns: [tangxiang]\n    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15")
    checker = Checker(load_pack(pack_copy))
    assert checker.check_task(task(town="tangxiang"), at=AT).list_item == "L14"
    assert checker.check_task(task(town="longshui"), at=AT).verdict == "needs_application"
    assert checker.check_task(task(), at=AT).verdict == "needs_application"


def test_a_withdrawn_approval_does_not_cover_work_starting_from_its_withdrawal(pack_copy):
    # decided on 2026-12-10, in effect from 2026-12-15: the approval's last day is 2026-12-14
    edited(pack_copy, "admission/temporary.yaml", "    to: 2027-01-31\n",
           "    to: 2027-01-31\n    withdrawn_on: 2026-12-10\n    withdrawn_from: 2026-12-15\n")
    checker = Checker(load_pack(pack_copy))
    town_task = task(department="tangxiang", issued_by="town", town="tangxiang", activities=["visit"],
                     temporary_approval="TX-2026-11", start="2026-12-15")
    assert checker.check_task(town_task, at=datetime(2026, 12, 9, 12, 0, tzinfo=CST)).verdict == "temporary"
    # known on 12-10, the withdrawal ended the approval on 12-14, before the task starts: it expired
    # (the contract's temporary_expired), it is not unknown; its reason says it was withdrawn, when, and
    # from when (rules/admission/rules.yaml temporary_withdrawn)
    later = checker.check_task(town_task, at=datetime(2026, 12, 10, 12, 0, tzinfo=CST))
    assert (later.verdict, later.flags) == ("needs_application", ["temporary_expired", "unlisted"])
    assert later.reasons[0].rule == "temporary.TX-2026-11.expired"
    assert later.reasons[0].text == ("批复 TX-2026-11 已于 2026-12-10 决定撤销，自 2026-12-15 起开始的工作不再准许；"
                                     "任务开始日是 2026-12-15。")
    done_before = checker.check_task(town_task | {"start": "2026-12-01", "end": "2026-12-14"},
                                     at=datetime(2026, 12, 20, 12, 0, tzinfo=CST))
    assert (done_before.verdict, str(done_before.valid_until)) == ("temporary", "2026-12-14")
    across = checker.check_task(town_task | {"start": "2026-12-01", "end": "2026-12-20"},
                                at=datetime(2026, 12, 20, 12, 0, tzinfo=CST))
    assert across.flags == ["temporary_mismatch", "unlisted"]
    assert "结束日期 2026-12-20 晚于截止日期 2026-12-14" in across.reasons[0].text


def test_mismatch_explains_why(pack):
    checker = Checker(pack)
    decision = checker.check_task(task(department="minzheng", activities=["visit", "patrol"], list_item="L13"), at=AT)
    text = decision.reasons[0].text
    assert decision.reasons[0].rule == "admission.list_item_mismatch"
    assert "「巡查巡逻」不在该事项的活动范围内" in text
    wrong_owner = checker.check_task(task(department="gongan", activities=["visit"], list_item="L13"), at=AT)
    assert "责任部门是区民政局，不包括区公安局" in wrong_owner.reasons[0].text


def test_a_towns_task_running_past_its_approvals_last_day_is_told_to_end_by_then(pack):
    """TX-2026-11 (棠香街道, visit and publicize, 2026-11-15 to 2027-01-31; policy §4) covers a town task to
    2027-02-15 but for its end: the first step says to end it on 2027-01-31, the day it would be admitted
    (policy §4: valid only until the end date), before the pack's step for a new 专题研究."""
    checker = Checker(pack)
    town = task(department="tangxiang", issued_by="town", town="tangxiang", activities=["visit", "publicize"],
                temporary_approval="TX-2026-11", start="2026-12-05")
    past = checker.check_task(town | {"end": "2027-02-15"}, at=AT)
    assert (past.verdict, past.flags) == ("needs_application", ["temporary_mismatch", "unlisted"])
    assert past.next_steps[0] == ("把任务的结束日期改为 2027-01-31（批复 TX-2026-11「冬季燃气安全入户宣传」的最后一天）或之前，"
                                  "即可作为临时事项交给网格员。")
    assert "棠香街道专题研究" in past.next_steps[1]
    on_last = checker.check_task(town | {"end": "2027-01-31"}, at=AT)
    assert (on_last.verdict, on_last.temporary_approval) == ("temporary", "TX-2026-11")  # the step is true
    # an activity beyond the approval: ending earlier would not help, so no such step
    beyond = checker.check_task(town | {"end": "2027-02-15", "activities": ["visit", "mediate"]}, at=AT)
    assert len(beyond.next_steps) == 1 and "专题研究" in beyond.next_steps[0]


def test_next_steps_say_what_to_do(pack):
    checker = Checker(pack)
    unlisted = checker.check_task(task(department="shengtai", activities=["patrol"]), at=AT)
    assert unlisted.next_steps and "区网格化服务管理联席会议" in unlisted.next_steps[0]
    assert "依据、申请部门" in unlisted.next_steps[0]  # the application's required fields, from the pack
    town = checker.check_task(task(department="shima", issued_by="town", town="shima", activities=["patrol"]), at=AT)
    assert "石马镇专题研究" in town.next_steps[0] and "90 日" in town.next_steps[0]
    forbidden = checker.check_task(task(activities=["enforce", "mediate"], assignee="part_time"), at=AT)
    assert forbidden.next_steps[0].startswith("删除负面清单上的活动（行政执法）")
    assert "专职网格员、网格长" in forbidden.next_steps[1]
    assert checker.check_task(task(), at=AT).next_steps == []


def test_every_reason_carries_the_pack_texts(pack):
    decision = Checker(pack).check_task(task(activities=["quota"], status="assigned"), at=AT)
    assert [(r.rule, r.basis) for r in decision.reasons] == [
        ("negative.F03", "负面清单 F03"),
        ("oversight.unauthorized_department", "负面清单 F09"),
    ]
    assert "{" not in "".join(r.text for r in decision.reasons)


# --- the fidelity additions (policy §8) ------------------------------------------------------


def test_a_town_relays_an_item_scoped_to_it_and_not_one_scoped_elsewhere(pack_copy):
    edited(pack_copy, "admission/items.yaml", "    towns: all\n    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15",
           "    towns: [tangxiang]\n    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15")
    checker = Checker(load_pack(pack_copy))
    relayed = checker.check_task(task(department="tangxiang", issued_by="town", town="tangxiang", list_item="L14"), at=AT)
    assert (relayed.verdict, relayed.list_item, relayed.accountable) == ("admitted", "L14", ["gongan", "jinrong"])
    assert relayed.reasons[0].rule == "relay.L14" and relayed.reasons[0].text.startswith("棠香街道转交工作清单 L14")
    elsewhere = checker.check_task(task(department="longshui", issued_by="town", town="longshui", list_item="L14"), at=AT)
    assert (elsewhere.verdict, elsewhere.flags) == ("needs_application", ["list_item_mismatch", "unlisted", "no_subsidy"])
    assert "该事项不适用于本镇街" in elsewhere.reasons[0].text


def test_an_admitted_decision_states_subsidy_training_owner_and_who_is_accountable(pack):
    decision = Checker(pack).check_task(task(department="minzheng", activities=["visit", "report", "assist"]), at=AT)
    # L06 (weijian, gongan, minzheng; visit, report, assist, care; 60 元; training weijian; high risk)
    assert (decision.list_item, decision.subsidy, decision.training_owner, decision.accountable) == (
        "L06", 60, "weijian", ["weijian", "gongan", "minzheng"])
    assert (decision.risk, decision.safeguard) == ("high", "网格员立即上报，不得单独处置")
    assert "oversight.high_risk_safeguard" in [r.rule for r in decision.reasons]


def test_over_capacity_names_the_town_a_task_without_one_was_judged_against(pack):
    checker = Checker(pack)
    no_town = checker.check_task(task(department="shengtai", activities=["patrol"], hours_per_month=70), at=AT)
    [reason] = [r for r in no_town.reasons if r.rule == "oversight.over_capacity"]
    assert reason.text == ("清单工作量 54 小时（本任务未注明镇街，按清单工作量最高的棠香街道计）加上本任务新增的 70 小时"
                           "（所依据事项已计入清单的工作量不重复计算），每网格每月共 124 小时，超过上限 120 小时。")
    with_town = checker.check_task(task(department="shengtai", activities=["patrol"], hours_per_month=70,
                                        town="longgang"), at=AT)
    [reason] = [r for r in with_town.reasons if r.rule == "oversight.over_capacity"]
    assert reason.text.startswith("清单工作量 52 小时加上本任务新增的 70 小时（所依据事项已计入清单的工作量不重复计算），"
                                  "每网格每月共 122 小时")


def test_over_capacity_is_one_reason_for_tasks_naming_towns_of_the_same_total(pack):
    """A task naming its town is not told the town (the text reads the town only for a task naming
    none), so the reason is remembered by the hours alone: longgang and gaosheng both list 52 hours."""
    checker = Checker(pack)
    reasons = [r for town in ("longgang", "gaosheng")
               for r in checker.check_task(task(department="shengtai", activities=["patrol"], hours_per_month=70,
                                                town=town), at=AT).reasons if r.rule == "oversight.over_capacity"]
    assert len(reasons) == 2 and reasons[0] is reasons[1], reasons
    assert "棠香" not in reasons[0].text and "52 小时加上" in reasons[0].text


def test_an_admitted_tasks_added_hours_are_those_beyond_its_items_budget(pack):
    """L13 budgets 4 hours a grid a month (rules/admission/items.yaml); a task under it giving 200 adds
    196 to the list's total, and the reason says the item's own hours are not counted twice."""
    decision = Checker(pack).check_task(task(department="minzheng", activities=["visit", "report"], hours_per_month=200), at=AT)
    assert (decision.verdict, decision.list_item) == ("admitted", "L13") and "over_capacity" in decision.flags
    [reason] = [r for r in decision.reasons if r.rule == "oversight.over_capacity"]
    assert "加上本任务新增的 196 小时（所依据事项已计入清单的工作量不重复计算）" in reason.text, reason.text


def test_an_outside_issuer_is_told_to_register_first(pack):
    decision = Checker(pack).check_task(task(department="external:统计局", activities=["visit"]), at=AT)
    assert (decision.verdict, decision.responsible_level) == ("needs_application", "district")
    assert decision.next_steps[0].startswith("统计局不是本区登记的职能部门")


def test_the_risk_floor_keeps_a_high_event_off_the_grid_in_a_pack_that_starts_one_there(pack_copy):
    """Default high types all start at town or above; a pack whose high type starts at the grid
    relies on level.high_risk's floor (policy §8)."""
    edited(pack_copy, "events/types.yaml", "{code: TS05, name: 心理危机、五类人员异常, level: town, grade: significant",
           "{code: TS05, name: 心理危机、五类人员异常, level: grid, grade: general")
    event = {"id": "E", "type": "TS05", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "tangxiang-heping-01"}
    decision = Checker(load_pack(pack_copy)).route_event(event)
    assert (decision.level, decision.risk) == ("community", "high")
    assert "level.high_risk" in [r.rule for r in decision.reasons]


def test_the_engine_admits_exactly_where_the_terms_in_effect_cover_the_task(terms_pack):
    """L18 (tests/termspack.py: approved, amended to add publicize from 2026-12-10, withdrawn from
    2026-12-20): for every moment, start and end around its changes, the compiled rules admit under it
    exactly when the library's reading of the terms in effect on the start covers the task (policy section 8)."""
    pack = terms_pack
    checker = Checker(pack)
    item = pack.items_by_id["L18"]
    days = [date.fromordinal(date(2026, 11, 24).toordinal() + 3 * n) for n in range(12)]
    for activities in (["patrol", "report"], ["publicize"]):
        for at in days[:4]:
            for start in days:
                for end in (None, date(2026, 12, 19), date(2026, 12, 21)):
                    if end is not None and end < start:
                        continue
                    view = pack.item_terms(item, at, start)
                    covers = (view is not None and set(activities) <= set(view.activities)
                              and (view.effective.to is None or (end or start) <= view.effective.to))
                    doc = task(department="nongye", activities=activities, start=str(start),
                               **({"end": str(end)} if end else {}))
                    decided = checker.check_task(doc, at=datetime.combine(at, datetime.min.time(), CST).replace(hour=12))
                    assert (decided.list_item == "L18") == covers, (activities, at, start, end, decided.verdict)
                    if covers:
                        assert decided.valid_until == view.effective.to


def test_capacity_counts_the_hours_in_effect_on_the_start(terms_pack):
    # L18 (tests/termspack.py) adds 2 hours from 2026-12-01 and 3 from 2026-12-10, none from 2026-12-20: an unlisted task of
    # 66 hours makes 120 on 2026-12-05 and 121 (over) on 2026-12-12 -- as known on 2026-11-30 (in 龙岗街道,
    # which has no temporary approval of its own)
    checker = Checker(terms_pack)
    at = datetime(2026, 11, 30, 10, 0, tzinfo=CST)
    flags = {start: checker.check_task(task(department="shengtai", activities=["patrol"], start=start,
                                            town="longgang", hours_per_month=66), at=at).flags
             for start in ("2026-11-30", "2026-12-05", "2026-12-12", "2026-12-20")}
    assert flags == {"2026-11-30": ["unlisted"], "2026-12-05": ["unlisted"],
                     "2026-12-12": ["unlisted", "over_capacity"], "2026-12-20": ["unlisted"]}
    before = checker.check_task(task(department="shengtai", activities=["patrol"], start="2026-12-12",
                                     town="longgang", hours_per_month=66), at=datetime(2026, 11, 25, 10, 0, tzinfo=CST))
    assert before.flags == ["unlisted"]  # L18 was not yet approved: 52 + 66


def test_the_bundled_list_is_the_policys_52_hours_on_every_day(pack):
    """Policy §4: the list totals 52 hours a grid a month; 龙岗街道 has no temporary approval, so an
    unlisted task of 68 hours makes 120 there whatever day it starts (a sample item once added 2-3
    hours from 2026-12-01 to 2026-12-19) and one of 69 hours is over."""
    checker = Checker(pack)
    at = datetime(2026, 12, 2, 10, 0, tzinfo=CST)
    for start in ("2026-12-05", "2026-12-12", "2027-01-05"):
        for hours, flags in ((68, ["unlisted"]), (69, ["unlisted", "over_capacity"])):
            decided = checker.check_task(task(department="shengtai", activities=["patrol"], start=start,
                                              town="longgang", hours_per_month=hours), at=at)
            assert decided.flags == flags, (start, hours)


# --- an item covering the work but for its dates (review 9, findings 2 and 3; policy §8) ---------------------


def test_an_item_ending_before_the_task_ends_is_named_with_its_last_day_and_the_tasks_end(pack_copy):
    """L14 (gongan: publicize) made to end on 2027-03-31: a task to 2027-06-30 is not admitted (its
    end is bounded by the item's dates, policy §8) -- but the reason and the step name L14, its last
    day and the task's end, and say to end the task by then or have the item extended."""
    edited(pack_copy, "admission/items.yaml",
           "    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n"
           "    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15",
           "    effective: {from: 2025-01-01, to: 2027-03-31}\n    approval: {session: 2024-4, date: 2024-12-20}\n"
           "    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L15")
    checker = Checker(load_pack(pack_copy))
    beyond = checker.check_task(task(start="2027-01-05", end="2027-06-30"), at=AT)
    assert (beyond.verdict, beyond.list_item, beyond.valid_until) == ("needs_application", None, None)
    assert beyond.flags == ["unlisted"]  # the contract's flags: nothing new
    reason = next(r for r in beyond.reasons if r.rule.startswith("admission.unlisted"))
    assert reason.rule == "admission.unlisted_ends"
    assert "L14" in reason.text and "有效期至 2027-03-31" in reason.text and "至 2027-06-30 结束" in reason.text
    assert reason.basis == "清单式准入 · 工作清单 L14"
    step = beyond.next_steps[0]
    assert "2027-03-31" in step and "L14" in step and "2027-06-30" in step and "申请延续该事项" in step  # Chinese, as the contract says
    assert "区网格化服务管理联席会议" in beyond.next_steps[1]  # then how to apply (the pack's words)
    # the boundary: ending on the item's last day, it is admitted until then
    on_last = checker.check_task(task(start="2027-01-05", end="2027-03-31"), at=AT)
    assert (on_last.verdict, on_last.list_item, str(on_last.valid_until)) == ("admitted", "L14", "2027-03-31")
    # starting after the item's last day, nothing covers it: not listed (the pack's usual words)
    after = checker.check_task(task(start="2027-04-01", end="2027-06-30"), at=AT)
    assert [r.rule for r in after.reasons if r.rule.startswith("admission.unlisted")] == ["admission.unlisted_department"]


def test_a_task_before_a_pending_items_start_is_not_told_to_apply(pack):
    """L01 (gongan), approved 2024-12-20, in effect from 2025-01-01: checked on 2024-12-25, a task from
    2024-12-31 is not admitted yet, and neither the verdict's words nor the reason tell the clerk to apply
    while the step says none is needed."""
    checker = Checker(pack)
    at = datetime(2024, 12, 25, 10, 0, tzinfo=CST)
    early = checker.check_task(task(activities=["collect_info", "visit", "report"], start="2024-12-31"), at=at)
    assert (early.verdict, early.flags) == ("needs_application", ["unlisted"])
    reason = next(r for r in early.reasons if r.rule.startswith("admission.unlisted"))
    assert reason.rule == "admission.unlisted_pending"
    assert "L01" in reason.text and "2025-01-01 起生效" in reason.text and "申请" not in reason.text
    assert "L01" in early.next_steps[0] and "2025-01-01" in early.next_steps[0] and len(early.next_steps) == 1
    from gridrules.decide.labels import verdict_words
    words = verdict_words(early.verdict, early.flags, chinese=True, rules=[r.rule for r in early.reasons])
    assert words.startswith("待生效") and "申请" not in words
    # an unlisted task keeps its usual words
    unlisted = checker.check_task(task(department="shengtai", activities=["patrol"]), at=AT)
    assert "须申请纳入清单" in verdict_words(unlisted.verdict, unlisted.flags, chinese=True,
                                      rules=[r.rule for r in unlisted.reasons])


def test_next_steps_are_chinese_whatever_the_process_language(pack):
    """The decision document does not depend on the message language (contract: next_steps are Chinese,
    one sentence each): with the language set to English, the steps the tool writes without the pack's
    words (here: name the item that covers the task) stay Chinese (review 10b, finding 4)."""
    from gridrules.catalogue import set_language

    wrong = {"id": "T-8", "title": "人口信息采集", "department": "shuili", "assignee": "part_time", "list_item": "L14",
             "activities": ["patrol"], "start": "2025-07-25", "status": "assigned", "channel": "direct"}
    at = datetime(2025, 9, 29, 1, 50, tzinfo=CST)
    set_language("en")
    try:
        english = Checker(pack).check_task(wrong, at=at)
    finally:
        set_language(None)
    set_language("zh")
    try:
        chinese = Checker(pack).check_task(wrong, at=at)
    finally:
        set_language(None)
    assert english.next_steps == ["所注明的 L14 不涵盖本任务，但清单事项 L10「汛期地质灾害、防汛隐患点巡查」涵盖："
                                  "改为注明 L10（或不注明清单事项）即可准入，无需申请。"]
    assert english.model_dump(mode="json") == chinese.model_dump(mode="json")
