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

import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gridrules.catalogue import t
from gridrules.catalogue.humane import as_written
from gridrules.pack import confined, crashpoints
from gridrules.errors import Location, OutputError, PackError, Problem
from gridrules.pack.layout import MANIFEST as PACK_MANIFEST, kind_of

JOURNAL_DIR = ".gridrules-journal"
MANIFEST = "journal.json"
TMP_MARK = ".gridrules-tmp"
READ_ATTEMPTS = 50
_BACKUP = re.compile(r"[0-9]{1,4}\.bak")
_HASH = re.compile(r"[0-9a-f]{64}")

Files = list[tuple[str, bytes]]


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Write ``path`` so that, once this returns, it is whole on disk (temp file, fsync, rename).

    The new file keeps the permissions and group of the one it replaces."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_MARK}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        with open(fd, "wb") as handle:
            confined.keep_owner(handle.fileno(), path)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        crashpoints.reach("temp-written")
        os.replace(tmp, path)
    except BaseException:  # a full disk, a folder in the way: no temporary file left behind
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """A file the user asked for (an export, a report, an application written out), whole or not
    at all (``write_durably``); a path that cannot be written is an ``OutputError`` naming it."""
    try:
        write_durably(Path(path), data)
    except OSError as exc:
        raise OutputError(os.fspath(path), exc) from None


def fingerprint(data: bytes) -> str:
    """What the journal records of a file's new contents (to recognise it later)."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One file of a journalled change: where it is, its saved old contents, its new contents' hash."""

    path: str
    backup: str | None  # file name in the journal folder; None: the file is new
    after: str | None  # sha256 of the new contents; None: the change removes the file


def _journal_error(root: Path, message: str) -> PackError:
    return PackError(Problem(message, Location(f"{os.fspath(root).rstrip('/')}/{JOURNAL_DIR}/{MANIFEST}")))


def read_manifest(root: Path) -> list[Entry] | None:
    """The unfinished change's files (None: no change is unfinished); a journal gridrules
    could not have written is refused, so nothing it names is ever read or written."""
    if os.path.lexists(root / JOURNAL_DIR) and not stat.S_ISDIR(os.lstat(root / JOURNAL_DIR).st_mode):
        raise _journal_error(root, t("journal.not_folder", folder=JOURNAL_DIR))
    try:
        raw = confined.read_file(root, f"{JOURNAL_DIR}/{MANIFEST}")
    except FileNotFoundError:
        return None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _journal_error(root, t("journal.not_json")) from None
    return _entries(root, manifest)


def _entries(root: Path, manifest: object) -> list[Entry]:
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list) or not files:
        raise _journal_error(root, t("journal.no_files"))
    out: list[Entry] = []
    for n, item in enumerate(files, 1):
        if not isinstance(item, dict) or set(item) != {"path", "backup", "after"}:
            raise _journal_error(root, t("journal.bad_entry", n=n))
        path, backup, after = item["path"], item["backup"], item["after"]
        if kind_of(path) is None or confined.inside(root, path) is None:
            raise _journal_error(root, t("journal.not_pack_file", n=n, path=as_written(path)))
        if backup is not None and not (isinstance(backup, str) and _BACKUP.fullmatch(backup)):
            raise _journal_error(root, t("journal.bad_backup", n=n, backup=as_written(backup)))
        if after is not None and not (isinstance(after, str) and _HASH.fullmatch(after)):
            raise _journal_error(root, t("journal.bad_after", n=n))
        out.append(Entry(path, backup, after))
    return out


def _backup(root: Path, entry: Entry) -> bytes | None:
    if entry.backup is None:
        return None
    return confined.read_file(root, f"{JOURNAL_DIR}/{entry.backup}")


def _on_disk(root: Path, rel: str) -> bytes | None:
    try:
        return confined.read_file(root, rel)
    except FileNotFoundError:
        return None


def check_untouched(root: Path, entries: list[Entry]) -> None:
    """Every journalled file is as the writer left it (old or new contents); a file edited
    since the writer was interrupted is refused, not silently undone or hidden."""
    edited = []
    for entry in entries:
        old, now = _backup(root, entry), _on_disk(root, entry.path)
        if now is None:
            if old is not None and entry.after is not None:
                edited.append(entry.path)
        elif now != old and fingerprint(now) != entry.after:
            edited.append(entry.path)
    if edited:
        raise _journal_error(root, t("journal.edited", files=", ".join(edited), folder=JOURNAL_DIR))


def overlay(root: Path, files: Files, entries: list[Entry]) -> Files:
    """The files as they were before the journalled change (which has not happened)."""
    check_untouched(root, entries)
    before = dict(files)
    for entry in entries:
        old = _backup(root, entry)
        if old is None:
            before.pop(entry.path, None)
        else:
            before[entry.path] = old
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
            try:
                if before is not None:
                    files = overlay(root, files, before)
            except PackError:  # files edited since an interrupted change -- or a writer moved on
                if read_manifest(root) == before and first == _manifest_pack(root):
                    raise
                continue
            after = read_manifest(root)
            if before == after and first == _manifest_pack(root):
                return files
        except FileNotFoundError:
            pass  # a writer removed what we read: read again
        time.sleep(0.005 * (attempt + 1))
    raise PackError(Problem(t("journal.kept_changing"), Location(str(root))))


def _manifest_pack(root: Path) -> bytes | None:
    return _on_disk(root, PACK_MANIFEST)


def recover(root: Path) -> bool:
    """Undo an unfinished change (the caller holds the lock); True when there was one."""
    journal = root / JOURNAL_DIR
    entries = read_manifest(root)
    restored = False
    if entries is not None:
        check_untouched(root, entries)
        for entry in entries:
            target = root / entry.path
            old = _backup(root, entry)
            if old is None:
                target.unlink(missing_ok=True)
            else:
                write_durably(target, old)
        (journal / MANIFEST).unlink()
        fsync_dir(journal)
        restored = True
    remove_debris(root)
    return restored


def remove_debris(root: Path) -> None:
    """The journal folder of a finished change and temporary files of a killed writer."""
    journal = root / JOURNAL_DIR
    if os.path.lexists(journal) and not stat.S_ISDIR(os.lstat(journal).st_mode):
        raise _journal_error(root, t("journal.not_folder", folder=JOURNAL_DIR))
    if journal.is_dir():
        for child in journal.iterdir():
            child.unlink()  # a link is removed itself, never what it points to
        journal.rmdir()
        fsync_dir(root)
    for tmp in root.rglob(f".*{TMP_MARK}"):
        tmp.unlink(missing_ok=True)
