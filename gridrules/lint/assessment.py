"""GR601–GR603: the two-way assessment (assessment.yaml).

What loads but does not make sense as a policy: a pack without an assessment
(``gridrules assess`` cannot run on it); lists whose thresholds let one score be
both 红榜 and 黑榜 (the black list wins, so the red rule is dead there); a budget
bar above the red list's, which would advise cutting the budget of a unit on the
red list.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ASSESSMENT, MANIFEST

MISSING = Check("GR601", "assessment-missing", "warning")
LISTS_OVERLAP = Check("GR602", "assessment-lists-overlap", "error")
BUDGET_ABOVE_RED = Check("GR603", "assessment-budget-above-red", "warning")

CHECKS = (MISSING, LISTS_OVERLAP, BUDGET_ABOVE_RED)


def run(ctx: LintContext) -> Iterator[Finding]:
    model = ctx.pack.assessment
    if model is None:
        kinds = ctx.pack.tree.kind_names  # the units assessed, as the pack calls them
        yield ctx.finding(MISSING, t("finding.assessment_missing", towns=kinds[ctx.pack.tree.town_kind],
                                     communities=kinds[ctx.pack.tree.community_kind]), MANIFEST, subject="assessment")
        return
    if model.red.min_score <= model.black.below_score:
        yield ctx.finding(LISTS_OVERLAP, t(
            "finding.lists_overlap", red=model.red.name, red_min=f"{model.red.min_score:g}", black=model.black.name,
            black_below=f"{model.black.below_score:g}"), ASSESSMENT, ("red", "min_score"), "red")
    if model.budget.below_score > model.red.min_score:
        yield ctx.finding(BUDGET_ABOVE_RED, t(
            "finding.budget_above_red", budget=f"{model.budget.below_score:g}", red=model.red.name,
            red_min=f"{model.red.min_score:g}"), ASSESSMENT, ("budget", "below_score"), "budget")
