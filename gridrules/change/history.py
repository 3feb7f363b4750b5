"""Recording a change: the entry in ``history.yaml`` and the bump of the pack's version.

Every change bumps ``pack.yaml``'s version -- the minor number for a change to
what the pack admits (an approval, an amendment, a withdrawal, a town's
temporary approval or its withdrawal), the patch number for a record that
changes no decision (a rejection) -- and appends one entry to ``history.yaml``
naming the decision behind it and the digest of the pack it changed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from gridrules.change.store import Draft
from gridrules.change.yamledit import Editor, new_document
from gridrules.pack.layout import HISTORY, MANIFEST

Part = Literal["minor", "patch"]

BUMPS: dict[str, Part] = {
    "approve": "minor",
    "amend": "minor",
    "withdraw": "minor",
    "temporary_approve": "minor",
    "temporary_withdraw": "minor",
    "reject": "patch",
    "import_registry": "minor",  # a unit's community and town decide who handles an event
}
HEADER = (
    "规则包变更记录：每一次变更及其所依据的决定，由 gridrules 追加，请勿改动已有记录。\n"
    "查看：gridrules history --pack 本文件夹\n"
    "The pack's change log, oldest first: gridrules appends one entry per change."
)


def bump(version: str, part: Part) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor + 1}.0" if part == "minor" else f"{major}.{minor}.{patch + 1}"


def joint_meeting(session: str, on: date) -> dict[str, Any]:
    return {"by": "joint_meeting", "session": session, "date": on}


def ledger_import(source: str, on: date) -> dict[str, Any]:
    return {"by": "ledger", "source": source, "date": on}


def town_decision(town: str, reference: str, on: date) -> dict[str, Any]:
    return {"by": "town", "town": town, "reference": reference, "date": on}


def record(draft: Draft, action: str, target: str, decision: dict[str, Any], recorded_at: datetime, *,
           name: str | None = None, application: str | None = None, review: dict | None = None,
           override: str | None = None, reason: str | None = None, fields: list[dict] | None = None,
           units: dict | None = None) -> dict:
    """Bump the version and append the history entry; returns the entry."""
    previous = draft.pack.manifest.version
    version = bump(previous, BUMPS[action])
    manifest = Editor(draft.text(MANIFEST) or "", MANIFEST)
    manifest.set(("version",), version)
    draft.put(MANIFEST, manifest.result())

    entry = {
        "seq": len(draft.pack.history.changes) + 1,
        "action": action,
        "target": target,
        "name": name,
        "application": application,
        "decision": decision,
        "review": review,
        "override": override,
        "reason": reason,
        "fields": fields or None,
        "units": units,
        "version": version,
        "previous_version": previous,
        "previous_digest": draft.pack.digest,
        "recorded_at": recorded_at.replace(microsecond=0).isoformat(),
    }
    entry = {k: v for k, v in entry.items() if v is not None}
    text = draft.text(HISTORY)
    if text is None:
        draft.put(HISTORY, new_document(HEADER, "changes", [entry]))
    else:
        history = Editor(text, HISTORY)
        history.append(("changes",), entry)
        draft.put(HISTORY, history.result())
    return entry
