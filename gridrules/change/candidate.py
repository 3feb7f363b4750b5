"""A candidate pack: a copy of a pack with an application approved in it, for replay to ask what
the approval would have changed (``admission review --impact``).  The pack itself is untouched."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from gridrules.contract.application import Application
from gridrules.pack.loader import bundled_root, pack_files

from .workflow import Outcome, approve

SESSION = "impact"  # the hypothetical joint-meeting session recorded in the copy only
OVERRIDE = "影响分析：假定联席会议不顾审查意见批准"  # the copy's override reason, when the review blocks


def approved_copy(pack_dir: str | os.PathLike[str] | None, app: Application, on: date, into: Path) -> Outcome:
    """Copy the pack at ``pack_dir`` (the bundled pack when None) into the empty folder ``into``
    and approve ``app`` there on ``on``, exactly as ``gridrules admission approve`` would write it.
    Blocking findings a decision may override are overridden (the question is what approval would
    change); ``Refused`` when no decision could approve it."""
    root = bundled_root() if pack_dir is None else Path(pack_dir)
    for rel, data in pack_files(root):
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return approve(into, app, SESSION, on, override=OVERRIDE)
