"""Reading task and event documents from files or stdin, one or a JSON Lines batch."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import click

from gridrules.errors import InputError, Location, Problem
from gridrules.pack.yamlsrc import Document, parse_json_line, parse_yaml

from .common import emit_json


def _read_text(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(), path
    except UnicodeDecodeError:
        raise InputError(Problem("file is not UTF-8 text", Location(path))) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror}", Location(path))) from None


def read_document(path: str) -> tuple[Any, Document]:
    """One YAML or JSON document, with positions for error messages."""
    text, shown = _read_text(path)
    doc, problems = parse_yaml(text, shown)
    if problems or doc is None:
        raise InputError(problems or [Problem("empty document", Location(shown))])
    if doc.data is None:
        raise InputError(Problem("empty document", Location(shown, 1, 1)))
    return doc.data, doc


@dataclass
class Line:
    number: int
    source: str
    data: Any = None
    error: InputError | None = None


def read_lines(path: str, text: str | None = None) -> Iterator[Line]:
    """JSON Lines: one document per non-blank line; a bad line carries its error.
    ``text``: the content already read (from a URL), ``path`` then only names it."""
    text, shown = (text, path) if text is not None else _read_text(path)
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        source = f"{shown}:{number}"
        try:
            yield Line(number, source, parse_json_line(raw))
        except ValueError as exc:
            yield Line(number, source, error=InputError(Problem(str(exc), Location(shown, number))))


def error_line(line: Line, error: InputError) -> dict:
    return {"line": line.number, "error": error.title, "problems": [p.as_dict() for p in error.problems]}


def run_batch(path: str, fmt: str, decide: Callable[[Line], Any], render_text: Callable[[Any], str],
              exit_of: Callable[[Any], int]) -> int:
    """Decide every line; a bad line gets an error line and the rest are still decided."""
    worst = 0
    for line in read_lines(path):
        try:
            if line.error is not None:
                raise line.error
            decision = decide(line)
        except InputError as exc:
            worst = 2
            if fmt == "json":
                click.echo(json.dumps(error_line(line, exc), ensure_ascii=False))
            else:
                click.echo(f"第{line.number}行 输入有误：" + "；".join(str(p) for p in exc.problems))
            continue
        worst = max(worst, exit_of(decision))
        if fmt == "json":
            click.echo(json.dumps(decision.model_dump(mode="json"), ensure_ascii=False))
        else:
            click.echo(render_text(decision))
    return worst


def decide_command(path: str, fmt: str, batch: bool, pack, validate: Callable, decide: Callable,
                   render_text: Callable[[Any, Any], str], render_line: Callable[[Any], str],
                   exit_of: Callable[[Any], int]) -> int:
    """check-task and route: one document (file or stdin) or a JSON Lines batch."""
    if batch:
        return run_batch(path, fmt, lambda line: decide(validate(line.data, pack, source=line.source)),
                         render_line, exit_of)
    raw, doc = read_document(path)
    decision = decide(validate(raw, pack, doc=doc))
    if fmt == "json":
        emit_json(decision.model_dump(mode="json"))
    else:
        click.echo(render_text(decision, raw))
    return exit_of(decision)
