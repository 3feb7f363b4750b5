"""Importing the registry table: the new registry, its diff, and writing it with a history entry.

The table is the ledger for the towns it covers: their communities and grids
become exactly what it lists (with ``replace``: the whole registry does).  An
optional column the table lacks keeps the pack's values for the grids it lists.
``plan_import`` computes the change and refuses it whole when any row is bad;
``apply_import`` writes it through ``change.store`` -- validated, atomic, with a
history entry -- and writes nothing when nothing changed.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

from gridrules.catalogue import t
from gridrules.change import history as changelog
from gridrules.change.store import LOCK_TIMEOUT, Draft, change_pack, writable_root
from gridrules.pack import layout
from gridrules.pack.model.organization import Community, Grid
from gridrules.pack.pack import Pack
from gridrules.tables import words
from gridrules.tables.ledger import Ledger, LedgerCommunity, header_aliases, headers, read_ledger, staff_columns
from gridrules.tables.sheet import SheetError, Table, normal, read_table

GRID_FIELDS = ("name", "kind", "households", "parent", "staff")
OPTIONAL_FIELD = {words.GRID_KIND: "kind", words.HOUSEHOLDS: "households", words.PARENT: "parent"}
HEADER = (
    "# 村(社区)与网格登记表：由 gridrules import registry 从本区登记台账导入（见 history.yaml）。\n"
    "# The registry of communities and grids, imported from the district's ledger.\n"
)


@dataclass(frozen=True)
class UnitChange:
    """One unit added, changed or removed: ``fields`` are (field, before, after) of a change."""

    kind: str  # community | grid
    id: str
    name: str
    fields: tuple[tuple[str, Any, Any], ...] = ()
    derived: bool = False  # a new community whose id was derived (to review)

    def as_dict(self) -> dict:
        out: dict[str, Any] = {"unit": self.kind, "id": self.id, "name": self.name}
        if self.fields:
            out["fields"] = [{"field": f, "before": b, "after": a} for f, b, a in self.fields]
        if self.derived:
            out["derived_id"] = True
        return out


@dataclass
class Plan:
    """What importing a table would do to a pack's registry."""

    source: str
    communities: list[dict[str, Any]]  # the new registry (registry.yaml shapes)
    sample: bool
    added: list[UnitChange] = field(default_factory=list)
    changed: list[UnitChange] = field(default_factory=list)
    removed: list[UnitChange] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed)}

    def as_dict(self) -> dict:
        return {"source": self.source, "rows": self.rows, "towns": self.towns, "counts": self.counts(),
                "added": [u.as_dict() for u in self.added], "changed": [u.as_dict() for u in self.changed],
                "removed": [u.as_dict() for u in self.removed]}


def read_registry_table(pack: Pack, path: str | os.PathLike[str], sheet: str | None = None) -> Table:
    known, required = headers(pack)
    return read_table(path, known, required, sheet, header_aliases(pack), words.MERGED_DOWN)


def plan_import(pack: Pack, table: Table, source: str, replace: bool = False) -> Plan:
    """The registry the table makes of ``pack``'s; ``InputError`` with every bad cell when a row is not sound."""
    ledger = read_ledger(pack, table)
    problems = list(ledger.problems)
    communities = _merge(pack, ledger, replace)
    merged = {g["id"]: g for c in communities for g in c["grids"]}
    known = set(merged)
    for c in ledger.communities.values():
        for g in c.grids:
            row = g.pop("_row")
            if g.get("parent") is not None and g["parent"] not in known:
                named = _grid_named(communities, g["parent"], c.id)
                if named is None:
                    problems.append(row.cell(words.PARENT).problem(t("sheet.unknown_parent", value=g["parent"])))
                elif named == g["id"]:
                    problems.append(row.cell(words.PARENT).problem(t("sheet.own_parent")))
                else:
                    g["parent"] = merged[g["id"]]["parent"] = named
    if problems:
        raise SheetError(problems)
    sample = pack.files[layout.REGISTRY].sample and not replace
    plan = Plan(source, communities, sample, towns=sorted(ledger.towns), rows=len(table.rows))
    _diff(pack, plan, ledger)
    return plan


def _grid_named(communities: list[dict[str, Any]], name: str, community: str) -> str | None:
    """The id of the grid a 上级网格 cell names by its name (the table shows grids by name): the one so
    named in the micro-grid's own community, else the only one so named anywhere; None otherwise."""
    for within in (community, None):
        found = [g["id"] for c in communities if within is None or c["id"] == within
                 for g in c["grids"] if normal(g.get("name") or "") == name]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _merge(pack: Pack, ledger: Ledger, replace: bool) -> list[dict[str, Any]]:
    """The new registry: communities in the pack's order, then new ones in the table's order."""
    missing = [OPTIONAL_FIELD[h] for h in OPTIONAL_FIELD if h not in ledger.columns]
    roles_absent = [role for column, role in staff_columns(pack).items() if column not in ledger.columns]
    old_grids = pack.grids
    listed_grids = {g["id"] for c in ledger.communities.values() for g in c.grids}
    out: list[dict[str, Any]] = []
    placed: set[str] = set()
    for c in pack.files[layout.REGISTRY].communities:
        listed = ledger.communities.get(c.id)
        if listed is None:
            if not replace and c.town not in ledger.towns:  # a grid the table moves here leaves its old place
                kept = _community_dict(c)
                kept["grids"] = [g for g in kept["grids"] if g["id"] not in listed_grids]
                out.append(kept)
            continue
        out.append(_listed(listed, old_grids, missing, roles_absent))
        placed.add(c.id)
    for cid, listed in ledger.communities.items():
        if cid not in placed:
            out.append(_listed(listed, old_grids, missing, roles_absent))
    return out


def _listed(listed: LedgerCommunity, old_grids: Mapping[str, tuple[Grid, Community]], missing: list[str],
            roles_absent: list[str]) -> dict[str, Any]:
    grids = []
    for g in listed.grids:
        grid = {k: v for k, v in g.items() if k != "_row" and v is not None}
        before = old_grids.get(grid["id"])
        if before is not None:  # a column the table lacks keeps the pack's value (a role's column, its people)
            kept = before[0].model_dump(exclude_none=True)
            for name in missing:
                if name in kept:
                    grid[name] = kept[name]
            staff = {**{r: p for r, p in kept.get("staff", {}).items() if r in roles_absent}, **grid.get("staff", {})}
            if staff:
                grid["staff"] = {r: staff[r] for r in _role_order(kept.get("staff", {}), staff)}
        grids.append({k: grid[k] for k in ("id",) + GRID_FIELDS if k in grid})
    return {"id": listed.id, "name": listed.name, "town": listed.town, "grids": grids}


def _role_order(before: Mapping[str, Any], staff: Mapping[str, Any]) -> list[str]:
    """The roles of ``staff`` in the order the pack had them, then the new ones."""
    return [r for r in before if r in staff] + [r for r in staff if r not in before]


def _community_dict(c: Community) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "town": c.town,
            "grids": [g.model_dump(exclude_none=True) for g in c.grids]}


def _diff(pack: Pack, plan: Plan, ledger: Ledger) -> None:
    new_c = {c["id"]: c for c in plan.communities}
    new_g = {g["id"]: (g, c) for c in plan.communities for g in c["grids"]}
    for cid, c in new_c.items():
        old = pack.communities.get(cid)
        if old is None:
            plan.added.append(UnitChange("community", cid, c["name"], derived=ledger.communities[cid].derived))
        else:
            fields = tuple((f, getattr(old, f), c[f]) for f in ("name", "town") if getattr(old, f) != c[f])
            if fields:
                plan.changed.append(UnitChange("community", cid, c["name"], fields))
    for gid, (g, c) in new_g.items():
        before = pack.grids.get(gid)
        if before is None:
            plan.added.append(UnitChange("grid", gid, g["name"]))
            continue
        old_grid, in_community = before
        dumped = old_grid.model_dump(exclude_none=True)
        fields = tuple((f, dumped.get(f), g.get(f)) for f in GRID_FIELDS if dumped.get(f) != g.get(f))
        if in_community.id != c["id"]:
            fields += (("community", in_community.id, c["id"]),)
        if fields:
            plan.changed.append(UnitChange("grid", gid, g["name"], fields))
    for cid, gone in pack.communities.items():
        if cid not in new_c:
            plan.removed.append(UnitChange("community", cid, gone.name))
    for gid, (gone_grid, _) in pack.grids.items():
        if gid not in new_g:
            plan.removed.append(UnitChange("grid", gid, gone_grid.name))


# --- writing -------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z\u3400-\u9fff][A-Za-z0-9_\-\u3400-\u9fff()（）·\u3000-\u303f\uff00-\uffef]*$")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:  # pragma: no cover - registry values are text or counts
        raise ValueError(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and "：" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def registry_yaml(communities: list[dict[str, Any]], sample: bool) -> str:
    """registry.yaml for ``communities``: one line per grid, so a diff of the file reads as the change."""
    out = [HEADER, f"sample: {'true' if sample else 'false'}\n", "communities:\n" if communities else "communities: []\n"]
    for c in communities:
        out.append(f"  - id: {_scalar(c['id'])}\n    name: {_scalar(c['name'])}\n    town: {_scalar(c['town'])}\n")
        if c["grids"]:
            out.append("    grids:\n")
            out.extend(f"      - {_flow(g)}\n" for g in c["grids"])
    return "".join(out)


def apply_import(pack_dir: str | os.PathLike[str] | None, path: str | os.PathLike[str], *, replace: bool = False,
                 sheet: str | None = None, recorded_at: datetime | None = None,
                 timeout: float = LOCK_TIMEOUT) -> tuple[Plan, str | None]:
    """Write the import into the pack folder; (the plan, the new version or None when nothing changed)."""
    root = writable_root(pack_dir)
    source = Path(path).name

    def propose(draft: Draft) -> Plan:
        pack = draft.pack
        plan = plan_import(pack, read_registry_table(pack, path, sheet), source, replace)
        if plan.empty and plan.sample == pack.files[layout.REGISTRY].sample:
            return plan
        draft.put(layout.REGISTRY, registry_yaml(plan.communities, plan.sample))
        when = recorded_at or datetime.now(pack.tz)
        changelog.record(draft, "import_registry", "registry", changelog.ledger_import(source, when.date()),
                         when, units=plan.counts())
        return plan

    plan, written = change_pack(root, propose, timeout)
    return plan, (written.pack.manifest.version if written else None)


__all__ = ["Plan", "UnitChange", "apply_import", "plan_import", "read_registry_table", "registry_yaml"]
