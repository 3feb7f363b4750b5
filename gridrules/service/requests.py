"""Reading a request: JSON only (NDJSON for batches), never more than the limits allow."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from gridrules.pack.yamlsrc import parse_json_line

from .answers import JSON, NDJSON, BadRequest
from .auth import principal_of
from .config import Limits
from .live import Snapshot
from .tokens import Principal

NDJSON_TYPES = (NDJSON, "application/jsonl", "application/json-lines")


def limits(request: Request) -> Limits:
    return request.app.state.service.config().limits


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(request: Request, media_types: tuple[str, ...]) -> bytes:
    """The body, if it has one of ``media_types`` and fits ``max_body_bytes`` (415 / 413 otherwise)."""
    if _media_type(request) not in media_types:
        raise BadRequest(415, "unsupported_media_type",
                         f"请求体须为 {' 或 '.join(media_types)}（Content-Type）", "Content-Type")
    most = limits(request).max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > most:
        raise BadRequest(413, "too_large", f"请求体超过 {most} 字节的上限")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > most:
            raise BadRequest(413, "too_large", f"请求体超过 {most} 字节的上限")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "not_utf8", "请求体不是 UTF-8 文本") from None


async def json_body(request: Request) -> Any:
    """One JSON document (strict: no duplicate keys, no NaN)."""
    text = _text(await read_body(request, (JSON,)))
    try:
        return parse_json_line(text)
    except ValueError as exc:
        raise BadRequest(400, "not_json", f"请求体不是有效的 JSON：{exc}", "body") from None


async def ndjson_lines(request: Request) -> list[tuple[int, str]]:
    """The batch's non-blank lines, numbered from 1, at most ``max_batch_lines`` of them."""
    text = _text(await read_body(request, NDJSON_TYPES))
    lines = [(n, raw) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    most = limits(request).max_batch_lines
    if len(lines) > most:
        raise BadRequest(413, "batch_too_long", f"一批最多 {most} 行，本批 {len(lines)} 行；请分批提交")
    return lines


async def snapshot(request: Request) -> Snapshot:
    """The pack this request decides with, start to finish (reloaded first if the folder changed)."""
    live = request.app.state.service.live
    snap = await run_in_threadpool(live.current) if live.stale() else live.snapshot
    request.state.digest = snap.digest  # named by the answer, whatever it is (answers.DigestHeader)
    return snap


def caller(*roles: str):
    """A dependency: the principal of the request's token, if its role is one of ``roles``."""

    async def dependency(request: Request) -> Principal:
        return principal_of(request, roles)

    return dependency
