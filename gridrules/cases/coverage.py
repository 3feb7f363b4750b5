"""Which list items the decision cases leave untested, and how to add a case for one.

``gridrules test --require-tests`` fails a rule no case fires.  A list item brings two rules
(``item.<id>``: its owners' tasks; ``relay.<id>``: a town passing it on), so an item the joint
meeting has just approved fails the pack's tests until a case fires each.  This says which
items lack cases (by code and name), where the pack keeps such cases (the case file whose
cases expect the most rules of the kind) and what a minimal case looks like -- its input made
from the item's own terms; what it expects the secretariat still works out from the policy.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Iterable

from gridrules.catalogue import t
from gridrules.cases.suite import Case, load_cases
from gridrules.decide.checker import Checker
from gridrules.engine.compiler import CompiledPack
from gridrules.errors import InputError
from gridrules.pack.layout import CASES_DIR
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.pack import Pack

ITEM_KINDS = ("item", "relay")  # the rules a list item brings, in the order a case is suggested for them
NEW_FILE = pathlib.PurePosixPath("tasks", "items.yaml")  # where to start when no case file holds such cases


@dataclass(frozen=True)
class ItemGap:
    """A list item with rules no case fires."""

    item: str
    name: str
    rules: tuple[str, ...]  # item.L18, relay.L18


def item_gaps(checker: Checker, untested: Iterable[str]) -> list[ItemGap]:
    """The list items among ``untested`` rules (their ``item.``/``relay.`` rules), in the pack's order."""
    compiled, pack = checker.compiled, checker.pack
    by_item: dict[str, list[str]] = {}
    for rule_id in untested:
        rule = compiled.rules.get(rule_id)
        subject = rule.subject if rule is not None and rule.kind in ITEM_KINDS else None
        if subject is not None and subject in pack.items_by_id:
            by_item.setdefault(subject, []).append(rule_id)
    return [ItemGap(item.id, item.name, tuple(by_item[item.id])) for item in pack.items if item.id in by_item]


def item_rules(compiled: CompiledPack, code: str) -> list[str]:
    """The rules list item ``code`` brings (item.L18, relay.L18): the compiler's, no engine needed."""
    return [r.id for r in compiled.rules.values() if r.kind in ITEM_KINDS and r.subject == code]


def case_file_for(cases: list[Case], kind: str) -> str | None:
    """The case file whose cases expect the most rules of ``kind`` (item, relay): where the pack keeps them."""
    counts: dict[str, set[str]] = {}
    for case in cases:
        for rule in case.model.expect.get("rules") or []:
            if isinstance(rule, str) and rule.startswith(f"{kind}."):
                counts.setdefault(case.file, set()).add(rule)
    return max(counts, key=lambda f: len(counts[f])) if counts else None


def _scalar(value: str) -> str:
    """A text as a YAML scalar: as it is when plain YAML reads it back so, else quoted."""
    plain = re.fullmatch(r"[^\s:#\[\]{},&*!|>'\"%@`-][^:#\[\]{},]*", value) and value == value.strip()
    return value if plain else json.dumps(value, ensure_ascii=False)


def sketch(pack: Pack, item: AdmissionItem, rule: str) -> list[str]:
    """A minimal case firing ``rule`` (item.X: a task of its lead owner naming it; relay.X: a town
    passing it on), as lines to add under a case file's ``cases:``."""
    kind = rule.split(".", 1)[0]
    start = item.effective.from_
    at = datetime.combine(max(item.approval.date, start) if item.approval.date else start, time(10), pack.tz)
    if kind == "relay":
        town = next((tid for tid in pack.towns if pack.applies_in(item, tid)), next(iter(pack.towns), ""))
        who = [f"department: {town}", "issued_by: town", f"town: {town}"]
        name = t("dec.cases.sketch_relay", town=pack.towns[town].name if town in pack.towns else town, code=item.id)
    else:
        owner = item.owners[0]
        who = [f"department: {owner}"]
        name = t("dec.cases.sketch_item", owner=pack.departments[owner].name if owner in pack.departments else owner,
                 code=item.id)
    return [
        f"  - name: {_scalar(name)}",
        f"    at: {at.isoformat()}",
        "    input:",
        f"      id: T-{item.id}-{kind}",
        f"      title: {_scalar(item.name)}",
        *(f"      {line}" for line in who),
        f"      activities: [{', '.join(item.activities)}]",
        f"      list_item: {item.id}",
        f"      start: {start.isoformat()}",
        "    expect:",
        "      verdict: admitted",
        f"      list_item: {item.id}",
        f"      rules: [{rule}]",
    ]


def how_to_add(pack: Pack, gaps: list[ItemGap], cases: list[Case], root: str) -> list[str]:
    """For each kind of rule the items lack: where to write a case and a minimal one (for the first item)."""
    lines: list[str] = []
    started = None  # the new case file, once its first lines were shown
    for kind in ITEM_KINDS:
        first = next((g for g in gaps for r in g.rules if r.startswith(f"{kind}.")), None)
        if first is None:
            continue
        rule = next(r for r in first.rules if r.startswith(f"{kind}."))
        file = case_file_for(cases, kind) or started
        if file is None:
            started = os.path.join(root, *NEW_FILE.parts)
            lines += [t("dec.cases.sketch_new_file", rule=rule, file=started), "kind: task", "cases:"]
        else:
            lines.append(t("dec.cases.sketch_in_file", rule=rule, file=file))
        lines += sketch(pack, pack.items_by_id[first.item], rule)  # indented as in the file: pasted, it reads
    return lines


def missing_for(compiled: CompiledPack, code: str, pack_dir: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """After ``code`` was approved into the pack at ``pack_dir``: when the pack holds decision cases,
    each rule the item brings that no case expects, with the case file to write one in; nothing when
    it holds no cases (or none it can read: ``gridrules test`` reports those)."""
    folder = pathlib.Path(pack_dir) / CASES_DIR
    if not folder.is_dir():
        return []
    try:
        cases = load_cases(folder)
    except InputError:
        return []
    named = {r for case in cases for r in case.model.expect.get("rules") or [] if isinstance(r, str)}
    return [(rule, case_file_for(cases, rule.split(".", 1)[0]) or str(folder.joinpath(*NEW_FILE.parts)))
            for rule in item_rules(compiled, code) if rule not in named]
