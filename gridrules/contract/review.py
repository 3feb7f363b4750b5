"""The secretariat's review report on an application (``gridrules admission review``).

A published document (``schemas/application_review.schema.json``); the review itself is
``gridrules.change.review``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gridrules.contract.base import Date
from gridrules.contract.documents import PackRef
from gridrules.contract.replay import ReviewImpact

Recommendation = Literal["approve", "reject", "incomplete"]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(_Doc):
    """One thing the secretariat found, with the clause it rests on."""

    id: str = Field(description="Stable id: the kind and what it is about, e.g. missing.subsidy, negative.F01, overlap.L13.")
    kind: str = Field(description="The kind of finding (a key of admission/review.yaml's findings).")
    severity: Literal["blocking", "advisory"]
    outcome: Literal["reject", "incomplete"] | None = Field(description="The recommendation a blocking finding leads to.")
    overridable: bool = Field(description="Whether the joint meeting may approve despite it, recording why.")
    field: str | None = Field(description="The application field it is about.")
    item: str | None = Field(description="The list item it is about.")
    message: str = Field(description="One sentence of Chinese.")
    basis: str = Field(description="The policy clause it rests on.")
    hint: str | None = Field(description="Did you mean …")


class Workload(_Doc):
    """Hours per grid per month: the items in force over the application's period, and after admission."""

    listed: float
    added: float
    after: float
    capacity: float | None


class ApplicationReview(_Doc):
    """The secretariat's report on one application (``gridrules admission review``)."""

    application: str
    item_name: str | None
    applicant: str | None
    recommendation: Recommendation
    summary: str = Field(description="The pack's sentence for the recommendation.")
    findings: list[Finding]
    workload: Workload
    next_code: str | None = Field(description="The code the item would get if approved now.")
    review_date: Date
    pack: PackRef
    impact: ReviewImpact | None = Field(None, description="With --impact: what approving it would have changed "
                                                          "in the logged decisions (a replay).")

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "blocking"]
