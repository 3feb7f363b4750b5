"""The per-event judgement of a lifecycle record (the district policy, section 7).

Each deadline is judged ``on_time``, ``late``, ``pending`` (not yet due at the
moment of the check, and the matter not resolved) or ``excluded`` (not counted:
an escalation for ``unresolved`` before the level's deadline, a whistle whose
limit falls after the resolution, a segment escalated before its response was due).
A 延期 recorded after the closure limit had passed moves nothing; ``late_extensions``
names each, so a record with a 延期 that counts as late says why.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from gridrules.contract.documents import EventDecision, Moment, Out, construct

JUDGEMENTS = ("on_time", "late", "pending", "excluded")
Verdict = Literal["on_time", "late", "pending", "excluded"]
SEGMENT_ENDS = ("resolved", "escalated_unresolved", "escalated_overdue", "open")


class Segment(Out):
    """One stretch of handling by one level: from the report, an escalation or a reopening."""

    level: str
    unit: str | None
    start: Moment
    respond_by: Moment
    close_by: Moment
    end: Literal[SEGMENT_ENDS]  # type: ignore[valid-type]
    end_at: Moment | None
    responded_at: Moment | None
    reopened_within_window: bool = Field(description="Resolved, then reopened within the window (复发): not on time.")
    responded: Verdict
    closed: Verdict


class Answer(Out):
    """A summoned department's answer to one whistle: 报到, 退哨 or nothing."""

    department: str
    answer: Literal["reported_in", "returned", "none"]
    at: Moment | None
    judgement: Verdict


class WhistleJudgement(Out):
    at: Moment
    kind: str = Field(description="The whistle kind's id in the pack (re-routed at the level current then).")
    kind_name: str
    level: str
    report_by: Moment
    answers: list[Answer]


class UnscoredWhistle(Out):
    """A whistle step at a level that blows no whistle (policy §6: a whistle is blown when the
    handling level is town or district and the matter needs a department): there is no limit to
    judge its 报到 by (§7 re-routes it at the level current then), so it is not scored, and the
    departments it names are not scored on the event for it."""

    step: int = Field(description="The whistle step's index in the record's steps.")
    at: Moment
    level: str = Field(description="The handling level current when it was blown.")
    departments: list[str]


class LateExtension(Out):
    """A 延期 recorded after the closure limit it would have moved had passed: the matter was
    already late, so it moves nothing (the segment keeps ``close_by``)."""

    step: int = Field(description="The extended step's index in the record's steps.")
    at: Moment = Field(description="When the extension was recorded.")
    until: Moment = Field(description="The closure limit it asked for, not applied.")
    close_by: Moment = Field(description="The closure limit it came after, still in force.")


class EventJudgement(Out):
    """How one event was handled, judged against the deadlines gridrules decides."""

    event: str
    type: str
    grade: str
    town: str | None
    community: str | None
    grid: str
    routed_level: str = Field(description="The level the event was first routed to.")
    final_level: str
    reported_at: Moment
    resolved: bool
    resolved_at: Moment | None
    pending: bool = Field(description="Not resolved, and a deadline not yet passed at the check: "
                          "counted, excluded from every share.")
    direct_report: bool = Field(description="A direct_report step (直报) was made.")
    segments: list[Segment]
    responded: Verdict
    closed: Verdict
    feedback_by: Moment
    feedback_at: Moment | None
    feedback: Verdict
    whistles: list[WhistleJudgement]
    returned: list[str] = Field(description="Departments that sent a whistle back (退哨): not scored on "
                                "this event's closure, feedback or satisfaction.")
    satisfaction: str | None
    satisfied: bool | None
    ratings: list[dict]
    digest_mismatch: bool = Field(description="The record names a digest this pack's history does not record: "
                                  "another pack routed it.")
    digest_version: str | None = Field(None, description="The earlier version of this pack that routed it, when "
                                       "its digest is one the history records (None: the current pack, or none named).")
    late_extensions: list[LateExtension] = Field(description="Each 延期 recorded after the closure limit had "
                                                 "passed: not applied, the matter judged by the limit it came after.")
    unscored_whistles: list[UnscoredWhistle] = Field(
        default_factory=list, description="Each whistle step blown at a level that blows no whistle (policy §6): "
        "not in whistles, not scored; the departments it names are not scored on this event for it.")
    at: Moment = Field(description="The moment of the check.")
    decision: EventDecision = Field(description="The routing of the record as it stands at the check "
                                    "(route --record); when counting, the last segment's routing at its start.")


def judgement_document(fields: dict[str, Any]) -> EventJudgement:
    """The judgement as a document, from its fields as a mapping whose segments, whistles and
    answers are mappings too (``judgement_fields``' form: what counting reads, made without
    the documents)."""
    whistles = [construct(WhistleJudgement, dict(w, answers=[construct(Answer, a) for a in w["answers"]]))
                for w in fields["whistles"]]
    return construct(EventJudgement, dict(fields, segments=[construct(Segment, s) for s in fields["segments"]],
                                          whistles=whistles,
                                          late_extensions=[construct(LateExtension, x)
                                                           for x in fields["late_extensions"]],
                                          unscored_whistles=[construct(UnscoredWhistle, x)
                                                             for x in fields.get("unscored_whistles", ())]))


def judgement_fields(judgement: EventJudgement) -> dict[str, Any]:
    """A judgement document's fields as ``judgement_document`` reads them."""
    whistles = [dict(w.__dict__, answers=[a.__dict__ for a in w.answers]) for w in judgement.whistles]
    return dict(judgement.__dict__, segments=[s.__dict__ for s in judgement.segments], whistles=whistles,
                late_extensions=[x.__dict__ for x in judgement.late_extensions],
                unscored_whistles=[x.__dict__ for x in judgement.unscored_whistles])
