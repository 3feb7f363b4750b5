"""Idempotency keys: a caller's retry answered with its first answer, and nothing logged again.

A client that lost an answer (a timeout, a proxy dropping the connection) sends the request again
with the same ``Idempotency-Key`` header.  What a key was first answered is kept in the log's own
database, beside the records and outside the chain: written in the same
transaction as the records it answered (table ``idempotency_key``), so a key is kept exactly when its decisions are logged -- in
every process, and after a restart.  A record's stored text and its hash are untouched: ``verify``,
export and replay read the records as before, and a log written before keys were kept opens,
verifies and is given the table by its first writer.  A prune forgets the keys kept before its
moment with the records it deletes.

A key is the asking token's (two tokens may use the same key); a batch keeps one answer per chunk
(``part``: the chunk's number; a single request's is 0), so a retried batch is answered the chunks
logged the first time and decides only those that were not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .records import canonical


@dataclass(frozen=True)
class Claim:
    """What an append keeps under a key, once its records are in: the request's fingerprint (which
    endpoint, which body, which moment), the answer as it was sent, and the pack digest it names."""

    token: str
    key: str
    part: int
    fingerprint: str
    answer: str
    digest: str


@dataclass(frozen=True)
class Kept:
    """A key's part as it was first answered (``seq``: the first record it logged)."""

    part: int
    fingerprint: str
    answer: str
    digest: str
    seq: int


def fingerprint(endpoint: str, body: object, at: str | None) -> str:
    """The request a key was first used for: its endpoint, its body (as JSON holds it: keys in any order,
    any spacing; a batch's lines as sent) and the moment it was decided as of (``?at=``, as read)."""
    text = canonical({"endpoint": endpoint, "body": body, "at": at})
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
