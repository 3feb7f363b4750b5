"""GR601–GR603: the two-way assessment (assessment.yaml).

What loads but does not make sense as a policy: a pack without an assessment
(``gridrules assess`` cannot run on it); lists whose thresholds let one score be
both 红榜 and 黑榜 (the black list wins, so the red rule is dead there); a budget
bar above the red list's, which would advise cutting the budget of a unit on the
red list.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ASSESSMENT, MANIFEST

MISSING = Check("GR601", "assessment-missing", "warning", "规则包没有双向考核（assessment.yaml），gridrules assess 无法运行")
LISTS_OVERLAP = Check("GR602", "assessment-lists-overlap", "error", "红榜下限不高于黑榜分数线，同一得分可能既上红榜又上黑榜")
BUDGET_ABOVE_RED = Check("GR603", "assessment-budget-above-red", "warning", "预算建议的分数线高于红榜下限，上红榜的单位也会被建议削减预算")

CHECKS = (MISSING, LISTS_OVERLAP, BUDGET_ABOVE_RED)


def run(ctx: LintContext) -> Iterator[Finding]:
    model = ctx.pack.assessment
    if model is None:
        yield ctx.finding(MISSING, "规则包没有 assessment.yaml：无法对部门、镇街、村(社区)考核打分。", MANIFEST,
                          subject="assessment")
        return
    if model.red.min_score <= model.black.below_score:
        yield ctx.finding(LISTS_OVERLAP, (
            f"{model.red.name}要求得分≥{model.red.min_score:g}，{model.black.name}为得分<{model.black.below_score:g}："
            f"两者重叠时以{model.black.name}为准，{model.red.name}规则在重叠处不起作用。"), ASSESSMENT, ("red", "min_score"), "red")
    if model.budget.below_score > model.red.min_score:
        yield ctx.finding(BUDGET_ABOVE_RED, (
            f"预算建议线为得分<{model.budget.below_score:g}，高于{model.red.name}下限{model.red.min_score:g}："
            f"上{model.red.name}的单位也会被建议削减预算。"), ASSESSMENT, ("budget", "below_score"), "budget")
