"""admission/bodies.yaml: the bodies that decide what grid workers may be given.

A body sits at a handling level (the district's joint meeting, a county's or a city's
grid-work body, a town's 专题研究); it keeps lists (its items apply within its unit) and
may give temporary inclusions with a maximum period.  Every sentence that names a body
or one of its decisions is written here, so a pack speaks its own regulation's words.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gridrules.contract.base import Name, Slug, Strict, Text, UnitId


class KeptList(Strict):
    """A list a body keeps (its 工作清单)."""

    id: Slug
    name: Name = Field(description="The list's name (网格化服务管理工作清单).")
    code_prefix: str | None = Field(
        None, pattern=r"^[A-Z]{1,4}$",
        description="Prefix of its new item codes (L -> L18, L19, …); omitted: the one its codes share.",
    )


class TemporaryPower(Strict):
    """The temporary inclusions a body may give (临时事项)."""

    name: Name = Field(description="What one of them is called (专题研究批复, 临时纳入决定).")
    max_days: int | None = Field(
        None, ge=1, description="The longest one may run, both ends counted; omitted: the temporary_max_days parameter."
    )
    used_by: list[Literal["department", "town"]] = Field(
        min_length=1,
        description="Who may name one in a task: the towns, and/or the departments, within the body's unit.",
    )


class Body(Strict):
    """One approving body."""

    id: Slug = Field(description="Its id, as history.yaml's decisions name it (by: joint_meeting).")
    name: Name = Field(description="Its name (区网格化服务管理联席会议, 专题研究).")
    level: Slug = Field(description="The handling level it sits at (levels.yaml).")
    unit: UnitId | None = Field(
        None, description="The unit it serves; omitted: every unit of its level's kind has one (each town's 专题研究)."
    )
    lists: list[KeptList] = Field(default_factory=list, description="The lists it keeps; its items apply within its unit.")
    temporary: TemporaryPower | None = Field(None, description="Set when it may give temporary inclusions.")
    decision: Text = Field(
        description="How one of its decisions reads: {body} its name, {unit} its unit's name, "
        "{session} or {reference}, {date}."
    )


class BodiesFile(Strict):
    """admission/bodies.yaml: the approving bodies."""

    bodies: list[Body] = Field(min_length=1)
