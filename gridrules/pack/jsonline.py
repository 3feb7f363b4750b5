"""One JSON line read strictly, and a refusal placed at its field and column.

A batch's line (``check-task --batch``, ``route --batch``, the service's batches, ``assess``'s
records) is JSON, read by the json module's C decoder with hooks that refuse what gridrules will
not guess at: a key given twice, NaN or Infinity, an integer longer than Python reads, nesting
past ``MAX_DEPTH`` levels, half a surrogate pair.  The hooks know what is wrong but not where.  A
refused line -- rare, and already a problem -- is read once more by ``refusal``, a small reader
that keeps the path and the offset as it goes, so the problem names the field and its column as a
problem of a well-formed line does.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from json.scanner import NUMBER_RE
from dataclasses import replace
from typing import Any, Iterator, NamedTuple

from gridrules.catalogue import t
from gridrules.catalogue.syntax import json_problem
from gridrules.errors import InputError, Location, Problem, line_and_column
from gridrules.pack.yamlevents import MAX_DEPTH, MAX_DIGITS, Path, format_path, has_surrogate
from gridrules.pack.yamlsrc import Document, not_utf8, parse_yaml

__all__ = ["JSONLine", "JSONLineError", "Refusal", "is_json_lines", "json_line", "json_lines", "leading_string",
           "line_document", "loads_one_key_each", "line_problem", "parse_json_line", "placed_on_line", "refusal"]

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_BLANK = re.compile(r"[ \t\n\r]*")
_CONSTANTS = ("NaN", "Infinity", "-Infinity")
_WORDS = ("true", "false", "null")


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)  # in C; a key given twice leaves fewer keys than pairs
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(t("json.duplicate_key", name=key))
            seen.add(key)
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(t("json.constant", name=name))


def _refuse_long_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise ValueError(t("yaml.long_number", digits=len(text), max=MAX_DIGITS))
    return int(text)


def _check_json_value(data: Any, text: str) -> None:
    """Refuse nesting beyond MAX_DEPTH and, if the text escapes surrogates, half pairs."""
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                raise ValueError(t("yaml.too_deep", depth=MAX_DEPTH))
            items = list(node.items()) if isinstance(node, dict) else [(None, v) for v in node]
            for key, value in items:
                if surrogates and isinstance(key, str) and has_surrogate(key):
                    raise ValueError(t("yaml.half_surrogate"))
                stack.append((value, depth + 1))
        elif surrogates and isinstance(node, str) and has_surrogate(node):
            raise ValueError(t("yaml.half_surrogate"))


_STRICT = json.JSONDecoder(object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant,
                           parse_int=_refuse_long_int)
# for a text of at most MAX_DIGITS characters, which holds no longer number: integers read in C,
# without a call each (``_refuse_long_int`` would refuse none of them and give the same int)
_SHORT = json.JSONDecoder(object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)


class JSONLineError(ValueError):
    """A JSON line gridrules does not read: ``col`` (1-based) where, ``reason`` what is wrong there,
    ``field`` the field it is in ('' when the line is not JSON as far as that; ``syntax``: it is not
    JSON there, rather than JSON gridrules refuses); its message says the column and the reason, for
    a caller with no location to put the column in."""

    def __init__(self, col: int, reason: str, field: str = "", syntax: bool = True, line: int = 1):
        # one line (a batch's, a file's): its column; a body over several lines (a pretty-printed request): line too
        key = ("json.invalid" if syntax else "json.refused_at") + ("_line" if line > 1 else "")
        super().__init__(t(key, col=col, error=reason, line=line))
        self.line = line
        self.col = col
        self.reason = reason
        self.field = field
        self.syntax = syntax

    def problem(self, path: str | None = None, number: int = 0) -> Problem:
        """The refusal as a problem: at line ``number`` of ``path`` and its column, in a file; over
        HTTP (no path) the message says the column."""
        if path is None:
            return Problem(str(self), None, self.field)
        said = t("json.not_valid", error=self.reason) if self.syntax else self.reason
        return Problem(said, Location(path, number, self.col), self.field)


def line_problem(exc: ValueError, path: str, number: int) -> Problem:
    """What ``parse_json_line`` refused, placed at line ``number`` of ``path``: at its field and
    column, saying what is wrong there; at the line, if it could not be placed."""
    if isinstance(exc, JSONLineError):
        return exc.problem(path, number)
    return Problem(str(exc), Location(path, number))


class JSONLine(NamedTuple):
    """One non-blank line of a JSON Lines file: its number, its text, and its document or why it has none."""

    number: int
    text: str
    data: Any = None
    error: InputError | None = None


def json_lines(data: bytes, shown: str) -> Iterator[JSONLine]:
    """The lines of JSON Lines ``data`` (without a byte order mark), as every reader of a batch reads
    them (``assess`` its records and ``--decisions``, the pages' uploads): split on \\n only (U+2028,
    U+2029 and U+0085 may stand inside a JSON string), ``\\r\\n`` too; a bad line (even one that is not
    UTF-8) carries its error, placed in ``shown`` at its line, and the others are read."""
    for number, chunk in enumerate(data.split(b"\n"), start=1):
        line = json_line(chunk, shown, number)
        if line is not None:
            yield line


def json_line(chunk: bytes, shown: str, number: int) -> JSONLine | None:
    """Line ``number`` of ``shown`` (its bytes, without the \n), read as ``json_lines`` reads each;
    None for a blank one."""
    try:
        raw = chunk.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError as exc:
        return JSONLine(number, "", error=InputError(Problem(not_utf8(chunk, exc), Location(shown, number))))
    if not raw.strip():
        return None
    try:
        return JSONLine(number, raw, parse_json_line(raw))
    except ValueError as exc:
        return JSONLine(number, raw, error=InputError(line_problem(exc, shown, number)))


def parse_json_line(text: str) -> Any:
    """Parse one JSON Lines record strictly (no duplicate keys, no NaN/Infinity, no
    nesting past MAX_DEPTH, no numbers past MAX_DIGITS, no half surrogate pairs).

    Raises ``JSONLineError`` (a ``ValueError``) naming the column and, once the line is JSON as
    far as there, the field; the caller adds the line."""
    try:
        if text.startswith("\ufeff"):  # what json.loads refuses before decoding
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        # one decoder for every line (json.loads with hooks makes one a call)
        data = (_SHORT if len(text) <= MAX_DIGITS else _STRICT).decode(text)
    except json.JSONDecodeError as exc:
        cut = _cut_off(text, exc)
        if cut is not None:
            raise cut from None
        raise JSONLineError(exc.colno, json_problem(exc.msg), line=exc.lineno) from None
    except RecursionError:
        raise _placed(text, ValueError(t("yaml.too_deep", depth=MAX_DEPTH))) from None
    except ValueError as exc:  # a hook's refusal
        raise _placed(text, exc) from None
    # a value nested n deep needs n opening brackets in the text: fewer than MAX_DEPTH of
    # them and no escaped surrogate, and there is nothing to walk for
    if text.count("{") + text.count("[") >= MAX_DEPTH or _SURROGATE_ESCAPE.search(text) is not None:
        try:
            _check_json_value(data, text)
        except ValueError as exc:
            raise _placed(text, exc) from None
    return data


def _cut_off(text: str, exc: json.JSONDecodeError) -> JSONLineError | None:
    """A line (one: a body over several lines is no line) that stops before its JSON ends -- cut off, as
    an export or a copy cut short leaves it: said at the line's end, not as what the decoder expected
    there (a key, a comma) -- or that ends inside a string (no quote closes it before the line's end,
    whose start the decoder names); None for any other error."""
    body = text.rstrip(" \t\r")
    if "\n" in body:
        return None
    end = len(body) + 1  # the column just past the line's last character
    if exc.pos >= len(body):
        return JSONLineError(end, t("json.cut_off"))
    if exc.msg.startswith("Unterminated string") and not body.endswith('\\"'):
        return JSONLineError(end, t("json.cut_off_in_string", col=exc.colno))
    return None


# JSON as Python reads it (NaN, any number, any depth), a key given twice refused: which one is meant is a guess
_ONE_KEY_EACH = json.JSONDecoder(object_pairs_hook=_refuse_duplicates)


def loads_one_key_each(text: str) -> Any:
    """``text`` read as Python reads JSON (NaN, long numbers, any depth), but no key given twice
    (``ValueError``): to name what a line the strict reader refuses spells, never to judge it."""
    return _ONE_KEY_EACH.decode(text)


def is_json_lines(text: str) -> bool:
    """Whether ``text``, which is not one document, is JSON Lines (a batch): two or more lines, each a
    JSON object -- given where one document is read (``check-task`` without ``--batch``, the service's
    single-decision endpoints), it is told where a batch goes.  A day's file with a few broken lines
    is still one: the first line and most lines are JSON objects (the batch then answers the broken
    lines one by one)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False

    def json_object(line: str) -> bool:
        try:
            return isinstance(parse_json_line(line.removesuffix("\r")), dict)
        except ValueError:  # the strict reader's errors (nesting too deep among them) are ValueErrors
            return False

    return json_object(lines[0]) and 2 * sum(map(json_object, lines)) > len(lines)


def line_document(text: str, path: str, number: int, data: Any) -> Document | None:
    """Line ``number`` of ``path`` (``text``, read as ``data``) as a Document whose positions are in
    the file, for placing the problems of a line refused later; None for the rare JSON that YAML
    reads otherwise."""
    doc, problems = parse_yaml(text, path)
    if doc is None or problems or doc.data != data:
        return None
    shift = {key: (number, col) for key, (_, col) in doc.locations.items()}
    keys = {key: (number, col) for key, (_, col) in doc.key_locations.items()}
    return Document(path, doc.data, shift, keys)


_LAST_STEP = re.compile(r"(\.[^.\[]*|\[\d+\])$")


def placed_on_line(problems: list[Problem], text: str, data: Any, where: Location, within: str = "") -> list[Problem]:
    """``problems`` of the line at ``where`` (``text``, read as ``data``), each at the line but at no
    column, given the column of its field -- or of the nearest value holding it, for a field that is
    missing (as ``Document.locate`` places a problem); ``within``: the field of the line the
    problems' fields are relative to.  Worked out for refused lines only."""
    if not any(p.location == where and p.field for p in problems):
        return problems
    doc = line_document(text, where.path, where.line, data)
    if doc is None:
        return problems
    columns = {format_path(path): col for path, (_, col) in doc.locations.items()}
    out = []
    for problem in problems:
        field = problem.field if problem.location == where else ""
        if not field:
            out.append(problem)
            continue
        field = f"{within}.{field}" if within else field
        while field and field not in columns:
            field = _LAST_STEP.sub("", field) if _LAST_STEP.search(field) else ""
        # a field missing from the line itself: at the line's document, as ``Document.locate`` places it
        out.append(replace(problem, location=replace(where, col=columns.get(field, 1))))
    return out


def _placed(text: str, exc: ValueError) -> ValueError:
    found = refusal(text)
    if found is None:
        return exc
    line, col = line_and_column(text, found.offset)
    return JSONLineError(col, found.reason, format_path(found.path), False, line)


# --- placing a refusal ---------------------------------------------------------------------


class Refusal(NamedTuple):
    offset: int  # of the refused value (or key), 0-based
    path: Path  # the field it is, or is in
    reason: str


class _Refused(Exception):
    pass


def refusal(text: str) -> Refusal | None:
    """The first thing in ``text``, in reading order, that ``parse_json_line``'s hooks refuse,
    with its place; None when there is none before the text stops being JSON (the decoder then
    says where) or none at all."""
    try:
        _value(text, _blank(text, 0), (), 0)
    except _Refused as found:
        return found.args[0]
    except (ValueError, IndexError):  # not JSON from here on
        return None
    return None


def _blank(text: str, at: int) -> int:
    return _BLANK.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string anywhere


def _refuse(at: int, path: Path, reason: str) -> _Refused:
    return _Refused(Refusal(at, path, reason))


def _value(text: str, at: int, path: Path, depth: int) -> int:
    """Read the value at ``at``; where it ends (a refusal raised as ``_Refused``)."""
    first = text[at:at + 1]
    if first in ("{", "["):
        if depth >= MAX_DEPTH:
            raise _refuse(at, path, t("yaml.too_deep", depth=MAX_DEPTH))
        return (_object if first == "{" else _array)(text, _blank(text, at + 1), path, depth + 1)
    if first == '"':
        value, end = scanstring(text, at + 1)
        if has_surrogate(value):
            raise _refuse(at, path, t("yaml.half_surrogate"))
        return end
    for name in _CONSTANTS:
        if text.startswith(name, at):
            raise _refuse(at, path, t("json.constant", name=name))
    number = NUMBER_RE.match(text, at)
    if number is not None:
        integer, fraction, exponent = number.groups()
        if not fraction and not exponent and len(integer) > MAX_DIGITS:
            raise _refuse(at, path, t("yaml.long_number", digits=len(integer), max=MAX_DIGITS))
        return number.end()
    for word in _WORDS:
        if text.startswith(word, at):
            return at + len(word)
    raise ValueError(at)


def _object(text: str, at: int, path: Path, depth: int) -> int:
    if text[at:at + 1] == "}":
        return at + 1
    seen: set[str] = set()
    while True:
        if text[at:at + 1] != '"':
            raise ValueError(at)
        key, end = scanstring(text, at + 1)
        if has_surrogate(key):
            raise _refuse(at, path, t("yaml.half_surrogate"))
        if key in seen:
            raise _refuse(at, (*path, key), t("json.duplicate_key", name=key))
        seen.add(key)
        at = _blank(text, end)
        if text[at:at + 1] != ":":
            raise ValueError(at)
        at = _blank(text, _value(text, _blank(text, at + 1), (*path, key), depth))
        if text[at:at + 1] == "}":
            return at + 1
        if text[at:at + 1] != ",":
            raise ValueError(at)
        at = _blank(text, at + 1)


def _array(text: str, at: int, path: Path, depth: int) -> int:
    if text[at:at + 1] == "]":
        return at + 1
    index = 0
    while True:
        at = _blank(text, _value(text, at, (*path, index), depth))
        if text[at:at + 1] == "]":
            return at + 1
        if text[at:at + 1] != ",":
            raise ValueError(at)
        at = _blank(text, at + 1)
        index += 1


# --- a string read from a line that stops being JSON ---------------------------------------


class _Twice(Exception):
    """A key on the way given twice, or a value refused: no one string to read."""


def leading_string(text: str, keys: tuple[str, ...]) -> str | None:
    """The string at ``keys`` (object keys from the line's top) of a line that may stop being JSON
    partway (cut off, a quote missing): read only as far as the line is JSON, as ``parse_json_line``
    would read it -- so the string is read whole before the line breaks, never guessed at; None when
    it is not reached before then, is no string, or a key on its way is given twice up to there."""
    found: list[str] = []
    try:
        _along(text, _blank(text, 0), keys, found, 0)
    except _Twice:  # not one value
        return None
    except (_Refused, ValueError, IndexError, RecursionError):  # the line stops being JSON: what was read stands
        pass
    return found[0] if found else None


def _along(text: str, at: int, keys: tuple[str, ...], found: list[str], depth: int) -> int:
    """Read the object at ``at`` (where it ends), its ``keys[0]`` followed down the rest of ``keys``."""
    if text[at:at + 1] != "{" or depth >= MAX_DEPTH:
        return _value(text, at, (), depth)
    at = _blank(text, at + 1)
    if text[at:at + 1] == "}":
        return at + 1
    seen: set[str] = set()
    while True:
        if text[at:at + 1] != '"':
            raise ValueError(at)
        key, end = scanstring(text, at + 1)
        if key == keys[0] and key in seen:
            raise _Twice()
        seen.add(key)
        at = _blank(text, end)
        if text[at:at + 1] != ":":
            raise ValueError(at)
        at = _blank(text, at + 1)
        if key != keys[0]:
            at = _value(text, at, (), depth + 1)
        elif len(keys) > 1:
            at = _along(text, at, keys[1:], found, depth + 1)
        elif text[at:at + 1] == '"':
            value, at = scanstring(text, at + 1)
            if has_surrogate(value):  # half a surrogate pair: refused, as parse_json_line refuses it
                raise _Twice()
            found.append(value)
        else:
            at = _value(text, at, (), depth + 1)
        at = _blank(text, at)
        if text[at:at + 1] == "}":
            return at + 1
        if text[at:at + 1] != ",":
            raise ValueError(at)
        at = _blank(text, at + 1)
