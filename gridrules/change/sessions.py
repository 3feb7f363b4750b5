"""A body's sessions keep one date: what the pack records already is what a new decision must agree with.

A session number (``2026-6``: the 6th meeting of 2026) names one meeting, held on one day.
A decision giving a session the pack's history already records (any decision in
``history.yaml``: approvals, rejections, amendments, withdrawals) with another date is
refused: one of the two is wrong, and the history may not be corrected afterwards.
(``admission/items.yaml`` also names sessions, but only as the history wrote them or as
a pack's authors wrote them before its history began; those are not held to.)
Within a year the numbers count meetings in the order they were held, so a session
numbered after a recorded one but dated before it (or the other way round) is refused
too: it is a typo in the number or the date, not a late record (a late record of an
earlier meeting -- 2026-5 of 11-10 recorded after 2026-6 of 11-20 -- agrees with both).
Refused rather than warned: the record is permanent and the secretary is there to fix
the command; a warning would be read after the entry is written.

Sessions are a body's own (one unit's body, or the body of every unit of a level at one
unit); a session id not of the form ``YYYY-N`` is only held to its date, not to an order.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from gridrules.catalogue import t
from gridrules.catalogue.humane import session_words
from gridrules.errors import InputError, Problem
from gridrules.pack.pack import Pack

_NUMBERED = re.compile(r"^(?P<year>[0-9]{4})-(?P<n>[0-9]{1,3})$")

Key = tuple[str, str | None]  # the body, and its unit when the body is one of every unit of a level


def _key(pack: Pack, body: str, unit: str | None) -> Key:
    declared = pack.bodies.get(body)
    return body, (unit if declared is None or declared.unit is None else None)


def recorded(pack: Pack) -> Iterator[tuple[Key, str, str]]:
    """Every (body, session, date) the pack's history records."""
    for change in pack.history.changes:
        d = change.decision
        if d is not None and d.session:
            yield _key(pack, d.by, d.decided_at), d.session, str(d.date)


def check(pack: Pack, decision: dict[str, Any]) -> None:
    """Refuse (bad input, naming ``--session``) a decision whose session the history records on another
    day, or whose number and date contradict the order of the body's recorded sessions that year."""
    session = decision.get("session")
    if not session:
        return
    on = str(decision["date"])
    key = _key(pack, decision.get("by", ""), decision.get("unit"))
    numbered = _NUMBERED.match(session)
    for where, other, held in recorded(pack):
        if where != key:
            continue
        if other == session and held != on:
            raise InputError(Problem(t("change.session_date", session=session_words(session), date=held, on=on),
                                     field="--session"))
        found = _NUMBERED.match(other)
        if numbered is None or found is None or found["year"] != numbered["year"] or other == session:
            continue
        if (int(found["n"]) < int(numbered["n"])) != (held <= on) and held != on:
            raise InputError(Problem(t("change.session_order", session=session_words(session), on=on,
                                       other=session_words(other), date=held), field="--session"))


__all__ = ["check", "recorded"]
