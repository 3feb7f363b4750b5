"""GR801–GR804: the administrative structure -- levels, unit kinds, bodies and where items sit.

A level whose kind of unit the tree does not have (nothing could handle an event there), a
kind of unit no level handles, a body that keeps no list and gives no temporary inclusions,
and an item reaching outside its body's unit: an owning department at home elsewhere (a
county's item owned by another county's department), or a town outside the unit (such a
town is left out when deciding: a body's items apply within its units only).
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import BODIES, ITEMS, LEVELS, UNITS

LEVEL_NO_UNITS = Check("GR801", "level-without-units", "error")
ITEM_OUTSIDE = Check("GR802", "item-outside-body-units", "error")
KIND_UNHANDLED = Check("GR803", "unit-kind-unhandled", "warning")
BODY_IDLE = Check("GR804", "body-without-list", "warning")

CHECKS = (LEVEL_NO_UNITS, ITEM_OUTSIDE, KIND_UNHANDLED, BODY_IDLE)


def run(ctx: LintContext) -> Iterator[Finding]:
    yield from _levels_and_kinds(ctx)
    yield from _bodies(ctx)
    yield from _items(ctx)


def _levels_and_kinds(ctx: LintContext) -> Iterator[Finding]:
    pack, tree = ctx.pack, ctx.pack.tree
    present = {tree.grid_kind, tree.community_kind} | {u.kind for u in tree.units.values()}
    handled = {lv.unit for lv in pack.levels}
    for i, level in enumerate(pack.levels):
        if level.unit not in present:
            yield ctx.finding(LEVEL_NO_UNITS, t("finding.level_no_units", level=level.name, id=level.id,
                                                kind=_kind_name(ctx, level.unit)), LEVELS, ("levels", i, "unit"), level.id)
    units = pack.files[UNITS]
    for i, kind in enumerate(tree.kinds):
        if kind.id not in handled:
            yield ctx.finding(KIND_UNHANDLED, t("finding.kind_unhandled", kind=kind.name, id=kind.id),
                UNITS, ("unit_kinds", i) if units.unit_kinds else (), kind.id)


def _kind_name(ctx: LintContext, kind: str) -> str:
    return t("finding.quoted", text=ctx.pack.tree.kind_names.get(kind, kind))


def _bodies(ctx: LintContext) -> Iterator[Finding]:
    for i, body in enumerate(ctx.pack.bodies.values()):
        if not body.lists and body.temporary is None:
            yield ctx.finding(BODY_IDLE, t("finding.body_idle", body=body.name, id=body.id),
                BODIES, ("bodies", i), body.id)


def _items(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    for i, item in enumerate(pack.items):
        unit = pack.scopes.item_unit(item)
        body = pack.scopes.item_body(item)
        if unit is None or body is None or unit not in pack.tree.units:
            continue
        where = t("finding.paired", first=pack.tree.units[unit].name, second=unit)
        towns = pack.tree.kind_names[pack.tree.town_kind]
        for j, owner in enumerate(item.owners):
            home = pack.home_of(owner)
            if owner in pack.departments and not pack.tree.within(home, unit):
                yield ctx.finding(ITEM_OUTSIDE, t(
                    "finding.owner_outside", item=ctx.item(item.id), unit=where, body=body.name,
                    dept=ctx.department(owner), home=pack.tree.name_of(home)),
                    ITEMS, ("items", i, "owners", j), item.id)
        if item.towns != "all":
            within = pack.tree.towns_within(unit)
            for j, town in enumerate(item.towns):
                if town in pack.towns and town not in within:
                    yield ctx.finding(ITEM_OUTSIDE, t("finding.town_outside", item=ctx.item(item.id), unit=where,
                                                      body=body.name, towns=towns, town=town), ITEMS, ("items", i, "towns", j), item.id)
