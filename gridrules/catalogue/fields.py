"""What the contract's fields are called, so an error names a field in Chinese and by its id.

These are the tool's own documents (task, event, application, lifecycle record, history
entries, the workflow's options), not the pack's: the pack names its facts itself
(``language.yaml``), and those names are used where the pack's rules are quoted.
"""

from __future__ import annotations

import re

from . import english

FIELD_NAMES: dict[str, str] = {
    # task
    "id": "编号",
    "title": "标题",
    "department": "部门",
    "issued_by": "发起方",
    "town": "镇街",
    "assignee": "承担角色",
    "activities": "活动",
    "list_item": "清单事项",
    "temporary_approval": "临时事项批复",
    "start": "开始日期",
    "end": "结束日期",
    "status": "状态",
    "channel": "派单渠道",
    "hours_per_month": "每网格每月工作量（小时）",
    "description": "说明",
    "reporter_role": "报告人角色",
    "direct_report_claimed": "自称已直报",
    "facts": "规则包自定义事实",
    # event
    "type": "事件类型",
    "reported_at": "上报时间",
    "grid": "网格",
    "community": "村(社区)",
    "grade": "等级",
    "life_threat": "生命财产现实威胁",
    "people_involved": "涉及人数",
    "reporters": "上报人数",
    "recurrences_30d": "30日内重复发生次数",
    "spans": "跨单元",
    "needs_enforcement": "需要执法",
    "history": "处置经过",
    "assigned_to": "指派层级",
    "level": "层级",
    "outcome": "结果",
    "at": "时间",
    "note": "备注",
    # application
    "item": "事项名称",
    "applicant": "申请部门",
    "basis": "依据",
    "content": "工作内容",
    "duty": "对应职责",
    "categories": "类别",
    "frequency": "频次",
    "subsidy": "工作补贴（元/网格/月）",
    "training": "培训",
    "owner": "培训责任单位",
    "plan": "培训计划",
    "delivered_on": "培训完成日期",
    # lifecycle record
    "event": "事件",
    "digest": "规则包摘要",
    "steps": "处置步骤",
    "ratings": "评价",
    "steps.kind": "步骤类型",  # a lifecycle record's step (a case file's or a document's kind is another)
    "whistle.kind": "吹哨类型",
    "unit": "单位",
    "departments": "部门",
    "until": "延期至",
    "approved_by": "批准人",
    "reason": "理由",
    "satisfaction": "满意度",
    "score": "评分",
    # decisions
    "task": "任务",
    "verdict": "结论",
    "valid_until": "有效期至",
    "responsible_level": "承担层级",
    "flags": "标注",
    "reasons": "理由",
    "rule": "规则",
    "text": "说明",
    "pack": "规则包",
    "version": "版本",
    "next_steps": "下一步",
    "handler": "处置单位",
    "direct_report": "直报",
    "whistle": "吹哨",
    "report_within": "报到时限",
    "deadlines": "时限",
    "respond_by": "响应截止",
    "close_by": "办结截止",
    "feedback_by": "反馈截止",
    "escalated": "已逐级上报",
    "risk": "风险",
    "safeguard": "防范措施",
    # amend and history (the changes a decision makes to an item)
    "owners": "责任部门",
    "towns": "适用镇街",
    "effective": "有效期",
    "effective.to": "截止日期",
    "approval": "审定",
    "withdrawal": "撤销",
    "legal_basis": "法律依据",
    "name": "名称",
    "work": "工作",
    "from": "起始日期",
    "to": "截止日期",
    "session": "会议届次",
    "date": "日期",
    "override": "推翻审查意见的理由",
    "line": "行",
    "changes": "修改",
    "within": "期限",
    "ref": "批复编号",
    # the command line's arguments (gridrules temporary withdraw REF, admission withdraw ITEM)
    "REF": "批复编号",
    "ITEM": "清单事项",
}

_INDEX = re.compile(r"\[[0-9]*\]")  # history[0].level, and steps[].kind as the reference writes it


def field_name(field: str) -> str:
    """The Chinese name of a field path (``history[0].level`` -> 层级), or '' when it has none."""
    if not field or field.startswith("-"):
        return ""
    plain = _INDEX.sub("", field)
    if plain in FIELD_NAMES:
        return FIELD_NAMES[plain]
    last = plain.rsplit(".", 1)[-1]
    return FIELD_NAMES.get(last, "")


def field_label(field: str, pack_file: str = "", shown: str | None = None) -> str:
    """How a problem names its field: 部门（department） in Chinese, the id in English;
    ``pack_file``: the pack file the field is in (its own names, not the contract's); ``shown``: the
    id as the caller names the field, when not as the file does (a request's valid_to for the file's to)."""
    if english():
        name = ""
    elif pack_file:
        from .packfields import pack_field_name

        name = pack_field_name(pack_file, field)
    else:
        name = field_name(field)
    shown = shown or field
    return f"{name}（{shown}）" if name else shown
