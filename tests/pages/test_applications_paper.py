"""A paper application the secretariat entered, corrected by the secretariat in a real browser: its page
says the secretariat entered it and offers the secretariat 修改/补正 and 撤回申请 (the department's paper
withdrawal), as its number typed in again points to 修改/补正; the correction keeps the number and the applicant, is recorded as the secretariat's and
the earlier version is kept.  An application the department entered itself is the department's alone:
the secretariat is offered neither, and the correction form's address answers who may (409)."""

from __future__ import annotations

import json
import re

import pytest

from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

ITEM = "残疾人基本服务状况和需求信息入户核查"


def enter_on_paper(page, app_id: str, department: str) -> None:
    """The secretariat types a department's paper application in, with a slip: 频次 每月 for 每年."""
    page.goto("/ui/applications/new")
    page.get_by_label("申请编号").fill(app_id)
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_label("申请部门").select_option(label=department)
    page.get_by_label("频次").fill("每月")
    page.get_by_label("入户走访").check()
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")


def test_the_secretariat_corrects_its_own_entry_of_a_paper_application(visit, served):
    secretariat = visit("secretariat")
    page = secretariat.page
    enter_on_paper(page, "CL-2026-3", "区残联")
    expect(page.locator("#paper")).to_contain_text("秘书处代为录入")
    page.goto("/ui/applications/new")  # typed in again with the slip mended: pointed to 修改/补正, not a new number
    page.get_by_label("申请编号").fill("CL-2026-3")
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_label("申请部门").select_option(label="区残联")
    page.get_by_label("频次").fill("每年集中核查一次")
    page.get_by_label("入户走访").check()
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#id-error")).to_contain_text("修改/补正")
    page.goto("/ui/applications/CL-2026-3")
    page.get_by_role("link", name="修改/补正").click()
    expect(page).to_have_url(re.compile(r"/ui/applications/CL-2026-3/edit$"))
    expect(page.get_by_label("频次")).to_have_value("每月")  # the form filled in as entered
    expect(page.locator("#f-applicant")).to_have_text("区残联")  # shown, not to be changed
    expect(page.get_by_label("申请部门")).to_have_count(0)
    page.get_by_label("频次").fill("每年集中核查一次")
    page.get_by_role("button", name="提交修改").click()
    expect(page).to_have_url(re.compile(r"/ui/applications/CL-2026-3$"))
    expect(page.locator("#corrected")).to_contain_text("秘书处")
    expect(page.locator("#corrected")).to_contain_text("修改 1 次")
    expect(page.locator("#versions")).to_contain_text("秘书处录入的版本")
    secretariat.shot("corrected")

    department = visit("department:canlian")  # the department reads that the secretariat corrected its entry
    department.page.goto("/ui/applications/CL-2026-3")
    expect(department.page.locator("#corrected")).to_contain_text("秘书处")
    expect(department.page.get_by_role("link", name="修改/补正")).to_have_count(1)  # and may correct it itself
    filed = json.loads((served.config.parent / "applications" / "pending" / "CL-2026-3.json").read_text("utf-8"))
    assert filed["applicant"] == "canlian" and filed["application"]["frequency"] == "每年集中核查一次"
    assert filed["corrected_by"]["role"] == "secretariat" and filed["submitted_by"]["role"] == "secretariat"

    page.get_by_role("button", name="撤回申请").click()  # the department's withdrawal on paper, recorded
    expect(page.locator("#status")).to_have_text("已撤回")
    expect(page.locator("#withdrawn")).to_contain_text("书面撤回")


def test_the_department_s_own_application_is_not_offered_to_the_secretariat(visit):
    department = visit("department:canlian")
    page = department.page
    page.goto("/ui/applications/new")
    page.get_by_label("申请编号").fill("CL-2026-4")
    page.get_by_label("事项名称").fill(ITEM)
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")

    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications/CL-2026-4")
    expect(page.locator("#paper")).to_have_count(0)
    expect(page.get_by_role("link", name="修改/补正")).to_have_count(0)
    expect(page.get_by_role("button", name="撤回申请")).to_have_count(0)
    answer = page.goto("/ui/applications/CL-2026-4/edit")
    assert answer.status == 409
    expect(page.locator("#refused")).to_contain_text("区残联")
    expect(page.locator("#refused")).to_contain_text("只有该部门能修改或撤回")
