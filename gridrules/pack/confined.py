"""Files of a pack folder, read and written without ever leaving it.

A pack folder may come from anyone (a copy handed over, an archive unpacked),
so nothing in it is trusted to be what its name says:

* only plain files and plain folders count: a symbolic link (to a file or a
  folder, inside the pack or out of it), a FIFO, a socket or a device is
  refused with its path, never followed or opened for reading -- a FIFO would
  hang the reader and a link to ``/dev/zero`` would fill its memory;
* every file is read through a descriptor opened with ``O_NOFOLLOW`` and
  checked (``fstat``) to be a plain file of at most ``MAX_FILE_BYTES``, and
  never more than that is read, so a file swapped for a link or grown after
  it was listed cannot slip through;
* a relative path from anywhere else (the rollback journal) is accepted only
  when it names a place inside the pack without ``..``, absolute parts or
  links on the way (``inside``).

A rewritten file keeps the permissions and group of the file it replaces
(``keep_owner``): a pack shared by a group of editors stays shared.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason
from gridrules.errors import Location, PackError, Problem

# The largest pack file read.  Policy files are text written by people; the largest
# real one (a district's grid registry) is a few MB, and a province-wide one stays
# well under this.  A bigger file is refused before it is read.
MAX_FILE_BYTES = 64 * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _problem(message: str, root: Path, rel: str) -> PackError:
    return PackError(Problem(message, Location(f"{os.fspath(root).rstrip('/')}/{rel}")))


def _kind(mode: int) -> str | None:
    """What a non-plain entry is, in words; None for a plain file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return t("entry.link")
    if stat.S_ISFIFO(mode):
        return t("entry.fifo")
    if stat.S_ISSOCK(mode):
        return t("entry.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("entry.device")
    return t("entry.other")


def refused_entry(root: Path, rel: str, mode: int) -> Problem | None:
    """The problem with a pack entry that is not a plain file or folder (None: it is fine)."""
    if stat.S_ISDIR(mode):
        return None
    kind = _kind(mode)
    if kind is None:
        return None
    return Problem(t("pack.plain_files_links", kind=kind),
                   Location(f"{os.fspath(root).rstrip('/')}/{rel}"))


def read_file(root: Path, rel: str, limit: int | None = None) -> bytes:
    """The bytes of ``root/rel``: a plain file, not a link, at most ``limit`` bytes."""
    limit = MAX_FILE_BYTES if limit is None else limit
    _no_links_on_the_way(root, rel)
    try:
        fd = os.open(root / rel, _OPEN_FLAGS)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise _problem(t("pack.unsafe_read", reason=os_reason(exc)), root, rel) from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise _problem(t("pack.plain_files", kind=kind), root, rel)
        if info.st_size > limit:
            raise _problem(t("pack.too_big", size=f"{info.st_size:,}", limit=f"{limit:,}"), root, rel)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _problem(t("pack.grew", limit=f"{limit:,}"), root, rel)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _no_links_on_the_way(root: Path, rel: str) -> None:
    """Every folder between the pack and ``rel`` is a plain folder (not a link)."""
    parts = PurePosixPath(rel).parts[:-1]
    here = root
    for part in parts:
        here = here / part
        mode = os.lstat(here).st_mode
        if not stat.S_ISDIR(mode):
            raise _problem(t("pack.plain_folders", kind=_kind(mode)), root, str(PurePosixPath(*parts)))


def inside(root: Path, rel: object) -> Path | None:
    """``root/rel`` when ``rel`` is a plain relative path that stays in the pack, else None."""
    if not isinstance(rel, str) or not rel or "\0" in rel or "\\" in rel:
        return None
    path = PurePosixPath(rel)
    if path.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/")):
        return None
    here = root
    for n, part in enumerate(path.parts):
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return root / rel  # the rest is still to be made, as plain folders
        last = n == len(path.parts) - 1
        if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) if last else stat.S_ISDIR(mode)):
            return None
    return root / rel


def keep_owner(fd: int, original: Path) -> None:
    """Give the file open as ``fd`` the permissions and group of ``original`` (when it exists)."""
    try:
        info = os.lstat(original)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    os.fchmod(fd, stat.S_IMODE(info.st_mode))
    if info.st_gid != os.fstat(fd).st_gid:
        try:
            os.fchown(fd, -1, info.st_gid)
        except PermissionError:  # not a member of the group: the file stays the writer's
            pass


__all__ = ["MAX_FILE_BYTES", "inside", "keep_owner", "read_file", "refused_entry"]
