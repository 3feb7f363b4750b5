"""Task admission: may this work go to grid workers?

The engine decides which of the pack's rules hold for the task (stage
``admission``: negative list, role powers, items, approvals; then stage
``oversight`` once the verdict is known).  This module gathers the facts and
assembles the decision the contract describes: the verdict is the first that
applies (forbidden, admitted, temporary, needs_application), the flags are
those the fired rules raise plus the contract's findings, and every reason
names its rule, a Chinese sentence and the clause it rests on.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Mapping, NamedTuple

from gridrules.catalogue import chinese
from gridrules.lang.render import render
from gridrules.contract.documents import PackRef, Reason, TaskDecision, TaskInput, construct
from gridrules.contract.placeholders import ADMISSION, TASK
from gridrules.decide.admission_texts import ADMISSION_FILLERS, TASK_FILLERS, Made, inputs
from gridrules.decide.effects import in_order, ranks
from gridrules.decide.facts import engine_hours, oversight_fact, task_fact
from gridrules.decide.workload import Workload
from gridrules.decide.texts import Reasons, Template
from gridrules.engine.adapter import Engine
from gridrules.engine.compiler import CompiledPack, CompiledRule, activities_ever
from gridrules.pack.model.inforce import WITHDRAWN
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.pack import Pack
from gridrules.pack.screening import Hit

_CODE = re.compile(r"^([A-Z]+)([0-9]+)$")
GOVERNED_LIMIT = 10_000


class Cover(NamedTuple):
    """An item that covers a department's task except for its dates (the subject of that reason):
    ``pending`` -- approved, taking effect on ``day``, after the task's start (待生效); ``ends`` --
    in effect on the task's start, its last day ``day`` before the task's end."""

    kind: str
    item: str
    name: str
    day: date


class Governed(NamedTuple):
    """What the oversight step reads of the item a task is governed by (one per reading of it)."""

    item: AdmissionItem | None  # the reading itself (kept: it is the cache's key by identity)
    id: str
    risk: str  # its level's id
    safeguard: str | None
    subsidy: float  # as the engine reads it (a float always: one answer class for 0 and 0.0)
    delivered: date | None  # its training's
    known_from: date | None  # the day that delivery was recorded (None: as written, known all along)
    # what an admitting item's decision states (read once: a model's attribute reads are slow)
    stated_subsidy: float | None
    training_owner: str | None
    owners: tuple[str, ...]
    # the same, made once as the entries they are written as (never changed: merged, not kept):
    facts: Mapping[str, Any]  # the oversight fact's governing_item, risk and subsidy
    admitting: Mapping[str, Any]  # the decision's five fields when it admits the task (accountable: its own list, after)
    naming: Mapping[str, Any]  # the same when it only names it: its risk and safeguard alone


def _make_governed(item: AdmissionItem | None, code: str, risk: str, safeguard: str | None, subsidy: float,
                   delivered: date | None, known_from: date | None, stated_subsidy: float | None,
                   training_owner: str | None, owners: tuple[str, ...]) -> Governed:
    """A ``Governed``, with the entries its fields are written as made from them."""
    facts = {"governing_item": code, "risk": risk, "subsidy": subsidy}
    naming = {"subsidy": None, "training_owner": None, "accountable": None, "risk": risk or None, "safeguard": safeguard}
    admitting = dict(naming, subsidy=stated_subsidy, training_owner=training_owner)
    return Governed(item, code, risk, safeguard, subsidy, delivered, known_from, stated_subsidy, training_owner, owners,
                    facts, admitting, naming)


UNGOVERNED = _make_governed(None, "", "", None, 0.0, None, None, None, None, ())  # a task no item governs: no risk, subsidy or training
TEMPORARY_FINDINGS = {
    "temporary_unknown": "temporary_unknown",
    "temporary_not_in_force": "temporary_unknown",
    "temporary_wrong_town": "temporary_wrong_town",
    "temporary_expired": "temporary_expired",
}


def code_order(code: str) -> tuple:
    """``L9`` before ``L10``: letters, then the number."""
    m = _CODE.match(code)
    return (m.group(1), int(m.group(2))) if m else (code, 0)


class Admission:
    def __init__(self, pack: Pack, compiled: CompiledPack, engine: Engine, pack_ref: PackRef):
        self.pack = pack
        self.compiled = compiled
        self.engine = engine
        self.pack_ref = pack_ref
        self.workload = Workload(pack)
        self.flag_order = ranks(pack.flags_of("task"))
        self.own_facts = pack.facts_of("task")
        self.own_limits = {r.id: r.own_hours_limit for r in pack.roles.values()}
        # a town's relay is asked only when some version of the item lists every activity
        self.item_activities = {i.id: frozenset(activities_ever(pack, i)) for i in pack.items}
        # the items some reading of which has a last day (an end date or a withdrawal): only these
        # can end before a task does (a pack whose items are open-ended asks nothing more)
        self.ending = tuple(i for i in pack.items if i.withdrawal is not None
                            or any(v.effective.to is not None for v in pack.item_versions[i.id]))
        self._governed: dict[int, Governed] = {}
        self.rendered = {r.id: render(r.condition, pack) for r in compiled.rules.values() if r.kind == "written"}
        self.task_texts = Reasons(self, TASK, TASK_FILLERS, inputs(TASK))
        self.texts = Reasons(self, ADMISSION, ADMISSION_FILLERS, inputs(ADMISSION))
        # the template of each kind of generated rule and finding (admission/rules.yaml)
        self.templates: dict[str, Template] = {}
        for key, value in pack.texts:
            if hasattr(value, "basis"):
                self.templates[key] = self.texts.template(value.text, value.basis)
        steps = pack.texts.next_steps
        self.steps = {key: self.texts.template(getattr(steps, key), "")
                      for key in ("remove_forbidden", "reassign", "apply", "study", "registration")}

    # --- the engine's part ------------------------------------------------------
    def fired(self, task: TaskInput, fact: dict, on: date) -> list[CompiledRule]:
        names: list[str] = []
        for ruleset in self.compiled.common:
            names.extend(self.engine.fire(ruleset, fact))
        if task.issued_by == "department":
            names.extend(self._covering(task, fact, on))
        elif task.list_item and self.item_activities.get(task.list_item, frozenset()).issuperset(task.activities):
            # a town relays the item it names: asked only when the item lists every activity (its
            # rule requires that first, like the index of a department's chunks)
            chunk = self.compiled.relay_chunk.get(task.list_item)
            if chunk is not None:
                names.extend(self.engine.fire(chunk, fact))
        if task.temporary_approval:
            names.extend(self.engine.fire(self.compiled.approval_ruleset(task.temporary_approval), fact))
        return [self.compiled.rules[n] for n in names]

    def _covering(self, task: TaskInput, fact: dict, on: date) -> list[str]:
        """The item rules that hold for a department's task.

        A named item is asked in its own chunk, and only it may admit the task.
        Otherwise the chunks are asked smallest activity sets first, and asking stops
        once no later chunk can beat the best covering item found (it would list more
        activities beyond the task's: the tie-break's first preference)."""
        compiled, engine = self.compiled, self.engine
        if task.list_item:
            chunk = compiled.item_chunk.get((task.department, task.list_item))
            wanted = f"item.{task.list_item}"
            return [n for n in engine.fire(chunk, fact) if n == wanted] if chunk else []
        found: list[str] = []
        fewest: int | None = None
        for chunk in compiled.item_chunks(task.department, task.activities):
            if fewest is not None and compiled.chunk_min_activities[chunk] > fewest:
                break
            for name in engine.fire(chunk, fact):
                found.append(name)
                size = len(self._terms(self.pack.items_by_id[compiled.rules[name].about], on, task).activities)
                fewest = size if fewest is None else min(fewest, size)
        return found

    # --- assembling the decision ---------------------------------------------------
    def decide(self, task: TaskInput, at: datetime) -> TaskDecision:
        with self.engine.session():  # one lock for every stage of this decision
            return self._decide(task, at)

    def _decide(self, task: TaskInput, at: datetime) -> TaskDecision:
        pack = self.pack
        on = at.astimezone(pack.tz).date()
        fact = task_fact(task, on, self.own_facts)
        made = Made(task, on)
        by_kind: dict[str, list[CompiledRule]] = {}
        for rule in self.fired(task, fact, on):
            by_kind.setdefault(rule.kind, []).append(rule)

        forbidding = by_kind.get("negative", []) + by_kind.get("role", [])
        relayed = None if forbidding else next(iter(by_kind.get("relay", [])), None)
        item = None if forbidding else (self._terms(pack.items_by_id[relayed.about], on, task) if relayed
                                        else self._winner(task, by_kind.get("item", []), on))
        admits = None if forbidding or item else next(iter(by_kind.get("temporary", [])), None)
        approval = pack.approvals_by_ref[admits.about] if admits else None
        if forbidding:
            verdict = "forbidden"
        elif item:
            verdict = "admitted"
        elif approval:
            verdict = "temporary"
        else:
            verdict = "needs_application"

        flags: set[str] = set()
        reasons: list[Reason] = []
        if by_kind.get("negative"):
            flags.add("forbidden_activity")
        if by_kind.get("role"):
            flags.add("beyond_role_power")
        for rule in forbidding:
            reasons.append(self._reason(rule, made))
        if item is not None:
            rule = relayed or self.compiled.rules[f"item.{item.id}"]
            reasons.append(self.texts.reason(rule.id, self.templates[rule.kind], made,
                                             self.pack.terms_at(self.pack.items_by_id[item.id], on, task.start)))
        if admits is not None:
            reasons.append(self._reason(admits, made))
        otherwise: Cover | str | None = None  # an item covering it but for its dates, or the step to name another
        if verdict != "forbidden":
            self._list_and_temporary_findings(made, by_kind, item, admits, flags, reasons)
            if verdict == "needs_application":
                flags.add("unlisted")
                if task.issued_by == "department" and pack.external_issuer(task.department) is None:
                    otherwise = self._covered_otherwise(made, flags)
                key = f"unlisted_{otherwise.kind}" if isinstance(otherwise, Cover) else ""
                if key in self.templates:  # why it is not admitted all the same: the item and its day
                    reasons.append(self._finding(key, made, otherwise))
                else:
                    reasons.append(self._finding(f"unlisted_{task.issued_by}", made))
        given = task.__dict__  # its fields as a mapping: a model's attribute reads take ~4x a plain read
        # most tasks repeat a title (and give no description): what was found is looked up here,
        # without the call (``Screening.remembered``: its ``hits``' memo)
        texts = (given["title"], given["description"])
        hits = pack.screening.remembered.get(texts)
        if hits is None:
            hits = pack.screening.hits(*texts)
        if hits:
            self._screen(made, hits, flags, reasons)

        list_item = given["list_item"]
        named = pack.items_by_id.get(list_item) if list_item and item is None else None
        named = pack.known_terms(named, on, given["start"]) if named is not None else None  # read only without item
        # whose risk the task carries (by the terms in effect on its start): what it reads of the item, remembered
        reading = item or named
        governing = UNGOVERNED if reading is None else self._governed.get(id(reading))
        if governing is None or governing.item is not reading:
            governing = self._governing(reading)
        oversight = self._oversight(fact, task, verdict, on, item, approval, governing)
        written = made._replace(fact=oversight, judged_town=None if given["town"] else oversight["workload_town"])
        for name in (n for ruleset in self.compiled.stages["oversight"] for n in self.engine.fire(ruleset, oversight)):
            rule = self.compiled.rules[name]
            if rule.rule and rule.written.flag:
                flags.add(rule.written.flag)
            template = self.task_texts.template(rule.written.text, rule.written.basis)
            reasons.append(self.task_texts.reason(rule.id, template, written, rule.id))

        # the fields as one dict display, not as keywords to ``build``: with issue 16's five fields a
        # decision has seventeen, and a call passing sixteen or more keywords costs ~2.5x the display
        # (1.0 against 0.4 µs on CPython 3.11; ~10,000 instructions a task under cachegrind)
        return construct(TaskDecision, {
            "task": task.id,
            "verdict": verdict,
            "list_item": item.id if item else None,
            "duty": item.duty if item else (named.duty if named else None),
            "temporary_approval": approval.ref if approval else None,
            "valid_until": item.effective.to if item else (pack.approval_last_day(approval, on) if approval else None),
            "responsible_level": self._responsible(task, verdict),
            "flags": in_order(flags, self.flag_order),
            "reasons": reasons,
            "pack": self.pack_ref,
            "at": at,
            "next_steps": self._next_steps(made, verdict, flags, otherwise),
            # subsidy, training_owner, accountable, risk, safeguard: governing is the item's when there is one
            **(governing.admitting if item else governing.naming),
            "accountable": list(governing.owners) if item else [],  # its own list, in its place among the five
        })

    def _governing(self, item: AdmissionItem | None) -> Governed:
        """What oversight reads of ``item`` (a reading of it: the pack keeps each), worked out once."""
        if item is None:
            return UNGOVERNED
        found = self._governed.get(id(item))
        if found is None or found.item is not item:
            if len(self._governed) >= GOVERNED_LIMIT:
                self._governed.clear()
            risk, safeguard = self.pack.item_risk(item)
            recorded = self.pack.training_records(item)
            found = self._governed[id(item)] = _make_governed(
                item, item.id, risk, safeguard, engine_hours(float(item.subsidy or 0)),
                item.training.delivered_on if item.training else None, recorded[-1].known_on if recorded else None,
                item.subsidy, item.training.owner if item.training else None, tuple(item.owners))
        return found

    def _oversight(self, fact: dict, task: TaskInput, verdict: str, on, item: AdmissionItem | None,
                   approval: TemporaryApproval | None, governing: Governed) -> dict:
        """The oversight fact: the workload the task brings (policy §8: by town, and by role),
        and the governing item's risk, subsidy and training."""
        given = task.__dict__  # its fields as a mapping: a model's attribute reads take ~4x a plain read
        delivered = governing.delivered
        if governing.known_from is not None and on < governing.known_from:  # recorded after this check's day
            assert governing.item is not None  # only an item's training is recorded
            delivered = self.pack.delivered_as_known(governing.item, on)
        return oversight_fact(fact, verdict, self.workload.listed(on, task), given["hours_per_month"],
                              item.hours_per_month if item is not None else (
                                  (approval.hours_per_month or 0) if approval is not None else None),
                              self.own_limits[given["assignee"]], governing.facts,
                              (given["start"] - delivered).days if delivered else -1)

    def _screen(self, made: Made, hits: tuple[Hit, ...], flags: set[str], reasons: list[Reason]) -> None:
        """Disguised work: the negative list's tell-tale words found in the title or description
        (``hits``; advisory, whatever the verdict; it never changes the verdict)."""
        flags.add("suspected_negative")
        for hit in hits:
            reasons.append(self.texts.reason(f"screening.{hit.code}", self.templates["suspected_negative"],
                                             made._replace(screened=hit.word), hit.code))

    def _terms(self, item: AdmissionItem, on: date, task: TaskInput) -> AdmissionItem:
        """The item as it reads for ``task``: the engine fired its rule, so some version governs."""
        view = self.pack.item_terms(item, on, task.start)
        if view is None:  # pragma: no cover - the rule holds only where a version governs
            raise AssertionError(f"item.{item.id} fired where no version of it governs")
        return view

    def _responsible(self, task: TaskInput, verdict: str) -> str:
        """Who carries the work: the grid when admitted; else the issuer's own level -- a
        department with a home unit, that unit's level; otherwise its kind of issuer's."""
        levels = self.pack.admission_policy.responsible_level
        if verdict in ("admitted", "temporary"):
            return levels.admitted
        if self.pack.external_issuer(task.department) is not None:
            return levels.external or levels.department
        department = self.pack.departments.get(task.department) if task.issued_by == "department" else None
        if department is not None and department.unit is not None:
            return self.pack.level_of_unit(department.unit) or levels.department
        return getattr(levels, task.issued_by)

    def _winner(self, task: TaskInput, covering: list[CompiledRule], on: date) -> AdmissionItem | None:
        """Fewest activities beyond the task's, then the department earliest among the owners, then the lowest code
        (each by the item's terms in effect on the task's start): the item as it reads then."""
        if not covering:
            return None
        items = [self._terms(self.pack.items_by_id[r.about], on, task) for r in covering]  # a department's: it owns each
        return min(items, key=lambda i: self._preference(task, i))

    def _list_and_temporary_findings(self, made: Made, by_kind, item, admits, flags, reasons) -> None:
        task = made.task
        if task.list_item and (item is None or item.id != task.list_item):
            flags.add("list_item_mismatch")
            reasons.append(self._finding("list_item_mismatch", made._replace(explaining="list_item_mismatch")))
        if not task.temporary_approval:
            return
        findings = [r for kind in TEMPORARY_FINDINGS for r in by_kind.get(kind, [])]
        for rule in findings:
            flags.add(TEMPORARY_FINDINGS[rule.kind])
            if rule.kind == "temporary_expired" and self._ended_by_withdrawal(rule.about, made.on):
                reasons.append(self.texts.reason(rule.id, self.templates["temporary_withdrawn"], made, rule.subject))
            else:
                reasons.append(self._reason(rule, made))
        if not findings and not by_kind.get("temporary"):
            flags.add("temporary_mismatch")
            reasons.append(self._finding("temporary_mismatch", made._replace(explaining="temporary_mismatch"),
                                         task.temporary_approval))

    def _ended_by_withdrawal(self, ref: str, on: date) -> bool:
        """Approval ``ref`` ends before its own last day by a withdrawal known on ``on`` (and the pack
        says so in its own words: ``temporary_withdrawn``)."""
        approval = self.pack.approvals_by_ref[ref]
        withdrawn = approval.in_force.withdrawn_from(on)
        return withdrawn is not None and withdrawn <= approval.to and "temporary_withdrawn" in self.templates

    # --- texts -----------------------------------------------------------------------
    def _reason(self, rule: CompiledRule, made: Made) -> Reason:
        """A generated rule's reason: its kind's template, filled from the list entry the
        rule was generated from (its subject) and the task."""
        return self.texts.reason(rule.id, self.templates[rule.kind], made, rule.subject)

    def _finding(self, key: str, made: Made, subject: "str | Cover | None" = None) -> Reason:
        return self.texts.reason(f"admission.{key}", self.templates[key], made, subject)

    def _next_steps(self, made: Made, verdict: str, flags: set[str], otherwise: "Cover | str | None") -> list[str]:
        task, pack, steps = made.task, self.pack, []
        if verdict == "forbidden":
            if any(a in pack.negative_by_activity for a in task.activities):
                steps.append(self._step("remove_forbidden", made))
            if "beyond_role_power" in flags:
                steps.append(self._step("reassign", made, task.assignee))
        elif verdict == "needs_application":
            if pack.external_issuer(task.department) is not None:
                steps.append(self._step("registration", made))
            elif isinstance(otherwise, str):  # name the item that covers it
                steps.append(otherwise)
            elif otherwise is not None and otherwise.kind == "pending":
                steps.append(chinese("step.pending_item", item=otherwise.item, name=otherwise.name, date=otherwise.day))
            else:
                if otherwise is not None:  # ends before the task: end it by then, or have the item extended
                    steps.append(chinese("step.item_ends", item=otherwise.item, name=otherwise.name, date=otherwise.day,
                                         end=task.end))
                elif "temporary_mismatch" in flags:  # its approval ends before it does: end it by then
                    steps.extend(self._approval_ends(made))
                steps.append(self._step("apply" if task.issued_by == "department" else "study", made))
        return steps

    def _approval_ends(self, made: Made) -> list[str]:
        """The step for a task its named approval covers but for running past the approval's last day
        (as known at the check): end it by then, as ``step.item_ends`` says of an item; else none."""
        task, on = made.task, made.on
        approval = self.pack.approvals_by_ref.get(task.temporary_approval or "")
        if approval is None or task.end is None:
            return []
        last = self.pack.approval_last_day(approval, on)
        if not task.start <= last < task.end:
            return []
        ask = task.model_copy(update={"end": last})
        fired = self.engine.fire(self.compiled.approval_ruleset(approval.ref), task_fact(ask, on, self.own_facts))
        if f"temporary.{approval.ref}" not in fired:
            return []
        return [chinese("step.approval_ends", date=last, ref=approval.ref, work=approval.work)]

    def _covered_otherwise(self, made: Made, flags: set[str]) -> "Cover | str | None":
        """What is truer than "not listed" for a department's task nothing admits: another item in
        force already covers it (it named the wrong one: the step that says so), an approved item
        covers it from a later day (待生效), or an item in effect on its start covers it but ends
        before the task does (its last day is before the task's end)."""
        task, on = made.task, made.on
        if "list_item_mismatch" in flags:
            plain = task.model_copy(update={"list_item": None})
            found = [self.compiled.rules[n] for n in self._covering(plain, task_fact(plain, on, self.own_facts), on)]
            item = self._winner(plain, found, on)
            if item is not None:
                return chinese("step.use_item", item=item.id, name=item.name, named=task.list_item)
        # when several items would cover it, the one the tie-break would pick (the earliest day first)
        covers: list[tuple[tuple, Cover]] = []
        for item in self.pack.items:
            if task.department not in item.owners:
                continue
            # decided by the check's day, taking effect after the task's start (待生效)
            later = [c.effective for c in item.in_force.pending(on) if c.version != WITHDRAWN and c.effective > task.start]
            if not later:
                continue
            ask = task.model_copy(update={"list_item": item.id, "start": later[0]})
            if f"item.{item.id}" in self._covering(ask, task_fact(ask, on, self.own_facts), on):
                then = self._terms(item, on, ask)
                covers.append(((later[0], *self._preference(task, then)), Cover("pending", item.id, then.name, later[0])))
        if not covers and task.end is not None:
            for item in self.ending:
                now = self.pack.item_terms(item, on, task.start)
                last = now.effective.to if now is not None else None
                if now is None or last is None or not task.start <= last < task.end or task.department not in now.owners:
                    continue
                # the same task ending on the item's last day: covered?
                ask = task.model_copy(update={"list_item": item.id, "end": last})
                if f"item.{item.id}" in self._covering(ask, task_fact(ask, on, self.own_facts), on):
                    covers.append((self._preference(task, now), Cover("ends", item.id, now.name, last)))
        return min(covers, key=lambda f: f[0])[1] if covers else None

    @staticmethod
    def _preference(task: TaskInput, item: AdmissionItem) -> tuple:
        """The tie-break among covering items (contract: fewest activities beyond the task's, then the
        department earliest among the owners, then the lowest code): lower is preferred."""
        return (len(set(item.activities) - set(task.activities)), item.owners.index(task.department), code_order(item.id))

    def _step(self, key: str, made: Made, subject: str | None = None) -> str:
        return self.texts.reason(f"next_steps.{key}", self.steps[key], made, subject).text
