"""Which kind of document a mapping is (contract/kinds.py), told by the fields its model requires."""

from __future__ import annotations

from gridrules.contract.documents import EventInput, TaskInput
from gridrules.contract.kinds import REQUIRED, fields_of, kind_of

TASK = {"id": "T-1", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-01"}
EVENT = {"id": "E-1", "type": "MD02", "reported_at": "2026-11-25T09:30:00+08:00", "grid": "g1"}
RECORD = {"event": EVENT, "steps": []}


def test_the_required_fields_are_the_models():
    assert REQUIRED["task"] == {"id", "title", "department", "activities", "start"}
    assert REQUIRED["event"] == {"id", "type", "reported_at", "grid"}
    assert REQUIRED["record"] == {"event"}
    assert REQUIRED["task"] == {name for name, field in TaskInput.model_fields.items() if field.is_required()}
    assert REQUIRED["event"] == {name for name, field in EventInput.model_fields.items() if field.is_required()}


def test_a_document_is_the_kind_whose_required_fields_it_has():
    assert kind_of(TASK) == "task" and kind_of(EVENT) == "event" and kind_of(RECORD) == "record"
    assert kind_of(TASK | {"hours_per_month": "many"}) == "task"  # a bad value: still a task


def test_a_document_missing_a_required_field_is_no_kind():
    for doc, field in ((TASK, "start"), (EVENT, "grid"), (RECORD, "event")):
        assert kind_of({k: v for k, v in doc.items() if k != field}) is None
    assert kind_of(["id"]) is None and kind_of("id: T-1") is None and kind_of(None) is None


def test_a_document_with_two_kinds_fields_is_neither():
    assert kind_of(TASK | EVENT) is None


def test_what_shows_the_kind_the_required_first_at_most_four():
    assert fields_of("event", EVENT | {"town": "tangxiang"}) == ["id", "type", "reported_at", "grid"]
    assert fields_of("record", {"note": "x", **RECORD}) == ["event", "steps", "note"]


def _codes_at(model, path: tuple, on: tuple | None) -> set[str]:
    """The codes the model's ``Literal`` allows at ``path`` (a list's items: ``*``; a union of step
    kinds: each branch's, or, with ``on``, only the branch whose ``on`` field is that code)."""
    from typing import Literal, get_args, get_origin

    from pydantic import BaseModel

    def branches(annotation) -> list:
        args = get_args(annotation)
        if get_origin(annotation) is Literal:
            return [annotation]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [b for arg in args for b in branches(arg)]

    found: set[str] = set()
    models = [model]
    for step in path[:-1]:
        if step == "*":
            continue
        models = [m for parent in models for m in branches(parent.model_fields[step].annotation)]
    for m in models:
        if on is not None and get_args(m.model_fields[on[0]].annotation) != (on[1],):
            continue
        for literal in branches(m.model_fields[path[-1]].annotation):
            found |= set(get_args(literal))
    return found


def test_the_fields_read_by_words_are_the_models_coded_fields_each_code_with_a_word():
    """contract.kinds' WORDED names fields the documents' models hold, with exactly the codes the model
    allows there; every code has its word in both languages, no two codes of a kind the same word."""
    from gridrules.catalogue import MESSAGES
    from gridrules.contract.kinds import DOCUMENTS, WORDED

    for field in WORDED:
        assert _codes_at(DOCUMENTS[field.document], field.path, field.on) == set(field.codes), field
        words = [MESSAGES[field.word_key(code)] for code in field.codes]
        assert all(zh and en for zh, en in words) and len({zh for zh, _ in words}) == len(words), field
        assert f"kind.{field.kind}" in MESSAGES
    assert len({field.kind for field in WORDED}) == len(WORDED)  # a kind each: the name reader's table
