"""admission/review.yaml: how the secretariat's review speaks and how much each finding weighs.

gridrules finds the problems of an application (what is missing, what the
negative list forbids, which items it repeats, whether the workload fits);
the pack says, for every kind of finding, its Chinese sentence, the clause it
rests on, whether it blocks an approval, which recommendation it leads to and
whether the joint meeting may override it with a recorded reason.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import Basis, Name, Strict, Text

Severity = Literal["blocking", "advisory"]
Outcome = Literal["reject", "incomplete"]


class FindingRule(Strict):
    """One kind of finding: its text, its basis and its weight."""

    severity: Severity = Field(description="blocking: the meeting cannot approve as it stands; advisory: for the meeting's attention.")
    outcome: Outcome | None = Field(
        None, description="For a blocking finding: the recommendation it leads to (reject wins over incomplete)."
    )
    overridable: bool = Field(
        True, description="Whether the meeting may still approve, recording why (--override)."
    )
    text: Text
    basis: Basis
    hint: Text | None = Field(None, description="Added to the text when there is a did-you-mean ({hint}).")

    @model_validator(mode="after")
    def _outcome_for_blocking(self) -> "FindingRule":
        if self.severity == "blocking" and self.outcome is None:
            raise ValueError(t("pack.blocking_outcome"))
        if self.severity == "advisory" and self.outcome is not None:
            raise ValueError(t("pack.advisory_outcome"))
        return self


class ApplicationFindings(Strict):
    missing_field: FindingRule
    unknown_code: FindingRule
    negative_activity: FindingRule
    beyond_powers: FindingRule
    duplicates_item: FindingRule
    overlaps_item: FindingRule
    same_work_item: FindingRule
    over_capacity: FindingRule
    no_subsidy: FindingRule
    training_incomplete: FindingRule
    short_notice: FindingRule
    no_risk: FindingRule
    screened_word: FindingRule
    start_passed: FindingRule | None = Field(
        None, description="The start date is the review's day or before it (short_notice says so when absent).")


class TemporaryFindings(Strict):
    """Why a town's temporary approval cannot be recorded (these always block; an overridable one is
    recorded all the same when the decision gives its reason)."""

    negative_activity: FindingRule
    beyond_powers: FindingRule
    too_long: FindingRule
    over_capacity: FindingRule | None = Field(
        None, description="Its town's listed work with the approval's hours over capacity "
                          "(absent: the application's over_capacity says it).")


class Recommendations(Strict):
    approve: Text
    incomplete: Text
    reject: Text


class ReviewTextsFile(Strict):
    """admission/review.yaml: the review's findings and recommendations, and the approved item's basis."""

    findings: ApplicationFindings
    temporary: TemporaryFindings
    recommendations: Recommendations
    field_names: dict[str, Name] = Field(
        default_factory=dict,
        description="Names of application fields that admission/policy.yaml's application_fields does not name (e.g. categories, training.owner).",
    )
    item_basis: Text = Field(description="The basis written on an item the meeting approved.")


_ITEM = frozenset({"item", "item_name", "owners", "duty", "duty_name", "activities", "applicant_name", "subjects"})
_ACTIVITY = frozenset({"activity", "activity_name"})
_FIELD = frozenset({"field", "field_name"})

# Placeholders each template may use (checked when the pack loads).
FINDING_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "missing_field": _FIELD,
    "unknown_code": _FIELD | {"value", "hint"},
    "negative_activity": _ACTIVITY | {"code", "forbidden"},
    "beyond_powers": _ACTIVITY,
    "duplicates_item": _ITEM,
    "overlaps_item": _ITEM,
    "same_work_item": _ITEM,
    "over_capacity": frozenset({"listed", "added", "after", "capacity", "where"}),
    "no_subsidy": frozenset({"hours", "subsidy"}),
    "training_incomplete": _FIELD,
    "short_notice": frozenset({"start", "working_days", "lead", "review_date"}),
    "no_risk": frozenset({"default_name"}),
    "screened_word": frozenset({"word", "code", "forbidden"}),
    "start_passed": frozenset({"start", "lead", "review_date"}),
}
TEMPORARY_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "negative_activity": _ACTIVITY | {"code", "forbidden", "town_name"},
    "beyond_powers": _ACTIVITY | {"town_name"},
    "too_long": frozenset({"valid_from", "valid_to", "days", "max_days", "town_name"}),
    "over_capacity": frozenset({"listed", "added", "after", "capacity", "where", "day", "town_name"}),
}
ITEM_BASIS_PLACEHOLDERS = frozenset({"session", "date", "application", "body"})
