"""One logged record and its hash: each record carries the hash of the one before it.

The hash covers the record's stored text exactly (canonical JSON of its fields and
the previous hash), so the same chain verifies whichever database holds it.

Two fields came later: ``logged_at`` (the wall-clock moment the record was written, UTC) and
``token`` (the id of the token that asked, as ``gridrules token list`` shows it; never the secret).
A record that has them hashes them as one more element, ``{"logged_at": …, "token": …}``, after the
previous hash; a record written before has neither (both None) and hashes as it always did, so an
older log verifies unchanged, and neither field can be added to an older record nor removed from a
newer one without breaking its hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

GENESIS = "0" * 64
CHECKPOINT = "checkpoint"  # the kind of the record a prune appends


def utc(moment: str) -> str:
    """A moment as UTC text, so that moments with different offsets order as text."""
    value = datetime.fromisoformat(moment)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: one text for one value, on every database."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class Entry:
    """What a caller logs: a minimised input, its decision, the pack digest, the moment, the role."""

    kind: str  # "task" | "event" | "checkpoint"
    at: str  # the decision's moment, ISO 8601 with offset
    role: str
    digest: str
    input: dict[str, Any]
    decision: dict[str, Any]
    token: str | None = None  # the asking token's id (tok-…); None from the command line


@dataclass(frozen=True)
class Record:
    """A stored entry: its place in the chain, the previous record's hash and its own."""

    seq: int
    kind: str
    at: str
    role: str
    digest: str
    input: str  # canonical JSON, as stored and hashed
    decision: str
    prev: str
    hash: str
    logged_at: str | None = None  # when it was written (UTC, ISO 8601); None: written before records said
    token: str | None = None  # the asking token's id; None: the command line, or written before records said

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "at": self.at, "logged_at": self.logged_at, "role": self.role,
                "token": self.token, "digest": self.digest, "input": json.loads(self.input),
                "decision": json.loads(self.decision), "prev": self.prev, "hash": self.hash}


def record_hash(seq: int, kind: str, at: str, role: str, digest: str, input_text: str, decision_text: str,
                prev: str, logged_at: str | None = None, token: str | None = None) -> str:
    fields: list[Any] = [seq, kind, at, role, digest, input_text, decision_text, prev]
    if logged_at is not None:  # a record written since records say when (an older one hashes as it did)
        fields.append({"logged_at": logged_at, "token": token})
    body = canonical(fields)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def now_utc() -> str:
    """The wall-clock moment a record is written: UTC, to the microsecond (orders as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def chain(entries: list[Entry], seq: int, prev: str, logged_at: str | None = None) -> list[Record]:
    """Records for ``entries`` appended after the record ``seq - 1`` whose hash is ``prev``, written at
    ``logged_at`` (default: now)."""
    logged_at = now_utc() if logged_at is None else logged_at
    out: list[Record] = []
    for entry in entries:
        input_text, decision_text = canonical(entry.input), canonical(entry.decision)
        digest = record_hash(seq, entry.kind, entry.at, entry.role, entry.digest, input_text, decision_text, prev,
                             logged_at, entry.token)
        out.append(Record(seq, entry.kind, entry.at, entry.role, entry.digest, input_text, decision_text, prev,
                          digest, logged_at, entry.token))
        seq, prev = seq + 1, digest
    return out


def recomputed(record: Record) -> str:
    return record_hash(record.seq, record.kind, record.at, record.role, record.digest, record.input,
                       record.decision, record.prev, record.logged_at, record.token)
