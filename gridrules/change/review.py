"""The secretariat's review of an application to add an item to the admission list.

``review_application`` reports, each finding with its basis: missing or empty
fields, codes the pack does not know (with a did-you-mean), negative-list
activities, activities beyond every grid role's powers, duplication of or
overlap with the items in force, the workload after admission against the
capacity, a missing subsidy (费随事转) or training owner or plan, and too short
a notice; then a recommendation: ``reject`` when a blocking finding says so,
else ``incomplete`` when one says so, else ``approve``.

What is found is code; how it reads and how much it weighs is the pack's
(``admission/review.yaml``).  The same checks judge an amendment: a
``Proposal`` is either an application or an item as amended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gridrules.contract.application import Application
from gridrules.contract.documents import PackRef
from gridrules.contract.review import ApplicationReview, Finding, Recommendation, Workload
from gridrules.catalogue.fields import field_name as contract_field_name
from gridrules.lang.parse import suggest
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.model.review import FindingRule, ReviewTextsFile
from gridrules.pack.model.bodies import Body
from gridrules.pack.listed import busiest
from gridrules.pack.pack import Pack
from gridrules.pack.params import APPLICATION_LEAD, CAPACITY
from gridrules.decide.texts import fill
from gridrules.decide.workdays import WorkingCalendar
from gridrules.pack.layout import REVIEW_TEXTS
from gridrules.pack.model.powers import NegativeEntry

_CODE = re.compile(r"^([A-Z]+)([0-9]+)$")


# --- what is reviewed ----------------------------------------------------------------------


@dataclass
class Proposal:
    """An item as proposed: a new application, or an existing item as amended."""

    values: dict[str, Any]  # application field -> value (None when missing)
    owners: list[str]
    exclude: str | None = None  # the item being amended is not its own duplicate

    def get(self, name: str) -> Any:
        return self.values.get(name)


def proposal_of_application(app: Application) -> Proposal:
    values = {name: getattr(app, name) for name in Application.model_fields}
    return Proposal(values, [app.applicant] if app.applicant else [])


def proposal_of_item(item: AdmissionItem) -> Proposal:
    training = item.training
    values = {
        "id": item.id, "item": item.name, "applicant": item.owners[0], "basis": item.legal_basis,
        "content": item.content, "duty": item.duty, "activities": list(item.activities),
        "categories": list(item.categories), "frequency": item.frequency,
        "hours_per_month": item.hours_per_month, "subsidy": item.subsidy,
        "training": training, "start": item.effective.from_, "end": item.effective.to, "risk": item.risk,
    }
    return Proposal(values, list(item.owners), exclude=item.id)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return not value
    if hasattr(value, "owner") and hasattr(value, "plan"):
        return _empty(value.owner) and _empty(value.plan)
    return False


# --- the review -------------------------------------------------------------------------------


@dataclass
class FindingList:
    pack: Pack
    texts: ReviewTextsFile
    found: list[Finding] = field(default_factory=list)

    def add(self, kind: str, fid: str, values: dict[str, str], field: str | None = None,
            item: str | None = None, hint: str | None = None, rules: Any = None) -> None:
        rule: FindingRule = getattr(rules or self.texts.findings, kind)
        message = fill(rule.text, values)
        if hint and rule.hint:
            message += fill(rule.hint, values | {"hint": hint})
        self.found.append(Finding(
            id=fid, kind=kind, severity=rule.severity, outcome=rule.outcome, overridable=rule.overridable,
            field=field, item=item, message=message, basis=fill(rule.basis, values), hint=hint,
        ))


def review_texts(pack: Pack) -> ReviewTextsFile:
    return pack.files[REVIEW_TEXTS]


def field_name(pack: Pack, name: str) -> str:
    """An application field's name: the pack's (admission/policy.yaml's application_fields, then
    admission/review.yaml's field_names), else the catalogue's Chinese word for it (风险 for risk: a blank
    form's heading is never a bare English key), else the key."""
    for entry in pack.admission_policy.application_fields:
        if entry.field == name:
            return entry.name
    return review_texts(pack).field_names.get(name) or contract_field_name(name) or name


def review_application(pack: Pack, app: Application, on: date) -> ApplicationReview:
    """The secretariat's report on ``app`` against the pack as it stands on ``on``."""
    return review(pack, proposal_of_application(app), on, app.id)


def recommendation_of(findings: list[Finding]) -> Recommendation:
    """``reject`` when a blocking finding says so, ``incomplete`` when one asks for more, else ``approve``."""
    outcomes = {f.outcome for f in findings if f.severity == "blocking"}
    return "reject" if "reject" in outcomes else "incomplete" if outcomes else "approve"


def review(pack: Pack, proposal: Proposal, on: date, application: str) -> ApplicationReview:
    out = FindingList(pack, review_texts(pack))
    _missing(out, proposal)
    _unknown(out, proposal)
    _powers(out, proposal)
    _repeats(out, proposal, on)
    workload = _workload(out, proposal, on)
    _subsidy_and_training(out, proposal)
    _risk_and_words(out, proposal)
    _notice(out, proposal, on)
    recommendation = recommendation_of(out.found)
    return ApplicationReview(
        application=application,
        item_name=proposal.get("item"),
        applicant=proposal.get("applicant"),
        recommendation=recommendation,
        summary=getattr(out.texts.recommendations, recommendation),
        findings=out.found,
        workload=workload,
        next_code=next_item_code(pack),
        review_date=on,
        pack=PackRef(name=pack.info.name, version=pack.info.version, digest=pack.info.digest),
    )


# the fields an item may be without that an amendment may remove (``admission amend --subsidy none``, a blank 补贴
# or 培训 in the items table: 不付补贴, no training): an item's "none" is stated, not an application leaving the
# field unwritten, and is reviewed by what it means (费随事转: ``no_subsidy``; the training: ``training_incomplete``)
STATED_NONE = tuple(name for name in ("subsidy", "training") if not AdmissionItem.model_fields[name].is_required())


def _unstated(proposal: Proposal, name: str) -> bool:
    """Whether ``name`` is missing from the proposal as an unwritten field (an item's stated "none" is not)."""
    return _empty(proposal.get(name)) and not (proposal.exclude is not None and name in STATED_NONE)


def _missing(out: FindingList, proposal: Proposal) -> None:
    for entry in out.pack.admission_policy.application_fields:
        if _unstated(proposal, entry.field):
            out.add("missing_field", f"missing.{entry.field}", {"field": entry.field, "field_name": entry.name},
                    field=entry.field)


def _unknown(out: FindingList, proposal: Proposal) -> None:
    pack = out.pack
    policy = pack.admission_policy
    lawful = set(pack.activities) | set(pack.negative_by_activity)
    checks: list[tuple[str, Any, Any]] = [("applicant", proposal.get("applicant"), pack.departments),
                                          ("duty", proposal.get("duty"), pack.duties)]
    checks += [(f"activities[{i}]", a, lawful) for i, a in enumerate(proposal.get("activities") or [])]
    checks += [(f"categories[{i}]", c, policy.categories) for i, c in enumerate(proposal.get("categories") or [])]
    training = proposal.get("training")
    if training is not None:
        checks.append(("training.owner", training.owner, pack.departments))
    for path, value, known in checks:
        if _empty(value) or value in known:
            continue
        name = field_name(pack, path.split("[")[0])
        out.add("unknown_code", f"unknown.{path}", {"field": path, "field_name": name, "value": str(value)},
                field=path, hint=suggest(value, known))


def _powers(out: FindingList, proposal: Proposal) -> None:
    pack = out.pack
    for activity in proposal.get("activities") or []:
        entry = pack.barrier(activity)
        if isinstance(entry, NegativeEntry):
            out.add("negative_activity", f"negative.{entry.code}",
                    {"activity": activity, "activity_name": entry.title, "code": entry.code, "forbidden": entry.forbidden},
                    field="activities")
        elif entry == "beyond_powers":
            out.add("beyond_powers", f"beyond_powers.{activity}",
                    {"activity": activity, "activity_name": pack.activity_name(activity)}, field="activities")


def _overlaps_period(item: AdmissionItem, start: date | None, end: date | None) -> bool:
    if end is not None and end < item.effective.from_:
        return False
    return start is None or item.effective.to is None or item.effective.to >= start


def items_in_force_over(pack: Pack, proposal: Proposal, on: date) -> list[AdmissionItem]:
    """The items known on ``on`` whose days meet the proposal's (not the item being amended), each
    by its terms in effect on the proposal's first day (or on the item's own, if it starts later)."""
    start, end = proposal.get("start"), proposal.get("end")
    out = []
    for item in pack.items:
        if item.id == proposal.exclude or item.in_force.since > on:
            continue
        view = pack.item_terms(item, on, max(start or on, item.effective.from_))
        if view is not None and _overlaps_period(view, start, end):
            out.append(view)
    return out


def _repeats(out: FindingList, proposal: Proposal, on: date) -> None:
    pack = out.pack
    wanted = set(proposal.get("activities") or [])
    owners = [o for o in proposal.owners if o in pack.departments]
    duty = proposal.get("duty")
    if not wanted:
        return
    names = lambda ids: "、".join(pack.departments[d].name for d in ids if d in pack.departments)  # noqa: E731
    # as known on ``on``, and as the list now stands: a decision dated before an item already on
    # the list (a session's record entered late) must not slip past it unseen
    latest = max((c.decided for item in pack.items for c in item.in_force.changes), default=on)
    seen = items_in_force_over(pack, proposal, on)
    if latest > on:
        known = {item.id for item in seen}
        seen += [item for item in items_in_force_over(pack, proposal, latest) if item.id not in known]
    for item in seen:
        listed = set(item.activities)
        shared_owners = [o for o in owners if o in item.owners]
        common = [a for a in item.activities if a in wanted]
        subjects = _same_subject(pack, proposal, item) if duty == item.duty else None
        values = {"item": item.id, "item_name": item.name, "owners": names(item.owners), "duty": item.duty,
                  "duty_name": pack.duties[item.duty].text if item.duty in pack.duties else item.duty,
                  "applicant_name": names(shared_owners or owners), "subjects": "、".join(subjects or ()),
                  "activities": "、".join(pack.activity_name(a) for a in common)}
        if shared_owners and subjects is not None and wanted <= listed:
            out.add("duplicates_item", f"duplicate.{item.id}", values, field="activities", item=item.id)
        elif shared_owners and common:
            out.add("overlaps_item", f"overlap.{item.id}", values, field="activities", item=item.id)
        elif subjects is not None and wanted == listed:
            out.add("same_work_item", f"same_work.{item.id}", values, field="activities", item=item.id)


def _same_subject(pack: Pack, proposal: Proposal, item: AdmissionItem) -> tuple[str, ...] | None:
    """Whether the proposal and ``item``, of one duty, are about the same subject (the contract's
    duplication: "same activities for the same subject"): the subjects their duty lists (pack data,
    ``subjects`` in responsibilities/duties.yaml) named in both's name or content, in the duty's order;
    None when each names subjects and none in common.  A duty that lists none, or a side that names
    none, cannot tell them apart: the duty is the subject then, and they are the same (an empty tuple)."""
    duty = pack.duties.get(item.duty)
    if duty is None or not duty.subjects:
        return ()
    wanted = duty.subjects_in(proposal.get("item"), proposal.get("content"))
    listed = duty.subjects_in(item.name, item.content)
    if not wanted or not listed:
        return ()
    shared = [s.name for s in duty.subjects if s.name in wanted & listed]
    return tuple(shared) if shared else None


def _workload(out: FindingList, proposal: Proposal, on: date) -> Workload:
    pack = out.pack
    listed, town = _listed_where(pack, proposal, on)
    added = float(proposal.get("hours_per_month") or 0)
    capacity = pack.parameter(CAPACITY)
    after = listed + added
    if capacity is not None and after > capacity:
        where = workload_where(pack, town)
        out.add("over_capacity", "capacity",
                {"listed": f"{listed:g}", "added": f"{added:g}", "after": f"{after:g}", "capacity": f"{capacity:g}",
                 "where": where},
                field="hours_per_month")
    return Workload(listed=listed, added=added, after=after, capacity=capacity, town=town)


def workload_where(pack: Pack, town: str | None) -> str:
    """Where a review's workload is counted (``Workload.town``: the busiest town, else the whole district),
    by name, as ``over_capacity``'s {where} says it."""
    return pack.towns[town].name if town and town in pack.towns else pack.district.name


def _risk_and_words(out: FindingList, proposal: Proposal) -> None:
    """An item without its risk level; the negative list's tell-tale words in its name or content."""
    pack = out.pack
    if proposal.get("risk") is None:
        out.add("no_risk", "risk", {"default_name": pack.risk_levels[pack.risk.default].name}, field="risk")
    for hit in pack.screening.hits(proposal.get("item"), proposal.get("content")):
        out.add("screened_word", f"screened.{hit.code}.{hit.word}",
                {"word": hit.word, "code": hit.code, "forbidden": pack.negative_by_code[hit.code].forbidden},
                field="content")


def _listed_where(pack: Pack, proposal: Proposal, on: date) -> tuple[float, str | None]:
    """The workload per grid already listed where the proposal would apply (policy §8), on the day
    of its period that carries the most -- capacity is judged on a day, as a task's on its start --
    town by town among the towns within its body's unit: the items known on ``on`` in effect for work
    starting that day (each by its terms then; not the item being amended) and the towns' temporary
    approvals running then.  The days looked at: the period's first (not before ``on``: the days
    already past are not the decision's to load) and each day within it on which an item's or an
    approval's terms begin.  The highest total and its town (None when no town carries more than the
    items that apply everywhere)."""
    _, unit = pack.scopes.body_for(proposal.owners[0]) if proposal.owners else (None, None)
    within = pack.tree.towns_within(unit) if unit is not None else None
    total, _, town, parts = busiest(pack, on, max(proposal.get("start") or on, on), proposal.get("end"), within,
                                    exclude=proposal.exclude)
    everywhere = sum(hours for hours, towns in parts.items if towns is None)  # (as total_of sums them)
    return total, town if town and total > everywhere else None


def _subsidy_and_training(out: FindingList, proposal: Proposal) -> None:
    pack = out.pack
    required = {f.field for f in pack.admission_policy.application_fields}
    hours = proposal.get("hours_per_month") or 0
    subsidy = proposal.get("subsidy")
    if hours > 0 and not subsidy and not ("subsidy" in required and _unstated(proposal, "subsidy")):
        out.add("no_subsidy", "subsidy", {"hours": f"{hours:g}", "subsidy": f"{subsidy or 0:g}"}, field="subsidy")
    training = proposal.get("training")
    if "training" in required and _unstated(proposal, "training"):
        return  # reported as a missing field
    for part in ("owner", "plan"):
        if _empty(getattr(training, part, None)):
            path = f"training.{part}"
            out.add("training_incomplete", path, {"field": path, "field_name": field_name(pack, path)}, field=path)


def _notice(out: FindingList, proposal: Proposal, on: date) -> None:
    pack = out.pack
    lead = pack.parameter(APPLICATION_LEAD)
    start = proposal.get("start")
    if not lead or start is None or proposal.exclude is not None:
        return
    calendar = WorkingCalendar(pack.calendars, pack.tz)
    count, day = 0, on
    while day < start and count < lead:
        day = date.fromordinal(day.toordinal() + 1)
        count += calendar.is_working_day(day)
    if start <= on and out.texts.findings.start_passed is not None:
        out.add("start_passed", "short_notice", {"start": str(start), "lead": f"{lead:g}", "review_date": str(on)},
                field="start")
    elif count < lead:
        out.add("short_notice", "short_notice",
                {"start": str(start), "working_days": str(count), "lead": f"{lead:g}", "review_date": str(on)},
                field="start")


# --- item codes -------------------------------------------------------------------------------------


def next_item_code(pack: Pack, body: Body | None = None) -> str | None:
    """Highest number with the body's list's prefix, plus one (L17 -> L18); None if no prefix can
    be told (the list gives none and its codes share none)."""
    body = body or pack.scopes.list_keeper
    codes = [m for m in (_CODE.match(i.id) for i in pack.items if pack.scopes.item_body(i) is body) if m]
    prefix = body.lists[0].code_prefix if body is not None and body.lists else None
    if prefix is None:
        prefixes = {m.group(1) for m in codes}
        if len(prefixes) != 1:
            return None
        prefix = prefixes.pop()
    numbers = [m.group(2) for m in codes if m.group(1) == prefix]
    width = max([2, *(len(n) for n in numbers)])
    return f"{prefix}{max([0, *(int(n) for n in numbers)]) + 1:0{width}d}"
