"""history.yaml: every change made to the pack, with the decision behind it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Date, DateTime, Ref, Strict, Text

Action = Literal[
    "approve", "reject", "amend", "withdraw", "temporary_approve", "temporary_withdraw"
]


class Change(Strict):
    seq: int = Field(ge=1, description="1, 2, 3, … in the order changes were made.")
    action: Action
    target: Ref = Field(description="The item code, application id or approval reference.")
    application: Ref | None = None
    session: Ref | None = Field(None, description="Joint-meeting session (or the town's 专题研究 ref).")
    date: Date = Field(description="Date of the decision.")
    decided_by: Text
    summary: Text
    reason: Text | None = None
    override: Text | None = Field(None, description="Why a blocking review finding was overridden.")
    version: str = Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$", description="Pack version after the change.")
    previous_digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    recorded_at: DateTime


class HistoryFile(Strict):
    """history.yaml: the pack's change log, oldest first."""

    changes: list[Change] = Field(default_factory=list)
