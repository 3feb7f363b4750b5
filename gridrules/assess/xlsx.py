"""The assessment as a workbook (openpyxl): a sheet per level, each indicator as
numerator, denominator and share, a share below its bar filled red; the 红黑榜 and
the budget advice on a sheet of their own.  Written to a temporary file beside the
target and moved into place, so a failed run leaves no half-written workbook."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from gridrules.pack.journal import write_output
from gridrules.assess.report import level_name, list_names, troubles
from gridrules.catalogue import t
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import UnitScore
from gridrules.pack.pack import Pack

MISSED = PatternFill("solid", fgColor="F4B6B6")
RED = PatternFill("solid", fgColor="F8D7DA")
BLACK = PatternFill("solid", fgColor="D6D8DB")
BOLD = Font(bold=True)


def _header(sheet: Worksheet, cells: list[str]) -> None:
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    sheet.freeze_panes = "B2"


def _level_sheet(sheet: Worksheet, rows: list[UnitScore], lists: dict[str, str]) -> None:
    if not rows:
        sheet.append([t("report.no_data")])
        return
    headers = [t(f"report.col.{c}") for c in ("unit_id", "unit", "events", "pending", "cases")]
    for f in rows[0].figures:
        bar = t("report.col.bar", bar=f"{f.bar:g}") if f.bar is not None else ""
        headers += [t("report.col.numerator", name=f.name), t("report.col.denominator", name=f.name),
                    t("report.col.share", name=f.name, weight=f.weight, bar=bar)]
    _header(sheet, headers + [t("report.col.score"), t("report.col.why"), t("report.col.list"), t("report.col.cut")])
    # the row's number counted here: ``sheet.max_row`` looks at every cell, once a row a sheet's rows
    # squared (a province's 4,000 communities: 20 s)
    number = sheet.max_row
    for u in rows:
        values: list = [u.unit, u.name, u.events, u.pending, u.cases]
        for f in u.figures:
            values += [f.numerator, f.denominator, None if f.share is None else round(float(f.share * 100), 1)]
        values += [u.score_value, u.why or None, t("words.list_sep").join(lists[x] for x in u.lists),
                   t("report.yes") if u.budget_cut else ""]
        sheet.append(values)
        number += 1
        for i, f in enumerate(u.figures):
            if f.missed:
                sheet.cell(number, 5 + 3 * i + 3).fill = MISSED
        if u.lists:
            sheet.cell(number, 2).fill = BLACK if "black" in u.lists else RED


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
        _level_sheet(sheet, run.scores[level], lists)
    grids = book.create_sheet(level_name(pack, "grid", sheet=True))
    _header(grids, [t(f"report.col.{c}") for c in ("grid_id", "grid", "found", "pending", "handled_close", "decidable",
                                                    "direct", "direct_due")]
            + [t("report.col.listed_hours", day=run.listed_on(pack).isoformat())])
    for g in run.grids(pack):
        name = pack.grids[g["grid"]][0].name if g["grid"] in pack.grids else g["grid"]
        grids.append([g["grid"], name, g["events"], g["pending"], *g["handled_close"], *g["direct_report_urgent"],
                      g["listed_hours"]])
    board = book.create_sheet(t("report.sheet.lists"))
    _header(board, [t(f"report.col.{c}") for c in ("list", "level", "unit", "score", "late_emergency")])
    for which in ("red", "black"):
        for u in run.listed(which):
            board.append([lists[which], level_name(pack, u.level), u.name, u.score_value, u.late_emergency])
            board[board.max_row][0].fill = RED if which == "red" else BLACK
    board.append([])
    board.append([t("report.budget"), t("report.col.level"), t("report.col.unit"), t("report.col.score"),
                  model.budget.text])
    board[board.max_row][0].font = BOLD
    for u in run.budget_cuts():
        board.append([t("report.cut"), level_name(pack, u.level), u.name, u.score_value])
    about = book.create_sheet(t("report.sheet.about"))
    about.append([t("report.about.period"), run.period.label])
    about.append([t("report.about.at"), run.at.isoformat()])
    about.append([t("report.about.pack"), f"{run.pack['name']} {run.pack['version']}", run.pack["digest"]])
    about.append([t("report.about.records"), run.tally.records, t("report.about.in_period"), run.tally.in_period,
                  t("report.about.errors"), run.tally.errors, t("report.about.after_at"), run.tally.after_at])
    for said in troubles(run):  # what the scores leave out, as the text says it
        about.append([t("report.about.noted"), said])
    return book


def workbook_bytes(run: AssessmentRun, pack: Pack) -> bytes:
    """The workbook as a file's bytes (the dashboard's download)."""
    out = io.BytesIO()
    workbook(run, pack).save(out)
    return out.getvalue()


def write_xlsx(run: AssessmentRun, pack: Pack, path: str) -> None:
    write_output(path, workbook_bytes(run, pack))
