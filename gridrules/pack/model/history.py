"""history.yaml: every change made to the pack, with the decision behind it.

gridrules appends one entry per change (``gridrules admission approve``,
``reject``, ``amend``, ``withdraw``, ``gridrules temporary approve`` and
``withdraw``); nobody edits old entries.  Each entry names the decision (the
joint meeting's session, or a town's 专题研究 reference, and its date), what it
changed, the pack version it produced and the digest of the pack it changed,
so the chain of digests can be followed back.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import Date, DateTime, Name, Ref, Slug, Strict, Text, UnitId
from gridrules.pack.model.manifest import Version

Action = Literal[
    "approve", "reject", "amend", "withdraw", "temporary_approve", "temporary_withdraw", "import_registry",
    "record", "training",
]
Digest = Field(pattern=r"^sha256:[0-9a-f]{64}$")
DIGEST = r"^sha256:[0-9a-f]{64}$"
FileHash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class DecisionRecord(Strict):
    """Who decided: an approving body of admission/bodies.yaml (the joint meeting at a session,
    a town's or county's body by its reference), the ledger of communities and grids
    (登记台账, the file it was imported from), or a department recording what it did (the
    training it delivered)."""

    by: Slug = Field(description="The body's id (bodies.yaml), ledger for a registry import, or department "
                                 "for a department's record.")
    department: Slug | None = Field(None, description="The department that recorded it (training delivered).")
    session: Ref | None = Field(None, description="The body's session, e.g. 2026-1.")
    unit: UnitId | None = Field(None, description="The unit whose body decided (a body of every unit of a level).")
    town: Slug | None = Field(None, description="As unit, in entries written before bodies were declared.")
    reference: Ref | None = Field(None, description="The decision's reference (a 专题研究 number).")
    source: Name | None = Field(None, description="The ledger file a registry import read.")
    date: Date = Field(description="Date of the decision.")
    effective: Date | None = Field(None, description="When it takes effect, if on another day than its decision.")

    @model_validator(mode="after")
    def _names_its_body(self) -> "DecisionRecord":
        if (self.by == "ledger") != (self.source is not None):
            raise ValueError(t("history.ledger_source"))
        if self.by == "ledger" and (self.session or self.town or self.unit or self.reference):
            raise ValueError(t("history.ledger_only_source"))
        if (self.by == "department") != (self.department is not None):
            raise ValueError(t("history.department"))
        if self.by == "department" and (self.session or self.town or self.unit or self.reference):
            raise ValueError(t("history.department_only"))
        if self.by not in ("ledger", "department") and (self.session is None) == (self.reference is None):
            raise ValueError(t("history.session_or_reference"))
        if self.town is not None and self.unit is not None:
            raise ValueError(t("history.unit_or_town"))
        return self

    @property
    def decided_at(self) -> str | None:
        """The unit whose body decided, when the record names one."""
        return self.unit or self.town


class ReviewRecord(Strict):
    """The secretariat's review the decision was taken on."""

    recommendation: Literal["approve", "reject", "incomplete"]
    blocking: list[str] = Field(default_factory=list, description="Ids of the blocking findings.")


class FieldChange(Strict):
    """One field of an item changed by an amendment."""

    field: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$", description="The item field, e.g. subsidy or effective.to.")
    before: Any = Field(None, description="The value before (absent: not set).")
    after: Any = Field(None, description="The value after (absent: removed).")


class UnitCounts(Strict):
    """How many registry units (communities and grids) a registry import added, changed, removed."""

    added: int = Field(ge=0)
    changed: int = Field(ge=0)
    removed: int = Field(ge=0)


class Change(Strict):
    seq: int = Field(ge=1, description="1, 2, 3, … in the order changes were made.")
    action: Action = Field(description="record: a deliberate hand edit, recorded after it was made.")
    target: Ref = Field(description="The item code, application id or approval reference.")
    name: Name | None = Field(None, description="The item's name or the temporary work.")
    application: Ref | None = None
    decision: DecisionRecord | None = Field(None, description="Absent only for a recorded hand edit.")
    review: ReviewRecord | None = None
    override: Text | None = Field(None, description="Why a blocking review finding was overridden.")
    reason: Text | None = None
    fields: list[FieldChange] = Field(default_factory=list, description="What an amendment changed.")
    units: UnitCounts | None = Field(None, description="What a registry import changed.")
    version: Version = Field(description="Pack version after the change.")
    previous_version: Version
    previous_digest: str = Digest
    recorded_at: DateTime
    # the hash chain (absent in entries written before the pack had a genesis entry)
    content_before: str | None = Field(None, pattern=DIGEST, description="Content digest before the change.")
    content_after: str | None = Field(None, pattern=DIGEST, description="Content digest after the change.")
    files: dict[str, FileHash | None] | None = Field(
        None, description="sha256 of each file the change wrote (null: removed).")
    previous: str | None = Field(None, pattern=DIGEST, description="Hash of the entry before (or of genesis).")
    hash: str | None = Field(None, pattern=DIGEST, description="This entry's own hash (over its other fields): "
                             "the newest entry is covered too. Absent in entries written before entries carried it.")

    @model_validator(mode="after")
    def _decided_unless_recorded(self) -> "Change":
        if (self.decision is None) != (self.action == "record"):
            raise ValueError(t("history.names_decision"))
        if self.action == "record" and not self.reason:
            raise ValueError(t("history.gives_reason"))
        return self


class Genesis(Strict):
    """The pack as published (or as it was when its history began to be checked)."""

    version: Version
    content: str = Field(pattern=DIGEST, description="The content digest (every policy file but history.yaml).")
    files: dict[str, FileHash] = Field(description="sha256 of every policy file but history.yaml.")
    recorded_at: DateTime
    reason: Text
    hash: str | None = Field(None, pattern=DIGEST, description="The genesis entry's own hash (over its other fields).")


class HistoryFile(Strict):
    """history.yaml: the pack's genesis and change log, oldest first."""

    genesis: Genesis | None = None
    changes: list[Change] = Field(default_factory=list)

    def versions(self) -> dict[str, str]:
        """The pack's digest (a decision's ``pack.digest``) of each version a change ended -> that
        version: each change records the digest the pack had before it."""
        return {change.previous_digest: change.previous_version for change in self.changes}
