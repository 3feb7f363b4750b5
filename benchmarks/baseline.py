"""The no-engine baseline: gridrules' decisions written as plain Python over a Pack.

    decide_task(pack, task_dict, at) -> dict     # verdict, list_item, duty, temporary_approval,
                                                 # valid_until, responsible_level, flags
    route_event(pack, event_dict, at=None) -> dict   # grade, level, handler, departments,
                                                     # direct_report, whistle, deadlines,
                                                     # escalated, flags

Written from the public contract and the district policy, not from gridrules'
compiler, engine, admission or routing code.  It reuses only what is not a
decision: input validation (``gridrules.decide.inputs``), the working-day calendar
(``gridrules.decide.workdays``), the loaded pack's indexes, and how effects
combine (``gridrules.decide.effects``).

What is read from the pack and what is hard-coded
-------------------------------------------------
Read from the pack: the lists (items, approvals, negative list, roles, event
types, registry, levels, grades, whistle kinds), the capacity parameter, the
responsible levels, the calendar, and the *numbers and targets* of the written
event rules: the thresholds of ``grade.many_reporters``, ``grade.recurring``,
``grade.many_people`` and ``grade.crowd``; the floors of
``level.grade_floor_*``, ``level.enforcement`` and ``level.spans_*``; the
escalation step; the deadline rules' limits per grade; the levels of
``dispatch.direct_report``; the whistle kinds' limits.

How the effects of rules combine (the highest grade and level, the strongest
whistle kind, ids listed in their declared order) is not re-implemented: it is
``gridrules.decide.effects``, the one declaration routing and lint use too.

Hard-coded, necessarily -- that is what a no-engine baseline is: the *logic*
of those rules (which fact each rule tests and what it gives: one step above
the type's default however many of reporters/recurrences/people hold, the
floors, only the last history entry escalates, a whistle needs level >= town
and (grade >= significant or enforcement), each kind's condition,
report_within = min(kind limit, grade response time),
past_deadline, unauthorized_assignment = assigned level below the decided
level), and the whole admission order (forbidden, admitted, temporary,
needs_application), its tie-break and its flags, and the oversight flags.
Changing a rule's *condition* in the pack (rather than its numbers) is not
followed by this baseline; ``Baseline`` refuses a pack whose rules it cannot
read rather than guessing.

One reading worth stating: a list item restricted to some towns (``towns: [..]``)
covers only a task that names one of those towns.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from gridrules.contract.facts import EVENT_FLAGS, TASK_FLAGS  # the contract's flag orders
from gridrules.decide.clock import iso_duration
from gridrules.decide.effects import highest, in_order, ranks, strongest
from gridrules.decide.handlers import town_of
from gridrules.decide.inputs import validate_event, validate_task
from gridrules.decide.workdays import WorkingCalendar
from gridrules.decide.workload import Workload
from gridrules.errors import InputError, Problem
from gridrules.pack.pack import Pack

__all__ = ["EVENT_FLAGS", "TASK_FLAGS", "Baseline", "decide_task", "iso_duration", "route_event"]
_TASK_ORDER, _EVENT_ORDER = ranks(TASK_FLAGS), ranks(EVENT_FLAGS)
_CODE = re.compile(r"^([A-Z]+)([0-9]+)$")


class PackShapeError(ValueError):
    """The pack's rules are not of the shape this baseline reads."""


def code_order(code: str) -> tuple:
    m = _CODE.match(code)
    return (m.group(1), int(m.group(2))) if m else (code, 0)


def _limit(duration) -> tuple[str, Any]:
    """('clock', timedelta) or ('working_days', n) for a pack Duration."""
    if duration.minutes is not None:
        return "clock", timedelta(minutes=duration.minutes)
    if duration.hours is not None:
        return "clock", timedelta(hours=duration.hours)
    return "working_days", duration.working_days


class Baseline:
    """Everything a decision needs, indexed once per pack."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.level_order = ranks(lv.id for lv in pack.levels)
        self.calendar = WorkingCalendar(pack.calendars, pack.tz)
        self.capacity = float(pack.params["capacity_hours_per_grid_month"])
        rl = pack.admission_policy.responsible_level
        self.responsible = {"admitted": rl.admitted, "department": rl.department, "town": rl.town,
                            "external": rl.external or rl.department}
        self.workload = Workload(pack)  # by town, with the towns' approvals (policy §8)
        self.own_limit = {r.id: r.own_hours_limit for r in pack.roles.values()}
        self.specials = {r.id: {p.id for p in r.special_powers} for r in pack.roles.values()}
        self.grid_activities = frozenset(pack.activities)
        self.role_acts = {r.id: frozenset(r.activities) for r in pack.roles.values()}
        self.negative = frozenset(pack.negative_by_activity)
        # items by owning department, each with what coverage needs
        self.items_of: dict[str, list] = {}
        for item in pack.items:
            for owner in dict.fromkeys(o for v in pack.item_versions[item.id] for o in v.owners):
                self.items_of.setdefault(owner, []).append((item, code_order(item.id)))
        self._read_event_rules()

    # --- reading the numbers of the written rules ------------------------------------
    def _rule(self, rule_id: str):
        for stage in ("grading", "leveling", "dispatch"):
            for rule in self.pack.rules_of(stage):
                if rule.id == rule_id:
                    return rule
        raise PackShapeError(f"the baseline needs rule {rule_id}, which the pack does not have")

    def _threshold(self, rule_id: str, fact: str) -> float:
        when = self._rule(rule_id).when
        try:
            (name, test), = when.items()
            (op, value), = test.items()
        except (AttributeError, ValueError):
            raise PackShapeError(f"rule {rule_id}: expected {{{fact}: {{gte: N}}}}, found {when!r}") from None
        if name != fact or op != "gte" or not isinstance(value, (int, float)):
            raise PackShapeError(f"rule {rule_id}: expected {{{fact}: {{gte: N}}}}, found {when!r}")
        return value

    def _floor_from(self, rule_id: str, fact: str) -> tuple[int, int]:
        """(lowest rank of ``fact`` the rule holds for, level rank it gives)."""
        rule = self._rule(rule_id)
        when = rule.when
        try:
            (name, test), = when.items()
            (op, value), = test.items()
        except (AttributeError, ValueError):
            raise PackShapeError(f"rule {rule_id}: expected {{{fact}: {{gte: X}}}}, found {when!r}") from None
        if name != fact or op != "gte":
            raise PackShapeError(f"rule {rule_id}: expected {{{fact}: {{gte: X}}}}, found {when!r}")
        return self.pack.grade_rank[value], self.pack.level_rank[rule.level]

    def _read_event_rules(self) -> None:
        pack = self.pack
        self.top_grade = len(pack.grades) - 1
        self.top_level = len(pack.levels) - 1
        self.reporters_at = self._threshold("grade.many_reporters", "reporters")
        self.recurrences_at = self._threshold("grade.recurring", "recurrences_30d")
        self.people_at = self._threshold("grade.many_people", "people_involved")
        self.crowd_at = self._threshold("grade.crowd", "people_involved")
        self.step = self._rule("grade.many_people").grade_step or 1
        self.crowd_grade = pack.grade_rank[self._rule("grade.crowd").grade]
        self.life_grade = pack.grade_rank[self._rule("grade.life_threat").grade]
        self.floors = [self._floor_from("level.grade_floor_town", "grade"),
                       self._floor_from("level.grade_floor_district", "grade")]
        self.enforcement_level = pack.level_rank[self._rule("level.enforcement").level]
        self.high_risk_floor = pack.level_rank[self._rule("level.high_risk").level]
        self.spans_level = {}
        for value in ("grids", "communities", "towns"):
            rule = self._rule(f"level.spans_{value}")
            if rule.when != {"spans": value}:
                raise PackShapeError(f"rule level.spans_{value}: expected {{spans: {value}}}, found {rule.when!r}")
            self.spans_level[value] = pack.level_rank[rule.level]
        self.escalation_step = {
            "unresolved": self._rule("level.escalate_unresolved").level_step_from_last,
            "overdue": self._rule("level.escalate_overdue").level_step_from_last,
        }
        self.deadlines: dict[int, dict[str, tuple[str, Any]]] = {}
        for rule in pack.rules_of("leveling"):
            if rule.deadlines is None:
                continue
            grade = rule.when.get("grade") if isinstance(rule.when, dict) and len(rule.when) == 1 else None
            if not isinstance(grade, str) or grade not in pack.grade_rank:
                raise PackShapeError(f"deadline rule {rule.id}: expected {{grade: <grade>}}, found {rule.when!r}")
            self.deadlines[pack.grade_rank[grade]] = {
                part: _limit(getattr(rule.deadlines, part)) for part in ("respond", "close", "feedback")}
        missing = set(range(len(pack.grades))) - set(self.deadlines)
        if missing:
            raise PackShapeError(f"no deadline rule for grades {sorted(missing)}")
        self.direct_levels = list(self._rule("dispatch.direct_report").direct_report or [])
        self.whistles = {w.id: w for w in pack.whistle_kinds}
        self.whistle_order = {w.id: i for i, w in enumerate(pack.whistle_kinds)}
        self.urgent = pack.grade_rank["urgent"]
        self.significant = pack.grade_rank["significant"]
        self.town_rank = pack.level_rank["town"]
        self.town_handler = next(k.handler_name for k in pack.tree.kinds if k.id == pack.tree.town_kind) or "{name}"

    # --- tasks -----------------------------------------------------------------------------
    def terms(self, item: Any, on: date, start: date) -> tuple[Any, date | None] | None:
        """Policy section 8: of the changes decided by ``on``, the one in effect on ``start`` gives the
        terms (a version of the item); a withdrawal in effect by then ends it.  The terms and the
        item's last day as known (the day before a known withdrawal); None: not in force."""
        first = item.effective.from_
        changes = [(item.approval.date, first, 0)]
        changes += [(a.date, max(a.effective or a.date, first), k) for k, a in enumerate(item.amendments, 1)]
        version = None
        for decided, effective, k in changes:
            if decided <= on and effective <= start:
                version = k
        w = item.withdrawal
        withdrawn = max(w.effective or w.date, first) if w is not None and w.date <= on else None
        if version is None or (withdrawn is not None and withdrawn <= start):
            return None
        terms = self.pack.item_versions[item.id][version]
        last = terms.effective.to
        if withdrawn is not None:
            before = date.fromordinal(withdrawn.toordinal() - 1)
            last = before if last is None else min(last, before)
        return terms, last

    @staticmethod
    def approval_last_day(approval: Any, on: date) -> tuple[date, date | None]:
        """An approval's last day as known on ``on``, and the day a known withdrawal takes effect."""
        if approval.withdrawn_on is None or approval.withdrawn_on > on:
            return approval.to, None
        withdrawn = approval.withdrawn_from or approval.withdrawn_on
        return min(approval.to, date.fromordinal(withdrawn.toordinal() - 1)), withdrawn

    def decide_task(self, raw: Any, at: datetime) -> dict[str, Any]:
        pack = self.pack
        checked_moment(at)
        task = validate_task(raw, pack)
        on = at.astimezone(pack.tz).date()
        acts = task.activities
        wanted = frozenset(acts)
        flags: set[str] = set()

        # 1. forbidden: the negative list, and role powers for lawful activities
        if wanted & self.negative:
            flags.add("forbidden_activity")
        role_acts = self.role_acts[task.assignee]
        if any(a in self.grid_activities and a not in role_acts for a in acts):
            flags.add("beyond_role_power")
        forbidden = bool(flags)

        item = approval = None
        item_last = None
        if not forbidden and task.issued_by == "town" and task.list_item:
            # a town relays the item it names when the item, by its terms in effect on the
            # task's start, covers the work (policy §8)
            found = self.terms(pack.items_by_id[task.list_item], on, task.start)
            if found is not None:
                it, last = found
                towns = pack.scopes.item_towns(it)
                if (wanted <= frozenset(it.activities) and task.start >= it.effective.from_
                        and (last is None or (task.start <= last and (task.end is None or task.end <= last)))
                        and (towns is None or task.town in towns)):
                    item, item_last = it, last
        if not forbidden:
            # 2. admitted: an in-force item of this department covering activities and dates
            if task.issued_by == "department":
                best = None
                for listed, order in self.items_of.get(task.department, ()):
                    if task.list_item and listed.id != task.list_item:
                        continue
                    found = self.terms(listed, on, task.start)
                    if found is None:
                        continue
                    it, last = found
                    it_acts = frozenset(it.activities)
                    if task.department not in it.owners or not wanted <= it_acts:
                        continue
                    if last is not None and (task.start > last or (task.end is not None and task.end > last)):
                        continue
                    if it.towns != "all" and task.town not in it.towns:
                        continue
                    key = (len(it_acts - wanted), it.owners.index(task.department), order)
                    if best is None or key < best[0]:
                        best = (key, (it, last))
                item, item_last = best[1] if best else (None, None)
            if task.list_item and (item is None or item.id != task.list_item):
                flags.add("list_item_mismatch")
        if not forbidden:
            # 3. temporary: a town naming its own in-force approval that covers the work
            if task.temporary_approval:
                # each of unknown / wrong town / expired is its own finding (an approval not
                # in force at ``at`` does not count: unknown; it can still be another
                # town's or have ended); mismatch only when none of them applies
                named = pack.approvals_by_ref.get(task.temporary_approval)
                if named is None:
                    flags.add("temporary_unknown")
                else:
                    last, withdrawn = self.approval_last_day(named, on)
                    in_force = named.decided_on <= on and (withdrawn is None or task.start < withdrawn)
                    wrong_town = task.issued_by != "town" or task.town != named.unit
                    expired = task.start > named.to
                    if not in_force:
                        flags.add("temporary_unknown")
                    if wrong_town:
                        flags.add("temporary_wrong_town")
                    if expired:
                        flags.add("temporary_expired")
                    if in_force and not wrong_town and not expired:
                        covers = (wanted <= frozenset(named.activities) and named.from_ <= task.start
                                  and (task.end is None or task.end <= last))
                        if covers:
                            if item is None:
                                approval = named
                        else:
                            flags.add("temporary_mismatch")

        if forbidden:
            verdict = "forbidden"
        elif item is not None:
            verdict = "admitted"
        elif approval is not None:
            verdict = "temporary"
        else:
            verdict = "needs_application"
            flags.add("unlisted")

        if task.status == "assigned":
            if verdict not in ("admitted", "temporary"):
                flags.add("unauthorized_assignment")
            if task.channel == "direct":
                flags.add("bypassed_unified_dispatch")
        hours = task.hours_per_month or 0
        budget = item.hours_per_month if item is not None else (
            approval.hours_per_month or 0 if approval is not None else None)
        added = hours if budget is None else max(0.0, hours - budget)
        if self.workload.listed(on, task).hours + added > self.capacity:
            flags.add("over_capacity")
        own = task.hours_per_month if task.hours_per_month is not None else (budget or 0)
        limit = self.own_limit[task.assignee]
        if limit is not None and own > limit:
            flags.add("over_role_capacity")
        if pack.screening.hits(task.title, task.description):
            flags.add("suspected_negative")

        named_item = pack.items_by_id.get(task.list_item) if task.list_item else None
        if named_item is not None:
            named_item = pack.item_as_known(named_item, on, task.start)
        governing = item or named_item
        if governing is not None and verdict != "forbidden":
            delivered = governing.training.delivered_on if governing.training else None
            if delivered is None or delivered >= task.start:
                flags.add("training_pending")
            if not governing.subsidy:
                flags.add("no_subsidy")
        issuer = "external" if pack.external_issuer(task.department) is not None else task.issued_by
        return {
            "task": task.id,
            "verdict": verdict,
            "list_item": item.id if item else None,
            "duty": item.duty if item else (named_item.duty if named_item else None),
            "temporary_approval": approval.ref if approval else None,
            "valid_until": item_last if item else (self.approval_last_day(approval, on)[0] if approval else None),
            "responsible_level": self.responsible["admitted"] if verdict in ("admitted", "temporary")
            else self.responsible[issuer],
            "flags": in_order(flags, _TASK_ORDER),
        }

    # --- events ------------------------------------------------------------------------------
    def town_of(self, event) -> str | None:
        """Where the event is: read from the input as gridrules reads it (no policy in it)."""
        return town_of(self.pack, event)

    def handler(self, level_id: str, event) -> dict[str, Any]:
        """The handling unit at ``level_id`` for this event (unit None when not registered)."""
        pack = self.pack
        registered = pack.grids.get(event.grid)
        unit = pack.levels[pack.level_rank[level_id]].unit  # who handles at this level (levels.yaml)
        if unit == "grid":
            if registered:
                return {"level": level_id, "unit": registered[0].id, "name": registered[0].name}
        elif unit == "community":
            community = registered[1] if registered else pack.communities.get(event.community or "")
            if community:
                return {"level": level_id, "unit": community.id, "name": community.name}
        elif unit == "town":
            town = pack.towns.get(self.town_of(event) or "")
            if town:
                return {"level": level_id, "unit": town.id, "name": self.town_handler.replace("{name}", town.name)}
        else:
            return {"level": level_id, "unit": pack.district.id, "name": pack.district.handler_name}
        return {"level": level_id, "unit": None, "name": None}

    def deadline(self, reported: datetime, limit: tuple[str, Any]) -> tuple[datetime, bool]:
        kind, value = limit
        if kind == "clock":
            return reported + value, False
        return self.calendar.add_working_days(reported, value)

    def route_event(self, raw: Any, at: datetime | None = None) -> dict[str, Any]:
        pack = self.pack
        event = validate_event(raw, pack)
        at = checked_moment(at) or event.reported_at
        etype = pack.event_types[event.type]
        type_grade = pack.grade_rank[etype.grade]
        flags: set[str] = set()

        # grade: the type's default, the given grade, life threat, crowd, and one step
        # above the default for many reporters / recurrences / people (combined as routing does)
        grades = [type_grade]
        if event.grade:
            grades.append(pack.grade_rank[event.grade])
        if event.life_threat:
            grades.append(self.life_grade)
        if (event.reporters >= self.reporters_at or event.recurrences_30d >= self.recurrences_at
                or event.people_involved >= self.people_at):
            grades.append(min(type_grade + self.step, self.top_grade))
        if event.people_involved >= self.crowd_at:
            grades.append(self.crowd_grade)
        grade = highest(grades)
        if grade > type_grade:
            flags.add("grade_raised")
        if event.direct_report_claimed and "direct_report" not in self.specials.get(event.reporter_role or "", set()):
            flags.add("direct_report_by_role")

        # level: the floors; history (the last entry only) escalates
        floors = [pack.level_rank[etype.level]]
        floors += [floor for lowest_grade, floor in self.floors if grade >= lowest_grade]
        if pack.type_risk[event.type] == "high":
            floors.append(self.high_risk_floor)
        if event.needs_enforcement:
            floors.append(self.enforcement_level)
            flags.add("needs_enforcement")
        if event.spans != "none":
            floors.append(self.spans_level[event.spans])
            flags.add("spans_units")
        base = highest(floors)
        level = base
        last = event.history[-1] if event.history else None
        if last is not None and last.outcome in self.escalation_step:
            level = highest([base, min(pack.level_rank[last.level] + self.escalation_step[last.outcome], self.top_level)])
            if level > base:
                flags.add(f"escalated_{last.outcome}")
        level_id = pack.levels[level].id

        # deadlines on the clock or the working-day calendar; an escalation renews the
        # response and closure limits from its entry (policy §6), feedback stays from the report
        reported = event.reported_at
        start = last.at.astimezone(reported.tzinfo) if level > base and last is not None else reported
        limits = self.deadlines[grade]
        respond_by, gap1 = self.deadline(start, limits["respond"])
        close_by, gap2 = self.deadline(start, limits["close"])
        feedback_by, gap3 = self.deadline(reported, limits["feedback"])
        if gap1 or gap2 or gap3:
            flags.add("calendar_incomplete")
        if at > respond_by or at > close_by or at > feedback_by:
            flags.add("past_deadline")

        handler = self.handler(level_id, event)
        if handler["unit"] is None:
            flags.add("unknown_unit")

        direct: set[str] = set()
        if grade == self.urgent:
            direct.update(self.direct_levels)
            flags.add("direct_report")

        whistle = None
        kinds = []  # the whistle kinds whose rules hold; the strongest is blown
        if level >= self.town_rank:
            kinds += ["routine"] if grade >= self.significant else []
            kinds += ["enforcement"] if event.needs_enforcement else []
            kinds += ["emergency"] if grade == self.urgent else []
        blown = strongest(kinds, lambda kind: kind, self.whistle_order)
        if blown is not None:
            kind = self.whistles[blown]
            within = respond_by - start
            if kind.report_within is not None and kind.report_within.clock is not None:
                within = min(within, kind.report_within.clock)
            whistle = {"kind": kind.name, "departments": list(etype.owners), "report_within": iso_duration(within),
                       "blown_by": event.grid}
            flags.add("whistle")

        if event.assigned_to and pack.level_rank[event.assigned_to] < level:
            flags.add("unauthorized_assignment")

        return {
            "event": event.id,
            "type": event.type,
            "grade": pack.grades[grade].id,
            "level": level_id,
            "handler": handler,
            "departments": list(etype.owners),
            "direct_report": in_order(direct, self.level_order),
            "whistle": whistle,
            "deadlines": {"respond_by": respond_by, "close_by": close_by, "feedback_by": feedback_by},
            "escalated": bool(flags & {"escalated_unresolved", "escalated_overdue"}),
            "flags": in_order(flags, _EVENT_ORDER),
        }


_baselines: dict[int, tuple[Pack, Baseline]] = {}


def baseline_for(pack: Pack) -> Baseline:
    """The Baseline of ``pack``, built on first use and kept while the pack lives here."""
    found = _baselines.get(id(pack))
    if found is None or found[0] is not pack:
        found = _baselines[id(pack)] = (pack, Baseline(pack))
    return found[1]


def checked_moment(at: datetime | None) -> datetime | None:
    """The contract: a moment given must carry its UTC offset (the caller's error otherwise)."""
    if at is not None and (not isinstance(at, datetime) or at.tzinfo is None):
        raise InputError(Problem("must be a datetime with a UTC offset", field="at"))
    return at


def decide_task(pack: Pack, task_dict: Any, at: datetime) -> dict[str, Any]:
    """May this work go to grid workers?  (The contract's task decision fields.)"""
    return baseline_for(pack).decide_task(task_dict, at)


def route_event(pack: Pack, event_dict: Any, at: datetime | None = None) -> dict[str, Any]:
    """Who handles this event, by when?  (The contract's event decision fields.)"""
    return baseline_for(pack).route_event(event_dict, at)
