"""A body's sessions keep one date: every place the pack names a session must agree on its day.

A session number (``2026-6``: the 6th meeting of 2026) names one meeting, held on one day.
The pack names sessions in two places: the decisions of ``history.yaml`` (approvals,
rejections, amendments, withdrawals) and the items of ``admission/items.yaml`` (the
session that approved, amended or withdrew each, as the history wrote it or as the pack's
authors wrote it before its history began).  This module is the one home of what they must
agree on; ``validate``, the recording of a decision (``change.history``) and lint each
ask it:

* one date per session: an item giving a session another date than the history (or an
  item before it) gives is found at the item's date (``validate`` exits 2 on it, lint's
  GR004; the pack still loads, see ``problems``); a decision being recorded with another
  date than the pack gives is refused (``--session``);
* the year's order: within a year the numbers count meetings in the order they were held,
  so a decision numbered after a known one but dated before it (or the other way round) is
  refused when recorded -- a typo in the number or the date, not a late record (a late
  record of an earlier meeting -- 2026-5 of 11-10 recorded after 2026-6 of 11-20 -- agrees
  with both);
* the year of the number is the year of the date (2027年第1次 is not held on 2026-12-30):
  refused when recorded, a lint warning where the pack already holds one (a history entry
  cannot be corrected afterwards).

Refused rather than warned when recorded: the record is permanent and the secretary is
there to fix the command.  The history's own entries are not held against each other at
load: the history is append-only, and recording checked them when they were written.

Sessions are a body's own (one unit's body, or the body of every unit of a level at one
unit); a session id not of the form ``YYYY-N`` is only held to its date, not to an order
or a year.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, NamedTuple

from gridrules.catalogue import t
from gridrules.catalogue.humane import session_words
from gridrules.errors import InputError, Problem
from gridrules.pack import layout
from gridrules.pack.model.lists import Decision
from gridrules.pack.pack import Pack
from gridrules.pack.yamlsrc import describe_path

_NUMBERED = re.compile(r"^(?P<year>[0-9]{4})-(?P<n>[0-9]{1,3})$")

Key = tuple[str, str | None]  # the body, and its unit when the body is one of every unit of a level


class Held(NamedTuple):
    """One place the pack gives a session a date: the file and the path of the decision naming it."""

    key: Key
    session: str
    date: str
    rel: str
    path: tuple
    where: str  # the place in words: history.yaml, or an item's approval in admission/items.yaml


def _key(pack: Pack, body: str, unit: str | None) -> Key:
    declared = pack.bodies.get(body)
    return body, (unit if declared is None or declared.unit is None else None)


def held(pack: Pack) -> Iterator[Held]:
    """Every session the pack gives a date: the history's decisions first, then the items', in file order."""
    in_history = t("sessions.in_history")
    for i, change in enumerate(pack.history.changes):
        d = change.decision
        if d is not None and d.session:
            yield Held(_key(pack, d.by, d.decided_at), d.session, str(d.date), layout.HISTORY,
                       ("changes", i, "decision"), in_history)
    for i, item in enumerate(pack.items):
        body = pack.scopes.item_body(item)
        if body is None:  # an unknown body: the loader says so at the item
            continue
        key = _key(pack, body.id, pack.scopes.item_unit(item))
        decisions: list[tuple[tuple, Decision, str]] = [(("approval",), item.approval, "pack.approved")]
        decisions += [(("amendments", k), a, "pack.amended") for k, a in enumerate(item.amendments)]
        if item.withdrawal is not None:
            decisions.append((("withdrawal",), item.withdrawal, "pack.withdrawn"))
        for path, decision, what in decisions:
            yield Held(key, decision.session, str(decision.date), layout.ITEMS, ("items", i) + path,
                       t("sessions.in_item", item=item.id, change=t(what)))


def year_differs(session: str, on: str) -> bool:
    """A numbered session whose year is not its date's (2027-1 on 2026-12-30)."""
    numbered = _NUMBERED.match(session)
    return numbered is not None and numbered["year"] != on[:4]


def check(pack: Pack, decision: dict[str, Any]) -> None:
    """Refuse (bad input, naming ``--session``) a decision whose session the pack gives another day,
    whose number's year is not its date's, or whose number and date contradict the order of the
    body's known sessions that year."""
    session = decision.get("session")
    if not session:
        return
    on = str(decision["date"])

    def refuse(key: str, **words: Any) -> None:
        raise InputError(Problem(t(key, session=session_words(session), on=on, **words), field="--session"))

    numbered = _NUMBERED.match(session)
    if numbered is not None and numbered["year"] != on[:4]:
        refuse("change.session_year", year=numbered["year"])
    key = _key(pack, decision.get("by", ""), decision.get("unit"))
    for known in held(pack):
        if known.key != key:
            continue
        other, date = known.session, known.date
        if other == session and date != on:
            refuse("change.session_date", date=date, where=known.where)
        found = _NUMBERED.match(other)
        if numbered is None or found is None or found["year"] != numbered["year"] or other == session:
            continue
        if (int(found["n"]) < int(numbered["n"])) != (date <= on) and date != on:
            refuse("change.session_order", other=session_words(other), date=date, where=known.where)


def contradictions(pack: Pack) -> Iterator[tuple[Held, str]]:
    """Each item giving a session another date than the history, or an item before it, gives, with what
    it says (at the item's date)."""
    first: dict[tuple[Key, str], Held] = {}
    for known in held(pack):
        seen = first.setdefault((known.key, known.session), known)
        if seen.date != known.date and known.rel == layout.ITEMS:
            yield known, t("pack.session_date", session=session_words(known.session), date=seen.date,
                           where=seen.where, on=known.date)


def problems(pack: Pack) -> list[Problem]:
    """The contradictions as ``validate`` lists them, each at its ``path:line:col`` and field.  Not a load
    error: a pack holding one decides all the same (no decision reads a session), and a copy the tool
    makes with dates moved on purpose (``log.replay``'s) loads; ``validate`` exits 2 on it, as on a
    hand edit not recorded, and lint reports it (GR004)."""
    out = []
    for known, message in contradictions(pack):
        doc = pack.documents[known.rel]
        path = known.path + ("date",)
        out.append(Problem(message, doc.locate(path), describe_path(doc.data, path)))
    return out


def misdated(pack: Pack) -> Iterator[Held]:
    """Every place the pack gives a numbered session a date in another year (lint warns)."""
    return (known for known in held(pack) if year_differs(known.session, known.date))


__all__ = ["Held", "check", "contradictions", "held", "misdated", "problems", "year_differs"]
