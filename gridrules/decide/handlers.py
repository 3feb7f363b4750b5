"""Who handles an event at its level: the unit the pack's level names (``unit`` in
organization/levels.yaml), found in the registry from the reporting grid."""

from __future__ import annotations

from typing import Callable

from gridrules.contract.documents import EventInput, Handler, build
from gridrules.decide.texts import fill
from gridrules.pack.pack import Pack
from gridrules.pack import layout


def town_of(pack: Pack, event: EventInput) -> str | None:
    """The event's town: its registered grid's, else the one it names, else its community's."""
    registered = pack.grids.get(event.grid)
    if registered is not None:
        return registered[1].town
    if event.town:
        return event.town
    community = pack.communities.get(event.community or "")
    return community.town if community else None


class Handlers:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.town_name = pack.files[layout.UNITS].town_handler_name
        self._find: dict[str, Callable[[EventInput], tuple[str, str] | None]] = {
            "grid": self._grid, "community": self._community, "town": self._town, "district": self._district}
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
        unit = self._find[declared.unit](event)
        if unit is None:
            return build(Handler, level=declared.id, unit=None, name=None)
        return build(Handler, level=declared.id, unit=unit[0], name=unit[1])

    def _grid(self, event: EventInput) -> tuple[str, str] | None:
        registered = self.pack.grids.get(event.grid)
        return (registered[0].id, registered[0].name) if registered else None

    def _community(self, event: EventInput) -> tuple[str, str] | None:
        registered = self.pack.grids.get(event.grid)
        community = registered[1] if registered else self.pack.communities.get(event.community or "")
        return (community.id, community.name) if community else None

    def _town(self, event: EventInput) -> tuple[str, str] | None:
        town = self.pack.towns.get(town_of(self.pack, event) or "")
        return (town.id, fill(self.town_name, {"name": town.name})) if town else None

    def _district(self, event: EventInput) -> tuple[str, str] | None:
        district = self.pack.district
        return district.id, district.handler_name
