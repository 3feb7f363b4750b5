"""Reading real spreadsheets: title rows, merged two-row headers, blank rows, full-width digits, spaces."""

from __future__ import annotations

import pytest

from gridrules.catalogue import set_language
from gridrules.tables.sheet import Place, SheetError, read_table, split_names
from gridrules.pack.people import names_in
from sheets import csv_file, messy_registry


@pytest.fixture(autouse=True)
def chinese():
    """The district's spreadsheets and what is said about them, in Chinese (as a clerk reads them)."""
    set_language("zh")
    yield
    set_language(None)

KNOWN = ["镇街", "村(社区)", "网格名称", "网格编码", "网格类型", "户数", "上级网格", "网格长", "专职", "兼职", "网格指导员"]
REQUIRED = ["镇街", "村(社区)", "网格名称", "网格编码"]


def test_a_merged_two_row_header_under_a_title_row(tmp_path):
    path = messy_registry(tmp_path / "r.xlsx", [
        ["棠香街道 ", "和平社区", "和平社区01网格", "tangxiang-heping-01", "城市网格", "４２０ ", "张三", "李四", "王五", "赵六", None],
        ["棠香街道", "和平社区", "和平社区02网格", "tangxiang-heping-02", None, 380, None, None, None, None, None],
    ])
    table = read_table(path, KNOWN, REQUIRED)
    assert table.sheet == "登记表"
    # 村（社区） with full-width brackets and 镇街 with a trailing space are the headers they mean
    assert table.headers == {"镇街": 1, "村(社区)": 2, "网格名称": 3, "网格编码": 4, "网格类型": 5, "户数": 6,
                             "网格长": 7, "专职": 8, "兼职": 9, "网格指导员": 10, "上级网格": 11}
    # the data starts on row 4; the blank rows between are skipped, not read as grids
    assert [r.number for r in table.rows] == [4, 6]
    first = table.rows[0]
    assert first.get("镇街") == "棠香街道" and first.get("户数") == "４２０"
    assert str(first.cell("户数").place) == "登记表!F4"
    assert table.rows[1].get("户数") == "380"  # a number cell reads as its digits


def test_a_town_merged_down_its_rows_fills_each_of_them(tmp_path):
    """When the table lets its town and community columns be merged down (the registry does)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["镇街", "村(社区)", "网格名称", "网格编码"])
    sheet.append(["棠香街道", "和平社区", "和平社区01网格", "a-1"])
    sheet.append([None, None, "和平社区02网格", "a-2"])
    sheet.append([None, "北关社区", "北关社区01网格", "b-1"])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "m.xlsx")
    rows = read_table(tmp_path / "m.xlsx", KNOWN, REQUIRED, merged_down=("镇街", "村(社区)")).rows
    assert [(r.get("镇街"), r.get("村(社区)")) for r in rows] == [
        ("棠香街道", "和平社区"), ("棠香街道", "和平社区"), ("棠香街道", "北关社区")]


def test_a_csv_saved_by_excel_in_gbk(tmp_path):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格名称,网格编码", "棠香街道,和平社区,和平社区01网格,tangxiang-heping-01"],
                    encoding="gb18030")
    table = read_table(path, KNOWN, REQUIRED)
    assert table.sheet == "r.csv" and table.rows[0].get("网格名称") == "和平社区01网格"


def test_a_csv_of_two_encodings_is_refused_at_the_line_that_differs(tmp_path):
    path = tmp_path / "r.csv"  # the header saved as UTF-8, the second row pasted in as GBK
    path.write_bytes("镇街,村(社区),网格名称,网格编码\n".encode("utf-8")
                     + "棠香街道,和平社区,和平社区01网格,x\n".encode("gb18030"))
    with pytest.raises(SheetError) as caught:
        read_table(path, KNOWN, REQUIRED)
    text = str(caught.value)
    assert "r.csv 第 2 行" in text and "不是 UTF-8 文本（第 1 个字节）" in text and "表头缺少" not in text


def test_missing_headers_are_named(tmp_path):
    path = csv_file(tmp_path / "r.csv", ["镇街,村(社区),网格", "棠香街道,和平社区,x"])
    with pytest.raises(SheetError) as caught:
        read_table(path, KNOWN, REQUIRED)
    text = str(caught.value)
    assert text.startswith("r.csv 第 1 行: 表头缺少 网格名称、网格编码（") and "--sheet" not in text  # a csv has one sheet


@pytest.mark.parametrize("name, message", [("r.txt", "不认识的文件类型"), ("nothing.xlsx", "文件不存在")])
def test_files_that_are_not_tables(tmp_path, name, message):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(SheetError, match=message):
        read_table(tmp_path / name, KNOWN, REQUIRED)


@pytest.mark.parametrize("content, says", [
    (b"not a zip", "不是 Excel 工作簿（.xlsx），或文件已损坏：请用 Excel 打开它，“另存为”Excel 工作簿（.xlsx）"),
    (b"PK\x05\x06" + bytes(18), "不是 Excel 工作簿（.xlsx），或文件已损坏"),  # an empty zip: no workbook in it
    # an encrypted workbook (and an old .xls) is an OLE compound file, not a zip
    (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "设有打开密码（已加密），或是旧版 Excel 文件（.xls）"),
])
def test_a_broken_workbook_is_refused_saying_what_to_do(tmp_path, content, says):
    (tmp_path / "r.xlsx").write_bytes(content)
    with pytest.raises(SheetError) as caught:
        read_table(tmp_path / "r.xlsx", KNOWN, REQUIRED)
    text = str(caught.value)
    assert says in text and "密码" in text, text
    assert "Zip" not in text and "EOCD" not in text and "not found" not in text, text  # not the library's English


def test_a_csv_neither_utf8_nor_gbk_says_to_save_it_as_csv_utf8(tmp_path):
    rows = ["鎮街,村(社區),網格名稱,網格編碼", "棠香街道,和平社區,和平社區01網格,x"]
    big5 = csv_file(tmp_path / "big5.csv", rows, encoding="big5")  # read as GBK it names no header
    with pytest.raises(SheetError) as caught:
        read_table(big5, KNOWN, REQUIRED)
    assert "不是 UTF-8 编码" in str(caught.value) and "CSV UTF-8（逗号分隔）" in str(caught.value)
    utf16 = csv_file(tmp_path / "u16.csv", ["镇街\t村(社区)\t网格名称\t网格编码"], encoding="utf-16")
    with pytest.raises(SheetError) as caught:  # Excel's "Unicode text": the reader failed on it (exit 3)
        read_table(utf16, KNOWN, REQUIRED)
    assert "UTF-16" in str(caught.value) and "CSV UTF-8（逗号分隔）" in str(caught.value)


def test_a_workbook_named_csv_says_so(tmp_path):
    messy_registry(tmp_path / "r.xlsx", [["棠香街道", "和平社区", "和平社区01网格", "x"]]).rename(tmp_path / "r.csv")
    with pytest.raises(SheetError, match="其实是 Excel 工作簿"):
        read_table(tmp_path / "r.csv", KNOWN, REQUIRED)


def test_names_that_hold_a_separator_are_taken_whole():
    known = ["关怀帮扶、跟踪回访", "入户走访", "发现报告"]
    assert split_names("入户走访、关怀帮扶、跟踪回访，发现报告", known) == ["入户走访", "关怀帮扶、跟踪回访", "发现报告"]
    assert split_names("张三、李四  王五", []) == ["张三", "李四", "王五"]


def test_places_sort_by_row_number_not_text():
    assert sorted([Place("s", 10, 2), Place("s", 9, 3)])[0] == Place("s", 9, 3)
    assert str(Place("s", 12, 28)) == "s!AB12"  # as a spreadsheet names the cell: column, then row
    assert str(Place("s", 15, 7)) == "s!G15"
    assert str(Place("s", 15, 0)) == "s 第 15 行"  # a whole row as Excel's user says it: s!15 names no cell


def test_a_named_sheet_is_read_and_a_missing_one_named(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"
    first.append(["本表由各镇街填报"])
    second = book.create_sheet("龙岗街道")
    second.append(["镇街", "村(社区)", "网格名称", "网格编码"])
    second.append(["龙岗街道", "五星社区", "五星社区01网格", "longgang-wuxing-01"])
    book.save(tmp_path / "two.xlsx")
    table = read_table(tmp_path / "two.xlsx", KNOWN, REQUIRED, sheet="龙岗街道")
    assert str(table.rows[0].cell("网格编码").place) == "龙岗街道!D2"
    with pytest.raises(SheetError, match="没有工作表「棠香街道」（有：说明、龙岗街道）"):
        read_table(tmp_path / "two.xlsx", KNOWN, REQUIRED, sheet="棠香街道")
    with pytest.raises(SheetError, match="表头缺少"):
        read_table(tmp_path / "two.xlsx", KNOWN, REQUIRED)  # the first sheet is not the table


def test_a_csv_cell_holding_a_line_break_keeps_it_and_rows_are_numbered_as_excel_shows_them(tmp_path):
    path = tmp_path / "r.csv"  # Excel writes a cell with Alt+Enter quoted, the break inside it
    path.write_bytes('镇街,村(社区),网格名称,网格编码,专职\r\n棠香街道,和平社区,和平社区01网格,a-1,"陈静\r\n张三"\r\n'
                     '棠香街道,和平社区,和平社区02网格,a-2,王五\r\n'.encode("utf-8-sig"))
    table = read_table(path, KNOWN, REQUIRED)
    first, second = table.rows
    assert first.get("专职") == "陈静\r\n张三" and names_in(first.get("专职") or "") == ["陈静", "张三"]
    # the first record spans lines 2-3 of the file but is one row (2) in Excel: the next is row 3
    assert (first.number, second.number) == (2, 3)
    assert str(second.cell("网格编码").place) == "r.csv!D3"


def test_a_merged_range_among_the_data_is_refused_but_a_grouping_column_merged_down(tmp_path):
    """Only the columns the table names may be merged down their rows (the registry's town); a grid's
    own cell merged over two grids, or across two columns, would give one row's value to another."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["镇街", "村(社区)", "网格名称", "网格编码"])
    sheet.append(["棠香街道", "和平社区", "和平社区01网格", "a-1"])
    sheet.append([None, None, None, "a-2"])
    sheet.append([None, "北关社区", "北关社区01网格", "b-1"])
    sheet.merge_cells("A2:A4")  # a town over its rows: read into each
    sheet.merge_cells("C2:C3")  # two grids' names: refused
    sheet.merge_cells("B4:C4")  # across two columns: refused, even from a column that may be merged down
    book.save(tmp_path / "m.xlsx")
    with pytest.raises(SheetError) as refused:
        read_table(tmp_path / "m.xlsx", KNOWN, REQUIRED, merged_down=("镇街", "村(社区)"))
    said = [str(p) for p in refused.value.problems]
    assert [s.split(":")[0] for s in said] == ["Sheet!C2", "Sheet!B4"]
    assert "C2:C3 是合并的单元格" in said[0] and "B4:C4 是合并的单元格" in said[1]


def test_a_total_row_is_refused_at_its_cell_not_read_as_a_record(tmp_path):
    """A clerk's 合计 row at the bottom (in a column read, or in 序号, which is not read, spaced as 合  计): its sums
    would be one more grid, or one more item; refused at the cell that says it, under its header."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "登记表"
    sheet.append(["序号", "镇街", "村(社区)", "网格名称", "网格编码", "户数"])
    sheet.append([1, "棠香街道", "和平社区", "和平社区01网格", "a-1", 300])
    sheet.append([2, "棠香街道", "和平社区", "和平社区02网格", "a-2", 200])
    sheet.append(["合\u3000计", None, None, None, None, "=F2+F3"])
    sheet.append([None, "小计", None, None, None, 500])
    sheet.append([None, None, None, "合计户数", None, None])  # a name holding 计 is not a total
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(SheetError) as refused:
        read_table(tmp_path / "r.xlsx", KNOWN, REQUIRED, aliases=None)
    said = [str(p) for p in refused.value.problems]
    assert said[0].startswith("登记表!A4: 序号: 这一行是「合\u3000计」行：汇总行不是一条记录")
    assert said[1].startswith("登记表!B5: 镇街: 这一行是「小计」行")
    assert len(said) == 2  # the total's unsaved formula is not said too: the row is not read


def test_a_header_wrapped_with_alt_enter_or_spaced_is_the_header_it_spells(tmp_path):
    """网格⏎编码 (Alt+Enter to fit a narrow column), 网格 编码, 序　号 and 户数⏎（户）: the table was refused as lacking
    网格编码, without a word about the cell that holds it."""
    path = csv_file(tmp_path / "h.csv", ['序　号,镇街,村(社区),网格名称,"网格\n编码","户数\n（户）"',
                                         "1,棠香街道,和平社区,和平社区01网格,a-1,300"])
    table = read_table(path, KNOWN, REQUIRED)
    assert table.headers == {"镇街": 2, "村(社区)": 3, "网格名称": 4, "网格编码": 5, "户数": 6}
    assert table.rows[0].get("网格编码") == "a-1"
    spaced = csv_file(tmp_path / "s.csv", ["镇街,村(社区),网格名称,网格 编码", "棠香街道,和平社区,和平社区01网格,a-1"])
    assert read_table(spaced, KNOWN, REQUIRED).headers["网格编码"] == 4
