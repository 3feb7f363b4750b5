"""GR401–GR402: departments that own nothing, and listed workload over capacity.

A department owns work when it is an owner of a list item or of an event type;
one that owns neither can never have a task admitted (every task it sends needs
an application) and is never whistled.

The listed workload is what admission adds up for ``over_capacity``
(``Pack.listed_hours``: the items in force for work starting on a day, by the terms in
effect then, in the town that carries the most).  It changes only when a change to an
item is decided or takes effect, so it is checked on the day the pack is judged on and
on every later day the list changes.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ADMISSION_POLICY, DEPARTMENTS
from gridrules.pack.params import CAPACITY


OWNS_NOTHING = Check("GR401", "department-owns-nothing", "warning",
                     "部门既不负责任何清单事项，也不负责任何事件类型")
OVER_CAPACITY = Check("GR402", "workload-over-capacity", "error",
                      "在用清单事项的工作量合计超过每网格每月上限")

CHECKS = (OWNS_NOTHING, OVER_CAPACITY)


def run(ctx: LintContext) -> Iterator[Finding]:
    yield from _owners(ctx)
    yield from _capacity(ctx)


def _owners(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    owning = {d for item in pack.items for d in item.owners} | {d for t in pack.event_types.values() for d in t.owners}
    for i, dept in enumerate(pack.departments.values()):
        if dept.id not in owning:
            yield ctx.finding(OWNS_NOTHING, (
                f"{ctx.department(dept.id)}既不是任何清单事项的责任部门，也不是任何事件类型的责任部门："
                f"它发起的任务都须先申请纳入清单，吹哨也不会吹到它。"),
                DEPARTMENTS, ("departments", i), dept.id)


def _capacity(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    capacity = pack.parameter(CAPACITY)
    if capacity is None:
        return
    changes = {day for i in pack.items for day in i.in_force.days()}
    days = [ctx.on] + sorted(d for d in changes if d > ctx.on)
    over = [(day, pack.listed_hours(day)) for day in days if pack.listed_hours(day) > capacity]
    if not over:
        return
    day, hours = over[0]
    peak_day, peak = max(over, key=lambda x: x[1])
    later = f"；最高为 {peak_day} 起的 {peak:g} 小时" if peak > hours else ""
    when = "判定日" if day == ctx.on else "自"
    yield ctx.finding(OVER_CAPACITY, (
        f"{when} {day} 在用清单事项的工作量合计每网格每月 {hours:g} 小时，超过上限 {capacity:g} 小时"
        f"（{CAPACITY.name}）{later}。"),
        ADMISSION_POLICY, ("parameters", CAPACITY.name, "value"), CAPACITY.name)
