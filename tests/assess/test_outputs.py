"""The workbook and the HTML report of the hand-computed month."""

from __future__ import annotations

import pathlib
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from assessdocs import AT, TROUBLES_ZH, month_case, troubled_month
from gridrules import Checker
from gridrules.catalogue import set_language
from gridrules.assess.html import page, write_html
from gridrules.assess.periods import parse_period
from gridrules.assess.report import as_dict
from gridrules.assess.run import assess_records
from gridrules.assess.xlsx import write_xlsx
from gridrules.cli import assess_text


@pytest.fixture
def chinese():
    """The district's workbook and report, in Chinese (as its assessors read them)."""
    set_language("zh")
    yield
    set_language(None)


@pytest.fixture(scope="module")
def run(pack):
    case = month_case()
    return assess_records(Checker(pack), [(str(i), r) for i, r in enumerate(case["records"])],
                          parse_period(case["period"]), AT, [(str(i), t) for i, t in enumerate(case["tasks"])])


def test_workbook_has_a_sheet_per_level_and_the_lists_apart(run, pack, tmp_path, chinese):
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    book = load_workbook(path)
    # the levels as the pack names them (assessment.yaml), each town's scoring and the rest in the tool's words
    assert book.sheetnames == ["职能部门", "镇街", "村(社区)", "镇街对部门评分", "网格（只计数，不打分）", "红黑榜",
                               "有误的记录", "说明"]
    departments = book["职能部门"]
    header = [c.value for c in departments[1]]
    row = next(r for r in departments.iter_rows(min_row=2) if r[1].value == "zhujian")
    cells = dict(zip(header, row))
    assert cells["报到及时率 分子"].value == 2 and cells["报到及时率 分母"].value == 3
    share = cells["报到及时率（%，权重40，达标线90%）"]
    assert share.fill.fgColor.rgb.endswith("F4B6B6")  # below its bar: marked
    assert cells["榜单"].value == "黑榜"
    # each cell exact (the case's 2/3 and 1075/18), shown to one decimal by its format, so sorting the sheet
    # separates close scores (a review found 68.4957 stored as 68.5)
    assert share.value == pytest.approx(200 / 3) and share.number_format == "0.0"
    assert cells["得分"].value == pytest.approx(1075 / 18) and cells["得分"].number_format == "0.0"
    assert cells["单位"].fill.fgColor.rgb.endswith("D6D8DB")  # on the black list: its name marked
    for unit in run.scores["department"]:  # each share marked where it is below its bar, and only there
        found = next(r for r in departments.iter_rows(min_row=2) if r[1].value == unit.unit)
        # unit, id, events, of which no town, pending, cases: then each indicator's three columns
        marked = [found[6 + 3 * i + 2].fill.fgColor.rgb.endswith("F4B6B6") for i in range(len(unit.figures))]
        assert marked == [f.missed for f in unit.figures], unit.unit
    board = [[c.value for c in r] for r in book["红黑榜"].iter_rows()]
    assert ["红榜", 1, "村(社区)", "和平社区", 100.0, 0] in board
    # the case's black list, lowest score first: 区应急管理局 55.6 (500/9), then 区住房城乡建委 59.7 (1075/18)
    assert [r[:4] for r in board if r[0] == "黑榜"] == [["黑榜", 1, "职能部门", "区应急管理局"],
                                                       ["黑榜", 2, "职能部门", "区住房城乡建委"]]
    assert not list(tmp_path.glob("*.xlsx.*")) and len(list(tmp_path.iterdir())) == 1  # no temporary left


def test_html_is_self_contained_with_charts_in_chinese(run, pack, tmp_path, chinese):
    text = page(run, pack)
    assert text.count("<svg") >= 3
    assert "职能部门报到及时率" in text and "按月按时率走势" in text and "达标线 90%" in text
    assert 'aria-label="镇街按时办结率"' in text  # the indicator already names its level: said once
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", text)  # nothing fetched from elsewhere
    assert "<script" not in text and "@import" not in text and "url(" not in text
    path = tmp_path / "a.html"
    write_html(run, pack, str(path))
    assert path.read_text("utf-8") == text


def test_html_shows_each_towns_scoring_of_the_departments_and_why_a_unit_is_black(pack):
    set_language("zh")
    try:
        case = month_case()
        text = page(assess_records(Checker(pack), [(str(i), r) for i, r in enumerate(case["records"])],
                                   parse_period(case["period"]), AT), pack)
    finally:
        set_language(None)
    # 棠香街道 rated 区住房城乡建委 4 and 2 (rules/cases/assessment/2026-11.yaml): 2 ratings, mean 3.0
    assert "<h2>镇街对部门评分" in text and "区住房城乡建委（棠香街道评）" in text and "2 次评分均 3.0 分 50.0%" in text
    assert "区应急管理局（职能部门，" in text and "应急哨报到超时 1 次" in text


def test_every_chart_is_well_formed_svg(run, pack):
    import xml.etree.ElementTree as ET

    charts = re.findall(r"<svg.*?</svg>", page(run, pack), flags=re.S)
    assert len(charts) >= 3
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_workbook_and_report_in_english_keep_only_the_packs_words_chinese(run, pack, tmp_path):
    """Under --lang en (for developers) the tool's own words are English; the pack's (levels, indicators,
    lists, units, the budget's sentence) stay as the pack writes them."""
    set_language("en")
    try:
        text = page(run, pack)
        path = tmp_path / "a.xlsx"
        write_xlsx(run, pack, str(path))
    finally:
        set_language(None)
    assert '<html lang="en">' in text and "two-way assessment" in text and "判定时点" not in text
    book = load_workbook(path)
    assert book.sheetnames == ["职能部门", "镇街", "村(社区)", "town scoring", "网格（只计数，不打分）", "lists",
                               "bad records", "about"]
    assert [c.value for c in book["职能部门"][1]][:6] == ["unit", "unit id", "events", "events of which no town",
                                                         "pending", "cases"]


def _unanswered(event_id: str, day: int) -> dict:
    """An AQ03 event in 宝顶镇 whose whistle to 区民政局 was never answered, with no feedback and no
    resolution: at the check (12-20) every deadline has passed, so it is late on each (not pending)."""
    reported = f"2026-11-{day:02d}T09:00:00+08:00"
    return {"event": {"id": event_id, "type": "AQ03", "reported_at": reported, "grid": "baoding-shengji-01"},
            "steps": [{"at": f"2026-11-{day:02d}T09:30:00+08:00", "kind": "whistle", "departments": ["minzheng"]}]}


def test_the_score_column_holds_numbers_only_and_the_reason_for_none_beside_it(pack, tmp_path, chinese):
    # the month, and: 区民政局 summoned twice and never answering (报到 0/2, closed 0/2, feedback 0/2: a
    # score of 0 with 2 cases, so 黑榜 and the budget advice); 龙岗街道's one event still pending (extended
    # to 2027-01-10 in time: close_by Wed 12-02), so 1 event and no case in any share: no score
    case = month_case()
    pending = {"event": {"id": "LG1", "type": "MD02", "reported_at": "2026-11-28T09:00:00+08:00",
                         "grid": "longgang-wuxing-01"},
               "steps": [{"at": "2026-11-30T10:00:00+08:00", "kind": "extended", "until": "2027-01-10T18:00:00+08:00",
                          "approved_by": "龙岗街道"}]}
    records = case["records"] + [_unanswered("MZ1", 10), _unanswered("MZ2", 11), pending]
    run = assess_records(Checker(pack), [(str(i), r) for i, r in enumerate(records)], parse_period(case["period"]), AT)
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    book = load_workbook(path)
    no_events, no_cases = "本期无计入的事件", "本期没有计入份额的案件，不打分"
    rows = {}
    for name in ("职能部门", "镇街", "村(社区)", "镇街对部门评分"):
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        score = header.index("得分")
        assert header[score + 1] == "说明"
        for row in sheet.iter_rows(min_row=2, values_only=True):
            # a number or empty, never words: the column sorts and sums in Excel and WPS
            assert row[score] is None or isinstance(row[score], (int, float)), (name, row)
            assert (row[score] is None) == (row[score + 1] is not None), (name, row)  # a reason exactly when no score
            rows[(name, row[1])] = (row[score], row[score + 1])
    assert rows[("职能部门", "zhujian")] == (pytest.approx(1075 / 18), None)  # exact, shown to one decimal
    assert rows[("职能部门", "minzheng")] == (0, None)
    assert rows[("职能部门", "chengguan")][0] is not None  # summoned in the month (Z3)
    assert rows[("职能部门", "sifa")] == (None, no_events)
    assert rows[("镇街", "longgang")] == (None, no_cases)
    assert rows[("村(社区)", "longgang-wuxing")] == (None, no_cases)
    assert rows[("镇街", "zhongao")] == (None, no_events)
    # of the 27 towns (policy §1) 棠香、宝顶 and 龙岗 had events; of the 22 departments four were summoned
    assert sum(1 for (sheet, _), (_, why) in rows.items() if sheet == "镇街" and why == no_events) == 24
    assert sum(1 for (sheet, _), (_, why) in rows.items() if sheet == "职能部门" and why == no_events) == 18
    # the lists and the budget advice: a score of 0 is a number there too, not left out
    board = [list(r) for r in book["红黑榜"].iter_rows(values_only=True)]
    assert ["职能部门", "区民政局", 0, 0] in [r[2:] for r in board if r and r[0] == "黑榜"]
    assert ["职能部门", "区民政局", 0] in [r[2:5] for r in board if r and r[0] == "建议削减"]
    listed = [r for r in board if r and r[0] in ("红榜", "黑榜", "建议削减")]
    assert listed and all(isinstance(r[4], (int, float)) for r in listed)
    # the HTML report and the text tables: the score's cell empty (text: —), the reason in its own column
    text = page(run, pack)
    assert re.search(r">龙岗街道</td>(<td[^>]*>[^<]*</td>)*<td></td><td>本期没有计入份额的案件，不打分</td>", text)
    assert re.search(r">区民政局</td>(<td[^>]*>[^<]*</td>)*<td>0\.0</td><td></td>", text)


def _assessed(case: dict, pack):
    return assess_records(Checker(pack), [(str(i), r) for i, r in enumerate(case["records"])],
                          parse_period(case["period"]), AT, [(str(i), t) for i, t in enumerate(case["tasks"])])


class _Paragraphs(HTMLParser):
    """Each <p>'s text."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._open = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "p":
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.found[-1] += data


def test_the_workbook_and_the_report_say_what_the_text_says_the_scores_leave_out(pack, tmp_path, chinese):
    """A bad task line, the records another pack routed and a 延期 that came late: the text's summary
    names them; the workbook's 说明 sheet (what goes to the district) and the HTML report say them in the
    same words."""
    run = _assessed(troubled_month(), pack)
    told = "".join("，" + words for words in TROUBLES_ZH)
    assert assess_text.render(run, pack).splitlines()[1] == "记录 17 条：本期 15 条，有误 1 条" + told
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    rows = list(load_workbook(path)["说明"].iter_rows(values_only=True))
    assert [row[:2] for row in rows if row[0] == "注意"] == [("注意", words) for words in TROUBLES_ZH]
    parsed = _Paragraphs()
    parsed.feed(page(run, pack))
    (summary,) = [text for text in parsed.found if text.startswith("判定时点")]
    assert summary.endswith("有误 1 条" + told + "。")


def test_a_month_without_such_records_says_nothing_of_them(run, pack, tmp_path, chinese):
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    assert not [row for row in load_workbook(path)["说明"].iter_rows(values_only=True) if row[0] == "注意"]
    assert not any(words.split(" ")[0] in page(run, pack) for words in TROUBLES_ZH)


def test_the_records_reported_after_the_moment_are_one_sentence_in_the_text_and_the_report(pack):
    """The period's records reported after the moment judged are left out: the text and the HTML report
    say so in one sentence (one catalogue entry), in English as in Chinese."""
    from datetime import datetime

    from gridrules.catalogue import MESSAGES

    case = month_case()
    run = assess_records(Checker(pack), [(str(i), r) for i, r in enumerate(case["records"])],
                         parse_period(case["period"]), datetime.fromisoformat("2026-11-20T10:00:00+08:00"),
                         tasks=[])  # the towns' task decisions given (none): no sentence says them missing
    n = run.tally.after_at
    assert n > 0
    said = f", {n} more of the period reported after the moment judged (not counted)"
    assert said in assess_text.render(run, pack).splitlines()[1]
    assert said + "." in page(run, pack)
    assert "report.after_at" not in MESSAGES


def test_a_workbooks_rows_are_written_without_looking_over_the_sheet_again_for_each(run, pack, tmp_path, monkeypatch):
    """A level's rows are numbered as they are written: ``Worksheet.max_row`` looks at every cell, so asking
    it once a row made a province's workbook (1,041 towns, 4,139 communities) take 20 s of CPU, not 1.7."""
    from openpyxl.worksheet.worksheet import Worksheet

    asked = []
    looked = Worksheet.max_row
    monkeypatch.setattr(Worksheet, "max_row", property(lambda sheet: asked.append(1) or looked.fget(sheet)))
    write_xlsx(run, pack, str(tmp_path / "a.xlsx"))
    rows = sum(len(units) for units in run.scores.values())
    # a few a sheet (its header, its columns' widths: 9 sheets), none a row
    assert rows > 50 and len(asked) < 30


def _shown_width(text: str) -> int:
    """How wide a cell's text shows: a CJK character two, any other one."""
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1 for c in text)


def test_the_workbook_reads_for_a_person_name_first_columns_fitted_ratings_as_the_text_says(run, pack, tmp_path,
                                                                                            chinese):
    """A review found 单位代码 kept in view and 单位 scrolled away, every column at Excel's default width, the
    ratings as 「镇街评分 分子 4 / 分母 8」 where the text says 「2 次评分均 3.0 分」, and the budget advice's
    sentence as a header over an empty column."""
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    book = load_workbook(path)
    for name in ("职能部门", "镇街", "村(社区)", "镇街对部门评分", "网格（只计数，不打分）"):
        sheet = book[name]
        # the frozen column (left of B) is the name, not the code: it stays in view as the sheet scrolls
        assert sheet.freeze_panes == "B2" and sheet["A1"].value in ("单位", "网格"), name
        assert sheet["B1"].value in ("单位代码", "网格代码"), name
        for column in sheet.iter_cols(min_row=2):  # each column as wide as its widest value (CJK counting two)
            widest = max((_shown_width(str(c.value)) for c in column if c.value is not None), default=0)
            assert sheet.column_dimensions[column[0].column_letter].width >= min(widest, 40), (name, column[0])
    departments = book["职能部门"]
    names = [c.value for c in departments["A"][1:]]
    assert "区城市管理局(综合行政执法)" in names  # 13 characters, 2 of them half-width: 26 + 2 wide at least
    assert departments.column_dimensions["A"].width >= _shown_width("区城市管理局(综合行政执法)") == 26
    # the ratings: Z1's 4 and Z2's 2 of 区住房城乡建委 by 棠香街道 -- how many and their mean, as the text says
    header = [c.value for c in departments[1]]
    assert not any(h and h.startswith("镇街评分 分子") for h in header)
    row = dict(zip(header, next(r for r in departments.iter_rows(min_row=2, values_only=True) if r[1] == "zhujian")))
    assert row["镇街评分 评分次数"] == 2 and row["镇街评分 平均分"] == 3.0
    assert row["镇街评分（%，权重20）"] == 50.0  # (3 − 1) / 4
    # the budget advice's header names each column; the pack's sentence fills the column under it
    board = [list(r) for r in book["红黑榜"].iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(board) if r[0] == "预算建议")
    assert board[at] == ["预算建议", "名次", "层级", "单位", "得分", "依据（规则包）"]
    cuts = [r for r in board[at + 1:] if r[0] == "建议削减"]
    assert cuts and all(r[5] == pack.assessment.budget.text for r in cuts)
    for sheet in book:  # no header cell holds a sentence over an empty column
        for r in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v == pack.assessment.budget.text for v in r[:1]), sheet.title


def _with_bad_records(pack, extra: int = 0):
    """The month (its B1 bad: 区住房城乡建委 reports in unsummoned) with two more bad records -- an event type
    the pack lacks, and an event id an earlier record has -- as read from lines of r.jsonl (their problems
    placed on them); ``extra`` more of the second kind."""
    import json

    case = month_case()
    good = case["records"]
    unknown = [dict(good[0], event=dict(good[0]["event"], id=f"BAD{n}", type="XX99")) for n in range(1 + extra)]
    records = good + unknown + [good[1]]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    return assess_records(Checker(pack), [(f"r.jsonl:{i + 1}", r, lines[i]) for i, r in enumerate(records)],
                          parse_period(case["period"]), AT)


def test_the_workbook_and_the_report_name_each_bad_record_as_stderr_does(pack, tmp_path, chinese, monkeypatch):
    """The workbook (a sheet 有误的记录) and the HTML report (a section) list each bad record -- its
    file:line:col, its event id, its problems, in the words stderr and the dashboard give it -- not only
    their count; past LISTED_ERRORS the rest are counted."""
    run = _with_bad_records(pack)
    assert len(run.errors) == 3
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    rows = [list(r) for r in load_workbook(path)["有误的记录"].iter_rows(values_only=True)]
    assert rows[0] == ["位置（文件:行:列）", "事件编号", "问题"] and len(rows) == 4
    said = [str(e) for e in run.errors]  # stderr's lines: place（event）: problems
    for (where, event, problems), line in zip(rows[1:], said):
        assert line == f"{where}（{event}）: {problems}"
    assert rows[1][0].startswith("r.jsonl:17:") and rows[1][1] == "B1" and "区住房城乡建委" in rows[1][2]
    assert rows[2][0].startswith("r.jsonl:18:") and rows[2][1] == "BAD0" and "XX99" in rows[2][2]
    assert rows[3][0].startswith("r.jsonl:19") and rows[3][1] == "H02" and "H02" in rows[3][2]
    text = page(run, pack)
    assert "有误的记录（3 条，未计入评分与榜单）" in text
    for where, event, problems in rows[1:]:
        assert f"<td>{where}</td><td>{event}</td><td>{problems}</td>" in text.replace("&quot;", '"')
    import gridrules.assess.report as report

    monkeypatch.setattr(report, "LISTED_ERRORS", 2)
    run = _with_bad_records(pack, extra=2)  # five bad: two listed, three counted
    write_xlsx(run, pack, str(path))
    rows = [list(r) for r in load_workbook(path)["有误的记录"].iter_rows(values_only=True)]
    # how many in all (five), that only the first two are listed, the rest counted
    said = "共 5 条，只列出前 2 条；另有 3 条未列出：全部见 gridrules assess 的标准错误输出（每条一行）"
    assert len(rows) == 4 and rows[3][0] == said
    text = page(run, pack)
    assert text.count("<td>r.jsonl:") == 2 and said in text
    case = month_case()  # a month with no bad record (the month less B1) says so; the report has no such section
    case["records"] = [r for r in case["records"] if r["event"]["id"] != "B1"]
    clean, run = tmp_path / "b.xlsx", _assessed(case, pack)
    assert not run.errors
    write_xlsx(run, pack, str(clean))
    assert [list(r) for r in load_workbook(clean)["有误的记录"].iter_rows(values_only=True)][1] == ["没有有误的记录", None, None]
    assert "有误的记录" not in page(run, pack)


def test_the_reports_name_the_pack_by_its_title_and_keep_its_digest_smaller(run, pack, tmp_path, chinese):
    """A review found the report headed 「规则包 dazu-grid 1.0.0（sha256:…）」: the pack's slug and digest where an
    office reads its title (pack.yaml: 大足区社区网格化服务管理规则包)."""
    title, digest = "大足区社区网格化服务管理规则包", pack.info.digest
    text = assess_text.render(run, pack)
    assert text.splitlines()[0].endswith(f"；{title} 1.0.0 版）") and "dazu-grid" not in text.splitlines()[0]
    html = page(run, pack)
    summary = re.search(r"</h1><p>([^<]*)</p>", html.replace("\n", "")).group(1)
    assert f"；{title} 1.0.0 版；" in summary and "dazu-grid" not in summary and digest not in summary
    # the digest, which a decision is traced by, in a smaller line of its own
    assert f'<p class="digest"><small>规则包 dazu-grid 1.0.0，摘要 {digest}</small></p>' in html
    path = tmp_path / "a.xlsx"
    write_xlsx(run, pack, str(path))
    about = {r[0]: r[1:] for r in load_workbook(path)["说明"].iter_rows(values_only=True)}
    assert about["规则包"][:3] == (f"{title} 1.0.0", digest, "dazu-grid")
    assert as_dict(run, pack)["pack"] == {"name": "dazu-grid", "title": title, "version": "1.0.0", "digest": digest}


def test_the_tools_own_tables_name_towns_in_the_packs_word(chinese):
    """The towns' scoring of departments, their task lines with errors and the listed workload's column
    are the tool's own words: they said 镇街 whatever a pack calls its towns (乡镇(街道) in a county's)."""
    from gridrules import load_pack
    from gridrules.assess.report import level_name
    from gridrules.catalogue import t
    county = load_pack(pathlib.Path(__file__).resolve().parents[2] / "examples" / "county")
    town = county.tree.word("town")
    assert town == "乡镇(街道)"  # examples/county/organization: its towns' kind
    assert level_name(county, "department_town") == "乡镇(街道)对部门评分（各乡镇(街道)评其召集的部门，只列示，不定榜单和预算建议）"
    assert level_name(county, "department_town", sheet=True) == "乡镇(街道)对部门评分"
    assert t("screen.assess.task_errors", n=2, town=town) == "乡镇(街道)派单记录有误 2 条（未计入）"
    assert t("report.col.listed_hours", day="2026-11-30", town=town).startswith("所在乡镇(街道)清单工作量")
