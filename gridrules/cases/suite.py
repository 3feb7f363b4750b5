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

Everything else in ``expect`` is compared with the decision's JSON document.  Given the
pack's checker, ``load_cases`` also refuses an expectation naming what the pack does not hold
(``expected``).  For pack authors: docs/cases.md.
pytest and ``gridrules test`` run the same files through ``run_case``; each
difference is kept with what was expected and what was decided (``Difference``),
so a failure can be shown as a diff.
"""

from __future__ import annotations

import contextvars
import dataclasses
import json
import os
import pathlib
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from gridrules.catalogue import LANGS, language, set_language, t
from gridrules.decide.checker import Checker
from gridrules.contract.documents import EventDecision, TaskDecision
from gridrules.contract.judgement import EventJudgement
from gridrules.assess.casedoc import CASE_FIELDS, case_document
from gridrules.errors import EngineError, InputError, Location, PackError, Problem, model_problems, suggest
from gridrules.contract.cases import CaseFile, CaseModel
from gridrules.cases.expected import check_expectations, kind_word
from gridrules.pack import confined
from gridrules.pack.loader import plain_files
from gridrules.pack.yamlevents import parse_path
from gridrules.pack.yamlsrc import Document, format_path, load_file, parse_yaml, utf8_text

CHECKS = {"rules", "not_rules", "error"}


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

    def locate_expect(self, field: str) -> Location:
        """Where the case states what it expects of ``field`` (``handler.level``, ``flags`` …)."""
        parts = [int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field) if p]
        path: tuple[str | int, ...] = ("cases", self.index, "expect", *parts)
        return self.doc.locate(path)


_MISSING = object()


@dataclass(frozen=True)
class Difference:
    """One thing a case expected that the decision did not give."""

    field: str  # the decision field (``handler.level``), or rules / not_rules / error
    expected: Any
    actual: Any = _MISSING  # _MISSING: the decision has no such field
    note: str = ""  # what exactly differs, when the values alone do not say it (flags, rules)
    kind: str = "value"  # value | flags | rules | not_rules | refused | wrong_error | not_refused
    detail: tuple = ()  # flags: (missing, unexpected); rules/not_rules: the ids in question

    def __str__(self) -> str:
        if self.note:
            return f"{self.field}: {self.note}"
        if self.actual is _MISSING:
            return f"{self.field}: {t('cases.diff.absent', expected=_show(self.expected))}"
        return f"{self.field}: {t('cases.diff.value', expected=_show(self.expected), actual=_show(self.actual))}"

    @property
    def has_actual(self) -> bool:
        return self.actual is not _MISSING


@dataclass
class Outcome:
    case: Case
    diffs: list[Difference] = field(default_factory=list)
    decision: dict | None = None
    error: InputError | None = None
    crashed: str | None = None  # the pack could not decide the input (a PackError or EngineError)
    fired: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def differences(self) -> list[str]:
        crash = [t("dec.cases.crashed", error=self.crashed)] if self.crashed is not None else []
        return crash + [str(d) for d in self.diffs]

    @property
    def passed(self) -> bool:
        return not self.diffs and self.crashed is None


def case_files(path: str | os.PathLike[str]) -> list[pathlib.Path]:
    """The case files: ``path`` itself, or the ``.yaml`` files under the folder ``path``, listed as
    a pack's files are (a link, a FIFO or another special file under it is refused, naming it)."""
    root = pathlib.Path(path)
    if root.is_file():
        return [root]
    return [root / rel for rel in plain_files(root) if rel.endswith(".yaml")]


def _load_case_file(path: str | os.PathLike[str], file: pathlib.Path) -> tuple[Document | None, list[Problem]]:
    """A case file parsed; one under the folder ``path`` is read through ``confined`` (no link followed)."""
    root = pathlib.Path(path)
    if file == root:
        return load_file(str(file))
    data = confined.read_file(root, file.relative_to(root).as_posix())
    try:
        text = utf8_text(data, str(file))
    except InputError as exc:
        return None, list(exc.problems)
    return parse_yaml(text, str(file), data)


def load_cases(path: str | os.PathLike[str], checker: Checker | None = None) -> list[Case]:
    """Every case under ``path``; a malformed case file raises ``InputError``, as does (given the
    ``checker`` of the pack they are for) one whose expectations name what the pack does not hold."""
    problems: list[Problem] = []
    out: list[Case] = []
    files = case_files(path)
    if not files:
        raise InputError(Problem(t("cases.none"), Location(str(path))))
    for file in files:
        doc, found = _load_case_file(path, file)
        problems.extend(found)
        if doc is None or found:
            continue
        if doc.data is None:  # an empty file (or only comments)
            problems.append(Problem(t("cases.empty"), Location(str(file), 1, 1)))
            continue
        try:
            model = CaseFile.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(model_problems(exc, doc.locate, format_path))
            continue
        for index, written in enumerate(model.cases):
            out.append(Case(str(file), index, model.kind, written, doc))
            known = CHECKS | _decision_fields(model.kind)
            for key in sorted(set(written.expect) - known):
                problems.append(Problem(t("cases.not_field", name=key, kind=kind_word(model.kind)),
                                        doc.locate_key(("cases", index, "expect", key)), f"cases[{index}].expect",
                                        suggest(key, sorted(known))))
            if model.kind in ("task", "record", "assessment") and written.at is None:
                problems.append(Problem(t("cases.needs_at", kind=kind_word(model.kind)),
                                        doc.locate(("cases", index)), f"cases[{index}]"))
    names: dict[str, Case] = {}
    for case in out:
        if case.id in names:
            problems.append(Problem(t("cases.duplicate", name=case.name), case.location))
        names[case.id] = case
    if checker is not None:
        problems.extend(check_expectations(checker, out))
    if problems:
        raise InputError(problems)
    return out


def _decision_fields(kind: str) -> set[str]:
    if kind == "assessment":
        return set(CASE_FIELDS)
    models: dict[str, type[BaseModel]] = {"task": TaskDecision, "event": EventDecision, "record": EventJudgement}
    return set(models[kind].model_fields)


def run_case(checker: Checker, case: Case) -> Outcome:
    outcome = Outcome(case)
    started = time.perf_counter()
    try:
        _decide(checker, case, outcome)
    except (PackError, EngineError) as exc:  # the pack itself failed on this input
        outcome.crashed = str(exc)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _refused(checker: Checker, case: Case, at: datetime | None) -> str:
    """The problems a task, event or record case's input is refused with, as one text ('' if decided)."""
    try:
        if case.kind == "task":
            checker.check_task(case.model.input, at=at)
        elif case.kind == "record":
            checker.judge_record(case.model.input, at=at)
        else:
            checker.route_event(case.model.input, at=at)
    except InputError as exc:
        return "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems)
    return ""


def _refusals_in_other_languages(checker: Checker, case: Case, at: datetime | None) -> list[str]:
    """The same refusal worded in each other language (each in a copy of the context: the
    language chosen here stays as it was)."""
    def refused_in(lang: str) -> str:
        set_language(lang)
        return _refused(checker, case, at)

    return [contextvars.copy_context().run(refused_in, lang) for lang in LANGS if lang != language()]


def _decide(checker: Checker, case: Case, outcome: Outcome) -> None:
    expect = case.model.expect
    at: datetime | None = case.model.at
    decision: TaskDecision | EventDecision | EventJudgement
    try:
        if case.kind == "assessment":
            assert at is not None  # load_cases requires it
            document = case_document(checker, case.model.input, at)
            outcome.decision = document
            outcome.diffs.extend(compare_all(expect, document, []))
            return
        if case.kind == "task":
            decision = checker.check_task(case.model.input, at=at)
        elif case.kind == "record":
            decision = checker.judge_record(case.model.input, at=at)
        else:
            decision = checker.route_event(case.model.input, at=at)
    except InputError as exc:
        outcome.error = exc
        wanted = expect.get("error")
        # "field: message", whatever the language of the labels: a case names the field by its id
        text = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems)
        if wanted is None:
            said = _said(case, exc)
            outcome.diffs.append(Difference("error", None, said, t("cases.diff.refused", error=said), "refused"))
        elif str(wanted) not in text and not any(str(wanted) in other for other in _refusals_in_other_languages(
                checker, case, at)):  # a case may word its expected error in either of the tool's languages
            outcome.diffs.append(Difference("error", wanted, text, t("cases.diff.wrong_error", wanted=_show(str(wanted)),
                                                                     error=text), "wrong_error"))
        return
    actual = decision.model_dump(mode="json")
    outcome.decision = actual
    routed = actual["decision"] if case.kind == "record" else actual  # a judgement carries its routing
    outcome.fired = [r["rule"] for r in routed["reasons"]]
    if "error" in expect:
        outcome.diffs.append(Difference("error", expect["error"], None,
                                        t("cases.diff.not_refused", wanted=expect["error"]), "not_refused"))
    outcome.diffs.extend(compare_all(expect, actual, outcome.fired))


def _said(case: Case, exc: InputError) -> str:
    """The problems a case's input was refused with, as check-task says them of a file: each at its
    field's place in the case file, the field by its label, with its did-you-mean."""
    within = ("cases", case.index, "input")
    placed = InputError([dataclasses.replace(p, location=case.doc.locate(within + parse_path(p.field)))
                         if p.location is None and p.field else p for p in exc.problems])  # in the file's order
    return t("dec.cases.said_joiner").join(str(p) for p in placed.problems)


def compare(expect: dict, actual: dict) -> list[str]:
    """Readable differences between what a case expects and what was decided."""
    return [str(d) for d in compare_all(expect, actual)]


def compare_all(expect: dict, actual: dict, fired: list[str] | None = None) -> list[Difference]:
    out: list[Difference] = []
    if fired is None:
        fired = [r["rule"] for r in actual.get("reasons", [])]
    for key, want in expect.items():
        if key == "error":
            continue
        if key == "rules":
            missing = [r for r in want if r not in fired]
            if missing:
                out.append(Difference("rules", want, fired, t("cases.diff.rules", missing=_ids(missing),
                                                              fired=_ids(fired) or t("words.none")),
                                      "rules", tuple(missing)))
            continue
        if key == "not_rules":
            present = [r for r in want if r in fired]
            if present:
                out.append(Difference("not_rules", want, fired, t("cases.diff.not_rules", present=_ids(present)),
                                      "not_rules", tuple(present)))
            continue
        got = actual.get(key, _MISSING)
        if key == "flags":
            want_set, got_set = set(want or []), set(got or [] if got is not _MISSING else [])
            if want_set != got_set:
                extra, lacking = sorted(got_set - want_set), sorted(want_set - got_set)
                detail = t("dec.cases.said_joiner").join(filter(None, [
                    t("cases.diff.flags_missing", flags=_ids(lacking)) if lacking else "",
                    t("cases.diff.flags_extra", flags=_ids(extra)) if extra else "",
                ]))
                out.append(Difference("flags", sorted(want_set), sorted(got_set),
                                      t("cases.diff.flags", detail=detail, expected=_show(sorted(want_set)),
                                        actual=_show(sorted(got_set))),
                                      "flags", (tuple(lacking), tuple(extra))))
            continue
        out.extend(_compare_value(key, want, got))
    return out


def _compare_value(path: str, want: Any, got: Any) -> list[Difference]:
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key, value in want.items():
            out.extend(_compare_value(f"{path}.{key}", value, got.get(key, _MISSING)))
        return out
    if (isinstance(want, list) and isinstance(got, list) and len(want) == len(got) and want
            and all(isinstance(w, dict) for w in want)):  # a list of mappings: each compared key by key
        return [d for i, (w, g) in enumerate(zip(want, got)) for d in _compare_value(f"{path}[{i}]", w, g)]
    if got is _MISSING or want != got:
        return [Difference(path, want, got)]
    return []


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ids(ids: list[str]) -> str:
    return t("words.list_sep").join(ids)
