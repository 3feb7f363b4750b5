"""The documents of the public contract: tasks and events in, decisions out.

Field names, verdicts and flags are the public contract's, fixed; additions are
marked as such.  Inputs are strict (unknown fields, wrong types, impossible
values are refused); references to the pack's codes are checked afterwards by
``gridrules.inputs`` because only a loaded pack knows its codes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationInfo, field_validator, model_validator

from gridrules.contract.facts import CHANNELS, EXTERNAL, ISSUERS, OUTCOMES, STATUSES, Verdict
from gridrules.contract.base import NOT_BLANK, ONE_LINE, Code, Date, DateTime, Ref, Slug, Strict, UnitId
from gridrules.catalogue import t
from gridrules.catalogue.humane import gap_words
from gridrules.errors import FieldValueError

CallerId = Annotated[
    str, Field(min_length=1, max_length=200, pattern=ONE_LINE, description="The caller's own id.")
]
FreeText = Annotated[str, Field(max_length=20000)]
# An issuing department: a pack department's (or town's) id, or a body outside the pack as
# external:<name> (policy §8: judged like a department with no items).
Issuer = Annotated[str, Field(pattern=r"^(?:[a-z][a-z0-9_]*|external:[^\x00-\x1f]*)$", max_length=209)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
# A value of a fact the pack declares (language.yaml facts): checked against its kind when decided
FactValue = bool | Annotated[int, Field(ge=-10_000_000, le=10_000_000)] | \
    Annotated[float, Field(ge=-10_000_000, le=10_000_000)] | Annotated[str, Field(max_length=200)]
# The free-text fields of the inputs, as "kind.field" ("[]" steps into a list's items): what a
# caller writes in words, where residents' personal data may be; the decision log keeps none
# of them as written (the pack's decision_log: says which it drops and which it hashes).
FREE_TEXT_FIELDS = ("task.title", "task.description", "event.description", "event.history[].note")


class TaskInput(Strict):
    """A task a department or town wants to give to grid workers."""

    id: CallerId
    title: Annotated[str, Field(min_length=1, max_length=500, pattern=NOT_BLANK)]
    department: Issuer = Field(description="The issuing department (or external:<name>, a body outside the pack), "
                                           "or the town id when issued_by is town.")
    issued_by: Literal[ISSUERS] = "department"  # type: ignore[valid-type]
    town: Slug | None = Field(None, description="Required when issued_by is town (and equal to department).")
    assignee: Slug = Field("full_time", description="Role: full_time, part_time, grid_leader, grid_instructor.")
    activities: list[Slug] = Field(min_length=1, max_length=50)
    list_item: Code | None = Field(None, description="The admitted item the issuer relies on.")
    temporary_approval: Ref | None = Field(None, description="The 镇街专题研究 reference a town relies on.")
    start: Date
    end: Date | None = None
    status: Literal[STATUSES] = "proposed"  # type: ignore[valid-type]
    channel: Literal[CHANNELS] = "unified_dispatch"  # type: ignore[valid-type]
    hours_per_month: float | None = Field(None, ge=0, le=10000)
    facts: dict[Slug, FactValue] = Field(default_factory=dict, max_length=100,
                                         description="Facts of the deployment's own (language.yaml facts).")
    description: FreeText | None = None

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        """Checked with the fields (not after them): reported with the other fields' problems."""
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise ValueError(t("input.end_before_start", end=end, start=start))
        return end

    @model_validator(mode="after")
    def _consistent(self) -> "TaskInput":
        if self.department.startswith(EXTERNAL):
            name = self.department[len(EXTERNAL):]
            if not name.strip():
                raise FieldValueError(("department",), t("input.external_unnamed"))
            if len(name) > 200 or name != name.strip():
                raise FieldValueError(("department",), t("input.external_name"))
        if self.issued_by == "town":
            if self.town is None:
                raise FieldValueError(("issued_by",), t("input.town_required"))
            if self.town != self.department:
                raise FieldValueError(
                    ("department",),
                    t("input.town_department", town=self.town, department=self.department),
                )
        for i, activity in enumerate(self.activities):
            if activity in self.activities[:i]:
                raise FieldValueError(("activities", i), t("input.duplicate_activity"))
        return self


class HistoryEntry(Strict):
    level: Slug
    outcome: Literal[OUTCOMES]  # type: ignore[valid-type]
    at: DateTime
    note: FreeText | None = None


class EventInput(Strict):
    """An event found in a grid, to be graded and routed."""

    id: CallerId
    type: Code
    reported_at: DateTime
    grid: UnitId = Field(description="The reporting grid.")
    community: UnitId | None = Field(None, description="Needed only when the grid is not in the registry.")
    town: Slug | None = Field(None, description="Needed only when the grid is not in the registry.")
    grade: Slug | None = Field(None, description="May raise the grade, never lower it.")
    life_threat: bool = False
    people_involved: Count = 0
    reporters: Annotated[int, Field(ge=1, le=10_000_000)] = 1
    recurrences_30d: Count = 0
    facts: dict[Slug, FactValue] = Field(default_factory=dict, max_length=100,
                                         description="Facts of the deployment's own (language.yaml facts).")
    spans: Slug = Field("none", description="none, or the units it spans by kind (grids, communities, towns, …: "
                        "the pack's unit kinds).")
    needs_enforcement: bool = False
    history: list[HistoryEntry] = Field(default_factory=list, max_length=100)
    assigned_to: Slug | None = Field(None, description="The level a dispatcher proposes or has used.")
    description: FreeText | None = None
    # additions to the contract
    reporter_role: Slug | None = Field(None, description="The role of who reported it (a role id).")
    direct_report_claimed: bool = Field(False, description="The report was made as a 直报 (direct report).")

    @model_validator(mode="after")
    def _history_in_order(self) -> "EventInput":
        previous = self.reported_at
        for i, entry in enumerate(self.history):
            if entry.at < previous:
                what = t("input.the_report") if i == 0 else f"history[{i - 1}]"
                raise FieldValueError(("history", i, "at"), t("input.history_order", index=i, at=entry.at.isoformat(), before=what,
                                                              then=previous.isoformat(),
                                                              gap=gap_words((previous - entry.at).total_seconds())))
            previous = entry.at
        return self


# --- decisions -----------------------------------------------------------------

# Timestamps keep the offset they were given in: "+00:00" stays "+00:00" (pydantic
# would write "Z"), so a deadline reads in the event's own offset.
Moment = Annotated[datetime, PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json")]


class Out(BaseModel):
    """Decision documents: built by gridrules, so constructed without re-validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_set, _new = object.__setattr__, object.__new__
# per document class, the names of its fields as the set every built document of it carries
# (derived from the class; see ``build``)
_FIELDS_SET: dict[type, set[str]] = {}


def build(cls: type[Out], **values: Any) -> Any:
    """A decision object from values gridrules has already checked.

    What ``model_construct`` does, without its per-field loop.  Kept because it
    pays: with ``model_construct`` instead, an event decision took 75 µs against
    63 and a task 47 against 43 (CPU time, medians of 8 interleaved rounds of
    1,500 distinct random inputs).  Every field must be given; a test checks built
    documents against the published decision schemas.  Every field given, the set of
    fields given is the class's own: one set per class, shared (a frozen model never
    adds to it; pydantic's copies copy it), not a new one per document (~0.2 µs of a
    document's 1.6).
    """
    return construct(cls, values)


def construct(cls: type[Out], values: dict[str, Any]) -> Any:
    """``build`` from a mapping of every field, which becomes the document's own (not copied)."""
    obj = _new(cls)
    fields = _FIELDS_SET.get(cls)
    if fields is None or len(fields) != len(values):  # not every field given: its own set, as before
        fields = set(values)
        if fields == set(cls.model_fields):
            _FIELDS_SET[cls] = fields
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


class Reason(Out):
    rule: str = Field(description="The rule's id in the pack.")
    text: str = Field(description="One sentence of Chinese a clerk understands.")
    basis: str = Field(description="The policy clause the rule rests on.")


class PackRef(Out):
    name: str
    version: str
    digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")


class TaskDecision(Out):
    """The answer to "may this work go to grid workers?"."""

    task: str
    verdict: Verdict
    list_item: str | None
    duty: str | None
    temporary_approval: str | None
    valid_until: date | None
    responsible_level: str
    flags: list[str]
    reasons: list[Reason]
    pack: PackRef
    # additions to the contract
    at: Moment = Field(description="The moment the check was made (--at).")
    next_steps: list[str] = Field(description="What the issuer can do next (Chinese).")
    subsidy: float | None = Field(description="元 per grid per month the admitting item pays (费随事转), else null.")
    training_owner: str | None = Field(description="The department that trains for the admitting item, else null.")
    accountable: list[str] = Field(description="The admitting item's owners (accountable for the work).")
    risk: str | None = Field(description="The risk level of the admitting item, else of the named one, else null.")
    safeguard: str | None = Field(description="The safeguard that risk requires, else null.")


class Handler(Out):
    level: str
    unit: str | None
    name: str | None


class Whistle(Out):
    kind: str = Field(description="应急哨, 执法哨 or 日常哨.")
    departments: list[str]
    report_within: str = Field(description="ISO 8601 duration.")
    blown_by: str = Field(description="The reporting grid that blew it (网格吹哨); the handler's command centre relays it.")


class Deadlines(Out):
    respond_by: Moment
    close_by: Moment
    feedback_by: Moment


class EventDecision(Out):
    """The answer to "who handles this, by when?"."""

    event: str
    type: str
    grade: str
    level: str
    handler: Handler
    departments: list[str]
    direct_report: list[str]
    whistle: Whistle | None
    deadlines: Deadlines
    escalated: bool
    flags: list[str]
    reasons: list[Reason]
    pack: PackRef
    # additions to the contract
    at: Moment = Field(description="The moment the check was made (--at).")
    risk: str = Field(description="The event type's risk level (low, medium, high).")
    safeguard: str | None = Field(description="The safeguard that risk requires.")
    next_steps: list[str] = Field(
        description="What the handler, the command centre and the departments do next and by when (Chinese): "
                    "the safeguard of a risk above low, 直报, the whistle's report-in, the response and closure, "
                    "whom to report to if it cannot be resolved, the feedback to the resident and the 回访 the "
                    "assessment scores.")


def document_kinds() -> dict[str, type[BaseModel]]:
    """Schema name -> model for the contract's documents."""
    from gridrules.contract.application import Application
    from gridrules.contract.cases import CaseFile
    from gridrules.contract.lifecycle import LifecycleRecord

    return {
        "cases": CaseFile,
        "task": TaskInput,
        "event": EventInput,
        "task_decision": TaskDecision,
        "event_decision": EventDecision,
        "application": Application,
        "lifecycle_record": LifecycleRecord,
    }


__all__ = [
    "FREE_TEXT_FIELDS",
    "Date",
    "EventDecision",
    "EventInput",
    "Ref",
    "TaskDecision",
    "TaskInput",
    "UnitId",
]
