"""The decision-log backends the tests run against: SQLite in a temporary file, and a real
PostgreSQL server (GRIDRULES_TEST_POSTGRES, else the local server .ci/run starts), each test
in a schema of its own.  PostgreSQL tests skip, saying why, only when no server answers."""

from __future__ import annotations

import os
import threading
import time
import uuid
from urllib.parse import quote

import pytest

POSTGRES_ENV = "GRIDRULES_TEST_POSTGRES"
LOCAL_POSTGRES = "postgresql://gridrules:gridrules@127.0.0.1:5432/gridrules_test"
BACKENDS = ["sqlite", "postgres"]


def postgres_base() -> str:
    url = os.environ.get(POSTGRES_ENV, LOCAL_POSTGRES)
    try:
        import psycopg
        with psycopg.connect(url, connect_timeout=3):
            pass
    except Exception as exc:  # no server here: skip, naming what was tried
        pytest.skip(f"no PostgreSQL server at {url} ({exc.__class__.__name__}: {exc}); "
                    f"set {POSTGRES_ENV} or run .ci/run, which installs and starts one")
    return url


def postgres_url() -> str:
    """A fresh schema on the test server, as a URL whose connections use it."""
    import psycopg
    base = postgres_base()
    schema = "t" + uuid.uuid4().hex[:16]
    with psycopg.connect(base, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"


def log_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'decisions.sqlite'}"
    return postgres_url()


def raw(url: str, sql: str, args: tuple = ()) -> None:
    """Change the stored log behind the store's back (a tamperer with database access)."""
    if url.startswith("sqlite:///"):
        import sqlite3
        db = sqlite3.connect(url[len("sqlite:///"):])
        with db:
            db.execute(sql, args)
        db.close()
    else:
        import psycopg
        with psycopg.connect(url, autocommit=True) as pg:
            pg.execute(sql.replace("?", "%s"), args)


def end_sessions(url: str, *, pid: int | None = None, name: str | None = None) -> int:
    """End the server's sessions with backend ``pid`` or application name ``name`` (never the
    asking one), as a PostgreSQL restart or an idle timeout would; how many were ended."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as admin:
        return len(admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                                 " (pid = %s OR application_name = %s) AND pid <> pg_backend_pid()",
                                 (pid, name)).fetchall())


class SilentHost:
    """A PostgreSQL address whose host takes the connection and never says a word (a host that drops
    packets, a server hung before its greeting): bound and listening, accepting nothing.  Closed, the
    connections waiting on it are reset."""

    def __init__(self) -> None:
        import socket
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.socket.getsockname()[1]

    def url(self, query: str = "") -> str:
        return f"postgresql://gridrules:gridrules@127.0.0.1:{self.port}/gridrules_test" + (f"?{query}" if query else "")

    def __enter__(self) -> "SilentHost":
        return self

    def __exit__(self, *exc: object) -> None:
        self.socket.close()


def within(call, bound: float, release=None) -> tuple[float, BaseException | None]:
    """``call()`` in a thread: how long it took and what it raised; a failure when it is not done within
    ``bound`` seconds (a test of a hang must not hang), after ``release()`` let it end (what it waits on
    freed), so that nothing of it runs on into the test's cleanup."""
    import threading
    import time
    said: list = []

    def run() -> None:
        began = time.monotonic()
        try:
            call()
            said.append((time.monotonic() - began, None))
        except BaseException as exc:  # noqa: BLE001 - what it raised is the answer
            said.append((time.monotonic() - began, exc))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(bound)
    if not said and release is not None:
        release()
        worker.join(30)
    assert said and said[0][0] < bound, f"still waiting after {bound} s"
    return said[0]


class Forwarder:
    """A TCP relay to the test's PostgreSQL server, which the test can take down and bring back on the
    same port: the log's database unreachable as when PostgreSQL stops (connection refused), without
    stopping the server that other tests share."""

    def __init__(self, host: str, port: int, listen: str = "127.0.0.1"):
        from servicekit import free_port
        self.target, self.port, self.listen = (host, port), free_port(), listen
        self.open: list = []
        self.start()

    def start(self) -> None:
        import socket
        self.listener = socket.create_server((self.listen, self.port))
        self.listener.settimeout(0.1)
        self.running, self.silent = True, False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        while self.running:
            if self.silent:  # connections wait in the listener's queue, answered by no one
                time.sleep(0.05)
                continue
            try:
                client, _ = self.listener.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()
        self.listener.close()

    @staticmethod
    def _pump(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.close()
            except OSError:
                pass

    def silence(self) -> None:
        """Silent, as a host that drops packets: every connection through it is cut, and a new one is
        taken (the port still listens) but never answered."""
        self.silent = True
        self._cut()

    def resume(self) -> None:
        self.silent = False

    def stop(self) -> None:
        """Down: nothing listens on the port; every connection through it is cut."""
        self.running = False
        self.listener.close()
        self._cut()

    def _cut(self) -> None:
        import socket
        for s in self.open:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open = []
        time.sleep(0.3)  # the accepting thread sees it is down


def through(url: str, port: int, host: str = "127.0.0.1") -> str:
    """``url`` with its host and port replaced by ``host`` and ``port`` (a relay's)."""
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}:{port}"))


# the log as versions before records carried ``logged_at`` and ``token`` wrote it: their table, and each
# record's hash over [seq, kind, at, role, digest, input, decision, prev] (written out here, not the
# code's, so that a change to the code cannot change what an older log is)
OLDER_TABLES = [
    """CREATE TABLE decision_log (
    seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, at_utc TEXT NOT NULL,
    role TEXT NOT NULL, digest TEXT NOT NULL, input TEXT NOT NULL, decision TEXT NOT NULL,
    prev TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE)""",
    "CREATE INDEX decision_log_at ON decision_log (at_utc)",
    "CREATE TABLE log_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL)",
    "CREATE TABLE log_key (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL)",
]


def older_log(url: str, entries: list[tuple[str, str, str, dict, dict]]) -> list[str]:
    """A log at ``url`` written as an older version wrote one: ``entries`` (kind, at, role, input,
    decision) chained from the start; their hashes."""
    import hashlib
    import json
    from datetime import datetime, timezone

    def text(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    for statement in OLDER_TABLES:
        raw(url, statement)
    raw(url, "INSERT INTO log_key (id, key) VALUES (1, ?)", ("ab" * 32,))
    prev, hashes = "0" * 64, []
    for seq, (kind, at, role, input_, decision) in enumerate(entries, start=1):
        digest = "sha256:" + "a" * 64
        body = text([seq, kind, at, role, digest, text(input_), text(decision), prev])
        own = hashlib.sha256(body.encode("utf-8")).hexdigest()
        at_utc = datetime.fromisoformat(at).astimezone(timezone.utc).isoformat(timespec="microseconds")
        raw(url, "INSERT INTO decision_log (seq, kind, at, at_utc, role, digest, input, decision, prev, hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, kind, at, at_utc, role, digest, text(input_), text(decision), prev, own))
        prev = own
        hashes.append(own)
    return hashes
