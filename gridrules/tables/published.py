"""The published lists as a district prints them, in force on a day, ready for ``writer``.

Each export is a title, the headers (``words``) and rows of plain values: names
where the pack holds ids (departments, activities, towns, kinds), so the table
reads as the district writes it, and so ``ledger`` and ``itemsheet`` can read it back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from gridrules.pack import layout
from gridrules.pack.model.lists import AdmissionItem, Decision
from gridrules.pack.pack import Pack
from gridrules.tables import words
from gridrules.tables.writer import Cell


@dataclass(frozen=True)
class Export:
    sheet: str  # the workbook's sheet
    title: str  # the first row
    headers: Sequence[str]
    rows: list[list[Cell]]


def names(values: Sequence[str], lookup: Callable[[str], str]) -> str:
    return words.LIST_SEP.join(lookup(v) for v in values)


def _department(pack: Pack, dept: str) -> str:
    return pack.departments[dept].name if dept in pack.departments else dept


def _decision(pack: Pack, item: AdmissionItem, d: Decision) -> str:
    return pack.scopes.item_decision(item, d.session, d.date)


def _validity(start: date, end: date | None) -> str:
    return f"{start} {words.UNTIL} {end if end else words.OPEN_END}"


def _risk(pack: Pack, level: str | None) -> str | None:
    """A risk level by the name risk.yaml gives it (低), as the table writes it."""
    found = pack.risk_levels.get(level) if level is not None else None
    return found.name if found is not None else level


def unit_headers(pack: Pack) -> dict[str, str]:
    """Each number column's header with its unit after it in brackets -> the header (工作量（小时/网格/月） -> 工作量):
    the unit as the pack's name of the column's field gives it (``words.UNIT_FIELDS``; none when the name gives
    none), else ``words.UNITS_OF``.  The export writes these; the readers take them, whatever the unit."""
    from gridrules.change.review import field_name

    units = dict(words.UNITS_OF)
    for header, name in words.UNIT_FIELDS.items():
        found = _BRACKETED.search(unicodedata.normalize("NFKC", field_name(pack, name)))
        if found:
            units[header] = found.group(1).strip()
    return {f"{header}（{unit}）": header for header, unit in units.items()}


_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")  # a name's last bracket: 工作量(小时/网格/月) after NFKC


def with_units(pack: Pack, headers: Sequence[str]) -> tuple[str, ...]:
    """``headers`` as the export writes them: a number column's with its unit (``unit_headers``)."""
    written = {header: shown for shown, header in unit_headers(pack).items()}
    return tuple(written.get(h, h) for h in headers)


def item_row(pack: Pack, item: AdmissionItem) -> list[Cell]:
    duty = pack.duties.get(item.duty)
    training = item.training
    decided = words.LIST_SEP.join([_decision(pack, item, item.approval)] + [
        words.AMENDED_FROM.format(decision=_decision(pack, item, a), effective=a.effective or a.date)
        for a in item.amendments])
    return [
        item.id, item.name, f"{item.duty} {duty.text}" if duty else item.duty,
        names(item.owners, lambda d: _department(pack, d)), item.content, item.frequency,
        item.hours_per_month, item.subsidy,
        _department(pack, training.owner) if training is not None and training.owner else None, decided,
        _validity(item.effective.from_, item.effective.to), names(item.activities, pack.activity_name),
        _risk(pack, item.risk), item.legal_basis, training.plan if training is not None else None,
        words.LIST_SEP.join(item.categories) or None,
    ]


# the day a published table's title says it lists and the changes recorded then (``words.IN_FORCE``, or
# as a table published before said it, ``words.IN_FORCE_BEFORE``), read back from the title; a title
# written before it carried the changes has the day alone
_DAY, _SEQ = r"([0-9]{4}-[0-9]{2}-[0-9]{2})", r"([0-9]+)"


def _as_of_pattern(title: str) -> re.Pattern[str]:
    before, _day, after = re.escape(title).partition(re.escape("{on}"))
    between, _seq, end = after.partition(re.escape("{seq}"))
    return re.compile(before + _DAY + f"(?:{between}{_SEQ}{end})?")


_AS_OF = tuple(_as_of_pattern(title) for title in (words.IN_FORCE, *words.IN_FORCE_BEFORE))


@dataclass(frozen=True)
class AsOf:
    """What a published table's title says: its row, the day it lists, and how many changes the
    pack had recorded when it was made (None: a table from before titles said so)."""

    row: int
    day: date
    changes: int | None


def as_of(title_rows: Sequence[tuple[int, str]]) -> AsOf | None:
    """What the title of a table this module published says, from the rows above its header; None
    for a table with no such title (one a clerk made)."""
    for row, text in title_rows:
        # the form whose changes it reads, else the day alone (every form begins 截至 the day)
        matches = [found for found in (pattern.search(text) for pattern in _AS_OF) if found]
        found = next((m for m in matches if m.group(2)), matches[0] if matches else None)
        if found:
            try:
                return AsOf(row, date.fromisoformat(found.group(1)), int(found.group(2)) if found.group(2) else None)
            except ValueError:
                return None
    return None


def _title(which: str, pack: Pack, on: date) -> str:
    return words.TITLES[which] + words.IN_FORCE.format(on=on, seq=len(pack.history.changes))


def listed_on(pack: Pack, on: date) -> list[AdmissionItem]:
    """The items the list of ``on`` shows: approved by ``on`` and not past their last day as known
    then (the day before a known withdrawal), each by its terms for work starting that day (one not
    yet started is listed: its 有效期 says from when)."""
    known = (pack.item_as_known(i, on, max(on, i.effective.from_)) for i in pack.items if i.in_force.since <= on)
    return [i for i in known if i.effective.to is None or i.effective.to >= on]


def items(pack: Pack, on: date) -> Export:
    rows = [item_row(pack, i) for i in listed_on(pack, on)]
    return Export(words.TITLES["items"], _title("items", pack, on), with_units(pack, words.ITEMS), rows)


def temporary(pack: Pack, on: date) -> Export:
    """The approvals decided by ``on`` and not past their last day as known then: 结束 is that last day
    (the day before a known withdrawal takes effect, if earlier than the approved end), 撤销日期 the
    withdrawal's decision as known on ``on``.  One withdrawn before its first day never runs: not listed."""
    rows: list[list[Cell]] = []
    for a in pack.approvals:
        last = pack.approval_last_day(a, on)
        if a.decided_on > on or last < on or pack.approval_never_ran(a, on):
            continue
        town = pack.tree.name_of(a.unit)
        withdrawn = a.withdrawn_on if a.withdrawn_on is not None and a.withdrawn_on <= on else None
        rows.append([a.ref, town, a.decided_on, a.work, names(a.activities, pack.activity_name), a.from_, last,
                     a.hours_per_month, withdrawn, a.note])
    return Export(words.TITLES["temporary"], _title("temporary", pack, on), with_units(pack, words.TEMPORARY), rows)


def negative(pack: Pack, on: date) -> Export:
    rows: list[list[Cell]] = [[e.code, e.activity_name or e.name, e.forbidden, e.basis, words.LIST_SEP.join(e.screening_words),
                               words.LIST_SEP.join(e.screening_exceptions)] for e in pack.negative]
    return Export(words.TITLES["negative"], words.TITLES["negative"], words.NEGATIVE, rows)


def duties(pack: Pack, on: date) -> Export:
    groups = {g.id: g.name for g in pack.files[layout.DUTIES].groups}
    rows: list[list[Cell]] = [[d.id, groups.get(d.group, d.group), d.text] for d in pack.duties.values()]
    return Export(words.TITLES["duties"], words.TITLES["duties"], words.DUTIES, rows)


def types(pack: Pack, on: date) -> Export:
    categories = {c.prefix: c.name for c in pack.files[layout.EVENT_TYPES].categories}
    levels = {lv.id: lv.name for lv in pack.levels}
    grades = {g.id: g.name for g in pack.grades}
    rows: list[list[Cell]] = []
    for t in pack.event_types.values():
        prefix = t.code.rstrip("0123456789")
        rows.append([t.code, t.name, categories.get(prefix), levels.get(t.level, t.level),
                     grades.get(t.grade, t.grade), names(t.owners, lambda d: _department(pack, d))])
    return Export(words.TITLES["events"], words.TITLES["events"], words.TYPES, rows)


def registry_headers(pack: Pack) -> tuple[str, ...]:
    staffing = pack.files[layout.LEVELS].grid_staffing
    staff = tuple(r.column for r in staffing.roles) if staffing else ()
    return (words.TOWN, words.COMMUNITY, words.COMMUNITY_ID, words.GRID_NAME, words.GRID_CODE, words.GRID_KIND,
            words.HOUSEHOLDS, words.PARENT) + staff


def registry(pack: Pack, on: date) -> Export:
    staffing = pack.files[layout.LEVELS].grid_staffing
    roles = [r.id for r in staffing.roles] if staffing else []
    rows: list[list[Cell]] = []
    for c in pack.files[layout.REGISTRY].communities:
        town = pack.towns[c.town].name if c.town in pack.towns else c.town
        for g in c.grids:
            kind = pack.grid_kinds[g.kind].name if g.kind in pack.grid_kinds else g.kind
            staff = g.staff or {}
            rows.append([town, c.name, c.id, g.name, g.id, kind, g.households, g.parent]
                        + [words.LIST_SEP.join(staff[r]) if r in staff else None for r in roles])
    return Export(words.TITLES["registry"], words.TITLES["registry"], with_units(pack, registry_headers(pack)), rows)


EXPORTS: dict[str, Callable[[Pack, date], Export]] = {
    "items": items, "temporary": temporary, "negative": negative, "duties": duties, "types": types,
    "registry": registry,
}
