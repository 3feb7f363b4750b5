"""Writing a table: whole numbers as whole numbers (6, not 6.0), in csv and xlsx alike."""

from __future__ import annotations

import openpyxl

from gridrules.tables.writer import write_table


def test_whole_numbers_are_written_without_a_decimal_point(tmp_path):
    rows = [["L01", 6.0, 120.0], ["L02", 4.5, 0.0], ["L03", 3, None]]
    write_table(tmp_path / "t.csv", "s", "title", ["编号", "工作量", "补贴"], rows, "csv")
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert text == "title\r\n编号,工作量,补贴\r\nL01,6,120\r\nL02,4.5,0\r\nL03,3,\r\n"  # the title first, as in the xlsx
    write_table(tmp_path / "t.xlsx", "s", "title", ["编号", "工作量", "补贴"], rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert values == [["L01", 6, 120], ["L02", 4.5, 0], ["L03", 3, None]]
    assert all(type(v) is int for v in (values[0][1], values[0][2], values[1][2]))


def test_a_workbooks_title_and_header_are_bold_stay_in_view_and_filter_the_rows(tmp_path):
    rows = [["L01", 6.0], ["L02", 4.5]]
    write_table(tmp_path / "t.xlsx", "s", "title", ["编号", "工作量"], rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    assert sheet["A1"].font.b and sheet["A2"].font.b and sheet["B2"].font.b and not sheet["A3"].font.b
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:B4"


def test_a_day_is_a_date_cell_in_a_workbook_and_its_iso_form_in_csv(tmp_path):
    """A day is written as a date cell (Excel sorts and filters it as a date), not as text."""
    from datetime import date, datetime

    rows = [["TX-1", date(2026, 11, 15), None]]
    write_table(tmp_path / "t.xlsx", "s", "title", ["批复编号", "开始", "撤销日期"], rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    cell = sheet["B3"]
    assert cell.is_date and cell.value == datetime(2026, 11, 15) and cell.number_format == "yyyy-mm-dd"
    write_table(tmp_path / "t.csv", "s", "title", ["批复编号", "开始", "撤销日期"], rows, "csv")
    assert (tmp_path / "t.csv").read_bytes().decode("utf-8-sig").endswith("TX-1,2026-11-15,\r\n")


def test_a_long_text_wraps_in_its_column_and_a_header_with_its_unit_wraps_over_its_numbers(tmp_path):
    """A 工作内容 of 80 characters ran past its column (60 wide at most) and was cut off at the next filled cell: its
    column is 40 wide at most and its long texts wrap, read from the top of their row as the row's other cells are.
    A header with its unit (工作量（小时/网格/月）) wraps over a column as wide as its numbers need, not its unit."""
    long = "入户核实" * 20
    rows = [["L01", long, 6.0], ["L02", "短", 4.5]]
    write_table(tmp_path / "t.xlsx", "s", "title", ["编号", "工作内容", "工作量（小时/网格/月）"], rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    widths = {c: sheet.column_dimensions[c].width for c in "ABC"}
    assert widths == {"A": 6, "B": 40, "C": 8}  # 工作量 (6) and a margin: the unit wraps under it
    assert sheet["B3"].alignment.wrap_text and sheet["B3"].alignment.vertical == "top"
    assert not sheet["C3"].alignment.wrap_text and sheet["C3"].alignment.vertical == "top"
    assert sheet["C2"].alignment.wrap_text and sheet["C2"].font.b
    assert sheet.print_title_rows == "$1:$2"  # every printed page repeats the title and the header


def test_a_table_of_short_cells_is_written_without_a_style_per_cell(tmp_path):
    """A 50,000-grid registry has no long text: its cells are written plain (a style per cell costs time and size)."""
    rows = [["棠香街道", "和平社区", 420]] * 3
    write_table(tmp_path / "t.xlsx", "s", "title", ["镇街", "村(社区)", "户数（户）"], rows, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    assert all(cell.style_id == 0 for row in sheet.iter_rows(min_row=3) for cell in row)
