"""Replay: re-decide logged inputs with a candidate pack, at their original moments, and count
what would have changed (a task's verdict, an event's level).

The candidate's list changes that the base pack (the one the log was decided with) lacks count
as decided and in effect before every replayed moment -- "had this been the rule then": a newly
approved item is in force from the start, a newly withdrawn one was never in force.  The
candidate is copied with those dates moved, and loaded like any pack.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from gridrules.contract.replay import ReplayReport, ReplayTransition
from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack
from gridrules.errors import InputError
from gridrules.pack.layout import ITEMS
from gridrules.pack.loader import pack_files, read_pack
from gridrules.pack.pack import Pack

from .store import LogStore

EARLIEST = "1900-01-01"  # a new item's approval, moved before every logged moment
EXAMPLES = 5  # examples kept per transition
INVALID = "invalid"  # what a logged input becomes when the candidate refuses it as input


def as_of_then(candidate_dir: str | Path, base: Pack, into: Path) -> Path:
    """A copy of the candidate in ``into`` whose item changes (against ``base``) take effect before
    every logged moment; the candidate itself is not touched."""
    for rel, data in pack_files(Path(candidate_dir)):
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    items_file = into / ITEMS
    doc = yaml.safe_load(items_file.read_text(encoding="utf-8"))
    for item in doc.get("items", []):
        before = base.items_by_id.get(item["id"])
        if before is None:
            item["approval"]["date"] = EARLIEST
        if item.get("withdrawal") and (before is None or before.withdrawal is None):
            item["withdrawal"]["date"] = item["approval"]["date"]
    items_file.write_text(yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return into


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass
class Transition:
    kind: str  # task | event
    before: str
    after: str
    count: int = 0
    by: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Replay:
    replayed: int = 0
    unchanged: int = 0
    skipped: int = 0  # checkpoint records
    candidate: str = ""
    logged_digests: Counter[str] = field(default_factory=Counter)
    transitions: dict[tuple[str, str, str], Transition] = field(default_factory=dict)

    def report(self) -> ReplayReport:
        return ReplayReport(
            replayed=self.replayed, unchanged=self.unchanged, changed=self.replayed - self.unchanged,
            candidate_digest=self.candidate, logged_digests=dict(self.logged_digests),
            transitions=[ReplayTransition.model_validate(
                {"kind": t.kind, "from": t.before, "to": t.after, "count": t.count,
                 "by": {k: dict(v.most_common()) for k, v in t.by.items()}, "examples": t.examples})
                for t in sorted(self.transitions.values(), key=lambda t: -t.count)])

    def as_dict(self) -> dict[str, Any]:
        return self.report().model_dump(mode="json", by_alias=True)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _outcome(kind: str, decision: dict[str, Any]) -> str:
    """A task's verdict (with the item that admits it), an event's level."""
    if kind == "event":
        return str(decision["level"])
    by = decision.get("list_item") or decision.get("temporary_approval")
    return f"{decision['verdict']}({by})" if by else str(decision["verdict"])


def _dimensions(kind: str, data: dict[str, Any], old: dict[str, Any], new: dict[str, Any] | None) -> dict[str, str]:
    """What a change is counted by: department, item, town (tasks); type, town (events)."""
    if kind == "task":
        item = old.get("list_item") or (new or {}).get("list_item")
        return {"department": str(data.get("department")), "item": str(item or "—"),
                "town": str(data.get("town") or "—")}
    unit = (old.get("handler") or {}).get("unit")
    return {"type": str(data.get("type")), "town": str(data.get("town") or unit or "—"),
            "department": ",".join(old.get("departments") or []) or "—"}


def replay(log: LogStore, candidate_dir: str | Path, base: Pack, since: str | None = None,
           until: str | None = None) -> Replay:
    with tempfile.TemporaryDirectory() as tmp:
        pack = load_pack(as_of_then(candidate_dir, base, Path(tmp)))
    checker = Checker(pack)
    out = Replay(candidate=read_pack(candidate_dir).digest)  # the candidate as written, not the moved copy
    for record in log.records(since, until):
        if record.kind not in ("task", "event"):
            out.skipped += 1
            continue
        data, old = json.loads(record.input), json.loads(record.decision)
        out.replayed += 1
        out.logged_digests[record.digest] += 1
        at = datetime.fromisoformat(record.at)
        try:
            decided = checker.check_task(data, at=at) if record.kind == "task" else checker.route_event(data, at=at)
            new: dict[str, Any] | None = decided.model_dump(mode="json")
            after = _outcome(record.kind, new)  # type: ignore[arg-type]
        except InputError:
            new, after = None, INVALID
        before = _outcome(record.kind, old)
        if before == after:
            out.unchanged += 1
            continue
        key = (record.kind, before, after)
        change = out.transitions.setdefault(key, Transition(record.kind, before, after))
        change.count += 1
        for name, value in _dimensions(record.kind, data, old, new).items():
            change.by[name][value] += 1
        if len(change.examples) < EXAMPLES:
            change.examples.append({"seq": record.seq, "id": _text(data.get("id")), "at": record.at,
                                    "reasons": [r["text"] for r in (new or {}).get("reasons", [])][:3]})
    return out
