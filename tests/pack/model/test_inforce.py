"""Terms over time (policy section 8): which change governs a task, read from the dates alone."""

from __future__ import annotations

from datetime import date

from gridrules.pack.model.inforce import WITHDRAWN, Change, InForce, Segment, last_of

D = date.fromisoformat

# L18 of tests/termspack.py: approved 2026-11-26 from 2026-12-01; amended 2026-11-27 from 2026-12-10;
# withdrawn 2026-11-28 from 2026-12-20
L18 = InForce([Change(D("2026-11-26"), D("2026-12-01"), 0), Change(D("2026-11-27"), D("2026-12-10"), 1),
               Change(D("2026-11-28"), D("2026-12-20"), WITHDRAWN)])


def version(in_force: InForce, at: str, start: str) -> int | None:
    change = in_force.governing(D(at), D(start))
    return None if change is None else change.version


def test_a_check_knows_only_the_changes_decided_by_its_day():
    assert version(L18, "2026-11-25", "2026-12-12") is None  # not yet approved
    assert version(L18, "2026-11-26", "2026-12-12") == 0  # the amendment is decided the next day
    assert version(L18, "2026-11-27", "2026-12-12") == 1
    assert version(L18, "2026-11-27", "2027-02-01") == 1  # the withdrawal is not known yet
    assert version(L18, "2026-11-28", "2027-02-01") is None


def test_the_terms_in_effect_on_the_start_govern():
    assert version(L18, "2026-11-30", "2026-11-30") is None  # before the item takes effect
    assert version(L18, "2026-11-30", "2026-12-01") == 0
    assert version(L18, "2026-11-30", "2026-12-09") == 0
    assert version(L18, "2026-11-30", "2026-12-10") == 1
    assert version(L18, "2026-11-30", "2026-12-19") == 1
    assert version(L18, "2026-11-30", "2026-12-20") is None  # withdrawn from 2026-12-20


def test_a_withdrawal_ends_the_item_the_day_before_it_takes_effect():
    assert L18.last_day(D("2026-11-27"), None) is None
    assert L18.last_day(D("2026-11-28"), None) == D("2026-12-19")
    assert L18.last_day(D("2026-11-28"), D("2026-12-15")) == D("2026-12-15")  # its own end comes first
    assert L18.withdrawn_from(D("2027-06-01")) == D("2026-12-20")


def test_in_force_on_a_day_and_what_is_pending():
    assert not L18.holds_on(D("2026-11-30")) and L18.holds_on(D("2026-12-01"))
    assert not L18.holds_on(D("2026-12-20"))
    assert [c.version for c in L18.pending(D("2026-11-30"))] == [0, 1, WITHDRAWN]
    assert [c.version for c in L18.pending(D("2026-12-12"))] == [WITHDRAWN]
    assert L18.pending(D("2026-12-20")) == ()


def test_a_change_said_to_take_effect_before_the_item_does_takes_effect_with_it():
    early = InForce([Change(D("2026-11-26"), D("2026-12-01"), 0), Change(D("2026-11-27"), D("2026-11-27"), 1)])
    assert early.changes[1].effective == D("2026-12-01")
    assert version(early, "2026-11-30", "2026-11-30") is None and version(early, "2026-11-30", "2026-12-01") == 1


def test_a_withdrawal_taking_effect_before_an_amendment_means_the_amendment_never_applies():
    in_force = InForce([Change(D("2026-01-01"), D("2026-01-01"), 0), Change(D("2026-02-01"), D("2026-06-01"), 1),
                        Change(D("2026-03-01"), D("2026-04-01"), WITHDRAWN)])
    assert version(in_force, "2026-12-31", "2026-03-31") == 0
    assert version(in_force, "2026-12-31", "2026-06-01") is None
    segments = in_force.segments([None, None])
    assert all(s.version == 0 or s.known_until == D("2026-03-01") for s in segments)


def test_an_item_never_changed_is_one_segment():
    plain = InForce([Change(D("2024-12-20"), D("2025-01-01"), 0)])
    assert plain.segments([None]) == [Segment(D("2024-12-20"), None, D("2025-01-01"), None, None, 0)]
    assert plain.segments([D("2026-12-31")]) == [
        Segment(D("2024-12-20"), None, D("2025-01-01"), D("2026-12-31"), D("2026-12-31"), 0)]


def test_segments_agree_with_governing_on_every_day():
    """The compiler's reading (segments) and the library's (governing, last_day) are the same."""
    ends = [None, D("2027-06-30")]
    days = [date.fromordinal(D("2026-11-20").toordinal() + n) for n in range(45)]
    for at in days:
        for start in days:
            for end in (None, start, D("2026-12-19"), D("2026-12-25")):
                change = L18.governing(at, start)
                expected = None
                if change is not None:
                    last = L18.last_day(at, ends[change.version])
                    if (last is None or start <= last) and (end is None or last is None or end <= last):
                        expected = change.version
                found = [s.version for s in L18.segments(ends)
                         if s.known_from <= at and (s.known_until is None or at < s.known_until)
                         and s.first <= start and (s.last is None or start <= s.last)
                         and (end is None or s.end_by is None or end <= s.end_by)]
                assert found == ([] if expected is None else [expected]), (at, start, end)


def test_a_reading_remembered_per_span_of_days_is_the_reading_of_each_day():
    """``reading`` works each answer out once per span between the days changes are decided or take
    effect: on every pair of days, in two orders (so answers are found as well as worked out), it is
    ``governing`` and ``withdrawn_from`` of those very days."""
    days = [date.fromordinal(D("2026-11-20").toordinal() + n) for n in range(45)]
    for changes in (L18.changes, [Change(D("2026-11-21"), D("2026-11-21"), 0),
                                  Change(D("2026-11-25"), D("2026-12-15"), 1),
                                  Change(D("2026-12-01"), D("2026-12-05"), WITHDRAWN)]):
        for order in (days, days[::-1]):
            in_force = InForce(changes)
            for at in order:
                for start in order:
                    assert in_force.reading(at, start) == (in_force.governing(at, start),
                                                           in_force.withdrawn_from(at)), (at, start)


def test_the_last_day_is_the_end_or_the_day_before_a_withdrawal():
    assert last_of(None, None) is None
    assert last_of(D("2026-12-31"), None) == D("2026-12-31")
    assert last_of(None, D("2026-12-20")) == D("2026-12-19")
    assert last_of(D("2026-12-31"), D("2026-12-20")) == D("2026-12-19")
    assert last_of(D("2026-12-10"), D("2026-12-20")) == D("2026-12-10")
