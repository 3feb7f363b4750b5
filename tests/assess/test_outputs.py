"""The workbook and the HTML report of the hand-computed month."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from assessdocs import AT, month_case
from gridrules import Checker
from gridrules.catalogue import set_language
from gridrules.assess.html import page, write_html
from gridrules.assess.periods import parse_period
from gridrules.assess.run import assess_records
from gridrules.assess.xlsx import write_xlsx


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
    assert book.sheetnames == ["职能部门", "镇街", "村(社区)", "镇街对部门评分", "网格（只计数，不打分）", "红黑榜", "说明"]
    departments = book["职能部门"]
    header = [c.value for c in departments[1]]
    row = next(r for r in departments.iter_rows(min_row=2) if r[0].value == "zhujian")
    cells = dict(zip(header, row))
    assert cells["报到及时率 分子"].value == 2 and cells["报到及时率 分母"].value == 3
    share = cells["报到及时率（%，权重40，达标线90%）"]
    assert share.value == 66.7 and share.fill.fgColor.rgb.endswith("F4B6B6")  # below its bar: marked
    assert cells["得分"].value == 59.7 and cells["榜单"].value == "黑榜"
    board = [[c.value for c in r] for r in book["红黑榜"].iter_rows()]
    assert ["红榜", "村(社区)", "和平社区", 100.0, 0] in board
    assert any(r[:3] == ["黑榜", "职能部门", "区应急管理局"] for r in board)
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
    assert book.sheetnames == ["职能部门", "镇街", "村(社区)", "towns' scoring", "网格（只计数，不打分）", "lists", "about"]
    assert [c.value for c in book["职能部门"][1]][:5] == ["unit id", "unit", "events", "pending", "cases"]
