"""What the log keeps of an input: the pack's ``decision_log:`` says, for each free-text field,
whether it is dropped or hashed; none is logged as written.  Everything else a decision rests
on (codes, dates, counts, ids) is kept, so that replay can decide the input again.

A hashed text is kept as its HMAC-SHA256 under the log's own key (``LogStore.key``): equal
texts in one log have equal digests, but a reader of the records cannot test a guess (a plain
SHA-256 of "走访王五家" is found by hashing likely titles and names)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from gridrules.contract.documents import FREE_TEXT_FIELDS, EventDecision, TaskDecision
from gridrules.pack.pack import Pack
from gridrules.pack.yamlsrc import copy_data

from .records import Entry, Record
from .store import LogStore


def free_text_policy(pack: Pack) -> tuple[frozenset[str], frozenset[str]]:
    """(dropped, hashed) field paths; a pack that says nothing drops every free-text field."""
    policy = pack.manifest.decision_log
    if policy is None:
        return frozenset(FREE_TEXT_FIELDS), frozenset()
    return frozenset(policy.drop), frozenset(policy.hash)


def _digest(value: Any, key: bytes) -> Any:
    if not isinstance(value, str):
        return value  # not text (the input was refused before it was decided): nothing to hide
    return "hmac-sha256:" + hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _apply(data: dict[str, Any], steps: list[str], key: bytes | None) -> None:
    """Drop the field at ``steps`` (``key`` None) or replace it by its digest under ``key``."""
    name, rest = steps[0], steps[1:]
    if name.endswith("[]"):
        items = data.get(name[:-2])
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                _apply(item, rest, key)
    elif not rest:
        if name in data:
            if key is not None:
                data[name] = _digest(data[name], key)
            else:
                del data[name]
    elif isinstance(data.get(name), dict):
        _apply(data[name], rest, key)


def minimise(kind: str, raw: dict[str, Any], dropped: frozenset[str], hashed: frozenset[str],
             key: bytes) -> dict[str, Any]:
    """A copy of ``raw`` (a task or event document) with its free text dropped or hashed under ``key``."""
    out = copy_data(raw)
    for path in FREE_TEXT_FIELDS:
        first, *steps = path.split(".")
        if first == kind:
            _apply(out, steps, key if path in hashed and path not in dropped else None)  # else dropped
    return out




SCREENING = "screening"  # the key a logged task's input keeps what screening found in its text under


def screening(raw: dict[str, Any], pack: Pack) -> dict[str, Any]:
    """What screening found in a task's free text (the negative list's tell-tale words, each
    with its code) and the digest of the word list it was screened with: the text itself is
    never logged, so replay cannot screen it again and says so instead."""
    texts = [raw.get(name) for name in ("title", "description")]
    hits = pack.screening.hits(*(t for t in texts if isinstance(t, str)))
    return {"words": [{"code": h.code, "word": h.word} for h in hits], "list": pack.screening.digest}


def entry(kind: str, raw: dict[str, Any], decision: dict[str, Any], pack: Pack, role: str, key: bytes,
          token: str | None = None) -> Entry:
    """The log entry for one decision: the minimised input (a decided task's with what screening
    found in its free text, under ``screening``; hashed text under the log's ``key``), the
    decision as given, its digest, moment and role, and the asking token's id (None: the command line)."""
    dropped, hashed = free_text_policy(pack)
    kept = minimise(kind, raw, dropped, hashed, key)
    if kind == "task" and "verdict" in decision:
        kept[SCREENING] = screening(raw, pack)
    return Entry(kind, str(decision["at"]), role, pack.digest, kept, decision, token)


LIBRARY_ROLE = "library"  # who asked, for a decision a library caller logs without naming itself


def log_decision(log: LogStore, pack: Pack, given: Mapping[str, Any] | BaseModel, decision: TaskDecision | EventDecision,
                 role: str = LIBRARY_ROLE) -> Record:
    """Append one decision to ``log`` as ``gridrules check-task --log`` and the service do: the input
    ``given`` (the dict decided, or the TaskInput/EventInput) minimised as the pack's ``decision_log:``
    says, the decision, ``pack``'s digest (the pack that decided), and ``role`` as who asked.
    Raises ``LogUnavailable`` when the log cannot be written (nothing recorded: try again later)."""
    kind = "task" if isinstance(decision, TaskDecision) else "event"
    raw = given.model_dump(mode="json", exclude_none=True) if isinstance(given, BaseModel) else dict(given)
    return log.append([entry(kind, raw, decision.model_dump(mode="json"), pack, role, log.key)])[0]
