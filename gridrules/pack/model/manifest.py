"""pack.yaml: the pack's identity."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import OFFSET_PATTERN, Name, Strict, Text
from gridrules.contract.documents import FREE_TEXT_FIELDS
from gridrules.errors import FieldValueError

Version = Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]


class Source(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    note: Text | None = None


FreeTextField = Annotated[str, Field(json_schema_extra={"enum": list(FREE_TEXT_FIELDS)})]


class DecisionLogPolicy(Strict):
    """What the decision log keeps of the inputs' free text: each free-text field is dropped or
    hashed (HMAC-SHA256 under the log's own key), none kept as written; residents' personal data never enters the log."""

    drop: list[FreeTextField] = Field(default_factory=list, description="Fields left out of the log.")
    hash: list[FreeTextField] = Field(default_factory=list,
                                      description="Fields logged as the HMAC-SHA256 of their text under the log's own key.")

    @model_validator(mode="after")
    def _every_field_once(self) -> "DecisionLogPolicy":
        for where, fields in (("drop", self.drop), ("hash", self.hash)):
            for i, name in enumerate(fields):
                if name not in FREE_TEXT_FIELDS:
                    raise FieldValueError((where, i), t("pack.not_free_text", name=name, fields=", ".join(FREE_TEXT_FIELDS)))
                if name in fields[:i] or (where == "hash" and name in self.drop):
                    raise FieldValueError((where, i), t("pack.listed_twice", name=name))
        missing = [name for name in FREE_TEXT_FIELDS if name not in self.drop and name not in self.hash]
        if missing:
            raise FieldValueError(("drop",), t("pack.drop_or_hash", fields=", ".join(missing)))
        return self


class PackManifest(Strict):
    """pack.yaml: name, version and provenance of a rule pack."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: Name
    version: Version = Field(description="MAJOR.MINOR.PATCH; approvals bump it.")
    description: Text | None = None
    utc_offset: str = Field(
        pattern=OFFSET_PATTERN,
        description="The pack's local time (Beijing: +08:00); days and working days are counted in it.",
    )
    sources: list[Source] = Field(default_factory=list)
    decision_log: DecisionLogPolicy | None = Field(
        None, description="What the decision log keeps of free text; absent: every free-text field dropped.")
