"""The storage interface: append (one transaction for many records), head, verify, export, prune.

A backend gives five primitives under a database-level write lock; the chain logic
lives here once, so SQLite and PostgreSQL keep the same chain by the same rules.

Durability policy: ``append`` returns only after its records are committed and
synced (SQLite ``synchronous=FULL``; PostgreSQL ``synchronous_commit`` on): a caller
acknowledges a decision only after ``append`` returns.  Group commit: a batch of
decisions is one ``append`` -- one transaction, one sync -- so the cost per decision
falls with the batch size.
"""

from __future__ import annotations

from gridrules.catalogue import t

import json
import secrets
import threading
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterator, TypeVar

from gridrules.errors import LogUnavailable

from .keys import Claim, Kept
from .records import CHECKPOINT, GENESIS, Entry, Record, chain, now_utc, recomputed


T = TypeVar("T")
KEY_BYTES = 32


def new_key() -> str:
    """A fresh log key, as stored (hex)."""
    return secrets.token_hex(KEY_BYTES)


class NotALog(Exception):
    """A reader found a database without the log's tables (it never creates them)."""


# SQLite's primary result codes for an outage a person can name: BUSY and LOCKED (another writer
# holds the log), FULL, IOERR
SQLITE_OUTAGES = {5: "log.reason.busy", 6: "log.reason.busy", 13: "log.reason.full", 10: "log.reason.io"}
SQLITE_BUSY = frozenset(code for code, key in SQLITE_OUTAGES.items() if key == "log.reason.busy")


def sqlite_code(exc: BaseException) -> int:
    """SQLite's primary result code of ``exc`` (its extended code's low byte; 0 for another error)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def first_line(exc: BaseException) -> str:
    """A driver's reason as a person may be shown it: SQLite's common outages in the catalogue's
    words (a locked log, a full disk, an I/O error); otherwise the driver's first line (PostgreSQL
    adds CONTEXT, DETAIL and HINT lines, an administrator's to read in the server's own log)."""
    key = SQLITE_OUTAGES.get(sqlite_code(exc))
    if key is not None:
        return t(key)
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()


@dataclass(frozen=True)
class Checkpoint:
    """Where the kept chain starts: the last pruned record's place and hash (seq 0, GENESIS: none)."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    records: int


@dataclass(frozen=True)
class Broken:
    """The first place verification fails: the record's seq and what is wrong with it."""

    seq: int
    reason: str


class _Probed(Exception):
    """Ends ``LogStore.probe``'s transaction by rolling it back."""


class LogStore(ABC):
    """One decision log.  Subclasses implement the primitives; everything else is shared."""

    url: str
    _lock: threading.Lock  # one thread at a time on the store's connection (the committer, a reader)
    # the log's own secret, made when the log is created and kept in its database (never in a
    # record, never exported): the key of the HMACs that stand for hashed free text
    key: bytes
    # the backend's errors that mean "the database cannot be used now" (not a refused fork)
    unavailable: tuple[type[BaseException], ...] = ()
    # how long a writer waits for another's write lock before the log counts as unavailable
    # (SQLite's busy timeout, PostgreSQL's lock_timeout): then 503 / the CLI's unavailable log
    lock_seconds: float = 60.0
    # how long a health probe waits for that lock (this process's append under way, another writer's
    # transaction): a probe answers a load balancer promptly, and an append holding the lock longer is
    # waiting on the database (a host that drops packets), which is the log unavailable
    probe_seconds: float = 2.0
    read_only = False  # opened by a reader: never created, never written

    # -- primitives -------------------------------------------------------
    @abstractmethod
    def _writing(self, wait: float | None = None) -> AbstractContextManager[None]:
        """A transaction holding the log's write lock (this process's, ``_held``, then the database's),
        each waited for at most ``wait`` seconds (None: ``lock_seconds``); commits (durably) on success."""

    @abstractmethod
    def _last(self) -> Record | None: ...

    @abstractmethod
    def _insert(self, records: list[Record]) -> None: ...

    @abstractmethod
    def _checkpoint(self) -> Checkpoint: ...

    @abstractmethod
    def _set_checkpoint(self, checkpoint: Checkpoint) -> None: ...

    @abstractmethod
    def _delete_through(self, seq: int) -> int: ...

    @abstractmethod
    def _get(self, seq: int) -> Record | None: ...

    @abstractmethod
    def _kept(self, token: str, key: str) -> list[Kept]:
        """The parts kept under ``token``'s ``key`` (``keys``), in part order."""

    @abstractmethod
    def _keep(self, claims: list[tuple[Claim, int]], logged_at: str) -> None:
        """Keep each claim, with the seq of the first record it answered."""

    @abstractmethod
    def _forget_keys(self, before: str) -> None:
        """Forget the keys kept before ``before`` (a prune's moment)."""

    @abstractmethod
    def _first_seq_logged_at_or_after(self, moment: str) -> int | None:
        """The first record logged at or after ``moment`` (an older record, which does not say when it
        was logged, by its ``at``)."""

    @abstractmethod
    def records(self, since: str | None = None, until: str | None = None, after_seq: int | None = None,
                limit: int | None = None, logged: tuple[str | None, str | None] = (None, None)) -> Iterator[Record]:
        """Records in chain order, those whose decision's moment (``at``) is in [since, until) when given,
        those logged in ``logged``'s [since, until) when given (``logged_at``; an older record, which does
        not say, by its ``at``), and whose seq is after ``after_seq`` (a page's last: the next page's
        start); at most ``limit`` of them."""

    @abstractmethod
    def close(self) -> None: ...

    # -- shared -----------------------------------------------------------
    def __enter__(self) -> "LogStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, read: Callable[[], T]) -> T:
        """``read()`` on the store's connection (a backend may reconnect and read once more)."""
        return read()

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """The backend's "cannot be used now" errors as ``LogUnavailable`` (an append or prune
        failing so was rolled back or never begun: nothing of it is in the log)."""
        try:
            yield
        except self.unavailable as exc:
            raise LogUnavailable(t("log.unavailable", error=first_line(exc))) from exc

    def readable(self, records: Iterator[Record]) -> Iterator[Record]:
        """``records`` (``records()``'s) with the backend's "cannot be used now" errors, on connecting or
        on any later fetch, as ``LogUnavailable``."""
        with self._reachable():
            yield from records

    @contextmanager
    def _held(self, wait: float | None = None) -> Iterator[None]:
        """The store's connection for this thread alone, waited for at most ``wait`` seconds (None: as
        long as it takes -- an append waits its turn); not free by then, the log is unavailable."""
        if not self._lock.acquire(timeout=-1 if wait is None else wait):
            raise LogUnavailable(t("log.unavailable", error=t("log.reason.held", seconds=f"{wait:g}")))
        try:
            yield
        finally:
            self._lock.release()

    def _tail(self) -> tuple[int, str]:
        last = self._last()
        if last is not None:
            return last.seq, last.hash
        start = self._checkpoint()
        return start.seq, start.hash

    def probe(self) -> None:
        """Whether an append could begin now: its transaction begun (the write lock taken, the head read)
        and rolled back, nothing written; ``LogUnavailable`` when the database cannot be used (a
        PostgreSQL server down, a SQLite log locked) or the write lock is not free within ``probe_seconds``
        (an append stuck on the database holds it: the probe says so instead of waiting behind it)."""
        try:
            with self._reachable(), self._writing(wait=self.probe_seconds):
                self._tail()
                raise _Probed
        except _Probed:
            pass

    def append(self, entries: list[Entry]) -> list[Record]:
        """Append ``entries`` in one durable transaction; several writers never fork the chain."""
        done = self.append_keyed([(entries, None)])[0]
        assert isinstance(done, list)
        return done

    def append_keyed(self, groups: list[tuple[list[Entry], Claim | None]]) -> list[list[Record] | Kept]:
        """Append each group's entries, all in one durable transaction, each with its claim (``keys``) kept
        beside them: a group whose key's part is kept already (by another process, another request of
        this one, or an earlier group) appends nothing and is given what was kept -- the caller judges
        whether it was the same request (``Kept.fingerprint``).  A group without entries keeps nothing."""
        if not any(entries for entries, _ in groups):
            return [[] for _ in groups]
        logged_at = now_utc()
        out: list[list[Record] | Kept] = []
        with self._reachable(), self._writing():
            seq, prev = self._tail()
            added: list[Record] = []
            claims: list[tuple[Claim, int]] = []
            for entries, claim in groups:
                kept = None if claim is None or not entries else self._claimed(claim, claims)
                if kept is not None:
                    out.append(kept)
                    continue
                records = chain(entries, seq + 1, prev, logged_at)
                if records:
                    seq, prev = records[-1].seq, records[-1].hash
                    added += records
                    if claim is not None:
                        claims.append((claim, records[0].seq))
                out.append(records)
            if added:
                self._insert(added)
            if claims:
                self._keep(claims, logged_at)
        return out

    def _claimed(self, claim: Claim, claiming: list[tuple[Claim, int]]) -> Kept | None:
        """What ``claim``'s key part holds already: in the database, or claimed earlier in this append."""
        for earlier, seq in claiming:
            if (earlier.token, earlier.key, earlier.part) == (claim.token, claim.key, claim.part):
                return Kept(earlier.part, earlier.fingerprint, earlier.answer, earlier.digest, seq)
        return next((k for k in self._kept(claim.token, claim.key) if k.part == claim.part), None)

    def kept(self, token: str, key: str) -> list[Kept]:
        """What ``token``'s ``key`` was answered, part by part (none: the key is new)."""
        with self._lock, self._reachable():  # as ``head``: never inside another thread's open append
            return self._read(lambda: self._kept(token, key))

    def head(self) -> Head:
        with self._lock, self._reachable():  # never inside another thread's open append: not yet committed
            last, start = self._read(lambda: (self._last(), self._checkpoint()))
        if last is None:
            return Head(start.seq, start.hash, 0)
        return Head(last.seq, last.hash, last.seq - start.seq)

    def verify(self) -> tuple[int, Broken | None]:
        """Walk the chain from its checkpoint: (records checked, the first break or None).  A pruned
        log's checkpoint must be attested by the checkpoint record its prune appended: a start moved
        behind the store's back (records deleted and the checkpoint set to match) is a break."""
        with self._reachable():
            return self._verify()

    def _verify(self) -> tuple[int, Broken | None]:
        with self._lock:
            start = self._read(self._checkpoint)
        seq, prev, count = start.seq, start.hash, 0
        attested = start.seq == 0
        for record in self.records():
            if record.seq != seq + 1:
                what = t("log.missing") if record.seq > seq + 1 else t("log.disordered")
                return count, Broken(seq + 1 if record.seq > seq + 1 else record.seq,
                                     t("log.break_seq", seq=seq + 1, what=what, found=record.seq, last=seq))
            if record.prev != prev:
                return count, Broken(record.seq, t("log.break_link"))
            if recomputed(record) != record.hash:
                return count, Broken(record.seq, t("log.break_hash"))
            if record.kind == CHECKPOINT and not attested:
                attested = _attests(record, start)
            seq, prev, count = record.seq, record.hash, count + 1
        if not attested:
            return count, Broken(start.seq + 1, t("log.break_start", seq=start.seq))
        return count, None

    def prune(self, before: str) -> int:
        """Delete the longest run of first records all logged before ``before`` (a chain is pruned from
        its start; a record is pruned by when it was written, ``logged_at``, never by the moment it was
        decided as of -- an older record, which does not say, by its ``at``); keep a checkpoint of the pruned head's hash
        (where verification starts) and append a checkpoint record saying what was pruned."""
        with self._reachable():
            return self._prune(before)

    def _prune(self, before: str) -> int:
        with self._writing():
            first_kept = self._first_seq_logged_at_or_after(before)
            last = self._last()
            if last is None:
                return 0
            through = last.seq if first_kept is None else first_kept - 1
            start = self._checkpoint()
            if through <= start.seq:
                return 0
            kept = self._get(through + 1)
            pruned_hash = kept.prev if kept is not None else last.hash
            removed = self._delete_through(through)
            self._forget_keys(before)
            self._set_checkpoint(Checkpoint(through, pruned_hash))
            seq, prev = self._tail()
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            note = Entry(CHECKPOINT, now, "log", "", {"before": before},
                         {"pruned_through": through, "pruned_head": pruned_hash, "removed": removed})
            self._insert(chain([note], seq + 1, prev))
        return removed


def _attests(record: Record, start: Checkpoint) -> bool:
    said = json.loads(record.decision)
    return said.get("pruned_through") == start.seq and said.get("pruned_head") == start.hash


__all__ = ["Broken", "Checkpoint", "GENESIS", "Head", "LogStore", "NotALog", "first_line"]
