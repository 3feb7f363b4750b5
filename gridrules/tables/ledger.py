"""Reading the registry table (登记表) of communities and grids against a pack.

Every row is one grid: its town (镇街) and community (村(社区)) by name or id,
its name and code (网格编码, the grid's id), and optionally its kind, households,
the grid a 微网格 subdivides, and its staffing (one column per role of the
pack's ``grid_staffing``; several names separated by 、 , ; / or a line break, as
``pack.people`` reads them).  A community is
matched by its id (村(社区)编码) or, within its town, by name; a new one gets
a derived id (``unitids``), listed for review.  Every bad cell is a problem at
its ``sheet!G15``; the rows are only used when there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gridrules.catalogue import t
from gridrules.errors import Problem
from gridrules.pack import layout
from gridrules.pack.pack import Pack
from gridrules.tables import published, words
from gridrules.pack.people import AmbiguousName, names_in
from gridrules.tables.sheet import Cell, Row, Table, normal
from gridrules.tables.numbers import is_number, read_cell
from gridrules.tables.unitids import community_id

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class LedgerCommunity:
    id: str
    name: str
    town: str
    derived: bool  # the id was derived here (shown for review)
    first_row: int
    grids: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ledger:
    """What the table says: communities in file order, each with its grids (registry.yaml shapes)."""

    communities: dict[str, LedgerCommunity]
    towns: set[str]  # the towns the table covers
    columns: set[str]  # the optional columns the table has (an absent one keeps the pack's values)
    problems: list[Problem]


def headers(pack: Pack) -> tuple[list[str], tuple[str, ...]]:
    """(every header the table may have, the required ones)."""
    return (list(words.REGISTRY_REQUIRED) + list(words.REGISTRY_OPTIONAL) + list(staff_columns(pack)),
            words.REGISTRY_REQUIRED)


def header_aliases(pack: Pack) -> dict[str, str]:
    """Other header texts for a column: a staffing role's own name (专职网格员 for 专职), a number column's header
    with its unit as the export writes it (户数（户）)."""
    staffing = pack.files[layout.LEVELS].grid_staffing
    roles = {r.name: r.column for r in staffing.roles if r.name != r.column} if staffing else {}
    return roles | published.unit_headers(pack)


def staff_columns(pack: Pack) -> dict[str, str]:
    """column -> staffing role id, from the pack's ``grid_staffing``."""
    staffing = pack.files[layout.LEVELS].grid_staffing
    return {r.column: r.id for r in staffing.roles} if staffing else {}


class _Reader:
    def __init__(self, pack: Pack, table: Table):
        self.pack = pack
        self.table = table
        self.problems: list[Problem] = []
        self.towns = {normal(t.name): t.id for t in pack.towns.values()} | {t: t for t in pack.towns}
        self.kinds = {normal(k.name): k.id for k in pack.grid_kinds.values()} | {k: k for k in pack.grid_kinds}
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for c in pack.communities.values():
            self.by_name.setdefault((c.town, normal(c.name)), []).append(c.id)
        self.endings = pack.files[layout.UNITS].community_ids.drop_endings
        self.communities: dict[str, LedgerCommunity] = {}
        self.taken: set[str] = set(pack.communities)  # community ids in use (the pack's and this table's)
        self.new_ids: dict[tuple[str, str], str] = {}  # (town, name) -> the id derived for a new community
        self.codes: dict[str, int] = {}  # grid code -> first row
        self.staff = staff_columns(pack)

    def refuse(self, cell: Cell, message: str, hint: str | None = None) -> None:
        self.problems.append(cell.problem(message, hint))

    def required(self, row: Row, header: str) -> str | None:
        text = row.get(header)
        if text is None:
            self.refuse(row.cell(header), t("sheet.required"))
        return text

    def read(self) -> Ledger:
        for row in self.table.rows:
            self.row(row)
        columns = {h for h in self.table.headers if h not in words.REGISTRY_REQUIRED}
        covered = {c.town for c in self.communities.values()}
        return Ledger(self.communities, covered, columns, self.problems)

    def row(self, row: Row) -> None:
        town_text = self.required(row, words.TOWN)
        community_text = self.required(row, words.COMMUNITY)
        name = self.name(row, words.GRID_NAME, words.GRID_CODE)
        code = self.grid_code(row)
        town = self.town(row, town_text) if town_text else None
        community = self.community(row, town, community_text) if town and community_text else None
        grid: dict[str, Any] = {"id": code, "name": name}
        kind_text = row.get(words.GRID_KIND)
        if kind_text is not None:
            kind = self.kinds.get(normal(kind_text))
            if kind is None:
                self.refuse(row.cell(words.GRID_KIND), t("sheet.unknown_kind", 
                    value=kind_text, kinds=words.LIST_SEP.join(k.name for k in self.pack.grid_kinds.values())))
            grid["kind"] = kind
        households = self.count(row, words.HOUSEHOLDS)
        if households is not None:
            grid["households"] = households
        parent = row.get(words.PARENT)
        if parent is not None:
            grid["parent"] = normal(parent)
            if code is not None and normal(parent) == code:
                self.refuse(row.cell(words.PARENT), t("sheet.own_parent"))
        staff = {role: people for column, role in self.staff.items() if (people := self.people(row, column))}
        if staff:
            grid["staff"] = staff
        grid["_row"] = row
        if community is not None and code is not None and name is not None:
            community.grids.append(grid)

    def name(self, row: Row, header: str, code: str) -> str | None:
        """The required name in ``header``; a number there is refused (most likely the unit's code, the ``code``
        column's, typed one column over)."""
        text = self.required(row, header)
        if text is not None and is_number(text):
            self.refuse(row.cell(header), t("sheet.name_is_number", value=text, code=code))
            return None
        return text

    def grid_code(self, row: Row) -> str | None:
        text = self.required(row, words.GRID_CODE)
        if text is None:
            return None
        code = normal(text)
        if not UNIT_ID.match(code) or len(code) > 100:
            self.refuse(row.cell(words.GRID_CODE), _bad_code(text, "sheet.bad_code"))
            return None
        if code in self.codes:
            self.refuse(row.cell(words.GRID_CODE), t("sheet.duplicate_code", value=code, first=self.codes[code]))
            return None
        self.codes[code] = row.number
        return code

    def town(self, row: Row, text: str) -> str | None:
        town = self.towns.get(normal(text))
        if town is None:
            from gridrules.lang.parse import suggest

            self.refuse(row.cell(words.TOWN), t("sheet.unknown_town", value=text),
                        suggest(normal(text), [t.name for t in self.pack.towns.values()]))
        return town

    def community(self, row: Row, town: str, text: str) -> LedgerCommunity | None:
        name = normal(text)
        id_text = row.get(words.COMMUNITY_ID)
        if id_text is not None:
            given = normal(id_text)
            if not UNIT_ID.match(given):
                self.refuse(row.cell(words.COMMUNITY_ID), _bad_code(id_text, "sheet.bad_community_id"))
                return None
            return self.place(row, words.COMMUNITY_ID, given, town, text, derived=False)
        known = self.by_name.get((town, name), [])
        if len(known) > 1:
            self.refuse(row.cell(words.COMMUNITY), t("sheet.community_ambiguous", value=text, ids="、".join(known)))
            return None
        if known:
            return self.place(row, words.COMMUNITY, known[0], town, self.pack.communities[known[0]].name, False)
        if name in self.pack.communities or name in self.communities:  # written as an id
            existing = self.pack.communities.get(name)
            label = existing.name if existing else self.communities[name].name
            return self.place(row, words.COMMUNITY, name, town, label, False)
        if is_number(text):  # a new community is named, not numbered: its code belongs in 村(社区)编码
            self.refuse(row.cell(words.COMMUNITY), t("sheet.name_is_number", value=text, code=words.COMMUNITY_ID))
            return None
        derived = self.new_ids.get((town, name))
        if derived is None:
            derived = community_id(town, text, self.endings, self.taken)
            if derived is None:
                self.refuse(row.cell(words.COMMUNITY), t("sheet.no_pinyin", value=text))
                return None
            self.new_ids[(town, name)] = derived
        return self.place(row, words.COMMUNITY, derived, town, text, derived=True)

    def place(self, row: Row, header: str, cid: str, town: str, name: str, derived: bool) -> LedgerCommunity | None:
        """The community ``cid`` of this row (its id read from column ``header``), the same for every row."""
        seen = self.communities.get(cid)
        if seen is None:
            seen = self.communities[cid] = LedgerCommunity(cid, name, town, derived, row.number)
            self.taken.add(cid)
        elif seen.town != town:
            self.refuse(row.cell(header), t("sheet.duplicate_id", value=cid, other=t("sheet.community_on_row", name=seen.name, row=seen.first_row)))
            return None
        elif normal(seen.name) != normal(name):
            self.refuse(row.cell(header), t("sheet.community_two_names", value=cid, first=seen.name, other=name))
            return None
        return seen

    def people(self, row: Row, header: str) -> list[str]:
        """The names a staffing cell lists (``pack.people``'s rule: separated by 、 , ; / or a line
        break; a space inside a name is alignment or part of it, or refused as ambiguous)."""
        text = row.get(header)
        if text is None:
            return []
        try:
            found = names_in(text)
        except AmbiguousName as exc:
            self.refuse(row.cell(header), t("sheet.ambiguous_name", value=exc.args[0]))
            return []
        numbers = [name for name in found if is_number(name)]  # a phone number, a count typed one column over
        if numbers:
            self.refuse(row.cell(header), t("sheet.person_is_number", value=text if is_number(text) else numbers[0]))
            return []
        return found

    def count(self, row: Row, header: str) -> int | None:
        raw = row.get(header)
        if raw is None:
            return None
        count, refused = read_cell(raw, whole=True)  # 1,320 and １３２０ too
        if count is None:
            self.refuse(row.cell(header), refused or "")
            return None
        return int(count)


# a long number as Excel shows it in a narrow or General cell (5.00111E+11), and saves it so in a csv: its last digits lost
SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?E\+[0-9]+", re.I)


def _bad_code(text: str, key: str) -> str:
    """Why a code cell is refused: a code Excel turned into 5.00111E+11 is said so (the code is lost, not misspelt)."""
    return t("sheet.code_scientific", value=text) if SCIENTIFIC.fullmatch(normal(text)) else t(key, value=text)


def read_ledger(pack: Pack, table: Table) -> Ledger:
    """The communities and grids the table holds, and every problem with its place."""
    return _Reader(pack, table).read()
