"""The pack a worker decides with, swapped for a new one when the folder changes.

Every change to a pack folder rewrites ``pack.yaml`` last (``change.store.LAST``),
by rename, so a change shows as a new inode, size or mtime of that one file.
Each request stats it (a few microseconds): a worker that sees it moved loads
the pack again (``read_pack`` reads the whole folder consistently) and swaps it
in; a request already running keeps the ``Snapshot`` it started with.  So a
writer's next request sees its write, and every other worker sees it on its next
request -- or sooner: each worker's watcher (``app.watch``) looks twice a second and
loads a changed pack before a request asks.  No signal between processes is needed.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from gridrules.catalogue import t
from gridrules.change.store import LAST
from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack
from gridrules.errors import GridRulesError
from gridrules.pack.pack import Pack

log = logging.getLogger("gridrules.service")


@dataclass(frozen=True)
class Snapshot:
    """One loaded pack and its checker: what a request decides with, start to finish."""

    pack: Pack
    checker: Checker

    @property
    def digest(self) -> str:
        return self.pack.info.digest


class LivePack:
    """The current Snapshot of the pack in ``root`` (or of the bundled pack, which never changes)."""

    def __init__(self, root: str | os.PathLike | None):
        self.root = None if root is None else Path(root)
        self._lock = threading.Lock()
        self._stamp = self._stat()
        self._snapshot = self._load()
        self.problem: str | None = None  # why the folder's newest state could not be loaded

    def _stat(self) -> tuple | None:
        if self.root is None:
            return None
        try:
            st = os.stat(self.root / LAST)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self) -> Snapshot:
        pack = load_pack(self.root)
        return Snapshot(pack, Checker(pack))

    def stale(self) -> bool:
        """Has the folder changed since the snapshot was taken?  (one stat)"""
        return self.root is not None and self._stat() != self._stamp

    def current(self) -> Snapshot:
        """The snapshot to use now, reloaded first if the folder changed (call from a thread)."""
        if self.stale():
            with self._lock:
                stamp = self._stat()
                if stamp != self._stamp:
                    try:
                        self._snapshot = self._load()
                        self.problem = None
                    except GridRulesError as exc:  # edited by hand into a broken pack: keep deciding with the old one
                        self.problem = str(exc)
                        # the whole text for the operator (a client without a token reads only that there is one)
                        log.warning("%s\n%s", t("serve.pack_refused", path=self.root, pid=os.getpid()), self.problem)
                    self._stamp = stamp
        return self._snapshot

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot as it is, without looking at the folder."""
        return self._snapshot
