"""Chinese names of the contract's verdicts and flags, for people (the CLI's text output, the pages)."""

from gridrules.catalogue import english, t

VERDICTS = {
    "admitted": "准入：可以交给网格员",
    "temporary": "临时准入：作为临时事项交给网格员",
    "needs_application": "未准入：不能交给网格员（需申请纳入清单或批准为临时事项）",
    "forbidden": "禁止：负面清单上的工作，任何审批都不能交给网格员",
}
# forbidden only because the assigned role lacks the power: another role may be given it
FORBIDDEN_ROLE = "禁止：承担角色没有这项权限（改派有权限的角色，或删去该活动）"
# what the responsible level means, by verdict
LEVEL_MEANING = {
    "admitted": "由网格员在网格承担",
    "temporary": "由网格员作为临时事项承担",
    "needs_application": "在纳入清单（或批准为临时事项）之前，由{level}的发起单位自己承担，不交给网格员",
    "forbidden": "由{level}的有权部门自己承担，不交给网格员",
    "forbidden_role": "改派有权限的角色之前，由{level}的发起单位自己承担",
}


def level_meaning(verdict: str, flags: list[str], level: str) -> str:
    key = "forbidden_role" if verdict == "forbidden" and "forbidden_activity" not in flags else verdict
    return LEVEL_MEANING[key].format(level=level)


def verdict_words(verdict: str, flags: list[str]) -> str:
    """The verdict as a clerk reads it: a task forbidden only for its role is not "any approval"."""
    if verdict == "forbidden" and "forbidden_activity" not in flags:
        return FORBIDDEN_ROLE
    return VERDICTS[verdict]
VERDICT_SHORT = {"admitted": "准入", "temporary": "临时准入", "needs_application": "需申请", "forbidden": "禁止"}

FLAGS = {
    "forbidden_activity": "负面清单活动",
    "beyond_role_power": "超出角色权限",
    "list_item_mismatch": "所注明的清单事项不涵盖",
    "temporary_unknown": "批复不存在或未生效",
    "temporary_wrong_town": "批复不适用于发起方",
    "temporary_expired": "批复已到期",
    "temporary_mismatch": "批复不涵盖本任务",
    "unlisted": "未纳入清单",
    "unauthorized_assignment": "违规指派",
    "bypassed_unified_dispatch": "绕过统一派单",
    "over_capacity": "超出工作量上限",
    "suspected_negative": "疑似负面清单工作",
    "over_role_capacity": "超出角色工作量上限",
    "training_pending": "培训未完成",
    "no_subsidy": "无工作补贴",
    "grade_raised": "等级上调",
    "escalated_unresolved": "逐级上报（本级无法解决）",
    "escalated_overdue": "逐级上报（超时未办结）",
    "needs_enforcement": "需要执法",
    "spans_units": "跨单元",
    "direct_report": "直报",
    "direct_report_by_role": "直报人无直报权限",
    "whistle": "吹哨报到",
    "unknown_unit": "处置单位未登记",
    "calendar_incomplete": "日历未覆盖",
    "past_deadline": "已过时限",
}


def flags(names: list[str], own: dict[str, str] | None = None) -> str:
    """The flags' Chinese names: the contract's from this table, the pack's own from ``own`` (its
    names); their ids with --lang en, for developers."""
    if not names:
        return t("words.none")
    if english():
        return ", ".join(names)
    words = FLAGS | (own or {})
    return "、".join(words.get(n, n) for n in names)
