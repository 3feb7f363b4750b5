"""The example packs (a county with towns only, a city with counties) and the minimal template
each carry decision cases; they pass, and the runner is not vacuous on them."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from examplepacks import PACKS, copy_of

from gridrules import Checker
from gridrules.cases.run import run_cases
from gridrules.change.review import review_application
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_example_case_passes(name):
    root = PACKS[name]
    run = run_cases(Checker(load_pack(root)), root / "cases")
    assert run.outcomes and run.counts()["failed"] == 0, [o.case.name for o in run.failed]


@pytest.mark.parametrize("name", ["county", "city"])
def test_every_rule_of_an_example_pack_fires_in_one_of_its_cases(name):
    # as the bundled pack's cases do (gridrules test PACK --require-tests): the examples had left most rules
    # (50 of the county's 67, 49 of the city's 65) firing in no case; the minimal template is a skeleton to grow
    root = PACKS[name]
    run = run_cases(Checker(load_pack(root)), root / "cases", require_tests=True)
    assert run.untested == [] and run.counts()["failed"] == 0, run.untested


def test_a_wrong_expectation_in_an_example_fails(tmp_path):
    root = copy_of(PACKS["city"], tmp_path / "city")
    cases = root / "cases" / "events" / "city.yaml"
    data = yaml.safe_load(cases.read_text(encoding="utf-8"))
    data["cases"][0]["expect"]["handler"]["unit"] = "shicity"  # the bug the tree fixes: the city's centre
    cases.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = run_cases(Checker(load_pack(root)), root / "cases")
    assert run.counts()["failed"] == 1


# Each example's grid, its top level's name and the level names the escalation texts read (organization/levels.yaml)
GRIDS = {"county": "xihe-qiaotou-01", "city": "baishazhen-jiefang-01", "minimal": "xihe-qiaotou-01"}
TOPS = {"county": "县", "city": "市", "minimal": "县"}


@pytest.mark.parametrize("name", sorted(PACKS))
def test_an_example_packs_escalation_reasons_say_what_happened(name):
    """Policy §6 rule 5 in each example's own levels, as the bundled pack says it (F5): the last history entry
    lifts the level to one above its own, the top level being the top. No reason says 按逐级上报 from the top
    level -- the top level keeps the matter and says so (level.top_not_closed) -- and the escalation flag's
    reason names the last entry's level and the level now, not a "from" the history never had."""
    pack = load_pack(PACKS[name])
    checker = Checker(pack)
    ladder = [level.id for level in pack.levels]
    event = {"type": "MD01", "reported_at": "2026-03-04T09:30:00+08:00", "grid": GRIDS[name]}
    top = TOPS[name]
    for last in ladder:
        for outcome in ("unresolved", "overdue"):
            decision = checker.route_event(event | {"id": f"E-{last}-{outcome}", "history": [
                {"level": last, "outcome": outcome, "at": "2026-03-04T15:00:00+08:00"}]})
            texts = {r.rule: r.text for r in decision.reasons}
            if last == ladder[-1]:
                assert not any("逐级上报由" in text for text in texts.values()), texts
                assert texts["level.top_not_closed"] == f"{top}处置后尚未办结；{top}已是最高处置层级，无法再上报，仍由{top}处置。"
            else:
                assert ladder.index(decision.level) == ladder.index(last) + 1 and "level.top_not_closed" not in texts
    chain = checker.route_event(event | {"id": "E-chain", "history": [
        {"level": "grid", "outcome": "unresolved", "at": "2026-03-04T12:00:00+08:00"},
        {"level": "community", "outcome": "unresolved", "at": "2026-03-05T09:30:00+08:00"},
        {"level": "town", "outcome": "overdue", "at": "2026-03-09T09:30:00+08:00"}]})
    county = "县(区)" if name == "city" else "县"
    assert {r.rule: r.text for r in chain.reasons}["review.escalated_overdue"] == \
        f"因乡镇(街道)超时未办结，现由{county}处置（不计处置经过时为网格）。"


def test_an_example_reads_d02s_subjects_apart_in_the_review(tmp_path):
    """D02 (一标三实) names four subjects; the county, as the bundled pack, lists them (responsibilities/duties.yaml),
    so an application of 县委政法委 for 实有单位 data is not a blocking duplicate of its own D02 item about
    实有人口 with those activities (an overlap to explain), while one for 流动人口 (实有人口) still is."""
    root = copy_of(PACKS["county"], tmp_path / "county")
    items = root / "admission" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8") + (
        "  - id: L90\n    name: 实有人口信息采集核实\n    duty: D02\n    owners: [zhengfa]\n"
        "    activities: [collect_info, visit, report]\n    frequency: 每月\n    hours_per_month: 2\n    subsidy: 40\n"
        "    training: {owner: zhengfa}\n    towns: all\n    effective: {from: 2026-01-01}\n"
        "    approval: {session: 2025-1, date: 2025-12-20}\n    basis: 测试用事项\n"), encoding="utf-8")
    pack = load_pack(root)
    base = {"id": "APP-T-01", "applicant": "zhengfa", "basis": "测试", "duty": "D02", "activities": ["collect_info", "report"],
            "frequency": "每月", "hours_per_month": 1, "subsidy": 20, "training": {"owner": "zhengfa", "plan": "集中培训"},
            "risk": "low", "start": "2026-12-15"}
    on = date(2026, 11, 20)
    units = review_application(pack, Application.model_validate(base | {
        "item": "实有单位信息核采", "content": "核采辖区实有单位信息，发现未登记单位及时上报。"}), on)
    found = {f.id for f in units.findings}
    assert "overlap.L90" in found and "duplicate.L90" not in found, found
    people = review_application(pack, Application.model_validate(base | {
        "item": "流动人口信息核采", "content": "核采辖区流动人口信息并上报。"}), on)
    assert "duplicate.L90" in {f.id for f in people.findings}


def test_an_examples_capacity_finding_names_the_town_and_says_effective_items():
    """The county's review says where the list would go past the cap and counts 有效事项与临时事项, as the
    bundled pack's does: L01 (8 h, every town) and L02 (4 h, 西河镇 and 南山乡) make 12 h in either town
    (admission/items.yaml; no temporary approval runs in December), and 110 more is 122 over the 120 cap."""
    pack = load_pack(PACKS["county"])
    app = {"id": "APP-T-02", "item": "网格巡查", "applicant": "yingji", "basis": "测试", "content": "网格巡查并报告。",
           "duty": "D07", "activities": ["patrol", "report"], "frequency": "每日", "hours_per_month": 110,
           "subsidy": 2200, "training": {"owner": "yingji", "plan": "集中培训"}, "risk": "low", "start": "2026-12-15"}
    report = review_application(pack, Application.model_validate(app), date(2026, 11, 20))
    [message] = [f.message for f in report.findings if f.id == "capacity"]
    assert message in {f"纳入后{town}清单工作量每网格每月 122 小时（有效事项与临时事项 12 小时，本事项 110 小时），超过上限 120 小时。"
                       for town in ("西河镇", "南山乡")}, message
