"""GR301–GR303: temporary approvals (a town's 专题研究, a county body's temporary inclusion).

An approval longer than its body's maximum or for a unit whose body gives none is refused when the pack loads (``gridrules validate``; lint reports it as
GR001).  What loads but is still wrong: activities the negative list forbids or
no grid role may perform -- the review refuses to record such an approval, but a
pack can be edited by hand.  And an approval that has ended or was withdrawn by
the day the pack is judged on is reported for information: it stays as a record,
and tasks that name it are flagged (``temporary_expired`` / ``temporary_unknown``).  One unit's
approvals of the same work and activities over overlapping dates load (two phases of like work may
each be decided) but count their hours twice: said at the later one, as recording it says.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.change.temporary import approval_name, like_approvals, like_note
from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.lint.items import forbidden_activities
from gridrules.pack.layout import TEMPORARY


NEGATIVE = Check("GR301", "temporary-negative-activity", "error")
BEYOND_ROLES = Check("GR302", "temporary-activity-beyond-roles", "error")
ENDED = Check("GR303", "temporary-ended", "info")
LIKE = Check("GR304", "temporary-like-in-force", "warning")

CHECKS = (NEGATIVE, BEYOND_ROLES, ENDED, LIKE)


def run(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.pack
    earlier = {approval.ref: i for i, approval in enumerate(pack.approvals)}
    for i, approval in enumerate(pack.approvals):
        at = ("approvals", i)
        what = t("finding.what.approval", name=approval_name(pack, approval.unit), ref=approval.ref, work=approval.work)
        yield from forbidden_activities(ctx, what, TEMPORARY, at, approval.activities, approval.ref,
                                        NEGATIVE, BEYOND_ROLES)
        withdrawn = approval.in_force.withdrawn_from(ctx.on)
        if withdrawn is not None and withdrawn <= ctx.on:
            yield ctx.finding(ENDED, t("finding.withdrawn", what=what, withdrawn_on=approval.withdrawn_on,
                                       withdrawn=withdrawn, on=ctx.on),
                TEMPORARY, at + ("withdrawn_on",), approval.ref)
        elif approval.to < ctx.on:
            yield ctx.finding(ENDED, t("finding.expired", what=what, to=approval.to, on=ctx.on),
                TEMPORARY, at + ("to",), approval.ref)
        for other in like_approvals(pack, approval):
            if earlier.get(other.ref, i) < i:  # (said once, at the later)
                yield ctx.finding(LIKE, like_note(pack, approval, other), TEMPORARY, at + ("work",), approval.ref)
