"""补正 in a real browser (the seed's 清单式准入: the secretariat returns an incomplete application for
correction; the department corrects and resubmits): a department's application filed without its 依据
and 工作内容 is corrected on its own page under the same number -- the form filled in as filed, the
review redone, the secretariat seeing that and when it was corrected, the earlier version kept -- or
withdrawn; decided, neither is offered.  The review says which blocking finding returns it for
correction and which one it would not be listed for, names a duty by its words, and says the code is
the one it would have if approved; a number taken is refused in the form's words, not field ids."""

from __future__ import annotations

import re

import pytest

from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

ITEM = "冬季独居老人取暖安全走访"
D03 = "入户走访，收集社情民意，及时反映并妥善处理群众利益诉求"  # responsibilities/duties.yaml's D03


def fill_incomplete(page, app_id: str) -> None:
    """review9's application: 依据, 工作内容, 补贴 and 培训 left blank; L13 (区民政局, D03) holds its activities."""
    page.get_by_label("申请编号").fill(app_id)
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_label("对应职责").select_option(label=D03)
    page.get_by_label("频次").fill("冬季每月")
    for activity in ("入户走访", "关怀帮扶、跟踪回访"):
        page.get_by_label(activity).check()
    page.get_by_label("工作量").fill("2")
    page.get_by_label("开始日期").fill("2027-01-01")
    page.get_by_label("结束日期").fill("2027-03-31")


def test_a_department_corrects_its_waiting_application_and_the_secretariat_sees_it_corrected(visit, served):
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    fill_incomplete(page, "MZ-2026-12")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")
    review = page.locator("#review")
    # which blocking finding returns it for correction, which one it would not be listed for (as the command says)
    expect(review.locator(".finding.blocking", has_text="未写明「依据」")).to_contain_text("阻断·退回补正")
    expect(review.locator(".finding.blocking", has_text="L13")).to_contain_text("阻断·不予纳入")
    expect(review.locator(".finding.blocking", has_text="L13")).to_contain_text(f"职责同为「{D03}」")
    expect(review).not_to_contain_text("D03")
    expect(review).to_contain_text("如审定纳入，编号将为 L")
    department.shot("incomplete")

    page.get_by_role("link", name="修改/补正").click()
    expect(page).to_have_url(re.compile(r"/ui/applications/MZ-2026-12/edit$"))
    expect(page.get_by_label("事项名称")).to_have_value(ITEM)  # the form filled in as filed
    expect(page.get_by_label("对应职责")).to_have_value(D03)
    expect(page.get_by_label("关怀帮扶、跟踪回访")).to_be_checked()
    expect(page.get_by_label("结束日期")).to_have_value("2027-03-31")
    page.get_by_label("依据").fill("《重庆市养老服务条例》第二十条")
    page.get_by_label("工作内容").fill("冬季对独居老人家中取暖设施安全情况走访提醒，发现隐患报告")
    live = page.locator("#live-check")  # checked as it is corrected, under its number
    expect(live).to_contain_text("L13")
    expect(live).not_to_contain_text("未写明「依据」")
    department.shot("correcting")
    page.get_by_role("button", name="提交修改").click()
    expect(page).to_have_url(re.compile(r"/ui/applications/MZ-2026-12$"))
    expect(page.locator("#status")).to_have_text("待审议")
    expect(page.locator("#corrected")).to_contain_text("补正（修改 1 次）")
    expect(page.locator("#review")).not_to_contain_text("未写明「依据」")  # the review redone on the correction
    expect(page.locator("#review")).to_contain_text("L13")
    department.shot("corrected")

    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications")
    expect(page.locator("#applications tbody tr", has_text="MZ-2026-12")).to_contain_text("已补正")
    page.get_by_role("link", name="MZ-2026-12").click()
    expect(page.locator("#corrected")).to_contain_text("补正")
    expect(page.locator("#versions")).to_contain_text("此前的版本（1）")
    expect(page.get_by_role("link", name="修改/补正")).to_have_count(0)  # only the applying department corrects
    secretariat.shot("seen-corrected")
    pending = list((served.config.parent / "applications" / "pending").glob("MZ-2026-12.json"))
    assert len(pending) == 1  # one application, under its number: nothing left waiting beside it


def test_a_department_withdraws_its_waiting_application_and_a_decided_one_offers_neither(visit):
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    fill_incomplete(page, "MZ-2026-13")
    page.get_by_role("button", name="提交申请").click()
    page.get_by_role("button", name="撤回申请").click()
    expect(page.locator("#status")).to_have_text("已撤回")
    expect(page.locator("#withdrawn")).to_contain_text("撤回")
    expect(page.get_by_role("link", name="修改/补正")).to_have_count(0)
    expect(page.get_by_role("button", name="撤回申请")).to_have_count(0)
    page.goto("/ui/applications/MZ-2026-13/edit")  # not offered once it is not waiting: its page
    expect(page).to_have_url(re.compile(r"/ui/applications/MZ-2026-13$"))
    secretariat = visit("secretariat")
    secretariat.page.goto("/ui/applications/MZ-2026-13")
    expect(secretariat.page.get_by_role("button", name="记录审定纳入")).to_have_count(0)  # nothing to decide


def test_the_number_hint_says_what_is_accepted(visit):
    """ids are file names and addresses (letters, digits, - _ .): a 文号 such as 民政〔2026〕12号 is no
    number, and the hint no longer invites one."""
    page = visit("department:minzheng").page
    page.goto("/ui/applications/new")
    hint = page.locator("#id-hint")
    expect(hint).to_contain_text("MZ-2026-12")  # a number of the form accepted, not 「可改为本部门的文号」
    expect(hint).to_contain_text("〔2026〕")  # and that a 文号 is no number
    expect(hint).not_to_contain_text("可改为本部门的文号")


def test_a_taken_number_is_refused_in_the_forms_words(visit):
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    fill_incomplete(page, "MZ-2026-14")
    page.get_by_role("button", name="提交申请").click()
    page.goto("/ui/applications/new")
    fill_incomplete(page, "MZ-2026-14")
    page.get_by_label("依据").fill("《重庆市养老服务条例》第二十条")
    page.get_by_role("button", name="提交申请").click()
    said = page.locator("#id-error")
    expect(said).to_contain_text("依据")
    expect(said).to_contain_text("修改/补正")  # the department's own waiting application: corrected, not resent
    assert not re.search(r"basis|（[a-z_]+）", said.inner_text()), said.inner_text()
