"""``python -m gridrules.change.genesis DIR``: (re)write the genesis entry of a pack that has no changes yet;
``gridrules history restart``: the same for a pack whose history holds hand edits only.

The pack a district publishes -- the one bundled with gridrules included --
ships a ``history.yaml`` holding only its genesis entry: every policy file's
hash and the content digest they make.  Whoever edits such a pack before it
is published (a maintainer changing the bundled rules) runs this to record
the pack as published; once a change is recorded in the history, the genesis
is fixed and later edits go through the workflow or ``gridrules history record``.

A district writing its own pack before it goes live records each hand edit
(``history record``): its version climbs and its history fills with them.
``restart`` starts the history again from the pack as it is -- but only while
the history holds nothing but hand edits: a decision once recorded (the joint
meeting's approval, rejection, amendment or withdrawal, a temporary approval, a
registry import, a training delivered) is a record that is never erased.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from gridrules.catalogue import t
from gridrules.change.history import genesis_document
from gridrules.change.store import LOCK_TIMEOUT, locked, refuse_broken_chain, writable_root
from gridrules.errors import ChangeError, Refused
from gridrules.pack import journal
from gridrules.pack.layout import HISTORY
from gridrules.pack.loader import pack_files, read_files

PUBLISHED = "规则包发布时的内容 / the pack as published"
RESTARTED = "规则包第一版（此前记录的手工修改并入其中） / the pack's first version (the hand edits recorded before folded in)"


def write_genesis(root: Path, recorded_at: datetime | None = None, reason: str = PUBLISHED,
                  hand_edits: bool = False) -> str:
    """Write ``root/history.yaml`` as a genesis entry for the files there; returns the content digest.

    A history with changes is refused, unless ``hand_edits`` and every change is a recorded hand
    edit (then they are folded into the new genesis) and its chain holds."""
    files = pack_files(root)
    pack = read_files(files, str(root))
    changes = pack.history.changes
    if changes and not hand_edits:
        raise ChangeError(f"{root}/{HISTORY} already records changes: its genesis stays as it is "
                          "(record a hand edit with `gridrules history record --reason …`)")
    decided = [c for c in changes if c.action != "record"]
    if decided:
        first = decided[0]
        raise Refused(t("refuse.restart_decided", seq=first.seq, action=t(f"action.{first.action}"),
                        target=first.target, n=len(decided)))
    refuse_broken_chain(pack)  # hand edits only, as far as an intact chain tells
    when = recorded_at or datetime.now(pack.tz)
    text = genesis_document(files, pack.manifest.version, when, reason)
    journal.write_durably(root / HISTORY, text.encode("utf-8"))
    return read_files(pack_files(root), str(root)).integrity.content_digest  # type: ignore[union-attr]


class Restarted(NamedTuple):
    version: str  # the pack's version, the genesis's
    folded: int  # the hand edits recorded before, folded into the genesis
    digest: str  # the content digest


def restart(pack_dir: str | os.PathLike[str] | None, recorded_at: datetime | None = None,
            timeout: float = LOCK_TIMEOUT) -> Restarted:
    """``gridrules history restart``: the history begins again from the pack as it is (under the pack's
    lock).  Refused (``Refused``) once it records any decision."""
    root = writable_root(pack_dir)
    with locked(root, timeout):
        journal.recover(root)
        before = read_files(pack_files(root), str(root))  # read once: write_genesis finds it read
        digest = write_genesis(root, recorded_at, RESTARTED, hand_edits=True)
        return Restarted(before.manifest.version, len(before.history.changes), digest)


def main(argv: list[str] | None = None) -> int:
    target = Path((argv or sys.argv[1:] or ["rules"])[0])
    print(write_genesis(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
