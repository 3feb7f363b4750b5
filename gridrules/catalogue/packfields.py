"""What the fields of the pack's own files are called, so a problem in a pack file names its
field in Chinese and by its id.  The contract's names (``fields.py``) mean other things in
these files (``kind`` of a unit is not a lifecycle step's kind, ``level`` in risk.yaml is a
risk level): a pack file's field is named from its file's table, then from the words every
file shares; the rule files fall back on the contract's names (their conditions test facts)."""

from __future__ import annotations

import re

SHARED = {"id": "编号", "name": "名称", "basis": "依据", "text": "说明", "note": "备注", "description": "说明",
          "code": "编码", "title": "标题"}

RULES = {"when": "条件", "grade_step": "等级升级", "level_step_from_last": "逐级上报", "direct_report": "直报层级",
         "whistle": "吹哨", "flag": "标注", "states": "陈述", "deadlines": "时限", "stage": "阶段", "rules": "规则",
         "respond": "响应时限", "close": "办结时限", "feedback": "反馈时限", "grade": "等级", "level": "层级",
         "minutes": "分钟", "hours": "小时", "working_days": "工作日"}

BY_FILE: dict[str, dict[str, str]] = {
    "admission/bodies.yaml": {"bodies": "议事机构", "level": "层级", "unit": "单位", "lists": "清单", "code_prefix": "编号前缀",
                              "decision": "决定的写法", "temporary": "临时事项", "used_by": "使用方", "max_days": "最长天数"},
    "admission/items.yaml": {"items": "清单事项", "activities": "活动", "amendments": "修订", "approval": "审定", "date": "日期",
                             "delivered_on": "培训完成日期", "duty": "对应职责", "effective": "有效期", "from": "起始日期",
                             "to": "截止日期", "end": "截止日期", "frequency": "频次", "hours_per_month": "每网格每月工作量（小时）",
                             "owner": "培训责任单位", "owners": "责任部门", "risk": "风险等级", "session": "会议届次",
                             "subsidy": "工作补贴（元/网格/月）", "terms": "修订后的条款", "towns": "适用镇街", "training": "培训",
                             "withdrawal": "撤销", "body": "审定机构", "unit": "单位", "list": "清单", "categories": "类别",
                             "content": "工作内容", "legal_basis": "法律依据", "application": "申请",
                             "override": "推翻审查意见的理由", "plan": "培训计划"},
    "admission/temporary.yaml": {"approvals": "临时事项批复", "ref": "批复编号", "unit": "单位", "body": "决定机构",
                                 "decided_on": "决定日期", "work": "工作", "activities": "活动", "from": "起始日期",
                                 "to": "截止日期", "hours_per_month": "每网格每月工作量（小时）", "withdrawn_on": "撤销日期",
                                 "withdrawn_from": "撤销生效日期"},
    "admission/policy.yaml": {"categories": "类别", "parameters": "参数", "value": "值", "responsible_level": "承担层级",
                              "admitted": "已准入的工作", "department": "部门发起的工作", "town": "镇街发起的工作",
                              "external": "外部机关发起的工作", "application_fields": "申请表字段", "field": "字段",
                              "unit": "计量单位", "capacity_hours_per_grid_month": "每网格每月清单工作量上限",
                              "temporary_max_days": "临时事项最长天数",
                              "application_lead_working_days": "申请应提前的工作日数",
                              "meeting_decision_working_days": "审定时限（工作日）",
                              "calendar_notice_days": "节假日日历到期提醒（天）"},
    "admission/review.yaml": {"findings": "审查意见", "severity": "严重程度", "outcome": "结果", "overridable": "可推翻",
                              "hint": "提示", "field_names": "申请字段名称", "item_basis": "事项依据",
                              "recommendations": "建议", "temporary": "临时事项审查意见",
                              "missing_field": "缺少申请内容", "unknown_code": "编号不存在",
                              "negative_activity": "活动在负面清单上", "beyond_powers": "活动超出网格角色权限",
                              "duplicates_item": "与清单事项重复", "overlaps_item": "与清单事项部分重叠",
                              "same_work_item": "与其他部门的清单事项工作相同", "over_capacity": "超过工作量上限",
                              "no_subsidy": "没有工作补贴", "training_incomplete": "培训没有写明",
                              "short_notice": "申请提前量不足", "no_risk": "没有写明风险等级",
                              "screened_word": "疑似变相派单用语", "start_passed": "开始日期已过",
                              "too_long": "超过最长期限", "approve": "建议纳入的说明",
                              "incomplete": "建议退回补正的说明", "reject": "建议不予纳入的说明"},
    "admission/rules.yaml": {"phrases": "短语", "next_steps": "下一步",
                             "negative": "活动在负面清单上的说明", "role": "角色没有权限的说明",
                             "item": "清单事项准入的说明", "relay": "镇街转交清单事项的说明",
                             "suspected_negative": "疑似负面清单工作的提示", "temporary": "临时事项准入的说明",
                             "temporary_wrong_town": "批复不是本镇街的说明", "temporary_expired": "批复已到期的说明",
                             "temporary_withdrawn": "批复已撤销的说明", "temporary_not_in_force": "批复尚未作出的说明",
                             "temporary_unknown": "没有这个批复的说明",
                             "list_item_mismatch": "注明的清单事项不涵盖任务的说明",
                             "temporary_mismatch": "批复不涵盖任务的说明",
                             "unlisted_department": "部门的工作不在清单内的说明",
                             "unlisted_town": "镇街的工作不在清单内的说明",
                             "unlisted_pending": "清单事项尚未生效的说明", "unlisted_ends": "清单事项先到期的说明",
                             "remove_forbidden": "删除负面清单活动", "reassign": "改派有权限的角色",
                             "apply": "申请纳入清单", "study": "镇街专题研究", "registration": "先登记为部门",
                             "no_role": "没有可改派的角色时",
                             "not_owner": "不是责任部门", "item_beyond": "活动超出事项范围",
                             "item_not_in_force": "事项未生效或已撤销", "item_wrong_town": "事项不适用于本镇街",
                             "item_otherwise": "事项不涵盖的其他情形", "approval_beyond": "活动超出批复范围",
                             "approval_otherwise": "批复不涵盖的其他情形", "starts_before": "开始日期早于生效日期",
                             "starts_after": "开始日期晚于截止日期", "ends_after": "结束日期晚于截止日期",
                             "separator": "各条之间的分隔符", "validity_open": "长期有效的写法",
                             "validity_until": "有效期截止的写法", "busiest_town": "未注明镇街时的补充说明"},
    "admission/form.yaml": {"prompts": "填写提示", "options": "选项", "heading": "标题",
                            "prompts.*": "{name}的填写提示", "options.department": "部门选项的写法",
                            "options.duty": "职责选项的写法", "options.activity": "活动选项的写法",
                            "options.negative": "负面清单活动的写法", "options.negative_lead": "负面清单活动前的提示",
                            "options.between": "选项之间的分隔符"},
    "assessment.yaml": {"at_level": "办结层级", "bar": "达标线", "below_score": "低于分数", "black": "黑榜", "red": "红榜",
                        "budget": "预算建议", "handled_within": "处置不出层级", "indicators": "指标",
                        "late_whistle_kinds": "报到超时的吹哨类型", "levels": "考核对象", "min_cases": "最少件数",
                        "min_score": "最低分", "reopen_window_days": "重新打开期限（天）", "satisfied": "满意的回访结果",
                        "scope_max_level": "最高处置层级", "weight": "权重", "within": "不出层级", "grids": "网格",
                        "levels.department": "职能部门的考核", "levels.town": "镇街的考核",
                        "levels.community": "村(社区)的考核"},
    "calendar": {"year": "年份", "holidays": "节假日", "days_off": "放假日期", "makeup_workdays": "调休上班日",
                 "from": "起始日期", "to": "截止日期"},
    "events/types.yaml": {"categories": "类别", "prefix": "编码前缀", "types": "事件类型", "level": "默认处置层级",
                          "grade": "默认等级", "owners": "责任部门"},
    "events/dispatch.yaml": {"whistle_kinds": "吹哨类型", "report_within": "报到时限", "duration_words": "时长的写法",
                             "minutes": "分钟", "hours": "小时", "working_days": "工作日"},
    "events/grading.yaml": {"grades": "等级"},
    "organization/departments.yaml": {"departments": "部门", "unit": "所在单位"},
    "organization/levels.yaml": {"levels": "处置层级", "unit": "处置单位类型", "actors": "处置力量", "powers": "权力",
                                 "grid_kinds": "网格类型", "households": "户数标准", "min": "最小值", "max": "最大值",
                                 "grid_staffing": "网格力量配备", "roles": "配备角色", "column": "登记表列名"},
    "organization/registry.yaml": {"communities": "村(社区)", "grids": "网格", "town": "所在镇街", "kind": "网格类型",
                                   "parent": "上级网格", "staff": "配备", "households": "户数", "sample": "示例数据"},
    "organization/units.yaml": {"unit_kinds": "单位类型", "units": "单位", "kind": "单位类型", "spans": "跨单位取值",
                                "handler_name": "处置单位名称", "community_ids": "村(社区)编号",
                                "drop_endings": "省略的名称后缀", "district": "区县", "towns": "镇街",
                                "town_handler_name": "镇街处置单位名称"},
    "pack.yaml": {"decision_log": "决定日志", "drop": "舍弃的字段", "hash": "取哈希的字段", "sources": "来源",
                  "utc_offset": "时区", "version": "版本"},
    "powers/activities.yaml": {"activities": "活动"},
    "powers/negative_list.yaml": {"entries": "条目", "activity": "活动", "activity_name": "活动名称", "finding": "结论",
                                  "forbidden": "禁止内容", "screening_words": "甄别词",
                                  "screening_exceptions": "甄别例外", "screening_negations": "甄别否定词",
                                  "screening_negation_exceptions": "甄别否定词例外"},
    "powers/roles.yaml": {"roles": "角色", "activities": "活动", "own_hours_limit": "自有工作量上限",
                          "special_powers": "特殊权限"},
    "responsibilities/duties.yaml": {"duties": "职责", "groups": "职责分组", "group": "职责分组", "subjects": "工作对象",
                                     "words": "对象的其他说法"},
    "risk.yaml": {"levels": "风险等级", "level": "风险等级", "default": "默认风险等级", "entries": "条目",
                  "safeguard": "防范措施"},
    "history.yaml": {"changes": "修改记录", "seq": "序号", "action": "动作", "target": "对象", "decision": "决定",
                     "version": "版本", "previous_version": "前一版本", "by": "决定机构", "session": "会议届次",
                     "reference": "文号", "unit": "单位", "town": "镇街", "department": "部门", "source": "来源",
                     "date": "日期", "reason": "理由", "recorded_at": "记录时间", "genesis": "创始记录",
                     "application": "申请编号", "review": "审查意见", "override": "推翻审查意见的理由",
                     "recommendation": "审查建议", "blocking": "阻断性意见",
                     "fields": "修改的字段", "field": "字段", "before": "修改前", "after": "修改后",
                     "units": "登记表的增减", "added": "新增个数", "changed": "修改个数", "removed": "删除个数",
                     "effective": "生效日期", "previous_digest": "修改前的规则包摘要",
                     "content": "内容摘要", "content_before": "修改前的内容摘要", "content_after": "修改后的内容摘要",
                     "files": "各文件的摘要", "previous": "上一条记录的摘要", "hash": "本条记录的摘要"},
    "language.yaml": {"conditions": "条件的写法", "operators": "运算符", "fields": "字段名称", "facts": "自定义事实",
                      "flags": "自定义标注", "kind": "类型", "values": "取值",
                      "conditions.always": "“总是成立”的读法", "conditions.never": "“从不成立”的读法",
                      "conditions.all": "“且”的读法", "conditions.any": "“或”的读法", "conditions.not": "“并非”的读法",
                      "conditions.exists": "“已填写”的读法", "conditions.missing": "“未填写”的读法",
                      "conditions.is_true": "“是”的读法", "conditions.is_false": "“否”的读法",
                      "operators.eq": "等于", "operators.ne": "不等于", "operators.gt": "大于", "operators.gte": "大于等于",
                      "operators.lt": "小于", "operators.lte": "小于等于", "operators.in": "属于",
                      "operators.not_in": "不属于", "operators.includes": "包含其中之一",
                      "operators.excludes": "不包含其中任何一个", "operators.all_in": "全部属于",
                      "operators.any_not_in": "有不属于的",
                      "fields.task": "任务的事实字段", "fields.event": "事件的事实字段",
                      "fields.task.*": "任务事实字段的名称", "fields.event.*": "事件事实字段的名称",
                      "flags.task": "任务的自定义标注", "flags.event": "事件的自定义标注",
                      "facts.task": "任务的自定义事实", "facts.event": "事件的自定义事实"},
}

_INDEX = re.compile(r"\[[0-9]+\]")


def _is_rules(rel: str) -> bool:
    return rel.startswith("events/") or rel == "admission/oversight.yaml"


def _in_table(table: dict[str, str], steps: list[str]) -> str:
    """The name ``table`` gives the field at ``steps``: by its longest tail the table has (``operators.eq``
    before ``eq``), a tail's last step ``*`` standing for any key there (``{name}``: that key's contract
    name, ``prompts.*``: 事项名称的填写提示); '' when it has none."""
    for start in range(len(steps)):
        tail = steps[start:]
        for key in (".".join(tail), ".".join(tail[:-1] + ["*"])):
            if key in table:
                from .fields import field_name

                return table[key].format(name=field_name(steps[-1]) or steps[-1])
    return ""


def pack_field_name(rel: str, field: str) -> str:
    """The Chinese name of ``field`` (as a problem shows it: ids for list entries) in the pack
    file ``rel``, or '' when it has none."""
    if not field:
        return ""
    steps = _INDEX.sub("", field).split(".")
    last = steps[-1]
    table = BY_FILE.get("calendar" if rel.startswith("calendar/") else rel, {})
    name = _in_table(table, steps) or SHARED.get(last, "")
    if not name and _is_rules(rel):
        from .fields import FIELD_NAMES

        name = RULES.get(last) or FIELD_NAMES.get(last, "")
    return name


def key_meanings(key: str) -> set[str]:
    """What ``key`` means wherever the catalogue names it (any pack file's table, the shared words, the
    rule files' and the contract's names): the Chinese words a key written in the wrong file may be
    meant as (``date``: 日期, which a temporary approval writes ``decided_on``, 决定日期)."""
    from .fields import FIELD_NAMES

    tables = [SHARED, RULES, FIELD_NAMES, *BY_FILE.values()]
    return {table[key] for table in tables if table.get(key)}


def meant_by_meaning(key: str, names: dict[str, str]) -> list[str]:
    """The keys of ``names`` (key -> its Chinese name in this file) whose name says what ``key`` means
    elsewhere -- one name holding the other (日期 in 决定日期, 编号 in 批复编号) -- in ``names``'s order."""
    meanings = key_meanings(key)
    return [k for k, name in names.items() if name and k != key
            and any(m in name or name in m for m in meanings)]
