"""准入申请: departments apply by a form instead of hand-written YAML; the secretariat reads the
applications, their review, and records the joint meeting's approval or rejection.

The form is checked as it is filled in: the page's script posts the draft to
``/ui/applications/check``, which answers with the review's findings -- the
same ``review_application`` the secretariat's review runs.  Submitting keeps
the application in the service's store (``ApplicationStore.submit``); the
decisions are ``change.workflow``'s, as ``/v1/applications/{id}/approve|reject``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.change import history as changelog, workflow
from gridrules.change.appform import default_id, validate_application
from gridrules.change.review import field_name, review_application, workload_where
from gridrules.contract.application import Application
from gridrules.errors import InputError, Problem
from gridrules.service.applications import (TRANSCRIBER, ApplicationStore, Conflict, entered_by_transcriber, may_change,
                                            refusal, review_at_decision)
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot
from gridrules.service.workflow import Approval, Decision

from .forms import Form, read_form, required
from .names import Choice, Names, names_of
from .problems import by_field, on_form
from .render import beijing, page
from .session import PAGES, PREFIX, NoSuchPage, NotAllowed, Viewer, needs
from .writes import Attempt, model_of, not_written

router = APIRouter(prefix=PREFIX, include_in_schema=False)
FIELDS = ("id", "item", "applicant", "basis", "content", "duty", "activities", "categories", "frequency",
          "hours_per_month", "subsidy", "training_owner", "training_plan", "risk", "start", "end")
# the pages' own words (catalogue/pages.py), in Chinese whatever the process speaks
STATUS_WORDS = chinese_words("page.application.status.")
RECOMMENDATION_WORDS = chinese_words("page.application.recommendation.")
FIELD_WORDS = chinese_words("page.application.field.")
# fields named always in the tool's words: the decision forms' and the training's two parts
OWN_FIELDS = ("training_owner", "training_plan", "session", "date", "override", "reason", "effective")


EPOCH = "1970-01-01T00:00:00+00:00"  # an application without a submission moment sorts last


def _named(pack: Any, name: str) -> str:
    """The field's name in the pack's application form's words, else in the tool's (those it may not name)."""
    found = field_name(pack, name)
    return FIELD_WORDS.get(name, name) if found == name else found


def labels(pack: Any) -> dict[str, str]:
    """Each field's name as the pack's application form writes it."""
    out = {name: _named(pack, name) for name in FIELDS if name not in OWN_FIELDS}
    return out | {"training": _named(pack, "training")} | {name: FIELD_WORDS[name] for name in OWN_FIELDS}


def store(request: Request) -> ApplicationStore:
    return request.app.state.service.applications


def application_of(form: Form, who: Viewer, names: Names) -> dict[str, Any]:
    """The application document the form describes; fields left blank stay out (the review lists them)."""
    raw: dict[str, Any] = {}
    for name in ("id", "item", "basis", "content", "frequency"):  # a blank number is missing, not a malformed one
        if form.text(name):
            raw[name] = form.text(name)
    if who.role == "department":
        raw["applicant"] = who.scope
    elif form.text("applicant"):
        raw["applicant"] = names["department"].resolve(form.text("applicant"), "applicant")
    if form.text("duty"):
        raw["duty"] = names["duty"].resolve(form.text("duty"), "duty")
    if form.list("activities"):
        raw["activities"] = names["activity"].resolve_all(form.list("activities"), "activities")
    if form.list("categories"):
        raw["categories"] = form.list("categories")
    for name in ("hours_per_month", "subsidy"):
        number = form.number(name)
        if number is not None:
            raw[name] = number
    training: dict[str, Any] = {}
    if form.text("training_owner"):
        training["owner"] = names["department"].resolve(form.text("training_owner"), "training_owner")
    if form.text("training_plan"):
        training["plan"] = form.text("training_plan")
    if training:
        raw["training"] = training
    if form.text("risk"):
        raw["risk"] = risk_of(names.pack, form.text("risk"))
    for name in ("start", "end"):
        if form.text(name):
            raw[name] = form.day(name)
    return raw


def risk_choices(pack: Any) -> list[Choice]:
    """The risk list's levels by their names (低, 中, 高), as the form offers them."""
    return [Choice(level.id, level.name) for level in pack.risk_levels.values()]


def risk_of(pack: Any, text: str) -> str:
    """The risk level a form's value names (its name; an id is read too, as the application file writes it)."""
    for choice in risk_choices(pack):
        if text in (choice.name, choice.id):
            return choice.id
    raise InputError(Problem(t("page.unknown_name", text=text, kind=t("kind.risk"), hint=""), field="risk"))


def _form(request: Request, who: Viewer, snap: Snapshot, values: dict, problems: list[Problem] | None = None,
          status: int = 200, correcting: str = "", applicant: str = "") -> Response:
    problems = on_form(problems or [])
    errs = by_field(problems)
    categories = [{"name": c} for c in snap.pack.admission_policy.categories]
    return page(request, "application_new.html", who, snap, status=status, values=values, problems=problems,
                errs=errs, labels=labels(snap.pack), categories=categories, risks=risk_choices(snap.pack),
                correcting=correcting, applicant=applicant)


@router.get("/applications")
async def applications(request: Request, who: Viewer = Depends(needs(*PAGES["/applications"])),
                       snap: Snapshot = Depends(snapshot)) -> Response:
    # settling waits for the folder's lock while a decision is recorded: off the event loop
    records = await run_in_threadpool(store(request).all, who.scope if who.role == "department" else None, snap.pack)
    # newest first, by the moment: a version before this one wrote it in UTC, this one in the pack's offset
    records.sort(key=lambda r: datetime.fromisoformat(r.get("submitted_at") or EPOCH), reverse=True)
    return page(request, "applications.html", who, snap, records=records, status_words=STATUS_WORDS,
                decided=lambda d: _meeting(snap.pack, d))


def _meeting(pack: Any, decision: dict) -> str:
    """A recorded decision in its body's words, or the tool's own (届次 and date) for a body the pack does not name."""
    return changelog.decision_words(pack, decision) \
        or t("page.meeting", session=decision.get("session", ""), date=decision.get("date", ""))


@router.get("/applications/new")
async def new_form(request: Request, who: Viewer = Depends(needs(*PAGES["/applications/new"])),
                   snap: Snapshot = Depends(snapshot)) -> Response:
    return _form(request, who, snap, {"id": default_id(datetime.now(snap.pack.tz))})


@router.post("/applications/check")
async def live_check(request: Request, who: Viewer = Depends(needs(*PAGES["/applications/new"])),
                     snap: Snapshot = Depends(snapshot)) -> Response:
    """The review of the form as it stands (a fragment the form's script shows as one types)."""
    form = await read_form(request, who)
    try:
        app = validate_application(application_of(form, who, names_of(snap.pack)), source="application")
    except InputError as exc:
        return page(request, "review_fragment.html", who, snap, review=None, problems=exc.problems,
                    labels=labels(snap.pack))
    found = review_application(snap.pack, app, datetime.now(snap.pack.tz).date())
    return page(request, "review_fragment.html", who, snap, review=found, problems=[], labels=labels(snap.pack),
                where_of=lambda town: workload_where(snap.pack, town),
                recommendation_words=RECOMMENDATION_WORDS, live=True)


@router.post("/applications/new")
async def submit(request: Request, who: Viewer = Depends(needs(*PAGES["/applications/new"])),
                 snap: Snapshot = Depends(snapshot)) -> Response:
    form = await read_form(request, who)
    try:  # what an application cannot be kept without: its number, its name, who applies (all named at once)
        required(form, "id", "item", *(("applicant",) if who.role != "department" else ()))
        raw = application_of(form, who, names_of(snap.pack))
        submitted = store(request).submit(raw, raw["applicant"], snap.pack, by=who.principal)
    except InputError as exc:
        return _form(request, who, snap, form.shown(), exc.problems, status=422)
    except Conflict as exc:  # another application under this number: what differs, and that it needs its own
        filed = await run_in_threadpool(store(request).get, form.text("id"))
        mine = filed is not None and may_change(filed, who.principal)
        return _form(request, who, snap, form.shown(), [_taken(snap.pack, form.text("id"), exc, mine)], status=409)
    if not submitted.written:  # the same application sent again (a retry, a form sent back): the one filed
        record = await run_in_threadpool(store(request).settle, submitted.record, snap.pack)  # may wait for the lock
        return _detail(request, who, snap, record or submitted.record, filed_already=True)
    return RedirectResponse(f"{PREFIX}/applications/{raw['id']}", status_code=303)


def _taken(pack: Any, app_id: str, exc: Conflict, mine: bool) -> Problem:
    """The number is taken: by whom, and what differs in the form's own words (never the fields' ids,
    which belong to the API's ``problems[].field``); for a waiting application the sender may correct
    (``mine``: the department's own, or a paper one the secretariat entered), that it is corrected on its
    page (修改/补正), not sent again."""
    words = labels(pack)
    fields = t("words.list_sep").join(words.get(name, FIELD_WORDS.get(name, name)) for name in exc.fields)
    head = t("http.app_decided" if exc.state == "decided" else "http.app_waiting", app=app_id)
    own = mine and exc.state == "waiting" and "applicant" not in exc.fields
    tail = t("page.application_taken_differs" if own else "page.application_taken_other", fields=fields) if fields else ""
    return Problem(t("page.application_taken", problem=head + tail), field="id")


def values_of(app: Application, names: Names) -> dict[str, Any]:
    """The form's values for ``app`` (each chosen thing by the name the form offers), to correct it."""
    values: dict[str, Any] = {name: getattr(app, name) for name in ("id", "item", "basis", "content", "frequency")
                              if getattr(app, name) is not None}
    if app.duty:
        values["duty"] = names["duty"].name(app.duty)
    values["activities"] = [names["activity"].name(a) for a in app.activities or []]
    values["categories"] = list(app.categories or [])
    for name in ("hours_per_month", "subsidy"):
        number = getattr(app, name)
        if number is not None:
            values[name] = f"{number:g}"
    if app.training is not None:
        if app.training.owner:
            values["training_owner"] = names["department"].name(app.training.owner)
        if app.training.plan:
            values["training_plan"] = app.training.plan
    if app.risk:
        values["risk"] = next((c.name for c in risk_choices(names.pack) if c.id == app.risk), app.risk)
    for name in ("start", "end"):
        if getattr(app, name) is not None:
            values[name] = getattr(app, name).isoformat()
    return values


def _mine(request: Request, app_id: str, who: Viewer, snap: Snapshot) -> tuple[dict, str]:
    """The application to correct or withdraw, and why ``who`` may not (its department's own, or a paper one
    the secretariat entered; ``refusal`` names who may); the store refuses a decided one."""
    record = _record(request, app_id, who, snap)
    refused = refusal(record, who.principal, snap.pack, chinese)  # the pages' words
    return record, str(refused) if refused is not None else ""


@router.get("/applications/{app_id}/edit")
async def edit_form(app_id: str, request: Request, who: Viewer = Depends(needs("department", TRANSCRIBER)),
                    snap: Snapshot = Depends(snapshot)) -> Response:
    """修改/补正: the form filled in with the application as filed, sent to replace it under its number."""
    record, refused = await run_in_threadpool(_mine, request, app_id, who, snap)
    if refused:  # not the visitor's to correct: its page, saying who may
        return _detail(request, who, snap, record, status=409, refusal=refused)
    if record.get("status") != "pending":
        return RedirectResponse(f"{PREFIX}/applications/{app_id}", status_code=303)
    app = store(request).application(record)
    return _form(request, who, snap, values_of(app, names_of(snap.pack)), correcting=app_id,
                 applicant=record["applicant"])


@router.post("/applications/{app_id}/edit")
async def correct(app_id: str, request: Request, who: Viewer = Depends(needs("department", TRANSCRIBER)),
                  snap: Snapshot = Depends(snapshot)) -> Response:
    """The corrected application replaces the one filed (its earlier version kept); refused, beside the form.
    The secretariat's correction keeps the applicant filed (the form shows it, not to be changed)."""
    form = await read_form(request, who)
    record, refused = await run_in_threadpool(_mine, request, app_id, who, snap)
    if refused:
        return _detail(request, who, snap, record, status=409, refusal=refused)
    try:
        required(form, "item")
        raw = {"applicant": record["applicant"]} | application_of(form, who, names_of(snap.pack)) | {"id": app_id}
        await run_in_threadpool(store(request).correct, raw, who.principal, snap.pack)
    except InputError as exc:
        return _form(request, who, snap, form.shown() | {"id": app_id}, exc.problems, status=422, correcting=app_id,
                     applicant=record["applicant"])
    except Conflict as exc:  # decided (or withdrawn) meanwhile: its page says so
        return _form(request, who, snap, form.shown() | {"id": app_id}, [Problem(str(exc), field="id")], status=409,
                     correcting=app_id, applicant=record["applicant"])
    return RedirectResponse(f"{PREFIX}/applications/{app_id}", status_code=303)


@router.post("/applications/{app_id}/withdraw")
async def withdraw(app_id: str, request: Request, who: Viewer = Depends(needs("department", TRANSCRIBER)),
                   snap: Snapshot = Depends(snapshot)) -> Response:
    """Its department withdraws its waiting application, or the secretariat records the department's paper
    withdrawal of a paper application it entered; refused (decided meanwhile, not the visitor's), on its page."""
    await read_form(request, who)
    record, refused = await run_in_threadpool(_mine, request, app_id, who, snap)
    if refused:
        return _detail(request, who, snap, record, status=409, refusal=refused)
    try:
        await run_in_threadpool(store(request).withdraw, app_id, who.principal, snap.pack)
    except Conflict as exc:
        record = await run_in_threadpool(_record, request, app_id, who, snap)
        return _detail(request, who, snap, record, status=409, refusal=str(exc))
    return RedirectResponse(f"{PREFIX}/applications/{app_id}", status_code=303)


def _record(request: Request, app_id: str, who: Viewer, snap: Snapshot | None = None) -> dict:
    """The application ``who`` may see; with ``snap``, settled by its pack (not inside ``deciding``)."""
    try:
        record = store(request).get(app_id, snap.pack if snap is not None else None)
    except InputError:
        record = None
    if record is None:
        raise NoSuchPage(t("page.no_application", id=app_id))
    if who.role == "department" and record.get("applicant") != who.scope:
        raise NotAllowed(t("page.own_applications"))
    return record


def _detail(request: Request, who: Viewer, snap: Snapshot, record: dict, tried: Attempt | None = None,
            values: dict | None = None, status: int = 200, deciding: str = "",
            repeated: workflow.Outcome | None = None, filed_already: bool = False, refusal: str = "") -> Response:
    """The application's page; after a refused decision its problems beside the fields of the form
    that was sent (``deciding``: approve or reject); after a decision found recorded already
    (``repeated``), where it is recorded; after the application was sent again (``filed_already``),
    that it is the one filed, with its own address (the browser's is the form's)."""
    app = store(request).application(record)
    found: Any = None
    kept = review_at_decision(record)  # decided: the review it was decided on, not one against the pack it changed
    if who.role == "auditor":
        kept = None
    elif kept is not None:
        found = kept if "findings" in kept else None
    else:
        found = review_application(snap.pack, app, datetime.now(snap.pack.tz).date())
    fresh = {"date": datetime.now(snap.pack.tz).date().isoformat()}  # the form not sent, as it first shows
    return page(request, "application.html", who, snap, status=status, record=record, app=app, review=found,
                at_decision=kept["at_decision"] if kept else None, kept=kept,
                tried=tried, values=values or fresh, fresh=fresh,
                labels=labels(snap.pack), status_words=STATUS_WORDS, recommendation_words=RECOMMENDATION_WORDS,
                where_of=lambda town: workload_where(snap.pack, town), errs=tried.errs() if tried else {}, deciding=deciding, body_name=_deciding_body(snap.pack, app.applicant),
                repeated=_recorded_already(snap.pack, repeated) if repeated is not None else "",
                filed_already=t("page.application_filed") if filed_already else "", refusal=refusal,
                corrected=chinese(_by_whom("page.application_corrected", record.get("corrected_by")),
                                  at=beijing(record["corrected_at"], snap.pack.tz),
                                  count=len(record.get("versions") or []))
                if record.get("corrected_at") else "",
                withdrawn=chinese(_by_whom("page.application_withdrawn", record.get("withdrawn_by")),
                                  at=beijing(record["withdrawn_at"], snap.pack.tz))
                if record.get("withdrawn_at") else "",
                paper=entered_by_transcriber(record),
                changeable=record.get("status") == "pending" and may_change(record, who.principal),
                decided=lambda d: _meeting(snap.pack, d))


def _by_whom(key: str, by: dict | None) -> str:
    """The catalogue's key for a correction or withdrawal by its department, or by the secretariat (``_paper``)."""
    return f"{key}_paper" if (by or {}).get("role") == TRANSCRIBER else key


def _recorded_already(pack: Any, outcome: workflow.Outcome) -> str:
    """A decision sent again, found recorded: by whom, what (the item's code for an approval) and
    where -- the history's entry and the pack version it made, as the command answers a retry."""
    change = outcome.change
    key = "page.approval_recorded" if outcome.action == "approve" else "page.rejection_recorded"
    return t(key, decision=_meeting(pack, change.get("decision") or {}), action=t(f"action.{outcome.action}"),
             code=outcome.target, seq=change["seq"], version=outcome.version)


def _deciding_body(pack: Any, applicant: str | None) -> str:
    """The name of the body that decides the applicant's applications, or the tool's own word for one."""
    body, _unit = pack.scopes.body_for(applicant or "")
    return body.name if body is not None else chinese("page.deciding_body")  # in a Chinese heading, as the pages are


@router.get("/applications/{app_id}")
async def detail(app_id: str, request: Request, who: Viewer = Depends(needs(*PAGES["/applications"])),
                 snap: Snapshot = Depends(snapshot)) -> Response:
    record = await run_in_threadpool(_record, request, app_id, who, snap)  # settling waits for the lock: off the loop
    return _detail(request, who, snap, record)


def _decide(request: Request, who: Viewer, snap: Snapshot, app_id: str, form: Form, status: str) -> Response:
    """The meeting's decision, taken by ``ApplicationStore.decide`` as the service takes it (under the
    folder's lock: of two decisions at once the second finds it decided; ``once`` on a decided one), shown:
    recorded now, the application's page; the same decision sent again (a double click, a form sent again
    after its answer was lost), the page saying where it is recorded; refused, the library's words (which
    name what differs) beside the form that was sent.  Run off the event loop: the lock may be waited for."""
    pack_dir = request.app.state.service.pack_dir

    def record_decision(app: Application, once: bool) -> workflow.Outcome:
        # dates as people write them (2026年11月30日, 2026/11/30), as the other forms and the command read them
        values = {"session": form.session(), "date": form.day("date")}
        if status == "approved":
            body = model_of(Approval, values | {"override": form.text("override"), "effective": form.day("effective")})
            return workflow.approve(pack_dir, app, body.session, body.date, body.override, effective=body.effective,
                                    once=once)
        rejection = model_of(Decision, values | {"reason": form.text("reason")})
        return workflow.reject(pack_dir, app, rejection.session, rejection.date, rejection.reason, once=once)

    decided = store(request).decide(lambda: _record(request, app_id, who), status, snap.pack.tz, record_decision)
    if decided.refusal is not None:  # 422 the form's bad input, 409 a conflict with what is recorded
        tried = not_written(decided.refusal)
        return _detail(request, who, snap, decided.record, tried, form.shown(), status=tried.status,
                       deciding="approve" if status == "approved" else "reject")
    request.app.state.service.live.current()  # the writer's next page reads the pack it wrote
    if decided.result == "recorded":  # nothing new to read: the page says where it is recorded
        return _detail(request, who, snap, decided.record, repeated=decided.outcome)
    return RedirectResponse(f"{PREFIX}/applications/{app_id}", status_code=303)


@router.post("/applications/{app_id}/approve")
async def approve(app_id: str, request: Request, who: Viewer = Depends(needs("secretariat")),
                  snap: Snapshot = Depends(snapshot)) -> Response:
    return await run_in_threadpool(_decide, request, who, snap, app_id, await read_form(request, who), "approved")


@router.post("/applications/{app_id}/reject")
async def reject(app_id: str, request: Request, who: Viewer = Depends(needs("secretariat")),
                 snap: Snapshot = Depends(snapshot)) -> Response:
    return await run_in_threadpool(_decide, request, who, snap, app_id, await read_form(request, who), "rejected")
