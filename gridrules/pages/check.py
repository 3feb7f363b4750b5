"""任务准入自查: a clerk checks a task before it is dispatched, and prints the answer.

The form names everything in Chinese (the department, the activities with what
each means, the grid role, the list item or approval); the answer is the same
``Checker.check_task`` decision the service's ``/v1/tasks/check`` gives, logged
first, then shown with its reasons, their policy basis and what to do next.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from gridrules.change.temporary import approval_name, status
from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.contract.documents import TaskDecision
from gridrules.contract.facts import EXTERNAL
from gridrules.decide import labels
from gridrules.decide.inputs import validate_task
from gridrules.errors import InputError, Problem
from gridrules.pack.names import read_as
from gridrules.log.group import GroupCommit
from gridrules.service.decide import decision_log
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot

from .forms import Form, decide_form, required
from .names import Names, names_of
from .problems import Gathered, by_field, on_form
from .render import page
from .session import PAGES, PREFIX, Viewer, needs

router = APIRouter(prefix=PREFIX, include_in_schema=False)
RENAMES = {"department": "issuer", "town": "issuer", "issued_by": "issuer"}  # the form's one field for who issues it
# the pages' own words (catalogue/pages.py), in Chinese whatever the process speaks
LABELS = chinese_words("page.check.field.")
LABELS |= {name: LABELS[shown] for name, shown in RENAMES.items()}  # the issuer, however the task names it
STATUS_WORDS = tuple(chinese_words("page.check.status.").items())
VERDICT_CLASS = {"admitted": "ok", "temporary": "ok", "needs_application": "warn", "forbidden": "bad"}


def _defaults(who: Viewer, snap: Snapshot) -> dict[str, Any]:
    now = datetime.now(snap.pack.tz)
    return {"id": chinese("page.check.default_id", moment=f"{now:%Y%m%d-%H%M%S}"), "start": now.date().isoformat(),
            "assignee": names_of(snap.pack).name("role", "full_time") if "full_time" in snap.pack.roles else ""}


def _approvals(who: Viewer, names: Names) -> list:
    """The approvals a task from this visitor may name: in force or about to start today (not
    withdrawn, not run out), and, for a town or a department, one it may rely on (its own town's;
    a body's whose decisions its departments may use); every current one for dispatch."""
    pack = names.pack
    today = datetime.now(pack.tz).date()
    out = []
    for choice in names["approval"].choices:
        approval = pack.approvals_by_ref[choice.id]
        if status(pack, approval, today) not in ("in_force", "upcoming"):
            continue
        towns, departments = pack.scopes.approval_users(approval)
        if who.role == "dispatch" or who.scope in (towns if who.role == "town" else departments):
            out.append(choice)
    return out


def _form(request: Request, who: Viewer, snap: Snapshot, values: dict, problems: list[Problem] | None = None,
          status: int = 200) -> Response:
    names = names_of(snap.pack)
    problems = on_form(problems or [], RENAMES)
    return page(request, "check.html", who, snap, status=status, values=values, problems=problems,
                errs=by_field(problems), labels=LABELS, approvals=_approvals(who, names),
                status_words=STATUS_WORDS)


@router.get("/check")
async def check_form(request: Request, who: Viewer = Depends(needs(*PAGES["/check"])),
                     snap: Snapshot = Depends(snapshot)) -> Response:
    return _form(request, who, snap, _defaults(who, snap))


def _outside(form: Form, who: Viewer) -> str:
    """The issuer outside the pack dispatch wrote in (the only role the form offers it to), or ''."""
    return form.text("outside") if who.role == "dispatch" else ""


def task_of(form: Form, who: Viewer, names: Names, found: Gathered) -> dict[str, Any]:
    """The task document the form describes (names turned into ids); what cannot be read is
    gathered in ``found`` and left out."""
    outside = _outside(form, who)
    found.read(required, form, "id", "title", "activities", "start",
               *(("issuer",) if who.role == "dispatch" and not outside else ()))
    task: dict[str, Any] = {"id": form.text("id"), "title": form.text("title")}
    if who.role == "department":
        task["department"] = who.scope
    elif who.role == "town":
        task |= {"department": who.scope, "issued_by": "town", "town": who.scope}
    elif outside:  # a body outside the pack (the library's ``external:<name>``): judged, as the API judges it
        listed = read_as(names.pack, "department", outside) or read_as(names.pack, "town", outside)
        if form.text("issuer"):
            found.add([Problem(t("page.issuer_twice"), field="outside")])
        elif listed is not None:  # one of the list, written here: said in the form's words, not the API's
            found.add([Problem(t("page.outside_is_listed", text=outside, name=names.name("issuer", listed)),
                               field="outside")])
        task["department"] = EXTERNAL + outside
    elif form.text("issuer"):
        issuer = found.read(names["issuer"].resolve, form.text("issuer"), "issuer")
        task["department"] = issuer
        if issuer in names.pack.towns and issuer not in names.pack.departments:
            task |= {"issued_by": "town", "town": issuer}
    for name, kind in (("assignee", "role"), ("list_item", "item"), ("temporary_approval", "approval")):
        if form.text(name):
            task[name] = found.read(names[kind].resolve, form.text(name), name)
    task["activities"] = found.read(names["activity"].resolve_all, form.list("activities"), "activities")
    task["start"] = found.read(form.day, "start")
    if form.text("end"):
        task["end"] = found.read(form.day, "end")
    task["hours_per_month"] = found.read(form.number, "hours_per_month")
    if form.text("status") in ("proposed", "assigned"):
        task["status"] = form.text("status")
    if form.text("description"):
        task["description"] = form.text("description")
    return {k: v for k, v in task.items() if v is not None}


def _decided(snap: Snapshot, who: Viewer, form: Form) -> tuple[dict, TaskDecision]:
    """The form's task and its decision; or every problem of the form at once: what could not be
    read, and what the task's own checks find in the rest."""
    # an issuer written outside the list: its problems (a name the pack holds) are shown beside it
    renames = {**RENAMES, "department": "outside"} if _outside(form, who) else RENAMES
    found = Gathered(renames)
    task = task_of(form, who, names_of(snap.pack), found)
    if found.problems:
        found.read(validate_task, task, snap.pack)  # what the task's own checks find in the rest
        found.check()
    try:
        return task, snap.checker.check_task(task)
    except InputError as exc:
        exc.problems = on_form(exc.problems, renames)  # the same error (its kind, its status), placed on the form
        raise


@router.post("/check")
async def check(request: Request, who: Viewer = Depends(needs(*PAGES["/check"])), snap: Snapshot = Depends(snapshot),
                log: GroupCommit | None = Depends(decision_log)) -> Response:
    names = names_of(snap.pack)
    done = await decide_form(request, who, snap, log, lambda form: _decided(snap, who, form),
                             lambda values, problems, status: _form(request, who, snap, values, problems, status))
    if isinstance(done, Response):
        return done
    task, decision = done
    item = snap.pack.items_by_id.get(decision.list_item or "")
    approval = snap.pack.approvals_by_ref.get(decision.temporary_approval or "")
    return page(request, "check_answer.html", who, snap, task=task, decision=decision, item=item, approval=approval,
                verdict_words=labels.verdict_words(decision.verdict, decision.flags, chinese=True,
                                                          rules=[r.rule for r in decision.reasons]),
                # admitted with something to see to (over the cap, training not done, a tell-tale word): not all clear
                verdict_class="warn" if decision.flags and VERDICT_CLASS[decision.verdict] == "ok" else VERDICT_CLASS[decision.verdict],
                flag_words=[labels.FLAGS.get(f, f) for f in decision.flags], labels=LABELS,
                level_name=names.name("level", decision.responsible_level),
                approval_name=approval_name(snap.pack, approval.unit) if approval is not None else "")
