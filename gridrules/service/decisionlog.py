"""The decision log for auditors: its head (to publish), a verification, an export."""

from __future__ import annotations

import itertools
import logging
from typing import Any, Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.errors import LogUnavailable
from gridrules.log.export import (EXPORT_MOST, LEAST_AFTER_SEQ, LEAST_LIMIT, MOST_AFTER_SEQ, Stopped, exported, page,
                                   seq_of, stopped)
from gridrules.log.group import GroupCommit

from .answers import NDJSON, READING, BadRequest, answer, errors
from .live import Snapshot
from .requests import caller, ndjson_answer, snapshot
from .tokens import Principal

router = APIRouter(prefix="/v1/log", tags=["decision log"], responses=errors(*READING, 404, 503))  # 404: --log off
AUDITORS = ("auditor", "secretariat")
log = logging.getLogger("gridrules.service")


def the_log(request: Request) -> GroupCommit:
    log = request.app.state.service.log
    if log is None:
        raise BadRequest(404, "no_log", t("http.no_log"))
    return log


@router.get("/head", summary="The latest record's hash, to publish")
async def head(_who: Principal = Depends(caller(*AUDITORS)), log: GroupCommit = Depends(the_log)) -> Response:
    latest = await run_in_threadpool(log.store.head)
    return answer({"seq": latest.seq, "hash": latest.hash, "records": latest.records})


@router.get("/verify", summary="Check every record's hash and link; name the first break")
async def verify(_who: Principal = Depends(caller(*AUDITORS)), log: GroupCommit = Depends(the_log)) -> Response:
    count, broken = await run_in_threadpool(log.store.verify)
    return answer({"valid": broken is None, "records": count,
                   "broken": None if broken is None else {"seq": broken.seq, "reason": broken.reason}})


PAGING = (f"In seq order; at most `limit` records (at most {EXPORT_MOST:,}) when it is given, every record from "
          "`after_seq` on (streamed) when not: a log is never cut short unasked. To pull incrementally, keep "
          "the last seq received and ask again with `after_seq` set to it: a page shorter than `limit` (or "
          "empty) is the end of the log for now. `since`/`until` select by a record's `at` (the moment its "
          "decision was made as of), `logged_since`/`logged_until` by its `logged_at` (when it was written; a "
          "record written before records said so, by its `at`). The first records are read before the status "
          "is sent: the log's database unreachable then is a 503 `log_unavailable`. Unreachable later, the "
          "stream ends with an `ExportStopped` line (`stopped`: true, `error`, `message`, `after_seq`: the last "
          "seq sent) instead of a record: ask again from there.")


class LogRecord(BaseModel):
    """One record of the decision log (``Record.as_dict``): one line of ``/v1/log/export``."""

    model_config = ConfigDict(extra="forbid")
    seq: int = Field(description="Its place in the chain: 1, 2, 3, ... with no gap (a pruned log starts later).")
    kind: str = Field(description="task or event.")
    at: str = Field(description="The moment the decision was made as of (ISO 8601 with its offset): a task's "
                                "`at` (the request's ?at=, or the moment it was asked), an event's reported_at. "
                                "Not when it was logged: see logged_at.")
    logged_at: str | None = Field(description="The wall-clock moment the record was written (UTC, ISO 8601): what "
                                              "`gridrules log prune --before` goes by. Null in a record written "
                                              "before records carried it (then pruned and selected by `at`).")
    role: str = Field(description="The role of the token that asked (department:minzheng, dispatch, ...).")
    token: str | None = Field(description="The id of the token that asked, as `gridrules token list` shows it "
                                          "(tok-…; never the token): null from the command line, or in a record "
                                          "written before records carried it.")
    digest: str = Field(description="The pack that decided it.")
    input: dict[str, Any] = Field(description="The input it was decided on (its personal details left out).")
    decision: dict[str, Any] = Field(description="The decision, as it was answered.")
    prev: str = Field(description="The previous record's hash.")
    hash: str = Field(description="This record's hash (SHA-256, hex), over its fields and prev.")


class ExportStopped(Stopped):
    """The last line of an export that stopped part way (its status already sent)."""


@router.get("/export", summary="The records as NDJSON, in chain order", description=PAGING,
            response_class=StreamingResponse,
            responses=ndjson_answer("One LogRecord per line, in seq order; an export that stopped part way ends "
                                    "with an ExportStopped line.", LogRecord, ExportStopped))
async def export(_who: Principal = Depends(caller(*AUDITORS)), decisions: GroupCommit = Depends(the_log),
                 since: str | None = None, until: str | None = None,  # (described by the catalogue: api.?since …)
                 logged_since: str | None = None, logged_until: str | None = None,
                 after_seq: int | None = Query(None, ge=LEAST_AFTER_SEQ, le=MOST_AFTER_SEQ),
                 limit: int | None = Query(None, ge=LEAST_LIMIT, le=EXPORT_MOST),
                 snap: Snapshot = Depends(snapshot)) -> StreamingResponse:
    asked = page(since, until, after_seq, limit, snap.pack.tz,  # a date: 00:00 that day in the served pack's district
                 logged_since, logged_until)
    body = lines(exported(decisions.store, asked), asked.after_seq)
    first = await run_in_threadpool(next, body, None)  # the log unreachable now: LogUnavailable, a 503
    return StreamingResponse(body if first is None else itertools.chain([first], body), media_type=NDJSON)


def lines(records: Iterator[str], after_seq: int | None) -> Iterator[bytes]:
    """The export's lines as bytes.  A failure before the first line is raised (the answer is then a
    503, or a 500); after it, the status is sent: the stream ends with a ``Stopped`` line saying why and
    the last seq sent, and the cause goes to the server's log."""
    sent = False
    last = after_seq
    try:
        for line in records:
            yield line.encode("utf-8")
            sent, last = True, seq_of(line)
    except LogUnavailable as exc:
        if not sent:
            raise
        log.warning("the decision log failed during an export after seq %s: %s", last, exc)
        yield stopped("log_unavailable", last).encode("utf-8")
    except Exception:
        if not sent:
            raise
        log.exception("an export failed after seq %s", last)
        yield stopped("internal_error", last).encode("utf-8")
