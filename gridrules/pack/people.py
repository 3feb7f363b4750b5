"""People's names in a list of them, as a district's ledger writes it: the one rule for the
registry import (a staffing cell) and lint's staffing check (GR702) alike, so both count
the same people.

Names are separated by 、，,；;／/ or a line break (Alt+Enter in Excel), never by a space
alone.  A space (or the full-width space U+3000 clerks use to align a two-character name
with three-character ones) inside a name is:

* part of it between two words of Latin letters (``John Smith``);
* alignment, removed, when it stands between a name's parts one of which is a single
  Chinese character (``李　明`` is 李明, ``欧阳 娜`` is 欧阳娜);
* otherwise ambiguous (``张三 李四``: two people, or one 张三李四?) and refused.
"""

from __future__ import annotations

import re
import unicodedata

SEPARATORS = "、,，;；/／\n\r"
_SPLIT = re.compile("[" + re.escape(SEPARATORS) + "]+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.'·-]*$")


class AmbiguousName(ValueError):
    """A list whose spaces may separate people or sit inside a name (the text in ``args[0]``)."""


def names_in(text: str) -> list[str]:
    """The names ``text`` lists (NFKC: full-width letters and spaces read as ASCII); ``AmbiguousName``
    naming the part whose space cannot be read either way."""
    out = []
    for part in _SPLIT.split(unicodedata.normalize("NFKC", text)):
        pieces = part.split()
        if not pieces:
            continue
        if len(pieces) == 1:
            out.append(pieces[0])
        elif all(_LATIN.match(p) for p in pieces):
            out.append(" ".join(pieces))
        elif len(pieces) == 2 and min(len(p) for p in pieces) == 1:
            out.append("".join(pieces))
        else:
            raise AmbiguousName(part.strip())
    return out


def count_people(entries: list[str]) -> int:
    """How many people a recorded list holds, each entry read by ``names_in`` (an entry it
    cannot read counts as one)."""
    total = 0
    for entry in entries:
        try:
            total += len(names_in(entry)) or 1
        except AmbiguousName:
            total += 1
    return total
