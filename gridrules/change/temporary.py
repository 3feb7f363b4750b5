"""A town's temporary approvals (镇街专题研究): recording, withdrawing and listing them.

A town may give its own grid workers a piece of phased work only after a
专题研究 decision, recorded with its reference, date, activities and end date.
The negative list and the power list bind it like any other approval, and it
may run at most ``temporary_max_days`` days (both ends counted) -- these are
refusals, with no override.  Each approval is written to
``admission/temporary.yaml`` and recorded in the history like every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from gridrules.catalogue import t
from gridrules.change import history as changelog
from gridrules.lang.parse import suggest
from gridrules.errors import InputError, Problem
from gridrules.pack.model.lists import TemporaryApproval
from gridrules.pack.pack import Pack
from gridrules.pack.params import TEMPORARY_MAX_DAYS
from gridrules.change.store import LOCK_TIMEOUT, Draft
from gridrules.change.review import Finding, FindingList, review_texts
from gridrules.change.workflow import Outcome, run_decision
from gridrules.errors import Refused
from gridrules.pack.layout import TEMPORARY
from gridrules.pack.model.powers import NegativeEntry



@dataclass(frozen=True)
class TemporaryRequest:
    town: str
    ref: str
    decided_on: date
    work: str
    activities: list[str]
    valid_from: date
    valid_to: date
    hours_per_month: float | None = None
    note: str | None = None


def check_request(pack: Pack, request: TemporaryRequest) -> list[Finding]:
    """Input problems raise ``InputError``; what the policy forbids comes back as findings."""
    problems: list[Problem] = []
    if request.town not in pack.towns:
        problems.append(Problem(f"unknown town '{request.town}'", field="--town", hint=suggest(request.town, pack.towns)))
    known = set(pack.activities) | set(pack.negative_by_activity)
    for activity in request.activities:
        if activity not in known:
            problems.append(Problem(f"unknown activity '{activity}'", field="--activities", hint=suggest(activity, known)))
    if not request.activities:
        problems.append(Problem("name at least one activity", field="--activities"))
    if len(set(request.activities)) != len(request.activities):
        problems.append(Problem("an activity is named twice", field="--activities"))
    if request.valid_to < request.valid_from:
        problems.append(Problem(f"the end ({request.valid_to}) is before the start ({request.valid_from})", field="--to"))
    if problems:
        raise InputError(problems)

    texts = review_texts(pack)
    out = FindingList(pack, texts)
    town_name = pack.towns[request.town].name
    for activity in request.activities:
        entry = pack.barrier(activity)
        if isinstance(entry, NegativeEntry):
            out.add("negative_activity", f"negative.{entry.code}",
                    {"activity": activity, "activity_name": entry.title, "code": entry.code,
                     "forbidden": entry.forbidden, "town_name": town_name},
                    field="activities", rules=texts.temporary)
        elif entry == "beyond_powers":
            out.add("beyond_powers", f"beyond_powers.{activity}",
                    {"activity": activity, "activity_name": pack.activity_name(activity), "town_name": town_name},
                    field="activities", rules=texts.temporary)
    max_days = pack.parameter(TEMPORARY_MAX_DAYS)
    days = (request.valid_to - request.valid_from).days + 1
    if max_days is not None and days > max_days:
        out.add("too_long", "too_long",
                {"valid_from": str(request.valid_from), "valid_to": str(request.valid_to), "days": str(days),
                 "max_days": f"{max_days:g}", "town_name": town_name},
                field="to", rules=texts.temporary)
    return out.found


def approve_temporary(pack_dir, request: TemporaryRequest, recorded_at: datetime | None = None,
                      timeout: float = LOCK_TIMEOUT) -> Outcome:
    """Record a town's 专题研究 decision as a temporary approval."""

    def propose(draft: Draft):
        pack = draft.pack
        if request.ref in pack.approvals_by_ref:
            raise Refused(t("refuse.temporary_exists", ref=request.ref))
        findings = check_request(pack, request)
        if findings:
            raise Refused(t("refuse.temporary_findings", ref=request.ref, ids=", ".join(f.id for f in findings)), findings=findings)
        entry = {
            "ref": request.ref, "town": request.town, "decided_on": request.decided_on, "work": request.work,
            "activities": list(request.activities), "from": request.valid_from, "to": request.valid_to,
            "hours_per_month": request.hours_per_month, "note": request.note,
        }
        editor = draft.editor(TEMPORARY)
        editor.append(("approvals",), {k: v for k, v in entry.items() if v is not None})
        draft.save(editor)
        change = changelog.record(
            draft, "temporary_approve", request.ref,
            changelog.town_decision(request.town, request.ref, request.decided_on),
            recorded_at or datetime.now(pack.tz), name=request.work,
        )
        return change, None, False

    return run_decision(pack_dir, "temporary_approve", propose, timeout)


def withdraw_temporary(pack_dir, ref: str, on: date, reason: str | None = None, decision_ref: str | None = None,
                       recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT) -> Outcome:
    """The town ends its approval from ``on`` (by the decision ``decision_ref``, default the approval's own)."""

    def propose(draft: Draft):
        pack = draft.pack
        approval = pack.approvals_by_ref.get(ref)
        if approval is None:
            raise InputError(Problem(f"unknown temporary approval '{ref}'", field="REF",
                                     hint=suggest(ref, pack.approvals_by_ref)))
        if approval.withdrawn_on is not None:
            raise Refused(t("refuse.temporary_withdrawn", ref=ref, date=approval.withdrawn_on))
        if on < approval.decided_on:
            raise Refused(t("refuse.temporary_before", ref=ref, date=approval.decided_on, on=on))
        index = pack.approvals.index(approval)
        editor = draft.editor(TEMPORARY)
        editor.insert(("approvals", index), "withdrawn_on", on, after="to")
        draft.save(editor)
        change = changelog.record(
            draft, "temporary_withdraw", ref, changelog.town_decision(approval.town, decision_ref or ref, on),
            recorded_at or datetime.now(pack.tz), name=approval.work, reason=reason,
        )
        return change, None, False

    return run_decision(pack_dir, "temporary_withdraw", propose, timeout)


def status(pack: Pack, approval: TemporaryApproval, on: date) -> str:
    """in_force | upcoming (decided, starts later) | expired | withdrawn | undecided (decided after ``on``)."""
    if approval.decided_on > on:
        return "undecided"
    if approval.withdrawn_on is not None and approval.withdrawn_on <= on:
        return "withdrawn"
    if approval.to < on:
        return "expired"
    if approval.from_ > on:
        return "upcoming"
    return "in_force"


def list_approvals(pack: Pack, on: date, town: str | None = None, include_all: bool = False) -> list[tuple[TemporaryApproval, str]]:
    """The towns' approvals with their status on ``on``: current and upcoming ones, or all."""
    if town is not None and town not in pack.towns:
        raise InputError(Problem(f"unknown town '{town}'", field="--town", hint=suggest(town, pack.towns)))
    out = []
    for approval in pack.approvals:
        if town is not None and approval.town != town:
            continue
        state = status(pack, approval, on)
        if include_all or state in ("in_force", "upcoming"):
            out.append((approval, state))
    return out
