"""What a scoped token may have decided: a department its own tasks; a town its own tasks and the
events in its town.

Read before anything is decided (a refused input is neither decided nor logged), on the
input as sent: names are read as the pack reads them (``"town": "棠香街道"`` is tangxiang),
so a caller may name its own unit either way.  Each check answers None when the input is
the caller's (or when it is too malformed to tell: validation then answers 422), else the
problem to refuse it with (403).
"""

from __future__ import annotations

from typing import Any

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


def own_event(principal: Principal, raw: Any, pack: Pack) -> Problem | None:
    """A town routes only the events in its own town (its grid's town, or the town it names)."""
    if principal.role != "town" or not isinstance(raw, dict):
        return None
    ids, _ = read_names(pack, raw, EVENT_FIELDS)
    grid, named = ids.get("grid"), ids.get("town")
    if not isinstance(grid, str) or not isinstance(named, (str, type(None))):
        return None  # too malformed to tell (no grid, a town that is no text): validation answers 422
    town = town_from(pack, grid, named, ids.get("community"))  # as the decision reads it
    if town == principal.scope:
        return None
    own = describe(pack, "town", principal.scope or "")
    why = (t("http.event_elsewhere", town=describe(pack, "town", town)) if town
           else t("http.event_no_town", grid=grid))
    field = "grid" if isinstance(ids.get("grid"), str) and ids["grid"] in pack.grids else "town"
    return Problem(t("http.own_event", who=role_words(principal, pack), town=own, why=why), field=field)
