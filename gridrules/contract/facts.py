"""The facts each decision stage asserts into the engine, field by field.

This is the *shape* of a decision, fixed by the contract; it holds no policy.
A rule in the pack may test exactly the fields of its stage.  Every field is
always present in an asserted fact, with a typed "missing" value for optional
inputs, so the engine never meets an absent field (``$neq`` does not match an
absent field) and never compares a string with a number.

Value encodings in facts (all plain JSON numbers or strings):

* ``ordered`` fields (levels, grades) are ranks 0, 1, 2 …; missing is -1;
* ``date`` fields are ``YYYYMMDD`` integers; missing is 0;
* ``datetime`` fields are their order among the stage's datetime fields: 0 for
  the earliest, equal moments sharing a number.  The condition language compares
  them only with each other, never with a literal, so the order is all a rule can
  see -- and the engine's answers repeat whatever the clock says;
* ``ref``/``enum`` fields are ids; missing is ``""``;
* ``list`` fields are tuples of ids (sent as JSON arrays), with ``<name>__n``
  their length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Kinds of field and the operators the condition language allows on each.
ORDERED_OPS = {"eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in", "exists"}
KIND_OPS: dict[str, set[str]] = {
    "bool": {"eq", "ne"},
    "number": {"eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in"},
    "level": ORDERED_OPS,
    "grade": ORDERED_OPS,
    "enum": {"eq", "ne", "in", "not_in", "exists"},
    "ref": {"eq", "ne", "in", "not_in", "exists"},
    "list": {"includes", "excludes"},
    "date": {"eq", "ne", "gt", "gte", "lt", "lte", "exists"},
    "datetime": {"eq", "ne", "gt", "gte", "lt", "lte"},
}

MISSING = {"level": -1, "grade": -1, "date": 0, "enum": "", "ref": ""}


@dataclass(frozen=True)
class FactField:
    name: str
    kind: str
    label: str  # how the field is named in a rendered condition (Chinese)
    domain: str | tuple[str, ...] = ""  # pack vocabulary name, or a fixed set of values
    optional: bool = False
    non_empty: bool = False  # a list the input model guarantees is never empty

    @property
    def missing(self):
        return MISSING.get(self.kind)


def _fields(*fields: FactField) -> dict[str, FactField]:
    return {f.name: f for f in fields}


SPANS = ("none", "grids", "communities", "towns")
OUTCOMES = ("unresolved", "overdue", "resolved")
ISSUERS = ("department", "town")
STATUSES = ("proposed", "assigned")
CHANNELS = ("unified_dispatch", "direct")
VERDICTS = ("admitted", "temporary", "needs_application", "forbidden")

TASK_FIELDS = _fields(
    FactField("issued_by", "enum", "发起方", ISSUERS),
    FactField("department", "ref", "发起部门", "issuer"),
    FactField("town", "ref", "镇街", "town", optional=True),
    FactField("assignee", "ref", "承担角色", "role"),
    FactField("activities", "list", "活动", "activity", non_empty=True),
    FactField("list_item", "ref", "注明的清单事项", "item", optional=True),
    FactField("temporary_approval", "ref", "注明的临时事项批复", "approval", optional=True),
    FactField("start", "date", "开始日期"),
    FactField("end", "date", "结束日期", optional=True),
    FactField("status", "enum", "状态", STATUSES),
    FactField("channel", "enum", "派单渠道", CHANNELS),
    FactField("hours_per_month", "number", "每网格每月工作量"),
    FactField("at", "date", "判定日期"),
)
OVERSIGHT_FIELDS = TASK_FIELDS | _fields(
    FactField("verdict", "enum", "准入结论", VERDICTS),
    FactField("listed_hours", "number", "清单工作量"),
    FactField("added_hours", "number", "本任务新增工作量"),
    FactField("workload_after", "number", "派单后每网格每月工作量"),
)

EVENT_FIELDS = _fields(
    FactField("type", "ref", "事件类型", "event_type"),
    FactField("type_grade", "grade", "类型默认等级"),
    FactField("type_level", "level", "类型默认层级"),
    FactField("grade_given", "grade", "上报等级", optional=True),
    FactField("life_threat", "bool", "生命财产现实威胁"),
    FactField("people_involved", "number", "涉及人数"),
    FactField("reporters", "number", "反映人数"),
    FactField("recurrences_30d", "number", "30日内重复次数"),
    FactField("spans", "enum", "跨单元", SPANS),
    FactField("needs_enforcement", "bool", "需要执法"),
    FactField("last_level", "level", "最后处置层级", optional=True),
    FactField("last_outcome", "enum", "最后处置结果", OUTCOMES, optional=True),
    FactField("assigned_to", "level", "指派层级", optional=True),
    FactField("assigned_powers", "list", "指派层级的权限", "power"),
    FactField("town", "ref", "镇街", "town", optional=True),
)
LEVELING_FIELDS = EVENT_FIELDS | _fields(FactField("grade", "grade", "事件等级"))
DISPATCH_FIELDS = LEVELING_FIELDS | _fields(
    FactField("level", "level", "处置层级"),
    FactField("level_before_history", "level", "不计处置记录时的层级"),
    FactField("at", "datetime", "判定时点"),
    FactField("respond_by", "datetime", "响应时限"),
    FactField("close_by", "datetime", "办结时限"),
    FactField("feedback_by", "datetime", "反馈时限"),
    FactField("calendar_incomplete", "bool", "日历不完整"),
    FactField("handler_registered", "bool", "处置单位已登记"),
)


@dataclass(frozen=True)
class Stage:
    """One stage of a decision: the one declaration every table about stages derives from.

    ``files`` are the pack files that may hold the stage's written rules, in the
    order their rules fire (a file names the one stage it holds; ``events/review.yaml``
    may hold either of two); ``ruleset`` is the base name of its compiled rulesets.
    Admission writes no rules: the compiler generates them from the lists."""

    name: str
    decision: str  # "task" or "event"
    fields: dict[str, FactField]
    effects: frozenset[str]
    files: tuple[str, ...]
    ruleset: str

    @property
    def written(self) -> bool:
        return bool(self.files)


# Stages in the order a decision meets them (tasks, then events).
STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("admission", "task", TASK_FIELDS, frozenset(), (), "admission"),
        Stage("oversight", "task", OVERSIGHT_FIELDS, frozenset({"flag"}),
              ("admission/oversight.yaml",), "admission.oversight"),
        Stage("grading", "event", EVENT_FIELDS, frozenset({"grade", "grade_step", "flag"}),
              ("events/grading.yaml",), "routing.grading"),
        Stage("leveling", "event", LEVELING_FIELDS, frozenset({"level", "level_step_from_last", "deadlines", "flag"}),
              ("events/levels.yaml", "events/deadlines.yaml", "events/review.yaml"), "routing.leveling"),
        Stage("dispatch", "event", DISPATCH_FIELDS, frozenset({"direct_report", "whistle", "flag"}),
              ("events/dispatch.yaml", "events/review.yaml"), "routing.dispatch"),
    )
}

# Flags of the contract, in the order decisions list them.
TASK_FLAGS = (
    "forbidden_activity",
    "beyond_role_power",
    "list_item_mismatch",
    "temporary_unknown",
    "temporary_wrong_town",
    "temporary_expired",
    "temporary_mismatch",
    "unlisted",
    "unauthorized_assignment",
    "bypassed_unified_dispatch",
    "over_capacity",
)
EVENT_FLAGS = (
    "grade_raised",
    "escalated_unresolved",
    "escalated_overdue",
    "needs_enforcement",
    "spans_units",
    "direct_report",
    "whistle",
    "unauthorized_assignment",
    "unknown_unit",
    "calendar_incomplete",
    "past_deadline",
)
FLAGS = {"task": TASK_FLAGS, "event": EVENT_FLAGS}

# Values an effect may name besides the pack's own ids.
GRADE_SOURCES = ("type_default", "given")
LEVEL_SOURCES = ("type_default",)


def time_order(moments: dict[str, datetime]) -> dict[str, int]:
    """``{"at": 10:00, "respond_by": 09:30, "close_by": 10:00}`` -> ``{"at": 1, "respond_by": 0, "close_by": 1}``.

    Aware datetimes compare (and hash) by instant: 09:30+08:00 and 01:30+00:00 share a rank."""
    values = moments.values()
    distinct = sorted(set(values))
    return dict(zip(moments, map(distinct.index, values)))


def date_number(value) -> int:
    """``date(2026, 12, 1)`` -> ``20261201``: ordered like the dates, readable in rulesets."""
    return value.year * 10000 + value.month * 100 + value.day
