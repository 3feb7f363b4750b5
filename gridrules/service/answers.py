"""What the service answers: JSON bodies, the digest header, errors without a traceback.

Every error body is an ``ErrorDocument``, ``{"error": kind, "message": ..., "problems": [...]}``
(written by ``problem_body``, declared in the API's description by ``errors``); a
malformed request is 4xx naming the field; nothing else (a bug) is a 500 that
says only that it happened -- the traceback goes to the server's log.
"""

from __future__ import annotations

import http
import json
import logging
from dataclasses import dataclass, replace
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from gridrules.catalogue import MESSAGES, t
from gridrules.catalogue.syntax import json_problem
from gridrules.catalogue.validation import error_message
from gridrules.errors import (InputError, Location, LogUnavailable, NotFound, PackBusy, PackError, Problem, ReadOnlyPack,
                             RecordedOtherwise, Refused)
from gridrules.pack.yamlsrc import format_path

from .access import REQUEST_ID, HttpMiddleware
from .auth import Denied

DIGEST_HEADER = "X-Gridrules-Pack-Digest"
JSON = "application/json"
NDJSON = "application/x-ndjson"
BODY_REFUSED = "body_refused"  # in a request's state: its body was answered 413 as it arrived (requests.RequestLimits)
log = logging.getLogger("gridrules.service")


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# a 503's Retry-After: the seconds a client waits before sending the request again (the log or the
# pack is expected back; a client's own back-off may wait longer)
RETRY_AFTER_SECONDS = 5


def retry_after(status: int) -> dict[str, str]:
    """The headers an answer of ``status`` carries to say when to send it again: a 503's ``Retry-After``
    (the API's JSON and the pages' HTML alike), nothing for any other status."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}


def answer(data: Any, digest: str | None = None, status: int = 200) -> Response:
    """A JSON response; ``digest``: the pack it was decided or read from (also in the header); a 503
    says when to try again (``Retry-After``)."""
    body = data if isinstance(data, bytes) else json_bytes(data)
    headers = ({DIGEST_HEADER: digest} if digest else {}) | retry_after(status)
    return Response(body, status_code=status, media_type=JSON, headers=headers or None)


def request_field(field: str) -> str:
    """A problem's field as a request names it: the library names what a person gives on the command
    line by its option (``--within``); a request gives it as a field of the option's name (``within``).
    An endpoint whose fields are named otherwise renames them itself (``temporary.APPROVAL_FIELDS``); a name
    the request gave (``Problem.as_sent``: a query parameter ``--`` or ``--within``) is not renamed."""
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


class ProblemDocument(BaseModel):
    """One thing wrong with a request (``Problem.as_dict``)."""

    model_config = ConfigDict(extra="forbid")
    field: str | None = Field(description="The field as the request names it (date, activities[1], changes.end; "
                                          "a path or query parameter by its name); null when no one field is meant.")
    message: str = Field(description="What is wrong, in Chinese (English with Accept-Language: en), with what was "
                                     "probably meant by its name when it can be guessed, as the command line says it.")
    path: str | None = Field(description="The file it is in: always null for a request (a body is no file).")
    line: int | None = Field(description="The line in the body (a batch's line, or a JSON body over several lines).")
    col: int | None = Field(description="The column in that line.")
    hint: str | None = Field(description="What was probably meant (an id or a code), when it can be guessed.")
    recorded: Any = Field(None, description="409 conflict: the field's value as recorded (as JSON holds it; only "
                                            "on a conflict's problems).")
    sent: Any = Field(None, description="409 conflict: the field's value as this request (or the application it "
                                        "decides) gives it.")


@dataclass(frozen=True)
class ErrorCode:
    """One condition the service answers as an error: its HTTP status, what it means (the API's
    description and the README's table say it so), and whether a batch's answer line may carry it."""

    status: int | None  # None: a batch's answer line only (its request answered 200)
    meaning: str
    line: bool = False


# Every error the service answers, declared once: the ErrorDocument's ``error`` (an enum), the
# BatchErrorLine's (those with ``line``), each operation's error responses (``errors``) and the
# README's table of codes (``codes_table``) are derived from it; ``problem_body`` answers no other.
# the longest address (path and query, %XX-escaped as sent) the service reads (``requests.RequestLimits``): a
# longer one is a client's bug (a list sent as parameters), answered 414 with the error document.  The server
# reads request heads (the address and the headers) of up to MOST_HEAD (``run.serve``), so that such an address
# reaches the service; a longer head is answered by uvicorn itself.
MOST_TARGET = 16 * 1024
MOST_HEAD = 1024 * 1024

ERROR_CODES: dict[str, ErrorCode] = {
    "not_json": ErrorCode(400, "The body is not JSON (the problem at its line and column), or NDJSON sent to a "
                               "single decision's endpoint (told the batch endpoint)."),
    "bad_request": ErrorCode(400, "A request the web framework could not read (a malformed form body)."),
    "not_utf8": ErrorCode(400, "The body is not UTF-8 text (or not text in the charset its Content-Type declares, "
                               "naming it): the problem names the byte (its line and column), and says so when it "
                               "reads as GBK."),
    "unauthorized": ErrorCode(401, "No valid token: roles_needed names the roles that may call."),
    "forbidden": ErrorCode(403, "The token's role may not call, or not for this unit (a batch's line so: "
                                "forbidden): roles_needed names who may.", line=True),
    "not_found": ErrorCode(404, "What the path (or the query) names does not exist, the problem naming the "
                                "parameter; or no such endpoint."),
    "no_log": ErrorCode(404, "The service runs without a decision log (--log off): there is none to read."),
    "method_not_allowed": ErrorCode(405, "The path does not take this method (the Allow header lists those it takes)."),
    "refused": ErrorCode(409, "Refused by the policy (a review's blocking findings, the town's capacity, an item "
                              "withdrawn): written false, findings (and the review) say why; nothing was written."),
    "conflict": ErrorCode(409, "Conflicts with what is recorded: an application id taken by another application, "
                               "an application decided already, a decision other than the one recorded under its "
                               "reference, an Idempotency-Key used for another request; each problem names a field "
                               "that differs (recorded, sent), or the header."),
    "read_only_pack": ErrorCode(409, "The pack may not be changed (the bundled pack): nothing was written."),
    "invalid_pack": ErrorCode(409, "The pack on disk does not load (a hand edit gone wrong): its problems at their "
                                   "file:line:col; nothing was decided or written."),
    "too_large": ErrorCode(413, "The body is over the configured size limit (max_body_bytes)."),
    "batch_too_long": ErrorCode(413, "The batch has more lines than the configured limit (max_batch_lines)."),
    "uri_too_long": ErrorCode(414, f"The request's address (path and query) is over {MOST_TARGET // 1024} KB: the "
                                   f"problem names the query. A request's head over {MOST_HEAD // 1024 // 1024} MB "
                                   "never reaches the service: the server answers a plain-text 400."),
    "unsupported_media_type": ErrorCode(415, "The body is not JSON's (or NDJSON's) media type, or declares a charset "
                                             "the service does not know: the problem names Content-Type."),
    "invalid_input": ErrorCode(422, "A field or parameter is invalid, missing or unknown, each problem naming it "
                                    "(a batch's bad line so too).", line=True),
    "internal_error": ErrorCode(500, "A bug: the details are in the server's log, never in the answer.", line=True),
    "pack_busy": ErrorCode(503, "The pack is being written by another decision: nothing was decided; send it again "
                                "after Retry-After seconds."),
    "log_unavailable": ErrorCode(503, "The decision log cannot be written: nothing was decided or logged; send it "
                                      "again after Retry-After seconds (a batch's line so: send that line again).",
                                 line=True),
    "timeout": ErrorCode(None, "A batch's line only: the batch's time ran out, this line and the rest were not "
                              "decided.", line=True),
}
# the web framework's refusals (starlette's HTTPException: no route, another method, a form it cannot parse)
FRAMEWORK_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
ErrorCodeName = Literal[tuple(code for code, found in ERROR_CODES.items() if found.status is not None)]  # type: ignore[valid-type]
LineErrorCodeName = Literal[tuple(code for code, found in ERROR_CODES.items() if found.line)]  # type: ignore[valid-type]


def codes_table() -> str:
    """The README's table of error codes (a test holds the README to it)."""
    rows = [f"| `{code}` | {found.status or '(a batch line)'} | {found.meaning} |"
            for code, found in ERROR_CODES.items()]
    return "\n".join(["| error | HTTP status | meaning |", "|---|---|---|", *rows])


class BatchErrorLine(BaseModel):
    """A batch's answer line for an input line that was not decided (``decide.error_line``): bad
    input, a line the token may not decide, a decision the log could not hold, the batch's time up."""

    model_config = ConfigDict(extra="forbid")
    line: int = Field(description="The input line it answers (counted from 1, blank lines included).")
    error: LineErrorCodeName = Field(  # type: ignore[valid-type]
        description="invalid_input, forbidden, log_unavailable (not logged: send it again), timeout (this line and "
                    "the rest were not decided), internal_error.")
    problems: list[ProblemDocument] = Field(description="What is wrong, each at its line (and column, when known).")


class ErrorDocument(BaseModel):
    """Every error the service answers (4xx, 5xx): one code for the condition, a message, and its problems,
    each naming its field; a refusal, a missing role, say more in the fields after them."""

    model_config = ConfigDict(extra="forbid")
    error: ErrorCodeName = Field(  # type: ignore[valid-type]
        description="One code for one condition (the README's table of error codes).")
    message: str = Field(description="What happened, in Chinese (English with Accept-Language: en).")
    problems: list[ProblemDocument] = Field(description="Each thing wrong, naming its field (at most 100, the last "
                                                        "saying how many more); empty when no field is at fault.")
    roles_needed: list[str] | None = Field(None, description="401, 403: the roles that may call (or act here).")
    written: bool | None = Field(None, description="409 refused or conflict: false, nothing was written.")
    findings: list[dict[str, Any]] | None = Field(None, description="409 refused: the review's findings behind it.")
    review: dict[str, Any] | None = Field(None, description="409 refused: the application's review, when one was made.")


def problem_body(error: str, message: str, problems: list[Problem] | None = None, **extra: Any) -> dict:
    """An ``ErrorDocument`` as it is answered (``extra``: its optional fields given, such as ``roles_needed``)."""
    problems = problems or []
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], Problem(t("http.more_problems", count=len(problems) - MAX_PROBLEMS))]
    shown = [p if p.as_sent else replace(p, field=request_field(p.field)) for p in problems]
    document = ErrorDocument.model_validate({"error": error, "message": message,
                                             "problems": [p.as_dict() for p in shown]} | extra)
    return document.model_dump(mode="json", exclude_unset=True)


READING = (401, 403)  # every endpoint behind a token (with 422 and 500: ``errors``)
SENDING = (400, 413, 415)  # every endpoint reading a body


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route gives besides its own (each an ``ErrorDocument``): ``statuses``, and
    414 (an address too long), 422 (an unknown query parameter, on every route) and 500 -- for FastAPI's
    ``responses``."""
    return {status: {"model": ErrorDocument, "description": status_meaning(status)}
            for status in sorted({*statuses, 414, 422, 500})}


def status_meaning(status: int) -> str:
    """What an error status means, as the API's description says it: each code it is answered with (``ERROR_CODES``)."""
    return " ".join(f"{code}: {found.meaning}" for code, found in ERROR_CODES.items() if found.status == status)


class BadRequest(Exception):
    """A request the service cannot read: wrong media type, not JSON, too large, too long."""

    def __init__(self, status: int, error: str, message: str, field: str = "", line: int = 0, col: int = 0,
                 problem: str = ""):
        super().__init__(message)
        self.status, self.error, self.message, self.field = status, error, message, field
        self.line, self.col = line, col  # where in the body, when known (a body is no file: no path)
        self.problem = problem or message  # the problem's own words (the message, unless said apart)

    def problems(self) -> list[Problem]:
        """Its problem, at the field (and the body's line and column) when one is named."""
        where = Location("", self.line, self.col) if self.line else None
        return [Problem(self.problem, where, self.field)] if self.field else []


class DigestHeader(HttpMiddleware):
    """Every answer of a request that used a pack names its digest -- errors (a 422 naming an
    unknown code, a 409 refusal) as well as decisions."""

    HEADER = DIGEST_HEADER.lower().encode("latin-1")

    async def http(self, scope: dict, receive: Any, send: Any) -> None:
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
        found = answer(problem_body(exc.error, exc.message, roles_needed=list(exc.needed)), status=exc.status)
        found.headers.update(headers or {})
        return found

    @app.exception_handler(BadRequest)
    async def bad_request(_r: Request, exc: BadRequest) -> Response:
        return answer(problem_body(exc.error, exc.message, exc.problems()), status=exc.status)

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
        return answer(problem_body("refused", exc.message + (t("refuse.override_http") if exc.overridable else ""),
                                   written=False, findings=[f.model_dump(mode="json") for f in exc.findings],
                                   review=exc.review.model_dump(mode="json") if exc.review else None), status=409)

    @app.exception_handler(RecordedOtherwise)
    async def recorded_otherwise(_r: Request, exc: RecordedOtherwise) -> Response:
        # not the policy's refusal: a conflict with what is recorded, each field that differs a problem
        return answer(problem_body("conflict", exc.message, exc.differences, written=False), status=409)

    @app.exception_handler(ReadOnlyPack)
    async def read_only(_r: Request, exc: ReadOnlyPack) -> Response:
        return answer(problem_body("read_only_pack", str(exc)), status=409)

    @app.exception_handler(PackBusy)
    async def busy(_r: Request, exc: PackBusy) -> Response:
        return answer(problem_body("pack_busy", str(exc)), status=503)

    @app.exception_handler(LogUnavailable)
    async def log_unavailable(request: Request, exc: LogUnavailable) -> Response:
        # the database's own words (its host and port, a path) are the server's to read, not a client's
        log.warning("decision log unavailable on %s %s (request %s): %s", request.method, request.url.path,
                    REQUEST_ID.get(), exc)
        # a read (the log's head, its export) decided nothing: its message says the log could not be read
        said = t("http.log_unreadable") if request.method in ("GET", "HEAD") else t("http.log_unavailable")
        return answer(problem_body("log_unavailable", said), status=503)

    @app.exception_handler(PackError)
    async def pack_error(_r: Request, exc: PackError) -> Response:
        return answer(problem_body(exc.code, exc.heading, exc.problems), status=409)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_r: Request, exc: StarletteHTTPException) -> Response:
        # the framework's own refusals, each as its declared code (ERROR_CODES); a status none is declared with is a bug
        kind = FRAMEWORK_CODES.get(exc.status_code)
        if kind is None:
            log.error("undeclared HTTP error %s on %s %s (request %s): %s", exc.status_code, _r.method, _r.url.path,
                      REQUEST_ID.get(), exc.detail)
            return answer(problem_body("internal_error", t("http.internal")), status=500)
        generic = exc.detail in (None, "", http.HTTPStatus(exc.status_code).phrase)  # starlette's own words
        message = t(f"http.{kind}") if generic and f"http.{kind}" in MESSAGES else str(exc.detail)
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
        log.warning("client went away before its request was read: %s %s (request %s)", request.method,
                    request.url.path, REQUEST_ID.get())
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # the request's id is on the answer (X-Request-Id): the client quotes it, the operator finds this by it
        log.exception("unexpected error on %s %s (request %s)", request.method, request.url.path, REQUEST_ID.get())
        return answer(problem_body("internal_error", t("http.internal")), status=500)


__all__ = ["BODY_REFUSED", "BadRequest", "DIGEST_HEADER", "ErrorDocument", "JSON", "NDJSON", "READING", "SENDING",
           "answer", "errors", "install", "json_bytes", "problem_body", "retry_after"]
