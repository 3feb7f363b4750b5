"""A new community's id, derived as the pack's ids are: its town's id, a hyphen and the
pinyin of its name without the endings the pack lists (和平社区 in tangxiang:
``tangxiang-heping``); a numeric suffix (``-2``, ``-3`` …) when the id is taken.

The pinyin comes from pypinyin (its phrase dictionary reads 重庆 as chongqing, not
zhongqing); ü is written ``v`` as in ids typed on a keyboard (绿 → lv).
"""

from __future__ import annotations

import re
from typing import Collection

from pypinyin import Style, lazy_pinyin

from gridrules.tables.sheet import normal

_NOT_ID = re.compile(r"[^a-z0-9]+")


def pinyin(name: str) -> str:
    """The toneless pinyin of ``name``, syllables run together; other letters and digits kept."""
    syllables = lazy_pinyin(normal(name), style=Style.NORMAL, errors="default")
    return _NOT_ID.sub("", "".join(syllables).lower())


def stem(name: str, endings: Collection[str]) -> str:
    """``name`` without the longest of ``endings`` it ends with (never down to nothing)."""
    text = normal(name)
    for ending in sorted((normal(e) for e in endings), key=len, reverse=True):
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def community_id(town: str, name: str, endings: Collection[str], taken: Collection[str]) -> str | None:
    """The id for a new community ``name`` in ``town``, not among ``taken``; None if the name gives no pinyin."""
    spelled = pinyin(stem(name, endings))
    if not spelled:
        return None
    base = f"{town}-{spelled}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
