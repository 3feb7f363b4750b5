"""Writing a table as xlsx (a title row, a bold header, sized columns) or csv (UTF-8 with BOM,
which Excel opens as Chinese text; the title on its first line, as the xlsx has it: the day a
published list is as of travels with it, and ``import items`` compares the table with the list
of that day)."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from typing import Any, Sequence

from gridrules.pack.journal import write_output

Cell = str | int | float | date | None  # a day: a date cell (Excel sorts and filters it as one), its ISO form in csv


def write_table(path: str | os.PathLike[str], sheet: str, title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Cell]], kind: str) -> None:
    """Write ``rows`` under ``headers``, with ``title`` above the header, to ``path`` (``kind``: ``xlsx``,
    in sheet ``sheet``, or ``csv``), replacing it atomically."""
    write_output(path, table_bytes(sheet, title, headers, rows, kind))


def table_bytes(sheet: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], kind: str) -> bytes:
    """The file ``write_table`` writes, as bytes (a download)."""
    return _xlsx(sheet, title, headers, rows) if kind == "xlsx" else _csv(title, headers, rows)


def _csv(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([title])
    writer.writerow(headers)
    writer.writerows([["" if v is None else _plain(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


WIDEST = 40  # a column's width at most (in Excel's units: a Latin character 1, a Chinese one 2); its longer texts wrap
SAMPLE = 200  # the rows a column's width is measured on (a 50,000-grid registry is not measured cell by cell)


def _xlsx(sheet_name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)  # streams rows: a 50,000-grid registry stays small in memory
    sheet: Any = book.create_sheet(sheet_name[:31])  # Excel's limit on a sheet's name
    widths = [_column_width(h, [r[i] for r in rows[:SAMPLE] if i < len(r)]) for i, h in enumerate(headers)]
    for i, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = w
    # the title and the header stay in view while scrolling (and on every printed page); the header filters the rows
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    if headers:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{len(rows) + 2}"
    bold = Font(bold=True)
    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = bold
    sheet.append([title_cell])
    # a header wraps within its column (工作量（小时/网格/月） over a column of numbers), centred over it
    heading = Alignment(wrap_text=True, horizontal="center", vertical="center")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.alignment = bold, heading
        header_cells.append(cell)
    sheet.append(header_cells)
    # a column of long texts (工作内容, 依据) wraps them in its width rather than cutting them off at the next cell;
    # its rows are read from their top, each cell of them
    wrapped = {i for i, h in enumerate(headers) if any(_width(r[i]) > widths[i] for r in rows[:SAMPLE] if i < len(r))}
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for row in rows:
        if not wrapped:
            sheet.append([_plain(v) for v in row])
            continue
        cells = []
        for i, value in enumerate(row):
            plain: Any = _plain(value)  # a day too, which openpyxl writes as a date cell (its stubs name datetime only)
            cell = WriteOnlyCell(sheet, value=plain)
            cell.alignment = wrap if i in wrapped else top
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_width(header: str, values: Sequence[Cell]) -> int:
    """A column's width: its widest value's, or its header's name before the unit (the unit wraps under it), with a
    margin; at least 6, at most ``WIDEST``."""
    widest = max([_width(header.split("（", 1)[0])] + [_width(v) for v in values])
    return max(min(widest + 2, WIDEST), 6)


def _plain(value: Cell) -> Cell:
    """A whole number as one (6, not 6.0: a workload of 6.0 hours reads as 6), others as they are."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _width(value: Cell) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
