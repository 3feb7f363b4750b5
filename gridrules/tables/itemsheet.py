"""A secretary's table of new or amended list items, turned into reviewed applications.

The table has the published list's headers (``words.ITEMS``; 审定 is read, never
used).  A row whose 编号 names an item in the pack is an amendment of it: the
fields it changes (workload, subsidy, activities, departments, frequency, end,
training) are reviewed as ``gridrules admission amend`` would review them, and
the command that records the joint meeting's decision is shown.  A row without
编号 is a new application, reviewed as ``gridrules admission review`` does and
written out as an application document.  Nothing is written into the pack: a
decision is still the joint meeting's.  A row equal to its item is unchanged
(so an exported list reads back as no change at all), and a new row filled like an
exported one states everything an application must (依据, 培训计划 included).

A blank cell of an amended item reads as what the export writes there: no subsidy, no
training department, no plan.  Where the export always writes a value (工作量, 频次, 活动,
责任部门, 有效期: the item cannot be without one), a blank is refused at its cell, never
taken as "keep" -- nothing is proposed on a guess.  So is a table lacking such a column, or one a
row may amend (补贴, 培训): refused at its header (``REQUIRED``, derived from ``TABLE``).  An older
table's 培训 cell may hold ``部门：计划``; with a 培训计划 column it holds the department alone.  A table
of the current form (with 依据 or 类别, which only it has) lacking 培训计划 had the column deleted, and
is refused at its header as well: read as an older one, its 培训 cells would remove every plan.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

import yaml
from pydantic import TypeAdapter, ValidationError

from gridrules.catalogue import t
from gridrules.change.review import (ApplicationReview, Proposal, proposal_of_item, recommendation_of, review,
                                     review_application, review_texts)
from gridrules.contract.application import Application, ApplicationTraining
from gridrules.errors import ModelIssue, Problem, model_issues, model_problems
from gridrules.lang.parse import suggest
from gridrules.pack import names
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.pack import Pack
from gridrules.pack.journal import write_output
from gridrules.tables import published, words
from gridrules.tables.days import NotADay, a_range, read_validity
from gridrules.tables.numbers import read_cell
from gridrules.tables.sheet import Cell, Row, SheetError, Table, compact, normal, read_table, split_names

CODE = re.compile(r"^([A-Z]{1,4}[0-9]{2,4})\b")


@dataclass(frozen=True)
class Column:
    """A column of the items table: the application field a row's cell fills, the item's field it shows,
    whether a row may amend it, whether an older table may lack it (said why in ``TABLE``), and whether
    only the current form of the table has it (the export since 培训计划 has its column)."""

    fills: str | None = None
    shows: str | None = None
    amended: bool = False
    older: bool = False
    current: bool = False
    text: bool = False  # the cell's text is the field's value, held to what the field takes (one line, its length)
    day: bool = False  # a date cell is read in it (a day typed over the validity); in any other column it is refused


# the items table's columns (words.ITEMS, the export's order, has the same headers); the one declaration the
# reader's known and required headers, the amendable columns and those never blank are derived from
TABLE: dict[str, Column] = {
    "编号": Column(shows="id"),
    "事项名称": Column("item", "name", text=True), "职责": Column("duty", "duty"),
    "责任部门": Column("owners", "owners", amended=True), "工作内容": Column("content", "content", text=True),
    "频次": Column("frequency", "frequency", amended=True, text=True),
    "工作量": Column("hours_per_month", "hours_per_month", amended=True),
    "补贴": Column("subsidy", "subsidy", amended=True), "培训": Column("training", "training", amended=True),
    "审定": Column(),  # the meeting's, never read
    "有效期": Column("effective", "effective", amended=True, day=True), "活动": Column("activities", "activities", amended=True),
    "风险": Column("risk", "risk"), "依据": Column("basis", "legal_basis", current=True, text=True),
    # a table from before 培训计划 had its column writes 部门：计划 in 培训 (README); one with 依据 or 类别 is of the
    # current form, written with 培训计划 beside them: without it, the column was deleted
    "培训计划": Column("training_plan", "training", amended=True, older=True, current=True),
    "类别": Column("categories", "categories", current=True),
}


def _needed(field: str | None) -> bool:
    return field is not None and AdmissionItem.model_fields[field].is_required()


def _field_type(name: str) -> Any:
    """The type of ``Application.<name>`` (every field declares one)."""
    annotation = Application.model_fields[name].annotation
    assert annotation is not None
    return annotation


# the columns nothing reads (审定): hiding one hides nothing an import takes
UNREAD = tuple(h for h, c in TABLE.items() if not c.fills and not c.shows)
# table column -> the application field it fills
COLUMNS = {h: c.fills for h, c in TABLE.items() if c.fills}
# a column whose text is its field's value -> the field's type, which a cell's text is held to (an amended row's too,
# which no application validates: a 频次 wrapped with Alt+Enter would be proposed, and refused by ``admission amend``)
TEXTS = {h: TypeAdapter(_field_type(c.fills)) for h, c in TABLE.items() if c.text and c.fills}
# an amendable column -> the item's field it shows: a required one the export always writes, so its cell is never blank
ITEM_FIELDS = {h: c.shows for h, c in TABLE.items() if c.amended and c.shows}
ALWAYS_WRITTEN = tuple(h for h, f in ITEM_FIELDS.items() if _needed(f))
# the columns a table must have: one showing a field the item cannot be without, and one a row may amend (without
# it, every amended row would read that field as unchanged, which nothing says).  A table may lack 审定 (never read),
# a column no row can amend and the item can be without (工作内容, 风险, 依据, 类别: an amended row cannot change
# it, a new row lacking it is reviewed as with the cell blank) and 培训计划 (an older table)
REQUIRED = tuple(h for h, c in TABLE.items() if _needed(c.shows) or (c.amended and not c.older))
# ... and in a table of the current form (one with a column only it has), every column a row may amend: its 培训
# cell names the department alone, so a deleted 培训计划 would read as every item's plan removed
REQUIRED_CURRENT = REQUIRED + tuple(h for h, c in TABLE.items() if c.amended and c.older)


def required_headers(found: Collection[str]) -> tuple[str, ...]:
    """The columns a table with the headers ``found`` must have: those of its form, current or older."""
    return REQUIRED_CURRENT if any(TABLE[h].current for h in found if h in TABLE) else REQUIRED
# amendable field -> the option of ``gridrules admission amend`` that records it
AMEND_OPTIONS = {"hours_per_month": "--hours", "subsidy": "--subsidy", "activities": "--activities",
                 "owners": "--owners", "frequency": "--frequency", "end": "--end",
                 "training_owner": "--training-owner", "training_plan": "--training-plan"}


@dataclass
class ItemRow:
    """One row, reviewed: a new application, an amendment of an item, or unchanged."""

    row: int
    kind: str  # new | amend | unchanged
    target: str  # the application id, or the item's code
    review: ApplicationReview | None = None
    application: Application | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # amendable field -> (before, after)
    new_blocking: list[str] = field(default_factory=list)  # an amendment's blocking findings the item had not

    def amend_command(self, pack_dir: str | None = None) -> str | None:
        """The command that records the meeting's decision (on the pack read, ``pack_dir``: the bundled
        one cannot be changed, so a command without ``--pack`` would be refused)."""
        if self.kind != "amend":
            return None
        parts = [f"gridrules admission amend {self.target}"]
        for name, (_, after) in self.changes.items():
            if isinstance(after, (int, float)):
                parts.append(f"{AMEND_OPTIONS[name]} {after:g}")
                continue
            value = ",".join(after) if isinstance(after, list) else "none" if after is None else str(after)
            parts.append(f"{AMEND_OPTIONS[name]} '{value}'")
        pack = f" --pack {shlex.quote(pack_dir)}" if pack_dir else ""
        return " ".join(parts) + " --session SESSION --date YYYY-MM-DD" + pack

    def as_dict(self, pack_dir: str | None = None) -> dict:
        return {
            "row": self.row, "kind": self.kind, "target": self.target,
            "application": self.application.model_dump(mode="json", exclude_none=True) if self.application else None,
            "changes": [{"field": k, "before": _json(b), "after": _json(a)} for k, (b, a) in self.changes.items()],
            "amend_command": self.amend_command(pack_dir),
            "new_blocking": self.new_blocking,
            "review": self.review.model_dump(mode="json") if self.review else None,
        }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class _Row:
    """Reading one row's cells into application values; problems are collected."""

    def __init__(self, pack: Pack, row: Row, problems: list[Problem]):
        self.pack, self.row, self.problems = pack, row, problems
        self.refused: set[str] = set()  # the headers of the cells refused

    def refuse(self, cell: Cell, message: str, hint: str | None = None) -> None:
        self.problems.append(cell.problem(message, hint))
        self.refused.add(cell.header)

    def codes(self, header: str, known: Mapping[str, Any], names: Callable[[str], str], message: str) -> list[str] | None:
        cell = self.row.cell(header)
        if cell.text is None:
            return None
        by_name = {normal(names(k)): k for k in known}
        out = []
        for part in split_names(cell.text, list(by_name) + list(known)):
            code = part if part in known else by_name.get(normal(part))
            if code is None:
                self.refuse(cell, t(message, value=part), suggest(part, list(by_name) + list(known)))
            else:
                out.append(code)
        return out

    def number(self, header: str) -> float | None:
        """The cell's number, within the bounds the application's field sets (an amendment's cells
        are held to them here: a new item's are when its application is validated)."""
        cell = self.row.cell(header)
        if cell.text is None:
            return None
        read, refused = read_cell(cell.text)  # a number as people type one (1,320 too; not 1e3, 1_000, inf)
        if read is None:
            self.refuse(cell, refused or "")
            return None
        value = float(read)
        low, high = _bounds(COLUMNS[header])
        if not (low <= value <= high):
            low_, high_ = (str(int(b)) if b.is_integer() else str(b) for b in (low, high))
            self.refuse(cell, t("sheet.out_of_range", value=cell.text, low=low_, high=high_))
            return None
        return value

    def text(self, header: str) -> str | None:
        """The cell's text, as its field takes it (``TEXTS``); None, refused at the cell with what the field says."""
        cell = self.row.cell(header)
        if cell.text is None:
            return None
        try:
            TEXTS[header].validate_python(cell.text)
        except ValidationError as exc:
            for problem in model_problems(exc):
                self.refuse(cell, problem.message)
            return None
        return cell.text

    def department(self, cell: Cell, text: str) -> str | None:
        """The department ``text`` names, read as a task file's are (``pack.names``: its id, its name, a
        short form of it that fits one, 民政局, or a body's abbreviation, 住建委); None, refused at ``cell``."""
        found = names.resolve(self.pack, "department", text)
        if found.id is None:
            message = t("sheet.unknown_department", value=text) if found.unknown else found.message
            self.refuse(cell, message, found.hint.name if found.hint else None)
        return found.id

    def departments(self, header: str) -> list[str] | None:
        cell = self.row.cell(header)
        if cell.text is None:
            return None
        listed = [d.name for d in self.pack.departments.values()] + list(self.pack.departments)
        read = [self.department(cell, part) for part in split_names(cell.text, listed)]
        return [code for code in read if code is not None]

    def values(self) -> dict[str, Any]:
        pack, row = self.pack, self.row
        values: dict[str, Any] = {f: self.text(h) if h in TEXTS else row.get(h) for h, f in COLUMNS.items()}
        values["owners"] = self.departments("责任部门")
        activities = {**pack.activities, **pack.negative_by_activity}
        values["activities"] = self.codes("活动", activities, pack.activity_name, "sheet.unknown_activity")
        categories = row.get("类别")
        values["categories"] = split_names(categories, pack.admission_policy.categories) if categories else None
        values["hours_per_month"] = self.number("工作量")
        values["subsidy"] = self.number("补贴")
        duty = row.get("职责")
        if duty is not None:
            found = CODE.match(normal(duty))
            values["duty"] = found.group(1) if found else None
            if not found:
                self.refuse(row.cell("职责"), t("sheet.unknown_duty", value=duty))
        values["risk"] = self.risk()
        values["training"] = self.training()
        values["start"], values["end"] = self.validity()
        values.pop("effective")
        values.pop("training_plan")
        return values

    def risk(self) -> str | None:
        """The risk level the cell names (risk.yaml's name, 低, or its id, low)."""
        cell = self.row.cell("风险")
        if cell.text is None:
            return None
        levels = self.pack.risk_levels
        found = {normal(lv.name): lv.id for lv in levels.values()} | {lv: lv for lv in levels}
        level = found.get(normal(cell.text))
        if level is None:
            self.refuse(cell, t("sheet.unknown_risk", value=cell.text,
                                levels="、".join(lv.name for lv in levels.values())))
        return level

    def training(self) -> dict[str, str | None] | None:
        """The training's department (培训) and plan (培训计划; an older table's 培训 cell: 部门：计划)."""
        cell = self.row.cell("培训")
        own_column = "培训计划" in self.row.texts
        plan = self.row.get("培训计划")
        if cell.text is None:
            return {"owner": None, "plan": plan} if plan is not None else None
        owner_text, sep, written = cell.text.replace(":", words.TRAINING_SEP).partition(words.TRAINING_SEP)
        if sep and own_column:  # the plan has its column: which of the two is meant is not guessed
            self.refuse(cell, t("sheet.plan_in_its_column"))
        elif not own_column:
            plan = written.strip() or None
        owner = self.department(cell, owner_text.strip()) if owner_text.strip() else None
        return {"owner": owner, "plan": plan}

    def validity(self) -> tuple[date | None, date | None]:
        cell = self.row.cell("有效期")
        if cell.text is None:
            return None, None
        try:
            return read_validity(cell.text)
        except NotADay as exc:  # a range is read whole or not at all
            self.refuse(cell, str(exc))
            return None, None


def read_items(pack: Pack, table: Table, on: date, id_prefix: str, changes: int | None = None) -> list[ItemRow]:
    """Every row reviewed; ``SheetError`` naming every problem of every row when any has one (nothing
    reviewed: a clerk fixing the table learns all that is wrong with it at once).  A row whose 编号 is
    unknown or named by a row above is not checked further (it is not known which item it is meant for).
    ``changes``: how many changes the pack had recorded when the table was exported (its title says):
    a row that differs from an item changed since is refused -- the difference may be that change,
    not the clerk's edit, and amending it back would undo a decision."""
    problems: list[Problem] = []
    reading = _Table(pack, on, id_prefix, changes, problems)
    read = [reading.read(row) for row in table.rows]
    if problems:
        raise SheetError(problems)
    return [_reviewed(pack, r, on) for r in read if r is not None]


@dataclass
class _Read:
    """A row read and found sound, not yet reviewed: an item's (its changes; none: unchanged) or a new
    application."""

    number: int
    item: AdmissionItem | None = None  # as the list of the review day shows it
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    application: Application | None = None


class _Table:
    """Reading a table's rows, every problem of each collected; an item's 编号, or a new item's name,
    given twice is refused at the rows after the first."""

    def __init__(self, pack: Pack, on: date, id_prefix: str, changes: int | None, problems: list[Problem]):
        self.pack, self.on, self.id_prefix, self.changes, self.problems = pack, on, id_prefix, changes, problems
        self.codes: dict[str, int] = {}  # an item's code -> the row that names it
        self.names: dict[str, int] = {}  # a new item's name (as compared) -> its row
        self.listed = {normal(i.name): i.id for i in published.listed_on(pack, on)}

    def read(self, row: Row) -> _Read | None:
        cells = _Row(self.pack, row, self.problems)
        values = cells.values()
        if row.get("编号") is None:
            return self.new(row, values)
        item = self.item(row.cell("编号"))
        if item is None:
            return None
        _fixed(item, row, values, self.problems)
        _blank(self.pack, item, row, self.problems)
        changes = _changes(item, row, values, cells.refused)
        if changes and self.changes is not None:
            _stale(self.pack, row, item.id, self.changes, self.problems)
        return _Read(row.number, item, changes)

    def item(self, cell: Cell) -> AdmissionItem | None:
        """The item the 编号 names, as the list of the review day shows it; None when the pack has no
        such item or a row above names it already (two rows would be two amendments of one item)."""
        assert cell.text is not None
        code = normal(cell.text)
        listed = self.pack.items_by_id.get(code)
        if listed is None:
            self.problems.append(cell.problem(t("sheet.unknown_item", value=cell.text),
                                              suggest(code, list(self.pack.items_by_id))))
            return None
        if code in self.codes:
            self.problems.append(cell.problem(t("sheet.duplicate_item", code=code, first=self.codes[code])))
            return None
        self.codes[code] = cell.place.line
        return self.pack.item_as_known(listed, self.on, max(self.on, listed.effective.from_))

    def new(self, row: Row, values: dict[str, Any]) -> _Read | None:
        self.named(row.cell("事项名称"))
        owners = values.pop("owners") or []
        values["applicant"] = owners[0] if owners else None
        training = values.get("training")
        values["training"] = training if training and any(training.values()) else None
        app_id = f"{self.id_prefix}-{row.number}"
        try:
            app = Application.model_validate({"id": app_id, **{k: v for k, v in values.items() if v is not None}})
        except ValidationError as exc:
            self.problems.extend(_at_cell(row, p) for p in model_issues(exc))
            return None
        return _Read(row.number, application=app)

    def named(self, cell: Cell) -> None:
        """A new item is named as no item of the list and no other new row: either would make a second
        item of one name (the review compares the work, not the name), most likely from a row copied,
        or an amendment written without its 编号."""
        if cell.text is None:
            return
        name = normal(cell.text)
        if name in self.listed:
            self.problems.append(cell.problem(t("sheet.item_listed", value=cell.text, code=self.listed[name])))
        elif name in self.names:
            self.problems.append(cell.problem(t("sheet.duplicate_name", value=cell.text, first=self.names[name])))
        else:
            self.names[name] = cell.place.line


# an application's field -> the column a new row fills it from (the training's plan: 培训计划, or an older table's 培训)
FIELD_COLUMNS = {c.fills: h for h, c in TABLE.items() if c.fills} | {"applicant": "责任部门", "start": "有效期",
                                                                    "end": "有效期"}


def _at_cell(row: Row, issue: ModelIssue) -> Problem:
    """A new row's application problem at the cell its field was read from, under the column's header; at the row
    (by the field's name) when no column of the table fills it."""
    path = tuple(str(p) for p in issue.path)
    header = FIELD_COLUMNS.get("_".join(path[:2])) if path[:1] == ("training",) else None
    header = header if header in row.texts else FIELD_COLUMNS.get(path[0]) if path else None
    if header is None or header not in row.texts:
        return Problem(issue.message, row.place, ".".join(path), issue.hint)
    return row.cell(header).problem(issue.message, issue.hint)


def _reviewed(pack: Pack, read: _Read, on: date) -> ItemRow:
    if read.application is not None:
        app = read.application
        return ItemRow(read.number, "new", app.id, review_application(pack, app, on), app)
    assert read.item is not None
    if not read.changes:
        return ItemRow(read.number, "unchanged", read.item.id)
    return _amendment(pack, read.item, read.number, read.changes, on)


def absent_items(pack: Pack, on: date, rows: list[ItemRow], changes: int | None = None) -> tuple[list[str], list[str]]:
    """The items the list of ``on`` holds (as ``export items`` lists them) that no row names: those the
    table had when it was exported (its row deleted), and those approved after it was (``changes``: how
    many changes the pack had recorded then, as its title says) -- the table never had these, so they are
    not missing from it, only newer than it."""
    named = {r.target for r in rows if r.kind != "new"}
    later = approved_since(pack, changes)
    missing = [item.id for item in published.listed_on(pack, on) if item.id not in named]
    return [code for code in missing if code not in later], [code for code in missing if code in later]


def approved_since(pack: Pack, changes: int | None) -> set[str]:
    """The items whose approval the pack recorded after its first ``changes`` changes (None: not known)."""
    if changes is None:
        return set()
    return {c.target for c in pack.history.changes[changes:] if c.action == "approve"}


def _stale(pack: Pack, row: Row, code: str, changes: int, problems: list[Problem]) -> None:
    """Refuse a row amending ``code`` when the pack recorded a change to it after the table's export."""
    later = [c for c in pack.history.changes[changes:] if c.target == code]
    if later:
        problems.append(row.cell("编号").problem(t("sheet.changed_since", code=code, seq=later[-1].seq,
                                                   recorded=later[-1].recorded_at.date(), changes=changes)))


def _fixed(item: AdmissionItem, row: Row, values: dict[str, Any], problems: list[Problem]) -> None:
    """A row may not change what an amendment cannot (name, duty, content, start, basis, categories)."""
    fixed: dict[str, tuple[str, Any]] = {
        "事项名称": ("item", item.name), "职责": ("duty", item.duty), "工作内容": ("content", item.content),
        "有效期": ("start", item.effective.from_), "依据": ("basis", item.legal_basis),
        "类别": ("categories", list(item.categories)), "风险": ("risk", item.risk),
    }
    for header, (name, current) in fixed.items():
        given = values.get(name)
        if row.get(header) is None or given is None:
            continue
        if isinstance(given, str):  # a text wrapped with Alt+Enter, or spaced, to fit its cell is the same text
            same = compact(given) == compact(current if isinstance(current, str) else "")
        else:
            same = given == current
        if not same and header == "有效期" and not a_range(row.get(header) or ""):
            # a day alone (an Excel date cell typed over the range) reads as the start: say so, and how an end is written
            problems.append(row.cell(header).problem(t("sheet.validity_day_alone", code=item.id, day=given,
                                                       listed=current)))
        elif not same:
            problems.append(row.cell(header).problem(t("sheet.not_amendable", code=item.id, header=header)))


def _blank(pack: Pack, item: AdmissionItem, row: Row, problems: list[Problem]) -> None:
    """A blank cell where the export always writes the item's value: refused, not read as keeping it."""
    for header in ALWAYS_WRITTEN:
        if header in row.texts and row.get(header) is None:
            shown = published.item_row(pack, item)[words.ITEMS.index(header)]
            value = f"{shown:g}" if isinstance(shown, float) else str(shown)
            problems.append(row.cell(header).problem(t("sheet.blank_always_written", code=item.id, header=header,
                                                       value=value)))


def _before(item: AdmissionItem) -> dict[str, Any]:
    """The item's amendable fields, as ``admission amend`` names them."""
    return {
        "hours_per_month": item.hours_per_month, "subsidy": item.subsidy, "activities": list(item.activities),
        "owners": list(item.owners), "frequency": item.frequency, "end": item.effective.to,
        "training_owner": item.training.owner if item.training else None,
        "training_plan": item.training.plan if item.training else None,
    }


def _changes(item: AdmissionItem, row: Row, values: dict[str, Any], refused: set[str]) -> dict[str, tuple[Any, Any]]:
    """What the row changes of the item (amendable field -> (before, after)); a cell refused (``refused``:
    its header) proposes nothing."""
    before = _before(item)
    training = values.get("training") or {}
    after = dict(before)
    present = {f for h, f in COLUMNS.items() if row.get(h) is not None and h not in refused}
    for name in ("hours_per_month", "subsidy", "activities", "owners", "frequency"):
        if name in present or (name == "subsidy" and "补贴" in row.texts and "补贴" not in refused):
            after[name] = values[name]
    if "effective" in present:
        after["end"] = values["end"]
    if "培训" in row.texts and "培训" not in refused:
        after["training_owner"] = training.get("owner")
    if "培训计划" in row.texts or "培训" in row.texts:  # an older table: the plan in the 培训 cell
        after["training_plan"] = training.get("plan")
    return {k: (before[k], after[k]) for k in before if _same(before[k]) != _same(after[k])}


def _amendment(pack: Pack, item: AdmissionItem, number: int, changes: dict[str, tuple[Any, Any]],
               on: date) -> ItemRow:
    base = proposal_of_item(item)
    after = _before(item) | {name: new for name, (_, new) in changes.items()}
    proposed = dict(base.values)
    for name in ("hours_per_month", "subsidy", "activities", "frequency", "end"):
        proposed[name] = after[name]
    proposed["training"] = ApplicationTraining(owner=after["training_owner"], plan=after["training_plan"])
    owners = after["owners"] or []
    proposed["applicant"] = owners[0] if owners else None
    amended = review(pack, Proposal(proposed, owners, exclude=item.id), on, item.id)
    listed = review(pack, base, on, item.id)
    had = {f.id for f in listed.blocking}  # as ``admission amend`` judges
    fresh = [f.id for f in amended.blocking if f.id not in had]
    return ItemRow(number, "amend", item.id, _brought(pack, item, listed, amended), changes=changes,
                   new_blocking=fresh)


def _brought(pack: Pack, item: AdmissionItem, before: ApplicationReview, after: ApplicationReview) -> ApplicationReview:
    """The amended item's review as the amendment's: only the findings the change brings (what the
    item had already, such as a field the list never recorded, is not the amendment's), the
    recommendation they make, and the item's own code (an amendment gets no new one)."""
    had = {(f.id, f.severity) for f in before.findings}
    findings = [f for f in after.findings if (f.id, f.severity) not in had]
    recommendation = recommendation_of(findings)
    summary = getattr(review_texts(pack).recommendations, recommendation)
    return after.model_copy(update={"findings": findings, "recommendation": recommendation, "summary": summary,
                                    "next_code": item.id})


def _bounds(field: str) -> tuple[float, float]:
    """The least and greatest value ``Application.<field>`` takes (its ``ge``/``le``)."""
    low, high = float("-inf"), float("inf")
    for rule in Application.model_fields[field].metadata:
        low = float(getattr(rule, "ge", low))
        high = float(getattr(rule, "le", high))
    return low, high


def _same(value: Any) -> Any:
    """What a field's value is compared by: a whole number as one, a text without its blanks (a plan wrapped with
    Alt+Enter to fit its cell is no amendment)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return compact(value) if isinstance(value, str) else value


def read_items_table(path: str | os.PathLike[str], sheet: str | None = None, pack: Pack | None = None) -> Table:
    """The items table in ``path``; a table lacking one of the columns its form requires
    (``required_headers``) is refused, naming it.  A number column's header may carry its unit as ``pack``'s
    export writes it (工作量（小时/网格/月）; one of ``words.UNITS`` is read without ``pack``)."""
    aliases = published.unit_headers(pack) if pack is not None else None
    return read_table(path, TABLE, required_headers, sheet, aliases, days=[h for h, c in TABLE.items() if c.day],
                      unread=UNREAD)


def write_applications(folder: str | os.PathLike[str], rows: list[ItemRow]) -> list[str]:
    """Each new application as a document ``gridrules admission review|approve`` reads; the paths written."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for r in rows:
        if r.application is None:
            continue
        data = r.application.model_dump(mode="json", exclude_none=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        target = root / f"{r.application.id}.yaml"
        write_output(target, text.encode("utf-8"))
        written.append(str(target))
    return written
