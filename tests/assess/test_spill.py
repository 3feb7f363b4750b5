"""Lists kept on disk by shard and read back in shard order; a lazy list JSON writes item by item."""

from __future__ import annotations

import io
import json

from gridrules.assess.report import write_json
from gridrules.assess.spill import Lazy, Runs, merged


def test_runs_come_back_in_the_order_of_their_places_not_of_their_arrival():
    runs: Runs[tuple[int, str]] = Runs()
    for ordinal in (3, 0, 2, 5):  # shards finish in any order; 1 and 4 had nothing
        runs.put(ordinal, [(ordinal, "a"), (ordinal, "b")])
    runs.put(1, [])
    assert list(runs) == [(o, x) for o in (0, 2, 3, 5) for x in "ab"]
    assert list(runs) == list(runs) and len(runs) == 8  # read again, the same
    runs.close()


def test_two_runs_on_disk_merge_into_one_sorted_list():
    first: Runs[int] = Runs()
    second: Runs[int] = Runs()
    first.put(0, [1, 4, 9])
    first.put(1, [10, 30])
    second.put(0, [2, 3, 11, 40])
    both = merged([first, second], key=lambda n: n)
    assert list(both) == [1, 2, 3, 4, 9, 10, 11, 30, 40] and len(both) == 9 and both
    assert not merged([Runs(), []], key=lambda n: n)


def test_a_lazy_list_is_written_as_json_writes_a_list():
    doc = {"a": 1, "errors": Lazy(lambda: iter([{"x": "错"}, {"y": [1, 2]}]), 2), "empty": Lazy(lambda: iter([]), 0)}
    out = io.StringIO()
    write_json(doc, out.write)
    plain = {"a": 1, "errors": [{"x": "错"}, {"y": [1, 2]}], "empty": []}
    assert out.getvalue() == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
