"""Strict YAML (and JSON) loading that remembers where every value came from.

What "strict" means here, and why:

* duplicate keys are errors (PyYAML silently keeps the last one);
* dates and times stay text until a model parses them (``2026-12-01`` is not
  turned into a ``date`` behind our back, and ``12:30`` is not sexagesimal);
* booleans are only ``true``/``false`` (``no`` and ``on`` stay text: the
  "Norway problem"); integers are plain decimals and ``01`` stays text;
  ``.inf``/``.nan`` stay text and so never reach the engine as numbers;
* tags, anchors, aliases, merge keys and multi-document streams are refused.

Every value's position is kept in ``Document.locations`` keyed by its path
(``("items", 3, "owners", 0)``), so later layers -- JSON Schema, pydantic,
cross-reference checks -- can point at ``file:line:col``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
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


@dataclass
class Document:
    """A parsed file: its data and the (line, column) of every value in it."""

    path: str
    data: Any
    locations: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate_key(self, path: Path) -> Location:
        """The position of the key that introduces ``path`` (for unknown keys)."""
        found = self.key_locations.get(tuple(path))
        return Location(self.path, *found) if found else self.locate(path)

    def locate(self, path: Path) -> Location:
        """The position of ``path``, or of its nearest enclosing value."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return Location(self.path, *self.locations[path])
            path = path[:-1]
        return Location(self.path, *self.locations.get((), (1, 1)))


def copy_data(data: Any) -> Any:
    """A deep copy of parsed YAML or JSON data (dicts, lists and scalars; far quicker than
    ``copy.deepcopy``)."""
    if isinstance(data, dict):
        return {k: copy_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [copy_data(v) for v in data]
    return data


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
    def __init__(self, path: str):
        self.path = path
        self.locations: dict[Path, tuple[int, int]] = {}
        self.key_locations: dict[Path, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def loc(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def fail(self, node: Node, message: str, at: Path) -> None:
        self.problems.append(Problem(message, self.loc(node), format_path(at)))

    def build(self, node: Node, at: Path) -> Any:
        mark = node.start_mark
        self.locations[at] = (mark.line + 1, mark.column + 1)
        if len(at) >= MAX_DEPTH and type(node) is not ScalarNode:  # named by where its nesting starts
            self.problems.append(Problem(f"nested more than {MAX_DEPTH} levels deep", self.loc(node), format_path(at[:4])))
            return None
        if id(node) in self.seen:  # the composer hands an alias back as the same node
            self.fail(node, "aliases (*name) are not allowed: write the value out", at)
            return None
        self.seen.add(id(node))
        if type(node) is ScalarNode:
            return self.scalar(node, at)
        if type(node) is SequenceNode:
            if node.tag != _SEQ:
                self.fail(node, f"tag {node.tag!r} is not allowed", at)
            build = self.build
            return [build(child, at + (i,)) for i, child in enumerate(node.value)]
        if type(node) is MappingNode:
            return self.mapping(node, at)
        self.fail(node, "unsupported YAML node", at)  # pragma: no cover
        return None

    def scalar(self, node: ScalarNode, at: Path) -> Any:
        tag = node.tag
        if tag == _PLAIN:
            if len(node.value) > MAX_DIGITS and _INT_RE.match(node.value):
                self.fail(node, f"a number of {len(node.value)} digits is longer than gridrules reads ({MAX_DIGITS})", at)
                return None
            return _plain(node.value)
        if tag not in (_STR, "!"):  # an explicit tag: !!python/object, !!binary, even !!int
            self.fail(node, f"tag {tag!r} is not allowed", at)
        value = node.value
        if not value.isascii() and _has_surrogate(value):  # "\ud83d\ude00" escapes (the pure-Python reader)
            try:
                return value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                self.fail(node, "a \\u escape of half a surrogate pair is not a character", at)
                return None
        return value

    def mapping(self, node: MappingNode, at: Path) -> dict:
        if node.tag != _MAP:
            self.fail(node, f"tag {node.tag!r} is not allowed", at)
        out: dict = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.fail(key_node, "mapping keys must be plain text", at)
                continue
            if key_node.value == "<<" and key_node.tag == _PLAIN:
                self.fail(key_node, "merge keys (<<) are not allowed", at)
                continue
            key = key_node.value  # a key is its text: `yes:`, `null:` or `1:` mean the word
            mark = key_node.start_mark
            if key in first_line:
                self.problems.append(
                    Problem(f"duplicate key '{key}' (first at line {first_line[key]})", self.loc(key_node), format_path(at))
                )
                continue
            first_line[key] = mark.line + 1
            here = at + (key,)
            self.key_locations[here] = (mark.line + 1, mark.column + 1)
            out[key] = self.build(value_node, here)
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


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML (or JSON) document strictly; never raises on bad text."""
    try:
        try:
            node = _compose(text, _LOADERS[0])
        except yaml.MarkedYAMLError as exc:
            # libyaml refuses "\ud83d\ude00", which json.dumps writes for any emoji by default;
            # the pure-Python reader reads each half, and the builder joins the pair
            if "invalid Unicode character escape" not in str(exc) or len(_LOADERS) == 1:
                raise
            node = _compose(text, _LOADERS[-1])
    except RecursionError:  # the pure-Python composer recurses per level
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
    if node is None:
        return Document(path, None, {(): (1, 1)}), []
    builder = _Builder(path)
    data = builder.build(node, ())
    return Document(path, data, builder.locations, builder.key_locations), builder.problems


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
