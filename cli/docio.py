"""Reading task and event documents from files or stdin, one or a JSON Lines batch."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import click

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason
from gridrules.contract import kinds
from gridrules.decide.inputs import placed
from gridrules.errors import InputError, Location, Problem, said_once
from gridrules.log import Entry
from gridrules.log.minimise import entry as log_entry
from gridrules.log.store import LogStore
from gridrules.pack.names import resolved_words
from gridrules.pack.jsonline import is_json_lines, json_lines, line_document, parse_json_line
from gridrules.pack.yamlsrc import LOOK, Document, not_text, parse_yaml, saved_as, utf8_text, without_bom

from .common import emit_json

CLI_ROLE = "cli"  # the role a decision logged from the command line is recorded under


def _read_bytes(path: str, reads: str | None = None) -> tuple[bytes, str]:
    """The bytes of a file or of stdin (read as bytes: its text layer would let undecodable
    bytes through as surrogates), without a byte order mark at the start, and the name to show for it
    (``reads``: what the command reads, said when the file is a workbook or a PDF; default: a document)."""
    shown = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
        else:
            with open(path, "rb") as handle:
                data = handle.read()
        data = without_bom(data)
    except OSError as exc:
        raise InputError(Problem(t("doc.cannot_read", reason=os_reason(exc)), Location(shown))) from None
    kind = not_text(data, reads)  # a workbook or a PDF: named as a whole, not refused at its first byte or line
    if kind is not None:
        raise InputError(Problem(kind, Location(shown)))
    return data, shown


def _lines_bytes(path: str) -> tuple[bytes, str]:
    """The bytes of a JSON Lines file (``_read_bytes``), refused as a whole when it was saved as GBK or
    UTF-16 (``saved_as``, told by its first bytes), not as "not UTF-8" on every line."""
    data, shown = _read_bytes(path, t("doc.reads.lines"))
    encoding = saved_as(data[:LOOK])
    if encoding is not None:
        raise InputError(Problem(t("doc.saved_as", encoding=encoding), Location(shown)))
    return data, shown


def _read_text(path: str) -> tuple[str, str]:
    """The text of a file or of stdin, which must be UTF-8 (``utf8_text``: one saved as GBK or UTF-16
    is said so)."""
    data, shown = _read_bytes(path)
    return utf8_text(data, shown), shown


def read_document(path: str, batch_hint: bool = False) -> tuple[Any, Document]:
    """One YAML or JSON document, with positions for error messages; with ``batch_hint`` (a command
    that takes ``--batch``), JSON Lines is refused as such, with the option to add."""
    text, shown = _read_text(path)
    doc, problems = parse_yaml(text, shown)
    if problems and batch_hint and is_json_lines(text):
        raise InputError(Problem(t("dec.json_lines"), Location(shown)))
    if problems or doc is None:
        raise InputError(problems or [Problem(t("doc.empty"), Location(shown))])
    if doc.data is None:
        raise InputError(Problem(t("doc.empty"), Location(shown, 1, 1)))
    return doc.data, doc


def _one_document(data: bytes) -> bool:
    """Whether ``data``, given as JSON Lines, is one YAML or JSON document instead: its first line is
    not JSON and the whole reads as one mapping."""
    first = next((line for line in data.split(b"\n") if line.strip()), b"")
    try:
        parse_json_line(first.decode("utf-8").removesuffix("\r"))
        return False
    except ValueError:  # not JSON (nor UTF-8: UnicodeDecodeError is one too)
        pass
    try:
        doc, problems = parse_yaml(data.decode("utf-8"), "")
    except UnicodeDecodeError:
        return False
    return not problems and doc is not None and isinstance(doc.data, dict)


class OtherKind(InputError):
    """A document of another kind than the command reads."""


def other_kind(data: Any, expected: str, where: Location) -> OtherKind | None:
    """A document of another kind than ``expected`` (an event given to the task check, a lifecycle
    record routed as an event), named for what it is and what reads it; None when it is not one."""
    said = kinds.other_kind(data, expected, lambda found: t(
        "dec.read_by.event_not_record" if (found, expected) == ("event", "record") else f"dec.read_by.{found}"))
    return None if said is None else OtherKind(Problem(said, where))


@dataclass
class Line:
    number: int
    path: str
    text: str
    data: Any = None
    error: InputError | None = None

    @property
    def where(self) -> Location:
        return Location(self.path, self.number)

    @property
    def source(self) -> str:
        """``path:line``, how a record names where it came from."""
        return f"{self.path}:{self.number}"

    def document(self) -> Document | None:
        """This line as a Document whose positions are in the batch file (for located problems)."""
        return line_document(self.text, self.path, self.number, self.data)


def read_lines(path: str, text: str | None = None, data: bytes | None = None) -> Iterator[Line]:
    """JSON Lines: one document per non-blank line, split on \\n only (U+2028, U+2029 and
    U+0085 may stand inside a JSON string); a bad line (even one that is not UTF-8) carries
    its error and the others are read.  ``text`` or ``data``: the content already read (from a URL;
    the file's bytes), ``path`` then only names it."""
    if data is not None:
        shown = path
    else:
        data, shown = (without_bom(text.encode("utf-8", "surrogateescape")), path) if text is not None else _lines_bytes(path)
    for line in json_lines(data, shown):
        yield Line(line.number, shown, line.text, line.data, line.error)


def error_line(line: Line, error: InputError) -> dict:
    """Every error line has one shape: the line, the error's title, and its problems, each
    with the batch file's path, the line, the column (null when not known) and the field."""
    problems = []
    for problem in error.problems:
        found = problem.as_dict()
        found["path"], found["line"] = line.path, line.number
        found["col"] = found["col"] or None
        problems.append(found)
    return {"line": line.number, "error": error.code, "problems": problems}


class Output:
    """Where decisions are printed; with a decision log, printing waits for the log: lines are
    held, their decisions appended in one transaction (group commit), then printed."""

    GROUP = 256  # decisions per commit in a batch

    def __init__(self, log: LogStore | None = None) -> None:
        self.log = log
        self.lines: list[str] = []
        self.entries: list[Entry] = []

    def echo(self, text: str, entry: Entry | None = None) -> None:
        if self.log is None:
            click.echo(text)
            return
        self.lines.append(text)
        if entry is not None:
            self.entries.append(entry)
        if len(self.entries) >= self.GROUP:
            self.flush()

    def flush(self) -> None:
        if self.log is not None:
            self.log.append(self.entries)
            for text in self.lines:
                click.echo(text)
        self.lines, self.entries = [], []


def own_id(data: Any) -> str | None:
    """A task's or an event's id, the name of its line in a batch (None when it gives none)."""
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


def _said(line: Line, error: InputError, id_of: Callable[[Any], str | None]) -> str:
    """A bad line in words: its number and its document's id, said once, then each problem on it at
    its column alone (第55列), not again at the file and line."""
    problems = "；".join(said_once(error.problems, line.where))
    shown = id_of(line.data) if line.error is None else None
    if shown:
        return t("doc.batch_line_of", line=line.number, id=shown, problems=problems)
    return t("doc.batch_line", line=line.number, problems=problems)


def run_batch(path: str, fmt: str, decide: Callable[[Line], Any], render_text: Callable[[Any], str],
              exit_of: Callable[[Any], int], out: Output | None = None,
              to_entry: Callable[[Any, Any], Entry] | None = None, lines: Iterable[Line] | None = None,
              id_of: Callable[[Any], str | None] = own_id) -> int:
    """Decide every line (of ``path``, or the ``lines`` already read from it); a bad line gets an
    error line and the rest are still decided (``id_of``: the id a line's document is named by)."""
    out = out or Output()
    worst = 0
    for line in read_lines(path) if lines is None else lines:
        try:
            if line.error is not None:
                raise line.error
            decision = decide(line)
        except InputError as exc:
            worst = 2
            if fmt == "json":
                out.echo(json.dumps(error_line(line, exc), ensure_ascii=False))
            else:
                out.echo(_said(line, exc, id_of))
            continue
        worst = max(worst, exit_of(decision))
        entry = to_entry(line.data, decision) if to_entry is not None else None
        if fmt == "json":
            out.echo(json.dumps(decision.model_dump(mode="json"), ensure_ascii=False), entry)
        else:
            out.echo(render_text(decision), entry)
    out.flush()
    return worst


class Noted(NamedTuple):
    """A decision with notes on its input (problems that refuse nothing: a 延期 recorded after its
    limit), said on stderr at their fields' places, whatever the format, as warnings are."""

    decision: Any
    notes: list[Problem]


def _noted(found: Any, document: Callable[[], Document | None]) -> Any:
    """The decision ``decide`` made; its notes, if it has any, said on stderr, placed in the
    input's ``document`` (made only then: a batch's line is parsed again for it)."""
    if not isinstance(found, Noted):
        return found
    if found.notes:
        for problem in placed(InputError(found.notes), document()).problems:
            click.echo(str(problem), err=True)
    return found.decision


def decide_command(path: str, fmt: str, batch: bool, pack, validate: Callable, decide: Callable,
                   render_text: Callable[[Any, Any], str], render_line: Callable[[Any], str],
                   exit_of: Callable[[Any], int], reads: str, log: LogStore | None = None, kind: str = "",
                   id_of: Callable[[Any], str | None] = own_id) -> int:
    """check-task and route: one document (file or stdin) or a JSON Lines batch of the kind ``reads``
    (task, event, record); with ``log``, each decision is in the decision log before it is printed.
    ``decide`` may answer a decision with notes (``Noted``): they go to stderr, at their places in
    the file.  A document of another kind is refused as that kind, not field by field.  ``id_of``: the
    id a batch line's document is named by in its error line (a record's is its event's)."""
    def validated(data: Any, where: Location, **placing: Any) -> Any:
        try:
            return validate(data, pack, **placing)
        except InputError:
            other = other_kind(data, reads, where)
            if other is not None:
                raise other from None
            raise

    def to_entry(raw: Any, decision: Any) -> Entry:
        assert log is not None  # made only when there is a log
        return log_entry(kind, raw, decision.model_dump(mode="json"), pack, CLI_ROLE, log.key)

    if batch:
        def one(line: Line) -> Any:
            try:
                return _noted(decide(validated(line.data, line.where, source=line.where)), line.document)
            except OtherKind:
                raise
            except InputError as exc:
                doc = line.document()  # only for a refused line: say where on it each problem is
                if doc is not None:
                    validate(line.data, pack, doc=doc)
                raise placed(exc, doc) from None  # valid, refused while deciding

        data, shown = _lines_bytes(path)
        if _one_document(data):
            raise InputError(Problem(t("dec.not_json_lines"), Location(shown)))
        return run_batch(path, fmt, one, render_line, exit_of, Output(log), to_entry if log else None,
                         read_lines(shown, data=data), id_of)
    raw, doc = read_document(path, batch_hint=True)
    valid = validated(raw, Location(doc.path), doc=doc)
    try:
        decision = _noted(decide(valid), lambda: doc)
    except InputError as exc:
        raise placed(exc, doc) from None  # refused while deciding: at its field, as validation places
    if log is not None:
        log.append([to_entry(raw, decision)])
    if fmt == "json":
        emit_json(decision.model_dump(mode="json"))
    else:
        click.echo(render_text(decision, raw))
        names = resolved_words(pack, kind, raw) if kind else ""
        if names:
            click.echo(names)
    return exit_of(decision)
