"""事件分流: a dispatcher grades an event and sees who handles it, by when, whom to report to and whistle.

The same ``Checker.route_event`` decision as the service's ``/v1/events/route``,
logged before it is shown; deadlines read in Beijing time (the pack's zone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.contract.documents import EventDecision
from gridrules.decide import labels
from gridrules.decide.clock import parse_duration
from gridrules.decide.inputs import validate_event
from gridrules.errors import Problem
from gridrules.log.group import GroupCommit
from gridrules.pack.pack import Pack
from gridrules.service.decide import decision_log
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot
from gridrules.service.scopes import event_elsewhere

from .forms import Form, NotYours, decide_form, required
from .names import Names, names_of, worded
from .problems import Gathered, by_field, on_form
from .render import after, page
from .session import PAGES, PREFIX, Viewer, needs

router = APIRouter(prefix=PREFIX, include_in_schema=False)
LABELS = chinese_words("page.route.field.")  # the pages' own words (catalogue/pages.py), in Chinese
RENAMES = {"history": "step_level"}  # the form's one step: its level names it
# a history entry's outcome by the words an event is read by (catalogue/codes.py, contract.kinds' WORDED)
OUTCOME_WORDS = tuple(chinese_words("event.outcome.").items())


def _form(request: Request, who: Viewer, snap: Snapshot, values: dict, problems: list[Problem] | None = None,
          status: int = 200) -> Response:
    problems = on_form(problems or [], RENAMES)
    return page(request, "route.html", who, snap, status=status, values=values, problems=problems, errs=by_field(problems),
                labels=worded(LABELS, snap.pack), span_words=span_words(snap.pack), outcome_words=OUTCOME_WORDS, grids=_grids(who, snap),
                communities=_communities(who, snap),
                towns=[c for c in names_of(snap.pack)["town"].choices if who.role != "town" or c.id == who.scope])


def span_words(pack: Pack) -> list[tuple[str, str]]:
    """What the form offers for ``spans``: none, then the units of each kind of the pack's tree that an
    event may span (``Tree.spans``), named by the kind as the pack names it (跨网格, 跨乡镇(街道), 跨县(区))."""
    return [("none", chinese("page.route.spans_none")),
            *((kind.spans, chinese("page.route.spans", kind=kind.name)) for kind in pack.tree.kinds if kind.spans)]


def _communities(who: Viewer, snap: Snapshot) -> list:
    """The communities the form offers for a grid not in the registry: a town's own; every one for the others."""
    found = snap.pack.communities
    return [c for c in names_of(snap.pack)["community"].choices if who.role != "town" or found[c.id].town == who.scope]


def _grids(who: Viewer, snap: Snapshot) -> list:
    """The grids the form offers: a town's own; every grid for the others."""
    grids = snap.pack.grids
    return [c for c in names_of(snap.pack)["grid"].choices if who.role != "town" or grids[c.id][1].town == who.scope]


@router.get("/route")
async def route_form(request: Request, who: Viewer = Depends(needs(*PAGES["/route"])),
                     snap: Snapshot = Depends(snapshot)) -> Response:
    now = datetime.now(snap.pack.tz)
    return _form(request, who, snap, {"id": f"EV-{now:%Y%m%d-%H%M%S}", "reported_at": now.strftime("%Y-%m-%dT%H:%M"),
                                      "people_involved": "0", "reporters": "1", "recurrences_30d": "0"})


def event_of(form: Form, names: Names, found: Gathered) -> dict[str, Any]:
    """The event document the form describes (names turned into ids, times in the pack's zone); what
    cannot be read is gathered in ``found`` and left out."""
    found.read(required, form, "id", "type", "reported_at", "grid")
    tz = names.pack.tz
    event: dict[str, Any] = {"id": form.text("id")}
    for name, kind in (("type", "type"), ("grid", "grid"), ("community", "community"), ("town", "town"),
                       ("grade", "grade"), ("assigned_to", "level"), ("reporter_role", "role")):
        if form.text(name):
            event[name] = found.read(names[kind].resolve, form.text(name), name)
    event["reported_at"] = found.read(form.moment, "reported_at", tz)
    for name in ("people_involved", "reporters", "recurrences_30d"):
        event[name] = found.read(form.number, name, True)
    for name in ("life_threat", "needs_enforcement", "direct_report_claimed"):
        event[name] = form.flag(name)
    if form.text("spans") in names.pack.tree.spans():
        event["spans"] = form.text("spans")
    if form.text("step_level"):
        found.read(required, form, "step_outcome", "step_at")
        step_at = found.read(form.moment, "step_at", tz)
        level = found.read(names["level"].resolve, form.text("step_level"), "step_level")
        if step_at and event["reported_at"] and datetime.fromisoformat(step_at) < datetime.fromisoformat(event["reported_at"]):
            # said at the form's own field (the contract names history[0].at, which the form does not show)
            found.add([Problem(t("page.step_before_report", reported=LABELS["reported_at"]), field="step_at")])
        elif step_at and level and form.text("step_outcome"):
            event["history"] = [{"level": level, "outcome": form.text("step_outcome"), "at": step_at}]
    if form.text("description"):
        event["description"] = form.text("description")
    return {k: v for k, v in event.items() if v is not None}


def _decided(snap: Snapshot, who: Viewer, form: Form) -> tuple[dict, EventDecision]:
    """The form's event and its decision; or every problem of the form at once: what could not be
    read, and what the event's own checks find in the rest."""
    found = Gathered(RENAMES)
    event = event_of(form, names_of(snap.pack), found)
    if found.problems:
        found.read(validate_event, event, snap.pack)  # what the event's own checks find in the rest
        found.check()
    elsewhere = event_elsewhere(who.principal, event, snap.pack)  # a town routes the events in its own town
    if elsewhere is not None:  # where the event is, said as the API says it (the town by its name) --
        found.read(validate_event, event, snap.pack)  # once the event is found not to contradict itself
        found.check()
        names = names_of(snap.pack)
        raise NotYours(Problem(t("page.own_event", town=names.name("town", who.scope),
                                 why=elsewhere.why(lambda town: names.name("town", town))), field="grid"))
    return event, snap.checker.route_event(event)


@router.post("/route")
async def route(request: Request, who: Viewer = Depends(needs(*PAGES["/route"])), snap: Snapshot = Depends(snapshot),
                log: GroupCommit | None = Depends(decision_log)) -> Response:
    done = await decide_form(request, who, snap, log, lambda form: _decided(snap, who, form),
                             lambda values, problems, status: _form(request, who, snap, values, problems, status))
    if isinstance(done, Response):
        return done
    event, decision = done
    reported = datetime.fromisoformat(event["reported_at"])
    whistle = decision.whistle
    whistle_by = after(decision.at, whistle.report_within) if whistle else None
    # the time to report in the pack's own words, as the decision's reasons write it (events/dispatch.yaml)
    within = snap.checker.routing.clock.in_words(parse_duration(whistle.report_within)) if whistle else None
    return page(request, "route_answer.html", who, snap, event=event, decision=decision, reported=reported,
                now=datetime.now(snap.pack.tz),  # to mark the deadlines already past, and a report time still to come
                whistle_by=whistle_by, whistle_within=within, flag_words=[labels.FLAGS.get(f, f) for f in decision.flags],
                risk_name=snap.pack.risk_levels[decision.risk].name)
