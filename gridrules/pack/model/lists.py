"""The responsibility list (duties), the admission list, temporary approvals, risk."""

from __future__ import annotations

import unicodedata
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field

from gridrules.pack.model.inforce import WITHDRAWN, Change, InForce

from gridrules.pack.params import Parameters
from gridrules.contract.base import Basis, Code, Date, DateRange, Hours, Name, Ref, Slug, Strict, Text, UnitId

GroupId = Annotated[str, Field(pattern=r"^[A-Z]$")]


# The risk levels of the contract (policy: low, medium, high); a pack names and words them.
RiskLevelId = Literal["low", "medium", "high"]


class DutyGroup(Strict):
    id: GroupId
    name: Name


class Subject(Strict):
    """What a duty's work is about (D02's 实有人口, 实有房屋, …), as items and applications name it."""

    name: Name
    words: list[Name] = Field(
        default_factory=list,
        description="Other words that name the subject in an item's or application's name or content "
                    "(实有房屋: 出租房屋); the name itself always does.")


class Duty(Strict):
    id: Code
    group: GroupId
    text: Text
    subjects: list[Subject] = Field(
        default_factory=list,
        description="What the duty's work is about, when it covers several things (D02: 实有人口、实有房屋、"
                    "实有单位、标准地址). The secretariat's review reads an application and an item of the duty "
                    "as the same work only when they name a subject in common, or either names none.")

    def subjects_in(self, *texts: str | None) -> frozenset[str]:
        """The subjects named in ``texts`` (NFKC, as the screening reads a task's words)."""
        said = unicodedata.normalize("NFKC", " ".join(t for t in texts if t))
        return frozenset(s.name for s in self.subjects
                         if any(unicodedata.normalize("NFKC", w) in said for w in (s.name, *s.words)))


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
    delivered_on: Date | None = Field(
        None, description="When the training was delivered (gridrules admission trained); a task starting "
                          "on or before it is flagged training_pending.")


class ItemTerms(Strict):
    """What an amendment changed, as it reads from its effective date on (the fields left out
    stay as they were)."""

    owners: Annotated[list[Slug], Field(min_length=1)] | None = Field(None, description="Owning departments, lead first.")
    activities: Annotated[list[Slug], Field(min_length=1)] | None = None
    categories: list[Name] | None = None
    frequency: Name | None = None
    hours_per_month: Hours | None = None
    subsidy: Hours | None = None
    training: Training | None = None
    towns: Literal["all"] | list[Slug] | None = None
    end: Date | None = Field(None, description="The item's last day (null: no end).")

    def changed(self) -> dict[str, Any]:
        """The item's fields this amendment sets (``end`` is ``effective.to``)."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class Amendment(Decision):
    """A joint-meeting decision that changed an item's terms from a day on."""

    effective: Date | None = Field(None, description="From when the new terms apply (default: the decision's date).")
    terms: ItemTerms | None = Field(
        None, description="The terms it set. Absent in packs written before terms were kept over time: "
                          "the item's terms then read as they stand, from its approval on.")


class Withdrawal(Decision):
    """A joint-meeting decision that ended an item: work starting on or after its effective date is not covered."""

    effective: Date | None = Field(None, description="From when the item no longer covers work (default: the "
                                                     "decision's date); its last day is the day before.")


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
    risk: RiskLevelId | None = Field(
        None, description="Risk level (风险清单); gridrules lint warns when it is not given (then risk.yaml's default).")
    towns: Literal["all"] | list[Slug] = Field(
        "all", description="Where the item applies within its body's unit: all its towns, or a list of town ids."
    )
    body: Slug | None = Field(None, description="The body that approved it (bodies.yaml); omitted: the first that keeps a list.")
    unit: UnitId | None = Field(None, description="The unit whose body approved it; omitted: the body's own unit.")
    on_list: Slug | None = Field(None, alias="list", description="The list it is on; omitted: its body's first list.")
    effective: DateRange
    approval: Decision = Field(description="The approval; the item takes effect on effective.from.")
    amendments: list[Amendment] = Field(
        default_factory=list, description="The joint-meeting decisions that amended the item, oldest first."
    )
    withdrawal: Withdrawal | None = Field(None, description="Set when the item was withdrawn.")
    content: Text | None = None
    legal_basis: Text | None = Field(None, description="The department's legal basis (依据).")
    basis: Basis

    @cached_property
    def in_force(self) -> InForce:
        """Its approval, amendments and withdrawal, each decided and taking effect on a day."""
        changes = [Change(self.approval.date, self.effective.from_, 0)]
        changes += [Change(a.date, a.effective or a.date, k) for k, a in enumerate(self.amendments, 1)]
        if self.withdrawal is not None:
            changes.append(Change(self.withdrawal.date, self.withdrawal.effective or self.withdrawal.date, WITHDRAWN))
        return InForce(changes)

    def versions(self) -> tuple["AdmissionItem", ...]:
        """The item's terms as approved, then after each amendment (version k: after the k-th)."""
        out = [self]
        for amendment in self.amendments:
            changed = amendment.terms.changed() if amendment.terms else {}
            if not changed:
                out.append(out[-1])
                continue
            if "end" in changed:
                changed["effective"] = out[-1].effective.model_copy(update={"to": changed.pop("end")})
            out.append(out[-1].model_copy(update=changed))
        return tuple(out)


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
    withdrawn_on: Date | None = Field(None, description="Date of the decision withdrawing it.")
    withdrawn_from: Date | None = Field(
        None, description="From when the withdrawal takes effect (default: withdrawn_on); the approval's last day "
                          "is the day before.")
    note: Text | None = None

    @cached_property
    def in_force(self) -> InForce:
        """Its decision (in effect from ``from``) and its withdrawal, each with both dates."""
        changes = [Change(self.decided_on, self.from_, 0)]
        if self.withdrawn_on is not None:
            changes.append(Change(self.withdrawn_on, self.withdrawn_from or self.withdrawn_on, WITHDRAWN))
        return InForce(changes)


class TemporaryFile(Strict):
    """admission/temporary.yaml: temporary approvals."""

    approvals: list[TemporaryApproval] = Field(default_factory=list)


class ResponsibleLevels(Strict):
    """Who carries the work: the level for admitted work, and for other work the issuer's own
    level by kind of issuer (a department with a home unit: that unit's level)."""

    admitted: Slug
    department: Slug
    town: Slug
    external: Slug | None = Field(
        None, description="Level of a body outside the pack's departments (external:<name>); default: department's.")


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
    registration: Text = Field(description="What a body outside the pack (external:<name>) does first: be registered.")
    no_role: Text = Field(description="Written for {roles} in reassign when no role holds every activity.")


class Phrases(Strict):
    """Pieces of sentences: why a named item or approval does not cover a task (joined
    with ``separator``), and how an item's validity reads."""

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
    busiest_town: Text = Field(description="A task without a town was judged against {town_name}'s total (the highest).")


class AdmissionTextsFile(Strict):
    """admission/rules.yaml: texts of the rules generated from the lists, and of findings."""

    negative: TextTemplate
    role: TextTemplate
    item: TextTemplate
    relay: TextTemplate = Field(description="A town passes on a list item it names to its grid workers.")
    suspected_negative: TextTemplate = Field(description="A tell-tale word of the negative list in the task's words.")
    temporary: TextTemplate
    temporary_wrong_town: TextTemplate
    temporary_expired: TextTemplate
    temporary_withdrawn: TextTemplate | None = Field(
        None, description="An approval a withdrawal ended before the task's start (without it: temporary_expired's text).")
    temporary_not_in_force: TextTemplate
    temporary_unknown: TextTemplate
    list_item_mismatch: TextTemplate
    temporary_mismatch: TextTemplate
    unlisted_department: TextTemplate
    unlisted_town: TextTemplate
    unlisted_pending: TextTemplate | None = Field(
        None, description="A department's task an approved item covers from {cover_day}, after the task's start "
        "(without it: unlisted_department's text).")
    unlisted_ends: TextTemplate | None = Field(
        None, description="A department's task an item in effect on its start covers, but whose last day "
        "{cover_day} is before the task's {end} (without it: unlisted_department's text).")
    next_steps: NextSteps
    phrases: Phrases


class RiskLevel(Strict):
    id: RiskLevelId
    name: Name
    safeguard: Text
    basis: Basis


class RiskEntry(Strict):
    code: Code
    level: RiskLevelId
    safeguard: Text | None = Field(None, description="Overrides the level's safeguard.")


class RiskFile(Strict):
    """risk.yaml: the risk list (风险清单)."""

    basis: Basis
    levels: list[RiskLevel] = Field(min_length=1)
    default: RiskLevelId = Field(description="Risk level of every code not listed.")
    entries: list[RiskEntry] = Field(default_factory=list)


__all__ = [
    "AdmissionItem",
    "Amendment",
    "InForce",
    "ItemTerms",
    "Withdrawal",
    "AdmissionPolicyFile",
    "AdmissionTextsFile",
    "DutiesFile",
    "ItemsFile",
    "RiskFile",
    "TemporaryApproval",
    "TemporaryFile",
    "UnitId",
]
