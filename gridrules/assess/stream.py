"""Records read in bounded memory: files cut into byte-range shards, each read line by line.

A shard is a byte range of one file whose ends fall on line starts, so every line is in
exactly one shard; it knows the number of its first line (counted once, by scanning the
file's bytes for newlines), so a record is named ``path:line`` as a whole-file read names
it.  Lines split on ``\\n`` only, as ``gridrules`` reads JSON Lines everywhere.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import MISSING, dataclass, fields
from itertools import islice
from typing import Any, Iterator

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason
from gridrules.errors import InputError, Location, Problem
from gridrules.log.records import Record
from gridrules.pack.jsonline import json_line
from gridrules.pack.yamlsrc import LOOK, not_text, saved_as, without_bom

CHUNK = 1 << 20  # bytes read at a time when looking for line starts
HEAD = 16  # the first bytes of a file that tell a workbook or a PDF (``not_text``)
# the first such line of YAML records (a list of them, or documents after ---; route --record's form), which
# no JSON line starts with: a document marker or directive, a list item, a plain mapping key
_YAML_START = re.compile(r"(---|%YAML|-( |$)|[^\s\"'{\[\]#\-0-9][^:]*:( |$))")
YAML_LINES = 5  # YAML's first lines (not blank, no comment): none of them a JSON object's, at the line's start
# how YAML records become JSON Lines (PyYAML, which gridrules brings): {file} in, {out} written
YAML_TO_LINES = ("python -c \"import sys, json, yaml; [print(json.dumps(r, ensure_ascii=False, default=str)) "
                 "for d in yaml.safe_load_all(open(sys.argv[1], encoding='utf-8')) "
                 "for r in (d if isinstance(d, list) else [d])]\" {file} > {out}")


@dataclass(frozen=True)
class Shard:
    path: str
    index: int  # the file's place among the inputs (records are ordered by it, then by line)
    start: int  # byte offset of the first line
    end: int  # byte offset past the last line
    first_line: int  # 1-based number of the line at ``start``
    shown: str = ""  # the name records are given (the path, or <stdin> for a spooled stdin)

    @property
    def name(self) -> str:
        return self.shown or self.path


def _line_starts(handle: Any, offsets: list[int]) -> list[tuple[int, int]]:
    """For each of ``offsets`` (ascending): the first line start at or after it and how many
    newlines lie before that.  The newlines are counted on from the previous cut, so the
    file is read once, not once per cut (at 190 cuts of a 3 GB file, 1.5 GB a cut)."""
    out = []
    newlines, pos = 0, 0
    for offset in offsets:
        if offset > 0:
            handle.seek(offset - 1)
            offset += len(handle.readline()) - 1  # to just past the newline ending the line at offset - 1
        handle.seek(pos)
        while pos < offset:
            chunk = handle.read(min(CHUNK, offset - pos))
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            pos += len(chunk)
        out.append((offset, newlines))
    return out


# how records written as one JSON array become JSON Lines (Python, which gridrules runs on): {file} in, {out} written
ARRAY_TO_LINES = ("python -c \"import sys, json; [print(json.dumps(r, ensure_ascii=False)) "
                  "for r in json.load(open(sys.argv[1], encoding='utf-8-sig'))]\" {file} > {out}")


def _first_lines(head: bytes) -> list[str]:
    """The first lines of ``head`` that are not blank or a comment (YAML_LINES of them), as text: UTF-8,
    else GBK (a table Excel saved as "CSV" on a Chinese system), a character cut by the head's end replaced."""
    data = without_bom(head)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8" if exc.start > len(data) - 4 else "gbk", "replace")
    lines = (line.rstrip("\r") for line in text.split("\n"))
    return list(islice((x for x in lines if x.strip() and not x.lstrip().startswith("#")), YAML_LINES))


def _convert(template: str, shown: str, unnamed: str, named: bool = False) -> str:
    """``template`` filled with the file given (``shown``; ``unnamed`` when it is no local file: stdin, a
    URL) and a .jsonl beside it -- never the file itself, which ``>`` would empty before it is read.
    ``named``: ``shown`` is the user's own file's name though it is no file here (an upload: the file
    is on the user's computer, where the command is run)."""
    local = (named and bool(shown)) or os.path.isfile(shown)
    given = shown if local else unnamed
    out = os.path.splitext(given)[0] + ".jsonl"
    if out == given:
        out = os.path.splitext(given)[0] + "-lines.jsonl"
    return template.format(file=shlex.quote(given), out=shlex.quote(out))


def yaml_records(head: bytes, shown: str, named: bool = False) -> str | None:
    """What is wrong with a file whose first bytes are ``head`` when it holds YAML records rather than
    JSON Lines -- told by its first line that is not blank or a comment (YAML's: ``---``, a list item, a
    key) with no JSON object starting a line after it, once a file, not by a "not JSON" on every line --
    with how to convert it (``shown``: the name it was given as); None otherwise."""
    first = _first_lines(head)
    # a stray first line (a log line, a title) before JSON records is not YAML: they are read as ever
    if not first or _YAML_START.match(first[0]) is None or any(x.startswith("{") for x in first):
        return None
    return t("assess.yaml_records", convert=_convert(YAML_TO_LINES, shown, t("assess.yaml_file"), named))


def array_records(head: bytes, shown: str, named: bool = False) -> str | None:
    """What is wrong with a file whose first character that is not blank is ``[``: records written as
    one JSON array (a system's "export as JSON"), which line by line is a "not JSON" on every line (or one
    list, when the array is on one line) -- with how to convert it; None otherwise."""
    if not without_bom(head).lstrip().startswith(b"["):
        return None
    return t("assess.array_records", convert=_convert(ARRAY_TO_LINES, shown, t("assess.array_file"), named))


def table_records(head: bytes) -> str | None:
    """What is wrong with a file whose first line (not blank) is a table's header -- column names apart
    by commas (or tabs), no JSON object starting a line after it -- a CSV export, in UTF-8 or in GBK; None
    otherwise."""
    first = _first_lines(head)
    if not first or first[0].lstrip().startswith(("{", "[")) or any(x.startswith("{") for x in first):
        return None
    header = first[0].strip()
    if "," not in header and "\t" not in header:
        return None
    return t("assess.table_records", header=header if len(header) <= 40 else header[:40] + "…")


# the fields every decision-log record has (``gridrules log export`` writes one a line: ``Record.as_dict``)
_LOG_FIELDS = frozenset(f.name for f in fields(Record) if f.default is MISSING)
# an exported record's start, for a first line longer than the head (its fields in ``Record.as_dict``'s order)
_LOG_START = re.compile(r'\{\s*"seq"\s*:\s*\d+\s*,\s*"kind"\s*:')


def log_export(head: bytes) -> str | None:
    """What is wrong with a file whose first line (not blank) is a decision-log record -- ``gridrules log
    export``'s output, whose lines are decisions (an event or task and what was decided then), not events'
    lifecycles: said once for the file, with what assess reads instead, not as a record missing its event
    and having a dozen unknown fields on every line; None otherwise."""
    first = _first_lines(head)
    if not first:
        return None
    line = first[0].strip()
    try:
        data = json.loads(line)
    except ValueError:  # cut by the head's end (or not JSON: then no log's either)
        data = None
    if not (isinstance(data, dict) and _LOG_FIELDS <= set(data)) and (data is not None or not _LOG_START.match(line)):
        return None
    return t("assess.log_export")


def refused(head: bytes, shown: str, reads: str | None = None, named: bool = False, records: bool = True) -> str | None:
    """What is wrong with a records file whose first bytes are ``head``, when it is not JSON Lines as a
    whole -- a workbook or a PDF, a decision-log export (``records``: the file is to hold lifecycle records),
    YAML records, one JSON array, a CSV table: said once for the file (with
    how to convert it where a command can), records saved as GBK or UTF-16: said once for the file (with
    how to save it as UTF-8), not as a "not JSON" or "not UTF-8" on every line; None otherwise.  ``reads``:
    what is read instead of a workbook (default: assess's records); ``named``: ``shown`` is an uploaded
    file's own name, which the conversion names (see ``_convert``)."""
    said = not_text(head[:HEAD], reads if reads is not None else t("assess.reads"))
    encoding = saved_as(without_bom(head)) if said is None else None
    if encoding == "UTF-16":  # before the shapes below: UTF-16's zero bytes read as a table's or YAML's text
        return t("doc.saved_as", encoding=encoding)
    said = (said or (log_export(head) if records else None) or yaml_records(head, shown, named)
            or array_records(head, shown, named) or table_records(head))
    if said is None and encoding is not None:  # records saved as GBK (Notepad's): said once, not on every line
        said = t("doc.saved_as", encoding=encoding)
    return said


def split(paths: list[str], parts: int, shown: list[str] | None = None) -> list[Shard]:
    """Cut the files into about ``parts`` shards of similar size (a file is never merged with another).
    A file that cannot be read, or that is no JSON Lines as a whole (``refused``: a workbook, a PDF,
    YAML records, a JSON array, a CSV table), is refused as a whole, every such file at once, before
    any record is read."""
    sizes, problems = [], []
    for index, path in enumerate(paths):
        shown_as = shown[index] if shown else path
        try:
            with open(path, "rb") as handle:
                head = handle.read(LOOK)
                kind = refused(head, shown_as)
                sizes.append(os.fstat(handle.fileno()).st_size)
        except OSError as exc:
            problems.append(Problem(t("doc.cannot_read", reason=os_reason(exc)), Location(shown_as)))
            continue
        if kind is not None:
            problems.append(Problem(kind, Location(shown_as)))
    if problems:
        raise InputError(problems)
    per = max(1, sum(sizes) // max(1, parts))
    shards: list[Shard] = []
    for index, (path, size) in enumerate(zip(paths, sizes)):
        count = max(1, round(size / per))
        with open(path, "rb") as handle:
            cuts = _line_starts(handle, [size * k // count for k in range(count)]) + [(size, -1)]
        for (start, newlines), (end, _) in zip(cuts, cuts[1:]):
            if end > start:
                shards.append(Shard(path, index, start, end, newlines + 1, shown[index] if shown else ""))
    return shards


def raw_lines(shard: Shard) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes without the newline)`` for every line of the shard."""
    with open(shard.path, "rb") as handle:
        handle.seek(shard.start)
        pos, number = shard.start, shard.first_line
        first = shard.start == 0  # the file's first line: a byte order mark before it is no character
        while pos < shard.end:
            chunk = handle.readline()
            if not chunk:
                break
            pos += len(chunk)
            if first:
                chunk, first = without_bom(chunk), False
            yield number, chunk.removesuffix(b"\n")
            number += 1


def line_blocks(shard: Shard) -> Iterator[bytes]:
    """The shard's bytes in blocks of whole lines (about CHUNK bytes each, newlines kept):
    the lines ``raw_lines`` gives, joined by the newlines that end them."""
    with open(shard.path, "rb") as handle:
        handle.seek(shard.start)
        left, rest = shard.end - shard.start, b""
        while left > 0:
            read = handle.read(min(CHUNK, left))
            if not read:
                break
            left -= len(read)
            data = rest + read  # a line cut by the last block's end, whole now or later
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield data[:cut]
        if rest:
            yield rest


def read_shard(shard: Shard) -> Iterator[tuple[int, str, Any, str]]:
    """``(line number, "path:line", data or the InputError of a bad line, the line's text)`` for each
    non-blank line (the text is kept until the record is judged: a refused record's problems are
    placed on it)."""
    name = shard.name
    for number, chunk in raw_lines(shard):
        found = _line(name, number, chunk)
        if found is not None:
            yield found


def _line(path: str, number: int, chunk: bytes) -> tuple[int, str, Any, str] | None:
    """What ``read_shard`` gives for one line (read as every JSON Lines reader reads one); None for a blank one."""
    line = json_line(chunk, path, number)
    if line is None:
        return None
    return number, f"{path}:{number}", line.error if line.error is not None else line.data, line.text


def source_location(source: str) -> Location:
    """Where a record ``read_shard`` named ``path:line`` is, as a ``Location`` (its problems point there)."""
    path, _, line = source.rpartition(":")
    return Location(path, int(line)) if path and line.isdigit() else Location(source)
