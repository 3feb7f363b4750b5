"""Strict YAML (and JSON) loading that remembers where every value came from.

What "strict" means here, and why:

* duplicate keys are errors (PyYAML silently keeps the last one);
* dates and times stay text until a model parses them (``2026-12-01`` is not
  turned into a ``date`` behind our back, and ``12:30`` is not sexagesimal);
* booleans are only ``true``/``false`` (``no`` and ``on`` stay text: the
  "Norway problem"); integers are plain decimals and ``01`` stays text;
  ``.inf``/``.nan`` stay text and so never reach the engine as numbers;
* tags, anchors, aliases, merge keys and multi-document streams are refused.

Every value's position can be had from ``Document.locations`` keyed by its path
(``("items", 3, "owners", 0)``), so later layers -- JSON Schema, pydantic,
cross-reference checks -- can point at ``file:line:col``.  The data is built
from the parser's events (no node tree), and positions are found only when
first asked for, by reading the text once more: a valid pack never pays for them.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gridrules.errors import Location, Problem

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_PLAIN = "gridrules:plain"  # a plain (unquoted) scalar, typed by the builder
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Deeper nesting than any document or pack file needs (a condition of twelve all/any
# levels is 25 deep), far short of Python's recursion limit.
MAX_DEPTH = 64
MAX_DIGITS = 4300  # Python's own limit for int(text)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
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


def _plain(text: str):
    """The value of a plain scalar under the strict rules."""
    if text in _NULL_WORDS:
        return None
    first = text[0]
    if first in "tTfF" and _BOOL_RE.match(text):
        return text[0] in "tT"
    if first in "-+0123456789":
        if _INT_RE.match(text):
            return int(text)
        if _FLOAT_RE.match(text):
            return float(text)
    return text


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
        builder = _Builder(self.path, _LOADERS[0](text), positions=True)
        try:
            builder.document()
        except yaml.MarkedYAMLError:  # the text the data came from read with the other parser
            builder = _Builder(self.path, _LOADERS[-1](text), positions=True)
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


def format_path(path: Path) -> str:
    """``("items", 3, "owners", 0)`` -> ``items[3].owners[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


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


class _Builder:
    """Builds a document's data from the parser's events (no node tree is kept: a 50 MB
    registry's nodes and marks took ~2 GB), and, when asked, every value's position."""

    def __init__(self, path: str, loader: Any, positions: bool):
        self.path = path
        self.loader = loader
        self.locations: dict[Path, tuple[int, int]] | None = {} if positions else None
        self.key_locations: dict[Path, tuple[int, int]] | None = {} if positions else None
        self.anchors: dict[str, tuple[int, int]] = {}  # anchor -> where its value starts
        self.problems: list[Problem] = []

    def fail(self, at_mark: tuple[int, int], message: str, at: Path) -> None:
        self.problems.append(Problem(message, Location(self.path, *at_mark), format_path(at)))

    def document(self) -> tuple[bool, Any]:
        """(whether the stream holds a document, its data); raises MarkedYAMLError as the composer does."""
        get, check = self.loader.get_event, self.loader.check_event
        get()  # stream start
        found, data = False, None
        if not check(StreamEndEvent):
            start = get()  # document start
            data = self.build(get(), ())
            get()  # document end
            found = True
            if not check(StreamEndEvent):
                event = get()
                raise ComposerError("expected a single document in the stream", start.start_mark,
                                    "but found another document", event.start_mark)
        get()  # stream end
        return found, data

    def _anchor(self, event: Any, mark: tuple[int, int]) -> None:
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                raise ComposerError(f"found duplicate anchor {anchor!r}; first occurrence", None,
                                    "second occurrence", event.start_mark)
            self.anchors[anchor] = mark

    def _alias(self, event: Any) -> tuple[int, int]:
        """Where an alias's anchored value starts (an unknown anchor is a syntax error, as in the composer)."""
        found = self.anchors.get(event.anchor)
        if found is None:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        return found

    def skip(self, event: Any) -> None:
        """Consume the value ``event`` starts without building it (anchors and aliases still checked)."""
        depth = 0
        while True:
            kind = type(event)
            if kind is AliasEvent:
                self._alias(event)
            elif kind is ScalarEvent or kind is SequenceStartEvent or kind is MappingStartEvent:
                self._anchor(event, (event.start_mark.line + 1, event.start_mark.column + 1))
                if kind is not ScalarEvent:
                    depth += 1
            else:  # a collection's end
                depth -= 1
            if depth == 0:
                return
            event = self.loader.get_event()

    def build(self, event: Any, at: Path) -> Any:
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is AliasEvent:
            here = self._alias(event)
            if self.locations is not None:
                self.locations[at] = here
            self.fail(here, "aliases (*name) are not allowed: write the value out", at)
            return None
        if self.locations is not None:
            self.locations[at] = here
        if kind is ScalarEvent:
            self._anchor(event, here)
            return self.scalar(event, here, at)
        if len(at) >= MAX_DEPTH:  # named by where its nesting starts
            self.fail(here, f"nested more than {MAX_DEPTH} levels deep", at[:4])
            self.skip(event)
            return None
        self._anchor(event, here)
        tag = event.tag
        get, check = self.loader.get_event, self.loader.check_event
        if kind is SequenceStartEvent:
            if tag is not None and tag != "!" and tag != _SEQ:
                self.fail(here, f"tag {tag!r} is not allowed", at)
            out: list = []
            build = self.build
            while not check(SequenceEndEvent):
                out.append(build(get(), at + (len(out),)))
            get()
            return out
        if tag is not None and tag != "!" and tag != _MAP:
            self.fail(here, f"tag {tag!r} is not allowed", at)
        return self.mapping(at)

    def scalar(self, event: Any, here: tuple[int, int], at: Path) -> Any:
        tag = event.tag
        value = event.value
        if tag is None or tag == "!":
            if event.implicit[0]:  # plain: typed here
                if len(value) > MAX_DIGITS and _INT_RE.match(value):
                    self.fail(here, f"a number of {len(value)} digits is longer than gridrules reads ({MAX_DIGITS})", at)
                    return None
                return _plain(value)
        elif tag != _STR:  # an explicit tag: !!python/object, !!binary, even !!int
            self.fail(here, f"tag {tag!r} is not allowed", at)
        if not value.isascii() and _has_surrogate(value):  # "\ud83d\ude00" escapes (the pure-Python reader)
            try:
                return value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                self.fail(here, "a \\u escape of half a surrogate pair is not a character", at)
                return None
        return value

    def mapping(self, at: Path) -> dict:
        get, check = self.loader.get_event, self.loader.check_event
        out: dict = {}
        first_line: dict[Any, int] = {}
        while not check(MappingEndEvent):
            key_event = get()
            mark = key_event.start_mark
            where = (mark.line + 1, mark.column + 1)
            kind = type(key_event)
            if kind is AliasEvent:
                self.fail(self._alias(key_event), "aliases (*name) are not allowed: write the value out", at)
                self.skip(get())
                continue
            if kind is not ScalarEvent:
                self.skip(key_event)
                self.fail(where, "mapping keys must be plain text", at)
                self.skip(get())
                continue
            self._anchor(key_event, where)
            key = key_event.value  # a key is its text: `yes:`, `null:` or `1:` mean the word
            if key == "<<" and key_event.tag in (None, "!") and key_event.implicit[0]:
                self.fail(where, "merge keys (<<) are not allowed", at)
                self.skip(get())
                continue
            if key in first_line:
                self.fail(where, f"duplicate key '{key}' (first at line {first_line[key]})", at)
                self.skip(get())
                continue
            key = sys.intern(key)  # the same few keys in every entry of a large list
            first_line[key] = where[0]
            here = at + (key,)
            if self.key_locations is not None:
                self.key_locations[here] = where
            out[key] = self.build(get(), here)
        get()
        return out


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


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
            found, data = (builder := _Builder(path, loader, positions=False)).document()
        except yaml.MarkedYAMLError as exc:
            # libyaml refuses "\ud83d\ude00", which json.dumps writes for any emoji by default;
            # the pure-Python reader reads each half, and the builder joins the pair
            if "invalid Unicode character escape" not in str(exc) or len(_LOADERS) == 1:
                raise
            loader.dispose()
            loader = _LOADERS[-1](text)
            found, data = (builder := _Builder(path, loader, positions=False)).document()
    finally:
        loader.dispose()
    return found, data, builder.problems


def parse_yaml(text: str, path: str, source: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML (or JSON) document strictly; never raises on bad text.

    ``source``: the text's UTF-8 bytes when the caller keeps them anyway: the document
    keeps those (to find positions if asked) instead of the text."""
    try:
        found, data, problems = _build(text, path)
    except RecursionError:  # pragma: no cover - the builder stops descending at MAX_DEPTH
        return None, [Problem(f"YAML syntax: nested more than {MAX_DEPTH} levels deep", Location(path))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        what = exc.problem or exc.context or "not valid YAML"
        if "expected a single document" in str(exc):
            what = "only one YAML document per file is allowed"
        return None, [Problem(f"YAML syntax: {what}", loc)]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors
        return None, [Problem(f"YAML syntax: {exc}", Location(path))]
    if not found:
        return Document(path, None, {(): (1, 1)}, {}), []
    return Document(path, data, source=text if source is None else source), problems


def load_file(path: str, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse a file; an unreadable file is a problem, not a crash."""
    shown = display or path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        return None, [Problem("file is not UTF-8 text", Location(shown))]
    except OSError as exc:
        return None, [Problem(f"cannot read file: {exc.strerror}", Location(shown))]
    return parse_yaml(text, shown)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number gridrules accepts")


def _refuse_long_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text)} digits is longer than gridrules reads ({MAX_DIGITS})")
    return int(text)


def _check_json_value(data: Any, text: str) -> None:
    """Refuse nesting beyond MAX_DEPTH and, if the text escapes surrogates, half pairs."""
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            items = list(node.items()) if isinstance(node, dict) else [(None, v) for v in node]
            for key, value in items:
                if surrogates and isinstance(key, str) and _has_surrogate(key):
                    raise ValueError("a \\u escape of half a surrogate pair is not a character")
                stack.append((value, depth + 1))
        elif surrogates and isinstance(node, str) and _has_surrogate(node):
            raise ValueError("a \\u escape of half a surrogate pair is not a character")


def parse_json_line(text: str) -> Any:
    """Parse one JSON Lines record strictly (no duplicate keys, no NaN/Infinity, no
    nesting past MAX_DEPTH, no numbers past MAX_DIGITS, no half surrogate pairs).

    Raises ``ValueError`` with a readable message; the caller adds the line.
    """
    try:
        data = json.loads(
            text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant, parse_int=_refuse_long_int
        )
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON at column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None
    _check_json_value(data, text)
    return data
