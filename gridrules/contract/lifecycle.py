"""The event lifecycle record: what a dispatch system keeps about one event.

One JSON object per line: the event as first routed (without history), the
digest of the pack that routed it, the steps in time order and the towns'
optional ratings of the departments they summoned.  The model checks what needs
no pack (the order of steps, a 报到 only from a summoned department, a 回访 or a
reopening only after a resolution); ``decide.records`` then checks the pack's
codes and that each escalation goes exactly one level up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Callable, Literal, Union

from pydantic import Field

from gridrules.catalogue import t
from gridrules.catalogue.humane import gap_words
from gridrules.contract.base import DateTime, Slug, Strict, UnitId
from gridrules.contract.documents import EventInput, FreeText

ESCALATION_REASONS = ("unresolved", "overdue")
SATISFACTION = ("satisfied", "basic", "dissatisfied")  # 满意, 基本满意, 不满意
Digest = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
Departments = Annotated[list[Slug], Field(min_length=1, max_length=50)]


class _Step(Strict):
    at: DateTime


class Dispatched(_Step):
    kind: Literal["dispatched"]
    level: Slug
    unit: UnitId | None = None


class DirectReport(_Step):
    """直报 made (网格吹哨 of an urgent matter)."""

    kind: Literal["direct_report"]


class WhistleStep(_Step):
    """吹哨: the departments summoned."""

    kind: Literal["whistle"]
    departments: Departments


class ReportedIn(_Step):
    """报到: a summoned department reports in."""

    kind: Literal["reported_in"]
    department: Slug


class Responded(_Step):
    kind: Literal["responded"]
    unit: UnitId


class Feedback(_Step):
    """Feedback to the resident."""

    kind: Literal["feedback"]


class Escalated(_Step):
    """逐级上报: exactly one level above the current one."""

    kind: Literal["escalated"]
    level: Slug
    reason: Literal[ESCALATION_REASONS]  # type: ignore[valid-type]


class Extended(_Step):
    """延期: moves close_by, when recorded by close_by (not once the limit has passed)."""

    kind: Literal["extended"]
    until: DateTime
    approved_by: Annotated[str, Field(min_length=1, max_length=200)]


class Returned(_Step):
    """退哨: a whistle sent back, with its reason."""

    kind: Literal["returned"]
    department: Slug
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class Resolved(_Step):
    kind: Literal["resolved"]


class Revisit(_Step):
    """回访, after the resolution."""

    kind: Literal["revisit"]
    satisfaction: Literal[SATISFACTION]  # type: ignore[valid-type]


class Reopened(_Step):
    """复发: the matter came back after its resolution."""

    kind: Literal["reopened"]


Step = Annotated[
    Union[Dispatched, DirectReport, WhistleStep, ReportedIn, Responded, Feedback, Escalated, Extended,
          Returned, Resolved, Revisit, Reopened],
    Field(discriminator="kind"),
]
STEP_KINDS = ("dispatched", "direct_report", "whistle", "reported_in", "responded", "feedback", "escalated",
              "extended", "returned", "resolved", "revisit", "reopened")


class Rating(Strict):
    """A town's 1–5 rating of a department it summoned for this event."""

    town: Slug
    department: Slug
    score: Annotated[int, Field(ge=1, le=5)]


class LifecycleRecord(Strict):
    """One event's lifecycle: the event as first routed and what happened to it."""

    event: EventInput
    digest: Digest | None = Field(None, description="The pack that routed it; a mismatch is flagged, not refused.")
    steps: list[Step] = Field(default_factory=list, max_length=1000)
    ratings: list[Rating] = Field(default_factory=list, max_length=100)
    note: FreeText | None = None


def step_problems(record: LifecycleRecord, shown: Callable[[str], str] = str) -> list[tuple[tuple, str]]:
    """(field path, message) for each step out of order or out of place; needs no pack
    (``decide.records`` reports them with the pack's own checks, ``shown`` giving a department
    as the pack names it)."""
    out: list[tuple[tuple, str]] = []
    if record.event.history:  # the event as first routed: its handling is the steps
        out.append((("event", "history"), t("record.history")))
    previous: datetime = record.event.reported_at
    latest: int | None = None  # the step ``previous`` is the time of (None: the report)
    summoned: set[str] = set()
    resolved = ever_resolved = False
    for i, step in enumerate(record.steps):
        # the step's fields read as a mapping (pydantic keeps them in ``__dict__``): a model
        # answers attribute reads through its class's ``__getattr__`` hook, ~4x a plain read
        s = step.__dict__
        at = s["at"]
        if at < previous:
            what = t("record.the_report") if latest is None else t("record.the_step", step=f"steps[{latest}]")
            out.append((("steps", i, "at"), t("record.before", at=at.isoformat(), before=what,
                                              then=previous.isoformat(), gap=gap_words((previous - at).total_seconds()))))
        else:
            previous, latest = at, i  # the latest so far (one comparison of instants, not two)
        kind = s["kind"]  # a string compare, not a class test a branch
        if kind == "whistle":
            summoned.update(s["departments"])
        elif (kind == "reported_in" or kind == "returned") and s["department"] not in summoned:
            out.append((("steps", i, "department"), t("record.never_summoned", department=shown(s["department"]))))
        elif kind == "resolved":
            if resolved:
                out.append((("steps", i, "kind"), t("record.resolved_twice")))
            resolved = ever_resolved = True
        elif kind == "revisit" and not ever_resolved:
            out.append((("steps", i, "kind"), t("record.revisit_early")))
        elif kind == "reopened":
            if not resolved:
                out.append((("steps", i, "kind"), t("record.reopen_unresolved")))
            resolved = False
        elif kind == "escalated" and resolved:
            out.append((("steps", i, "kind"), t("record.escalate_resolved")))
        elif kind == "extended" and s["until"] <= at:
            out.append((("steps", i, "until"), t("record.until_early", until=s["until"].isoformat())))
    for i, rating in enumerate(record.ratings):
        if rating.department not in summoned:
            out.append((("ratings", i, "department"), t("record.rating_not_summoned", department=shown(rating.department))))
    return out
