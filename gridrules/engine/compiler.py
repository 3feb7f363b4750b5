"""Compile a pack into durable_rules rulesets: a pure function, no engine involved.

Every policy statement that can decide or flag becomes a rule:

* each negative-list activity  -> ``negative.<code>``
* each role lacking some grid activity -> ``role.<role>``
* each admission-list item     -> ``item.<id>`` (in each owner's partition), and
  ``relay.<id>`` (a town passing on the item it names to its grid workers)
* each temporary approval      -> ``temporary.<ref>`` (admits) and
  ``temporary.<ref>.wrong_town|expired|not_in_force``; ``temporary.unknown``
  per bucket for references the pack does not hold
* each written rule (grading, levels, deadlines, dispatch, review, oversight)
  -> its own id, from its parsed condition.

Rulesets are partitioned so each decision meets few rules (durable_rules'
matching is linear in the rules a fact meets) and no ruleset comes near the C
core's limits (``capacity.py``: rules, ``$or`` paths and distinct tests per
ruleset; a rule that alone exceeds one is refused at load with its ``path:line:col``):

* ``admission.common[.n]``: the negative list and role powers, which every task
  meets, in chunks (``CompiledPack.common``);
* ``admission.items.<department>[.n]``: a department's items in chunks, packed
  by activity set, with an index (department, activity) -> chunks.  An item
  covers a task only if it lists every activity of the task, so a task consults
  only the chunks holding its rarest activity;
* ``admission.relay[.n]``: the items as towns relay them, in chunks, with an index
  item -> chunk (a town's task names its item, so it meets one chunk);
* ``admission.approvals.<b>``: approvals in buckets by a stable hash of their
  reference (a task naming one meets only that bucket);
* one ruleset per written stage (chunked the same way if a pack writes many rules).

The result is plain data (``CompiledPack.rulesets``) that ``gridrules compile`` prints.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

from gridrules.engine.capacity import SPLIT, chunked, split
from gridrules.engine.oversize import generated_beyond_capacity, written_beyond_capacity
from gridrules.lang.durable import to_durable
from gridrules.lang.tree import All, Any_, Test
from gridrules.contract.facts import STAGES, TASK_FIELDS, date_number
from gridrules.errors import PackError, Problem
from gridrules.pack.model.inforce import WITHDRAWN, Segment
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.model.rules import Rule
from gridrules.pack.pack import Pack

# How many approvals share a bucket (a fact names one reference, so it meets only
# that approval's four rules): engine capacity, not policy.
APPROVALS_PER_BUCKET = 64

ADMISSION = STAGES["admission"].ruleset
COMMON = f"{ADMISSION}.common"


@dataclass(frozen=True)
class CompiledRule:
    """What the decision needs to know about a rule when it fires."""

    id: str
    stage: str
    kind: str  # negative | role | item | relay | temporary | temporary_wrong_town | temporary_expired
    #            temporary_not_in_force | temporary_unknown | written
    subject: str | None = None  # the code, role, item or reference the rule is about
    rule: Rule | None = None  # the written rule, for its effects and texts
    condition: Any = None

    @property
    def written(self) -> Rule:
        """The pack's rule behind a ``written`` rule (generated rules have none)."""
        if self.rule is None:
            raise TypeError(f"{self.id} is generated from the lists, not written in the pack")
        return self.rule

    @property
    def about(self) -> str:
        """The code, role, item or reference a generated rule is about."""
        if self.subject is None:
            raise TypeError(f"{self.id} is about no single code, role, item or reference")
        return self.subject


@dataclass
class CompiledPack:
    rulesets: dict[str, dict] = field(default_factory=dict)
    rules: dict[str, CompiledRule] = field(default_factory=dict)
    # (department, activity) -> the item chunks holding that department's items with the
    # activity, smallest activity sets first; (department, item) -> the item's chunk
    item_index: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    item_chunk: dict[tuple[str, str], str] = field(default_factory=dict)
    relay_chunk: dict[str, str] = field(default_factory=dict)  # item -> the chunk of its relay rule
    # chunk -> the fewest activities any of its items lists
    chunk_min_activities: dict[str, int] = field(default_factory=dict)
    # stage -> its ruleset(s), in rule order
    stages: dict[str, list[str]] = field(default_factory=dict)
    # the rulesets every task meets (negative list, role powers), in rule order
    common: list[str] = field(default_factory=list)
    approval_buckets: int = 1

    def approval_ruleset(self, ref: str) -> str:
        return f"{ADMISSION}.approvals.{bucket_of(ref, self.approval_buckets)}"

    def item_chunks(self, department: str, activities: list[str]) -> list[str]:
        """The chunks of a department's items that can cover a task: those holding an
        item with each of its activities (a covering item lists every activity of the
        task), smallest activity sets first -- the order the contract's tie-break prefers."""
        lists = sorted((self.item_index.get((department, activity), []) for activity in activities), key=len)
        if len(lists) < 2 or not lists[0]:
            return lists[0] if lists else []
        rest = [frozenset(chunks) for chunks in lists[1:]]
        return [chunk for chunk in lists[0] if all(chunk in other for other in rest)]

    def rule_count(self) -> int:
        return sum(len(r) for r in self.rulesets.values())


def owners_ever(pack: Pack, item: AdmissionItem) -> set[str]:
    """Every department that owns the item in some version."""
    return {d for v in pack.item_versions[item.id] for d in v.owners}


def activities_ever(pack: Pack, item: AdmissionItem) -> list[str]:
    """Every activity some version of the item lists, in order."""
    return list(dict.fromkeys(a for v in pack.item_versions[item.id] for a in v.activities))


def fewest_activities(pack: Pack, item: AdmissionItem) -> int:
    return min(len(v.activities) for v in pack.item_versions[item.id])


def bucket_of(ref: str, buckets: int) -> int:
    return zlib.crc32(ref.encode("utf-8")) % buckets


def _f(name: str):
    return TASK_FIELDS[name]


def _eq(name: str, value: Any) -> Test:
    return Test(_f(name), "eq", value)


def _cmp(name: str, op: str, value: Any) -> Test:
    return Test(_f(name), op, value)


def _known(seg: Segment) -> list:
    """The check's day ``at`` falls where the segment's reading is the one known."""
    parts: list = [_cmp("at", "gte", date_number(seg.known_from))]
    if seg.known_until is not None:
        parts.append(_cmp("at", "lt", date_number(seg.known_until)))
    return parts


def _within(seg: Segment) -> list:
    """The task's start falls in the segment, and its end (if given) by the segment's end.

    A missing end is 0 in the fact, and 0 <= any last day, so ``end <= last`` is
    exactly "no end, or an end within"; written as an $or it would match through
    both branches (and count twice against the engine's limits)."""
    parts: list = [_cmp("start", "gte", date_number(seg.first))]
    if seg.last is not None:
        parts.append(_cmp("start", "lte", date_number(seg.last)))
    if seg.end_by is not None:
        parts.append(_cmp("end", "lte", date_number(seg.end_by)))
    return parts


def _either(branches: list[All]) -> Any:
    return branches[0] if len(branches) == 1 else Any_(tuple(branches))


def _one_of(name: str, values: frozenset[str] | tuple) -> Test:
    """``name`` is one of ``values`` (eq for one value: the rule reads as it always has)."""
    ordered = tuple(values) if isinstance(values, tuple) else tuple(sorted(values))
    return _eq(name, ordered[0]) if len(ordered) == 1 else _cmp(name, "in", ordered)


def _none_of(name: str, values: frozenset[str]) -> Test:
    ordered = tuple(sorted(values))
    return _cmp(name, "ne", ordered[0]) if len(ordered) == 1 else _cmp(name, "not_in", ordered)


def _item_condition(pack: Pack, item: AdmissionItem, department: str) -> Any:
    """The item covers a department's task: under the version governing the task's start as
    known on the check's day (one branch per ``Segment`` where ``department`` owns it)."""
    versions = pack.item_versions[item.id]
    branches = []
    for seg in item.in_force.segments([v.effective.to for v in versions]):
        terms = versions[seg.version]
        if department not in terms.owners:
            continue
        parts: list = [
            _eq("issued_by", "department"),
            _eq("department", department),
            Test(_f("activities"), "all_in", tuple(terms.activities)),
            *_within(seg),
            *_known(seg),
        ]
        # A task naming an item is decided in that item's chunk only, and only that item
        # may admit it (admission.py): no "list_item absent or this one" $or here, which
        # would count against the engine's match limit.
        if pack.scopes.body_scoped(terms):
            # a body below the top: its items apply within its unit; a task naming no town is
            # judged at its department's home unit, which crossref keeps within the item's
            towns = pack.scopes.item_towns(terms) or frozenset()
            parts.append(Any_((Test(_f("town"), "in", tuple(sorted(towns))), _eq("town", ""))))
        elif terms.towns != "all":
            parts.append(Test(_f("town"), "in", tuple(terms.towns)))
        branches.append(All(tuple(parts)))
    return _either(branches) if branches else None


def _relay_condition(pack: Pack, item: AdmissionItem) -> Any:
    """A town passes on the item it names: under the version governing the task's start as
    known on the check's day, the item covers the task (activities, dates) and the town is in
    the item's scope (policy §8); one branch per ``Segment``."""
    versions = pack.item_versions[item.id]
    branches = []
    for seg in item.in_force.segments([v.effective.to for v in versions]):
        terms = versions[seg.version]
        parts: list = [
            _eq("issued_by", "town"),
            _eq("list_item", item.id),
            Test(_f("activities"), "all_in", tuple(terms.activities)),
            *_within(seg),
            *_known(seg),
        ]
        towns = pack.scopes.item_towns(terms)
        if towns is not None:
            parts.append(Test(_f("town"), "in", tuple(sorted(towns))))
        branches.append(All(tuple(parts)))
    return _either(branches) if branches else None


def _approval_rules(pack: Pack, a: TemporaryApproval) -> list[tuple[str, str, Any]]:
    named = _eq("temporary_approval", a.ref)
    in_force = a.in_force
    towns, departments = pack.scopes.approval_users(a)
    # who may rely on it: a town within its unit, and/or a department at home there (for a
    # task in a town within it, or naming none)
    by_town = All((_eq("issued_by", "town"), _one_of("town", towns))) if towns else None
    within = pack.tree.towns_within(a.unit) | {""}
    by_department = (All((_eq("issued_by", "department"), _one_of("department", departments),
                          _one_of("town", within))) if departments else None)
    users = [u for u in (by_town, by_department) if u is not None]
    wrong: Any_ | Test
    if len(users) == 1 and by_town is not None:
        issuer: tuple = by_town.parts
        wrong = Any_((_eq("issued_by", "department"), _none_of("town", towns)))
    elif len(users) == 1 and by_department is not None:
        issuer = by_department.parts
        wrong = Any_((_eq("issued_by", "town"), _none_of("department", departments), _none_of("town", within)))
    else:
        # nobody within its unit may use it: it admits nothing (a task cannot be issued by both)
        issuer = (Any_(tuple(users)),) if users else (_eq("issued_by", "town"), _eq("issued_by", "department"))
        wrong = Any_((All((_eq("issued_by", "town"), _none_of("town", towns))),
                      All((_eq("issued_by", "department"), Any_((_none_of("department", departments),
                                                                 _none_of("town", within))))))) if users \
            else _eq("temporary_approval", a.ref)
    admits = _either([All((
        named,
        *issuer,
        Test(_f("activities"), "all_in", tuple(a.activities)),
        *_within(seg),
        *_known(seg),
    )) for seg in in_force.segments([a.to])])
    wrong_town = All((named, wrong))
    # ended before the task starts: past its last day, or (a withdrawal known at the check) on
    # or after the withdrawal's effective day W, the approval's last day being W - 1 (policy §8)
    ended: list = [_cmp("start", "gt", date_number(a.to))]
    withdrawn = next((c for c in in_force.changes if c.version == WITHDRAWN), None)
    if withdrawn is not None:
        ended.append(All((_cmp("at", "gte", date_number(withdrawn.decided)),
                          _cmp("start", "gte", date_number(withdrawn.effective)))))
    expired = All((named, Any_(tuple(ended)) if len(ended) > 1 else ended[0]))
    # not yet decided on the check's day: as known then, there is no such approval
    not_in_force = All((named, _cmp("at", "lt", date_number(in_force.since))))
    return [
        (f"temporary.{a.ref}", "temporary", admits),
        (f"temporary.{a.ref}.wrong_town", "temporary_wrong_town", wrong_town),
        (f"temporary.{a.ref}.expired", "temporary_expired", expired),
        (f"temporary.{a.ref}.not_in_force", "temporary_not_in_force", not_in_force),
    ]


def _definition(rules: list[CompiledRule], stage: str) -> dict:
    # translated again after chunking measured it: keeping the measured translation instead
    # saved ~0.1 s at 10,000 items but raised lint's peak RSS by 20-45 MB
    # a rule with more $and/$or than the engine takes is given to it as several, one name
    # (``capacity.split``; the adapter reads a part's firing as the rule's)
    out = {}
    for r in rules:
        for n, part in enumerate(split(to_durable(r.condition, stage))):
            out[f"{r.id}{SPLIT}{n + 1}" if n else r.id] = {"all": [{"m": part}]}
    return out


def _names(base: str, count: int) -> list[str]:
    return [base + (f".{n + 1}" if n else "") for n in range(count)]


def compile_pack(pack: Pack) -> CompiledPack:
    """The rulesets of ``pack``; ``PackError`` (located at the rule) if the engine
    could not hold them."""
    out = CompiledPack()
    problems: list[Problem] = []

    def keep(rule: CompiledRule) -> CompiledRule:
        out.rules.setdefault(rule.id, rule)  # metadata per id (an item's first owner's copy)
        return rule

    # --- admission: rules every task meets (negative list, role powers) ---------
    common: list[CompiledRule] = []
    for entry in pack.negative:
        if entry.activity:
            cond: Test | All = Test(_f("activities"), "includes", (entry.activity,))
            common.append(keep(CompiledRule(f"negative.{entry.code}", "admission", "negative", entry.code, None, cond)))
    grid_activities = list(pack.activities)
    for role in pack.roles.values():
        beyond = tuple(a for a in grid_activities if a not in role.activities)
        if beyond:
            cond = All((_eq("assignee", role.id), Test(_f("activities"), "includes", beyond)))
            common.append(keep(CompiledRule(f"role.{role.id}", "admission", "role", role.id, None, cond)))
    chunks = chunked(common)
    out.common = _names(COMMON, len(chunks))
    for name, chunk in zip(out.common, chunks):
        out.rulesets[name] = _definition(chunk, "admission")

    # --- admission: each department's items, in chunks packed by activity set -----
    # smallest activity sets first (the tie-break's first preference), like sets together,
    # so a task meets few chunks and can stop early
    in_order = sorted(pack.items, key=lambda i: (fewest_activities(pack, i), sorted(i.activities), i.id))
    by_owner: dict[str, list[AdmissionItem]] = {}
    for i in in_order:
        for owner in owners_ever(pack, i):
            by_owner.setdefault(owner, []).append(i)
    for department in pack.departments:
        # an item is compiled for each of its owners, with that owner in its condition
        owned = by_owner.get(department, [])
        conditions = [(i, _item_condition(pack, i, department)) for i in owned]
        rules = [keep(CompiledRule(f"item.{i.id}", "admission", "item", i.id, None, cond))
                 for i, cond in conditions if cond is not None]
        chunks = chunked(rules) if rules else []
        for name, chunk in zip(_names(f"{ADMISSION}.items.{department}", len(chunks)), chunks):
            out.rulesets[name] = _definition(chunk, "admission")
            out.chunk_min_activities[name] = min(fewest_activities(pack, pack.items_by_id[r.about]) for r in chunk)
            for rule in chunk:
                out.item_chunk[(department, rule.about)] = name
                for activity in activities_ever(pack, pack.items_by_id[rule.about]):
                    names = out.item_index.setdefault((department, activity), [])
                    if name not in names:
                        names.append(name)

    # --- admission: the items as towns relay them -----------------------------------
    # like activity sets together, as for a department's items (the engine shares their tests)
    relayed = [(i, _relay_condition(pack, i)) for i in in_order]
    relays = [keep(CompiledRule(f"relay.{i.id}", "admission", "relay", i.id, None, cond))
              for i, cond in relayed if cond is not None]
    chunks = chunked(relays) if relays else []
    for name, chunk in zip(_names(f"{ADMISSION}.relay", len(chunks)), chunks):
        out.rulesets[name] = _definition(chunk, "admission")
        out.relay_chunk.update((rule.about, name) for rule in chunk)

    # --- admission: temporary approvals, in buckets by reference ------------------
    buckets = max(1, -(-len(pack.approvals) // APPROVALS_PER_BUCKET))
    out.approval_buckets = buckets
    grouped: dict[int, list[TemporaryApproval]] = {b: [] for b in range(buckets)}
    for approval in pack.approvals:
        grouped[bucket_of(approval.ref, buckets)].append(approval)
    for b, approvals in grouped.items():
        bucket: list[CompiledRule] = []
        for approval in approvals:
            for rule_id, kind, cond in _approval_rules(pack, approval):
                bucket.append(keep(CompiledRule(rule_id, "admission", kind, approval.ref, None, cond)))
        known = tuple(a.ref for a in approvals)
        unknown: Test | All = Test(_f("temporary_approval"), "exists", True)
        if known:
            unknown = All((unknown, Test(_f("temporary_approval"), "not_in", known)))
        bucket.append(keep(CompiledRule("temporary.unknown", "admission", "temporary_unknown", None, None, unknown)))
        out.rulesets[f"{ADMISSION}.approvals.{b}"] = _definition(bucket, "admission")

    # --- written rules: oversight and the routing stages --------------------------
    for stage in (s for s in STAGES.values() if s.written):
        written = [
            keep(CompiledRule(r.id, stage.name, "written", None, r, pack.conditions[r.id]))
            for r in pack.rules_of(stage.name)
        ]
        problems.extend(written_beyond_capacity(pack, written))
        chunks = chunked(written)
        names = _names(stage.ruleset, len(chunks))
        for name, chunk in zip(names, chunks):
            out.rulesets[name] = _definition(chunk, stage.name)
        out.stages[stage.name] = names
    problems.extend(generated_beyond_capacity(pack, out.rules.values()))
    if problems:
        raise PackError(problems)
    return out
