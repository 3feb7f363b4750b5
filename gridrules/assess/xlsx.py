"""The assessment as a workbook (openpyxl): a sheet per level, each indicator as
numerator, denominator and share (the ratings as how many and their mean, as the text
says them), a share below its bar filled red; the 红黑榜 and the budget advice on a
sheet of their own; the bad records, each with its place, event and problems, on
another.  A unit's name is its row's first cell, kept in view with the header when the
sheet scrolls; each column is as wide as its content (a CJK character counts two).
Written to a temporary file beside the target and moved into place, so a failed run
leaves no half-written workbook."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gridrules.pack.journal import write_output
from gridrules.assess.report import level_name, list_names, listed_errors, order_said, troubles
from gridrules.catalogue import t
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import Figure, UnitScore
from gridrules.pack.pack import Pack

MISSED = PatternFill("solid", fgColor="F4B6B6")
RED = PatternFill("solid", fgColor="F8D7DA")
BLACK = PatternFill("solid", fgColor="D6D8DB")
BOLD = Font(bold=True)


WIDEST = 40  # a column's width at most (characters, a CJK one counting two); a longer header wraps
WIDEST_TEXT = 100  # a column of sentences (the bad records' problems) at most


def _header(sheet: Worksheet, cells: list[str]) -> None:
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"  # the header row and the first column (a unit's name, a record's place) stay in view


def _shown_width(value: object) -> int:
    """How wide ``value`` shows, in characters: a CJK (wide) one counts two."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(sheet: Worksheet, widest: int = WIDEST) -> None:
    """Each column as wide as its widest cell (header rows too), at most ``widest``: read once, by values
    (a province's 4,000 communities' sheet: a fraction of a second)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(values_only=True):
        for index, value in enumerate(row):
            if value is not None:
                width = _shown_width(value)
                if width > widths.get(index, 0):
                    widths[index] = width
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(widest, width + 2)


def _figure_headers(f: Figure) -> list[str]:
    """An indicator's three columns: its numerator and denominator -- for the ratings, how many and their
    mean, as the text says them -- and its share."""
    bar = t("report.col.bar", bar=f"{f.bar:g}") if f.bar is not None else ""
    share = t("report.col.share", name=f.name, weight=f.weight, bar=bar)
    if f.indicator == "rating":
        return [t("report.col.ratings", name=f.name), t("report.col.mean", name=f.name), share]
    return [t("report.col.numerator", name=f.name), t("report.col.denominator", name=f.name), share]


def number_format(places: int) -> str:
    """A cell's number format showing ``places`` decimals (the value kept exact: Excel sorts by it)."""
    return "0." + "0" * places if places else "0"


ONE_PLACE = number_format(1)


def _figure_values(f: Figure) -> list:
    """An indicator's cells, exact (the share in %, the ratings' mean), shown to one decimal by ``ONE_PLACE``."""
    share = None if f.share is None else float(f.share * 100)
    if f.indicator == "rating":
        n, mean = f.ratings()
        return [n, None if mean is None else float(mean), share]
    return [f.numerator, f.denominator, share]


def _score_cell(sheet: Worksheet, row: int, column: int, u: UnitScore) -> None:
    """The score's cell shows the places its text does (more near a line: 94.97, not 95.0)."""
    sheet.cell(row, column).number_format = number_format(u.places)


def _level_sheet(sheet: Worksheet, rows: list[UnitScore], lists: dict[str, str], town: str) -> None:
    """A level's sheet; the district's pooling of the departments has, beside each one's events, how many
    name no ``town`` (in no town's scoring of it: why those do not sum to the pooling)."""
    if not rows:
        sheet.append([t("report.no_data")])
        return
    pooled = rows[0].level == "department"
    headers = ([t(f"report.col.{c}") for c in ("unit", "unit_id", "events")]
               + ([t("report.col.no_town", town=town)] if pooled else [])
               + [t(f"report.col.{c}") for c in ("pending", "cases")])
    leading = len(headers)
    for f in rows[0].figures:
        headers += _figure_headers(f)
    _header(sheet, headers + [t("report.col.score"), t("report.col.why"), t("report.col.list"), t("report.col.cut")])
    # the row's number counted here: ``sheet.max_row`` looks at every cell, once a row a sheet's rows
    # squared (a province's 4,000 communities: 20 s)
    number = sheet.max_row
    for u in rows:
        values: list = [u.name, u.unit, u.events] + ([u.no_town] if pooled else []) + [u.pending, u.cases]
        for f in u.figures:
            values += _figure_values(f)
        values += [u.score_value, u.why or None, t("words.list_sep").join(lists[x] for x in u.lists),
                   t("report.yes") if u.budget_cut else ""]
        sheet.append(values)
        number += 1
        for i, f in enumerate(u.figures):
            share = sheet.cell(number, leading + 3 * i + 3)
            share.number_format = ONE_PLACE
            if f.indicator == "rating":
                sheet.cell(number, leading + 3 * i + 2).number_format = ONE_PLACE  # the mean rating
            if f.missed:
                share.fill = MISSED
        _score_cell(sheet, number, leading + 3 * len(u.figures) + 1, u)
        if u.lists:
            sheet.cell(number, 1).fill = BLACK if "black" in u.lists else RED
    _fit(sheet)


def _errors_sheet(sheet: Worksheet, run: AssessmentRun, town: str) -> None:
    """Each bad record -- where it is, its event, its problems, as stderr says them -- then the towns' bad
    task lines; at most LISTED_ERRORS of each, the rest counted."""
    _header(sheet, [t("report.col.where"), t("report.col.event"), t("report.col.problem")])
    if not run.errors and not run.task_errors:
        sheet.append([t("report.no_errors")])
    for errors, title in ((run.errors, None), (run.task_errors, "screen.assess.task_errors")):
        if not errors:
            continue
        if title is not None:
            sheet.append([])
            sheet.append([t(title, n=len(errors), town=town)])
            sheet[sheet.max_row][0].font = BOLD
        shown, rest = listed_errors(errors)
        for row in shown:
            sheet.append(list(row))
        if rest:
            sheet.append([t("report.errors_rest", n=rest, total=len(errors), shown=len(shown))])
    _fit(sheet, WIDEST_TEXT)


def workbook(run: AssessmentRun, pack: Pack) -> Workbook:
    model = pack.assessment
    assert model is not None
    lists = list_names(pack)
    book = Workbook()
    first = True
    for level in ("department", "town", "community", "department_town"):
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = level_name(pack, level, sheet=True)
        first = False
        _level_sheet(sheet, run.scores[level], lists, pack.tree.word("town"))
    grids = book.create_sheet(level_name(pack, "grid", sheet=True))
    _header(grids, [t(f"report.col.{c}") for c in ("grid", "grid_id", "found", "pending", "handled_close", "decidable",
                                                    "direct", "direct_due")]
            + [t("report.col.listed_hours", day=run.listed_on(pack).isoformat(), town=pack.tree.word("town"))])
    for g in run.grids(pack):
        name = pack.grids[g["grid"]][0].name if g["grid"] in pack.grids else g["grid"]
        grids.append([name, g["grid"], g["events"], g["pending"], *g["handled_close"], *g["direct_report_urgent"],
                      g["listed_hours"]])
    _fit(grids)
    board = book.create_sheet(t("report.sheet.lists"))
    # each list in its order (红榜 highest score first, 黑榜 and the advice lowest first), each unit's rank
    # in its level beside it (名次: equal exact scores, equal ranks)
    _header(board, [t(f"report.col.{c}") for c in ("list", "rank", "level", "unit", "score", "late_emergency")])
    for which in ("red", "black"):
        for rank, u in run.ranked(which):
            board.append([lists[which], rank, level_name(pack, u.level), u.name, u.score_value, u.late_emergency])
            board[board.max_row][0].fill = RED if which == "red" else BLACK
            _score_cell(board, board.max_row, 5, u)
    board.append([])
    # the budget advice: a header like the lists', each advised cut with the pack's sentence it follows
    board.append([t("report.budget"), t("report.col.rank"), t("report.col.level"), t("report.col.unit"),
                  t("report.col.score"), t("report.col.basis")])
    for cell in board[board.max_row]:
        cell.font = BOLD
    cuts = run.ranked("budget")
    for rank, u in cuts:
        board.append([t("report.cut"), rank, level_name(pack, u.level), u.name, u.score_value, model.budget.text])
        _score_cell(board, board.max_row, 5, u)
    if not cuts:
        board.append([t("report.none")])
    _fit(board)
    _errors_sheet(book.create_sheet(t("report.sheet.errors")), run, pack.tree.word("town"))
    about = book.create_sheet(t("report.sheet.about"))
    about.append([t("report.about.period"), run.period.label])
    about.append([t("report.about.at"), run.at.isoformat()])
    # the pack as pack.yaml titles it, its version, then the digest a decision is traced by, and its name
    about.append([t("report.about.pack"), f"{run.pack['title']} {run.pack['version']}", run.pack["digest"],
                  run.pack["name"]])
    about.append([t("report.about.order"), order_said(pack, headed=False)])
    about.append([t("report.about.records"), run.tally.records, t("report.about.in_period"), run.tally.in_period,
                  t("report.about.errors"), run.tally.errors, t("report.about.after_at"), run.tally.after_at])
    for said in troubles(run, pack):  # what the scores leave out, as the text says it
        about.append([t("report.about.noted"), said])
    _fit(about)
    return book


def workbook_bytes(run: AssessmentRun, pack: Pack) -> bytes:
    """The workbook as a file's bytes (the dashboard's download)."""
    out = io.BytesIO()
    workbook(run, pack).save(out)
    return out.getvalue()


def write_xlsx(run: AssessmentRun, pack: Pack, path: str) -> None:
    write_output(path, workbook_bytes(run, pack))
