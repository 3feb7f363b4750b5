"""A log from a URL: ``sqlite:///relative/path``, ``sqlite:////absolute/path`` (three slashes, then the
path, as SQLAlchemy writes it), a plain path, or ``postgresql://…``."""

from __future__ import annotations

import os
from datetime import tzinfo

from pathlib import Path

from gridrules.catalogue import t
from gridrules.contract.base import moment_option
from gridrules.errors import InputError, LogUnavailable, Problem

from .store import SQLITE_BUSY, SQLITE_OUTAGES, LogStore, NotALog, first_line, sqlite_code

DEFAULT_NAME = "decisions.sqlite"  # the default log: this file next to the pack


def default_url(pack_dir: str | Path) -> str:
    return f"sqlite:///{Path(pack_dir).resolve().parent / DEFAULT_NAME}"


def shown_url(url: str) -> str:
    """``url`` as it may be shown (a startup line, a server's log): a PostgreSQL URL without its password
    (``postgresql://gridrules@host:5432/db``, a ``password=`` parameter left out too); others as given."""
    if not url.startswith(("postgresql://", "postgres://")):
        return url
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def open_log(url: str, read_only: bool = False) -> LogStore:
    """Open the log at ``url``: a writer's (``read_only`` false) creates it when new; a reader's never
    creates nor writes it (a missing log is refused naming it; a read-only file is read).  A bad URL
    is an InputError naming ``log``; a log locked past the timeout is ``LogUnavailable`` (an outage)."""
    if not url.strip():  # an unset variable ($LOG_URL): never a private temporary database
        raise InputError([Problem(t("log.blank"), field="log")])
    if url.startswith(("postgresql://", "postgres://")):
        return _open_postgres(url, read_only)
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    if "://" in path:
        raise InputError([Problem(t("log.bad_url", url=url), field="log")])
    from .sqlite import SqliteLog
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InputError([Problem(t("log.is_folder", path=path), field="log")])
    if not os.path.isdir(folder):  # what sqlite would only call "unable to open database file"
        raise InputError([Problem(t("log.no_folder", path=path, folder=folder), field="log")])
    if read_only and not os.path.exists(path):
        raise InputError([Problem(t("log.no_such_log", path=path), field="log")])
    try:
        return SqliteLog(path, read_only=read_only)
    except NotALog:
        raise InputError([Problem(t("log.not_a_database", path=path), field="log")]) from None
    except Exception as exc:  # sqlite3.OperationalError: an unreadable or missing directory
        code = sqlite_code(exc)
        if code in SQLITE_BUSY:
            raise LogUnavailable(t("log.busy", path=path)) from exc
        if code in SQLITE_OUTAGES:  # a full disk, an I/O error: the place is right, the log unavailable now
            raise LogUnavailable(t("log.unavailable", error=first_line(exc))) from exc
        raise InputError([Problem(_sqlite_problem(path, exc, read_only), field="log")]) from exc


def _open_postgres(url: str, read_only: bool) -> LogStore:
    from .postgres import PostgresLog
    try:
        return PostgresLog(url, read_only=read_only)
    except NotALog:
        raise InputError([Problem(t("log.no_tables"), field="log")]) from None
    except Exception as exc:  # psycopg.OperationalError and friends: say where, not a traceback
        if getattr(exc, "sqlstate", None) == "55P03":  # lock_timeout: another writer holds the log
            raise LogUnavailable(t("log.busy_db")) from exc
        reason = " ".join(str(exc).split())  # the driver's words (an admin's to read), on one line
        if not _refused_by_server(reason):  # nothing answered (refused, timed out): an outage, not bad input
            raise LogUnavailable(t("log.unreachable", error=reason)) from exc
        raise InputError([Problem(t("log.cannot_connect", error=reason), field="log")]) from exc


def _refused_by_server(reason: str) -> bool:
    """Whether a failed connection's ``reason`` (libpq's) says the URL is wrong rather than the server
    away: the server answered and refused (``FATAL:`` -- a wrong password, no such database or role) or
    the host's name does not resolve.  Otherwise no server answered (connection refused, a timeout):
    the log's database is unreachable now."""
    return "FATAL:" in reason or "failed to resolve host" in reason or "could not translate host name" in reason


# SQLite's primary result codes for what a person can put right (``store.sqlite_code``)
_SQLITE_WORDS = {26: "log.not_a_database",  # SQLITE_NOTADB
                 14: "log.cannot_write_here", 8: "log.cannot_write_here", 3: "log.cannot_write_here"}  # CANTOPEN, READONLY, PERM


def _sqlite_problem(path: str, exc: Exception, read_only: bool = False) -> str:
    """Why the log at ``path`` cannot be opened, in words a clerk can act on where SQLite's code says
    (its own English otherwise)."""
    key = _SQLITE_WORDS.get(sqlite_code(exc))  # by the primary code: SQLITE_READONLY_DIRECTORY is READONLY
    if read_only and key == "log.cannot_write_here":
        key = "log.cannot_read_here"
    return t(key, path=path) if key else t("log.cannot_open", path=path, error=exc)


def window(since: str | None, until: str | None, tz: tzinfo | None = None,
           names: tuple[str, str] = ("since", "until")) -> tuple[str | None, str | None]:
    """``--since``/``--until`` (or ``?since=``/``?until=``; ``names``: the pair's, ``logged_since``…) as
    ISO moments; InputError naming the field (since, when it is later than until: both named).
    ``tz``: the pack's offset, when there is a pack: a date then means 00:00 of that day there, as ``--at`` does."""
    start, end = moment_option(since, names[0], tz), moment_option(until, names[1], tz)
    if start is not None and end is not None and start > end:  # an empty answer would hide the mistake
        raise InputError(Problem(t("log.window_reversed", since=since, until=until, since_name=names[0],
                                   until_name=names[1]), field=names[0]))
    return (None if start is None else start.isoformat()), (None if end is None else end.isoformat())
