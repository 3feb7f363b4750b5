"""Is a message written in Chinese?  The tool's own words must be, by default: a run of three
English words is left-over English, once ids, codes, paths, commands and quoted values (which
stay as written) are taken out."""

from __future__ import annotations

import contextlib
import re

from gridrules.catalogue import set_language

_KEPT = re.compile(r"'[^']*'|`[^`]*`|\"[^\"]*\"|「[^」]*」|https?://\S+|\S*/\S*|<[^>]*>|\S+\.(?:yaml|json|xlsx|csv)\b")
_RUN = re.compile(r"[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}")


def english_runs(text: str) -> list[str]:
    """The runs of three or more English words in ``text`` outside ids and quoted values."""
    return _RUN.findall(_KEPT.sub(" ", text))


def is_chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not english_runs(text)


@contextlib.contextmanager
def chinese():
    """The tool's words in Chinese within the block (the suite runs with GRIDRULES_LANG=en)."""
    set_language("zh")
    try:
        yield
    finally:
        set_language(None)
