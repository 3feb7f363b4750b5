"""Logging in and out in a real browser, and what a session may not do: post without its CSRF
value, use a page its role may not, keep using a revoked token."""

from __future__ import annotations

import pytest

from gridrules.catalogue import t
from gridrules.service import tokens
from gridrules.service.config import load_config, save_config
from pagekit import Visitor, browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


def test_a_wrong_token_is_refused_and_a_right_one_opens_the_role_s_menu(browser, served, shots):
    visitor = Visitor(browser, served, "", shots, "login")
    try:
        page = visitor.page
        page.goto("/ui/check")  # not logged in: the login form, then back here
        expect(page).to_have_url(f"{served.base}/ui/login?next=/ui/check")
        page.get_by_label("访问令牌").fill("grs_not-a-token")
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("令牌无效或已吊销")
        visitor.shot("refused")
        page.get_by_label("访问令牌").fill(served.secrets["town:tangxiang"])
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("任务准入自查")
        menu = page.get_by_role("navigation", name="主菜单")
        expect(menu.get_by_role("link")).to_have_text(["任务准入自查", "事件分流", "工作清单", "即将到期", "镇街临时事项"])
        expect(page.get_by_text("当前身份：镇街指挥中心：棠香街道")).to_be_visible()
        visitor.shot("town-menu")
        page.get_by_role("button", name="退出登录").click()
        expect(page).to_have_url(f"{served.base}/ui/login")
        page.goto("/ui/temporary")
        expect(page).to_have_url(f"{served.base}/ui/login?next=/ui/temporary")
    finally:
        visitor.close()


def test_a_post_without_the_session_s_csrf_value_writes_nothing(visit, served):
    town = visit("town:tangxiang")
    before = (served.pack / "admission" / "temporary.yaml").read_bytes()
    for csrf in ("", "0" * 64):
        answer = town.page.request.post("/ui/temporary", form={"csrf": csrf, "ref": "TX-9", "work": "x",
                                                               "activities": "巡查巡逻", "valid_to": "2027-01-01"})
        assert answer.status == 403 and t("page.bad_form") in answer.text()
    assert (served.pack / "admission" / "temporary.yaml").read_bytes() == before


def test_a_revoked_token_logs_its_holder_out(visit, served):
    clerk = visit("department:canlian")
    clerk.page.goto("/ui/check")
    expect(clerk.page.get_by_role("heading", level=1)).to_have_text("任务准入自查")
    config = load_config(served.config)
    record = next(tok for tok in config.tokens if tok.role == "department:canlian")
    save_config(served.config, tokens.revoke(config, record.id))
    clerk.page.goto("/ui/check")
    expect(clerk.page).to_have_url(f"{served.base}/ui/login?next=/ui/check")
