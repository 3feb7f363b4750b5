"""GR801–GR804: the administrative structure -- levels, unit kinds, bodies and where items sit.

A level whose kind of unit the tree does not have (nothing could handle an event there), a
kind of unit no level handles, a body that keeps no list and gives no temporary inclusions,
and an item reaching outside its body's unit: an owning department at home elsewhere (a
county's item owned by another county's department), or a town outside the unit (such a
town is left out when deciding: a body's items apply within its units only).
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import BODIES, ITEMS, LEVELS, UNITS

LEVEL_NO_UNITS = Check("GR801", "level-without-units", "error",
                       "处置层级对应的单位种类在单位树中没有任何单位")
ITEM_OUTSIDE = Check("GR802", "item-outside-body-units", "error",
                     "清单事项的责任部门或适用镇街不在其审定机构所在单位内")
KIND_UNHANDLED = Check("GR803", "unit-kind-unhandled", "warning",
                       "单位种类没有任何处置层级")
BODY_IDLE = Check("GR804", "body-without-list", "warning",
                  "机构既不保管清单，也不能批准临时事项")

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
            yield ctx.finding(LEVEL_NO_UNITS, (
                f"处置层级「{level.name}」（{level.id}）由{_kind_name(ctx, level.unit)}处置，但单位树中没有这种单位："
                "事件到了这一层级将找不到处置单位。"), LEVELS, ("levels", i, "unit"), level.id)
    units = pack.files[UNITS]
    for i, kind in enumerate(tree.kinds):
        if kind.id not in handled:
            yield ctx.finding(KIND_UNHANDLED, (
                f"单位种类「{kind.name}」（{kind.id}）没有处置层级：事件不会交由这一级单位处置。"),
                UNITS, ("unit_kinds", i) if units.unit_kinds else (), kind.id)


def _kind_name(ctx: LintContext, kind: str) -> str:
    found = next((k for k in ctx.pack.tree.kinds if k.id == kind), None)
    return f"「{found.name}」" if found else f"「{kind}」"


def _bodies(ctx: LintContext) -> Iterator[Finding]:
    for i, body in enumerate(ctx.pack.bodies.values()):
        if not body.lists and body.temporary is None:
            yield ctx.finding(BODY_IDLE, (
                f"机构「{body.name}」（{body.id}）不保管任何清单，也不能批准临时事项：它的决定无处记录。"),
                BODIES, ("bodies", i), body.id)


def _items(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    for i, item in enumerate(pack.items):
        unit = pack.scopes.item_unit(item)
        body = pack.scopes.item_body(item)
        if unit is None or body is None or unit not in pack.tree.units:
            continue
        where = f"{pack.tree.units[unit].name}（{unit}）"
        for j, owner in enumerate(item.owners):
            home = pack.home_of(owner)
            if owner in pack.departments and not pack.tree.within(home, unit):
                yield ctx.finding(ITEM_OUTSIDE, (
                    f"清单事项 {item.id}「{item.name}」由{where}的{body.name}审定，责任部门{ctx.department(owner)}"
                    f"却属于{pack.tree.units[home].name if home in pack.tree.units else home}：机构的清单只在本单位内适用。"),
                    ITEMS, ("items", i, "owners", j), item.id)
        if item.towns != "all":
            within = pack.tree.towns_within(unit)
            for j, town in enumerate(item.towns):
                if town in pack.towns and town not in within:
                    yield ctx.finding(ITEM_OUTSIDE, (
                        f"清单事项 {item.id}「{item.name}」由{where}的{body.name}审定，适用镇街 {town} 却不在其内："
                        "判定时不适用于该镇街。"), ITEMS, ("items", i, "towns", j), item.id)
