"""Recording a change: the entry in ``history.yaml`` and the bump of the pack's version.

Every change bumps ``pack.yaml``'s version -- the minor number for a change to
what the pack admits (an approval, an amendment, a withdrawal, a town's
temporary approval or its withdrawal), the patch number for a record that
changes no decision (a rejection) -- and appends one entry to ``history.yaml``
naming the decision behind it and the digest of the pack it changed.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from typing import Any, Literal, Mapping

from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from gridrules.catalogue import t
from gridrules.catalogue.fields import field_label
from gridrules.contract.base import Name, Text, option_problems
from gridrules.change.store import LOCK_TIMEOUT, Draft, change_pack, writable_root
from gridrules.errors import InputError, NotFound, Problem, Refused, suggest
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.pack import Pack
from gridrules.pack import chain
from gridrules.pack import sessions
from gridrules.change.yamledit import Editor, block, new_document
from gridrules.change.yamlwrite import plain
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
    "record": "patch",
    "training": "minor",  # training_pending depends on it
}
MIGRATED = "历史记录自此开始核验（此前的规则包内容以此为准） / the history is checked from here on"
HEADER = (
    "规则包变更记录：每一次变更及其所依据的决定，由 gridrules 追加，请勿改动已有记录。\n"
    "查看：gridrules history --pack 本文件夹\n"
    "The pack's change log, oldest first: gridrules appends one entry per change."
)


def bump(version: str, part: Part) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor + 1}.0" if part == "minor" else f"{major}.{minor}.{patch + 1}"


def body_decision(pack: Pack, body: str, unit: str | None, on: date, *, session: str | None = None,
                  reference: str | None = None, effective: date | None = None) -> dict[str, Any]:
    """A body's decision as history.yaml records it: the unit is written for a body that every
    unit of its level has (a town's 专题研究), not for a body at one unit; the day it takes
    effect when that is another day than the decision's."""
    out: dict[str, Any] = {"by": body}
    declared = pack.bodies.get(body)
    if unit is not None and (declared is None or declared.unit is None):
        out["unit"] = unit
    if session is not None:
        out["session"] = session
    if reference is not None:
        out["reference"] = reference
    out["date"] = on
    if effective is not None and effective != on:
        out["effective"] = effective
    return out


def decided_by(pack: Pack, department: str, on: date, session: str, effective: date | None = None) -> dict[str, Any]:
    """The decision of the body the department's list belongs to (its grid-work body at the
    same level), as history records it."""
    body, unit = pack.scopes.body_for(department)
    return body_decision(pack, body.id if body else "", unit, on, session=session, effective=effective)


def item_decided_by(pack: Pack, item: AdmissionItem, on: date, session: str,
                    effective: date | None = None) -> dict[str, Any]:
    """A decision of the body that keeps the item's list."""
    body = pack.scopes.item_body(item)
    return body_decision(pack, body.id if body else "", pack.scopes.item_unit(item), on, session=session,
                         effective=effective)


def decision_words(pack: Pack, decision: Any) -> str | None:
    """A recorded decision (a history entry's, as a model or as written) in its body's words;
    None for a ledger import or a body the pack does not declare."""
    d = decision if isinstance(decision, dict) else decision.model_dump(mode="json", exclude_none=True)
    body = pack.bodies.get(d.get("by", ""))
    if body is None:
        return None
    unit = d.get("unit") or d.get("town") or (body.unit if body.unit else None)
    return pack.scopes.decision_words(body, unit, d.get("session"), d.get("reference"), d.get("date", ""))


# the fields whose values are ids of a kind: a changed value is shown by the names
_NAMED = {"activities": "activity", "owners": "department", "training.owner": "department",
          "training_owner": "department"}


def value_words(pack: Pack, field: str, value: Any) -> str | None:
    """A changed field's value as a person reads it (None for no value): activities and departments by
    their names, each in 「」 (an activity's own name may hold 、: 「入户走访」、「关怀帮扶、跟踪回访」 are
    two), a number without a needless .0."""
    if value is None:
        return None
    kind = _NAMED.get(field)
    values = value if isinstance(value, list) else [value]
    words = []
    for v in values:
        if kind == "activity" and isinstance(v, str):
            words.append(t("words.quoted", text=pack.activity_name(v)))
        elif kind == "department" and isinstance(v, str):
            words.append(t("words.quoted", text=pack.departments[v].name if v in pack.departments else v))
        elif isinstance(v, float):
            words.append(f"{v:g}")
        else:
            words.append(str(v))
    return t("words.list_sep").join(words)


def changes_to(pack: Pack, target: str | None, field: str = "--target") -> list:
    """The changes to ``target`` (an item, an application or an approval; None: every change), oldest
    first.  A target the pack never held, nor any change named, is bad input naming ``field``, with a
    did-you-mean (an item with no change yet has none: an empty list)."""
    changes = pack.history.changes
    if target is None:
        return list(changes)
    found = [c for c in changes if target in (c.target, c.application)]
    if not found:
        known = {*pack.items_by_id, *pack.approvals_by_ref, *(c.target for c in changes),
                 *(c.application for c in changes if c.application)}
        if target not in known:
            raise NotFound(Problem(t("input.unknown_ref", what=t("kind.target"), value=target), field=field,
                                   hint=suggest(target, known)))
    return found


def retried(pack: Pack, action: str, target: str, on: date, effective: date | None = None, *,
            session: str | None = None, reference: str | None = None, nth: int = -1) -> dict[str, Any] | None:
    """The history entry of this very decision (same action and target, same session or reference,
    same day and the same first day in effect) when it is recorded already: a command retried after
    its writer was stopped before it answered is recorded once, not refused.  ``nth``: which of
    several such entries, in the order recorded (a meeting's two amendments of one item; default the last)."""
    found = [index for index, change in enumerate(pack.history.changes)
             if change.action == action and change.target == target and (decision := change.decision) is not None
             and (decision.session, decision.reference, decision.date) == (session, reference, on)
             and (decision.effective or decision.date) == (effective or on)]
    return found_entry(pack, found[nth]) if -len(found) <= nth < len(found) else None


def differing(pairs: dict[str, tuple[Any, Any]], pack_file: str, shown: Mapping[str, str] | None = None) -> str:
    """Why a decision resembling a recorded one is not that decision retried: the fields whose
    recorded and asked values differ, named as ``pack_file`` names them, each by the id the asker
    gave it when ``shown`` has one (a request's valid_to for the file's to); '' when none differs."""
    shown = shown or {}
    names = [field_label(name, pack_file, shown.get(name)) for name, (recorded, asked) in pairs.items()
             if recorded != asked]
    return t("refuse.differs", fields=t("words.list_sep").join(names)) if names else ""


def differences(pairs: dict[str, tuple[Any, Any]], named: Mapping[str, str] | None = None) -> list[Problem]:
    """``differing``'s fields, one problem each: its recorded and asked values (``Problem.differs``, as
    JSON holds them), the field named as ``named`` names it (the request's names), else as ``pairs`` does."""
    named = named or {}
    found = []
    for name, (recorded, asked) in pairs.items():
        if recorded != asked:
            values = (to_jsonable_python(recorded), to_jsonable_python(asked))
            said = [json.dumps(value, ensure_ascii=False) for value in values]
            found.append(Problem(t("refuse.differs_value", recorded=said[0], sent=said[1]), field=named.get(name, name),
                                 differs=values))
    return found


def digest_after(pack: Pack, index: int) -> str:
    """The pack's digest just after its ``index``-th change: the next change's before, else the pack's own."""
    changes = pack.history.changes
    return changes[index + 1].previous_digest if index + 1 < len(changes) else pack.digest


def found_entry(pack: Pack, index: int) -> dict[str, Any]:
    """A recorded change found again (a retried decision): its entry, with the digests the pack had
    before and just after it (``_digests``), so the answer's digests are its versions'."""
    change = pack.history.changes[index]
    return change.model_dump(mode="json", exclude_none=True) | {
        "_digests": (change.previous_digest, digest_after(pack, index))}


def ledger_import(source: str, on: date) -> dict[str, Any]:
    return {"by": "ledger", "source": source, "date": on}


def department_record(department: str, on: date) -> dict[str, Any]:
    return {"by": "department", "department": department, "date": on}


def genesis_entry(hashes: dict[str, str], version: str, recorded_at: datetime, reason: str) -> dict[str, Any]:
    """The entry a pack's history starts from: every policy file's hash (and its own)."""
    return chain.sealed(plain({"version": version, "content": chain.digest_of_hashes(hashes),
                               "files": dict(sorted(hashes.items())),
                               "recorded_at": recorded_at.replace(microsecond=0).isoformat(), "reason": reason}))


def genesis_document(files: list[tuple[str, bytes]], version: str, recorded_at: datetime, reason: str) -> str:
    """A new history.yaml holding only the genesis entry of the pack made of ``files``."""
    comment = "".join(f"# {line}\n" for line in HEADER.splitlines())
    genesis = genesis_entry(chain.hashes(files), version, recorded_at, reason)
    return Editor(comment + "\n".join(block({"genesis": genesis}, 0)) + "\nchanges: []\n", HISTORY).result()


def _proposed(draft: Draft) -> list[tuple[str, bytes]]:
    files = dict(draft.files)
    for rel, data in draft.new.items():
        if data is None:
            files.pop(rel, None)
        else:
            files[rel] = data
    return sorted(files.items())


# the pack's texts and names as a change's options give them (checked before anything is written)
TEXT, NAME = TypeAdapter(Text), TypeAdapter(Name)


def record(draft: Draft, action: str, target: str, decision: dict[str, Any] | None, recorded_at: datetime, *,
           name: str | None = None, application: str | None = None, review: dict | None = None,
           override: str | None = None, reason: str | None = None, fields: list[dict] | None = None,
           units: dict | None = None) -> dict:
    """Bump the version and append the history entry, chained to the one before; returns the entry.

    Call it last: the entry records the hashes of the files the change has put.  A pack
    whose history has no genesis entry yet gets one first: the pack as it was before."""
    # a history entry's reason and override are texts (``model.history.Change``)
    problems = [p for value, flag in ((reason, "--reason"), (override, "--override"))
                if value is not None for p in option_problems(TEXT, value, flag)]
    if problems:  # before anything is put: it would fail as a problem in a file never written
        raise InputError(problems)
    if decision is not None:  # a session keeps the date the pack records for it
        sessions.check(draft.pack, decision)
    previous = draft.pack.manifest.version
    version = bump(previous, BUMPS[action])
    manifest = draft.editor(MANIFEST)
    manifest.set(("version",), version)
    draft.save(manifest)

    doc = draft.pack.documents.get(HISTORY)
    data = doc.data if doc is not None else None
    known = chain.recorded_hashes(data)
    genesis = None
    if known is None or not isinstance(data, dict):  # history not yet checked: it starts from the pack as it is
        known = chain.hashes(draft.files.items())
        genesis = genesis_entry(known, previous, recorded_at, MIGRATED)
        last = genesis
    else:
        last = (data.get("changes") or [data["genesis"]])[-1]
    after = chain.hashes(_proposed(draft))
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
        "content_before": chain.digest_of_hashes(known),
        "content_after": chain.digest_of_hashes(after),
        "files": chain.changed_files(known, after),
        "previous": chain.entry_hash(last),
    }
    # hashed as it reads back (dates as text, whole floats as ints): what verify will hash
    entry = chain.sealed(plain({k: v for k, v in entry.items() if v is not None}))
    text = draft.text(HISTORY)
    if text is None:
        text = new_document(HEADER, "changes", [entry])
        history = Editor(text, HISTORY)
    else:
        history = draft.editor(HISTORY)
        history.append(("changes",), entry)
    if genesis is not None:
        history.insert((), "genesis", genesis, after=None)
    draft.save(history)
    return entry


def record_hand_edit(pack_dir: str | os.PathLike[str] | None, reason: str, recorded_at: datetime | None = None,
                     timeout: float = LOCK_TIMEOUT) -> dict:
    """Record the files changed outside the workflow as a deliberate edit; returns the entry.

    Refused when nothing changed since the last recorded entry.  A pack whose
    history has no genesis entry gets one (the pack as it was) and then this entry."""
    if not reason or not reason.strip():
        raise InputError(Problem(t("change.say_why"), field="--reason"))

    def propose(draft: Draft) -> dict:
        state = draft.pack.integrity
        if state is not None and state.tracked and state.intact:
            raise Refused(t("refuse.nothing_drifted"))
        return record(draft, "record", draft.pack.manifest.name, None,
                      recorded_at or datetime.now(draft.pack.tz), reason=reason)

    entry, _ = change_pack(writable_root(pack_dir), propose, timeout, hand_edits=True)
    return entry


def verify(pack: Pack, published: str | None = None) -> list[str]:
    """Everything wrong with the pack's history: broken links of the chain, files changed outside it,
    and, given a head published earlier (``published``), a history rewritten since."""
    doc = pack.documents.get(HISTORY)
    data = doc.data if doc is not None else None
    problems = chain.verify(data)
    state = pack.integrity
    if state is not None and state.tracked and state.recorded != state.content_digest:
        # the newest entry's own hash is chain.verify's already
        problems += [t("drift.line", line=line) for line in state.drift(entry=False)]
    if published is not None:
        problems += chain.verify_head(data, published)
    return problems


def way_forward(pack: Pack) -> str:
    """What to do about what ``verify`` finds: record a deliberate edit of the files (or put them back);
    a history whose chain is broken cannot be recorded over, only restored."""
    doc = pack.documents.get(HISTORY)
    if chain.verify(doc.data if doc is not None else None):
        return t("chain.hint")
    return pack.integrity.way_forward() if pack.integrity is not None else t("drift.hint")


def head(pack: Pack) -> dict[str, Any] | None:
    """The newest history entry's hash, its ``seq`` (0: the genesis) and the version it left: what a
    secretary publishes (None: the history has no genesis)."""
    doc = pack.documents.get(HISTORY)
    return chain.head(doc.data if doc is not None else None)


def decided_under(pack: Pack, digest: str) -> tuple[int, str, Any] | None:
    """Which of the pack's recorded states a decision's ``pack.digest`` names: (the ``seq`` of the
    change it came after, 0 for the genesis; the version; the change that ended it, or None while it
    is the pack's own), or None when it names none of them.  A decision's digest covers every policy
    file, ``history.yaml`` too, so it is recorded in the next change as its ``previous_digest``."""
    changes = pack.history.changes
    for i, change in enumerate(changes):
        if change.previous_digest == digest:
            return (changes[i - 1].seq if i else 0), change.previous_version, change
    if digest == pack.digest:
        return (changes[-1].seq if changes else 0), pack.info.version, None
    return None
