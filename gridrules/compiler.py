"""Compile a pack into durable_rules rulesets: a pure function, no engine involved.

Every policy statement that can decide or flag becomes a rule:

* each negative-list activity  -> ``negative.<code>``
* each role lacking some grid activity -> ``role.<role>``
* each admission-list item     -> ``item.<id>`` (in each owner's partition)
* each temporary approval      -> ``temporary.<ref>`` (admits) and
  ``temporary.<ref>.wrong_town|expired|not_in_force``; ``temporary.unknown``
  per bucket for references the pack does not hold
* each written rule (grading, levels, deadlines, dispatch, review, oversight)
  -> its own id, from its parsed condition.

Rulesets are partitioned so each decision meets only rules that can match it
(durable_rules' matching is linear in the rules a fact meets, and a node may
not fan out to more than 512 conditions): admission rules by issuing
department (one shared partition for towns), approvals in buckets by a stable
hash of their reference, and one small ruleset per routing stage.  The result
is plain data (``CompiledPack.rulesets``) that ``gridrules compile`` prints.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

from . import dsl
from .dsl import All, Any_, Test
from .facts import TASK_FIELDS, date_number
from .model.lists import AdmissionItem, TemporaryApproval
from .model.rules import Rule
from .pack import Pack

# Engine capacity, not policy: how many generated rules one ruleset may hold
# before a partition is split, and how many approvals share a bucket.
MAX_RULES_PER_RULESET = 200
APPROVALS_PER_BUCKET = 64

TOWN_PARTITION = "admission.town"
OVERSIGHT = "admission.oversight"
ROUTING = {"grading": "routing.grading", "leveling": "routing.leveling", "dispatch": "routing.dispatch"}


@dataclass(frozen=True)
class CompiledRule:
    """What the decision needs to know about a rule when it fires."""

    id: str
    stage: str
    kind: str  # negative | role | item | temporary | temporary_wrong_town | temporary_expired
    #            temporary_not_in_force | temporary_unknown | written
    subject: str | None = None  # the code, role, item or reference the rule is about
    rule: Rule | None = None  # the written rule, for its effects and texts
    condition: Any = None


@dataclass
class CompiledPack:
    rulesets: dict[str, dict] = field(default_factory=dict)
    rules: dict[str, CompiledRule] = field(default_factory=dict)
    # issuing department -> the rulesets its tasks are decided in
    department_partitions: dict[str, list[str]] = field(default_factory=dict)
    approval_buckets: int = 1

    def approval_ruleset(self, ref: str) -> str:
        return f"admission.approvals.{bucket_of(ref, self.approval_buckets)}"

    def issuer_rulesets(self, issued_by: str, department: str) -> list[str]:
        if issued_by == "town":
            return [TOWN_PARTITION]
        return self.department_partitions[department]

    def rule_count(self) -> int:
        return sum(len(r) for r in self.rulesets.values())


def bucket_of(ref: str, buckets: int) -> int:
    return zlib.crc32(ref.encode("utf-8")) % buckets


def _f(name: str):
    return TASK_FIELDS[name]


def _eq(name: str, value: Any) -> Test:
    return Test(_f(name), "eq", value, shown=str(value))


def _cmp(name: str, op: str, value: Any) -> Test:
    return Test(_f(name), op, value, shown=str(value))


def _covers_dates(first_day, last_day) -> list:
    """The task's start, and its end if given, fall within [first_day, last_day]."""
    parts: list = [_cmp("start", "gte", date_number(first_day))]
    if last_day is not None:
        parts.append(_cmp("start", "lte", date_number(last_day)))
        parts.append(Any_((Test(_f("end"), "exists", False), _cmp("end", "lte", date_number(last_day)))))
    return parts


def _in_force(approved_on, withdrawn_on) -> list:
    parts: list = [_cmp("at", "gte", date_number(approved_on))]
    if withdrawn_on is not None:
        parts.append(_cmp("at", "lt", date_number(withdrawn_on)))
    return parts


def _item_condition(item: AdmissionItem, department: str) -> All:
    parts: list = [
        _eq("issued_by", "department"),
        _eq("department", department),
        Test(_f("activities"), "all_in", tuple(item.activities)),
        *_covers_dates(item.effective.from_, item.effective.to),
        *_in_force(item.approval.date, item.withdrawal.date if item.withdrawal else None),
        Any_((Test(_f("list_item"), "exists", False), _eq("list_item", item.id))),
    ]
    if item.towns != "all":
        parts.append(Test(_f("town"), "in", tuple(item.towns)))
    return All(tuple(parts))


def _approval_rules(a: TemporaryApproval) -> list[tuple[str, str, Any]]:
    named = _eq("temporary_approval", a.ref)
    admits = All((
        named,
        _eq("issued_by", "town"),
        _eq("town", a.town),
        Test(_f("activities"), "all_in", tuple(a.activities)),
        *_covers_dates(a.from_, a.to),
        *_in_force(a.decided_on, a.withdrawn_on),
    ))
    wrong_town = All((named, Any_((_eq("issued_by", "department"), _cmp("town", "ne", a.town)))))
    expired = All((named, _cmp("start", "gt", date_number(a.to))))
    not_yet = [_cmp("at", "lt", date_number(a.decided_on))]
    if a.withdrawn_on is not None:
        not_yet.append(_cmp("at", "gte", date_number(a.withdrawn_on)))
    not_in_force = All((named, Any_(tuple(not_yet)) if len(not_yet) > 1 else not_yet[0]))
    return [
        (f"temporary.{a.ref}", "temporary", admits),
        (f"temporary.{a.ref}.wrong_town", "temporary_wrong_town", wrong_town),
        (f"temporary.{a.ref}.expired", "temporary_expired", expired),
        (f"temporary.{a.ref}.not_in_force", "temporary_not_in_force", not_in_force),
    ]


def _definition(rules: list[CompiledRule], stage: str) -> dict:
    return {r.id: {"all": [{"m": dsl.to_durable(r.condition, stage)}]} for r in rules}


def _chunks(rules: list, size: int) -> list[list]:
    return [rules[i:i + size] for i in range(0, len(rules), size)] or [[]]


def compile_pack(pack: Pack) -> CompiledPack:
    out = CompiledPack()

    def keep(rule: CompiledRule) -> CompiledRule:
        out.rules.setdefault(rule.id, rule)  # metadata per id (an item's first owner's copy)
        return rule

    # --- admission: rules every task meets (negative list, role powers) ---------
    common: list[CompiledRule] = []
    for entry in pack.negative:
        if entry.activity:
            cond = Test(_f("activities"), "includes", (entry.activity,))
            common.append(keep(CompiledRule(f"negative.{entry.code}", "admission", "negative", entry.code, None, cond)))
    grid_activities = list(pack.activities)
    for role in pack.roles.values():
        beyond = tuple(a for a in grid_activities if a not in role.activities)
        if beyond:
            cond = All((_eq("assignee", role.id), Test(_f("activities"), "includes", beyond)))
            common.append(keep(CompiledRule(f"role.{role.id}", "admission", "role", role.id, None, cond)))

    out.rulesets[TOWN_PARTITION] = _definition(common, "admission")

    # --- admission: each department's items, in its own partition ----------------
    for department in pack.departments:
        # an item is compiled into each owner's partition, with that owner in its condition
        items = [
            keep(CompiledRule(f"item.{i.id}", "admission", "item", i.id, None, _item_condition(i, department)))
            for i in pack.items
            if department in i.owners
        ]
        names = []
        for n, chunk in enumerate(_chunks(items, MAX_RULES_PER_RULESET)):
            name = f"admission.dept.{department}" + (f".{n + 1}" if n else "")
            out.rulesets[name] = _definition((common if n == 0 else []) + chunk, "admission")
            names.append(name)
        out.department_partitions[department] = names

    # --- admission: temporary approvals, in buckets by reference ------------------
    buckets = max(1, -(-len(pack.approvals) // APPROVALS_PER_BUCKET))
    out.approval_buckets = buckets
    grouped: dict[int, list[TemporaryApproval]] = {b: [] for b in range(buckets)}
    for approval in pack.approvals:
        grouped[bucket_of(approval.ref, buckets)].append(approval)
    for b, approvals in grouped.items():
        rules: list[CompiledRule] = []
        for approval in approvals:
            for rule_id, kind, cond in _approval_rules(approval):
                rules.append(keep(CompiledRule(rule_id, "admission", kind, approval.ref, None, cond)))
        known = tuple(a.ref for a in approvals)
        unknown = Test(_f("temporary_approval"), "exists", True)
        if known:
            unknown = All((unknown, Test(_f("temporary_approval"), "not_in", known)))
        rules.append(keep(CompiledRule("temporary.unknown", "admission", "temporary_unknown", None, None, unknown)))
        out.rulesets[f"admission.approvals.{b}"] = _definition(rules, "admission")

    # --- written rules: oversight and the routing stages --------------------------
    for stage, ruleset in (("oversight", OVERSIGHT), *ROUTING.items()):
        written = [
            keep(CompiledRule(r.id, stage, "written", None, r, pack.conditions[r.id]))
            for r in pack.rules_of(stage)
        ]
        out.rulesets[ruleset] = _definition(written, stage)
    return out

