"""The listed workload an application's review judges (its busiest day), read per change of each
item's terms (``listed_parts_on``) against read afresh for every day looked at (``listed_parts``
day by day), interleaved in one run, on distinct applications.

    python benchmarks/review_speed.py PACK [--n 20] [--seed 1]

PACK: a pack folder (the bundled one, or a province pack from ``province_pack.py``).  Each round
draws an application's start (in 2026), length (30-365 days) and hours at random, reviews it as
of 2026-01-05, and times both readings of its busiest day (the same totals: checked); the answer
is each side's median seconds and the median of the paired ratios.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from appdocs import CANLIAN  # noqa: E402
from gridrules.change import review  # noqa: E402
from gridrules.change.review import proposal_of_application  # noqa: E402
from gridrules.contract.application import Application  # noqa: E402
from gridrules.engine.loading import load_pack  # noqa: E402
from gridrules.pack import listed  # noqa: E402

ON = date(2026, 1, 5)


def _day_by_day(pack, on, days, exclude=None):
    """The reading before ``listed_parts_on``: every item's terms afresh for each day."""
    return (listed.listed_parts(pack, on, day, exclude=exclude) for day in days)


READINGS = {"once": listed.listed_parts_on, "daily": _day_by_day}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    pack = load_pack(args.pack)
    rng = random.Random(args.seed)
    once, daily, ratios = [], [], []
    for i in range(args.n):
        start = date(2026, 1, 6) + timedelta(days=rng.randrange(350))
        end = start + timedelta(days=rng.randrange(30, 366))
        app = Application.model_validate(CANLIAN | {"start": start.isoformat(), "end": end.isoformat(),
                                                    "hours_per_month": rng.choice([0.5, 1, 2, 3, 5])})
        proposal = proposal_of_application(app)
        times = {}
        for name in (("once", "daily") if i % 2 == 0 else ("daily", "once")):  # interleaved, alternating first
            review.listed_parts_on = READINGS[name]
            try:
                began = time.perf_counter()
                found = review._listed_where(pack, proposal, ON)
                times[name] = (time.perf_counter() - began, found)
            finally:
                review.listed_parts_on = READINGS["once"]
        assert times["once"][1] == times["daily"][1], (start, end, times)
        once.append(times["once"][0])
        daily.append(times["daily"][0])
        ratios.append(times["daily"][0] / times["once"][0])
    print(f"{args.pack}: {args.n} distinct applications; busiest day read per change "
          f"{statistics.median(once):.4f} s, day by day {statistics.median(daily):.4f} s; "
          f"paired ratio (day by day / per change) median {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
