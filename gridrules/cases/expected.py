"""What a case's expectations name, checked against the pack before any case runs.

A case expecting a rule, a flag, a verdict or a level the pack (or the contract) does not hold
checks nothing (``not_rules: [item.L6]`` is always met) or fails as if the pack decided wrongly
(``rules: [item.L31]``, ``verdict: admited``).  Either way the case file is what is wrong, so
it is refused as a bad input file is: each such value at its ``path:line:col``, with a
did-you-mean, all of them together, exit 2.

What a field of a decision names is declared once below, as ``pack.names`` declares an
input's (a path, a step ``*`` every item of a list, and what the value there names); the values
the contract fixes (a verdict, a judgement's ``on_time`` …) and the fields a decision has are
read from the decision models themselves.  An expectation states an id, as decisions write them:
a name (区民政局) is refused with the id it stands for.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Annotated, Any, Iterator, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from gridrules.catalogue import MESSAGES, t
from gridrules.cases.ruleids import rules_of
from gridrules.contract.documents import EventDecision, TaskDecision
from gridrules.contract.judgement import EventJudgement
from gridrules.decide.checker import Checker
from gridrules.errors import Problem, suggest
from gridrules.pack.names import closest_id, entries, resolve
from gridrules.pack.yamlevents import format_path

if TYPE_CHECKING:
    from gridrules.cases.suite import Case

# What a decision's field names: a kind of ``pack.names`` (its id), or ``rule`` (an id a decision's
# reasons may name), ``flag`` (a flag of the decision: the contract's and the pack's language.yaml's),
# ``whistle`` (a whistle kind's id) or ``whistle_name`` (its name, as a routed event carries it).
TASK_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("list_item",), "item"), (("duty",), "duty"), (("temporary_approval",), "approval"),
    (("responsible_level",), "level"), (("accountable", "*"), "department"), (("training_owner",), "department"),
    (("risk",), "risk"), (("flags", "*"), "flag"),
)
EVENT_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("type",), "type"), (("grade",), "grade"), (("level",), "level"), (("handler", "level"), "level"),
    (("departments", "*"), "department"), (("direct_report", "*"), "level"), (("whistle", "kind"), "whistle_name"),
    (("whistle", "departments", "*"), "department"), (("risk",), "risk"), (("flags", "*"), "flag"),
)
RECORD_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("type",), "type"), (("grade",), "grade"), (("town",), "town"), (("routed_level",), "level"),
    (("final_level",), "level"), (("segments", "*", "level"), "level"), (("whistles", "*", "kind"), "whistle"),
    (("whistles", "*", "level"), "level"), (("whistles", "*", "answers", "*", "department"), "department"),
    (("returned", "*"), "department"), (("satisfaction",), "satisfaction"),
    *((("decision", *path), what) for path, what in EVENT_FIELDS),  # the record's routing
)
# what a case checks besides the decision's fields (``suite.CHECKS``' rule lists)
CHECK_FIELDS: tuple[tuple[tuple, str], ...] = ((("rules", "*"), "rule"), (("not_rules", "*"), "rule"))
# the checks' own types (``suite.CHECKS``): rules and not_rules list ids; error is the refusal's text, or texts
CHECK_TYPES: dict[str, Any] = {"rules": list[str], "not_rules": list[str], "error": str | list[str]}

DECISIONS: dict[str, tuple[type[BaseModel], tuple[tuple[tuple, str], ...], str]] = {
    # kind of case: (its decision's model, what its fields name, the decision whose flags it lists)
    "task": (TaskDecision, TASK_FIELDS, "task"),
    "event": (EventDecision, EVENT_FIELDS, "event"),
    "record": (EventJudgement, RECORD_FIELDS, "event"),
}


class _Vocabulary:
    """The ids a case of one pack may expect, made when first asked for."""

    def __init__(self, checker: Checker, flags_of: str):
        self.checker, self.flags_of = checker, flags_of
        self._made: dict[str, list[str]] = {}

    def ids(self, what: str) -> list[str]:
        found = self._made.get(what)
        if found is None:
            pack = self.checker.pack
            if what == "rule":
                found = rules_of(self.checker)
            elif what == "flag":
                found = list(pack.flags_of(self.flags_of))
            elif what in ("whistle", "whistle_name"):
                found = [w.id if what == "whistle" else w.name for w in pack.whistle_kinds]
            else:
                found = [e.id for e in entries(pack, what)]
            self._made[what] = found
        return found


def check_expectations(checker: Checker, cases: list[Case]) -> list[Problem]:
    """Every value the cases expect that names what the pack (or the contract) does not hold, and
    every key of an expected mapping the decision does not have, as located problems."""
    problems: list[Problem] = []
    vocabularies: dict[str, _Vocabulary] = {}
    for case in cases:
        if case.kind not in DECISIONS:  # an assessment case: its document is compared as it is
            continue
        model, fields, flags_of = DECISIONS[case.kind]
        vocabulary = vocabularies.setdefault(flags_of, _Vocabulary(checker, flags_of))
        named = dict(fields + CHECK_FIELDS)
        at = ("cases", case.index, "expect")
        for key, value in case.model.expect.items():
            annotation = model.model_fields[key].annotation if key in model.model_fields else CHECK_TYPES.get(key)
            for path, found, problem in _walk(value, annotation, (key,)):
                what = named.get(tuple("*" if isinstance(p, int) else p for p in path))
                if problem is None and what is not None and isinstance(found, str):
                    problem = _unnamed(checker, vocabulary, what, found, flags_of)
                if problem is not None:
                    message, hint, of_key = problem
                    where = case.doc.locate_key(at + path) if of_key else case.doc.locate(at + path)
                    problems.append(Problem(message, where, format_path(at + path), hint))
    return problems


Found = tuple[str, str | None, bool]  # a problem: its message, a did-you-mean, whether it is a key's


def _walk(value: Any, annotation: Any, path: tuple) -> Iterator[tuple[tuple, Any, Found | None]]:
    """Each value within ``value`` (expected of a field typed ``annotation``) with its path, and the
    problem the model alone finds in it (a value the contract does not allow, a key the field lacks)."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    args = get_args(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if value is None or len(kinds) != 1:
            return
        annotation, args, origin = kinds[0], get_args(kinds[0]), get_origin(kinds[0])
    if origin is Literal:
        meant = _code_of_word(value, args)
        if meant is not None:  # verdict: 准入, as the text shows it: decisions write admitted
            yield path, value, (t("cases.word_of_code", value=value, code=meant), None, False)
        elif isinstance(value, str) and value not in args:
            values = t("words.list_sep").join(map(str, args))
            yield path, value, (t("cases.not_a_value", value=value, values=values), suggest(value, args), False)
        return
    if origin is list:
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _walk(item, args[0], path + (i,))
        elif isinstance(value, str):  # rules: item.L13 -- compared letter by letter, it could never hold
            yield path, value, (t("pyd.list_from_text", items=value), None, False)
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        for key, item in value.items():
            if key not in annotation.model_fields:
                yield path + (key,), item, (t("cases.not_subfield", name=key),
                                            suggest(key, list(annotation.model_fields)), True)
                continue
            yield from _walk(item, annotation.model_fields[key].annotation, path + (key,))
        return
    yield path, value, None


def _code_of_word(value: Any, codes: tuple) -> str | None:
    """The contract's code among ``codes`` whose word, as the text of a decision shows it (the catalogue's
    ``dec.short.{code}``: 准入 for admitted), ``value`` is; None when it is none's."""
    if not isinstance(value, str) or value in codes:
        return None
    written = value.strip()
    return next((code for code in codes if isinstance(code, str) and f"dec.short.{code}" in MESSAGES
                 and MESSAGES[f"dec.short.{code}"][0] == written), None)


def _unnamed(checker: Checker, vocabulary: _Vocabulary, what: str, value: str, decision: str) -> Found | None:
    """The problem with ``value`` where a case expects a ``what`` (None: the pack holds it) of a
    ``decision`` (task or event: a record's routing is an event's)."""
    ids = vocabulary.ids(what)
    if value in ids:
        return None
    if what == "rule":
        return t("cases.unknown_rule", value=value), closest_id(value, ids), False
    if what == "flag":
        return t("cases.unknown_flag", value=value, kind=kind_word(decision)), closest_id(value, ids), False
    if what in ("whistle", "whistle_name"):
        return t("cases.unknown_ref", value=value, what=t("kind.whistle")), suggest(value, ids), False
    found = resolve(checker.pack, what, value)
    if found.id is not None and found.id != value and found.id in ids:  # a name: decisions write the id
        return t("cases.by_name", value=value, what=t(f"kind.{what}"), id=found.id), found.id, False
    hint = found.hint.id if found.hint is not None else closest_id(value, ids)
    return t("cases.unknown_ref", value=value, what=t(f"kind.{what}")), hint, False


def kind_word(kind: str) -> str:
    """A case file's kind (task, event, record …) as a person reads it."""
    return t(f"what.{kind}") if f"what.{kind}" in MESSAGES else kind
