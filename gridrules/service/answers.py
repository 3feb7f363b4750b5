"""What the service answers: JSON bodies, the digest header, errors without a traceback.

Every error body is ``{"error": kind, "message": ..., "problems": [...]}``; a
malformed request is 4xx naming the field; nothing else (a bug) is a 500 that
says only that it happened -- the traceback goes to the server's log.
"""

from __future__ import annotations

import http
import json
import logging
from dataclasses import replace
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from gridrules.catalogue import t
from gridrules.catalogue.syntax import json_problem
from gridrules.catalogue.validation import error_message
from gridrules.errors import InputError, Location, LogUnavailable, NotFound, PackBusy, PackError, Problem, ReadOnlyPack, Refused
from gridrules.pack.yamlsrc import format_path

from .auth import Denied

DIGEST_HEADER = "X-Gridrules-Pack-Digest"
JSON = "application/json"
NDJSON = "application/x-ndjson"
BODY_REFUSED = "body_refused"  # in a request's state: its body was answered 413 as it arrived (requests.RequestLimits)
log = logging.getLogger("gridrules.service")


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def answer(data: Any, digest: str | None = None, status: int = 200) -> Response:
    """A JSON response; ``digest``: the pack it was decided or read from (also in the header)."""
    body = data if isinstance(data, bytes) else json_bytes(data)
    headers = {DIGEST_HEADER: digest} if digest else None
    return Response(body, status_code=status, media_type=JSON, headers=headers)


def request_field(field: str) -> str:
    """A problem's field as a request names it: the library names what a person gives on the command
    line by its option (``--within``); a request gives it as a field of the option's name (``within``).
    An endpoint whose fields are named otherwise renames them itself (``temporary.APPROVAL_FIELDS``)."""
    return field.removeprefix("--").replace("-", "_") if field.startswith("--") else field


def _parameter(err: dict) -> Problem:
    """One of FastAPI's complaints about a request's parameters, as the documents' are said
    (a missing field, an unknown one, the rest in the catalogue's words), the field named as the
    request names it (``at``, not ``query.at``)."""
    loc = tuple(err.get("loc", ()))
    return body_problem({**err, "loc": loc[1:] if loc and loc[0] in ("body", "query", "path") else loc})


def body_problem(err: dict) -> Problem:
    """One of pydantic's complaints about a request's body (``requests.body_as``), said as
    ``_parameter`` says them; the field named as a document's are (``activities[0]``, ``changes.end``)."""
    loc = tuple(err.get("loc", ()))
    field = format_path(loc)
    kind = err.get("type")
    if kind == "missing":
        return Problem(t("input.missing"), field=field)
    if kind == "extra_forbidden":
        return Problem(t("input.unknown_field", name=loc[-1] if loc else "?"), field=field)
    return Problem(error_message(err, str(err.get("msg", "invalid")).removeprefix("Value error, ")), field=field)


MAX_PROBLEMS = 100  # listed in one answer: a body of 50,000 unknown fields is not answered with 5 MB


def problem_body(error: str, message: str, problems: list[Problem] | None = None, **extra: Any) -> dict:
    problems = problems or []
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], Problem(t("http.more_problems", count=len(problems) - MAX_PROBLEMS))]
    shown = [replace(p, field=request_field(p.field)) for p in problems]
    return {"error": error, "message": message, "problems": [p.as_dict() for p in shown]} | extra


class BadRequest(Exception):
    """A request the service cannot read: wrong media type, not JSON, too large, too long."""

    def __init__(self, status: int, error: str, message: str, field: str = "", line: int = 0, col: int = 0):
        super().__init__(message)
        self.status, self.error, self.message, self.field = status, error, message, field
        self.line, self.col = line, col  # where in the body, when known (a body is no file: no path)


class DigestHeader:
    """Every answer of a request that used a pack names its digest -- errors (a 422 naming an
    unknown code, a 409 refusal) as well as decisions."""

    HEADER = DIGEST_HEADER.lower().encode("latin-1")

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                digest = scope.get("state", {}).get("digest")
                headers = list(message.get("headers", []))
                if digest and all(name.lower() != self.HEADER for name, _ in headers):
                    message = message | {"headers": [*headers, (self.HEADER, digest.encode("latin-1"))]}
            await send(message)

        await self.app(scope, receive, sending)


def install(app: FastAPI) -> None:
    """Map every error to its answer; the last handler keeps tracebacks out of responses."""
    app.add_middleware(DigestHeader)

    @app.exception_handler(Denied)
    async def denied(_r: Request, exc: Denied) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return Response(json_bytes(exc.as_dict()), exc.status, media_type=JSON, headers=headers)

    @app.exception_handler(BadRequest)
    async def bad_request(_r: Request, exc: BadRequest) -> Response:
        where = Location("", exc.line, exc.col) if exc.line else None
        problems = [Problem(exc.message, where, exc.field)] if exc.field else []
        return answer(problem_body(exc.error, exc.message, problems), status=exc.status)

    @app.exception_handler(InputError)
    async def bad_input(_r: Request, exc: InputError) -> Response:
        return answer(problem_body(exc.code, exc.heading, exc.problems), status=422)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        # what the path names (an item's code): its problems name the path's parameter, not the CLI's argument
        names = list(request.path_params)
        problems = [replace(p, field=names[0]) for p in exc.problems] if len(names) == 1 else exc.problems
        return answer(problem_body(exc.code, exc.heading, problems), status=404)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(_r: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        broken = next((e for e in errors if e.get("type") == "json_invalid"), None)
        if broken is not None:  # a body that is not JSON: as ``requests.json_body`` answers it
            reason = t("json.not_valid", error=json_problem(str((broken.get("ctx") or {}).get("error", ""))))
            return answer(problem_body("not_json", t("http.not_json", error=reason)), status=400)
        return answer(problem_body(InputError.code, t("title.invalid input"), [_parameter(e) for e in errors]),
                      status=422)

    @app.exception_handler(Refused)
    async def refused(_r: Request, exc: Refused) -> Response:
        return answer({"written": False, "error": "refused",
                       "message": exc.message + (t("refuse.override_http") if exc.overridable else ""), "problems": [],
                       "findings": [f.model_dump(mode="json") for f in exc.findings],
                       "review": exc.review.model_dump(mode="json") if exc.review else None}, status=409)

    @app.exception_handler(ReadOnlyPack)
    async def read_only(_r: Request, exc: ReadOnlyPack) -> Response:
        return answer(problem_body("read_only_pack", str(exc)), status=409)

    @app.exception_handler(PackBusy)
    async def busy(_r: Request, exc: PackBusy) -> Response:
        return answer(problem_body("pack_busy", str(exc)), status=503)

    @app.exception_handler(LogUnavailable)
    async def log_unavailable(_r: Request, exc: LogUnavailable) -> Response:
        return answer(problem_body("log_unavailable", str(exc)), status=503)

    @app.exception_handler(PackError)
    async def pack_error(_r: Request, exc: PackError) -> Response:
        return answer(problem_body(exc.code, exc.heading, exc.problems), status=409)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_r: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        generic = exc.detail in (None, "", http.HTTPStatus(exc.status_code).phrase)  # starlette's own words
        message = t(f"http.{kind}") if generic and kind != "http_error" else str(exc.detail)
        found = answer(problem_body(kind, message), status=exc.status_code)
        found.headers.update(exc.headers or {})  # a 405's Allow: the methods the path takes
        return found

    @app.exception_handler(ClientDisconnect)
    async def gone(request: Request, _exc: ClientDisconnect) -> Response:
        if getattr(request.state, BODY_REFUSED, False):
            # the body went over the limit as it arrived and was answered 413 (``RequestLimits``), which
            # ended its reading as a disconnect does: a request refused, like any other, is not logged
            return Response(status_code=413)
        # no bug and no one to answer: one line in the log, no traceback (nothing was decided)
        log.warning("client went away before its request was read: %s %s", request.method, request.url.path)
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return answer(problem_body("internal_error", t("http.internal")), status=500)


__all__ = ["BODY_REFUSED", "BadRequest", "DIGEST_HEADER", "JSON", "NDJSON", "answer", "install", "json_bytes",
           "problem_body"]
