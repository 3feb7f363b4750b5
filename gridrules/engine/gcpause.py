"""Pause Python's cyclic garbage collector while a pack is built.

Loading a pack allocates hundreds of thousands of small objects that all stay
alive (YAML nodes, then the data built from them, then models), none of them in
reference cycles.  Every 700 allocations the collector wakes and walks the young
objects, and every so often all of them: on the province-scale pack that made
parsing 6x slower (composing its 2.2 MB registry: 0.80 s with the collector, 0.14 s
without; the whole load 2.4 s against 0.8 s).  Reference counting still frees
everything as usual; only the search for cycles waits until the pack is built.

Pauses nest and may overlap between threads: the collector runs again when the
last pause ends, and only if it was running when the first one began.

When a pause has added many objects (a province-scale pack: ~790,000; the bundled
pack: ~9,000) one full collection follows it, as part of the load.  The collector
plans full collections by how many objects the last one saw; without it, the
first full collection came due a few thousand decisions later and stalled one
decision for 0.23 s (province route_event fell from 25k/s to 15k/s in
``gridrules bench``).  With it a province load pays ~0.15 s once.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_resume = False
_young_at_start = 0
LARGE = 100_000  # objects added during a pause that make a full collection worth it


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _resume, _young_at_start
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
            _young_at_start = gc.get_count()[0]  # objects allocated less freed, since the last collection
        _depth += 1
    try:
        yield
    finally:
        collect = False
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
                collect = gc.get_count()[0] - _young_at_start > LARGE
        if collect:  # outside the lock: finalizers it runs may load packs themselves
            gc.collect()
