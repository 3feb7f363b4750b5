"""How each placeholder of an event rule's text is filled (declared in ``contract.placeholders``).

A filler receives the routing (for its pack) and the values of exactly the
inputs its placeholder declares; an input is read from one decision (``Made``)
and the rule the reason is for (``(rule, effect)``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable, NamedTuple

from gridrules.contract.documents import Deadlines, EventInput, Handler, Whistle
from gridrules.contract.placeholders import EVENT
from gridrules.decide.clock import Clock, when


class Made(NamedTuple):
    """What one event decision has made before its texts."""

    event: EventInput
    fact: dict
    handler: Handler
    deadlines: Deadlines
    whistle: Whistle | None
    within: timedelta | None
    at: datetime


def _input(name: str) -> Callable[[Made, Any], Any]:
    """The getter of one declared input (``fact.grade``, ``event.type``, ``decision.at`` …)."""
    source, _, part = name.partition(".")
    if source == "fact":
        return lambda made, rule: made.fact[part]
    if source == "event":
        return lambda made, rule: getattr(made.event, part)
    if source == "rule":
        if part == "id":
            return lambda made, rule: rule[0].id
        effect = part  # the value the rule's own effect gave: rule.effect_grade, rule.effect_level
        return lambda made, rule: rule[1].get(effect)
    return _DECISION[part]


# Moments are read with their offset: aware datetimes compare (and hash) by instant,
# but 09:30+08:00 and 01:30+00:00 read differently.
def _deadline(part: str) -> Callable[[Made, Any], Any]:
    def read(made: Made, rule: Any) -> tuple[datetime, Any]:
        moment = getattr(made.deadlines, part)  # in the event's offset already
        return moment, moment.utcoffset()
    return read


_DECISION: dict[str, Callable[[Made, Any], Any]] = {
    "report_within": lambda made, rule: made.within,
    "whistle": lambda made, rule: made.whistle.kind if made.whistle else None,
    "respond_by": _deadline("respond_by"),
    "close_by": _deadline("close_by"),
    "feedback_by": _deadline("feedback_by"),
    "at": lambda made, rule: (made.at, made.event.reported_at.utcoffset()),  # read in the event's offset
    "handler": lambda made, rule: made.handler.name,
}
INPUTS = {name: _input(name) for reads in EVENT.values() for name in reads}


def _grade(routing, rank: int | None) -> str:
    return routing.pack.name_of("grade", rank) if rank is not None else "—"


def _level(routing, rank: int | None) -> str:
    return routing.pack.name_of("level", rank) if rank is not None else "—"


def _report_within(routing, within: timedelta | None) -> str:
    clock: Clock = routing.clock
    return clock.in_words(within) if within is not None else "—"


FILLERS: dict[str, Callable[..., str]] = {
    "type": lambda routing, code: code,
    "type_name": lambda routing, code: routing.pack.event_types[code].name,
    "type_grade_name": _grade,
    "type_level_name": _level,
    "given_grade_name": _grade,
    "grade_name": _grade,
    "level_name": _level,
    "base_level_name": _level,
    "assigned_name": _level,
    "last_level_name": _level,
    "people_involved": lambda routing, n: str(n),
    "reporters": lambda routing, n: str(n),
    "recurrences_30d": lambda routing, n: str(n),
    "departments": lambda routing, code: "、".join(
        routing.pack.departments[o].name for o in routing.pack.event_types[code].owners),
    "report_within": _report_within,
    "whistle_name": lambda routing, kind: kind or "—",
    "respond_by": lambda routing, moment: when(moment[0]),
    "close_by": lambda routing, moment: when(moment[0]),
    "feedback_by": lambda routing, moment: when(moment[0]),
    "at": lambda routing, moment: when(moment[0].astimezone(timezone(moment[1]))),
    "town_name": lambda routing, town: routing.pack.towns[town].name if town in routing.pack.towns else "—",
    "handler_name": lambda routing, name: name or "—",
    "effect_grade_name": _grade,
    "effect_level_name": _level,
    "condition": lambda routing, rule_id: routing.rendered[rule_id],
    "risk_name": lambda routing, code: routing.pack.risk_levels[routing.risks[code][0]].name,
    "safeguard": lambda routing, code: routing.risks[code][1],
    "blown_by_name": lambda routing, grid: routing.pack.grids[grid][0].name if grid in routing.pack.grids else grid,
}
