"""Basic accessibility in a real browser: every field on every page has a label, and the keyboard
reaches every control; and each role's pages show only what the role may do."""

from __future__ import annotations

import pytest

from gridrules.catalogue import t
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

PAGES = {
    "dispatch": ["/ui/", "/ui/check", "/ui/route", "/ui/items"],
    "department:minzheng": ["/ui/applications", "/ui/applications/new", "/ui/history", "/ui/expiring"],
    "secretariat": ["/ui/applications/new", "/ui/items/L13", "/ui/items?list=temporary", "/ui/dashboard",
                    "/ui/temporary"],
    "town:tangxiang": ["/ui/check", "/ui/route", "/ui/temporary"],
}
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.name || e.id)"""


@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_field_has_a_label(visit, role):
    person = visit(role)
    for path in PAGES[role]:
        answer = person.page.goto(path)
        assert answer.status == 200, path
        assert person.page.evaluate(UNLABELLED) == [], path


def test_the_keyboard_reaches_the_skip_link_menu_and_form(visit):
    person = visit("dispatch")
    page = person.page
    page.goto("/ui/route")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()
    page.keyboard.press("Enter")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.name || document.activeElement.textContent"))
    assert {"type", "id", "reported_at", "grid", "people_involved", "分流"} <= reached


def test_a_department_sees_only_its_own_applications(visit):
    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/applications/new")  # a paper application the secretariat enters for a department
    page.get_by_label("申请编号").fill("APP-FL-1")
    page.get_by_label("事项名称").fill("妇女儿童权益受侵害线索报告")
    page.get_by_label("申请部门").select_option(label="区妇联")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#status")).to_have_text("待审议")
    expect(page.get_by_text("区妇联 于")).to_be_visible()

    other = visit("department:minzheng")
    other.page.goto("/ui/applications")
    expect(other.page.get_by_text("APP-FL-1")).to_have_count(0)
    answer = other.page.goto("/ui/applications/APP-FL-1")
    assert answer.status == 403
    expect(other.page.locator(".problems")).to_contain_text(t("page.own_applications"))


LINKS = """() => [...new Set([...document.querySelectorAll('a[href^="/ui/"]')].map(a => a.getAttribute('href'))
    .filter(h => !h.includes('.xlsx') && !h.includes('print=')))]"""


@pytest.mark.parametrize("role", ["town:tangxiang", "dispatch", "department:minzheng", "auditor"])
def test_no_page_shows_a_role_a_link_it_may_not_follow(visit, role):
    """Every link on a role's pages opens (a town is not led from L13's page to 变更历史, a 403)."""
    person = visit(role)
    page = person.page
    seen: set[str] = set()
    for start in ("/ui/", "/ui/items", "/ui/items/L13", "/ui/expiring?days=3660", "/ui/applications"):
        if page.goto(start).status != 200:
            continue
        for href in page.evaluate(LINKS):
            if href in seen:
                continue
            seen.add(href)
            assert page.request.get(href).status == 200, (start, href)
    assert "/ui/items/L13" in seen  # the list's items were followed


def test_a_town_sees_no_link_to_the_history(visit):
    town = visit("town:tangxiang")
    town.page.goto("/ui/items/L13")
    expect(town.page.get_by_role("link", name="本事项的变更历史")).to_have_count(0)
    assert town.page.request.get("/ui/history?target=L13").status == 403  # the page it led to
