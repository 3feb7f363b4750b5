"""GR701–GR702: the registry against the pack's grid policy (levels.yaml).

A grid's households outside the range its kind sets (城市网格 300–500, 微网格
50–80; a kind without ``households`` sets none), and a grid whose staffing is
recorded but misses a role of ``grid_staffing`` (the 1+3 of 1+3+N).  Both are
warnings: the registry is the district's ledger, and a grid off the standard is
a fact to look at, not a pack that cannot decide.  A grid without recorded
households or staff is not judged.  A role's people are counted as the registry import
reads a staffing cell (``pack.people``): ``张三、李四`` recorded as one entry is two.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.lint.context import LintContext, joined
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import LEVELS, REGISTRY
from gridrules.pack.people import count_people

HOUSEHOLDS = Check("GR701", "grid-households-out-of-range", "warning")
STAFFING = Check("GR702", "grid-staffing-incomplete", "warning")

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
                yield ctx.finding(HOUSEHOLDS, t(
                    "finding.households", grid=t("finding.paired", first=grid.name, second=grid.id),
                    households=grid.households, kind=kind.name, min=bounds.min, max=bounds.max), REGISTRY, at + ("households",), grid.id)
            if staffing and grid.staff is not None:
                missing = [t("finding.staff_role", role=r.name, min=r.min) for r in staffing.roles
                           if count_people(grid.staff.get(r.id, [])) < r.min]
                if missing:
                    yield ctx.finding(STAFFING, t(
                        "finding.staffing", grid=t("finding.paired", first=grid.name, second=grid.id),
                        missing=joined(missing)),
                        REGISTRY, at + ("staff",), grid.id)
