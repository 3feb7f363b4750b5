"""准入申请 in a real browser: a department fills the application form (checked as it types), the
secretariat reads the applications table and the review, and records the joint meeting's decision."""

from __future__ import annotations

import pytest

from appdocs import DECIDED, FULIAN, gridrules, write_app
from gridrules.service.applications import ApplicationStore
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

# examples/application.yaml, which `gridrules admission review` recommends approving (next code L18)
ITEM = "残疾人基本服务状况和需求信息入户核查"


def fill_application(page, app_id: str) -> None:
    page.get_by_label("申请编号").fill(app_id)
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_label("依据").fill("《中华人民共和国残疾人保障法》第十条、第十一条")
    page.get_by_label("工作内容").fill("每年一次，协助区残联对网格内持证残疾人逐户核实基本服务状况和需求。")
    page.get_by_label("对应职责").select_option(label="入户走访，收集社情民意，及时反映并妥善处理群众利益诉求")
    page.get_by_label("频次").fill("每年集中核查一次，平时发现变化时报告")
    for activity in ("入户走访", "信息采集核实", "发现报告"):
        page.get_by_label(activity).check()
    page.get_by_label("民生需求项目").check()
    page.get_by_label("工作量").fill("2")
    page.get_by_label("工作补贴").fill("40")
    page.get_by_label("培训责任单位").select_option(label="区残联")
    page.get_by_label("培训计划", exact=True).fill("每年核查开始前由区残联组织一次集中培训。")
    page.get_by_label("开始日期").fill("2027-03-01")


def test_a_department_applies_and_the_secretariat_approves(visit):
    department = visit("department:canlian")
    page = department.page
    page.goto("/ui/applications")
    page.get_by_role("link", name="填写新申请").click()
    live = page.locator("#live-check")
    expect(live).to_contain_text("建议退回补正")  # checked as soon as the form opens: everything is missing
    department.shot("form-empty")
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_label("行政执法").check()  # a negative-list activity: the check says so while typing
    expect(live).to_contain_text("行政执法")
    expect(live.locator(".finding.blocking").first).to_be_visible()
    department.shot("form-negative")
    page.get_by_label("行政执法").uncheck()
    fill_application(page, "APP-2026-017")
    expect(live).to_contain_text("建议同意纳入")
    expect(live).to_contain_text("如审定纳入，编号将为 L18")
    expect(live.locator("#review-for")).to_contain_text("供申请部门参考")  # the secretariat's words, framed for the applicant
    department.shot("form-filled")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")
    expect(page.get_by_role("button", name="记录审定纳入")).to_have_count(0)  # a department does not decide
    department.shot("submitted")

    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications")
    row = page.locator("#applications tbody tr", has_text="APP-2026-017")
    expect(row).to_contain_text(ITEM)
    expect(row).to_contain_text("区残联")
    secretariat.shot("table")
    row.get_by_role("link", name="APP-2026-017").click()
    expect(page.locator("#review")).to_contain_text("建议同意纳入")
    expect(page.locator("#review-for")).to_have_count(0)  # the secretariat reads its own review as it is
    secretariat.shot("review")
    # canlian is a district department: the district's list-keeping body decides (rules/admission/bodies.yaml)
    expect(page.get_by_role("heading", name="记录区网格化服务管理联席会议的决定")).to_be_visible()
    page.get_by_label("会议届次").first.fill("2026-5")
    page.get_by_label("决定日期").first.fill("2026-11-18")
    page.get_by_label("施行日期").fill("2027-04-01")  # later than the start the application asks for (2027-03-01)
    page.get_by_role("button", name="记录审定纳入").click()
    expect(page.locator("#status")).to_have_text("审定纳入")
    # bodies.yaml: "联席会议{meeting}（{date}）", session 2026-5 read as 2026年第5次会议
    expect(page.locator("#outcome")).to_contain_text("联席会议2026年第5次会议（2026-11-18）审定纳入，编号 L18")
    secretariat.shot("approved")
    # the review it was approved on, so labelled -- not a new one against the list that now holds L18
    expect(page.get_by_role("heading", name="决定时的审查意见")).to_be_visible()
    expect(page.locator("#review-at-decision")).to_contain_text("联席会议2026年第5次会议（2026-11-18）作出决定时的审查意见")
    expect(page.locator("#review-at-decision")).to_contain_text("规则包版本 1.0.0")
    expect(page.locator("#review")).to_contain_text("建议同意纳入")
    expect(page.locator("#review")).to_contain_text("如审定纳入，编号将为 L18")
    expect(page.locator("#review .finding.blocking")).to_have_count(0)
    page.goto("/ui/applications")  # the table names the decision as the page does, not 2026-5 届 2026-11-18
    expect(page.locator("#applications tbody tr", has_text="APP-2026-017")).to_contain_text(
        "列为 L18；联席会议2026年第5次会议（2026-11-18）")
    page.goto("/ui/items?on=2027-03-10")
    # on the published list, in effect from the meeting's 施行日期 instead of the start asked for
    expect(page.locator("#list tbody tr", has_text=ITEM)).to_contain_text("2027-04-01 至 长期")


def test_a_blocked_application_is_refused_until_the_meeting_says_why(visit):
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    page.get_by_label("申请编号").fill("APP-MZ-1")
    page.get_by_label("事项名称").fill("低保对象入户核查")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")

    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications/APP-MZ-1")
    expect(page.locator("#review")).to_contain_text("建议退回补正")
    page.get_by_label("会议届次").first.fill("2026-5")
    page.get_by_label("决定日期").first.fill("2026-11-18")
    page.get_by_role("button", name="记录审定纳入").click()
    expect(page.locator("#refused")).to_contain_text("未能记录：规则包未作任何改动")
    expect(page.locator("#refused")).to_contain_text("申请未写明「对应职责」。（可越过）")  # missing.duty: blocking, overridable
    expect(page.locator("#status")).to_have_text("待审议")
    secretariat.shot("refused")
    page.locator("#r-session").fill("2026-5")
    page.locator("#r-date").fill("2026-11-18")
    page.get_by_label("理由").last.fill("材料不全，退回补充")
    page.get_by_role("button", name="记录不予纳入").click()
    expect(page.locator("#status")).to_have_text("不予纳入")
    expect(page.locator("#outcome")).to_contain_text("不予纳入")
    secretariat.shot("rejected")
    department.page.goto("/ui/applications/APP-MZ-1")  # the department reads why
    expect(department.page.locator("#outcome-reason")).to_have_text("理由：材料不全，退回补充")


def test_a_refused_decision_shows_each_problem_beside_its_field_with_the_form_expected(visit):
    """会议届次 第6次 is not a session's form: said beside the field, with the form it takes (2026-6);
    the reject form's problems beside its own fields."""
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    page.get_by_label("申请编号").fill("APP-MZ-2")
    page.get_by_label("事项名称").fill("高龄津贴对象入户核查")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")

    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications/APP-MZ-2")
    page.get_by_label("会议届次").first.fill("第6次")
    page.get_by_role("button", name="记录审定纳入").click()
    expect(page.locator("#session-error")).to_contain_text("2026-6")
    expect(page.locator(".field.invalid")).to_have_count(1)
    secretariat.shot("session")
    page.locator("#r-session").fill("第6次")
    page.locator("#r-date").fill("2026-11-18")
    page.get_by_role("button", name="记录不予纳入").click()
    expect(page.locator("#r-session-error")).to_contain_text("2026-6")
    expect(page.locator("#session-error")).to_have_count(0)  # the approval form's field is not the one sent


def test_the_application_states_its_risk_level_by_name(visit):
    """Policy §8: every list item carries a risk level. The form offers the risk list's levels by name;
    the review names the field in Chinese, and the finding goes once a level is chosen."""
    department = visit("department:canlian")
    page = department.page
    page.goto("/ui/applications/new")
    fill_application(page, "APP-2026-031")
    live = page.locator("#live-check")
    expect(live).to_contain_text("提示（风险等级）：申请未写明风险等级")  # rules/admission/review.yaml no_risk
    assert "（risk）" not in live.inner_text()
    page.get_by_label("风险等级").select_option(label="中")  # rules/risk.yaml: medium is named 中
    expect(live).not_to_contain_text("申请未写明风险等级")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")
    expect(page.locator("dl.facts")).to_contain_text("风险等级中")
    expect(page.locator("#review")).not_to_contain_text("申请未写明风险等级")


def test_an_application_decided_on_the_command_line_reads_as_decided(visit, served, tmp_path):
    """The meeting's decision recorded with ``gridrules admission`` instead of the page (or by a server
    killed before it filed it): the pages read the application as the pack records it."""
    ApplicationStore(served.config.parent / "applications").submit(FULIAN, "fulian")
    done = gridrules("admission", "reject", write_app(tmp_path, FULIAN), "--session", "2026-5", "--date", DECIDED,
                     "--reason", "另行研究", "--pack", str(served.pack))
    assert done.returncode == 0, done.stderr
    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications")
    row = page.locator("#applications tbody tr", has_text=FULIAN["id"])
    expect(row).to_contain_text("不予纳入")
    row.get_by_role("link", name=FULIAN["id"]).click()
    expect(page.locator("#status")).to_have_text("不予纳入")
    expect(page.locator("#outcome")).to_contain_text("2026年第5次会议（2026-11-18）不予纳入")
    expect(page.locator("#outcome-reason")).to_have_text("理由：另行研究")  # what the department needs to know
    expect(page.get_by_role("button", name="记录审定纳入")).to_have_count(0)  # nothing left to decide
    secretariat.shot("decided-elsewhere")


def test_the_body_an_application_s_page_names_is_in_chinese_whatever_the_server_speaks():
    """As an item's page: without a body for the applicant, the tool's word fills the Chinese heading."""
    from types import SimpleNamespace

    from gridrules.catalogue import set_language
    from gridrules.pages.applications import _deciding_body

    bodiless = SimpleNamespace(scopes=SimpleNamespace(body_for=lambda applicant: (None, None)))
    set_language("en")
    try:
        assert _deciding_body(bodiless, "nowhere") == "审定机构"
    finally:
        set_language(None)
