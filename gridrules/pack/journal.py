"""The rollback journal that makes a change to several pack files all-or-nothing.

A change touches several files (``admission/items.yaml``, ``history.yaml``,
``pack.yaml``).  Replacing each one atomically is not enough: a process killed
between two replacements would leave half a change.  So a writer, holding the
pack's lock (``packwrite``), first saves the old contents in
``<pack>/.gridrules-journal/`` and writes ``journal.json`` naming them; only
then does it replace the files (``pack.yaml`` last), and removing
``journal.json`` is the moment the change is made.

While ``journal.json`` exists the change has not happened: readers see the
pack as it was (the saved contents stand in for the files the writer is
replacing), and the next writer restores them on disk before doing anything
else.  A journal folder without ``journal.json`` is debris of a finished or a
never-started change and is simply removed.

Everything here ignores dot-files, as the loader does, so the journal, the
temporary files and nothing else of this machinery ever counts as pack content.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Callable

from gridrules.pack import crashpoints
from gridrules.errors import Location, PackError, Problem
from gridrules.pack.layout import MANIFEST as PACK_MANIFEST

JOURNAL_DIR = ".gridrules-journal"
MANIFEST = "journal.json"
TMP_MARK = ".gridrules-tmp"
READ_ATTEMPTS = 50

Files = list[tuple[str, bytes]]


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Write ``path`` so that, once this returns, it is whole on disk (temp file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_MARK}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    crashpoints.reach("temp-written")
    os.replace(tmp, path)
    fsync_dir(path.parent)


def read_manifest(root: Path) -> dict | None:
    try:
        raw = (root / JOURNAL_DIR / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    return json.loads(raw.decode("utf-8"))


def overlay(root: Path, files: Files, manifest: dict) -> Files:
    """The files as they were before the journalled change (which has not happened)."""
    before = dict(files)
    for entry in manifest["files"]:
        if entry["backup"] is None:
            before.pop(entry["path"], None)
        else:
            before[entry["path"]] = (root / JOURNAL_DIR / entry["backup"]).read_bytes()
    return sorted(before.items())


def stable_read(root: Path, read: Callable[[], Files]) -> Files:
    """Read the pack's files as one consistent state, without taking the lock.

    A read is kept when nothing moved while it ran: the same journal (or none)
    before and after, and the same ``pack.yaml`` -- every change rewrites
    ``pack.yaml`` (its version) and writes it last, so a change that completed
    during the read shows there.  An unfinished change is read as not made.
    """
    for attempt in range(READ_ATTEMPTS):
        try:
            before = read_manifest(root)
            first = _manifest_pack(root)
            files = read()
            if before is not None:
                files = overlay(root, files, before)
            after = read_manifest(root)
            if before == after and first == _manifest_pack(root):
                return files
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            pass  # a writer removed or was writing what we read: read again
        time.sleep(0.005 * (attempt + 1))
    raise PackError(Problem("the pack kept changing while it was being read; try again", Location(str(root))))


def _manifest_pack(root: Path) -> bytes | None:
    try:
        return (root / PACK_MANIFEST).read_bytes()
    except FileNotFoundError:
        return None


def recover(root: Path) -> bool:
    """Undo an unfinished change (the caller holds the lock); True when there was one."""
    journal = root / JOURNAL_DIR
    manifest = read_manifest(root)
    restored = False
    if manifest is not None:
        for entry in manifest["files"]:
            target = root / entry["path"]
            if entry["backup"] is None:
                target.unlink(missing_ok=True)
            else:
                write_durably(target, (journal / entry["backup"]).read_bytes())
        (journal / MANIFEST).unlink()
        fsync_dir(journal)
        restored = True
    remove_debris(root)
    return restored


def remove_debris(root: Path) -> None:
    """The journal folder of a finished change and temporary files of a killed writer."""
    journal = root / JOURNAL_DIR
    if journal.is_dir():
        for child in journal.iterdir():
            child.unlink()
        journal.rmdir()
        fsync_dir(root)
    for tmp in root.rglob(f".*{TMP_MARK}"):
        tmp.unlink(missing_ok=True)
