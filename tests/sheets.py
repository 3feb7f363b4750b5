"""Writing spreadsheets the way district offices keep them, for the table tests."""

from __future__ import annotations

import csv
import io
import pathlib
from datetime import date

import openpyxl

TITLE = "大足区网格登记表（2026年11月）"
# a two-row header: 网格力量 merged over the four staffing columns, the others merged down
TOP = ["镇街 ", "村（社区）", "网格名称", "网格编码", "网格类型", "户数", "网格力量（1+3+N）", None, None, None, "上级网格"]
BOTTOM = [None, None, None, None, None, None, "网格长", "专职", "兼职", "网格指导员", None]


def messy_registry(path: pathlib.Path, rows: list[list]) -> pathlib.Path:
    """A registry workbook with a merged title row, a merged two-row header and a blank row after each data row."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "登记表"
    sheet.append([TITLE])
    sheet.merge_cells("A1:K1")
    sheet.append(TOP)
    sheet.append(BOTTOM)
    for col in "ABCDEFK":
        sheet.merge_cells(f"{col}2:{col}3")
    sheet.merge_cells("G2:J2")
    for row in rows:
        sheet.append(row)
        sheet.append([None] * len(TOP))
    book.save(path)
    return path


def csv_file(path: pathlib.Path, lines: list[str], encoding: str = "utf-8-sig") -> pathlib.Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def items_csv(pack, path: pathlib.Path, lines: list[str], on: date = date(2026, 6, 1)) -> pathlib.Path:
    """An items table holding the columns ``lines`` give, then each column the reader requires of a table
    with them that they lack (``itemsheet.required_headers``: with 依据 or 类别, 培训计划 too), so that a test shows only the columns it is about: a row naming an item
    listed on ``on`` has its exported value there (it reads as unchanged), any other row a blank."""
    from gridrules.tables.itemsheet import TABLE, required_headers
    from gridrules.tables.published import items
    from gridrules.tables import words
    from gridrules.tables.sheet import header_of, normal

    export = items(pack, on)
    listed = {row[0]: dict(zip(words.ITEMS, row)) for row in export.rows}  # by the columns' headers without units
    header, *rows = list(csv.reader(lines))
    given = {header_of(h, {normal(r): r for r in TABLE}) for h in header}  # 工作量（小时/月） is 工作量
    added = [h for h in required_headers(given) if h not in given]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header + added)
    code = header.index("编号") if "编号" in header else len(header)
    for row in rows:
        exported = listed.get(row[code], {}) if code < len(row) else {}
        writer.writerow(row + [_cell(exported.get(h)) for h in added])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


def _cell(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def as_excel_saves(path: pathlib.Path, values: dict[str, str]) -> pathlib.Path:
    """The workbook at ``path`` with the number cells ``values`` names (``E2``) holding the text given, as Excel writes
    a double (17 significant digits: 0.30000000000000004, where openpyxl writes 16: 0.3)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    for ref, text in values.items():
        cell = re.compile(rb'(<c r="' + ref.encode() + rb'"[^>]*><v>)[^<]*(</v>)')
        members[sheet], found = cell.subn(rb"\g<1>" + text.encode() + rb"\g<2>", members[sheet])
        assert found == 1, ref
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
