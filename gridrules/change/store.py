"""Writing a change into a pack folder: locked, validated first, all or nothing.

Every change (an approval, a rejection, an amendment, a withdrawal, a town's
temporary approval) goes through ``change_pack``:

1. take the pack's lock -- an exclusive ``flock`` on the pack folder itself,
   so nothing is created in the folder and a dead process's lock is released
   by the kernel -- and hold it for the whole read-modify-write;
2. undo the unfinished change a killed writer may have left (``journal``);
3. read the files, let the caller compute the new contents, and validate the
   whole resulting pack (``engine.loading.load_files``) before anything is written:
   a change that would leave an invalid pack is refused and nothing moves;
4. save the old contents in the journal, replace each changed file atomically
   (temporary file in the same folder, fsync, ``os.replace``) with
   ``pack.yaml`` last, then remove the journal: that is the moment the change
   is made.

The bundled pack is never written: a deployment copies it first
(``gridrules init DIR``).

Crash points, for the tests that prove a killed writer loses nothing
(``crashpoints``): in the order a change reaches them, ``locked``,
``journal-opened``, ``backup-written`` (once per saved file), ``temp-written``
(once per ``journal.write_durably``), ``journal-written``, ``file-replaced``
(once per changed file), ``files-replaced``, ``committed``.  And for the test
that concurrent writers queue: ``GRIDRULES_FAULT=pause-in-lock`` makes a writer
wait a second while holding the lock, after it has read the pack (so a second
writer must wait and then see the first one's change).
"""

from __future__ import annotations

import errno
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason
from gridrules.pack import chain, confined, crashpoints, journal
from gridrules.errors import ChangeError, Location, PackBusy, PackError, Problem, ReadOnlyPack
from gridrules.change.yamledit import Editor
from gridrules.pack.loader import bundled_root, digest_of, known_files, pack_files, read_files
from gridrules.pack.yamlsrc import Document
from gridrules.engine.gcpause import collector_paused
from gridrules.engine.loading import load_files
from gridrules.pack.pack import Pack
from gridrules.pack.layout import HISTORY, LAST

FAULT_ENV = crashpoints.ENV
LOCK_TIMEOUT = 60.0  # seconds a writer waits for another writer to finish
T = TypeVar("T")


PAUSE = "pause-in-lock"


def _pause() -> None:
    if os.environ.get(FAULT_ENV) == PAUSE:
        time.sleep(1.0)


def writable_root(pack_dir: str | os.PathLike | None) -> Path:
    """The folder a change may be written to; the bundled pack is refused."""
    hint = t("change.copy_first")
    if pack_dir is None:
        raise ReadOnlyPack(t("change.bundled", hint=hint))
    root = Path(pack_dir)
    if not root.is_dir():
        raise PackError(Problem(t("change.not_a_pack"), Location(os.fspath(pack_dir))))
    bundled = bundled_root()
    if isinstance(bundled, Path) and root.resolve() == bundled.resolve():
        raise ReadOnlyPack(t("change.bundled_at", root=root, hint=hint))
    return root


@contextmanager
def locked(root: Path, timeout: float = LOCK_TIMEOUT, shown: object = None) -> Iterator[None]:
    """Hold the pack's exclusive lock (released by the kernel if the process dies).

    Any existing file or folder can be the lock (the service's configuration uses a lock
    file beside it); ``shown`` is what the message names when the wait is too long."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        raise ChangeError(t("change.posix")) from None
    fd = os.open(root, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise PackBusy(t("change.busy", root=root if shown is None else shown, seconds=f"{timeout:g}")) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@dataclass
class Written:
    """What a change did to the pack."""

    changed: list[str]
    previous_digest: str
    digest: str
    pack: Pack


@dataclass
class Draft:
    """The pack as it is (``files``, ``pack``) and the new contents a change proposes."""

    root: Path
    files: dict[str, bytes]
    pack: Pack
    new: dict[str, bytes | None] = field(default_factory=dict)
    parsed: dict[str, Document] = field(default_factory=dict)  # new contents already parsed (by an Editor)

    def text(self, rel: str) -> str | None:
        data = self.new.get(rel, self.files.get(rel))
        return None if data is None else data.decode("utf-8")

    def put(self, rel: str, text: str) -> None:
        self.new[rel] = text.encode("utf-8")
        self.parsed.pop(rel, None)

    def editor(self, rel: str) -> Editor:
        """An editor of the file as it stands in the draft (reusing what is already parsed)."""
        if rel in self.new:
            return Editor(self.text(rel) or "", rel, self.parsed.get(rel))
        return Editor(self.text(rel) or "", rel, self.pack.documents.get(rel))

    def save(self, editor: Editor) -> None:
        """Put the editor's result as the file's new contents."""
        self.put(editor.shown, editor.result())
        if editor.document is not None:
            self.parsed[editor.shown] = editor.document


def change_pack(root: Path, propose: Callable[[Draft], T], timeout: float = LOCK_TIMEOUT,
                hand_edits: bool = False) -> tuple[T, Written | None]:
    """Run ``propose`` on the current pack under the lock and write what it puts.

    ``propose`` fills ``draft.new`` and returns anything (handed back); if it
    raises, or puts nothing, nothing is written.  The resulting pack must load,
    and its history must hold: its last entry records the files as written.
    A pack with files changed outside the workflow is refused (a change would
    bury the edit under a legitimate entry) unless the change is the recording
    of those edits (``hand_edits``).
    """
    # one pause of the cyclic collector for the whole change: reading, editing and re-reading a
    # large list allocate much and free little (engine/gcpause.py); 11 s of 38 at 10,000 items
    with locked(root, timeout), collector_paused():
        crashpoints.reach("locked")
        journal.recover(root)
        current = dict(pack_files(root))
        # read, not compiled: the proposed pack is compiled before anything is written, and a
        # proposal that decides with the current pack compiles it then (a Checker does)
        pack = read_files(sorted(current.items()), str(root))
        refuse_broken_chain(pack)  # a hand edit's record too: it would hash a forged entry into the chain
        if not hand_edits:
            refuse_drift(pack)
        _pause()
        draft = Draft(root, current, pack)
        outcome = propose(draft)
        changes = {rel: data for rel, data in draft.new.items() if current.get(rel) != data}
        if not changes:
            return outcome, None
        proposed = dict(current)
        for rel, data in changes.items():
            if data is None:
                proposed.pop(rel, None)
            else:
                proposed[rel] = data
        if LAST not in changes:  # readers rely on it to notice a change made while they read
            raise ChangeError(f"a change must rewrite {LAST} (its version); nothing was written")
        reuse = known_files(current, pack)
        for rel, doc in draft.parsed.items():
            data = changes.get(rel)
            if data is not None:
                reuse[rel] = (data, doc, None)
        new_pack = load_files(sorted(proposed.items()), t("change.proposed", root=root), reuse)
        broken = chain.verify(new_pack.documents[HISTORY].data) if HISTORY in new_pack.documents else ["no history"]
        if broken or new_pack.integrity is None or not new_pack.integrity.intact:  # a bug guard
            raise ChangeError(f"the change's history entry does not record it ({'; '.join(broken)}); nothing was written")
        try:
            _commit(root, current, changes)
        except OSError as exc:  # e.g. no space left: put back what was replaced, still under the lock
            journal.recover(root)
            raise ChangeError(t("change.not_written", root=root, error=os_reason(exc))) from exc
        return outcome, Written(sorted(changes), pack.digest, digest_of(sorted(proposed.items())), new_pack)


def refuse_broken_chain(pack: Pack) -> None:
    """Refuse to append to a history whose chain does not verify (an entry edited, removed or
    inserted): the next entry would link to the edited one and carry it on as recorded."""
    state = pack.integrity
    if state is None or not state.tracked:
        return
    doc = pack.documents.get(HISTORY)
    broken = chain.verify(doc.data if doc is not None else None)
    if broken:
        raise ChangeError(t("chain.refused", root=pack.root, problems="; ".join(broken)))


def refuse_drift(pack: Pack) -> None:
    """Refuse to build on a pack whose files changed outside the workflow."""
    state = pack.integrity
    if state is None or not state.tracked or state.intact:
        return
    raise ChangeError(
t("drift.refused", root=pack.root, drift="; ".join(state.drift()), hint=state.way_forward()))


def _commit(root: Path, current: dict[str, bytes], changes: dict[str, bytes | None]) -> None:
    folder = root / journal.JOURNAL_DIR
    journal.remove_debris(root)
    folder.mkdir()
    journal.fsync_dir(root)  # the folder's entry is on disk before anything is replaced
    crashpoints.reach("journal-opened")
    order = sorted(changes, key=lambda rel: (rel == LAST, rel))
    entries = []
    for i, rel in enumerate(order):
        backup = None
        if rel in current:
            backup = f"{i}.bak"
            journal.write_durably(folder / backup, current[rel])
            crashpoints.reach("backup-written")
        data = changes[rel]
        entries.append({"path": rel, "backup": backup,
                        "after": None if data is None else journal.fingerprint(data)})
    manifest = {"pid": os.getpid(), "files": entries}
    journal.write_durably(folder / journal.MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
    crashpoints.reach("journal-written")
    for rel in order:
        target = confined.inside(root, rel)
        if target is None:  # pragma: no cover - the proposed pack loaded, so every path is a pack file
            raise ChangeError(f"{rel} is not a place inside {root}; nothing was written")
        data = changes[rel]
        if data is None:
            target.unlink(missing_ok=True)
            journal.fsync_dir(target.parent)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            journal.write_durably(target, data)
        crashpoints.reach("file-replaced")
    crashpoints.reach("files-replaced")
    (folder / journal.MANIFEST).unlink()  # the change is made
    journal.fsync_dir(folder)
    crashpoints.reach("committed")
    journal.remove_debris(root)


# What ``gridrules init --template`` can start from: the bundled Dazu pack, or a skeleton.
TEMPLATES = ("dazu", "minimal")


def copy_bundled(target: str | os.PathLike, template: str = "dazu") -> tuple[Path, int]:
    """Copy a pack (its policy files and its decision cases) into a new folder: the bundled
    Dazu pack, or the ``minimal`` skeleton (two levels of bodies, a few units, one item,
    one event type and its cases) that a deployment grows into its own."""
    root = Path(target)
    if template not in TEMPLATES:
        raise ChangeError(t("change.unknown_template", template=template, choices=" | ".join(TEMPLATES)))
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ChangeError(t("change.not_empty", root=root))
    bundled = bundled_root() if template == "dazu" else resources.files("gridrules.templates").joinpath(template)
    files = pack_files(bundled) + _cases(bundled)
    for rel, data in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    load_files(pack_files(root), str(root))  # the copy is a valid pack
    return root, len(files)


def _cases(bundled) -> list[tuple[str, bytes]]:
    from gridrules.pack.layout import CASES_DIR

    out: list[tuple[str, bytes]] = []

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name.startswith((".", "__")):
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith((".yaml", ".yml")):
                out.append((f"{prefix}{child.name}", child.read_bytes()))

    cases = bundled.joinpath(CASES_DIR)
    if cases.is_dir():
        walk(cases, f"{CASES_DIR}/")
    return out


__all__ = ["Draft", "FAULT_ENV", "PAUSE", "TEMPLATES", "Written", "change_pack",
           "copy_bundled", "locked", "writable_root"]
