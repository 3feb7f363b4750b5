"""Cross-reference checks of a pack's administrative structure: the unit tree and its kinds,
the levels bound to them, the approving bodies, and where departments, items and temporary
approvals sit in the tree.  Called by ``crossref.check``; every problem at its ``path:line:col``.

The decisions ``history.yaml`` records are not held against today's tree, bodies or departments:
the history is a record of the past (a town merged since, a department renamed), its entries are
never edited, and the recording checked them when they were written; the model holds their shape.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from gridrules.contract.facts import FLAGS, STAGES
from gridrules.catalogue import t
from gridrules.catalogue.packfiles import noun
from gridrules.lang.parse import suggest
from gridrules.pack import layout
from gridrules.pack.params import TEMPORARY_MAX_DAYS
from gridrules.pack.pack import Pack
from gridrules.pack.refcheck import known as _known, known_placeholders

Report = Callable[..., None]
DECISION_PLACEHOLDERS = frozenset({"body", "unit", "session", "meeting", "reference", "date"})


def check(pack: Pack, r: Report) -> None:
    _kinds_and_units(pack, r)
    _levels(pack, r)
    _bodies(pack, r)
    _departments(pack, r)
    _items(pack, r)
    _approvals(pack, r)
    _flags(pack, r)


def _kinds_and_units(pack: Pack, r: Report) -> None:
    rel, tree = layout.UNITS, pack.tree
    units = pack.files[rel]
    seen: dict[str, int] = {}
    for i, kind in enumerate(tree.kinds):
        if kind.id in seen:
            r(rel, ("unit_kinds", i, "id"), t("pack.duplicate", what=noun("unit kind"), value=kind.id, entry=seen[kind.id] + 1))
        seen.setdefault(kind.id, i)
        if kind.handler_name is not None:
            known_placeholders(r, rel, ("unit_kinds", i, "handler_name") if units.unit_kinds else ("town_handler_name",),
                               kind.handler_name, frozenset({"name"}), list_allowed=True)
    spans = [k.spans for k in tree.kinds if k.spans]
    if len(set(spans)) != len(spans) or "none" in spans:
        r(rel, ("unit_kinds",), t("pack.spans_words"))
    if units.units is not None and len(units.units) != 1:
        r(rel, ("units",), t("pack.one_top_unit", count=len(units.units)))
    tree_kinds = [k.id for k in tree.kinds[2:]]
    found: dict[str, tuple] = {}

    def walk(unit: Any, path: tuple, parent_kind: str | None) -> None:
        node = tree.units.get(unit.id)
        if unit.id in found and found[unit.id] != path:
            r(rel, path + ("id",), t("pack.duplicate_unit", unit=unit.id))
        found.setdefault(unit.id, path)
        kind = node.kind if node is not None and found[unit.id] == path else unit.kind
        if kind not in tree_kinds:
            r(rel, path + ("kind",), t("pack.unknown_unit_kind", kind=kind, kinds=", ".join(tree_kinds)),
              suggest(str(kind), tree_kinds))
        elif parent_kind in tree_kinds and tree_kinds.index(kind) >= tree_kinds.index(parent_kind):
            r(rel, path + ("kind",), t("pack.kind_under", kind=kind, parent=parent_kind))
        for j, child in enumerate(unit.units):
            walk(child, path + ("units", j), kind)

    if units.units is not None:
        for i, root in enumerate(units.units):
            walk(root, ("units", i), None)
    else:
        ids = [town.id for town in units.towns or []]
        for i, town in enumerate(ids):
            if town in ids[:i]:
                r(rel, ("towns", i, "id"), t("pack.duplicate", what=noun("town"), value=town, entry=ids.index(town) + 1))
            if units.district is not None and town == units.district.id:
                r(rel, ("towns", i, "id"), t("pack.town_is_district", town=town))


def _levels(pack: Pack, r: Report) -> None:
    rel = layout.LEVELS
    kinds = pack.tree.kind_rank
    last = -1
    for i, level in enumerate(pack.levels):
        if _known(r, rel, ("levels", i, "unit"), level.unit, kinds, "unit kind"):
            if kinds[level.unit] < last:
                r(rel, ("levels", i, "unit"), t("pack.level_lower_unit", level=level.id))
            last = kinds[level.unit]


def _bodies(pack: Pack, r: Report) -> None:
    rel = layout.BODIES
    seen: set[str] = set()
    list_ids: set[str] = set()
    for i, body in enumerate(pack.bodies.values()):
        at = ("bodies", i)
        if body.id in seen or body.id in ("ledger", "department"):
            r(rel, at + ("id",), t("pack.body_reserved", id=body.id))
        seen.add(body.id)
        _known(r, rel, at + ("level",), body.level, pack.level_rank, "level")
        kind = pack.scopes.kind_of(body)
        if body.unit is not None and _known(r, rel, at + ("unit",), body.unit, pack.tree.units, "unit"):
            if kind is not None and pack.tree.units[body.unit].kind != kind:
                r(rel, at + ("unit",), t("pack.body_unit_kind", unit=body.unit, kind=pack.tree.units[body.unit].kind, level=body.level, level_kind=kind))
        for j, kept in enumerate(body.lists):
            if kept.id in list_ids:
                r(rel, at + ("lists", j, "id"), t("pack.duplicate_list", id=kept.id))
            list_ids.add(kept.id)
        known_placeholders(r, rel, at + ("decision",), body.decision, DECISION_PLACEHOLDERS, list_allowed=True)
    if pack.scopes.list_keeper is None:
        r(rel, ("bodies",), t("pack.no_list_keeper"))


def _departments(pack: Pack, r: Report) -> None:
    rel = layout.DEPARTMENTS
    for i, d in enumerate(pack.departments.values()):
        if d.unit is not None:
            _known(r, rel, ("departments", i, "unit"), d.unit, pack.tree.units, "unit")


def _items(pack: Pack, r: Report) -> None:
    rel, scopes = layout.ITEMS, pack.scopes
    for i, item in enumerate(pack.items):
        at = ("items", i)
        if item.body is not None and not _known(r, rel, at + ("body",), item.body, pack.bodies, "body"):
            continue
        body = scopes.item_body(item)
        if body is None:
            continue
        if not body.lists:
            r(rel, at + ("body",), t("pack.body_no_list", body=body.id))
            continue
        lists = {k.id for k in body.lists}
        if item.on_list is not None and item.on_list not in lists:
            r(rel, at + ("list",), t("pack.unknown_list", body=body.id, value=item.on_list), suggest(item.on_list, lists))
        units = scopes.units_of(body)
        if item.unit is not None:
            if _known(r, rel, at + ("unit",), item.unit, pack.tree.units, "unit") and item.unit not in units:
                r(rel, at + ("unit",), t("pack.unit_has_no_body", unit=item.unit, body=body.id, units=", ".join(units[:5])))
                continue
        elif len(units) != 1:
            r(rel, at, t("pack.which_unit", body=body.id, count=len(units)))
            continue
        # owners and towns outside the body's unit: lint (GR802), the item still loads


def _approvals(pack: Pack, r: Report) -> None:
    rel, scopes = layout.TEMPORARY, pack.scopes
    today = datetime.now(pack.tz).date()
    # the unit each recorded approval was decided at (its history entry): a unit the tree held then
    decided_at = {c.target: c.decision.decided_at for c in pack.history.changes
                  if c.action == "temporary_approve" and c.decision is not None}
    for i, approval in enumerate(pack.approvals):
        at = ("approvals", i)
        if approval.unit not in pack.tree.units and decided_at.get(approval.ref) == approval.unit:
            _unit_gone(pack, r, at, approval, today)
            continue
        if not _known(r, rel, at + ("unit",), approval.unit, pack.tree.units, "unit"):  # never a unit here: a slip
            continue
        if approval.body is not None and not _known(r, rel, at + ("body",), approval.body, pack.bodies, "body"):
            continue
        body = scopes.approval_body(approval)
        if body is None or body.temporary is None:
            r(rel, at + ("body" if approval.body else "unit",),
              t("pack.no_temporary_body", unit=approval.unit))
            continue
        if approval.unit not in scopes.units_of(body):
            r(rel, at + ("unit",), t("pack.body_not_at", body=body.id, unit=approval.unit))
        max_days = body.temporary.max_days or pack.parameter(TEMPORARY_MAX_DAYS)
        days = (approval.to - approval.from_).days + 1
        if max_days is not None and approval.to >= approval.from_ and days > max_days:
            r(rel, at + ("to",), t("pack.temporary_too_long", days=days, first=approval.from_, last=approval.to, max=f"{max_days:g}"))


def _unit_gone(pack: Pack, r: Report, at: tuple, approval: Any, today: date) -> None:
    """A recorded approval whose unit the tree no longer holds (a town merged or renamed, 撤乡并镇): one
    that ran out or was withdrawn is a record of the past and stays as it is; one still in force (or
    not yet begun) is today's work at a unit that is gone -- withdraw it first, or move it to the unit
    that took the town over.  No did-you-mean: the id is the one the approval was decided at."""
    last = pack.approval_last_day(approval, date.max)
    if last < today or last < approval.from_:
        return
    r(layout.TEMPORARY, at + ("unit",), t("pack.temporary_unit_gone", unit=approval.unit, ref=approval.ref, last=last,
                                          units=layout.UNITS, history=layout.HISTORY,
                                          withdraw=f"`gridrules temporary withdraw {approval.ref}`",
                                          record="`gridrules history record --reason …`"))


def _flags(pack: Pack, r: Report) -> None:
    """The pack's own flags and facts: new names, each once."""
    rel = layout.LANGUAGE
    for decision in ("task", "event"):
        contract = {name for stage in STAGES.values() if stage.decision == decision for name in stage.fields}
        named: set[str] = set()
        for i, fact in enumerate(pack.facts_of(decision)):
            if fact.id in contract or fact.id in named:
                r(rel, ("facts", decision, i, "id"), t("pack.fact_repeats", id=fact.id, decision=t(f"what.{decision}")))
            named.add(fact.id)
        seen: set[str] = set()
        for i, flag in enumerate(getattr(pack.language.flags, decision)):
            if flag.id in FLAGS[decision] or flag.id in seen:
                r(rel, ("flags", decision, i, "id"), t("pack.flag_repeats", id=flag.id, decision=t(f"what.{decision}")))
            seen.add(flag.id)
