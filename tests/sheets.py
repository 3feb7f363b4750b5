"""Writing spreadsheets the way district offices keep them, for the table tests."""

from __future__ import annotations

import pathlib

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
