"""Recording a decision from a page: the form's fields read by the service's own models, the
change written by ``change``, and whatever stops it turned into words on the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.change.outcome import Outcome
from gridrules.contract.review import Finding
from gridrules.errors import (ChangeError, GridRulesError, InputError, PackBusy, Problem, ProblemsError, Refused,
                              model_issues)

from .problems import by_field, on_form, with_example

Model = TypeVar("Model", bound=BaseModel)


@dataclass
class Attempt:
    """What became of a write: its outcome, or why it was not made (nothing was written then), and
    the page's status for it as the API answers the same error: 422 the form's bad input, 409 a
    conflict with what is recorded (the library's refusal), 503 the pack busy."""

    outcome: Outcome | None = None
    message: str | None = None
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    status: int = 200

    @property
    def done(self) -> bool:
        return self.outcome is not None

    def errs(self) -> dict[str, list[str]]:
        """What to show beside each of the form's fields."""
        return by_field(self.problems)


def model_of(model: type[Model], values: dict[str, Any]) -> Model:
    """``values`` (a form's, blanks left out) read by one of the service's request models."""
    try:
        return model.model_validate({k: v for k, v in values.items() if v not in (None, "", [])})
    except ValidationError as exc:  # a field left blank (or only spaces) is one to fill in, in the form's words
        problems = []
        for issue in model_issues(exc):
            field = ".".join(str(x) for x in issue.path)
            problem = Problem(t("page.required") if issue.kind == "missing" else issue.message, field=field)
            problems.append(with_example(problem, issue.kind))
        raise InputError(problems) from None


def attempt(request: Request, write: Callable[[], Outcome], renames: dict[str, str] | None = None) -> Attempt:
    """Run ``write``; swap the new pack in at once (the writer's next page reads it).  Its problems are
    named by the form's fields (``renames``: the form's names for the library's, see ``problems``)."""
    try:
        outcome = write()
    except (ChangeError, ProblemsError) as exc:
        return not_written(exc, renames)
    request.app.state.service.live.current()
    return Attempt(outcome=outcome)


def not_written(exc: GridRulesError, renames: dict[str, str] | None = None) -> Attempt:
    """Why a write was not made, for the page to show: the library's refusal in its words (with the
    findings behind it), the form's problems beside its fields, any other refusal of the change named;
    an error of another kind (the pack busy, ...) is raised again, for the pages' own answer to it."""
    if isinstance(exc, Refused):
        return Attempt(message=exc.message, findings=list(exc.findings), status=409)
    if isinstance(exc, InputError):
        return Attempt(message=t("page.write_bad_input"), problems=on_form(exc.problems, renames), status=422)
    if isinstance(exc, (ChangeError, ProblemsError)):
        return Attempt(message=t("page.write_refused", problem=exc), status=503 if isinstance(exc, PackBusy) else 409)
    raise exc


async def attempt_off_loop(request: Request, write: Callable[[], Outcome], renames: dict[str, str] | None = None) -> Attempt:
    """``attempt`` in a worker thread: a write waits for the pack's lock and validates the whole new pack
    (seconds, on a large one), and the server's other requests must not wait behind it."""
    return await run_in_threadpool(attempt, request, write, renames)
