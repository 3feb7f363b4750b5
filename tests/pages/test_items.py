"""The secretariat's list pages in a real browser: the published list (print view, xlsx download),
amending and withdrawing an item, the history as a timeline, and what expires soon."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import openpyxl
import pytest

from gridrules.catalogue import t
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect
BEIJING = timezone(timedelta(hours=8))


def test_the_published_list_prints_and_downloads(visit, tmp_path):
    secretariat = visit("secretariat")
    page = secretariat.page
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="工作清单").click()
    expect(page.locator("#list-title")).to_contain_text("网格化服务管理工作清单（准入清单）")
    expect(page.locator("#list")).to_contain_text("困难群众、独居老人、留守儿童走访及救助需求报告")
    rows = page.locator("#list tbody tr").count()
    hours = page.locator("#list tbody tr", has_text="L13").locator("td.num")
    expect(hours.first).to_have_text("4")  # L13's 4.0 hours as people write it
    expect(page.locator("#list thead")).not_to_contain_text("工作内容")  # no item fills it: not shown
    # each column head on one line (工作量 was set one character a line beside the wide columns)
    for head in page.locator("#list thead th").all():
        box, line = head.bounding_box(), head.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert box is not None and box["height"] < 2 * line + 16, (head.inner_text(), box, line)
    secretariat.shot("list")
    page.get_by_role("link", name="打印视图").click()
    expect(page.get_by_role("navigation", name="主菜单")).to_be_hidden()
    secretariat.shot("list-print")
    page.go_back()
    with page.expect_download() as caught:
        page.get_by_role("link", name="下载 Excel（xlsx）").click()
    # named in Chinese as the page names the list (review 9, finding 14), not items-2026-12-02.xlsx
    on = datetime.now(BEIJING).date().isoformat()
    assert caught.value.suggested_filename == f"工作清单-{on}.xlsx"
    saved = tmp_path / "list.xlsx"
    caught.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("网格化服务管理工作清单（准入清单）")
    assert "工作内容" in values[1]  # the spreadsheet keeps every column: it is the format import items reads
    assert len(values) == rows + 2  # the title, the header, one row an item as the page shows them
    assert any(row[0] == "L13" for row in values[2:])
    page.get_by_role("link", name="负面清单").click()
    expect(page.locator("#list")).to_contain_text("行政执法")
    # what screening reads (rules/powers/negative_list.yaml): F05's words and exceptions in its row, then the
    # negations and the phrases in which a negation is none, read for every entry's words
    f05 = page.locator("#list tbody tr", has_text="F05")
    expect(f05).to_contain_text("收费、罚款、收取、代收、押金")
    expect(f05).to_contain_text("接收取暖补贴、收费站")
    expect(page.locator("#list thead")).to_contain_text("甄别例外")
    notes = page.locator(".screening-note")
    expect(notes.first).to_contain_text("不得、不准、不许、严禁")
    expect(notes.first).to_contain_text("免收、免交")
    expect(notes.nth(1)).to_contain_text("无不、莫不、难免收")
    secretariat.shot("negative-list")


def test_amend_and_withdraw_items_then_read_the_history_and_what_expires(visit):
    today = datetime.now(BEIJING).date()
    ends = today + timedelta(days=10)
    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/items/L01")
    page.get_by_label("工作量").fill("5")
    page.get_by_label("结束日期").fill(ends.isoformat())
    # the body that keeps the list decides (rules/admission/bodies.yaml: joint_meeting)
    expect(page.get_by_role("heading", name="修改事项（区网格化服务管理联席会议决定）")).to_be_visible()
    page.get_by_label("会议届次").first.fill("2026年第6次会议")  # as the meeting is called: read as 2026-6
    page.get_by_label("决定日期").first.fill(today.isoformat())
    page.get_by_label("理由").first.fill("工作量核减，年内结束")
    page.get_by_role("button", name="记录修改").click()
    expect(page.locator("#done")).to_contain_text("已记录修订")
    secretariat.shot("amended")

    page.goto("/ui/items/L02")
    page.locator("#w-session").fill("2026-6")
    page.locator("#w-date").fill(today.isoformat())  # a decision is never dated in the future
    page.locator("#w-effective").fill((today + timedelta(days=5)).isoformat())  # 施行日期: work from then on
    page.locator("#w-reason").fill("并入 L01")
    page.get_by_role("button", name="记录撤销").click()
    expect(page.locator("#done")).to_contain_text("已记录撤销")
    # bodies.yaml: decision "联席会议{meeting}（{date}）", {meeting} of session 2026-6 is 2026年第6次会议
    facts = page.locator(".facts")
    expect(facts).to_contain_text(f"联席会议2026年第6次会议（{today}），{today + timedelta(days=5)} 起施行")
    expect(facts).to_contain_text("有效")  # withdrawn only from its effective date

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="变更历史").click()
    timeline = page.locator("#timeline li")
    expect(timeline.nth(0)).to_contain_text("撤销 L02")
    expect(timeline.nth(0)).to_contain_text(f"（{today}），{today + timedelta(days=5)} 起施行")  # from its 施行日期
    expect(timeline.nth(1)).to_contain_text("修订 L01")
    expect(timeline.nth(1)).to_contain_text("工作量（小时/网格/月）：6 → 5")
    expect(timeline.nth(1)).to_contain_text(f"截止日期：（无） → {ends}")  # by its name, not its path effective.to
    expect(timeline.nth(1)).to_contain_text(f"联席会议2026年第6次会议（{today}）")  # the body's own words (bodies.yaml)
    secretariat.shot("history")

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="即将到期").click()
    row = page.locator("#expiring tbody tr", has_text="L01")
    expect(row).to_contain_text(f" 至 {ends.isoformat()}")
    expect(row.locator("td").nth(5)).to_have_text("有效")  # in force: its first day long past
    expect(row.locator("td").last).to_have_text("10")
    secretariat.shot("expiring")


def test_an_auditor_reads_the_list_but_cannot_change_it(visit):
    auditor = visit("auditor")
    page = auditor.page
    page.goto("/ui/items/L13")
    expect(page.get_by_role("heading", level=1)).to_contain_text("L13")
    expect(page.get_by_role("button", name="记录修改")).to_have_count(0)
    expect(page.get_by_role("navigation", name="主菜单").get_by_role("link", name="任务准入自查")).to_have_count(0)
    response = page.goto("/ui/check")
    assert response.status == 403
    expect(page.locator(".problems")).to_contain_text(
        t("page.not_for_role", name="审计", roles="派单员、职能部门、镇街指挥中心"))
    auditor.shot("refused")


def test_an_items_numbers_read_as_people_write_them(visit):
    """L13 (rules/admission/items.yaml): hours_per_month 4, subsidy 80 -- not 4.0 and 80.0."""
    page = visit("dispatch").page
    page.goto("/ui/items/L13")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("4 小时/网格/月")
    expect(facts).to_contain_text("80 元/网格/月")
    assert ".0 " not in facts.inner_text()


def test_an_items_page_states_its_risk_and_its_training(visit):
    """费随事转 and the risk list on the item itself: L06 is high risk (items.yaml) with the high level's
    safeguard (risk.yaml); 区卫生健康委 trains, delivered 2024-12-31 (items.yaml)."""
    page = visit("secretariat").page
    page.goto("/ui/items/L06")
    expect(page.locator("#item-risk")).to_have_text("高：网格员立即上报，不得单独处置")
    expect(page.locator("#item-training")).to_contain_text("区卫生健康委")
    expect(page.locator("#item-training")).to_contain_text("2024-12-31 已完成")


def test_an_amendment_clearing_every_activity_is_refused_not_ignored(visit):
    """Clearing every activity of L01 while changing its hours was taken as 'activities unchanged'
    and the amendment recorded: now the form comes back, saying an item keeps at least one."""
    today = datetime.now(BEIJING).date()
    secretariat = visit("secretariat")
    page = secretariat.page
    page.goto("/ui/items/L01")
    page.get_by_label("工作量").fill("5")
    boxes = page.locator("input[name=activities]:checked")
    for i in range(boxes.count()):
        boxes.first.uncheck()
    page.get_by_label("会议届次").first.fill("2026-6")
    page.get_by_label("决定日期").first.fill(today.isoformat())
    page.get_by_role("button", name="记录修改").click()
    expect(page.locator("#done")).to_have_count(0)
    expect(page.locator("#activities-error")).to_contain_text(t("page.keep_one", what="活动"))


def _history_as(root, role: str, tmp_path) -> str:
    """/ui/history over the pack at ``root``, as ``role`` sees it (served in-process)."""
    import re

    from fastapi.testclient import TestClient

    from gridrules.pages.app import create_app
    from servicekit import write_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(root), config, "off")) as web:
        login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        web.post("/ui/login", data={"csrf": login, "token": secrets[role]}, follow_redirects=False)
        return web.get("/ui/history").text


def test_the_history_names_every_kind_of_change_in_words(pack_copy, tmp_path):
    """A training recorded (gridrules admission training) read 'training' on the history page: every
    action of the pack's history has the page's word."""
    from datetime import date
    from typing import get_args

    from gridrules.change.training import record_training
    from gridrules.pack.model.history import Action
    from gridrules.pages.items import ACTION_WORDS

    assert set(ACTION_WORDS) == set(get_args(Action))
    record_training(pack_copy, "L13", date(2024, 12, 20), reason="更正培训日期")
    shown = _history_as(pack_copy, "secretariat", tmp_path)
    assert "<strong>记录培训完成</strong> L13" in shown and "<strong>training</strong>" not in shown


def test_a_temporary_approval_of_a_body_above_the_towns_is_not_called_the_town_s(tmp_path):
    """The secretariat records a county's 紧急临时纳入决定 (examples/county: 县领导小组, unit shili): the
    history called it 镇街批准临时事项; the decision beside it says whose it is (临时事项批复, as the command line)."""
    from datetime import date

    from examplepacks import COUNTY, copy_of
    from gridrules.change.temporary import TemporaryRequest, approve_temporary

    root = copy_of(COUNTY, tmp_path / "pack")
    approve_temporary(root, TemporaryRequest(unit="shili", ref="XLD-2026-09", decided_on=date(2026, 7, 1),
                                             work="汛后复查", activities=["patrol", "report"], valid_from=date(2026, 7, 1),
                                             valid_to=date(2026, 7, 20), hours_per_month=2))
    shown = _history_as(root, "secretariat", tmp_path)
    assert "<strong>临时事项批复</strong> XLD-2026-09" in shown and "镇街" not in shown.split('id="timeline"')[1]


def test_the_body_an_item_s_page_names_is_in_chinese_whatever_the_server_speaks():
    """修改事项（…决定）: without a body for the item (bodies.yaml), the tool's word fills the heading, in
    the page's language; a server speaking English wrote 修改事项（the approving body决定）."""
    from types import SimpleNamespace

    from gridrules.catalogue import set_language
    from gridrules.pages.items import body_name

    bodiless = SimpleNamespace(scopes=SimpleNamespace(item_body=lambda item: None))
    set_language("en")
    try:
        assert body_name(bodiless, None) == "审定机构"
    finally:
        set_language(None)


def test_the_downloads_name_carries_utf8_and_an_ascii_fallback(visit):
    """Content-Disposition: filename* in UTF-8, percent-encoded (RFC 8187), and an ASCII filename for a client
    that reads no other; the temporary list is named in the pack's word for its towns (镇街临时事项)."""
    from urllib.parse import unquote

    secretariat = visit("secretariat")
    answer = secretariat.page.request.get("/ui/items.xlsx?list=temporary&on=2026-12-02")
    assert answer.status == 200
    header = answer.headers["content-disposition"]
    assert header.isascii()
    assert 'filename="temporary-2026-12-02.xlsx"' in header
    encoded = header.split("filename*=UTF-8''", 1)[1].split(";")[0]
    assert unquote(encoded, encoding="utf-8") == "镇街临时事项-2026-12-02.xlsx"


def test_the_history_filter_takes_a_name_as_the_other_pages_do(browser, shots, tmp_path):
    """Review 9, finding 14: the history's filter took only a number (L13); every other page reads names
    (pages/names.py). An item's name, an approval's, or the number as before; a name of nothing is
    answered 422 beside the field, with a did-you-mean, not an empty history."""
    from datetime import date
    from urllib.parse import quote

    from gridrules.change.training import record_training
    from pagekit import Served, Visitor

    server = Served(tmp_path)
    try:
        # rules/admission/items.yaml: L13 困难群众、独居老人、留守儿童走访及救助需求报告, L01 实有人口(含流动人口)采集核实
        record_training(server.pack, "L13", date(2024, 12, 20), reason="更正培训日期")
        record_training(server.pack, "L01", date(2024, 12, 20), reason="更正培训日期")
        secretariat = Visitor(browser, server, "secretariat", shots, "history-filter")
        page = secretariat.page
        page.goto("/ui/history")
        expect(page.locator("#timeline > li")).to_have_count(2)
        page.locator("#f-target").fill("困难群众、独居老人、留守儿童走访及救助需求报告")
        page.get_by_role("button", name="筛选").click()
        expect(page.locator("#timeline > li")).to_have_count(1)
        expect(page.locator("#timeline")).to_contain_text("L13")
        expect(page.get_by_role("heading", level=1)).to_have_text("变更历史：L13「困难群众、独居老人、留守儿童走访及救助需求报告」")
        page.goto("/ui/history?target=L01")  # the number, as before
        expect(page.locator("#timeline > li")).to_have_count(1)
        expect(page.locator("#timeline")).to_contain_text("L01")
        answer = page.goto("/ui/history?target=" + quote("困难群众独居老人走访"))
        assert answer is not None and answer.status == 422
        expect(page.locator("#target-error")).to_contain_text("困难群众独居老人走访")
        expect(page.locator("#target-error")).to_contain_text(
            t("page.did_you_mean", name="困难群众、独居老人、留守儿童走访及救助需求报告"))
        expect(page.locator("#f-target")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#timeline")).to_have_count(0)
        secretariat.shot("unknown")
        secretariat.close()
    finally:
        server.stop()


def test_an_item_not_yet_begun_shows_the_terms_the_list_publishes_and_its_amendment_with_its_day(tmp_path, pack_copy):
    """L18 approved from 2027-03-01 and amended from 2027-05-01 (3 hours, 60 元): its page gave the amended
    terms with no amendment in sight, while the published list (and work starting 03-01) reads 2 hours, 40 元.
    The page now reads the terms as the list does and names the amendment with the day it takes effect."""
    import html
    import re
    from datetime import date

    from fastapi.testclient import TestClient

    from appdocs import CANLIAN, DECIDED
    from gridrules.change.workflow import amend, approve
    from gridrules.contract.application import Application
    from gridrules.engine.loading import load_pack
    from gridrules.pages.app import create_app
    from gridrules.tables.published import listed_on
    from servicekit import write_config

    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", date.fromisoformat(DECIDED))
    amend(pack_copy, "L18", {"hours_per_month": 3, "subsidy": 60}, "2026-6", date.fromisoformat(DECIDED),
          effective=date(2027, 5, 1))
    today = datetime.now(BEIJING).date()
    [listed] = [i for i in listed_on(load_pack(pack_copy), today) if i.id == "L18"]
    assert (listed.hours_per_month, listed.subsidy) == (2, 40)  # CANLIAN's terms, for work starting 03-01

    secrets = write_config(tmp_path / "serve.json")
    web = TestClient(create_app(str(pack_copy), tmp_path / "serve.json", "off"))
    csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
    web.post("/ui/login", data={"csrf": csrf, "token": secrets["secretariat"]}, follow_redirects=False)
    shown = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", web.get("/ui/items/L18").text)))
    assert "工作量 2 小时/网格/月" in shown and "工作补贴 40 元/网格/月" in shown, shown
    assert "修订 联席会议2026年第6次会议（2026-11-18），2027-05-01 起施行" in shown and "2027-05-01 起施行（尚未施行，上面是此前的条款）" in shown, shown


def test_the_secretariat_records_a_training_delivered_on_the_items_page(tmp_path, pack_copy):
    """The item page said 「尚未记录完成」 and offered no way to record it: the secretary's week went back to
    the command line (gridrules admission trained). Now a form records it as the command does; a day after
    today is refused beside its field, and the form is gone once a delivery is recorded."""
    import html
    import re
    from datetime import date

    from fastapi.testclient import TestClient

    from appdocs import CANLIAN, DECIDED
    from gridrules.change.workflow import approve
    from gridrules.contract.application import Application
    from gridrules.engine.loading import load_pack
    from gridrules.pages.app import create_app
    from servicekit import write_config

    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", date.fromisoformat(DECIDED))
    secrets = write_config(tmp_path / "serve.json")
    web = TestClient(create_app(str(pack_copy), tmp_path / "serve.json", "off"))
    csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
    web.post("/ui/login", data={"csrf": csrf, "token": secrets["secretariat"]}, follow_redirects=False)
    shown = html.unescape(web.get("/ui/items/L18").text)
    assert "记录培训完成（区残联）" in shown and "（尚未记录完成）" in shown
    csrf = re.search(r'name="csrf" value="([^"]+)"', shown).group(1)
    today = datetime.now(BEIJING).date()
    later = web.post("/ui/items/L18/trained", data={"csrf": csrf, "on": str(today + timedelta(days=3))},
                     follow_redirects=False)
    said = t("change.training_future", day=today + timedelta(days=3))
    assert later.status_code == 422 and said in html.unescape(later.text)
    assert re.search(r'id="t-on-error"[^>]*>' + re.escape(said), html.unescape(later.text))  # beside its field
    assert load_pack(pack_copy).items_by_id["L18"].training.delivered_on is None
    done = web.post("/ui/items/L18/trained", data={"csrf": csrf, "on": str(today)}, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert load_pack(pack_copy).items_by_id["L18"].training.delivered_on == today
    shown = html.unescape(web.get(done.headers["location"]).text)
    assert "已记录培训完成" in shown and f"（{today} 已完成）" in shown and "记录培训完成（" not in shown
