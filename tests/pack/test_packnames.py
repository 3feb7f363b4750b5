"""A name where a code belongs in a pack file (``pack.packnames``), in Chinese as a secretary reads it."""

from __future__ import annotations

import pytest
from packedits import apply_edit

from gridrules.catalogue import set_language
from gridrules.engine.loading import load_pack
from gridrules.errors import PackError
from gridrules.pack.packnames import _TABLES, PACK_FIELDS, field_kind


def test_every_field_holding_a_code_has_its_kinds_table():
    assert {kind for _, _, kind in PACK_FIELDS} <= set(_TABLES)
    assert field_kind("admission/items.yaml", ("items", 3, "activities", 0)) == "activity"
    assert field_kind("admission/items.yaml", ("items", 3, "name")) is None


def test_a_name_where_an_activity_code_belongs_is_told_in_the_activitys_terms(pack_copy):
    """Not 应为编号…（如 minzheng）: minzheng is a department's code, and this field holds an activity."""
    apply_edit(pack_copy, {"file": "admission/items.yaml", "count": 1, "replace": "activities: [collect_info, visit, report]",
                           "with": "activities: [入户走访, visit，report]"})
    set_language("zh")
    try:
        with pytest.raises(PackError) as caught:
            load_pack(pack_copy)
        said = [p.said() for p in caught.value.problems]
    finally:
        set_language(None)
    assert said == ['"入户走访" 格式不对：应写活动的编号（如 collect_info、visit）（是否指 入户走访（visit）？）',
                    "「visit，report」是几项活动连在一起写的（中间是全角逗号或顿号）：请每项分开写，用半角逗号，如 [visit, report]"]


def test_an_approvals_unit_and_a_levels_powers_hold_codes_of_their_kinds():
    """A secretary writes 棠香街道 for an approval's unit and 执法 for a level's power as readily as 应急局 for an owner."""
    assert field_kind("admission/temporary.yaml", ("approvals", 0, "unit")) == "unit"
    assert field_kind("organization/levels.yaml", ("levels", 2, "powers", 0)) == "power"
    assert field_kind("organization/registry.yaml", ("communities", 0, "grids", 1, "kind")) == "grid_kind"
