"""What an xlsx's values alone do not say, said: a formula's error, hidden rows, columns and sheets,
and the sheet the table is on when it is not the first."""

from __future__ import annotations

import openpyxl
import pytest

from gridrules.catalogue import set_language
from gridrules.tables.sheet import SheetError, read_table
from sheets import as_excel_saves, csv_file

KNOWN = ["镇街", "村(社区)", "网格名称", "网格编码", "户数"]
REQUIRED = ["镇街", "村(社区)", "网格名称", "网格编码"]
HEADER = ["镇街", "村(社区)", "网格名称", "网格编码", "户数"]


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


def book(path, rows, edit=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "登记表"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if edit:
        edit(workbook, sheet)
    workbook.save(path)
    return path


def refused(path, **kwargs) -> list[str]:
    with pytest.raises(SheetError) as caught:
        read_table(path, KNOWN, REQUIRED, **kwargs)
    return str(caught.value).splitlines()


def test_an_error_cell_is_refused_not_read_as_blank(tmp_path):
    path = book(tmp_path / "e.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", "#REF!"],
                                      ["棠香街道", "和平社区", "和平社区02网格", "#N/A", 400]])
    assert refused(path) == ["登记表!E2: 户数: 公式出错：#REF!（请在 Excel 中改正这个单元格的公式或数值）",
                             "登记表!D3: 网格编码: 公式出错：#N/A（请在 Excel 中改正这个单元格的公式或数值）"]


def test_a_formula_saved_without_its_result_is_refused_not_read_as_blank(tmp_path):
    """openpyxl (like other programs that do not calculate) saves a formula with no result: calamine
    reads the cell as blank, which an import would take for a value removed."""
    path = book(tmp_path / "f.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", "=100*4"],
                                      ["棠香街道", "和平社区", "和平社区02网格", "a-2", 400]])
    assert refused(path) == ["登记表!E2: 户数: 公式没有保存计算结果（保存这个文件的程序没有计算公式）："
                             "请在 Excel 或 WPS 中打开、保存后再导入，或把公式换成数值"]


def test_a_formula_saved_with_its_result_is_read_as_that_value(tmp_path):
    path = tmp_path / "g.xlsx"
    book(path, [["棠香街道", "和平社区", "和平社区01网格", "a-1", "=100*4"]])
    import zipfile  # as Excel saves it: the formula and its result
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    assert b"<f>100*4</f><v" in members[sheet]
    members[sheet] = members[sheet].replace(b"<f>100*4</f><v></v>", b"<f>100*4</f><v>400</v>").replace(
        b"<f>100*4</f><v />", b"<f>100*4</f><v>400</v>").replace(b"<f>100*4</f><v/>", b"<f>100*4</f><v>400</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    table = read_table(path, KNOWN, REQUIRED)
    assert [row.get("户数") for row in table.rows] == ["400"]


def test_an_error_excel_wrote_into_a_csv_is_refused_too(tmp_path):
    path = csv_file(tmp_path / "e.csv", [",".join(HEADER), "棠香街道,和平社区,和平社区01网格,a-1,#DIV/0!"])
    assert refused(path) == ["e.csv!E2: 户数: 公式出错：#DIV/0!（请在 Excel 中改正这个单元格的公式或数值）"]


def test_hidden_rows_holding_data_are_refused_naming_them(tmp_path):
    def hide(_book, sheet):
        sheet.row_dimensions[3].hidden = True
        sheet.row_dimensions[5].hidden = True
        sheet.row_dimensions[6].hidden = True  # blank: nothing would be read from it

    rows = [["棠香街道", "和平社区", f"和平社区0{i}网格", f"a-{i}", 400] for i in range(1, 5)]
    lines = refused(book(tmp_path / "h.xlsx", rows, hide))
    assert lines == ["登记表 第 3 行: 第 3、5 行是隐藏的（或被筛选隐藏）：隐藏的行也会被导入，表中却看不到它们；"
                     "请取消隐藏（或取消筛选）核对后再导入，不要的行请删去"]


def test_a_hidden_column_read_is_refused_and_one_not_read_is_not(tmp_path):
    def hide(_book, sheet):
        sheet["F1"] = "序号"
        sheet.column_dimensions["E"].hidden = True
        sheet.column_dimensions["F"].hidden = True

    lines = refused(book(tmp_path / "c.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400, 1]], hide))
    assert lines == ["登记表!E1: 「户数」列是隐藏的：隐藏的列也会被导入，表中却看不到它；请取消隐藏核对后再导入"]


def test_a_hidden_first_sheet_is_not_read_by_default(tmp_path):
    def hide(workbook, _sheet):
        workbook.create_sheet("在用")
        workbook["登记表"].sheet_state = "hidden"

    path = book(tmp_path / "s.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], hide)
    assert refused(path) == [f"{path}: 第一个工作表「登记表」是隐藏的：请用 --sheet 指明要导入的工作表（有：登记表、在用）"]
    assert len(read_table(path, KNOWN, REQUIRED, sheet="登记表").rows) == 1  # named, it is read


def notes_first(workbook, sheet):
    notes = workbook.create_sheet("说明", 0)
    notes.append(["本表由各镇街填报"])


def test_the_sheet_holding_the_headers_is_named_when_the_first_does_not(tmp_path):
    path = book(tmp_path / "n.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], notes_first)
    (line,) = refused(path)
    assert line == ("说明 第 1 行: 表头缺少 镇街、村(社区)、网格名称、网格编码（找到的表头：无）；"
                    "表头在工作表「登记表」：请加 --sheet 登记表 导入它")


def test_the_sheets_are_listed_when_several_hold_the_headers(tmp_path):
    def two(workbook, sheet):
        notes_first(workbook, sheet)
        copy = workbook.copy_worksheet(sheet)
        copy.title = "登记表（旧）"

    (line,) = refused(book(tmp_path / "n.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], two))
    assert line.endswith("；表头在工作表 登记表、登记表（旧）：请用 --sheet 指明要导入的一个")


def test_a_sheet_lacking_a_header_suggests_no_other_sheet_when_none_has_it(tmp_path):
    """One sheet (the one read) or others without the header: --sheet would not help, the header lacks the column."""
    def no_code(workbook, sheet):
        sheet.delete_cols(4)  # 网格编码

    path = book(tmp_path / "one.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], no_code)
    assert refused(path) == ["登记表 第 1 行: 表头缺少 网格编码（找到的表头：镇街、村(社区)、网格名称、户数）"]

    def no_code_and_notes(workbook, sheet):
        no_code(workbook, sheet)
        workbook.create_sheet("说明").append(["本表由各镇街填报"])

    path = book(tmp_path / "two.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], no_code_and_notes)
    assert refused(path) == ["登记表 第 1 行: 表头缺少 网格编码（找到的表头：镇街、村(社区)、网格名称、户数）"]


def test_a_number_shown_as_a_percentage_is_refused_saying_what_it_shows(tmp_path):
    """A cell formatted as 80% holds 0.8: read as 0.8 it would be a number the clerk never sees (no table
    reads a share, so 80 is not guessed either).  A % in quotes is literal text in the format: a number."""
    def formats(_, sheet):
        sheet["E2"].number_format = "0%"
        sheet["E3"].number_format = "0.0%"
        sheet["E4"].number_format = '0"%"'
        sheet["C2"].number_format = "0%"  # a text cell: its format says nothing

    path = book(tmp_path / "p.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 0.8],
                                      ["棠香街道", "和平社区", "和平社区02网格", "a-2", 3.205],
                                      ["棠香街道", "和平社区", "和平社区03网格", "a-3", 300]], formats)
    assert refused(path) == [
        "登记表!E2: 户数: 单元格设成了百分比格式，显示 80%，存的数却是 0.8：这一栏写数值，不写百分数；"
        "请把单元格格式改为“常规”或“数值”，再写上要的数",
        "登记表!E3: 户数: 单元格设成了百分比格式，显示 320.5%，存的数却是 3.205：这一栏写数值，不写百分数；"
        "请把单元格格式改为“常规”或“数值”，再写上要的数"]


def test_a_date_cell_is_refused_in_a_column_that_takes_no_day(tmp_path):
    """A grid named 1-2 is turned into a date by Excel (shown 1月2日): it was read as the name 2026-01-02.  In a
    column the table reads days from (``days``) a date cell is a day, as before."""
    from datetime import date, datetime

    path = book(tmp_path / "d.xlsx", [["棠香街道", "和平社区", datetime(2026, 1, 2), "a-1", 300],
                                      ["棠香街道", "和平社区", "和平社区02网格", "a-2", 400]])
    assert refused(path) == ["登记表!C2: 网格名称: 这一格存的是日期或时刻（2026-01-02）：这一栏不写日期。Excel 会把 1-2、3/4 "
                             "这样的输入自动变成日期，请把单元格格式设为“文本”后重新输入"]
    assert read_table(path, KNOWN, REQUIRED, days=["网格名称"]).rows[0].get("网格名称") == str(date(2026, 1, 2))


def test_the_sheet_to_name_is_written_as_a_shell_takes_it(tmp_path):
    """The registry's own sheet, 村(社区)与网格登记表: ``--sheet 村(社区)与网格登记表`` pasted into a shell is a syntax
    error at its (; quoted, the shell passes the name as it is."""
    import shlex
    import subprocess

    def renamed(book_, sheet):
        notes_first(book_, sheet)
        sheet.title = "村(社区)与网格登记表"

    path = book(tmp_path / "n.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 400]], renamed)
    (line,) = refused(path)
    option = line.split("请加 ")[1].removesuffix(" 导入它")
    assert option == "--sheet '村(社区)与网格登记表'"
    assert subprocess.run(["bash", "-n", "-c", f"gridrules import registry n.xlsx {option}"]).returncode == 0
    assert shlex.split(option) == ["--sheet", "村(社区)与网格登记表"]


def test_only_the_cells_of_a_percent_style_are_looked_at(tmp_path, monkeypatch):
    """The styles are the workbook's: one percentage on another sheet made every bordered cell of the ledger be
    looked at in Python (on 50,000 rows, more than reading the values took).  Only the cells of a percent style
    are; the one there is still refused."""
    from openpyxl.styles import Border, Side

    from gridrules.tables import workbook

    def styled(book_, sheet):
        line = Side(style="thin")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.border = Border(left=line, right=line, top=line, bottom=line)
        sheet["E4"].number_format = "0%"
        book_.create_sheet("统计")["A1"] = 0.25
        book_["统计"]["A1"].number_format = "0%"

    rows = [["棠香街道", "和平社区", f"和平社区{n:02d}网格", f"a-{n}", 300 + n] for n in range(1, 41)]
    path = book(tmp_path / "s.xlsx", rows, styled)
    looked = []

    class Counting:
        def search(self, text):
            looked.append(text)
            return TYPE.search(text)

    TYPE = workbook._TYPE
    monkeypatch.setattr(workbook, "_TYPE", Counting())
    assert refused(path) == ["登记表!E4: 户数: 单元格设成了百分比格式，显示 30300%，存的数却是 303：这一栏写数值，不写百分数；"
                             "请把单元格格式改为“常规”或“数值”，再写上要的数"]
    assert len(looked) == 1  # E4's tag, not the 200 bordered cells'


def test_a_percentage_is_said_as_excel_shows_it(tmp_path):
    """A share worked out by a formula (=0.1+0.2, formatted 0%) holds 0.30000000000000004: the refusal said it shows
    30.000000000000004% and holds 0.30000000000000004, neither of which the clerk sees anywhere."""
    def formats(_, sheet):
        sheet["E2"].number_format = "0%"

    path = book(tmp_path / "p.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "a-1", 0.3]], formats)
    as_excel_saves(path, {"E2": "0.30000000000000004"})
    assert refused(path) == ["登记表!E2: 户数: 单元格设成了百分比格式，显示 30%，存的数却是 0.3：这一栏写数值，不写百分数；"
                             "请把单元格格式改为“常规”或“数值”，再写上要的数"]
