"""A loaded rule pack: the file models plus the indexes every decision needs.

``Pack`` is built only by ``gridrules.loader.load_pack`` after all three
validation layers have passed, so its indexes can be trusted: every id it
hands out exists, every list is in file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, timezone
from typing import Any

from gridrules.errors import Location
from gridrules.contract.base import parse_offset
from gridrules.pack.model.calendar import CalendarFile
from gridrules.pack.model.events import DispatchFile, EventType, EventTypesFile, GradingFile, WhistleKind
from gridrules.pack.model.form import ApplicationFormFile
from gridrules.pack.model.history import HistoryFile
from gridrules.pack.model.language import LanguageFile
from gridrules.pack.model.lists import (
    AdmissionItem,
    AdmissionPolicyFile,
    AdmissionTextsFile,
    DutiesFile,
    ItemsFile,
    RiskFile,
    TemporaryApproval,
    TemporaryFile,
)
from gridrules.pack.model.manifest import PackManifest
from gridrules.pack.model.organization import (
    Community,
    DepartmentsFile,
    Grid,
    LevelsFile,
    RegistryFile,
    UnitsFile,
)
from gridrules.pack.model.powers import ActivitiesFile, NegativeEntry, NegativeListFile, Role, RolesFile
from gridrules.pack.model.rules import Rule, RulesFile
from gridrules.pack.yamlsrc import Document


@dataclass(frozen=True)
class PackInfo:
    """What identifies the pack that decided: it is quoted in every decision."""

    name: str
    version: str
    digest: str


@dataclass
class RuleSource:
    """Where a written rule lives, for messages that point at it."""

    relpath: str
    path: tuple


@dataclass
class Pack:
    root: str  # the folder as shown to people
    files: dict[str, Any]  # relpath -> model
    documents: dict[str, Document]  # relpath -> parsed YAML (positions)
    digest: str
    rule_sources: dict[str, RuleSource] = field(default_factory=dict)
    # rule id -> parsed condition of every written rule (filled by crossref.check)
    conditions: dict[str, Any] = field(default_factory=dict)

    # --- identity ---------------------------------------------------------
    @property
    def manifest(self) -> PackManifest:
        return self.files["pack.yaml"]

    @property
    def info(self) -> PackInfo:
        return PackInfo(self.manifest.name, self.manifest.version, self.digest)

    @cached_property
    def tz(self) -> timezone:
        return parse_offset(self.manifest.utc_offset)

    @property
    def language(self) -> LanguageFile:
        """How conditions read and what fact fields are called (``render`` reads it)."""
        return self.files["language.yaml"]

    @property
    def application_form(self) -> ApplicationFormFile:
        """The blank application form's words (``change/appform.py`` writes the form)."""
        return self.files["admission/form.yaml"]

    def locate(self, relpath: str, path: tuple = ()) -> Location:
        doc = self.documents.get(relpath)
        if doc is None:
            return Location(f"{self.root}/{relpath}")
        return doc.locate(path)

    def __post_init__(self) -> None:
        f = self.files
        levels: LevelsFile = f["organization/levels.yaml"]
        self.levels = list(levels.levels)
        self.level_rank = {lv.id: i for i, lv in enumerate(self.levels)}
        self.grid_kinds = {g.id: g for g in levels.grid_kinds}
        grading: GradingFile = f["events/grading.yaml"]
        self.grades = list(grading.grades)
        self.grade_rank = {g.id: i for i, g in enumerate(self.grades)}

        units: UnitsFile = f["organization/units.yaml"]
        self.district = units.district
        self.towns = {t.id: t for t in units.towns}
        registry: RegistryFile = f["organization/registry.yaml"]
        self.communities: dict[str, Community] = {c.id: c for c in registry.communities}
        self.grids: dict[str, tuple[Grid, Community]] = {
            g.id: (g, c) for c in registry.communities for g in c.grids
        }
        departments: DepartmentsFile = f["organization/departments.yaml"]
        self.departments = {d.id: d for d in departments.departments}

        activities: ActivitiesFile = f["powers/activities.yaml"]
        self.activities = {a.id: a for a in activities.activities}
        roles: RolesFile = f["powers/roles.yaml"]
        self.roles: dict[str, Role] = {r.id: r for r in roles.roles}
        negative: NegativeListFile = f["powers/negative_list.yaml"]
        self.negative: list[NegativeEntry] = list(negative.entries)
        self.negative_by_activity = {e.activity: e for e in self.negative if e.activity}
        self.negative_by_code = {e.code: e for e in self.negative}

        duties: DutiesFile = f["responsibilities/duties.yaml"]
        self.duties = {d.id: d for d in duties.duties}
        items: ItemsFile = f["admission/items.yaml"]
        self.items: list[AdmissionItem] = list(items.items)
        self.items_by_id = {i.id: i for i in self.items}
        temporary: TemporaryFile = f["admission/temporary.yaml"]
        self.approvals: list[TemporaryApproval] = list(temporary.approvals)
        self.approvals_by_ref = {a.ref: a for a in self.approvals}
        policy: AdmissionPolicyFile = f["admission/policy.yaml"]
        self.admission_policy = policy
        self.params = {k: p.value for k, p in policy.parameters.items()}
        self.texts: AdmissionTextsFile = f["admission/rules.yaml"]

        types: EventTypesFile = f["events/types.yaml"]
        self.event_types: dict[str, EventType] = {t.code: t for t in types.types}
        dispatch: DispatchFile = f["events/dispatch.yaml"]
        self.whistle_kinds: list[WhistleKind] = list(dispatch.whistle_kinds)
        self.risk: RiskFile = f["risk.yaml"]
        self.risk_levels = {r.id: r for r in self.risk.levels}
        self.risk_by_code = {e.code: e for e in self.risk.entries}

        self.calendars: dict[int, CalendarFile] = {
            m.year: m for rel, m in sorted(f.items()) if rel.startswith("calendar/")
        }
        self.history: HistoryFile = f.get("history.yaml") or HistoryFile()

    # --- rules --------------------------------------------------------------
    def rules_of(self, stage: str) -> list[Rule]:
        from gridrules.pack.layout import RULE_FILES

        out: list[Rule] = []
        for rel in RULE_FILES:
            model = self.files.get(rel)
            if isinstance(model, (RulesFile, GradingFile, DispatchFile)) and model.stage == stage:
                out.extend(model.rules)
        return out

    # --- the Vocabulary the condition language checks against ----------------
    def ids(self, domain: str):
        if domain == "level":
            return self.level_rank
        if domain == "grade":
            return self.grade_rank
        if domain == "town":
            return self.towns
        if domain == "department":
            return self.departments
        if domain == "issuer":
            return set(self.departments) | set(self.towns)
        if domain == "role":
            return self.roles
        if domain == "activity":
            return set(self.activities) | set(self.negative_by_activity)
        if domain == "power":
            specials = {p.id for r in self.roles.values() for p in r.special_powers}
            return set(self.activities) | set(self.negative_by_activity) | specials
        if domain == "item":
            return self.items_by_id
        if domain == "approval":
            return self.approvals_by_ref
        if domain == "event_type":
            return self.event_types
        raise KeyError(domain)

    def rank(self, kind: str, value: str) -> int | None:
        table = self.level_rank if kind == "level" else self.grade_rank
        return table.get(value)

    def name_of(self, kind: str, value: Any) -> str:
        if kind == "level":
            return self.levels[value].name if 0 <= value < len(self.levels) else "—"
        if kind == "grade":
            return self.grades[value].name if 0 <= value < len(self.grades) else "—"
        return str(value)

    def param(self, name: str) -> float | None:
        return self.params.get(name)

    def param_names(self) -> list[str]:
        return list(self.params)

    # --- lookups used by decisions --------------------------------------------
    def issuer_name(self, issuer_id: str) -> str:
        if issuer_id in self.departments:
            return self.departments[issuer_id].name
        if issuer_id in self.towns:
            return self.towns[issuer_id].name
        return issuer_id

    def activity_name(self, activity: str) -> str:
        if activity in self.activities:
            return self.activities[activity].name
        entry = self.negative_by_activity.get(activity)
        return entry.title if entry else activity

    def item_in_force(self, item: AdmissionItem, on: date) -> bool:
        """Approved on or before ``on`` and not withdrawn by then."""
        if item.approval.date > on:
            return False
        return item.withdrawal is None or item.withdrawal.date > on

    def approval_in_force(self, approval: TemporaryApproval, on: date) -> bool:
        if approval.decided_on > on:
            return False
        return approval.withdrawn_on is None or approval.withdrawn_on > on

    def listed_hours(self, on: date) -> float:
        """Workload per grid per month of every list item in force on ``on``."""
        return sum(i.hours_per_month for i in self.items if self.item_in_force(i, on))

    def risk_of(self, code: str) -> tuple[str, str]:
        entry = self.risk_by_code.get(code)
        level_id = entry.level if entry else self.risk.default
        level = self.risk_levels[level_id]
        return level_id, (entry.safeguard if entry and entry.safeguard else level.safeguard)
