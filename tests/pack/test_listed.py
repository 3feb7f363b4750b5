"""The listed workload's parts for many days at once are each day's parts, read once per change."""

from __future__ import annotations

import random
from datetime import date, timedelta

from gridrules.pack.listed import listed_parts, listed_parts_on


def test_the_parts_over_many_days_are_each_days_parts(terms_pack):
    """Over days around every change of the list (L18's three terms, tests/termspack.py; the approvals' runs),
    known on several days, with and without an item left out."""
    rng = random.Random(7)
    first = date(2026, 5, 1)
    days = sorted({first + timedelta(days=rng.randrange(400)) for _ in range(60)}
                  | {date(2026, 12, 1), date(2026, 12, 10), date(2026, 12, 19), date(2026, 12, 20)})
    for on in (date(2026, 5, 1), date(2026, 11, 9), date(2026, 11, 30), date(2027, 3, 1)):
        for exclude in (None, "L13", "L18"):
            assert list(listed_parts_on(terms_pack, on, days, exclude)) == [
                listed_parts(terms_pack, on, day, exclude=exclude) for day in days], (on, exclude)
