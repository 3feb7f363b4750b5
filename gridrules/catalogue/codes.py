"""The tool's words for the contract's own codes that a caller may write by them (``contract.kinds``'
``WORDED`` says which fields those are): a task's status and channel, an event's history outcomes,
a lifecycle record's step kinds, an escalation's reason and a 回访's result.  The word of a code is keyed
``{document}.{kind}.{code}`` and read as that code (``pack.names``); ``kind.{kind}`` names the kind
in a message.  These are the words the tool shows for the codes too (the reference's notes, built
from them, and the pages), so what it shows is what it reads."""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    "kind.issued_by": ("发起方", "issuer kind"),
    "kind.status": ("任务状态", "task status"),
    "kind.channel": ("派单渠道", "dispatch channel"),
    "kind.step": ("步骤类型", "step kind"),
    "kind.satisfaction": ("回访满意度", "revisit satisfaction"),
    "kind.reason": ("上报原因", "escalation reason"),
    "kind.outcome": ("处置结果", "outcome"),
    # a task (contract.documents TaskInput)
    "task.issued_by.department": ("部门", "department"),
    "task.issued_by.town": ("镇街", "town"),
    "task.status.proposed": ("拟派", "proposed"),
    "task.status.assigned": ("已派", "assigned"),
    "task.channel.unified_dispatch": ("统一派单", "unified dispatch"),
    "task.channel.direct": ("直接派发", "direct"),
    # an event (contract.documents EventInput): how a level's handling ended, in its history
    "event.outcome.unresolved": ("本级无法解决", "cannot be resolved at this level"),
    "event.outcome.overdue": ("超时未办结", "overdue"),
    "event.outcome.resolved": ("已办结", "resolved"),
    # a lifecycle record (contract.lifecycle): its steps' kinds, an escalation's reason, a 回访's result
    "record.step.dispatched": ("派单", "dispatched"),
    "record.step.direct_report": ("直报", "direct report"),
    "record.step.whistle": ("吹哨", "whistle"),
    "record.step.reported_in": ("报到", "reported in"),
    "record.step.responded": ("响应", "responded"),
    "record.step.feedback": ("反馈", "feedback"),
    "record.step.escalated": ("逐级上报", "escalated"),
    "record.step.extended": ("延期", "extended"),
    "record.step.returned": ("退哨", "returned"),
    "record.step.resolved": ("办结", "resolved"),
    "record.step.revisit": ("回访", "revisit"),
    "record.step.reopened": ("复发", "reopened"),
    "record.reason.unresolved": ("本级无法解决", "cannot be resolved at this level"),
    "record.reason.overdue": ("超时未办结", "overdue"),
    "record.satisfaction.satisfied": ("满意", "satisfied"),
    "record.satisfaction.basic": ("基本满意", "basically satisfied"),
    "record.satisfaction.dissatisfied": ("不满意", "dissatisfied"),
    # a value that is neither a code nor a word: every choice by word and code (已派（assigned）)
    "input.unknown_word": ("没有「{value}」这一{what}，应为以下之一：{choices}",
                           "unknown {what} '{value}'; expected one of: {choices}"),
}


# everyday words for a code, besides the tool's own: suggested (是否指 镇街（town）？), never read as the code
# (nothing is decided on a guess). 街道 is what a street office is called, 乡镇 a county's towns; a body's
# own name (棠香街道, 区民政局) is suggested its code from the pack's names (``pack.names``)
SAID: dict[str, tuple[str, ...]] = {
    "task.issued_by.town": ("街道", "乡镇", "乡", "街道办", "街道办事处", "镇政府", "乡政府", "镇人民政府", "乡人民政府",
                            "基层治理指挥中心"),
    "task.issued_by.department": ("区级部门", "县级部门", "职能部门", "区直部门", "委办局", "主管部门", "行业部门"),
}


def code_words(document: str, kind: str) -> dict[str, str]:
    """The Chinese word of each code of ``document``'s ``kind`` (``task``, ``status``: proposed -> 拟派),
    in the catalogue's order."""
    prefix = f"{document}.{kind}."
    return {key[len(prefix):]: zh for key, (zh, _en) in CODES.items() if key.startswith(prefix)}
