"""Memory of a process that reloads the pack after every change (a new version each time).

    python benchmarks/reload_memory.py [--reloads 500] [--no-reuse]

Each reload is a new pack version -- the bundled pack with one list item's
workload changed (what an amendment does) -- read, validated, compiled and put
behind a new ``Checker`` that decides one task; the previous Checker is dropped.
The resident set size is read every 25 reloads and the slope (MB per reload,
least squares over the second half) printed.  ``--no-reuse`` turns off the
adapter's reuse of rulesets registered by an earlier version (the behaviour
before it: every version registers all its rulesets), for the comparison.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import time
from datetime import datetime, timezone

from gridrules import Checker
from gridrules.engine import adapter
from gridrules.engine.loading import load_files
from gridrules.pack.loader import bundled_root, pack_files

TASK = {"id": "T-1", "title": "入户走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-10"}
AT = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)


class _NeverReuse(dict):
    def get(self, key, default=None):
        return default


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def slope(points: list[tuple[int, float]]) -> float:
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reloads", type=int, default=500)
    parser.add_argument("--no-reuse", action="store_true")
    args = parser.parse_args(argv)
    if args.no_reuse:
        adapter._registered = _NeverReuse()
    files = dict(pack_files(bundled_root()))
    items = files["admission/items.yaml"].decode("utf-8")
    points: list[tuple[int, float]] = []
    start = time.perf_counter()
    for n in range(1, args.reloads + 1):
        hours = 1 + n % 97 / 10  # a new value each reload: a new version
        edited = re.sub(r"hours_per_month: 3\n", f"hours_per_month: {hours}\n", items, count=1)
        files["admission/items.yaml"] = edited.encode("utf-8")
        files["pack.yaml"] = re.sub(rb"version: [0-9.]+", f"version: 1.{n}.0".encode(), files["pack.yaml"])
        checker = Checker(load_files(sorted(files.items()), f"reload {n}"))
        checker.check_task(TASK, at=AT)
        del checker
        if n % 25 == 0:
            gc.collect()
            points.append((n, rss_mb()))
    half = points[len(points) // 2:]
    print(f"{'no reuse' if args.no_reuse else 'reuse'}: {args.reloads} reloads in {time.perf_counter() - start:.0f} s, "
          f"RSS {points[0][1]:.1f} MB after 25 -> {points[-1][1]:.1f} MB; "
          f"slope {slope(half):.3f} MB/reload over reloads {half[0][0]}-{half[-1][0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
