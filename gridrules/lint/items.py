"""GR101–GR104, GR107–GR110: what each admission-list item itself holds.

The loader already refuses unknown codes; these are items that load but go
against the policy: activities the negative list forbids or no grid role may
perform (a task asking for them is ``forbidden`` whatever the item says), and
work without its subsidy (费随事转) or training owner; an item without its own risk
level (then the risk list's default), or whose training is not recorded as delivered
(its tasks are flagged ``training_pending``); an item whose own words hold a tell-tale
word of the negative list; an item approved on a day after the one linted (written by hand with the
meeting's date to come, or the year mistyped: until then it is on no list, so nothing shows or admits it).
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ITEMS
from gridrules.pack.model.powers import NegativeEntry


NEGATIVE = Check("GR101", "item-negative-activity", "error")
BEYOND_ROLES = Check("GR102", "item-activity-beyond-roles", "error")
NO_SUBSIDY = Check("GR103", "item-no-subsidy", "warning")
NO_TRAINING_OWNER = Check("GR104", "item-no-training-owner", "warning")

NO_RISK = Check("GR107", "item-no-risk", "warning")
TRAINING_NOT_DELIVERED = Check("GR108", "item-training-not-delivered", "info")
TRAINING_PENDING = "training_pending"  # the contract's flag for it
SCREENED_WORD = Check("GR109", "item-screened-word", "warning")
APPROVED_LATER = Check("GR110", "item-approved-later", "warning")

CHECKS = (NEGATIVE, BEYOND_ROLES, NO_SUBSIDY, NO_TRAINING_OWNER, NO_RISK, TRAINING_NOT_DELIVERED, SCREENED_WORD,
          APPROVED_LATER)


def forbidden_activities(ctx: LintContext, what: str, relpath: str, base: tuple, activities: list[str],
                         subject: str, negative: Check, beyond: Check) -> Iterator[Finding]:
    """GR101/GR102 and their temporary-approval twins: one finding per offending activity."""
    pack = ctx.pack
    for j, activity in enumerate(activities):
        entry = pack.barrier(activity)
        if isinstance(entry, NegativeEntry):
            yield ctx.finding(negative, t("finding.negative_activity", what=what, activity=ctx.activity(activity),
                                          code=entry.code, forbidden=entry.forbidden),
                              relpath, base + ("activities", j), subject)
        elif entry == "beyond_powers":
            yield ctx.finding(beyond, t("finding.beyond_roles", what=what, activity=ctx.activity(activity)),
                              relpath, base + ("activities", j), subject)


def run(ctx: LintContext) -> Iterator[Finding]:
    for i, item in enumerate(ctx.pack.items):
        at = ("items", i)
        what = t("finding.what.item", item=ctx.item(item.id))
        yield from forbidden_activities(ctx, what, ITEMS, at, item.activities, item.id, NEGATIVE, BEYOND_ROLES)
        if item.hours_per_month > 0 and not item.subsidy:
            shown = (t("finding.subsidy.none") if item.subsidy is None
                     else t("finding.subsidy.zero", subsidy=f"{item.subsidy:g}"))
            yield ctx.finding(NO_SUBSIDY, t("finding.no_subsidy", what=what, hours=f"{item.hours_per_month:g}",
                                            shown=shown),
                ITEMS, at + (("subsidy",) if item.subsidy is not None else ()), item.id)
        if item.training is None or item.training.owner is None:
            yield ctx.finding(NO_TRAINING_OWNER, t("finding.no_training_owner", what=what),
                ITEMS, at + (("training",) if item.training is not None else ()), item.id)
        yield from _risk_training_words(ctx, item, at, what)
        if item.approval.date > ctx.on:
            yield ctx.finding(APPROVED_LATER, t("finding.approved_later", what=what, decided=item.approval.date,
                                                on=ctx.on), ITEMS, at + ("approval", "date"), item.id)


def _risk_training_words(ctx: LintContext, item, at: tuple, what: str) -> Iterator[Finding]:
    pack = ctx.pack
    if item.risk is None:
        level = pack.risk_of(item.id)[0]
        yield ctx.finding(NO_RISK, t("finding.no_risk", what=what, level=pack.risk_levels[level].name),
            ITEMS, at, item.id)
    if item.training is not None and item.training.owner is not None and item.training.delivered_on is None:
        flagged = TRAINING_PENDING in ctx.raised_flags  # a pack without the rule flags nothing
        yield ctx.finding(TRAINING_NOT_DELIVERED, t("finding.training_not_delivered" if flagged
                                                    else "finding.training_not_delivered_unflagged", what=what),
            ITEMS, at + ("training",), item.id)
    for hit in pack.screening.hits(item.name, item.content):
        yield ctx.finding(SCREENED_WORD, t("finding.screened_word", what=what, word=hit.word, code=hit.code,
                                           forbidden=pack.negative_by_code[hit.code].forbidden),
            ITEMS, at + ("name",), item.id)
