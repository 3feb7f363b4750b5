"""Named crash points in the pack's write path, for the tests that kill a writer.

``reach("journal-written")`` does nothing unless the environment variable
``GRIDRULES_FAULT`` names that point; then the process ends at once with
``os._exit(CRASHED)`` (no cleanup, no flush, as if killed; the kernel releases
the pack's lock).  A point reached several times in one change is chosen by its
passage: ``GRIDRULES_FAULT=file-replaced:2`` ends the process the second time
``file-replaced`` is reached (``:1`` is the default).  Nothing else reads the
variable, and the write path calls nothing but ``reach``.
"""

from __future__ import annotations

import os
from collections import Counter

ENV = "GRIDRULES_FAULT"
CRASHED = 86  # the exit status of a process ended at a crash point; no command uses it

_passages: Counter[str] = Counter()


def reach(point: str) -> None:
    """End the process here if ``GRIDRULES_FAULT`` names this point (and passage)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    name, _, passage = wanted.partition(":")
    if name != point:
        return
    _passages[point] += 1
    if _passages[point] == int(passage or 1):
        os._exit(CRASHED)
