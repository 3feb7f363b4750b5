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

from gridrules.change.temporary import approval_name
from gridrules.contract.documents import TaskDecision
from gridrules.decide import labels
from gridrules.errors import Problem
from gridrules.log.group import GroupCommit
from gridrules.service.decide import TASK_DECIDERS, decision_log
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot

from .forms import Form, decide_form, required
from .names import Names, names_of
from .render import page
from .session import PREFIX, Viewer, needs

router = APIRouter(prefix=PREFIX, include_in_schema=False)
LABELS = {"id": "任务编号", "title": "任务名称", "issuer": "发起单位", "department": "发起单位", "town": "发起单位",
          "issued_by": "发起单位", "assignee": "交给哪类网格人员", "activities": "要网格员做的事", "start": "开始日期",
          "end": "结束日期", "hours_per_month": "每网格每月工作量（小时）", "list_item": "依据的清单事项",
          "temporary_approval": "依据的临时事项批复", "status": "任务状态", "description": "任务说明"}
STATUS_WORDS = (("proposed", "拟派（派单前自查）"), ("assigned", "已派（事后核查）"))
VERDICT_CLASS = {"admitted": "ok", "temporary": "ok", "needs_application": "warn", "forbidden": "bad"}


def _defaults(who: Viewer, snap: Snapshot) -> dict[str, Any]:
    now = datetime.now(snap.pack.tz)
    return {"id": f"自查-{now:%Y%m%d-%H%M%S}", "start": now.date().isoformat(),
            "assignee": names_of(snap.pack).name("role", "full_time") if "full_time" in snap.pack.roles else ""}


def _approvals(who: Viewer, names: Names) -> list:
    """The approvals a task may name: a town's own; every approval for the others."""
    return [c for c in names["approval"].choices if who.role != "town" or c.group == who.scope]


def _form(request: Request, who: Viewer, snap: Snapshot, values: dict, problems: list[Problem] | None = None,
          status: int = 200) -> Response:
    names = names_of(snap.pack)
    return page(request, "check.html", who, snap, status=status, values=values, problems=problems or [],
                errs=_by_field(problems or []), labels=LABELS, approvals=_approvals(who, names),
                status_words=STATUS_WORDS)


def _by_field(problems: list[Problem]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in problems:
        key = (p.field or "").removeprefix("task.").split(".")[0].split("[")[0]
        key = "issuer" if key in ("department", "town", "issued_by") else key
        out.setdefault(key, []).append(p.message)
    return out


@router.get("/check")
async def check_form(request: Request, who: Viewer = Depends(needs(*TASK_DECIDERS)),
                     snap: Snapshot = Depends(snapshot)) -> Response:
    return _form(request, who, snap, _defaults(who, snap))


def task_of(form: Form, who: Viewer, names: Names) -> dict[str, Any]:
    """The task document the form describes (names turned into ids)."""
    required(form, "id", "title", "activities", "start", *(("issuer",) if who.role == "dispatch" else ()))
    task: dict[str, Any] = {"id": form.text("id"), "title": form.text("title")}
    if who.role == "department":
        task["department"] = who.scope
    elif who.role == "town":
        task |= {"department": who.scope, "issued_by": "town", "town": who.scope}
    else:
        issuer = names["issuer"].resolve(form.text("issuer"), "issuer")
        task["department"] = issuer
        if issuer in names.pack.towns and issuer not in names.pack.departments:
            task |= {"issued_by": "town", "town": issuer}
    if form.text("assignee"):
        task["assignee"] = names["role"].resolve(form.text("assignee"), "assignee")
    task["activities"] = names["activity"].resolve_all(form.list("activities"), "activities")
    if form.text("list_item"):
        task["list_item"] = names["item"].resolve(form.text("list_item"), "list_item")
    if form.text("temporary_approval"):
        task["temporary_approval"] = names["approval"].resolve(form.text("temporary_approval"), "temporary_approval")
    task["start"] = form.day("start")
    if form.text("end"):
        task["end"] = form.day("end")
    hours = form.number("hours_per_month")
    if hours is not None:
        task["hours_per_month"] = hours
    if form.text("status") in ("proposed", "assigned"):
        task["status"] = form.text("status")
    if form.text("description"):
        task["description"] = form.text("description")
    return task


def _decided(snap: Snapshot, task: dict[str, Any]) -> tuple[dict, TaskDecision]:
    return task, snap.checker.check_task(task)


@router.post("/check")
async def check(request: Request, who: Viewer = Depends(needs(*TASK_DECIDERS)), snap: Snapshot = Depends(snapshot),
                log: GroupCommit | None = Depends(decision_log)) -> Response:
    names = names_of(snap.pack)
    done = await decide_form(request, who, snap, log, lambda form: _decided(snap, task_of(form, who, names)),
                             lambda values, problems, status: _form(request, who, snap, values, problems, status))
    if isinstance(done, Response):
        return done
    task, decision = done
    item = snap.pack.items_by_id.get(decision.list_item or "")
    approval = snap.pack.approvals_by_ref.get(decision.temporary_approval or "")
    return page(request, "check_answer.html", who, snap, task=task, decision=decision, item=item, approval=approval,
                verdict_words=labels.verdict_words(decision.verdict, decision.flags, chinese=True), verdict_class=VERDICT_CLASS[decision.verdict],
                flag_words=[labels.FLAGS.get(f, f) for f in decision.flags], labels=LABELS,
                level_name=names.name("level", decision.responsible_level),
                approval_name=approval_name(snap.pack, approval.unit) if approval is not None else "")
