"""What to do next on an event: a decision's ``next_steps``, each one sentence of Chinese.

Every step is read from the pack and the decision: the handling unit and its level with the
response and closure deadlines; whom to report to when the level cannot resolve it (the handler
one level up, 逐级上报); the feedback to the resident by ``feedback_by``; the 回访 where the
pack's assessment scores satisfaction for such an event; the whistle's report-in deadline
(the decision's ``at`` plus ``report_within``, as the route page reads it); 直报 where made; the
safeguard of a risk above ``low``.  The words are the catalogue's, always in Chinese (the
decision document is Chinese, as a task's next steps are).

A lifecycle record (``route --record``) says what is already done (``Done``): a step done is
not asked again, and the record's own debts are added (a whistle not yet answered, one sent
back, a 回访 after the resolution) -- the one place that judges what is still to do on an event.

What depends on the level alone (its name, the level above, whether a 回访 is scored) is made
once, at load; a decision only fills in its moments and units.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from gridrules.catalogue import chinese
from gridrules.contract.documents import Handler
from gridrules.decide.clock import when
from gridrules.decide.handlers import Handlers
from gridrules.pack.pack import Pack

if TYPE_CHECKING:
    from gridrules.decide.routing import Routed

MEMO_LIMIT = 10_000  # whistle and escalation steps remembered (as routing's memos)
_QUIET_RISK = "low"  # the contract's lowest risk level: its safeguard lets the grid act, no step of its own


class Done(NamedTuple):
    """What a lifecycle record has done by the check; the default: nothing yet (a fresh routing)."""

    responded: bool = False  # the current handler has responded
    resolved: bool = False
    fed_back: bool = False
    direct_report: bool = False
    whistled: bool = False  # a whistle step is recorded
    waiting: tuple[tuple[datetime, bool, tuple[str, ...]], ...] = ()  # 报到 still owed: (due, late, departments)
    returned: tuple[str, ...] = ()  # departments that sent a whistle back (退哨)
    revisited: bool = False


NOTHING = Done()


class _Level(NamedTuple):
    suffix: str  # "（村(社区)）": after a handler's name
    unknown: str  # the level's handler when its unit is not registered
    above: int | None  # the level one up (逐级上报), None at the top
    revisit: bool  # the assessment scores a 回访 of an event handled here


def _cut(template: str, *names: str) -> tuple[str, ...]:
    """``template``'s text around its blanks ``names``, which it holds once each in this order: the
    step is then the pieces and the values joined (a tenth of ``str.format``'s work)."""
    pieces = []
    for name in names:
        before, found, template = template.partition("{" + name + "}")
        assert found, (name, template)
        pieces.append(before)
    return (*pieces, template)


def _revisits(pack: Pack) -> tuple[list[bool], bool]:
    """Per level, whether a town's or a community's assessment scores the 回访 of an event handled
    there (its ``scope_max_level`` at or above the level); and whether a summoned department's does."""
    n = len(pack.levels)
    if pack.assessment is None:
        return [False] * n, False
    scored = pack.assessment.levels

    def scores(scope) -> bool:
        return any(i.id == "satisfaction" for i in scope.indicators)

    by_level = [False] * n
    for scope in (scored.town, scored.community):
        if scores(scope):
            top = n - 1 if scope.scope_max_level is None else pack.level_rank[scope.scope_max_level]
            for level in range(min(top, n - 1) + 1):
                by_level[level] = True
    return by_level, scores(scored.department)


class EventSteps:
    """The next steps of an event decision, for one pack."""

    def __init__(self, pack: Pack, handlers: Handlers, kind_names: dict[str, str], risks: dict[str, tuple[str, str]]):
        self.pack = pack
        self.handlers = handlers
        self.kind_names = kind_names
        revisit, self.department_revisit = _revisits(pack)
        # the steps' words made once, their blanks left as blanks (filled by ``str.format``): a
        # decision's steps are then a few formats of its moments, not a catalogue look-up each
        slots = {"who": "{who}", "respond": "{respond}", "close": "{close}", "due": "{due}"}
        self.handle = _cut(chinese("dec.next.handle", **slots), "who", "respond", "close")
        self.close = _cut(chinese("dec.next.close", who=slots["who"], close=slots["close"]), "who", "close")
        self.feedback = {late: _cut(chinese("dec.record.next.feedback", due=slots["due"],
                                            late=chinese("dec.record.next.late") if late else ""), "due")
                         for late in (False, True)}
        self.revisit = (chinese("dec.next.revisit"), chinese("dec.record.next.revisit"))  # before, after the resolution
        levels = []
        for rank, level in enumerate(pack.levels):
            levels.append(_Level(chinese("dec.next.who", name="", level=level.name),
                                 chinese("dec.event.no_unit", level=level.name),
                                 rank + 1 if rank + 1 < len(pack.levels) else None, revisit[rank]))
        self.levels = levels
        # per event type: the safeguard step (a risk above the lowest), and its owners' names (the whistle's)
        self.safeguards = {code: (chinese("dec.next.safeguard", risk=pack.risk_levels[risk].name,
                                          safeguard=safeguard.rstrip("。."))
                                  if risk != _QUIET_RISK else None) for code, (risk, safeguard) in risks.items()}
        self.owners = {code: "、".join(pack.departments[o].name for o in etype.owners)
                       for code, etype in pack.event_types.items()}
        self._direct: dict[tuple[str, ...], str] = {}  # the 直报 step, per levels reported to
        # the escalation step, per level and where the event is (its grid, community, town): the
        # handler above, found once (an unregistered grid's is a walk of the unit tree)
        self._escalate: dict[tuple, str] = {}
        self._whistle: dict[tuple, tuple[str, ...]] = {}  # the whistle step but its moment, per grid, kind, handler, type

    def _who(self, handler: Handler, level: int) -> str:
        found = self.levels[level]
        return handler.name + found.suffix if handler.name else found.unknown

    def _department(self, code: str) -> str:
        found = self.pack.departments.get(code)
        return found.name if found is not None else code

    def steps(self, routed: "Routed", done: Done = NOTHING) -> list[str]:
        """The steps still to take on ``routed``, in the order they are due: the safeguard, 直报 and the
        whistle at once, then the handling, the escalation if it cannot be resolved, the feedback and
        the 回访."""
        e = routed.event.__dict__  # read as a mapping: a model's attribute reads take ~4x a plain read
        level = self.levels[routed.level]
        respond_by, close_by, feedback_by = routed.deadlines
        strongest = routed.dispatched.strongest
        out: list[str] = []
        if not done.resolved:
            safeguard = self.safeguards[e["type"]]
            if safeguard is not None:
                out.append(safeguard)
            if routed.dispatched.direct_report and not done.direct_report:
                out.append(self._direct_step(routed.dispatched.direct_report))
            who = self._who(routed.handler, routed.level)
            if strongest is not None and not done.whistled:
                assert routed.within is not None  # made with the strongest whistle
                before, after = self._whistle_step(strongest.written.whistle or "", who, e)
                out.append(before + when(routed.at + routed.within) + after)
            for due, late, departments in done.waiting:
                out.append(chinese("dec.record.next.answer_late" if late else "dec.record.next.answer",
                                   departments="、".join(map(self._department, departments)), due=when(due)))
            if done.returned:
                out.append(chinese("dec.record.next.returned", departments="、".join(map(self._department, done.returned))))
            if done.responded:
                c = self.close
                out.append(c[0] + who + c[1] + when(close_by) + c[2])
            else:
                h = self.handle
                out.append(h[0] + who + h[1] + when(respond_by) + h[2] + when(close_by) + h[3])
            if level.above is not None:
                out.append(self._escalation(level.above, routed, e))
        if not done.fed_back:
            f = self.feedback[routed.at > feedback_by]
            out.append(f[0] + when(feedback_by) + f[1])
        if level.revisit or (self.department_revisit and (strongest is not None or done.whistled)):
            if not done.resolved:
                out.append(self.revisit[0])
            elif not done.revisited:
                out.append(self.revisit[1])
        return out

    def _whistle_step(self, kind: str, who: str, e: dict) -> tuple[str, ...]:
        key = (e["grid"], kind, who, e["type"])
        found = self._whistle.get(key)
        if found is None:
            if len(self._whistle) >= MEMO_LIMIT:
                self._whistle.clear()
            blower = self.pack.grids.get(e["grid"])
            found = self._whistle[key] = _cut(chinese(
                "dec.next.whistle", by=blower[0].name if blower is not None else e["grid"], kind=self.kind_names[kind],
                handler=who, departments=self.owners[e["type"]], due="{due}"), "due")
        return found

    def _escalation(self, above: int, routed: "Routed", e: dict) -> str:
        key = (above, e["grid"], e["community"], e["town"])
        found = self._escalate.get(key)
        if found is None:
            if len(self._escalate) >= MEMO_LIMIT:
                self._escalate.clear()
            who = self._who(self.handlers.of(above, routed.event), above)
            found = self._escalate[key] = chinese("dec.next.escalate", who=who)
        return found

    def _direct_step(self, levels: tuple[str, ...]) -> str:
        found = self._direct.get(levels)
        if found is None:
            names = "、".join(self.pack.levels[self.pack.level_rank[x]].name for x in levels)
            found = self._direct[levels] = chinese("dec.next.direct", levels=names)
        return found


__all__ = ["NOTHING", "Done", "EventSteps"]
