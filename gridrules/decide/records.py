"""Validate a lifecycle record before anything is judged.

The strict model (``contract.lifecycle``), the order of its steps, then the
pack's codes: the event as ``validate_event`` checks it, the departments and
levels the steps name, the ratings' town (the event's own).  Every problem
names its field (``steps[3].department``), and all are reported at once: the
names and codes are read before the model (a code the pack lacks is said beside
a malformed time), and a record the model refuses still has the checks of the
parts it left whole.  A step's kind, an escalation's reason and a 回访's
satisfaction may be written by their Chinese words (反馈, 超时未办结, 满意: the
catalogue's; ``contract.kinds.WORDED`` declares which), read as their codes by
``inputs.read_words`` only once the model has refused the record as given, so a
record in codes costs nothing more.  Any problem raises ``InputError`` and the
record is judged not at all.  That each escalation goes exactly one level up is
checked while the steps are walked (``lifecycle``), since only routing knows the
level the event started at.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from pydantic import ValidationError

from gridrules.catalogue import t
from gridrules.contract.lifecycle import STEP_KINDS, LifecycleRecord, step_problems
from gridrules.decide.handlers import town_of
from gridrules.decide.inputs import Inputs, ids_only, parse_model, read_words, validate_event
from gridrules.errors import InputError, Location, Problem
from gridrules.pack.names import RECORD_FIELDS, describe
from gridrules.pack.pack import Pack
from gridrules.pack.yamlevents import parse_path
from gridrules.pack.yamlsrc import Document, format_path


def validate_record(raw: Any, pack: Pack, doc: Document | None = None,
                    source: str | Location | None = None) -> LifecycleRecord:
    found = Inputs(doc, source)
    # names read as ids (区住建委 -> zhujian), on a copy; a name or code that names nothing is
    # reported here, beside the record's other problems (not once the rest is well-formed)
    ids = isinstance(raw, dict) and ids_only(pack, raw, RECORD_FIELDS)
    given = raw if ids else found.names(pack, raw, RECORD_FIELDS)
    record = _whole(given)
    if record is None and isinstance(given, dict):
        worded = read_words(pack, given, "record", found)  # 反馈 -> feedback; a word that names nothing, reported
        if worded is not given:
            given, record = worded, _whole(worded)
    before = len(found.problems)
    if record is None:
        record = parse_model(LifecycleRecord, given, found, "record")
    if record is not None:
        _checked(record, pack, found)
    elif isinstance(given, dict):
        # the model's problems by the contract's fields; none at a name that named nothing, reported already
        named = {format_path(path) for path in found.named}
        found.problems[before:] = [p for p in map(_untagged, found.problems[before:]) if p.field not in named]
        _parts(given, pack, found, {p.field.split(".", 1)[0].split("[", 1)[0] for p in found.problems[before:]})
    found.raise_if_any()
    return record  # type: ignore[return-value]


def _whole(given: Any) -> LifecycleRecord | None:
    """The record the model makes of ``given``, or None when it refuses it (its problems are worked
    out by ``parse_model``, for refused records only)."""
    if not isinstance(given, dict):
        return None
    try:
        # ``model_validate``'s own call, without its wrapper (as ``parse_model`` calls it)
        return LifecycleRecord.__pydantic_validator__.validate_python(given)
    except ValidationError:
        return None


def _checked(record: LifecycleRecord, pack: Pack, found: Inputs) -> None:
    """The checks of a well-formed record: its event's, its steps' order and places, the pack's codes."""
    _event_checked(record.event, pack, found)
    for path, message in step_problems(record, lambda department: describe(pack, "department", department)):
        found.add(path, message)
    _codes(record, pack, found)


def _event_checked(event: Any, pack: Pack, found: Inputs) -> None:
    """``validate_event``'s checks of the record's event (its names were read with the record's)."""
    try:
        validate_event(event, pack, ids=True)
    except InputError as exc:
        for problem in exc.problems:
            path = ("event", *parse_path(problem.field))
            if path not in found.named:  # a name that named nothing, reported already
                found.add(path, problem.message, problem.hint, hint_shown=problem.hint_shown, note=problem.note)


# the parts of a record that its checks beyond the model read
_CHECKED_PARTS = ("event", "steps", "ratings")


def _parts(given: dict, pack: Pack, found: Inputs, refused: set[str]) -> None:
    """A record the model refused (``refused``: the top-level fields of its problems, steps of
    steps[2].at): the checks of the parts it did not refuse -- all of them, when only a bad digest or
    a field unknown was refused; else the event's, when it was not -- so every problem of the record
    is reported at once (worked out for bad records only)."""
    if not refused & set(_CHECKED_PARTS):
        whole = parse_model(LifecycleRecord, {k: given[k] for k in _CHECKED_PARTS if k in given}, Inputs(None, None),
                            "record")
        if whole is not None:
            _checked(whole, pack, found)
            return
    if "event" not in refused:  # (a name that named nothing leaves its part unread: the event's checks still run)
        _event_checked(given["event"], pack, found)


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
