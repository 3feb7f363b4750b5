"""Reading a table from an xlsx or csv file, every cell with its place (``sheet!G15``, as a spreadsheet names it).

Real spreadsheets are tolerated (an xlsx sheet is read by ``workbook``): a title row above the header, a header spread
over two rows with merged cells (``网格力量`` over ``网格长 | 专职 | 兼职``), blank
rows, full-width digits and letters, and spaces around a value.  Text is
compared in NFKC form (``１２`` is ``12``, ``（`` is ``(``); values keep their
own characters apart from the surrounding spaces.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping

from gridrules.catalogue import t
from gridrules.errors import InputError, Location, Problem, line_and_column, suggest
from gridrules.tables import words
from gridrules.tables.numbers import shown

HEADER_SEARCH = 10  # rows looked at for the header


class SheetError(InputError):
    """A table (or some of its rows) cannot be used; every problem names its ``sheet!G15``."""

    title = "invalid spreadsheet"


@dataclass(frozen=True, order=True)
class Place(Location):
    """A cell: the sheet (a csv file's name), its row and column, both 1-based; printed as a spreadsheet
    names a cell (``表名!G15``), a whole row (a header row too) as Excel's user says it: ``表名 第 15 行``
    (``表名!15`` names no cell)."""

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if self.col:
            return f"{self.path}!{column_letter(self.col)}{self.line}"
        return t("sheet.row_place", sheet=self.path, row=self.line)


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def normal(text: str) -> str:
    """The form text is compared in: NFKC (full-width digits, letters, brackets), no outer spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def compact(text: str) -> str:
    """The form a word of a closed set (a header, 合计) is compared in: ``normal``, with no blank anywhere -- a
    header wrapped with Alt+Enter (事项⏎名称) or spaced to fill its cell (合  计) is the word it spells, as no two
    words of a set differ by a blank."""
    return "".join(normal(text).split())


def text_of(value: Any) -> str | None:
    """A cell's value as text without outer spaces; None when blank.  A number as its cell shows it
    (``numbers.shown``: a formula's 0.1+0.2 is 0.3, whole numbers lose ``.0``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return shown(value)
    text = str(value).strip().strip("\u3000")
    return text or None


SEPARATORS = "、,，;；/ \t\r\n\u3000"
_SPLIT = re.compile("[" + re.escape(SEPARATORS) + "]+")


def split_names(text: str, known: Collection[str]) -> list[str]:
    """A cell listing names (``走访、关怀帮扶、跟踪回访``) split into them, a known name first
    taken whole even when it holds a separator itself (``关怀帮扶、跟踪回访`` is one activity)."""
    text = normal(text)
    if not known:
        return [part for part in _SPLIT.split(text) if part]
    names = sorted({normal(k) for k in known}, key=len, reverse=True)
    if not any(text.find(n) >= 0 and any(ch in SEPARATORS for ch in n) for n in names):
        return [part for part in _SPLIT.split(text) if part]  # no known name holds a separator here
    out, pos = [], 0
    while pos < len(text):
        if text[pos] in SEPARATORS:
            pos += 1
            continue
        found = next((n for n in names if text.startswith(n, pos)
                      and (pos + len(n) == len(text) or text[pos + len(n)] in SEPARATORS)), None)
        if found is None:
            end = pos
            while end < len(text) and text[end] not in SEPARATORS:
                end += 1
            found = text[pos:end]
        out.append(found)
        pos += len(found)
    return out


@dataclass(frozen=True)
class Cell:
    text: str | None  # the value without outer spaces (None: blank)
    place: Place
    header: str

    def problem(self, message: str, hint: str | None = None) -> Problem:
        return Problem(message, self.place, self.header, hint)


@dataclass
class Row:
    """One non-blank row: the text of each known column; a cell (with its place) is made when asked for."""

    number: int
    texts: dict[str, str | None]  # header -> text
    sheet: str
    columns: dict[str, int]  # header -> column, shared by the table's rows

    def get(self, header: str) -> str | None:
        return self.texts.get(header)

    def cell(self, header: str) -> Cell:
        return Cell(self.texts.get(header), Place(self.sheet, self.number, self.columns.get(header, 0)), header)

    @property
    def place(self) -> Place:
        return Place(self.sheet, self.number, 0)


@dataclass
class Table:
    sheet: str
    headers: dict[str, int]  # known header -> column (1-based)
    rows: list[Row] = field(default_factory=list)
    above: list[tuple[int, str]] = field(default_factory=list)  # (row, its text) above the header: a title


def read_table(path: str | os.PathLike[str], known: Iterable[str],
               required: Iterable[str] | Callable[[Collection[str]], Iterable[str]],
               sheet: str | None = None, aliases: Mapping[str, str] | None = None,
               merged_down: Collection[str] = (), days: Collection[str] = (), unread: Collection[str] = ()) -> Table:
    """The table in ``path`` (xlsx: ``sheet`` or the first sheet; csv) under the ``known`` headers.

    A header may also be written as one of ``aliases`` (another header text -> the known one)
    or with a unit after it in brackets (``户数（户）``, ``words.UNITS``).  A header the file
    lacks among ``required`` (or among those ``required`` gives for the headers it has: a column
    that one form of a table has and another lacks) is an error naming the place the header was looked for; so is a
    header the table has that is none of these (a column that would be silently ignored),
    unless it is one the tables ignore by design (``words.IGNORED``).  A workbook read without
    ``sheet`` whose first sheet lacks a required header names the other sheets that have them all
    (to choose with --sheet); none is suggested when no other sheet has them.

    Merged cells above the data (a title, a two-row header) are read as a person reads them; a merged
    range among the data rows of a column read is refused at it (the merge kept its first cell's value
    only, and would give it to every row), unless it runs down one of the ``merged_down`` columns (a
    town written once over its rows).

    A date cell is read (as ``2027-03-01``) in one of the ``days`` columns only; in any other it is refused: Excel
    turns what a clerk types as 1-2 or 3/4 into a date, which would be read as the text 2026-01-02.

    A hidden column read is refused (it would be imported unseen); one of the ``unread`` headers, which the table
    has but nothing reads (the items table's 审定), may be hidden."""
    file = Path(path)
    grid, name, guessed, hidden_rows, hidden_cols, merged = _grid(file, sheet)
    known = list(known)
    wanted = {compact(h): h for h in known} | {compact(a): h for a, h in (aliases or {}).items()}
    first, start, columns = _header(grid, wanted)
    required = list(required(columns) if callable(required) else required)
    missing = [h for h in required if h not in columns]
    if missing:
        where = Place(name, start if columns else 1, 0)  # the (last) header row
        # a csv not in UTF-8 read as GBK naming no header: most likely in yet another encoding
        key = "sheet.missing_headers_encoding" if guessed and not columns else "sheet.missing_headers"
        said = t(key, headers="、".join(missing), found="、".join(columns) or t("sheet.none"))
        if sheet is None and file.suffix.lower() != ".csv":
            said += _elsewhere(file, name, wanted, required)
        raise SheetError(Problem(said, where))
    problems = _unknown_headers(grid, first, start, columns, wanted, known, name)
    problems += _merged_data(merged, start, columns, merged_down, name)
    problems += [Problem(t("sheet.hidden_column", header=h), Place(name, start, c)) for h, c in columns.items()
                 if c in hidden_cols and h not in unread]
    table = Table(name, columns, above=[(i + 1, " ".join(filter(None, map(text_of, grid[i])))) for i in range(first)])
    wanted_columns = [(h, c - 1) for h, c in columns.items()]
    hidden: list[int] = []
    for index in range(start, len(grid)):
        values = grid[index]
        width = len(values)
        total = _total(values)
        if total is not None and any(values[c] is not None for _, c in wanted_columns if c < width):
            # a sum over the rows above it: refused at the cell saying so, not read as one more record (nor its
            # cells: a total's formula is no problem of a record)
            col, said = total
            problems.append(Problem(t("sheet.total_row", value=said), Place(name, index + 1, col + 1),
                                    _header_at(grid, start, col + 1, columns)))
            continue
        texts = {}
        for h, c in wanted_columns:
            value = values[c] if c < width else None
            if _is_error(value):
                problems.append(Problem(_cell_said(value), Place(name, index + 1, c + 1), h))
                value = None
            elif isinstance(value, (date, time)) and h not in days:
                problems.append(Problem(t("sheet.date_cell", value=value), Place(name, index + 1, c + 1), h))
                value = None
            texts[h] = text_of(value)
        if any(t is not None for t in texts.values()):  # a blank row is skipped
            table.rows.append(Row(index + 1, texts, name, columns))
            if index + 1 in hidden_rows:
                hidden.append(index + 1)
    if hidden:
        shown = "、".join(str(r) for r in hidden[:10]) + (t("sheet.and_more", count=len(hidden)) if len(hidden) > 10 else "")
        problems.append(Problem(t("sheet.hidden_rows", rows=shown), Place(name, hidden[0], 0)))
    if problems:
        raise SheetError(sorted(problems, key=_where))
    return table


_TOTALS = frozenset(words.TOTALS)


def _total(values: list[Any]) -> tuple[int, str] | None:
    """(column, 0-based; its text) of the cell that makes a row a total row (合计, 小计 …, in any column, spaced as
    a clerk spaces it: 合  计); None for a record.  Asked of every row: a cell is normalised only when it holds 计."""
    for col, value in enumerate(values):
        if isinstance(value, str) and "计" in value and compact(value) in _TOTALS:
            return col, value.strip().strip("\u3000")
    return None


def _header_at(grid: list[list[Any]], start: int, col: int, columns: Mapping[str, int]) -> str:
    """The header of column ``col`` (1-based): the known one read there, else what the (last) header row writes."""
    read = next((h for h, c in columns.items() if c == col), None)
    if read is not None or not start:
        return read or ""
    above = grid[start - 1]
    return (text_of(above[col - 1]) if col <= len(above) else None) or ""


def _merged_data(merged: list[tuple[int, int, int, int]], start: int, columns: Mapping[str, int],
                 merged_down: Collection[str], name: str) -> list[Problem]:
    """A problem at each merged range that reaches the data rows (``start``, 0-based, on) in a column
    read, but one running down a ``merged_down`` column."""
    read = {c - 1: h for h, c in columns.items()}
    out = []
    for top, left, bottom, right in merged:
        heads = [read[c] for c in range(left, right + 1) if c in read]
        if bottom < start or not heads or (left == right and heads[0] in merged_down):
            continue
        shown = f"{column_letter(left + 1)}{top + 1}:{column_letter(right + 1)}{bottom + 1}"
        out.append(Problem(t("sheet.merged_cells", cells=shown), Place(name, top + 1, left + 1), heads[0]))
    return out


def _where(problem: Problem) -> tuple[int, int]:
    place = problem.location
    return (place.line, place.col) if isinstance(place, Place) else (0, 0)


# Excel's error values: a cell showing one holds no value the table can use
ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"})


class CellError(str):
    """A cell whose value is one of Excel's errors (the text is the error: ``#REF!``; ``workbook``
    finds them in an xlsx)."""


class Unsaved(CellError):
    """A formula cell whose file holds no result for it (saved by a program that does not calculate):
    its value is unknown, not blank."""


class Percent(CellError):
    """A number shown as a percentage (0.8 formatted as 80%; the text is what the cell shows, ``workbook`` finds
    them in an xlsx).  No table reads a share: which number was meant, 0.8 or 80, is not guessed."""

    def __new__(cls, shown: str, stored: str) -> "Percent":
        made = super().__new__(cls, shown)
        made.stored = stored
        return made

    stored: str


def _cell_said(value: Any) -> str:
    """Why a cell holding no value the table can use (``_is_error``) is refused."""
    if isinstance(value, Unsaved):
        return t("sheet.formula_unsaved")
    if isinstance(value, Percent):
        return t("sheet.percent_cell", shown=str(value), value=value.stored)
    return t("sheet.formula_error", code=normal(str(value)))


def _is_error(value: Any) -> bool:
    """Whether a cell holds one of Excel's error values (an xlsx's error cell, or a csv's text
    ``#REF!`` that Excel wrote for one).  Asked of every cell read: defined here, not imported per call."""
    return isinstance(value, CellError) or (isinstance(value, str) and value[:1] == "#" and normal(value) in ERRORS)


def _elsewhere(file: Path, name: str, wanted: Mapping[str, str], required: list[str]) -> str:
    """Where the table is when the first sheet is not it: the other sheets whose header has every
    required column (to choose with --sheet); nothing when no other sheet has them (--sheet would
    not help: the header itself lacks them)."""
    from gridrules.tables.workbook import read_sheet, sheet_names

    try:
        names = sheet_names(file)
        fits = [other for other, _ in names if other != name
                and all(h in _header(read_sheet(file, other).grid, wanted)[2] for h in required)]
    except SheetError:
        return ""
    if len(fits) == 1:
        return t("sheet.headers_on_sheet", sheet=fits[0], option=shell_word(fits[0]))
    return t("sheet.headers_on_sheets", sheets="、".join(fits)) if fits else ""


_SHELL_SPECIAL = re.compile(r"[\s()'\"$`\\&|;<>*?\[\]{}~#!]")  # characters a shell reads as its own


def shell_word(text: str) -> str:
    """``text`` as a command line takes it: as it is (登记表), or quoted when a shell would read some of its
    characters (``'村(社区)与网格登记表'``: unquoted, ( is a syntax error)."""
    return shlex.quote(text) if _SHELL_SPECIAL.search(text) else text


_UNIT = re.compile(r"^(.+?)\((.+?)\)$")  # compact: （户） reads as (户), no blank around it
_UNITS = frozenset(compact(u) for u in words.UNITS)  # as header cells are compared (once, not per cell)


def header_of(text: str, wanted: Mapping[str, str]) -> str | None:
    """The known header a header cell's text names: itself, an alias, or either with a unit after it."""
    key = compact(text)
    if key in wanted:
        return wanted[key]
    found = _UNIT.match(key)
    if found and found.group(2) in _UNITS:
        return wanted.get(found.group(1))
    return None


def _header(grid: list[list[Any]], wanted: Mapping[str, str]) -> tuple[int, int, dict[str, int]]:
    """(index of the first header row, of the first data row, header -> column): the row naming
    the most known headers, with the row above or below it when that row names more of them
    (a two-row header)."""
    def names(index: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for col, value in enumerate(grid[index] if index < len(grid) else [], start=1):
            text = text_of(value)
            key = header_of(text, wanted) if text else None
            if key and key not in out:
                out[key] = col
        return out

    found = [names(i) for i in range(min(HEADER_SEARCH + 1, len(grid)))]
    if not found or not max(len(f) for f in found):
        return 0, 0, {}
    best = max(range(len(found) - 1 if len(found) > 1 else 1), key=lambda i: len(found[i]))
    columns = dict(found[best])
    first, end = best, best + 1
    for near in (best - 1, best + 1):  # the other row of a two-row header
        if 0 <= near < len(found) and found[near] and _fits(found[near], columns):
            for key, col in found[near].items():
                columns.setdefault(key, col)
            first, end = min(first, near), max(end, near + 1)
    return first, end, columns


def _unknown_headers(grid: list[list[Any]], first: int, end: int, columns: dict[str, int],
                     wanted: Mapping[str, str], known: list[str], sheet: str) -> list[Problem]:
    """A header cell naming no column read (its column's data would be silently left out), and a
    known header given twice.  A column whose other header row names a known header is read
    (``网格力量`` over ``网格长``); an ignored header (序号, 备注) is left out by design."""
    read = {col: key for key, col in columns.items()}
    ignored = {compact(w) for w in words.IGNORED}
    problems: list[tuple[Place, Problem]] = []
    said: set[int] = set()
    for index in range(end - 1, first - 1, -1):  # the lowest header row says what a column holds
        for col, value in enumerate(grid[index], start=1):
            text = text_of(value)
            if text is None or col in read or col in said or compact(text) in ignored:
                continue
            said.add(col)
            key = header_of(text, wanted)
            message = (t("sheet.header_twice", header=text, col=column_letter(columns[key])) if key
                       else t("sheet.unknown_header", header=text, known="、".join(known)))
            hint = None if key else suggest(normal(text), known)
            place = Place(sheet, index + 1, col)
            problems.append((place, Problem(message, place, "", hint)))
    return [p for _, p in sorted(problems, key=lambda found: found[0])]


def _fits(other: dict[str, int], columns: dict[str, int]) -> bool:
    """Whether a neighbouring row's headers complete ``columns`` without contradicting them."""
    taken = {col: key for key, col in columns.items()}
    return all(taken.get(col, key) == key and columns.get(key, col) == col for key, col in other.items())


def _grid(file: Path, sheet: str | None) -> tuple[list[list[Any]], str, bool, set[int], set[int],
                                                  list[tuple[int, int, int, int]]]:
    """(the cells, the sheet's name, whether a csv was read as GBK because it is not UTF-8, the
    hidden rows, the hidden columns, the merged ranges)."""
    if not file.is_file():
        raise SheetError(Problem(t("sheet.no_file"), Place(os.fspath(file))))
    suffix = file.suffix.lower()
    if suffix == ".csv":
        rows, guessed = _csv(file)
        return rows, file.name, guessed, set(), set(), []
    if suffix in (".xlsx", ".xlsm"):
        from gridrules.tables.workbook import read_sheet

        found = read_sheet(file, sheet)
        return found.grid, found.name, False, found.marks.rows, found.marks.cols, found.merged
    raise SheetError(Problem(t("sheet.unknown_format", suffix=suffix or t("sheet.none")), Place(os.fspath(file))))


_ZIP, OLE = b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1")  # an xlsx; an encrypted workbook or an .xls


def _csv(file: Path) -> tuple[list[list[Any]], bool]:
    """The rows, and whether the file was read as GBK (GB18030) because it is not UTF-8."""
    data = file.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" (UTF-16, tabs between cells)
        raise SheetError(Problem(t("sheet.csv_utf16"), Place(file.name)))
    if data.startswith(_ZIP):
        raise SheetError(Problem(t("sheet.csv_is_workbook"), Place(file.name)))
    guessed = False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = data.split(b"\n", 1)[0]
        if not first.isascii() and _is_utf8(first):  # its header is UTF-8: a later line is not
            row, byte = line_and_column(data, exc.start)
            raise SheetError(Problem(t("sheet.mixed_encoding", byte=byte), Place(file.name, row))) from None
        try:
            text = data.decode("gb18030")  # Excel in China saves csv as GBK
        except UnicodeDecodeError:
            raise SheetError(Problem(t("sheet.csv_encoding"), Place(file.name))) from None
        guessed = True
    return _records(text), guessed


def _records(text: str) -> list[list[Any]]:
    """The csv's records, read from the text as a stream: a quoted cell holding a line break
    (Alt+Enter in Excel) keeps it.  Record n is row n, as Excel opening the file numbers it (a
    two-line cell is one row there), so a record after such a cell is numbered by Excel's row,
    not by the line a text editor shows."""
    return [list(record) for record in csv.reader(io.StringIO(text, newline=""))]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True
