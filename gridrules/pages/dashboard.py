"""统计看板: the district's view -- decisions by verdict, department and type over time, read from
the decision log, and the two-way assessment's scorecards and 红黑榜 from lifecycle records.

The log is read record by record over the chosen days (``LogStore.records``);
the assessment is ``assess_records`` over an uploaded records file (JSON
Lines, as ``gridrules assess`` reads), for a period.  The inputs of the analysis shown are held a
while (``held``), so that its workbook downloads without choosing the file again; nothing else is
stored.  As ``assess`` does, the
page refuses an upload that holds no text (a workbook, a PDF) whole, and gives records that are all
bad no scorecard -- only their errors, at the top (422).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gridrules.assess import assess_records, parse_period
from gridrules.assess.stream import refused
from gridrules.assess.xlsx import workbook_bytes
from gridrules.assess.report import (DECIDING, LISTED_ERRORS, SHOWN_LEVELS, counts_said, level_name, list_names,
                                     listed_unit, order_said)
from gridrules.catalogue import chinese, t
from gridrules.decide import labels
from gridrules.errors import InputError, Problem
from gridrules.log.group import GroupCommit
from gridrules.pack.names import issuer_kind, read_as
from gridrules.pack.jsonline import json_lines
from gridrules.pack.yamlsrc import LOOK, without_bom
from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot

from . import held as holding
from .charts import PALETTE, Series, bars, columns
from .forms import Form, read_form
from .problems import Gathered
from .names import Names, names_of
from .render import page
from .session import PAGES, PREFIX, Viewer, needs

router = APIRouter(prefix=PREFIX, include_in_schema=False)
MOST_DAYS = 366
SHOWN_ERRORS = 50  # the bad records (and task lines) listed on the page, each kind; the rest are counted
EVENT_SERIES = chinese("page.chart.events")  # the pages' words are Chinese whatever the process speaks
def _issuer_name(names: Names, issuer: str) -> str:
    """A department's or town's name; a body outside the pack (``external:<name>``) by its own name, marked so."""
    outside = names.pack.external_issuer(issuer)
    if outside is None:
        return names.name("issuer", issuer)
    return t("page.outside_issuer", name=outside, district=names.pack.tree.top_word())


def _days(snap: Snapshot, since: str | None, until: str | None) -> tuple[date, date]:
    today = datetime.now(snap.pack.tz).date()
    try:
        last = date.fromisoformat(until) if until else today
        first = date.fromisoformat(since) if since else last - timedelta(days=29)
    except ValueError:
        raise InputError(Problem(t("page.date_form"), field="since")) from None
    if first > last or (last - first).days >= MOST_DAYS:
        raise InputError(Problem(t("page.period", days=MOST_DAYS), field="since"))
    return first, last


def _reader(snap: Snapshot) -> Callable[[str, Any], str]:
    """Each logged value read as the pack reads it: the log keeps inputs as they were sent (区民政局,
    民政局, minzheng from the service; ids from the pages), counted once per id; a value that names
    nothing is counted as it is."""
    seen: dict[tuple[str, str], str] = {}

    def as_id(kind: str, value: Any) -> str:
        if not isinstance(value, str):
            return str(value)
        key = (kind, value)
        if key not in seen:
            seen[key] = read_as(snap.pack, kind, value) or value
        return seen[key]

    return as_id


def count_log(log: GroupCommit, snap: Snapshot, first: date, last: date) -> dict[str, Any]:
    """Per day and series, per department and per event type (by id, however the input named them):
    the decisions logged in [first, last]."""
    tz = snap.pack.tz
    since = datetime.combine(first, time(0), tz).isoformat()
    until = datetime.combine(last + timedelta(days=1), time(0), tz).isoformat()
    per_day: dict[str, Counter] = {}
    departments: Counter = Counter()
    types: Counter = Counter()
    total = 0
    as_id = _reader(snap)
    for record in log.store.records(since, until):
        if record.kind not in ("task", "event"):
            continue
        entry = record.as_dict()
        day = datetime.fromisoformat(record.at).astimezone(tz).date().isoformat()
        decision, raw = entry["decision"], entry["input"]
        total += 1
        if record.kind == "task":
            series = labels.VERDICT_SHORT.get(decision.get("verdict"), str(decision.get("verdict")))
            departments[as_id(issuer_kind(raw), raw.get("department", ""))] += 1
        else:
            series = EVENT_SERIES
            types[decision.get("type") or as_id("type", raw.get("type", ""))] += 1
            for dept in decision.get("departments", []):
                departments[dept] += 1
        per_day.setdefault(day, Counter())[series] += 1
    return {"per_day": per_day, "departments": departments, "types": types, "total": total}


def log_charts(counts: dict[str, Any], names: Names, first: date, last: date) -> dict[str, Any]:
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    names_in_order = [*labels.VERDICT_SHORT.values(), EVENT_SERIES]
    series = [Series(name, [float(counts["per_day"].get(d, Counter())[name]) for d in days], PALETTE[i])
              for i, name in enumerate(names_in_order)]
    departments = [(_issuer_name(names, d), float(n)) for d, n in counts["departments"].most_common(20)]
    types = [(names.name("type", code), float(n)) for code, n in counts["types"].most_common(15)]
    return {"over_time": columns(chinese("page.chart.by_day"), days, series), "series": series, "days": days,
            "by_department": bars(chinese("page.chart.by_department"), departments), "departments": departments,
            "by_type": bars(chinese("page.chart.by_type"), types, PALETTE[5]), "types": types}


@router.get("/dashboard")
async def dashboard(request: Request, since: str | None = None, until: str | None = None,
                    who: Viewer = Depends(needs(*PAGES["/dashboard"])), snap: Snapshot = Depends(snapshot)) -> Response:
    log = request.app.state.service.log
    problems: list[Problem] = []
    charts = None
    try:
        first, last = _days(snap, since, until)
    except InputError as exc:
        problems, (first, last) = exc.problems, _days(snap, None, None)
    if log is not None:
        counts = await run_in_threadpool(count_log, log, snap, first, last)
        charts = log_charts(counts, names_of(snap.pack), first, last) | {"total": counts["total"]}
    return page(request, "dashboard.html", who, snap, charts=charts, first=first, last=last, problems=problems,
                has_log=log is not None, assessment=None, has_assessment=snap.pack.assessment is not None)


async def _upload(form: Form, name: str) -> tuple[bytes, str]:
    """An uploaded file's bytes and its name (none chosen: no bytes and no name)."""
    upload = form.fields.get(name)
    if upload is None or isinstance(upload, str):
        return b"", ""
    return await upload.read(), upload.filename or ""


def _lines(sent: tuple[bytes, str], name: str, needed: bool) -> list[tuple[str, Any, str]]:
    """An uploaded JSON Lines file read as ``gridrules assess`` reads its records and ``--decisions``
    (``pack.jsonline.json_lines``), each line named by the file's name (the field's, when it has none)
    and its number.  Records are ``needed``: none chosen is asked for; a file chosen that holds no
    record (empty, blank lines only) is refused naming it, as ``assess`` refuses one."""
    data, chosen = sent
    shown = chosen or name
    # a workbook or a PDF, a decision-log export (records), YAML records, a JSON array, a CSV table: refused as a whole, not line by line
    # as text (as assess does)
    # the conversion offered names the user's own file (on their computer), not a stand-in
    kind = refused(data[:LOOK], chosen, t("assess.reads" if name == "records" else "doc.reads.lines"), named=True,
                   records=name == "records")
    if kind is not None:
        raise InputError(Problem(kind, field=name))
    lines = [(f"{shown}:{line.number}", line.error if line.error is not None else line.data, line.text)
             for line in json_lines(without_bom(data), shown)]
    if not lines and needed:
        said = t("assess.no_records", file=chosen) if chosen else t("page.records_file")
        raise InputError(Problem(said, field=name))
    return lines


def errors_more(errors: list[Any]) -> str:
    """When the page lists fewer bad records (or task lines) than there are: how many there are in all,
    that only the first SHOWN_ERRORS are listed, and where the rest are; "" when every one is listed."""
    if len(errors) <= SHOWN_ERRORS:
        return ""
    return t("page.assess.errors_more", n=len(errors), shown=SHOWN_ERRORS, listed=LISTED_ERRORS)


def none_counted(run: Any) -> list[Problem]:
    """When every record read was bad, the problems the page shows instead of a scorecard of nothing:
    that none counted (the records field's), then each bad record and task line as ``gridrules assess``
    says it (the first SHOWN_ERRORS of each, then how many in all when there are more); none when any
    record counted."""
    if not run.counted_nothing():
        return []
    return ([Problem(t("assess.none_counted", n=run.tally.records), field="records")]
            + [Problem(str(error)) for error in run.errors[:SHOWN_ERRORS]]
            + ([Problem(more)] if (more := errors_more(run.errors)) else [])
            + [Problem(str(error), field="decisions") for error in run.task_errors[:SHOWN_ERRORS]]
            + ([Problem(more, field="decisions")] if (more := errors_more(run.task_errors)) else []))


# A level of more units than FOLD_OVER (a province's ~4,100 communities) is shown town by town, each town's
# units folded (<details>), under a table and a chart of its WORST lowest scores; the workbook download
# keeps every unit's figures.  Folded rather than filtered by a query parameter: the page is the answer
# to an upload, and nothing is stored to filter again without sending the records once more.
FOLD_OVER = 60
WORST = 20
# the town a unit of a foldable level lies in: a community's by the registry, a town's scoring of a
# department by its id (department@town); a unit the registry lacks is in none ("")
TOWN_OF: dict[str, Callable[[Any, str], str]] = {
    "community": lambda pack, uid: pack.communities[uid].town if uid in pack.communities else "",
    "department_town": lambda pack, uid: uid.partition("@")[2],
}


def by_town(pack: Any, level: str, units: list[Any]) -> list[dict[str, Any]]:
    """The level's units grouped by town, in the pack's order of towns (units no town holds last), each
    group with its count, its lowest score and how many of it are on each list."""
    groups: dict[str, list[Any]] = {}
    for u in units:
        groups.setdefault(TOWN_OF[level](pack, u.unit), []).append(u)
    order = {town: i for i, town in enumerate(pack.towns)}
    out = []
    for town in sorted(groups, key=lambda town: (town not in order, order.get(town, 0), town)):
        rows = groups[town]
        scored = [u for u in rows if u.score is not None]
        lowest = min(scored, key=lambda u: u.score) if scored else None
        out.append({"id": town, "name": pack.towns[town].name if town in pack.towns else None, "units": rows,
                    "lowest": lowest.score_shown if lowest is not None else None,
                    "red": sum(1 for u in rows if "red" in u.lists), "black": sum(1 for u in rows if "black" in u.lists)})
    return out


def list_view(pack: Any, which: str, units: list[Any]) -> dict[str, Any]:
    """A list (red or black) as the page shows it: every unit, up to FOLD_OVER of them; past that (a
    province's communities), the units of a foldable level are shown as the scorecards are -- the WORST
    at the list's end (the red list's highest scores, the black list's lowest), then town by town, each
    town folded -- and the other levels' units (departments, towns) in full; the workbook has every one."""
    foldable = [u for u in units if u.level in TOWN_OF]
    if len(units) <= FOLD_OVER or not foldable:
        return {"shown": units, "folded": False}
    level = foldable[0].level
    ends = foldable[:WORST]  # ``units`` come ranked (AssessmentRun.ranked): the list's highest or lowest first
    return {"shown": [u for u in units if u.level not in TOWN_OF], "folded": True, "count": len(foldable),
            "words": level_name(pack, level), "ends": ends, "towns": by_town(pack, level, foldable)}


def assessment_view(run: Any, snap: Snapshot) -> dict[str, Any]:
    listed = list_names(snap.pack)
    marks = {"red": "#1a7f37", "black": "#cf222e"}
    levels = {}
    for level in SHOWN_LEVELS:
        words = level_name(snap.pack, level)
        units = run.scores.get(level, [])
        rows = [u for u in units if u.score is not None]
        folded = level in TOWN_OF and len(units) > FOLD_OVER
        # by score, ties in the pack's order (``units`` are in it: sorted() keeps it among equals)
        charted = sorted(rows, key=lambda u: u.score)[:WORST] if folded else sorted(rows, key=lambda u: -u.score)
        shown = [(u.name, float(round(u.score, 1))) for u in charted]
        colours = {u.name: marks[u.lists[0]] for u in charted if u.lists}
        levels[level] = {"words": words, "chart": bars(words, shown, PALETTE[4], chinese("page.chart.points"), colours),
                         "units": units, "deciding": DECIDING[level], "folded": folded,
                         "worst": charted if folded else [], "towns": by_town(snap.pack, level, units) if folded else []}
    ranks = {which: {(u.level, u.unit): rank for rank, u in run.ranked(which)} for which in ("red", "black")}
    red, black = run.listed("red"), run.listed("black")
    return {"run": run, "levels": levels, "red": red, "black": black,
            # each listed unit's rank in its level (名次, ties equal): the lists' numbers; how they are ordered
            "rank": lambda which, u: ranks[which][(u.level, u.unit)], "order": order_said(snap.pack, chinese),
            "lists": {"red": list_view(snap.pack, "red", red), "black": list_view(snap.pack, "black", black)},
            "red_name": listed["red"], "black_name": listed["black"],
            "listed": lambda u: listed_unit(snap.pack, u),
            # the counts in the CLI text's words: the records read, in the period, bad, reported after the
            # moment judged; the bad task lines, the records of another pack's digest, the late 延期s
            "counts": counts_said(run, snap.pack), "shown_errors": SHOWN_ERRORS,
            # above the scores: how many records and task lines they leave out, each list under its count
            "errors_words": t("page.assess.errors", n=len(run.errors)),
            "task_errors_words": t("screen.assess.task_errors", n=len(run.task_errors), town=snap.pack.tree.word("town")),
            # past SHOWN_ERRORS: how many in all, and that only the first are listed
            "errors_more": errors_more(run.errors), "task_errors_more": errors_more(run.task_errors)}


# the words of the CLI's text tables (the catalogue's): events not yet due, a share with no cases, why no score
WORDS = {"pending_words": "screen.assess.col.pending", "no_share_words": "screen.none",
         "why_words": "screen.assess.col.why"}


def held_folder(request: Request) -> Any:
    """Where this server's workers hold the analyses shown (``held.folder``; None: nothing is held)."""
    return holding.folder(request.app.state.service.config_file.path)


async def _run(snap: Snapshot, uploads: dict[str, tuple[bytes, str]], period_text: str,
               at: Callable[[], str | None]) -> tuple[Any, list[Problem]]:
    """The assessment of ``uploads`` (the records, the towns' task lines) for the period written, judged
    at ``at()`` (None: now): (the run or None, the problems)."""
    found = Gathered()
    period = found.read(parse_period, period_text)
    given = found.read(at)
    records = found.read(_lines, uploads["records"], "records", True)
    tasks = found.read(_lines, uploads["decisions"], "decisions", False)  # the towns' tasks (违规派单)
    if found.problems:
        return None, found.problems
    moment = datetime.fromisoformat(given) if given else datetime.now(snap.pack.tz)
    chosen = any(uploads["decisions"])  # a file chosen (or bytes sent): else the indicator is said left out
    run = await run_in_threadpool(assess_records, snap.checker, records, period, moment, tasks if chosen else None)
    return run, none_counted(run)  # a scorecard of nothing looks like a result: the errors instead


async def _assessed(request: Request, who: Viewer, snap: Snapshot,
                    hold: bool = False) -> tuple[Form, Any, list[Problem], str | None]:
    """The dashboard's assessment form read and run: (the form, the run or None, the problems, the key
    its inputs are held under for the workbook, or None).  A form naming an analysis held (``held``)
    and choosing no records file is that analysis run again: its files, period and moment judged; a
    form's new analysis is held when ``hold`` (the page's, which offers its workbook)."""
    form = await read_form(request, who)
    uploads = {name: await _upload(form, name) for name in holding.PARTS}
    key = form.text("held")
    if key and not uploads["records"][1]:
        kept = await run_in_threadpool(holding.held, held_folder(request), key, who.csrf)  # files: off the loop
        if kept is None:
            minutes = holding.HELD_SECONDS // 60
            return form, None, [Problem(t("page.assess.held_gone", minutes=minutes), field="records")], None
        if kept.digest != snap.digest:
            return form, None, [Problem(t("page.assess.held_other_pack"), field="records")], None
        run, problems = await _run(snap, kept.uploads, kept.period, lambda: kept.at)
        return form, run, problems, key
    run, problems = await _run(snap, uploads, form.text("period"), lambda: form.moment("at", snap.pack.tz))
    if problems or run is None or not hold:
        return form, run, problems, None
    held: str | None = await run_in_threadpool(holding.hold, held_folder(request), who.csrf, uploads,
                                               run.period.label, run.at.isoformat(), snap.digest)
    return form, run, problems, held


@router.post("/dashboard/assess.xlsx")
async def assess_workbook(request: Request, who: Viewer = Depends(needs(*PAGES["/dashboard"])),
                          snap: Snapshot = Depends(snapshot)) -> Response:
    """The same assessment as a workbook (``gridrules assess --format xlsx``'s): every unit's figures, the
    ones the page folds or leaves out of its charts too; a form with problems is answered by the page."""
    form, run, problems, _ = await _assessed(request, who, snap)
    if problems or run is None:
        return _assess_page(request, who, snap, form, None, problems)
    data = await run_in_threadpool(workbook_bytes, run, snap.pack)
    filename = f"assessment-{run.period.label}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/dashboard/assess")
async def assess(request: Request, who: Viewer = Depends(needs(*PAGES["/dashboard"])),
                 snap: Snapshot = Depends(snapshot)) -> Response:
    form, run, problems, key = await _assessed(request, who, snap, hold=True)
    return _assess_page(request, who, snap, form, None if problems or run is None else assessment_view(run, snap),
                        problems, key)


def _assess_page(request: Request, who: Viewer, snap: Snapshot, form: Form, view: dict[str, Any] | None,
                 problems: list[Problem], held: str | None = None) -> Response:
    first, last = _days(snap, None, None)
    return page(request, "dashboard.html", who, snap, charts=None, first=first, last=last, problems=problems,
                has_log=request.app.state.service.log is not None, assessment=view,
                has_assessment=snap.pack.assessment is not None, period=form.text("period"), at=form.text("at"),
                status=422 if problems else 200, held=held,
                held_minutes=holding.HELD_SECONDS // 60,
                **{name: t(key) for name, key in WORDS.items()})
