"""Exporting the decision log: its records as JSON Lines, in chain order, a window of moments and a
page by seq -- the one home of ``gridrules log export`` and the service's ``/v1/log/export``.

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

from gridrules.errors import InputError, model_problems

from .open import window
from .store import LogStore

EXPORT_MOST = 100_000  # a page's most records, whatever the limit asks (without one the export streams every record)
LEAST_AFTER_SEQ = 0  # after seq 0: from the first record
LEAST_LIMIT = 1


class Page(BaseModel):
    """Which records an export answers: a window of moments ([since, until), ISO, as ``window`` reads
    them) and a page by seq."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    since: str | None = None
    until: str | None = None
    after_seq: int | None = Field(None, ge=LEAST_AFTER_SEQ)
    limit: int | None = Field(None, ge=LEAST_LIMIT, le=EXPORT_MOST)


# the options a person gives them by (``--after-seq``); a request names them as fields (``after_seq``)
OPTIONS = {"after_seq": "--after-seq", "limit": "--limit"}


def page(since: str | None, until: str | None, after_seq: int | None = None, limit: int | None = None,
         tz: tzinfo | None = None) -> Page:
    """The page asked for, read and checked: InputError naming each field out of bounds (``--limit``,
    ``--after-seq``) and a window whose since is after its until.  ``tz``: the district's offset a
    bare date is read in (``window``)."""
    try:
        paging = Page(after_seq=after_seq, limit=limit)
    except ValidationError as exc:
        raise InputError(model_problems(exc, describe=lambda path: OPTIONS.get(str(path[0]), str(path[0])))) from None
    start, end = window(since, until, tz)
    return paging.model_copy(update={"since": start, "until": end})


def exported(log: LogStore, asked: Page) -> Iterator[str]:
    """The page's records, each a JSON line (``Record.as_dict``, with its newline)."""
    for record in log.records(asked.since, asked.until, after_seq=asked.after_seq, limit=asked.limit):
        yield json.dumps(record.as_dict(), ensure_ascii=False) + "\n"
