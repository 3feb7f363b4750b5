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
from gridrules.assess.report import LEVEL_WORDS, list_names
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
        sheet.append(["（本期无数据）"])
        return
    headers = ["单位代码", "单位", "事件", "待定", "案件"]
    for f in rows[0].figures:
        bar = f"，达标线{f.bar:g}%" if f.bar is not None else ""
        headers += [f"{f.name} 分子", f"{f.name} 分母", f"{f.name}（%，权重{f.weight}{bar}）"]
    _header(sheet, headers + ["得分", "榜单", "建议削减预算"])
    for u in rows:
        values: list = [u.unit, u.name, u.events, u.pending, u.cases]
        for f in u.figures:
            values += [f.numerator, f.denominator, None if f.share is None else round(float(f.share * 100), 1)]
        score = round(float(u.score), u.places) if u.score is not None else u.score_or_why if u.no_events else None
        values += [score, "、".join(lists[x] for x in u.lists),
                   "是" if u.budget_cut else ""]
        sheet.append(values)
        row = sheet[sheet.max_row]
        for i, f in enumerate(u.figures):
            if f.missed:
                row[5 + 3 * i + 2].fill = MISSED
        if u.lists:
            row[1].fill = BLACK if "black" in u.lists else RED


def workbook(run: AssessmentRun, pack: Pack) -> Workbook:
    model = pack.assessment
    assert model is not None
    lists = list_names(pack)
    book = Workbook()
    first = True
    for level in ("department", "town", "community", "department_town"):
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = LEVEL_WORDS[level]
        first = False
        _level_sheet(sheet, run.scores[level], lists)
    grids = book.create_sheet(LEVEL_WORDS["grid"])
    _header(grids, ["网格代码", "网格", "发现事件", "待定", "网格和村(社区)办结", "可判定", "紧急事项直报", "应直报"])
    for g in run.grids():
        name = pack.grids[g["grid"]][0].name if g["grid"] in pack.grids else g["grid"]
        grids.append([g["grid"], name, g["events"], g["pending"], *g["handled_close"], *g["direct_report_urgent"]])
    board = book.create_sheet("红黑榜")
    _header(board, ["榜单", "层级", "单位", "得分", "应急哨超时报到"])
    for which in ("red", "black"):
        for u in run.listed(which):
            board.append([lists[which], LEVEL_WORDS[u.level], u.name, round(float(u.score), u.places) if u.score else None,
                          u.late_emergency])
            board[board.max_row][0].fill = RED if which == "red" else BLACK
    board.append([])
    board.append(["预算建议", "层级", "单位", "得分", model.budget.text])
    board[board.max_row][0].font = BOLD
    for u in run.budget_cuts():
        board.append(["建议削减", LEVEL_WORDS[u.level], u.name, round(float(u.score), u.places) if u.score else None])
    about = book.create_sheet("说明")
    about.append(["期间", run.period.label])
    about.append(["判定时点", run.at.isoformat()])
    about.append(["规则包", f"{run.pack['name']} {run.pack['version']}", run.pack["digest"]])
    about.append(["记录", run.tally.records, "本期", run.tally.in_period, "有误", run.tally.errors,
                  "判定时点后报告（不计）", run.tally.after_at])
    return book


def write_xlsx(run: AssessmentRun, pack: Pack, path: str) -> None:
    out = io.BytesIO()
    workbook(run, pack).save(out)
    write_output(path, out.getvalue())
