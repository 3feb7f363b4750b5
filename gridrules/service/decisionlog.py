"""The decision log for auditors: its head (to publish), a verification, an export."""

from __future__ import annotations

import json
from typing import Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.log.open import window
from gridrules.log.group import GroupCommit

from .answers import NDJSON, READING, BadRequest, answer, errors
from .live import Snapshot
from .requests import caller, snapshot
from .tokens import Principal

router = APIRouter(prefix="/v1/log", tags=["decision log"], responses=errors(*READING, 404, 503))  # 404: --log off
AUDITORS = ("auditor", "secretariat")
WINDOW = ("Only the records decided {which} this moment: ISO 8601 with its offset, or a date (00:00 that day "
          "in the served pack's district time, as `gridrules log export --pack` reads it).")


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


@router.get("/export", summary="The records as NDJSON, in chain order")
async def export(_who: Principal = Depends(caller(*AUDITORS)), log: GroupCommit = Depends(the_log),
                 since: str | None = Query(None, description=WINDOW.format(which="at or after")),
                 until: str | None = Query(None, description=WINDOW.format(which="before")),
                 snap: Snapshot = Depends(snapshot)) -> StreamingResponse:
    start, end = window(since, until, snap.pack.tz)  # a date: 00:00 that day in the served pack's district

    def lines() -> Iterator[bytes]:
        for record in log.store.records(start, end):
            yield (json.dumps(record.as_dict(), ensure_ascii=False) + "\n").encode("utf-8")

    return StreamingResponse(lines(), media_type=NDJSON)
