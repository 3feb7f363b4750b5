"""Validate a lifecycle record before anything is judged.

The strict model (``contract.lifecycle``), the order of its steps, then the
pack's codes: the event as ``validate_event`` checks it, the departments and
levels the steps name, the ratings' town (the event's own).  Every problem
names its field (``steps[3].department``); any problem raises ``InputError``
and the record is judged not at all.  That each escalation goes exactly one
level up is checked while the steps are walked (``lifecycle``), since only
routing knows the level the event started at.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from gridrules.catalogue import t
from gridrules.contract.lifecycle import STEP_KINDS, LifecycleRecord, step_problems
from gridrules.decide.handlers import town_of
from gridrules.decide.inputs import Inputs, ids_only, parse_model, validate_event
from gridrules.errors import InputError, Location, Problem
from gridrules.pack.names import EVENT_FIELDS, describe, read_names
from gridrules.pack.pack import Pack
from gridrules.pack.yamlevents import parse_path
from gridrules.pack.yamlsrc import Document


# the fields of a record that may name a unit, department or level by its Chinese name
RECORD_FIELDS: tuple[tuple[tuple, str], ...] = tuple((("event", *path), kind) for path, kind in EVENT_FIELDS) + (
    (("steps", "*", "departments", "*"), "department"), (("steps", "*", "department"), "department"),
    (("steps", "*", "level"), "level"), (("ratings", "*", "town"), "town"), (("ratings", "*", "department"), "department"),
)


def validate_record(raw: Any, pack: Pack, doc: Document | None = None,
                    source: str | Location | None = None) -> LifecycleRecord:
    found = Inputs(doc, source)
    ids = isinstance(raw, dict) and ids_only(pack, raw, RECORD_FIELDS)
    # names read as ids (区住建委 -> zhujian), on a copy; a value that names nothing is left as
    # given, for the checks below to report as they report an unknown id
    record = parse_model(LifecycleRecord, raw if ids else read_names(pack, raw, RECORD_FIELDS)[0], found, "record")
    if found.problems:
        found.problems = [_untagged(p) for p in found.problems]
    if record is not None:
        try:
            validate_event(record.event, pack, ids=ids)
        except InputError as exc:
            for problem in exc.problems:
                found.add(("event", *parse_path(problem.field)), problem.message, problem.hint)
        for path, message in step_problems(record, lambda department: describe(pack, "department", department)):
            found.add(path, message)
        _codes(record, pack, found)
    found.raise_if_any()
    return record  # type: ignore[return-value]


_TAG = re.compile(r"^(steps\[[0-9]+\])\.(?:" + "|".join(STEP_KINDS) + r")(?=\.|$)")


def _untagged(problem: Problem) -> Problem:
    """``steps[1].revisit.satisfaction`` (pydantic names the union's branch) -> ``steps[1].satisfaction``."""
    field = _TAG.sub(r"\1", problem.field)
    return problem if field == problem.field else dataclasses.replace(problem, field=field)


def _codes(record: LifecycleRecord, pack: Pack, found: Inputs) -> None:
    departments, levels = pack.departments, pack.level_rank
    for i, step in enumerate(record.steps):
        # one string compare a branch (the union is discriminated by kind), not a class test;
        # the fields read as a mapping (``lifecycle.step_problems`` says why); a code is looked
        # up here and reported by ``known`` only when the pack lacks it
        s = step.__dict__
        kind = s["kind"]
        if kind == "whistle":
            for j, department in enumerate(s["departments"]):
                if department not in departments:
                    found.known(("steps", i, "departments", j), department, departments, "department")
        elif kind == "reported_in" or kind == "returned":
            if s["department"] not in departments:
                found.known(("steps", i, "department"), s["department"], departments, "department")
        elif kind == "dispatched" or kind == "escalated":
            if s["level"] not in levels:
                found.known(("steps", i, "level"), s["level"], levels, "level")
    town = town_of(pack, record.event) if record.ratings else None
    for i, rating in enumerate(record.ratings):
        found.known(("ratings", i, "department"), rating.department, pack.departments, "department")
        if rating.town != town:
            found.add(("ratings", i, "town"), t("record.rating_town", given=describe(pack, "town", rating.town),
                                                town=describe(pack, "town", town) if town else town))
