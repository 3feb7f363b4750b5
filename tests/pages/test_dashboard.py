"""统计看板 in a real browser: decisions made on the pages show in the decision log's charts; the
assessment of uploaded lifecycle records shows the scorecards and 红黑榜."""

from __future__ import annotations

import json
import re

import pytest

from assessdocs import month_case, records_jsonl, troubled_month
from clirun import run
from gridrules.catalogue import t
from pagekit import browser, check_task, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


def test_decisions_made_on_the_pages_are_counted_on_the_dashboard(visit):
    clerk = visit("department:minzheng")
    page = clerk.page
    check_task(page, "独居老人走访", ("入户走访",), "2026-12-01")
    expect(page.locator("#verdict")).to_contain_text("准入")
    page.goto("/ui/route")
    page.get_by_label("事件类型").select_option(label="邻里纠纷")
    page.get_by_label("发生网格").fill("和平社区01网格（棠香街道和平社区）")
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#verdict")).to_contain_text("事件")

    district = visit("secretariat")
    page = district.page
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="统计看板").click()
    expect(page.locator("#log-total")).to_contain_text("共 2 项决定")
    chart = page.locator("#chart-time svg")
    expect(chart).to_be_visible()
    assert "准入" in chart.inner_html() and "事件分流" in chart.inner_html()  # Chinese labels drawn in the SVG
    page.locator("#chart-department details summary").click()
    expect(page.locator("#chart-department table")).to_contain_text("区民政局")
    expect(page.locator("#chart-type svg")).to_contain_text("邻里纠纷")
    district.shot("log")


def test_the_assessment_shows_scorecards_and_the_red_and_black_lists(visit, tmp_path):
    case = month_case()  # rules/cases/assessment/2026-11.yaml, its lists computed by hand
    records = tmp_path / "records.jsonl"
    records.write_text(records_jsonl(case["records"]), encoding="utf-8")
    district = visit("auditor")
    page = district.page
    assert _assess(page, str(records)) == 200
    expect(page.locator("#assess-summary")).to_contain_text("考核期 2026-11")
    # the case's expectation: red [community:tangxiang-heping], black [department:yingji, department:zhujian]
    expect(page.locator("#red li")).to_have_text([re.compile("^和平社区")])
    expect(page.locator("#black li")).to_have_text([re.compile("^区应急管理局"), re.compile("^区住房城乡建委")])
    # lowest score first (55.6, 59.7), each numbered by its rank in its level, and the page says the order
    expect(page.locator("#black li").nth(1)).to_have_attribute("value", "2")
    expect(page.locator("#list-order")).to_contain_text("排序：红榜按得分从高到低")
    expect(page.locator("#scores-town")).to_contain_text("棠香街道")
    # a registered town with no event in the month is listed all the same, saying so (in no chart)
    # its score's cell empty (the column holds numbers only), the reason beside it
    baoding = page.locator("#scores-town tbody tr", has_text="宝顶镇")
    expect(baoding.locator("td.score")).to_have_text("")
    expect(baoding.locator("td.why")).to_have_text(t("report.why.no_events"))
    expect(page.locator("#scores-town tbody tr", has_text="棠香街道").locator("td.why")).to_have_text("")
    expect(page.locator("#chart-community svg")).to_contain_text("和平社区")
    # 区应急管理局 is on the black list for its 应急哨 answered late (E1), and the list says so
    expect(page.locator("#black li").first).to_contain_text(t("assess.late_whistles", kinds="应急哨", n=1))
    # 区住房城乡建委's ratings (4 and 2) as how many and their mean; each town's scoring of it apart,
    # deciding no list
    zhujian = page.locator("#scores-department tbody tr", has_text="区住房城乡建委")
    expect(zhujian).to_contain_text(t("assess.rating_counts", n=2, mean="3.0"))
    by_town = page.locator("#scores-department_town")
    expect(by_town).to_contain_text(t("assess.rated_by", department="区住房城乡建委", town="棠香街道"))
    expect(by_town.locator("thead th")).not_to_contain_text(["榜单"])
    # the counts in the words of gridrules assess's text (17 read, 15 of the month, B1 bad: the CLI's too);
    # the bad record counted above the lists and tables it is left out of, listed under its count
    expect(page.locator("#assess-summary")).to_contain_text(
        t("screen.assess.records", records=17, in_period=15, errors=1))
    count = page.locator("#errors-count")
    expect(count).to_have_text(t("page.assess.errors", n=1))
    assert count.bounding_box()["y"] < page.locator("#red-title").bounding_box()["y"]
    count.click()
    expect(page.locator("#record-errors li")).to_have_count(1)
    expect(page.locator("#record-errors li")).to_contain_text("records.jsonl:17")
    district.shot("assessment")


def test_a_period_that_is_not_one_is_named(visit):
    district = visit("secretariat")
    page = district.page
    page.goto("/ui/dashboard")
    page.get_by_label("考核期").fill("2026-13")
    page.get_by_label("事件全过程记录").set_input_files({"name": "r.jsonl", "mimeType": "application/x-ndjson",
                                                  "buffer": b"{}\n"})
    page.get_by_role("button", name="考核").click()
    expect(page.locator(".problems")).to_contain_text("考核期")
    expect(page.locator(".problems")).to_contain_text("is not a period")


def test_the_towns_tasks_are_read_as_assess_decisions_reads_them(visit, tmp_path, capsys, monkeypatch):
    """With the towns' tasks uploaded, 棠香街道's score is the CLI's on the same files. The case works it
    out by hand (rules/cases/assessment/2026-11.yaml): one of its two assigned tasks is 违规派单, 1/2,
    and the score 6095/78 = 78.1 (without the tasks, 无违规派单率 had no cases and the score another)."""
    case = month_case()
    records, tasks = tmp_path / "records.jsonl", tmp_path / "tasks.jsonl"
    records.write_text(records_jsonl(case["records"]), encoding="utf-8")
    tasks.write_text(records_jsonl(case["tasks"]), encoding="utf-8")
    _code, out, _err = run(capsys, monkeypatch, ["assess", str(records), "--period", "2026-11", "--at",
                                                 "2026-12-20T10:00:00+08:00", "--decisions", str(tasks),
                                                 "--format", "json"])
    cli = next(u for u in json.loads(out)["levels"]["town"] if u["unit"] == "tangxiang")
    assert cli["score_shown"] == "78.1"

    district = visit("secretariat")
    page = district.page
    assert _assess(page, str(records), str(tasks)) == 200
    town = page.locator("#scores-town tbody tr", has_text="棠香街道")
    expect(town.locator("td.score")).to_have_text(cli["score_shown"])
    expect(town).to_contain_text("50.0%（1/2）")  # 无违规派单率
    assert cli["budget_cut_advised"] is True
    expect(town.locator("td").nth(-1)).to_contain_text("建议削减")  # the CLI's and the workbook's word
    expect(page.locator("#scores-town thead")).to_contain_text(t("screen.assess.col.pending"))  # the CLI's word
    # 区城管局 has no 镇街评分: no share, said so (not "—%")
    chengguan = page.locator("#scores-department tbody tr", has_text="区城市管理局")
    expect(chengguan).to_contain_text(t("screen.none"))
    assert "—%" not in page.locator("#scores-department").inner_text()
    district.shot("with-tasks")


def test_the_summary_says_what_the_text_says_the_scores_leave_out(visit, tmp_path):
    """The bad task line, the records another pack routed (H02, Z1) and the 延期 that came after its
    limit (H05) of ``troubled_month``: said in the summary in the words of gridrules assess's text."""
    case = troubled_month()
    records, tasks = tmp_path / "records.jsonl", tmp_path / "tasks.jsonl"
    records.write_text(records_jsonl(case["records"]), encoding="utf-8")
    tasks.write_text(records_jsonl(case["tasks"]), encoding="utf-8")
    district = visit("auditor")
    page = district.page
    assert _assess(page, str(records), str(tasks)) == 200
    summary = page.locator("#assess-summary")
    expect(summary).to_contain_text("考核期 2026-11")
    told = [t("screen.assess.task_errors", n=1, town="town"),
            t("screen.assess.mismatch", n=2, events=t("screen.joiner").join(["H02", "Z1"])),
            t("screen.assess.late_extension", n=1, events="H05")]
    expect(summary).to_contain_text("".join(t("screen.assess.sep") + words for words in told))
    expect(page.locator("#task-errors li")).to_have_count(1)  # the bad line itself, as before
    district.shot("troubles")


def _assess(page, records, tasks=None) -> int:
    """Assess on the dashboard for 2026-11 at 2026-12-20 10:00: ``records`` (and ``tasks``) a file's path or
    an upload as Playwright takes one; the answer's HTTP status."""
    page.goto("/ui/dashboard")
    page.get_by_label("考核期").fill("2026-11")
    page.get_by_label("判定时点").fill("2026-12-20T10:00")
    page.get_by_label("事件全过程记录").set_input_files(records)
    if tasks is not None:
        page.get_by_label("镇街派单记录").set_input_files(tasks)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/dashboard/assess")) as answer:
        page.get_by_role("button", name="考核").click()
    return answer.value.status


def _assess_upload(page, name: str, data: bytes) -> int:
    """Assess an upload of ``data`` named ``name``."""
    return _assess(page, {"name": name, "mimeType": "application/octet-stream", "buffer": data})


def test_an_uploaded_workbook_is_refused_as_a_whole_naming_what_it_is(visit, tmp_path):
    """An exported 清单.xlsx given as the records file: refused whole (422, the page's problems), named as
    a workbook -- not 44 lines "not UTF-8 ... GBK?" under a scorecard of nothing."""
    from openpyxl import Workbook

    book = tmp_path / "清单.xlsx"
    sheet = Workbook()
    for n in range(44):
        sheet.active.append([f"E{n}", "邻里纠纷"])
    sheet.save(book)
    page = visit("auditor").page
    assert _assess_upload(page, "清单.xlsx", book.read_bytes()) == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text(t("doc.zip_file", reads=t("assess.reads")))
    expect(problems.locator(".where")).to_have_text("记录文件")
    expect(page.locator("#assess-summary")).to_have_count(0)
    expect(page.locator("#red-title")).to_have_count(0)
    assert "GBK" not in page.content()


def test_an_uploaded_json_array_or_csv_is_refused_once_saying_what_is_read(visit):
    """Records exported as one JSON array (a .json the picker offers) or a GBK CSV: one problem at the
    records field (422), saying assess reads one record a line -- not "not JSON" on each of its lines."""
    page = visit("auditor").page
    array = b'[\n  {"event": {"id": "EV-1", "type": "MD02"},\n   "steps": []}\n]\n'
    table = "事件编号,事件类型\r\nE-1,邻里纠纷\r\n".encode("gbk")
    for name, data, said in (("导出.json", array, t("assess.array_records", convert="")),
                             ("导出.csv", table, t("assess.table_records", header="事件编号,事件类型"))):
        assert _assess_upload(page, name, data) == 422
        problems = page.locator(".problems li")
        expect(problems).to_have_count(1)
        expect(problems).to_contain_text(said.split("{")[0][:60])
        expect(problems.locator(".where")).to_have_text("记录文件")
        assert "不是有效的 JSON" not in page.content() and "GBK" not in page.content()
    # the conversion names the file chosen (on the assessor's computer), and a .jsonl beside it
    assert _assess_upload(page, "十一月 导出.json", array) == 422
    expect(page.locator(".problems li")).to_contain_text("'十一月 导出.json' > '十一月 导出.jsonl'")
    expect(page.locator(".problems li")).not_to_contain_text(t("assess.array_file"))


def test_an_uploaded_decision_log_export_is_refused_once_saying_what_is_read(visit):
    """``gridrules log export``'s lines uploaded as the records file: one problem at the records field
    (422), saying the log holds decisions, not lifecycles -- not a dozen unknown fields on every line."""
    from gridrules.log.records import Record

    record = Record(1, "event", "2026-11-25T09:30:00+08:00", "cli", "sha256:0", json.dumps(month_case()["records"][0]["event"]),
                    "{}", "0" * 64, "1" * 64, "2026-11-25T01:30:01+00:00")
    page = visit("auditor").page
    assert _assess_upload(page, "log.jsonl", (json.dumps(record.as_dict()) + "\n").encode()) == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text(t("assess.log_export")[:60])
    expect(problems.locator(".where")).to_have_text("记录文件")


def test_records_all_bad_give_the_errors_at_the_top_and_no_scorecard(visit):
    """Every record bad (typo'd keys, a line that is not JSON, a line pasted in as GBK among UTF-8 text --
    a file whose every Chinese character is GBK is refused as a GBK file, once): 422, the page's
    problems at its top say none counted and list each bad record; no summary, no 红黑榜, no table."""
    good = month_case()["records"][0]
    typos = records_jsonl([{"evnet": good["event"], "steps": good["steps"]},
                           {"event": dict(good["event"], id="T2-棠香街道"), "step": good["steps"]}])
    data = typos.encode("utf-8") + '{"event": {"id": "棠香"}}\n'.encode("gbk")
    district = visit("auditor")
    page = district.page
    assert _assess_upload(page, "r.jsonl", data) == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(4)
    expect(problems.first).to_contain_text(t("assess.none_counted", n=3))
    expect(problems.nth(1)).to_contain_text("r.jsonl:1")
    expect(problems.nth(3)).to_contain_text("r.jsonl:3")
    assert page.locator(".problems").bounding_box()["y"] < page.locator("form.sheet").bounding_box()["y"]
    for gone in ("#assess-summary", "#red-title", "#black-title", "table.scorecards", "#errors-count"):
        expect(page.locator(gone)).to_have_count(0)
    district.shot("all-bad")


def test_records_all_bad_past_the_listing_say_how_many_there_are_in_all(visit):
    """More bad records than the page lists (its first 50): the problems say how many there are in all
    and that only the first are listed, not a list that looks whole."""
    data = "".join(json.dumps({"event": {"id": f"X{n}"}}) + "\n" for n in range(55)).encode("utf-8")
    page = visit("auditor").page
    assert _assess_upload(page, "r.jsonl", data) == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(1 + 50 + 1)
    expect(problems.first).to_contain_text(t("assess.none_counted", n=55))
    expect(problems.last).to_contain_text(t("page.assess.errors_more", n=55, shown=50, listed=1000))


def test_uploaded_records_saved_as_gbk_are_refused_once_saying_so(visit):
    """Records saved by Notepad as GBK and uploaded: refused whole (422), said to be GBK with how to save
    them as UTF-8 (``stream.refused``, as ``gridrules assess`` says it), not "not UTF-8" at every line."""
    data = records_jsonl(month_case()["records"]).encode("gbk")
    assert not data.isascii()
    page = visit("auditor").page
    assert _assess_upload(page, "记录.jsonl", data) == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text(t("doc.saved_as", encoding="GBK"))
    expect(page.locator("#assess-summary")).to_have_count(0)
