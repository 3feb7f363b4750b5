"""GR401–GR403: departments that own nothing, listed workload over capacity, the calendar running out.

A department owns work when it is an owner of a list item or of an event type;
one that owns neither can never have a task admitted (every task it sends needs
an application) and is never whistled.

The listed workload is what admission adds up for ``over_capacity``, town by
town (``Pack.listed_total``: the items in force for work starting on a day, by the terms
in effect then, those for all towns and those that apply in the town, and the town's
temporary approvals in force).  It changes only when a change to an item is decided or
takes effect, or an approval starts or ends, so it is checked on the day the pack is
judged on and on every later day the list changes; the town with the highest total is named.

The holiday calendar is data a year at a time: when it ends within
``calendar_notice_days`` of the day judged on, working-day deadlines will soon be
counted on weekdays alone (flag ``calendar_incomplete``) until next year's official
notice is added (GR403).
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from datetime import date, timedelta

from gridrules.pack.layout import ADMISSION_POLICY, CALENDAR_DIR, DEPARTMENTS
from gridrules.pack.params import CALENDAR_NOTICE, CAPACITY


OWNS_NOTHING = Check("GR401", "department-owns-nothing", "warning",
                     "部门既不负责任何清单事项，也不负责任何事件类型")
OVER_CAPACITY = Check("GR402", "workload-over-capacity", "error",
                      "在用清单事项的工作量合计超过每网格每月上限")

CALENDAR_ENDS = Check("GR403", "calendar-ends-soon", "warning",
                      "节假日日历即将用完：此后的工作日时限只能按周一至周五计算")

CHECKS = (OWNS_NOTHING, OVER_CAPACITY, CALENDAR_ENDS)


def run(ctx: LintContext) -> Iterator[Finding]:
    yield from _owners(ctx)
    yield from _capacity(ctx)
    yield from _calendar(ctx)


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
    changes |= {day for a in pack.approvals for day in (*a.in_force.days(), a.from_, a.to + timedelta(days=1))}
    days = [ctx.on] + sorted(d for d in changes if d > ctx.on)
    totals = [(day, *_busiest(pack, day)) for day in days]
    over = [(day, town, hours) for day, town, hours in totals if hours > capacity]
    if not over:
        return
    day, town, hours = over[0]
    peak_day, peak_town, peak = max(over, key=lambda x: x[2])
    later = f"；最高为 {peak_day} 起{_name(pack, peak_town)}的 {peak:g} 小时" if peak > hours else ""
    when = "判定日" if day == ctx.on else "自"
    yield ctx.finding(OVER_CAPACITY, (
        f"{when} {day} {_name(pack, town)}在用的清单事项与临时事项工作量合计每网格每月 {hours:g} 小时，"
        f"超过上限 {capacity:g} 小时（{CAPACITY.name}）{later}。"),
        ADMISSION_POLICY, ("parameters", CAPACITY.name, "value"), CAPACITY.name)


def _busiest(pack, day: date) -> tuple[str, float]:
    hours, town = pack.listed_total(day, day)
    return town, hours


def _name(pack, town: str) -> str:
    return pack.towns[town].name if town in pack.towns else ""


def _calendar(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    notice = pack.parameter(CALENDAR_NOTICE)
    if notice is None or not pack.calendars:
        return
    last_year = max(pack.calendars)
    ends = date(last_year, 12, 31)
    left = (ends - ctx.on).days
    if left <= notice:
        when = f"还有 {left} 天" if left >= 0 else f"已过 {-left} 天"
        yield ctx.finding(CALENDAR_ENDS, (
            f"节假日日历只到 {ends}（{when}，提醒期 {notice:g} 天）：此后的工作日时限只能按周一至周五计算，"
            f"判定会标注 calendar_incomplete。请按国务院办公厅的放假通知添加 {last_year + 1} 年的日历"
            f"（calendar/{last_year + 1}.yaml），这与其他规则包变更一样走变更程序。"),
            f"{CALENDAR_DIR}/{last_year}.yaml", (), str(last_year))
