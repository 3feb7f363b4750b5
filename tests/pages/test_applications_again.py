"""A decision sent again from the applications page, in a real browser: the secretariat's approval form
sent a second time -- from the same page left open in another tab, as after a double click or an answer
lost on the way -- is the decision recorded already (as the command and the API answer it), shown with
the item's code and where it is recorded; another decision is refused in the library's words."""

from __future__ import annotations

import re

import pytest

from appdocs import CANLIAN, DECIDED
from gridrules.catalogue import t
from gridrules.catalogue.fields import field_label
from gridrules.engine.loading import load_pack
from gridrules.pack.layout import ITEMS
from gridrules.service.applications import ApplicationStore
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

MEETING = "联席会议2026年第5次会议（2026-11-18）"  # rules/admission/bodies.yaml's words for session 2026-5


def approve(page, session: str) -> None:
    page.get_by_label("会议届次").first.fill(session)
    page.get_by_label("决定日期").first.fill(DECIDED)
    page.get_by_role("button", name="记录审定纳入").click()


def test_an_approval_sent_again_reads_as_recorded_and_another_decision_is_refused(visit, served):
    ApplicationStore(served.config.parent / "applications").submit(CANLIAN, "canlian")
    secretariat = visit("secretariat")
    address = f"/ui/applications/{CANLIAN['id']}"
    first, second, third, fourth = secretariat.page, *(secretariat.context.new_page() for _ in range(3))
    for tab in (first, second, third, fourth):  # the form open before any decision was recorded
        tab.goto(address)
        expect(tab.locator("#status")).to_have_text("待审议")

    approve(first, "2026-5")
    expect(first.locator("#outcome")).to_contain_text(f"{MEETING}审定纳入，编号 L18")
    approved = load_pack(served.pack).history.changes[-1]
    assert (approved.action, approved.target, approved.application) == ("approve", "L18", CANLIAN["id"])

    secretariat.page = second  # the tab the screenshot is of
    approve(second, "2026-5")  # the same decision again: recorded already, not an error
    repeated = second.locator("#repeated")
    expect(repeated).to_contain_text(t("page.approval_recorded", decision=MEETING, action=t("action.approve"), code="L18",
                                       seq=approved.seq, version=approved.version))
    expect(second.locator("#refused")).to_have_count(0)
    expect(second.locator("#status")).to_have_text("审定纳入")
    secretariat.shot("approved-again")
    repeated.get_by_role("link", name="本申请的变更历史").click()  # where it is recorded
    expect(second.locator("#timeline li")).to_have_count(1)
    expect(second.locator("#timeline")).to_contain_text("L18")

    approve(third, "2026-6")  # another meeting's approval: refused, saying what differs from the one recorded
    refused = third.locator("#refused")
    expect(refused).to_contain_text(t("refuse.already_listed", app=CANLIAN["id"], item="L18")
                                    + t("refuse.differs", fields=field_label("session", ITEMS)))
    expect(third.locator("#repeated")).to_have_count(0)

    fourth.locator("#r-session").fill("2026-5")  # a rejection after the approval: refused, naming the way
    fourth.locator("#r-date").fill(DECIDED)
    fourth.get_by_role("button", name="记录不予纳入").click()
    expect(fourth.locator("#refused")).to_contain_text(
        t("refuse.already_listed_withdraw", app=CANLIAN["id"], item="L18"))
    changes = [c for c in load_pack(served.pack).history.changes if c.application == CANLIAN["id"]]
    assert [(c.action, c.seq) for c in changes] == [("approve", approved.seq)]  # recorded once, nothing else


def fill(page, content: str) -> None:
    page.get_by_label("申请编号").fill("APP-MZ-001")
    page.get_by_label("事项名称").fill("低保对象入户核查")
    page.get_by_label("工作内容").fill(content)


def test_an_application_sent_again_reads_as_filed_and_another_under_its_number_is_refused(visit, served):
    """The application form sent a second time with the same content -- from a tab left open, as after an
    answer lost on the way or going back and sending again -- is the application filed, with a link to it;
    one with other content under the same number is refused at the number, saying what differs."""
    department = visit("department:minzheng")
    first, second, third = department.page, *(department.context.new_page() for _ in range(2))
    for tab, content in ((first, "逐户核实低保对象家庭情况"), (second, "逐户核实低保对象家庭情况"), (third, "另一项工作")):
        tab.goto("/ui/applications/new")
        fill(tab, content)
    first.get_by_role("button", name="提交申请").click()
    expect(first.locator("#status")).to_have_text("待审议")

    department.page = second  # the tab the screenshot is of
    second.get_by_role("button", name="提交申请").click()
    filed = second.locator("#filed-already")
    expect(filed).to_contain_text(t("page.application_filed"))
    expect(second.locator("#status")).to_have_text("待审议")
    department.shot("submitted-again")
    filed.get_by_role("link", name="申请 APP-MZ-001").click()  # its own address (the browser's was the form's)
    expect(second).to_have_url(re.compile(r"/ui/applications/APP-MZ-001$"))

    third.get_by_role("button", name="提交申请").click()
    # in the form's words (admission/form.yaml's 工作内容), never the field's id; corrected on its page, not resent
    expect(third.locator("#id-error")).to_contain_text(t("page.application_taken_differs", fields="工作内容"))
    assert len(list((served.config.parent / "applications" / "pending").glob("*.json"))) == 1
