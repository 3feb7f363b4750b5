"""Decision cases as data: tasks and events with the decisions the policy requires.

A case file (``rules/cases/**.yaml``)::

    kind: task            # or event
    cases:
      - name: 民政局走访独居老人
        at: 2026-11-25T10:00:00+08:00    # the moment of the check (tasks: required)
        input: {...}                     # a task or event document
        expect:                          # only what the case checks
          verdict: admitted
          flags: [over_capacity]         # an exact set
          rules: [item.L13]              # these rule ids must be among the reasons
          not_rules: [item.L06]          # these must not
          handler: {level: grid}         # mappings are compared key by key
          error: unknown department      # or: the input must be refused with this message

Everything else in ``expect`` is compared with the decision's JSON document.
pytest and ``gridrules test`` run the same files through ``run_case``.
"""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, ValidationError

from .checker import Checker
from .documents import EventDecision, TaskDecision
from .errors import InputError, Location, Problem
from .model.base import DateTime, Strict
from .yamlsrc import Document, format_path, load_file

CHECKS = {"rules", "not_rules", "error"}


class CaseModel(Strict):
    name: str = Field(min_length=1, max_length=300)
    description: str | None = None
    at: DateTime | None = Field(None, description="The moment of the check; tasks need it, events default to reported_at.")
    input: dict[str, Any]
    expect: dict[str, Any] = Field(min_length=1)


class CaseFile(Strict):
    """A file of decision cases (rules/cases/**.yaml)."""

    kind: Literal["task", "event"]
    cases: list[CaseModel] = Field(min_length=1)


@dataclass
class Case:
    file: str
    index: int
    kind: str
    model: CaseModel
    doc: Document

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def location(self) -> Location:
        return self.doc.locate(("cases", self.index))

    @property
    def id(self) -> str:
        return f"{pathlib.Path(self.file).stem}::{self.name}"


@dataclass
class Outcome:
    case: Case
    differences: list[str] = field(default_factory=list)
    decision: dict | None = None
    error: InputError | None = None
    fired: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def case_files(path: str | pathlib.Path) -> list[pathlib.Path]:
    root = pathlib.Path(path)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def load_cases(path: str | pathlib.Path) -> list[Case]:
    """Every case under ``path``; a malformed case file raises ``InputError``."""
    problems: list[Problem] = []
    out: list[Case] = []
    files = case_files(path)
    if not files:
        raise InputError(Problem("no case files (*.yaml) found", Location(str(path))))
    for file in files:
        doc, found = load_file(str(file))
        problems.extend(found)
        if doc is None or found:
            continue
        try:
            model = CaseFile.model_validate(doc.data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(err["loc"])
                problems.append(Problem(err["msg"].removeprefix("Value error, "), doc.locate(loc), format_path(loc)))
            continue
        for index, case in enumerate(model.cases):
            out.append(Case(str(file), index, model.kind, case, doc))
            unknown = set(case.expect) - CHECKS - _decision_fields(model.kind)
            for key in sorted(unknown):
                problems.append(Problem(f"'{key}' is not a field of a {model.kind} decision",
                                        doc.locate_key(("cases", index, "expect", key)), f"cases[{index}].expect"))
            if model.kind == "task" and case.at is None:
                problems.append(Problem("a task case needs 'at' (tasks are otherwise decided at the current time)",
                                        doc.locate(("cases", index)), f"cases[{index}]"))
    names: dict[str, Case] = {}
    for case in out:
        if case.id in names:
            problems.append(Problem(f"duplicate case name '{case.name}'", case.location))
        names[case.id] = case
    if problems:
        raise InputError(problems)
    return out


def _decision_fields(kind: str) -> set[str]:
    model = TaskDecision if kind == "task" else EventDecision
    return set(model.model_fields)


def run_case(checker: Checker, case: Case) -> Outcome:
    outcome = Outcome(case)
    expect = case.model.expect
    at: datetime | None = case.model.at
    try:
        if case.kind == "task":
            decision = checker.check_task(case.model.input, at=at)
        else:
            decision = checker.route_event(case.model.input, at=at)
    except InputError as exc:
        outcome.error = exc
        wanted = expect.get("error")
        text = "; ".join(str(p) for p in exc.problems)
        if wanted is None:
            outcome.differences.append(f"the input was refused: {text}")
        elif str(wanted) not in text:
            outcome.differences.append(f"error: expected a problem containing {wanted!r}, got: {text}")
        return outcome
    if "error" in expect:
        outcome.differences.append(f"error: expected the input to be refused ({expect['error']!r}), but it was decided")
    actual = decision.model_dump(mode="json")
    outcome.decision = actual
    outcome.fired = [r["rule"] for r in actual["reasons"]]
    outcome.differences.extend(compare(expect, actual))
    return outcome


def compare(expect: dict, actual: dict) -> list[str]:
    """Readable differences between what a case expects and what was decided."""
    out: list[str] = []
    fired = [r["rule"] for r in actual.get("reasons", [])]
    for key, want in expect.items():
        if key == "error":
            continue
        if key == "rules":
            missing = [r for r in want if r not in fired]
            if missing:
                out.append(f"rules: expected among the reasons: {', '.join(missing)} (fired: {', '.join(fired) or 'none'})")
            continue
        if key == "not_rules":
            present = [r for r in want if r in fired]
            if present:
                out.append(f"not_rules: must not decide, but did: {', '.join(present)}")
            continue
        got = actual.get(key)
        if key == "flags":
            want_set, got_set = set(want or []), set(got or [])
            if want_set != got_set:
                extra, lacking = sorted(got_set - want_set), sorted(want_set - got_set)
                detail = "; ".join(filter(None, [
                    f"missing {', '.join(lacking)}" if lacking else "",
                    f"unexpected {', '.join(extra)}" if extra else "",
                ]))
                out.append(f"flags: {detail} (expected {sorted(want_set)}, got {sorted(got_set)})")
            continue
        out.extend(_compare_value(key, want, got))
    return out


def _compare_value(path: str, want: Any, got: Any) -> list[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key, value in want.items():
            if key not in got:
                out.append(f"{path}.{key}: expected {_show(value)}, but the decision has no such field")
            else:
                out.extend(_compare_value(f"{path}.{key}", value, got[key]))
        return out
    if want != got:
        return [f"{path}: expected {_show(want)}, got {_show(got)}"]
    return []


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
