"""What the log keeps of an input: the pack's ``decision_log:`` says, for each free-text field,
whether it is dropped or hashed; none is logged as written.  Everything else a decision rests
on (codes, dates, counts, ids) is kept, so that replay can decide the input again."""

from __future__ import annotations

import hashlib
from typing import Any

from gridrules.contract.documents import FREE_TEXT_FIELDS
from gridrules.pack.pack import Pack
from gridrules.pack.yamlsrc import copy_data

from .records import Entry


def free_text_policy(pack: Pack) -> tuple[frozenset[str], frozenset[str]]:
    """(dropped, hashed) field paths; a pack that says nothing drops every free-text field."""
    policy = pack.manifest.decision_log
    if policy is None:
        return frozenset(FREE_TEXT_FIELDS), frozenset()
    return frozenset(policy.drop), frozenset(policy.hash)


def _digest(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # not text (the input was refused before it was decided): nothing to hide
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def _apply(data: dict[str, Any], steps: list[str], hashed: bool) -> None:
    name, rest = steps[0], steps[1:]
    if name.endswith("[]"):
        items = data.get(name[:-2])
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                _apply(item, rest, hashed)
    elif not rest:
        if name in data:
            if hashed:
                data[name] = _digest(data[name])
            else:
                del data[name]
    elif isinstance(data.get(name), dict):
        _apply(data[name], rest, hashed)


def minimise(kind: str, raw: dict[str, Any], dropped: frozenset[str], hashed: frozenset[str]) -> dict[str, Any]:
    """A copy of ``raw`` (a task or event document) with its free text dropped or hashed."""
    out = copy_data(raw)
    for path in FREE_TEXT_FIELDS:
        first, *steps = path.split(".")
        if first == kind:
            _apply(out, steps, hashed=path in hashed and path not in dropped)  # else dropped
    return out




SCREENING = "screening"  # the key a logged task's input keeps what screening found in its text under


def screening(raw: dict[str, Any], pack: Pack) -> dict[str, Any]:
    """What screening found in a task's free text (the negative list's tell-tale words, each
    with its code) and the digest of the word list it was screened with: the text itself is
    never logged, so replay cannot screen it again and says so instead."""
    texts = [raw.get(name) for name in ("title", "description")]
    hits = pack.screening.hits(*(t for t in texts if isinstance(t, str)))
    return {"words": [{"code": h.code, "word": h.word} for h in hits], "list": pack.screening.digest}


def entry(kind: str, raw: dict[str, Any], decision: dict[str, Any], pack: Pack, role: str) -> Entry:
    """The log entry for one decision: the minimised input (a decided task's with what screening
    found in its free text, under ``screening``), the decision as given, its digest, moment and role."""
    dropped, hashed = free_text_policy(pack)
    kept = minimise(kind, raw, dropped, hashed)
    if kind == "task" and "verdict" in decision:
        kept[SCREENING] = screening(raw, pack)
    return Entry(kind, str(decision["at"]), role, pack.digest, kept, decision)
