"""GR301–GR303: temporary approvals (a town's 专题研究, a county body's temporary inclusion).

An approval longer than its body's maximum or for a unit whose body gives none is refused when the pack loads (``gridrules validate``; lint reports it as
GR001).  What loads but is still wrong: activities the negative list forbids or
no grid role may perform -- the review refuses to record such an approval, but a
pack can be edited by hand.  And an approval that has ended or was withdrawn by
the day the pack is judged on is reported for information: it stays as a record,
and tasks that name it are flagged (``temporary_expired`` / ``temporary_unknown``).
"""

from __future__ import annotations

from typing import Iterator

from gridrules.change.temporary import approval_name
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.lint.items import forbidden_activities
from gridrules.pack.layout import TEMPORARY


NEGATIVE = Check("GR301", "temporary-negative-activity", "error",
                 "临时事项含负面清单上的活动")
BEYOND_ROLES = Check("GR302", "temporary-activity-beyond-roles", "error",
                     "临时事项含任何网格角色都无权承担的活动")
ENDED = Check("GR303", "temporary-ended", "info",
              "临时事项已到期或已撤销，只作记录")

CHECKS = (NEGATIVE, BEYOND_ROLES, ENDED)


def run(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    for i, approval in enumerate(pack.approvals):
        at = ("approvals", i)
        what = f"{approval_name(pack, approval.unit)} {approval.ref}「{approval.work}」"
        yield from forbidden_activities(ctx, what, TEMPORARY, at, approval.activities, approval.ref,
                                        NEGATIVE, BEYOND_ROLES)
        withdrawn = approval.in_force.withdrawn_from(ctx.on)
        if withdrawn is not None and withdrawn <= ctx.on:
            yield ctx.finding(ENDED, (
                f"{what}已于 {approval.withdrawn_on} 撤销、自 {withdrawn} 起生效（判定日 {ctx.on}）；"
                f"注明它、开始日在此之后的任务不再准入。"),
                TEMPORARY, at + ("withdrawn_on",), approval.ref)
        elif approval.to < ctx.on:
            yield ctx.finding(ENDED, (
                f"{what}已于 {approval.to} 到期（判定日 {ctx.on}），只作记录；"
                f"注明它、开始日在此之后的任务会被标注 temporary_expired。"),
                TEMPORARY, at + ("to",), approval.ref)
