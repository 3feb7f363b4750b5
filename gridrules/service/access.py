"""The access log: one line per request on the server's stderr, and the request's id on its answer.

Each request gets an id: the one a reverse proxy sent in ``X-Request-Id`` (nginx's ``$request_id``),
when it is a plain token of at most 128 letters, digits, ``.``, ``_`` and ``-``; else a new one.  The
answer carries it back in ``X-Request-Id`` (a 500 too: the client quotes it, the operator finds the
traceback by it), and every line the service logs while answering it names it (``REQUEST_ID``).

A line is one JSON object (``ACCESS_FIELDS``, in that order), so a log shipper reads it as it is:

    {"at": "2026-12-02T21:48:22.120+00:00", "request_id": "3f2a…", "worker": 4242, "client": "127.0.0.1",
     "method": "POST", "path": "/v1/tasks/check", "status": 200, "bytes": 757, "ms": 12.4}

Never the query, a header or a body: a token, a resident's name or a title may be in them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import Any

HEADER = "X-Request-Id"
ACCESS_FIELDS = ("at", "request_id", "worker", "client", "method", "path", "status", "bytes", "ms")
REQUEST_ID: ContextVar[str | None] = ContextVar("gridrules_request_id", default=None)
_GIVEN = re.compile(r"[A-Za-z0-9._-]{1,128}")

log = logging.getLogger("gridrules.access")

# the logging configuration ``gridrules serve`` gives uvicorn (which applies it in every worker): its own,
# and the access lines as they are written, on stderr
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(message)s"}},
    "handlers": {"access": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}},
    "loggers": {"gridrules.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
}


def request_id(headers: list[tuple[bytes, bytes]]) -> str:
    """The proxy's id for the request when it is a plain token, else a new one."""
    given = dict(headers).get(HEADER.lower().encode(), b"").decode("latin-1").strip()
    return given if _GIVEN.fullmatch(given) else uuid.uuid4().hex


class HttpMiddleware:
    """An ASGI middleware for HTTP requests (``http``); anything else (the lifespan) passes through."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: dict, receive: Any, send: Any) -> None:
        raise NotImplementedError


class AccessLog(HttpMiddleware):
    """Outermost: names the request, says its id on the answer and logs its line when it is answered
    (or ends without an answer: status 0)."""

    async def http(self, scope: dict, receive: Any, send: Any) -> None:
        rid = request_id(scope["headers"])
        token = REQUEST_ID.set(rid)
        start, status, size = time.monotonic(), 0, 0

        async def answered(message: dict) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER.lower().encode(), rid.encode())]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, answered)
        finally:
            REQUEST_ID.reset(token)
            client = scope.get("client")
            log.info("%s", json.dumps(dict(zip(ACCESS_FIELDS, (
                datetime.now(timezone.utc).isoformat(timespec="milliseconds"), rid, os.getpid(),
                client[0] if client else None, scope["method"], scope["path"], status, size,
                round((time.monotonic() - start) * 1000, 1)))), ensure_ascii=False))
