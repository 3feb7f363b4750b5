"""Reading an xlsx sheet: its cells (python-calamine), and what the values alone do not say --
a formula's error (#REF!, #N/A …, which calamine reads as blank), hidden rows and columns, a
hidden sheet -- found in the sheet's own XML, so that none of them is read without a word."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any, Iterator
from xml.etree import ElementTree

from gridrules.catalogue import english, t
from gridrules.errors import Problem
from gridrules.tables.numbers import shown
from gridrules.tables.sheet import OLE, CellError, Percent, Place, SheetError, Unsaved


@dataclass
class Marks:
    """What a sheet hides: its hidden rows and columns (1-based)."""

    rows: set[int] = field(default_factory=set)
    cols: set[int] = field(default_factory=set)


@dataclass
class Sheet:
    grid: list[list[Any]]
    name: str
    marks: Marks
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 0-based, inclusive


def sheet_names(file: Path) -> list[tuple[str, bool]]:
    """(name, visible) of each sheet, in the workbook's order."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    book = CalamineWorkbook.from_path(os.fspath(file))
    return [(m.name, m.visible == SheetVisibleEnum.Visible) for m in book.sheets_metadata]


def read_sheet(file: Path, sheet: str | None) -> Sheet:
    """The sheet's cells, each merged range filled with its first cell's value (the ranges kept in
    ``merged``: the table's reader says which it reads so) and each error cell a ``CellError``; ``sheet`` None is the first sheet, refused when it is hidden.

    Read with python-calamine (Rust): on a 50,000-row ledger it reads the values in
    0.4 s where openpyxl's read-only mode takes 13 s (benchmarks/RESULTS.md), and it
    reports merged ranges, which openpyxl's read-only mode does not."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum, XmlError, ZipError

    try:
        book = CalamineWorkbook.from_path(os.fspath(file))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise SheetError(Problem(t("sheet.no_sheet", sheet=sheet, sheets="、".join(names)), Place(os.fspath(file))))
        title = sheet if sheet is not None else names[0]
        if sheet is None and book.sheets_metadata[0].visible != SheetVisibleEnum.Visible:
            raise SheetError(Problem(t("sheet.hidden_sheet", sheet=title, sheets="、".join(names)), Place(os.fspath(file))))
        found = book.get_sheet_by_name(title)
        grid: list[list[Any]] = [list(row) for row in found.to_python(skip_empty_area=False)]
        merged = found.merged_cell_ranges or []
    except (CalamineError, PasswordError, XmlError, ZipError, OSError, ValueError, IndexError) as exc:
        raise SheetError(Problem(_unreadable(file, exc), Place(os.fspath(file)))) from None
    marks = _marks(file, names.index(title), grid)
    for (top, left), (bottom, right) in merged:  # zero-based, inclusive
        if top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else None
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            row = grid[r]
            row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value
    return Sheet(grid, title, marks, [(top, left, bottom, right) for (top, left), (bottom, right) in merged])


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\bt=\"e\"[^>]*>")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_CLOSE = re.compile(rb"</(?:\w+:)?c>")
_HIDDEN = re.compile(rb"\bhidden=\"(?:1|true)\"")
_REF = re.compile(rb"\br=\"([A-Z]+)([0-9]+)\"")
# a cell holding a formula (<f>…</f> or a shared formula's <f …/>); its result is its <v>…</v>, which a
# program that does not calculate leaves out or writes empty (<v/>), so calamine reads it as blank
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)(?<!/)>((?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f\b.*?)</(?:\w+:)?c>", re.S)
_RESULT = re.compile(rb"<(?:\w+:)?v>[^<]*</(?:\w+:)?v>")


def _attr(tag: bytes, name: bytes) -> int | None:
    found = re.search(rb"\b" + name + rb"=\"([0-9]+)\"", tag)
    return int(found.group(1)) if found else None


def _marks(file: Path, index: int, grid: list[list[Any]]) -> Marks:
    """The sheet's hidden rows and columns; its error cells put into ``grid`` as ``CellError``.
    The sheet's XML is scanned, not parsed: on a 50,000-row ledger a parse would cost more than
    reading the values."""
    marks = Marks()
    try:
        with zipfile.ZipFile(file) as archive:
            data = archive.read(_sheet_path(archive, index))
            percent = _percent_styles(archive) if b' s="' in data else set()
    except (KeyError, IndexError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return marks  # calamine read it: a workbook laid out otherwise has nothing more to say
    if percent:
        _percents(data, percent, grid)
    formulas = b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data
    if b'hidden="' not in data and b't="e"' not in data and not formulas:
        return marks  # the usual sheet: nothing hidden, no error, no formula (a scan for each costs more)
    for found in _ROW.finditer(data) if b'hidden="' in data else ():
        if _HIDDEN.search(found.group(0)) and (number := _attr(found.group(0), b"r")):
            marks.rows.add(number)
    for found in _COL.finditer(data) if b'hidden="' in data else ():
        low, high = _attr(found.group(0), b"min"), _attr(found.group(0), b"max")
        if _HIDDEN.search(found.group(0)) and low and high:
            marks.cols.update(range(low, min(high, 16384) + 1))
    for found in _ERROR_CELL.finditer(data) if b't="e"' in data else ():
        ref, close = _REF.search(found.group(0)), _CLOSE.search(data, found.end())
        value = _VALUE.search(data, found.end(), close.end() if close else len(data))
        if ref is None:
            continue  # Excel always writes a cell's reference
        row, col = int(ref.group(2)), _column(ref.group(1).decode())
        while len(grid) < row:
            grid.append([])
        cells = grid[row - 1]
        cells.extend([None] * (col - len(cells)))
        cells[col - 1] = CellError(value.group(1).decode("utf-8", "replace") if value else "#VALUE!")
    for found in _FORMULA_CELL.finditer(data) if formulas else ():
        if _RESULT.search(found.group(2)) is None and (ref := _REF.search(found.group(1))) is not None:
            row, col = int(ref.group(2)), _column(ref.group(1).decode())
            while len(grid) < row:
                grid.append([])
            cells = grid[row - 1]
            cells.extend([None] * (col - len(cells)))
            cells[col - 1] = Unsaved("")
    return marks


_PERCENT_IDS = frozenset({"9", "10"})  # Excel's own number formats 0% and 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.')  # a format's literal text ("%" in quotes, \%): not a percentage
_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s([^>]*)>")
_BLANKS = (b" ", b"\t", b"\r", b"\n")


def _styled(data: bytes, styles: set[int]) -> Iterator[tuple[int, bytes]]:
    """(the end, the attributes) of each cell tag whose style (``s="…"``) is one of ``styles``: each style's
    attribute found as bytes (as fast as a scan gets), then its tag read, not every cell's tag matched."""
    for style in styles:
        needle = b's="%d"' % style
        at = data.find(needle)
        while at >= 0:
            start, end = data.rfind(b"<", 0, at), data.find(b">", at)
            tag = _CELL_TAG.fullmatch(data, start, end + 1) if data[at - 1:at] in _BLANKS and start >= 0 else None
            if tag is not None:  # a cell's (a row's s="…" is its own)
                yield tag.end(), tag.group(1)
            at = data.find(needle, at + len(needle))


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell styles (``s="…"``) whose number format shows a number as a percentage."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    codes = {e.get("numFmtId"): e.get("formatCode", "") for e in styles.iter() if e.tag.rsplit("}", 1)[-1] == "numFmt"}
    percent = _PERCENT_IDS | {i for i, code in codes.items() if "%" in _QUOTED.sub("", code)}
    xfs = next((e for e in styles if e.tag.rsplit("}", 1)[-1] == "cellXfs"), None)
    return {n for n, xf in enumerate(xfs if xfs is not None else ()) if xf.get("numFmtId") in percent}


def _percents(data: bytes, styles: set[int], grid: list[list[Any]]) -> None:
    """Each number cell shown as a percentage put into ``grid`` as ``Percent`` (what it shows, what it holds).
    Only the cells of those styles are matched (``_styled``): the styles are the workbook's, so one percentage
    anywhere in it (another sheet's 占比) had every styled cell of this sheet (a ledger's borders) looked at in
    Python -- on a 50,000-row ledger more than reading its values took (benchmarks/RESULTS.md)."""
    for end, attrs in _styled(data, styles):
        kind = _TYPE.search(attrs)
        if attrs.endswith(b"/") or (kind and kind.group(1) != b"n"):
            continue  # an empty cell, a text
        ref, close = _REF.search(attrs), _CLOSE.search(data, end)
        value = _VALUE.search(data, end, close.end() if close else len(data))
        if ref is None or value is None:
            continue
        try:  # as Excel shows the number (0.30000000000000004 is 0.3), and as a percentage
            held = shown(float(value.group(1).decode()))
            percent = f"{Decimal(held) * 100:f}"
        except (InvalidOperation, ValueError):
            continue
        percent = percent.rstrip("0").rstrip(".") if "." in percent else percent
        row, col = int(ref.group(2)), _column(ref.group(1).decode())
        if row <= len(grid) and col <= len(grid[row - 1]):
            grid[row - 1][col - 1] = Percent(f"{percent}%", held)


def _column(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - ord("A") + 1
    return col


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_path(archive: zipfile.ZipFile, index: int) -> str:
    """The zip member of the workbook's ``index``-th sheet (workbook.xml's order, its relationship)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheets = [e for e in book.iter() if e.tag.rsplit("}", 1)[-1] == "sheet"]
    rid = sheets[index].get(f"{_REL_NS}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(e.get("Target", "") for e in rels if e.get("Id") == rid)
    if target.startswith("/"):
        return target.lstrip("/")
    return os.path.normpath(str(PurePosixPath("xl") / target)).replace(os.sep, "/")


def _unreadable(file: Path, exc: Exception) -> str:
    """Why a workbook cannot be read and what to do, in words (the reader's own English only
    for developers)."""
    from python_calamine import PasswordError

    if isinstance(exc, OSError) and not isinstance(exc, PasswordError):
        from gridrules.catalogue.syntax import os_reason

        return t("doc.cannot_read", reason=os_reason(exc))
    with open(file, "rb") as opened:
        head = opened.read(len(OLE))
    said = t("sheet.locked_workbook" if isinstance(exc, PasswordError) or head == OLE else "sheet.not_workbook")
    return f"{said} ({exc})" if english() else said
