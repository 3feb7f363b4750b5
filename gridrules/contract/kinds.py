"""Which kind of document a mapping is, told by the fields each kind requires.

A reader that is given a document of another kind (an event sent to the task check, a lifecycle
record routed as an event) names it for what it is, instead of refusing it field by field.  The
kinds' required fields are read from their models: a field made required there is required here.
"""

from __future__ import annotations

from typing import Any, Callable

from gridrules.catalogue import t
from gridrules.contract.base import Strict
from gridrules.contract.documents import EventInput, TaskInput
from gridrules.contract.lifecycle import LifecycleRecord

# the documents a decision reads, by the name their readers and the catalogue give them
DOCUMENTS: dict[str, type[Strict]] = {"task": TaskInput, "event": EventInput, "record": LifecycleRecord}
REQUIRED: dict[str, frozenset[str]] = {
    kind: frozenset(name for name, field in model.model_fields.items() if field.is_required())
    for kind, model in DOCUMENTS.items()}


def kind_of(data: Any) -> str | None:
    """The one kind whose required fields ``data`` (a mapping) all has; None when it has none's
    (or, were kinds ever to share them, several's)."""
    if not isinstance(data, dict):
        return None
    found = [kind for kind, fields in REQUIRED.items() if fields <= data.keys()]
    return found[0] if len(found) == 1 else None


def fields_of(kind: str, data: dict[str, Any], most: int = 4) -> list[str]:
    """The fields of ``kind`` that ``data`` has, the required first, in the model's order: what shows
    it to be one (at most ``most``)."""
    fields = DOCUMENTS[kind].model_fields
    ordered = [name for name in fields if name in REQUIRED[kind]] + [name for name in fields if name not in REQUIRED[kind]]
    return [name for name in ordered if name in data][:most]


def other_kind(data: Any, expected: str, advice: Callable[[str], str]) -> str | None:
    """``data`` named as the document of another kind than ``expected`` it is (an event sent to the
    task check): what it is, the fields that show it, and ``advice(found)`` -- what reads it where it
    was sent (a command line's command, the service's endpoint); None when it is no other kind."""
    found = kind_of(data)
    if found is None or found == expected:
        return None
    return t("dec.other_kind", found=t(f"dec.kind.{found}"), expected=t(f"dec.kind.{expected}"),
             fields=t("dec.joiner").join(fields_of(found, data)), advice=advice(found))
