"""The admission workflow over HTTP: departments apply; the secretariat reviews and records
the joint meeting's decisions (approve, reject, amend, withdraw).

The same ``change.review`` and ``change.workflow`` calls as ``gridrules admission``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from gridrules.catalogue import t
from gridrules.change import workflow
from gridrules.change.review import review_application
from gridrules.contract.application import Application
from gridrules.contract.base import Code, Date, Hours, Ref, Slug
from gridrules.errors import InputError, NotFound, Problem
from gridrules.pack.pack import Pack

from .answers import READING, SENDING, answer, errors
from .applications import STATUSES, ApplicationStore, review_at_decision
from .auth import forbid_other
from .decide import moment
from .live import Snapshot
from .requests import body_as, caller, json_body, request_schema, snapshot
from .tokens import Principal

router = APIRouter(prefix="/v1", tags=["workflow"], responses=errors(*READING))


class Meeting(BaseModel):
    """The joint meeting's decision: which session, which day."""

    model_config = ConfigDict(extra="forbid")
    session: Ref = Field(description="The joint meeting's session, e.g. 2026-5.")
    date: Date = Field(description="The decision's date (never in the future).")
    effective: Date | None = Field(None, description="When it takes effect (default: the decision's date; for an "
                                                     "approval, the start the application asks for, or the decision's date when that start is earlier).")


class Approval(Meeting):
    override: str | None = Field(None, min_length=1, max_length=2000,
                                 description="Approved despite blocking findings: why (recorded with the item).")


class Decision(Meeting):
    reason: str | None = Field(None, min_length=1, max_length=2000)


class Changes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hours_per_month: Hours | None = None
    subsidy: float | None = Field(None, ge=0, le=1_000_000)
    activities: list[Slug] | None = Field(None, min_length=1, max_length=50)
    owners: list[Slug] | None = Field(None, min_length=1, max_length=20)
    frequency: str | None = Field(None, min_length=1, max_length=200)
    end: Date | None = None
    no_end: bool = Field(False, description="Remove the item's end date.")
    training_owner: Slug | None = None
    training_plan: str | None = Field(None, min_length=1, max_length=2000)


class Amendment(Decision):
    changes: Changes
    override: str | None = Field(None, min_length=1, max_length=2000)


# a decision sent again (``written``): answered 200, a new one 201
RETRIED: dict[int | str, dict[str, Any]] = {200: {"description": "This very decision, recorded already (sent again): written false, with the history "
                                "entry that records it; nothing is written."}}
# a decision on what the path names: 404 when it names nothing, 409 refused, 503 the pack being written
DECIDING = RETRIED | errors(*SENDING, 404, 409, 503)


def store(request: Request) -> ApplicationStore:
    return request.app.state.service.applications


def pack_dir(request: Request) -> str | None:
    return request.app.state.service.pack_dir


def written(request: Request, outcome: workflow.Outcome) -> Response:
    """A decision's outcome: 201 when it was recorded now (the new pack swapped in at once, so the
    writer's next request reads it), 200 when it was recorded already -- the same decision sent
    again, ``written``: false with the entry that records it, as the command answers a retry."""
    if not outcome.written:
        return answer(outcome.as_dict(), outcome.digest)
    request.app.state.service.live.current()
    return answer(outcome.as_dict(), outcome.digest, status=201)


def _record(apps: ApplicationStore, app_id: str, who: Principal, pack: Pack, settle: bool = True) -> dict:
    """The application ``who`` may see (404, 403, naming units from ``pack``); settled by ``pack``
    unless ``settle`` is false (inside ``deciding``)."""
    record = apps.get(app_id, pack if settle else None)
    if record is None:
        raise NotFound(Problem(t("http.no_app", app=app_id), field="app_id"))  # as an unknown item's code is
    forbid_other(who, "department", record.get("applicant"), "see", "application", pack)
    return record


def _decide(request: Request, apps: ApplicationStore, app_id: str, who: Principal, pack: Pack, status: str,
            record_decision: Callable[[Application, bool], workflow.Outcome]) -> Response:
    """The meeting's decision on an application, taken by ``ApplicationStore.decide`` (under the folder's
    lock; ``once`` on a decided one), answered: 201 recorded now, 200 the same decision recorded already
    (sent again: written false, the entry that records it, as the command answers a retry); refused, the
    library's error as every endpoint answers it (409 in its words, naming what differs; 503 busy ...)."""
    decided = apps.decide(lambda: _record(apps, app_id, who, pack, settle=False), status, pack.tz, record_decision)
    if decided.refusal is not None:
        raise decided.refusal
    assert decided.outcome is not None
    return written(request, decided.outcome)


# an application sent again with the same content: answered 200, a new one 201
RESUBMITTED: dict[int | str, dict[str, Any]] = {200: {"description": "This very application, submitted already (sent "
                                                     "again): written false, as it is filed; nothing is written."}}


@router.post("/applications", status_code=201, summary="A department submits an application (kept until decided; "
             "the same application sent again: 200, written false)",
             openapi_extra=request_schema(Application), responses=RESUBMITTED | errors(*SENDING, 409))
def submit(who: Principal = Depends(caller("department")), body: Any = Depends(json_body),
           apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    """201 filed now; 200 the same application filed already (a retry: ``written`` false, as a decision
    sent again is answered); 409 another application under a taken id, naming the fields that differ."""
    submitted = apps.submit(body, who.scope or "", snap.pack, by=who)
    return answer(submitted.record | {"written": submitted.written}, status=201 if submitted.written else 200)


CORRECTED: dict[int | str, dict[str, Any]] = {200: {"description": "Corrected now (written true), or this very content "
                                                     "filed already (written false)."}}
WITHDRAWN: dict[int | str, dict[str, Any]] = {200: {"description": "Withdrawn now, or withdrawn already (written false)."}}


@router.put("/applications/{app_id}", summary="补正: the department replaces its own waiting application, or the "
            "secretariat corrects a paper application it entered (the review redone; earlier versions kept; the same "
            "content again: written false)",
            openapi_extra=request_schema(Application),
            responses=CORRECTED | errors(*SENDING, 404, 409))
def correct(app_id: str, who: Principal = Depends(caller("department", "secretariat")), body: Any = Depends(json_body),
            apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    """200 the application as it now stands, ``versions`` the ones it replaced, ``corrected_at`` and
    ``corrected_by``; 409 ``conflict`` when it is not the caller's to correct (another department's; for the
    secretariat, one it did not enter: the message names the department that may), or it is decided or
    withdrawn; 404 none filed; 422 the body (its ``id`` must be the path's, its ``applicant`` the one filed)."""
    if isinstance(body, dict) and body.get("id", app_id) != app_id:
        raise InputError(Problem(t("http.app_id_differs", app=app_id), field="id"))
    raw = body | {"id": app_id} if isinstance(body, dict) else body
    corrected = apps.correct(raw, who, snap.pack)
    return answer(corrected.record | {"written": corrected.written})


@router.post("/applications/{app_id}/withdraw", summary="The department withdraws its own waiting application, or "
             "the secretariat records the department's paper withdrawal of a paper application it entered "
             "(withdrawn already: written false)", responses=WITHDRAWN | errors(*SENDING, 404, 409))
def withdraw_application(app_id: str, who: Principal = Depends(caller("department", "secretariat")),
                         apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    withdrawn = apps.withdraw(app_id, who, snap.pack)
    return answer(withdrawn.record | {"written": withdrawn.written})


@router.get("/applications", summary="Applications: a department's own, or all for the secretariat")
def list_applications(who: Principal = Depends(caller("department", "secretariat", "auditor")),
                      # the store's statuses, one declaration (mypy reads no Literal of a tuple; FastAPI does: an enum)
                      status: Literal[STATUSES] | None = Query(None),  # type: ignore[valid-type]
                      apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    return answer({"applications": apps.all(who.scope if who.role == "department" else None, snap.pack, status)})


@router.get("/applications/{app_id}", summary="One application and, once decided, its outcome", responses=errors(404))
def get_application(app_id: str, who: Principal = Depends(caller("department", "secretariat", "auditor")),
                    apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    return answer(_record(apps, app_id, who, snap.pack))


@router.get("/applications/{app_id}/review", summary="The secretariat's review: findings and a recommendation "
            "(once decided: the review the decision was taken on, with at_decision)", responses=errors(404))
def review(app_id: str, at: str | None = None, who: Principal = Depends(caller("department", "secretariat")),
           apps: ApplicationStore = Depends(store), snap: Snapshot = Depends(snapshot)) -> Response:
    # its parameters before what the path names is looked up: a bad ?at= is 422 whether or not the application exists
    when = moment(at, snap.pack.tz)
    record = _record(apps, app_id, who, snap.pack)
    kept = review_at_decision(record)
    if kept is not None:
        return answer(kept, snap.digest)
    app = apps.application(record)
    on = (when or datetime.now(snap.pack.tz)).astimezone(snap.pack.tz).date()
    return answer(review_application(snap.pack, app, on).model_dump(mode="json"), snap.digest)


@router.post("/applications/{app_id}/approve", status_code=201, summary="Record the joint meeting's approval "
             "(the same approval sent again: 200, written false)",
             openapi_extra=request_schema(Approval), responses=DECIDING)
def approve(app_id: str, request: Request, who: Principal = Depends(caller("secretariat")),
            body: Approval = Depends(body_as(Approval)), apps: ApplicationStore = Depends(store),
            snap: Snapshot = Depends(snapshot)) -> Response:
    return _decide(request, apps, app_id, who, snap.pack, "approved",
                   lambda app, once: workflow.approve(pack_dir(request), app, body.session, body.date, body.override,
                                                      effective=body.effective, once=once))


@router.post("/applications/{app_id}/reject", status_code=201, summary="Record the joint meeting's rejection "
             "(the same rejection sent again: 200, written false)",
             openapi_extra=request_schema(Decision), responses=DECIDING)
def reject(app_id: str, request: Request, who: Principal = Depends(caller("secretariat")),
           body: Decision = Depends(body_as(Decision)), apps: ApplicationStore = Depends(store),
           snap: Snapshot = Depends(snapshot)) -> Response:
    return _decide(request, apps, app_id, who, snap.pack, "rejected",
                   lambda app, once: workflow.reject(pack_dir(request), app, body.session, body.date, body.reason,
                                                     once=once))


@router.post("/items/{code}/amend", status_code=201, summary="Amend a list item by a joint-meeting decision",
             openapi_extra=request_schema(Amendment), responses=DECIDING)
def amend(code: Code, request: Request, _who: Principal = Depends(caller("secretariat")),
          body: Amendment = Depends(body_as(Amendment))) -> Response:
    changes: dict[str, Any] = body.changes.model_dump(exclude_none=True, exclude={"no_end"})
    if body.changes.no_end:
        if "end" in changes:
            raise InputError(Problem(t("http.end_or_no_end"), field="changes.no_end"))
        changes["end"] = None
    if not changes:
        raise InputError(Problem(t("http.nothing_to_change"), field="changes"))
    outcome = workflow.amend(pack_dir(request), code, changes, body.session, body.date, body.override, body.reason,
                             effective=body.effective)
    return written(request, outcome)


@router.post("/items/{code}/withdraw", status_code=201, summary="Withdraw a list item from a date",
             openapi_extra=request_schema(Decision), responses=DECIDING)
def withdraw(code: Code, request: Request, _who: Principal = Depends(caller("secretariat")),
             body: Decision = Depends(body_as(Decision))) -> Response:
    outcome = workflow.withdraw(pack_dir(request), code, body.session, body.date, body.reason, effective=body.effective)
    return written(request, outcome)

