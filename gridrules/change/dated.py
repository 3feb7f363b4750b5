"""The two dates of a change to the pack: when it was decided and when it takes effect.

A decision is recorded once it is made: its date (the joint meeting's session, the
town's 专题研究) is never in the future.  It takes effect on its decision's date
unless it says later; never before it was decided.  An item's changes are decided
and take effect in the order they are recorded (``InForce``), so a new change may
not be decided or take effect before the item's last one.
"""

from __future__ import annotations

from datetime import date, datetime

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem, Refused
from gridrules.pack.model.inforce import InForce
from gridrules.pack.pack import Pack


def today(pack: Pack, recorded_at: datetime | None = None) -> date:
    return (recorded_at or datetime.now(pack.tz)).astimezone(pack.tz).date()


def date_problems(pack: Pack, on: date, effective: date | None, recorded_at: datetime | None = None) -> list[Problem]:
    """What is wrong with a change's dates: ``on`` after today, ``effective`` before ``on``."""
    now = today(pack, recorded_at)
    problems = []
    if on > now:
        problems.append(Problem(t("change.future_decision", on=on, today=now), field="--date"))
    if effective is not None and effective < on:
        problems.append(Problem(t("change.effect_before_decision", effective=effective, on=on), field="--effective"))
    return problems


def effective_date(pack: Pack, on: date, effective: date | None, recorded_at: datetime | None = None) -> date:
    """The day the change takes effect (default: ``on``); bad input if ``on`` is after today or
    ``effective`` before ``on``."""
    problems = date_problems(pack, on, effective, recorded_at)
    if problems:
        raise InputError(problems)
    return on if effective is None else effective


def follows(what: str, in_force: InForce, on: date, effective: date) -> None:
    """Refused when a change decided on ``on`` with effect from ``effective`` would come before
    the last change already recorded."""
    last = in_force.changes[-1]
    if on < last.decided:
        raise Refused(t("change.decided_before_last", what=what, last=last.decided, on=on))
    if effective < last.effective:
        raise Refused(t("change.effect_before_last", what=what, last=last.effective, effective=effective))
