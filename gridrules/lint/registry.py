"""GR701–GR702: the registry against the pack's grid policy (levels.yaml).

A grid's households outside the range its kind sets (城市网格 300–500, 微网格
50–80; a kind without ``households`` sets none), and a grid whose staffing is
recorded but misses a role of ``grid_staffing`` (the 1+3 of 1+3+N).  Both are
warnings: the registry is the district's ledger, and a grid off the standard is
a fact to look at, not a pack that cannot decide.  A grid without recorded
households or staff is not judged.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import LEVELS, REGISTRY

HOUSEHOLDS = Check("GR701", "grid-households-out-of-range", "warning",
                   "网格户数不在其网格类型的户数标准内")
STAFFING = Check("GR702", "grid-staffing-incomplete", "warning",
                 "网格记录了力量配备，但缺少网格长、专职、兼职或网格指导员")

CHECKS = (HOUSEHOLDS, STAFFING)


def run(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    staffing = pack.files[LEVELS].grid_staffing
    for i, community in enumerate(pack.files[REGISTRY].communities):
        for j, grid in enumerate(community.grids):
            at = ("communities", i, "grids", j)
            kind = pack.grid_kinds.get(grid.kind) if grid.kind else None
            bounds = kind.households if kind else None
            if grid.households is not None and bounds and not bounds.min <= grid.households <= bounds.max:
                assert kind is not None
                yield ctx.finding(HOUSEHOLDS, (
                    f"{grid.name}（{grid.id}）登记 {grid.households} 户，{kind.name}的标准是 "
                    f"{bounds.min}–{bounds.max} 户。"), REGISTRY, at + ("households",), grid.id)
            if staffing and grid.staff is not None:
                missing = [f"{r.name}（至少 {r.min} 名）" for r in staffing.roles
                           if len(grid.staff.get(r.id, [])) < r.min]
                if missing:
                    yield ctx.finding(STAFFING, (
                        f"{grid.name}（{grid.id}）的力量配备缺少{'、'.join(missing)}。"),
                        REGISTRY, at + ("staff",), grid.id)
