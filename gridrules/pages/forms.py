"""Reading a submitted form: its CSRF value first, then its fields as text, lists, numbers and dates
(a field not UTF-8 refused, naming it)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import datetime
from typing import Any, Callable, TypeVar

from fastapi import Request
from fastapi.responses import Response
from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.catalogue.fields import field_label
from gridrules.catalogue.humane import session_id, written_day, written_number
from gridrules.catalogue.validation import not_a_number
from gridrules.errors import InputError, Problem
from gridrules.log.group import GroupCommit
from gridrules.contract.documents import EventDecision, TaskDecision
from gridrules.service.decide import acknowledge
from gridrules.service.live import Snapshot
from gridrules.service.requests import unreadable, unreadable_pairs

from .session import CSRF_FIELD, NotAllowed, Viewer, check_csrf

URLENCODED, MULTIPART = "application/x-www-form-urlencoded", "multipart/form-data"


class Form:
    """A submitted form's fields (CSRF checked), and what to show again if it is sent back."""

    def __init__(self, fields: Any):
        self.fields = fields

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return value.strip() if isinstance(value, str) else ""

    def list(self, name: str) -> list[str]:
        return [v.strip() for v in self.fields.getlist(name) if isinstance(v, str) and v.strip()]

    def session(self) -> str:
        """The meeting's session as the library takes it: 2026-6, also written 2026年第6次会议."""
        return session_id(self.text("session"))

    def flag(self, name: str) -> bool:
        return self.text(name) in ("on", "1", "true", "yes")

    def shown(self) -> dict[str, Any]:
        """The values to fill the form with again (lists for repeated fields)."""
        out: dict[str, Any] = {}
        for key in self.fields.keys():
            if key == CSRF_FIELD:
                continue
            values = self.fields.getlist(key)
            out[key] = values if len(values) > 1 or key in LIST_FIELDS else values[0]
        return out

    def number(self, name: str, whole: bool = False) -> float | int | None:
        """A plain decimal (``written_number``, as the command line reads one): ６０ is 60; 1e3,
        1_000 and infinity are no number a clerk writes."""
        text = self.text(name)
        if not text:
            return None
        try:
            return written_number(text, whole)
        except ValueError:
            message = t("page.not_whole", text=text) if whole else not_a_number(text)
            raise InputError(Problem(message, field=name)) from None

    def day(self, name: str) -> str | None:
        """A date as people write it (2026-12-05, 2026/12/5, 2026.12.05, 2026年12月5日), in ISO form."""
        text = self.text(name)
        if not text:
            return None
        try:
            return written_day(text).isoformat()
        except ValueError:
            raise InputError(Problem(t("page.not_date", text=text), field=name)) from None

    def moment(self, name: str, tz: Any) -> str | None:
        """A ``datetime-local`` value, or a moment as people write it, read in the pack's zone (Beijing
        time), as ISO 8601 with its offset; full-width digits, dashes, colons and spaces as an input
        method types them (２０２６－１１－２５　０９：３０) read as their plain forms (NFKC)."""
        text = self.text(name)
        if not text:
            return None
        plain = unicodedata.normalize("NFKC", text)
        try:
            found = _WRITTEN.match(plain)
            clock = found.group(2).strip() if found else ""
            clock = "0" + clock if clock[1:2] == ":" else clock  # 9:30 as 09:30
            value = (datetime.fromisoformat(written_day(found.group(1)).isoformat() + "T" + clock)
                     if found else datetime.fromisoformat(plain.strip()))
        except ValueError:
            raise InputError(Problem(t("page.not_moment", text=text), field=name)) from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        return value.isoformat()


def refilled(kind: str, value: Any) -> tuple[str, Any]:
    """A field's input type and value when a form is shown again: a date the form reads
    (``Form.day``: 2026/11/30, 2026年11月30日) in ISO, the only value a ``type="date"`` input shows;
    one it cannot read as the clerk typed it, in a text field -- a browser empties a date input whose
    value is not ISO (Chromium does), so the typing the error names would be lost."""
    if kind != "date" or not isinstance(value, str) or not value.strip():
        return kind, value
    try:
        return kind, written_day(value.strip()).isoformat()
    except ValueError:
        return "text", value


# a moment as people write it: a day as they write it (``written_day``), then the time (after a space or T)
_WRITTEN = re.compile(r"^\s*([0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?)\s*[T ]\s*([0-9].*)$")


LIST_FIELDS = ("activities", "owners", "categories")


class NotYours(InputError):
    """What a form describes is not the visitor's to decide (another town's event): the form
    again, answered 403, with the reason at the field that says whose it is."""

    status = 403
Decided = TypeVar("Decided", TaskDecision, EventDecision)


class UnreadableForm(NotAllowed):
    """A form whose field is not UTF-8 (percent-encoded GBK, posted by an old system or a browser told
    another charset): 422, naming the field, nothing decided or written."""

    status = 422


async def read_form(request: Request, who: Viewer) -> Form:
    """The form a logged-in visitor sent, refused (403) without this session's CSRF value, and (422)
    when a field is not UTF-8 (``form_fields``)."""
    return Form(await form_fields(request, lambda fields: check_csrf(request, fields, who)))


async def form_fields(request: Request, check: Callable[[FormData], None]) -> FormData:
    """A submitted form's fields, urlencoded or multipart (a file upload): its CSRF value checked first
    (``check``), then refused (422, ``UnreadableForm``) when a field's name or value, or an uploaded file's
    name, is not UTF-8 as sent (once a urlencoded form's %XX escapes are read), as the service refuses such
    a query parameter: Starlette reads those bytes as '\ufffd' (urlencoded) or as Latin-1 (multipart), text
    that would be decided, written or shown.  Every form the pages take, the login's among them, is read here."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media == MULTIPART:  # parsed once: the fields as Starlette reads them and, beside them, as sent
        fields, pairs, charset = await _multipart(request)
        check(fields)
        problems = unreadable(pairs, NOT_UTF8_FIELD, NOT_UTF8_NAME, field_label, charset)
    else:
        body = await request.body() if media == URLENCODED else b""  # kept: the form is read from it next
        fields = await request.form()
        check(fields)
        problems = unreadable_pairs(body, NOT_UTF8_FIELD, NOT_UTF8_NAME, field_label) if body else []
    if problems:  # each field once (a list's values are one field), in the form's order
        said = {p.field or p.message: p.message for p in reversed(problems)}  # the first value's reading
        raise UnreadableForm(t("page.form_not_utf8", fields=t("words.sentence_sep").join(reversed(said.values()))))
    return fields


NOT_UTF8_FIELD, NOT_UTF8_NAME = "page.form_field_not_utf8", "page.form_name_not_utf8"


class _SentParts(MultiPartParser):
    """Starlette's multipart parser -- the form's fields, its files spooled, its limits and refusals --
    keeping besides each part as sent: (name, value) for a field of text, (name, the file's name) for a
    file (``sent``); the files' contents are not kept twice.  Its callbacks and ``_current_part`` are
    Starlette's; the pages' tests of a GBK upload fail if they change."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.sent: list[tuple[bytes, bytes]] = []
        self._name = b""

    def on_headers_finished(self) -> None:
        super().on_headers_finished()
        _, options = parse_options_header(self._current_part.content_disposition)
        self._name = options.get(b"name", b"")
        if b"filename" in options:
            self.sent.append((self._name, options[b"filename"]))

    def on_part_end(self) -> None:
        super().on_part_end()
        if self._current_part.file is None:
            self.sent.append((self._name, bytes(self._current_part.data)))


async def _multipart(request: Request) -> tuple[FormData, list[tuple[bytes, bytes]], str]:
    """A multipart body's fields as ``request.form()`` reads them (400 when Starlette refuses the body,
    as it does), their parts as sent (``_SentParts.sent``) and the charset Starlette reads them in (the
    body's declared one, else UTF-8; one Python does not know: Latin-1, as Starlette does, where every
    byte is a character) -- from one parse of the body."""
    _, params = parse_options_header(request.headers.get("content-type", ""))
    try:
        charset = codecs.lookup(params.get(b"charset", b"utf-8").decode("latin-1")).name
    except LookupError:
        charset = "latin-1"
    await request.body()  # kept: a later reader of the body finds it
    parser = _SentParts(request.headers, request.stream())  # the limits request.form() has by default
    try:
        fields = await parser.parse()
    except MultiPartException as exc:
        raise HTTPException(status_code=400, detail=exc.message) from None
    request._form = fields  # as request.form() keeps it: not parsed again, its files closed with the request
    return fields, parser.sent, charset


def required(form: Form, *names: str) -> None:
    """Every field in ``names`` filled in (all missing ones named at once)."""
    missing = [Problem(t("page.required"), field=n) for n in names if not form.text(n) and not form.list(n)]
    if missing:
        raise InputError(missing)


async def decide_form(request: Request, who: Viewer, snap: Snapshot, log: GroupCommit | None,
                      decide: Callable[[Form], tuple[dict, Decided]],
                      again: Callable[[dict, list[Problem], int], Response]) -> tuple[dict, Decided] | Response:
    """The input a form describes and its decision, logged before it is shown; or the form again,
    with its problems, when the input is not one the pack can decide."""
    form = await read_form(request, who)
    try:
        raw, decision = decide(form)
    except InputError as exc:
        return again(form.shown(), exc.problems, getattr(exc, "status", 422))
    await run_in_threadpool(acknowledge, who.principal, snap, [(raw, decision)], log)  # logged, then shown
    return raw, decision
