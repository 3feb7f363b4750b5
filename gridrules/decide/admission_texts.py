"""How each placeholder of an admission text is filled (declared in ``contract.placeholders``),
and the why-not sentences, made of the pack's phrases (admission/rules.yaml ``phrases``).

A filler receives the admission (for its pack) and the values of exactly the
inputs its placeholder declares, read from one decision (``Made``) and the rule
(for a rule generated from a list: the entry it was generated from).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, NamedTuple

from gridrules.contract.documents import TaskInput
from gridrules.decide.texts import fill
from gridrules.pack.model.inforce import WITHDRAWN, Change
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.pack import ItemAt
from gridrules.pack.params import CAPACITY, TEMPORARY_MAX_DAYS


class Made(NamedTuple):
    """What one task decision reads its texts from."""

    task: TaskInput
    on: date
    fact: dict | None = None  # the oversight fact, for the written task rules
    explaining: str | None = None  # the finding a ``why`` explains
    screened: str | None = None  # the tell-tale word a suspected_negative reason names
    judged_town: str | None = None  # the town whose total a task naming no town was judged against


def _oversight(made: Made) -> dict:
    """The oversight fact a written task rule's text reads (only those texts read ``fact.``)."""
    if made.fact is None:
        raise TypeError("a written task rule's text was filled without its oversight fact")
    return made.fact


def _input(name: str) -> Callable[[Made, Any], Any]:
    source, _, part = name.partition(".")
    if source == "rule":
        return lambda made, rule: rule
    if source == "fact":  # one call a value: the fact read in place, ``_oversight`` only to say it is missing
        return lambda made, rule: (made.fact if made.fact is not None else _oversight(made))[part]
    if source == "task":
        if part == "activities":
            return lambda made, rule: tuple(made.task.activities)
        return lambda made, rule: getattr(made.task, part)
    if name == "decision.on":
        return lambda made, rule: made.on
    if name == "decision.screened":
        return lambda made, rule: made.screened
    if name == "decision.judged_town":
        return lambda made, rule: made.judged_town
    if source == "pack":  # the pack's own value: the same for every decision
        return lambda made, rule: None
    raise AssertionError(f"undeclared input {name}")  # pragma: no cover


def inputs(declared: dict[str, tuple[str, ...]]) -> dict[str, Callable[[Made, Any], Any]]:
    return {name: _input(name) for reads in declared.values() for name in reads}


def _join(adm, ids) -> str:
    return "、".join(adm.pack.activity_name(a) for a in ids)


def _beyond_role(adm, role_id: str, activities: tuple) -> str:
    pack = adm.pack
    role = pack.roles[role_id]
    return _join(adm, [a for a in activities if a in pack.activities and a not in role.activities])


def _item(adm, subject: "str | ItemAt") -> AdmissionItem:
    """The item a reason is about, as it reads for the task (an ``ItemAt``), or as listed (an id)."""
    if isinstance(subject, ItemAt):
        return adm.pack.item_as(subject)
    return adm.pack.items_by_id[subject]


def _validity(adm, subject: "str | ItemAt") -> str:
    item, phrases = _item(adm, subject), adm.pack.texts.phrases
    return phrases.validity_open if item.effective.to is None else fill(phrases.validity_until, {"valid_to": str(item.effective.to)})


def _able_roles(adm, activities: tuple) -> str:
    pack = adm.pack
    lawful = {a for a in activities if a in pack.activities}
    return "、".join(r.name for r in pack.roles.values() if lawful <= set(r.activities)) or pack.texts.next_steps.no_role


def _body_name(pack, department: str) -> str:
    body, _ = pack.scopes.body_for(department)
    return body.name if body is not None else ""


def _withdrawal(adm, ref: str, on: date) -> Change:
    """The withdrawal of approval ``ref`` known on ``on`` (its text is used only when there is one)."""
    return next(c for c in _approval(adm, ref).in_force.known(on) if c.version == WITHDRAWN)


def _approval(adm, ref: str) -> TemporaryApproval:
    return adm.pack.approvals_by_ref[ref]


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _workload_town(adm, town: str | None) -> str:
    """Nothing when the task gave its town (``town`` None); else which town's total it was judged against."""
    if town is None or town not in adm.pack.towns:
        return ""
    return fill(adm.pack.texts.phrases.busiest_town, {"town_name": adm.pack.towns[town].name})


def _training_owner(adm, item_id: str) -> str:
    item = adm.pack.items_by_id.get(item_id)
    owner = item.training.owner if item is not None and item.training is not None else None
    return adm.pack.issuer_name(owner) if owner else "—"


TASK_FILLERS: dict[str, Callable[..., str]] = {
    "listed_hours": lambda adm, v: f"{v:g}",
    "added_hours": lambda adm, v: f"{v:g}",
    "workload_after": lambda adm, v: f"{v:g}",
    "capacity": lambda adm, _: f"{adm.pack.parameter(CAPACITY):g}",
    "issuer_name": lambda adm, department: adm.pack.issuer_name(department),
    "verdict_name": lambda adm, verdict: verdict,
    "condition": lambda adm, rule_id: adm.rendered[rule_id],
    "workload_town": _workload_town,
    "own_hours": lambda adm, v: f"{v:g}",
    "role_name": lambda adm, role: adm.pack.roles[role].name,
    "role_limit": lambda adm, role: _hours(adm.pack.roles[role].own_hours_limit),
    "item": lambda adm, item: item or "—",
    "item_name": lambda adm, item: adm.pack.items_by_id[item].name if item else "—",
    "risk_name": lambda adm, risk: adm.pack.risk_levels[risk].name if risk else "—",
    "safeguard": lambda adm, item: adm.pack.risk_of(item)[1] if item else "—",
    "subsidy": lambda adm, v: f"{v:g}",
    "training_owner_name": _training_owner,
    "start": lambda adm, start: str(start),
}

ADMISSION_FILLERS: dict[str, Callable[..., str]] = {
    "code": lambda adm, code: adm.pack.negative_by_code[code].code,
    "activity": lambda adm, code: adm.pack.negative_by_code[code].activity or "",
    "activity_name": lambda adm, code: adm.pack.negative_by_code[code].title,
    "forbidden": lambda adm, code: adm.pack.negative_by_code[code].forbidden,
    "role": lambda adm, role: adm.pack.roles[role].id,
    "role_name": lambda adm, role: adm.pack.roles[role].name,
    "beyond": _beyond_role,
    "item": lambda adm, item: _item(adm, item).id,
    "item_name": lambda adm, item: _item(adm, item).name,
    "owners": lambda adm, item: "、".join(adm.pack.departments[o].name for o in _item(adm, item).owners),
    "validity": _validity,
    "duty": lambda adm, item: _item(adm, item).duty,
    "ref": lambda adm, ref: _approval(adm, ref).ref,
    "town_name": lambda adm, ref: adm.pack.tree.name_of(_approval(adm, ref).unit),
    "approval_name": lambda adm, ref: adm.pack.scopes.approval_name(_approval(adm, ref).unit),
    "work": lambda adm, ref: _approval(adm, ref).work,
    "valid_from": lambda adm, ref: str(_approval(adm, ref).from_),
    "valid_to": lambda adm, ref, on: str(adm.pack.approval_last_day(_approval(adm, ref), on)),
    "withdrawn_on": lambda adm, ref, on: str(_withdrawal(adm, ref, on).decided),
    "withdrawn_from": lambda adm, ref, on: str(_withdrawal(adm, ref, on).effective),
    "start": lambda adm, start: str(start),
    "at_date": lambda adm, on: str(on),
    "named_approval": lambda adm, ref: ref or "",
    "named_item": lambda adm, item: adm.pack.items_by_id[item].id,
    "named_item_name": lambda adm, item: adm.pack.items_by_id[item].name,
    "why": lambda adm, made, on: why_not(adm.pack, made),
    "issuer_name": lambda adm, department: adm.pack.issuer_name(department),
    "body_name": lambda adm, department: _body_name(adm.pack, department),
    "activities": lambda adm, activities: _join(adm, [a for a in activities if a in adm.pack.negative_by_activity]),
    "roles": _able_roles,
    "fields": lambda adm, _: "、".join(f.name for f in adm.pack.admission_policy.application_fields),
    "max_days": lambda adm, _: f"{adm.pack.parameter(TEMPORARY_MAX_DAYS):g}",
    "screened_word": lambda adm, word: word or "",
    "cover_item": lambda adm, cover: cover.item,
    "cover_item_name": lambda adm, cover: cover.name,
    "cover_day": lambda adm, cover: str(cover.day),
    "end": lambda adm, end: str(end) if end is not None else "",
}


# --- why a named item or approval does not cover the task --------------------------------


def why_not(pack, made: Made) -> str:
    task = made.task
    if made.explaining == "list_item_mismatch":
        return _why_not_item(pack, pack.items_by_id[task.list_item], task, made.on)
    return _why_not_approval(pack, pack.approvals_by_ref[task.temporary_approval], task, made.on)


def _why_not_item(pack, item: AdmissionItem, task: TaskInput, on: date) -> str:
    phrases, why = pack.texts.phrases, []
    item = pack.known_terms(item, on, task.start)  # its owners and activities
    if task.issued_by == "department" and task.department not in item.owners:
        owners = "、".join(pack.departments[o].name for o in item.owners)
        why.append(fill(phrases.not_owner, {"owners": owners, "issuer_name": pack.issuer_name(task.department)}))
    beyond = [a for a in task.activities if a not in item.activities]
    if beyond:
        why.append(fill(phrases.item_beyond, {"activities": "、".join(pack.activity_name(a) for a in beyond)}))
    why.extend(_date_problems(phrases, task, item.effective.from_, item.effective.to))
    if on < item.in_force.since:
        why.append(fill(phrases.item_not_in_force, {"at_date": str(on)}))
    if item.towns != "all" and task.town not in item.towns:
        why.append(phrases.item_wrong_town)
    return phrases.separator.join(why) or phrases.item_otherwise


def _why_not_approval(pack, a: TemporaryApproval, task: TaskInput, on: date) -> str:
    phrases, why = pack.texts.phrases, []
    beyond = [x for x in task.activities if x not in a.activities]
    if beyond:
        why.append(fill(phrases.approval_beyond, {"activities": "、".join(pack.activity_name(x) for x in beyond)}))
    why.extend(_date_problems(phrases, task, a.from_, pack.approval_last_day(a, on)))
    return phrases.separator.join(why) or phrases.approval_otherwise


def _date_problems(phrases, task: TaskInput, first: date, last: date | None) -> list[str]:
    out = []
    if task.start < first:
        out.append(fill(phrases.starts_before, {"start": str(task.start), "first": str(first)}))
    if last is not None and task.start > last:
        out.append(fill(phrases.starts_after, {"start": str(task.start), "last": str(last)}))
    elif last is not None and task.end is not None and task.end > last:
        out.append(fill(phrases.ends_after, {"end": str(task.end), "last": str(last)}))
    return out
