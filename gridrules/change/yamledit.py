"""Change a pack file's YAML text in place, keeping every comment and untouched byte.

A pack is read and reviewed by people, so a change must read like a person
made it: a new item is appended as a block in the style of its neighbours, an
amended value is replaced where it stands, a new key goes on its own line after
the key it belongs with.  Nothing else in the file moves.

Positions come from PyYAML's composer (every node's start and end).  The
editor keeps, beside the text, the data the text should now hold; ``result``
parses the edited text with the pack's own strict loader and refuses to hand
it back unless it holds exactly that data, so an edit can never silently write
something other than what was meant.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from gridrules.catalogue import t
from gridrules.errors import EditError
from gridrules.contract.base import DATE_PATTERN, DATETIME_PATTERN
from gridrules.pack.yamlsrc import Document, compose, copy_data, parse_yaml

Path = tuple[str | int, ...]

INLINE_WIDTH = 100  # a mapping is written on one line ({a: 1, b: 2}) when it fits in this
_PLAIN_AS_IS = re.compile(f"{DATE_PATTERN}|{DATETIME_PATTERN}")


# --- writing values ---------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dates as the text the loader keeps them as; floats that are whole as ints."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def scalar(value: Any, flow: bool = True) -> str:
    """One scalar, plain where it can be; ``flow`` when it may stand inside ``[…]`` or ``{…}``."""
    value = _plain(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if not isinstance(value, str):
        raise EditError(f"cannot write a {type(value).__name__} as a YAML scalar")
    if _PLAIN_AS_IS.fullmatch(value):
        return value  # dates stay plain: the strict loader keeps them as text
    if "\n" not in value and not _YAML_UNSAFE.search(value):
        if flow:
            candidate = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**31).strip()
            candidate = candidate[1:-1]  # drop the [ ] that put it in flow context
        else:
            candidate = yaml.safe_dump({"k": value}, allow_unicode=True, width=2**31).strip()[3:]
        if _reads_back(candidate, value, flow):
            return candidate
    return _double_quoted(value)


# Characters YAML reads as line breaks (NEL, LS, PS) or does not allow unescaped in a
# stream (C1 controls, BOM, noncharacters): JSON leaves them raw, so escape them.
_YAML_UNSAFE = re.compile("[\x80-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _double_quoted(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _reads_back(text: str, value: Any, flow: bool) -> bool:
    doc, problems = parse_yaml(f"[{text}]" if flow else f"k: {text}", "<value>")
    return not problems and doc is not None and doc.data == ([value] if flow else {"k": value})


def inline(value: Any) -> str:
    """A value on one line: scalars, ``[a, b]`` and ``{k: v}``."""
    value = _plain(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return scalar(value)


def width(text: str) -> int:
    """Columns on screen: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fits_inline(value: Any, room: int) -> bool:
    if isinstance(value, dict):
        return width(inline(value)) <= room
    if isinstance(value, list):
        return all(not isinstance(v, dict) for v in value) or width(inline(value)) <= room
    return True


def _literal(value: str, indent: int) -> str | None:
    """A multi-line text as a ``|`` block, when it can be written that way exactly."""
    lines = value.split("\n")
    chomp = "-"
    if value.endswith("\n"):
        lines, chomp = lines[:-1], ""
        if value.endswith("\n\n"):
            return None
    if not lines or lines[0].startswith(" ") or any(line != line.rstrip() for line in lines):
        return None
    if _YAML_UNSAFE.search(value) or any(c < " " and c != "\n" for c in value):
        return None  # other line breaks and control characters need the escapes of a quoted text
    pad = " " * indent
    return f"|{chomp}\n" + "\n".join(pad + line if line else "" for line in lines)


def block(value: dict, indent: int) -> list[str]:
    """A mapping as block lines at ``indent``: small collections inline, the rest nested."""
    lines: list[str] = []
    pad = " " * indent
    for key, item in _plain(value).items():
        head = f"{pad}{scalar(key)}:"
        if isinstance(item, str) and "\n" in item:
            literal = _literal(item, indent + 2)
            lines.append(f"{head} {literal if literal else scalar(item)}")
        elif isinstance(item, dict) and not _fits_inline(item, INLINE_WIDTH - len(head) - 1):
            lines.append(head)
            lines.extend(block(item, indent + 2))
        elif isinstance(item, list) and not _fits_inline(item, INLINE_WIDTH - len(head) - 1):
            lines.append(head)
            for entry in item:
                lines.extend(sequence_entry(entry, indent + 2))
        elif isinstance(item, (dict, list)):
            lines.append(f"{head} {inline(item)}")
        else:
            lines.append(f"{head} {scalar(item, flow=False)}")
    return lines


def sequence_entry(value: Any, dash: int, gap: int = 2, flow: bool | None = None) -> list[str]:
    """One ``- …`` entry of a block sequence, its dash at column ``dash``.

    A mapping is written as a block, or on one line when ``flow`` says so
    (by default: when it is small and holds only scalars).
    """
    value = _plain(value)
    if flow is None:
        flow = width(inline(value)) <= INLINE_WIDTH - dash - 2 and dash > 0 and _all_scalar(value) if isinstance(value, dict) else True
    if isinstance(value, dict) and not flow:
        lines = block(value, dash + gap)
        first = lines[0][dash + gap:]
        return [" " * dash + "-" + " " * (gap - 1) + first, *lines[1:]]
    return [" " * dash + "- " + inline(value)]


def _all_scalar(value: dict) -> bool:
    return all(not isinstance(v, (dict, list)) for v in value.values())


# --- finding things in the text ------------------------------------------------------


class Editor:
    """Edits one YAML document's text; ``result()`` checks and returns it."""

    def __init__(self, text: str, shown: str, parsed: Document | None = None):
        """``parsed``: the text already parsed by the pack's loader (saves reading it again)."""
        self.shown = shown
        self.text = text
        self.document: Document | None = None  # the edited text, parsed (by ``result``)
        doc, problems = (parsed, []) if parsed is not None else parse_yaml(text, shown)
        if problems or doc is None:
            raise EditError(f"{shown}: cannot edit a file that does not parse: {problems[0] if problems else 'empty'}")
        self.data = copy_data(doc.data)

    # -- the node tree of the current text (re-read after every edit) --
    def _root(self) -> Node:
        root = compose(self.text)
        if root is None:
            raise EditError(f"{self.shown}: the file is empty")
        return root

    def _find(self, path: Path) -> tuple[Node, ScalarNode | None]:
        """The node at ``path`` and, when it is a mapping value, its key node."""
        node, key_node = self._root(), None
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, SequenceNode) or not 0 <= part < len(node.value):
                    raise EditError(f"{self.shown}: no entry {part} at {path}")
                node, key_node = node.value[part], None
            else:
                if not isinstance(node, MappingNode):
                    raise EditError(f"{self.shown}: {path} does not lead through mappings")
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == part:
                        node, key_node = v, k
                        break
                else:
                    raise EditError(f"{self.shown}: no key {part!r} at {path}")
        return node, key_node

    def _end(self, node: Node) -> int:
        """Where a node's own text ends (a block collection ends with its last value)."""
        if isinstance(node, ScalarNode):
            end = node.end_mark.index
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] == "\n":
                    end -= 1
            return end
        assert isinstance(node, CollectionNode)  # a node is a scalar or a collection
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
        return self._end(last)

    def _after_line(self, index: int) -> int:
        """The start of the line after the one ``index`` is on (adding a final newline if needed)."""
        newline = self.text.find("\n", index)
        if newline < 0:
            self.text += "\n"
            return len(self.text)
        return newline + 1

    def _after_colon(self, key: ScalarNode) -> int:
        index = key.end_mark.index
        while self.text[index] in " \t":
            index += 1
        if self.text[index] != ":":
            raise EditError(f"{self.shown}: cannot find the ':' after key {key.value!r}")
        return index + 1

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    @staticmethod
    def _is_empty(node: Node) -> bool:
        return isinstance(node, ScalarNode) and node.value == "" and node.style is None

    def _data_at(self, path: Path) -> Any:
        node = self.data
        for part in path:
            node = node[part]
        return node

    # -- edits --
    def set(self, path: Path, value: Any) -> None:
        """Replace the value at ``path`` (its key must exist)."""
        node, key = self._find(path)
        column = key.start_mark.column if key is not None else 0
        room = INLINE_WIDTH - column - len(str(path[-1])) - 2
        if key is not None and (self._is_empty(node) or (isinstance(node, CollectionNode) and not node.flow_style)):
            start = self._after_colon(key)
            end = start if self._is_empty(node) else self._end(node)
            if isinstance(value, dict) and not _fits_inline(value, room):
                new = "\n" + "\n".join(block(value, column + 2))
            elif isinstance(value, list) and not _fits_inline(value, room):
                new = "\n" + "\n".join(line for v in value for line in sequence_entry(v, column + 2))
            else:
                new = " " + inline(value)
        else:
            start, end = node.start_mark.index, self._end(node)
            new = inline(value)
        self._splice(start, end, new)
        parent = self._data_at(path[:-1])
        parent[path[-1]] = _plain(value)

    def insert(self, path: Path, key: str, value: Any, after: str | None = None) -> None:
        """Add ``key: value`` to the block mapping at ``path``, after ``after`` (or last)."""
        node, _ = self._find(path)
        if not isinstance(node, MappingNode) or not node.value:
            raise EditError(f"{self.shown}: {path} is not a mapping with keys")
        if any(k.value == key for k, _ in node.value):
            raise EditError(f"{self.shown}: {path} already has {key!r}")
        if node.flow_style:
            current = self._data_at(path)
            self.set(path, self._with_key(current, key, value, after))
            return
        anchor = next((pair for pair in node.value if pair[0].value == after), node.value[-1])
        at = self._after_line(self._end(anchor[1]))
        column = node.value[0][0].start_mark.column
        lines = block({key: value}, column)
        self._splice(at, at, "\n".join(lines) + "\n")
        parent = self._data_at(path)
        replaced = self._with_key(parent, key, value, after)
        parent.clear()
        parent.update(replaced)

    @staticmethod
    def _with_key(mapping: dict, key: str, value: Any, after: str | None) -> dict:
        out: dict = {}
        for k, v in mapping.items():
            out[k] = v
            if k == after:
                out[key] = _plain(value)
        out.setdefault(key, _plain(value))
        return out

    def remove(self, path: Path, key: str) -> None:
        """Remove ``key`` from the mapping at ``path``."""
        node, _ = self._find(path)
        if not isinstance(node, MappingNode):
            raise EditError(f"{self.shown}: {path} is not a mapping")
        pairs = [pair for pair in node.value if pair[0].value == key]
        if not pairs:
            return
        current = dict(self._data_at(path))
        current.pop(key)
        if node.flow_style:
            self.set(path, current)
            return
        if len(node.value) == 1:
            raise EditError(f"{self.shown}: cannot remove the only key of {path}")
        key_node, value_node = pairs[0]
        start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
        end = self._after_line(self._end(value_node))
        self._splice(start, end, "")
        parent = self._data_at(path)
        parent.pop(key)

    def append(self, path: Path, value: Any) -> None:
        """Append an entry to the sequence at ``path`` (made a block sequence if it is empty)."""
        node, key = self._find(path)
        items = self._data_at(path)
        if isinstance(node, SequenceNode) and node.value and not node.flow_style:
            last = node.value[-1]
            line_start = self.text.rfind("\n", 0, last.start_mark.index) + 1
            dash = self.text.index("-", line_start)
            gap = last.start_mark.index - dash if isinstance(last, MappingNode) and last.start_mark.line == self._line(dash) else 2
            at = self._after_line(self._end(last))
            spaced = len(node.value) > 1 and self._blank_line_before(line_start)
            flow = bool(last.flow_style) if isinstance(last, MappingNode) else None  # as the neighbours are
            lines = sequence_entry(value, dash - line_start, max(gap, 2), flow)
            self._splice(at, at, ("\n" if spaced else "") + "\n".join(lines) + "\n")
            items.append(_plain(value))
            return
        if key is None:
            raise EditError(f"{self.shown}: cannot append to {path}")
        if isinstance(node, SequenceNode) and node.value:  # a flow sequence with entries
            self.set(path, [*items, value])
            return
        if not (self._is_empty(node) or isinstance(node, SequenceNode)):
            raise EditError(f"{self.shown}: {path} is not a sequence")
        start = self._after_colon(key)
        end = start if self._is_empty(node) else self._end(node)
        lines = sequence_entry(value, key.start_mark.column + 2)
        self._splice(start, end, "\n" + "\n".join(lines))
        parent = self._data_at(path[:-1])
        parent[path[-1]] = [_plain(value)]

    def _line(self, index: int) -> int:
        return self.text.count("\n", 0, index)

    def _blank_line_before(self, line_start: int) -> bool:
        if line_start < 2:
            return False
        previous = self.text.rfind("\n", 0, line_start - 1) + 1
        return self.text[previous:line_start - 1].strip() == ""

    def result(self) -> str:
        """The edited text, once it is proven to hold exactly the intended data."""
        doc, problems = parse_yaml(self.text, self.shown)
        if problems or doc is None or doc.data != self.data:
            detail = problems[0] if problems else t("change.edit_mismatch")
            raise EditError(t("change.edit_failed", file=self.shown, detail=detail))
        self.document = doc
        return self.text




def new_document(header: str, key: str, entries: list[Any]) -> str:
    """A new file: a comment header and one key holding a block sequence."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    lines = [line for entry in entries for line in sequence_entry(entry, 2)]
    return f"{comment}{key}:\n" + "\n".join(lines) + "\n"
