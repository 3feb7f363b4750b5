"""Hypothesis strategies for valid tasks and events over a loaded pack, and for mutations
of them (shared by tests/decide/test_properties.py and benchmarks/fuzz.py).

Valid means: the contract's types, the pack's codes, a registered grid with its own
community and town (or an unregistered one), history in order, moments mostly 1990-2100 and
sometimes anywhere in 1900-8999, at any real UTC offset (-12:00 to +14:00).  A mutation drops a field, sets one (known or not) to any JSON value,
or replaces the whole document.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from gridrules.contract.documents import CallerId
from gridrules.contract.facts import CHANNELS, OUTCOMES, STATUSES

SPANS = ("none", "grids", "communities", "towns")  # the bundled pack's unit kinds

TEXT = st.characters(exclude_categories=["Cs"])  # no lone surrogates: they are not text
PLAIN = st.characters(exclude_categories=["Cs", "Cc"])
_CALLER_ID = TypeAdapter(CallerId)


def _caller_id(text: str) -> bool:
    """Whether the contract takes ``text`` as a caller's id (one of blanks only is refused)."""
    try:
        _CALLER_ID.validate_python(text)
    except ValidationError:
        return False
    return True


IDS = st.text(PLAIN, min_size=1, max_size=16).filter(_caller_id)
OFFSETS = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(TEXT, max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _moment(draw) -> datetime:
    """Mostly near now; sometimes anywhere in the supported years (1900-8999 UTC, less a
    day at each end for the offset, and a year at the end for the history that follows)."""
    if draw(st.integers(0, 4)):
        return draw(st.datetimes(datetime(1990, 1, 1), datetime(2100, 1, 1), timezones=OFFSETS))
    return draw(st.datetimes(datetime(1900, 1, 2), datetime(8998, 12, 31), timezones=OFFSETS))


def moments() -> st.SearchStrategy[datetime]:
    return st.composite(lambda draw: _moment(draw))()


@st.composite
def _task(draw, pack) -> dict:
    town_issued = draw(st.integers(0, 3)) == 0
    start = draw(st.dates(date(1990, 1, 1), date(2100, 12, 31)) | st.dates(date(1, 1, 1), date(9999, 12, 31) - timedelta(900)))
    task: dict[str, Any] = {
        "id": draw(IDS),
        "title": draw(st.text(TEXT, min_size=1, max_size=16).filter(str.strip)),  # a title only of blanks is refused
        "activities": draw(st.lists(st.sampled_from(sorted(pack.ids("activity"))), min_size=1, max_size=5, unique=True)),
        "start": start.isoformat(),
    }
    if town_issued:
        town = draw(st.sampled_from(sorted(pack.towns)))
        task |= {"issued_by": "town", "town": town, "department": town}
    else:
        task["department"] = draw(st.sampled_from(sorted(pack.departments)))
    optional = {
        "end": st.dates(start, start + timedelta(days=900)).map(date.isoformat),
        "assignee": st.sampled_from(sorted(pack.roles)),
        "list_item": st.sampled_from(sorted(pack.items_by_id)),
        "temporary_approval": st.sampled_from(sorted(a.ref for a in pack.approvals)),
        "status": st.sampled_from(STATUSES),
        "channel": st.sampled_from(CHANNELS),
        "hours_per_month": st.floats(0, 10000) | st.integers(0, 10000),
        "description": st.text(TEXT, max_size=30),
    }
    for name, values in optional.items():
        if draw(st.booleans()):
            task[name] = draw(values)
    return task


def tasks(pack) -> st.SearchStrategy[dict]:
    return _task(pack)


@st.composite
def _event(draw, pack) -> dict:
    reported = _moment(draw)
    event: dict[str, Any] = {
        "id": draw(IDS),
        "type": draw(st.sampled_from(sorted(pack.event_types))),
        "reported_at": reported.isoformat(),
    }
    if draw(st.booleans()):
        grid = draw(st.sampled_from(sorted(pack.grids)))
        _, community = pack.grids[grid]
        event["grid"] = grid
        if draw(st.booleans()):
            event["community"] = community.id
        if draw(st.booleans()):
            event["town"] = community.town
    else:
        event["grid"] = draw(st.from_regex(r"\Aunregistered-[a-z0-9]{1,8}\Z"))
        if draw(st.booleans()):
            event["town"] = draw(st.sampled_from(sorted(pack.towns)))
    levels = sorted(pack.level_rank)
    optional = {
        "grade": st.sampled_from(sorted(pack.grade_rank)),
        "life_threat": st.booleans(),
        "people_involved": st.integers(0, 10_000_000),
        "reporters": st.integers(1, 10_000_000),
        "recurrences_30d": st.integers(0, 10_000_000),
        "spans": st.sampled_from(SPANS),
        "needs_enforcement": st.booleans(),
        "assigned_to": st.sampled_from(levels),
        "description": st.text(TEXT, max_size=30),
    }
    for name, values in optional.items():
        if draw(st.booleans()):
            event[name] = draw(values)
    history, at = [], reported
    for _ in range(draw(st.integers(0, 3))):
        at = at + draw(st.timedeltas(timedelta(0), timedelta(days=30)))
        history.append({"level": draw(st.sampled_from(levels)), "outcome": draw(st.sampled_from(OUTCOMES)),
                        "at": at.astimezone(draw(OFFSETS)).isoformat()})
    if history:
        event["history"] = history
    return event


def events(pack) -> st.SearchStrategy[dict]:
    return _event(pack)


@st.composite
def _mutation(draw, doc: dict) -> Any:
    kind = draw(st.integers(0, 3))
    out = dict(doc)
    if kind == 0 and out:
        del out[draw(st.sampled_from(sorted(out)))]
    elif kind == 1:
        out[draw(st.sampled_from(sorted(out)))] = draw(JSON)
    elif kind == 2:
        out[draw(st.text(TEXT, max_size=10))] = draw(JSON)
    else:
        return draw(JSON)
    return out


def mutated(doc: dict) -> st.SearchStrategy[Any]:
    return _mutation(doc)
