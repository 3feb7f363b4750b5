"""A file of decision cases (``rules/cases/**.yaml``): the published format.

Loading and running them is ``gridrules.cases``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from gridrules.contract.base import DateTime, Strict


class CaseModel(Strict):
    name: str = Field(min_length=1, max_length=300)
    description: str | None = None
    at: DateTime | None = Field(None, description="The moment of the check; tasks and records need it, "
                                "events default to reported_at.")
    input: dict[str, Any]
    expect: dict[str, Any] = Field(min_length=1)


class CaseFile(Strict):
    """A file of decision cases (rules/cases/**.yaml)."""

    kind: Literal["task", "event", "record", "assessment"] = Field(
        description="task and event: decisions; record: an event's lifecycle record, judged (the district policy, section 7); "
                    "assessment: records and tasks of a period, scored and listed.")
    cases: list[CaseModel] = Field(min_length=1)
