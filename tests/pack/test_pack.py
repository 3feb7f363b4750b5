"""The pack's readings of an item over time (``Pack.terms_at``, ``known_terms``), remembered per span of days."""

from __future__ import annotations

from datetime import date

from gridrules.pack.model.inforce import WITHDRAWN, last_of
from gridrules.pack.pack import ItemAt


def _fresh_terms(pack, item, at: date, start: date) -> ItemAt | None:
    """What ``terms_at`` reads, worked out from the item's changes alone (nothing remembered)."""
    change = item.in_force.governing(at, start)
    if change is None:
        return None
    version = pack.item_versions[item.id][change.version]
    return ItemAt(item.id, change.version, last_of(version.effective.to, item.in_force.withdrawn_from(at)))


def _fresh_known(pack, item, at: date, start: date) -> ItemAt:
    found = _fresh_terms(pack, item, at, start)
    if found is not None:
        return found
    known = [c for c in item.in_force.known(at) if c.version != WITHDRAWN] or [item.in_force.changes[0]]
    version = known[-1].version
    return ItemAt(item.id, version, item.in_force.last_day(at, pack.item_versions[item.id][version].effective.to))


def _each_pair(pack, item, days):
    """Every reading of ``item`` on ``days``, in two orders (found as well as worked out), against a fresh one."""
    for order in (days, days[::-1]):
        for at in order:
            for start in order:
                expected = _fresh_terms(pack, item, at, start)
                assert pack.terms_at(item, at, start) == expected, (item, at, start)
                assert pack.item_terms(item, at, start) == (None if expected is None else pack.item_as(expected))
                assert pack.known_terms(item, at, start) is pack.item_as(_fresh_known(pack, item, at, start))


DAYS = [date.fromordinal(date(2026, 11, 22).toordinal() + 2 * n) for n in range(18)]


def test_an_items_terms_remembered_per_span_are_those_of_each_day(terms_pack):
    """L18 (tests/termspack.py: approved, amended, withdrawn): on every pair of days around its changes
    the terms read are those of that very pair."""
    _each_pair(terms_pack, terms_pack.items_by_id["L18"], DAYS)


def test_a_copy_with_changes_of_its_own_is_read_by_its_own(terms_pack):
    """An item as known on a day (``item_as_known``: only the changes decided by then) carries its own
    record: read in turn with the listed item, neither is given the other's reading."""
    pack = terms_pack
    listed = pack.items_by_id["L18"]
    copy = pack.item_as_known(listed, date(2026, 11, 26), date(2026, 12, 2))  # the approval alone
    assert copy.in_force is not listed.in_force and len(copy.in_force.changes) < len(listed.in_force.changes)
    for at in DAYS:
        for start in DAYS:
            for item in (listed, copy):
                expected = _fresh_terms(pack, item, at, start)
                assert pack.terms_at(item, at, start) == expected, (item.in_force, at, start)
                assert pack.known_terms(item, at, start) is pack.item_as(_fresh_known(pack, item, at, start))
