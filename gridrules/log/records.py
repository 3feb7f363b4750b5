"""One logged record and its hash: each record carries the hash of the one before it.

The hash covers the record's stored text exactly (canonical JSON of its fields and
the previous hash), so the same chain verifies whichever database holds it.
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

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "at": self.at, "role": self.role, "digest": self.digest,
                "input": json.loads(self.input), "decision": json.loads(self.decision),
                "prev": self.prev, "hash": self.hash}


def record_hash(seq: int, kind: str, at: str, role: str, digest: str, input_text: str, decision_text: str,
                prev: str) -> str:
    body = canonical([seq, kind, at, role, digest, input_text, decision_text, prev])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain(entries: list[Entry], seq: int, prev: str) -> list[Record]:
    """Records for ``entries`` appended after the record ``seq - 1`` whose hash is ``prev``."""
    out: list[Record] = []
    for entry in entries:
        input_text, decision_text = canonical(entry.input), canonical(entry.decision)
        digest = record_hash(seq, entry.kind, entry.at, entry.role, entry.digest, input_text, decision_text, prev)
        out.append(Record(seq, entry.kind, entry.at, entry.role, entry.digest, input_text, decision_text, prev,
                          digest))
        seq, prev = seq + 1, digest
    return out


def recomputed(record: Record) -> str:
    return record_hash(record.seq, record.kind, record.at, record.role, record.digest, record.input,
                       record.decision, record.prev)
