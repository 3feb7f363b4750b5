"""A name (or a near-miss of one) written in a pack where a code belongs: said as what it is.

A pack holds codes (other tools read it), so ``owners: [应急局]`` stays refused; but the message
says which field's kind the code is of, with that kind's own codes as the example, and the code
meant (read as a task's names are, ``names.meant_among``): ``"入户走访" 格式不对：应写活动的编号（如
collect_info、visit）（是否指 入户走访（visit）？）``.  Several written as one with a full-width
comma (``[区民政局，区司法局]``) are said to be several.  The pack's tables are read from its raw
files (their own problems are theirs), only when such a value is found.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from gridrules.catalogue import t
from gridrules.catalogue.humane import written_apart
from gridrules.pack import layout
from gridrules.pack.names import Entry, meant_among
from gridrules.pack.yamlsrc import parse_yaml

# the pack's fields that hold one code of a kind (a ``names`` kind): (file, path, kind); "*" is
# every item of a list
PACK_FIELDS: tuple[tuple[str, tuple, str], ...] = (
    (layout.ITEMS, ("items", "*", "owners", "*"), "department"),
    (layout.ITEMS, ("items", "*", "training", "owner"), "department"),
    (layout.ITEMS, ("items", "*", "activities", "*"), "activity"),
    (layout.ITEMS, ("items", "*", "towns", "*"), "town"),
    (layout.ITEMS, ("items", "*", "duty"), "duty"),
    (layout.ITEMS, ("items", "*", "risk"), "risk"),
    (layout.TEMPORARY, ("approvals", "*", "unit"), "unit"),
    (layout.TEMPORARY, ("approvals", "*", "body"), "body"),
    (layout.TEMPORARY, ("approvals", "*", "activities", "*"), "activity"),
    (layout.EVENT_TYPES, ("types", "*", "level"), "level"),
    (layout.EVENT_TYPES, ("types", "*", "grade"), "grade"),
    (layout.EVENT_TYPES, ("types", "*", "owners", "*"), "department"),
    (layout.REGISTRY, ("communities", "*", "town"), "town"),
    (layout.REGISTRY, ("communities", "*", "grids", "*", "kind"), "grid_kind"),
    (layout.ROLES, ("roles", "*", "activities", "*"), "activity"),
    (layout.LEVELS, ("levels", "*", "powers", "*"), "power"),
    (layout.LEVELS, ("levels", "*", "unit"), "unit_kind"),
    (layout.DEPARTMENTS, ("departments", "*", "unit"), "unit"),
    (layout.BODIES, ("bodies", "*", "level"), "level"),
    (layout.BODIES, ("bodies", "*", "unit"), "unit"),
)
EXAMPLES = 2  # how many of the kind's codes the message shows


def field_kind(rel: str, path: tuple) -> str | None:
    """The kind of code the field at ``path`` of the pack file ``rel`` holds, or None."""
    for file, pattern, kind in PACK_FIELDS:
        if file == rel and len(pattern) == len(path) and all(p == "*" or p == step for p, step in zip(pattern, path)):
            return kind
    return None


@dataclass(frozen=True)
class Meant:
    """What to say of a value written where a code of ``kind`` belongs."""

    form: str  # the form it should have, in the field's own terms (应写活动的编号（如 visit、patrol）)
    hint: str | None = None  # the code meant
    shown: str | None = None  # the code meant, as a person reads it
    joined: str | None = None  # several written as one: the message saying so


def _listed(data: Any, key: str) -> list[dict]:
    found = data.get(key) if isinstance(data, dict) else None
    return [d for d in found if isinstance(d, dict)] if isinstance(found, list) else []


def _named(rows: list[dict], name: str = "name") -> list[Entry]:
    return [Entry(d["id"], d[name]) for d in rows if isinstance(d.get("id"), str) and isinstance(d.get(name), str)]


def _units(data: Any) -> Iterator[dict]:
    """Every unit of units.yaml below its top one (the towns, and any level between)."""
    if isinstance(data, dict) and isinstance(data.get("towns"), list):
        yield from _listed(data, "towns")
        return
    for top in _listed(data, "units"):
        stack = list(_listed(top, "units"))
        while stack:
            unit = stack.pop(0)
            yield unit
            stack.extend(_listed(unit, "units"))


def _every_unit(data: Any) -> Iterator[dict]:
    """Every unit of units.yaml, its top one (the district) first."""
    top = data.get("district") if isinstance(data, dict) else None
    yield from [top] if isinstance(top, dict) else _listed(data, "units")
    yield from _units(data)


def _negative(data: Any) -> list[Entry]:
    """The negative list's own activities (a level's powers name them: enforce)."""
    return [Entry(d["activity"], d["activity_name"]) for d in _listed(data, "entries")
            if isinstance(d.get("activity"), str) and isinstance(d.get("activity_name"), str)]


Table = tuple[tuple[str, Callable[[Any], list[Entry]]], ...]

# where each kind's codes and names are: (file, how its rows are read) for each file holding some
_TABLES: dict[str, Table] = {
    "department": ((layout.DEPARTMENTS, lambda d: _named(_listed(d, "departments"))),),
    "activity": ((layout.ACTIVITIES, lambda d: _named(_listed(d, "activities"))),),
    "power": ((layout.NEGATIVE_LIST, _negative),),
    "level": ((layout.LEVELS, lambda d: _named(_listed(d, "levels"))),),
    "grade": ((layout.GRADING_RULES, lambda d: _named(_listed(d, "grades"))),),
    "duty": ((layout.DUTIES, lambda d: _named(_listed(d, "duties"), "text")),),
    "town": ((layout.UNITS, lambda d: _named(list(_units(d)))),),
    "unit": ((layout.UNITS, lambda d: _named(list(_every_unit(d)))),),
    "unit_kind": ((layout.UNITS, lambda d: _named(_listed(d, "unit_kinds"))),),
    "grid_kind": ((layout.LEVELS, lambda d: _named(_listed(d, "grid_kinds"))),),
    "risk": ((layout.RISK, lambda d: _named(_listed(d, "levels"))),),
    "body": ((layout.BODIES, lambda d: _named(_listed(d, "bodies"))),),
}


class PackNames:
    """The codes and names of a pack's files, read when first asked (``files``: path -> bytes)."""

    def __init__(self, files: Mapping[str, bytes]):
        self.files = files
        self._read: dict[str, list[Entry]] = {}

    def _data(self, rel: str) -> Any:
        try:
            doc, _ = parse_yaml(self.files[rel].decode("utf-8"), rel)
        except (KeyError, UnicodeDecodeError):
            return None
        return doc.data if doc is not None else None

    def entries(self, kind: str) -> list[Entry]:
        if kind not in self._read:
            first: dict[str, Entry] = {}  # (an id in two files: its first row)
            for rel, rows in _TABLES[kind]:
                for entry in rows(self._data(rel)):
                    first.setdefault(entry.id, entry)
            self._read[kind] = list(first.values())
        return self._read[kind]

    def levels(self) -> list[str]:
        return [e.name for e in self.entries("level")]

    def meant(self, rel: str, path: tuple, value: Any) -> Meant | None:
        """What to say of ``value`` refused in the field at ``path`` of ``rel``, or None when the
        field holds no code of a kind."""
        kind = field_kind(rel, path)
        if kind is None or not isinstance(value, str):
            return None
        found = self.entries(kind)
        what = t(f"kind.{kind}")
        examples = t("words.list_sep").join(e.id for e in found[:EXAMPLES])
        form = t("pack.code_of_kind", what=what, examples=examples) if examples else t("pack.code_of_kind_bare", what=what)
        parts = written_apart(unicodedata.normalize("NFKC", value))
        if len(parts) > 1:
            read = [meant_among(part, kind, found, self.levels()) for part in parts]
            codes = [e.id if e is not None else part for (e, _), part in zip(read, parts)]
            return Meant(form, joined=t("pack.joined", value=value, what=what, parts=", ".join(codes)))
        entry, _ = meant_among(value, kind, found, self.levels())
        if entry is None:
            return Meant(form)
        return Meant(form, entry.id, entry.shown)
