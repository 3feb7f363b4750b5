"""What a clerk reads when something is wrong is plain Chinese: the form's own words for a field left
blank, the pack's sentences for a refusal, the form's field names, who may use a page, and 404 for
what does not exist -- never pydantic's English, finding ids or the contract's field paths."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from gridrules.catalogue import t
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect
BEIJING = timezone(timedelta(hours=8))
RAW = ("Field required", "too_long", "negative.", "history[", "town:", "应为编号")


def no_raw_words(page) -> None:
    text = page.locator("main").inner_text()
    assert not [w for w in RAW if w in text], text


def test_a_session_of_spaces_is_a_field_to_fill_in(visit):
    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/items/L13")
    page.get_by_label("工作量").fill("7.5")
    page.get_by_label("会议届次").first.fill("   ")
    page.get_by_label("决定日期").first.fill(datetime.now(BEIJING).date().isoformat())
    page.get_by_role("button", name="记录修改").click()
    expect(page.locator("#refused")).to_contain_text(f"会议届次：{t('page.required')}")
    no_raw_words(page)
    secretariat.shot("session-blank")


def test_a_towns_refused_temporary_approval_says_why_in_the_packs_words(visit):
    today = datetime.now(BEIJING).date()
    town = visit("town:tangxiang")
    page = town.page
    page.goto("/ui/temporary")
    page.get_by_label("批复文号").fill("TX-2026-40")
    page.get_by_label("批复日期").fill(today.isoformat())
    page.get_by_label("临时工作内容").fill("违章建筑整治")
    page.get_by_label("行政执法").check()  # on the negative list
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("结束日期").fill((today + timedelta(days=400)).isoformat())  # longer than any 专题研究
    page.get_by_label("每网格每月工作量（小时）").fill("2")
    page.get_by_role("button", name="记录临时事项").click()
    refused = page.locator("#refused")
    expect(refused).to_contain_text("审查发现下列问题，不能记录")
    expect(refused).to_contain_text("超过最长")  # review.yaml's too_long sentence
    expect(refused).to_contain_text("行政执法")
    expect(refused).not_to_contain_text("可越过")
    no_raw_words(page)
    town.shot("temporary-refused")


def test_a_handling_time_before_the_report_is_named_by_the_forms_field(visit):
    dispatcher = visit("dispatch")
    page = dispatcher.page
    page.goto("/ui/route")
    page.get_by_label("事件类型").select_option(label="邻里纠纷")
    page.get_by_label("上报时间").fill("2026-11-25T09:30")
    page.get_by_label("发生网格").fill("和平社区01网格（棠香街道和平社区）")
    page.get_by_label("已处置层级").select_option(label="网格")
    page.get_by_label("处置结果", exact=True).select_option(label="本级无法解决")
    page.get_by_label("处置结果时间（北京时间）").fill("2026-11-25T08:00")
    page.get_by_role("button", name="分流").click()
    expect(page.locator(".problems")).to_contain_text(f"处置结果时间：{t('page.step_before_report', reported='上报时间')}")
    no_raw_words(page)
    dispatcher.shot("step-before-report")


def test_a_page_another_role_uses_says_whose_it_is(visit):
    town = visit("town:tangxiang")
    answer = town.page.goto("/ui/dashboard")
    assert answer.status == 403
    expect(town.page.locator(".problems")).to_contain_text(
        t("page.not_for_role", name="镇街指挥中心：棠香街道", roles="审定机构秘书处、审计"))
    no_raw_words(town.page)


def test_what_does_not_exist_is_404(visit):
    secretariat = visit("secretariat")
    answer = secretariat.page.goto("/ui/items/L99")
    assert answer.status == 404
    expect(secretariat.page.locator(".problems")).to_contain_text(t("page.no_item", code="L99"))
    answer = secretariat.page.goto("/ui/applications/NOPE")
    assert answer.status == 404
    expect(secretariat.page.locator(".problems")).to_contain_text(t("page.no_application", id="NOPE"))


def test_a_blank_application_names_every_field_to_fill_in(visit):
    department = visit("department:minzheng")
    page = department.page
    page.goto("/ui/applications/new")
    page.get_by_label("申请编号").fill(" ")
    page.get_by_label("事项名称").fill(" ")
    page.get_by_role("button", name="提交申请").click()
    problems = page.locator(".problems[role=alert]")
    expect(problems).to_contain_text(f"申请编号：{t('page.required')}")
    expect(problems).to_contain_text(f"事项名称：{t('page.required')}")
    expect(page.locator("#live-check")).to_contain_text(f"申请编号：{t('input.missing')}")  # not a malformed number
    no_raw_words(page)
    department.shot("application-blank")
