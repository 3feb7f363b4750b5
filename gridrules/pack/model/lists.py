"""The responsibility list (duties), the admission list, temporary approvals, risk."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, NamedTuple

from pydantic import Field

from gridrules.pack.params import Parameters
from gridrules.contract.base import Basis, Code, Date, DateRange, Hours, Name, Ref, Slug, Strict, Text, UnitId

GroupId = Annotated[str, Field(pattern=r"^[A-Z]$")]


class InForce(NamedTuple):
    """When a list item or an approval is in force: from ``since`` (its decision) up to,
    not including, ``until`` (its withdrawal; None: still in force).  The one reading of
    "in force": deciding, compiling, lint and review all derive from it."""

    since: date
    until: date | None

    def holds_on(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on < self.until)

    def changes(self) -> tuple[date, ...]:
        """The days on which being in force changes."""
        return (self.since,) if self.until is None else (self.since, self.until)


class DutyGroup(Strict):
    id: GroupId
    name: Name


class Duty(Strict):
    id: Code
    group: GroupId
    text: Text


class DutiesFile(Strict):
    """responsibilities/duties.yaml: the 11 duties of grid workers."""

    basis: Basis
    groups: list[DutyGroup] = Field(min_length=1)
    duties: list[Duty] = Field(min_length=1)


class Decision(Strict):
    """A joint-meeting decision: which session, on which day, on which application."""

    session: Ref = Field(description="Joint-meeting session, e.g. 2024-4.")
    date: Date
    application: Ref | None = Field(None, description="The application the decision answered.")
    override: Text | None = Field(
        None, description="Why the meeting approved despite a blocking review finding."
    )


class Training(Strict):
    owner: Slug | None = Field(None, description="Department that trains the grid workers.")
    plan: Text | None = None


class AdmissionItem(Strict):
    """One item of the admission list (网格化服务管理工作清单)."""

    id: Code
    name: Name
    duty: Code
    owners: list[Slug] = Field(min_length=1, description="Owning departments, lead first.")
    activities: list[Slug] = Field(min_length=1)
    categories: list[Name] = Field(default_factory=list)
    frequency: Name
    hours_per_month: Hours = Field(description="Workload added per grid per month, in hours.")
    subsidy: Hours | None = Field(
        None, description="Subsidy paid by the department, 元 per grid per month (费随事转)."
    )
    training: Training | None = None
    towns: Literal["all"] | list[Slug] = Field(
        "all", description="Where the item applies within its body's unit: all its towns, or a list of town ids."
    )
    body: Slug | None = Field(None, description="The body that approved it (bodies.yaml); omitted: the first that keeps a list.")
    unit: UnitId | None = Field(None, description="The unit whose body approved it; omitted: the body's own unit.")
    on_list: Slug | None = Field(None, alias="list", description="The list it is on; omitted: its body's first list.")
    effective: DateRange
    approval: Decision
    amendments: list[Decision] = Field(
        default_factory=list, description="The joint-meeting decisions that amended the item, oldest first."
    )
    withdrawal: Decision | None = Field(None, description="Set when the item was withdrawn.")
    content: Text | None = None
    legal_basis: Text | None = Field(None, description="The department's legal basis (依据).")
    basis: Basis

    @property
    def in_force(self) -> InForce:
        """The days the item is on the list: from its approval until its withdrawal."""
        return InForce(self.approval.date, self.withdrawal.date if self.withdrawal else None)


class ItemsFile(Strict):
    """admission/items.yaml: the admission list."""

    items: list[AdmissionItem] = Field(default_factory=list)


class TemporaryApproval(Strict):
    """A body's decision admitting one piece of phased work within its unit (a town's 专题研究,
    a county grid-work body's urgent temporary inclusion)."""

    ref: Ref
    unit: UnitId = Field(description="The unit whose body decided (a town for a town's 专题研究).")
    body: Slug | None = Field(None, description="The body that decided; omitted: the one of the unit's level that gives them.")
    decided_on: Date = Field(description="Date of the decision.")
    work: Name
    activities: list[Slug] = Field(min_length=1)
    from_: Date = Field(alias="from")
    to: Date
    hours_per_month: Hours | None = None
    withdrawn_on: Date | None = None
    note: Text | None = None

    @property
    def in_force(self) -> InForce:
        """The days the approval stands: from its decision until its withdrawal."""
        return InForce(self.decided_on, self.withdrawn_on)


class TemporaryFile(Strict):
    """admission/temporary.yaml: temporary approvals."""

    approvals: list[TemporaryApproval] = Field(default_factory=list)


class ResponsibleLevels(Strict):
    """Who carries the work: the level for admitted work, and for other work the issuer's own
    level by kind of issuer (a department with a home unit: that unit's level)."""

    admitted: Slug
    department: Slug
    town: Slug


class ApplicationField(Strict):
    field: Slug
    name: Name


class AdmissionPolicyFile(Strict):
    """admission/policy.yaml: categories, parameters, and the application form."""

    categories: list[Name] = Field(min_length=1)
    parameters: Parameters
    responsible_level: ResponsibleLevels
    application_fields: list[ApplicationField] = Field(min_length=1)


class TextTemplate(Strict):
    text: Text
    basis: Text


class NextSteps(Strict):
    remove_forbidden: Text
    reassign: Text
    apply: Text
    study: Text
    no_role: Text = Field(description="Written for {roles} in reassign when no role holds every activity.")


class Phrases(Strict):
    """Pieces of sentences: why a named item or approval does not cover a task (joined
    with ``separator``), and how an item's validity reads."""

    town_issuer: Text = Field(description="A town named a list item (items are the departments').")
    not_owner: Text = Field(description="The issuer is not among the item's owners: {owners}, {issuer_name}.")
    item_beyond: Text = Field(description="{activities} the item does not cover.")
    item_not_in_force: Text = Field(description="The item is not in force on {at_date}.")
    item_wrong_town: Text = Field(description="The item does not apply in the task's town.")
    item_otherwise: Text = Field(description="When no other reason applies (items).")
    approval_beyond: Text = Field(description="{activities} the approval does not cover.")
    approval_otherwise: Text = Field(description="When no other reason applies (approvals).")
    starts_before: Text = Field(description="The task {start}s before the item or approval's {first} day.")
    starts_after: Text = Field(description="The task {start}s after its {last} day.")
    ends_after: Text = Field(description="The task {end}s after its {last} day.")
    separator: Text = Field(description="Between two reasons.")
    validity_open: Text = Field(description="An item without an end date.")
    validity_until: Text = Field(description="An item valid until {valid_to}.")


class AdmissionTextsFile(Strict):
    """admission/rules.yaml: texts of the rules generated from the lists, and of findings."""

    negative: TextTemplate
    role: TextTemplate
    item: TextTemplate
    temporary: TextTemplate
    temporary_wrong_town: TextTemplate
    temporary_expired: TextTemplate
    temporary_not_in_force: TextTemplate
    temporary_unknown: TextTemplate
    list_item_mismatch: TextTemplate
    temporary_mismatch: TextTemplate
    unlisted_department: TextTemplate
    unlisted_town: TextTemplate
    next_steps: NextSteps
    phrases: Phrases


class RiskLevel(Strict):
    id: Slug
    name: Name
    safeguard: Text
    basis: Basis


class RiskEntry(Strict):
    code: Code
    level: Slug
    safeguard: Text | None = Field(None, description="Overrides the level's safeguard.")


class RiskFile(Strict):
    """risk.yaml: the risk list (风险清单)."""

    basis: Basis
    levels: list[RiskLevel] = Field(min_length=1)
    default: Slug = Field(description="Risk level of every code not listed.")
    entries: list[RiskEntry] = Field(default_factory=list)


__all__ = [
    "AdmissionItem",
    "AdmissionPolicyFile",
    "AdmissionTextsFile",
    "DutiesFile",
    "ItemsFile",
    "RiskFile",
    "TemporaryApproval",
    "TemporaryFile",
    "UnitId",
]
