"""Validate tasks and events before the engine sees anything.

Two steps: the strict models of ``documents.py`` (unknown fields, wrong types,
impossible values), then the pack's codes (departments, towns, activities,
roles, list items, event types, levels, grades) and the unit registry.  Every
problem names its field, with a did-you-mean, and -- when the input came from a
file -- its ``line:col``.  Nothing is decided on a guess: any problem raises
``InputError`` and no decision is made.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gridrules.lang.parse import suggest
from gridrules.contract.documents import EventInput, TaskInput
from gridrules.errors import InputError, Location, Problem, model_issues
from gridrules.pack.model.organization import Community
from gridrules.pack.pack import Pack
from gridrules.pack.yamlsrc import Document, format_path

M = TypeVar("M", bound=BaseModel)


class Inputs:
    """Collects problems for one document; ``where`` gives file positions."""

    def __init__(self, doc: Document | None, source: str | Location | None):
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []

    def location(self, path: tuple, key: bool = False) -> Location | None:
        if self.doc is not None:
            return self.doc.locate_key(path) if key else self.doc.locate(path)
        if self.source is not None:
            return self.source if isinstance(self.source, Location) else Location(self.source)
        return None

    def add(self, path: tuple, message: str, hint: str | None = None, key: bool = False) -> None:
        self.problems.append(Problem(message, self.location(path, key), format_path(path), hint))

    def known(self, path: tuple, value: Any, table, what: str) -> None:
        if value is not None and value not in table:
            self.add(path, f"unknown {what} '{value}'", suggest(value, table))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def _fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """The field names allowed at ``loc`` (for did-you-mean on unknown fields)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return set()
        annotation = field.annotation
        for arg in getattr(annotation, "__args__", ()) or (annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
            inner = getattr(arg, "__args__", ())
            found = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
            if found is not None:
                current = found
                break
    return set(getattr(current, "model_fields", {}))


def parse_model(model: type[M], raw: Any, found: Inputs, what: str) -> M | None:
    if isinstance(raw, model):
        return raw
    if not isinstance(raw, dict):
        found.add((), f"a {what} is a mapping of fields, not {type(raw).__name__}")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for issue in model_issues(exc):
            loc = issue.path
            if issue.kind == "extra_forbidden":
                name = loc[-1] if loc else "?"
                found.add(loc, f"unknown field '{name}'", suggest(name, _fields_at(model, loc)), key=True)
            elif issue.kind == "missing":
                found.add(loc, "missing required field")
            else:
                found.add(loc, issue.message)
        return None


def validate_task(raw: Any, pack: Pack, doc: Document | None = None,
                  source: str | Location | None = None) -> TaskInput:
    found = Inputs(doc, source)
    task = parse_model(TaskInput, raw, found, "task")
    if task is not None:
        external = pack.external_issuer(task.department)
        if external is not None:
            _check_external(external, pack, found)
        elif task.issued_by == "department":
            found.known(("department",), task.department, pack.departments, "department")
        found.known(("town",), task.town, pack.towns, "town")
        found.known(("assignee",), task.assignee, pack.roles, "role")
        activities = pack.ids("activity")
        for i, activity in enumerate(task.activities):
            found.known(("activities", i), activity, activities, "activity")
        found.known(("list_item",), task.list_item, pack.items_by_id, "list item")
        _check_facts(task.facts, pack.facts_of("task"), found)
    found.raise_if_any()
    return task  # type: ignore[return-value]


def validate_event(raw: Any, pack: Pack, doc: Document | None = None,
                   source: str | Location | None = None) -> EventInput:
    found = Inputs(doc, source)
    event = parse_model(EventInput, raw, found, "event")
    if event is not None:
        found.known(("type",), event.type, pack.event_types, "event type")
        found.known(("grade",), event.grade, pack.grade_rank, "grade")
        found.known(("assigned_to",), event.assigned_to, pack.level_rank, "level")
        found.known(("town",), event.town, pack.towns, "town")
        found.known(("reporter_role",), event.reporter_role, pack.roles, "role")
        found.known(("spans",), event.spans, pack.ids("spans"), "spans value")
        _check_facts(event.facts, pack.facts_of("event"), found)
        for i, entry in enumerate(event.history):
            found.known(("history", i, "level"), entry.level, pack.level_rank, "level")
        _check_units(event, pack, found)
    found.raise_if_any()
    return event  # type: ignore[return-value]


def _check_external(name: str, pack: Pack, found: Inputs) -> None:
    """An outside body is one the pack does not hold: a pack department (by id or name) or
    town named as external is refused, so no department escapes its own list that way."""
    for department in pack.departments.values():
        if name in (department.id, department.name):
            found.add(("department",), f"'{name}' is a department of the pack: give its id "
                      f"('{department.id}'), not external:{name}")
            return
    for town in pack.towns.values():
        if name in (town.id, town.name):
            found.add(("department",), f"'{name}' is a town of the pack, not an outside body")
            return


def _check_facts(given: dict, declared: tuple, found: Inputs) -> None:
    """The pack's own facts: each one the pack declares, of its kind (a yes/no, a number, one of its values)."""
    by_id = {f.id: f for f in declared}
    for name, value in given.items():
        fact = by_id.get(name)
        if fact is None:
            found.known(("facts", name), name, by_id, "fact")
        elif fact.kind == "bool" and not isinstance(value, bool):
            found.add(("facts", name), f"expected true or false, got {value!r}")
        elif fact.kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            found.add(("facts", name), f"expected a number, got {value!r}")
        elif fact.kind == "enum" and value not in fact.values:
            found.add(("facts", name), f"expected one of {', '.join(fact.values)}, got {value!r}")


def _check_units(event: EventInput, pack: Pack, found: Inputs) -> None:
    """A registered grid (or community) given with a community or town it does not belong to is refused."""
    registered = pack.grids.get(event.grid)
    if registered is not None:
        grid, community = registered
        if event.community is not None and event.community != community.id:
            found.add(("community",), f"grid '{grid.id}' belongs to community '{community.id}', not '{event.community}'")
        if event.town is not None and event.town != community.town:
            found.add(("town",), f"grid '{grid.id}' is in town '{community.town}', not '{event.town}'")
        return
    named: Community | None = pack.communities.get(event.community) if event.community else None
    if named is not None and event.town is not None and event.town != named.town:
        found.add(("town",), f"community '{named.id}' is in town '{named.town}', not '{event.town}'")
