"""The strict YAML builder: a document's data (and, when asked, every value's position)
from the parser's events.

No node tree is built: a 50 MB registry's nodes, two marks each, took ~1.9 GB.  The
checks are ``yamlsrc``'s (see its docstring): duplicate keys, tags, anchors and aliases,
merge keys, nesting depth, and plain scalars typed strictly.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from yaml.composer import ComposerError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)

from gridrules.catalogue import t
from gridrules.errors import Location, Problem

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
# a continuation line of a plain value that is a slip, not text: a list entry, or a key and its colon
# (a full-width one too; not "https://")
_ENTRY_SLIP = re.compile(r"-(?:[ \t]|$)")
_KEY_SLIP = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?:：|:(?!//))")
FULL_WIDTH_SPACE = "\u3000"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Deeper nesting than any document or pack file needs (a condition of twelve all/any
# levels is 25 deep), far short of Python's recursion limit.
MAX_DEPTH = 64
MAX_DIGITS = 4300  # Python's own limit for int(text)


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


def format_path(path: Path) -> str:
    """``("items", 3, "owners", 0)`` -> ``items[3].owners[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_path(field: str) -> tuple:
    """``items[3].owners[0]`` -> ``("items", 3, "owners", 0)`` (``format_path`` read back)."""
    out: list[Any] = []
    for part in field.replace("]", "").split("."):
        name, _, index = part.partition("[")
        if name:
            out.append(name)
        if index:
            out.append(int(index))
    return tuple(out)


class Builder:
    """Builds a document's data from the parser's events (no node tree is kept: a 50 MB
    registry's nodes and marks took ~2 GB), and, when asked, every value's position."""

    def __init__(self, path: str, loader: Any, positions: bool, text: str | None = None):
        self.path = path
        self.loader = loader
        self.text = text  # given: a plain value running on over a line that reads as a slip is refused
        self._lines: list[str] | None = None
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
                raise ComposerError(None, None, f"found duplicate anchor {anchor!r}", event.start_mark)
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
            self.fail(here, t("yaml.alias"), at)
            return None
        if self.locations is not None:
            self.locations[at] = here
        if kind is ScalarEvent:
            self._anchor(event, here)
            return self.scalar(event, here, at)
        if len(at) >= MAX_DEPTH:  # named by where its nesting starts
            self.fail(here, t("yaml.too_deep", depth=MAX_DEPTH), at[:4])
            self.skip(event)
            return None
        self._anchor(event, here)
        tag = event.tag
        get, check = self.loader.get_event, self.loader.check_event
        if kind is SequenceStartEvent:
            if tag is not None and tag != "!" and tag != _SEQ:
                self.fail(here, t("yaml.tag", tag=tag), at)
            out: list = []
            build = self.build
            while not check(SequenceEndEvent):
                out.append(build(get(), at + (len(out),)))
            get()
            return out
        if tag is not None and tag != "!" and tag != _MAP:
            self.fail(here, t("yaml.tag", tag=tag), at)
        return self.mapping(at)

    def scalar(self, event: Any, here: tuple[int, int], at: Path) -> Any:
        tag = event.tag
        value = event.value
        if tag is None or tag == "!":
            if event.implicit[0]:  # plain: typed here
                if self.text is not None and event.end_mark.line > event.start_mark.line:
                    self.continued(event, at)
                if len(value) > MAX_DIGITS and _INT_RE.match(value):
                    self.fail(here, t("yaml.long_number", digits=len(value), max=MAX_DIGITS), at)
                    return None
                return _plain(value)
        elif tag != _STR:  # an explicit tag: !!python/object, !!binary, even !!int
            self.fail(here, t("yaml.tag", tag=tag), at)
        if not value.isascii() and has_surrogate(value):  # "\ud83d\ude00" escapes (the pure-Python reader)
            try:
                return value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                self.fail(here, t("yaml.half_surrogate"), at)
                return None
        return value

    def continued(self, event: Any, at: Path) -> None:
        """A plain value running on over lines, one of which reads as a slip: ``- mediate`` one space
        deeper than ``- patrol`` above it (legal YAML: the one text "patrol - mediate"), or a key
        (``subsidy: 120``, ``subsidy：120``).  Refused at that line: block scalars (``|``, ``>``) and
        quoted texts are the ways to write text over lines, and neither gets here."""
        if self._lines is None:
            self._lines = (self.text or "").splitlines()
        lines, first = self._lines, event.start_mark.line
        if first >= len(lines):
            return
        opened = len(lines[first]) - len(lines[first].lstrip(" "))  # the first line's entry or key
        for number in range(first + 1, min(event.end_mark.line, len(lines) - 1) + 1):
            line = lines[number]
            text = line.lstrip(" \t")
            if _ENTRY_SLIP.match(text):
                what = t("yaml.indent_entry")
            elif (keyed := _KEY_SLIP.match(text)) is not None:
                what = t("yaml.indent_key", name=keyed.group("key"))
            else:
                continue
            indent = len(line) - len(text)
            if indent <= opened:  # not deeper than the line it runs on from: block YAML refuses it itself
                continue
            shown = event.value if len(event.value) <= 40 else event.value[:39] + "…"
            self.fail((number + 1, indent + 1), t("yaml.continued_deeper", line=number + 1, other=first + 1,
                                                   value=shown, what=what, n=indent - opened), at)

    def _full_width_key(self, event: Any, key: str, at: Path) -> str:
        """A plain key with a full-width space (U+3000, an input method's) before it or before its ':' is
        valid YAML and a key no file has (「　title」): told as the full-width space at its own place, and
        read without it (so it is not told again as an unknown key)."""
        start, end = event.start_mark, event.end_mark
        if key.startswith(FULL_WIDTH_SPACE):
            self.fail((start.line + 1, start.column + 1), t("yaml.syntax", what=t("yaml.full_width_indent")), at)
        trailing = len(key) - len(key.rstrip(FULL_WIDTH_SPACE))
        if trailing and key.strip(FULL_WIDTH_SPACE):
            where = (end.line + 1, end.column - trailing + 1)
            self.fail(where, t("yaml.syntax", what=t("yaml.full_width_space")), at)
        return key.strip(FULL_WIDTH_SPACE)

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
                self.fail(self._alias(key_event), t("yaml.alias"), at)
                self.skip(get())
                continue
            if kind is not ScalarEvent:
                self.skip(key_event)
                self.fail(where, t("yaml.key_not_text"), at)
                self.skip(get())
                continue
            self._anchor(key_event, where)
            key = key_event.value  # a key is its text: `yes:`, `null:` or `1:` mean the word
            if key == "<<" and key_event.tag in (None, "!") and key_event.implicit[0]:
                self.fail(where, t("yaml.merge_key"), at)
                self.skip(get())
                continue
            if not key_event.style and key != key.strip(FULL_WIDTH_SPACE):
                key = self._full_width_key(key_event, key, at)
            if key in first_line:
                self.fail(where, t("yaml.duplicate_key", name=key, line=first_line[key]), at)
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


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
