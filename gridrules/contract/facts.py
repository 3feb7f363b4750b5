"""The facts each decision stage asserts into the engine, field by field.

This is the *shape* of a decision, fixed by the contract; it holds no policy
(what a field is called is the pack's: ``language.yaml``).
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
from typing import Iterator, Literal, Sequence, get_args

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
    domain: str | tuple[str, ...] = ""  # pack vocabulary name, or a fixed set of values
    optional: bool = False
    non_empty: bool = False  # a list the input model guarantees is never empty

    @property
    def missing(self):
        return MISSING.get(self.kind)


def _fields(*fields: FactField) -> dict[str, FactField]:
    return {f.name: f for f in fields}


OUTCOMES = ("unresolved", "overdue", "resolved")
ISSUERS = ("department", "town")
EXTERNAL = "external:"  # a department's id prefix for a body outside the pack (external:税务)
STATUSES = ("proposed", "assigned")
CHANNELS = ("unified_dispatch", "direct")
# a task's verdicts, declared once as the type a type checker sees (TaskDecision.verdict); the tuple is derived
Verdict = Literal["admitted", "temporary", "needs_application", "forbidden"]
VERDICTS: tuple[str, ...] = get_args(Verdict)
RISKS = ("low", "medium", "high")  # the contract's risk levels (a pack names and words them)

TASK_FIELDS = _fields(
    FactField("issued_by", "enum", ISSUERS),
    FactField("department", "ref", "issuer"),
    FactField("town", "ref", "town", optional=True),
    FactField("assignee", "ref", "role"),
    FactField("activities", "list", "activity", non_empty=True),
    FactField("list_item", "ref", "item", optional=True),
    FactField("temporary_approval", "ref", "approval", optional=True),
    FactField("start", "date"),
    FactField("end", "date", optional=True),
    FactField("status", "enum", STATUSES),
    FactField("channel", "enum", CHANNELS),
    FactField("hours_per_month", "number"),
    FactField("at", "date"),
)
OVERSIGHT_FIELDS = TASK_FIELDS | _fields(
    FactField("verdict", "enum", VERDICTS),
    FactField("listed_hours", "number"),
    FactField("added_hours", "number"),
    FactField("workload_after", "number"),
    FactField("workload_town", "ref", "town", optional=True),  # whose total was judged (policy §8)
    # the governing item (the admitting one, else the named one): its risk, subsidy, training
    FactField("governing_item", "ref", "item", optional=True),
    FactField("risk", "enum", RISKS, optional=True),
    FactField("subsidy", "number"),  # 0 when the item pays none or there is no item
    # days the item's training was delivered before the task's start (0: on the day, negative:
    # after it, -1 as well when no delivery is recorded): a number, so answers stay cacheable
    FactField("training_lead_days", "number"),
    FactField("own_hours", "number"),  # the task's hours, else its admitting item's or approval's
    FactField("role_hours_over", "number"),  # own hours beyond the assignee role's own limit (0: within)
)

EVENT_FIELDS = _fields(
    FactField("type", "ref", "event_type"),
    FactField("type_grade", "grade"),
    FactField("type_level", "level"),
    FactField("grade_given", "grade", optional=True),
    FactField("life_threat", "bool"),
    FactField("people_involved", "number"),
    FactField("reporters", "number"),
    FactField("recurrences_30d", "number"),
    FactField("spans", "enum", "spans"),  # none, or a unit kind's word (the pack's unit_kinds)
    FactField("needs_enforcement", "bool"),
    FactField("last_level", "level", optional=True),
    FactField("last_outcome", "enum", OUTCOMES, optional=True),
    FactField("assigned_to", "level", optional=True),
    FactField("assigned_powers", "list", "power"),
    FactField("town", "ref", "town", optional=True),
    FactField("risk", "enum", RISKS),
    FactField("direct_report_claimed", "bool"),
    FactField("reporter_powers", "list", "power"),  # the reporting role's special powers
    FactField("grid_kind", "ref", "grid_kind", optional=True),  # the registered grid's kind
)
LEVELING_FIELDS = EVENT_FIELDS | _fields(FactField("grade", "grade"))
DISPATCH_FIELDS = LEVELING_FIELDS | _fields(
    FactField("level", "level"),
    FactField("level_before_history", "level"),
    FactField("at", "datetime"),
    FactField("respond_by", "datetime"),
    FactField("close_by", "datetime"),
    FactField("feedback_by", "datetime"),
    FactField("calendar_incomplete", "bool"),
    FactField("handler_registered", "bool"),
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
        Stage("oversight", "task", OVERSIGHT_FIELDS, frozenset({"flag", "states"}),
              ("admission/oversight.yaml",), "admission.oversight"),
        Stage("grading", "event", EVENT_FIELDS, frozenset({"grade", "grade_step", "flag"}),
              ("events/grading.yaml",), "routing.grading"),
        Stage("leveling", "event", LEVELING_FIELDS, frozenset({"level", "level_step_from_last", "deadlines", "flag", "states"}),
              ("events/levels.yaml", "events/deadlines.yaml", "events/review.yaml"), "routing.leveling"),
        Stage("dispatch", "event", DISPATCH_FIELDS, frozenset({"direct_report", "whistle", "flag", "states"}),
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
    "suspected_negative",
    "over_role_capacity",
    "training_pending",
    "no_subsidy",
)
EVENT_FLAGS = (
    "grade_raised",
    "escalated_unresolved",
    "escalated_overdue",
    "needs_enforcement",
    "spans_units",
    "direct_report",
    "direct_report_by_role",
    "whistle",
    "unauthorized_assignment",
    "unknown_unit",
    "calendar_incomplete",
    "past_deadline",
)
FLAGS = {"task": TASK_FLAGS, "event": EVENT_FLAGS}

# Values an effect may name besides the pack's own ids.
GRADE_SOURCES = ("type_default", "given")
# What a rule may state (its reason says it): the risk's safeguard (the decision carries it too), or an
# explanation (why the decision is as it is where nothing else says so: a 直报 claimed for a matter not urgent).
STATEMENTS = ("safeguard", "explanation")
LEVEL_SOURCES = ("type_default",)


def time_order(moments: dict[str, datetime]) -> dict[str, int]:
    """``{"at": 10:00, "respond_by": 09:30, "close_by": 10:00}`` -> ``{"at": 1, "respond_by": 0, "close_by": 1}``.

    Aware datetimes compare (and hash) by instant: 09:30+08:00 and 01:30+00:00 share a rank."""
    return dict(zip(moments, time_ranks(tuple(moments.values()))))


def time_ranks(values: Sequence[datetime]) -> Iterator[int]:
    """``time_order`` of moments given in a known order, without their names: each one's rank."""
    distinct = sorted(set(values))
    return map(distinct.index, values)


def date_number(value) -> int:
    """``date(2026, 12, 1)`` -> ``20261201``: ordered like the dates, readable in rulesets."""
    return value.year * 10000 + value.month * 100 + value.day
