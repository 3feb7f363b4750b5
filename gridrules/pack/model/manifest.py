"""pack.yaml: the pack's identity."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from gridrules.contract.base import OFFSET_PATTERN, Name, Strict, Text

Version = Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]


class Source(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    note: Text | None = None


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
