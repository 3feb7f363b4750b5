"""Strict YAML (and JSON) loading that remembers where every value came from.

What "strict" means here, and why:

* duplicate keys are errors (PyYAML silently keeps the last one);
* dates and times stay text until a model parses them (``2026-12-01`` is not
  turned into a ``date`` behind our back, and ``12:30`` is not sexagesimal);
* booleans are only ``true``/``false`` (``no`` and ``on`` stay text: the
  "Norway problem"); integers are plain decimals and ``01`` stays text;
  ``.inf``/``.nan`` stay text and so never reach the engine as numbers;
* tags, anchors, aliases, merge keys and multi-document streams are refused;
* a plain value running on over a line that reads as a slip -- ``- mediate`` one space
  deeper than ``- patrol`` (legal YAML: the one text "patrol - mediate"), or a key
  (``subsidy：120``) -- is refused at that line (``Builder.continued``): text over lines
  is written quoted or as a block scalar, which are never held to it.

Every value's position can be had from ``Document.locations`` keyed by its path
(``("items", 3, "owners", 0)``), so later layers -- JSON Schema, pydantic,
cross-reference checks -- can point at ``file:line:col``.  The data is built
from the parser's events (no node tree), and positions are found only when
first asked for, by reading the text once more: a valid pack never pays for them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason, yaml_problem
from gridrules.errors import InputError, Location, Problem, line_and_column
from gridrules.pack.yamlindent import misindented
from gridrules.pack.yamlevents import _MAP, _SEQ, _STR, MAX_DEPTH, MAX_DIGITS, Builder, Path, format_path

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "Document", "Path", "compose", "describe_path", "format_path",
           "load_file", "parse_yaml", "BOM", "LOOK", "without_bom"]

# UTF-8's byte order mark, which Windows tools (Notepad, Excel's "CSV UTF-8") put at the start of
# a file: read as no character there (YAML skips it itself; a JSON line does not)
BOM = b"\xef\xbb\xbf"
# the first bytes of a text file looked at to tell what it holds before it is read line by line: the
# encoding it was saved in (``saved_as``), YAML records or a JSON array where JSON Lines belong (``assess.stream``)
LOOK = 64 << 10


# the first bytes of files that hold no text, which people give where text belongs: a workbook saved
# by Excel (.xlsx is a zip; .xls, like an old Word document, an OLE compound file), a PDF
_NOT_TEXT = ((b"PK\x03\x04", "doc.zip_file"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc.ole_file"),
             (b"%PDF-", "doc.pdf_file"))


def not_text(data: bytes, reads: str | None = None) -> str | None:
    """What ``data`` is, in words, when its first bytes show a file that holds no text (a workbook, a
    PDF), and what is read instead: ``reads`` (the command's words, e.g. ``t("doc.reads.lines")``;
    default: a YAML or JSON document); None otherwise."""
    for magic, key in _NOT_TEXT:
        if data.startswith(magic):
            return t(key, reads=reads if reads is not None else t("doc.reads.documents"))
    return None


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """What is wrong with ``data``, which is not UTF-8 from byte ``exc.start``: a workbook or a PDF is
    named for what it is; text in GBK (what Windows Notepad saves as "ANSI" on a Chinese system) is
    told so, with how to save it as UTF-8."""
    kind = not_text(data)
    if kind is not None:
        return kind
    said = t("doc.not_utf8", byte=exc.start + 1)
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return said
    return said + t("doc.gbk_hint")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # what Notepad's "Unicode" (UTF-16) puts at a file's start
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # in no text a person writes: in a binary file's


def saved_as(data: bytes) -> str | None:
    """The encoding a text file (or its first bytes) was saved in instead of UTF-8, as Windows tools
    save one: "UTF-16" (Notepad's "Unicode"), told by its byte order mark, the rest reading as UTF-16, or
    without one when it is mostly ASCII (``_utf16_unmarked``);
    "GBK" (Notepad's "ANSI" on a Chinese system) when most of the bytes that are not ASCII are not UTF-8's
    (Chinese) characters and all read as GBK, with no control character but line breaks and tabs (a binary file seldom does).  None otherwise: UTF-8 text (a character cut by the end of ``data`` too), one bad
    line in UTF-8 text (said at its line), a binary file."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data[:len(data) - len(data) % 2].decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if _CONTROL.search(text) else "UTF-16"
    if b"\x00" in data and _utf16_unmarked(data):
        return "UTF-16"
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            return None
    # GBK's pairs often read as two-byte UTF-8 by chance (一, D2 BB, as U+04BB), seldom as the three bytes
    # of UTF-8's Chinese; UTF-8 text may have one line in GBK pasted in: GBK when most of the bytes that
    # are not ASCII are not UTF-8 of three bytes or four
    read = sum(len(c.encode()) for c in data.decode("utf-8", "ignore") if c >= "\u0800")
    if 2 * read >= sum(1 for b in data if b > 0x7F):
        return None
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError as exc:
        if exc.end < len(data):  # a character cut by the end of the first bytes is no sign of another encoding
            return None
        text = data[:exc.start].decode("gbk")
    return None if _CONTROL.search(text) else "GBK"


def _utf16_unmarked(data: bytes) -> bool:
    """UTF-16 without a byte order mark (some Windows tools save it so), told in the common case, text
    that is mostly ASCII (YAML's keys, JSON's punctuation, spaces, line breaks): at least a quarter of its
    two-byte units, in one byte order, an ASCII character and a zero byte -- which UTF-8 text never has
    (it holds no zero byte) -- and the whole reading as UTF-16 in that order, with no control character
    but line breaks and tabs.  Text in UTF-16 that is almost all Chinese is not told (None: "not UTF-8")."""
    even = data[:len(data) - len(data) % 2]
    units = len(even) // 2
    if units < 2:
        return False
    for order, low, high in (("utf-16-le", even[0::2], even[1::2]), ("utf-16-be", even[1::2], even[0::2])):
        if 4 * sum(1 for lo, hi in zip(low, high) if hi == 0 and 0 < lo < 0x80) < units:
            continue
        try:
            text = even.decode(order)
        except UnicodeDecodeError as exc:  # a pair of units cut by the end of the first bytes: read up to it
            if exc.end < len(even) - 2:
                return False
            text = even[:exc.start].decode(order)
        return not _CONTROL.search(text)
    return False


def utf8_text(data: bytes, shown: str) -> str:
    """The text of a file read as input -- a task, an event, a record, an application, a pack file --
    which must be UTF-8: one saved as GBK or UTF-16 (``saved_as``) is refused as such, with how to save
    it as UTF-8; other bytes that are not UTF-8 at their line and column (``not_utf8``).  ``InputError``
    naming the file (``shown``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = not_utf8_at(data, exc)
        encoding = saved_as(data)
        said = t("doc.saved_as", encoding=encoding) if encoding is not None else not_utf8(data, exc)
        if encoding == "UTF-16" and not data.startswith(_UTF16_BOMS):  # no byte at fault: the whole file is
            raise InputError(Problem(said, Location(shown))) from None
        raise InputError(Problem(said, Location(shown, line, col))) from None
    if "\x00" in text and saved_as(data[:LOOK]) == "UTF-16":  # UTF-16 of ASCII alone reads as UTF-8 with zeros
        raise InputError(Problem(t("doc.saved_as", encoding="UTF-16"), Location(shown)))
    return text


def not_utf8_at(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """The line and column (1-based, in bytes) of the first byte that is not UTF-8."""
    start = exc.start
    return data.count(b"\n", 0, start) + 1, start - data.rfind(b"\n", 0, start)


def without_bom(data: bytes) -> bytes:
    """A file's bytes without a byte order mark at its very start (one anywhere else stays, and
    its line is refused).  Lines keep their numbers; the first line's columns are counted from
    the character after it, as editors show them."""
    return data[len(BOM):] if data.startswith(BOM) else data

_PLAIN = "gridrules:plain"  # a plain (unquoted) scalar, typed by the builder
_DEFAULT_TAG = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}


class _StrictResolver:
    """Tags nodes without tags: plain scalars are typed later by the builder (only
    null, bool, decimal int and decimal float; the rest is text), so the parser
    does no regex work of its own."""

    def __init__(self) -> None:
        pass

    def descend_resolver(self, current_node, current_index) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return _DEFAULT_TAG[kind]


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _StrictResolver,
):
    """PyYAML's pure-Python parser with the same resolver."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StrictResolver.__init__(self)


# The parsers to try, fastest first: libyaml's (~3x faster) when PyYAML was built with it,
# then the pure-Python one, which alone reads "\ud83d\ude00" (same resolver either way).
_LOADERS: tuple[type, ...] = (_PyLoader,)
try:
    from yaml._yaml import CParser as _Parser  # the C parser (yaml.cyaml uses the same)

    class _CLoader(_Parser, _StrictResolver):
        def __init__(self, stream):
            _Parser.__init__(self, stream)
            _StrictResolver.__init__(self)

    _LOADERS = (_CLoader, _PyLoader)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    pass


class Document:
    """A parsed file: its data and the (line, column) of every value in it.

    Positions are found when first asked for (a valid pack never asks): the text is
    parsed once more then.  Keeping them for every value of a 50 MB registry cost
    more than a gigabyte."""

    def __init__(self, path: str, data: Any, locations: dict[Path, tuple[int, int]] | None = None,
                 key_locations: dict[Path, tuple[int, int]] | None = None, source: str | bytes | None = None):
        self.path = path
        self.data = data
        self._locations = locations
        self._key_locations = key_locations
        self._source = source  # the text (or its UTF-8), while positions have not been needed

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    def renamed(self, path: str) -> Document:
        """The same document shown under another path."""
        return Document(path, self.data, self._locations, self._key_locations, self._source)

    def _index(self) -> None:
        source = self._source  # read once: another thread may be finding the same positions
        if self._locations is not None or source is None:
            return
        text = source.decode("utf-8") if isinstance(source, bytes) else source
        builder = Builder(self.path, _LOADERS[0](text), positions=True)
        try:
            builder.document()
        except yaml.MarkedYAMLError:  # the text the data came from read with the other parser
            builder = Builder(self.path, _LOADERS[-1](text), positions=True)
            builder.document()
        self._key_locations = builder.key_locations
        self._locations = builder.locations  # last: it says the positions are there
        self._source = None

    @property
    def locations(self) -> dict[Path, tuple[int, int]]:
        self._index()
        return self._locations if self._locations is not None else {}

    @property
    def key_locations(self) -> dict[Path, tuple[int, int]]:
        self._index()
        return self._key_locations if self._key_locations is not None else {}

    def locate_key(self, path: Path) -> Location:
        """The position of the key that introduces ``path`` (for unknown keys)."""
        found = self.key_locations.get(tuple(path))
        return Location(self.path, *found) if found else self.locate(path)

    def locate(self, path: Path) -> Location:
        """The position of ``path``, or of its nearest enclosing value."""
        locations = self.locations
        path = tuple(path)
        while path:
            if path in locations:
                return Location(self.path, *locations[path])
            path = path[:-1]
        return Location(self.path, *locations.get((), (1, 1)))


def copy_data(data: Any) -> Any:
    """A deep copy of parsed YAML or JSON data (dicts, lists and scalars; far quicker than
    ``copy.deepcopy``)."""
    if isinstance(data, dict):
        return {k: copy_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [copy_data(v) for v in data]
    return data


_ID_KEYS = ("id", "code", "ref")


def describe_path(data: Any, path: Path) -> str:
    """Like ``format_path`` but names list entries by their id: ``L13.owners[0]``."""
    out = ""
    node = data
    for part in path:
        entry_id = None
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            entry = node[part]
            if isinstance(entry, dict):
                entry_id = next((entry[k] for k in _ID_KEYS if isinstance(entry.get(k), str)), None)
        if entry_id is not None:
            out = entry_id
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out


def _compose(text: str, loader_class: type) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def compose(text: str) -> Node | None:
    """The node tree of a YAML text (the strict loader's parser; plain scalars are untyped)."""
    return _compose(text, _LOADERS[0])


def _build(text: str, path: str) -> tuple[bool, Any, list[Problem]]:
    """(whether there is a document, its data, the builder's problems), or raises the parser's error."""
    loader = _LOADERS[0](text)
    try:
        try:
            found, data = (builder := Builder(path, loader, positions=False, text=text)).document()
        except yaml.MarkedYAMLError as exc:
            # libyaml refuses "\ud83d\ude00", which json.dumps writes for any emoji by default;
            # the pure-Python reader reads each half, and the builder joins the pair
            if "invalid Unicode character escape" not in str(exc) or len(_LOADERS) == 1:
                raise
            loader.dispose()
            loader = _LOADERS[-1](text)
            found, data = (builder := Builder(path, loader, positions=False, text=text)).document()
    finally:
        loader.dispose()
    return found, data, builder.problems


# what YAML's reader refuses (PyYAML's ``Reader.NON_PRINTABLE``; libyaml refuses the same)
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _bad_character(text: str, path: str) -> Problem:
    """The first character YAML's reader refuses, at its line and column (the reader's own
    error gives an offset, in characters or in bytes depending on the reader, and English)."""
    found = _NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - the reader refused something
        return Problem(t("yaml.syntax", what=t("yaml.bad_character", code="?")), Location(path))
    line, column = line_and_column(text, found.start())
    code = f"U+{ord(found.group()):04X}"
    return Problem(t("yaml.syntax", what=t("yaml.bad_character", code=code)), Location(path, line, column))


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')  # a quoted text on one line (what it holds is text)
# a full-width space (U+3000, an input method's) where YAML needs a space: indenting a line, after a key's
# ':', a list entry's '-' or a flow collection's ',' (one inside a text, 青山区　网格, is text)
_FW_INDENT = re.compile("^[ \u3000]*\u3000[ \u3000]*(?:-[ \u3000]|[^\\s:#]+:(?:\\s|$))")  # before a key or a '-'
_FW_AFTER = re.compile("[:,\\-]\u3000")


def _outside_quotes(line: str) -> str:
    """``line`` with its quoted texts and its comment blanked out (columns kept)."""
    line = _QUOTED.sub(lambda m: " " * len(m.group()), line)
    comment = re.search(r"(?:^|\s)#", line)
    return line[:comment.start()] if comment else line


def _full_width(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A full-width space (U+3000) typed where YAML needs a space, or a full-width comma '，' between
    the entries of a ``{...}``/``[...]``, told at its own line and column: the parser reports the
    line after or the character after, without naming it."""
    problem, context = exc.problem_mark, exc.context_mark
    if problem is None:
        return None
    first = min(problem.line, context.line if context is not None else problem.line, max(problem.line - 1, 0))
    lines = text.splitlines()
    flow = "','" in (exc.problem or "")
    for number in range(first, min(problem.line, len(lines) - 1) + 1):
        line = _outside_quotes(lines[number])
        indent = _FW_INDENT.match(line)
        if indent:
            return Problem(t("yaml.syntax", what=t("yaml.full_width_indent")),
                           Location(path, number + 1, line.index("\u3000") + 1))
        after = _FW_AFTER.search(line)
        if after:
            return Problem(t("yaml.syntax", what=t("yaml.full_width_space")), Location(path, number + 1, after.end()))
        comma = line.find("，")
        if flow and comma >= 0:
            return Problem(t("yaml.syntax", what=t("yaml.full_width_comma")), Location(path, number + 1, comma + 1))
    return None


def _tab(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A tab where YAML reads a token (a line indented with the Tab key): libyaml's reader names no
    character, PyYAML's one a person cannot see (字符 '\\t'), so the tab is named at its place."""
    mark = exc.problem_mark
    if mark is None or "cannot start any token" not in (exc.problem or ""):
        return None
    lines = text.splitlines()
    if mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t":
        return Problem(t("yaml.syntax", what=t("yaml.tab")), Location(path, mark.line + 1, mark.column + 1))
    return None


def _missing_colon(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A key without its ':' as people type it -- a full-width '：' (an input method's), no space
    after ':' (``department:民政局``), or none at all -- is told at its own line: YAML reports it on
    the line after, as a ':' missing there."""
    mark = exc.context_mark
    if mark is None or exc.context != "while scanning a simple key":
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    where = line.find("：")
    if where >= 0:
        return Problem(t("yaml.syntax", what=t("yaml.full_width_colon")), Location(path, mark.line + 1, where + 1))
    glued = re.match(r"\s*(?:-\s+)?[^\s:#]+:(?=\S)", line)
    if glued:
        return Problem(t("yaml.syntax", what=t("yaml.colon_space")), Location(path, mark.line + 1, glued.end()))
    if ":" not in line:
        return Problem(t("yaml.syntax", what=t("yaml.no_colon")), Location(path, mark.line + 1, len(line.rstrip()) + 1))
    return None


# several "key: value" on one line without the braces of a flow mapping ("- id: baiyun, name: 白云镇"), or
# a mapping as the value of a key on its line ("effective: from: 2027-01-01, to: …"; of one key, a number:
# "close: working_days: 3" -- "c: d: e" may as well be text with a colon, told as that)
_FIELD = r"[A-Za-z_][A-Za-z0-9_]*:\s+[^,{\[#:]*"  # a pack's key (a text's own colon is not one: quote it)
_UNBRACED = re.compile(rf"(?P<lead>\s*(?:-\s+)?)(?P<fields>{_FIELD}(?:,\s*{_FIELD})+?)\s*")
_UNBRACED_VALUE = re.compile(rf"(?P<lead>\s*(?:-\s+)?[^\s{{\[#'\":,][^:#,]*:\s+)"
                             rf"(?P<fields>{_FIELD}(?:,\s*{_FIELD})+?|[A-Za-z_][A-Za-z0-9_]*:\s+[0-9]+)\s*")


def _unbraced(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """Several ``key: value`` on one line, as an entry written like its neighbours but without their braces
    (``- id: baiyun, name: 白云镇``), or a mapping written after its key on one line without them (``close:
    working_days: 3``): YAML reads the rest as the first value and refuses the second colon."""
    mark = exc.problem_mark
    if mark is None or exc.problem is None or not exc.problem.startswith("mapping values are not allowed"):
        return None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    found = _UNBRACED.fullmatch(line) or _UNBRACED_VALUE.fullmatch(line)
    if found is None:
        return None
    what = t("yaml.unbraced", written=f"{found.group('lead').strip()} {{{found.group('fields')}}}".strip())
    return Problem(t("yaml.syntax", what=what), Location(path, mark.line + 1, len(found.group("lead")) + 1))


# a key typed with an input method's full-width colon, as a line begins it (``title：大足区``, ``- id：D01``)
_FW_KEY = re.compile(r"\s*(?:-\s+)?[^\s:#：'\"]+：")


def _full_width_key_above(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A file's first key typed with a full-width '：' is told at its own line: YAML reads that line as
    the start of a text running on to the next key, and blames that key's ':' (mapping values are not
    allowed here)."""
    mark = exc.problem_mark
    if mark is None or exc.context is not None or "mapping values are not allowed" not in (exc.problem or ""):
        return None
    lines = text.splitlines()
    if mark.line >= len(lines) or ":" in lines[mark.line][:mark.column]:  # (``key: a: b``: the colon's own)
        return None
    above = next((n for n in range(mark.line - 1, -1, -1) if lines[n].strip()), None)
    found = _FW_KEY.match(_outside_quotes(lines[above])) if above is not None else None
    if above is None or found is None:
        return None
    return Problem(t("yaml.syntax", what=t("yaml.full_width_colon")), Location(path, above + 1, found.end()))


def _misindented(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """A line indented to no level the lines above open, told as that at its own line (YAML says a
    ``key: value`` is not allowed there, or that a ``-`` or a key is missing)."""
    mark = exc.problem_mark
    found = misindented(text, mark.line) if mark is not None else None
    if found is None:
        return None
    line, column, name, other, spaces = found
    key = "yaml.indented_more" if spaces > 0 else "yaml.indented_less"
    name = t("yaml.indent_entry") if name == "-" else t("yaml.indent_key", name=name)
    what = t(key, line=line, other=other, name=name, n=abs(spaces))
    return Problem(t("yaml.syntax", what=what), Location(path, line, column))


def parse_yaml(text: str, path: str, source: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML (or JSON) document strictly; never raises on bad text.

    ``source``: the text's UTF-8 bytes when the caller keeps them anyway: the document
    keeps those (to find positions if asked) instead of the text."""
    try:
        found, data, problems = _build(text, path)
    except RecursionError:  # pragma: no cover - the builder stops descending at MAX_DEPTH
        return None, [Problem(t("yaml.syntax", what=t("yaml.too_deep", depth=MAX_DEPTH)), Location(path))]
    except yaml.MarkedYAMLError as exc:
        told = (_full_width(text, path, exc) or _tab(text, path, exc) or _missing_colon(text, path, exc)
                or _full_width_key_above(text, path, exc) or _unbraced(text, path, exc)
                or _misindented(text, path, exc))
        if told is not None:
            return None, [told]
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        return None, [Problem(t("yaml.syntax", what=yaml_problem(exc)), loc)]
    except yaml.reader.ReaderError:  # a character YAML does not allow: found again here, for its line and column
        return None, [_bad_character(text, path)]
    if not found:
        return Document(path, None, {(): (1, 1)}, {}), []
    return Document(path, data, source=text if source is None else source), problems


def load_file(path: str, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse a file; an unreadable file is a problem, not a crash."""
    shown = display or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = utf8_text(data, shown)
    except InputError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [Problem(t("pack.cannot_read", reason=os_reason(exc)), Location(shown))]
    return parse_yaml(text, shown, data)
