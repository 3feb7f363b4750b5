"""What a replay reports (``gridrules replay``, and the impact section of ``admission review --impact``):
logged decisions re-decided with a candidate pack, and the verdicts and levels that would change."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ReplayExample(_Doc):
    """One logged decision that would change."""

    seq: int = Field(description="The record's place in the decision log.")
    id: str | None = Field(description="The task's or event's id, when it has one.")
    at: str = Field(description="The moment it was decided (ISO 8601).")
    reasons: list[str] = Field(description="The first reasons of the candidate's decision, in Chinese.")


class ReplayTransition(_Doc):
    """Logged decisions whose verdict (task) or level (event) would go from one value to another."""

    kind: Literal["task", "event"]
    from_: str = Field(alias="from", description="The logged verdict (with the item admitting it) or level.")
    to: str = Field(description="The candidate's verdict or level; 'invalid' when it refuses the input.")
    count: int
    by: dict[str, dict[str, int]] = Field(
        description="Counts by department, item, town (tasks) or type, town, department (events).")
    examples: list[ReplayExample]


class ReplayReport(_Doc):
    """Every logged task and event in the window re-decided at its moment with the candidate pack."""

    replayed: int
    unchanged: int
    changed: int
    candidate_digest: str = Field(description="The candidate pack's digest, as written.")
    logged_digests: dict[str, int] = Field(description="How many replayed decisions each logged pack digest made.")
    transitions: list[ReplayTransition] = Field(description="The changes, most frequent first.")


class ReviewImpact(_Doc):
    """What approving the application would have changed in the logged decisions (``--impact``)."""

    since: str | None = Field(description="Only decisions made at or after this moment.")
    until: str | None = Field(description="Only decisions made before this moment.")
    approved_as: str | None = Field(description="The item code the application gets in the candidate pack.")
    refused: str | None = Field(description="Why the application cannot be approved even by an overriding "
                                            "decision: then nothing is replayed.")
    replay: ReplayReport | None
