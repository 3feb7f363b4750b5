"""A YAML syntax error that is really a line indented wrongly, told as that.

One space too many before ``subsidy: 120`` makes YAML read the line as the continuation of the
value above (``6 subsidy``) and complain of a ``key: value`` "not allowed here"; one space too
few leaves the line belonging to no level, and YAML says a ``-`` or a key is missing.  Both are
found from the text around the error: the line YAML stopped at, the line above it and the levels
(columns) of the lines that hold it.  A line whose indentation fits a level is left to the
parser's own complaint."""

from __future__ import annotations

import re

# a line that opens or holds a value: leading blanks, any "- " entries, then a key and its colon
# (the key plain or quoted), or a bare "- value"
_KEY = re.compile(r"""(?P<indent> *)(?P<dashes>(?:-[ ]+)*)(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{}:,-][^#:]*?|-[^\s#:][^#:]*?)"""
                  r""":(?:[ ]+(?P<value>.*?))?[ ]*$""")
_ENTRY = re.compile(r"(?P<indent> *)(?P<dashes>(?:-[ ]+)+|-$)(?P<value>.*?)[ ]*$")
_BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*(?:[ ]+#.*)?")


class _Line:
    """One line as far as its indentation goes: the columns it opens and what it is called there."""

    def __init__(self, number: int, text: str):
        self.number = number  # 0-based
        found = _KEY.fullmatch(text) or _ENTRY.fullmatch(text)
        self.shaped = found is not None
        self.indent = len(text) - len(text.lstrip(" "))
        self.levels: list[tuple[int, str]] = []  # (column, what stands there: a key, or "-")
        self.value = ""
        if found is None:
            return
        column = self.indent
        dashes = found.group("dashes") or ""
        for dash in re.findall(r"-[ ]*", dashes):
            self.levels.append((column, "-"))
            column += len(dash)
        key = found.groupdict().get("key")
        if key is not None:
            self.levels.append((column, key.strip("\"'")))
        self.value = (found.group("value") or "").strip()

    @property
    def key_column(self) -> int:
        return self.levels[-1][0]

    @property
    def opens_block(self) -> bool:
        """Whether lines below may be indented deeper (a key with no value on its line, or ``-``)."""
        return not self.value or self.value.startswith("#") or _BLOCK_SCALAR.fullmatch(self.value) is not None

    @property
    def balanced(self) -> bool:
        """No flow collection or quoted text left open at the end of the line."""
        value = re.sub(r'"[^"]*"|\'[^\']*\'', "", self.value)
        return not re.search(r"[\"']", value) and value.count("[") == value.count("]") \
            and value.count("{") == value.count("}")


def _content(lines: list[str], below: int) -> list[int]:
    """The lines above ``below`` that hold something (not blank, not only a comment), nearest first."""
    return [n for n in range(below - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")]


def misindented(text: str, line: int) -> tuple[int, int, str, int, int] | None:
    """(line, column, the key it should line up with, that key's line, spaces too many -- negative: too
    few), 1-based, when line ``line`` (0-based) of ``text`` is indented to no level the lines above
    open; None when its indentation fits (or the text is not block YAML to tell)."""
    lines = text.splitlines()
    if line >= len(lines) or line < 1 or text.lstrip().startswith(("{", "[")):
        return None
    here = _Line(line, lines[line])
    if not here.shaped or "\t" in lines[line][:here.indent + 1]:
        return None
    above = _content(lines, line)
    if not above:
        return None
    previous = _Line(above[0], lines[above[0]])
    chain = [previous]
    for number in above[1:]:
        candidate = _Line(number, lines[number])
        if candidate.indent >= chain[-1].indent:
            continue
        if candidate.shaped and candidate.value and _BLOCK_SCALAR.fullmatch(candidate.value):
            chain = [candidate]  # the lines below were its text: it is the line above
            previous = candidate
            continue
        chain.append(candidate)
        if candidate.indent == 0:
            break
    if not all(entry.shaped and entry.balanced for entry in chain):
        return None
    levels = {column: (name, entry.number) for entry in reversed(chain) for column, name in entry.levels}
    indent = here.indent
    if indent == 0:  # at the top (a line above indented too far is not told here)
        return None
    if indent in levels:
        return _at_the_other_kind(here, previous, levels)
    deepest = previous.key_column
    if indent > deepest:
        if previous.opens_block:
            return None
        name, number = levels[deepest]
        return line + 1, indent + 1, name, number + 1, indent - deepest
    deeper = min(column for column in levels if column > indent)
    shallower = max((column for column in levels if column < indent), default=None)
    # halfway between, the level of the line's own kind: a list entry's "- " lines up with the entries
    # above it ("   - id: L02" under "  - id: L01"), not with the last key of the entry before
    halfway_entry = shallower is not None and indent - shallower == deeper - indent and here.levels[0][1] == "-" \
        and levels[shallower][0] == "-" and levels[deeper][0] != "-"
    if shallower is not None and (indent - shallower < deeper - indent or halfway_entry):
        name, number = levels[shallower]
        return line + 1, indent + 1, name, number + 1, indent - shallower
    name, number = levels[deeper]
    return line + 1, indent + 1, name, number + 1, indent - deeper


def _at_the_other_kind(here: _Line, previous: _Line, levels: dict[int, tuple[str, int]]) -> tuple[int, int, str, int, int] | None:
    """A line lined up with a level of the other kind, where YAML wanted the level's own: a list entry ("- ")
    at a key's column -- right after entries of a deeper list, one more entry of that list, short of its
    "- " (the line above's); else one more entry of the list the key's item is in, deeper than its "- " --
    or a key at an entry's "- ", short of the keys of its item.  None otherwise (a line that fits its level
    is the parser's to tell)."""
    indent = here.indent
    entry = here.levels[0][1] == "-"
    if entry == (levels[indent][0] == "-"):
        return None
    if entry:
        deeper = [column for column, what in previous.levels if what == "-" and column > indent]
        shallower = [column for column, (what, _n) in levels.items() if what == "-" and column < indent]
    else:  # the item's keys: the nearest key column deeper than its "- "
        deeper = sorted(column for column, (what, _n) in levels.items() if what != "-" and column > indent)[:1]
        shallower = []
    if not deeper and not shallower:
        return None
    column = deeper[0] if deeper else max(shallower)
    name, number = levels[column]
    return here.number + 1, indent + 1, name, number + 1, indent - column
