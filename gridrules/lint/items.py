"""GR101–GR104, GR107–GR109: what each admission-list item itself holds.

The loader already refuses unknown codes; these are items that load but go
against the policy: activities the negative list forbids or no grid role may
perform (a task asking for them is ``forbidden`` whatever the item says), and
work without its subsidy (费随事转) or training owner; an item without its own risk
level (then the risk list's default), or whose training is not recorded as delivered
(its tasks are flagged ``training_pending``); an item whose own words hold a tell-tale
word of the negative list.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ITEMS
from gridrules.pack.model.powers import NegativeEntry


NEGATIVE = Check("GR101", "item-negative-activity", "error",
                 "清单事项含负面清单上的活动：任何审批都不能把它交给网格员")
BEYOND_ROLES = Check("GR102", "item-activity-beyond-roles", "error",
                     "清单事项含任何网格角色都无权承担的活动")
NO_SUBSIDY = Check("GR103", "item-no-subsidy", "warning",
                   "清单事项有工作量却没有工作补贴（费随事转）")
NO_TRAINING_OWNER = Check("GR104", "item-no-training-owner", "warning",
                          "清单事项没有写明培训责任单位")

NO_RISK = Check("GR107", "item-no-risk", "warning",
                "清单事项没有写明风险等级（风险清单）")
TRAINING_NOT_DELIVERED = Check("GR108", "item-training-not-delivered", "info",
                               "清单事项的培训没有记录完成日期，其任务会被标注 training_pending")
SCREENED_WORD = Check("GR109", "item-screened-word", "warning",
                      "清单事项的名称或内容含负面清单的变相派单用语")

CHECKS = (NEGATIVE, BEYOND_ROLES, NO_SUBSIDY, NO_TRAINING_OWNER, NO_RISK, TRAINING_NOT_DELIVERED, SCREENED_WORD)


def forbidden_activities(ctx: LintContext, what: str, relpath: str, base: tuple, activities: list[str],
                         subject: str, negative: Check, beyond: Check) -> Iterator[Finding]:
    """GR101/GR102 and their temporary-approval twins: one finding per offending activity."""
    pack = ctx.pack
    for j, activity in enumerate(activities):
        entry = pack.barrier(activity)
        if isinstance(entry, NegativeEntry):
            yield ctx.finding(negative, (
                f"{what}的活动 {ctx.activity(activity)} 在负面清单上（{entry.code}：{entry.forbidden}），"
                f"任何审批都不能把它交给网格员；要求这项活动的任务一律判为 forbidden。"),
                relpath, base + ("activities", j), subject)
        elif entry == "beyond_powers":
            yield ctx.finding(beyond, (
                f"{what}的活动 {ctx.activity(activity)} 不在任何网格角色的权限内（权力清单），"
                f"要求这项活动的任务一律判为 forbidden（beyond_role_power）。"),
                relpath, base + ("activities", j), subject)


def run(ctx: LintContext) -> Iterator[Finding]:
    for i, item in enumerate(ctx.pack.items):
        at = ("items", i)
        what = f"清单事项 {ctx.item(item.id)}"
        yield from forbidden_activities(ctx, what, ITEMS, at, item.activities, item.id, NEGATIVE, BEYOND_ROLES)
        if item.hours_per_month > 0 and not item.subsidy:
            shown = "没有写明工作补贴" if item.subsidy is None else f"工作补贴却为 {item.subsidy:g} 元"
            yield ctx.finding(NO_SUBSIDY, (
                f"{what}每网格每月增加 {item.hours_per_month:g} 小时工作量，{shown}，没有做到费随事转"
                f"（权随责走、费随事转）。"),
                ITEMS, at + (("subsidy",) if item.subsidy is not None else ()), item.id)
        if item.training is None or item.training.owner is None:
            yield ctx.finding(NO_TRAINING_OWNER, (
                f"{what}没有写明培训责任单位（training.owner）：职能部门负责对网格员进行业务培训。"),
                ITEMS, at + (("training",) if item.training is not None else ()), item.id)
        yield from _risk_training_words(ctx, item, at, what)


def _risk_training_words(ctx: LintContext, item, at: tuple, what: str) -> Iterator[Finding]:
    pack = ctx.pack
    if item.risk is None:
        level = pack.risk_of(item.id)[0]
        yield ctx.finding(NO_RISK, (
            f"{what}没有写明风险等级（risk：low、medium、high），按风险清单的默认等级"
            f"「{pack.risk_levels[level].name}」判定；每个清单事项都应写明风险等级及其防范措施。"),
            ITEMS, at, item.id)
    if item.training is not None and item.training.owner is not None and item.training.delivered_on is None:
        yield ctx.finding(TRAINING_NOT_DELIVERED, (
            f"{what}的培训没有记录完成日期（training.delivered_on）：依据它准入的任务都会被标注"
            f"「培训未完成」（training_pending），直到记录培训完成。"),
            ITEMS, at + ("training",), item.id)
    for hit in pack.screening.hits(item.name, item.content):
        yield ctx.finding(SCREENED_WORD, (
            f"{what}的名称或内容含「{hit.word}」，疑似负面清单 {hit.code}"
            f"（{pack.negative_by_code[hit.code].forbidden}）的工作；依据它派出的同名任务都会被标注 suspected_negative。"),
            ITEMS, at + ("name",), item.id)
