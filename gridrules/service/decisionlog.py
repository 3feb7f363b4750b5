"""The decision log for auditors: its head (to publish), a verification, an export."""

from __future__ import annotations

from typing import Any, Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.log.export import EXPORT_MOST, LEAST_AFTER_SEQ, LEAST_LIMIT, exported, page
from gridrules.log.group import GroupCommit

from .answers import NDJSON, READING, BadRequest, answer, errors
from .live import Snapshot
from .requests import caller, ndjson_answer, snapshot
from .tokens import Principal

router = APIRouter(prefix="/v1/log", tags=["decision log"], responses=errors(*READING, 404, 503))  # 404: --log off
AUDITORS = ("auditor", "secretariat")


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
          "empty) is the end of the log for now.")


class LogRecord(BaseModel):
    """One record of the decision log (``Record.as_dict``): one line of ``/v1/log/export``."""

    model_config = ConfigDict(extra="forbid")
    seq: int = Field(description="Its place in the chain: 1, 2, 3, ... with no gap (a pruned log starts later).")
    kind: str = Field(description="task or event.")
    at: str = Field(description="The moment it was decided (ISO 8601 with the district's offset).")
    role: str = Field(description="The role of the token that asked (department:minzheng, dispatch, ...).")
    digest: str = Field(description="The pack that decided it.")
    input: dict[str, Any] = Field(description="The input it was decided on (its personal details left out).")
    decision: dict[str, Any] = Field(description="The decision, as it was answered.")
    prev: str = Field(description="The previous record's hash.")
    hash: str = Field(description="This record's hash (SHA-256, hex), over its fields and prev.")


@router.get("/export", summary="The records as NDJSON, in chain order", description=PAGING,
            response_class=StreamingResponse, responses=ndjson_answer("One LogRecord per line, in seq order.", LogRecord))
async def export(_who: Principal = Depends(caller(*AUDITORS)), log: GroupCommit = Depends(the_log),
                 since: str | None = None, until: str | None = None,  # (described by the catalogue: api.?since …)
                 after_seq: int | None = Query(None, ge=LEAST_AFTER_SEQ),
                 limit: int | None = Query(None, ge=LEAST_LIMIT, le=EXPORT_MOST),
                 snap: Snapshot = Depends(snapshot)) -> StreamingResponse:
    asked = page(since, until, after_seq, limit, snap.pack.tz)  # a date: 00:00 that day in the served pack's district

    def lines() -> Iterator[bytes]:
        for line in exported(log.store, asked):
            yield line.encode("utf-8")

    return StreamingResponse(lines(), media_type=NDJSON)
