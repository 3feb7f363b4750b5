"""Reading a request: JSON only (NDJSON for batches), never more than the limits allow."""

from __future__ import annotations

import codecs
import json
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from types import UnionType
from typing import Annotated, Any, Awaitable, Callable, TypeVar, Union, get_args, get_origin
from urllib.parse import unquote_to_bytes

from fastapi import Request, Security
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import LANGS, language, set_language, t
from gridrules.catalogue.humane import value_kind
from gridrules.errors import InputError, Problem, suggest
from gridrules.pack.jsonline import JSONLineError, parse_json_line
from gridrules.pack.yamlsrc import not_utf8, not_utf8_at, without_bom

from .access import HttpMiddleware
from .answers import BODY_REFUSED, JSON, MOST_TARGET, NDJSON, BadRequest, body_problem, json_bytes, problem_body
from .auth import bearer, principal_of
from .config import Limits
from .live import Snapshot
from .tokens import Principal

M = TypeVar("M", bound=BaseModel)
NDJSON_TYPES = (NDJSON, "application/jsonl", "application/json-lines")
BODY_TYPES = (JSON, *NDJSON_TYPES)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")  # pages' forms, on their paths only


class RequestLimits(HttpMiddleware):
    """Before any endpoint reads a request: an address no longer than ``MOST_TARGET``; a body of JSON (or
    NDJSON) only, in a charset Python knows, and never more than ``max_body_bytes`` -- for the bodies
    FastAPI parses into models as much as for those the service reads itself."""

    async def http(self, scope: dict, receive: Any, send: Any) -> None:
        form_paths = getattr(scope["app"].state, "form_paths", ())
        page = scope["path"].startswith(tuple(form_paths))  # a page's form: answered as a page
        answer_page = getattr(scope["app"].state, "refused_page", None) if page else None
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if target > MOST_TARGET:
            await _refuse(send, BadRequest(414, "uri_too_long", t("http.uri_too_long", size=_megabytes(target),
                                                                    most=_megabytes(MOST_TARGET)), "query"), answer_page)
            return
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        limits = scope["app"].state.service.config().limits
        media = headers.get(b"content-type", b"").split(b";")[0].strip().decode("latin-1").lower()
        declared = headers.get(b"content-length", b"")
        refusal = None
        allowed = BODY_TYPES + FORM_TYPES if page else BODY_TYPES
        # a page's file upload (the dashboard's records) may be larger than an API body
        most = limits.max_upload_bytes if page and media == "multipart/form-data" else limits.max_body_bytes
        too_large = "http.upload_too_large" if page else "http.too_large"
        types = sum(1 for name, _ in scope["headers"] if name == b"content-type")
        if types > 1:  # which one the body is: a guess (and dict() above kept the last, the endpoint the first)
            refusal = BadRequest(415, "unsupported_media_type", t("http.repeated_header", header="Content-Type",
                                                                   count=types), "Content-Type")
        elif media not in allowed:
            refusal = BadRequest(415, "unsupported_media_type",
                                 t("http.media_type", types=t("http.media_or").join((JSON, NDJSON))), "Content-Type")
        elif declared.isdigit() and int(declared) > most:
            refusal = BadRequest(413, "too_large", t(too_large, most=_megabytes(most)))
        elif media in BODY_TYPES:  # JSON's charset (a page's form has its own: ``pages.forms``)
            try:
                body_charset(headers.get(b"content-type", b"").decode("latin-1"))
            except BadRequest as unknown:
                refusal = unknown
        if refusal is not None:
            await _refuse(send, refusal, answer_page)
            return
        seen, refused = 0, False
        state = scope.setdefault("state", {})  # request.state: the one dict, whatever copies of the scope are made

        async def counted() -> dict:
            """The body as it arrives; past the limit, answer 413 and tell the app the client left
            (its ``ClientDisconnect`` then finds ``BODY_REFUSED`` in the request's state: no one left)."""
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > most:
                if not refused:
                    refused = True
                    state[BODY_REFUSED] = True
                    await _refuse(send, BadRequest(413, "too_large", t(too_large, most=_megabytes(most))), answer_page)
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: dict) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)


def asked_language(header: str) -> str | None:
    """The language an ``Accept-Language`` header prefers among ours (zh, en), or None: the
    highest ``q`` wins, the first of equals; ``en-US`` is en, ``zh-CN`` zh, other tags are passed over."""
    best: tuple[float, str] | None = None
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or q > best[0]):
            best = (q, primary)
    return best[1] if best else None


class RequestLanguage:
    """The language of a request's answer: the server's, unless the API request's
    ``Accept-Language`` prefers English or Chinese (the pages speak the server's language).
    The catalogue's language is a context variable, so it holds for this request only."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(tuple(getattr(scope["app"].state, "form_paths", ()))):
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1")
        asked = asked_language(header) if header else None
        if asked is None:
            await self.app(scope, receive, send)
            return
        before = language()
        set_language(asked)
        try:
            await self.app(scope, receive, send)
        finally:
            set_language(before)


def _megabytes(size: int) -> str:
    """A limit as people read one: 4 MB, 64 MB (2048 字节 below a megabyte)."""
    return f"{size / 1024 / 1024:g} MB" if size >= 1024 * 1024 else t("http.bytes", n=size)


async def _refuse(send: Any, refusal: BadRequest, page: Callable[[str], str] | None = None) -> None:
    """The refusal before any endpoint ran: a problem document, or for a page's form the pages' own
    page saying it (``page``: a browser shows a JSON answer as raw text)."""
    if page is not None:
        body, media = page(refusal.message).encode(), b"text/html; charset=utf-8"
    else:
        body, media = json_bytes(problem_body(refusal.error, refusal.message, refusal.problems())), JSON.encode()
    await send({"type": "http.response.start", "status": refusal.status,
                "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def limits(request: Request) -> Limits:
    return request.app.state.service.config().limits


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def body_charset(content_type: str) -> str:
    """The charset a JSON (or NDJSON) body is read in: the one its ``Content-Type`` declares
    (``application/json; charset=gbk``: a dispatch system on a Chinese Windows office machine sends
    GBK or GB18030), by Python's name for it, else UTF-8 (JSON's own, RFC 8259).  One Python does not
    know as a text encoding is 415 naming it -- never read as UTF-8 and garbled into a decision."""
    declared = [value.strip().strip('"').strip() for name, _, value in
                (param.partition("=") for param in content_type.split(";")[1:]) if name.strip().lower() == "charset"]
    if len(declared) > 1:  # which one the body is in would be a guess
        raise BadRequest(415, "unsupported_media_type", t("http.two_charsets", charsets="、".join(declared)),
                         "Content-Type")
    if not declared:
        return "utf-8"
    try:
        "{".encode(declared[0])  # a text encoding (not base64, not rot13); an empty one short-cuts the check
        return codecs.lookup(declared[0]).name
    except (LookupError, UnicodeError, ValueError):
        raise BadRequest(415, "unsupported_media_type", t("http.unknown_charset", charset=declared[0]),
                         "Content-Type") from None


def _declared(request: Request) -> str:
    return body_charset(request.headers.get("content-type", ""))


async def read_body(request: Request, media_types: tuple[str, ...]) -> bytes:
    """The body, if it has one of ``media_types`` (415 otherwise); ``RequestLimits`` bounds its size.
    A byte order mark at its very start is no character (Windows tools write one), as in a file."""
    if _media_type(request) not in media_types:
        raise BadRequest(415, "unsupported_media_type",
                         t("http.media_type", types=t("http.media_or").join(media_types)), "Content-Type")
    return without_bom(await request.body())


def _text(body: bytes, charset: str = "utf-8") -> str:
    """The body as text, in ``charset`` (``body_charset``), a byte order mark at its start dropped."""
    try:
        text = body.decode(charset)
    except UnicodeDecodeError as exc:  # said as a batch's line is (the byte, GBK told so), at its line and column
        said = _not_text(body, exc, charset)
        line, col = not_utf8_at(body, exc)
        raise BadRequest(400, "not_utf8", t("http.not_utf8", problem=said), "body", line, col, said) from None
    return text if charset == "utf-8" else text.removeprefix("\ufeff")  # UTF-16LE's mark (UTF-8's: ``without_bom``)


def _not_text(data: bytes, exc: UnicodeDecodeError, charset: str) -> str:
    """Why ``data`` is not text in ``charset``: for UTF-8, as a file's bytes are said (the byte, GBK told
    so); for a charset the body declared, that it is not in it, at which byte."""
    return not_utf8(data, exc) if charset == "utf-8" else t("http.not_charset", charset=charset, byte=exc.start + 1)


# the models request bodies (``request_schema``) and NDJSON answers' lines (``ndjson_answer``) are
# documented by: /openapi.json holds their schemas
BODY_MODELS: dict[str, type[BaseModel]] = {}


def request_schema(model: type[BaseModel], media: str = JSON) -> dict:
    """An OpenAPI request body documented from ``model`` (the service validates it itself, so that
    messages name fields and codes exactly as the CLI does); the model is listed in ``BODY_MODELS``."""
    BODY_MODELS[model.__name__] = model
    return {"requestBody": {"required": True, "content": {media: {"schema": {
        "$ref": f"#/components/schemas/{model.__name__}"}}}}}


def ndjson_answer(description: str, *models: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """A 200 answered as NDJSON, for FastAPI's ``responses`` (the route's ``response_class`` a
    ``StreamingResponse``, so that no JSON answer is declared besides): the schema is one line's,
    one of ``models`` (listed in ``BODY_MODELS``, so /openapi.json holds them)."""
    for model in models:
        BODY_MODELS[model.__name__] = model
    refs = [{"$ref": f"#/components/schemas/{model.__name__}"} for model in models]
    return {200: {"description": description, "content": {NDJSON: {"schema": refs[0] if len(refs) == 1 else {"oneOf": refs}}}}}


def body_as(model: type[M], said_as: Mapping[str, str] | None = None) -> Callable[[Request], Awaitable[M]]:
    """A dependency: the request's body read as ``json_body`` reads one (strict JSON: no duplicate
    key, no NaN; UTF-8 only), then as ``model`` with strict types (a number is not read from a
    string), its problems named by field as a document's are.  A field it does not have gets a
    did-you-mean among those it has; ``said_as``: the other names a field goes by (the command
    line's ``date`` for ``decided_on``), answered 「写成 decided_on」 (its absence then not said again)."""
    said_as = said_as or {}

    async def read(request: Request) -> M:
        raw = await json_body(request)
        if not isinstance(raw, dict):
            raise InputError(Problem(t("doc.not_mapping", what=t("what.request"), kind=value_kind(raw))))
        try:
            return model.model_validate(raw, strict=True)
        except ValidationError as exc:
            told = {(said_as[name],) for name in raw if name in said_as and name not in model.model_fields}
            raise InputError([field_problem(model, e, said_as) for e in exc.errors()
                              if not (e["type"] == "missing" and tuple(e["loc"]) in told)]) from None

    return read


def field_problem(model: type[BaseModel], err: Any, said_as: Mapping[str, str]) -> Problem:
    """``body_problem``; for a field ``model`` does not have, with what was meant: the field a known
    other name stands for (``said_as``, top level only), else the closest field at its level
    (``changes.ends``: among the changes' fields)."""
    problem = body_problem(dict(err))
    loc = tuple(err["loc"])
    if err["type"] != "extra_forbidden" or not loc:
        return problem
    name = str(loc[-1])
    if len(loc) == 1 and name in said_as:
        return replace(problem, message=t("http.write_as", name=name, field=said_as[name]), hint=said_as[name],
                       hint_said=True)
    return replace(problem, hint=suggest(name, _fields_at(model, loc[:-1])))


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model at ``loc`` inside ``model`` ([] where no model is)."""
    for step in loc:
        if isinstance(step, int):
            continue
        field = model.model_fields.get(str(step))
        found = _model_in(field.annotation) if field is not None else None
        if found is None:
            return []
        model = found
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (``Changes``, ``Changes | None``, ``list[Changes]``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


async def json_body(request: Request) -> Any:
    """One JSON document (strict: no duplicate keys, no NaN)."""
    text = _text(await read_body(request, (JSON,)), _declared(request))
    try:
        return parse_json_line(text)
    except JSONLineError as exc:  # the field, once it is JSON as far as there, and where in the body
        raise BadRequest(400, "not_json", t("http.not_json", error=exc), exc.field or "body", exc.line, exc.col) from None
    except ValueError as exc:
        raise BadRequest(400, "not_json", t("http.not_json", error=exc), "body") from None


def batch_lines(body: bytes, charset: str = "utf-8") -> list[tuple[int, str | Problem]]:
    """A batch's non-blank lines, numbered from 1, as ``gridrules check-task --batch`` reads a file:
    split on \\n only, a trailing \\r dropped (U+2028, U+2029, U+0085 may stand raw inside a JSON
    string; ``str.splitlines`` would break the line there), each line decoded by itself -- one that
    is not text in ``charset`` (UTF-8 unless the body declares another) is the problem that stands in its
    place, and the others are read.  A charset whose \\n is no single byte (UTF-16) is read whole first."""
    if "\n".encode(charset) != b"\n":
        body, charset = _text(body, charset).encode("utf-8"), "utf-8"
    lines: list[tuple[int, str | Problem]] = []
    for number, chunk in enumerate(body.split(b"\n"), start=1):
        try:
            raw = chunk.decode(charset).removesuffix("\r")
        except UnicodeDecodeError as exc:
            lines.append((number, Problem(_not_text(chunk, exc, charset))))
            continue
        if raw.strip():
            lines.append((number, raw))
    return lines


def refuse_array(body: bytes) -> None:
    """A batch written as one JSON array (``[{…}, {…}]``, on one line or many) is refused once, saying
    that NDJSON is one object a line -- not each line refused as 「应写成映射，而不是列表」 or bad JSON."""
    if not body.lstrip().startswith(b"["):
        return
    try:
        whole = json.loads(body)
    except (ValueError, RecursionError):  # not one JSON document (or nested past Python's stack: never a
        return                            # batch of objects): its lines are read and answered each
    if isinstance(whole, list):
        raise InputError(Problem(t("http.batch_array"), field="body"))


async def ndjson_lines(request: Request) -> list[tuple[int, str | Problem]]:
    """The batch's lines (``batch_lines``), at most ``max_batch_lines`` of them."""
    body = await read_body(request, NDJSON_TYPES)
    refuse_array(body)
    lines = batch_lines(body, _declared(request))
    most = limits(request).max_batch_lines
    if len(lines) > most:
        raise BadRequest(413, "batch_too_long", t("http.batch_too_long", most=most, count=len(lines)))
    return lines


async def snapshot(request: Request) -> Snapshot:
    """The pack this request decides with, start to finish (reloaded first if the folder changed)."""
    live = request.app.state.service.live
    snap = await run_in_threadpool(live.current) if live.stale() else live.snapshot
    request.state.digest = snap.digest  # named by the answer, whatever it is (answers.DigestHeader)
    return snap


# how a client authenticates, as /openapi.json declares it (components.securitySchemes, each operation's
# security; described in the request's language by ``docs``): ``Authorization: Bearer <token>``.  It
# refuses nothing (auto_error off): ``principal_of`` answers a missing or bad token 401 in the
# catalogue's words, naming the roles needed, as before it was declared.
BEARER = HTTPBearer(scheme_name="bearer", auto_error=False)


def caller(*roles: str):
    """A dependency: the principal of the request's token, if its role is one of ``roles``."""

    async def dependency(request: Request, _declared: Any = Security(BEARER)) -> Principal:
        return principal_of(request, roles)  # the token read and judged here (BEARER only declares it)

    dependency.roles = roles  # type: ignore[attr-defined]  # read by ``may_call``
    return dependency


def _roles_of(dependant: Any) -> tuple[str, ...] | None:
    """The roles the endpoint's ``caller`` dependency admits (None: it has none)."""
    for below in dependant.dependencies:
        roles = getattr(below.call, "roles", None)
        if roles is None:
            roles = _roles_of(below)
        if roles is not None:
            return roles
    return None


def may_call(request: Request, dependant: Any) -> bool:
    """Whether the request's token may call the endpoint: a valid one, of a role its ``caller`` admits.
    Its query is judged only then -- a caller without the token or the role is told that first (401,
    403, by the endpoint's own dependency), never about its parameters."""
    principal = bearer(request)
    roles = _roles_of(dependant)
    return principal is not None and (roles is None or principal.role in roles)


_MANY = (list, tuple, set, frozenset, deque, Sequence)  # the annotations FastAPI reads every value for


def _takes_many(annotation: Any) -> bool:
    """Whether FastAPI reads every value of a query parameter so annotated (``list[Section]``,
    ``list[str] | None``, ``Annotated[list[str], ...]``), or one of them (the last)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _takes_many(get_args(annotation)[0])
    if origin is Union or origin is UnionType:
        return any(_takes_many(arg) for arg in get_args(annotation))
    kind = origin or annotation
    return isinstance(kind, type) and issubclass(kind, _MANY) and not issubclass(kind, (str, bytes))


def _query_params(dependant: Any) -> dict[str, bool]:
    """The query parameters an endpoint reads, its own and its dependencies', each with whether
    it takes a list of values (every reader of the name must)."""
    params: dict[str, bool] = {}
    for param in dependant.query_params:
        params[param.alias] = params.get(param.alias, True) and _takes_many(param.field_info.annotation)
    for below in dependant.dependencies:
        for name, many in _query_params(below).items():
            params[name] = params.get(name, True) and many
    return params


def unreadable_query(query: bytes) -> list[Problem]:
    """The query's parameters whose name or value is not UTF-8 once its %XX escapes are read (a URL
    made on a GBK system: 镇 as %D5%F2), each named, with what it reads as in GBK when it does.
    Starlette reads such bytes as U+FFFD, and an endpoint would judge '\ufffd\ufffd' (an unknown town)."""
    return unreadable_pairs(query, "http.query_not_utf8", "http.query_name_not_utf8")


def unreadable_pairs(data: bytes, value_key: str, name_key: str,
                     label: Callable[[str], str] = lambda name: name) -> list[Problem]:
    """The fields of ``data`` (``name=value&…``, %XX-escaped: a query, or a form's urlencoded body) whose
    name or value is not UTF-8, as ``unreadable`` says them."""
    pairs = []
    for pair in data.split(b"&"):
        name, _, value = pair.partition(b"=")
        pairs.append((unquote_to_bytes(name.replace(b"+", b" ")), unquote_to_bytes(value.replace(b"+", b" "))))
    return unreadable(pairs, value_key, name_key, label)


def unreadable(pairs: Iterable[tuple[bytes, bytes]], value_key: str, name_key: str,
               label: Callable[[str], str] = lambda name: name, charset: str = "utf-8") -> list[Problem]:
    """The (name, value) pairs, as sent, whose name or value is not text in ``charset`` (UTF-8 unless the
    sender declared another), each said by message ``value_key`` (``name_key`` for a name), the field
    shown as ``label`` names it, with what it reads as in GBK when it does."""
    problems = []
    for name, value in pairs:
        try:
            shown = name.decode(charset)
        except UnicodeDecodeError:
            problems.append(Problem(t(name_key, gbk=_as_gbk(name))))
            continue
        try:
            value.decode(charset)
        except UnicodeDecodeError:
            problems.append(Problem(t(value_key, name=label(shown), gbk=_as_gbk(value)), field=shown, as_sent=True))
    return problems


def _as_gbk(data: bytes) -> str:
    """What ``data`` reads as in GBK, said (the catalogue's words), or nothing when it is no GBK either."""
    try:
        return t("http.query_gbk", text=data.decode("gbk"))
    except UnicodeDecodeError:
        return ""


# an endpoint that checks its query itself, later (``check_query``): a single decision's, after whether its body
# is the caller's to decide (token, role, scope, then parameters)
QUERY_LATER = "checks_query_later"


async def known_query(request: Request) -> None:
    """The router's check of every endpoint's query (``check_query``), but for an endpoint that makes it
    itself, later (``QUERY_LATER``)."""
    route = request.scope.get("route")
    if route is not None and not getattr(route.endpoint, QUERY_LATER, False):
        check_query(request)


def check_query(request: Request) -> None:
    """A query parameter the endpoint does not read is refused, naming it: a misspelt ``at``
    (``?date=``) would otherwise be decided at the present moment without a word.  So is one
    given twice that takes one value: ``?at=...&at=...`` would be decided on the last, a guess; and one
    given empty or blank (``?target=``): a value left out by the client's code, never a code, id or date."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    if not may_call(request, route.dependant):  # the endpoint answers 401 or 403 first
        return
    unreadable = unreadable_query(request.scope.get("query_string", b""))
    if unreadable:  # named, not judged as the '\ufffd' text Starlette reads
        raise InputError(unreadable)
    params = _query_params(route.dependant)  # only for a request with a query: a short walk
    known = sorted(params)
    problems = []
    for name in dict.fromkeys(request.query_params.keys()):
        given = request.query_params.getlist(name)
        if name not in params:
            problems.append(Problem(t("http.unknown_query", name=name, known=", ".join(known)) if known
                                    else t("http.no_query", name=name), field=name, hint=suggest(name, known),
                                    as_sent=True))
        elif not params[name] and len(given) > 1:
            problems.append(Problem(t("http.repeated_query", name=name, count=len(given)), field=name, as_sent=True))
        elif any(not value.strip() for value in given):
            problems.append(Problem(t("http.empty_query", name=name), field=name, as_sent=True))
    if problems:
        raise InputError(problems)
