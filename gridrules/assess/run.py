"""``assess_records``: judge every record, count, score and list, for one period.

Records come as ``(source, data)`` pairs (``data`` is the parsed JSON object, or
the ``InputError`` its line gave); a bad record -- malformed, out of order,
naming codes the pack lacks, or an event id already seen -- becomes one
``RecordError`` (the record and its fields), is counted, and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Iterable

from gridrules.assess.count import Counter, count_tasks
from gridrules.assess.periods import Period
from gridrules.assess.repeats import line_event_id
from gridrules.assess.score import UnitScore, ranked, registry_key, scores, unit_name
from gridrules.assess.stream import source_location
from gridrules.assess.tally import Tally
from gridrules.catalogue import t
from gridrules.decide.checker import Checker
from gridrules.contract.base import moment_option
from gridrules.decide.inputs import validate_task
from gridrules.decide.records import validate_record
from gridrules.errors import InputError, PackError, Problem, said_once
from gridrules.pack.jsonline import placed_on_line
from gridrules.pack.listed import listed_parts, total_of
from gridrules.pack.names import Entry, meant
from gridrules.pack.pack import Pack


@dataclass
class RecordError:
    source: str
    event: str | None
    problems: list[Problem]
    at: tuple[int, int] = (0, 0)  # (file's place among the inputs, line): errors are listed in record order

    def as_dict(self) -> dict:
        return {"record": self.source, "event": self.event, "problems": [p.as_dict() for p in self.problems]}

    def __str__(self) -> str:
        """One line: the record's place, said once -- its ``path:line``, with the column of its first
        problem on it (the leftmost) -- and its event, then each problem by its field: the first at
        nothing more, the others on the line at their column alone (第55列), one elsewhere at its own
        whole place."""
        who, said = self.parts()
        return f"{who}{f'（{self.event}）' if self.event else ''}: " + said

    def parts(self) -> tuple[str, str]:
        """The line's place (``path:line:col``) and its problems, as ``str`` says them (the workbook's and
        the HTML report's columns: the same words stderr and the dashboard give, one source)."""
        where = source_location(self.source)

        def column(p: Problem) -> int | None:  # its column on the record's line (0: none), None: elsewhere
            loc = p.location
            return loc.col if loc is not None and loc.path == where.path and loc.line == where.line else None

        problems = sorted(self.problems, key=lambda p: (column(p) is None, column(p) or 0))  # stable: JSON's order
        said = said_once(problems, where)
        first = problems[0] if problems and column(problems[0]) is not None else None
        who = self.source
        if first is not None:
            said[0] = str(replace(first, location=None))
            who = str(first.location)
        return who, "; ".join(said)


def _placed(problems: list[Problem], source: str, data: Any = None, text: str | None = None,
            within: str = "") -> list[Problem]:
    """Problems placed at a record's ``path:line`` as its file and line (validation places them at
    ``source`` whole, judging nowhere: worked out here, for the bad records only, not for every record judged), and
    at their fields' columns when the line's ``text`` is known (``within``: the part of the line
    their fields are in)."""
    where = source_location(source)
    # a problem placed nowhere was found while judging the record (an escalation that skips a level)
    placed = [replace(p, location=where) if p.location is None or p.location.path == source else p
              for p in problems]
    if text and not isinstance(data, InputError):
        return placed_on_line(placed, text, data, where, within)
    return placed


@dataclass(frozen=True)
class Unregistered:
    """A community or grid the period's records name that the registry does not hold: how many of
    the records name it, and the registered one its code is a slip for (``names.meant``), if any."""

    level: str  # community, grid
    unit: str
    records: int
    meant: Entry | None

    def as_dict(self) -> dict:
        hint = None if self.meant is None else {"unit": self.meant.id, "name": self.meant.name}
        return {"level": self.level, "unit": self.unit, "records": self.records, "did_you_mean": hint}


# records or tasks as (source, data), or (source, data, the line's text) when read from lines
Lines = Iterable["tuple[str, Any] | tuple[str, Any, str]"]


@dataclass
class AssessmentRun:
    period: Period
    at: datetime
    pack: dict
    tally: Tally
    scores: dict[str, list[UnitScore]]
    errors: list[RecordError] = field(default_factory=list)
    task_errors: list[RecordError] = field(default_factory=list)
    empty_files: list[str] = field(default_factory=list)  # records files given that held no record (others did)
    decisions_given: bool = True  # the towns' task decisions were given (--decisions), whatever they held

    def unregistered(self, pack: Pack) -> list[Unregistered]:
        """The communities, then the grids, the period's records name that the registry does not hold,
        each with how many records name it, most first: counted apart, never scored, listed or advised
        on (the district's lists judge its registered units), their records still counted for the town
        they name (policy §7: a town's events are those in it)."""
        found = sorted(self.tally.unregistered.items(),
                       key=lambda kv: (("community", "grid").index(kv[0][0]), -kv[1], kv[0][1]))
        return [Unregistered(level, uid, n, meant(pack, level, uid)) for (level, uid), n in found]

    def listed(self, which: str) -> list[UnitScore]:
        """The units on a list (red, black) as ``ranked`` orders them."""
        return [u for _, u in self.ranked(which)]

    def ranked(self, which: str) -> list[tuple[int, UnitScore]]:
        """A list's units (``which``: red, black, or budget: those advised a cut), level by level
        (departments, towns, communities), each with its rank (名次) in its level: the red list by score
        highest first, the black list and the advice lowest first; ties in the pack's order."""
        units = [u for level in ("department", "town", "community") for u in self.scores[level]
                 if (u.budget_cut if which == "budget" else which in u.lists)]
        return ranked(units, high_first=which == "red")

    def budget_cuts(self) -> list[UnitScore]:
        """The units advised a budget cut, as ``ranked`` orders them."""
        return [u for _, u in self.ranked("budget")]

    def listed_on(self, pack: Pack) -> date:
        """The day the grids' listed workload is read on: the period's last day, or the day of the
        check (``at``) when the period runs on past it -- the load the grids carry at the end of what
        is assessed (never before the period's first day).  A change takes effect no earlier than it
        is decided, so the pack as known that day is the pack as known at ``at`` for that day."""
        return max(self.period.first, min(self.period.last_day(), self.at.astimezone(pack.tz).date()))

    def grids(self, pack: Pack) -> list[dict]:
        """Each grid counted: its events, pending ones, handled within the grid or community, 直报 of
        urgent matters, and its listed workload (policy §7), ``listed_hours``: per grid per month, its
        town's on ``listed_on`` (§8: the items for all towns, those scoped to the town, the town's
        temporary approvals in force); None for a grid the registry does not hold (its town unknown)."""
        day = self.listed_on(pack)
        parts = listed_parts(pack, day)
        totals: dict[str, float] = {}  # per town, summed once
        out = []
        in_order = registry_key(pack, "grid")  # the pack's order of grids, those it lacks after them
        for (level, uid), counts in sorted(self.tally.units.items(), key=lambda kv: (kv[0][0], in_order(kv[0][1]))):
            if level == "grid":
                close = counts.figures.get("handled_close", [0, 0])
                direct = counts.figures.get("direct_report", [0, 0])
                registered = pack.grids.get(uid)
                town = registered[1].town if registered is not None else None
                if town is not None and town not in totals:
                    totals[town] = total_of(pack, parts, town)[0]
                out.append({"grid": uid, "events": counts.events, "pending": counts.pending,
                            "handled_close": close, "direct_report_urgent": direct,
                            "listed_hours": totals[town] if town is not None else None,
                            "listed_on": day.isoformat()})
        return out

    def counted_nothing(self) -> bool:
        """Records were read and every one was bad: the scores and lists would be of nothing, though they
        look like a result (every unit "no events", no list), so none is given -- only the errors."""
        return self.tally.records > 0 and self.tally.errors == self.tally.records

    def exit_code(self) -> int:
        return 2 if self.errors or self.task_errors else 0


def judge_one(checker: Checker, counter: Counter, tally: Tally, source: str, data: Any, period: Period,
              at: datetime, seen: dict[str, str] | None, text: str | None = None,
              place: tuple[int, int] = (0, 0)) -> RecordError | None:
    """Judge one record and count it into ``tally`` (or count it as an error and return it);
    ``seen``: the event ids of the records before it, good or bad -- a bad line's too, when it spells
    one (``line_event_id``) -- each with the record that first had it (this one's is added), or None
    for a record whose id is known to be in no other record; ``text``: the line it was read from,
    when it was (a refused record's problems are placed on it, at their fields' columns);
    ``place``: its place among the inputs (file, line), which orders the records it is named among."""
    tally.records += 1
    found = line_event_id(data, text)
    try:
        if isinstance(data, InputError):
            raise data
        if seen is not None and found is not None:
            first = seen.get(found)
            if first is not None:  # bad whatever else it has, said with its other problems
                said = (t("assess.seen_here", event=found) if first == source  # a file given twice: its own line
                        else t("assess.seen", event=found, where=first))
                problems = [Problem(said, source_location(source), field="event.id")]
                try:
                    validate_record(data, checker.pack, source=source)
                except InputError as exc:
                    problems += exc.problems
                raise InputError(problems)
        record = validate_record(data, checker.pack, source=source)
        event = record.event.__dict__  # read as a mapping (a model's attribute reads take ~4x)
        reported = event["reported_at"]
        # an event reported after the check did not exist at it (as its steps after it are not
        # known): left out of every count, not a bad record; the period's are counted apart
        if reported > at:
            judgement = None
        else:
            # Checker.judge_record, less the moment's check (``moment``, once per run) and the
            # final routing (counting reads the segments' own)
            judgement = checker.lifecycle.judged(record, at)
    except InputError as exc:
        tally.errors += 1
        if seen is not None and found is not None:
            seen.setdefault(found, source)  # a later record of this event is one with an id already seen: bad too
        return RecordError(source, found, _placed(exc.problems, source, data, text))
    if seen is not None:
        seen.setdefault(event["id"], source)
    in_period = period.holds(reported, checker.pack.tz)
    if judgement is None:
        tally.after_at += in_period
        return None
    if judgement["digest_mismatch"]:
        tally.mismatch((place, source, event["id"]))
    elif (version := judgement["digest_version"]) is not None:
        tally.earlier[version] = tally.earlier.get(version, 0) + 1
    if in_period:
        tally.in_period += 1
        counter.count(tally, judgement)
        if judgement["late_extensions"]:  # why a record with a 延期 counted late: named in the report
            tally.extended_late((place, source, event["id"]))
        if judgement["unscored_whistles"]:  # why a whistle's departments are not scored on it: named too
            tally.whistle_unscored((place, source, event["id"]))
    return None


def moment(checker: Checker, at: Any) -> datetime:
    """The moment of the check as every record is judged at it (checked once, not per record)."""
    found = moment_option(at, "at", checker.pack.tz)
    assert found is not None
    return found


def counter_for(checker: Checker, explain: Iterable[str]) -> Counter:
    if checker.pack.assessment is None:
        raise PackError(Problem(t("assess.no_assessment")))
    return Counter(checker.pack, explain)


def assess_records(checker: Checker, records: Lines, period: Period,
                   at: datetime, tasks: Lines | None = None, explain: Iterable[str] = ()) -> AssessmentRun:
    """One process (``tasks``: the towns' task decisions, None when none were given), records (``(source, data)``, or ``(source, data, the line's text)`` for records
    read from lines: their problems are placed on them) in memory order; ``seen`` holds every good
    event id (see ``gridrules.assess.parallel`` for the bounded-memory, sharded run)."""
    counter = counter_for(checker, explain)
    at = moment(checker, at)
    tally = Tally()
    errors: list[RecordError] = []
    seen: dict[str, str] = {}
    for number, (source, data, *text) in enumerate(records):
        error = judge_one(checker, counter, tally, source, data, period, at, seen, text[0] if text else None,
                          (0, number))
        if error is not None:
            errors.append(error)
    return finish(checker, tally, errors, period, at, tasks, explain)


def finish(checker: Checker, tally: Tally, errors: list[RecordError], period: Period, at: datetime,
           tasks: Lines | None = None, explain: Iterable[str] = ()) -> AssessmentRun:
    """Count the towns' tasks (None: none were given) into the merged ``tally`` and score it."""
    pack = checker.pack
    task_errors = _tasks(checker, tasks or (), period, at, tally, explain)
    info = pack.info
    return AssessmentRun(period, at, {"name": info.name, "title": pack.manifest.title, "version": info.version,
                                      "digest": info.digest},
                         tally, scores(pack, tally), errors, task_errors, decisions_given=tasks is not None)


def _tasks(checker: Checker, tasks: Lines, period: Period, at: datetime, tally: Tally,
           explain: Iterable[str] = ()) -> list[RecordError]:
    """Towns' assigned tasks whose start is in the period: a task document (decided here,
    at ``at``) or ``{task: …, decision: …}`` (the decision's flags are taken as given); a
    decision alone is refused, saying what a line must hold.  A task counts once: a line whose
    task id an earlier line gave, good or bad, is bad (as a record whose event id was seen is),
    whichever shape either line has and whether or not their decisions agree."""
    pairs: list[tuple[str, str, bool]] = []
    errors: list[RecordError] = []
    given: dict[str, str] = {}  # each task id given so far: the line that first gave it
    for source, data, *text in tasks:
        line = text[0] if text else None
        try:
            if isinstance(data, InputError):
                raise data
            if _a_decision(data):  # check-task's answer alone: the task it judged is not in it
                raise InputError(Problem(t("assess.decision_alone")))
        except InputError as exc:
            errors.append(RecordError(source, None, _placed(exc.problems, source, data, line)))
            continue
        paired = isinstance(data, dict) and set(data) == {"task", "decision"}
        raw = data["task"] if paired else data
        problems = _given_before(raw, source, given)  # the task's own, at its fields (within the pair's task)
        try:
            task = validate_task(raw, checker.pack, source=source)
        except InputError as exc:
            problems += exc.problems
        flags = data["decision"].get("flags") if paired and isinstance(data["decision"], dict) else None
        if problems or (paired and not isinstance(flags, list)):  # every problem of the line at once
            placed = _placed(problems, source, data, line, "task" if paired else "")
            if paired and not isinstance(flags, list):
                placed += _placed([Problem(t("assess.task_flags"), field="decision.flags")], source, data, line)
            errors.append(RecordError(source, None, placed))
            continue
        decided = flags if isinstance(flags, list) else checker.check_task(task, at=at).flags  # a pair's, as given
        if task.issued_by == "town" and task.status == "assigned" and period.first <= task.start < period.end:
            pairs.append((task.department, task.id, "unauthorized_assignment" in decided))
    count_tasks(tally, pairs, checker.pack.towns, explain)
    return errors


def _given_before(task: Any, source: str, given: dict[str, str]) -> list[Problem]:
    """The problem of a task whose id an earlier line gave (``given``: each id, the line that first
    gave it; this task's id is added when new), or none."""
    found = task.get("id") if isinstance(task, dict) else None
    if not isinstance(found, str):
        return []
    first = given.get(found)
    if first is None:
        given[found] = source
        return []
    key = "assess.task_seen_here" if first == source else "assess.task_seen"  # a file given twice: its own line
    return [Problem(t(key, task=found, where=first), field="id")]


def _a_decision(data: Any) -> bool:
    """A task decision (``check-task``'s JSON): it names its task by id (``task``) beside a verdict."""
    return isinstance(data, dict) and "verdict" in data and isinstance(data.get("task"), str)


__all__ = ["AssessmentRun", "Lines", "RecordError", "Unregistered", "assess_records", "finish", "judge_one", "moment", "unit_name"]
