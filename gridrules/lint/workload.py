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

from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from datetime import date, timedelta

from gridrules.pack.layout import ADMISSION_POLICY, CALENDAR_DIR, DEPARTMENTS
from gridrules.pack.params import CALENDAR_NOTICE, CAPACITY


OWNS_NOTHING = Check("GR401", "department-owns-nothing", "warning")
OVER_CAPACITY = Check("GR402", "workload-over-capacity", "error")

CALENDAR_ENDS = Check("GR403", "calendar-ends-soon", "warning")

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
            yield ctx.finding(OWNS_NOTHING, t("finding.owns_nothing", dept=ctx.department(dept.id)),
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
    later = t("finding.capacity.peak", day=peak_day, town=_name(pack, peak_town), hours=f"{peak:g}") if peak > hours else ""
    yield ctx.finding(OVER_CAPACITY, t(
        "finding.capacity.on" if day == ctx.on else "finding.capacity.from", day=day, town=_name(pack, town),
        hours=f"{hours:g}", capacity=f"{capacity:g}", parameter=CAPACITY.name, peak=later),
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
        when = t("finding.calendar.left", days=left) if left >= 0 else t("finding.calendar.past", days=-left)
        yield ctx.finding(CALENDAR_ENDS, t("finding.calendar_ends", ends=ends, when=when, notice=f"{notice:g}",
                                           year=last_year + 1, last=last_year,
                                           basis=pack.calendars[last_year].basis),
            f"{CALENDAR_DIR}/{last_year}.yaml", (), str(last_year))
