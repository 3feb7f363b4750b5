"""Which kind of document a mapping is, told by the fields each kind requires.

A reader that is given a document of another kind (an event sent to the task check, a lifecycle
record routed as an event) names it for what it is, instead of refusing it field by field.  The
kinds' required fields are read from their models: a field made required there is required here.

``WORDED`` declares, once, which of the documents' coded fields a caller may write by the tool's own
words (已派 for a task's ``assigned``, 本级无法解决 for an event's history ``unresolved``, 超时未办结
for an escalation's ``overdue``): the readers, the
name reader's choices and the reference derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from gridrules.catalogue import t
from gridrules.contract.base import Strict
from gridrules.contract.documents import EventInput, TaskInput
from gridrules.contract.facts import CHANNELS, ISSUERS, OUTCOMES, STATUSES
from gridrules.contract.lifecycle import ESCALATION_REASONS, SATISFACTION, STEP_KINDS, LifecycleRecord

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


@dataclass(frozen=True)
class Worded:
    """A field of a document whose values are codes the contract fixes, which a caller may also
    write by the tool's word for each (the catalogue's ``{document}.{kind}.{code}``: 已派 for a
    task's ``assigned``), read as the code.  ``on``: the field is one only on an item whose other
    field has that code (a step's ``reason`` is an escalation's code, a 退哨's free text)."""

    document: str  # as ``DOCUMENTS`` names it
    path: tuple  # in the document; "*": every item of a list
    kind: str  # the catalogue names it ``kind.{kind}``
    codes: tuple[str, ...]
    on: tuple[str, str] | None = None  # (a field of the same item, its code)

    def word_key(self, code: str) -> str:
        return f"{self.document}.{self.kind}.{code}"


# the fields the tool reads by its own words: the one declaration the readers of tasks and records
# (``decide.inputs.read_words``), the names of pack.names (a kind each) and the reference derive from.
# In order: a field another's ``on`` reads (a step's kind) before it.
WORDED: tuple[Worded, ...] = (
    Worded("task", ("issued_by",), "issued_by", ISSUERS),
    Worded("task", ("status",), "status", STATUSES),
    Worded("task", ("channel",), "channel", CHANNELS),
    Worded("event", ("history", "*", "outcome"), "outcome", OUTCOMES),
    Worded("record", ("steps", "*", "kind"), "step", STEP_KINDS),
    Worded("record", ("steps", "*", "reason"), "reason", ESCALATION_REASONS, on=("kind", "escalated")),
    Worded("record", ("steps", "*", "satisfaction"), "satisfaction", SATISFACTION, on=("kind", "revisit")),
)


def worded(document: str) -> tuple[Worded, ...]:
    """``document``'s fields read by the tool's words, in ``WORDED``'s order."""
    return tuple(field for field in WORDED if field.document == document)
