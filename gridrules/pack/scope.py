"""Where list items and temporary approvals apply: each has a body (bodies.yaml) at a unit,
and applies within that unit (and, for an item, within its ``towns``).

The defaults are read here once: an item without ``body`` belongs to the first body that
keeps a list; without ``unit``, to its body's unit (or the only unit of its body's level);
an approval without ``body`` was given by the body at its unit that gives them.
"""

from __future__ import annotations

from typing import Mapping

from gridrules.catalogue.humane import session_words
from gridrules.pack.model.bodies import Body
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.model.organization import Level
from gridrules.pack.tree import UnitTree


class Scopes:
    def __init__(self, bodies: Mapping[str, Body], levels: Mapping[str, Level], tree: UnitTree,
                 home: Mapping[str, str]):
        self.bodies = bodies
        self.levels = levels
        self.tree = tree
        self.home = home  # department -> its home unit
        self.list_keeper = next((b for b in bodies.values() if b.lists), None)
        self._units_of: dict[str, list[str]] = {}
        self._item_towns: dict[int, tuple[AdmissionItem, frozenset[str] | None]] = {}
        self._giving: dict[str, Body] | None = None

    # --- bodies -----------------------------------------------------------------
    def kind_of(self, body: Body) -> str | None:
        level = self.levels.get(body.level)
        return level.unit if level is not None else None

    def units_of(self, body: Body) -> list[str]:
        """The units the body serves: its own, or every unit of its level's kind."""
        found = self._units_of.get(body.id)
        if found is None:
            kind = self.kind_of(body)
            found = [body.unit] if body.unit is not None else ([u.id for u in self.tree.of_kind(kind)] if kind else [])
            self._units_of[body.id] = found
        return found

    def item_body(self, item: AdmissionItem) -> Body | None:
        return self.bodies.get(item.body) if item.body else self.list_keeper

    def item_unit(self, item: AdmissionItem) -> str | None:
        if item.unit is not None:
            return item.unit
        body = self.item_body(item)
        if body is None:
            return None
        units = self.units_of(body)
        return units[0] if len(units) == 1 else None

    def item_list(self, item: AdmissionItem) -> str | None:
        if item.on_list is not None:
            return item.on_list
        body = self.item_body(item)
        return body.lists[0].id if body is not None and body.lists else None

    def item_towns(self, item: AdmissionItem) -> frozenset[str] | None:
        """The towns the item applies in; None: everywhere (a top body's item for all towns)."""
        found = self._item_towns.get(id(item))
        if found is None or found[0] is not item:  # an id is only unique while its object lives
            found = self._item_towns[id(item)] = (item, self._towns_of(item))
        return found[1]

    def _towns_of(self, item: AdmissionItem) -> frozenset[str] | None:
        unit = self.item_unit(item)
        within = None if unit is None or unit in self.tree.roots else self.tree.towns_within(unit)
        if item.towns == "all":
            return within
        return frozenset(item.towns) if within is None else within & frozenset(item.towns)

    def body_scoped(self, item: AdmissionItem) -> bool:
        """Whether the item is bounded by a body below the top (a task naming no town is then
        judged at its department's home unit)."""
        unit = self.item_unit(item)
        return unit is not None and unit not in self.tree.roots

    def body_for(self, department: str) -> tuple[Body | None, str | None]:
        """The body a department applies to, and its unit: the list-keeping body at the
        department's home unit (its grid-work body at the same level), else the nearest one
        above it, else the first body that keeps a list."""
        home = self.home.get(department)
        for unit in self.tree.ancestors(home or ""):
            for body in self.bodies.values():
                if body.lists and (body.unit == unit.id or (body.unit is None and self.kind_of(body) == unit.kind)):
                    return body, unit.id
        keeper = self.list_keeper
        return keeper, (self.units_of(keeper)[0] if keeper is not None and len(self.units_of(keeper)) == 1 else None)

    def item_written(self, body: Body | None, unit: str | None) -> dict[str, str]:
        """What a new item writes of its body and unit: nothing for the first list-keeping
        body's own unit (the defaults)."""
        out: dict[str, str] = {}
        if body is not None and body is not self.list_keeper:
            out["body"] = body.id
        if unit is not None and body is not None and body.unit is None:
            out["unit"] = unit
        return out

    # --- temporary approvals ----------------------------------------------------
    def approval_body(self, approval: TemporaryApproval) -> Body | None:
        if approval.body is not None:
            return self.bodies.get(approval.body)
        return self.giving().get(approval.unit)

    def giving(self) -> dict[str, Body]:
        """Each unit whose body may give temporary inclusions, with that body."""
        if self._giving is None:
            self._giving = {unit: body for body in self.bodies.values() if body.temporary is not None
                            for unit in self.units_of(body)}
        return self._giving

    def approval_name(self, unit: str) -> str:
        """What the unit's body calls one of its temporary approvals, after the unit's name
        (棠香街道专题研究批复)."""
        body = self.giving().get(unit)
        name = body.temporary.name if body is not None and body.temporary is not None else ""
        return self.tree.name_of(unit) + name

    def approval_users(self, approval: TemporaryApproval) -> tuple[frozenset[str], frozenset[str]]:
        """(towns, departments) that may rely on the approval: those within its unit, of the
        kinds its body lets use one."""
        body = self.approval_body(approval)
        used_by = body.temporary.used_by if body is not None and body.temporary else ["town"]
        towns = self.tree.towns_within(approval.unit) if "town" in used_by else frozenset()
        departments = frozenset(d for d, unit in self.home.items()
                                if "department" in used_by and self.tree.within(unit, approval.unit))
        return towns, departments

    def item_decision(self, item: AdmissionItem, session: str, on: object) -> str:
        """A decision on ``item`` (its approval, an amendment), in its body's words."""
        body = self.item_body(item)
        return self.decision_words(body, self.item_unit(item), session, None, on) if body is not None else session

    def decision_words(self, body: Body, unit: str | None, session: str | None, reference: str | None,
                       on: object) -> str:
        """One of the body's decisions, in its own words (bodies.yaml ``decision``)."""
        # a unit the tree no longer holds (a history entry's town, merged since): by its recorded id
        unit_name = self.tree.name_of(unit) if unit is not None else ""
        values = {"body": body.name, "unit": unit_name, "session": session or "", "meeting": session_words(session or ""),
                  "reference": reference or "", "date": str(on)}
        out = body.decision
        for key, value in values.items():
            out = out.replace("{" + key + "}", value)
        return out
