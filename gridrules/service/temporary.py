"""Temporary approvals over HTTP: record, withdraw, list.

The same ``change.temporary`` calls as ``gridrules temporary``.  A town's token acts for its
own town only (its 专题研究); the secretariat's records and withdraws the decisions of the
bodies above the towns that give temporary inclusions (a county's 紧急临时纳入决定), never a
town's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from gridrules.catalogue import t
from gridrules.change.dated import date_problems
from gridrules.change.temporary import (TemporaryRequest, approve_temporary, list_approvals, request_problems,
                                       withdraw_temporary)
from gridrules.contract.base import Date, Hours, Ref, Text
from gridrules.contract.base import Name as PackName  # a name as the pack holds it (below: an id or a name)
from gridrules.errors import InputError, NotFound, Problem, Refused
from gridrules.pack.names import describe, named, named_list
from gridrules.pack.sections import pack_ref

from .auth import READERS, Denied, forbid_other
from .answers import READING, SENDING, answer, errors
from .lists import ALL, when
from .live import Snapshot
from .requests import body_as, caller, request_schema, snapshot
from .tokens import Principal
from .workflow import RETRIED, pack_dir, written

router = APIRouter(prefix="/v1", tags=["temporary"], responses=errors(*READING))
Name = Annotated[str, Field(min_length=1, max_length=64)]  # an id or a Chinese name (read by ``unit_of``)


class TemporaryDecision(BaseModel):
    """A body's decision admitting phased work: a town's 专题研究, or a county's (or city's)
    temporary inclusion."""

    model_config = ConfigDict(extra="forbid")
    town: Name | None = Field(None, description="The town, by its id or its Chinese name (default: the token's own).")
    unit: Name | None = Field(None, description="The unit whose body decided, when it is not a town "
                                                "(a county or city: the secretariat's token); a town also by its name.")
    ref: Ref = Field(description="The decision's reference, e.g. TX-2026-12.")
    decided_on: Date
    work: PackName = Field(description="The phased work, in Chinese.")
    activities: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=50, description="The activities it admits: ids or the pack's names (入户走访).")
    valid_from: Date | None = Field(None, description="First day (default: the decision's date).")
    valid_to: Date
    hours_per_month: Hours | None = None
    note: Text | None = None
    override: str | None = Field(None, min_length=1, max_length=2000,
                                 description="Why the body decided despite its town's workload going over capacity "
                                             "(recorded in the history); only when that finding refuses it.")


class Withdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: Date = Field(description="The date of the town's decision to withdraw it (never in the future).")
    effective: Date | None = Field(None, description="From when work starting then is no longer admitted "
                                                     "(default: the decision's date).")
    decision: Ref | None = Field(None, description="The town's decision withdrawing it (default: the approval's own).")
    reason: str | None = Field(None, min_length=1, max_length=2000)


def _for(who: Principal, unit: str, snap: Snapshot, what: str) -> None:
    """A town's token acts for its own town; the secretariat's only for a body above the towns."""
    forbid_other(who, "town", unit, what, "temporary", snap.pack)
    if who.role == "secretariat" and unit in snap.pack.towns:
        raise Denied(403, t("http.town_decides", town=describe(snap.pack, "town", unit), id=unit), ("town",))


def unit_of(snap: Snapshot, value: str | None, field: str) -> str | None:
    """A unit given by its id, or a town by its Chinese name (as ``gridrules temporary --unit`` reads it)."""
    if value is None or value in snap.pack.tree.units:
        return value
    return named(snap.pack, "town", value, field)


# the names ``gridrules temporary approve`` gives this request's fields (its options, which are also
# the pack file's names: from, to), as the request names them: one given in a body is answered
# 「写成 decided_on」; the library's problems named by an option are named here by the field
CLI_NAMES = {"date": "decided_on", "from": "valid_from", "effective": "valid_from", "to": "valid_to",
             "end": "valid_to", "hours": "hours_per_month"}
APPROVAL_FIELDS = {f"--{option}": field for option, field in CLI_NAMES.items()}
# the names a withdrawal's fields go by elsewhere (an approval's decided_on; the pack file's withdrawn_on and
# withdrawn_from): said 「写成 date」, never guessed (decided_on is nearest to decision, another field)
WITHDRAWAL_NAMES = {"decided_on": "date", "withdrawn_on": "date", "withdrawn_from": "effective", "from": "effective"}
# the pack file's fields (temporary.yaml) a request names otherwise: a 409 names what differs as the request does
FILE_FIELDS = {"from": "valid_from", "to": "valid_to"}


@router.post("/temporary", status_code=201, summary="Record a temporary approval (a town's, or a body's above the towns)",
             openapi_extra=request_schema(TemporaryDecision), responses=RETRIED | errors(*SENDING, 409, 503))
def approve(request: Request, who: Principal = Depends(caller("town", "secretariat")),
            body: TemporaryDecision = Depends(body_as(TemporaryDecision, CLI_NAMES)),
            snap: Snapshot = Depends(snapshot)) -> Response:
    town, given_unit = unit_of(snap, body.town, "town"), unit_of(snap, body.unit, "unit")
    if town and given_unit and town != given_unit:
        raise InputError(Problem(t("http.town_or_unit"), field="unit"))
    unit = given_unit or town or (who.scope if who.role == "town" else None)
    if not unit:
        raise InputError(Problem(t("input.missing"), field="unit"))
    activities = named_list(snap.pack, "activity", body.activities, "activities", each=True)
    asked = TemporaryRequest(unit=unit, ref=body.ref, decided_on=body.decided_on, work=body.work, activities=activities,
                             valid_from=body.valid_from or body.decided_on, valid_to=body.valid_to,
                             hours_per_month=body.hours_per_month, note=body.note)
    # a request that contradicts itself is answered as such (422) before whose unit it is (403)
    _named_here(date_problems(snap.pack, body.decided_on, None) + request_problems(snap.pack, asked))
    _for(who, unit, snap, "record")
    try:
        outcome = approve_temporary(pack_dir(request), asked, shown=FILE_FIELDS, override=body.override)
    except InputError as exc:
        _named_here(exc.problems)
        raise
    except Refused as exc:  # its findings name the file's fields (to): named here as this request names them
        exc.findings = [f.model_copy(update={"field": FILE_FIELDS.get(f.field, f.field)}) for f in exc.findings]
        raise
    return written(request, outcome)


def _named_here(problems: list[Problem]) -> None:
    """Refuse ``problems`` (422), named by the command line's options: named as this request names them."""
    if problems:
        raise InputError([replace(p, field=APPROVAL_FIELDS.get(p.field, p.field)) for p in problems]) from None


def withdrawal_problems(snap: Snapshot, body: Withdrawal) -> list[Problem]:
    """What is wrong with a withdrawal's own dates (decided after today, effective before its decision),
    named as the request names them: judged before whose approval it is, by the service and the page."""
    return [replace(p, field=WITHDRAWAL_FIELDS.get(p.field, p.field))
            for p in date_problems(snap.pack, body.date, body.effective)]


WITHDRAWAL_FIELDS = {"--date": "date", "--effective": "effective"}  # date_problems' names, as a withdrawal's


@router.post("/temporary/{ref}/withdraw", status_code=201, summary="Withdraw a temporary approval",
             openapi_extra=request_schema(Withdrawal), responses=RETRIED | errors(*SENDING, 404, 409, 503))
def withdraw(ref: Ref, request: Request, who: Principal = Depends(caller("town", "secretariat")),
             body: Withdrawal = Depends(body_as(Withdrawal, WITHDRAWAL_NAMES)),
             snap: Snapshot = Depends(snapshot)) -> Response:
    approval = next((a for a in snap.pack.approvals if a.ref == ref), None)
    if approval is None:
        raise NotFound(Problem(t("http.unknown_approval", ref=ref), field="ref"))  # the path names nothing: 404
    # a withdrawal that contradicts itself is answered as such (422) before whose approval it is (403),
    # as a record is; what it says of the approval itself (ended, withdrawn) is only said to whose it is
    problems = withdrawal_problems(snap, body)
    if problems:
        raise InputError(problems)
    _for(who, approval.unit, snap, "withdraw")
    outcome = withdraw_temporary(pack_dir(request), ref, body.date, body.reason, body.decision, effective=body.effective)
    return written(request, outcome)


@router.get("/temporary", summary="Towns' temporary approvals in force or about to start (or all)")
async def list_temporary(given: str | None = Query(None, alias="town", max_length=64),
                         at: str | None = None, include_all: bool = ALL,
                         who: Principal = Depends(caller(*READERS)), snap: Snapshot = Depends(snapshot)) -> Response:
    town = unit_of(snap, given, "town")
    if who.role == "town":
        forbid_other(who, "town", town or who.scope, "see", "temporary", snap.pack)
        town = who.scope
    moment_ = when(snap, at)
    found = list_approvals(snap.pack, moment_.astimezone(snap.pack.tz).date(), town, include_all)
    return answer({"at": moment_.isoformat(), "pack": pack_ref(snap.pack),
                   "approvals": [a.model_dump(mode="json", by_alias=True) | {"status": s} for a, s in found]},
                  snap.digest)
