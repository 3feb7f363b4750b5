"""Names a lookup must tell apart (``pack.samenames``): what is refused is in ``broken_packs/same_name_*``;
here, what is not, and that every kind a name lookup reads is checked."""

from __future__ import annotations

from packedits import apply_edit

from gridrules.catalogue import set_language
from gridrules.contract.kinds import WORDED
from gridrules.engine.loading import load_pack
from gridrules.pack.names import KINDS, resolve
from gridrules.pack.samenames import READ_TOGETHER, named_things

# the kinds a name lookup reads that are no pack's named things, or read as another's
NOT_NAMES = {"issuer": "departments and towns together (READ_TOGETHER)",
             "approval": "two phases of like work may each be decided: lint's GR304 says so",
             # a record step's unit: the towns', communities' and grids' names (each kind checked) read together;
             # a name two of them share is not refused at load but asked for by id when written (input.same_name)
             "unit": "the district's, towns', communities' and grids' names together"}


def test_every_kind_a_lookup_reads_is_checked_or_said_why_not(pack):
    checked = {thing.kind for thing in named_things(pack)}
    contract = {field.kind for field in WORDED}  # the contract's codes, in the catalogue's words
    assert set(KINDS) - contract - set(NOT_NAMES) == checked
    assert {kind for kinds in READ_TOGETHER for kind in kinds} <= checked


def test_communities_of_one_name_in_two_towns_pass_and_a_lookup_by_it_asks_for_the_id(pack_copy):
    apply_edit(pack_copy, {"file": "organization/registry.yaml", "replace": "  - id: longgang-wuxing\n    name: 五星社区",
                           "with": "  - id: longgang-wuxing\n    name: 和平社区"})
    pack = load_pack(pack_copy)
    set_language("zh")
    try:
        found = resolve(pack, "community", "和平社区")
    finally:
        set_language(None)
    assert found.id is None
    assert found.message == ("「和平社区」是几个村(社区)的名称：和平社区（tangxiang-heping，棠香街道）、"
                             "和平社区（longgang-wuxing，龙岗街道）；请写编号")


def test_list_items_of_one_name_in_force_at_different_times_pass(pack_copy):
    """An item withdrawn, then the same work approved again under a new id: never both in force."""
    apply_edit(pack_copy, {"file": "admission/items.yaml", "count": 1,
                           "replace": "    towns: all\n    effective: {from: 2025-01-01}",
                           "with": "    towns: all\n    effective: {from: 2025-01-01, to: 2025-06-30}"})
    apply_edit(pack_copy, {"file": "admission/items.yaml",
                           "replace": "    name: 出租房屋登记与动态核查\n", "with": "    name: 实有人口(含流动人口)采集核实\n"})
    apply_edit(pack_copy, {"file": "admission/items.yaml", "count": 1,
                           "replace": "    towns: all\n    effective: {from: 2025-01-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L03",
                           "with": "    towns: all\n    effective: {from: 2025-07-01}\n    approval: {session: 2024-4, date: 2024-12-20}\n    basis: 区联席会议 2024-4 审定的默认清单（区政策说明第4节）\n\n  - id: L03"})
    assert [i.name for i in load_pack(pack_copy).items[:2]] == ["实有人口(含流动人口)采集核实"] * 2



def test_one_towns_approvals_of_one_work_over_overlapping_dates_load(pack_copy):
    """Two phases of like work may each be decided (change.temporary records both, with a note): not
    refused as a name a lookup could not tell apart."""
    apply_edit(pack_copy, {"file": "admission/temporary.yaml",
                           "replace": "    unit: longshui\n    decided_on: 2026-05-20\n    work: 汛期防汛值守巡查",
                           "with": "    unit: tangxiang\n    decided_on: 2026-05-20\n    work: 冬季燃气安全入户宣传"})
    apply_edit(pack_copy, {"file": "admission/temporary.yaml", "replace": "    from: 2026-06-01\n    to: 2026-08-29",
                           "with": "    from: 2026-11-01\n    to: 2026-11-30"})
    assert [a.work for a in load_pack(pack_copy).approvals] == ["冬季燃气安全入户宣传"] * 2
