"""What a scoped token may have decided: a department its own tasks; a town its own tasks and the
events in its town.

Read before anything is decided (a refused input is neither decided nor logged), on the
input as sent: names are read as the pack reads them (``"town": "棠香街道"`` is tangxiang),
so a caller may name its own unit either way.  Each check answers None when the input is
the caller's (or when it is too malformed to tell: validation then answers 422), else the
problem to refuse it with (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from gridrules.catalogue import t
from gridrules.decide.handlers import town_from
from gridrules.errors import Problem
from gridrules.pack.names import EVENT_FIELDS, describe, read_names, task_fields
from gridrules.pack.pack import Pack

from .auth import role_words
from .tokens import Principal


def own_task(principal: Principal, raw: Any, pack: Pack) -> Problem | None:
    """A department decides only the tasks it issues (its own id, or its name, in ``department``);
    a town only the tasks it issues itself (issued_by town, its own id)."""
    if principal.role not in ("department", "town") or not isinstance(raw, dict):
        return None
    ids, _ = read_names(pack, raw, task_fields(raw))
    if principal.role == "town":
        town = ids.get("town")
        if ids.get("issued_by") == "town" and (town == principal.scope or not isinstance(town, str)
                                               or town not in pack.towns):
            return None  # its own; or no town the pack knows: validation names the field (422)
        return Problem(t("http.own_task", who=role_words(principal, pack), town=principal.scope), field="town")
    issuer = ids.get("department")
    if ids.get("issued_by", "department") == "department" and issuer == principal.scope:
        return None
    if not isinstance(issuer, str) or not issuer:
        return None  # no issuer at all: validation names the missing field (422)
    return Problem(t("http.own_department_task", who=role_words(principal, pack),
                     department=describe(pack, "department", principal.scope or ""),
                     issuer=describe(pack, "issuer", issuer)), field="department")


@dataclass(frozen=True)
class Elsewhere:
    """An event a town's token may not route: the town it is in (None: an unregistered grid and no
    town named) and the field that tells."""

    town: str | None
    grid: str
    field: str

    def why(self, town_words: Callable[[str], str]) -> str:
        """Where the event is, the town as ``town_words`` says it (the API: 龙岗街道（longgang）; a page: its name)."""
        return t("http.event_elsewhere", town=town_words(self.town)) if self.town else t("http.event_no_town", grid=self.grid)


def event_elsewhere(principal: Principal, raw: Any, pack: Pack) -> Elsewhere | None:
    """Where an event a town may not route is (its grid's town, or the town it names); None when it is
    the caller's to route (or too malformed to tell: validation then answers 422)."""
    if principal.role != "town" or not isinstance(raw, dict):
        return None
    ids, _ = read_names(pack, raw, EVENT_FIELDS)
    grid, named = ids.get("grid"), ids.get("town")
    if not isinstance(grid, str) or not isinstance(named, (str, type(None))):
        return None  # too malformed to tell (no grid, a town that is no text): validation answers 422
    town = town_from(pack, grid, named, ids.get("community"))  # as the decision reads it
    if town == principal.scope:
        return None
    return Elsewhere(town, grid, "grid" if grid in pack.grids else "town")


def own_event(principal: Principal, raw: Any, pack: Pack) -> Problem | None:
    """A town routes only the events in its own town (its grid's town, or the town it names)."""
    found = event_elsewhere(principal, raw, pack)
    if found is None:
        return None
    why = found.why(lambda town: describe(pack, "town", town))
    own = describe(pack, "town", principal.scope or "")
    return Problem(t("http.own_event", who=role_words(principal, pack), town=own, why=why), field=found.field)
