"""镇街临时事项 in a real browser: a town records, lists and withdraws its own temporary approvals,
and a task naming one is admitted as temporary; another town sees none of it."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

import pytest

from gridrules.catalogue import t
from pagekit import Served, Visitor, browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect
BEIJING = timezone(timedelta(hours=8))


def _hours(text: str) -> float:
    return float(re.search(r"：([0-9.]+) 小时", text).group(1))


def test_a_town_records_uses_and_withdraws_its_temporary_approval(visit):
    today = datetime.now(BEIJING).date()
    town = visit("town:tangxiang")
    page = town.page
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="镇街临时事项").click()
    expect(page.locator("#approvals")).to_contain_text("TX-2026-11")  # the pack's own example approval
    # the town's body names its approvals (bodies.yaml: town, temporary.name 专题研究批复; units.yaml: 棠香街道)
    expect(page.get_by_role("heading", name="记录临时事项（棠香街道专题研究批复）")).to_be_visible()
    page.get_by_label("批复文号").fill("TX-2026-30")
    page.get_by_label("批复日期").fill(today.isoformat())
    page.get_by_label("临时工作内容").fill("冬季防火巡查")
    page.get_by_label("巡查巡逻").check()
    page.get_by_label("发现报告").check()
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("结束日期").fill((today + timedelta(days=60)).isoformat())
    page.get_by_label("每网格每月工作量（小时）").fill("3")
    # what the town's grids carry today, against the cap (admission/policy.yaml: 120 hours)
    expect(page.locator("#load")).to_contain_text("上限 120 小时")
    before = _hours(page.locator("#load").inner_text())
    town.shot("form")
    page.get_by_role("button", name="记录临时事项").click()
    expect(page.locator("#done")).to_contain_text("已记录临时事项 TX-2026-30")
    row = page.locator("#approvals tbody tr", has_text="TX-2026-30")
    expect(row).to_contain_text("有效")
    expect(row.locator("td.num")).to_have_text("3")
    assert _hours(page.locator("#load").inner_text()) == before + 3  # its hours count in the town's total (§8)
    town.shot("recorded")

    page.goto("/ui/check")
    page.get_by_label("任务名称").fill("冬季防火巡查")
    page.get_by_label("巡查巡逻").check()
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("依据的临时事项批复").select_option(label="TX-2026-30 冬季防火巡查")
    page.get_by_role("button", name="核验").click()
    expect(page.locator("#verdict")).to_have_text("临时准入：作为临时事项交给网格员")
    expect(page.locator(".verdict")).to_contain_text("依据棠香街道专题研究批复 TX-2026-30「冬季防火巡查」")
    town.shot("admitted")

    other = visit("town:longgang")
    other.page.goto("/ui/temporary")
    expect(other.page.get_by_text("TX-2026-30")).to_have_count(0)  # a town sees only its own

    page.goto("/ui/temporary")
    row = page.locator("#approvals tbody tr", has_text="TX-2026-30")
    row.get_by_label("撤销理由").fill("提前完成")
    row.get_by_label("施行日期").fill((today + timedelta(days=3)).isoformat())
    row.get_by_role("button", name="撤销 TX-2026-30").click()
    expect(page.locator("#done")).to_contain_text("已撤销临时事项 TX-2026-30")
    row = page.locator("#approvals tbody tr", has_text="TX-2026-30")
    expect(row).to_contain_text(f"有效（{today + timedelta(days=3)} 起撤销）")  # in force until its withdrawal takes effect
    expect(row.get_by_role("button")).to_have_count(0)  # withdrawn once: not offered again
    town.shot("withdrawn")


def test_a_town_cannot_withdraw_another_towns_approval(visit, served):
    """A well-formed withdrawal of 棠香's TX-2026-11 by 龙岗 is refused (403); one whose own dates contradict
    themselves (a decision after today, an effect before it) is told that first (422), as the service
    answers it and as a record is judged -- before, 龙岗 was told only that the approval is not its own."""
    town = visit("town:longgang")
    page = town.page
    page.goto("/ui/temporary")
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    today = datetime.now(BEIJING).date()
    answer = page.request.post("/ui/temporary/TX-2026-11/withdraw", form={"csrf": csrf, "date": today.isoformat()})
    assert answer.status == 403 and t("page.town_withdraws_own") in answer.text()
    for form, said in (({"date": (today + timedelta(days=30)).isoformat()}, "change.future_decision"),
                       ({"date": today.isoformat(), "effective": (today - timedelta(days=1)).isoformat()},
                        "change.effect_before_decision")):
        answer = page.request.post("/ui/temporary/TX-2026-11/withdraw", form={"csrf": csrf, **form})
        text = html.unescape(answer.text())
        assert answer.status == 422 and t("page.town_withdraws_own") not in text, text
        assert t(said, on=form["date"], today=today, effective=form.get("effective")) in text, text


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """``gridrules serve`` over the county example: its county body gives 紧急临时纳入决定 (30 days at most)."""
    from examplepacks import COUNTY

    server = Served(tmp_path_factory.mktemp("county"), source=COUNTY)
    try:
        yield server
    finally:
        server.stop()


def test_the_secretariat_records_and_withdraws_a_county_bodys_inclusion_not_a_towns(browser, county, shots):
    """The secretariat chooses the deciding body by its name (示例县紧急临时纳入决定), records an inclusion,
    sees it among every unit's, and withdraws it; a town's 专题研究 it may only read."""
    today = datetime.now(BEIJING).date()
    visitor = Visitor(browser, county, "secretariat", shots, "county_inclusion")
    try:
        page = visitor.page
        page.goto("/ui/temporary")
        expect(page.get_by_role("heading", name="记录上级机关的临时纳入决定")).to_be_visible()
        town_row = page.locator("#approvals tbody tr", has_text="XH-2026-02")
        expect(town_row).to_contain_text("西河镇")
        expect(town_row.get_by_role("button")).to_have_count(0)  # a town's: the town withdraws it

        def fill(ref: str, days: int, unit: str = "示例县紧急临时纳入决定") -> None:
            chooser = page.get_by_label("作出决定的单位")
            chooser.select_option(label=unit) if unit else chooser.select_option(value="")
            page.get_by_label("批复文号").fill(ref)
            page.get_by_label("批复日期").fill(today.isoformat())
            page.get_by_label("临时工作内容").fill("寒潮期间独居老人每日探访")
            page.get_by_label("入户走访").check()
            page.get_by_label("开始日期").fill(today.isoformat())
            page.get_by_label("结束日期").fill((today + timedelta(days=days)).isoformat())
            page.get_by_label("每网格每月工作量（小时）").fill("3")
            page.get_by_role("button", name="记录临时事项").click()

        fill("SL-2027-01", 45)  # over the body's own 30 days: refused, nothing written
        expect(page.locator("#refused")).to_contain_text("30")
        fill("SL-2027-01", 20, unit="")  # the deciding body not chosen: refused, the field named
        expect(page.locator("#unit-error")).to_contain_text(t("page.deciding_unit"))
        fill("SL-2027-01", 20)
        expect(page.locator("#done")).to_contain_text("已记录临时事项 SL-2027-01")
        row = page.locator("#approvals tbody tr", has_text="SL-2027-01")
        expect(row).to_contain_text("示例县")
        expect(row).to_contain_text("有效")
        visitor.shot("recorded")

        row.get_by_label("撤销理由").fill("寒潮解除")
        row.get_by_role("button", name="撤销 SL-2027-01").click()
        expect(page.locator("#done")).to_contain_text("已撤销临时事项 SL-2027-01")
        csrf = page.locator("input[name=csrf]").first.get_attribute("value")
        answer = page.request.post("/ui/temporary/XH-2026-02/withdraw", form={"csrf": csrf, "date": today.isoformat()})
        assert answer.status == 403 and t("page.secretariat_withdraws") in answer.text()
    finally:
        visitor.close()


def test_every_problem_of_a_submission_shows_beside_its_own_field(visit):
    """A 批复日期 after today and an end before the start: both at once, each at this form's field
    (批复日期 and 结束日期), none named by the command line's options (--date, --to) or by the
    withdrawal form's 撤销决定日期."""
    today = datetime.now(BEIJING).date()
    decided, start, end = today + timedelta(days=24), today + timedelta(days=30), today + timedelta(days=28)
    town = visit("town:tangxiang")
    page = town.page
    page.goto("/ui/temporary")
    page.get_by_label("批复文号").fill("TX-2026-14")
    page.get_by_label("批复日期").fill(decided.isoformat())
    page.get_by_label("临时工作内容").fill("冬季走访")
    page.get_by_label("入户走访").check()
    page.get_by_label("开始日期").fill(start.isoformat())
    page.get_by_label("结束日期").fill(end.isoformat())
    page.get_by_label("每网格每月工作量（小时）").fill("2")
    page.get_by_role("button", name="记录临时事项").click()
    expect(page.locator("#decided_on-error")).to_have_text(t("change.future_decision", on=decided, today=today))
    expect(page.locator("#valid_to-error")).to_have_text(t("change.end_before_start", end=end, start=start))
    expect(page.locator(".field.invalid")).to_have_count(2)
    refused = page.locator("#refused")
    expect(refused).to_contain_text("批复日期：")
    expect(refused).to_contain_text("结束日期：")
    assert "撤销决定日期" not in refused.inner_text() and "--" not in refused.inner_text()
    town.shot("two-problems")


def test_a_withdrawals_problem_shows_beside_its_row(visit):
    today = datetime.now(BEIJING).date()
    town = visit("town:tangxiang")
    page = town.page
    page.goto("/ui/temporary")
    row = page.locator("#approvals tbody tr", has_text="TX-2026-11")
    row.get_by_label("撤销决定日期").fill((today + timedelta(days=3)).isoformat())
    row.get_by_role("button", name="撤销 TX-2026-11").click()
    row = page.locator("#approvals tbody tr", has_text="TX-2026-11")
    expect(row.locator(".invalid .error")).to_have_text(
        t("change.future_decision", on=today + timedelta(days=3), today=today))


def test_an_approval_taking_the_town_past_capacity_is_refused_until_the_town_gives_its_reason(visit):
    """棠香 carries 52 h of the list and TX-2026-11's 2 h (policy §4, §8): 200 h more is over the
    120 h cap, so the page refuses it beside the figures, says how to go on, and records it once the
    town gives its reason."""
    today = datetime.now(BEIJING).date()
    town = visit("town:tangxiang")
    page = town.page
    page.goto("/ui/temporary")
    page.get_by_label("批复文号").fill("TX-2026-31")
    page.get_by_label("批复日期").fill(today.isoformat())
    page.get_by_label("临时工作内容").fill("冬季防火巡查")
    page.get_by_label("巡查巡逻").check()
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("结束日期").fill((today + timedelta(days=30)).isoformat())
    page.get_by_label("每网格每月工作量（小时）").fill("200")
    with page.expect_response(lambda r: r.url.endswith("/ui/temporary") and r.request.method == "POST") as sent:
        page.get_by_role("button", name="记录临时事项").click()
    assert sent.value.status == 409
    expect(page.locator("#refused")).to_contain_text("超过上限 120 小时")
    expect(page.locator("#override-needed")).to_be_visible()
    town.shot("over-capacity")
    page.get_by_label("超过工作量上限仍予交办的理由").fill("专题研究决定临时抽调")
    page.get_by_role("button", name="记录临时事项").click()
    expect(page.locator("#done")).to_contain_text("已记录临时事项 TX-2026-31")


def test_a_withdrawn_approvals_dates_read_on_the_page_as_temporary_list_reads_them(tmp_path, pack_copy, capsys):
    """Withdrawn from a day before its approved end, an approval ran to the day before: the page said
    「…至 <the approved end>」 beside 「有效（… 起撤销）」 while `temporary list` said 「…至 <the day before>」
    and only 有效. Both now give the period to its last day and the status with the withdrawal's day."""
    from fastapi.testclient import TestClient

    from gridrules.change.temporary import TemporaryRequest, approve_temporary, withdraw_temporary
    from gridrules.cli.main import main
    from gridrules.pages.app import create_app
    from servicekit import write_config

    today = datetime.now(BEIJING).date()
    start, end, withdrawn = today, today + timedelta(days=40), today + timedelta(days=10)
    approve_temporary(str(pack_copy), TemporaryRequest(
        unit="tangxiang", ref="TX-2026-50", decided_on=today, work="冬季防火巡查", activities=["patrol"],
        valid_from=start, valid_to=end, hours_per_month=1))
    withdraw_temporary(str(pack_copy), "TX-2026-50", today, "提前完成", effective=withdrawn)
    last = withdrawn - timedelta(days=1)  # in force to the day before its withdrawal takes effect

    secrets = write_config(tmp_path / "serve.json")
    web = TestClient(create_app(str(pack_copy), tmp_path / "serve.json", "off"))
    csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
    web.post("/ui/login", data={"csrf": csrf, "token": secrets["town:tangxiang"]}, follow_redirects=False)
    row = next(r for r in re.findall(r"<tr>.*?</tr>", web.get("/ui/temporary").text, re.S) if "TX-2026-50" in r)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert f"{start} 至 {last}" in cells and f"{start} 至 {end}" not in cells, cells
    assert f"有效（{withdrawn} 起撤销）" in cells, cells

    capsys.readouterr()
    assert main(["temporary", "list", "--pack", str(pack_copy), "--lang", "zh"]) == 0
    listed = next(line for line in capsys.readouterr().out.splitlines() if "TX-2026-50" in line)
    assert re.search(rf"{start} 至 {last} +1 +有效（{withdrawn} 起撤销）", listed), listed
