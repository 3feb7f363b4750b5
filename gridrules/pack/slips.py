"""A slip of the pen in a name: a few characters wrong for the name's length (燃起泄漏 for 燃气泄漏).

difflib's ratio compares a value with a whole name, so a one-character slip in a short name,
or in one part of a longer one (燃气泄漏 of 燃气泄漏、燃气隐患), falls under any cutoff that keeps
unrelated words out.  Here a value is a slip for a name when it is within one edit (a character
added, dropped or changed) for every ``SLIP_CHARS`` characters of the name, or of one of the ways
the name is written short: without its brackets, each of its parts (split at 、 and brackets).
A name of fewer than ``SLIP_CHARS`` characters allows no slip: in two or three characters one
changed character is often another word (区民政局 and 区财政局 differ by one of four).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence, TypeVar

from gridrules.catalogue.humane import written_apart

SLIP_CHARS = 4  # one edit per four characters: 燃起泄漏 (4) for 燃气泄漏, not 天气很好 for anything
_BRACKETS = re.compile(r"[()（）]")
_SHORTENED = re.compile(r"[()（）、,;，；]")  # where a name may be written short (most names have none)

Thing = TypeVar("Thing")


def spellings(name: str) -> tuple[str, ...]:
    """``name`` and the ways it is written short: 消防隐患(通道堵塞、电动车入户充电) -> itself,
    消防隐患, 通道堵塞, 电动车入户充电 (only those long enough to allow a slip)."""
    if not _SHORTENED.search(name):
        return (name,) if len(name) >= SLIP_CHARS else ()
    found = [name, re.sub(r"[(（][^()（）]*[)）]", "", name)]
    for piece in _BRACKETS.split(name):
        found += written_apart(piece)
    return tuple(dict.fromkeys(s for s in found if len(s) >= SLIP_CHARS))


def edits_within(a: str, b: str, most: int) -> int | None:
    """The edit distance of ``a`` and ``b`` (characters added, dropped or changed) when it is at
    most ``most``, else None; banded, and stopped as soon as it must exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return None
    missing = 0  # each character of a that b lacks costs an edit of its own (a quick way to rule most out)
    for ch in a:
        if ch not in b:
            missing += 1
            if missing > most:
                return None
    start = 0  # the common beginning and end cost nothing
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < len(a) and end < len(b) and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[:len(a) - end], b[:len(b) - end]
    over = most + 1
    row = [j if j <= most else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - most), min(len(b), i + most)
        new = [over] * (len(b) + 1)
        new[0] = i if i <= most else over
        for j in range(low, high + 1):
            new[j] = min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (ca != b[j - 1]), over)
        if min(new[max(0, low - 1):high + 1]) > most:
            return None
        row = new
    return row[len(b)] if row[len(b)] <= most else None


def closest_slip(value: str, named: Iterable[tuple[Thing, Sequence[str]]]) -> Thing | None:
    """The thing of which ``value`` is the nearest slip, over each thing's spellings (the first
    of those equally near, in the order given), or None when it is a slip for none."""
    best, fewest = None, None
    for thing, written in named:
        for spelling in written:
            most = len(spelling) // SLIP_CHARS if fewest is None else min(len(spelling) // SLIP_CHARS, fewest - 1)
            if most < 1:
                continue
            edits = edits_within(value, spelling, most)
            if edits is not None and edits > 0:
                best, fewest = thing, edits
    return best
