"""``python -m gridrules.change.genesis DIR``: (re)write the genesis entry of a pack that has no changes yet.

The pack a district publishes -- the one bundled with gridrules included --
ships a ``history.yaml`` holding only its genesis entry: every policy file's
hash and the content digest they make.  Whoever edits such a pack before it
is published (a maintainer changing the bundled rules) runs this to record
the pack as published; once a change is recorded in the history, the genesis
is fixed and later edits go through the workflow or ``gridrules history record``.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from gridrules.change.history import genesis_document
from gridrules.errors import ChangeError
from gridrules.pack import journal
from gridrules.pack.layout import HISTORY
from gridrules.pack.loader import pack_files, read_files

PUBLISHED = "规则包发布时的内容 / the pack as published"


def write_genesis(root: Path, recorded_at: datetime | None = None, reason: str = PUBLISHED) -> str:
    """Write ``root/history.yaml`` as a genesis entry for the files there; returns the content digest."""
    files = pack_files(root)
    pack = read_files(files, str(root))
    if pack.history.changes:
        raise ChangeError(f"{root}/{HISTORY} already records changes: its genesis stays as it is "
                          "(record a hand edit with `gridrules history record --reason …`)")
    when = recorded_at or datetime.now(pack.tz)
    text = genesis_document(files, pack.manifest.version, when, reason)
    journal.write_durably(root / HISTORY, text.encode("utf-8"))
    return read_files(pack_files(root), str(root)).integrity.content_digest  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    target = Path((argv or sys.argv[1:] or ["rules"])[0])
    print(write_genesis(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
