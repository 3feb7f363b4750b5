"""What the pages' forms write -- Chinese names -- and the ids the library reads.

A clerk picks 区民政局, 入户走访, 棠香街道, never ``minzheng``, ``visit``,
``tangxiang``: every choice a form offers is a name from the pack, and every
name a form sends back is turned into its id here, with the field named and a
"did you mean" when it is not one of the pack's.  One small table per kind of
thing, built from the pack once per snapshot; an id is accepted too (a
bookmarked or scripted form).  Kept in one module so that the texts issue's
name resolver can take it over.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from gridrules.errors import InputError, Problem
from gridrules.pack.layout import DUTIES, EVENT_TYPES
from gridrules.pack.names import KINDS as NAMED_KINDS, resolve
from gridrules.pack.pack import Pack

KINDS = {"department": "部门", "town": "镇街", "activity": "活动", "role": "网格角色", "item": "清单事项",
         "approval": "临时事项批复", "type": "事件类型", "grade": "事件等级", "level": "处置层级", "grid": "网格",
         "duty": "网格员职责", "issuer": "发起单位"}


@dataclass(frozen=True)
class Choice:
    """One thing a form offers: its id, the name shown, what it means (or None), its group (or None)."""

    id: str
    name: str
    meaning: str | None = None
    group: str | None = None


@dataclass
class Table:
    kind: str
    choices: list[Choice] = field(default_factory=list)
    pack: Pack | None = None  # for names the library reads too (short forms: 民政局, 棠香)

    def add(self, id_: str, name: str, meaning: str | None = None, group: str | None = None) -> None:
        self.choices.append(Choice(id_, name, meaning, group))

    def name(self, id_: str | None) -> str:
        """The name of ``id_`` (the id itself when the pack does not know it)."""
        return next((c.name for c in self.choices if c.id == id_), id_ or "")

    def resolve(self, text: str, field_name: str) -> str:
        """The id a form's value names: a name (or an id) of this table."""
        wanted = text.strip()
        for choice in self.choices:
            if wanted in (choice.name, choice.id):
                return choice.id
        if self.pack is not None and self.kind in NAMED_KINDS:  # the library's reading: a unique short form
            found = resolve(self.pack, self.kind, wanted)
            if found.id is not None:
                return found.id
        names = [c.name for c in self.choices]
        close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.4)
        hint = f"（是不是「{close[0]}」？）" if close else ""
        raise InputError(Problem(f"「{wanted}」不是规则包中的{KINDS[self.kind]}{hint}", field=field_name))

    def resolve_all(self, texts: list[str], field_name: str) -> list[str]:
        return [self.resolve(t, field_name) for t in texts if t.strip()]


class Names:
    """Every table the forms read, for one pack."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.tables: dict[str, Table] = {kind: Table(kind, pack=pack) for kind in KINDS}
        t = self.tables
        for d in pack.departments.values():
            t["department"].add(d.id, d.name)
        for town in pack.towns.values():
            t["town"].add(town.id, town.name)
        t["issuer"].choices = t["department"].choices + t["town"].choices
        for a in pack.activities.values():
            t["activity"].add(a.id, a.name, a.description)
        for entry in pack.negative:  # offered too: the answer says why it cannot be given
            if entry.activity and entry.activity not in pack.activities:
                t["activity"].add(entry.activity, entry.activity_name or entry.name or entry.activity, entry.forbidden,
                                  "负面清单")
        for r in pack.roles.values():
            t["role"].add(r.id, r.name)
        for i in pack.items:
            t["item"].add(i.id, i.name, i.content)
        for approval in pack.approvals:
            t["approval"].add(approval.ref, f"{approval.ref} {approval.work}", None, approval.unit)
        categories = {c.prefix: c.name for c in pack.files[EVENT_TYPES].categories}
        for e in pack.event_types.values():
            t["type"].add(e.code, e.name, None, categories.get(e.code.rstrip("0123456789")))
        for g in pack.grades:
            t["grade"].add(g.id, g.name)
        for lv in pack.levels:
            t["level"].add(lv.id, lv.name, lv.actors)
        for grid, community in pack.grids.values():
            town_name = pack.towns[community.town].name if community.town in pack.towns else community.town
            t["grid"].add(grid.id, f"{grid.name}（{town_name}{community.name}）")
        groups = {g.id: g.name for g in pack.files[DUTIES].groups}
        for duty in pack.duties.values():
            t["duty"].add(duty.id, duty.text, None, groups.get(duty.group))

    def __getitem__(self, kind: str) -> Table:
        return self.tables[kind]

    def name(self, kind: str, id_: str | None) -> str:
        return self.tables[kind].name(id_)

    def names(self, kind: str, ids: list[str] | tuple[str, ...]) -> str:
        return "、".join(self.name(kind, i) for i in ids)


@lru_cache(maxsize=4)
def names_of(pack: Pack) -> Names:
    """The tables of ``pack`` (a snapshot's pack is frozen: built once per loaded pack)."""
    return Names(pack)
