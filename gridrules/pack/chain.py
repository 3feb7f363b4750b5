"""The pack's tamper evidence: a content digest and a hash chain through its history.

The *content digest* covers every policy file except ``history.yaml`` (and
``cases/``, which is not policy): sha256 over the sorted lines
``path NUL sha256(file) LF``.  So it is derived from one hash per file, and
a history that records those per-file hashes can say which file changed.

``history.yaml`` holds a ``genesis`` entry (every file's hash when the pack
was published, and the content digest they make) and then one entry per
change, each recording the content digest before and after it, the hashes of
the files it changed (``files``; null for a removed file) and ``previous``,
the hash of the entry before it (the genesis entry for the first).  An
entry's hash is sha256 over its data as canonical JSON (sorted keys, its own
``hash`` field left out), so reformatting the YAML does not break the chain
but changing any value does.  Each entry also carries that hash (``hash``):
``previous`` covers every entry but the newest, ``hash`` covers the newest
too, so an edited last entry shows on loading and in ``verify``.  Entries
written before entries carried their hash have none; once one does (the
genesis of a pack published since), every later one must.

What this proves, and what it does not: the chain shows any edit that was not
carried through -- an entry changed, removed, inserted or reordered without
rehashing what follows, a file changed without an entry.  It is not a
signature: whoever can write the files can recompute every hash from the
genesis on and write a consistent new history.  Only a head published
outside the pack (``head``: the newest entry's hash, ``gridrules history
head``) shows that: ``verify_head`` finds a published head among the
entries, or the history was rewritten since it was published.

Folding the entries from genesis gives the hash every file should have now;
``integrity`` compares it with the files on disk (which files changed
outside the workflow) and checks the newest entry's own hash; ``verify``
checks every link of the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

from gridrules.catalogue import t
from gridrules.pack.layout import HISTORY

Files = Iterable[tuple[str, bytes]]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hashes(files: Files) -> dict[str, str]:
    """Path -> sha256 of every file the content digest covers."""
    return {rel: file_hash(data) for rel, data in files if rel != HISTORY}


def digest_of_hashes(by_path: dict[str, str]) -> str:
    h = hashlib.sha256()
    for rel in sorted(by_path):
        h.update(f"{rel}\0{by_path[rel]}\n".encode("utf-8"))
    return "sha256:" + h.hexdigest()


def content_digest(files: Files) -> str:
    """The digest of the pack's policy (every file but ``history.yaml``)."""
    return digest_of_hashes(hashes(files))


def entry_hash(entry: Any) -> str:
    """The hash of one history entry's data (as read from the file: dates are text), its own
    ``hash`` left out: what the entry's ``hash`` and the next entry's ``previous`` record.  An
    entry written before entries carried their hash has none, so its hash is what it always was."""
    if isinstance(entry, dict) and "hash" in entry:
        entry = {k: v for k, v in entry.items() if k != "hash"}
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def sealed(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` with its own hash (``hash``, last)."""
    return {k: v for k, v in entry.items() if k != "hash"} | {"hash": entry_hash(entry)}


def _entries(history: Any) -> list[Any]:
    """The genesis entry, then the changes, as written (empty: no genesis)."""
    if not isinstance(history, dict) or not isinstance(history.get("genesis"), dict):
        return []
    return [history["genesis"], *(history.get("changes") or [])]


def _seal_problem(entry: Any, carried: bool, where: str) -> str | None:
    """What is wrong with an entry's own hash: changed since written, or missing where the
    entries before it carry theirs (``carried``); None when it holds or none is due."""
    if not isinstance(entry, dict):
        return None
    if "hash" not in entry:
        return t("chain.hash_missing", where=where) if carried else None
    if entry["hash"] != entry_hash(entry):
        return t("chain.hash", where=where)
    return None


def _where(entry: Any, n: int) -> str:
    if n == 0:
        return t("chain.genesis")
    e = entry if isinstance(entry, dict) else {}
    return t("chain.where", seq=e.get("seq", n), action=e.get("action"), target=e.get("target"))


def head(history: Any) -> dict[str, Any] | None:
    """The newest entry's hash, to publish (``seq`` 0: the genesis); None without a genesis."""
    entries = _entries(history)
    if not entries:
        return None
    last = entries[-1]
    return {"seq": len(entries) - 1, "hash": entry_hash(last), "version": last.get("version")}


def verify_head(history: Any, published: str) -> list[str]:
    """A head published earlier is one of the entries' hashes (the history went on since, or
    not); otherwise the history was rewritten, or is another pack's."""
    hashes_ = [entry_hash(e) for e in _entries(history)]
    if published in hashes_:
        return []
    return [t("chain.head_unknown", head=published)]


def changed_files(before: dict[str, str], after: dict[str, str]) -> dict[str, str | None]:
    """What an entry records: each file whose hash differs (None: removed)."""
    out: dict[str, str | None] = {rel: h for rel, h in after.items() if before.get(rel) != h}
    out.update({rel: None for rel in before if rel not in after})
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class Integrity:
    """How the files on disk compare with what the history records."""

    content_digest: str  # of the files on disk
    recorded: str | None  # the last entry's digest after (None: no genesis: the pack is not tracked)
    changed: tuple[str, ...] = ()  # files whose contents differ from the record
    added: tuple[str, ...] = ()  # files the record does not know
    removed: tuple[str, ...] = ()  # files the record has and the disk has not
    tampered: str | None = None  # the newest entry's own hash does not hold: it was edited after it was written

    @property
    def tracked(self) -> bool:
        return self.recorded is not None

    @property
    def intact(self) -> bool:
        """The files are the ones the history records last, and that record was not edited."""
        return self.recorded == self.content_digest and self.tampered is None

    def way_forward(self) -> str:
        """What to do about it: record a deliberate edit of the files (or put them back); an
        edited history entry cannot be recorded over, only restored."""
        return t("chain.hint" if self.tampered else "drift.hint")

    def drift(self, entry: bool = True) -> list[str]:
        """Each file that changed outside the workflow, with how; and history.yaml's newest entry edited
        (``entry``: ``verify`` leaves it to the chain's own check, which names it too)."""
        return ([t("drift.changed", file=rel) for rel in self.changed] + [t("drift.added", file=rel) for rel in self.added]
                + [t("drift.removed", file=rel) for rel in self.removed]
                + ([t("drift.history", problem=self.tampered)] if self.tampered and entry else []))


def recorded_hashes(history: Any) -> dict[str, str] | None:
    """Every file's hash as the history records it (None: no genesis entry)."""
    genesis = (history or {}).get("genesis") if isinstance(history, dict) else None
    if not isinstance(genesis, dict):
        return None
    state = dict(genesis.get("files") or {})
    for entry in history.get("changes") or []:
        for rel, h in (entry.get("files") or {}).items():
            if h is None:
                state.pop(rel, None)
            else:
                state[rel] = h
    return state


def last_recorded_digest(history: Any) -> str | None:
    if not isinstance(history, dict) or not isinstance(history.get("genesis"), dict):
        return None
    for entry in reversed(history.get("changes") or []):
        if entry.get("content_after"):
            return entry["content_after"]
    return history["genesis"].get("content")


def integrity(files: Files, history: Any) -> Integrity:
    """Compare the files with the history's record (``history`` is history.yaml's data)."""
    now = hashes(files)
    digest = digest_of_hashes(now)
    recorded = last_recorded_digest(history)
    state = recorded_hashes(history)
    if recorded is None or state is None:
        return Integrity(digest, None)
    return Integrity(
        digest, recorded,
        changed=tuple(sorted(r for r in now if r in state and state[r] != now[r])),
        added=tuple(sorted(r for r in now if r not in state)),
        removed=tuple(sorted(r for r in state if r not in now)),
        tampered=_newest_tampered(history),
    )


def _newest_tampered(history: Any) -> str | None:
    """The newest entry's own hash, checked on every load (the links before it are ``verify``'s)."""
    entries = _entries(history)
    carried = any(isinstance(e, dict) and "hash" in e for e in entries[:-1])
    return _seal_problem(entries[-1], carried, _where(entries[-1], len(entries) - 1))


def verify(history: Any) -> list[str]:
    """Every broken link of the chain, in words (empty: the chain holds)."""
    if not isinstance(history, dict) or not isinstance(history.get("genesis"), dict):
        return [t("chain.no_genesis")]
    genesis = history["genesis"]
    problems = []
    state = dict(genesis.get("files") or {})
    if digest_of_hashes(state) != genesis.get("content"):
        problems.append(t("chain.genesis_digest"))
    carried = "hash" in genesis
    sealing = _seal_problem(genesis, False, t("chain.genesis"))
    if sealing:
        problems.append(sealing)
    previous, digest = entry_hash(genesis), genesis.get("content")
    chained = False
    for n, entry in enumerate(history.get("changes") or [], 1):
        where = _where(entry, n)
        sealing = _seal_problem(entry, carried, where)
        if sealing:
            problems.append(sealing)
        carried = carried or "hash" in entry
        if "content_after" not in entry and not chained:
            previous = entry_hash(entry)  # written before the chain began (a migrated pack)
            continue
        chained = True
        if entry.get("previous") != previous:
            problems.append(t("chain.previous", where=where))
        if entry.get("content_before") != digest:
            problems.append(t("chain.before", where=where))
        for rel, h in (entry.get("files") or {}).items():
            if h is None:
                state.pop(rel, None)
            else:
                state[rel] = h
        if digest_of_hashes(state) != entry.get("content_after"):
            problems.append(t("chain.after", where=where))
        previous, digest = entry_hash(entry), entry.get("content_after")
    return problems


__all__ = ["Integrity", "changed_files", "content_digest", "digest_of_hashes", "entry_hash", "file_hash",
           "hashes", "head", "integrity", "recorded_hashes", "sealed", "verify", "verify_head"]
