"""Cross-reference checks: the third validation layer, over the whole pack.

Each check reports ``(file, path, message, hint)``; the loader turns them into
``path:line:col`` problems.  All problems are collected, none stops the others.
It only reads the pack (the loader parsed the rules' conditions before) and
returns what it found.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from gridrules.catalogue import t
from gridrules.catalogue.packfiles import noun
from gridrules.lang.parse import suggest
from gridrules.lang.tree import Always, fields_used
from gridrules.contract.application import Application, ApplicationTraining
from gridrules.contract.facts import GRADE_SOURCES, LEVEL_SOURCES, STAGES, STATEMENTS
from gridrules.pack import assessment_refs, crossterms, fidelity_refs, layout, samenames, structure
from gridrules.pack.refcheck import each_known as _each_known, known as _known, known_placeholders, unique as _unique
from gridrules.pack.layout import RULE_FILES, stages_of
from gridrules.pack.model.review import FINDING_PLACEHOLDERS, ITEM_BASIS_PLACEHOLDERS, TEMPORARY_PLACEHOLDERS
from gridrules.pack.pack import Pack
from gridrules.contract.placeholders import (ADMISSION_PLACEHOLDERS, DURATION_WORDS, EVENT_PLACEHOLDERS,
                                             TASK_PLACEHOLDERS)

# Rule-id prefixes the compiler generates from the lists; written rules may not use them.
GENERATED_PREFIXES = ("negative.", "role.", "item.", "relay.", "temporary.", "admission.", "screening.")


class Report:
    """Collects (file, path, message, hint, at_key) for every problem found."""

    def __init__(self) -> None:
        self.found: list[tuple[str, tuple, str, str | None, bool]] = []

    def __call__(self, rel: str, path: tuple, message: str, hint: str | None = None, at_key: bool = False) -> None:
        self.found.append((rel, tuple(path), message, hint, at_key))


def _in_order(r: Report, rel: str, path: tuple, first: date, last: date | None) -> bool:
    if last is not None and last < first:
        r(rel, path + ("to",), t("pack.to_before_from", last=last, first=first))
        return False
    return True


def check(pack: Pack) -> list[tuple[str, tuple, str, str | None, bool]]:
    report = Report()
    _organization(pack, report)
    _powers(pack, report)
    _lists(pack, report)
    _events(pack, report)
    _calendars(pack, report)
    _rules(pack, report)
    _review(pack, report)
    _history(pack, report)
    samenames.check(pack, report)
    assessment_refs.check(pack, report)
    fidelity_refs.check(pack, report)
    return report.found


def _organization(pack: Pack, r: Report) -> None:
    f = pack.files
    levels = f[layout.LEVELS]
    rel = layout.LEVELS
    _unique(r, rel, ("levels",), [lv.id for lv in levels.levels], "level", "id")
    _unique(r, rel, ("grid_kinds",), [g.id for g in levels.grid_kinds], "grid kind", "id")
    _unique(r, rel, ("grid_kinds",), [g.name for g in levels.grid_kinds], "grid kind name", "name")
    for i, kind in enumerate(levels.grid_kinds):
        if kind.households and kind.households.min > kind.households.max:
            r(rel, ("grid_kinds", i, "households"), t("pack.min_above_max", min=kind.households.min, max=kind.households.max))
    if levels.grid_staffing:
        roles = levels.grid_staffing.roles
        _unique(r, rel, ("grid_staffing", "roles"), [x.id for x in roles], "staffing role", "id")
        _unique(r, rel, ("grid_staffing", "roles"), [x.column for x in roles], "staffing column", "column")
    for i, level in enumerate(levels.levels):
        _each_known(r, rel, ("levels", i, "powers"), level.powers, pack.negative_by_activity, "negative-list activity")
    registry = f[layout.REGISTRY]
    rel = layout.REGISTRY
    _unique(r, rel, ("communities",), [c.id for c in registry.communities], "community", "id")
    seen_grids: dict[str, str] = {}
    staffing = f[layout.LEVELS].grid_staffing
    staff_roles = {role.id: role for role in staffing.roles} if staffing else {}
    for i, community in enumerate(registry.communities):
        _known(r, rel, ("communities", i, "town"), community.town, pack.towns, "town")
        for j, grid in enumerate(community.grids):
            if grid.id in seen_grids:
                r(rel, ("communities", i, "grids", j, "id"), t("pack.duplicate_grid", grid=grid.id, other=seen_grids[grid.id]))
            seen_grids[grid.id] = community.id
            if grid.kind is not None:
                _known(r, rel, ("communities", i, "grids", j, "kind"), grid.kind, pack.grid_kinds, "grid kind")
            for role in grid.staff or {}:
                _known(r, rel, ("communities", i, "grids", j, "staff", role), role, staff_roles, "staffing role")
    for i, community in enumerate(registry.communities):
        for j, grid in enumerate(community.grids):
            if grid.parent is not None and grid.parent not in seen_grids:
                _known(r, rel, ("communities", i, "grids", j, "parent"), grid.parent, seen_grids, "grid")
            elif grid.parent == grid.id:
                r(rel, ("communities", i, "grids", j, "parent"), t("pack.own_parent", grid=grid.id))
    rel = layout.DEPARTMENTS
    _unique(r, rel, ("departments",), [d.id for d in f[rel].departments], "department", "id")
    for i, d in enumerate(f[rel].departments):
        if d.id in pack.towns:
            r(rel, ("departments", i, "id"), t("pack.department_is_town", id=d.id))
    structure.check(pack, r)


def _powers(pack: Pack, r: Report) -> None:
    f = pack.files
    rel = layout.ACTIVITIES
    _unique(r, rel, ("activities",), [a.id for a in f[rel].activities], "activity", "id")
    for i, a in enumerate(f[rel].activities):
        if a.id in pack.negative_by_activity:
            r(rel, ("activities", i, "id"), t("pack.activity_negative", id=a.id))
    rel = layout.NEGATIVE_LIST
    entries = f[rel].entries
    _unique(r, rel, ("entries",), [e.code for e in entries], "code", "code")
    _unique(r, rel, ("entries",), [e.activity for e in entries if e.activity], "activity", "activity")
    rel = layout.ROLES
    _unique(r, rel, ("roles",), [x.id for x in f[rel].roles], "role", "id")
    for i, role in enumerate(f[rel].roles):
        for j, act in enumerate(role.activities):
            if act in pack.negative_by_activity:
                code = pack.negative_by_activity[act].code
                r(rel, ("roles", i, "activities", j), t("pack.role_negative", activity=act, code=code))
            else:
                _known(r, rel, ("roles", i, "activities", j), act, pack.activities, "activity")
        if len(set(role.activities)) != len(role.activities):
            r(rel, ("roles", i, "activities"), t("pack.activity_twice"))


def _lists(pack: Pack, r: Report) -> None:
    f = pack.files
    rel = layout.DUTIES
    groups = {g.id for g in f[rel].groups}
    _unique(r, rel, ("duties",), [d.id for d in f[rel].duties], "duty", "id")
    for i, duty in enumerate(f[rel].duties):
        _known(r, rel, ("duties", i, "group"), duty.group, groups, "duty group")

    policy = pack.admission_policy
    rel = layout.ADMISSION_POLICY
    for key in ("admitted", "department", "town"):
        _known(r, rel, ("responsible_level", key), getattr(policy.responsible_level, key), pack.level_rank, "level")
    app_fields = set(Application.model_fields)
    for i, af in enumerate(policy.application_fields):
        _known(r, rel, ("application_fields", i, "field"), af.field, app_fields, "application field")
    _unique(r, rel, ("categories",), policy.categories, "category")

    all_activities = pack.ids("activity")
    rel = layout.ITEMS
    _unique(r, rel, ("items",), [i.id for i in pack.items], "item", "id")
    for i, item in enumerate(pack.items):
        at = ("items", i)
        _known(r, rel, at + ("duty",), item.duty, pack.duties, "duty")
        _each_known(r, rel, at + ("owners",), item.owners, pack.departments, "department")
        _each_known(r, rel, at + ("activities",), item.activities, all_activities, "activity")
        _each_known(r, rel, at + ("categories",), item.categories, set(policy.categories), "category")
        if item.training is not None and item.training.owner is not None:
            _known(r, rel, at + ("training", "owner"), item.training.owner, pack.departments, "department")
        if item.towns != "all":
            _each_known(r, rel, at + ("towns",), item.towns, pack.towns, "town")
        _in_order(r, rel, at + ("effective",), item.effective.from_, item.effective.to)
        crossterms.item_changes(r, rel, at, item, pack, all_activities, _known, _each_known)

    rel = layout.TEMPORARY
    _unique(r, rel, ("approvals",), [a.ref for a in pack.approvals], "reference", "ref")
    for i, approval in enumerate(pack.approvals):
        at = ("approvals", i)
        _each_known(r, rel, at + ("activities",), approval.activities, all_activities, "activity")
        _in_order(r, rel, at, approval.from_, approval.to)  # its unit, body and length: structure.py
        crossterms.approval_changes(r, rel, at, approval)

    rel = layout.ADMISSION_TEXTS
    texts = pack.texts
    for base, allowed in ADMISSION_PLACEHOLDERS.items():
        template: Any = texts
        for part in base:
            template = getattr(template, part)
        if template is None:  # an optional text the pack leaves out
            continue
        if isinstance(template, str):
            known_placeholders(r, rel, base, template, allowed)
        else:
            known_placeholders(r, rel, base + ("text",), template.text, allowed)
            known_placeholders(r, rel, base + ("basis",), template.basis, allowed)
    words = pack.files[layout.DISPATCH_RULES].duration_words
    for key, allowed in DURATION_WORDS.items():
        known_placeholders(r, layout.DISPATCH_RULES, ("duration_words", key), getattr(words, key), allowed)


def _events(pack: Pack, r: Report) -> None:
    f = pack.files
    rel = layout.GRADING_RULES
    _unique(r, rel, ("grades",), [g.id for g in pack.grades], "grade", "id")
    rel = layout.EVENT_TYPES
    types = f[rel]
    _unique(r, rel, ("types",), [kind.code for kind in types.types], "event type", "code")
    prefixes = {c.prefix for c in types.categories}
    for i, kind in enumerate(types.types):
        at = ("types", i)
        _known(r, rel, at + ("level",), kind.level, pack.level_rank, "level")
        _known(r, rel, at + ("grade",), kind.grade, pack.grade_rank, "grade")
        _each_known(r, rel, at + ("owners",), kind.owners, pack.departments, "department")
        if prefixes and not any(kind.code.startswith(p) for p in prefixes):
            r(rel, at + ("code",), t("pack.code_prefix", code=kind.code, prefixes=", ".join(sorted(prefixes))))
    rel = layout.DISPATCH_RULES
    _unique(r, rel, ("whistle_kinds",), [w.id for w in pack.whistle_kinds], "whistle kind", "id")


def _calendars(pack: Pack, r: Report) -> None:
    for rel, model in sorted(pack.files.items()):
        if not layout.is_calendar(rel):
            continue
        stem = rel.rsplit("/", 1)[-1].split(".")[0]
        if str(model.year) != stem:
            r(rel, ("year",), t("pack.calendar_year", year=model.year, stem=stem))
        off: dict[date, str] = {}
        makeup: dict[date, str] = {}
        for i, holiday in enumerate(model.holidays):
            span = holiday.days_off
            end = span.to or span.from_
            if not _in_order(r, rel, ("holidays", i, "days_off"), span.from_, span.to):
                continue
            for j, day in enumerate((span.from_, end)):
                if day.year != model.year:
                    r(rel, ("holidays", i, "days_off", "from" if j == 0 else "to"), t("pack.day_not_in_year", day=day, year=model.year))
            day = span.from_
            while day <= end:
                if day in off:
                    r(rel, ("holidays", i, "days_off"), t("pack.day_off_twice", day=day, holiday=off[day]))
                off[day] = holiday.name
                day += timedelta(days=1)
            for j, day in enumerate(holiday.makeup_workdays):
                if day.year != model.year:
                    r(rel, ("holidays", i, "makeup_workdays", j), t("pack.day_not_in_year", day=day, year=model.year))
                if day in makeup:
                    r(rel, ("holidays", i, "makeup_workdays", j), t("pack.makeup_twice", day=day, holiday=makeup[day]))
                makeup[day] = holiday.name
        for i, holiday in enumerate(model.holidays):
            for j, day in enumerate(holiday.makeup_workdays):
                if day in off:
                    r(rel, ("holidays", i, "makeup_workdays", j), t("pack.off_and_makeup", day=day, holiday=off[day]))


def _rules(pack: Pack, r: Report) -> None:
    seen: dict[str, str] = {}
    whistles = {w.id for w in pack.whistle_kinds}
    for rel in RULE_FILES:
        model = pack.files[rel]
        stage_name = model.stage
        allowed = stages_of(rel)
        if stage_name not in allowed:
            r(rel, ("stage",), t("pack.stage_file", stage=stage_name, file=rel, allowed=", ".join(allowed)),
              suggest(stage_name, allowed))
            continue
        stage = STAGES[stage_name]
        flags = pack.flags_of(stage.decision)
        allowed_text = EVENT_PLACEHOLDERS if stage.decision == "event" else TASK_PLACEHOLDERS
        for i, rule in enumerate(model.rules):
            at = ("rules", i)
            if rule.id in seen:
                r(rel, at + ("id",), t("pack.duplicate_rule", id=rule.id, other=seen[rule.id]))
            seen[rule.id] = rel
            if rule.id.startswith(GENERATED_PREFIXES):
                r(rel, at + ("id",), t("pack.generated_prefix", prefixes=", ".join(GENERATED_PREFIXES)))
            effects = {name for name in ("grade", "grade_step", "level", "level_step_from_last",
                                          "deadlines", "direct_report", "whistle", "flag", "states")
                       if getattr(rule, name) is not None}
            if not effects:
                r(rel, at, t("pack.no_effect"))
            for name in sorted(effects - stage.effects):
                r(rel, at + (name,), t("pack.effect_stage", name=name, stage=stage_name, allowed=", ".join(sorted(stage.effects))))
            if rule.grade is not None and rule.grade not in pack.grade_rank and rule.grade not in GRADE_SOURCES:
                r(rel, at + ("grade",), t("pack.unknown", what=noun("grade"), value=rule.grade), suggest(rule.grade, list(pack.grade_rank) + list(GRADE_SOURCES)))
            if rule.grade is not None and rule.grade_step is not None:
                r(rel, at, t("pack.one_of_two", first="grade", second="grade_step"))
            if rule.level is not None and rule.level not in pack.level_rank and rule.level not in LEVEL_SOURCES:
                r(rel, at + ("level",), t("pack.unknown", what=noun("level"), value=rule.level), suggest(rule.level, list(pack.level_rank) + list(LEVEL_SOURCES)))
            if rule.level is not None and rule.level_step_from_last is not None:
                r(rel, at, t("pack.one_of_two", first="level", second="level_step_from_last"))
            if rule.level_step_from_last is not None:
                uses = fields_used(pack.conditions.get(rule.id) or Always())
                if "last_outcome" not in uses and "last_level" not in uses:
                    r(rel, at + ("when",), t("pack.escalation_test"))
            for j, level in enumerate(rule.direct_report or []):
                _known(r, rel, at + ("direct_report", j), level, pack.level_rank, "level")
            if rule.whistle is not None:
                _known(r, rel, at + ("whistle",), rule.whistle, whistles, "whistle kind")
            if rule.flag is not None:
                _known(r, rel, at + ("flag",), rule.flag, flags, f"{stage.decision} flag")
            if rule.states is not None:
                _known(r, rel, at + ("states",), rule.states, STATEMENTS, "statement")
            known_placeholders(r, rel, at + ("text",), rule.text, allowed_text)
            known_placeholders(r, rel, at + ("basis",), rule.basis, allowed_text)


def _review(pack: Pack, r: Report) -> None:
    rel = layout.REVIEW_TEXTS
    texts = pack.files[rel]
    for section, table in (("findings", FINDING_PLACEHOLDERS), ("temporary", TEMPORARY_PLACEHOLDERS)):
        holder = getattr(texts, section)
        for key, allowed in table.items():
            rule = getattr(holder, key)
            if rule is None:  # an optional finding the pack leaves out
                continue
            for part in ("text", "basis", "hint"):
                template = getattr(rule, part)
                if template is not None:
                    known_placeholders(r, rel, (section, key, part), template, allowed)
    known_placeholders(r, rel, ("item_basis",), texts.item_basis, ITEM_BASIS_PLACEHOLDERS)
    fields = _application_paths()
    for name in texts.field_names:
        if name not in fields:
            r(rel, ("field_names", name), t("pack.unknown_app_field", name=name), suggest(name, fields), at_key=True)


def _application_paths() -> set[str]:
    """``item``, ``training``, ``training.owner``, …: every field path of an application."""
    return set(Application.model_fields) | {f"training.{n}" for n in ApplicationTraining.model_fields}


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _history(pack: Pack, r: Report) -> None:
    rel = layout.HISTORY
    changes = pack.history.changes
    for i, change in enumerate(changes):
        if change.seq != i + 1:
            r(rel, ("changes", i, "seq"), t("pack.seq", expected=i + 1, found=change.seq))
        if _version_key(change.version) <= _version_key(change.previous_version):
            r(rel, ("changes", i, "version"), t("pack.version_not_after", version=change.version, previous=change.previous_version))
        if i and change.previous_version != changes[i - 1].version:
            r(rel, ("changes", i, "previous_version"),
              t("pack.previous_version", previous=change.previous_version, n=i, produced=changes[i - 1].version))
    if changes and _version_key(pack.manifest.version) < _version_key(changes[-1].version):
        r(layout.MANIFEST, ("version",),
          t("pack.version_older", version=pack.manifest.version, last=changes[-1].version))
