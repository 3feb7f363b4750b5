"""Plain-text tables that fit the terminal: Chinese counts two columns, long cells wrap
within their column (between characters, never inside an id or a code), and ``--wide``
(any command) prints every row on one line instead."""

from __future__ import annotations

import os
import re
import shutil
import sys

from gridrules.catalogue import MESSAGES, t

from .columns import width, wrap

GAP = 2  # spaces between columns
_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


class Layout:
    """How tables are laid out in this run: ``wide`` (no wrapping) and the terminal's width."""

    wide = False

    @staticmethod
    def columns() -> int | None:
        """The terminal's width: ``COLUMNS`` when set, else the terminal's; None (no limit, as
        ``--wide``) when output goes to a file or a pipe, where no terminal wraps it."""
        env = os.environ.get("COLUMNS", "")
        if env.isdigit() and int(env) > 0:
            return int(env)
        if not sys.stdout.isatty():
            return None
        return shutil.get_terminal_size((80, 24)).columns


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _longest_token(text: str) -> int:
    """The widest piece of ``text`` a line may not break: an id, a code, a number, a CJK character."""
    tokens = [width(t) for t in _UNBREAKABLE.findall(text)]
    return max(tokens + [2 if any(width(ch) == 2 for ch in text) else 1 if text else 0])


def _sizes(headers: list[str], cells: list[list[str]], available: int | None) -> list[int]:
    natural = [max([width(h)] + [width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    least = [max([_longest_token(h)] + [_longest_token(row[i]) for row in cells]) for i, h in enumerate(headers)]
    if Layout.wide or available is None:
        return natural
    room = available - GAP * (len(headers) - 1)
    if sum(natural) <= room:
        return natural
    if sum(least) >= room:
        return least
    headed = [max(m, width(h)) for m, h in zip(least, headers)]  # headers unbroken, when there is room
    if sum(headed) <= room:
        least = headed
    sizes = list(least)
    spare = room - sum(least)
    # give the spare columns one at a time to the column that is furthest from its natural width,
    # proportionally: the widest texts get the most room
    wants = [n - m for n, m in zip(natural, least)]
    total = sum(wants)
    for i, want in enumerate(wants):
        sizes[i] += want * spare // total if total else 0
    left = room - sum(sizes)
    for i in sorted(range(len(sizes)), key=lambda i: natural[i] - sizes[i], reverse=True):
        if left <= 0:
            break
        if sizes[i] < natural[i]:
            sizes[i] += 1
            left -= 1
    return sizes


def heading(text: str, kind: str = "col") -> str:
    """A table's heading or title (written in Chinese) in the catalogue's language."""
    key = f"{kind}.{text}"
    return t(key) if key in MESSAGES else text


def render(headers: list[str], rows: list[list[str]], max_width: int | None = None) -> str:
    """A table with a rule under the header, as wide as the terminal allows (``max_width``: on a
    terminal, no column wider than that, whatever the room; into a file or a pipe nothing wraps)."""
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    headers = [heading(h) for h in headers]
    available = Layout.columns()
    sizes = _sizes(headers, cells, available)
    if max_width is not None and not Layout.wide and available is not None:
        least = [max([_longest_token(h)] + [_longest_token(row[i]) for row in cells]) for i, h in enumerate(headers)]
        sizes = [max(min(s, max_width), m) for s, m in zip(sizes, least)]
    out = _lines(headers, sizes)
    out.append((" " * GAP).join("─" * s for s in sizes))
    for row in cells:
        out.extend(_lines(row, sizes))
    return "\n".join(out)


def fit(text: str, lead: str = "", hang: str = "") -> list[str]:
    """``lead + text`` in lines that fit the terminal, the lines after the first indented by
    ``hang``: broken between Chinese characters or at spaces, never inside an id; one line
    under ``--wide`` or into a pipe."""
    size = Layout.columns()
    if Layout.wide or size is None or width(lead + text) <= size:
        return [lead + text]
    lines = wrap(text, size - max(width(lead), width(hang)), strict=True)
    return [lead + lines[0]] + [hang + line for line in lines[1:]]


def _lines(row: list[str], sizes: list[int]) -> list[str]:
    wrapped = [[cell] if width(cell) <= sizes[i] else wrap(cell, sizes[i], strict=True) for i, cell in enumerate(row)]
    out = []
    for line in range(max(len(w) for w in wrapped)):
        parts = [_pad(w[line] if line < len(w) else "", sizes[i]) for i, w in enumerate(wrapped)]
        out.append((" " * GAP).join(parts).rstrip())
    return out
