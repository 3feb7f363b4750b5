"""A department's application to add an item to the admission list.

Every field but ``id`` may be missing or empty: the secretariat's review
reports what is missing (recommendation ``incomplete``).  What is present must
be well formed -- a wrong type or an unknown key makes the document malformed
(exit 2), which is a different thing from incomplete.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import LINE_OR_EMPTY, NAME_MAX, TEXT_MAX, TEXT_OR_EMPTY, Date, Ref, Slug, Strict
from gridrules.contract.facts import RISKS

# what becomes the item's name or text is held to the item's own limits (an application the
# review recommends must be one the list can take), though it may be empty here (incomplete)
Words = Annotated[str, Field(max_length=TEXT_MAX, pattern=TEXT_OR_EMPTY)]
Title = Annotated[str, Field(max_length=NAME_MAX, pattern=LINE_OR_EMPTY)]


class ApplicationTraining(Strict):
    owner: Slug | None = Field(None, description="Department that trains grid workers (培训责任单位).")
    plan: Words | None = Field(None, description="The training plan (培训计划).")


class Application(Strict):
    """申请纳入网格化服务管理工作清单."""

    id: Annotated[Ref, Field(description="The application's id, e.g. APP-2026-001.")]
    item: Title | None = Field(None, description="事项名称")
    applicant: Slug | None = Field(None, description="申请部门 (a department id)")
    basis: Words | None = Field(None, description="依据: the legal basis")
    content: Words | None = Field(None, description="工作内容")
    duty: Annotated[str, Field(pattern=r"^[A-Z]{1,4}[0-9]{2,4}$")] | None = Field(None, description="对应职责 (D01…D11)")
    activities: list[Slug] | None = Field(None, description="活动")
    categories: list[Title] | None = Field(None, description="类别")
    frequency: Title | None = Field(None, description="频次")
    hours_per_month: float | None = Field(None, ge=0, le=10000, description="工作量 (小时/网格/月)")
    subsidy: float | None = Field(None, ge=0, le=1_000_000, description="工作补贴 (元/网格/月)")
    training: ApplicationTraining | None = None
    risk: Literal[RISKS] | None = Field(None, description="风险等级 (low, medium, high; the risk list)")  # type: ignore[valid-type]
    start: Date | None = Field(None, description="开始日期")
    end: Date | None = Field(None, description="结束日期 (fixed-term items only)")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Application":
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(t("input.end_before_start", end=self.end, start=self.start))
        return self
