"""The province-scale record generator: seeded, distinct records, bad ones in their shares."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # for `benchmarks`

from benchmarks import province_records  # noqa: E402


def test_seeded_distinct_records_with_bad_ones_in_realistic_shares():
    lines = list(province_records.records(4000, seed=3, templates=300))
    assert lines == list(province_records.records(4000, seed=3, templates=300))
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            continue
    not_json = len(lines) - len(parsed)
    assert 2 <= not_json <= 30  # 0.3 %
    ids = Counter(r["event"]["id"] for r in parsed)
    assert 1 <= sum(n - 1 for n in ids.values()) <= 15  # 0.1 % repeat an earlier id
    assert len({(r["event"]["type"], r["event"]["reported_at"]) for r in parsed}) > 0.99 * len(parsed)
    kinds = Counter(s["kind"] for r in parsed for s in r["steps"])
    assert 40 <= kinds["reopened"] <= 130 and kinds["escalated"] > 200
    unknown = sum(1 for r in parsed for s in r["steps"] if s.get("departments") == ["no_such_department"])
    assert 2 <= unknown <= 30
