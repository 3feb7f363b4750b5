"""The unit tree, read from organization/units.yaml and the registry: its kinds, its units,
and the walks every decision makes (a unit's ancestors, the towns within a unit).

Kinds are listed lowest first: the registry's grids, its communities, then the tree's own
kinds (镇街, 县, 市 …), as many as the pack declares, named as it names them.  ``towns`` are
the units of the tree's lowest kind: the units communities belong to (the contract's
``town``).  The old two-level form (``district`` and ``towns``) is read as the tree
grid < community < town < district.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterator, Mapping

from gridrules.catalogue import MESSAGES, english
from gridrules.pack.model.organization import LevelsFile, Unit, UnitKind, UnitsFile

LEVELS = ("grid", "community", "town")  # the tool's own levels of units: the tree's three lowest kinds


@dataclass(frozen=True)
class TreeUnit:
    """A unit of the tree above the communities."""

    id: str
    name: str
    kind: str
    parent: str | None
    handler_name: str  # its name as a handling unit
    path: tuple  # where it is written in units.yaml (for messages)


def _kinds_of(units: UnitsFile, levels: LevelsFile) -> list[UnitKind]:
    if units.unit_kinds is not None:
        return list(units.unit_kinds)
    # the old form: its four kinds, named as the levels that handle them name them
    named = {lv.unit: lv.name for lv in levels.levels}
    return [UnitKind(id="grid", name=named.get("grid", "grid"), spans="grids"),
            UnitKind(id="community", name=named.get("community", "community"), spans="communities"),
            UnitKind(id="town", name=named.get("town", "town"), spans="towns",
                     handler_name=units.town_handler_name),
            UnitKind(id="district", name=named.get("district", "district"))]


def _roots_of(units: UnitsFile) -> tuple[list[Unit], tuple]:
    if units.units is not None:
        return list(units.units), ("units",)
    district, towns = units.district, units.towns or []
    assert district is not None  # the model requires one form or the other
    return [Unit(id=district.id, name=district.name, kind="district", handler_name=district.handler_name,
                 units=[Unit(id=t.id, name=t.name, kind="town") for t in towns])], ()


class UnitTree:
    """Kinds and units, indexed; built once per pack."""

    def __init__(self, units: UnitsFile, levels: LevelsFile):
        self.kinds: tuple[UnitKind, ...] = tuple(_kinds_of(units, levels))
        self.kind_rank: Mapping[str, int] = MappingProxyType({k.id: i for i, k in enumerate(self.kinds)})
        self.kind_names: Mapping[str, str] = MappingProxyType({k.id: k.name for k in self.kinds})  # as the pack calls them
        kinds = {k.id: k for k in self.kinds}
        self.grid_kind, self.community_kind = self.kinds[0].id, self.kinds[1].id
        self.town_kind = self.kinds[2].id
        found: dict[str, TreeUnit] = {}
        self.children: dict[str, list[str]] = {}
        roots, base = _roots_of(units)
        self.old_form = units.units is None
        tree_kinds = [k.id for k in self.kinds[2:]]

        def walk(unit: Unit, parent: TreeUnit | None, path: tuple) -> None:
            kind = unit.kind
            if kind is None:  # one kind below its parent's (the top unit: the highest kind)
                at = tree_kinds.index(parent.kind) - 1 if parent and parent.kind in tree_kinds else len(tree_kinds) - 1
                kind = tree_kinds[max(at, 0)]
            declared = kinds.get(kind)
            template = declared.handler_name if declared is not None else None
            name = unit.handler_name or (template.replace("{name}", unit.name) if template else unit.name)
            node = TreeUnit(unit.id, unit.name, kind, parent.id if parent else None, name, path)
            found.setdefault(unit.id, node)
            self.children.setdefault(unit.id, [])
            if parent is not None:
                self.children[parent.id].append(unit.id)
            for i, child in enumerate(unit.units):
                walk(child, node, path + ("units", i) if path else ())

        for i, root in enumerate(roots):
            walk(root, None, base + (i,) if base else ())
        self.units: Mapping[str, TreeUnit] = MappingProxyType(found)
        self.roots = tuple(r.id for r in roots)
        self.towns: Mapping[str, TreeUnit] = MappingProxyType(
            {uid: u for uid, u in found.items() if u.kind == self.town_kind})
        self._towns_within: dict[str, frozenset[str]] = {}

    def word(self, level: str, chinese: bool = False) -> str:
        """What a unit of ``level`` is called -- ``grid``, ``community``, ``town`` (``LEVELS``) or a
        kind's id: in Chinese the pack's own word for that kind (乡镇(街道) in a county that says so,
        镇街 in the bundled pack); in English (``--lang en``) the tool's (``kind.town``: town), unless
        ``chinese`` (the pages, which speak Chinese whatever the process does)."""
        kind = self.word_kind(level) if level in LEVELS else level
        if english() and not chinese:
            named = next((lv for lv in LEVELS if self.word_kind(lv) == kind), kind)
            return MESSAGES[f"kind.{named}"][1] if f"kind.{named}" in MESSAGES else kind
        return self.kind_names.get(kind, kind)

    def word_kind(self, level: str) -> str:
        """The kind's id of one of the tool's ``LEVELS``."""
        return dict(zip(LEVELS, (self.grid_kind, self.community_kind, self.town_kind)))[level]

    def top_word(self, chinese: bool = False) -> str:
        """What the pack calls its top unit's kind (区 in the bundled pack, 县 in a county's): a sentence's
        ``{district}`` (本{district}登记的部门)."""
        return self.word(self.root.kind, chinese)

    def words(self, chinese: bool = False) -> dict[str, str]:
        """The words for the tool's ``LEVELS`` (``word``), by level: a sentence's ``{town}``,
        ``{community}``, ``{grid}``."""
        return {level: self.word(level, chinese) for level in LEVELS}

    @property
    def root(self) -> TreeUnit:
        return self.units[self.roots[0]]

    def ancestors(self, unit_id: str) -> Iterator[TreeUnit]:
        """The unit and every unit above it, up to the top."""
        unit = self.units.get(unit_id)
        while unit is not None:
            yield unit
            unit = self.units.get(unit.parent) if unit.parent else None

    def name_of(self, unit_id: str) -> str:
        """The unit's name, or the id as given when the tree has no such unit."""
        found = self.units.get(unit_id)
        return found.name if found is not None else unit_id

    def within(self, unit_id: str, inside: str) -> bool:
        """Whether ``unit_id`` is ``inside`` or under it."""
        return any(u.id == inside for u in self.ancestors(unit_id))

    def towns_within(self, unit_id: str) -> frozenset[str]:
        """The towns at or under ``unit_id``."""
        found = self._towns_within.get(unit_id)
        if found is None:
            found = frozenset(t for t in self.towns if self.within(t, unit_id))
            self._towns_within[unit_id] = found
        return found

    def of_kind(self, kind: str) -> list[TreeUnit]:
        return [u for u in self.units.values() if u.kind == kind]

    def spans(self) -> tuple[str, ...]:
        """The values an event's ``spans`` may take: none, then each kind's word, lowest first."""
        return ("none", *(k.spans for k in self.kinds if k.spans))
