"""A log from a URL: ``sqlite:///relative/path``, ``sqlite:////absolute/path`` (three slashes, then the
path, as SQLAlchemy writes it), a plain path, or ``postgresql://…``."""

from __future__ import annotations

import os
from datetime import tzinfo

from pathlib import Path

from gridrules.catalogue import t
from gridrules.contract.base import moment_option
from gridrules.errors import InputError, Problem

from .store import LogStore

DEFAULT_NAME = "decisions.sqlite"  # the default log: this file next to the pack


def default_url(pack_dir: str | Path) -> str:
    return f"sqlite:///{Path(pack_dir).resolve().parent / DEFAULT_NAME}"


def open_log(url: str) -> LogStore:
    """Open (creating when new) the log at ``url``; a bad URL is an InputError naming ``log``."""
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresLog
        try:
            return PostgresLog(url)
        except Exception as exc:  # psycopg.OperationalError and friends: say where, not a traceback
            reason = " ".join(str(exc).split())  # the driver's words (an admin's to read), on one line
            raise InputError([Problem(t("log.cannot_connect", error=reason), field="log")]) from exc
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url
    if "://" in path:
        raise InputError([Problem(t("log.bad_url", url=url), field="log")])
    from .sqlite import SqliteLog
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):  # what sqlite would only call "unable to open database file"
        raise InputError([Problem(t("log.no_folder", path=path, folder=folder), field="log")])
    try:
        return SqliteLog(path)
    except Exception as exc:  # sqlite3.OperationalError: an unreadable or missing directory
        raise InputError([Problem(_sqlite_problem(path, exc), field="log")]) from exc


# SQLite's result codes for what a person can put right (``sqlite3.Error.sqlite_errorcode``)
_SQLITE_WORDS = {26: "log.not_a_database",  # SQLITE_NOTADB
                 14: "log.cannot_write_here", 8: "log.cannot_write_here", 3: "log.cannot_write_here"}  # CANTOPEN, READONLY, PERM


def _sqlite_problem(path: str, exc: Exception) -> str:
    """Why the log at ``path`` cannot be opened, in words a clerk can act on where SQLite's code says
    (its own English otherwise)."""
    key = _SQLITE_WORDS.get(getattr(exc, "sqlite_errorcode", None) or 0)
    return t(key, path=path) if key else t("log.cannot_open", path=path, error=exc)


def window(since: str | None, until: str | None, tz: tzinfo | None = None) -> tuple[str | None, str | None]:
    """``--since``/``--until`` (or ``?since=``/``?until=``) as ISO moments; InputError naming the field.
    ``tz``: the pack's offset, when there is a pack: a date then means 00:00 of that day there, as ``--at`` does."""
    start, end = moment_option(since, "since", tz), moment_option(until, "until", tz)
    return (None if start is None else start.isoformat()), (None if end is None else end.isoformat())
