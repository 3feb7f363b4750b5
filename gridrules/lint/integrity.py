"""GR002: files changed outside the workflow -- what ``validate`` refuses, at the file.

A pack whose files differ from what ``history.yaml`` records last (a hand edit not
recorded with ``gridrules history record``), or whose newest history entry was edited
after it was written, loads and decides, but ``validate`` exits 2 on it and no change
is written on top of it.  Each changed, added or removed file is one finding at that
file (a removed one at ``history.yaml``, which still records it), an edited entry one
at the entry; the message gives the way forward ``validate`` gives.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.lint.context import LintContext
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import HISTORY

EDITED = Check("GR002", "edited-outside-workflow", "error")

CHECKS = (EDITED,)


def run(ctx: LintContext) -> Iterator[Finding]:
    state = ctx.pack.integrity
    if state is None or not state.tracked or state.intact:
        return
    hint = state.way_forward()
    for key, files in (("drift.changed", state.changed), ("drift.added", state.added)):
        for rel in files:
            yield ctx.finding(EDITED, t("finding.edited", what=t(key, file=rel), hint=hint), rel, (), rel)
    for rel in state.removed:
        yield ctx.finding(EDITED, t("finding.edited", what=t("drift.removed", file=rel), hint=hint),
                          HISTORY, ("genesis",), rel, at_key=True)
    if state.tampered:
        changes = ctx.pack.history.changes
        path = ("changes", len(changes) - 1) if changes else ("genesis",)
        yield ctx.finding(EDITED, t("finding.edited", what=state.tampered, hint=hint), HISTORY, path, HISTORY,
                          at_key=not changes)
