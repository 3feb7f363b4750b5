"""What each field of the contract's documents means, in Chinese (docs/reference.md is
generated from the JSON Schemas with these notes: ``python -m gridrules.pack.docgen docs``)."""

from __future__ import annotations

# the documents the reference describes, in its order, with their Chinese titles
DOCUMENTS = {
    "task": "任务（check-task 的输入）",
    "task_decision": "任务准入结论（check-task 的输出）",
    "event": "事件（route 的输入）",
    "event_decision": "事件分派结论（route 的输出）",
    "application": "纳入清单申请（admission review/approve 的输入）",
    "lifecycle_record": "事件处置记录（route --record、assess 的输入）",
}

# the id patterns of gridrules.contract.base, as a person reads them
PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "编号（小写字母、数字、下划线；输入时也可写名称）",
    r"^[A-Z]{1,4}[0-9]{2,}$": "编码（大写字母加数字，如 MD02、L13）",
    r"^[A-Z]{1,4}[0-9]{2,4}$": "编码（如 D03）",
    r"^[a-z0-9][a-z0-9_-]*$": "单位编码（输入时也可写名称）",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": "编号（字母、数字、.、_、-）",
    r"^[^\x00-\x1f]*[^\x00-\x1f\s][^\x00-\x1f]*$": "文字（不含控制字符，不能只有空格）",
    r"\S": "文字（不能只有空格）",
    r"^sha256:[0-9a-f]{64}$": "sha256:… 摘要",
}

NOTES = {
    # task
    "title": "任务名称。",
    "issued_by": "谁发起：`department` 区级部门，`town` 镇街（这时 department 与 town 都写镇街）。",
    "assignee": "交给哪类网格员承担（`gridrules show roles`）。",
    "activities": "任务包含的活动（`gridrules show activities`）；全部都要在清单事项或批复的范围内。",
    "list_item": "部门所依据的清单事项编号（可不写：自动找涵盖本任务的事项）。",
    "temporary_approval": "镇街所依据的专题研究批复编号。",
    "start": "任务开始日期。",
    "end": "任务结束日期（长期任务不写）。",
    "status": "任务状态：`proposed` 拟派，`assigned` 已派（已派而未准入的标注违规指派）。",
    "channel": "派单渠道：`unified_dispatch` 经综治中心统一派单，`direct` 部门直接派给网格员（标注绕过统一派单）。",
    "hours_per_month": "每个网格每月增加的工作量（小时），用于核对工作量上限。",
    "description": "说明（自由文字；决定日志不原样保存）。",
    "reporter_role": "报告人的角色（角色编号或名称；直报须由网格长提出）。",
    "direct_report_claimed": "事件自称已直报（true/false）；报告人不是网格长时标注 direct_report_by_role。",
    "facts": "本规则包自己声明的事实（language.yaml 的 facts：名称 → 取值），规则可以读取。",
    "department": "发起部门（`gridrules show departments`）；镇街发起时写镇街。",
    "town": "镇街（`gridrules show towns`）。",
    "id": "调用方自己的编号，原样写回结论。",
    # task decision
    "task": "任务编号（输入的 id）。",
    "verdict": "结论：`admitted` 准入，`temporary` 临时准入，`needs_application` 需申请，`forbidden` 禁止。",
    "duty": "对应的职责编号（责任清单）。",
    "valid_until": "准入的有效期到哪天（长期有效为 null）。",
    "responsible_level": "承担层级：准入时为网格；否则是应自行承担的层级。",
    "flags": "标注（见 README 的标注表）。",
    "reasons": "理由：每条写明规则编号、中文说明和政策依据。",
    "reasons[].rule": "规则在规则包中的编号。",
    "reasons[].text": "一句中文说明。",
    "reasons[].basis": "所依据的政策条款。",
    "pack": "作出判定的规则包：名称、版本、摘要。",
    "at": "判定时刻。",
    "next_steps": "下一步可以怎么做（中文）。",
    # event
    "type": "事件类型编码（`gridrules show types`；也可写名称，如 燃气泄漏）。",
    "reported_at": "上报时间（须带时区）。",
    "grid": "上报网格（`gridrules show grids`）。未登记的网格也照常判定，并标注 unknown_unit；写明村(社区)和镇街，由村(社区)或镇街处置时才能找到处置单位。",
    "community": "村(社区)：网格未登记时才需要。",
    "grade": "上报时给出的等级（只能调高，不能调低；`gridrules show grades`）。",
    "life_threat": "是否对生命财产有现实威胁。",
    "people_involved": "涉及人数。",
    "reporters": "上报人数（群发）。",
    "recurrences_30d": "30 日内同类事件重复发生次数（高发）。",
    "spans": "是否跨网格、跨村(社区)、跨镇街：`none`、`grids`、`communities`、`towns`。",
    "needs_enforcement": "是否需要执法。",
    "history": "已有的处置经过（逐级上报时用）。",
    "history[].level": "处置层级（`gridrules show levels`）。",
    "history[].outcome": "结果：`resolved` 办结，`unresolved` 本级无法解决，`overdue` 超时未办结。",
    "history[].at": "时间（须带时区）。",
    "assigned_to": "调度员拟派或已派的层级；越级或不当的标注违规指派。",
    # event decision
    "event": "事件编号（输入的 id）。",
    "level": "处置层级。",
    "handler": "处置单位：层级、单位编号和名称。",
    "departments": "责任部门。",
    "direct_report": "需直报的层级。",
    "whistle": "吹哨：哨种、被吹哨部门和报到时限（ISO 8601 时长，如 PT30M 即 30 分钟）。",
    "deadlines": "时限：响应、办结、反馈的截止时刻（按事件自己的时区）。",
    "escalated": "是否已逐级上报。",
    "risk": "风险等级和防范措施。",
    # application
    "item": "事项名称。",
    "applicant": "申请部门（编号或名称）。",
    "basis": "法律或政策依据。",
    "content": "工作内容。",
    "categories": "类别。",
    "frequency": "频次。",
    "subsidy": "工作补贴（元/网格/月）。",
    "training": "培训：责任单位和计划。",
    # lifecycle record
    "digest": "当初判定所用规则包的摘要（不一致时标注，不拒绝）。",
    "steps": "处置步骤，按时间顺序。",
    "ratings": "镇街对被吹哨部门的 1–5 分评价。",
    "note": "备注（自由文字）。",
}
