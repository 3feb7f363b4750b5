"""Text measured in terminal columns: a Chinese character takes two, and a line of Chinese
may break between any two characters but never inside an id, a code or a number."""

from __future__ import annotations

import re
import unicodedata

# one token: a wide character, a run of other non-space characters (an id, a code, a word), or spaces
_TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
# closing punctuation stays with the character before it (a line never starts with it)
_CLOSING = set("，。；：、）」』》！？,.;:)")
_OPENING = set("（「『《(")


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap(text: str, size: int, strict: bool = False) -> list[str]:
    """``text`` in lines of at most ``size`` columns, broken between Chinese characters or at
    spaces; an id or a word longer than a line is cut only when nothing else can be done.
    Closing punctuation never starts a line: it may stand out of the line by its width, or
    (``strict``, in a table's column) it takes the character before it to the next line."""
    size = max(size, 4)
    lines: list[str] = []
    current = ""
    for token in _TOKEN.findall(text):
        if token.isspace():
            if current:
                current += " "
            continue
        candidate = current + token
        glued = token[0] in _CLOSING or token[0] == "." and not current.endswith(" ")
        if not current.strip() or width(candidate) <= size or (glued and not strict):
            current = candidate
            if width(current) <= size or glued:
                continue
        else:
            carried = ""
            while current and current[-1] in _OPENING:  # an opening bracket starts the next line
                carried, current = current[-1] + carried, current[:-1]
            if glued and strict and len(current) > 1 and width(current[-1]) == 2:
                carried, current = current[-1] + carried, current[:-1]
            if width(carried + token) > size:  # what is carried would not fit either: leave it
                current, carried = current + carried, ""
            lines.append(current.rstrip())
            current = carried + token
        while width(current) > size:  # a single id wider than the column: cut it, there is no other way
            cut = _cut(current, size)
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _cut(text: str, size: int) -> int:
    used = 0
    for i, ch in enumerate(text):
        used += width(ch)
        if used > size:
            return max(i, 1)
    return len(text)


def click_wrap_text(text: str, width_: int = 78, initial_indent: str = "", subsequent_indent: str = "",
                    preserve_paragraphs: bool = False) -> str:
    """click's ``wrap_text`` for Chinese: paragraphs wrapped by columns; a paragraph that starts
    with ``\\b`` is kept line by line, as click keeps it."""
    paragraphs = re.split(r"\n\s*\n", text.strip()) if preserve_paragraphs else [text]
    out: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        lead = initial_indent if n == 0 else subsequent_indent
        if paragraph.lstrip().startswith("\b"):
            body = [line.rstrip() for line in paragraph.lstrip()[1:].strip("\n").splitlines()]
            out.append("\n".join(subsequent_indent + line for line in body))
            continue
        joined = ""
        for line in (part.strip() for part in paragraph.splitlines()):
            if joined and line and (width(joined[-1]) == 1 or width(line[0]) == 1):
                joined += " "
            joined += line
        lines = wrap(joined, width_ - width(lead))
        out.append("\n".join((lead if i == 0 else subsequent_indent) + line for i, line in enumerate(lines)))
    return "\n\n".join(out)
