"""The decision log in PostgreSQL (psycopg 3), for several services sharing one log.

Each append takes a transaction-scoped advisory lock before reading the head, so
writers on any number of hosts append one after another; ``prev`` is UNIQUE, so a
fork is refused by the database itself.  Commits are synchronous (the server's
``synchronous_commit``, on by default, is forced on for this session).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict

from .keys import Claim, Kept
from .records import GENESIS, Record, utc
from .sqlite import (COLUMNS, INDEX_LOGGED, KEPT, KEPT_COLUMNS, LATER, LOGGED, LOGGED_INDEX, OLDER_COLUMNS, _window,
                     kept_row)
from .store import Checkpoint, LogStore, NotALog, new_key

T = TypeVar("T")
# how long connecting may take (libpq's connect_timeout, seconds) unless the URL says
# (``?connect_timeout=N``) or the environment does (PGCONNECT_TIMEOUT): without it psycopg waits
# 130 s for a host that drops packets, and a decision, or a health check, waits with it
CONNECT_SECONDS = 5
# an open connection whose host goes silent (a network partition: packets dropped, nothing answered,
# not even a reset) is given up by the kernel only after its retransmissions (15 or more minutes), and a
# decision's append waits with it; libpq's TCP settings bound that, each unless the URL sets its own:
# data sent and not acknowledged within TCP_USER_SECONDS ends the connection (a statement sent into the
# partition), and keepalives find an idle connection's silent host within KEEPALIVE_IDLE_SECONDS +
# KEEPALIVE_INTERVAL_SECONDS x KEEPALIVE_COUNT (the next use then reconnects at once, before BEGIN).
# An advisory lock waited for (lock_timeout) is the server's answer pending, not data unacknowledged.
TCP_USER_SECONDS = 10
KEEPALIVE_IDLE_SECONDS = 10
KEEPALIVE_INTERVAL_SECONDS = 5
KEEPALIVE_COUNT = 3
LOCK_KEY = 0x67726964  # "grid": the advisory lock every appender takes
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS decision_log (
    seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, at_utc TEXT NOT NULL,
    role TEXT NOT NULL, digest TEXT NOT NULL, input TEXT NOT NULL, decision TEXT NOT NULL,
    prev TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE, logged_at TEXT, token TEXT)""",
    "CREATE INDEX IF NOT EXISTS decision_log_at ON decision_log (at_utc)",
    """CREATE TABLE IF NOT EXISTS log_checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS log_key (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS idempotency_key (
    token TEXT NOT NULL, key TEXT NOT NULL, part INTEGER NOT NULL, fingerprint TEXT NOT NULL,
    answer TEXT NOT NULL, digest TEXT NOT NULL, seq BIGINT NOT NULL, logged_at TEXT NOT NULL,
    PRIMARY KEY (token, key, part))""",
]


def _record(row: Any) -> Record:
    return Record(*row)


def bounds() -> dict[str, int]:
    """libpq's parameters that bound a silent host: connecting, and an open connection's waits."""
    return {"connect_timeout": CONNECT_SECONDS, "keepalives": 1, "keepalives_idle": KEEPALIVE_IDLE_SECONDS,
            "keepalives_interval": KEEPALIVE_INTERVAL_SECONDS, "keepalives_count": KEEPALIVE_COUNT,
            "tcp_user_timeout": TCP_USER_SECONDS * 1000}


def connect(url: str, **options: Any) -> psycopg.Connection:
    """A connection to the log's database with ``bounds()``: each one the URL does not set (nor, for
    connect_timeout, PGCONNECT_TIMEOUT) -- an operator's setting is theirs."""
    given = conninfo_to_dict(url)
    for name, value in bounds().items():
        if name not in given and name not in options and not (name == "connect_timeout" and "PGCONNECT_TIMEOUT" in os.environ):
            options[name] = value
    return psycopg.connect(url, **options)


class PostgresLog(LogStore):
    """A server restart or an idle timeout drops the connection: the next use finds it broken
    before anything is sent (at BEGIN, or a read) and connects afresh, once; a connection lost
    inside an append rolls that append back (``LogUnavailable``), and the next one reconnects."""

    unavailable = (psycopg.OperationalError, psycopg.InterfaceError)
    columns = COLUMNS  # what a record is read from (an older log's, read-only: ``OLDER_COLUMNS``)
    logged = LOGGED  # the moment a record was logged, as the query selects by it
    indexed = True  # whether that moment has its index (a reader of a log no writer has opened since: not)

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self._lock = threading.Lock()
        self._db = self._connect()
        if read_only:  # a reader: the log's tables must be there already (never made, never written)
            tables = self._one("SELECT to_regclass('decision_log') IS NOT NULL, to_regclass('log_key') IS NOT NULL")
            if not tables[0]:
                self._db.close()
                raise NotALog(url)
            row = self._one("SELECT key FROM log_key WHERE id = 1") if tables[1] else None
            self.key = bytes.fromhex(row[0]) if row else b""
            has = self._has()
            self.columns, self.logged = (COLUMNS, LOGGED) if set(LATER) <= has else (OLDER_COLUMNS, "at_utc")
            self.indexed = self._index_made()
            return
        with self._writing():
            for statement in SCHEMA:
                self._db.execute(statement)
            has = self._has()
            for column, kind in LATER.items():  # an older log's table: its records keep NULL there
                if column not in has:
                    self._db.execute(f"ALTER TABLE decision_log ADD COLUMN {column} {kind}")
            if not self._index_made():  # a log written before: indexed now, and its planner told what is there
                self._db.execute(INDEX_LOGGED)
                self._db.execute("ANALYZE decision_log")
            self._db.execute("INSERT INTO log_key (id, key) VALUES (1, %s) ON CONFLICT (id) DO NOTHING", (new_key(),))
            self.key = bytes.fromhex(self._one("SELECT key FROM log_key WHERE id = 1")[0])

    def _has(self) -> set[str]:
        """The decision_log table's columns."""
        return {r[0] for r in self._db.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass('decision_log') AND attnum > 0"
            " AND NOT attisdropped").fetchall()}

    def _index_made(self) -> bool:
        """Whether the logged moment's index is there (``LOGGED_INDEX``)."""
        return self._one("SELECT to_regclass(%s) IS NOT NULL", (LOGGED_INDEX,))[0]

    def _connect(self) -> psycopg.Connection:
        db = connect(self.url, autocommit=True)
        db.execute("SET synchronous_commit = on")
        if self.read_only:
            db.execute("SET default_transaction_read_only = on")
        return db

    def _reconnect(self) -> None:
        self._db.close()
        self._db = self._connect()

    def _live(self) -> None:
        if self._db.closed or self._db.broken:
            self._reconnect()

    @contextmanager
    def _writing(self, wait: float | None = None) -> Iterator[None]:
        seconds = self.lock_seconds if wait is None else wait
        with self._held(wait):
            self._live()
            begun = False
            for retry in (False, True):
                try:
                    with self._db.transaction():
                        begun = True  # set once BEGIN went through: from here a failure is the append's
                        # bounded as SQLite's busy timeout is: a lock held too long is an outage (55P03)
                        self._db.execute(f"SET LOCAL lock_timeout = '{int(seconds * 1000)}ms'")
                        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                        yield
                    return
                except self.unavailable:
                    if begun or retry:
                        raise
                    self._reconnect()  # dropped while idle: BEGIN never reached the server

    def _read(self, read: Callable[[], T]) -> T:
        self._live()
        try:
            return read()
        except self.unavailable:  # dropped while idle: a read is safe to make again
            self._reconnect()
            return read()

    def _one(self, sql: str, args: tuple = ()) -> Any:
        return self._db.execute(sql, args).fetchone()

    def _last(self) -> Record | None:
        row = self._one(f"SELECT {self.columns} FROM decision_log ORDER BY seq DESC LIMIT 1")
        return None if row is None else _record(row)

    def _get(self, seq: int) -> Record | None:
        row = self._one(f"SELECT {self.columns} FROM decision_log WHERE seq = %s", (seq,))
        return None if row is None else _record(row)

    def _insert(self, records: list[Record]) -> None:
        # COPY: one round trip for a whole group, in the append's transaction (a refused row refuses all)
        with self._db.cursor() as cur, cur.copy(
                "COPY decision_log (seq, kind, at, at_utc, role, digest, input, decision, prev, hash, logged_at, token)"
                " FROM STDIN") as copy:
            for r in records:
                copy.write_row((r.seq, r.kind, r.at, utc(r.at), r.role, r.digest, r.input, r.decision, r.prev, r.hash,
                                r.logged_at, r.token))

    def _checkpoint(self) -> Checkpoint:
        row = self._one("SELECT seq, hash FROM log_checkpoint WHERE id = 1")
        return Checkpoint(0, GENESIS) if row is None else Checkpoint(row[0], row[1])

    def _set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._db.execute("INSERT INTO log_checkpoint (id, seq, hash) VALUES (1, %s, %s)"
                         " ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
                         (checkpoint.seq, checkpoint.hash))

    def _delete_through(self, seq: int) -> int:
        return self._db.execute("DELETE FROM decision_log WHERE seq <= %s", (seq,)).rowcount

    def _kept(self, token: str, key: str) -> list[Kept]:
        return [Kept(*row) for row in self._db.execute(KEPT.format(m="%s"), (token, key)).fetchall()]

    def _keep(self, claims: list[tuple[Claim, int]], logged_at: str) -> None:
        with self._db.cursor() as cur:
            cur.executemany(f"INSERT INTO idempotency_key ({KEPT_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                            [kept_row(claim, seq, logged_at) for claim, seq in claims])

    def _forget_keys(self, before: str) -> None:
        self._db.execute("DELETE FROM idempotency_key WHERE logged_at < %s", (utc(before),))

    def _first_seq_logged_at_or_after(self, moment: str) -> int | None:
        return self._one(f"SELECT min(seq) FROM decision_log WHERE {self.logged} >= %s", (utc(moment),))[0]

    def records(self, since: str | None = None, until: str | None = None, after_seq: int | None = None,
                limit: int | None = None, logged: tuple[str | None, str | None] = (None, None)) -> Iterator[Record]:
        where, args = _window(since, until, "%s", after_seq, limit, logged, self.logged, self.indexed)
        with connect(self.url) as reader, reader.cursor(name="log_records") as cur:
            if self.read_only:
                reader.execute("SET TRANSACTION READ ONLY")
            cur.itersize = 2000
            cur.execute(f"SELECT {self.columns} FROM decision_log{where}", args)
            yield from map(_record, cur)

    def close(self) -> None:
        self._db.close()
