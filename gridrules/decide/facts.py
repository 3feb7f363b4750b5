"""The facts each decision stage asserts, built from validated input in one place.

Their fields and encodings are the contract's (``contract.facts``): every field
present, typed "missing" values for optional inputs.  Each stage's fact is the
previous one with what the previous stage decided added, so a rule may read
everything decided before it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping, Sequence

from gridrules.contract.documents import EventInput, TaskInput
from gridrules.contract.facts import EVENT_FIELDS, date_number, time_ranks
from gridrules.decide.handlers import town_of
from gridrules.lang.durable import STAGE_KEY, count_key
from gridrules.pack.pack import Pack


# --- tasks ----------------------------------------------------------------------------

HOURS_PLACES = 4  # hours reach the engine to 1/10,000 of an hour


def engine_hours(hours: float) -> float:
    """``hours`` as the engine can read it.  durable_rules 2.0.28 refuses a number written
    with an exponent and no decimal point (``1e-05``, ``5e-324``: error 204), which is how
    Python writes floats below 0.0001; rounded to 4 places (and at most 10,000 plus the
    listed workload) no hours value is written so."""
    # an integral float is left as it is: round() gives it back (the same value) at ~7x the cost
    return round(hours, HOURS_PLACES) if isinstance(hours, float) and not hours.is_integer() else hours



def own_facts(declared: tuple, given: dict[str, Any]) -> dict[str, Any]:
    """The pack's own facts (language.yaml ``facts``) as an input gives them, the rest at their default."""
    return {f.id: engine_hours(given[f.id]) if f.id in given and f.kind == "number" else given.get(f.id, f.default)
            for f in declared}


def task_fact(task: TaskInput, on: date, declared: tuple = ()) -> dict[str, Any]:
    """The admission-stage fact: every field present, typed as ``facts.TASK_FIELDS`` says,
    then the pack's own facts (``declared``)."""
    fact = {
        "stage": "admission",
        "issued_by": task.issued_by,
        "department": task.department,
        "town": task.town or "",
        "assignee": task.assignee,
        "activities": tuple(task.activities),  # a tuple: hashable, so answers are looked up as is
        "activities__n": len(task.activities),
        "list_item": task.list_item or "",
        "temporary_approval": task.temporary_approval or "",
        "start": date_number(task.start),
        "end": date_number(task.end) if task.end else 0,
        "status": task.status,
        "channel": task.channel,
        "hours_per_month": engine_hours(task.hours_per_month or 0),
        "at": date_number(on),
    }
    if declared:
        fact.update(own_facts(declared, task.facts))
    return fact


def oversight_fact(admission: dict[str, Any], verdict: str, listed: tuple[float, str], hours: float | None,
                   budget: float | None, limit: float | None, governing: Mapping[str, Any], training_lead: int) -> dict[str, Any]:
    """The admission fact (changed in place), with the verdict and the workload the task brings: ``listed``,
    the hours listed and the town they are that town's; the hours beyond its ``budget`` (the admitting item's or
    approval's hours, None for neither) the task's ``hours`` add; the assignee's own share, and what of it is
    beyond its role's ``limit`` (None: no limit); and the governing item's id, risk and subsidy (``governing``:
    those three fields, an ``admission.Governed``'s ``facts``) and its training (days from it to the task's start)."""
    given = hours or 0
    # max(0.0, given - budget), written out (0.0 on a tie, as max gives its first)
    added = given if budget is None else (given - budget if given - budget > 0.0 else 0.0)
    own = hours if hours is not None else (budget or 0)
    total, town = listed
    fact = admission  # in place: the admission fact is this decision's own and is not read again
    fact["stage"] = "oversight"
    fact["verdict"] = verdict
    fact["listed_hours"] = listed_hours = engine_hours(total)
    if added or type(total) is not float:
        fact["added_hours"] = engine_hours(added)
        fact["workload_after"] = engine_hours(total + added)
    else:  # nothing added (0 or 0.0, each as the engine reads it): total + added is the float total itself
        fact["added_hours"] = added
        fact["workload_after"] = listed_hours
    fact["workload_town"] = town
    fact.update(governing)  # governing_item, risk, subsidy
    fact["training_lead_days"] = training_lead
    fact["own_hours"] = engine_hours(own) if own else own
    # a float whatever arrives: the engine reads 0 and 0.0 alike, the answer keys class them apart
    fact["role_hours_over"] = 0.0 if limit is None or own <= limit else engine_hours(float(own - limit))
    return fact


# --- events ---------------------------------------------------------------------------


# the grading fact's fields, in the order ``grading_values`` gives them: the stage, then the
# contract's event fields in their declared order, each list followed by its count (the pack's
# own facts follow)
GRADING_NAMES = (STAGE_KEY, *(name for field, declared in EVENT_FIELDS.items()
                              for name in ((field, count_key(field)) if declared.kind == "list" else (field,))))


def grading_names(pack: Pack) -> tuple[str, ...]:
    """Every field of a grading fact, in order: ``GRADING_NAMES``, then the pack's own facts."""
    return GRADING_NAMES + tuple(f.id for f in pack.language.facts.event)


def grading_values(pack: Pack, event: EventInput) -> tuple:
    """The grading fact's values, in ``grading_names``' order: as a tuple it is the key what
    grading and leveling decided is remembered under (``routing``), and the fact itself is
    made from it (``dict(zip(names, values))``) only when a stage has to fire."""
    e = event.__dict__  # its fields as a mapping: a model's attribute reads take ~4x a plain read
    etype = pack.event_types[e["type"]]
    history = e["history"]
    last = history[-1] if history else None
    rank = pack.level_rank
    assigned_to, role = e["assigned_to"], e["reporter_role"]
    assigned = rank[assigned_to] if assigned_to else -1
    powers = tuple(pack.levels[assigned].powers) if assigned_to else ()
    # the registered grid read once, for its town and its kind
    registered = pack.grids.get(e["grid"])
    town = registered[1].town if registered is not None else town_of(pack, event)
    reporter = pack.role_specials[role] if role else ()
    values: tuple = (
        "grading",
        e["type"],
        pack.grade_rank[etype.grade],
        rank[etype.level],
        pack.grade_rank[e["grade"]] if e["grade"] else -1,
        e["life_threat"],
        e["people_involved"],
        e["reporters"],
        e["recurrences_30d"],
        e["spans"],
        e["needs_enforcement"],
        rank[last.level] if last else -1,
        last.outcome if last else "",
        assigned,
        powers,
        len(powers),
        town or "",
        pack.type_risk[e["type"]],
        e["direct_report_claimed"],
        reporter,
        len(reporter),
        (registered[0].kind or "") if registered is not None else "",
    )
    declared = pack.language.facts.event  # what ``pack.facts_of("event")`` gives, without its copy
    if declared:
        values += tuple(own_facts(tuple(declared), e["facts"]).values())
    return values


def grading_fact(pack: Pack, event: EventInput) -> dict[str, Any]:
    """The grading stage's fact: every field present, typed as ``facts.EVENT_FIELDS`` says."""
    return dict(zip(grading_names(pack), grading_values(pack, event)))


def to_leveling(fact: dict[str, Any], grade: int) -> dict[str, Any]:
    """The grading fact becomes the leveling fact (in place: the fact is one decision's own)."""
    fact["stage"], fact["grade"] = "leveling", grade
    return fact


# the moments the dispatch stage compares, in the order ``dispatch_values`` takes them
DISPATCH_MOMENTS = ("at", "respond_by", "close_by", "feedback_by")
# what the dispatch stage adds to the leveling fact, in the order ``dispatch_values`` gives it
DISPATCH_NAMES = (*DISPATCH_MOMENTS, "stage", "level", "level_before_history", "calendar_incomplete",
                  "handler_registered")


def dispatch_values(level: int, before_history: int, moments: Sequence[datetime], calendar_incomplete: bool,
                    handler_registered: bool) -> tuple:
    """What the dispatch stage adds to the leveling fact, as values in ``DISPATCH_NAMES``' order
    (``moments`` in ``DISPATCH_MOMENTS``'): as a tuple it is the key what the stage decided is
    remembered under (``routing``), and the fields are made from it only when the stage fires
    (``dict(zip(DISPATCH_NAMES, values))``).  Moments enter as their order: rules only compare
    them with each other (``contract.facts``)."""
    return (*time_ranks(moments), "dispatch", level, before_history, calendar_incomplete, handler_registered)
