"""GR105/GR106 on a long list: the work and the findings grow with the items, not with pairs.

A list where one department owns every item overlaps in n(n-1)/2 pairs; one finding per
pair made ``lint`` take 6 GB at 10,000 items.  The check now compares an item with the
*profiles* of earlier items (owners, activities, towns, dates), says three overlaps one by
one and counts the rest.  Work is counted here (calls of the pairwise tests), not timed."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from gridrules.lint import overlap
from gridrules.lint.context import LintContext
from gridrules.pack.loader import read_pack

sys.path.append(str(Path(__file__).resolve().parents[2]))  # for `benchmarks`
from gridrules.catalogue import set_language  # noqa: E402
from benchmarks.pack_scale import copy_bundled, grow_items  # noqa: E402

ON = date(2026, 11, 30)


def _lint_counting(root: Path, monkeypatch) -> tuple[list, int]:
    pack = read_pack(root)
    calls = {"n": 0}
    for name in ("meet", "contains", "rank"):
        real = getattr(overlap, name)

        def counted(*args, _real=real):
            calls["n"] += 1
            return _real(*args)

        monkeypatch.setattr(overlap, name, counted)
    set_language("zh")  # the counted note is matched in its Chinese words below
    try:
        return list(overlap.run(LintContext(pack, ON))), calls["n"]
    finally:
        set_language(None)


# Spread over 22 departments, a department's items reach every profile of the generator
# (17 bundled shapes) only past ~1,000 items: the sizes are taken beyond that.
@pytest.mark.parametrize("one_owner, small_n", [(True, 150), (False, 1000)])
def test_overlap_work_and_findings_are_linear_in_items(tmp_path, monkeypatch, one_owner, small_n):
    results = {}
    for n in (small_n, 4 * small_n):
        root = tmp_path / f"p{n}"
        copy_bundled(root)
        grow_items(root, n, one_owner)
        results[n] = _lint_counting(root, monkeypatch)
    (small, small_work), (large, large_work) = results[small_n], results[4 * small_n]
    # 4x the items: 16x the pairs; linear work and output stay near 4x
    assert large_work < 5 * small_work
    assert len(large) < 5 * len(small)
    per_item = {}
    for f in large:
        if f.check.code == "GR105":
            per_item[f.subject] = per_item.get(f.subject, 0) + 1
    assert max(per_item.values()) <= overlap.SHOWN + 1  # three said one by one, then one count
    if one_owner:
        counted = [f for f in large if "还与另外" in f.message]
        assert counted, "the many overlaps of a one-department list are counted"
        last = max(counted, key=lambda f: f.location.line)
        # the last item overlaps every earlier item of its shape's activities: far more than three
        assert int(last.message.split("还与另外 ")[1].split(" 个")[0]) > 50
