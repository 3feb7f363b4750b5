"""Cross-references of the structure in packs other than the bundled one (the broken copies of
the bundled pack are in broken_packs/): each problem at its path:line:col."""

from __future__ import annotations

import pytest

from examplepacks import CITY, copy_of
from packedits import position

from gridrules.engine.loading import load_pack
from gridrules.errors import PackError


def problems(root) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return [str(p).split(str(root) + "/", 1)[1] for p in caught.value.problems]


def test_a_county_bodys_approval_longer_than_its_own_maximum(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    path = root / "admission" / "temporary.yaml"
    text = path.read_text(encoding="utf-8").replace("to: 2026-06-30", "to: 2026-07-01")
    path.write_text(text, encoding="utf-8")
    line, col = position(text, "2026-07-01")
    assert problems(root) == [f"admission/temporary.yaml:{line}:{col}: BS-LS-2026-01.to: runs 31 days "
                              "(2026-06-01 to 2026-07-01, both counted), longer than the maximum of 30"]


def test_a_body_at_a_unit_of_another_kind_and_an_item_at_a_unit_without_its_body(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    bodies = root / "admission" / "bodies.yaml"
    text = bodies.read_text(encoding="utf-8").replace("    level: county\n    unit: qingshan\n", "    level: county\n    unit: songlin\n")
    bodies.write_text(text, encoding="utf-8")
    line, col = position(text, "songlin")
    items = root / "admission" / "items.yaml"
    text = items.read_text(encoding="utf-8").replace("    body: baisha_body\n", "    body: baisha_body\n    unit: hekou\n")
    items.write_text(text, encoding="utf-8")
    item_line, item_col = position(text, "hekou")
    found = problems(root)
    assert f"admission/bodies.yaml:{line}:{col}: qingshan_body.unit: unit 'songlin' is a town, but level county is a county's" in found
    assert any(p.startswith(f"admission/items.yaml:{item_line}:{item_col}: BS01.unit: unit 'hekou' has no baisha_body") for p in found)


def test_history_names_a_body_the_pack_declares(tmp_path):
    root = copy_of(CITY, tmp_path / "city")
    from gridrules.change.workflow import withdraw
    from datetime import date

    withdraw(root, "QS01", "2026-4", date(2026, 4, 1))
    history = root / "history.yaml"
    history.write_text(history.read_text(encoding="utf-8").replace("by: qingshan_body", "by: qingshan_bdy"),
                       encoding="utf-8")
    assert any("decision.by: unknown body 'qingshan_bdy' (did you mean 'qingshan_body'?)" in p for p in problems(root))
