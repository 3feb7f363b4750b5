"""The decision log in SQLite: the default, one file (WAL) next to the pack.

``BEGIN IMMEDIATE`` takes the database's write lock before the head is read, so
writers in several processes append one after another; ``prev`` is UNIQUE, so a
fork is refused by the database itself.  ``synchronous=FULL``: a commit is synced.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import closing, contextmanager
from typing import Any, Iterator
from urllib.request import pathname2url

from .keys import Claim, Kept
from .records import GENESIS, Record, utc
from .store import SQLITE_BUSY, Checkpoint, LogStore, NotALog, new_key, sqlite_code

SCHEMA = """
CREATE TABLE IF NOT EXISTS decision_log (
    seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, at_utc TEXT NOT NULL,
    role TEXT NOT NULL, digest TEXT NOT NULL, input TEXT NOT NULL, decision TEXT NOT NULL,
    prev TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE, logged_at TEXT, token TEXT);
CREATE INDEX IF NOT EXISTS decision_log_at ON decision_log (at_utc);
CREATE TABLE IF NOT EXISTS log_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log_key (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency_key (
    token TEXT NOT NULL, key TEXT NOT NULL, part INTEGER NOT NULL, fingerprint TEXT NOT NULL,
    answer TEXT NOT NULL, digest TEXT NOT NULL, seq INTEGER NOT NULL, logged_at TEXT NOT NULL,
    PRIMARY KEY (token, key, part));
"""
# what a key keeps (``keys``): each claim's row, and a kept part's
KEPT_COLUMNS = "token, key, part, fingerprint, answer, digest, seq, logged_at"
KEPT = "SELECT part, fingerprint, answer, digest, seq FROM idempotency_key WHERE token = {m} AND key = {m} ORDER BY part"
COLUMNS = "seq, kind, at, role, digest, input, decision, prev, hash, logged_at, token"
# the columns records came to have later (``records``): a writer adds them to an older log's table; a
# reader of an older log, which never writes, reads them as NULL
LATER = {"logged_at": "TEXT", "token": "TEXT"}
OLDER_COLUMNS = "seq, kind, at, role, digest, input, decision, prev, hash, NULL, NULL"
# the moment a record was logged, for selecting by it: an older record, which does not say, by its ``at``
LOGGED = "COALESCE(logged_at, at_utc)"
# the index of that moment (an expression index: the records, and so their hashes, are left as they are);
# made after ``LATER``'s columns, by a writer opening the log -- a log written before it gets it then, in
# the opening's write transaction (once: several openers wait for each other's lock); a reader goes without
LOGGED_INDEX = "decision_log_logged"
INDEX_LOGGED = f"CREATE INDEX IF NOT EXISTS {LOGGED_INDEX} ON decision_log (({LOGGED}))"


def _record(row: tuple) -> Record:
    return Record(*row)


class SqliteLog(LogStore):
    unavailable = (sqlite3.OperationalError,)  # disk full, I/O error, locked past the timeout

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.url = f"sqlite:///{path}"
        self.path = path
        self.read_only = read_only
        self._lock = threading.Lock()
        if read_only:
            self._db = self._reader()
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "decision_log" not in tables:
                self._db.close()
                raise NotALog(path)
            row = self._db.execute("SELECT key FROM log_key WHERE id = 1").fetchone() if "log_key" in tables else None
            self.key = bytes.fromhex(row[0]) if row else b""
            has = {r[1] for r in self._db.execute("PRAGMA table_info(decision_log)")}
            self.columns, self.logged = (COLUMNS, LOGGED) if set(LATER) <= has else (OLDER_COLUMNS, "at_utc")
            self.indexed = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                                            (LOGGED_INDEX,)).fetchone() is not None
            return
        created = _create_private(path)
        try:
            self._open()
        except Exception:
            if created and os.path.exists(path) and os.path.getsize(path) == 0:
                os.unlink(path)  # not left behind as an empty file that looks like a log
            raise

    columns = COLUMNS  # what a record is read from (an older log's, read-only: ``OLDER_COLUMNS``)
    logged = LOGGED  # the moment a record was logged, as the query selects by it
    indexed = True  # whether that moment has its index (a reader of a log no writer has opened since: not)

    def _open(self) -> None:
        self._db = sqlite3.connect(self.path, timeout=self.lock_seconds, isolation_level=None, check_same_thread=False)
        self._into_wal()
        self._db.execute("PRAGMA synchronous=FULL")
        with self._writing():
            for statement in filter(str.strip, SCHEMA.split(";")):
                self._db.execute(statement)
            has = {r[1] for r in self._db.execute("PRAGMA table_info(decision_log)")}
            for column, kind in LATER.items():  # an older log: its records keep NULL there
                if column not in has:
                    self._db.execute(f"ALTER TABLE decision_log ADD COLUMN {column} {kind}")
            self._db.execute(INDEX_LOGGED)
            self._db.execute("INSERT OR IGNORE INTO log_key (id, key) VALUES (1, ?)", (new_key(),))
            self.key = bytes.fromhex(self._db.execute("SELECT key FROM log_key WHERE id = 1").fetchone()[0])

    def _into_wal(self) -> None:
        """``journal_mode=WAL``, waiting up to ``lock_seconds`` for another writer.  A new log is still in
        rollback mode; while another process writes it there (turning it into WAL itself), SQLite answers
        BUSY at once, without its busy handler (whose wait could deadlock), so the waiting is done here."""
        deadline = time.monotonic() + self.lock_seconds
        pause = 0.001
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if sqlite_code(exc) not in SQLITE_BUSY or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def backup(self, target: str) -> None:
        """Copy the whole log (its key and kept Idempotency-Keys too) into the new file ``target``, readable
        by its owner only, with SQLite's online backup: consistent while writers go on, the records still in
        the ``-wal`` file included, and the copy one file (out of WAL mode: a writer opening it puts it back).  A ``target`` that exists is never overwritten (``FileExistsError``)."""
        if not _create_private(target):
            raise FileExistsError(target)
        try:
            with closing(sqlite3.connect(target)) as copy:
                self._db.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, with no -wal or -shm beside it to lose
        except BaseException:
            os.unlink(target)  # not left behind half-written, to be taken for a backup
            raise

    def _reader(self) -> sqlite3.Connection:
        """A connection that never writes: ``mode=ro``; a file on a read-only medium (where not even
        the WAL's index can be made beside it) is read as ``immutable`` -- no one can be writing it."""
        uri = "file:" + pathname2url(os.path.abspath(self.path))
        try:
            db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=self.lock_seconds, check_same_thread=False)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opening is lazy: read once
            return db
        except sqlite3.OperationalError as exc:
            if sqlite_code(exc) not in (14, 8):  # CANTOPEN, READONLY (and kin)
                raise
        db = sqlite3.connect(uri + "?immutable=1", uri=True, check_same_thread=False)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db

    @contextmanager
    def _writing(self, wait: float | None = None) -> Iterator[None]:
        with self._held(wait):
            if wait is None:
                self._db.execute("BEGIN IMMEDIATE")
            else:  # another writer's transaction waited for this long only (the busy timeout, for this BEGIN)
                self._db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                finally:
                    self._db.execute(f"PRAGMA busy_timeout = {int(self.lock_seconds * 1000)}")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _last(self) -> Record | None:
        row = self._db.execute(f"SELECT {self.columns} FROM decision_log ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def _get(self, seq: int) -> Record | None:
        row = self._db.execute(f"SELECT {self.columns} FROM decision_log WHERE seq = ?", (seq,)).fetchone()
        return None if row is None else _record(row)

    def _insert(self, records: list[Record]) -> None:
        self._db.executemany(
            "INSERT INTO decision_log (seq, kind, at, at_utc, role, digest, input, decision, prev, hash, logged_at, token)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.seq, r.kind, r.at, utc(r.at), r.role, r.digest, r.input, r.decision, r.prev, r.hash,
              r.logged_at, r.token) for r in records])

    def _checkpoint(self) -> Checkpoint:
        row = self._db.execute("SELECT seq, hash FROM log_checkpoint WHERE id = 1").fetchone()
        return Checkpoint(0, GENESIS) if row is None else Checkpoint(row[0], row[1])

    def _set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._db.execute("INSERT OR REPLACE INTO log_checkpoint (id, seq, hash) VALUES (1, ?, ?)",
                         (checkpoint.seq, checkpoint.hash))

    def _delete_through(self, seq: int) -> int:
        return self._db.execute("DELETE FROM decision_log WHERE seq <= ?", (seq,)).rowcount

    def _kept(self, token: str, key: str) -> list[Kept]:
        return [Kept(*row) for row in self._db.execute(KEPT.format(m="?"), (token, key))]

    def _keep(self, claims: list[tuple[Claim, int]], logged_at: str) -> None:
        self._db.executemany(f"INSERT INTO idempotency_key ({KEPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [kept_row(claim, seq, logged_at) for claim, seq in claims])

    def _forget_keys(self, before: str) -> None:
        self._db.execute("DELETE FROM idempotency_key WHERE logged_at < ?", (utc(before),))

    def _first_seq_logged_at_or_after(self, moment: str) -> int | None:
        row = self._db.execute(f"SELECT min(seq) FROM decision_log WHERE {self.logged} >= ?", (utc(moment),)).fetchone()
        return row[0]

    def records(self, since: str | None = None, until: str | None = None, after_seq: int | None = None,
                limit: int | None = None, logged: tuple[str | None, str | None] = (None, None)) -> Iterator[Record]:
        where, args = _window(since, until, "?", after_seq, limit, logged, self.logged, self.indexed)
        reader = self._reader() if self.read_only else sqlite3.connect(self.path, timeout=self.lock_seconds)
        try:
            yield from map(_record, reader.execute(f"SELECT {self.columns} FROM decision_log{where}", args))
        finally:
            reader.close()

    def close(self) -> None:
        self._db.close()


def kept_row(claim: Claim, seq: int, logged_at: str) -> tuple:
    """A claim as ``KEPT_COLUMNS`` store it."""
    return (claim.token, claim.key, claim.part, claim.fingerprint, claim.answer, claim.digest, seq, logged_at)


def _create_private(path: str) -> bool:
    """A new log is made readable by its owner only (it keeps the HMAC key); SQLite gives its -wal
    and -shm files the database file's mode.  Whether this made the file."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:  # there already; or a place not writable, which SQLite then names
        return False
    return True


def _window(since: str | None, until: str | None, mark: str, after_seq: int | None = None,
            limit: int | None = None, logged: tuple[str | None, str | None] = (None, None),
            logged_expr: str = LOGGED, indexed: bool = False) -> tuple[str, list[Any]]:
    """The query's tail: its WHERE clause (a decision's moment in [since, until), a moment logged in
    ``logged``'s [since, until) -- ``logged_expr``, an older record's by its ``at`` --, a seq after
    ``after_seq``), the chain's order, and at most ``limit`` rows; with the arguments it takes (``mark``:
    the driver's).  ``indexed``: the logged moment has its index (``LOGGED_INDEX``), and a logged window
    is read through it (``_logged_seqs``)."""
    clauses: list[str] = []
    args: list[Any] = []
    if after_seq is not None:
        clauses.append(f"seq > {mark}")
        args.append(after_seq)
    if since is not None:
        clauses.append(f"at_utc >= {mark}")
        args.append(utc(since))
    if until is not None:
        clauses.append(f"at_utc < {mark}")
        args.append(utc(until))
    logged_clauses: list[str] = []
    logged_args: list[Any] = []
    if logged[0] is not None:
        logged_clauses.append(f"{logged_expr} >= {mark}")
        logged_args.append(utc(logged[0]))
    if logged[1] is not None:
        logged_clauses.append(f"{logged_expr} < {mark}")
        logged_args.append(utc(logged[1]))
    if logged_clauses and indexed:
        seqs, seq_args = _logged_seqs(" AND ".join(logged_clauses), logged_args)
        clauses.append(seqs)
        args += seq_args
    clauses += logged_clauses
    args += logged_args
    tail = (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY seq"
    if limit is not None:
        tail += f" LIMIT {mark}"
        args.append(limit)
    return tail, args


def _logged_seqs(window: str, args: list[Any]) -> tuple[str, list[Any]]:
    """A clause the records logged in ``window`` all meet (their seqs lie between the least and the most
    of theirs: it adds nothing to the answer), found through the logged moment's index (``seq + 0``: not
    min/max's walk along the primary key to the window's first record, which the planners otherwise pick
    and which reads every record before it): a window of a day's records reads its stretch of the chain in
    order, instead of the whole chain (a scan) or the window sorted by seq after the index (nothing
    streamed until it is)."""
    least = f"(SELECT min(seq + 0) FROM decision_log WHERE {window})"
    most = f"(SELECT max(seq + 0) FROM decision_log WHERE {window})"
    return f"seq >= {least} AND seq <= {most}", args + args
