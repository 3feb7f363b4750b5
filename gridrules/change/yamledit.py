"""Change a pack file's YAML text in place, keeping every comment and untouched byte.

A pack is read and reviewed by people, so a change must read like a person
made it: a new item is appended as a block in the style of its neighbours, an
amended value is replaced where it stands, a new key goes on its own line after
the key it belongs with.  Nothing else in the file moves.

Positions come from PyYAML's composer (every node's start and end); an entry
appended to a list that ends the file (a 10,000-item list) is placed and proven
from the last entry's text alone (``Editor._append_last``).  The
editor keeps, beside the text, the data the text should now hold; ``result``
parses the edited text with the pack's own strict loader and refuses to hand
it back unless it holds exactly that data, so an edit can never silently write
something other than what was meant.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from gridrules.catalogue import t
from gridrules.errors import EditError
from gridrules.pack.yamlsrc import Document, compose, copy_data, parse_yaml
from gridrules.change.yamlwrite import INLINE_WIDTH, block, fits_inline, inline, plain, scalar, sequence_entry, width

__all__ = ["Editor", "block", "inline", "new_document", "scalar", "sequence_entry", "width"]

Path = tuple[str | int, ...]

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
        self._proven: str | None = text  # the text known to hold exactly ``data`` (None after an unproven edit)

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]
        self._proven = None  # until ``result`` parses it

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
            if isinstance(value, dict) and not fits_inline(value, room):
                new = "\n" + "\n".join(block(value, column + 2))
            elif isinstance(value, list) and not fits_inline(value, room):
                new = "\n" + "\n".join(line for v in value for line in sequence_entry(v, column + 2))
            else:
                new = " " + inline(value)
        else:
            start, end = node.start_mark.index, self._end(node)
            new = inline(value)
        self._splice(start, end, new)
        parent = self._data_at(path[:-1])
        parent[path[-1]] = plain(value)

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
                out[key] = plain(value)
        out.setdefault(key, plain(value))
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
        if self._append_last(path, value):
            return
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
            items.append(plain(value))
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
        parent[path[-1]] = [plain(value)]

    def _append_last(self, path: Path, value: Any) -> bool:
        """Append to a block sequence that ends the file reading only its last entry (a 10,000-item
        list is not composed nor parsed again); False when the file is not so simple.

        Written exactly as ``append`` would write it: the same measures, taken on the last
        entry's text alone.  Proven the way ``result`` proves a whole file: that text
        read alone holds exactly the list's last entry, and with the new entry after it,
        exactly those two -- a block sequence's entry, from its dash to the end of the file,
        reads the same alone as after the lines before it, which are left as they were and
        were read already."""
        items = self.data.get(path[0]) if len(path) == 1 and isinstance(self.data, dict) and self.data else None
        if self._proven is not self.text or not isinstance(items, list) or not items or next(reversed(self.data)) != path[0]:
            return False
        start = self._last_entry_start(str(path[0]))
        if start is None:
            return False
        tail = _Tail(self.text[start:], self.shown)
        try:
            root = compose(tail.text)
        except yaml.YAMLError:
            return False
        if not isinstance(root, SequenceNode) or root.flow_style or len(root.value) != 1 \
                or root.value[0].start_mark.line != 0 or _read(tail.text, self.shown) != [items[-1]]:
            return False
        last = root.value[0]
        dash = tail.text.index("-")
        gap = last.start_mark.index - dash if isinstance(last, MappingNode) else 2
        at = tail._after_line(tail._end(last))
        spaced = len(items) > 1 and self._blank_line_before(start)
        flow = bool(last.flow_style) if isinstance(last, MappingNode) else None  # as the neighbours are
        lines = sequence_entry(value, dash, max(gap, 2), flow)
        written = tail.text[:at] + ("\n" if spaced else "") + "\n".join(lines) + "\n" + tail.text[at:]
        read = _read(written, self.shown)
        if read is None or len(read) != 2 or read[0] != items[-1] or read[1] != plain(value):
            return False  # e.g. a last text keeping its blank lines (|+): the whole file decides
        self.text = self.text[:start] + written
        items.append(read[1])  # as the loader reads it
        self._proven = self.text
        return True

    def _last_entry_start(self, key: str) -> int | None:
        """Where the last entry of the block sequence under the top-level ``key`` starts (its
        line), found in the text; None when the file is not laid out plainly so."""
        found = re.search(rf"^{re.escape(key)}:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)-[ \n]",
                          self.text, re.M)
        if found is None:
            return None
        line = "\n" + found.group(1) + "-"
        at = len(self.text)
        while (at := self.text.rfind(line, found.start(1) - 1, at)) >= 0:
            if self.text[at + len(line): at + len(line) + 1] in (" ", "\n"):
                return at + 1
        return None

    def _line(self, index: int) -> int:
        return self.text.count("\n", 0, index)

    def _blank_line_before(self, line_start: int) -> bool:
        if line_start < 2:
            return False
        previous = self.text.rfind("\n", 0, line_start - 1) + 1
        return self.text[previous:line_start - 1].strip() == ""

    def result(self) -> str:
        """The edited text, once it is proven to hold exactly the intended data.

        After edits that proved themselves (``_append_last``) the document is the data as
        proven, its positions found from the text when first asked for; the editor's data
        is then the document's: edit no more."""
        if self._proven is self.text:
            self.document = Document(self.shown, self.data, source=self.text)
            return self.text
        doc, problems = parse_yaml(self.text, self.shown)
        if problems or doc is None or doc.data != self.data:
            detail = problems[0] if problems else t("change.edit_mismatch")
            raise EditError(t("change.edit_failed", file=self.shown, detail=detail))
        self.document = doc
        return self.text




class _Tail(Editor):
    """The last entry of a sequence that ends a file, measured by ``Editor``'s own means."""

    def __init__(self, text: str, shown: str):  # pylint: disable=super-init-not-called - nothing parsed
        self.text, self.shown, self.document, self._proven = text, shown, None, None


def _read(text: str, shown: str) -> Any:
    """The data of a YAML text read strictly; None if it does not read cleanly."""
    doc, problems = parse_yaml(text, shown)
    return None if problems or doc is None else doc.data


def new_document(header: str, key: str, entries: list[Any]) -> str:
    """A new file: a comment header and one key holding a block sequence."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    lines = [line for entry in entries for line in sequence_entry(entry, 2)]
    return f"{comment}{key}:\n" + "\n".join(lines) + "\n"
