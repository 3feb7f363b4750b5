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
from functools import lru_cache
from typing import Any

from gridrules.lang.render import render
from gridrules.engine.compiler import CompiledPack, CompiledRule
from gridrules.pack.params import CAPACITY, TEMPORARY_MAX_DAYS
from gridrules.contract.documents import PackRef, Reason, TaskDecision, TaskInput, build
from gridrules.engine.adapter import Engine
from gridrules.contract.facts import TASK_FLAGS, date_number
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval, TextTemplate
from gridrules.pack.pack import Pack
from gridrules.decide.texts import ADMISSION_PLACEHOLDERS, ReasonCache, fill

_CODE = re.compile(r"^([A-Z]+)([0-9]+)$")
MEMO_LIMIT = 10_000
# the placeholders of admission texts that depend on the task (the rest depend on the
# rule's own entry: an item's name, a negative code's wording, an approval's dates)
TASK_DEPENDENT = {
    "beyond": lambda task, on: tuple(task.activities),
    "start": lambda task, on: task.start,
    "at_date": lambda task, on: on,
    "named_approval": lambda task, on: task.temporary_approval,
    "issuer_name": lambda task, on: task.department,
}
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


def task_fact(task: TaskInput, on: date) -> dict[str, Any]:
    """The admission-stage fact: every field present, typed as ``facts.TASK_FIELDS`` says."""
    return {
        "stage": "admission",
        "issued_by": task.issued_by,
        "department": task.department,
        "town": task.town or "",
        "assignee": task.assignee,
        "activities": tuple(task.activities),  # a tuple: hashable, so answers are looked up as is
        "activities__n": len(task.activities),
        "list_item": task.list_item or "",
        "temporary_approval": task.temporary_approval or "",
        "start": date_number(task.start),
        "end": date_number(task.end) if task.end else 0,
        "status": task.status,
        "channel": task.channel,
        "hours_per_month": task.hours_per_month or 0,
        "at": date_number(on),
    }


class Admission:
    def __init__(self, pack: Pack, compiled: CompiledPack, engine: Engine, pack_ref: PackRef):
        self.pack = pack
        self.compiled = compiled
        self.engine = engine
        self.pack_ref = pack_ref
        self.listed_hours = lru_cache(maxsize=256)(pack.listed_hours)
        self.rendered = {r.id: render(r.condition, pack) for r in compiled.rules.values() if r.kind == "written"}
        self.reasons = ReasonCache()
        self._memo: dict[tuple, Any] = {}
        # per template kind: the task-dependent values among its allowed placeholders
        self._dependent = {
            kind: [TASK_DEPENDENT[name] for name in sorted(allowed) if name in TASK_DEPENDENT]
            for kind, allowed in ADMISSION_PLACEHOLDERS.items()
            if "why" not in allowed
        }

    # --- the engine's part ------------------------------------------------------
    def fired(self, task: TaskInput, fact: dict) -> list[CompiledRule]:
        names: list[str] = []
        for ruleset in self.compiled.common:
            names.extend(self.engine.fire(ruleset, fact))
        if task.issued_by == "department":
            names.extend(self._covering(task, fact))
        if task.temporary_approval:
            names.extend(self.engine.fire(self.compiled.approval_ruleset(task.temporary_approval), fact))
        return [self.compiled.rules[n] for n in names]

    def _covering(self, task: TaskInput, fact: dict) -> list[str]:
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
                size = len(self.pack.items_by_id[compiled.rules[name].subject].activities)
                fewest = size if fewest is None else min(fewest, size)
        return found

    # --- assembling the decision ---------------------------------------------------
    def decide(self, task: TaskInput, at: datetime) -> TaskDecision:
        with self.engine.session():  # one lock for every stage of this decision
            return self._decide(task, at)

    def _decide(self, task: TaskInput, at: datetime) -> TaskDecision:
        pack = self.pack
        on = at.astimezone(pack.tz).date()
        fact = task_fact(task, on)
        fired = self.fired(task, fact)
        by_kind: dict[str, list[CompiledRule]] = {}
        for rule in fired:
            by_kind.setdefault(rule.kind, []).append(rule)

        forbidding = by_kind.get("negative", []) + by_kind.get("role", [])
        item = None if forbidding else self._winner(task, by_kind.get("item", []))
        admits = None if forbidding or item else next(iter(by_kind.get("temporary", [])), None)
        approval = pack.approvals_by_ref[admits.subject] if admits else None
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
            reasons.append(self._reason(rule, task, on))
        if item is not None:
            reasons.append(self._reason(self.compiled.rules[f"item.{item.id}"], task, on))
        if admits is not None:
            reasons.append(self._reason(admits, task, on))
        if verdict != "forbidden":
            self._list_and_temporary_findings(task, on, by_kind, item, admits, flags, reasons)
            if verdict == "needs_application":
                flags.add("unlisted")
                reasons.append(self._finding(f"unlisted_{task.issued_by}", task, on))

        listed = self.listed_hours(on)
        hours = task.hours_per_month or 0
        added = max(0.0, hours - item.hours_per_month) if item else hours
        oversight = dict(fact, stage="oversight", verdict=verdict, listed_hours=listed,
                         added_hours=added, workload_after=listed + added)
        for name in (n for ruleset in self.compiled.stages["oversight"] for n in self.engine.fire(ruleset, oversight)):
            rule = self.compiled.rules[name]
            if rule.rule and rule.rule.flag:
                flags.add(rule.rule.flag)
            reasons.append(self._written_reason(rule, task, oversight))

        if verdict in ("admitted", "temporary"):
            level = pack.admission_policy.responsible_level.admitted
        else:
            level = getattr(pack.admission_policy.responsible_level, task.issued_by)
        named = pack.items_by_id.get(task.list_item) if task.list_item else None
        return build(TaskDecision, 
            task=task.id,
            verdict=verdict,
            list_item=item.id if item else None,
            duty=item.duty if item else (named.duty if named else None),
            temporary_approval=approval.ref if approval else None,
            valid_until=item.effective.to if item else (approval.to if approval else None),
            responsible_level=level,
            flags=[f for f in TASK_FLAGS if f in flags],
            reasons=reasons,
            pack=self.pack_ref,
            at=at,
            next_steps=self._next_steps(task, verdict, flags),
        )

    def _winner(self, task: TaskInput, covering: list[CompiledRule]) -> AdmissionItem | None:
        """Fewest activities beyond the task's, then the department earliest among the owners, then the lowest code."""
        if not covering:
            return None
        items = [self.pack.items_by_id[r.subject] for r in covering]
        wanted = set(task.activities)
        return min(items, key=lambda i: (len(set(i.activities) - wanted), i.owners.index(task.department), code_order(i.id)))

    def _list_and_temporary_findings(self, task, on, by_kind, item, admits, flags, reasons) -> None:
        if task.list_item and (item is None or item.id != task.list_item):
            flags.add("list_item_mismatch")
            reasons.append(self._finding("list_item_mismatch", task, on))
        if not task.temporary_approval:
            return
        findings = [r for kind in TEMPORARY_FINDINGS for r in by_kind.get(kind, [])]
        for rule in findings:
            flags.add(TEMPORARY_FINDINGS[rule.kind])
            reasons.append(self._reason(rule, task, on))
        if not findings and admits is None:
            flags.add("temporary_mismatch")
            reasons.append(self._finding("temporary_mismatch", task, on))

    # --- texts -----------------------------------------------------------------------
    def _reason(self, rule: CompiledRule, task: TaskInput, on: date) -> Reason:
        return self._templated(rule.id, rule.kind, rule.subject, task, on)

    def _finding(self, key: str, task: TaskInput, on: date) -> Reason:
        return self._templated(f"admission.{key}", key, None, task, on)

    def _templated(self, rule_id: str, kind: str, subject: str | None, task: TaskInput, on: date) -> Reason:
        """A reason from an admission template.  A template may use only its kind's
        placeholders (checked at load), so the reason is remembered under the rule and
        the task-dependent values among them; ``why`` depends on the whole task."""
        dependent = self._dependent.get(kind)
        if dependent is None:  # a finding explained from the whole task: not remembered
            return self._make(rule_id, kind, subject, task, on)
        key = (rule_id, *[value(task, on) for value in dependent])
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._make(rule_id, kind, subject, task, on)
        return found

    def _make(self, rule_id: str, kind: str, subject: str | None, task: TaskInput, on: date) -> Reason:
        template: TextTemplate = getattr(self.pack.texts, kind)
        values = self._values(kind, subject, task, on)
        return build(Reason, rule=rule_id, text=fill(template.text, values), basis=fill(template.basis, values))

    def _written_reason(self, rule: CompiledRule, task: TaskInput, fact: dict) -> Reason:
        written = rule.rule
        values = {
            "listed_hours": f"{fact['listed_hours']:g}",
            "added_hours": f"{fact['added_hours']:g}",
            "workload_after": f"{fact['workload_after']:g}",
            "capacity": f"{self.pack.parameter(CAPACITY):g}",
            "issuer_name": self.pack.issuer_name(task.department),
            "verdict_name": fact["verdict"],
            "condition": self.rendered[rule.id],
        }
        return self.reasons.get(rule.id, written.text, written.basis, values,
                                lambda text, basis: build(Reason, rule=rule.id, text=text, basis=basis))

    def _values(self, kind: str, subject: str | None, task: TaskInput, on: date) -> dict[str, str]:
        pack = self.pack
        names = pack.activity_name
        values: dict[str, str] = {"issuer_name": pack.issuer_name(task.department)}
        if kind == "negative":
            entry = pack.negative_by_code[subject]
            values |= {"code": entry.code, "activity": entry.activity or "", "activity_name": entry.title, "forbidden": entry.forbidden}
        elif kind == "role":
            role = pack.roles[subject]
            beyond = [a for a in task.activities if a in pack.activities and a not in role.activities]
            values |= {"role": role.id, "role_name": role.name, "beyond": "、".join(names(a) for a in beyond)}
        elif kind == "item":
            item = pack.items_by_id[subject]
            validity = "长期有效" if item.effective.to is None else f"有效期至 {item.effective.to}"
            values |= {"item": item.id, "item_name": item.name, "duty": item.duty, "validity": validity,
                       "owners": "、".join(pack.departments[o].name for o in item.owners)}
        elif kind.startswith("temporary") and subject:
            a = pack.approvals_by_ref[subject]
            values |= {"ref": a.ref, "town_name": pack.towns[a.town].name, "work": a.work,
                       "valid_from": str(a.from_), "valid_to": str(a.to), "start": str(task.start),
                       "at_date": str(on)}
        elif kind == "temporary_unknown":
            values["named_approval"] = task.temporary_approval or ""
        elif kind == "list_item_mismatch":
            item = pack.items_by_id[task.list_item]
            values |= {"named_item": item.id, "named_item_name": item.name, "why": self._why_not_item(item, task, on)}
        elif kind == "temporary_mismatch":
            a = pack.approvals_by_ref[task.temporary_approval]
            values |= {"ref": a.ref, "work": a.work, "why": self._why_not_approval(a, task)}
        return values

    def _why_not_item(self, item: AdmissionItem, task: TaskInput, on: date) -> str:
        pack, why = self.pack, []
        if task.issued_by == "town":
            why.append("清单事项由区级部门负责派单，镇街不是其责任部门")
        elif task.department not in item.owners:
            owners = "、".join(pack.departments[o].name for o in item.owners)
            why.append(f"责任部门是{owners}，不包括{pack.issuer_name(task.department)}")
        beyond = [a for a in task.activities if a not in item.activities]
        if beyond:
            why.append(f"「{'、'.join(pack.activity_name(a) for a in beyond)}」不在该事项的活动范围内")
        why.extend(_date_problems(task, item.effective.from_, item.effective.to))
        if not pack.item_in_force(item, on):
            why.append(f"{on} 该事项尚未审定或已撤销")
        if item.towns != "all" and task.town not in item.towns:
            why.append("该事项不适用于本镇街")
        return "；".join(why) or "该事项不涵盖本任务"

    def _why_not_approval(self, a: TemporaryApproval, task: TaskInput) -> str:
        why = []
        beyond = [x for x in task.activities if x not in a.activities]
        if beyond:
            why.append(f"「{'、'.join(self.pack.activity_name(x) for x in beyond)}」不在批复的活动范围内")
        why.extend(_date_problems(task, a.from_, a.to))
        return "；".join(why) or "批复不涵盖本任务"

    def _next_steps(self, task: TaskInput, verdict: str, flags: set[str]) -> list[str]:
        if verdict in ("admitted", "temporary"):
            return []
        key = ("next", verdict, task.issued_by, task.department, task.assignee, tuple(task.activities),
               "beyond_role_power" in flags)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._steps(task, verdict, flags)
        return list(found)

    def _steps(self, task: TaskInput, verdict: str, flags: set[str]) -> list[str]:
        pack, steps = self.pack, []
        templates = pack.texts.next_steps
        if verdict == "forbidden":
            banned = [a for a in task.activities if a in pack.negative_by_activity]
            if banned:
                steps.append(fill(templates.remove_forbidden, {"activities": "、".join(pack.activity_name(a) for a in banned)}))
            if "beyond_role_power" in flags:
                lawful = [a for a in task.activities if a in pack.activities]
                able = [r.name for r in pack.roles.values() if set(lawful) <= set(r.activities)]
                role = pack.roles[task.assignee]
                beyond = [a for a in lawful if a not in role.activities]
                steps.append(fill(templates.reassign, {"roles": "、".join(able) or "无",
                                                       "beyond": "、".join(pack.activity_name(a) for a in beyond)}))
        elif verdict == "needs_application":
            issuer = pack.issuer_name(task.department)
            if task.issued_by == "department":
                fields = "、".join(f.name for f in pack.admission_policy.application_fields)
                steps.append(fill(templates.apply, {"issuer_name": issuer, "fields": fields}))
            else:
                days = pack.parameter(TEMPORARY_MAX_DAYS)
                steps.append(fill(templates.study, {"issuer_name": issuer, "max_days": f"{days:g}"}))
        return steps


def _date_problems(task: TaskInput, first: date, last: date | None) -> list[str]:
    out = []
    if task.start < first:
        out.append(f"开始日期 {task.start} 早于生效日期 {first}")
    if last is not None and task.start > last:
        out.append(f"开始日期 {task.start} 晚于截止日期 {last}")
    elif last is not None and task.end is not None and task.end > last:
        out.append(f"结束日期 {task.end} 晚于截止日期 {last}")
    return out
