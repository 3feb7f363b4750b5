"""Deciding over HTTP: check a task, route an event, one at a time or as an NDJSON batch.

The same ``Checker`` calls as ``gridrules check-task`` and ``gridrules route``.
Every decision leaves through ``acknowledge``: the one place a decision is handed
to its caller, and only after the decision log holds it (one group commit for a
batch's chunk, or for the single requests that arrive together).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any, Callable, Iterable, Iterator, Mapping

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.catalogue.humane import value_kind
from gridrules.contract import kinds
from gridrules.contract.base import moment_option, parse_moment
from gridrules.contract.documents import EventDecision, EventInput, TaskDecision, TaskInput
from gridrules.decide.inputs import validate_event, validate_task
from gridrules.errors import InputError, Location, LogUnavailable, Problem, RecordedOtherwise
from gridrules.log.group import GroupCommit
from gridrules.log.keys import Kept
from gridrules.log.minimise import entry
from gridrules.pack.jsonline import JSONLineError, is_json_lines, parse_json_line, placed_on_line

from .answers import DIGEST_HEADER, NDJSON, READING, SENDING, BadRequest, BatchErrorLine, answer, errors, json_bytes, log
from .auth import Denied
from .idempotency import SENT, Keyed, Replayed, idempotency_key, kept_parts, keyed, replay
from .live import Snapshot
from .requests import QUERY_LATER, caller, check_query, json_body, limits, ndjson_answer, ndjson_lines, request_schema, snapshot
from .scopes import own_event, own_task
from .tokens import Principal

router = APIRouter(prefix="/v1", tags=["decide"], responses=errors(*READING, *SENDING, 409, 503))  # 409: a key's; 503: the log
TASK_DECIDERS = ("dispatch", "department", "town")
EVENT_DECIDERS = ("dispatch", "department", "town")  # a town: the events in its town only
CHUNK = 256  # lines decided under one hold of the engine (Checker.BATCH_CHUNK)
# the endpoints that decide each kind of document (contract/kinds.py), one and a batch: where they are
# routed, and where a body of another kind is told to go
ENDPOINTS = {"task": ("/tasks/check", "/tasks/check-batch"), "event": ("/events/route", "/events/route-batch")}
Decision = TaskDecision | EventDecision
# what each kind's decision reads it by
VALIDATE: dict[str, Callable[[Any, Any], Any]] = {"task": validate_task, "event": validate_event}


def acknowledge(principal: Principal, snapshot: Snapshot, decided: list[tuple[Any, Decision]],
                log: GroupCommit | None, request: Keyed | None = None, part: int = 0,
                whole: Callable[[list[bytes]], bytes] = lambda answers: answers[0]) -> list[bytes]:
    """Decisions as they leave the service, each with the input it was made on: logged first
    (durably, in one transaction), under the caller's full role (``department:minzheng``) and its
    token's id (``tok-…``: so an auditor can tell who asked, and which of a role's tokens), then answered.  A log that fails answers nothing.
    A ``request`` under an idempotency key keeps its answer (``whole``: the answers as sent -- a single
    decision's, a batch's chunk, its ``part``) with them; a retry that got there first is ``Replayed``."""
    kind = "task" if decided and isinstance(decided[0][1], TaskDecision) else "event"
    answers = [decision.model_dump_json().encode("utf-8") for _, decision in decided]
    if log is not None and decided:
        done = log.append([entry(kind, raw, decision.model_dump(mode="json"), snapshot.pack, principal.name,
                                 log.store.key, principal.token_id) for raw, decision in decided],
                          None if request is None else request.claim(part, whole(answers), snapshot.digest))
        if isinstance(done, Kept) and request is not None:
            raise Replayed(request.same(done))
    return answers


def decision_log(request: Request) -> GroupCommit | None:
    return request.app.state.service.log


def moment(at: str | None, tz: tzinfo) -> datetime | None:
    """``?at=``: a date-time with its offset, or a date (00:00 in the pack's offset ``tz``).  One with a
    space where a ``+`` makes it valid was sent with its ``+`` unencoded (a URL reads it as a space): said so."""
    try:
        return moment_option(at, "at", tz)
    except InputError:
        fixed = _plus_for_space(at or "", tz)
        if fixed is None:
            raise
        raise InputError(Problem(t("http.plus_as_space", value=at, fixed=fixed.replace("+", "%2B")), field="at")) from None


def _plus_for_space(value: str, tz: tzinfo) -> str | None:
    """``value`` with its last space read as the ``+`` it probably was, when that makes it a moment; else None."""
    if " " not in value:
        return None
    head, _, tail = value.rpartition(" ")
    try:
        parse_moment(f"{head}+{tail}", tz)
    except ValueError:
        return None
    return f"{head}+{tail}"


def refuse_others(refused: Problem | None, who: Principal, validate: Callable[[], Any]) -> None:
    """403 for an input a scoped token may not have decided (``scopes``), naming its own role -- once
    ``validate`` has found nothing wrong with it: an input that contradicts itself (a grid in one
    town, a town named another) is answered as such (422), not as someone else's."""
    if refused is not None:
        validate()
        raise Denied(403, refused.message, (who.role,))


def scoped_problem(own: Callable[[Principal, Any, Any], Problem | None], validate: Callable[[Any, Any], Any],
                   who: Principal, raw: Any, pack: Any) -> tuple[str, list[Problem]] | None:
    """A batch line's ``refuse_others``: None when ``who`` may decide ``raw``, else the error and its
    problems -- the input's own (``invalid_input``) when it has any, else the scope's (``forbidden``)."""
    refused = own(who, raw, pack)
    if refused is None:
        return None
    try:
        validate(raw, pack)
    except InputError as exc:
        return exc.code, exc.problems
    return "forbidden", [refused]


def other_kind(body: Any, expected: str, batch: bool = False) -> Problem | None:
    """A body of another kind than the endpoint decides (an event sent to the task check), named for
    what it is and the endpoint that reads it (one, or a batch's), as the command line names it and
    its command; None when it is not one -- and then never a document of ``expected``'s kind either."""
    def read_by(found: str) -> str:
        if found not in ENDPOINTS:  # a lifecycle record: judged by the command line only
            return t(f"http.read_by.{found}")
        return t(f"http.read_by.{found}", path=f"POST {router.prefix}{ENDPOINTS[found][batch]}")

    said = kinds.other_kind(body, expected, read_by)
    return None if said is None else Problem(said)


def refuse_other_kind(body: Any, expected: str) -> None:
    """422 for a body of another kind, before it is judged (or its scope is: a town's event is no task
    of its own) field by field."""
    other = other_kind(body, expected)
    if other is not None:
        raise InputError(other)


def one_document(what: str, batch: str) -> Callable[[Request], Any]:
    """A dependency: the body of a single decision, read as ``json_body`` reads one; a batch sent here
    (NDJSON, or a JSON array of documents) is told to go to ``batch``, as the command line's is told to
    add ``--batch``."""

    async def read(request: Request) -> Any:
        try:
            body = await json_body(request)
        except BadRequest as exc:
            if exc.error == "not_json" and is_json_lines((await request.body()).decode("utf-8", "replace")):
                raise BadRequest(400, "not_json", t("http.json_lines", path=batch), exc.field, exc.line, exc.col) from None
            raise
        if isinstance(body, list):
            raise InputError(Problem(t("doc.not_mapping", what=t(f"what.{what}"), kind=value_kind(body))
                                     + t("http.to_batch", path=batch)))
        return body

    return read


AT = Query(None)  # its description: the catalogue's (api.?at, as every parameter's: service.docs)
DECIDED = {"description": "The decision; the pack digest is in the body and the X-Gridrules-Pack-Digest header."}


def single_endpoint(roles: tuple[str, ...], kind: str, decide: str,
                    own: Callable[[Principal, Any, Any], Problem | None]) -> Callable[..., Any]:
    """A single decision's endpoint: ``decide`` names the Checker method; ``own``: whether the input is the
    caller's to decide (``scopes``: refused once it is found valid, ``refuse_others``)."""
    validate, batch = VALIDATE[kind], f"{router.prefix}{ENDPOINTS[kind][1]}"

    async def endpoint(request: Request, who: Principal = Depends(caller(*roles)),
                       body: Any = Depends(one_document(kind, batch)), at: str | None = AT,
                       snap: Snapshot = Depends(snapshot),
                       log: GroupCommit | None = Depends(decision_log), sent_key: str | None = SENT) -> Response:
        def decided(when: datetime | None) -> Decision:
            return getattr(snap.checker, decide)(body, at=when)

        # auth (``caller``), then whether the body is the caller's to decide, then the parameters (the query:
        # unknown, repeated, empty; ``?at=``; the Idempotency-Key): a caller is told it may not decide this before
        # it is told about its parameters
        refuse_other_kind(body, kind)
        refuse_others(own(who, body, snap.pack), who, lambda: validate(body, snap.pack))
        check_query(request)
        key = idempotency_key(request, sent_key)
        return await decide_one(who, key, kind, body, moment(at, snap.pack.tz), snap, log, decided)

    setattr(endpoint, QUERY_LATER, True)  # not the router's ``known_query``: ``check_query`` above, after the scope
    return endpoint


router.add_api_route(ENDPOINTS["task"][0], single_endpoint(TASK_DECIDERS, "task", "check_task", own_task),
                     methods=["POST"], name="check_task", summary="May this work go to grid workers?",
                     openapi_extra=request_schema(TaskInput), responses={200: {"model": TaskDecision, **DECIDED}})
router.add_api_route(ENDPOINTS["event"][0], single_endpoint(EVENT_DECIDERS, "event", "route_event", own_event),
                     methods=["POST"], name="route_event", summary="Who handles this event, by when?",
                     openapi_extra=request_schema(EventInput), responses={200: {"model": EventDecision, **DECIDED}})


async def decide_one(who: Principal, key: str | None, kind: str, body: Any, when: datetime | None, snap: Snapshot,
                     log: GroupCommit | None, decide: Callable[[datetime | None], Decision]) -> Response:
    """One decision, logged and answered -- or, sent again under its idempotency key, its first answer
    (nothing decided or logged again; 409 when the key answered another request)."""
    request = keyed(who, key, log, ENDPOINTS[kind][0], body, None if when is None else when.isoformat())
    kept = await kept_parts(request, log)
    if 0 in kept:
        return replay(kept[0])
    decision = decide(when)
    try:
        out = await run_in_threadpool(acknowledge, who, snap, [(body, decision)], log, request)
    except Replayed as first:
        return replay(first.kept)
    return answer(out[0], snap.digest)


BODY = ""  # a batch line's place: no file (``path`` null), its line and column in the request body


def error_line(number: int, error: str, problems: list[Problem]) -> bytes:
    """A bad line's answer: its number, the error, and each problem at that line of the body (``line``),
    at its field's column when known (``col``), in no file (``path``: null)."""
    found = []
    for problem in problems:
        shown = problem.as_dict()
        shown["path"], shown["line"] = None, number
        found.append(shown)
    return json_bytes({"line": number, "error": error, "problems": found})


def _placed(number: int, text: str, data: Any, problems: list[Problem]) -> list[Problem]:
    """A decided line's problems at their fields' columns on the line (worked out for refused lines only)."""
    where = Location(BODY, number)
    return placed_on_line([p if p.location is not None else replace(p, location=where) for p in problems],
                          text, data, where)


Deliver = Callable[[list[tuple[Any, Decision]], int, Callable[[list[bytes]], bytes]], list[bytes]]


def decide_lines(lines: list[tuple[int, str | Problem]], decide_many: Callable[[Iterable[Any]], Iterator[Any]],
                 allowed: Callable[[Any], tuple[str, list[Problem]] | None], deliver: Deliver,
                 deadline: float, other: Callable[[Any], Problem | None] = lambda _data: None,
                 kept: Mapping[int, Kept] | None = None) -> Iterator[bytes]:
    """NDJSON out, in input order: a decision per good line, an error line per bad one (``other``: a
    line of another kind than the batch decides, named as such).  ``deliver`` logs a chunk's decisions
    (given the chunk's number and how its answer reads whole); ``kept``: the chunks a retry under an
    idempotency key was answered already, answered so again (nothing decided or logged again)."""
    kept = kept or {}
    for start in range(0, len(lines), CHUNK):
        if start // CHUNK in kept:
            yield kept[start // CHUNK].answer.encode("utf-8") + b"\n"
            continue
        if time.monotonic() > deadline:
            yield error_line(lines[start][0], "timeout", [Problem(t("http.batch_timeout"))]) + b"\n"
            return
        out: list[bytes] = []
        good: list[tuple[int, str, Any]] = []
        for number, text in lines[start:start + CHUNK]:
            if isinstance(text, Problem):  # a line that is not UTF-8 (``requests.batch_lines``)
                out.append(error_line(number, InputError.code, [text]))
                continue
            try:
                data = parse_json_line(text)
            except ValueError as exc:  # its field, once it is JSON as far as there, and its column
                refused = exc.problem(BODY, number) if isinstance(exc, JSONLineError) else Problem(str(exc))
                out.append(error_line(number, InputError.code, [refused]))
                continue
            problem = other(data)
            if problem is not None:
                out.append(error_line(number, InputError.code, [problem]))
                continue
            scoped = allowed(data)
            if scoped is not None:  # the line's own problems at their columns, as a decided line's
                error, problems = scoped
                out.append(error_line(number, error, _placed(number, text, data, problems) if error != "forbidden"
                                      else problems))
                continue
            good.append((len(out), text, data))
            out.append(b"")
        numbers = [number for number, _ in lines[start:start + CHUNK]]
        try:
            decided: list[tuple[int, Any, Decision]] = []
            for (slot, text, data), result in zip(good, decide_many([data for _, _, data in good])):
                if isinstance(result, InputError):
                    out[slot] = error_line(numbers[slot], result.code, _placed(numbers[slot], text, data, result.problems))
                else:
                    decided.append((slot, data, result))
            delivered = deliver([(data, result) for _, data, result in decided], start // CHUNK,
                                lambda answers: b"\n".join(_filled(out, [slot for slot, _, _ in decided], answers)))
            out = _filled(out, [slot for slot, _, _ in decided], delivered)
        except Replayed as first:  # the same batch sent again under its key logged this chunk meanwhile
            yield first.kept.answer.encode("utf-8") + b"\n"
            continue
        except RecordedOtherwise:  # the key answered another request: before the status, a 409
            if start == 0:
                raise
            log.exception("a batch's key conflicted at line %s", numbers[0])
            yield b"\n".join(line or error_line(numbers[i], "internal_error", [Problem(t("http.line_internal"))])
                             for i, line in enumerate(out)) + b"\n"
            continue
        except LogUnavailable as exc:  # none of the chunk's decisions is logged: none is answered
            if start == 0:
                raise  # nothing sent yet: the whole answer is a 503, as a single request's (``first_chunk``)
            log.warning("the decision log failed at line %s: %s", numbers[0], exc)
            yield b"\n".join(line or error_line(numbers[i], "log_unavailable", [Problem(t("http.log_unavailable"))])
                             for i, line in enumerate(out)) + b"\n"
            continue
        except Exception:  # the status is sent already: say so on each line of the chunk, go on
            log.exception("a batch failed at line %s", numbers[0])
            yield b"\n".join(line or error_line(numbers[i], "internal_error", [Problem(t("http.line_internal"))])
                             for i, line in enumerate(out)) + b"\n"
            continue
        yield b"\n".join(out) + b"\n"


def _filled(out: list[bytes], slots: list[int], answers: list[bytes]) -> list[bytes]:
    """A chunk's lines with its decisions' ``answers`` in their ``slots``."""
    filled = list(out)
    for slot, line in zip(slots, answers):
        filled[slot] = line
    return filled


def batch_schema(model: type[BaseModel]) -> dict:
    schema = request_schema(model, NDJSON)
    schema["requestBody"]["description"] = f"One {model.__name__} per line (NDJSON)."
    return schema


def batch_answer(decision: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """A batch's 200: NDJSON, one line per input line that is not blank, in order: its decision, or a
    ``BatchErrorLine`` (the line's number, the error, its problems)."""
    return ndjson_answer("One line per input line that is not blank, in order: its decision, or an error line "
                         "(BatchErrorLine: the line's number, the error, its problems).", decision, BatchErrorLine)


async def _stream(lines, snap: Snapshot, decide_many, allowed, who: Principal, timeout: float,
                  log: GroupCommit | None, kind: str, request: Keyed | None = None) -> StreamingResponse:
    """The first chunk is decided and logged before the status is sent: a log that fails it answers
    503 ``log_unavailable`` (raised), as a single request; a later chunk's failure can only be said on
    its lines (``decide_lines``).  Under an idempotency key, the chunks it was answered are answered again."""
    kept = await kept_parts(request, log)
    body = decide_lines(lines, decide_many, allowed,
                        lambda decided, part, whole: acknowledge(who, snap, decided, log, request, part, whole),
                        time.monotonic() + timeout, lambda data: other_kind(data, kind, batch=True), kept)
    first = await run_in_threadpool(next, body, b"")
    return StreamingResponse(itertools.chain([first], body), media_type=NDJSON, headers={DIGEST_HEADER: snap.digest})


def batch_endpoint(roles: tuple[str, ...], decide_many: str,
                   own: Callable[[Principal, Any, Any], Problem | None], kind: str) -> Callable[..., Any]:
    """A batch endpoint: ``decide_many`` names the Checker method; ``own``: whether a line is the caller's
    to decide (``scopes``; a line it refuses is validated first, ``scoped_problem``); ``kind``: the kind
    of document its lines are (one of another is named so)."""
    validate = VALIDATE[kind]

    async def endpoint(who: Principal = Depends(caller(*roles)),
                       lines: list[tuple[int, str | Problem]] = Depends(ndjson_lines),
                       at: str | None = AT, snap: Snapshot = Depends(snapshot),
                       cfg=Depends(limits), log: GroupCommit | None = Depends(decision_log),
                       key: str | None = Depends(idempotency_key)) -> StreamingResponse:
        when, many = moment(at, snap.pack.tz), getattr(snap.checker, decide_many)
        sent = [[number, text if isinstance(text, str) else text.message] for number, text in lines]
        request = keyed(who, key, log, ENDPOINTS[kind][1], sent, None if when is None else when.isoformat())
        return await _stream(lines, snap, lambda items: many(items, at=when), lambda raw: scoped_problem(own, validate, who, raw, snap.pack), who,
                       cfg.request_timeout, log, kind, request)

    return endpoint


router.add_api_route(ENDPOINTS["task"][1], batch_endpoint(TASK_DECIDERS, "check_tasks", own=own_task, kind="task"), methods=["POST"],
                     name="check_tasks", summary="Check many tasks (NDJSON in, NDJSON out)",
                     openapi_extra=batch_schema(TaskInput), responses=batch_answer(TaskDecision),
                     response_class=StreamingResponse)
router.add_api_route(ENDPOINTS["event"][1], batch_endpoint(EVENT_DECIDERS, "route_events", own=own_event, kind="event"),
                     methods=["POST"], name="route_events", summary="Route many events (NDJSON in, NDJSON out)",
                     openapi_extra=batch_schema(EventInput), responses=batch_answer(EventDecision),
                     response_class=StreamingResponse)
