"""The inputs of the assessment the dashboard has just shown, held on the server a while, so that its
workbook downloads without choosing the records file again.

Held on disk, not in a worker's memory: any worker serves any request (``gridrules serve --workers N``),
and a records file may be large (up to the service's ``max_upload_bytes``, each).  Every worker of one
server shares one folder (named by the configuration file's path) under the system's temporary folder,
made for this user alone (0700; one that is not this user's, or a link, is not used: nothing is held).
An analysis held is a random key's files: the uploads as sent, and last -- an atomic rename, so a set
is whole or absent -- what it was run with: the period, the moment judged (the one used: a form left
blank meant "now", and the workbook must be of that same moment), the pack's digest, the files' names,
and whose it is (a hash of the session's CSRF value, itself derived from the session's token: only
the session that analysed it can download it).

Bounded: a set is kept ``HELD_SECONDS``; each session keeps only its latest; at most ``HELD_MOST``
sets and ``HELD_BYTES`` in all are kept, the oldest dropped first (swept whenever one is held); a set
larger than ``HELD_BYTES`` alone is not held (the page then asks for the file again, as before).
A set swept by another worker while one reads it is read as gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HELD_SECONDS = 30 * 60
HELD_MOST = 8
HELD_BYTES = 256 * 1024 * 1024
_KEY = re.compile(r"[0-9a-f]{32}\Z")
PARTS = ("records", "decisions")


@dataclass(frozen=True)
class Held:
    """An analysis's inputs as held: each upload (its bytes, its name), the period, the moment judged
    (ISO 8601) and the pack's digest it was assessed by."""

    uploads: dict[str, tuple[bytes, str]]
    period: str
    at: str
    digest: str


def folder(config_path: str | os.PathLike) -> Path | None:
    """The folder this server's workers hold analyses in (made when missing); None when it cannot be
    made or is not this user's own (another user's, a link): then nothing is held."""
    name = hashlib.sha256(os.fsencode(os.path.abspath(config_path))).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"gridrules-held-{os.getuid()}-{name}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        return None
    return path


def owner_of(csrf: str) -> str:
    return hashlib.sha256(("gridrules held " + csrf).encode("utf-8")).hexdigest()


def _sets(where: Path) -> list[tuple[float, str, dict, int]]:
    """The sets held: (when held, key, what it was run with, its bytes), oldest first."""
    out = []
    for meta in where.glob("*.json"):
        key = meta.stem
        try:
            about = json.loads(meta.read_text(encoding="utf-8"))
            size = sum((where / f"{key}.{part}").stat().st_size for part in PARTS)
        except (OSError, ValueError):
            continue
        out.append((float(about.get("held", 0)), key, about, size))
    return sorted(out, key=lambda x: x[0])


def _drop(where: Path, key: str) -> None:
    for name in (f"{key}.json", *(f"{key}.{part}" for part in PARTS)):
        try:
            (where / name).unlink()
        except FileNotFoundError:
            pass


def _sweep(where: Path, now: float) -> None:
    """Drop the sets past their time, then the oldest until at most HELD_MOST and HELD_BYTES remain;
    and files no set names (a hold cut short) once they are older than HELD_SECONDS."""
    sets = _sets(where)
    kept = []
    for when, key, about, size in sets:
        if now - when > HELD_SECONDS:
            _drop(where, key)
        else:
            kept.append((key, size))
    while kept and (len(kept) > HELD_MOST or sum(size for _, size in kept) > HELD_BYTES):
        _drop(where, kept.pop(0)[0])
    named = {key for key, _ in kept}
    for path in where.iterdir():
        try:
            if path.name.split(".")[0] not in named and now - path.stat().st_mtime > HELD_SECONDS:
                path.unlink()
        except OSError:
            pass


def hold(where: Path | None, csrf: str, uploads: dict[str, tuple[bytes, str]], period: str, at: str,
         digest: str) -> str | None:
    """Hold an analysis's inputs for the session whose CSRF value is ``csrf``; its key, or None when it
    is not held (no folder, too large, the disk refused)."""
    if where is None or sum(len(data) for data, _ in uploads.values()) > HELD_BYTES:
        return None
    now = time.time()
    owner = owner_of(csrf)
    key = secrets.token_hex(16)
    try:
        for _, old, about, _ in _sets(where):  # one set a session: the analysis shown last
            if about.get("owner") == owner:
                _drop(where, old)
        for part in PARTS:
            data = uploads.get(part, (b"", ""))[0]
            fd = os.open(where / f"{key}.{part}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        about = {"owner": owner, "held": now, "period": period, "at": at, "digest": digest,
                 "names": {part: uploads.get(part, (b"", ""))[1] for part in PARTS}}
        temporary = where / f".{key}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(about, handle, ensure_ascii=False)
        os.replace(temporary, where / f"{key}.json")
        _sweep(where, now)
    except OSError:
        _drop(where, key)
        return None
    return key if (where / f"{key}.json").exists() else None


def held(where: Path | None, key: str, csrf: str) -> Held | None:
    """The analysis held under ``key`` for this session; None when there is none (never held, another
    session's, past its time, swept)."""
    if where is None or _KEY.match(key) is None:
        return None
    try:
        about = json.loads((where / f"{key}.json").read_text(encoding="utf-8"))
        if about.get("owner") != owner_of(csrf) or time.time() - float(about.get("held", 0)) > HELD_SECONDS:
            return None
        uploads = {part: ((where / f"{key}.{part}").read_bytes(), about["names"][part]) for part in PARTS}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Held(uploads, about["period"], about["at"], about["digest"])
