"""镇街临时事项: a town's command centre records, withdraws and lists its own temporary approvals
(专题研究); the secretariat records and withdraws those of the bodies above the towns that give
temporary inclusions (a county's 紧急临时纳入决定), and reads every one, as auditors do.

``change.temporary``'s calls, as the service's ``/v1/temporary``; a town acts for its own town
only, the secretariat never for a town.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.change.temporary import (TemporaryRequest, approval_name, approve_temporary, giving_units,
                                       like_notes, list_approvals, period_said, status_said, withdraw_temporary)
from gridrules.errors import InputError, Problem
from gridrules.pack.params import CAPACITY
from gridrules.change.outcome import Outcome
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot
from gridrules.service.temporary import APPROVAL_FIELDS, TemporaryDecision, Withdrawal, withdrawal_problems

from .forms import Form, read_form
from .names import names_of
from .problems import Gathered
from .render import page
from .session import PAGES, PREFIX, NotAllowed, Viewer, needs
from .writes import Attempt, attempt_off_loop, model_of

router = APIRouter(prefix=PREFIX, include_in_schema=False)
# the pages' own words (catalogue/pages.py), in Chinese whatever the process speaks
LABELS = chinese_words("page.temporary.field.") | {"effective": chinese("page.application.field.effective")}


def _deciding(who: Viewer, snap: Snapshot) -> dict[str, str]:
    """The units whose decisions this visitor records and withdraws, with what each calls one:
    a town its own; the secretariat each unit above the towns whose body gives them."""
    pack = snap.pack
    if who.role == "town" and who.scope:
        return {who.scope: approval_name(pack, who.scope)}
    if who.role == "secretariat":
        return {unit: approval_name(pack, unit) for unit in giving_units(pack) if unit not in pack.towns}
    return {}


def _page(request: Request, who: Viewer, snap: Snapshot, tried: Attempt | None = None, values: dict | None = None,
          status: int = 200, withdrawing: str | None = None, like: list[str] | None = None,
          withdraw_values: dict | None = None) -> Response:
    """The page; after a refused write, its problems beside the fields of the form that was sent
    (the record form's, or ``withdrawing``'s row's, filled with ``withdraw_values``); after a recorded one, ``like``: the approvals in
    force that it repeats (the same work and activities over its dates), as the command line notes them."""
    today = datetime.now(snap.pack.tz).date()
    found = list_approvals(snap.pack, today, who.scope if who.role == "town" else None, include_all=True)
    errs = tried.errs() if tried else {}
    deciding = _deciding(who, snap)
    # a town deciding new work sees what its grids carry today: the list's items and its approvals (policy §8)
    load = (snap.pack.listed_total(today, town=who.scope)[0], snap.pack.parameter(CAPACITY)) \
        if who.role == "town" and who.scope else None
    return page(request, "temporary.html", who, snap, status=status, approvals=found, load=load,
                labels=LABELS, tried=tried, values=values or {"decided_on": today.isoformat(),
                                                                "valid_from": today.isoformat()},
                errs={} if withdrawing else errs, withdrawing=withdrawing, withdraw_errs=errs if withdrawing else {},
                withdraw_values=withdraw_values or {},
                today=today, deciding=deciding, unit_name=snap.pack.tree.name_of, like=like or [],
                # the period to its last day and the status with a withdrawal's day, as ``temporary list`` reads them
                period=lambda a: period_said(snap.pack, a, today, chinese),
                status_of=lambda a, state: status_said(a, state, today, chinese),
                approval_name=deciding.get(who.scope or "", t("page.approval")))


@router.get("/temporary")
async def temporary(request: Request, who: Viewer = Depends(needs(*PAGES["/temporary"])),
                    snap: Snapshot = Depends(snapshot)) -> Response:
    done = request.query_params.get("done")
    return _page(request, who, snap, like=like_notes(snap.pack, done) if done else [])


def _request(form: Form, who: Viewer, snap: Snapshot) -> TemporaryRequest:
    """The request the form describes; every field's problem at once."""
    names = names_of(snap.pack)
    found = Gathered(APPROVAL_FIELDS)
    activities = found.read(names["activity"].resolve_all, form.list("activities"), "activities", default=[])
    values: dict[str, Any] = {"ref": form.text("ref"), "work": form.text("work"), "activities": activities,
                              "note": form.text("note")}
    for name in ("decided_on", "valid_from", "valid_to"):
        values[name] = found.read(form.day, name)
    values["hours_per_month"] = found.read(form.number, "hours_per_month")
    unit = (who.scope or "") if who.role == "town" else form.text("unit")
    if unit not in _deciding(who, snap):
        found.add([Problem(t("page.deciding_unit"), field="unit")])
    body = found.read(model_of, TemporaryDecision, values)
    found.check()
    return TemporaryRequest(unit=unit, ref=body.ref, decided_on=body.decided_on, work=body.work,
                            activities=body.activities, valid_from=body.valid_from or body.decided_on,
                            valid_to=body.valid_to, hours_per_month=body.hours_per_month, note=body.note)


@router.post("/temporary")
async def record(request: Request, who: Viewer = Depends(needs("town", "secretariat")),
                 snap: Snapshot = Depends(snapshot)) -> Response:
    form = await read_form(request, who)
    pack_dir = request.app.state.service.pack_dir

    def write() -> Outcome:  # the override: why the town decided despite its workload going over capacity
        return approve_temporary(pack_dir, _request(form, who, snap), override=form.text("override") or None)

    tried = await attempt_off_loop(request, write, APPROVAL_FIELDS)
    if tried.outcome is None:
        return _page(request, who, snap, tried, form.shown(), status=tried.status)
    return RedirectResponse(f"{PREFIX}/temporary?done={tried.outcome.target}", status_code=303)


@router.post("/temporary/{ref}/withdraw")
async def withdraw(ref: str, request: Request, who: Viewer = Depends(needs("town", "secretariat")),
                   snap: Snapshot = Depends(snapshot)) -> Response:
    form = await read_form(request, who)
    approval = snap.pack.approvals_by_ref.get(ref)
    not_yours = NotAllowed(t("page.town_withdraws_own" if who.role == "town" else "page.secretariat_withdraws"))
    if approval is None:
        raise not_yours
    pack_dir = request.app.state.service.pack_dir

    def write() -> Outcome:
        body = model_of(Withdrawal, {"date": form.day("date"), "decision": form.text("decision"),
                                     "reason": form.text("reason"), "effective": form.day("effective")})
        problems = withdrawal_problems(snap, body)  # its own dates judged (422) before whose approval it is (403)
        if problems:
            raise InputError(problems)
        if approval.unit not in _deciding(who, snap):
            raise not_yours
        return withdraw_temporary(pack_dir, ref, body.date, body.reason, body.decision, effective=body.effective)

    tried = await attempt_off_loop(request, write)
    if tried.outcome is None:
        return _page(request, who, snap, tried, status=tried.status, withdrawing=ref, withdraw_values=form.shown())
    return RedirectResponse(f"{PREFIX}/temporary?withdrawn={ref}", status_code=303)
