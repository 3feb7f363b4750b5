"""GR201–GR204: event types that nobody owns, or that some event of theirs gets no grade,
level or deadline for.

Owners are read from the type itself.  Grades, levels and deadlines come from
rules, so whether a type always gets one is a question about every event of that
type: ``explore`` decides every situation (every reported grade, life threat,
head count, reporters, recurrences, span, enforcement need and history) through
the grading and leveling stages, and routing would refuse each situation where
no rule gives a grade, no rule gives a level, or no deadline rule holds.
"""

from __future__ import annotations

from typing import Any, Iterator

from gridrules.catalogue import t
from gridrules.contract.facts import STAGES
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import EVENT_TYPES


NO_OWNER = Check("GR201", "event-type-no-owner", "error")
NO_GRADE = Check("GR202", "event-type-no-grade", "error")
NO_LEVEL = Check("GR203", "event-type-no-level", "error")
NO_DEADLINE = Check("GR204", "event-type-no-deadline", "error")

CHECKS = (NO_OWNER, NO_GRADE, NO_LEVEL, NO_DEADLINE)


def describe(ctx: LintContext, fact: dict[str, Any], stage: str) -> str:
    """A situation as a person reads it: 上报等级=未填写，涉及人数=0 …"""
    parts = []
    for name, field in STAGES[stage].fields.items():  # in the stage's own order, so messages are stable
        value = fact.get(name)
        if name in ("type", "type_grade", "type_level") or value is None:
            continue
        if field.kind in ("level", "grade"):
            shown = t("finding.fact.unset") if value < 0 else ctx.pack.name_of(field.kind, value)
        elif field.kind == "bool":
            shown = t("finding.fact.yes") if value else t("finding.fact.no")
        elif value == "":
            shown = t("finding.fact.unset")
        elif isinstance(value, float):
            shown = f"{value:g}"
        else:
            shown = str(value)
        parts.append(f"{ctx.pack.language.label(field)}={shown}")
    return t("finding.fact.sep").join(parts) or t("finding.fact.any")


def run(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    gaps = ctx.exploration.gaps
    for i, etype in enumerate(pack.event_types.values()):
        at = ("types", i)
        what = t("finding.what.type", code=etype.code, name=etype.name)
        if not etype.owners:
            yield ctx.finding(NO_OWNER, t("finding.no_owner", what=what),
                EVENT_TYPES, at + ("owners",), etype.code)
        gap = gaps.get(("grade", etype.code))
        if gap:
            yield ctx.finding(NO_GRADE, t("finding.no_grade", what=what, example=describe(ctx, gap.example, "grading")),
                EVENT_TYPES, at, etype.code)
        gap = gaps.get(("level", etype.code))
        if gap:
            yield ctx.finding(NO_LEVEL, t("finding.no_level", what=what, example=describe(ctx, gap.example, "leveling")),
                EVENT_TYPES, at, etype.code)
        gap = gaps.get(("deadline", etype.code))
        if gap:
            grades = t("words.list_sep").join(pack.grades[g].name for g in sorted(gap.grades))
            yield ctx.finding(NO_DEADLINE, t("finding.no_deadline", what=what, grades=grades,
                                             example=describe(ctx, gap.example, "leveling")),
                EVENT_TYPES, at, etype.code)
