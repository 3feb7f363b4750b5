"""What every check gets: the loaded pack, the day it is judged on, and shared helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Iterable

from gridrules.catalogue import t
from gridrules.contract.facts import STAGES
from gridrules.decide.checker import Checker
from gridrules.errors import Location
from gridrules.pack.pack import Pack
from gridrules.lint.explore import Exploration, explore
from gridrules.lint.findings import Check, Finding
from gridrules.pack.layout import ITEMS


@dataclass
class LintContext:
    pack: Pack
    on: date
    memo: dict = field(default_factory=dict)  # what checks remember while they run (pure functions of the pack)

    @cached_property
    def checker(self) -> Checker:
        # lint asks the written stages and never a list item's ruleset: a 10,000-item list's
        # ~700 rulesets would hold ~600 MB in the engine for nothing
        return Checker(self.pack, on_use=True)

    @cached_property
    def exploration(self) -> Exploration:
        """Every situation the pack's rules can meet, decided (shared by the event and rule checks)."""
        return explore(self.pack, self.checker)

    @cached_property
    def raised_flags(self) -> frozenset[str]:
        """The flags some written rule of the pack raises (a message promising a flag says so only then)."""
        return frozenset(rule.flag for stage in STAGES for rule in self.pack.rules_of(stage) if rule.flag)

    # --- locations ----------------------------------------------------------------------
    def where(self, relpath: str, path: tuple = (), at_key: bool = False) -> Location:
        doc = self.pack.documents.get(relpath)
        if doc is None:
            return self.pack.locate(relpath, path)
        return doc.locate_key(path) if at_key else doc.locate(path)

    def rule_place(self, rule_id: str) -> tuple[str, tuple]:
        source = self.pack.rule_sources[rule_id]
        return source.relpath, source.path

    @cached_property
    def _item_index(self) -> dict[str, int]:
        return {item.id: i for i, item in enumerate(self.pack.items)}

    def item_place(self, item_id: str) -> tuple[str, tuple]:
        return ITEMS, ("items", self._item_index[item_id])

    def finding(self, check: Check, message: str, relpath: str, path: tuple = (), subject: str | None = None,
                related: Iterable[tuple[str, Location]] = (), at_key: bool = False) -> Finding:
        return Finding(check, message, self.where(relpath, path, at_key), relpath, subject, tuple(related))

    # --- names, as the district's staff read them: the pack's name and its id ------------------
    def department(self, dept: str) -> str:
        found = self.pack.departments.get(dept)
        return t("finding.paired", first=found.name, second=dept) if found else dept

    def activity(self, activity: str) -> str:
        return t("finding.paired", first=self.pack.activity_name(activity), second=activity)

    def activities(self, activities: Iterable[str]) -> str:
        return joined(self.activity(a) for a in activities)

    def item(self, item_id: str) -> str:
        item = self.pack.items_by_id[item_id]
        return t("finding.item", id=item.id, name=item.name)


def joined(parts: Iterable[str]) -> str:
    """A list in a finding: 甲、乙、丙 (English: a, b, c)."""
    return t("words.list_sep").join(parts)
