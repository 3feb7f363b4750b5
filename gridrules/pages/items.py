"""The published lists, one item's page (amend, withdraw), the history as a timeline, what expires soon.

The lists are ``tables.published``'s exports -- the rows the district prints --
shown as a table, as a print view and as an xlsx download.  Amending and
withdrawing are ``change.workflow``'s, as ``/v1/items/{code}/amend|withdraw``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, Sequence

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.catalogue.fields import field_name
from gridrules.change import history as changelog, workflow
from gridrules.change.expiring import expiring
from gridrules.change.training import record_training
from gridrules.errors import InputError, Problem
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.names import read_as, resolve
from gridrules.pack.sections import item_status, screening_lines
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot
from gridrules.service.workflow import Amendment, Decision
from gridrules.tables.published import EXPORTS
from gridrules.tables.writer import table_bytes

from .forms import Form, read_form
from .names import names_of, worded
from .render import attachment, page
from .session import PAGES, PREFIX, NoSuchPage, Viewer, needs
from .writes import Attempt, attempt_off_loop, model_of

router = APIRouter(prefix=PREFIX, include_in_schema=False)
# the pages' own words (catalogue/pages.py), in Chinese whatever the process speaks
LISTS = chinese_words("page.list.")
ACTION_WORDS = chinese_words("action.")  # the history command's words (catalogue/running.py)
STATUS_WORDS = chinese_words("status.")  # an item's and an approval's status: temporary list's and expiring's
KIND_WORDS = chinese_words("screen.expiring.kind.")  # what lapses: expiring's words
# the amend form's fields; its decision's (and the training's and end's) are the decision forms' words
DECISION_FIELDS = ("end", "training_owner", "training_plan", "session", "date", "reason", "effective")
LABELS = chinese_words("page.item.field.") | {name: chinese(f"page.application.field.{name}") for name in DECISION_FIELDS}


def _on(snap: Snapshot, text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else datetime.now(snap.pack.tz).date()
    except ValueError:
        return datetime.now(snap.pack.tz).date()


@router.get("/items")
async def lists(request: Request, which: str = Query("items", alias="list"), on: str | None = None,
                print_view: bool = Query(False, alias="print"), who: Viewer = Depends(needs(*PAGES["/items"])),
                snap: Snapshot = Depends(snapshot)) -> Response:
    kind = which if which in LISTS else "items"
    day = _on(snap, on)
    export = EXPORTS[kind](snap.pack, day)
    # the negative list: what screening reads for every entry's words besides the entry's own exceptions
    notes = screening_lines(snap.pack, chinese) if kind == "negative" else []
    return page(request, "lists.html", who, snap, export=export, kind=kind, lists=worded(LISTS, snap.pack), on=day, print_view=print_view,
                columns=_filled(export.headers, export.rows), notes=notes)


def _filled(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """The columns a page shows: those some row fills (the spreadsheet keeps every column: it is the
    format ``import items`` reads), the first always."""
    return [i for i in range(len(headers)) if i == 0 or not rows or any(r[i] not in (None, "") for r in rows)]


@router.get("/items.xlsx")
async def download(which: str = Query("items", alias="list"), on: str | None = None,
                   who: Viewer = Depends(needs(*PAGES["/items"])), snap: Snapshot = Depends(snapshot)) -> Response:
    kind = which if which in LISTS else "items"
    day = _on(snap, on)
    export = EXPORTS[kind](snap.pack, day)
    data = table_bytes(export.sheet, export.title, export.headers, export.rows, "xlsx")
    # named as the page names the list (工作清单, 镇街临时事项 in the pack's word), its id for an ASCII-only client
    named = f"{worded(LISTS, snap.pack)[kind]}-{day.isoformat()}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers=attachment(named, f"{kind}-{day.isoformat()}.xlsx"))


def _item(snap: Snapshot, code: str) -> AdmissionItem:
    item = snap.pack.items_by_id.get(code)
    if item is None:
        raise NoSuchPage(t("page.no_item", code=code))
    return item


def _current(item: AdmissionItem, names: Any) -> dict[str, Any]:
    """The amend form's values: the item as it stands (a field left as it is is not changed)."""
    return {"hours_per_month": f"{item.hours_per_month:g}", "subsidy": "" if item.subsidy is None else f"{item.subsidy:g}",
            "activities": [names.name("activity", a) for a in item.activities],
            "owners": [names.name("department", d) for d in item.owners], "frequency": item.frequency,
            "end": item.effective.to.isoformat() if item.effective.to else "",
            "training_owner": names.name("department", item.training.owner) if item.training and item.training.owner else "",
            "training_plan": item.training.plan if item.training and item.training.plan else ""}


def _item_page(request: Request, who: Viewer, snap: Snapshot, item: AdmissionItem, tried: Attempt | None = None,
               values: dict | None = None, status: int = 200, acting: str = "") -> Response:
    """The item's page; after a refused decision, its problems beside the fields of the form that was
    sent (``acting``: amend or withdraw)."""
    names = names_of(snap.pack)
    today = datetime.now(snap.pack.tz).date()
    latest = snap.pack.item_versions[item.id][-1]  # what an amendment changes: the terms the last change left
    # the terms for work starting today, or on its first day when that is later: as the published list
    # reads them (tables.published.listed_on) -- not a pending amendment's, shown below with its day
    known = snap.pack.item_as_known(item, today, max(today, item.effective.from_))
    in_force = snap.pack.item_in_force(item, today)
    return page(request, "item.html", who, snap, status=status, item=known,
                tried=tried, labels=LABELS, acting=acting, sent=values or {},  # (sent: the withdraw or training form's)
                values=values if values and acting == "amend" else (_current(latest, names) | {"date": today.isoformat()}),
                errs=tried.errs() if tried and acting == "amend" else {},
                trained_errs=tried.errs() if tried and acting == "trained" else {},
                withdraw_errs=tried.errs() if tried and acting == "withdraw" else {}, in_force=in_force,
                status_word=STATUS_WORDS[item_status(known, in_force, today)], body_name=body_name(snap.pack, item))


def body_name(pack: Any, item: AdmissionItem) -> str:
    """The name of the body that decides on the item (bodies.yaml), or the tool's own word for one."""
    body = pack.scopes.item_body(item)
    return body.name if body is not None else chinese("page.deciding_body")  # in a Chinese heading, as the pages are


@router.get("/items/{code}")
async def item_page(code: str, request: Request, who: Viewer = Depends(needs(*PAGES["/items"])),
                    snap: Snapshot = Depends(snapshot)) -> Response:
    return _item_page(request, who, snap, _item(snap, code))


def changes_of(form: Form, item: AdmissionItem, names: Any) -> dict[str, Any]:
    """What the amend form changes: each field whose value differs from the item's."""
    before = _current(item, names)
    out: dict[str, Any] = {}
    shown = form.list("shown")  # the fields the form showed filled in: one sent back empty was cleared
    for name in ("hours_per_month", "frequency"):  # an item cannot be without them (nor can a sheet's row)
        if not form.text(name) and name in shown:
            raise InputError(Problem(t("page.keep_value", what=LABELS[name]), field=name))
    for name in ("hours_per_month", "subsidy"):
        if form.text(name) and form.text(name) != before[name]:
            out[name] = form.number(name)
    if not form.text("subsidy") and "subsidy" in shown and before["subsidy"] not in ("", "0"):
        out["subsidy"] = 0.0  # cleared: no subsidy, as a blank 补贴 in the items sheet says
    if form.text("frequency") and form.text("frequency") != before["frequency"]:
        out["frequency"] = form.text("frequency")
    for name, kind in (("activities", "activity"), ("owners", "department")):
        chosen = form.list(name)
        if not chosen and name in form.list("shown"):  # every box cleared: an item keeps at least one
            raise InputError(Problem(t("page.keep_one", what=LABELS[name]), field=name))
        if chosen and sorted(chosen) != sorted(before[name]):
            out[name] = names[kind].resolve_all(chosen, name)
    if form.flag("no_end"):
        if item.effective.to is not None:
            out["end"] = None
    elif form.text("end") and form.text("end") != before["end"]:
        out["end"] = form.day("end")
    if form.text("training_owner") and form.text("training_owner") != before["training_owner"]:
        out["training_owner"] = names["department"].resolve(form.text("training_owner"), "training_owner")
    if form.text("training_plan") and form.text("training_plan") != before["training_plan"]:
        out["training_plan"] = form.text("training_plan")
    if not out:
        raise InputError(Problem(t("page.no_changes"), field="changes"))
    return out


async def _record_decision(request: Request, who: Viewer, snap: Snapshot, code: str, done: str,
                           write: Callable[[Form, AdmissionItem], workflow.Outcome]) -> Response:
    """Write the meeting's decision on item ``code``; the item's page again, saying why, if it was not written."""
    form = await read_form(request, who)
    item = _item(snap, code)
    tried = await attempt_off_loop(request, lambda: write(form, item))
    if tried.outcome is None:
        return _item_page(request, who, snap, item, tried, form.shown(), status=tried.status, acting=done)
    return RedirectResponse(f"{PREFIX}/items/{code}?done={done}", status_code=303)


def _amend(request: Request, snap: Snapshot, code: str) -> Callable[[Form, AdmissionItem], workflow.Outcome]:
    def write(form: Form, item: AdmissionItem) -> workflow.Outcome:
        asked = changes_of(form, item, names_of(snap.pack))
        ends = {"no_end": True} if "end" in asked and asked["end"] is None else {}
        # dates as people write them (2026年11月30日, 2026/11/30), as the other forms and the command read them
        body = model_of(Amendment, {"session": form.session(), "date": form.day("date"),
                                    "override": form.text("override"), "reason": form.text("reason"),
                                    "effective": form.day("effective"), "changes": {k: v for k, v in asked.items() if v is not None} | ends})
        changes = body.changes.model_dump(exclude_none=True, exclude={"no_end"})  # typed: dates as dates
        if body.changes.no_end:
            changes["end"] = None
        return workflow.amend(request.app.state.service.pack_dir, code, changes, body.session, body.date,
                              body.override, body.reason, effective=body.effective)

    return write


def _withdraw(request: Request, code: str) -> Callable[[Form, AdmissionItem], workflow.Outcome]:
    def write(form: Form, _item: AdmissionItem) -> workflow.Outcome:
        body = model_of(Decision, {"session": form.session(), "date": form.day("date"),
                                   "reason": form.text("reason"), "effective": form.day("effective")})
        return workflow.withdraw(request.app.state.service.pack_dir, code, body.session, body.date, body.reason,
                                 effective=body.effective)

    return write


def _trained(request: Request, code: str) -> Callable[[Form, AdmissionItem], workflow.Outcome]:
    """The training owner's delivery of the item's training, as ``gridrules admission trained`` records it."""
    def write(form: Form, _item: AdmissionItem) -> workflow.Outcome:
        on = form.day("on")
        if on is None:
            raise InputError(Problem(t("page.required"), field="on"))
        return record_training(request.app.state.service.pack_dir, code, date.fromisoformat(on), form.text("reason") or None)

    return write


@router.post("/items/{code}/trained")
async def trained(code: str, request: Request, who: Viewer = Depends(needs("secretariat")),
                  snap: Snapshot = Depends(snapshot)) -> Response:
    return await _record_decision(request, who, snap, code, "trained", _trained(request, code))


@router.post("/items/{code}/amend")
async def amend(code: str, request: Request, who: Viewer = Depends(needs("secretariat")),
                snap: Snapshot = Depends(snapshot)) -> Response:
    return await _record_decision(request, who, snap, code, "amend", _amend(request, snap, code))


@router.post("/items/{code}/withdraw")
async def withdraw(code: str, request: Request, who: Viewer = Depends(needs("secretariat")),
                   snap: Snapshot = Depends(snapshot)) -> Response:
    return await _record_decision(request, who, snap, code, "withdraw", _withdraw(request, code))


@router.get("/history")
async def history(request: Request, target: str | None = None,
                  who: Viewer = Depends(needs(*PAGES["/history"])),
                  snap: Snapshot = Depends(snapshot)) -> Response:
    wanted, problem = _targets(snap.pack, (target or "").strip())
    changes = [c for c in reversed(snap.pack.history.changes)
               if wanted is None or c.target in wanted or c.application in wanted]
    named = next((c.name for c in changes if c.name and c.target in (wanted or ())), None)
    return page(request, "history.html", who, snap, status=422 if problem else 200, problem=problem,
                changes=[] if problem else changes, action_words=ACTION_WORDS, target=target or "", named=named,
                shown=", ".join(sorted(wanted)) if wanted else "",
                field_words=_field_words, decided=lambda d: changelog.decision_words(snap.pack, d) or d.by,
                value_words=lambda field, value: changelog.value_words(snap.pack, field, value))


def _targets(pack: Any, text: str) -> tuple[set[str] | None, str]:
    """What the history filter names: the numbers of the items, approvals and applications its text is
    (a number, as before) or names (a name, a unique short form, as the other pages read names; the
    name a change recorded, as a rejected application's); None for no filter; or why it names nothing."""
    if not text:
        return None, ""
    wanted = {text} if any(text in (c.target, c.application) for c in pack.history.changes) else set()
    wanted |= {c.target for c in pack.history.changes if c.name == text}
    wanted |= {found for kind in ("item", "approval") if (found := read_as(pack, kind, text)) is not None}
    if wanted:
        return wanted, ""
    item = resolve(pack, "item", text)
    if not item.unknown:  # a short form of several items: they are listed
        return set(), item.message
    hint = t("page.did_you_mean", name=item.hint.name) if item.hint is not None else ""
    return set(), t("page.history_unknown", text=text, hint=hint)


def _field_words(field: str) -> str:
    """A changed field as the history shows it: the amend form's label, else its name (``effective.to``
    -> 截止日期, ``training.plan``), never the path."""
    return LABELS.get(field) or field_name(field) or field


@router.get("/expiring")
async def expiring_soon(request: Request, days: int = Query(30, ge=1, le=3660),
                        who: Viewer = Depends(needs(*PAGES["/expiring"])),
                        snap: Snapshot = Depends(snapshot)) -> Response:
    today = datetime.now(snap.pack.tz).date()
    found = expiring(snap.pack, today, days)
    if who.role == "town":
        found = [x for x in found if x.kind == "item" or who.scope in x.responsible]
    return page(request, "expiring.html", who, snap, found=found, days=days, today=today, status_words=STATUS_WORDS,
                kind_words=KIND_WORDS)
