"""The pack a worker decides with, swapped for a new one when the folder changes: the service's
reloader, and the library's (``gridrules.LivePack``: ``live.current().checker.check_task(...)``).

Every change to a pack folder rewrites ``pack.yaml`` last (``pack.layout.LAST``),
by rename, so a change shows as a new inode, size or mtime of that one file.
Each request stats it (a few microseconds): a worker that sees it moved loads
the pack again (``read_pack`` reads the whole folder consistently) and swaps it
in; a request already running keeps the ``Snapshot`` it started with.  So a
writer's next request sees its write, and every other worker sees it on its next
request -- or sooner: each service worker's watcher (``service.app.watch``) looks twice a second and
loads a changed pack before a request asks.  No signal between processes is needed.

A pack published by copying its files in (``git pull``, ``rsync``, ``cp -r``) is no such change: its
``pack.yaml`` may arrive before the files it goes with.  The pack then read is a mix of the two
versions (or refused); so the watcher also looks at every policy file's inode, size and mtime
(``current(whole=True)``) and reads the folder again once the rest has arrived -- a request's own
look stays the one stat.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack
from gridrules.errors import GridRulesError
from gridrules.pack.layout import LAST
from gridrules.pack.loader import policy_paths
from gridrules.pack.pack import Pack


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Snapshot:
    """One loaded pack and its checker: what a request decides with, start to finish."""

    pack: Pack
    checker: Checker

    @property
    def digest(self) -> str:
        return self.pack.info.digest


class LivePack:
    """The current Snapshot of the pack in ``root`` (or of the bundled pack, which never changes).

    A pack that does not load raises ``PackError`` here; a later edit that breaks it does not: the
    old snapshot keeps deciding and ``problem`` says why the newest state could not be loaded."""

    def __init__(self, root: str | os.PathLike | None):
        self.root = None if root is None else Path(root)
        self._lock = threading.Lock()
        self._stamp, self._files = self._stat(), self._files_stat()
        self._snapshot = self._load()
        self.problem: str | None = None  # why the folder's newest state could not be loaded

    def _stat(self) -> tuple | None:
        if self.root is None:
            return None
        try:
            return _stamp(os.stat(self.root / LAST))
        except FileNotFoundError:
            return None

    def _files_stat(self) -> tuple | None:
        """Every policy file's inode, size and mtime (the watcher's look: a folder's walk)."""
        if self.root is None:
            return None
        try:
            return tuple((rel, *_stamp(os.stat(self.root / rel))) for rel in policy_paths(self.root))
        except OSError:  # a file removed while walked, or the folder itself: read it again once it settles
            return ("unsettled", time.monotonic())

    def _load(self) -> Snapshot:
        pack = load_pack(self.root)
        return Snapshot(pack, Checker(pack))

    def stale(self, whole: bool = False) -> bool:
        """Has the folder changed since the snapshot was taken?  (one stat of ``pack.yaml``; ``whole``:
        of every policy file, as the watcher looks)"""
        if self.root is None:
            return False
        return self._stat() != self._stamp or (whole and self._files_stat() != self._files)

    def current(self, whole: bool = False) -> Snapshot:
        """The snapshot to use now, reloaded first if the folder changed (call from a thread; ``whole``:
        any policy file changed, not only ``pack.yaml``)."""
        if self.stale(whole):
            with self._lock:
                if self.stale(whole):
                    stamp, files = self._stat(), self._files_stat()  # before reading: a later change shows
                    try:
                        self._snapshot = self._load()
                        self.problem = None
                    except GridRulesError as exc:  # edited by hand into a broken pack: keep deciding with the old one
                        self.problem = str(exc)
                        self.refused(self.problem)
                    self._stamp, self._files = stamp, files
        return self._snapshot

    def refused(self, problem: str) -> None:
        """Said once when the folder's newest state does not load (``problem`` keeps it): nothing here; the
        service's reloader says it on the server's stderr (``service.live``)."""

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot as it is, without looking at the folder."""
        return self._snapshot
