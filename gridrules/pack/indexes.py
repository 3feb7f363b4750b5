"""The indexes of a pack, derived from its file models once, when the Pack is built.

Each index is named once here; ``Pack`` declares a field for each (a test checks that the
two agree), so a decision looks a thing up instead of scanning a file model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from datetime import date, tzinfo
from typing import Any, Mapping, NamedTuple

from gridrules.contract.base import parse_offset
from gridrules.contract.facts import STAGES, Stage
from gridrules.pack import layout
from gridrules.pack.model.events import GradingFile
from gridrules.pack.model.history import HistoryFile
from gridrules.pack.model.language import LanguageFile
from gridrules.pack.model.lists import AdmissionPolicyFile, RiskFile
from gridrules.pack.model.organization import LevelsFile, RegistryFile, UnitsFile
from gridrules.pack.params import values as parameter_values
from gridrules.pack.scope import Scopes
from gridrules.pack.screening import Screening
from gridrules.pack.tree import UnitTree


@dataclass(frozen=True)
class RuleSource:
    """Where a written rule lives, for messages that point at it."""

    relpath: str
    path: tuple


def ro(mapping: dict) -> Mapping:
    """A read-only view of ``mapping``: a Pack is immutable."""
    return MappingProxyType(mapping)


def _stages(language: LanguageFile) -> dict[str, Stage]:
    """Every stage, its fields the contract's and then the pack's own facts for its decision."""
    out = {}
    for name, stage in STAGES.items():
        own = {fact.id: fact.field for fact in getattr(language.facts, stage.decision)}
        out[name] = replace(stage, fields={**stage.fields, **{k: v for k, v in own.items() if k not in stage.fields}})
    return out


class Trained(NamedTuple):
    """A recorded training of an item: the day the record was made (in the district's time) and the
    day of delivery it held before and after."""

    known_on: date
    before: date | None
    after: date | None


def trainings(history: HistoryFile, tz: tzinfo) -> dict[str, tuple[Trained, ...]]:
    """item id -> its recorded trainings, in the order they were recorded."""
    out: dict[str, list[Trained]] = {}
    for change in history.changes:
        if change.action != "training":
            continue
        for changed in change.fields:
            if changed.field == "training.delivered_on" and changed.after is not None:
                out.setdefault(change.target, []).append(Trained(
                    change.recorded_at.astimezone(tz).date(), _day(changed.before), _day(changed.after)))
    return {code: tuple(found) for code, found in out.items()}


def _day(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


def indexes(f: Mapping[str, Any]) -> dict[str, Any]:
    """Every index of a pack, from its file models."""
    levels: LevelsFile = f[layout.LEVELS]
    grading: GradingFile = f[layout.GRADING_RULES]
    units: UnitsFile = f[layout.UNITS]
    registry: RegistryFile = f[layout.REGISTRY]
    negative = tuple(f[layout.NEGATIVE_LIST].entries)
    items = tuple(f[layout.ITEMS].items)
    approvals = tuple(f[layout.TEMPORARY].approvals)
    policy: AdmissionPolicyFile = f[layout.ADMISSION_POLICY]
    risk: RiskFile = f[layout.RISK]
    history: HistoryFile = f.get(layout.HISTORY) or HistoryFile()
    tz = parse_offset(f[layout.MANIFEST].utc_offset)
    tree = UnitTree(units, levels)
    out: dict[str, Any] = {
        "tz": tz,
        "rule_sources": ro({
            rule.id: RuleSource(rel, ("rules", i))
            for rel in layout.RULE_FILES if rel in f
            for i, rule in enumerate(f[rel].rules)
        }),
        "levels": tuple(levels.levels),
        "level_rank": ro({lv.id: i for i, lv in enumerate(levels.levels)}),
        "grid_kinds": ro({g.id: g for g in levels.grid_kinds}),
        "grades": tuple(grading.grades),
        "grade_rank": ro({g.id: i for i, g in enumerate(grading.grades)}),
        "tree": tree,
        "district": tree.root,
        "towns": tree.towns,
        "bodies": ro({b.id: b for b in f[layout.BODIES].bodies}),
        "communities": ro({c.id: c for c in registry.communities}),
        "grids": ro({g.id: (g, c) for c in registry.communities for g in c.grids}),
        "departments": ro({d.id: d for d in f[layout.DEPARTMENTS].departments}),
        "activities": ro({a.id: a for a in f[layout.ACTIVITIES].activities}),
        "roles": ro({r.id: r for r in f[layout.ROLES].roles}),
        "negative": negative,
        "negative_by_activity": ro({e.activity: e for e in negative if e.activity}),
        "negative_by_code": ro({e.code: e for e in negative}),
        "held_activities": frozenset(a for r in f[layout.ROLES].roles for a in r.activities),
        "duties": ro({d.id: d for d in f[layout.DUTIES].duties}),
        "items": items,
        "items_by_id": ro({i.id: i for i in items}),
        "item_versions": ro({i.id: i.versions() for i in items}),
        "_views": {},
        "_terms": {},
        "_known": {},
        "approvals": approvals,
        "approvals_by_ref": ro({a.ref: a for a in approvals}),
        "screening": Screening(negative, f[layout.NEGATIVE_LIST].screening_negations,
                               f[layout.NEGATIVE_LIST].screening_negation_exceptions),
        "admission_policy": policy,
        "params": ro(parameter_values(policy.parameters)),
        "texts": f[layout.ADMISSION_TEXTS],
        "event_types": ro({t.code: t for t in f[layout.EVENT_TYPES].types}),
        "whistle_kinds": tuple(f[layout.DISPATCH_RULES].whistle_kinds),
        "risk": risk,
        "risk_levels": ro({r.id: r for r in risk.levels}),
        "risk_by_code": ro({e.code: e for e in risk.entries}),
        "type_risk": ro({t.code: next((e.level for e in risk.entries if e.code == t.code), risk.default)
                          for t in f[layout.EVENT_TYPES].types}),
        "role_specials": ro({r.id: tuple(p.id for p in r.special_powers) for r in f[layout.ROLES].roles}),
        "calendars": ro({m.year: m for rel, m in sorted(f.items()) if layout.is_calendar(rel)}),
        "stages": ro(_stages(f[layout.LANGUAGE])),
        "history": history,
        "trainings": ro(trainings(history, tz)),
        "assessment": f.get(layout.ASSESSMENT),
    }
    home = {d.id: d.unit or tree.root.id for d in out["departments"].values()}
    out["scopes"] = Scopes(out["bodies"], {lv.id: lv for lv in levels.levels}, tree, home)
    issuers = frozenset(out["departments"]) | frozenset(out["towns"])
    activities = frozenset(out["activities"]) | frozenset(out["negative_by_activity"])
    specials = frozenset(p.id for r in out["roles"].values() for p in r.special_powers)
    out["_vocabulary"] = ro({
        "level": out["level_rank"],
        "grade": out["grade_rank"],
        "town": out["towns"],
        "department": out["departments"],
        "issuer": issuers,
        "role": out["roles"],
        "activity": activities,
        "power": activities | specials,
        "item": out["items_by_id"],
        "approval": out["approvals_by_ref"],
        "event_type": out["event_types"],
        "spans": tree.spans(),
        "grid_kind": out["grid_kinds"],
    })
    return out
