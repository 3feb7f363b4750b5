"""Plain-text tables that line up with Chinese text (wide characters count twice)."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _wrap(text: str, size: int) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if width(current + ch) > size:
            lines.append(current)
            current = ""
        current += ch
    lines.append(current)
    return lines


def render(headers: list[str], rows: list[list[str]], max_width: int = 44) -> str:
    """A table with a rule under the header; long cells wrap within ``max_width``."""
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    sizes = [width(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            sizes[i] = min(max(sizes[i], width(cell)), max(max_width, width(headers[i])))
    out = ["  ".join(_pad(h, sizes[i]) for i, h in enumerate(headers)).rstrip()]
    out.append("  ".join("─" * s for s in sizes))
    for row in cells:
        wrapped = [_wrap(cell, sizes[i]) for i, cell in enumerate(row)]
        for line in range(max(len(w) for w in wrapped)):
            parts = [_pad(w[line] if line < len(w) else "", sizes[i]) for i, w in enumerate(wrapped)]
            out.append("  ".join(parts).rstrip())
    return "\n".join(out)
