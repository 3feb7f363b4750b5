"""A loaded rule pack: the file models plus the indexes every decision needs.

``Pack`` is built only by the loader (``gridrules.pack.loader``) after all three
validation layers have passed, so its indexes can be trusted: every id it
hands out exists, every list is in file order.  It is immutable: nothing
fills it in later.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timezone
from types import MappingProxyType
from typing import Any, Literal, Mapping, NamedTuple

from gridrules.contract.facts import EXTERNAL, FLAGS, STAGES, Stage
from gridrules.errors import Location
from gridrules.pack import layout
from gridrules.pack.chain import Integrity
from gridrules.pack.listed import listed_parts, total_of
from gridrules.pack.params import ParameterShape
from gridrules.pack.model.assessment import AssessmentFile
from gridrules.pack.model.calendar import CalendarFile
from gridrules.pack.model.events import EventType, Grade, WhistleKind
from gridrules.pack.model.form import ApplicationFormFile
from gridrules.pack.model.history import HistoryFile
from gridrules.pack.model.language import LanguageFile
from gridrules.pack.model.inforce import WITHDRAWN, last_of
from gridrules.pack.model.lists import (
    AdmissionItem,
    AdmissionPolicyFile,
    AdmissionTextsFile,
    Duty,
    RiskEntry,
    RiskFile,
    RiskLevel,
    TemporaryApproval,
)
from gridrules.pack.model.manifest import PackManifest
from gridrules.pack.model.bodies import Body
from gridrules.pack.model.organization import (
    Community,
    Department,
    Grid,
    GridKind,
    Level,
)
from gridrules.pack.model.powers import Activity, NegativeEntry, Role
from gridrules.pack.model.rules import Rule
from gridrules.pack.scope import Scopes
from gridrules.pack.screening import Screening
from gridrules.pack.tree import TreeUnit, UnitTree
from gridrules.pack.indexes import RuleSource, Trained, indexes as _indexes, ro as _ro
from gridrules.pack.yamlsrc import Document


@dataclass(frozen=True)
class PackInfo:
    """What identifies the pack that decided: it is quoted in every decision."""

    name: str
    version: str
    digest: str


class ItemAt(NamedTuple):
    """Which reading of an item governs: its id, the version of its terms, its last day as known."""

    id: str
    version: int
    last: date | None


@dataclass(frozen=True, eq=False)
class Pack:
    """A validated pack, complete and read-only: its file models, the YAML they came
    from (for positions), its digest, the parsed condition of every written rule and
    the indexes decisions read.  Mappings are read-only views, lists are tuples.

    Only the loader builds one: it indexes the files (a pack without conditions
    serves as the vocabulary the conditions are parsed against), then adds the
    parsed conditions with ``with_conditions``."""

    root: str  # the folder as shown to people
    files: Mapping[str, Any]  # relpath -> model
    documents: Mapping[str, Document]  # relpath -> parsed YAML (positions)
    digest: str
    conditions: Mapping[str, Any] = field(default_factory=dict)  # rule id -> parsed condition of every written rule
    integrity: Integrity | None = None  # the files against history.yaml's record (``chain``)

    # indexes, derived from ``files`` when the pack is built
    tz: timezone = field(init=False, repr=False)
    rule_sources: Mapping[str, RuleSource] = field(init=False, repr=False)
    levels: tuple[Level, ...] = field(init=False, repr=False)
    level_rank: Mapping[str, int] = field(init=False, repr=False)
    grid_kinds: Mapping[str, GridKind] = field(init=False, repr=False)
    grades: tuple[Grade, ...] = field(init=False, repr=False)
    grade_rank: Mapping[str, int] = field(init=False, repr=False)
    tree: UnitTree = field(init=False, repr=False)  # the unit tree: kinds, units, walks
    district: TreeUnit = field(init=False, repr=False)  # the top unit (a district, a county, a city)
    towns: Mapping[str, TreeUnit] = field(init=False, repr=False)  # units of the tree's lowest kind
    bodies: Mapping[str, Body] = field(init=False, repr=False)
    scopes: Scopes = field(init=False, repr=False)  # where items and approvals apply
    communities: Mapping[str, Community] = field(init=False, repr=False)
    grids: Mapping[str, tuple[Grid, Community]] = field(init=False, repr=False)
    departments: Mapping[str, Department] = field(init=False, repr=False)
    activities: Mapping[str, Activity] = field(init=False, repr=False)
    roles: Mapping[str, Role] = field(init=False, repr=False)
    negative: tuple[NegativeEntry, ...] = field(init=False, repr=False)
    negative_by_activity: Mapping[str, NegativeEntry] = field(init=False, repr=False)
    negative_by_code: Mapping[str, NegativeEntry] = field(init=False, repr=False)
    held_activities: frozenset[str] = field(init=False, repr=False)  # what some grid role may do
    duties: Mapping[str, Duty] = field(init=False, repr=False)
    items: tuple[AdmissionItem, ...] = field(init=False, repr=False)
    items_by_id: Mapping[str, AdmissionItem] = field(init=False, repr=False)
    item_versions: Mapping[str, tuple[AdmissionItem, ...]] = field(init=False, repr=False)  # id -> its terms over time
    _views: dict = field(init=False, repr=False, compare=False)  # (id, version, last day) -> the item as it reads
    # (id, span of days) -> (the in-force record read, what ``terms_at`` / ``known_terms`` read off it)
    _terms: dict = field(init=False, repr=False, compare=False)
    _known: dict = field(init=False, repr=False, compare=False)
    approvals: tuple[TemporaryApproval, ...] = field(init=False, repr=False)
    approvals_by_ref: Mapping[str, TemporaryApproval] = field(init=False, repr=False)
    screening: Screening = field(init=False, repr=False)  # the negative list's tell-tale words
    admission_policy: AdmissionPolicyFile = field(init=False, repr=False)
    params: Mapping[str, float] = field(init=False, repr=False)  # name -> value; read with parameter()
    texts: AdmissionTextsFile = field(init=False, repr=False)
    event_types: Mapping[str, EventType] = field(init=False, repr=False)
    whistle_kinds: tuple[WhistleKind, ...] = field(init=False, repr=False)
    risk: RiskFile = field(init=False, repr=False)
    risk_levels: Mapping[str, RiskLevel] = field(init=False, repr=False)
    risk_by_code: Mapping[str, RiskEntry] = field(init=False, repr=False)
    type_risk: Mapping[str, str] = field(init=False, repr=False)  # event type -> its risk level
    role_specials: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)  # role -> special power ids
    calendars: Mapping[int, CalendarFile] = field(init=False, repr=False)
    stages: Mapping[str, Stage] = field(init=False, repr=False)  # each stage with the pack's own facts added
    history: HistoryFile = field(init=False, repr=False)
    trainings: Mapping[str, tuple[Trained, ...]] = field(init=False, repr=False)  # item id -> its recorded trainings
    assessment: AssessmentFile | None = field(init=False, repr=False)  # None: the pack has no assessment.yaml
    _vocabulary: Mapping[str, Any] = field(init=False, repr=False)

    # --- identity ---------------------------------------------------------
    @property
    def manifest(self) -> PackManifest:
        return self.files[layout.MANIFEST]

    @property
    def info(self) -> PackInfo:
        return PackInfo(self.manifest.name, self.manifest.version, self.digest)

    @property
    def language(self) -> LanguageFile:
        """How conditions read and what fact fields are called (``render`` reads it)."""
        return self.files[layout.LANGUAGE]

    @property
    def application_form(self) -> ApplicationFormFile:
        """The blank application form's words (``change/appform.py`` writes the form)."""
        return self.files[layout.APPLICATION_FORM]

    def locate(self, relpath: str, path: tuple = ()) -> Location:
        doc = self.documents.get(relpath)
        if doc is None:
            return Location(f"{self.root}/{relpath}")
        return doc.locate(path)

    def with_conditions(self, conditions: dict[str, Any]) -> "Pack":
        """This pack completed with the parsed conditions of its written rules."""
        complete = copy.copy(self)  # the same indexes: they derive from the files alone
        object.__setattr__(complete, "conditions", _ro(dict(conditions)))
        return complete

    def __post_init__(self) -> None:
        for name in ("files", "documents", "conditions"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, _ro(dict(value)))
        for name, value in _indexes(self.files).items():
            object.__setattr__(self, name, value)

    # --- rules --------------------------------------------------------------
    def rules_of(self, stage: str) -> list[Rule]:
        """The written rules of ``stage``, in firing order."""
        out: list[Rule] = []
        for rel in STAGES[stage].files:
            model = self.files.get(rel)
            if model is not None and model.stage == stage:
                out.extend(model.rules)
        return out

    # --- the Vocabulary the condition language checks against ----------------
    def ids(self, domain: str):
        try:
            return self._vocabulary[domain]
        except KeyError:
            raise KeyError(domain) from None

    def rank(self, kind: str, value: str) -> int | None:
        table = self.level_rank if kind == "level" else self.grade_rank
        return table.get(value)

    def name_of(self, kind: str, value: Any) -> str:
        if kind == "level":
            return self.levels[value].name if 0 <= value < len(self.levels) else "—"
        if kind == "grade":
            return self.grades[value].name if 0 <= value < len(self.grades) else "—"
        return str(value)

    def parameter(self, shape: ParameterShape) -> float | None:
        """A declared parameter's value (``pack.parameter(CAPACITY)``); None only
        for an optional one the pack leaves out."""
        return self.params.get(shape.name)

    # the condition language names a parameter in a rule's text ({param: name})
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
        return self.external_issuer(issuer_id) or issuer_id

    def facts_of(self, decision: str) -> tuple[Any, ...]:
        """The facts of the pack's own a decision's inputs may carry (language.yaml ``facts``)."""
        return tuple(getattr(self.language.facts, decision))

    def flags_of(self, decision: str) -> tuple[str, ...]:
        """Every flag a decision may carry, in the order it lists them: the contract's, then the pack's own."""
        return FLAGS[decision] + tuple(f.id for f in getattr(self.language.flags, decision))

    def flag_names(self) -> dict[str, str]:
        """The pack's own flags' names (``language.yaml`` flags)."""
        declared = self.language.flags
        return {f.id: f.name for f in (*declared.task, *declared.event)}

    def activity_name(self, activity: str) -> str:
        if activity in self.activities:
            return self.activities[activity].name
        entry = self.negative_by_activity.get(activity)
        return entry.title if entry else activity

    def barrier(self, activity: str) -> NegativeEntry | Literal["beyond_powers"] | None:
        """Why no grid worker may be given ``activity``: its negative-list entry, or
        ``"beyond_powers"`` for a grid activity no role holds; None when some role may.
        (The one reading of "forbidden or no role holds it" outside the engine's rules.)"""
        entry = self.negative_by_activity.get(activity)
        if entry is not None:
            return entry
        if activity in self.activities and activity not in self.held_activities:
            return "beyond_powers"
        return None

    def item_in_force(self, item: AdmissionItem, on: date, start: date | None = None) -> bool:
        """As known on ``on``, in effect on ``start`` (default: ``on`` itself)."""
        return item.in_force.governing(on, on if start is None else start) is not None

    def terms_at(self, item: AdmissionItem, on: date, start: date | None = None) -> ItemAt | None:
        """Which reading of ``item`` governs work starting on ``start`` (default: ``on``), as known
        on ``on``; None when it is not in force then."""
        # the same for every pair of days in one span (``InForce.span``): read once per span, and
        # remembered with the record it was read from (a copy of an item may carry its own)
        in_force, code = item.in_force, item.id
        start = on if start is None else start
        span = in_force.span(on, start)
        found = self._terms.get((code, span))
        if found is None or found[0] is not in_force:
            change, withdrawn = in_force.reading(on, start, span)
            at = None if change is None else ItemAt(
                code, change.version, last_of(self.item_versions[code][change.version].effective.to, withdrawn))
            found = self._terms[(code, span)] = (in_force, at)
        return found[1]

    def item_as(self, at: ItemAt) -> AdmissionItem:
        """The item as it reads at ``at``: the version's terms, ``effective.to`` its last day."""
        view = self._views.get(at)
        if view is None:
            version = self.item_versions[at.id][at.version]
            view = version if at.last == version.effective.to else version.model_copy(
                update={"effective": version.effective.model_copy(update={"to": at.last})})
            self._views[at] = view
        return view

    def item_terms(self, item: AdmissionItem, on: date, start: date | None = None) -> AdmissionItem | None:
        """The item as it reads for work starting on ``start`` (default: ``on``), as known on ``on``:
        the terms of the version in effect then, ``effective.to`` its last day as known (the day
        before a known withdrawal); None when it is not in force then."""
        at = self.terms_at(item, on, start)
        return None if at is None else self.item_as(at)

    def known_terms(self, item: AdmissionItem, on: date, start: date | None = None) -> AdmissionItem:
        """The item's terms as known on ``on``: the version governing work starting on ``start``
        (default: ``on``), else the last version decided by then; ``effective.to`` its last day as
        known.  What a decision reads of an item (one object per reading: ``item_as``); its lists
        of amendments and withdrawal are the version's, not cut to ``on`` (``item_as_known``)."""
        in_force, code = item.in_force, item.id
        span = in_force.span(on, on if start is None else start)  # read once per span, as ``terms_at``
        found = self._known.get((code, span))
        if found is None or found[0] is not in_force:
            at = self.terms_at(item, on, start)
            if at is None:
                known = [c for c in in_force.known(on) if c.version != WITHDRAWN] or [in_force.changes[0]]
                version = known[-1].version
                at = ItemAt(code, version, in_force.last_day(on, self.item_versions[code][version].effective.to))
            found = self._known[(code, span)] = (in_force, self.item_as(at))
        return found[1]

    def item_as_known(self, item: AdmissionItem, on: date, start: date | None = None) -> AdmissionItem:
        """The item as known on ``on`` (``known_terms``), listing only the amendments and
        withdrawal decided by then."""
        view = self.known_terms(item, on, start)
        amendments = [a for a in view.amendments if a.date <= on]
        withdrawal = view.withdrawal if view.withdrawal is not None and view.withdrawal.date <= on else None
        if len(amendments) == len(view.amendments) and withdrawal is view.withdrawal:
            return view
        shown = view.model_copy(update={"amendments": amendments, "withdrawal": withdrawal})
        shown.__dict__.pop("in_force", None)  # a copy carries the cached reading of every change: read its own
        return shown

    def training_records(self, item: AdmissionItem) -> tuple[Trained, ...]:
        """The recorded trainings behind ``item``'s day of delivery, in order; none when no record
        gave that day (it reads as written by hand, known all along)."""
        delivered = item.training.delivered_on if item.training is not None else None
        recorded = self.trainings.get(item.id, ())
        return recorded if recorded and recorded[-1].after == delivered else ()

    def delivered_as_known(self, item: AdmissionItem, on: date) -> date | None:
        """The day ``item``'s training was delivered, as recorded by ``on``: a training recorded later
        was not known to a check made then (the day before it, or none)."""
        recorded = self.training_records(item)
        if not recorded:
            return item.training.delivered_on if item.training is not None else None
        known = [r.after for r in recorded if r.known_on <= on]
        return known[-1] if known else recorded[0].before

    def approval_last_day(self, approval: TemporaryApproval, on: date) -> date:
        """The approval's last day as known on ``on`` (the day before a known withdrawal)."""
        return approval.in_force.last_day(on, approval.to) or approval.to

    def approval_never_ran(self, approval: TemporaryApproval, on: date) -> bool:
        """Whether the approval was withdrawn, as known on ``on``, before its first day: it never ran."""
        return self.approval_last_day(approval, on) < approval.from_

    def listed_hours(self, on: date, start: date | None = None, town: str | None = None,
                     within: frozenset[str] | None = None, approvals: bool = True) -> float:
        """Workload per grid per month listed for work starting on ``start`` (default: ``on``),
        as known on ``on``: see ``listed_total``."""
        return self.listed_total(on, start, town, within, approvals)[0]

    def listed_total(self, on: date, start: date | None = None, town: str | None = None,
                     within: frozenset[str] | None = None, approvals: bool = True) -> tuple[float, str]:
        """Workload per grid per month of the list items in force for work starting on ``start``
        (default: ``on``), as known on ``on``, each by the terms in effect then, that apply in
        ``town``, plus the town's temporary approvals known on ``on`` whose work runs on
        ``start`` (to their last day as known then) (policy §8); without a town, in the town (of ``within``, default all) that
        carries the most, the first in the pack's order on a tie (``approvals`` False: the list
        items alone).  With the town whose total it is ('' for a pack without towns)."""
        return total_of(self, listed_parts(self, on, start, approvals), town, within)

    def applies_in(self, item: AdmissionItem, town: str) -> bool:
        towns = self.scopes.item_towns(item)
        return towns is None or town in towns

    def home_of(self, department: str) -> str:
        """A department's home unit (the top unit unless it names one)."""
        d = self.departments.get(department)
        return d.unit if d is not None and d.unit else self.district.id

    def level_of_unit(self, unit: str) -> str | None:
        """The handling level whose unit kind is ``unit``'s kind."""
        found = self.tree.units.get(unit)
        return next((lv.id for lv in self.levels if found is not None and lv.unit == found.kind), None)

    def special_powers(self, role: str | None) -> tuple[str, ...]:
        """The special powers (直报 …) of a role; none for no role."""
        return self.role_specials[role] if role else ()

    def external_issuer(self, issuer_id: str) -> str | None:
        """The name of a body outside the pack (``external:<name>``), else None."""
        return issuer_id[len(EXTERNAL):] if issuer_id.startswith(EXTERNAL) else None

    def risk_of(self, code: str) -> tuple[str, str]:
        """(level, safeguard) of an event type or list item (an item as approved: read
        ``item_risk`` of the terms in effect where a task's start matters)."""
        item = self.items_by_id.get(code)
        return self.item_risk(item) if item is not None else self._risk(code, None)

    def item_risk(self, item: AdmissionItem) -> tuple[str, str]:
        """(level, safeguard) of an item as it reads: its own risk, else the risk list's entry
        for its code, else the default."""
        return self._risk(item.id, item.risk)

    def _risk(self, code: str, own: str | None) -> tuple[str, str]:
        entry = self.risk_by_code.get(code)
        level_id = own or (entry.level if entry else self.risk.default)
        level = self.risk_levels[level_id]
        return level_id, (entry.safeguard if entry and entry.safeguard else level.safeguard)
