"""Who handles an event at its level: the unit of the kind the pack's level names (``unit``
in organization/levels.yaml), found by walking the unit tree up from the reporting grid."""

from __future__ import annotations

from typing import Any

from gridrules.contract.documents import EventInput, Handler, build
from gridrules.pack.pack import Pack


def town_of(pack: Pack, event: EventInput) -> str | None:
    """The event's town: its registered grid's, else the one it names, else its community's."""
    return town_from(pack, event.grid, event.town, event.community)


def town_from(pack: Pack, grid: Any, town: Any, community: Any) -> str | None:
    """``town_of`` from an event's grid, town and community as given (ids; a value that is no
    text names nothing: an input not yet validated is read the same way)."""
    registered = pack.grids.get(grid) if isinstance(grid, str) else None
    if registered is not None:
        return registered[1].town
    if isinstance(town, str) and town:
        return town
    found = pack.communities.get(community) if isinstance(community, str) else None
    return found.town if found else None


class Handlers:
    """The handler at each level: the unit of the level's kind, found by walking up the unit
    tree from the reporting grid (its community, its town, and the units above the town) --
    for any number of levels with any names.  A level whose kind has one unit only (the top)
    is found even when the event's town is not known."""

    def __init__(self, pack: Pack):
        self.pack = pack
        tree = pack.tree
        self.grid_kind, self.community_kind = tree.grid_kind, tree.community_kind
        only = {}
        for kind in tree.kinds[2:]:
            units = tree.of_kind(kind.id)
            if len(units) == 1:
                only[kind.id] = (units[0].id, units[0].handler_name)
        self.only = only
        # per registered grid, its handler at each level, made on first use: a registered
        # grid fixes its community and town, so its handlers depend on nothing else
        self._registered: dict[str, list[Handler | None]] = {}

    def of(self, level: int, event: EventInput) -> Handler:
        handlers = self._registered.get(event.grid)
        if handlers is None:
            if event.grid not in self.pack.grids:
                return self._handler(level, event)
            handlers = self._registered[event.grid] = [None] * len(self.pack.levels)
        found = handlers[level]
        if found is None:
            found = handlers[level] = self._handler(level, event)
        return found

    def _handler(self, level: int, event: EventInput) -> Handler:
        declared = self.pack.levels[level]
        unit = self._find(declared.unit, event)
        if unit is None:
            return build(Handler, level=declared.id, unit=None, name=None)
        return build(Handler, level=declared.id, unit=unit[0], name=unit[1])

    def _find(self, kind: str, event: EventInput) -> tuple[str, str] | None:
        pack = self.pack
        if kind == self.grid_kind:
            registered = pack.grids.get(event.grid)
            return (registered[0].id, registered[0].name) if registered else None
        if kind == self.community_kind:
            registered = pack.grids.get(event.grid)
            community = registered[1] if registered else pack.communities.get(event.community or "")
            return (community.id, community.name) if community else None
        for unit in pack.tree.ancestors(town_of(pack, event) or ""):
            if unit.kind == kind:
                return unit.id, unit.handler_name
        return self.only.get(kind)
