"""What each field of the contract's documents means, in Chinese (docs/reference.md is
generated from the JSON Schemas with these notes: ``python -m gridrules.pack.docgen docs``).

A note belongs to one document and one field path in it (``history[].at``; ``steps[escalated].level``
for a field of one kind of lifecycle step): a field of the same name elsewhere means something
else (a decision's ``list_item`` is not the task's), so no note is borrowed by name."""

from __future__ import annotations

from .codes import code_words

# the documents the reference describes, in its order, with their Chinese titles
DOCUMENTS = {
    "task": "任务（check-task 的输入）",
    "task_decision": "任务准入结论（check-task 的输出）",
    "event": "事件（route 的输入）",
    "event_decision": "事件分派结论（route 的输出）",
    "application": "纳入清单申请（admission review/approve 的输入）",
    "lifecycle_record": "事件处置记录（route --record、assess 的输入）",
}

# the id patterns of gridrules.contract.base, as a person reads them: {named} is READS_NAMES where
# a field may be given by name (pack/names.py reads it), {name_max} an outside body's longest name
PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "编号（小写字母、数字、下划线{named}）",
    r"^[A-Z]{1,4}[0-9]{2,}$": "编码（大写字母加数字{named}）",
    r"^[A-Z]{1,4}[0-9]{2,4}$": "编码（大写字母加数字，如 D03）",
    r"^[a-z0-9][a-z0-9_-]*$": "单位编码（小写字母或数字开头，只含小写字母、数字、- 和 _{named}）",
    r"^(?:[a-z][a-z0-9_]*|external:[^\x00-\x1f]*)$":
        "部门编号（小写字母、数字、下划线{named}），或 `external:` 加规则包登记之外的单位名称（名称最多 {name_max} 字符）",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": "编号（字母、数字、.、_、-）",
    r"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x1f\x7f]*$": "文字（不含控制字符，不能只有空格）",
    r"^[^\x00-\x1f\x7f]*$": "文字（一行，不含控制字符）",
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$": "文字（可以换行，不含其他控制字符）",
    r"\S": "文字（不能只有空格）",
    r"^sha256:[0-9a-f]{64}$": "sha256:… 摘要",
}

READS_NAMES = "；输入时也可写名称"

# the contract's codes by the words the tool reads them by (catalogue/codes.py): a task's status and
# channel, an event's history outcomes, a record's step kinds (each kind's note opens with its word), escalation reasons, 回访 results
_STEP = code_words("record", "step")
_WORDS = "（写编号或名称均可）"


def _coded(document: str, kind: str) -> str:
    """Each code of ``document``'s ``kind`` with its word: `proposed` 拟派，`assigned` 已派."""
    return "，".join(f"`{code}` {word}" for code, word in code_words(document, kind).items())

_FREE = "（自由文字；决定日志不原样保存）"
_LEVELS = "（`gridrules show levels`）"


def _reasons(rule: str) -> dict[str, str]:
    """The notes of a decision's reasons; ``rule``: a rule of its kind, for example."""
    return {
        "reasons": "理由：每条写明规则编号、中文说明和政策依据。",
        "reasons[].rule": f"规则在规则包中的编号（如 `{rule}`）。",
        "reasons[].text": "一句中文说明。",
        "reasons[].basis": "所依据的政策条款。",
    }


_PACK = {
    "pack": "作出判定的规则包：名称、版本、摘要。",
    "pack.name": "规则包的名称（pack.yaml 的 name）。",
    "pack.version": "规则包的版本（pack.yaml 的 version）。",
    "pack.digest": "规则包的摘要：由全部规则文件（用例除外）算出的 sha256，规则文件有任何改动都会变。",
}
_FLAGS = "标注的编号（没有时为空列表）；每个标注的含义见本文末尾的“标注”一节。"

NOTES: dict[str, dict[str, str]] = {
    "task": {
        "id": "调用方自己的编号，结论的 `task` 原样写回。",
        "title": f"任务名称{_FREE}。与说明一起做变相派单筛查。",
        "department": "发起部门（`gridrules show departments`）；镇街发起时写镇街。规则包登记之外的单位写 "
                      "`external:单位名称`（如 `external:市消防救援支队`），按没有清单事项的部门判定；"
                      "规则包里有的部门和镇街不能这样写。",
        "issued_by": "谁发起：" + _coded("task", "issued_by") + _WORDS + "；镇街发起时 department 与 town 都写该镇街。",
        "town": "镇街（`gridrules show towns`）：镇街发起时必填，且与 department 相同；部门任务也可写明在哪个镇街开展，"
                "工作量按该镇街核对（不写时按清单工作量最高的镇街计）。",
        "assignee": "交给哪类网格员承担（`gridrules show roles`）；该角色须有全部活动的权限。",
        "activities": "任务包含的活动（`gridrules show activities`），不重复；负面清单上的活动一律禁止，"
                      "其余都要在清单事项或批复的范围内。",
        "list_item": "部门所依据的清单事项编号（如 L13；`gridrules show items`）。可不写：自动找涵盖本任务的事项；"
                     "写了而该事项不涵盖本任务时标注 list_item_mismatch。",
        "temporary_approval": "镇街所依据的专题研究批复编号（`gridrules show temporary`）。",
        "start": "任务开始日期：按这一天有效的清单事项或批复判定。",
        "end": "任务结束日期（长期任务不写；不得早于开始日期）。",
        "status": "任务状态：" + _coded("task", "status") + _WORDS + "；已派而未准入的标注违规指派。",
        "channel": "派单渠道：" + _coded("task", "channel") + _WORDS
                   + "；前者经综治中心派单，后者由部门直接派给网格员（标注绕过统一派单）。",
        "hours_per_month": "本任务每个网格每月的工作量（小时）。超出所依据清单事项或批复登记工作量的部分计入清单工作量，"
                           "核对工作量上限；角色工作量上限按这个数核对。不写时按事项或批复登记的工作量计。",
        "facts": "规则包在 language.yaml 的 facts 中自己声明的事实，写成“事实编号: 取值”（是/否、数字，"
                 "或所声明的取值之一），供规则判断；规则包没有声明的不能写。",
        "description": f"任务说明{_FREE}。与标题一起做变相派单筛查。",
    },
    "task_decision": {
        "task": "任务编号：输入的 `id`，原样写回。",
        "verdict": "结论：`admitted` 准入，`temporary` 临时准入，`needs_application` 需申请，`forbidden` 禁止。",
        "list_item": "准入所依据的清单事项编号；不是按清单事项准入的（临时准入、需申请、禁止）为 null。",
        "duty": "对应的职责编号（责任清单，`gridrules show duties`）：准入事项的职责；未准入而注明了清单事项的，"
                "为该事项的职责；否则为 null。",
        "temporary_approval": "临时准入所依据的镇街专题研究批复编号；不是临时准入的为 null。",
        "valid_until": "准入有效期的最后一天：清单事项的截止日期或批复的最后一天；长期有效或未准入的为 null。",
        "responsible_level": f"承担层级的编号{_LEVELS}：准入或临时准入时为网格；否则是应自行承担这项工作的发起单位所在层级。",
        "flags": _FLAGS,
        **_reasons("item.L13"),
        **_PACK,
        "at": "核验时刻（`--at`，默认为现在）：按这一刻已知的清单事项和批复判定。",
        "next_steps": "下一步可以怎么做（中文，每项一句）；准入和临时准入时为空列表。",
        "subsidy": "准入清单事项的工作补贴（元/网格/月，费随事转）；不是按清单事项准入、或事项未列补贴的为 null。",
        "training_owner": "负责培训网格员的部门编号（准入清单事项的培训责任单位）；不是按清单事项准入、或事项未写明的为 null。",
        "accountable": "准入清单事项的责任部门编号（对这项工作负责）；不是按清单事项准入的为空列表。",
        "risk": "风险等级的编号（`low`、`medium`、`high`）：准入清单事项的；未准入而注明了清单事项的，为该事项的；"
                "否则为 null。防范措施见 `safeguard`。",
        "safeguard": "该风险等级要求的防范措施（风险清单）；没有风险等级时为 null。",
    },
    "event": {
        "id": "调用方自己的编号，结论的 `event` 原样写回。",
        "type": "事件类型编码（如 MD02；`gridrules show types`），也可写名称（如 燃气泄漏）。",
        "reported_at": "上报时间（须带时区）：时限从这一刻起算，结论中的时刻按这个时区写出。",
        "grid": "上报网格（`gridrules show grids`）。未登记的网格也照常判定，并标注 unknown_unit；写明村(社区)和镇街，"
                "由村(社区)或镇街处置时才能找到处置单位。",
        "community": "村(社区)：网格未登记时才需要。",
        "town": "镇街（`gridrules show towns`）：网格未登记时才需要。",
        "grade": "上报时给出的等级（`gridrules show grades`）：只能把事件类型的默认等级调高，不能调低。",
        "life_threat": "是否对生命财产有现实威胁（分级时据此调高等级）。",
        "people_involved": "涉及人数（人多时分级据此调高等级）。",
        "reporters": "反映同一事项的人数（人多属群发，分级时据此调高等级）。",
        "recurrences_30d": "30 日内同类事件重复发生次数（次数多属高发，分级时据此调高等级）。",
        "facts": "规则包在 language.yaml 的 facts 中自己声明的事实，写成“事实编号: 取值”（是/否、数字，"
                 "或所声明的取值之一），供规则判断；规则包没有声明的不能写。",
        "spans": "是否跨越同一种的几个单位：{spans}（内置规则包的取值，随规则包的单位种类而定）。只能写这些编号，不能写名称。"
                 "跨单元的事项至少由上一级统筹处置（标注 spans_units）。",
        "needs_enforcement": "是否需要行政执法（网格、村(社区)无执法权，至少由镇街处置）。",
        "history": "已有的处置经过，按时间顺序（逐级上报时用）：最后一条为本级无法解决或超时未办结时，处置层级上提一级。",
        "history[].level": f"这一条处置所在的层级{_LEVELS}。",
        "history[].outcome": "结果：" + _coded("event", "outcome") + _WORDS + "。",
        "history[].at": "这一条结果的时间（须带时区；不早于上报时间和前一条）。上提层级时，新层级的响应和办结时限从最后一条起算。",
        "history[].note": f"备注{_FREE}。",
        "assigned_to": f"调度员拟派或已派的层级{_LEVELS}；越级或不当的标注违规指派。",
        "description": f"事件说明{_FREE}。",
        "reporter_role": "报告人的角色（`gridrules show roles`）：以直报方式上报时，据此核对报告人有无直报权限（网格长）。",
        "direct_report_claimed": "事件是以直报方式上报的；报告人没有直报权限（或未写报告人角色）时标注 direct_report_by_role。",
    },
    "event_decision": {
        "event": "事件编号：输入的 `id`，原样写回。",
        "type": "事件类型编码（输入写名称时，这里写回编码）。",
        "grade": "判定的等级编号（`gridrules show grades`）：事件类型的默认等级，按分级规则或上报时给出的等级调高（只升不降）。",
        "level": f"处置层级的编号{_LEVELS}。",
        "handler": "处置单位：层级、单位编码和名称。",
        "handler.level": "处置层级的编号（与 `level` 相同）。",
        "handler.unit": "处置单位的编码：从上报网格沿单位树向上找到的该层级单位；找不到时为 null（并标注 unknown_unit）。",
        "handler.name": "处置单位的名称（organization/units.yaml 中该单位的名称，写了 handler_name 的按它，如某镇街的综治中心）；找不到单位时为 null。",
        "departments": "事件类型的责任部门编号（`gridrules show departments`）。",
        "direct_report": "须直报的层级编号（如紧急事件直报 `town`、`district`）；不需直报时为空列表。",
        "whistle": "吹哨：哨种、被吹哨部门、报到时限和吹哨网格；不吹哨时为 null。",
        "whistle.kind": "哨种的名称（如 应急哨、执法哨、日常哨）；几种同时适用时吹最强的一种。",
        "whistle.departments": "被吹哨、须来报到的部门编号（事件类型的责任部门）。",
        "whistle.report_within": "报到时限（ISO 8601 时长，如 PT30M 即 30 分钟）：哨种自身的时限与响应时限中较短的一个。",
        "whistle.blown_by": "吹哨的网格：上报网格的编码（网格吹哨，由处置单位的指挥中心转发）。",
        "deadlines": "时限：响应、办结、反馈的截止时刻（按上报时间的时区写出）。",
        "deadlines.respond_by": "响应截止时刻；逐级上报时从最后一条处置经过起算。",
        "deadlines.close_by": "办结截止时刻；逐级上报时从最后一条处置经过起算，处置记录中的延期会改变它。",
        "deadlines.feedback_by": "向群众反馈的截止时刻（从上报时间起算）。",
        "escalated": "处置层级是否因处置经过（本级无法解决或超时未办结）而上提，即逐级上报。",
        "flags": _FLAGS,
        **_reasons("grade.type_default"),
        **_PACK,
        "at": "判定时刻（`--at`，默认为事件的上报时间）：据此判断是否已过时限。",
        "risk": "事件类型的风险等级编号（`low`、`medium`、`high`；风险清单未列出的类型按默认等级）。防范措施见 `safeguard`。",
        "safeguard": "该风险等级要求的防范措施（风险清单）。",
        "next_steps": "下一步怎么做、几时做完（中文，每项一句），都由规则包算出：风险高于低的防范措施、直报、吹哨后部门几时前报到、"
                      "处置单位几时前响应和办结、本级无法解决时向谁上报、几时前向群众反馈、考核计回访满意率的办结后回访。"
                      "`route --record` 只列记录中尚未做的（另有待报到、已退哨、办结后回访）。",
    },
    "application": {
        "id": "申请编号（如 APP-2026-017），审查意见原样写回。",
        "item": "拟纳入清单的事项名称。",
        "applicant": "申请部门（`gridrules show departments`）。",
        "basis": "法律或政策依据。",
        "content": "网格员要做的工作内容。",
        "duty": "对应的职责编号（责任清单，`gridrules show duties`）。",
        "activities": "事项包含的活动（`gridrules show activities`）。",
        "categories": "事项的类别（如 民生需求项目）。",
        "frequency": "工作频次（如 每年集中核查一次）。",
        "hours_per_month": "每个网格每月的工作量（小时）；审查时核对加上后是否超过清单工作量上限。",
        "subsidy": "工作补贴（元/网格/月，费随事转）。",
        "training": "培训：培训责任单位和培训计划。",
        "training.owner": "负责培训网格员的部门（`gridrules show departments`）。",
        "training.plan": "培训计划（何时、由谁、怎样培训）。",
        "risk": "风险等级：`low` 低，`medium` 中，`high` 高（风险清单）。",
        "start": "事项开始日期。",
        "end": "事项结束日期（只有定期事项写；长期事项不写）。",
    },
    "lifecycle_record": {
        "event": "事件，写成首次分派时的样子：字段同 route 的输入（见下），但不写 history，处置经过写在 steps 中。",
        "event.history": "处置记录中不写：处置经过写在 steps 中。",
        "digest": "当初判定所用规则包的摘要（与现用规则包不一致时标注，不拒绝）。",
        "steps": "处置步骤，按时间顺序；每步的 kind 决定它还有哪些字段（见下）。",
        "ratings": "镇街对被吹哨部门的评价。",
        "note": "备注（自由文字）。",
        "steps[].at": "这一步的时间（须带时区）；各步按时间顺序，不早于上报时间。",
        "steps[dispatched].kind": _STEP["dispatched"] + "：把事件派给某一层级（及其单位）。",
        "steps[dispatched].level": f"派往的层级{_LEVELS}。",
        "steps[dispatched].unit": "派往的单位（可不写）。",
        "steps[direct_report].kind": _STEP["direct_report"] + "：网格长把紧急事项直接报上去（网格吹哨）。",
        "steps[whistle].kind": _STEP["whistle"] + "：召集部门前来报到。",
        "steps[whistle].departments": "被吹哨的部门（`gridrules show departments`）。",
        "steps[reported_in].kind": _STEP["reported_in"] + "：被吹哨的部门前来报到。",
        "steps[reported_in].department": "前来报到的部门；须是此前吹哨召集的部门。",
        "steps[responded].kind": _STEP["responded"] + "：处置单位作出响应。",
        "steps[responded].unit": "作出响应的单位。",
        "steps[feedback].kind": _STEP["feedback"] + "：向群众反馈。",
        "steps[escalated].kind": _STEP["escalated"] + "：上提到高一级的层级。",
        "steps[escalated].level": f"上提到的层级{_LEVELS}；须正好比当前层级高一级。",
        "steps[escalated].reason": "上报原因：" + _coded("record", "reason") + _WORDS + "。",
        "steps[extended].kind": _STEP["extended"] + "：办结截止时刻改为 until；须在原办结截止时刻之前（最迟在那一刻）记录，"
                                "时限过后才记录的延期不改变时限。",
        "steps[extended].until": "延期后的办结截止时刻（须晚于这一步的时间，且不早于当时的办结截止时刻：延期只能推后时限）。",
        "steps[extended].approved_by": "批准延期的人或单位。",
        "steps[returned].kind": _STEP["returned"] + "：被吹哨的部门把哨退回，并写明理由。",
        "steps[returned].department": "退哨的部门；须是此前吹哨召集的部门。",
        "steps[returned].reason": "退哨理由。",
        "steps[resolved].kind": _STEP["resolved"] + "。",
        "steps[revisit].kind": _STEP["revisit"] + "：办结后回访群众。",
        "steps[revisit].satisfaction": "回访满意度：" + _coded("record", "satisfaction") + _WORDS + "。",
        "steps[reopened].kind": _STEP["reopened"] + "：办结后事项又出现（须在办结之后）。",
        "ratings[].town": "作出评价的镇街（`gridrules show towns`）。",
        "ratings[].department": "被评价的部门；须是本事件吹哨召集的部门。",
        "ratings[].score": "评分：1 分最低，5 分最高。",
    },
}

# a prefix of a document's paths under which another document is held whole: the fields
# there have that document's notes (the record's event is an event as route reads it)
HELD = {"lifecycle_record": {"event.": "event"}}

# what the catalogue's field names (catalogue/fields.py) do not name: decision fields only the
# reference shows
NAMES = {
    "task_decision": {"training_owner": "培训责任单位", "accountable": "责任部门"},
    "event_decision": {"whistle.blown_by": "吹哨网格"},
}

# what each flag of the contract means, by decision (its name is the catalogue's, dec.flag.*):
# when the bundled pack's rules raise it
FLAG_NOTES = {
    "task": {
        "forbidden_activity": "任务含负面清单上的活动：结论为禁止，任何审批都不能交给网格员。",
        "beyond_role_power": "承担角色没有某项活动的权限（权力清单）：结论为禁止，可改派有权限的角色或删去该活动。",
        "list_item_mismatch": "任务注明的清单事项不涵盖本任务（责任部门、活动范围、有效期或适用镇街不符）。",
        "temporary_unknown": "任务注明的批复不存在，或在核验时刻尚未作出。",
        "temporary_wrong_town": "任务注明的批复是别的镇街作出的：批复只准入作出批复的镇街自己发起的工作。",
        "temporary_expired": "任务注明的批复在任务开始日之前已到期，或已被撤销（撤销施行之日及以后开始的工作不再准许）。",
        "temporary_mismatch": "任务注明的批复不涵盖本任务（活动范围或日期不符）。",
        "unlisted": "工作不在清单内（或已过有效期），也没有有效的临时事项批复：结论为需申请。",
        "unauthorized_assignment": "任务已派（status 为 assigned），结论却是需申请或禁止：违规派单。",
        "bypassed_unified_dispatch": "任务已派，且由部门直接派给网格员（channel 为 direct），没有经综治中心统一派单。",
        "over_capacity": "清单工作量加上本任务新增的工作量，每网格每月超过工作量上限。",
        "suspected_negative": "任务标题或说明中出现负面清单的“变相派单”用语，请核实任务的真实内容（提示，不改变结论）；"
                              "紧挨在规则包所列否定词后面的用语不算（那是写明不做），隔了字的照算。",
        "over_role_capacity": "交给承担角色的工作量每网格每月超过该角色的上限。",
        "training_pending": "所依据清单事项的网格员培训尚未记录为在任务开始日之前完成（提示）。",
        "no_subsidy": "所依据的清单事项没有列出工作补贴，不符合费随事转。",
    },
    "event": {
        "grade_raised": "等级高于事件类型的默认等级（按分级规则或上报时给出的等级调高）。",
        "escalated_unresolved": "处置经过的最后一条为本级无法解决，改由该层级的上一级处置（逐级上报）。",
        "escalated_overdue": "处置经过的最后一条为超时未办结，改由该层级的上一级处置（逐级上报）。",
        "needs_enforcement": "事项需要行政执法：网格、村(社区)无执法权，至少由镇街处置。",
        "spans_units": "事项跨多个网格、村(社区)或镇街，至少由上一级统筹处置。",
        "direct_report": "紧急事件由网格长直报（结论的 direct_report 列出直报的层级），不必逐级上报。",
        "direct_report_by_role": "事件以直报方式上报，报告人却不是有直报权限的网格长（或未写报告人角色）。",
        "whistle": "由镇街或区处置、又需要部门处置的事件，网格吹哨：被吹哨部门须在时限内向处置单位报到（哨种和时限见结论的 whistle）。",
        "unauthorized_assignment": "调度指派的层级低于应处置层级，或事项需要执法而指派的层级没有执法权。",
        "unknown_unit": "登记表中找不到应处置的单位（handler.unit 为 null），请核实网格、村(社区)登记后指派。",
        "calendar_incomplete": "办结时限跨入规则包日历尚未收录的年份，该部分只按周一至周五计算，须待放假安排公布后复核。",
        "past_deadline": "判定时刻已晚于响应、办结或反馈时限。",
    },
}
# what a flag a pack declares itself (language.yaml flags) means, beside its name
OWN_FLAG = "规则包在 language.yaml 的 flags 中自己声明的标注，由它的规则标出。"
FLAGS_HEADING = (
    "判定结论的 `flags` 列出下列标注的编号（按下表的顺序）。下表按本文所依据的规则包——随 gridrules 安装的内置规则包——"
    "生成：先列对外契约固定的标注，再列该规则包在 language.yaml 的 flags 中自己声明的标注；含义按内置规则包的规则写出。"
    "用 `--pack` 指定其他规则包时，它自己声明的标注以它的 language.yaml 为准。"
)
