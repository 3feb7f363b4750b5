"""Writing values as YAML text the way a person would: plain scalars where they read back
the same, small collections inline, the rest as blocks (used by ``yamledit``'s edits and
by the pages that show a value as the pack writes it)."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from typing import Any

import yaml

from gridrules.errors import EditError
from gridrules.contract.base import DATE_PATTERN, DATETIME_PATTERN
from gridrules.pack.yamlsrc import parse_yaml

INLINE_WIDTH = 100  # a mapping is written on one line ({a: 1, b: 2}) when it fits in this
_PLAIN_AS_IS = re.compile(f"{DATE_PATTERN}|{DATETIME_PATTERN}")


def plain(value: Any) -> Any:
    """Dates as the text the loader keeps them as; floats that are whole as ints."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def scalar(value: Any, flow: bool = True) -> str:
    """One scalar, plain where it can be; ``flow`` when it may stand inside ``[…]`` or ``{…}``."""
    value = plain(value)
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
    value = plain(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return scalar(value)


def width(text: str) -> int:
    """Columns on screen: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fits_inline(value: Any, room: int) -> bool:
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
    for key, item in plain(value).items():
        head = f"{pad}{scalar(key)}:"
        if isinstance(item, str) and "\n" in item:
            literal = _literal(item, indent + 2)
            lines.append(f"{head} {literal if literal else scalar(item)}")
        elif isinstance(item, dict) and not fits_inline(item, INLINE_WIDTH - len(head) - 1):
            lines.append(head)
            lines.extend(block(item, indent + 2))
        elif isinstance(item, list) and not fits_inline(item, INLINE_WIDTH - len(head) - 1):
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
    value = plain(value)
    if flow is None:
        flow = width(inline(value)) <= INLINE_WIDTH - dash - 2 and dash > 0 and _all_scalar(value) if isinstance(value, dict) else True
    if isinstance(value, dict) and not flow:
        lines = block(value, dash + gap)
        first = lines[0][dash + gap:]
        return [" " * dash + "-" + " " * (gap - 1) + first, *lines[1:]]
    return [" " * dash + "- " + inline(value)]


def _all_scalar(value: dict) -> bool:
    return all(not isinstance(v, (dict, list)) for v in value.values())
