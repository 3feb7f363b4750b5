"""Temporary approvals (a town's 专题研究, a county body's urgent temporary inclusion):
recording, withdrawing and listing them.

A body that may give temporary inclusions (admission/bodies.yaml ``temporary``) admits a
piece of phased work within its unit by a decision, recorded with its reference, date,
activities and end date.  The negative list and the power list bind it like any other
approval, and it may run at most the body's ``max_days`` (else ``temporary_max_days``) days,
both ends counted -- these are refusals, with no override.  Its hours count in its town's listed
work (policy §8): one that would take the town past capacity on some day of its period is refused
as the joint meeting's approval of such an item is, unless the decision gives its reason
(``override``, recorded in the history).  Each approval is written to ``admission/temporary.yaml``
and recorded in the history like every change.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Mapping

from pydantic import TypeAdapter

from gridrules.catalogue import t
from gridrules.change import history as changelog
from gridrules.lang.parse import suggest
from gridrules.errors import InputError, NotFound, Problem
from gridrules.contract.base import Hours, option_problems
from gridrules.pack.model.lists import TemporaryApproval
from gridrules.pack.pack import Pack
from gridrules.pack.listed import busiest
from gridrules.pack.params import CAPACITY, TEMPORARY_MAX_DAYS
from gridrules.change.dated import date_problems, effective_date
from gridrules.change.store import LOCK_TIMEOUT, Draft
from gridrules.change.review import Finding, FindingList, recommendation_of, review_texts
from gridrules.change.outcome import Outcome, run_decision
from gridrules.errors import RecordedOtherwise, Refused
from gridrules.pack.layout import TEMPORARY
from gridrules.pack.model.bodies import Body
from gridrules.pack.model.powers import NegativeEntry



@dataclass(frozen=True)
class TemporaryRequest:
    unit: str  # the unit whose body decided (a town for a town's 专题研究)
    ref: str
    decided_on: date
    work: str
    activities: list[str]
    valid_from: date
    valid_to: date
    hours_per_month: float | None = None
    note: str | None = None


# the texts and hours a request gives, held to the approval's own types before anything is written
# (a change failing only as the proposed pack is loaded names a file the user never wrote)
_GIVEN = (("work", "--work", changelog.NAME), ("note", "--note", changelog.TEXT),
          ("hours_per_month", "--hours", TypeAdapter(Hours)))


def check_request(pack: Pack, request: TemporaryRequest, known: date | None = None) -> list[Finding]:
    """Input problems raise ``InputError``; what the policy forbids comes back as findings (the
    workload's with the changes known on ``known``, default the decision's date)."""
    problems = request_problems(pack, request)
    if problems:
        raise InputError(problems)

    texts = review_texts(pack)
    out = FindingList(pack, texts)
    unit = pack.tree.units.get(request.unit)
    town_name = unit.name if unit is not None else request.unit
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
    max_days = max_days_of(pack, giving_units(pack)[request.unit])
    days = (request.valid_to - request.valid_from).days + 1
    if max_days is not None and days > max_days:
        out.add("too_long", "too_long",
                {"valid_from": str(request.valid_from), "valid_to": str(request.valid_to), "days": str(days),
                 "max_days": f"{max_days:g}", "town_name": town_name},
                field="to", rules=texts.temporary)
    _over_capacity(out, request, known or request.decided_on, town_name)
    return out.found


def _over_capacity(out: FindingList, request: TemporaryRequest, known: date, town_name: str) -> None:
    """The approval's hours on top of its town's listed work (policy §8: the items for all towns, those
    scoped to the town, its approvals in force), on the busiest day of the approval's period -- its
    first and each later day on which an item's or approval's terms begin, as the application review
    judges an item's -- town by town within the unit (a county body's approval loads each of its
    towns).  A reference already recorded is not judged (its hours count already: a retried decision)."""
    pack = out.pack
    capacity = pack.parameter(CAPACITY)
    added = float(request.hours_per_month or 0)
    if capacity is None or not added or request.ref in pack.approvals_by_ref:
        return
    within = pack.tree.towns_within(request.unit)
    if not any(town in within for town in pack.towns):
        return
    listed, day, town, _ = busiest(pack, known, request.valid_from, request.valid_to, within)
    if listed + added <= capacity:
        return
    texts = out.texts
    out.add("over_capacity", "capacity",
            {"listed": f"{listed:g}", "added": f"{added:g}", "after": f"{listed + added:g}",
             "capacity": f"{capacity:g}", "where": pack.towns[town].name, "day": str(day), "town_name": town_name},
            field="hours_per_month", rules=texts.temporary if texts.temporary.over_capacity is not None else None)


def request_problems(pack: Pack, request: TemporaryRequest) -> list[Problem]:
    """What is wrong with the request as input (each named by its option), before the policy is asked:
    the service checks it before whose the unit is (a request that contradicts itself is answered
    422, not 403)."""
    problems: list[Problem] = []
    for attr, flag, kind in _GIVEN:
        value = getattr(request, attr)
        if value is not None:
            problems += option_problems(kind, value, flag)
    giving = giving_units(pack)
    if request.unit not in giving:
        problems.append(Problem(t("change.no_giving_body", unit=request.unit), field="--unit",
                                hint=suggest(request.unit, giving)))
    known = set(pack.activities) | set(pack.negative_by_activity)
    for activity in request.activities:
        if activity not in known:
            problems.append(Problem(t("input.unknown_ref", what=t("kind.activity"), value=activity), field="--activities", hint=suggest(activity, known)))
    if not request.activities:
        problems.append(Problem(t("change.no_activity"), field="--activities"))
    if len(set(request.activities)) != len(request.activities):
        problems.append(Problem(t("change.activity_twice"), field="--activities"))
    if request.valid_to < request.valid_from:
        problems.append(Problem(t("change.end_before_start", end=request.valid_to, start=request.valid_from), field="--to"))
    if request.hours_per_month is None:  # approvals carry their hours: without them the capacity check counts none
        problems.append(Problem(t("change.hours_required"), field="--hours"))
    if request.valid_from < request.decided_on:  # the work is given only after the decision (专题研究)
        problems.append(Problem(t("change.start_before_decision", start=request.valid_from, date=request.decided_on),
                                field="--from"))
    return problems


def giving_units(pack: Pack) -> dict[str, Body]:
    """Each unit whose body may give temporary inclusions, with that body."""
    return pack.scopes.giving()


def max_days_of(pack: Pack, body: Body | None) -> float | None:
    """The longest a body's temporary inclusion may run (its own, else the pack's parameter)."""
    own = body.temporary.max_days if body is not None and body.temporary is not None else None
    return float(own) if own is not None else pack.parameter(TEMPORARY_MAX_DAYS)


def approval_name(pack: Pack, unit: str) -> str:
    """What the unit's body calls one of its temporary approvals, with the unit's name (棠香街道专题研究批复)."""
    return pack.scopes.approval_name(unit)


def _decision(pack: Pack, approval_unit: str, reference: str, on: date, effective: date | None = None) -> dict:
    body = giving_units(pack).get(approval_unit)
    return changelog.body_decision(pack, body.id if body else "", approval_unit, on, reference=reference,
                                   effective=effective)


def approve_temporary(pack_dir, request: TemporaryRequest, recorded_at: datetime | None = None,
                      timeout: float = LOCK_TIMEOUT, shown: Mapping[str, str] | None = None,
                      override: str | None = None) -> Outcome:
    """Record a body's decision (a town's 专题研究) as a temporary approval (in effect from its first day).
    ``shown``: the ids the caller gives the file's fields, when it names them otherwise (an HTTP
    request's valid_to for the file's to): a refusal naming what differs from the recorded decision
    says them so.  ``override``: why the body decided it despite a finding it may override (its
    town's workload over capacity), recorded in the history, as the joint meeting's on an item."""

    def propose(draft: Draft):
        pack = draft.pack
        problems = date_problems(pack, request.decided_on, None, recorded_at)
        # the workload as the pack knows it now: every change recorded, decided by the day of recording
        known = max(request.decided_on, (recorded_at or datetime.now(pack.tz)).astimezone(pack.tz).date())
        try:  # every problem of the request at once: its date's and its terms'
            findings = check_request(pack, request, known)
        except InputError as exc:
            raise InputError(problems + exc.problems) from None
        if problems:
            raise InputError(problems)
        if request.ref in pack.approvals_by_ref:
            pairs = _requested_pairs(pack.approvals_by_ref[request.ref], request)
            differs = changelog.differing(pairs, TEMPORARY, shown)
            same = changelog.retried(pack, "temporary_approve", request.ref, request.decided_on, request.valid_from,
                                     reference=request.ref)
            if same is not None and not differs:
                return same, None, False
            raise RecordedOtherwise(t("refuse.temporary_exists", ref=request.ref) + differs + t("refuse.new_temporary_ref"),
                                    changelog.differences(pairs, shown))
        hard = [f for f in findings if not f.overridable]
        if hard or (findings and not override):  # as the joint meeting's approval (workflow's _check_blocking)
            raise Refused(t("refuse.temporary_findings", ref=request.ref, texts=t("words.sentence_sep").join(f.message.rstrip("。.") for f in findings)),
                          findings=findings, overridable=not hard)
        used = override if findings else None
        entry = {
            "ref": request.ref, "unit": request.unit, "decided_on": request.decided_on, "work": request.work,
            "activities": list(request.activities), "from": request.valid_from, "to": request.valid_to,
            "hours_per_month": request.hours_per_month, "note": request.note,
        }
        editor = draft.editor(TEMPORARY)
        editor.append(("approvals",), {k: v for k, v in entry.items() if v is not None})
        draft.save(editor)
        change = changelog.record(
            draft, "temporary_approve", request.ref,
            _decision(pack, request.unit, request.ref, request.decided_on, request.valid_from),
            recorded_at or datetime.now(pack.tz), name=request.work, override=used,
            # the findings the decision overrode, as an item's approval records its review's
            review={"recommendation": recommendation_of(findings), "blocking": [f.id for f in findings]} if used else None,
        )
        return change, None, bool(override) and used is None

    outcome = run_decision(pack_dir, "temporary_approve", propose, timeout)
    if outcome.written and outcome.pack is not None:
        outcome.notes = like_notes(outcome.pack, request.ref)
    return outcome


def like_notes(pack: Pack, ref: str) -> list[str]:
    """What to say of the recorded approval ``ref``: each of its unit's approvals in force over its
    dates for the same work and activities (``like_in_force``), named (what a page shows after
    recording it, as the command line does); [] for a reference the pack lacks."""
    approval = pack.approvals_by_ref.get(ref)
    if approval is None:
        return []
    return [like_note(pack, approval, other) for other in like_approvals(pack, approval)]


def like_approvals(pack: Pack, approval: TemporaryApproval) -> list[TemporaryApproval]:
    """The pack's other approvals like ``approval`` (``like_in_force``), in the pack's order."""
    return like_in_force(pack, TemporaryRequest(
        approval.unit, approval.ref, approval.decided_on, approval.work, list(approval.activities), approval.from_,
        _last_day(pack, approval)))


def like_note(pack: Pack, approval: TemporaryApproval, other: TemporaryApproval) -> str:
    """What to say of ``approval`` like ``other`` (the same work and activities over overlapping dates)."""
    units = pack.tree.units
    unit = units[approval.unit].name if approval.unit in units else approval.unit
    return t("change.temporary_like", ref=approval.ref, unit=unit, other=other.ref, start=other.from_,
             end=_last_day(pack, other))


def _plain_work(work: str) -> str:
    return "".join(unicodedata.normalize("NFKC", work).split())


def _last_day(pack: Pack, approval: TemporaryApproval) -> date:
    """The last day ``approval`` admits work, every withdrawal recorded known (the pack's reading)."""
    return pack.approval_last_day(approval, date.max)


def like_in_force(pack: Pack, request: TemporaryRequest) -> list[TemporaryApproval]:
    """The unit's other approvals for the same work and activities in force on some day of the
    request's (TX-2026-30 recorded again as TX-2026-32): a decision recorded twice counts its hours
    twice.  Only said: two phases of like work may each be decided."""
    work, activities = _plain_work(request.work), set(request.activities)
    return [other for other in pack.approvals
            if other.ref != request.ref and other.unit == request.unit and set(other.activities) == activities
            and _plain_work(other.work) == work
            and other.from_ <= request.valid_to and request.valid_from <= _last_day(pack, other)]


def _requested_pairs(approval: TemporaryApproval, request: TemporaryRequest) -> dict[str, tuple[Any, Any]]:
    """``approval``'s terms (temporary.yaml's names) and what ``request`` asks of each: they all agree
    when ``request`` is ``approval``'s decision retried, not another decision given the same reference."""
    return {
        "unit": (approval.unit, request.unit), "decided_on": (approval.decided_on, request.decided_on),
        "work": (approval.work, request.work), "activities": (list(approval.activities), list(request.activities)),
        "from": (approval.from_, request.valid_from), "to": (approval.to, request.valid_to),
        "hours_per_month": (approval.hours_per_month, request.hours_per_month), "note": (approval.note, request.note)}


def withdraw_temporary(pack_dir, ref: str, on: date, reason: str | None = None, decision_ref: str | None = None,
                       recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT,
                       effective: date | None = None) -> Outcome:
    """The body's decision of ``on`` (``decision_ref``, default the approval's own) ends its approval
    from ``effective`` (default: ``on``): work starting then or later is not covered."""

    def propose(draft: Draft):
        pack = draft.pack
        approval = pack.approvals_by_ref.get(ref)
        if approval is None:
            raise NotFound(Problem(t("input.unknown_ref", what=t("kind.approval"), value=ref), field="REF",
                                   hint=suggest(ref, pack.approvals_by_ref)))
        if approval.withdrawn_on is not None:
            same = changelog.retried(pack, "temporary_withdraw", ref, on, effective, reference=decision_ref or ref)
            if same is not None:
                return same, None, False
        from_ = effective_date(pack, on, effective, recorded_at)
        if approval.withdrawn_on is not None:
            raise Refused(t("refuse.temporary_withdrawn", ref=ref, date=approval.withdrawn_on))
        if on < approval.decided_on:
            raise Refused(t("refuse.temporary_before", ref=ref, date=approval.decided_on, on=on))
        if approval.to < from_:  # it ended before the withdrawal would end it: nothing is withdrawn
            raise InputError(Problem(t("change.temporary_ended", ref=ref, end=approval.to, effective=from_),
                                     field="--effective" if effective is not None else "--date"))
        index = pack.approvals.index(approval)
        editor = draft.editor(TEMPORARY)
        editor.insert(("approvals", index), "withdrawn_on", on, after="to")
        if from_ != on:
            editor.insert(("approvals", index), "withdrawn_from", from_, after="withdrawn_on")
        draft.save(editor)
        change = changelog.record(
            draft, "temporary_withdraw", ref, _decision(pack, approval.unit, decision_ref or ref, on, from_),
            recorded_at or datetime.now(pack.tz), name=approval.work, reason=reason,
        )
        return change, None, False

    return run_decision(pack_dir, "temporary_withdraw", propose, timeout)


def status(pack: Pack, approval: TemporaryApproval, on: date) -> str:
    """in_force | upcoming (decided, starts later) | expired | withdrawn (in effect by ``on``, or
    before its first day) | undecided (decided after ``on``)."""
    in_force = approval.in_force
    if approval.decided_on > on:
        return "undecided"
    withdrawn = in_force.withdrawn_from(on)
    # in effect by then, or withdrawn before it started
    if withdrawn is not None and (withdrawn <= on or pack.approval_never_ran(approval, on)):
        return "withdrawn"
    if approval.to < on:
        return "expired"
    if approval.from_ > on:
        return "upcoming"
    return "in_force"


def period_said(pack: Pack, approval: TemporaryApproval, on: date, say: Callable[..., str] = t) -> str:
    """An approval's period to its last day in force as known on ``on`` (the day before a withdrawal takes
    effect), or that it never ran (withdrawn before its first day): the one reading of the command line's
    lists and the pages (``say``: ``chinese`` for a page).  Never the approved end after a withdrawal."""
    if pack.approval_never_ran(approval, on):
        return say("screen.temporary.never_ran", start=approval.from_)
    return say("screen.show.from_to", start=approval.from_, end=pack.approval_last_day(approval, on))


def status_said(approval: TemporaryApproval, state: str, on: date, say: Callable[..., str] = t) -> str:
    """``state``'s word, with the day a withdrawal known on ``on`` takes effect: 有效（2026-12-10 起撤销）
    while it runs to it, 已撤销（2026-12-10 起） once withdrawn."""
    withdrawn = approval.in_force.withdrawn_from(on)
    word = say(f"status.{state}")
    if withdrawn is None:
        return word
    return say("screen.temporary.withdrawn_from" if state == "withdrawn" else "screen.temporary.withdrawing",
               status=word, effective=withdrawn)


def list_approvals(pack: Pack, on: date, town: str | None = None, include_all: bool = False) -> list[tuple[TemporaryApproval, str]]:
    """The approvals (of one unit, or all) with their status on ``on``: current and upcoming ones, or all."""
    if town is not None and town not in pack.tree.units:
        raise InputError(Problem(t("input.unknown_ref", what=t("kind.unit"), value=town), field="--unit", hint=suggest(town, pack.tree.units)))
    out = []
    for approval in pack.approvals:
        if town is not None and approval.unit != town:
            continue
        state = status(pack, approval, on)
        if include_all or state in ("in_force", "upcoming"):
            out.append((approval, state))
    return out
