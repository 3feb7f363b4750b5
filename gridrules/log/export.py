"""Exporting the decision log: its records as JSON Lines, in chain order, a window of moments and a
page by seq -- the one home of ``gridrules log export`` and the service's ``/v1/log/export``.

Two windows, each [since, until): ``since``/``until`` by a record's ``at`` (the moment its decision
was made as of: a task's ``?at=``/``--at``, an event's ``reported_at``), ``logged_since``/``logged_until``
by its ``logged_at`` (the wall-clock moment it was written; a record written before records said so
is selected by its ``at``).  An incremental pull wants the second, or ``after_seq``.

A page is the records after ``after_seq`` (exclusive: the last seq a reader received), at most
``limit`` of them (at most ``EXPORT_MOST``); without ``limit``, every record from there on.  To pull
incrementally, keep the last seq received and ask again after it: a page shorter than ``limit`` (or
empty) is the end of the log for now, and every record is on one page only.
"""

from __future__ import annotations

import json
from datetime import tzinfo
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gridrules.catalogue import t
from gridrules.errors import InputError, model_problems

from .open import window
from .store import LogStore

EXPORT_MOST = 100_000  # a page's most records, whatever the limit asks (without one the export streams every record)
LEAST_AFTER_SEQ = 0  # after seq 0: from the first record
LEAST_LIMIT = 1
# a seq is a signed 64-bit integer in either store (SQLite's INTEGER, PostgreSQL's BIGINT): no record is after
# this one, and a larger number cannot even be compared with a seq (SQLite cannot bind it)
MOST_AFTER_SEQ = 2**63 - 1


class Page(BaseModel):
    """Which records an export answers: a window of moments ([since, until), ISO, as ``window`` reads
    them) and a page by seq."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    since: str | None = None
    until: str | None = None
    logged_since: str | None = None
    logged_until: str | None = None
    after_seq: int | None = Field(None, ge=LEAST_AFTER_SEQ, le=MOST_AFTER_SEQ)
    limit: int | None = Field(None, ge=LEAST_LIMIT, le=EXPORT_MOST)


# the options a person gives them by (``--after-seq``); a request names them as fields (``after_seq``)
OPTIONS = {"after_seq": "--after-seq", "limit": "--limit"}
LOGGED_WINDOW = ("logged_since", "logged_until")


def page(since: str | None, until: str | None, after_seq: int | None = None, limit: int | None = None,
         tz: tzinfo | None = None, logged_since: str | None = None, logged_until: str | None = None) -> Page:
    """The page asked for, read and checked: InputError naming each field out of bounds (``--limit``,
    ``--after-seq``) and a window whose since is after its until.  ``tz``: the district's offset a
    bare date is read in (``window``)."""
    try:
        paging = Page(after_seq=after_seq, limit=limit)
    except ValidationError as exc:
        raise InputError(model_problems(exc, describe=lambda path: OPTIONS.get(str(path[0]), str(path[0])))) from None
    start, end = window(since, until, tz)
    logged_start, logged_end = window(logged_since, logged_until, tz, LOGGED_WINDOW)
    return paging.model_copy(update={"since": start, "until": end, "logged_since": logged_start,
                                     "logged_until": logged_end})


def exported(log: LogStore, asked: Page) -> Iterator[str]:
    """The page's records, each a JSON line (``Record.as_dict``, with its newline); the log's database
    unreachable, on the first read or a later one, is ``LogUnavailable`` (``stopped`` says so on a
    stream whose status is sent)."""
    records = log.records(asked.since, asked.until, after_seq=asked.after_seq, limit=asked.limit,
                          logged=(asked.logged_since, asked.logged_until))
    for record in log.readable(records):
        yield json.dumps(record.as_dict(), ensure_ascii=False) + "\n"


def seq_of(line: str) -> int:
    """The seq of an exported line (``exported``'s)."""
    return int(json.loads(line)["seq"])


class Stopped(BaseModel):
    """The last line of an export that stopped part way, once its status was sent (it can no longer be
    a 503): what stopped it (``log_unavailable``: the log's database could not be read; ``internal_error``),
    the catalogue's message, and the seq of the last record sent before it -- ask again with
    ``after_seq`` set to it for the rest.  A line without ``seq``: never a record."""

    model_config = ConfigDict(extra="forbid")
    error: str = Field(description="log_unavailable (the log's database could not be read: ask again later) or "
                                   "internal_error.")
    message: str = Field(description="What happened and what to do, in the catalogue's words.")
    after_seq: int | None = Field(description="The last seq sent before the export stopped (null: none); ask "
                                              "again with after_seq set to it for the rest.")
    stopped: bool = Field(True, description="Always true: this line ends an export that did not finish.")


def stopped(error: str, after_seq: int | None) -> str:
    """The line that ends an export stopped part way (``Stopped``), with its newline."""
    key = "log.export_stopped" if error == "log_unavailable" else "log.export_failed"
    said = Stopped(error=error, message=t(key, seq=after_seq if after_seq is not None else 0), after_seq=after_seq)
    return json.dumps(said.model_dump(mode="json"), ensure_ascii=False) + "\n"
