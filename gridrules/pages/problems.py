"""Where a form shows its problems: beside the fields they are about, all of a submission's at once.

The library names what it checks as the command line gives it (``--to``, ``--training-owner``)
or as a document holds it (``task.end``, ``application.training.owner``, ``activities[1]``); a
form names its fields as the service's request models do (``valid_to``, ``training_owner``).
``form_field`` is the one mapping between them.  A form whose fields are named otherwise
passes its renames -- the service's own table where the service has one
(``service.temporary.APPROVAL_FIELDS``: ``--date`` is the approval's ``decided_on``).

``Gathered`` reads a form's fields one by one and keeps every field's problem instead of
stopping at the first, so that one submission shows them all.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Mapping, TypeVar

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem
from gridrules.service.answers import request_field

Value = TypeVar("Value")
# the documents a form describes: their problems name the document's fields under its name
DOCUMENTS = ("task.", "event.", "application.")
# the form a value with a set pattern takes, shown with the problem when a value is not in it (the
# pages' own wording, as their hints: 会议届次 2026-6 is the 6th meeting of 2026)
EXAMPLES = {"session": "2026-6", "ref": "TX-2026-12", "decision": "TX-2026-13"}


def form_field(field: str | None, renames: Mapping[str, str] | None = None) -> str:
    """The form's field a problem's ``field`` is about (``--to`` -> ``to``; ``task.end`` -> ``end``;
    ``training.owner`` -> ``training_owner``), renamed by ``renames`` (by the library's name or the form's)."""
    renames = renames or {}
    if not field:
        return ""
    if field in renames:
        return renames[field]
    name = request_field(field)
    for prefix in DOCUMENTS:
        name = name.removeprefix(prefix)
    name = name.replace("training.", "training_")
    key = name.split(".")[0].split("[")[0]
    return renames.get(key, key)


def on_form(problems: list[Problem], renames: Mapping[str, str] | None = None) -> list[Problem]:
    """``problems`` named by the form's fields."""
    return [replace(p, field=form_field(p.field, renames)) for p in problems]


def by_field(problems: list[Problem]) -> dict[str, list[str]]:
    """What to show beside each field: its problems' messages (``problems`` named by the form's fields)."""
    out: dict[str, list[str]] = {}
    for p in problems:
        out.setdefault(p.field or "", []).append(p.message)
    return out


def with_example(problem: Problem, kind: str) -> Problem:
    """A value refused for its form, with the form it should take (会议届次: … 如 2026-6)."""
    example = EXAMPLES.get(form_field(problem.field))
    if kind != "string_pattern_mismatch" or example is None:
        return problem
    return replace(problem, message=t("page.expected_form", problem=problem.message, example=example))


class Gathered:
    """A form's problems gathered field by field: each reading that fails is kept (its field then
    holds ``default``), and the next goes on; a later check's problem on a field that already
    has one is left out (a blank field is not also "missing")."""

    def __init__(self, renames: Mapping[str, str] | None = None):
        self.renames = renames or {}
        self.problems: list[Problem] = []

    def read(self, reading: Callable[..., Value], *args: Any, default: Any = None) -> Value:
        try:
            return reading(*args)
        except InputError as exc:
            self.add(exc.problems)
            return default

    def add(self, problems: list[Problem]) -> None:
        taken = {p.field for p in self.problems}
        self.problems += [p for p in on_form(problems, self.renames) if not p.field or p.field not in taken]

    def check(self) -> None:
        """Raise every problem gathered (none: nothing)."""
        if self.problems:
            raise InputError(self.problems)
